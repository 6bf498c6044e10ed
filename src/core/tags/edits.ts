// Tags following edits made in the editor: each replacement moves, grows,
// shrinks or orphans a tag exactly (rules in mapRange), and the quote is
// spliced from the quote alone. Nothing here drops a tag; rejected entities
// whose text is touched are dropped (a rejection hides only the same text).
import type { TextEdit } from '../text/diff';
import { QUOTE_CONTEXT, quoteAt } from './model';
import { isLow, isHigh } from '../text/offsets';
import type { QuoteSelector, Tag, RejectedEntity } from './types';

/**
 * Where [s, e) goes when [a, b) is replaced by `len` units. Rules (UTF-16):
 * - the edit ends at or before s (including an insertion exactly at s): the range shifts (inserted text goes BEFORE it);
 * - the edit starts at or after e (including an insertion exactly at e): unchanged (inserted text goes AFTER it);
 * - the edit covers all of [s, e): undefined (the text is gone: orphan at a);
 * - the edit lies within [s, e): the range grows/shrinks and includes the new text;
 * - the edit starts before s and ends inside: the head is trimmed, new text goes before;
 * - the edit starts inside and ends after e: the tail is trimmed, new text goes after.
 */
export function mapRange(s: number, e: number, a: number, b: number, len: number): [number, number] | undefined {
  const delta = len - (b - a);
  if (b <= s) return [s + delta, e + delta];
  if (a >= e) return [s, e];
  if (a <= s && b >= e) return undefined;
  if (a >= s && b <= e) return [s, e + delta];
  if (a < s) return [a + len, e + delta];
  return [s, a];
}

/** Where a point (an orphan's position) goes: an insertion at it goes before it; a deletion around it collapses it to the edit start. */
export function mapPoint(p: number, a: number, b: number, len: number): number {
  if (b <= p) return p + len - (b - a);
  if (a < p) return a;
  return p;
}

/**
 * The quote of a range after an edit, computed from the quote alone: the known
 * window prefix+exact+suffix is spliced with the edit. `exact` is always
 * exact; prefix/suffix stay true to the text but may come out shorter than
 * QUOTE_CONTEXT (refreshed lazily: by serializeSidecar, reanchor, refreshQuotes).
 */
function mapQuote(q: QuoteSelector, s: number, e: number, edit: TextEdit, ns: number, ne: number): QuoteSelector {
  const w0 = s - q.prefix.length;
  const w1 = e + q.suffix.length;
  const { start: a, end: b, text } = edit;
  if (b < w0 || a > w1) return q;
  if (q.exact.length !== e - s) return q; // inconsistent quote: leave it to reanchor
  const k = q.prefix + q.exact + q.suffix;
  const left = a >= w0 ? k.slice(0, a - w0) : '';
  const right = b <= w1 ? k.slice(b - w0) : '';
  const k2 = left + text + right;
  const base = Math.min(a, w0);
  const rs = ns - base;
  const re = ne - base;
  let prefix = k2.slice(Math.max(0, rs - QUOTE_CONTEXT), rs);
  let suffix = k2.slice(re, re + QUOTE_CONTEXT);
  if (prefix.length > 0 && isLow(prefix.charCodeAt(0))) prefix = prefix.slice(1);
  if (suffix.length > 0 && isHigh(suffix.charCodeAt(suffix.length - 1))) suffix = suffix.slice(0, -1);
  const exact = k2.slice(rs, re);
  if (prefix === q.prefix && exact === q.exact && suffix === q.suffix) return q;
  return { exact, prefix, suffix };
}

export function checkEdit(edit: TextEdit): void {
  if (!Number.isInteger(edit.start) || !Number.isInteger(edit.end) || edit.start < 0 || edit.end < edit.start || typeof edit.text !== 'string') {
    throw new RangeError(`invalid edit [${edit.start}, ${edit.end})`);
  }
}

function editTag(t: Tag, edit: TextEdit): Tag {
  const { start: a, end: b, text } = edit;
  if (t.orphan) {
    const p = mapPoint(t.start, a, b, text.length);
    return p === t.start && t.end === p ? t : { ...t, start: p, end: p };
  }
  const r = mapRange(t.start, t.end, a, b, text.length);
  if (!r) return { ...t, start: a, end: a, orphan: true };
  const quote = mapQuote(t.quote, t.start, t.end, edit, r[0], r[1]);
  if (r[0] === t.start && r[1] === t.end && quote === t.quote) return t;
  return { ...t, start: r[0], end: r[1], quote };
}

/**
 * Tags after one replacement of [start, end) by `text` (UTF-16) in the text
 * they refer to. Edits before a tag shift it; an insertion exactly at a tag's
 * start goes before it, exactly at its end goes after it (not included); an
 * edit inside a tag grows or shrinks it; a deletion overlapping part of it
 * trims it; an edit removing all of its text makes it an orphan at the edit
 * start with its quote unchanged. `quote.exact` always equals the covered
 * text afterwards; prefix/suffix stay correct but may shrink (lazy refresh).
 * Orphans keep a position that follows the edits. Unchanged tags keep their
 * identity; the count and order never change.
 */
export function applyEdit(tags: readonly Tag[], edit: TextEdit): Tag[] {
  checkEdit(edit);
  return tags.map((t) => editTag(t, edit));
}

/**
 * Tags after a batch of edits applied one after another in array order (each
 * edit in the coordinates left by the previous ones). This is how VS Code's
 * own document mirror applies a TextDocumentChangeEvent's contentChanges
 * (they come sorted last-to-first, so the offsets of the event are valid when
 * applied in order); pass each change as { start: rangeOffset, end:
 * rangeOffset + rangeLength, text }.
 */
export function applyEdits(tags: readonly Tag[], edits: readonly TextEdit[]): Tag[] {
  let out = tags.slice();
  for (const edit of edits) out = applyEdit(out, edit);
  return out;
}

/**
 * Rejected entities after one edit: shifted when the edit is before them (or
 * an insertion at their start), unchanged when after (or an insertion at their
 * end); DROPPED when the edit touches their text, because a rejection hides
 * only the same text at the same place and that text no longer exists.
 */
export function applyEditToRejected(rejected: readonly RejectedEntity[], edit: TextEdit): RejectedEntity[] {
  checkEdit(edit);
  const out: RejectedEntity[] = [];
  for (const r of rejected) {
    // kept only when the edit is entirely before (or an insertion at its start) or entirely after (or at its end)
    if (edit.end > r.start && edit.start < r.end) continue;
    const m = mapRange(r.start, r.end, edit.start, edit.end, edit.text.length)!;
    const quote = mapQuote(r.quote, r.start, r.end, edit, m[0], m[1]);
    out.push(m[0] === r.start && quote === r.quote ? r : { ...r, start: m[0], end: m[1], quote });
  }
  return out;
}

/** Rejected entities after a batch of edits applied in array order (see applyEdits). */
export function applyEditsToRejected(rejected: readonly RejectedEntity[], edits: readonly TextEdit[]): RejectedEntity[] {
  let out = rejected.slice();
  for (const edit of edits) out = applyEditToRejected(out, edit);
  return out;
}

/** Tags whose prefix/suffix are recomputed from `text` (non-orphans whose exact text is in place; others unchanged). */
export function refreshQuotes(tags: readonly Tag[], text: string): Tag[] {
  return tags.map((t) => {
    if (t.orphan || t.end > text.length || text.slice(t.start, t.end) !== t.quote.exact) return t;
    const q = quoteAt(text, t.start, t.end);
    return q.prefix === t.quote.prefix && q.suffix === t.quote.suffix ? t : { ...t, quote: q };
  });
}
