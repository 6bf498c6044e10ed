// Researchers' tags per document, kept in sidecar files under
// `.policy-lens/` at the workspace root (mirroring the document's path).
// Tags follow edits exactly; after outside changes they are re-anchored by
// their quotes; a sidecar that does not parse is never overwritten (a backup
// is kept, the user is told, tagging that document waits); writes are
// atomic (temporary file + rename), debounced, and flushed on shutdown.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DocumentTags, RejectedEntity, Tag } from '../core/tags/types';
import { createTag, quoteAt } from '../core/tags/model';
import type { Entity } from '../core/types';
import { sha256 } from '../core/text/hash';
import { applyEdits } from '../core/tags/edits';
import { applyEditToRejected } from '../core/tags/edits';
import { parseSidecar } from '../core/tags/sidecar';
import { reanchor } from '../core/tags/anchor';
import { reanchorRejected } from '../core/tags/anchor';
import { serializeSidecar } from '../core/tags/sidecar';
import { SIDECAR_DIR } from '../core/tags/sidecar';
import { sidecarPathFor } from '../core/tags/sidecar';
import { TagHistory } from '../core/tags/history';

const WRITE_DELAY_MS = 400;

interface DocState {
  uri: vscode.Uri;
  folder: vscode.WorkspaceFolder;
  relPath: string;
  sidecar: vscode.Uri;
  data: DocumentTags;
  /** Why tagging waits (the sidecar does not parse), or undefined. */
  blocked?: string;
  dirty: boolean;
  /** Bumped on every change; a write clears `dirty` only if no change came in while it ran. */
  changes: number;
  /** The write under way, so that writes of one sidecar never overlap. */
  saving?: Promise<void>;
  timer?: ReturnType<typeof setTimeout>;
  history: TagHistory;
  /** Text of the document the offsets refer to (to hash on write and detect outside changes). */
  text: string;
}

/** Why a document cannot be tagged, as a one-line message; undefined when it can. */
export type Refusal = string | undefined;

/** Tags of open documents and their sidecars. */
export class TagStore implements vscode.Disposable {
  private readonly docs = new Map<string, DocState>();
  private readonly loading = new Map<string, Promise<DocState | undefined>>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  private readonly disposables: vscode.Disposable[] = [];
  /** Fires when a document's tags or rejections changed. */
  readonly onDidChange = this.changed.event;
  /** Set while the store writes a sidecar, so the watcher ignores its own writes. */
  private writing = new Set<string>();

  constructor(private readonly accepts: (d: vscode.TextDocument) => boolean) {
    const watcher = vscode.workspace.createFileSystemWatcher(`**/${SIDECAR_DIR}/**/*.json`);
    this.disposables.push(
      this.changed,
      watcher,
      watcher.onDidChange((u) => this.onSidecarChanged(u)),
      watcher.onDidCreate((u) => this.onSidecarChanged(u)),
      vscode.workspace.onDidOpenTextDocument((d) => void this.load(d)),
      vscode.workspace.onDidCloseTextDocument((d) => void this.unload(d.uri)),
      vscode.workspace.onDidChangeTextDocument((e) => this.onEdit(e)),
      // Pending tags are written before a rename, so the sidecar that moves is complete.
      vscode.workspace.onWillRenameFiles((e) => e.waitUntil(this.flush())),
      vscode.workspace.onDidRenameFiles((e) => void this.onRename(e.files)),
    );
    const initial = setTimeout(() => vscode.workspace.textDocuments.forEach((d) => void this.load(d)), 0);
    this.disposables.push({ dispose: () => clearTimeout(initial) });
  }

  /** Where a document's sidecar lives, or a one-line reason why it has none. */
  locate(uri: vscode.Uri): { folder: vscode.WorkspaceFolder; relPath: string; sidecar: vscode.Uri } | string {
    if (uri.scheme === 'untitled') return vscode.l10n.t('Save the document first: tags are stored beside the workspace in {0}/.', SIDECAR_DIR);
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return vscode.l10n.t('Only documents inside a workspace folder can be tagged (tags are stored in its {0}/ folder).', SIDECAR_DIR);
    const relPath = path.posix.relative(folder.uri.path, uri.path);
    if (relPath.startsWith(`${SIDECAR_DIR}/`)) return vscode.l10n.t('Sidecar files cannot be tagged.');
    return { folder, relPath, sidecar: vscode.Uri.joinPath(folder.uri, ...sidecarPathFor(relPath).split('/')) };
  }

