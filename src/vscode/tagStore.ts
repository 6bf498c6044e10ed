// Researchers' tags per document, kept in sidecar files under
// `.policy-lens/` at the workspace root (mirroring the document's path). The
// tag logic is the core's TagSession (src/core/tags/session.ts: a
// TagDocument and its sidecar, merged three-way with what other windows
// write, own writes told by content); this file connects it to VS Code:
// documents opening and closing, edits, sidecars changed on disk, renames,
// and writes (debounced, flushed on shutdown) through vscode.workspace.fs. A
// sidecar that does not parse is never overwritten: a backup is kept, the
// user is told, tagging that document waits (its tags still follow edits).
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TagDocument } from '../core/tags/document';
import { decodeSidecar, parseSidecar, SIDECAR_DIR, sidecarPathFor } from '../core/tags/sidecar';
import { moveSidecar, readDocumentTags } from '../core/tags/sidecarFiles';
import { backupStamp, TagSession } from '../core/tags/session';
import type { DocumentTags, RejectedEntity, Relation, RelationEnd, ReviewStatus, Tag } from '../core/tags/types';
import type { Entity } from '../core/types';
import { sha256 } from '../core/text/hash';
import { workspaceFiles } from './workspaceFiles';

const WRITE_DELAY_MS = 400;

/** Where a document's sidecar is. */
interface Location {
  folder: vscode.WorkspaceFolder;
  relPath: string;
  sidecar: vscode.Uri;
}

/** A loaded document: its TagSession (tags and sidecar) and where it is. */
export class DocState implements Location {
  folder: vscode.WorkspaceFolder;
  relPath: string;
  timer?: ReturnType<typeof setTimeout>;

  constructor(
    public uri: vscode.Uri,
    where: Location,
    readonly session: TagSession<vscode.Uri>,
  ) {
    this.folder = where.folder;
    this.relPath = where.relPath;
  }

  get sidecar(): vscode.Uri {
    return this.session.sidecar;
  }

  set sidecar(uri: vscode.Uri) {
    this.session.sidecar = uri;
  }

  get doc(): TagDocument {
    return this.session.doc;
  }

  /** Why tagging waits (the sidecar does not parse or cannot be read), as shown to the user; undefined when it can. */
  blocked?: string;

  get dirty(): boolean {
    return this.session.dirty;
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
  /** Set by dispose(): no write is scheduled after it. */
  private disposed = false;
  /** Text hashes recorded by sidecars, to find a document renamed outside VS Code (by sidecar URI, with the file's mtime and size). */
  private readonly hashes = new Map<string, { mtime: number; size: number; sha256: string }>();
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
    const session = new TagSession(workspaceFiles, where.sidecar, where.relPath, text, { name: (u) => vscode.workspace.asRelativePath(u) });
    const state = new DocState(document.uri, where, session);
    try {
      let opened = await session.open(text);
      // a document renamed or moved outside VS Code: its sidecar is found again by the text's hash
      if (opened === 'absent' && text.length > 0 && (await this.relink(state, text))) opened = await session.open(text);
      this.afterRead(state, opened);
    } catch (err) {
      // Unreadable is not absent: never start an empty sidecar over one we could not read.
      this.blockRead(state, err);
    }
    // Edits made while the sidecar was read: follow them by the quotes.
    if (!document.isClosed && state.doc.replaceText(document.getText())) this.scheduleWrite(state, true);
    if (document.isClosed) return undefined;
    this.docs.set(document.uri.toString(), state);
    this.changed.fire(document.uri);
    return state;
  }

