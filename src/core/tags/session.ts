// One open document's tags and its sidecar file, for one writer (an editor
// window, a test): loading, following the editor's edits, noticing changes
// made on disk by others, and writing with an optimistic check. Pure over a
// FileStore (vscode.workspace.fs in the editor, node's fs or memory in tests);
// the editor adapter (src/vscode/tagStore.ts) adds only timers and messages.
//
// - A write first reads the sidecar: when its bytes are not those this
//   session last read or wrote, somebody else wrote it; it is read, merged
//   three-way by tag id (mergeTags) and only then written. Saves of one
//   sidecar in one process are serialised; across processes (two VS Code
//   windows) they take a lock file (`NAME.json.lock`) where the store can
//   create files exclusively, and a write is checked by reading the file
//   back: one overwritten meanwhile stays pending (merged at the next change).
// - A change on disk is told from our own write by content (a hash of the
//   bytes), never by timing.
// - A sidecar that is not valid UTF-8 or JSON, or not a sidecar, is never
//   written over: the session is blocked, the in-memory tags are kept, and
//   a copy of the file is written beside it (`NAME.json.bak-<time>`, once per
//   content) before anything else happens to it.
import { createHash } from 'node:crypto';
import type { TextEdit } from '../text/diff';
import { TagDocument } from './document';
import { decodeSidecar, SidecarError } from './sidecar';
import { writeAtomic, type FileStore } from './sidecarFiles';

/** A hash of a file's bytes (undefined: no file). */
function bytesHash(bytes: Uint8Array | undefined): string | undefined {
  return bytes === undefined ? undefined : createHash('sha256').update(bytes).digest('hex');
}

/** A backup name's time stamp: `2024-05-01T10-20-30-123Z`. */
export function backupStamp(now: Date): string {
  return now.toISOString().replace(/[:.]/g, '-');
}

/** Saves under way per sidecar (by its name) in this process: writers in one process never interleave their read-check-write. */
const writing = new Map<string, Promise<unknown>>();

/** Runs `task` after every task already queued for `key`. */
async function serialised<T>(key: string, task: () => Promise<T>): Promise<T> {
  const before = writing.get(key) ?? Promise.resolve();
  const run = before.catch(() => undefined).then(task);
  writing.set(key, run);
  try {
    return await run;
  } finally {
    if (writing.get(key) === run) writing.delete(key);
  }
}

/** A lock older than this (ms) was left by a writer that died: it is broken. */
const STALE_LOCK_MS = 5000;

/**
 * Takes the lock file of a sidecar (`NAME.json.lock`, holding its time) when
 * the store can create files exclusively; waits for another writer's lock (up
 * to about 2 s; a stale one is broken). Resolves to the release, or to
 * undefined when there is no lock to take (the optimistic check still holds).
 */
