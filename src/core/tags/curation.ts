// Curation (adjudication) of two annotators' tags on one document: the tags
// both made alike are agreed; the rest fall into disagreements, each a run of
// overlapping tags of either side, which the curator settles one by one:
// accept the left side's tags, the right side's, both, or neither. The result
// is a new document's tags (the curated sidecar); the two sides are only read.
//
// Alike: the same span (start, end), label and attributes. A tag of one side
// with no alike tag on the other is in a disagreement with every unmatched
// tag of either side it overlaps, and so on transitively (a sweep over the
// spans). A tag only one side made (nothing on the other side overlaps it) is
// a disagreement of its own: accepting "neither" drops it.
//
// The result holds the agreed tags (the left side's copy; when the two notes
// differ both are kept, "left | right"), then the accepted tags of the
// settled disagreements, in text order; a disagreement not yet settled adds
// nothing. Each tag keeps its annotator, so the curated sidecar says who made
// what. Relations come along when both their ends are in the result (a tag
// end of the right side is renamed to the left copy it agreed with), the same
// relation once; rejections of automatic entities are those of either side
// (a rejection is a correction of the recogniser, not a judgement to
// adjudicate). Orphaned and empty tags have no place to compare: they are
// counted and left out. Offsets are UTF-16, as everywhere inside.
import { endKey } from './relations';
import type { DocumentTags, RejectedEntity, Relation, RelationEnd, Tag } from './types';

/** How a disagreement is settled. */
export type CurationChoice = 'left' | 'right' | 'both' | 'neither';

export const CURATION_CHOICES: readonly CurationChoice[] = ['left', 'right', 'both', 'neither'];

/** One side's tags of the document (as a sidecar holds them). */
export type CurationSide = Pick<DocumentTags, 'tags' | 'rejected' | 'relations'>;

/** A run of overlapping tags on which the two sides differ. */
export interface Disagreement {
  /** Stable within a plan: "d" + start + "-" + end (UTF-16) of the run. */
  id: string;
  /** The run's extent: the smallest start and largest end of its tags. */
  start: number;
  end: number;
  left: Tag[];
  right: Tag[];
}

/** What two sides agree and disagree on. */
export interface CurationPlan {
  /** Tags alike on both sides (left copy, right copy). */
  agreed: Array<{ left: Tag; right: Tag }>;
  /** In text order. */
  disagreements: Disagreement[];
  /** Orphaned or empty tags left out, per side. */
  ignored: { left: number; right: number };
}

/** The curated document's content. */
export interface CurationResult {
  tags: Tag[];
  relations: Relation[];
  rejected: RejectedEntity[];
}

const placed = (t: Tag) => !t.orphan && t.end > t.start;

function attributesKey(t: Tag): string {
  const a = t.attributes ?? {};
  return JSON.stringify(Object.keys(a).sort().map((k) => [k, a[k]]));
}

/** What makes two tags alike: span, label and attributes. */
function alikeKey(t: Tag): string {
  return `${t.start}:${t.end}:${t.label}:${attributesKey(t)}`;
}

const byPlace = (a: Tag, b: Tag) => a.start - b.start || a.end - b.end || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0);

/** Compares two sides' tags of the same text. */
export function planCuration(left: readonly Tag[], right: readonly Tag[]): CurationPlan {
  const l = left.filter(placed);
  const r = right.filter(placed);
  const ignored = { left: left.length - l.length, right: right.length - r.length };
  // match alike tags one to one (a side may hold the same tag twice)
  const waiting = new Map<string, Tag[]>();
  for (const t of r) {
    const k = alikeKey(t);
    const list = waiting.get(k);
    if (list) list.push(t);
    else waiting.set(k, [t]);
  }
  const agreed: CurationPlan['agreed'] = [];
  const restLeft: Tag[] = [];
  for (const t of l) {
    const match = waiting.get(alikeKey(t))?.shift();
    if (match) agreed.push({ left: t, right: match });
    else restLeft.push(t);
  }
  const restRight = [...waiting.values()].flat();
  // sweep the unmatched tags of both sides in text order into runs of overlaps
  const all = [...restLeft.map((t) => ({ t, side: 'left' as const })), ...restRight.map((t) => ({ t, side: 'right' as const }))].sort((a, b) => byPlace(a.t, b.t));
  const disagreements: Disagreement[] = [];
  let run: Disagreement | undefined;
  for (const { t, side } of all) {
    if (!run || t.start >= run.end) {
      run = { id: '', start: t.start, end: t.end, left: [], right: [] };
      disagreements.push(run);
    }
    run[side].push(t);
    run.end = Math.max(run.end, t.end);
  }
  for (const d of disagreements) d.id = `d${d.start}-${d.end}`;
  agreed.sort((a, b) => byPlace(a.left, b.left));
  return { agreed, disagreements, ignored };
}

/** The tags a choice keeps of one disagreement. */
export function acceptedTags(d: Disagreement, choice: CurationChoice): Tag[] {
  switch (choice) {
    case 'left':
      return d.left;
    case 'right':
      return d.right;
    case 'both':
      return [...d.left, ...d.right].sort(byPlace);
    case 'neither':
      return [];
  }
}

function mergedNote(a?: string, b?: string): string | undefined {
  if (!a) return b || undefined;
  if (!b || a === b) return a;
  return `${a} | ${b}`;
}

function entityKey(e: RejectedEntity): string {
  return `${e.type}:${e.start}:${e.end}`;
}

/**
 * The curated document from a plan and the choices made so far (disagreement
 * id → choice; a disagreement without one adds no tag).
 */
