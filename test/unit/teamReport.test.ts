// The team's agreement report (src/core/tags/teamReport.ts): two annotators
// as before (pairwise report then α); three or more: α over all, a row per
// pair with the pair's own figures, the mean of pairs, a section per pair.
import assert from 'node:assert/strict';
import { agreementAcross, formatAgreementReport } from '../../src/core/tags/agreement';
import { formatAlphaSection, unitizedAlpha } from '../../src/core/tags/alpha';
import { annotatorLetter, formatTeamReport } from '../../src/core/tags/teamReport';
import type { Tag } from '../../src/core/tags/types';

function t(label: string, start: number, end: number): Tag {
  return { id: `${label}${start}-${end}`, label, start, end, quote: { exact: '', prefix: '', suffix: '' }, source: 'manual', created: '2024-01-01T00:00:00Z' };
}

describe('team agreement report', () => {
  const text = '科技部推广“揭榜挂帅”机制𠮷，财政局配合。';
  const a = [t('X', 0, 3), t('Y', 5, 9)];
  const b = [t('X', 0, 3), t('Y', 4, 10)];
  const c = [t('X', 0, 5), t('Z', 15, 18)];

  it('two annotators: the pairwise report followed by α, as agree has printed it', () => {
    const docs = [{ name: 'a.txt', text, annotators: [a, b] }];
    const expected = `${formatAgreementReport(agreementAcross([{ name: 'a.txt', text, a, b }]))}\n${formatAlphaSection(unitizedAlpha([{ text, annotators: [a, b] }]))}`;
    assert.equal(formatTeamReport(['ann', 'bo'], docs), expected);
  });

  it('three annotators: α over all three, each pair\'s κ and F1 as computed for that pair alone, their mean', () => {
    const report = formatTeamReport(['ann', 'bo', 'cy'], [{ name: 'a.txt', text, annotators: [a, b, c] }]);
    assert.match(report, /^# Inter-annotator agreement \(3 annotators\)/);
    assert.match(report, /Annotators: A = ann, B = bo, C = cy/);
    assert.match(report, /## Krippendorff's unitized α \(3 annotators\)/);
    const alpha = unitizedAlpha([{ text, annotators: [a, b, c] }]).overall.alpha!;
    assert.ok(report.includes(`| ${alpha.toFixed(3)} |`), 'the pooled α of all three');
    const pair = (x: Tag[], y: Tag[]) => agreementAcross([{ text, a: x, b: y }]);
    const rows = [
      ['A – B', pair(a, b)],
      ['A – C', pair(a, c)],
      ['B – C', pair(b, c)],
    ] as const;
    for (const [name, r] of rows) {
      const row = report.split('\n').find((l) => l.startsWith(`| ${name} |`));
      assert.ok(row, name);
      assert.equal(row, `| ${name} | ${r.tagsA} / ${r.tagsB} | ${r.overall.kappa!.toFixed(3)} | ${r.kappaMacro === null ? 'n/a' : r.kappaMacro.toFixed(3)} | ${r.overall.f1Exact!.toFixed(3)} | ${r.overall.f1Overlap!.toFixed(3)} |`);
    }
    const meanKappa = rows.reduce((s, [, r]) => s + r.overall.kappa!, 0) / 3;
    assert.ok(report.includes(`| **Mean of pairs** | | ${meanKappa.toFixed(3)} |`));
    for (const h of ['## A vs B (ann vs bo)', '## A vs C (ann vs cy; in this section\'s tables A is A and B is C)', '## B vs C (bo vs cy; in this section\'s tables A is B and B is C)']) assert.ok(report.includes(h), h);
  });

  it('needs two annotators; letters go on past Z', () => {
    assert.throws(() => formatTeamReport(['solo'], []), RangeError);
    assert.deepEqual([0, 25, 26, 27].map(annotatorLetter), ['A', 'Z', 'A2', 'B2']);
  });
});
