// The tag engine: researchers' tags and rejected entities, kept in step with
// the text (edits in the editor, changes made outside it), stored in sidecar
// files, with an undo history for tagging actions. Pure: no 'vscode' here.
//
// Offsets are UTF-16 in memory; sidecars store code points (converted here
// through OffsetMap). Nothing in this module drops a tag: a tag whose text
// disappears becomes an orphan (`orphan: true`, start = end) and keeps its
// quote so that it can be found again.
import { OffsetMap } from './offsets';
import { sha256 } from './formats/policyLens';
import { ENTITY_TYPES } from './types';
import type { EntityType } from './types';
import type { DocumentTags, QuoteSelector, RejectedEntity, Tag, TagSource } from './tagTypes';
import { lowerBound } from './search';

/** The `format` value of a sidecar file. */
export const SIDECAR_FORMAT = 'policy-lens-tags/1';

/** The folder, at the workspace root, that holds the sidecars. */
export const SIDECAR_DIR = '.policy-lens';

/** Characters of context kept on each side of a quote (UTF-16 units). */
export const QUOTE_CONTEXT = 32;

/** One document-level replacement in UTF-16 offsets: [start, end) is replaced by `text`. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** The tagging state of a document that the undo history stores. */
export interface TagState {
  tags: readonly Tag[];
  rejected: readonly RejectedEntity[];
}

/** What `reanchor` did: the tags (same order and count as given) and how many moved, became orphans or were recovered. */
export interface ReanchorResult {
  tags: Tag[];
  moved: number;
  orphaned: number;
  recovered: number;
}

const TAG_SOURCES: readonly TagSource[] = ['manual', 'confirmed', 'imported'];
const APPROX = ['about', 'over', 'under'] as const;

// ---------------------------------------------------------------------------
// Creating tags

let idCounter = 0;

/** A new tag id: "t" + base36 time (8 digits until 2059) + a per-process counter, so ids never repeat within a session. */
export function newTagId(): string {
  return `t${Date.now().toString(36)}${(idCounter++).toString(36)}`;
}

/** The quote selector of [start, end) in `text`: the exact text and up to `context` UTF-16 units each side (never half a surrogate pair). */
export function quoteAt(text: string, start: number, end: number, context = QUOTE_CONTEXT): QuoteSelector {
  let ps = Math.max(0, start - context);
  if (ps > 0 && ps < start && isLow(text.charCodeAt(ps)) && isHigh(text.charCodeAt(ps - 1))) ps++;
  let se = Math.min(text.length, end + context);
  if (se > end && se < text.length && isLow(text.charCodeAt(se)) && isHigh(text.charCodeAt(se - 1))) se--;
  return { exact: text.slice(start, end), prefix: text.slice(ps, start), suffix: text.slice(end, se) };
}

/** A new tag on [start, end) of `text` (UTF-16; non-empty, not splitting a surrogate pair); throws RangeError otherwise. */
export function createTag(
  text: string,
  start: number,
  end: number,
  label: string,
  opts: { note?: string; source?: TagSource; entity?: Tag['entity']; now?: string; id?: string } = {},
): Tag {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > text.length || start >= end) {
    throw new RangeError(`cannot tag [${start}, ${end}) in a text of ${text.length} UTF-16 units`);
  }
  if (splitsPair(text, start) || splitsPair(text, end)) throw new RangeError(`[${start}, ${end}) splits a surrogate pair`);
  if (typeof label !== 'string' || label === '') throw new RangeError('a tag needs a label');
  const tag: Tag = {
    id: opts.id ?? newTagId(),
    label,
    start,
    end,
    quote: quoteAt(text, start, end),
    source: opts.source ?? 'manual',
    created: opts.now ?? new Date().toISOString(),
  };
  if (opts.note !== undefined) tag.note = opts.note;
  if (opts.entity !== undefined) tag.entity = { ...opts.entity };
  return tag;
}

// ---------------------------------------------------------------------------
// Following edits made in the editor

/**
 * Where [s, e) goes when [a, b) is replaced by `len` units. Rules (UTF-16):
 * - the edit ends at or before s (including an insertion exactly at s): the range shifts (inserted text goes BEFORE it);
 * - the edit starts at or after e (including an insertion exactly at e): unchanged (inserted text goes AFTER it);
 * - the edit covers all of [s, e): undefined (the text is gone: orphan at a);
 * - the edit lies within [s, e): the range grows/shrinks and includes the new text;
 * - the edit starts before s and ends inside: the head is trimmed, new text goes before;
 * - the edit starts inside and ends after e: the tail is trimmed, new text goes after.
 */
function mapRange(s: number, e: number, a: number, b: number, len: number): [number, number] | undefined {
  const delta = len - (b - a);
  if (b <= s) return [s + delta, e + delta];
  if (a >= e) return [s, e];
  if (a <= s && b >= e) return undefined;
  if (a >= s && b <= e) return [s, e + delta];
  if (a < s) return [a + len, e + delta];
  return [s, a];
}

