// Inter-annotator agreement between two researchers' tags on the same
// document(s): Cohen's κ on characters and span F1, per label and overall.
//
// κ per label L: every code point of the text(s) is one item, and each
// annotator says "has L" (covered by one of their tags labelled L) or not.
// With n11 items both say yes, n00 both no, n10/n01 only A/only B, N items:
//   po = (n11 + n00) / N,  pe = pA·pB + (1 − pA)(1 − pB)  with pA = (n11 + n10) / N, pB = (n11 + n01) / N,
//   κ = (po − pe) / (1 − pe).
// κ is undefined (null, shown "n/a") when pe = 1, i.e. neither annotator's
// answer varies: both never used L (or both put L on every character), and
// when there are no characters. A label only one annotator used gets κ = 0
// (po = pe), not n/a. Overall κ pools the 2×2 tables of all labels (each
// character × label is an item); the macro mean averages the defined per-label
// values. Line breaks and spaces are characters like any other.
//
// Span F1: exact — a span of A and one of B match when start, end and label
// are equal (each span matches at most once); F1 = 2·matches / (spans A + spans B),
// precision = matches / spans B, recall = matches / spans A (A as reference).
// Overlap — a span counts as found when the other annotator has a span of the
// same label sharing at least one character; precision = B spans found in A /
// spans B, recall = A spans found in B / spans A, F1 their harmonic mean.
// F1 is null (n/a) when neither annotator has a span; 0 when only one has.
//
// Orphaned tags (no place in the text) and empty tags are left out. Several
// documents are summed: characters, 2×2 tables and span counts.
import { OffsetMap } from '../text/offsets';
import type { Tag } from './types';
import { figure, tableCell } from '../text/markdown';

/** One document both annotators tagged (offsets UTF-16 into `text`). */
export interface AgreementDoc {
  name?: string;
  text: string;
  a: readonly Tag[];
  b: readonly Tag[];
}

/** Counts and figures for one label, or for all labels together. */
export interface AgreementFigures {
  /** Characters (code points) annotator A / B gave the label, and both did. */
  charsA: number;
  charsB: number;
  charsBoth: number;
  /** Characters neither gave the label (n00 of the 2×2 table). */
  charsNeither: number;
  /** Observed and chance agreement; null when there are no characters. */
  observed: number | null;
  expected: number | null;
  kappa: number | null;
  spansA: number;
  spansB: number;
  exactMatches: number;
  precisionExact: number | null;
  recallExact: number | null;
  f1Exact: number | null;
  /** Spans of A that overlap a span of B with the same label, and the reverse. */
  overlapFoundA: number;
  overlapFoundB: number;
  f1Overlap: number | null;
}

export interface LabelAgreement extends AgreementFigures {
  label: string;
}

export interface DocumentAgreement {
  name: string;
  characters: number;
  tagsA: number;
  tagsB: number;
  /** Pooled over labels, as in `overall`. */
  kappa: number | null;
  f1Exact: number | null;
  f1Overlap: number | null;
}

export interface AgreementResult {
  /** Code points in all documents. */
  characters: number;
  /** Tags compared (placed, non-empty, with a compared label). */
  tagsA: number;
  tagsB: number;
  /** Orphaned or empty tags left out. */
  ignoredA: number;
  ignoredB: number;
  labels: LabelAgreement[];
  /** Pooled over labels: κ from the summed 2×2 tables, F1 from the summed span counts (micro). */
  overall: AgreementFigures;
  /** Mean of the per-label κ values that are defined; null when none is. */
  kappaMacro: number | null;
  documents: DocumentAgreement[];
}

/** Raw counts, summed across documents before figures are derived. */
interface Counts {
  n11: number;
  n10: number;
  n01: number;
  n00: number;
  spansA: number;
  spansB: number;
  exact: number;
  foundA: number;
  foundB: number;
}

const zero = (): Counts => ({ n11: 0, n10: 0, n01: 0, n00: 0, spansA: 0, spansB: 0, exact: 0, foundA: 0, foundB: 0 });

function add(into: Counts, c: Counts): void {
  for (const k of Object.keys(into) as Array<keyof Counts>) into[k] += c[k];
}

/** Agreement of two annotators on one document; `labels` restricts (and orders) the labels compared. */
export function agreement(a: readonly Tag[], b: readonly Tag[], text: string, labels?: readonly string[]): AgreementResult {
  return agreementAcross([{ text, a, b }], labels);
}

