// Researchers' tags per document, kept in sidecar files under
// `.policy-lens/` at the workspace root (mirroring the document's path). The
// tag logic is the core's TagDocument (src/core/tags/document.ts); this file
// connects it to VS Code: documents opening and closing, edits, sidecars
// changed on disk, renames, and writes (atomic, debounced, flushed on
// shutdown) through vscode.workspace.fs. A sidecar that does not parse is
// never overwritten: a backup is kept, the user is told, tagging that
// document waits.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { TagDocument } from '../core/tags/document';
import { decodeSidecar, SIDECAR_DIR, sidecarPathFor, SidecarError } from '../core/tags/sidecar';
import { readDocumentTags, writeAtomic } from '../core/tags/sidecarFiles';
import type { DocumentTags, RejectedEntity, Tag } from '../core/tags/types';
import type { Entity } from '../core/types';
import { workspaceFiles } from './workspaceFiles';

const WRITE_DELAY_MS = 400;

/** Where a document's sidecar is. */
interface Location {
  folder: vscode.WorkspaceFolder;
  relPath: string;
  sidecar: vscode.Uri;
}

/** A loaded document: its TagDocument and the state of its sidecar file. */
export class DocState implements Location {
  folder: vscode.WorkspaceFolder;
  relPath: string;
  sidecar: vscode.Uri;
  /** Why tagging waits (the sidecar does not parse or cannot be read), as shown to the user; undefined when it can. */
  blocked?: string;
  dirty = false;
  /** Bumped on every change; a write clears `dirty` only if no change came in while it ran. */
  changes = 0;
  /** The write under way, so that writes of one sidecar never overlap. */
  saving?: Promise<void>;
  timer?: ReturnType<typeof setTimeout>;
  /** The sidecar's content as last written or read by us (a watcher event with the same content is our own write). */
  lastContent?: string;

  constructor(
    public uri: vscode.Uri,
    where: Location,
    readonly doc: TagDocument,
  ) {
    this.folder = where.folder;
    this.relPath = where.relPath;
    this.sidecar = where.sidecar;
  }

  /** The document's tags and rejections (UTF-16 offsets). */
  get data(): Readonly<DocumentTags> {
    return this.doc.data;
  }
}

