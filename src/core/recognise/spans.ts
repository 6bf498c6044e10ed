// Overlap questions about the spans of one line, answered in O(log n) instead
// of a scan of every span found so far (which made a line with 200k
// quantities quadratic: issue 13). Offsets are UTF-16 units of the line.
import { lowerBound, upperBound } from '../text/search';

interface Span {
  readonly start: number;
  readonly end: number;
}

/** Up to this many spans, a scan is cheaper than an index (a typed array to allocate and fill). */
const SMALL = 16;

/**
 * Positions of a line taken by spans added one by one: whether a span
 * shares a position with one taken before. A Fenwick tree of taken
 * positions: each position is counted once, a query is O(log n).
 */
export class Occupancy {
  private tree?: Int32Array;
  private taken?: Uint8Array;
  /** Until SMALL spans are added, the spans themselves (clamped), scanned: most lines take a few. */
  private readonly few: number[] = [];

  /** For positions 0 … size - 1. */
  constructor(readonly size: number) {}

  /** Takes the positions of [start, end). */
  add(start: number, end: number): void {
    const a = Math.max(0, start);
    const b = Math.min(end, this.size);
    if (b <= a) return;
    if (!this.tree) {
      if (this.few.length < 2 * SMALL) {
        this.few.push(a, b);
        return;
      }
      this.tree = new Int32Array(this.size + 1);
      this.taken = new Uint8Array(this.size);
      for (let k = 0; k < this.few.length; k += 2) this.mark(this.few[k], this.few[k + 1]);
    }
    this.mark(a, b);
  }

  /** Whether a position of [start, end) is taken. */
  overlaps(start: number, end: number): boolean {
    const a = Math.max(0, start);
    const b = Math.min(end, this.size);
    if (b <= a) return false;
    if (!this.tree) {
      for (let k = 0; k < this.few.length; k += 2) if (this.few[k] < b && a < this.few[k + 1]) return true;
      return false;
    }
    if (b - a <= 8) {
      for (let p = a; p < b; p++) if (this.taken![p]) return true;
      return false;
    }
    return this.prefix(b) - this.prefix(a) > 0;
  }

  private mark(a: number, b: number): void {
    const tree = this.tree!;
    const taken = this.taken!;
    for (let p = a; p < b; p++) {
      if (taken[p]) continue;
      taken[p] = 1;
      for (let i = p + 1; i <= this.size; i += i & -i) tree[i]++;
    }
  }

  private prefix(n: number): number {
    let sum = 0;
    for (let i = n; i > 0; i -= i & -i) sum += this.tree![i];
    return sum;
  }
}

/**
 * A fixed set of spans (they may overlap each other, or be empty): how many
 * of them overlap a span, as `x.start < end && start < x.end` counts them.
 * Two sorted arrays and two binary searches.
 */
export class SpanIndex {
  private readonly starts?: Float64Array;
  private readonly ends?: Float64Array;
  /** The spans themselves when they are few (scanned). */
  private readonly few?: readonly Span[];

  constructor(spans: readonly Span[]) {
    if (spans.length <= SMALL) {
      this.few = spans;
      return;
    }
    this.starts = Float64Array.from(spans, (s) => s.start).sort();
    this.ends = Float64Array.from(spans, (s) => s.end).sort();
  }

  /** The number of spans `x` with x.start < end and start < x.end (for a non-empty [start, end)). */
  count(start: number, end: number): number {
    if (end <= start) return 0;
    if (this.few) {
      let n = 0;
      for (const x of this.few) if (x.start < end && start < x.end) n++;
      return n;
    }
    // spans with x.start < end, less those of them ending at or before start (x.end <= start < end implies x.start < end when x.start <= x.end)
    return lowerBound(this.starts!, end) - upperBound(this.ends!, start);
  }

  /** Whether one of the spans overlaps [start, end). */
  overlaps(start: number, end: number): boolean {
    return this.count(start, end) > 0;
  }
}