async function lockSidecar<L>(files: FileStore<L>, at: L, makeFolder: boolean): Promise<(() => Promise<void>) | undefined> {
  const create = files.createExclusive?.bind(files);
  if (!create) return undefined;
  const lock = files.beside(at, '.lock');
  const take = async (): Promise<boolean> => {
    const stamp = new TextEncoder().encode(String(Date.now()));
    try {
      return await create(lock, stamp);
    } catch (err) {
      if (!makeFolder) throw err;
      await files.makeParent(lock); // the first sidecar of the folder
      return create(lock, stamp);
    }
  };
  for (let attempt = 0; attempt < 100; attempt++) {
    if (await take()) return () => files.remove(lock);
    const held = await files.read(lock).catch(() => undefined);
    if (held === undefined) continue; // released meanwhile
    const since = Number(new TextDecoder().decode(held));
    if (!Number.isFinite(since) || Date.now() - since > STALE_LOCK_MS) {
      await files.remove(lock);
      continue;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return undefined;
}

/** What a disk change did to the session. */
export type DiskChange =
  /** The file is what we last read or wrote (our own write, or no change). */
  | 'same'
  /** The file is gone; our tags stay (and are written at the next change). */
  | 'absent'
  /** Another version was loaded (nothing of ours was pending). */
  | 'loaded'
  /** Another version was merged with pending changes of ours: write. */
  | 'merged'
  /** The file cannot be read as a sidecar: blocked, tags kept, backup written. */
  | 'blocked';

/** What a save did. */
export type SaveResult = 'written' | 'clean' | 'blocked' | 'unchanged';

export interface SessionOptions<L> {
  /** The sidecar's name in messages (a workspace-relative path). */
  name?: (at: L) => string;
  /** The clock of backup names (tests). */
  now?: () => Date;
}

/** The tags of one document and the state of its sidecar, for one writer. */
export class TagSession<L> {
  readonly doc: TagDocument;
  /** Why tagging waits (one line naming the file), or undefined. */
  blocked?: string;
  /** The backup written for the file that blocks, if any. */
  backup?: L;
  /** Changes not yet written. */
  dirty = false;
  /** Bumped on every change; a save clears `dirty` only if none came in while it ran. */
  changes = 0;
  /** Hash of the sidecar's bytes as this session last read or wrote them (undefined: no file). */
  private known?: string;
  private saving?: Promise<SaveResult>;
  /** Set when the last sidecar read was written for another text (its hash differs: changed outside, or decoded with another encoding): how many of its tags were found in this text. */
  mismatch?: { tags: number; found: number };
  private readonly backedUp = new Set<string>();

  constructor(
    private readonly files: FileStore<L>,
    public sidecar: L,
    relPath: string,
    text: string,
    private readonly opts: SessionOptions<L> = {},
  ) {
    this.doc = new TagDocument(relPath, text);
  }

  private get name(): string {
    return this.opts.name ? this.opts.name(this.sidecar) : String(this.sidecar);
  }

  /** Reads the sidecar (if any) for `text`. Throws only for a file that exists but cannot be read (then blocked). */
  async open(text: string): Promise<DiskChange> {
    let bytes: Uint8Array | undefined;
    try {
      bytes = await this.files.read(this.sidecar);
    } catch (err) {
      this.blocked = `${this.name} could not be read (${err instanceof Error ? err.message : String(err)})`;
      throw err;
    }
    if (bytes === undefined) {
      this.doc.load(undefined, text);
      this.known = undefined;
      return 'absent';
    }
    const r = await this.take(bytes, text, false);
    if (r === 'merged') this.touch();
    return r;
  }

  /** A change made by this writer (a tagging action, an edit that moved tags): to be written. */
  touch(): void {
    this.dirty = true;
    this.changes++;
  }

  /** The editor's edits (see TagDocument.applyEdits); tags follow them even while blocked. Returns whether tags changed. */
  edited(edits: readonly TextEdit[], newText: string): boolean {
    const changed = this.doc.applyEdits(edits, newText);
    if (changed) this.touch();
    return changed;
  }

  /** The sidecar may have changed on disk (a watcher event): reads it and loads or merges what others wrote. */
  async diskChanged(text: string): Promise<DiskChange> {
    let bytes: Uint8Array | undefined;
    try {
      bytes = await this.files.read(this.sidecar);
    } catch {
      return 'same'; // unreadable for now: keep what we have, try again at the next event or write
    }
    if (bytes === undefined) {
      this.known = undefined;
      return 'absent';
    }
    if (bytesHash(bytes) === this.known && !this.blocked) return 'same';
    const r = await this.take(bytes, text, this.dirty);
    if (r === 'merged') this.touch();
    return r;
  }

  /** Loads or merges a sidecar's bytes; blocks (with a backup) when they do not parse. */
  private async take(bytes: Uint8Array, text: string, pending: boolean): Promise<DiskChange> {
    let raw: string;
    try {
      raw = decodeSidecar(bytes);
    } catch (err) {
      if (!(err instanceof SidecarError)) throw err;
      await this.block(bytes, err.message);
      return 'blocked';
    }
    const r = this.doc.reload(raw, text, pending);
    if (!r.ok) {
      await this.block(bytes, r.error);
      return 'blocked';
    }
    this.blocked = undefined;
    this.backup = undefined;
    this.known = bytesHash(bytes);
    this.mismatch = r.reanchored ? { tags: this.doc.tags.length, found: this.doc.tags.filter((t) => !t.orphan).length } : undefined;
    return r.merged || r.reanchored ? 'merged' : 'loaded';
  }

  private async block(bytes: Uint8Array, reason: string): Promise<void> {
    const h = bytesHash(bytes)!;
    if (!this.backedUp.has(h)) {
      const target = this.files.beside(this.sidecar, `.bak-${backupStamp(this.opts.now ? this.opts.now() : new Date())}`);
      try {
        await this.files.write(target, bytes);
        this.backedUp.add(h);
        this.backup = target;
      } catch {
        this.backup = undefined;
      }
    }
    this.doc.blocked = reason;
    this.blocked = `${this.name}: ${reason}`;
  }

  /**
   * Writes pending changes (one save at a time): reads the sidecar first and,
   * when somebody else changed it since we last read or wrote it, merges
   * theirs in before writing. Never writes while blocked, nor over a file
   * that does not parse. Throws when the file cannot be read or written.
   */
  save(): Promise<SaveResult> {
    const run = (this.saving ?? Promise.resolve<SaveResult>('unchanged')).catch(() => 'unchanged' as const).then(() => serialised(String(this.sidecar), () => this.saveNow()));
    this.saving = run;
    void run.finally(() => {
      if (this.saving === run) this.saving = undefined;
    }).catch(() => undefined);
    return run;
  }

  private async saveNow(): Promise<SaveResult> {
    if (!this.dirty) return 'unchanged';
    if (this.blocked) return 'blocked';
    const release = await lockSidecar(this.files, this.sidecar, !this.doc.empty).catch(() => undefined);
    try {
      return await this.saveLocked();
    } finally {
      await release?.().catch(() => undefined);
    }
  }

  private async saveLocked(): Promise<SaveResult> {
    const changes = this.changes;
    const bytes = await this.files.read(this.sidecar);
    if (bytesHash(bytes) !== this.known && bytes !== undefined) {
      // somebody else wrote it since we last looked: theirs first, merged with ours
      const r = await this.take(bytes, this.doc.text, true);
      if (r === 'blocked') return 'blocked';
    }
    if (bytes === undefined && this.doc.empty) {
      if (this.changes === changes) this.dirty = false;
      return 'clean'; // nothing to keep, nothing written
    }
    const { json, state } = this.doc.snapshot();
    const out = new TextEncoder().encode(json);
    if (bytesHash(out) === bytesHash(bytes)) {
      this.doc.saved(state);
      this.known = bytesHash(out);
      if (this.changes === changes) this.dirty = false;
      return 'unchanged';
    }
    await writeAtomic(this.files, this.sidecar, json);
    this.known = bytesHash(out);
    // another process may have written between our read and our write: only what is on disk afterwards counts as written
    const after = await this.files.read(this.sidecar).catch(() => undefined);
    if (bytesHash(after) !== this.known) {
      this.touch(); // still pending; the base stays, so the next merge keeps our changes
      return 'written';
    }
    this.doc.saved(state);
    if (this.changes === changes) this.dirty = false;
    return 'written';
  }

  /** Resolves when no save is under way. */
  async idle(): Promise<void> {
    while (this.saving) await this.saving.catch(() => undefined);
  }
}
