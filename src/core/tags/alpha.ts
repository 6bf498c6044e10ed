// Krippendorff's alpha for two or more annotators:
//
// - `nominalAlpha`: the coincidence-matrix α for nominal values with missing
//   data (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability"):
//   α = 1 − (n − 1) · Σ_c o_cc' (c ≠ c') / Σ_c Σ_c' n_c n_c' (c ≠ c'), each
//   unit with m_u ≥ 2 values adding 1 / (m_u − 1) per ordered pair of values.
//
// - `unitizedAlpha`: αu for unitizing a continuum (Krippendorff 1995, "On the
//   reliability of unitizing continuous data"; Content Analysis, 2nd ed.
//   2004, §12.4). Per category c, each annotator's continuum of length L is cut
//   into segments: units of c and the gaps between them. For every pair of
//   annotators and every pair of their segments that overlap:
//     both units:                  δ² = (b_g − b_h)² + (e_g − e_h)²
//     a unit inside the other's gap: δ² = l_unit²
//     otherwise (gap–gap, a unit only partly in a gap): 0.
//   Do_c = 2 Σ_{i<j} Σ δ² / (m (m − 1) L²),
//   De_c = (2/L) Σ_units [ (N_c − 1)(2l³ − 3l² + l)/3 + l² Σ_{gaps γ, l_γ ≥ l} (l_γ − l + 1) ]
//          / [ m L (m L − 1) − Σ_units l (l − 1) ]
//   (N_c units of c over all annotators, gaps of all annotators),
//   α_c = 1 − Do_c / De_c; over all categories α = 1 − mean Do_c / mean De_c.
//
// Here the continuum is a document's code points; several documents are laid
// end to end (a gap may then run across a document boundary). An annotator's
// overlapping tags of one label are joined first (αu wants units of one
// category that do not overlap); orphaned and empty tags are left out.
// α is null (n/a) when De is 0 (nobody used the category, or no text).
import { OffsetMap } from '../text/offsets';
import type { Tag } from './types';
import { figure, tableCell } from '../text/markdown';

/** Nominal α over units (rows: units; columns: annotators; undefined: missing). Null when there is no pairable value or no variation. */
export function nominalAlpha(data: ReadonlyArray<ReadonlyArray<string | number | undefined>>): number | null {
  const o = new Map<string, number>(); // coincidences "a\u0000b"
  const nc = new Map<string, number>();
  let n = 0;
  for (const unit of data) {
    const values = unit.filter((v): v is string | number => v !== undefined).map(String);
    const m = values.length;
    if (m < 2) continue;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < m; j++) {
        if (i === j) continue;
        const key = `${values[i]}\u0000${values[j]}`;
        o.set(key, (o.get(key) ?? 0) + 1 / (m - 1));
      }
      nc.set(values[i], (nc.get(values[i]) ?? 0) + 1);
    }
    n += m;
  }
  if (n < 2) return null;
  let observed = 0;
  for (const [key, v] of o) {
    const [a, b] = key.split('\u0000');
    if (a !== b) observed += v;
  }
  let expected = 0;
  for (const [a, na] of nc) for (const [b, nb] of nc) if (a !== b) expected += na * nb;
  if (expected === 0) return null;
  return 1 - ((n - 1) * observed) / expected;
}

/** One unit on the continuum: [start, end) with a category. */
export interface UnitSpan {
  start: number;
  end: number;
  category: string;
}

/** Observed and expected disagreement and αu for one category, or pooled over all. */
export interface UnitizedFigures {
  observed: number;
  expected: number;
  alpha: number | null;
}

export interface UnitizedResult {
  /** Annotators compared. */
  annotators: number;
  /** Length of the continuum (code points of all documents). */
  length: number;
  categories: Array<UnitizedFigures & { category: string }>;
  overall: UnitizedFigures;
}

interface Segment {
  start: number;
  end: number;
  unit: boolean;
}

/** The units of one category of one annotator, joined where they overlap, sorted. */
function unitsOf(units: readonly UnitSpan[], category: string, begin: number, end: number): Segment[] {
  const sorted = units
    .filter((u) => u.category === category)
    .map((u) => ({ start: Math.max(begin, u.start), end: Math.min(end, u.end) }))
    .filter((u) => u.end > u.start)
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Segment[] = [];
  for (const u of sorted) {
    const last = out[out.length - 1];
    if (last && u.start < last.end) last.end = Math.max(last.end, u.end);
    else out.push({ start: u.start, end: u.end, unit: true });
  }
  return out;
}

/** Units and the gaps between them, covering [begin, end). */
function segmentsOf(units: Segment[], begin: number, end: number): Segment[] {
  const out: Segment[] = [];
  let pos = begin;
  for (const u of units) {
    if (u.start > pos) out.push({ start: pos, end: u.start, unit: false });
    out.push(u);
    pos = u.end;
  }
  if (pos < end) out.push({ start: pos, end, unit: false });
  return out;
}

