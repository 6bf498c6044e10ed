import assert from 'node:assert/strict';
import { nominalAlpha, unitizedAlpha, unitizedAlphaOf, formatAlphaSection, type UnitSpan } from '../../src/core/tags/alpha';
import type { Tag } from '../../src/core/tags/types';

const near = (actual: number | null, expected: number, tol: number) => {
  assert.ok(actual !== null, 'expected a number, got null');
  assert.ok(Math.abs(actual - expected) <= tol, `${actual} is not ${expected} ± ${tol}`);
};

function tag(label: string, start: number, end: number): Tag {
  return { id: `${label}${start}`, label, start, end, quote: { exact: '', prefix: '', suffix: '' }, source: 'manual', created: '2024-01-01T00:00:00Z' };
}

describe('Krippendorff alpha', () => {
  it('nominal α = 0.743 on the 4-coder, 12-unit reliability data of Krippendorff (2011), with missing values', () => {
    const _ = undefined;
    // rows: units 1–12; columns: coders A, B, C, D
    const A = [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _];
    const B = [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3];
    const C = [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _];
    const D = [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _];
    const data = A.map((_v, u) => [A[u], B[u], C[u], D[u]]);
    near(nominalAlpha(data), 0.743, 0.0005);
    // one coder changing one value changes α
    const changed = data.map((row, u) => (u === 0 ? [2, row[1], row[2], row[3]] : row));
    assert.ok(nominalAlpha(changed)! < 0.743);
  });

  it('nominal α: perfect agreement is 1, no variation is n/a', () => {
    assert.equal(nominalAlpha([['a', 'a'], ['b', 'b']]), 1);
    assert.equal(nominalAlpha([['a', 'a'], ['a', 'a']]), null);
    assert.equal(nominalAlpha([['a', undefined]]), null);
  });

  // Krippendorff (2004), Content Analysis 2nd ed., p. 254: a continuum of 300 from 150, two observers, categories c and k.
  const example2004: UnitSpan[][] = [
    [
      { start: 225, end: 295, category: 'c' },
      { start: 370, end: 400, category: 'c' },
      { start: 180, end: 240, category: 'k' },
      { start: 300, end: 350, category: 'k' },
    ],
    [
      { start: 220, end: 300, category: 'c' },
      { start: 355, end: 375, category: 'c' },
      { start: 400, end: 420, category: 'c' },
      { start: 180, end: 240, category: 'k' },
      { start: 300, end: 350, category: 'k' },
    ],
  ];

  it('αu reproduces Krippendorff (2004)’s worked example: cα = 0.7286 (Do 0.0144, De 0.0532), kα = 1, uα = 0.8591', () => {
    const r = unitizedAlphaOf(example2004, 150, 300);
    const [c, k] = r.categories;
    assert.equal(c.category, 'c');
    near(c.observed, 0.0144, 0.00005);
    near(c.expected, 0.0532, 0.00005);
    near(c.alpha, 0.7286, 0.00005);
    assert.equal(k.observed, 0);
    near(k.expected, 0.049, 0.00005);
    near(k.alpha, 1, 1e-12);
    // the book's 0.8591 is 1 − 0.0144 / (0.0532 + 0.0490) from the rounded figures; unrounded it is 0.85867
    near(r.overall.alpha, 0.8591, 0.0005);
    near(r.overall.alpha, 1 - (c.observed + k.observed) / (c.expected + k.expected), 1e-12);
  });

  it('αu observed disagreement of Krippendorff (1995, p. 57)’s four pairs of coders, by hand', () => {
    // A Bertha: 2–10, 14–20; Bill: 4–8, 15–17 on a continuum of 24.
    // Overlapping segment pairs: unit 2–10 with gap 0–4 (not inside), unit 4–8 (Δb 2, Δe 2 → 8), gap 8–15 (no);
    // Bertha's gap 10–14 holds no unit of Bill; unit 14–20 with Bill's unit 15–17 (1 + 9 = 10); Bill's units 4–8 and 15–17
    // are not inside a gap of Bertha. Σδ² = 18, Do = 2·18 / (2·1·24²) = 0.03125.
    const A: UnitSpan[][] = [
      [{ start: 2, end: 10, category: 'A' }, { start: 14, end: 20, category: 'A' }],
      [{ start: 4, end: 8, category: 'A' }, { start: 15, end: 17, category: 'A' }],
    ];
    near(unitizedAlphaOf(A, 0, 24).categories[0].observed, 0.03125, 1e-12);
    const u = (s: number, l: number, category: string) => ({ start: s, end: s + l, category });
    const B = [[u(0, 18, 'B')], [u(0, 2, 'B'), u(2, 1, 'B'), u(3, 1, 'B'), u(4, 1, 'B'), u(5, 1, 'B'), u(6, 3, 'B'), u(9, 1, 'B')]];
    const C = [
      [u(2, 6, 'C'), u(10, 2, 'C'), u(14, 4, 'C'), u(20, 2, 'C')],
      [u(0, 2, 'C'), u(4, 4, 'C'), u(10, 4, 'C'), u(16, 2, 'C'), u(20, 2, 'C')],
    ];
    const D = [
      [u(0, 2, 'D'), u(2, 8, 'D'), u(10, 4, 'D'), u(14, 6, 'D'), u(20, 4, 'D')],
      [u(0, 4, 'D'), u(4, 4, 'D'), u(8, 7, 'D'), u(15, 2, 'D'), u(17, 7, 'D')],
    ];
    // B's units of one coder touch: they must not be joined (touching is not overlapping)
    near(unitizedAlphaOf(B, 0, 24).categories[0].observed, 2.26736, 0.000005);
    near(unitizedAlphaOf(C, 0, 24).categories[0].observed, 0.02777, 0.00001);
    near(unitizedAlphaOf(D, 0, 24).categories[0].observed, 0.38715, 0.000005);
  });

  it('αu of identical tags is 1, of tags far apart below 0, for three annotators too; n/a for an unused label', () => {
    const text = 'x'.repeat(40);
    const same = unitizedAlpha([{ text, annotators: [[tag('L', 5, 10)], [tag('L', 5, 10)], [tag('L', 5, 10)]] }], ['L', 'M']);
    near(same.categories[0].alpha, 1, 1e-12);
    assert.equal(same.categories[1].alpha, null);
    assert.equal(same.annotators, 3);
    const apart = unitizedAlpha([{ text, annotators: [[tag('L', 0, 10)], [tag('L', 20, 30)]] }]);
    assert.ok(apart.overall.alpha! < 0, String(apart.overall.alpha));
    const report = formatAlphaSection(same);
    assert.match(report, /\| L \| 0\.0000 \| [0-9.]+ \| 1\.000 \|/);
    assert.match(report, /\| M \| 0\.0000 \| 0\.0000 \| n\/a \|/);
  });

  it('αu counts code points: a character past U+FFFF is one position', () => {
    const text = '𠀀𠀀abc';
    // A: 𠀀𠀀 (UTF-16 0–4), B: 𠀀𠀀a (0–5): code points 0–2 vs 0–3 → Σδ² = 1, Do = 2·1/(2·5²) = 0.04
    const r = unitizedAlpha([{ text, annotators: [[tag('L', 0, 4)], [tag('L', 0, 5)]] }]);
    assert.equal(r.length, 5);
    near(r.categories[0].observed, 0.04, 1e-12);
  });
});
