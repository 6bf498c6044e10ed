// Text comparison: common prefix and suffix lengths, and a diff old → new
// (sentences, then characters, both bounded Myers diffs) as replacement edits
// in old coordinates. Used to make tags follow a change made outside the editor.
import { isLow, isHigh } from './offsets';

export function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

export function commonSuffix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

/** One document-level replacement in UTF-16 offsets: [start, end) is replaced by `text`. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
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
  while (os < oe && ns < ne && oldText.charCodeAt(os) === newText.charCodeAt(ns)) {
    os++;
    ns++;
  }
  while (os < oe && ns < ne && oldText.charCodeAt(oe - 1) === newText.charCodeAt(ne - 1)) {
    oe--;
    ne--;
  }
  if (os === oe && ns === ne) return;
  const push = (a: number, b: number, c: number, d: number): void => {
    // the common text on both sides is identical, so widening both sides by one unit keeps the edit valid
    if (a > 0 && isLow(oldText.charCodeAt(a)) && isHigh(oldText.charCodeAt(a - 1))) {
      a--;
      c--;
    }
    if (b < oldText.length && isLow(oldText.charCodeAt(b)) && isHigh(oldText.charCodeAt(b - 1))) {
      b++;
      d++;
    }
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
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
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
      x--;
      y--;
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
