// Merging two versions of one document's tags (two windows, a sync, a hand
// edit of the sidecar) against the version both started from: a three-way
// merge by tag id. Pure; TagDocument.reload and the sidecar session use it.
//
// - a tag added on either side survives;
// - a tag deleted on either side stays deleted (a hand deletion in the
//   sidecar file included);
// - a tag edited on one side (label, note, source, entity, time stamps) takes
//   that side's edit; edited on both, the later `modified` wins (ties: mine);
// - positions are mine (this writer follows its editor's edits exactly)
//   unless mine is an orphan and theirs was found in the text.
// Rejected entities have no ids: they are matched by type and exact text.
import type { Relation, RejectedEntity, ReviewState, Tag } from './types';

/** The part of a document's tags that merges. */
export interface MergeState {
  tags: readonly Tag[];
  rejected: readonly RejectedEntity[];
  /** The document's review state (merged by mergeReview). */
  review?: ReviewState;
  /** The relations written with it (the base of mergeRelations); absent: none. */
  relations?: readonly Relation[];
}

/** What mergeTags did. */
export interface MergeResult {
  tags: Tag[];
  rejected: RejectedEntity[];
  /** Whether the result differs from `theirs` (then it must be written). */
  changed: boolean;
}

/** The fields of a tag that an edit changes (not its position or quote, which follow the text). */
function content(t: Tag): string {
  return JSON.stringify([t.label, t.note ?? null, t.source, t.entity ?? null, t.annotator ?? null, t.attributes ?? null, t.created, t.modified ?? null]);
}

function rejectedKey(r: RejectedEntity): string {
  return `${r.type}\u0000${r.quote.exact}`;
}

/** Whether two tags are the same in everything stored. */
export function sameTag(a: Tag, b: Tag): boolean {
  return (
    content(a) === content(b) &&
    a.start === b.start &&
    a.end === b.end &&
    (a.orphan ?? false) === (b.orphan ?? false) &&
    a.quote.exact === b.quote.exact &&
    a.quote.prefix === b.quote.prefix &&
    a.quote.suffix === b.quote.suffix
  );
}

/** `from`'s content (label, note …) at `at`'s position. */
function withPosition(from: Tag, at: Tag): Tag {
  const { orphan: _o, start: _s, end: _e, quote: _q, ...rest } = from;
  const out: Tag = { ...rest, start: at.start, end: at.end, quote: at.quote };
  if (at.orphan) out.orphan = true;
  return out;
}

/** One tag present on both sides. */
function mergeOne(b: Tag | undefined, m: Tag, t: Tag): Tag {
  const pos = m.orphan && !t.orphan ? t : m;
  const mc = b === undefined ? false : content(m) !== content(b);
  const tc = b === undefined ? content(t) !== content(m) : content(t) !== content(b);
  let winner = m;
  if (tc && !mc) winner = t;
  else if (tc && mc && (t.modified ?? t.created) > (m.modified ?? m.created)) winner = t;
  return winner === pos ? winner : withPosition(winner, pos);
}

/**
 * Three-way merge of `mine` and `theirs` against `base`, the version this
 * writer last read or wrote (undefined: none, so everything is an addition).
 * `theirs` must already be in the coordinates of mine's text (readSidecar
 * re-anchors it). The result keeps mine's order, then theirs' additions in
 * their order. Never drops a tag that neither side deleted.
 */
export function mergeTags(base: MergeState | undefined, mine: MergeState, theirs: MergeState): MergeResult {
  const baseById = new Map((base?.tags ?? []).map((t) => [t.id, t]));
  const theirsById = new Map(theirs.tags.map((t) => [t.id, t]));
  const mineIds = new Set(mine.tags.map((t) => t.id));
  const tags: Tag[] = [];
  for (const m of mine.tags) {
    const t = theirsById.get(m.id);
    const b = baseById.get(m.id);
    if (t === undefined) {
      if (b === undefined) tags.push(m); // added by me
      continue; // else deleted by them
    }
    tags.push(mergeOne(b, m, t));
  }
  for (const t of theirs.tags) {
    if (mineIds.has(t.id)) continue;
    if (!baseById.has(t.id)) tags.push(t); // added by them; else deleted by me
  }

  const baseRej = new Set((base?.rejected ?? []).map(rejectedKey));
  const theirRej = new Set(theirs.rejected.map(rejectedKey));
  const mineRej = new Set(mine.rejected.map(rejectedKey));
  const rejected: RejectedEntity[] = mine.rejected.filter((r) => !(baseRej.has(rejectedKey(r)) && !theirRej.has(rejectedKey(r))));
  for (const r of theirs.rejected) if (!mineRej.has(rejectedKey(r)) && !baseRej.has(rejectedKey(r))) rejected.push(r);

  const changed =
    tags.length !== theirs.tags.length ||
    tags.some((t, i) => !sameTag(t, theirs.tags[i])) ||
    rejected.length !== theirs.rejected.length ||
    rejected.some((r, i) => {
      const o = theirs.rejected[i];
      return r.type !== o.type || r.start !== o.start || r.end !== o.end || r.quote.exact !== o.quote.exact;
    });
  return { tags, rejected, changed };
}

/** Whether two review states are the same. */
export function sameReview(a: ReviewState | undefined, b: ReviewState | undefined): boolean {
  return (a?.status ?? null) === (b?.status ?? null) && (a?.updated ?? null) === (b?.updated ?? null) && (a?.by ?? null) === (b?.by ?? null);
}

/** The review state after a merge: mine when I changed it since `base` (the later `updated` when both did), else theirs. */
export function mergeReview(base: ReviewState | undefined, mine: ReviewState | undefined, theirs: ReviewState | undefined): ReviewState | undefined {
  const mineChanged = !sameReview(base, mine);
  const theirsChanged = !sameReview(base, theirs);
  if (mineChanged && theirsChanged) return (theirs?.updated ?? '') > (mine?.updated ?? '') ? theirs : mine;
  return mineChanged ? mine : theirs;
}