  /** After the session read its sidecar: blocked (told once), or a write when it merged or re-anchored. */
  private afterRead(state: DocState, result: string): void {
    if (result === 'blocked') {
      const wasBlocked = state.blocked;
      const where = vscode.workspace.asRelativePath(state.sidecar);
      const backup = state.session.backup ? path.posix.basename(state.session.backup.path) : '—';
      state.blocked = vscode.l10n.t('{0} does not parse ({1}). It was not changed; a copy is in {2}. Tagging this document waits until the file is fixed.', where, state.doc.blocked ?? '', backup);
      if (state.blocked !== wasBlocked) void vscode.window.showErrorMessage(`Policy Lens: ${state.blocked}`);
      return;
    }
    state.blocked = undefined;
    const m = state.session.mismatch;
    if (m && m.tags > 0 && m.found === 0) {
      // the sidecar's text hash differs and no quote is found: another text, or the same one read with another encoding
      void vscode.window.showWarningMessage(
        vscode.l10n.t('Policy Lens: {0} was written for another text (its hash differs) and none of its {1} tag(s) is found in {2}. Was the file changed outside, or opened with another encoding (files.encoding)? The tags are kept as orphans.', vscode.workspace.asRelativePath(state.sidecar), m.tags, state.relPath),
      );
      state.session.mismatch = undefined;
    }
    if (result === 'merged' || state.dirty) this.scheduleWrite(state, false);
  }

  private blockRead(state: DocState, err: unknown): void {
    const where = vscode.workspace.asRelativePath(state.sidecar);
    state.blocked = vscode.l10n.t('{0} could not be read ({1}). Tagging this document waits until it can be.', where, err instanceof Error ? err.message : String(err));
    state.session.blocked = state.blocked;
    void vscode.window.showErrorMessage(`Policy Lens: ${state.blocked}`);
  }