/** Agreement summed over several documents. */
export function agreementAcross(docs: readonly AgreementDoc[], labels?: readonly string[]): AgreementResult {
  const usable = (t: Tag) => !t.orphan && t.end > t.start;
  const labelList =
    labels !== undefined
      ? [...new Set(labels)]
      : [...new Set(docs.flatMap((d) => [...d.a, ...d.b].filter(usable).map((t) => t.label)))].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  const wanted = new Set(labelList);
  const perLabel = new Map(labelList.map((l) => [l, zero()]));
  let characters = 0;
  let tagsA = 0;
  let tagsB = 0;
  let ignoredA = 0;
  let ignoredB = 0;
  const documents: DocumentAgreement[] = [];

  docs.forEach((doc, index) => {
    const map = new OffsetMap(doc.text);
    const n = map.codePointLength;
    characters += n;
    const spans = (tags: readonly Tag[]) =>
      tags.filter((t) => usable(t) && wanted.has(t.label)).map((t) => ({ label: t.label, start: map.toCodePoint(t.start), end: map.toCodePoint(t.end) }));
    const sa = spans(doc.a);
    const sb = spans(doc.b);
    tagsA += sa.length;
    tagsB += sb.length;
    ignoredA += doc.a.filter((t) => !usable(t)).length;
    ignoredB += doc.b.filter((t) => !usable(t)).length;
    const docTotal = zero();
    for (const label of labelList) {
      const c = labelCounts(
        sa.filter((s) => s.label === label),
        sb.filter((s) => s.label === label),
        n,
      );
      add(perLabel.get(label)!, c);
      add(docTotal, c);
    }
    const f = figures(docTotal);
    documents.push({ name: doc.name ?? `document ${index + 1}`, characters: n, tagsA: sa.length, tagsB: sb.length, kappa: f.kappa, f1Exact: f.f1Exact, f1Overlap: f.f1Overlap });
  });

  const total = zero();
  const labelResults = labelList.map((label) => {
    const c = perLabel.get(label)!;
    add(total, c);
    return { label, ...figures(c) };
  });
  const defined = labelResults.map((l) => l.kappa).filter((k): k is number => k !== null);
  return {
    characters,
    tagsA,
    tagsB,
    ignoredA,
    ignoredB,
    labels: labelResults,
    overall: figures(total),
    kappaMacro: defined.length > 0 ? defined.reduce((s, k) => s + k, 0) / defined.length : null,
    documents,
  };
}

interface Span {
  start: number;
  end: number;
}

/** Counts for one label in one document of n code points. */
function labelCounts(a: Span[], b: Span[], n: number): Counts {
  const ua = union(a);
  const ub = union(b);
  const lenA = ua.reduce((s, x) => s + x.end - x.start, 0);
  const lenB = ub.reduce((s, x) => s + x.end - x.start, 0);
  let both = 0;
  for (let i = 0, j = 0; i < ua.length && j < ub.length; ) {
    both += Math.max(0, Math.min(ua[i].end, ub[j].end) - Math.max(ua[i].start, ub[j].start));
    if (ua[i].end < ub[j].end) i++;
    else j++;
  }
  const counts = new Map<string, number>();
  for (const s of a) counts.set(`${s.start}:${s.end}`, (counts.get(`${s.start}:${s.end}`) ?? 0) + 1);
  let exact = 0;
  for (const s of b) {
    const key = `${s.start}:${s.end}`;
    const left = counts.get(key) ?? 0;
    if (left > 0) {
      exact++;
      counts.set(key, left - 1);
    }
  }
  const overlaps = (x: Span, y: Span) => x.start < y.end && y.start < x.end;
  return {
    n11: both,
    n10: lenA - both,
    n01: lenB - both,
    n00: n - lenA - lenB + both,
    spansA: a.length,
    spansB: b.length,
    exact,
    foundA: a.filter((x) => b.some((y) => overlaps(x, y))).length,
    foundB: b.filter((y) => a.some((x) => overlaps(x, y))).length,
  };
}

/** Disjoint, sorted union of spans. */
function union(spans: Span[]): Span[] {
  const sorted = [...spans].sort((x, y) => x.start - y.start || x.end - y.end);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}

const ratio = (num: number, den: number) => (den === 0 ? null : num / den);

