import assert from 'node:assert/strict';
import { agreement, agreementAcross, formatAgreementReport } from '../../src/core/tags/agreement';
import type { Tag } from '../../src/core/tags/types';

function t(label: string, start: number, end: number, extra: Partial<Tag> = {}): Tag {
  return { id: `${label}${start}-${end}`, label, start, end, quote: { exact: '', prefix: '', suffix: '' }, source: 'manual', created: '2024-01-01T00:00:00Z', ...extra };
}

const close = (actual: number | null, expected: number) => {
  assert.ok(actual !== null, 'expected a number, got null');
  assert.ok(Math.abs(actual - expected) < 1e-9, `${actual} ≠ ${expected}`);
};

describe('agreement', () => {
  // 10 characters; A: X [0,4) Y [6,8); B: X [2,6) Y [6,8).
  const text = 'abcdefghij';
  const a = [t('X', 0, 4), t('Y', 6, 8)];
  const b = [t('X', 2, 6), t('Y', 6, 8)];

  it('per-label κ on characters, checked by hand', () => {
    const r = agreement(a, b, text);
    assert.deepEqual(r.labels.map((l) => l.label), ['X', 'Y']);
    const [x, y] = r.labels;
    // X: A marks 0–3, B marks 2–5 → n11 = 2 (c, d), n10 = 2, n01 = 2, n00 = 4, N = 10.
    // po = 6/10 = 0.6; pA = pB = 0.4; pe = 0.4·0.4 + 0.6·0.6 = 0.52; κ = (0.6 − 0.52)/(1 − 0.52) = 0.08/0.48 = 1/6.
    assert.deepEqual([x.charsA, x.charsB, x.charsBoth, x.charsNeither], [4, 4, 2, 4]);
    close(x.observed, 0.6);
    close(x.expected, 0.52);
    close(x.kappa, 1 / 6);
    // Y: identical 6–7 → n11 = 2, n00 = 8; po = 1; pA = pB = 0.2; pe = 0.04 + 0.64 = 0.68; κ = 0.32/0.32 = 1.
    close(y.kappa, 1);
    // Pooled: n11 = 4, n10 = 2, n01 = 2, n00 = 12, N = 20; po = 16/20 = 0.8; pA = pB = 6/20 = 0.3;
    // pe = 0.09 + 0.49 = 0.58; κ = 0.22/0.42 = 11/21.
    close(r.overall.kappa, 11 / 21);
    close(r.kappaMacro, (1 / 6 + 1) / 2);
    assert.equal(r.characters, 10);
  });

  it('span F1, exact and overlap, checked by hand', () => {
    const r = agreement(a, b, text);
    const [x, y] = r.labels;
    // X: [0,4) vs [2,6): no exact match → F1 0; they overlap → overlap P = R = 1 → F1 1.
    assert.equal(x.exactMatches, 0);
    close(x.f1Exact, 0);
    close(x.f1Overlap, 1);
    close(y.f1Exact, 1);
    // Overall: 1 exact match of 2 + 2 spans → F1 = 2·1/4 = 0.5; P = R = 0.5.
    close(r.overall.f1Exact, 0.5);
    close(r.overall.precisionExact, 0.5);
    close(r.overall.recallExact, 0.5);
    close(r.overall.f1Overlap, 1);
  });

  it('a label only one annotator used: κ = 0 and F1 = 0; a label nobody used: n/a', () => {
    const r = agreement([t('Z', 0, 2)], [], text, ['Z', 'unused']);
    const [z, unused] = r.labels;
    // Z: n10 = 2, n00 = 8; po = 0.8; pA = 0.2, pB = 0; pe = 0·0.2 + 1·0.8 = 0.8; κ = 0/0.2 = 0.
    close(z.kappa, 0);
    close(z.f1Exact, 0);
    close(z.f1Overlap, 0);
    assert.equal(unused.kappa, null);
    assert.equal(unused.f1Exact, null);
    assert.equal(unused.f1Overlap, null);
    close(r.kappaMacro, 0);
  });

  it('no tags at all, or no text: every figure n/a, and the report says so', () => {
    const r = agreement([], [], text);
    assert.deepEqual(r.labels, []);
    assert.equal(r.overall.kappa, null);
    assert.equal(r.overall.f1Exact, null);
    assert.equal(r.kappaMacro, null);
    assert.ok(formatAgreementReport(r).includes('nothing to report'));
    assert.equal(agreement([], [], '', ['X']).labels[0].kappa, null);
  });

  it('counts code points, not UTF-16 units; leaves orphaned and empty tags out', () => {
    const s = '𠮷😀ab';
    // 𠮷 is UTF-16 [0,2), 😀 [2,4): 4 code points in all.
    const r = agreement([t('X', 0, 4), t('X', 5, 5), t('X', 0, 2, { orphan: true })], [t('X', 0, 2)], s);
    assert.equal(r.characters, 4);
    const [x] = r.labels;
    assert.deepEqual([x.charsA, x.charsB, x.charsBoth], [2, 1, 1]);
    assert.deepEqual([r.tagsA, r.ignoredA], [1, 2]);
  });

  it('sums characters, tables and spans across documents', () => {
    const r = agreementAcross(
      [
        { name: 'one.txt', text, a, b },
        { name: 'two.txt', text: 'xyz', a: [t('X', 0, 3)], b: [t('X', 0, 3)] },
      ],
    );
    assert.equal(r.characters, 13);
    const [x] = r.labels;
    // X over both: n11 = 2 + 3, n10 = 2, n01 = 2, n00 = 4 + 0, N = 13.
    assert.deepEqual([x.charsBoth, x.charsA, x.charsB, x.charsNeither], [5, 7, 7, 4]);
    // po = 9/13; pA = pB = 7/13; pe = (49 + 36)/169 = 85/169; κ = (117/169 − 85/169)/(84/169) = 32/84.
    close(x.kappa, 32 / 84);
    assert.deepEqual([x.spansA, x.spansB, x.exactMatches], [2, 2, 1]);
    assert.deepEqual(r.documents.map((d) => d.name), ['one.txt', 'two.txt']);
    close(r.documents[1].kappa, 1);
  });

  it('duplicate spans match at most once', () => {
    const r = agreement([t('X', 0, 2), t('X', 0, 2)], [t('X', 0, 2)], text);
    assert.equal(r.overall.exactMatches, 1);
    close(r.overall.f1Exact, 2 / 3);
  });

  it('formats a Markdown report with a row per label, the overall row and one per document', () => {
    const r = agreementAcross([
      { name: 'one.txt', text, a: [...a, t('政策|工具', 8, 9)], b },
      { name: 'two.txt', text: 'xyz', a: [], b: [] },
    ]);
    const report = formatAgreementReport(r);
    assert.ok(report.startsWith('# Inter-annotator agreement'));
    assert.ok(report.includes('| Label | Chars A | Chars B |'));
    // X over 13 characters: n11 = 2, n10 = n01 = 2, n00 = 7; po = 9/13, pe = (16 + 81)/169; κ = 20/72 = 0.278.
    assert.ok(report.includes('| X | 4 | 4 | 2 | 0.278 | 1 | 1 | 0 | 0.000 | 1.000 |'), report);
    assert.ok(report.includes('| 政策\\|工具 | 1 | 0 | 0 | 0.000 |'), report);
    assert.ok(report.includes('**All labels (pooled)**'));
    assert.ok(report.includes('| two.txt | 3 | 0 | 0 | n/a | n/a | n/a |'), report);
    assert.ok(report.includes('Documents: 2 (one.txt, two.txt)'));
  });
});
