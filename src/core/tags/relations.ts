// Relations between tags and automatic entities: a directed, typed link
// (department → task, lead, support, cites, amends, or a type from the
// codebook) stored in the sidecar beside the tags. An end is a tag (by id) or
// an automatic entity (by type, span and quote, like a rejection), so that it
// follows the editor's edits and is found again after outside changes by the
// same anchor logic. Nothing here drops a relation whose entity text is gone:
// its end keeps the last place and quote and is shown as not found.
import type { TextEdit } from '../text/diff';
import type { EntityType } from '../types';
import { reanchorRejected } from './anchor';
import { applyEditToRejected } from './edits';
import { quoteAt } from './model';
import type { DocumentTags, Relation, RelationEnd, RejectedEntity, Tag } from './types';

/** The relation types every project has. */
export const BUILTIN_RELATION_TYPES = ['department→task', 'lead', 'support', 'cites', 'amends'] as const;

/** The built-in types followed by the codebook's own (duplicates and empty names dropped). */
export function relationTypes(extraTypes: readonly string[] = []): string[] {
  const out: string[] = [];
  for (const t of [...BUILTIN_RELATION_TYPES, ...extraTypes]) if (t.trim() !== '' && !out.includes(t)) out.push(t);
  return out;
}

let counter = 0;

/** A new relation id: "r" + base36 time + a per-process counter. */
export function newRelationId(): string {
  return `r${Date.now().toString(36)}${(counter++).toString(36)}`;
}

/** Something a relation can point at, as the editor finds it under a selection (UTF-16 offsets). */
export type EndCandidate = { kind: 'tag'; tag: Tag } | { kind: 'entity'; type: EntityType; start: number; end: number };

/** The end of a relation for a candidate in `text`. */
export function endFor(candidate: EndCandidate, text: string): RelationEnd {
  if (candidate.kind === 'tag') return { tag: candidate.tag.id };
  const { type, start, end } = candidate;
  return { entity: { type, start, end, quote: quoteAt(text, start, end) } };
}

/** A new relation; throws RangeError for an empty type or a relation of something with itself. */
export function createRelation(type: string, from: RelationEnd, to: RelationEnd, opts: { now?: string; id?: string; note?: string } = {}): Relation {
  if (type.trim() === '') throw new RangeError('a relation needs a type');
  if (endKey(from) === endKey(to)) throw new RangeError('a relation needs two different ends');
  const r: Relation = { id: opts.id ?? newRelationId(), type, from, to, created: opts.now ?? new Date().toISOString() };
  if (opts.note !== undefined) r.note = opts.note;
  return r;
}

/** A key that names an end: the tag id, or the entity's type and span. */
export function endKey(end: RelationEnd): string {
  return 'tag' in end ? `t:${end.tag}` : `e:${end.entity.type}:${end.entity.start}:${end.entity.end}`;
}

/** Where an end is in the text now (UTF-16), with the text it covers; undefined when its tag is gone or orphaned, or its entity's text is not at its place. */
export function resolveEnd(end: RelationEnd, doc: Pick<DocumentTags, 'tags'>, text: string): { start: number; end: number; text: string; label: string } | undefined {
  if ('tag' in end) {
    const t = doc.tags.find((x) => x.id === end.tag);
    if (!t || t.orphan) return undefined;
    return { start: t.start, end: t.end, text: text.slice(t.start, t.end), label: t.label };
  }
  const e = end.entity;
  if (text.slice(e.start, e.end) !== e.quote.exact) return undefined;
  return { start: e.start, end: e.end, text: e.quote.exact, label: e.type };
}

/** One line for a hover, CodeLens or view: `政府 → cites 《…》`. */
export function describeRelation(r: Relation, doc: Pick<DocumentTags, 'tags'>, text: string): string {
  const name = (end: RelationEnd) => {
    const found = resolveEnd(end, doc, text);
    if (found) return found.text;
    if ('tag' in end) return doc.tags.find((t) => t.id === end.tag)?.quote.exact ?? '?';
    return end.entity.quote.exact;
  };
  return `${name(r.from)} → ${r.type} → ${name(r.to)}`;
}

/** The relations that touch a tag (by id). */
export function relationsOfTag(relations: readonly Relation[], tagId: string): Relation[] {
  return relations.filter((r) => ('tag' in r.from && r.from.tag === tagId) || ('tag' in r.to && r.to.tag === tagId));
}

function mapEnds(relations: readonly Relation[], f: (e: RejectedEntity) => RejectedEntity | undefined, length: number): Relation[] {
  let changed = false;
  const out = relations.map((r) => {
    const end = (x: RelationEnd): RelationEnd => {
      if ('tag' in x) return x;
      let moved = f(x.entity) ?? x.entity;
      // an end not found again keeps its place, inside the new text (a place past its end cannot be written)
      if (moved.end > length || moved.start > length) moved = { ...moved, start: Math.min(moved.start, length), end: Math.min(moved.end, length) };
      if (moved === x.entity) return x;
      changed = true;
      return { entity: moved };
    };
    const from = end(r.from);
    const to = end(r.to);
    return from === r.from && to === r.to ? r : { ...r, from, to };
  });
  return changed ? out : (relations as Relation[]);
}

/** Entity ends after one editor edit: shifted exactly; an end whose text the edit touched keeps its old place (looked for again by `reanchorRelations`). */
export function applyEditToRelations(relations: readonly Relation[], edit: TextEdit, newLength = Infinity): Relation[] {
  return mapEnds(relations, (e) => applyEditToRejected([e], edit)[0], newLength);
}

/** Entity ends found again by their quotes in `newText` (after an outside change); an end not found keeps its old place and quote. */
export function reanchorRelations(relations: readonly Relation[], newText: string, oldText?: string): Relation[] {
  return mapEnds(relations, (e) => reanchorRejected([e], newText, oldText)[0], newText.length);
}

/** Three-way merge by relation id: additions on either side survive, a deletion on either side stays deleted, a relation changed by theirs takes theirs. */
export function mergeRelations(base: readonly Relation[] | undefined, mine: readonly Relation[], theirs: readonly Relation[]): Relation[] {
  const baseIds = new Set((base ?? []).map((r) => r.id));
  const theirIds = new Map(theirs.map((r) => [r.id, r]));
  const mineIds = new Set(mine.map((r) => r.id));
  const out: Relation[] = [];
  for (const r of mine) {
    if (baseIds.has(r.id) && !theirIds.has(r.id)) continue; // deleted by theirs
    out.push(theirIds.get(r.id) ?? r);
  }
  for (const r of theirs) if (!mineIds.has(r.id) && !baseIds.has(r.id)) out.push(r);
  return out;
}

/** Relations whose tag ends still exist (a relation to a removed tag is gone with it). */
export function liveRelations(relations: readonly Relation[], tags: readonly Tag[]): Relation[] {
  const ids = new Set(tags.map((t) => t.id));
  return relations.filter((r) => [r.from, r.to].every((e) => !('tag' in e) || ids.has(e.tag)));
}