/** κ, precision, recall and F1 from counts. */
function figures(c: Counts): AgreementFigures {
  const N = c.n11 + c.n10 + c.n01 + c.n00;
  const observed = ratio(c.n11 + c.n00, N);
  let expected: number | null = null;
  let kappa: number | null = null;
  if (N > 0) {
    const pa = (c.n11 + c.n10) / N;
    const pb = (c.n11 + c.n01) / N;
    expected = pa * pb + (1 - pa) * (1 - pb);
    // pe = 1 exactly when both answers are constant; guard against rounding too
    kappa = 1 - expected < 1e-12 ? null : (observed! - expected) / (1 - expected);
  }
  const pO = ratio(c.foundB, c.spansB);
  const rO = ratio(c.foundA, c.spansA);
  let f1Overlap: number | null;
  if (c.spansA + c.spansB === 0) f1Overlap = null;
  else if (!pO || !rO) f1Overlap = 0;
  else f1Overlap = (2 * pO * rO) / (pO + rO);
  return {
    charsA: c.n11 + c.n10,
    charsB: c.n11 + c.n01,
    charsBoth: c.n11,
    charsNeither: c.n00,
    observed,
    expected,
    kappa,
    spansA: c.spansA,
    spansB: c.spansB,
    exactMatches: c.exact,
    precisionExact: ratio(c.exact, c.spansB),
    recallExact: ratio(c.exact, c.spansA),
    f1Exact: ratio(2 * c.exact, c.spansA + c.spansB),
    overlapFoundA: c.foundA,
    overlapFoundB: c.foundB,
    f1Overlap,
  };
}

/** A readable Markdown report: one table row per label and an overall row, then one row per document when there are several. */
export function formatAgreementReport(result: AgreementResult, docs: readonly string[] = result.documents.map((d) => d.name), title = '# Inter-annotator agreement (A vs B)'): string {
  const row = (name: string, f: AgreementFigures) =>
    `| ${name} | ${f.charsA} | ${f.charsB} | ${f.charsBoth} | ${figure(f.kappa)} | ${f.spansA} | ${f.spansB} | ${f.exactMatches} | ${figure(f.f1Exact)} | ${figure(f.f1Overlap)} |`;
  const lines = [
    title,
    '',
    `Documents: ${docs.length}${docs.length > 0 ? ` (${docs.map(tableCell).join(', ')})` : ''}  `,
    `Characters (code points): ${result.characters}; tags compared: A ${result.tagsA}, B ${result.tagsB}` +
      (result.ignoredA + result.ignoredB > 0 ? `; orphaned or empty tags left out: A ${result.ignoredA}, B ${result.ignoredB}` : ''),
    '',
  ];
  if (result.labels.length === 0) lines.push('Neither annotator has a tag to compare: nothing to report.', '');
  else {
    pushAll(
      lines,
      '| Label | Chars A | Chars B | Chars both | κ (chars) | Spans A | Spans B | Exact matches | F1 exact | F1 overlap |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
      result.labels.map((l) => row(tableCell(l.label), l)),
      row('**All labels (pooled)**', result.overall),
      '',
      `κ averaged over labels (macro, where defined): ${figure(result.kappaMacro)}`,
      '',
    );
  }
  if (result.documents.length > 1) {
    pushAll(
      lines,
      '| Document | Characters | Tags A | Tags B | κ (pooled) | F1 exact | F1 overlap |',
      '|---|---:|---:|---:|---:|---:|---:|',
      result.documents.map((d) => `| ${tableCell(d.name)} | ${d.characters} | ${d.tagsA} | ${d.tagsB} | ${figure(d.kappa)} | ${figure(d.f1Exact)} | ${figure(d.f1Overlap)} |`),
      '',
    );
  }
  lines.push(
    'κ: Cohen\'s kappa with each character as an item ("has the label" yes/no for each annotator); n/a when neither annotator\'s marking varies (e.g. both never used the label); 0 when only one used it.',
    'F1 exact: same start, end and label. F1 overlap: a span counts as found when the other annotator has a span with the same label sharing at least one character.',
    '',
  );
  return lines.join('\n');
}

/** Appends `items` one by one (no spread into push: a report's rows are unbounded). */
function pushAll(into: string[], ...items: Array<string | readonly string[]>): void {
  for (const x of items) {
    if (typeof x === 'string') into.push(x);
    else for (const y of x) into.push(y);
  }
}
