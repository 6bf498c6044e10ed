// One document's tags through everything that happens to them: loaded from
// the sidecar (found again by their quotes when the text changed), moved by
// the editor's edits, found again after a change made outside the editor,
// changed by tagging actions with undo and redo, merged with a sidecar
// changed on disk, serialised. Pure: the editor adapter (src/vscode/tagStore.ts)
// only connects it to VS Code's events and files, and unit tests drive it in
// plain node. Nothing here drops a tag: a tag whose text is gone is an orphan.
import type { TextEdit } from '../text/diff';
import type { EntityType } from '../types';
import { reanchor, reanchorRejected } from './anchor';
import { applyEdits, applyEditToRejected } from './edits';
import { TagHistory } from './history';
import { createTag, quoteAt } from './model';
import { mergeReview, mergeTags, sameReview, type MergeState } from './merge';
import { readSidecar, serializeSidecar, SidecarError } from './sidecar';
import type { DocumentTags, RejectedEntity, Relation, ReviewState, ReviewStatus, Tag } from './types';
import { applyEditToRelations, createRelation, endKey, liveRelations, mergeRelations, reanchorRelations } from './relations';
import { sha256 } from '../text/hash';

/** What a load or reload did. */
export type LoadResult =
  | { ok: true; /** The sidecar was written for another text: write it back. */ reanchored: boolean }
  | { ok: false; /** Why the sidecar cannot be read (one line); the document is blocked until it can. */ error: string };

/** The tags of one document and the text their offsets refer to. */
export class TagDocument {
  private state: DocumentTags;
  private current: string;
  private readonly history = new TagHistory();
  /** The version last read from or written to the sidecar: the base of a three-way merge with a version changed on disk. */
  private base?: MergeState;
  /** The relations of that version (merged by id, relations.ts). */
  private baseRelations?: readonly Relation[];
  /** Why tagging waits (the sidecar does not parse), or undefined. */
  blocked?: string;

  /** An empty document (no sidecar yet) with path `relPath` and text `text`. */
  constructor(relPath: string, text: string) {
    this.state = { document: relPath, sha256: '', tags: [], rejected: [] };
    this.current = text;
  }

  /** The tags and rejections (UTF-16 offsets into `text`). */
  get data(): Readonly<DocumentTags> {
    return this.state;
  }

  /** The text the offsets refer to. */
  get text(): string {
    return this.current;
  }

  get tags(): readonly Tag[] {
    return this.state.tags;
  }

  get rejected(): readonly RejectedEntity[] {
    return this.state.rejected;
  }

  get relations(): readonly Relation[] {
    return this.state.relations ?? [];
  }

  get canUndo(): boolean {
    return this.history.canUndo;
  }

  get canRedo(): boolean {
    return this.history.canRedo;
  }

  /** Renames the document (its sidecar moves with it). */
  set relPath(relPath: string) {
    this.state = { ...this.state, document: relPath };
  }

  get relPath(): string {
    return this.state.document;
  }

  /**
   * Reads the sidecar's JSON (undefined: there is none) for the text `text`.
   * A sidecar written for another text has its tags found again by their
   * quotes (then `reanchored`: write it back). One that does not parse blocks
   * the document and leaves its tags as they were.
   */
  load(raw: string | undefined, text: string): LoadResult {
    if (raw === undefined) {
      this.current = text;
      this.blocked = undefined;
      this.base = { tags: [], rejected: [] };
      this.baseRelations = [];
      return { ok: true, reanchored: false };
    }
    try {
      const { data, reanchored } = readSidecar(raw, text);
      this.state = { ...data, document: this.state.document };
      this.current = text;
      this.base = data;
      this.baseRelations = data.relations ?? [];
      this.history.clear(); // snapshots from before an outside change no longer apply
      this.blocked = undefined;
      return { ok: true, reanchored };
    } catch (err) {
      if (!(err instanceof SidecarError)) throw err;
      this.blocked = err.message;
      return { ok: false, error: err.message };
    }
  }