/** Tags of open documents and their sidecars. */
export class TagStore implements vscode.Disposable {
  private readonly docs = new Map<string, DocState>();
  private readonly loading = new Map<string, Promise<DocState | undefined>>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  private readonly disposables: vscode.Disposable[] = [];
  /** Fires when a document's tags or rejections changed. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly accepts: (d: vscode.TextDocument) => boolean) {
    const watcher = vscode.workspace.createFileSystemWatcher(`**/${SIDECAR_DIR}/**/*.json`);
    this.disposables.push(
      this.changed,
      watcher,
      watcher.onDidChange((u) => void this.onSidecarChanged(u)),
      watcher.onDidCreate((u) => void this.onSidecarChanged(u)),
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
  locate(uri: vscode.Uri): Location | string {
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
    const state = new DocState(document.uri, where, new TagDocument(where.relPath, text));
    let raw: string | undefined;
    try {
      const bytes = await workspaceFiles.read(where.sidecar);
      raw = bytes === undefined ? undefined : decodeSidecar(bytes);
    } catch (err) {
      // Unreadable is not absent: never start an empty sidecar over one we could not read.
      if (err instanceof SidecarError) await this.block(state, err.message, undefined);
      else await this.block(state, undefined, undefined, err);
      raw = undefined;
    }
    if (raw !== undefined) await this.loadInto(state, raw, text);
    // Edits made while the sidecar was read: follow them by the quotes.
    if (!document.isClosed && state.doc.replaceText(document.getText())) this.scheduleWrite(state);
    if (document.isClosed) return undefined;
    this.docs.set(document.uri.toString(), state);
    this.changed.fire(document.uri);
    return state;
  }

  /** Loads sidecar JSON into a document's TagDocument; blocks the document (with a backup of the file) when it does not parse. */
  private async loadInto(state: DocState, raw: string, text: string, pending = false): Promise<void> {
    const result = state.doc.reload(raw, text, pending);
    if (!result.ok) {
      await this.block(state, result.error, raw);
      return;
    }
    state.blocked = undefined;
    state.lastContent = raw;
    if (result.reanchored || ('merged' in result && result.merged)) this.scheduleWrite(state);
  }

  /** Marks a document as not taggable and says why (a parse error keeps a backup of the file first). */
  private async block(state: DocState, parseError: string | undefined, raw: string | undefined, readError?: unknown): Promise<void> {
    const where = vscode.workspace.asRelativePath(state.sidecar);
    if (parseError !== undefined) {
      const backup = raw !== undefined ? await this.backup(state.sidecar, raw) : undefined;
      state.blocked = vscode.l10n.t('{0} does not parse ({1}). It was not changed; a copy is in {2}. Tagging this document waits until the file is fixed.', where, parseError, backup ?? '—');
    } else {
      const reason = readError instanceof Error ? readError.message : String(readError);
      state.blocked = vscode.l10n.t('{0} could not be read ({1}). Tagging this document waits until it can be.', where, reason);
    }
    void vscode.window.showErrorMessage(`Policy Lens: ${state.blocked}`);
  }

  /** Keeps a copy of a sidecar that does not parse, beside it; returns the copy's name. */
  private async backup(sidecar: vscode.Uri, raw: string): Promise<string | undefined> {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const target = workspaceFiles.beside(sidecar, `.corrupt-${stamp}.bak`);
    try {
      await workspaceFiles.write(target, new TextEncoder().encode(raw));
      return path.posix.basename(target.path);
    } catch {
      return undefined;
    }
  }

  private async onSidecarChanged(uri: vscode.Uri): Promise<void> {
    for (const state of this.docs.values()) {
      if (state.sidecar.toString() !== uri.toString()) continue;
      let raw: string | undefined;
      try {
        const bytes = await workspaceFiles.read(uri);
        if (bytes === undefined) continue; // deleted again; our state stays and will be written
        raw = decodeSidecar(bytes);
      } catch (err) {
        if (err instanceof SidecarError) await this.block(state, err.message, undefined);
        continue;
      }
      if (raw === state.lastContent) continue; // our own write
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === state.uri.toString());
      await this.loadInto(state, raw, doc?.getText() ?? state.doc.text, state.dirty);
      this.changed.fire(state.uri);
    }
  }

  /** The state of a loaded document. */
  get(uri: vscode.Uri): DocState | undefined {
    return this.docs.get(uri.toString());
  }

  /** Tags of a document (empty if none or not loaded). */
  tags(uri: vscode.Uri): readonly Tag[] {
    return this.docs.get(uri.toString())?.doc.tags ?? [];
  }

  /** Rejected automatic entities of a document. */
  rejected(uri: vscode.Uri): readonly RejectedEntity[] {
    return this.docs.get(uri.toString())?.doc.rejected ?? [];
  }

  /** Whether an automatic entity at absolute UTF-16 [start, end) of this type was rejected. */
  isRejected(uri: vscode.Uri, type: string, start: number, end: number): boolean {
    return this.docs.get(uri.toString())?.doc.isRejected(type, start, end) ?? false;
  }

  /**
   * The tags of any document of the workspace for `text`: the loaded state
   * when it is open, else its sidecar read through the workspace's file
   * system (virtual workspaces included). Throws with one line when the
   * sidecar does not parse.
   */
  async tagsOf(uri: vscode.Uri, text: string): Promise<Pick<DocumentTags, 'tags' | 'rejected'>> {
    const loaded = this.docs.get(uri.toString());
    if (loaded) {
      if (loaded.blocked) throw new Error(loaded.blocked);
      return loaded.doc.data;
    }
    const where = this.locate(uri);
    if (typeof where === 'string') return { tags: [], rejected: [] };
    return readDocumentTags(workspaceFiles, where.sidecar, where.relPath, text);
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

  /** A tagging action on a document: run, then written and announced. */
  private changedBy(state: DocState): void {
    this.scheduleWrite(state);
    this.changed.fire(state.uri);
  }

  /** Tags [start, end) (UTF-16 offsets) with a label. */
  async addTag(document: vscode.TextDocument, start: number, end: number, label: string, extra: Partial<Pick<Tag, 'note' | 'source' | 'entity'>> = {}): Promise<Tag | undefined> {
    const state = await this.editable(document);
    if (!state || end <= start) return undefined;
    const tag = state.doc.addTag(start, end, label, extra);
    this.changedBy(state);
    return tag;
  }

  /** Removes a tag by id. */
  async removeTag(document: vscode.TextDocument, id: string): Promise<boolean> {
    const state = await this.editable(document);
    if (!state || !state.doc.removeTag(id)) return false;
    this.changedBy(state);
    return true;
  }

  /** Sets (or clears, with '') a tag's note. */
  async setNote(document: vscode.TextDocument, id: string, note: string): Promise<boolean> {
    const state = await this.editable(document);
    if (!state || !state.doc.setNote(id, note)) return false;
    this.changedBy(state);
    return true;
  }

  /** Hides an automatic entity (absolute UTF-16 offsets); it stays hidden while its text is unchanged. */
  async reject(document: vscode.TextDocument, entity: Entity): Promise<boolean> {
    const state = await this.editable(document);
    if (!state) return false;
    state.doc.reject(entity);
    this.changedBy(state);
    return true;
  }

  /** Adds tags read from another tool's file (one undoable action); the same span and label is not added twice. Returns how many were added. */
  async addImported(document: vscode.TextDocument, tags: Tag[]): Promise<number> {
    const state = await this.editable(document);
    if (!state || tags.length === 0) return 0;
    const added = state.doc.addImported(tags);
    if (added.length > 0) this.changedBy(state);
    return added.length;
  }

  /** Undoes the last tagging action on the document; false when there is none. */
  async undo(document: vscode.TextDocument): Promise<boolean> {
    const state = await this.editable(document);
    if (!state || !state.doc.undo()) return false;
    this.changedBy(state);
    return true;
  }

  /** Redoes the last undone tagging action; false when there is none. */
  async redo(document: vscode.TextDocument): Promise<boolean> {
    const state = await this.editable(document);
    if (!state || !state.doc.redo()) return false;
    this.changedBy(state);
    return true;
  }

  private onEdit(e: vscode.TextDocumentChangeEvent): void {
    const state = this.docs.get(e.document.uri.toString());
    if (!state || e.contentChanges.length === 0 || state.blocked) return;
    const edits = e.contentChanges.map((c) => ({ start: c.rangeOffset, end: c.rangeOffset + c.rangeLength, text: c.text }));
    if (state.doc.applyEdits(edits, e.document.getText())) this.changedBy(state);
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
        state.doc.relPath = where.relPath;
        this.docs.set(moved.toString(), state);
        this.scheduleWrite(state);
      }
    }
  }

  private scheduleWrite(state: DocState): void {
    state.dirty = true;
    state.changes++;
    if (state.timer) clearTimeout(state.timer);
    state.timer = setTimeout(() => void this.write(state), WRITE_DELAY_MS);
  }

  /** Writes a sidecar now (atomically). Never writes a blocked document; one write at a time per sidecar. */
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
    try {
      if (state.doc.empty && (await workspaceFiles.read(state.sidecar).catch(() => undefined)) === undefined) {
        if (state.changes === changes) state.dirty = false;
        return; // nothing to keep, nothing written
      }
      const json = state.doc.serialize();
      state.lastContent = json;
      await writeAtomic(workspaceFiles, state.sidecar, json);
      // Changes made while this write ran are still pending: their timer writes them.
      if (state.changes === changes) state.dirty = false;
    } catch (err) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Policy Lens could not save the tags of {0}: {1}', state.relPath, err instanceof Error ? err.message : String(err)));
    }
  }

  /** Writes every pending sidecar now (before a rename, on deactivate). */
  async flush(): Promise<void> {
    await Promise.all([...this.docs.values()].filter((s) => s.dirty).map((s) => this.write(s)));
  }

  dispose(): void {
    // deactivate() awaits flush(); this is the last chance for anything still pending
    void this.flush();
    for (const d of this.disposables) d.dispose();
  }
}