/** Where a point (an orphan's position) goes: an insertion at it goes before it; a deletion around it collapses it to the edit start. */
function mapPoint(p: number, a: number, b: number, len: number): number {
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

function checkEdit(edit: TextEdit): void {
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

// ---------------------------------------------------------------------------
// Re-anchoring after a change made outside the editor

interface Found {
  start: number;
  end: number;
}

interface Anchorable {
  start: number;
  end: number;
  quote: QuoteSelector;
  orphan?: boolean;
}

/** Search radius (UTF-16 units) around the expected position before searching the whole text. */
const LOCAL_RADIUS = 4096;
/** At most this many occurrences (nearest to the expected position) are scored. */
const MAX_CANDIDATES = 2000;

/**
 * Tags re-anchored in `newText` after a change made outside the editor. Each
 * tag (orphans included) is looked for by its quote: kept where its exact text
 * still is (with its context); left an orphan when its prefix and suffix now
 * meet at its expected place (its text was deleted there, so a copy elsewhere
 * is not it); else the exact text is searched (near the expected position
 * first, then everywhere) and candidates are scored by how well prefix/suffix
 * match and by distance; if the text is gone, a bounded fuzzy match between
 * the prefix and suffix anchors (near the expected position) accepts a
 * slightly edited text; if nothing credible is found the tag becomes (or
 * stays) an orphan, never dropped. Short texts (1–4 units) need more context.
 * With `oldText` (the text the offsets refer to), a diff old→new (sentences,
 * then characters) maps the offsets first, so tags follow the change as if
 * it had been made in the editor (a tag edited inside keeps the diff's
 * mapping if its text stays ≥ 60% similar), and a tag whose text the diff
 * deleted may only be found again in text the change inserted (not in a copy
 * that was already there). Found tags get fresh quotes; orphans keep their
 * last quote. Same count and order as given; 1,000 tags on 1 MB take tens of
 * milliseconds.
 */
export function reanchor(tags: readonly Tag[], newText: string, oldText?: string): ReanchorResult {
  const out: Tag[] = tags.slice();
  const res = locateAll(tags, newText, oldText, true);
  let moved = 0;
  let orphaned = 0;
  let recovered = 0;
  for (let i = 0; i < tags.length; i++) {
    const t = tags[i];
    const f = res[i];
    if (f) {
      const quote = quoteAt(newText, f.start, f.end);
      if (t.orphan) recovered++;
      else if (f.start !== t.start || f.end !== t.end) moved++;
      if (!t.orphan && f.start === t.start && f.end === t.end && sameQuote(quote, t.quote)) continue;
      const { orphan: _o, ...rest } = t;
      out[i] = { ...rest, start: f.start, end: f.end, quote };
    } else {
      const p = clamp(res.hints[i], 0, newText.length);
      if (!t.orphan) orphaned++;
      if (!t.orphan || t.start !== p || t.end !== p) out[i] = { ...t, start: p, end: p, orphan: true };
    }
  }
  return { tags: out, moved, orphaned, recovered };
}

/**
 * Rejected entities re-anchored in `newText` (see reanchor): kept where their
 * exact text is found credibly, dropped otherwise (a rejection whose text is
 * gone hides nothing).
 */
export function reanchorRejected(rejected: readonly RejectedEntity[], newText: string, oldText?: string): RejectedEntity[] {
  const res = locateAll(rejected, newText, oldText, false);
  const out: RejectedEntity[] = [];
  rejected.forEach((r, i) => {
    const f = res[i];
    if (!f || newText.slice(f.start, f.end) !== r.quote.exact) return;
    out.push({ ...r, start: f.start, end: f.end, quote: quoteAt(newText, f.start, f.end) });
  });
  return out;
}

type Located = (Found | undefined)[] & { hints: number[] };

function locateAll(items: readonly Anchorable[], newText: string, oldText: string | undefined, partial: boolean): Located {
  const n = items.length;
  const result = new Array<Found | undefined>(n) as Located;
  result.hints = new Array<number>(n).fill(0);
  const cache: SearchCache = { occurrences: new Map() };
  // offsets mapped through a diff of old → new (only for items consistent with oldText)
  let mapped: Anchorable[] | undefined;
  let consistent: boolean[] | undefined;
  if (oldText !== undefined) {
    const edits = diffTexts(oldText, newText);
    cache.oldText = oldText;
    cache.inserted = [];
    cache.shifts = [];
    let shift = 0;
    for (const e of edits) {
      cache.inserted.push(e.start + shift, e.start + shift + e.text.length);
      shift += e.text.length - (e.end - e.start);
      cache.shifts.push(shift);
    }
    consistent = items.map((t) => (t.orphan ? t.start <= oldText.length : t.end <= oldText.length && oldText.slice(t.start, t.end) === t.quote.exact));
    mapped = items.map((t, i) => {
      if (!consistent![i]) return t;
      let m: Anchorable = t;
      for (let k = edits.length - 1; k >= 0; k--) m = editAnchorable(m, edits[k]);
      return m;
    });
  }
  const order = items.map((_, i) => i).sort((x, y) => items[x].start - items[y].start || x - y);
  let delta = 0;
  for (const i of order) {
    const t = items[i];
    const exact = t.quote.exact;
    const len = exact.length;
    const m = mapped && consistent![i] ? mapped[i] : undefined;
    // with the old text, a tag known there (at old offset `restrict`) may only move into text the change inserted
    const restrict = m !== undefined ? t.start : undefined;
    // where an orphan is left: the diff's point, else the shift of the previous tag
    const point = clamp(m ? m.start : t.start + delta, 0, newText.length);
    result.hints[i] = point;
    // where to look first: the diff's position when it kept the tag, else the shift of the previous tag
    const hint = clamp(m && !m.orphan ? m.start : t.start + delta, 0, newText.length);
    if (len === 0) continue;
    let inPlace: Found | undefined;
    if (!t.orphan) {
      // 1. the diff mapping left the text intact
      if (m && !m.orphan && newText.slice(m.start, m.end) === exact) {
        result[i] = { start: m.start, end: m.end };
        delta = m.start - t.start;
        continue;
      }
      // 2. still in place (certain when the text did not change)
      if (!m && newText.slice(t.start, t.end) === exact) {
        inPlace = { start: t.start, end: t.end };
        if (runContext(t.quote, newText, t.start, t.end) >= 0.5) {
          result[i] = inPlace;
          delta = 0;
          continue;
        }
      }
      // 3. at the position predicted by the shift of the previous tag
      if (!m && delta !== 0) {
        const p = t.start + delta;
        if (p >= 0 && newText.startsWith(exact, p) && runContext(t.quote, newText, p, p + len) >= 0.5) {
          result[i] = { start: p, end: p + len };
          continue;
        }
      }
    }
    if (t.orphan && newText.startsWith(exact, point) && runContext(t.quote, newText, point, point + len) >= 0.5) {
      // an orphan whose text is back at its place (undo, revert)
      result[i] = { start: point, end: point + len };
      continue;
    }
    // its prefix and suffix now meet at the expected place: the text was deleted here, not moved
    if (deletedAt(t.quote, newText, point)) continue;
    // 4. search the exact text, near the hint first, then everywhere
    const found = searchExact(t.quote, newText, hint, cache, restrict);
    if (found) {
      result[i] = found;
      if (!t.orphan) delta = found.start - t.start;
      continue;
    }
    if (inPlace) {
      result[i] = inPlace;
      continue;
    }
    if (!partial) continue;
    // 5. the diff tracked an edit inside the tag: follow it, as in the editor
    if (m && !m.orphan && m.end > m.start && similarity(newText.slice(m.start, m.end), exact) >= FUZZY_MIN) {
      result[i] = { start: m.start, end: m.end };
      continue;
    }
    // 6. a slightly edited text between its prefix and suffix
    const fuzzy = searchFuzzy(t.quote, newText, hint);
    if (fuzzy && (restrict === undefined || allowedMove(cache, fuzzy.start, fuzzy.end, restrict))) result[i] = fuzzy;
  }
  return result;
}

function editAnchorable(t: Anchorable, edit: TextEdit): Anchorable {
  const { start: a, end: b, text } = edit;
  if (t.orphan) {
    const p = mapPoint(t.start, a, b, text.length);
    return { ...t, start: p, end: p };
  }
  const r = mapRange(t.start, t.end, a, b, text.length);
  if (!r) return { ...t, start: a, end: a, orphan: true };
  return { ...t, start: r[0], end: r[1] };
}

/** Occurrence lists by exact text, and a bigram filter that rules out texts absent from the document without scanning it. */
interface SearchCache {
  occurrences: Map<string, number[]>;
  filter?: BigramFilter;
  /** With the old text: ranges [start, end, start, end …] of the new text that the diff inserted, ascending (empty ones included). */
  inserted?: number[];
  /** shifts[k]: new − old offset after the k-th inserted range. */
  shifts?: number[];
  /** With the old text: occurrence counts there. */
  oldText?: string;
  oldCounts?: Map<string, number>;
}

/**
 * Whether a candidate [start, end) may be the tag that was at `oldStart` in
 * the old text: it overlaps text the diff inserted, or it was already there
 * in the old text within 64 units of the tag (the diff may have aligned equal
 * characters differently). A copy elsewhere in unchanged text was already
 * there beside the tag, so it is not the tag.
 */
function allowedMove(cache: SearchCache, start: number, end: number, oldStart: number): boolean {
  const r = cache.inserted;
  if (!r) return true;
  let lo = 0;
  let hi = r.length / 2;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (r[2 * mid + 1] <= start) lo = mid + 1;
    else hi = mid;
  }
  if (lo < r.length / 2 && r[2 * lo] < end) return true;
  // unchanged text: its old position, through the shift left by the edits before it
  const shift = lo === 0 ? 0 : cache.shifts![lo - 1];
  return Math.abs(start - shift - oldStart) <= 64;
}

function oldCount(cache: SearchCache, exact: string): number {
  if (cache.oldText === undefined) return -1;
  cache.oldCounts ??= new Map();
  let c = cache.oldCounts.get(exact);
  if (c === undefined) cache.oldCounts.set(exact, (c = occurrencesIn(cache.oldText, exact, 0, cache.oldText.length).length));
  return c;
}

/** A Bloom-like bit set of the text's bigrams (UTF-16 pairs): a string with a bigram not in it does not occur in the text. */
class BigramFilter {
  private readonly bits = new Uint8Array(1 << 21);

  constructor(text: string) {
    for (let i = 0; i + 1 < text.length; i++) {
      const h = BigramFilter.hash(text.charCodeAt(i), text.charCodeAt(i + 1));
      this.bits[h >>> 3] |= 1 << (h & 7);
    }
  }

  private static hash(a: number, b: number): number {
    return (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca6b)) >>> 8;
  }

  mayOccur(s: string): boolean {
    for (let i = 0; i + 1 < s.length; i++) {
      const h = BigramFilter.hash(s.charCodeAt(i), s.charCodeAt(i + 1));
      if ((this.bits[h >>> 3] & (1 << (h & 7))) === 0) return false;
    }
    return true;
  }
}

