// Long lines (issue 13): a 600k-character line annotates (no "Maximum call
// stack size exceeded", no quadratic overlap resolution), the indexed
// overlap questions answer as the scans they replace, and the editor's
// budget slices a long line at sentence ends or skips it.
import assert from 'node:assert/strict';
import { replaceRange, DocumentModel } from '../../src/core/engine/documentModel';
import { Engine } from '../../src/core/engine/engine';
import { annotateWithinBudget, firstSkippedLine, LIMIT, planLine, SLICE, SLICE_FROM } from '../../src/core/engine/lineBudget';
import { Annotator } from '../../src/core/recognise/annotator';
import { defaultPipeline, resolveOverlaps, type Recogniser } from '../../src/core/recognise/pipeline';
import { Occupancy, SpanIndex } from '../../src/core/recognise/spans';
import { ENTITY_PRIORITY, ENTITY_TYPES, type Entity, type EntityType } from '../../src/core/types';

/** A small deterministic random generator. */
function random(seed: number): (n: number) => number {
  let s = seed;
  return (n) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s % n;
  };
}

/** The quadratic resolution the O(n log n) one replaces, as it was written. */
function naiveResolve(fixed: readonly Entity[], candidates: readonly Entity[]): Entity[] {
  const rank = (e: Entity) => ENTITY_PRIORITY.indexOf(e.type);
  const sorted = [...candidates].sort((a, b) => b.end - b.start - (a.end - a.start) || rank(a) - rank(b) || a.start - b.start);
  const taken: Entity[] = [...fixed];
  for (const c of sorted) {
    if (c.end <= c.start) continue;
    if (taken.some((t) => t.start < c.end && c.start < t.end)) continue;
    taken.push(c);
  }
  return taken.sort((a, b) => a.start - b.start || a.end - b.end);
}

function randomEntities(rand: (n: number) => number, n: number, size: number, types: readonly EntityType[]): Entity[] {
  const out: Entity[] = [];
  for (let i = 0; i < n; i++) {
    const start = rand(size);
    const end = start + rand(12); // empty ones too
    out.push({ type: types[rand(types.length)], start, end, text: `e${i}` });
  }
  return out;
}