export function curatedResult(plan: CurationPlan, left: CurationSide, right: CurationSide, choices: ReadonlyMap<string, CurationChoice>): CurationResult {
  const tags: Tag[] = [];
  const ids = new Set<string>();
  /** Per side: tag id there → its id in the result (absent: not in the result). */
  const idOf = { left: new Map<string, string>(), right: new Map<string, string>() };
  const take = (t: Tag, side: 'left' | 'right'): Tag => {
    let id = t.id;
    // two annotators' ids come from different clocks and may meet
    for (let n = 2; ids.has(id); n++) id = `${t.id}-${n}`;
    ids.add(id);
    idOf[side].set(t.id, id);
    return id === t.id ? t : { ...t, id };
  };
  for (const { left: a, right: b } of plan.agreed) {
    const note = mergedNote(a.note, b.note);
    const t = take(note === a.note ? a : note === undefined ? omitNote(a) : { ...a, note }, 'left');
    idOf.right.set(b.id, t.id);
    tags.push(t);
  }
  for (const d of plan.disagreements) {
    const choice = choices.get(d.id);
    if (!choice) continue;
    const keep = new Set(acceptedTags(d, choice));
    for (const t of d.left) if (keep.has(t)) tags.push(take(t, 'left'));
    for (const t of d.right) if (keep.has(t)) tags.push(take(t, 'right'));
  }
  tags.sort(byPlace);

  const relations: Relation[] = [];
  const relKeys = new Set<string>();
  const relIds = new Set<string>();
  for (const [side, data] of [['left', left], ['right', right]] as const) {
    for (const r of data.relations ?? []) {
      const from = mapEnd(r.from, idOf[side]);
      const to = mapEnd(r.to, idOf[side]);
      if (!from || !to) continue;
      const key = `${r.type}|${endKey(from)}|${endKey(to)}`;
      if (relKeys.has(key)) continue;
      relKeys.add(key);
      let id = r.id;
      for (let n = 2; relIds.has(id); n++) id = `${r.id}-${n}`;
      relIds.add(id);
      relations.push({ ...r, id, from, to });
    }
  }

  const rejected: RejectedEntity[] = [];
  const seen = new Set<string>();
  for (const e of [...left.rejected, ...right.rejected]) {
    const k = entityKey(e);
    if (seen.has(k)) continue;
    seen.add(k);
    rejected.push(e);
  }
  return { tags, relations, rejected };
}

function omitNote(t: Tag): Tag {
  const { note: _note, ...rest } = t;
  return rest;
}

function mapEnd(end: RelationEnd, ids: ReadonlyMap<string, string>): RelationEnd | undefined {
  if (!('tag' in end)) return end;
  const id = ids.get(end.tag);
  return id === undefined ? undefined : { tag: id };
}

/**
 * The choices a curated document already holds, to resume a curation: a
 * disagreement whose left tags alone are in `curated` was settled "left", its
 * right tags alone "right", all of both "both"; one with none of its tags
 * there (never settled, or settled "neither") or only some is left to settle.
 */
export function inferChoices(plan: CurationPlan, curated: readonly Tag[]): Map<string, CurationChoice> {
  const have = new Map<string, number>();
  for (const t of curated) if (placed(t)) have.set(alikeKey(t), (have.get(alikeKey(t)) ?? 0) + 1);
  // the agreed tags are in every result: what is left of the curated tags speaks for the disagreements
  for (const { left } of plan.agreed) {
    const k = alikeKey(left);
    const n = (have.get(k) ?? 0) - 1;
    if (n > 0) have.set(k, n);
    else have.delete(k);
  }
  const allIn = (tags: readonly Tag[]) => {
    const need = new Map<string, number>();
    for (const t of tags) need.set(alikeKey(t), (need.get(alikeKey(t)) ?? 0) + 1);
    return [...need].every(([k, n]) => (have.get(k) ?? 0) >= n);
  };
  const noneIn = (tags: readonly Tag[]) => tags.every((t) => !have.has(alikeKey(t)));
  const out = new Map<string, CurationChoice>();
  for (const d of plan.disagreements) {
    const l = d.left.length > 0 && allIn(d.left);
    const r = d.right.length > 0 && allIn(d.right);
    if (l && r) out.set(d.id, 'both');
    else if (l && noneIn(d.right)) out.set(d.id, 'left');
    else if (r && noneIn(d.left)) out.set(d.id, 'right');
  }
  return out;
}

/** How many disagreements are settled, and whether all are. */
export function curationProgress(plan: CurationPlan, choices: ReadonlyMap<string, CurationChoice>): { settled: number; total: number; done: boolean } {
  const settled = plan.disagreements.filter((d) => choices.has(d.id)).length;
  return { settled, total: plan.disagreements.length, done: settled === plan.disagreements.length };
}

/** The next disagreement not yet settled after `afterId` (wrapping around), or undefined when all are. */
export function nextUnsettled(plan: CurationPlan, choices: ReadonlyMap<string, CurationChoice>, afterId?: string): Disagreement | undefined {
  const list = plan.disagreements;
  const from = afterId === undefined ? -1 : list.findIndex((d) => d.id === afterId);
  for (let i = 1; i <= list.length; i++) {
    const d = list[(from + i + list.length) % list.length];
    if (!choices.has(d.id)) return d;
  }
  return undefined;
}

/** One side of a disagreement in a line: "政策工具 [12, 18)「…」; 目标 …", or "—" when the side has no tag there. */
export function describeSide(tags: readonly Tag[], text: string, max = 12): string {
  if (tags.length === 0) return '—';
  return tags
    .map((t) => {
      const covered = text.slice(t.start, t.end);
      const shown = [...covered].length > max ? `${[...covered].slice(0, max).join('')}…` : covered;
      return `${t.label}「${shown}」`;
    })
    .join('; ');
}