/** Finds the best credible occurrence of quote.exact, or undefined. */
function searchExact(q: QuoteSelector, text: string, hint: number, cache: SearchCache, restrict: number | undefined): Found | undefined {
  const exact = q.exact;
  if (text.length > 65536 && exact.length > 1) {
    cache.filter ??= new BigramFilter(text);
    if (!cache.filter.mayOccur(exact)) return undefined;
  }
  // the context needed: short texts recur by chance, so they need more of it
  const need = exact.length <= 2 ? 0.75 : exact.length <= 4 ? 0.6 : 0.5;
  // local: within LOCAL_RADIUS of the hint, accepted only with a good context
  const from = Math.max(0, hint - LOCAL_RADIUS - exact.length);
  let local = occurrencesIn(text, exact, from, Math.min(text.length, hint + LOCAL_RADIUS + exact.length));
  if (restrict !== undefined) local = local.filter((p) => allowedMove(cache, p, p + exact.length, restrict));
  if (local.length > 0) {
    const best = bestCandidate(q, text, hint, local);
    if (best && (best.ctx >= need || runContext(q, text, best.start, best.start + exact.length) >= 0.5)) return { start: best.start, end: best.start + exact.length };
  }
  let all = cache.occurrences.get(exact);
  if (!all) {
    all = occurrencesIn(text, exact, 0, text.length);
    cache.occurrences.set(exact, all);
  }
  const unique = all.length === 1;
  if (restrict !== undefined) all = all.filter((p) => allowedMove(cache, p, p + exact.length, restrict));
  if (all.length === 0) return undefined;
  const best = bestCandidate(q, text, hint, nearest(all, hint, MAX_CANDIDATES));
  if (!best) return undefined;
  // a good context (or half of it unbroken from the edges); or the only copy, long enough to be no coincidence, or the only copy in the old text too
  const credible = best.ctx >= need || runContext(q, text, best.start, best.start + exact.length) >= 0.5 || (unique && (exact.length >= 8 || (restrict !== undefined && oldCount(cache, exact) === 1)));
  return credible ? { start: best.start, end: best.start + exact.length } : undefined;
}

interface Scored {
  start: number;
  ctx: number;
  dist: number;
  score: number;
}

/** Scores occurrences: a cheap run-length pass over all, the full context similarity for the best few and the nearest few. */
function bestCandidate(q: QuoteSelector, text: string, hint: number, starts: readonly number[]): Scored | undefined {
  const len = q.exact.length;
  const quick = starts.map((p) => ({
    p,
    run: commonSuffix(q.prefix, text.slice(Math.max(0, p - q.prefix.length), p)) + commonPrefix(q.suffix, text.slice(p + len, p + len + q.suffix.length)),
    dist: Math.abs(p - hint),
  }));
  const pick = new Set<number>();
  quick
    .slice()
    .sort((x, y) => y.run - x.run || x.dist - y.dist)
    .slice(0, 8)
    .forEach((c) => pick.add(c.p));
  quick
    .slice()
    .sort((x, y) => x.dist - y.dist)
    .slice(0, 4)
    .forEach((c) => pick.add(c.p));
  let best: Scored | undefined;
  for (const p of pick) {
    const ctx = context(q, text, p, p + len);
    const dist = Math.abs(p - hint);
    const score = ctx - 0.1 * Math.min(1, dist / 20000);
    if (!best || score > best.score || (score === best.score && dist < best.dist)) best = { start: p, ctx, dist, score };
  }
  return best;
}

/** Whether the quote's prefix ends right before `at` and its suffix starts right there (the quoted text was deleted at that point): the 8 units nearest to the gap must match on each side. */
function deletedAt(q: QuoteSelector, text: string, at: number): boolean {
  const need = (side: string): number => Math.min(side.length, 8);
  if (q.prefix.length === 0 ? at !== 0 : commonSuffix(q.prefix, text.slice(Math.max(0, at - q.prefix.length), at)) < need(q.prefix)) return false;
  if (q.suffix.length === 0 ? at !== text.length : commonPrefix(q.suffix, text.slice(at, at + q.suffix.length)) < need(q.suffix)) return false;
  return true;
}

/** How well the text around [start, end) matches the quote's prefix and suffix, in [0, 1], by an alignment anchored at the tag's edges (a shifted copy scores lower than the real place). */
function context(q: QuoteSelector, text: string, start: number, end: number): number {
  return sides(q, text, start, end, anchoredSimilarity);
}