  /**
   * A sidecar changed on disk (git, sync, another window, the CLI, a hand
   * edit). Without `pending` changes of ours it is simply loaded. With them,
   * theirs and ours are merged three-way by tag id against the version we
   * last read or wrote (mergeTags: additions of both survive, a deletion by
   * either side stays, edits win per tag); `merged` says the result differs
   * from the file (then write). A sidecar that does not parse blocks the
   * document and keeps our tags (and our base, so that the pending changes
   * merge when it is fixed).
   */
  reload(raw: string, text: string, pending: boolean): LoadResult & { merged?: boolean } {
    if (!pending) return this.load(raw, text);
    if (text !== this.current) this.replaceText(text);
    let theirs: DocumentTags;
    let reanchored: boolean;
    try {
      ({ data: theirs, reanchored } = readSidecar(raw, text));
    } catch (err) {
      if (!(err instanceof SidecarError)) throw err;
      this.blocked = err.message;
      return { ok: false, error: err.message };
    }
    const merged = mergeTags(this.base, this.state, theirs);
    const review = mergeReview(this.base?.review, this.state.review, theirs.review);
    const relations = liveRelations(mergeRelations(this.baseRelations, this.relations, theirs.relations ?? []), merged.tags);
    const relationsDiffer = JSON.stringify(relations) !== JSON.stringify(theirs.relations ?? []);
    this.base = theirs;
    this.baseRelations = theirs.relations ?? [];
    this.blocked = undefined;
    this.history.clear();
    const { review: _old, ...rest } = this.state;
    this.state = withRelations({ ...rest, tags: merged.tags, rejected: merged.rejected, ...(review ? { review } : {}) }, relations);
    return { ok: true, reanchored, merged: merged.changed || relationsDiffer || !sameReview(review, theirs.review) };
  }

  /** The sidecar's JSON for the current text, and the state it holds (pass it to `saved` once written). */
  snapshot(): { json: string; state: MergeState } {
    return { json: this.serialize(), state: { tags: this.state.tags, rejected: this.state.rejected, ...(this.state.review ? { review: this.state.review } : {}), relations: this.relations } };
  }

  /** The snapshot was written to the sidecar: it is the base of the next merge. */
  saved(state: MergeState): void {
    this.base = state;
    // the relations that were written, not those added since the snapshot (those are not on disk yet)
    this.baseRelations = state.relations ?? [];
  }

  /**
   * The editor's edits (in the order VS Code applies them, each in the
   * coordinates left by the previous one) that turned the text into
   * `newText`. Tags move exactly; a change that orphaned tags (a reload from
   * disk, a large paste) or put back the text an orphan quotes (an undo, a
   * revert) makes them be looked for again in the new text.
   * Returns whether the tags or rejections changed (then write).
   */
  applyEdits(edits: readonly TextEdit[], newText: string): boolean {
    if (edits.length === 0) return false;
    this.history.applyEdits(edits); // undo states follow the text too
    const before = this.state;
    const oldText = this.current;
    this.current = newText;
    if (before.tags.length === 0 && before.rejected.length === 0 && !before.relations?.length) return false;
    const hadOrphans = before.tags.filter((t) => t.orphan).length;
    let tags = applyEdits(before.tags, edits);
    let rejected = before.rejected;
    for (const edit of edits) rejected = applyEditToRejected(rejected, edit);
    // text put back that an orphan quotes (an undo, a revert, a paste) may bring it back
    const revives = hadOrphans > 0 && edits.some((e) => e.text.length > 0 && before.tags.some((t) => t.orphan && t.quote.exact !== '' && e.text.includes(t.quote.exact)));
    if (tags.filter((t) => t.orphan).length > hadOrphans || revives) {
      // Look for every tag again, from where it was in the old text (not from its orphaned position).
      const found = reanchor(before.tags, newText, oldText).tags;
      const moved = found.some((t, i) => t.orphan !== tags[i].orphan || (!t.orphan && (t.start !== tags[i].start || t.end !== tags[i].end)));
      if (moved) {
        tags = found;
        // the undo snapshots were mapped through the edit, which lost these tags: they would come back orphaned
        this.history.clear();
      }
      // rejections the edit dropped may have only moved: all of them are looked for again (those whose text is gone stay dropped)
      if (rejected.length < before.rejected.length) rejected = reanchorRejected(before.rejected, newText, oldText);
    }
    let relations = before.relations;
    if (relations?.length) {
      for (const edit of edits) relations = applyEditToRelations(relations, edit);
      // an entity end whose text an edit touched is looked for again
      relations = reanchorRelations(relations, newText, oldText);
    }
    this.state = withRelations({ ...before, tags, rejected }, relations ?? []);
    return true;
  }

