// The agreement report of a team: two or more annotators' tags on the same
// documents. Krippendorff's unitized α takes all annotators at once; Cohen's
// κ and span F1 are defined for two, so with three or more each pair gets a
// row in a summary table (and the mean over pairs) and a section of its own.
// With two annotators the report is the pairwise one followed by α, as
// `policy-lens agree` and Compare Annotators… have always printed it.
import { agreementAcross, formatAgreementReport, type AgreementResult } from './agreement';
import { formatAlphaSection, unitizedAlpha } from './alpha';
import type { Tag } from './types';
import { figure, tableCell } from '../text/markdown';

/** One document and every annotator's tags of it (in the order of the annotators' names). */
export interface TeamDoc {
  name: string;
  text: string;
  annotators: ReadonlyArray<readonly Tag[]>;
}

/** Annotator i's letter in the report: A, B, … Z, then A2, B2, …. */
export function annotatorLetter(i: number): string {
  const letter = String.fromCharCode(65 + (i % 26));
  return i < 26 ? letter : `${letter}${Math.floor(i / 26) + 1}`;
}


function mean(values: ReadonlyArray<number | null>): number | null {
  const defined = values.filter((v): v is number => v !== null);
  return defined.length === 0 ? null : defined.reduce((a, b) => a + b, 0) / defined.length;
}

/** The Markdown report for `names.length` ≥ 2 annotators; throws RangeError for fewer. */
export function formatTeamReport(names: readonly string[], docs: readonly TeamDoc[]): string {
  const m = names.length;
  if (m < 2) throw new RangeError('agreement needs two or more annotators');
  const alpha = formatAlphaSection(unitizedAlpha(docs.map((d) => ({ text: d.text, annotators: d.annotators }))));
  const pairOf = (i: number, j: number): AgreementResult => agreementAcross(docs.map((d) => ({ name: d.name, text: d.text, a: d.annotators[i] ?? [], b: d.annotators[j] ?? [] })));
  if (m === 2) return `${formatAgreementReport(pairOf(0, 1))}\n${alpha}`;

  const pairs: Array<{ i: number; j: number; result: AgreementResult }> = [];
  for (let i = 0; i < m; i++) for (let j = i + 1; j < m; j++) pairs.push({ i, j, result: pairOf(i, j) });
  const lines = [
    `# Inter-annotator agreement (${m} annotators)`,
    '',
    `Annotators: ${names.map((n, i) => `${annotatorLetter(i)} = ${tableCell(n)}`).join(', ')}  `,
    `Documents: ${docs.length}${docs.length > 0 ? ` (${docs.map((d) => tableCell(d.name)).join(', ')})` : ''}`,
    '',
    alpha,
    '## Pairs (Cohen\'s κ on characters and span F1, pooled over labels)',
    '',
    '| Pair | Tags | κ (chars) | κ macro | F1 exact | F1 overlap |',
    '|---|---:|---:|---:|---:|---:|',
    ...pairs.map(({ i, j, result: r }) => `| ${annotatorLetter(i)} – ${annotatorLetter(j)} | ${r.tagsA} / ${r.tagsB} | ${figure(r.overall.kappa)} | ${figure(r.kappaMacro)} | ${figure(r.overall.f1Exact)} | ${figure(r.overall.f1Overlap)} |`),
    `| **Mean of pairs** | | ${figure(mean(pairs.map((p) => p.result.overall.kappa)))} | ${figure(mean(pairs.map((p) => p.result.kappaMacro)))} | ${figure(mean(pairs.map((p) => p.result.overall.f1Exact)))} | ${figure(mean(pairs.map((p) => p.result.overall.f1Overlap)))} |`,
    '',
  ];
  for (const { i, j, result } of pairs) {
    // each pair's own report, its title one level down; its A and B are the pair's two
    const renamed = i === 0 && j === 1 ? '' : `; in this section's tables A is ${annotatorLetter(i)} and B is ${annotatorLetter(j)}`;
    lines.push(formatAgreementReport(result, undefined, `## ${annotatorLetter(i)} vs ${annotatorLetter(j)} (${tableCell(names[i])} vs ${tableCell(names[j])}${renamed})`));
  }
  return lines.join('\n');
}