/** Like context, but counting only the characters that match unbroken from the tag's edges: strong evidence that [start, end) is the tag's own place. */
function runContext(q: QuoteSelector, text: string, start: number, end: number): number {
  return sides(q, text, start, end, (e, a, atEnd) => (atEnd ? commonSuffix(e, a) : commonPrefix(e, a)) / e.length);
}

function sides(q: QuoteSelector, text: string, start: number, end: number, sim: (expected: string, actual: string, atEnd: boolean) => number): number {
  const side = (expected: string, actual: string, atEnd: boolean, atBoundary: boolean): number | undefined => {
    if (expected.length === 0) return atBoundary ? 1 : undefined;
    return sim(expected, actual, atEnd);
  };
  const left = side(q.prefix, text.slice(Math.max(0, start - q.prefix.length), start), true, start === 0);
  const right = side(q.suffix, text.slice(end, end + q.suffix.length), false, end === text.length);
  if (left === undefined && right === undefined) return 0.5;
  if (left === undefined) return right!;
  if (right === undefined) return left;
  return (left + right) / 2;
}

/**
 * 1 − (edit distance / length) between an expected context and the actual one,
 * aligned from the tag's edge (the end of a prefix, the start of a suffix);
 * what falls off the far end of the window is free, unless the actual window
 * is shorter because the text ends there.
 */
function anchoredSimilarity(expected: string, actual: string, atEnd: boolean): number {
  const n = expected.length;
  const m = actual.length;
  const e = (i: number): number => (atEnd ? expected.charCodeAt(n - 1 - i) : expected.charCodeAt(i));
  const a = (j: number): number => (atEnd ? actual.charCodeAt(m - 1 - j) : actual.charCodeAt(j));
  let prev = new Int32Array(m + 1);
  let cur = new Int32Array(m + 1);
  for (let j = 0; j <= m; j++) prev[j] = j;
  let best = m < n ? Infinity : prev[m]; // expected cut short by the window: free (row 0 is i = 0)
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    const ei = e(i - 1);
    for (let j = 1; j <= m; j++) {
      const sub = prev[j - 1] + (ei === a(j - 1) ? 0 : 1);
      const del = prev[j] + 1;
      const ins = cur[j - 1] + 1;
      cur[j] = sub < del ? (sub < ins ? sub : ins) : del < ins ? del : ins;
    }
    if (m === n && cur[m] < best) best = cur[m];
    [prev, cur] = [cur, prev];
  }
  for (let j = 0; j <= m; j++) if (prev[j] < best) best = prev[j]; // expected used up, the actual window runs on: free
  return Math.max(0, 1 - best / n);
}

/** Least similarity (1 − edit distance / length) for a tag to follow text edited outside the editor. */
const FUZZY_MIN = 0.6;

/** Radius around the expected position searched by the fuzzy match. */
const FUZZY_RADIUS = 16384;

/** A tag's text edited outside: the stretch between anchors taken from the end of its prefix and the start of its suffix (near the expected position), if similar enough. */
function searchFuzzy(q: QuoteSelector, text: string, hint: number): Found | undefined {
  const exact = q.exact;
  const maxGap = exact.length * 2 + 16;
  const lk = Math.min(q.prefix.length, 16);
  const rk = Math.min(q.suffix.length, 16);
  const la = q.prefix.slice(q.prefix.length - lk);
  const ra = q.suffix.slice(0, rk);
  // anchors shorter than 4 units are only the text's own start/end
  let starts: number[];
  if (lk < 4) starts = text.startsWith(q.prefix) ? [q.prefix.length] : [];
  else {
    const lo = Math.max(0, hint - FUZZY_RADIUS - lk);
    starts = occurrencesIn(text, la, lo, Math.min(text.length, hint + FUZZY_RADIUS)).map((p) => p + lk);
    starts = nearest(starts, hint, 200);
  }
  let best: { start: number; end: number; sim: number; dist: number } | undefined;
  for (const s of starts) {
    let e: number;
    if (rk < 4) {
      if (!text.endsWith(q.suffix)) break;
      e = text.length - q.suffix.length;
    } else {
      const found = text.slice(s, s + maxGap + rk).indexOf(ra);
      e = found < 0 ? -1 : s + found;
    }
    if (e < 0 || e <= s || e - s > maxGap) continue;
    const sim = similarity(text.slice(s, e), exact);
    if (sim < FUZZY_MIN) continue;
    const dist = Math.abs(s - hint);
    if (!best || sim > best.sim || (sim === best.sim && dist < best.dist)) best = { start: s, end: e, sim, dist };
  }
  return best ? { start: best.start, end: best.end } : undefined;
}

/** Start offsets of `needle` lying entirely within text[from, to), ascending. */
function occurrencesIn(text: string, needle: string, from: number, to: number): number[] {
  const out: number[] = [];
  if (needle.length === 0 || to - from < needle.length) return out;
  const hay = from === 0 && to === text.length ? text : text.slice(from, to);
  for (let p = hay.indexOf(needle); p >= 0; p = hay.indexOf(needle, p + 1)) out.push(p + from);
  return out;
}

/** Up to `max` values of sorted `all` nearest to `hint`. */
function nearest(all: readonly number[], hint: number, max: number): number[] {
  if (all.length <= max) return all.slice();
  const from = clamp(lowerBound(all, hint) - (max >> 1), 0, all.length - max);
  return all.slice(from, from + max);
}

function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

function commonSuffix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i++;
  return i;
}

/** Sørensen–Dice coefficient over character bigrams (unigrams for one-character strings). */
function dice(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length < 2 || b.length < 2) return a.length > 0 && b.length > 0 && (b.includes(a) || a.includes(b)) ? Math.min(a.length, b.length) / Math.max(a.length, b.length) : 0;
  const counts = new Map<string, number>();
  for (let i = 0; i + 1 < a.length; i++) {
    const g = a.slice(i, i + 2);
    counts.set(g, (counts.get(g) ?? 0) + 1);
  }
  let common = 0;
  for (let i = 0; i + 1 < b.length; i++) {
    const g = b.slice(i, i + 2);
    const c = counts.get(g);
    if (c) {
      common++;
      counts.set(g, c - 1);
    }
  }
  return (2 * common) / (a.length - 1 + b.length - 1);
}

/** Similarity in [0, 1]: 1 − edit distance / length for short strings, bigram Dice for long ones. */
function similarity(a: string, b: string): number {
  const max = Math.max(a.length, b.length);
  if (max === 0) return 1;
  if (Math.min(a.length, b.length) / max < 0.5) return 0;
  if (max > 300) return dice(a, b);
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca === b.charCodeAt(j - 1) ? 0 : 1));
    }
    [prev, cur] = [cur, prev];
  }
  return 1 - prev[b.length] / max;
}

/**
 * Edits (ascending, non-overlapping, in old coordinates) turning `oldText`
 * into `newText`: common prefix/suffix trimmed, then a Myers diff over
 * sentences and lines (units ending in a line break or 。！？；), each changed
 * hunk refined by a character diff; both diffs are bounded (past the bound a
 * hunk stays one edit). Edits never split a surrogate pair.
 */
