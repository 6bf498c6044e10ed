// Dev-set floors: the recogniser on the two gold-annotated sample texts,
// scored as scripts/score-gold.mjs scores (exact spans, code points).
// A figure below its floor fails the build.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Engine } from '../../src/core/engine/engine';
import { toPolicyLensDocument, type ExportedEntity } from '../../src/core/formats/policyLens';
import { ENTITY_TYPES } from '../../src/core/types';

interface GoldEntity {
  type: string;
  start: number;
  end: number;
  text: string;
  canonical?: string | null;
  value?: number;
  unit?: string;
}

const fixtures = path.join(__dirname, '../../../test/fixtures');
const f1 = (p: number, r: number) => (p + r === 0 ? 0 : (2 * p * r) / (p + r));
const ratio = (n: number, d: number) => (d === 0 ? 1 : n / d);
const canon = (s: unknown) => String(s ?? '').replace(/^中国共产党/, '中共');

/** Scores predicted entities against gold, like score.mjs. */
export function score(gold: GoldEntity[], pred: ExportedEntity[]) {
  const report: Record<string, { f1: number; canonical?: number; correct?: number }> = {};
  for (const type of ENTITY_TYPES) {
    const g = gold.filter((e) => e.type === type);
    const p = pred.filter((e) => e.type === type);
    const exact = p.filter((e) => g.some((x) => x.start === e.start && x.end === e.end)).length;
    const used = new Set<number>();
    const pairs: Array<[GoldEntity, ExportedEntity]> = [];
    for (const e of g) {
      const hit = p.findIndex((x, i) => !used.has(i) && x.start < e.end && e.start < x.end);
      if (hit >= 0) {
        used.add(hit);
        pairs.push([e, p[hit]]);
      }
    }
    const row: { f1: number; canonical?: number; correct?: number } = { f1: f1(ratio(exact, p.length), ratio(exact, g.length)) };
    if (type === 'department') row.canonical = ratio(pairs.filter(([a, b]) => a.canonical && canon(a.canonical) === canon(b.canonical)).length, g.length);
    if (type === 'quantity') {
      row.correct = ratio(
        pairs.filter(([a, b]) => typeof b.value === 'number' && Math.abs(a.value! - b.value) <= 1e-6 * Math.max(1, Math.abs(a.value!)) && (a.unit ?? '') === (b.unit ?? '')).length,
        g.length,
      );
    }
    report[type] = row;
  }
  const exact = pred.filter((e) => gold.some((x) => x.type === e.type && x.start === e.start && x.end === e.end)).length;
  report.all = { f1: f1(ratio(exact, pred.length), ratio(exact, gold.length)) };
  return report;
}

for (const tokenizer of ['nodejieba', 'wasm'] as const) describe(tokenizer === 'nodejieba' ? 'dev set (gold fixtures)' : 'dev set (gold fixtures) under jieba-wasm', () => {
  const engine = new Engine({ tokenizer });
  it(`runs on ${tokenizer === 'wasm' ? 'jieba-wasm' : 'nodejieba'}`, () => {
    assert.equal(engine.tokenizerInfo().backend, tokenizer === 'wasm' ? 'jieba-wasm' : 'nodejieba');
  });
  for (const name of ['ministries', 'localities']) {
    it(`${name}: departments, canonical names, quantities and all types stay above their floors`, () => {
      const text = fs.readFileSync(path.join(fixtures, `${name}.txt`), 'utf8');
      const gold = JSON.parse(fs.readFileSync(path.join(fixtures, 'gold', `${name}.json`), 'utf8')) as { entities: GoldEntity[] };
      const doc = toPolicyLensDocument(`${name}.txt`, text, engine.annotate(text));
      const r = score(gold.entities, doc.entities);
      const floors: Array<[string, number, number]> = [
        ['department.f1', r.department.f1, 0.95],
        ['department.canonical', r.department.canonical!, 0.95],
        ['quantity.f1', r.quantity.f1, 0.95],
        ['quantity.value+unit', r.quantity.correct!, 0.95],
        ['date.f1', r.date.f1, 0.9],
        ['term.f1', r.term.f1, 0.95],
        ['all.f1', r.all.f1, 0.93],
      ];
      const below = floors.filter(([, v, floor]) => v < floor).map(([k, v, floor]) => `${k} = ${v.toFixed(3)} < ${floor}`);
      assert.deepEqual(below, []);
    });
  }

  it('degraded.txt (no digits, no punctuation) yields departments and places without error', () => {
    const text = fs.readFileSync(path.join(fixtures, 'degraded.txt'), 'utf8');
    const found = engine.annotate(text);
    const departments = new Set(found.filter((e) => e.type === 'department').map((e) => e.canonical));
    for (const c of ['中国共产党中央委员会', '海关总署', '公安部', '国家医疗保障局']) assert.ok(departments.has(c), c);
    assert.ok(departments.size >= 15, `${departments.size} departments`);
    assert.ok(found.filter((e) => e.type === 'place').length >= 10);
    for (const e of found) assert.equal(text.slice(e.start, e.end), e.text);
  });
});