function delta2(g: Segment, h: Segment): number {
  if (g.unit && h.unit) return (g.start - h.start) ** 2 + (g.end - h.end) ** 2;
  if (g.unit && !h.unit && h.start <= g.start && g.end <= h.end) return (g.end - g.start) ** 2;
  if (!g.unit && h.unit && g.start <= h.start && h.end <= g.end) return (h.end - h.start) ** 2;
  return 0;
}

/**
 * αu over a continuum [begin, begin + length) unitized by each annotator
 * (`annotators[i]`: annotator i's units). Categories: those given, else every
 * category used, sorted.
 */
export function unitizedAlphaOf(annotators: ReadonlyArray<readonly UnitSpan[]>, begin: number, length: number, categories?: readonly string[]): UnitizedResult {
  const m = annotators.length;
  const L = length;
  const end = begin + L;
  const cats = categories ? [...new Set(categories)] : [...new Set(annotators.flatMap((a) => a.map((u) => u.category)))].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  const results = cats.map((category) => {
    const units = annotators.map((a) => unitsOf(a, category, begin, end));
    const segments = units.map((u) => segmentsOf(u, begin, end));
    // observed: merge walk over each pair's segments (each overlapping pair met once)
    let sum = 0;
    for (let i = 0; i < m; i++) {
      for (let j = i + 1; j < m; j++) {
        const a = segments[i];
        const b = segments[j];
        for (let x = 0, y = 0; x < a.length && y < b.length; ) {
          if (a[x].start < b[y].end && b[y].start < a[x].end) sum += delta2(a[x], b[y]);
          if (a[x].end < b[y].end) x++;
          else if (b[y].end < a[x].end) y++;
          else {
            x++;
            y++;
          }
        }
      }
    }
    const observed = m < 2 || L === 0 ? 0 : (2 * sum) / (m * (m - 1) * L * L);
    // expected
    const all = units.flat();
    const Nc = all.length;
    const gaps = segments
      .flat()
      .filter((s) => !s.unit)
      .map((s) => s.end - s.start);
    let numerator = 0;
    let squared = 0;
    for (const u of all) {
      const l = u.end - u.start;
      squared += l * (l - 1);
      let within = 0;
      for (const g of gaps) if (g >= l) within += g - l + 1;
      numerator += ((Nc - 1) * (2 * l ** 3 - 3 * l ** 2 + l)) / 3 + l * l * within;
    }
    const denominator = m * L * (m * L - 1) - squared;
    const expected = L === 0 || denominator <= 0 ? 0 : ((2 / L) * numerator) / denominator;
    return { category, observed, expected, alpha: expected > 0 ? 1 - observed / expected : null };
  });
  const mean = (xs: number[]) => (xs.length === 0 ? 0 : xs.reduce((s, x) => s + x, 0) / xs.length);
  const observed = mean(results.map((r) => r.observed));
  const expected = mean(results.map((r) => r.expected));
  return { annotators: m, length: L, categories: results, overall: { observed, expected, alpha: expected > 0 ? 1 - observed / expected : null } };
}

/** One document tagged by several annotators (offsets UTF-16 into `text`). */
export interface AlphaDoc {
  name?: string;
  text: string;
  /** Each annotator's tags, in the same order for every document. */
  annotators: ReadonlyArray<readonly Tag[]>;
}

/** αu of the annotators' tags (labels as categories, code points as the continuum), documents laid end to end. */
export function unitizedAlpha(docs: readonly AlphaDoc[], labels?: readonly string[]): UnitizedResult {
  const m = docs.reduce((k, d) => Math.max(k, d.annotators.length), 0);
  const units: UnitSpan[][] = Array.from({ length: m }, () => []);
  let offset = 0;
  for (const doc of docs) {
    const map = new OffsetMap(doc.text);
    doc.annotators.forEach((tags, i) => {
      for (const t of tags) {
        if (t.orphan || t.end <= t.start) continue;
        units[i].push({ start: offset + map.toCodePoint(t.start), end: offset + map.toCodePoint(t.end), category: t.label });
      }
    });
    offset += map.codePointLength;
  }
  return unitizedAlphaOf(units, 0, offset, labels);
}

/** A Markdown section for a report: αu per label and over all labels. */
export function formatAlphaSection(result: UnitizedResult): string {
  const lines = [`## Krippendorff's unitized α (${result.annotators} annotators)`, ''];
  if (result.categories.length === 0) lines.push('No tags to compare.', '');
  else {
    lines.push('| Label | Do | De | αu |', '|---|---:|---:|---:|');
    for (const c of result.categories) lines.push(`| ${tableCell(c.category)} | ${c.observed.toFixed(4)} | ${c.expected.toFixed(4)} | ${figure(c.alpha)} |`);
    lines.push(`| **All labels** | ${result.overall.observed.toFixed(4)} | ${result.overall.expected.toFixed(4)} | ${figure(result.overall.alpha)} |`, '');
  }
  lines.push(
    'αu: Krippendorff (1995, 2004) for unitizing a continuum (code points; documents end to end); 1 − Do/De, with Do and De averaged over labels for the whole; n/a when no annotator used the label.',
    '',
  );
  return lines.join('\n');
}