export function diffTexts(oldText: string, newText: string): TextEdit[] {
  if (oldText === newText) return [];
  const pre = commonPrefix(oldText, newText);
  const maxSuf = Math.min(oldText.length, newText.length) - pre;
  let suf = 0;
  while (suf < maxSuf && oldText.charCodeAt(oldText.length - 1 - suf) === newText.charCodeAt(newText.length - 1 - suf)) suf++;
  const oldEnd = oldText.length - suf;
  const newEnd = newText.length - suf;
  const edits: TextEdit[] = [];
  const oldMid = oldText.slice(pre, oldEnd);
  const newMid = newText.slice(pre, newEnd);
  const oldUnits = oldMid.split(UNIT_END);
  const newUnits = newMid.split(UNIT_END);
  if (oldUnits.length < 3 && newUnits.length < 3) {
    refineChars(oldText, newText, pre, oldEnd, pre, newEnd, edits);
    return edits;
  }
  const ids = new Map<string, number>();
  const idOf = (unit: string): number => {
    let v = ids.get(unit);
    if (v === undefined) ids.set(unit, (v = ids.size));
    return v;
  };
  const hunks = myers(Int32Array.from(oldUnits, idOf), Int32Array.from(newUnits, idOf), 2000);
  if (!hunks) {
    refineChars(oldText, newText, pre, oldEnd, pre, newEnd, edits);
    return edits;
  }
  const oldStarts = unitStarts(oldUnits, pre);
  const newStarts = unitStarts(newUnits, pre);
  const chars = hunks.map(([a0, a1, b0, b1]): [number, number, number, number] => [oldStarts[a0], oldStarts[a1], newStarts[b0], newStarts[b1]]);
  for (const [os, oe, ns, ne] of mergeScattered(chars)) refineChars(oldText, newText, os, oe, ns, ne, edits);
  return edits;
}

/** Diff units end after a line break, or after a sentence-ending mark not followed by one. */
const UNIT_END = /(?<=\n)|(?<=[。！？；!?;])(?![\r\n])/;

/** Hunks up to this many UTF-16 units (old + new) are diffed character by character. */
const CHAR_DIFF_MAX = 20000;

/** Appends the edits turning old[os, oe) into new[ns, ne): trimmed, then a bounded character diff; never splitting a surrogate pair. */
function refineChars(oldText: string, newText: string, os: number, oe: number, ns: number, ne: number, out: TextEdit[]): void {
  while (os < oe && ns < ne && oldText.charCodeAt(os) === newText.charCodeAt(ns)) os++, ns++;
  while (os < oe && ns < ne && oldText.charCodeAt(oe - 1) === newText.charCodeAt(ne - 1)) oe--, ne--;
  if (os === oe && ns === ne) return;
  const push = (a: number, b: number, c: number, d: number): void => {
    // the common text on both sides is identical, so widening both sides by one unit keeps the edit valid
    if (a > 0 && isLow(oldText.charCodeAt(a)) && isHigh(oldText.charCodeAt(a - 1))) a--, c--;
    if (b < oldText.length && isLow(oldText.charCodeAt(b)) && isHigh(oldText.charCodeAt(b - 1))) b++, d++;
    out.push({ start: a, end: b, text: newText.slice(c, d) });
  };
  if (oe - os + (ne - ns) > CHAR_DIFF_MAX || oe === os || ne === ns) return push(os, oe, ns, ne);
  const a = new Int32Array(oe - os);
  const b = new Int32Array(ne - ns);
  for (let i = 0; i < a.length; i++) a[i] = oldText.charCodeAt(os + i);
  for (let i = 0; i < b.length; i++) b[i] = newText.charCodeAt(ns + i);
  const hunks = myers(a, b, 1000);
  if (!hunks) return push(os, oe, ns, ne);
  for (const [a0, a1, b0, b1] of mergeScattered(hunks)) push(os + a0, os + a1, ns + b0, ns + b1);
}

/**
 * Semantic clean-up of a character diff: an equality no longer than the
 * changes on both sides of it is a coincidence (a shared 的 or 。 between two
 * unrelated passages), so the two changes become one. Keeps a rewritten
 * passage one edit instead of many scattered ones.
 */
function mergeScattered(hunks: [number, number, number, number][]): [number, number, number, number][] {
  const out: [number, number, number, number][] = [];
  const size = (h: [number, number, number, number]): number => Math.max(h[1] - h[0], h[3] - h[2]);
  for (const h of hunks) {
    let cur = h;
    while (out.length > 0) {
      const last = out[out.length - 1];
      const gap = cur[0] - last[1];
      if (gap > size(last) || gap > size(cur)) break;
      out.pop();
      cur = [last[0], cur[1], last[2], cur[3]];
    }
    out.push(cur);
  }
  return out;
}

function unitStarts(units: readonly string[], base: number): number[] {
  const out = new Array<number>(units.length + 1);
  out[0] = base;
  for (let i = 0; i < units.length; i++) out[i + 1] = out[i] + units[i].length;
  return out;
}

/** Myers' O(ND) diff: the changed hunks [aStart, aEnd, bStart, bEnd], ascending; undefined past maxD. */
function myers(a: Int32Array, b: Int32Array, maxD: number): [number, number, number, number][] | undefined {
  const n = a.length;
  const m = b.length;
  const off = maxD + 1;
  const v = new Int32Array(2 * maxD + 3);
  // trace[d] holds v[-d .. d] as it was before step d
  const trace: Int32Array[] = [];
  let found = -1;
  outer: for (let d = 0; d <= maxD; d++) {
    trace.push(v.slice(off - d, off + d + 1));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[off + k - 1] < v[off + k + 1]) ? v[off + k + 1] : v[off + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) x++, y++;
      v[off + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break outer;
      }
    }
  }
  if (found < 0) return undefined;
  // backtrack: collect matched pairs
  const matchA: number[] = [];
  const matchB: number[] = [];
  let x = n;
  let y = m;
  for (let d = found; d >= 0; d--) {
    const vd = trace[d];
    const at = (k: number): number => vd[k + d];
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : at(prevK);
    const prevY = d === 0 ? 0 : prevX - prevK;
    while (x > prevX && y > prevY) {
      x--, y--;
      matchA.push(x);
      matchB.push(y);
    }
    x = prevX;
    y = prevY;
  }
  matchA.reverse();
  matchB.reverse();
  const hunks: [number, number, number, number][] = [];
  let pa = 0;
  let pb = 0;
  for (let i = 0; i <= matchA.length; i++) {
    const ma = i < matchA.length ? matchA[i] : n;
    const mb = i < matchB.length ? matchB[i] : m;
    if (ma > pa || mb > pb) hunks.push([pa, ma, pb, mb]);
    pa = ma + 1;
    pb = mb + 1;
  }
  return hunks;
}