  /**
   * A document without a sidecar whose text's hash is that of a sidecar whose
   * document no longer exists (renamed or moved outside VS Code): that
   * sidecar is moved to this document. Only an exact, unique match counts.
   */
  private async relink(state: DocState, text: string): Promise<boolean> {
    const hash = sha256(text);
    const found: vscode.Uri[] = [];
    let sidecars: vscode.Uri[];
    try {
      sidecars = await vscode.workspace.findFiles(new vscode.RelativePattern(state.folder, `${SIDECAR_DIR}/**/*.json`), null, 5000);
    } catch {
      return false;
    }
    for (const uri of sidecars) {
      if (uri.toString() === state.sidecar.toString()) continue;
      try {
        if ((await this.textHashOf(uri)) !== hash) continue;
        const rel = path.posix.relative(`${state.folder.uri.path}/${SIDECAR_DIR}`, uri.path).replace(/\.json$/, '');
        const docUri = vscode.Uri.joinPath(state.folder.uri, ...rel.split('/'));
        if (await exists(docUri)) continue; // its document is still there: a copy, not a rename
        found.push(uri);
      } catch {
        continue; // a sidecar that does not parse is never moved
      }
    }
    if (found.length !== 1) return false;
    try {
      await moveSidecar(workspaceFiles, found[0], state.sidecar, backupStamp(new Date()));
    } catch {
      return false;
    }
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Policy Lens found the tags of {0} in {1} (the document was renamed or moved outside VS Code) and moved them to {2}.', state.relPath, vscode.workspace.asRelativePath(found[0]), vscode.workspace.asRelativePath(state.sidecar)),
    );
    return true;
  }

  /** The text hash a sidecar records (cached by modification time and size); throws for one that does not parse. */
  private async textHashOf(uri: vscode.Uri): Promise<string> {
    const stat = await vscode.workspace.fs.stat(uri);
    const key = uri.toString();
    const cached = this.hashes.get(key);
    if (cached && cached.mtime === stat.mtime && cached.size === stat.size) return cached.sha256;
    const bytes = await vscode.workspace.fs.readFile(uri);
    const { sha256: recorded } = parseSidecar(decodeSidecar(bytes));
    this.hashes.set(key, { mtime: stat.mtime, size: stat.size, sha256: recorded });
    return recorded;
  }

  private async onSidecarChanged(uri: vscode.Uri): Promise<void> {
    for (const state of this.docs.values()) {
      if (state.sidecar.toString() !== uri.toString()) continue;
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === state.uri.toString());
      try {
        const result = await state.session.diskChanged(doc?.getText() ?? state.doc.text);
        if (result === 'same' || result === 'absent') continue; // our own write (same bytes), or deleted again
        this.afterRead(state, result);
        this.changed.fire(state.uri);
      } catch (err) {
        // not a SidecarError (those are results): one line naming the sidecar, the tags in memory kept
        void vscode.window.showErrorMessage(vscode.l10n.t('Policy Lens could not read {0}: {1}', vscode.workspace.asRelativePath(uri), err instanceof Error ? err.message : String(err)));
      }
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
  async tagsOf(uri: vscode.Uri, text: string): Promise<Pick<DocumentTags, 'tags' | 'rejected' | 'relations'>> {
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
    this.scheduleWrite(state, true);
    this.changed.fire(state.uri);
  }

  /** Tags [start, end) (UTF-16 offsets) with a label. */
  async addTag(document: vscode.TextDocument, start: number, end: number, label: string, extra: Partial<Pick<Tag, 'note' | 'source' | 'entity' | 'annotator' | 'attributes'>> = {}): Promise<Tag | undefined> {
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

  /** Changes a tag's label (an undoable action). */
  async setLabel(document: vscode.TextDocument, id: string, label: string): Promise<boolean> {
    const state = await this.editable(document);
    if (!state || !state.doc.setLabel(id, label)) return false;
    this.changedBy(state);
    return true;
  }

  /** Sets a tag's codebook attributes (an undoable action). */
  async setAttributes(document: vscode.TextDocument, id: string, attributes: Record<string, string>): Promise<boolean> {
    const state = await this.editable(document);
    if (!state || !state.doc.setAttributes(id, attributes)) return false;
    this.changedBy(state);
    return true;
  }

  /** Sets the document's review status (stored in its sidecar; not undone with tagging actions). */
  async setReview(document: vscode.TextDocument, status: ReviewStatus, by?: string): Promise<boolean> {
    const state = await this.editable(document);
    if (!state) return false;
    if (state.doc.setReview(status, by)) this.changedBy(state);
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
  async addImported(document: vscode.TextDocument, tags: Tag[], relations: Relation[] = []): Promise<number> {
    const state = await this.editable(document);
    if (!state || (tags.length === 0 && relations.length === 0)) return 0;
    const before = state.doc.relations.length;
    const added = state.doc.addImported(tags, relations);
    if (added.length > 0 || state.doc.relations.length !== before) this.changedBy(state);
    return added.length;
  }

  /** Replaces the document's tags, relations and rejections with a curated result (one undoable action). */
  async replaceContent(document: vscode.TextDocument, content: Pick<DocumentTags, 'tags' | 'relations' | 'rejected'>): Promise<boolean> {
    const state = await this.editable(document);
    if (!state) return false;
    state.doc.replaceContent(content);
    this.changedBy(state);
    return true;
  }

  /** Relations of a document (empty if none or not loaded). */
  relations(uri: vscode.Uri): readonly Relation[] {
    return this.docs.get(uri.toString())?.doc.relations ?? [];
  }

  /** Adds a relation between two ends (one undoable action); undefined when it cannot be added (shown to the user). */
  async addRelation(document: vscode.TextDocument, type: string, from: RelationEnd, to: RelationEnd): Promise<Relation | undefined> {
    const state = await this.editable(document);
    if (!state) return undefined;
    try {
      const r = state.doc.addRelation(type, from, to);
      this.changedBy(state);
      return r;
    } catch (err) {
      void vscode.window.showWarningMessage(`Policy Lens: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
  }

  /** Removes a relation by id (one undoable action). */
  async removeRelation(document: vscode.TextDocument, id: string): Promise<boolean> {
    const state = await this.editable(document);
    if (!state || !state.doc.removeRelation(id)) return false;
    this.changedBy(state);
    return true;
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
    if (!state || e.contentChanges.length === 0) return;
    const edits = e.contentChanges.map((c) => ({ start: c.rangeOffset, end: c.rangeOffset + c.rangeLength, text: c.text }));
    // tags follow edits even while the sidecar is blocked (they are written once it is fixed)
    if (state.session.edited(edits, e.document.getText())) {
      this.scheduleWrite(state, false);
      this.changed.fire(state.uri);
    }
  }

  private async onRename(files: readonly { oldUri: vscode.Uri; newUri: vscode.Uri }[]): Promise<void> {
    for (const { oldUri, newUri } of files) {
      const from = this.locate(oldUri);
      const to = this.locate(newUri);
      if (typeof from === 'string' || typeof to === 'string') continue;
      // A renamed folder moves the folder of sidecars below it; a file, its own sidecar.
      const fromDir = vscode.Uri.joinPath(from.folder.uri, SIDECAR_DIR, ...from.relPath.split('/'));
      const toDir = vscode.Uri.joinPath(to.folder.uri, SIDECAR_DIR, ...to.relPath.split('/'));
      // A sidecar where the document lands (renamed onto a tagged one) is kept under a backup name, never overwritten.
      try {
        const { backup } = await moveSidecar(workspaceFiles, from.sidecar, to.sidecar, backupStamp(new Date()));
        if (backup) void vscode.window.showWarningMessage(vscode.l10n.t('{0} already had tags: they are kept in {1}.', vscode.workspace.asRelativePath(newUri), vscode.workspace.asRelativePath(backup)));
      } catch (err) {
        void vscode.window.showWarningMessage(vscode.l10n.t('Policy Lens could not move {0} to {1}: {2}. Both are kept; move it by hand.', vscode.workspace.asRelativePath(from.sidecar), vscode.workspace.asRelativePath(to.sidecar), err instanceof Error ? err.message : String(err)));
      }
      try {
        await vscode.workspace.fs.stat(fromDir);
        await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(toDir, '..'));
        await vscode.workspace.fs.rename(fromDir, toDir, { overwrite: false });
      } catch (err) {
        if (!(err instanceof vscode.FileSystemError && err.code === 'FileNotFound')) {
          void vscode.window.showWarningMessage(vscode.l10n.t('Policy Lens could not move {0} to {1}: {2}. Both are kept; move it by hand.', vscode.workspace.asRelativePath(fromDir), vscode.workspace.asRelativePath(toDir), err instanceof Error ? err.message : String(err)));
        }
      }
      for (const [key, state] of [...this.docs]) {
        const old = oldUri.toString();
        if (key !== old && !key.startsWith(old.endsWith('/') ? old : `${old}/`)) continue;
        this.docs.delete(key);
        const moved = vscode.Uri.parse(newUri.toString() + key.slice(oldUri.toString().length));
        const where = this.locate(moved);
        if (typeof where === 'string') continue;
        state.uri = moved;
        state.folder = where.folder;
        state.relPath = where.relPath;
        state.sidecar = where.sidecar;
        state.doc.relPath = where.relPath;
        this.docs.set(moved.toString(), state);
        this.scheduleWrite(state, true);
      }
    }
  }

  /** Writes the sidecar soon; `touch`: a change of ours to be written (edits and merges touched the session already). */
  private scheduleWrite(state: DocState, touch: boolean): void {
    if (touch) state.session.touch();
    if (state.timer) clearTimeout(state.timer);
    state.timer = setTimeout(() => void this.write(state), WRITE_DELAY_MS);
  }

  /** Writes a sidecar now: merged first with what another window wrote meanwhile; never over a sidecar that does not parse. */
  private async write(state: DocState): Promise<void> {
    if (state.timer) clearTimeout(state.timer);
    state.timer = undefined;
    try {
      const result = await state.session.save();
      if (result === 'blocked' && state.session.doc.blocked && !state.blocked) this.afterRead(state, 'blocked');
      else if (result === 'written') {
        this.changed.fire(state.uri);
        // overwritten by another process meanwhile (seen by the read-back): merge and write again soon
        if (state.dirty && !this.disposed) this.scheduleWrite(state, false);
      }
    } catch (err) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Policy Lens could not save the tags of {0}: {1}', state.relPath, err instanceof Error ? err.message : String(err)));
    }
  }

  /** Writes every pending sidecar now (before a rename, on deactivate). */
  async flush(): Promise<void> {
    await Promise.all([...this.docs.values()].filter((s) => s.dirty).map((s) => this.write(s)));
  }

  dispose(): void {
    this.disposed = true;
    for (const state of this.docs.values()) {
      if (state.timer) clearTimeout(state.timer);
      state.timer = undefined;
    }
    // deactivate() awaits flush(); this is the last chance for anything still pending
    void this.flush();
    for (const d of this.disposables) d.dispose();
  }
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