  /** The text changed without edits being known (changed outside while the sidecar was read): tags are found again by a diff and their quotes. */
  replaceText(newText: string): boolean {
    if (newText === this.current) return false;
    const oldText = this.current;
    this.current = newText;
    this.history.clear();
    if (this.state.tags.length === 0 && this.state.rejected.length === 0 && this.relations.length === 0) return false;
    this.state = withRelations(
      { ...this.state, tags: reanchor(this.state.tags, newText, oldText).tags, rejected: reanchorRejected(this.state.rejected, newText, oldText) },
      reanchorRelations(this.relations, newText, oldText),
    );
    return true;
  }

  /** Runs a tagging action as one undoable step. */
  private act(change: (data: DocumentTags) => DocumentTags): void {
    this.history.record(this.state);
    this.state = change(this.state);
  }

  /** Tags [start, end) (UTF-16) with a label; throws RangeError for an empty or invalid range. */
  addTag(start: number, end: number, label: string, extra: Partial<Pick<Tag, 'note' | 'source' | 'entity' | 'annotator' | 'attributes'>> = {}, now?: string): Tag {
    const tag = createTag(this.current, start, end, label, { ...extra, now });
    this.act((d) => ({ ...d, tags: [...d.tags, tag] }));
    return tag;
  }

  /** Adds tags read from another tool's file, as one step; a tag with the same span and label as one already there is not added again. Returns those added. */
  addImported(tags: readonly Tag[], relations: readonly Relation[] = []): Tag[] {
    // an orphan has no place: the text it had is what makes it the same tag
    const key = (t: Tag) => (t.orphan ? `o:${t.quote.exact}:${t.label}` : `${t.start}:${t.end}:${t.label}`);
    const have = new Map(this.state.tags.map((t) => [key(t), t.id]));
    /** Imported tag id → the id it has here (a tag already here keeps its own). */
    const idOf = new Map<string, string>();
    const fresh = tags.filter((t) => {
      const k = key(t);
      const existing = have.get(k);
      if (existing !== undefined) {
        idOf.set(t.id, existing);
        return false;
      }
      have.set(k, t.id);
      idOf.set(t.id, t.id);
      return true;
    });
    const relKeys = new Set(this.relations.map((r) => `${r.type}|${endKey(r.from)}|${endKey(r.to)}`));
    const mapEnd = (e: Relation['from']): Relation['from'] | undefined => ('tag' in e ? (idOf.has(e.tag) ? { tag: idOf.get(e.tag)! } : undefined) : e);
    const freshRelations: Relation[] = [];
    for (const r of relations) {
      const from = mapEnd(r.from);
      const to = mapEnd(r.to);
      if (!from || !to || endKey(from) === endKey(to)) continue;
      const k = `${r.type}|${endKey(from)}|${endKey(to)}`;
      if (relKeys.has(k)) continue; // the same relation is not imported twice
      relKeys.add(k);
      freshRelations.push({ ...r, from, to });
    }
    if (fresh.length > 0 || freshRelations.length > 0) this.act((d) => withRelations({ ...d, tags: [...d.tags, ...fresh] }, [...(d.relations ?? []), ...freshRelations]));
    return fresh;
  }

  /** Replaces all tags (an import with --replace), as one step. */
  replaceTags(tags: readonly Tag[]): void {
    // relations to the tags replaced go with them (a sidecar's relation must name one of its tags)
    this.act((d) => withRelations({ ...d, tags: [...tags] }, liveRelations(d.relations ?? [], tags)));
  }

  /**
   * Replaces the tags, relations and rejections at once, as one undoable step
   * (a curated result); relations must name tags of `content.tags` or
   * entities. The review status stays.
   */
  replaceContent(content: Pick<DocumentTags, 'tags' | 'relations' | 'rejected'>): void {
    this.act((d) => withRelations({ ...d, tags: [...content.tags], rejected: [...content.rejected] }, liveRelations(content.relations ?? [], content.tags)));
  }

  /** Removes a tag; false when there is none with this id. */
  removeTag(id: string): boolean {
    if (!this.state.tags.some((t) => t.id === id)) return false;
    // the tag's relations go with it, in the same step
    this.act((d) => {
      const tags = d.tags.filter((t) => t.id !== id);
      return withRelations({ ...d, tags }, liveRelations(d.relations ?? [], tags));
    });
    return true;
  }

  /** Adds a relation (ends: tags of this document or automatic entities), as one undoable step; throws RangeError for a tag end that is not here. */
  addRelation(type: string, from: Relation['from'], to: Relation['to'], now?: string): Relation {
    for (const e of [from, to]) if ('tag' in e && !this.state.tags.some((t) => t.id === e.tag)) throw new RangeError(`no tag ${e.tag} in this document`);
    const r = createRelation(type, from, to, { now });
    this.act((d) => withRelations(d, [...(d.relations ?? []), r]));
    return r;
  }