// ---------------------------------------------------------------------------
// Sidecar files

/** A sidecar that cannot be read; the message is one line, e.g. `line 7: tags[3].start is not an integer`. */
export class SidecarError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SidecarError';
  }
}

/** The sidecar path of a document, relative to the workspace root: `.policy-lens/<path>.json` with '/' separators ('\\' counts as a separator); throws on absolute paths and `..`. */
export function sidecarPathFor(relativeDocPath: string): string {
  const p = relativeDocPath.replace(/\\/g, '/');
  if (p.startsWith('/') || /^[A-Za-z]:/.test(p)) throw new Error(`not a relative path: ${JSON.stringify(relativeDocPath)}`);
  const parts = p.split('/').filter((s) => s !== '' && s !== '.');
  if (parts.includes('..')) throw new Error(`path escapes the workspace: ${JSON.stringify(relativeDocPath)}`);
  if (parts.length === 0) throw new Error(`not a document path: ${JSON.stringify(relativeDocPath)}`);
  return `${SIDECAR_DIR}/${parts.join('/')}.json`;
}

/**
 * The sidecar JSON of a document: `format`, `document`, `sha256` (of `text`),
 * `tags`, `rejected`, keys in a fixed order, one tag / rejected entity per
 * line, offsets in code points (through OffsetMap over `text`), ending with a
 * newline. Quotes of tags whose text is in place are refreshed from `text`;
 * `orphan` is written only when true. Throws RangeError on offsets outside
 * `text` or a non-finite entity value (rather than write a file that cannot be
 * read back).
 */
export function serializeSidecar(doc: DocumentTags, text: string): string {
  const map = new OffsetMap(text);
  const cp = (u: number, what: string): number => {
    if (!Number.isInteger(u) || u < 0 || u > text.length) throw new RangeError(`${what} ${u} is outside the text (${text.length} UTF-16 units)`);
    return map.toCodePoint(u);
  };
  const tagLines = doc.tags.map((t, i) => {
    if (t.start > t.end) throw new RangeError(`tags[${i}] starts after its end`);
    const fresh = !t.orphan && text.slice(t.start, t.end) === t.quote.exact;
    const q = fresh ? quoteAt(text, t.start, t.end) : t.quote;
    const o: Record<string, unknown> = { id: t.id, label: t.label, start: cp(t.start, `tags[${i}].start`), end: cp(t.end, `tags[${i}].end`) };
    if (t.orphan) o.orphan = true;
    o.source = t.source;
    o.quote = { exact: q.exact, prefix: q.prefix, suffix: q.suffix };
    if (t.note !== undefined) o.note = t.note;
    if (t.entity !== undefined) {
      const e = t.entity;
      const eo: Record<string, unknown> = { type: e.type };
      if (e.canonical !== undefined) eo.canonical = e.canonical;
      if (e.parent !== undefined) eo.parent = e.parent;
      if (e.value !== undefined) {
        if (!Number.isFinite(e.value)) throw new RangeError(`tags[${i}].entity.value is not a finite number`);
        eo.value = e.value;
      }
      if (e.unit !== undefined) eo.unit = e.unit;
      if (e.approx !== undefined) eo.approx = e.approx;
      o.entity = eo;
    }
    o.created = t.created;
    if (t.modified !== undefined) o.modified = t.modified;
    return JSON.stringify(o);
  });
  const rejectedLines = doc.rejected.map((r, i) => {
    const fresh = text.slice(r.start, r.end) === r.quote.exact;
    const q = fresh ? quoteAt(text, r.start, r.end) : r.quote;
    return JSON.stringify({
      type: r.type,
      start: cp(r.start, `rejected[${i}].start`),
      end: cp(r.end, `rejected[${i}].end`),
      quote: { exact: q.exact, prefix: q.prefix, suffix: q.suffix },
    });
  });
  const list = (lines: string[]): string => (lines.length === 0 ? '[]' : `[\n${lines.map((l) => `    ${l}`).join(',\n')}\n  ]`);
  return (
    `{\n  "format": ${JSON.stringify(SIDECAR_FORMAT)},\n  "document": ${JSON.stringify(doc.document)},\n` +
    `  "sha256": ${JSON.stringify(sha256(text))},\n  "tags": ${list(tagLines)},\n  "rejected": ${list(rejectedLines)}\n}\n`
  );
}

/**
 * Reads a sidecar, strictly: invalid JSON, a wrong format, missing or unknown
 * keys, wrong types, duplicate ids or offsets beyond the text throw a
 * SidecarError with a one-line message naming the line and the field; there
 * are no partial results. With `text` whose SHA-256 is the sidecar's,
 * offsets are checked against it and converted from code points to UTF-16;
 * with another `text` (changed outside) they are converted approximately and
 * clamped, as hints for reanchor; without `text` they stay code points (the
 * caller re-anchors).
 */
export function parseSidecar(json: string, text?: string): DocumentTags {
  const parser = new JsonReader(json);
  const root = parser.parse();
  return readDocument(root, parser.lines, text);
}

type Obj = Record<string, unknown>;

