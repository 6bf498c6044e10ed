// Finding tags again by their quotes after changes made outside the editor
// (git, sync, another tool): a diff old → new maps the offsets first, then the
// exact text is searched near its expected place and scored by its context,
// then a bounded fuzzy match between its prefix and suffix. A tag that cannot
// be found credibly becomes an orphan, never dropped.
import type { Tag, QuoteSelector, RejectedEntity } from './types';
import { quoteAt } from './model';
import { diffTexts, type TextEdit, commonSuffix, commonPrefix } from '../text/diff';
import { mapPoint, mapRange } from './edits';
import { lowerBound } from '../text/search';

/**
 * Finds a quote in `text` (UTF-16 result): every occurrence of `exact` is
 * scored by how much of the prefix and suffix agree; ties go to the one
 * nearest `hint`. Undefined when `exact` does not occur (or is empty).
 */
export function anchorQuote(text: string, quote: QuoteSelector, hint = 0): { start: number; end: number } | undefined {
  if (quote.exact === '') return undefined;
  let best: { start: number; score: number; distance: number } | undefined;
  for (let i = text.indexOf(quote.exact); i >= 0; i = text.indexOf(quote.exact, i + 1)) {
    const score = commonSuffix(text.slice(Math.max(0, i - quote.prefix.length), i), quote.prefix) + commonPrefix(text.slice(i + quote.exact.length), quote.suffix);
    const distance = Math.abs(i - hint);
    if (!best || score > best.score || (score === best.score && distance < best.distance)) best = { start: i, score, distance };
  }
  return best && { start: best.start, end: best.start + quote.exact.length };
}

/** What `reanchor` did: the tags (same order and count as given) and how many moved, became orphans or were recovered. */
export interface ReanchorResult {
  tags: Tag[];
  moved: number;
  orphaned: number;
  recovered: number;
}

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

function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}

function sameQuote(a: QuoteSelector, b: QuoteSelector): boolean {
  return a.exact === b.exact && a.prefix === b.prefix && a.suffix === b.suffix;
}