  /** Removes a relation; false when there is none with this id. */
  removeRelation(id: string): boolean {
    if (!this.relations.some((r) => r.id === id)) return false;
    this.act((d) => withRelations(d, (d.relations ?? []).filter((r) => r.id !== id)));
    return true;
  }

  /** Sets (or clears, with '') a tag's note; false when there is no such tag. */
  setNote(id: string, note: string, now = new Date().toISOString()): boolean {
    if (!this.state.tags.some((t) => t.id === id)) return false;
    this.act((d) => ({
      ...d,
      tags: d.tags.map((t) => {
        if (t.id !== id) return t;
        const { note: _old, ...rest } = t;
        return note ? { ...rest, note, modified: now } : { ...rest, modified: now };
      }),
    }));
    return true;
  }

  /** Changes a tag's label (its attributes stay), as one undoable step; false when there is no such tag or it has that label. */
  setLabel(id: string, label: string, now = new Date().toISOString()): boolean {
    if (!label || !this.state.tags.some((t) => t.id === id && t.label !== label)) return false;
    this.act((d) => ({ ...d, tags: d.tags.map((t) => (t.id === id ? { ...t, label, modified: now } : t)) }));
    return true;
  }

  /** Sets a tag's attributes (an empty record removes them), as one undoable step; false when there is no such tag. */
  setAttributes(id: string, attributes: Record<string, string>, now = new Date().toISOString()): boolean {
    if (!this.state.tags.some((t) => t.id === id)) return false;
    this.act((d) => ({
      ...d,
      tags: d.tags.map((t) => {
        if (t.id !== id) return t;
        const { attributes: _old, ...rest } = t;
        return Object.keys(attributes).length > 0 ? { ...rest, attributes: { ...attributes }, modified: now } : { ...rest, modified: now };
      }),
    }));
    return true;
  }

  /** The document's review status ('new' when none was set). */
  get review(): ReviewState {
    return this.state.review ?? { status: 'new' };
  }

  /** Sets the review status (not a tagging action: undo leaves it); false when it is already that. */
  setReview(status: ReviewStatus, by?: string, now = new Date().toISOString()): boolean {
    if (this.state.review?.status === status || (!this.state.review && status === 'new')) return false;
    this.state = { ...this.state, review: { status, updated: now, ...(by ? { by } : {}) } };
    return true;
  }

  /** Hides an automatic entity (UTF-16 offsets); it stays hidden while its text is at its place. */
  reject(entity: { type: EntityType; start: number; end: number }): void {
    const r: RejectedEntity = { type: entity.type, start: entity.start, end: entity.end, quote: quoteAt(this.current, entity.start, entity.end) };
    this.act((d) => ({ ...d, rejected: [...d.rejected, r] }));
  }

  /** Whether an automatic entity of this type at [start, end) was rejected. */
  isRejected(type: string, start: number, end: number): boolean {
    return this.state.rejected.some((r) => r.type === type && r.start === start && r.end === end);
  }

  /** Undoes the last tagging action (on the current text); false when there is none. */
  undo(): boolean {
    const previous = this.history.undo(this.state);
    if (!previous) return false;
    this.state = this.keepReview(previous);
    return true;
  }

  /** Redoes the last undone action; false when there is none. */
  redo(): boolean {
    const next = this.history.redo(this.state);
    if (!next) return false;
    this.state = this.keepReview(next);
    return true;
  }

  /** A restored snapshot with the current review status and path (undo and redo are of tagging actions only). */
  private keepReview(restored: DocumentTags): DocumentTags {
    const { review: _r, ...rest } = restored;
    return { ...rest, document: this.state.document, ...(this.state.review ? { review: this.state.review } : {}) };
  }

  /** Whether there is nothing to store (no tags, no rejections, no review status). */
  get empty(): boolean {
    return this.state.tags.length === 0 && this.state.rejected.length === 0 && this.state.review === undefined && this.relations.length === 0;
  }

  /** The sidecar's JSON for the current text. */
  serialize(): string {
    return serializeSidecar({ ...this.state, sha256: sha256(this.current) }, this.current);
  }
}

/** `d` with `relations` (the key left out when there are none, as in the sidecar). */
function withRelations(d: DocumentTags, relations: readonly Relation[]): DocumentTags {
  const { relations: _old, ...rest } = d;
  return relations.length > 0 ? { ...rest, relations: [...relations] } : rest;
}