function readDocument(root: unknown, lines: Map<string, number>, text: string | undefined): DocumentTags {
  const fail = (path: string, msg: string): never => {
    throw new SidecarError(`line ${lines.get(path) ?? 1}: ${msg}`);
  };
  const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
  const keys = (o: Obj, path: string, required: readonly string[], optional: readonly string[]): void => {
    const what = path === '' ? 'the sidecar' : path;
    for (const k of Object.keys(o)) {
      if (!required.includes(k) && !optional.includes(k)) fail(join(path, k), `${what} has an unknown key ${short(k)}`);
    }
    for (const k of required) if (!(k in o)) fail(path, `${join(path, k)} is missing`);
  };
  const str = (o: Obj, k: string, path: string, nonEmpty = false): string => {
    const v = o[k];
    const p = join(path, k);
    if (typeof v !== 'string') fail(p, `${p} is not a string`);
    if (nonEmpty && v === '') fail(p, `${p} is empty`);
    return v as string;
  };
  const int = (o: Obj, k: string, path: string): number => {
    const v = o[k];
    const p = join(path, k);
    if (typeof v !== 'number' || !Number.isInteger(v)) fail(p, `${p} is not an integer`);
    if ((v as number) < 0) fail(p, `${p} is negative`);
    return v as number;
  };
  const oneOf = <T extends string>(o: Obj, k: string, path: string, allowed: readonly T[]): T => {
    const v = str(o, k, path);
    if (!allowed.includes(v as T)) fail(join(path, k), `${join(path, k)} is ${short(v)}, expected one of ${allowed.join(', ')}`);
    return v as T;
  };
  const quote = (o: Obj, path: string): QuoteSelector => {
    const p = join(path, 'quote');
    const q = o.quote;
    if (!isObj(q)) return fail(p, `${p} is not an object`);
    keys(q, p, ['exact', 'prefix', 'suffix'], []);
    return { exact: str(q, 'exact', p), prefix: str(q, 'prefix', p), suffix: str(q, 'suffix', p) };
  };

  if (!isObj(root)) return fail('', 'the sidecar is not a JSON object');
  keys(root, '', ['format', 'document', 'sha256', 'tags', 'rejected'], []);
  const format = str(root, 'format', '');
  if (format !== SIDECAR_FORMAT) fail('format', `format is ${short(format)}, expected "${SIDECAR_FORMAT}"`);
  const document = str(root, 'document', '', true);
  const sha = str(root, 'sha256', '');
  if (!/^[0-9a-f]{64}$/.test(sha)) fail('sha256', 'sha256 is not 64 lowercase hexadecimal digits');
  if (!Array.isArray(root.tags)) fail('tags', 'tags is not an array');
  if (!Array.isArray(root.rejected)) fail('rejected', 'rejected is not an array');

  // offsets: code points → UTF-16
  const map = text !== undefined ? new OffsetMap(text) : undefined;
  const exactText = text !== undefined && sha256(text) === sha;
  const limit = map ? map.codePointLength : Infinity;
  const offsets = (o: Obj, path: string): [number, number] => {
    const s = int(o, 'start', path);
    const e = int(o, 'end', path);
    if (s > e) fail(join(path, 'end'), `${join(path, 'end')} (${e}) is before ${join(path, 'start')} (${s})`);
    if (!map) return [s, e];
    if (exactText) {
      if (e > limit) fail(join(path, 'end'), `${join(path, 'end')} (${e}) is beyond the end of the text (${limit} code points)`);
      return [map.toUtf16(s), map.toUtf16(e)];
    }
    return [map.toUtf16(Math.min(s, limit)), map.toUtf16(Math.min(e, limit))];
  };

  const tags: Tag[] = [];
  const seen = new Set<string>();
  (root.tags as unknown[]).forEach((raw, i) => {
    const path = `tags[${i}]`;
    if (!isObj(raw)) return fail(path, `${path} is not an object`);
    keys(raw, path, ['id', 'label', 'start', 'end', 'source', 'quote', 'created'], ['orphan', 'note', 'entity', 'modified']);
    const id = str(raw, 'id', path, true);
    if (seen.has(id)) fail(join(path, 'id'), `${path}.id ${short(id)} is used by an earlier tag`);
    seen.add(id);
    const label = str(raw, 'label', path, true);
    let orphan = false;
    if ('orphan' in raw) {
      if (typeof raw.orphan !== 'boolean') fail(join(path, 'orphan'), `${path}.orphan is not a boolean`);
      orphan = raw.orphan as boolean;
    }
    const [start, end] = offsets(raw, path);
    if (!orphan && start === end && (!map || exactText)) fail(join(path, 'end'), `${path} is empty but not an orphan`);
    const tag: Tag = { id, label, start, end, quote: quote(raw, path), source: oneOf(raw, 'source', path, TAG_SOURCES), created: str(raw, 'created', path, true) };
    if ('note' in raw) tag.note = str(raw, 'note', path);
    if ('entity' in raw) {
      const p = `${path}.entity`;
      const e = raw.entity;
      if (!isObj(e)) return fail(p, `${p} is not an object`);
      keys(e, p, ['type'], ['canonical', 'parent', 'value', 'unit', 'approx']);
      const entity: NonNullable<Tag['entity']> = { type: oneOf<EntityType>(e, 'type', p, ENTITY_TYPES) };
      if ('canonical' in e) entity.canonical = str(e, 'canonical', p);
      if ('parent' in e) entity.parent = str(e, 'parent', p);
      if ('value' in e) {
        if (typeof e.value !== 'number' || !Number.isFinite(e.value)) fail(`${p}.value`, `${p}.value is not a number`);
        entity.value = e.value as number;
      }
      if ('unit' in e) entity.unit = str(e, 'unit', p);
      if ('approx' in e) entity.approx = oneOf(e, 'approx', p, APPROX);
      tag.entity = entity;
    }
    if (orphan) tag.orphan = true;
    if ('modified' in raw) tag.modified = str(raw, 'modified', path, true);
    tags.push(tag);
  });

  const rejected: RejectedEntity[] = [];
  (root.rejected as unknown[]).forEach((raw, i) => {
    const path = `rejected[${i}]`;
    if (!isObj(raw)) return fail(path, `${path} is not an object`);
    keys(raw, path, ['type', 'start', 'end', 'quote'], []);
    const type = oneOf<EntityType>(raw, 'type', path, ENTITY_TYPES);
    const [start, end] = offsets(raw, path);
    rejected.push({ type, start, end, quote: quote(raw, path) });
  });

  return { document, sha256: sha, tags, rejected };
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

/** A user string for a one-line message: JSON-quoted (no raw newlines) and cut to 40 characters. */
function short(s: string): string {
  const q = JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}…` : s);
  return q;
}

/** A small strict JSON reader that remembers the line of every value (by path: `tags[3].start`) and rejects duplicate keys. */
class JsonReader {
  readonly lines = new Map<string, number>();
  private i = 0;
  private line = 1;
  private depth = 0;

  constructor(private readonly s: string) {
    if (s.charCodeAt(0) === 0xfeff) this.i = 1;
  }

  parse(): unknown {
    this.ws();
    if (this.i >= this.s.length) this.fail('invalid JSON: the file is empty');
    const v = this.value('');
    this.ws();
    if (this.i < this.s.length) this.fail(`invalid JSON: unexpected ${this.describe()} after the end of the data`);
    return v;
  }

  private fail(msg: string): never {
    throw new SidecarError(`line ${this.line}: ${msg}`);
  }

  private describe(): string {
    if (this.i >= this.s.length) return 'end of file';
    const c = String.fromCodePoint(this.s.codePointAt(this.i)!);
    return JSON.stringify(c);
  }

  private ws(): void {
    const s = this.s;
    while (this.i < s.length) {
      const c = s.charCodeAt(this.i);
      if (c === 0x20 || c === 0x09 || c === 0x0d) this.i++;
      else if (c === 0x0a) {
        this.i++;
        this.line++;
      } else break;
    }
  }

  private value(path: string): unknown {
    this.ws();
    this.lines.set(path, this.line);
    const c = this.s[this.i];
    if (c === '{') return this.object(path);
    if (c === '[') return this.array(path);
    if (c === '"') return this.string();
    if (c === '-' || (c >= '0' && c <= '9')) return this.number();
    for (const [word, v] of [['true', true], ['false', false], ['null', null]] as const) {
      if (this.s.startsWith(word, this.i)) {
        this.i += word.length;
        return v;
      }
    }
    return this.fail(`invalid JSON: unexpected ${this.describe()}, expected a value`);
  }

  private nest(): void {
    if (++this.depth > 32) this.fail('invalid JSON: nested too deeply');
  }

  private object(path: string): Obj {
    this.nest();
    this.i++;
    const o: Obj = Object.create(null) as Obj;
    this.ws();
    if (this.s[this.i] === '}') {
      this.i++;
      this.depth--;
      return o;
    }
    for (;;) {
      this.ws();
      if (this.s[this.i] !== '"') this.fail(`invalid JSON: unexpected ${this.describe()}, expected a key in double quotes`);
      const key = this.string();
      if (Object.prototype.hasOwnProperty.call(o, key)) this.fail(`${join(path, key)} appears twice`);
      this.ws();
      if (this.s[this.i] !== ':') this.fail(`invalid JSON: unexpected ${this.describe()}, expected ":"`);
      this.i++;
      o[key] = this.value(join(path, key));
      this.ws();
      const c = this.s[this.i];
      this.i++;
      if (c === ',') continue;
      if (c === '}') break;
      this.i--;
      this.fail(`invalid JSON: unexpected ${this.describe()}, expected "," or "}"`);
    }
    this.depth--;
    return o;
  }

  private array(path: string): unknown[] {
    this.nest();
    this.i++;
    const a: unknown[] = [];
    this.ws();
    if (this.s[this.i] === ']') {
      this.i++;
      this.depth--;
      return a;
    }
    for (;;) {
      a.push(this.value(`${path}[${a.length}]`));
      this.ws();
      const c = this.s[this.i];
      this.i++;
      if (c === ',') continue;
      if (c === ']') break;
      this.i--;
      this.fail(`invalid JSON: unexpected ${this.describe()}, expected "," or "]"`);
    }
    this.depth--;
    return a;
  }

  private string(): string {
    const s = this.s;
    this.i++;
    let out = '';
    let from = this.i;
    for (;;) {
      if (this.i >= s.length) this.fail('invalid JSON: unterminated string');
      const c = s.charCodeAt(this.i);
      if (c === 0x22) {
        out += s.slice(from, this.i);
        this.i++;
        return out;
      }
      if (c < 0x20) this.fail('invalid JSON: control character in a string (newlines must be written \\n)');
      if (c !== 0x5c) {
        this.i++;
        continue;
      }
      out += s.slice(from, this.i);
      const e = s[this.i + 1];
      const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
      if (e !== undefined && e in simple) {
        out += simple[e];
        this.i += 2;
      } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(s.slice(this.i + 2, this.i + 6))) {
        out += String.fromCharCode(parseInt(s.slice(this.i + 2, this.i + 6), 16));
        this.i += 6;
      } else {
        this.fail('invalid JSON: bad escape in a string');
      }
      from = this.i;
    }
  }

  private number(): number {
    const re = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    re.lastIndex = this.i;
    const m = re.exec(this.s);
    if (!m) this.fail('invalid JSON: bad number');
    this.i += m![0].length;
    return Number(m![0]);
  }
}

// ---------------------------------------------------------------------------
// Undo of tagging actions

/**
 * Undo/redo of tagging actions (add, remove, relabel, note, reject …) by
 * snapshots of the tag state (a DocumentTags by default; any object with
 * `tags` and `rejected`) taken before each action. Text edits made since
 * a snapshot are logged (`applyEdits`) and replayed onto it when it is
 * restored, so an undone action lands on the current text. Bounded depth;
 * recording clears the redo stack. Call clear() after a change made outside
 * the editor (the logged offsets no longer apply).
 */
export class TagHistory<T extends TagState = DocumentTags> {
  private readonly undoStack: { state: T; at: number }[] = [];
  private readonly redoStack: { state: T; at: number }[] = [];
  /** log[k] is edit number logBase + k. */
  private log: TextEdit[] = [];
  private logBase = 0;

  /** A history keeping at most `depth` undo steps. */
  constructor(readonly depth = 100) {}

  private get seq(): number {
    return this.logBase + this.log.length;
  }

  /** Records the state BEFORE a tagging action (deep-copied). */
  record(before: T): void {
    this.undoStack.push({ state: clone(before), at: this.seq });
    if (this.undoStack.length > this.depth) this.undoStack.splice(0, this.undoStack.length - this.depth);
    this.redoStack.length = 0;
    this.trim();
  }

  /** Logs a text edit so that stored states follow the text (same order as applyEdits). */
  applyEdit(edit: TextEdit): void {
    checkEdit(edit);
    if (this.undoStack.length > 0 || this.redoStack.length > 0) this.log.push(edit);
  }

  /** Logs a batch of text edits (see applyEdits). */
  applyEdits(edits: readonly TextEdit[]): void {
    for (const e of edits) this.applyEdit(e);
  }

  /** Whether there is an action to undo. */
  get canUndo(): boolean {
    return this.undoStack.length > 0;
  }

  /** Whether there is an undone action to redo. */
  get canRedo(): boolean {
    return this.redoStack.length > 0;
  }

  /** The state to restore to undo the last action (brought up to date with the text), or undefined; `current` becomes redoable. */
  undo(current?: T): T | undefined {
    const entry = this.undoStack.pop();
    if (!entry) return undefined;
    if (current) this.redoStack.push({ state: clone(current), at: this.seq });
    const state = this.replay(entry);
    this.trim();
    return state;
  }

  /** The state to restore to redo the last undone action, or undefined; `current` becomes undoable again. */
  redo(current?: T): T | undefined {
    const entry = this.redoStack.pop();
    if (!entry) return undefined;
    if (current) this.undoStack.push({ state: clone(current), at: this.seq });
    const state = this.replay(entry);
    this.trim();
    return state;
  }

  /** Forgets everything. */
  clear(): void {
    this.undoStack.length = 0;
    this.redoStack.length = 0;
    this.logBase += this.log.length;
    this.log = [];
  }

  private replay(entry: { state: T; at: number }): T {
    const edits = this.log.slice(entry.at - this.logBase);
    if (edits.length === 0) return entry.state;
    return { ...entry.state, tags: applyEdits(entry.state.tags, edits), rejected: applyEditsToRejected(entry.state.rejected, edits) };
  }

  private trim(): void {
    let min = this.seq;
    for (const e of this.undoStack) min = Math.min(min, e.at);
    for (const e of this.redoStack) min = Math.min(min, e.at);
    if (min > this.logBase) {
      this.log = this.log.slice(min - this.logBase);
      this.logBase = min;
    }
  }
}

function clone<T>(state: T): T {
  return structuredClone(state);
}

// ---------------------------------------------------------------------------

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

function splitsPair(text: string, i: number): boolean {
  return i > 0 && i < text.length && isHigh(text.charCodeAt(i - 1)) && isLow(text.charCodeAt(i));
}

function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}

function sameQuote(a: QuoteSelector, b: QuoteSelector): boolean {
  return a.exact === b.exact && a.prefix === b.prefix && a.suffix === b.suffix;
}