describe('long lines (issue 13)', () => {
  let engine: Engine;
  before(function () {
    this.timeout(60000);
    engine = new Engine();
    engine.warmUp();
  });

  it('a 600k-character line of organ names annotates whole, every name found', function () {
    this.timeout(120000);
    const unit = '国务院办公厅、教育部、财政部、';
    const line = unit.repeat(600000 / unit.length);
    assert.equal(line.length, 600000);
    const entities = engine.annotate(line);
    assert.equal(entities.length, (600000 / unit.length) * 3);
    for (const e of entities) {
      assert.equal(e.type, 'department');
      assert.ok(['国务院办公厅', '教育部', '财政部'].includes(e.text), e.text);
      assert.equal(line.slice(e.start, e.end), e.text);
    }
  });

  it('a 600k-character line of quantities (3.5亿元、) annotates whole, every quantity found', function () {
    this.timeout(120000);
    const unit = '3.5亿元、';
    const line = unit.repeat(600000 / unit.length);
    const entities = engine.annotate(line);
    assert.equal(entities.length, 600000 / unit.length);
    assert.ok(entities.every((e, i) => e.type === 'quantity' && e.text === '3.5亿元' && e.start === i * unit.length));
  });

  it('a long line of real text joined without line breaks gives the entities of its sentences', function () {
    this.timeout(60000);
    const sentence = '2023年，市财政局会同市教育局安排资金3.5亿元，支持《关于加强义务教育的通知》落实。张建国同志说，“双减”工作成效明显。';
    const line = sentence.repeat(4000); // 228k characters
    const one = engine.annotate(sentence);
    const all = engine.annotate(line);
    assert.ok(one.length >= 5, `entities of the sentence: ${one.map((e) => e.text).join(' ')}`);
    assert.equal(all.length, one.length * 4000);
    all.forEach((e, i) => {
      const o = one[i % one.length];
      assert.equal(e.text, o.text);
      assert.equal(e.start, o.start + Math.floor(i / one.length) * sentence.length);
    });
  });

  it('resolveOverlaps gives what the quadratic scan gave, on random candidates', () => {
    const rand = random(13);
    for (let round = 0; round < 200; round++) {
      const size = 5 + rand(200);
      const fixed = randomEntities(rand, rand(4), size, ['document', 'term']).filter((e) => e.end > e.start);
      const candidates = randomEntities(rand, rand(80), size, ENTITY_TYPES);
      assert.deepEqual(resolveOverlaps(fixed, candidates), naiveResolve(fixed, candidates), `round ${round}`);
    }
  });

  it('Occupancy and SpanIndex answer as scans of the spans', () => {
    const rand = random(7);
    for (let round = 0; round < 100; round++) {
      const size = 10 + rand(100);
      const spans = randomEntities(rand, rand(40), size, ['place']);
      const index = new SpanIndex(spans);
      const occupancy = new Occupancy(size + 20);
      const added: Entity[] = [];
      for (let q = 0; q < 50; q++) {
        const s = rand(size);
        const e = s + 1 + rand(15);
        assert.equal(index.count(s, e), spans.filter((x) => x.start < e && s < x.end).length);
        assert.equal(occupancy.overlaps(s, e), added.some((x) => x.start < e && s < x.end));
        if (rand(2) === 0) {
          const a = rand(size);
          const b = a + 1 + rand(30);
          occupancy.add(a, b);
          added.push({ type: 'place', start: a, end: b, text: '' });
        }
      }
    }
  });

  it('replaceRange splices as Array.prototype.splice does, for any number of lines', () => {
    const rand = random(3);
    for (let round = 0; round < 300; round++) {
      const a = Array.from({ length: rand(20) }, (_, i) => i);
      const b = a.slice();
      const start = rand(25);
      const count = rand(8);
      const items = Array.from({ length: rand(10) }, (_, i) => 100 + i);
      a.splice(start, count, ...items);
      replaceRange(b, start, count, items);
      assert.deepEqual(b, a);
    }
    const model = new DocumentModel('a\nb');
    const pasted = Array.from({ length: 300000 }, (_, i) => `第${i}行`).join('\n');
    model.applyChange({ startLine: 0, startCharacter: 1, endLine: 1, endCharacter: 0, text: pasted });
    assert.equal(model.lineCount, 300000);
    assert.equal(model.lineText(0), 'a第0行');
    assert.equal(model.lineText(299999), '第299999行b');
  });

  it('work grows linearly: the reads of the candidates found before, by all recognisers, at N and 2N characters', function () {
    this.timeout(60000);
    // every recogniser is handed `found` through a proxy that counts its element reads: a recogniser that
    // scans the candidates for each of its own (the quadratic pattern of issue 13) reads four times as much at 2N
    let reads = 0;
    const counted: Recogniser[] = defaultPipeline().map((r) => ({
      ...r,
      recognise: (line, ctx) => {
        const found = new Proxy(ctx.found as Entity[], {
          get(target, key, receiver) {
            if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
            return Reflect.get(target, key, receiver) as unknown;
          },
        });
        return r.recognise(line, { tokens: ctx.tokens, found, isKnownName: (w) => ctx.isKnownName(w) });
      },
    }));
    const annotator = new Annotator(engine.tokenizer, counted);
    const readsFor = (line: string) => {
      annotator.clearCache();
      reads = 0;
      const n = annotator.annotate(line).length;
      assert.ok(n > 0);
      return reads;
    };
    const units = ['国务院办公厅、教育部、财政部、', '镇党政办、经发办、社发办负责', '张建国同志、王伟、李娜等同志说，', '驻马鬃山村工作队、娄东街道、陆渡街道办事处、', '3.5亿元、'];
    for (const unit of units) {
      const n = 20000;
      const a = readsFor(unit.repeat(Math.ceil(n / unit.length)));
      const b = readsFor(unit.repeat(Math.ceil((2 * n) / unit.length)));
      assert.ok(b <= 2.5 * Math.max(a, 1), `${unit}: ${a} reads at ${n} characters, ${b} at ${2 * n}`);
    }
  });

  describe("the editor's line budget", () => {
    const sentence = '市财政局安排资金3.5亿元。';

    it('lines up to SLICE_FROM characters are analysed whole; longer ones in slices cut after a sentence end', () => {
      assert.deepEqual(planLine('市财政局'.repeat(SLICE_FROM / 4)), { kind: 'whole' });
      const line = sentence.repeat(Math.ceil((SLICE_FROM * 3) / sentence.length));
      const plan = planLine(line);
      assert.equal(plan.kind, 'sliced');
      if (plan.kind !== 'sliced') return;
      assert.equal(plan.slices[0][0], 0);
      assert.equal(plan.slices[plan.slices.length - 1][1], line.length);
      plan.slices.forEach(([a, b], i) => {
        assert.ok(b - a <= SLICE && b > a);
        if (i > 0) assert.equal(a, plan.slices[i - 1][1]);
        if (i < plan.slices.length - 1) assert.equal(line[b - 1], '。');
      });
    });

    it('a line over LIMIT, or one without a sentence end to cut at, is skipped and named', () => {
      assert.deepEqual(planLine(sentence.repeat(Math.ceil((LIMIT + 1) / sentence.length))), { kind: 'skipped', reason: 'length' });
      assert.deepEqual(planLine('教育部、'.repeat(SLICE_FROM / 2)), { kind: 'skipped', reason: 'no-sentence-end' });
      const lines = ['短行', '教育部、'.repeat(SLICE_FROM / 2), sentence];
      assert.deepEqual(firstSkippedLine(lines), { line: 1, length: SLICE_FROM * 2, reason: 'no-sentence-end' });
      assert.equal(firstSkippedLine(['短行', sentence.repeat(100)]), undefined);
    });

    it("annotateLines: a sliced line's entities are those of the whole line, a skipped line has none", function () {
      this.timeout(60000);
      const long = sentence.repeat(Math.ceil(50000 / sentence.length));
      const skipped = '教育部、'.repeat(SLICE_FROM / 2);
      const [a, b, c] = engine.annotateLines([long, skipped, sentence]);
      assert.deepEqual(a, engine.annotator.annotateLine(long));
      assert.ok(a.length > 0 && a.every((e) => long.slice(e.start, e.end) === e.text));
      assert.deepEqual(b, []);
      assert.deepEqual(c, engine.annotator.annotateLine(sentence));
      // the slices are analysed as texts of their own, each no longer than SLICE
      const seen: number[] = [];
      annotateWithinBudget([long], (texts) => {
        for (const t of texts) seen.push(t.length);
        return texts.map(() => []);
      });
      assert.ok(seen.length > 1 && seen.every((n) => n <= SLICE));
    });
  });
});