  /** Writes a closed document's pending tags and forgets it (a reopen reads the sidecar again). */
  private async unload(uri: vscode.Uri): Promise<void> {
    const state = this.docs.get(uri.toString());
    if (!state) return;
    if (state.dirty) await this.write(state);
    const reopened = vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString() && !d.isClosed);
    if (this.docs.get(uri.toString()) === state && !state.dirty && !reopened) this.docs.delete(uri.toString());
  }

  /** Loads (once) the tags of a document; resolves to undefined for documents that cannot be tagged. */
  load(document: vscode.TextDocument): Promise<DocState | undefined> {
    if (!this.accepts(document)) return Promise.resolve(undefined);
    const key = document.uri.toString();
    const have = this.docs.get(key);
    if (have) return Promise.resolve(have);
    let p = this.loading.get(key);
    if (!p) {
      p = this.read(document).finally(() => this.loading.delete(key));
      this.loading.set(key, p);
    }
    return p;
  }

  private async read(document: vscode.TextDocument): Promise<DocState | undefined> {
    const where = this.locate(document.uri);
    if (typeof where === 'string') return undefined;
    const text = document.getText();
    const state: DocState = {
      uri: document.uri,
      ...where,
      data: { document: where.relPath, sha256: sha256(text), tags: [], rejected: [] },
      dirty: false,
      changes: 0,
      history: new TagHistory(),
      text,
    };
    let raw: string | undefined;
    try {
      raw = new TextDecoder().decode(await vscode.workspace.fs.readFile(where.sidecar));
    } catch (err) {
      if (!(err instanceof vscode.FileSystemError && err.code === 'FileNotFound')) {
        // Unreadable is not absent: never start an empty sidecar over one we could not read.
        state.blocked = vscode.l10n.t('{0} could not be read ({1}). Tagging this document waits until it can be.', vscode.workspace.asRelativePath(where.sidecar), err instanceof Error ? err.message : String(err));
        void vscode.window.showErrorMessage(`Policy Lens: ${state.blocked}`);
      }
      raw = undefined;
    }
    if (raw !== undefined) this.parseInto(state, raw, text);
    // Edits made while the sidecar was read: follow them by the quotes.
    if (!document.isClosed && document.getText() !== text) {
      state.data = { ...state.data, tags: reanchor(state.data.tags, document.getText(), text).tags, rejected: reanchorRejected(state.data.rejected, document.getText(), text) };
      state.text = document.getText();
    }
    if (document.isClosed) return undefined;
    this.docs.set(document.uri.toString(), state);
    this.changed.fire(document.uri);
    return state;
  }

  /** Fills state.data from sidecar JSON, re-anchoring when the text changed; blocks the document on a parse error. */
  private parseInto(state: DocState, raw: string, text: string): void {
    const hash = sha256(text);
    try {
      const peek = JSON.parse(raw) as { sha256?: unknown };
      const same = peek && peek.sha256 === hash;
      // With the text, offsets are converted to UTF-16 (exactly when the hash matches, approximately otherwise).
      const parsed = parseSidecar(raw, text);
      if (!same) {
        // Written for another version of the text: find every tag again by its quote.
        const r = reanchor(parsed.tags, text);
        parsed.tags = r.tags;
        parsed.rejected = reanchorRejected(parsed.rejected, text);
        parsed.sha256 = hash;
        state.dirty = true;
        this.scheduleWrite(state);
      }
      state.data = parsed;
      state.text = text;
      state.history.clear(); // snapshots from before an outside change no longer apply
      state.blocked = undefined;
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      const backup = this.backup(state.sidecar, raw);
      state.blocked = vscode.l10n.t('{0} does not parse ({1}). It was not changed; a copy is in {2}. Tagging this document waits until the file is fixed.', vscode.workspace.asRelativePath(state.sidecar), reason, backup ? path.basename(backup) : '—');
      void vscode.window.showErrorMessage(`Policy Lens: ${state.blocked}`);
    }
  }

  /** Keeps a copy of a sidecar that does not parse; returns its path. */
  private backup(sidecar: vscode.Uri, raw: string): string | undefined {
    if (sidecar.scheme !== 'file') return undefined;
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const target = `${sidecar.fsPath}.corrupt-${stamp}.bak`;
    try {
      fs.writeFileSync(target, raw);
      return target;
    } catch {
      return undefined;
    }
  }

  private async onSidecarChanged(uri: vscode.Uri): Promise<void> {
    if (this.writing.has(uri.toString())) return;
    for (const state of this.docs.values()) {
      if (state.sidecar.toString() !== uri.toString()) continue;
      let raw: string;
      try {
        raw = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      } catch {
        continue; // deleted again; our state stays and will be written
      }
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === state.uri.toString());
      const text = doc?.getText() ?? state.text;
      const pending = state.dirty && !state.blocked ? state.data : undefined;
      this.parseInto(state, raw, text);
      if (pending && !state.blocked) {
        // Changed on disk (git, sync, the CLI) while ours were pending: keep both, by tag id.
        const ids = new Set(state.data.tags.map((t) => t.id));
        const mine = pending.tags.filter((t) => !ids.has(t.id));
        const rejected = [...state.data.rejected, ...pending.rejected.filter((r) => !state.data.rejected.some((x) => x.type === r.type && x.start === r.start && x.end === r.end))];
        state.data = { ...state.data, tags: [...state.data.tags, ...mine], rejected };
        this.scheduleWrite(state);
      }
      this.changed.fire(state.uri);
    }
  }

  /** The state of a loaded document. */
  get(uri: vscode.Uri): DocState | undefined {
    return this.docs.get(uri.toString());
  }

  /** Tags of a document (empty if none or not loaded). */
  tags(uri: vscode.Uri): readonly Tag[] {
    return this.docs.get(uri.toString())?.data.tags ?? [];
  }

  /** Rejected automatic entities of a document. */
  rejected(uri: vscode.Uri): readonly RejectedEntity[] {
    return this.docs.get(uri.toString())?.data.rejected ?? [];
  }

  /** Whether an automatic entity at absolute UTF-16 [start, end) of this type was rejected. */
  isRejected(uri: vscode.Uri, type: string, start: number, end: number): boolean {
    return this.rejected(uri).some((r) => r.type === type && r.start === start && r.end === end);
  }

  /** Loads the document's tags for a command; returns the state or shows why it cannot be tagged. */
  async editable(document: vscode.TextDocument): Promise<DocState | undefined> {
    const where = this.locate(document.uri);
    if (typeof where === 'string') {
      void vscode.window.showWarningMessage(`Policy Lens: ${where}`);
      return undefined;
    }
    const state = await this.load(document);
    if (!state) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Policy Lens: this document is not a policy text (see the setting policyLens.languages).'));
      return undefined;
    }
    if (state.blocked) {
      void vscode.window.showErrorMessage(`Policy Lens: ${state.blocked}`);
      return undefined;
    }
    return state;
  }

  private mutate(state: DocState, fn: (data: DocumentTags) => void): void {
    state.history.record(state.data); // the history keeps its own copy
    fn(state.data);
    state.dirty = true;
    this.scheduleWrite(state);
    this.changed.fire(state.uri);
  }

  /** Tags [start, end) (UTF-16 offsets) with a label. */
  async addTag(document: vscode.TextDocument, start: number, end: number, label: string, extra: Partial<Pick<Tag, 'note' | 'source' | 'entity'>> = {}): Promise<Tag | undefined> {
    const state = await this.editable(document);
    if (!state || end <= start) return undefined;
    const tag = createTag(document.getText(), start, end, label, extra);
    this.mutate(state, (d) => d.tags.push(tag));
    return tag;
  }

  /** Removes a tag by id. */
  async removeTag(document: vscode.TextDocument, id: string): Promise<boolean> {
    const state = await this.editable(document);
    if (!state || !state.data.tags.some((t) => t.id === id)) return false;
    this.mutate(state, (d) => (d.tags = d.tags.filter((t) => t.id !== id)));
    return true;
  }

  /** Sets (or clears, with '') a tag's note. */
  async setNote(document: vscode.TextDocument, id: string, note: string): Promise<boolean> {
    const state = await this.editable(document);
    if (!state || !state.data.tags.some((t) => t.id === id)) return false;
    this.mutate(state, (d) => {
      const t = d.tags.find((x) => x.id === id)!;
      if (note) t.note = note;
      else delete t.note;
      t.modified = new Date().toISOString();
    });
    return true;
  }

  /** Hides an automatic entity (absolute UTF-16 offsets); it stays hidden while its text is unchanged. */
  async reject(document: vscode.TextDocument, entity: Entity): Promise<boolean> {
    const state = await this.editable(document);
    if (!state) return false;
    const text = document.getText();
    this.mutate(state, (d) => d.rejected.push({ type: entity.type, start: entity.start, end: entity.end, quote: quoteAt(text, entity.start, entity.end) }));
    return true;
  }

  /** Adds tags read from another tool's file (one undoable action). */
  async addImported(document: vscode.TextDocument, tags: Tag[]): Promise<number> {
    const state = await this.editable(document);
    if (!state || tags.length === 0) return 0;
    this.mutate(state, (d) => d.tags.push(...tags));
    return tags.length;
  }

  /** Undoes the last tagging action on the document; false when there is none. */
  async undo(document: vscode.TextDocument): Promise<boolean> {
    const state = await this.editable(document);
    const previous = state?.history.undo(state.data);
    if (!state || !previous) return false;
    state.data = previous;
    state.dirty = true;
    this.scheduleWrite(state);
    this.changed.fire(state.uri);
    return true;
  }

  private onEdit(e: vscode.TextDocumentChangeEvent): void {
    const state = this.docs.get(e.document.uri.toString());
    if (!state || e.contentChanges.length === 0 || state.blocked) return;
    const edits = e.contentChanges.map((c) => ({ start: c.rangeOffset, end: c.rangeOffset + c.rangeLength, text: c.text }));
    state.history.applyEdits(edits); // undo states follow the text too
    const before = state.data;
    if (before.tags.length === 0 && before.rejected.length === 0) {
      state.text = e.document.getText();
      return; // nothing to move; the hash is computed when a sidecar is written
    }
    const hadOrphans = before.tags.filter((t) => t.orphan).length;
    let tags = applyEdits(before.tags, edits);
    let rejected = before.rejected;
    for (const edit of edits) rejected = applyEditToRejected(rejected, edit);
    const text = e.document.getText();
    // A change that orphaned tags may be a reload from disk or a large paste: look for them again.
    if (tags.filter((t) => t.orphan).length > hadOrphans) {
      tags = reanchor(tags, text, state.text).tags;
      state.history.clear(); // snapshots from before a wholesale change would come back orphaned
      if (rejected.length < before.rejected.length) rejected = [...rejected, ...reanchorRejected(before.rejected.filter((r) => !rejected.includes(r)), text, state.text)];
    }
    state.data = { ...before, tags, rejected };
    state.text = text;
    state.dirty = true;
    this.scheduleWrite(state);
    this.changed.fire(state.uri);
  }

  private async onRename(files: readonly { oldUri: vscode.Uri; newUri: vscode.Uri }[]): Promise<void> {
    for (const { oldUri, newUri } of files) {
      const from = this.locate(oldUri);
      const to = this.locate(newUri);
      if (typeof from === 'string' || typeof to === 'string') continue;
      // A renamed folder moves the folder of sidecars below it; a file, its own sidecar.
      const fromDir = vscode.Uri.joinPath(from.folder.uri, SIDECAR_DIR, ...from.relPath.split('/'));
      const toDir = vscode.Uri.joinPath(to.folder.uri, SIDECAR_DIR, ...to.relPath.split('/'));
      for (const [src, dst] of [
        [from.sidecar, to.sidecar],
        [fromDir, toDir],
      ] as const) {
        try {
          await vscode.workspace.fs.stat(src);
        } catch {
          continue;
        }
        try {
          await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(dst, '..'));
          await vscode.workspace.fs.rename(src, dst, { overwrite: false });
        } catch (err) {
          void vscode.window.showWarningMessage(vscode.l10n.t('Policy Lens could not move {0} to {1}: {2}. Both are kept; move it by hand.', vscode.workspace.asRelativePath(src), vscode.workspace.asRelativePath(dst), err instanceof Error ? err.message : String(err)));
        }
      }
      for (const [key, state] of [...this.docs]) {
        const old = oldUri.toString();
        if (key !== old && !key.startsWith(old.endsWith('/') ? old : `${old}/`)) continue;
        this.docs.delete(key);
        const moved = vscode.Uri.parse(newUri.toString() + key.slice(oldUri.toString().length));
        const where = this.locate(moved);
        if (typeof where === 'string') continue;
        Object.assign(state, { uri: moved, ...where });
        state.data.document = where.relPath;
        state.dirty = true;
        this.docs.set(moved.toString(), state);
        this.scheduleWrite(state);
      }
    }
  }

  private scheduleWrite(state: DocState): void {
    state.changes++;
    if (state.timer) clearTimeout(state.timer);
    state.timer = setTimeout(() => void this.write(state), WRITE_DELAY_MS);
  }

  /** Writes a sidecar now: temporary file, then rename over the old one. Never writes a blocked document; one write at a time per sidecar. */
  private write(state: DocState): Promise<void> {
    if (state.timer) clearTimeout(state.timer);
    state.timer = undefined;
    const run = (state.saving ?? Promise.resolve()).then(() => this.writeNow(state));
    state.saving = run.finally(() => {
      if (state.saving === run) state.saving = undefined;
    });
    return run;
  }

  private async writeNow(state: DocState): Promise<void> {
    if (!state.dirty || state.blocked) return;
    const changes = state.changes;
    const empty = state.data.tags.length === 0 && state.data.rejected.length === 0;
    const key = state.sidecar.toString();
    this.writing.add(key);
    try {
      if (empty) {
        try {
          await vscode.workspace.fs.stat(state.sidecar);
        } catch {
          if (state.changes === changes) state.dirty = false;
          return; // nothing to keep, nothing written
        }
      }
      const json = serializeSidecar(state.data, state.text);
      const tmp = state.sidecar.with({ path: `${state.sidecar.path}.tmp-${process.pid}` });
      await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(state.sidecar, '..'));
      await vscode.workspace.fs.writeFile(tmp, Buffer.from(json, 'utf8'));
      await vscode.workspace.fs.rename(tmp, state.sidecar, { overwrite: true });
      // Changes made while this write ran are still pending: their timer writes them.
      if (state.changes === changes) state.dirty = false;
    } catch (err) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Policy Lens could not save the tags of {0}: {1}', state.data.document, err instanceof Error ? err.message : String(err)));
    } finally {
      setTimeout(() => this.writing.delete(key), 500);
    }
  }

  /** Writes every pending sidecar now (before a reload, on deactivate). */
  async flush(): Promise<void> {
    await Promise.all([...this.docs.values()].filter((s) => s.dirty).map((s) => this.write(s)));
  }

  /** Synchronous last-chance write of pending sidecars (disposal cannot await). */
  private flushSync(): void {
    for (const state of this.docs.values()) {
      if (state.timer) clearTimeout(state.timer);
      if (!state.dirty || state.blocked || state.sidecar.scheme !== 'file') continue;
      try {
        const json = serializeSidecar(state.data, state.text);
        fs.mkdirSync(path.dirname(state.sidecar.fsPath), { recursive: true });
        const tmp = `${state.sidecar.fsPath}.tmp-${process.pid}`;
        fs.writeFileSync(tmp, json);
        fs.renameSync(tmp, state.sidecar.fsPath);
        state.dirty = false;
      } catch {
        /* nothing more can be done while shutting down */
      }
    }
  }

  dispose(): void {
    this.flushSync();
    for (const d of this.disposables) d.dispose();
  }
}
