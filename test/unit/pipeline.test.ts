// The recogniser registry: the Annotator runs whatever pipeline it is given,
// in order, tokenizing only when a recogniser needs tokens, and resolves
// overlaps once; the default pipeline covers every entity type.
import assert from 'node:assert/strict';
import { Annotator } from '../../src/core/recognise/annotator';
import { defaultPipeline, resolveOverlaps, type Recogniser } from '../../src/core/recognise/pipeline';
import type { JiebaLike } from '../../src/core/tokenizer/jieba';
import { Tokenizer } from '../../src/core/tokenizer/tokenizer';
import { ENTITY_PRIORITY, ENTITY_TYPES, type Entity } from '../../src/core/types';

/** A tokenizer over a fake jieba that counts its calls (one token per character). */
function countingTokenizer(): { tokenizer: Tokenizer; calls: () => number } {
  let calls = 0;
  const fake: JiebaLike = {
    load: () => undefined,
    cut: (s) => [...s],
    tag: (s) => {
      calls++;
      return [...s].map((word) => ({ word, tag: 'x' }));
    },
    insertWord: () => true,
  };
  return { tokenizer: new Tokenizer(() => fake), calls: () => calls };
}

const span = (type: Entity['type'], line: string, text: string): Entity => ({ type, start: line.indexOf(text), end: line.indexOf(text) + text.length, text });

describe('recogniser pipeline', () => {
  it('the default pipeline assigns every entity type, and only types of the guide', () => {
    const owners = new Map<string, string[]>();
    for (const r of defaultPipeline()) for (const t of r.types) owners.set(t, [...(owners.get(t) ?? []), r.name]);
    assert.deepEqual([...owners.keys()].sort(), [...ENTITY_TYPES].sort());
    assert.deepEqual(new Set(defaultPipeline().map((r) => r.name)).size, defaultPipeline().length, 'names are unique');
  });

  it('the overlap priority ranks every entity type exactly once', () => {
    assert.deepEqual([...ENTITY_PRIORITY].sort(), [...ENTITY_TYPES].sort());
  });

  it('runs the recognisers in order; a later one sees the earlier candidates', () => {
    const { tokenizer } = countingTokenizer();
    const seen: string[][] = [];
    const line = '甲乙丙丁';
    const first: Recogniser = { name: 'first', types: ['place'], needsTokens: false, overlap: 'ranked', recognise: (l) => [span('place', l, '甲乙')] };
    const second: Recogniser = {
      name: 'second',
      types: ['person'],
      needsTokens: false,
      overlap: 'ranked',
      recognise: (l, ctx) => {
        seen.push(ctx.found.map((e) => e.text));
        return [span('person', l, '丙丁')];
      },
    };
    const a = new Annotator(tokenizer, [first, second]);
    assert.deepEqual(a.annotate(line).map((e) => `${e.type}:${e.text}`), ['place:甲乙', 'person:丙丁']);
    assert.deepEqual(seen, [['甲乙']]);
  });

  it('tokenizes only when a recogniser needs tokens, and gives them to it', () => {
    const plain = countingTokenizer();
    const none: Recogniser = { name: 'none', types: ['date'], needsTokens: false, overlap: 'ranked', recognise: () => [] };
    new Annotator(plain.tokenizer, [none]).annotate('科技部召开会议\n国家卫健委');
    assert.equal(plain.calls(), 0);

    const counted = countingTokenizer();
    let tokens = 0;
    const reader: Recogniser = {
      name: 'reader',
      types: ['person'],
      needsTokens: true,
      overlap: 'ranked',
      recognise: (_l, ctx) => {
        tokens += ctx.tokens.length;
        return [];
      },
    };
    new Annotator(counted.tokenizer, [reader]).annotate('科技部召开会议');
    assert.ok(counted.calls() >= 1);
    assert.equal(tokens, 7);
  });

  it('a line without a Han character skips the recognisers that need tokens', () => {
    const { tokenizer, calls } = countingTokenizer();
    let ran = 0;
    const reader: Recogniser = { name: 'reader', types: ['person'], needsTokens: true, overlap: 'ranked', recognise: () => (ran++, []) };
    new Annotator(tokenizer, [reader]).annotate('2021 123 456');
    assert.equal(ran, 0);
    assert.equal(calls(), 0);
  });

  it('fixed candidates win over every overlap; ranked ones compete by length, then by type priority', () => {
    const { tokenizer } = countingTokenizer();
    const line = '《甲乙》丙丁戊';
    const fixed: Recogniser = { name: 'fixed', types: ['document'], needsTokens: false, overlap: 'fixed', recognise: (l) => [span('document', l, '《甲乙》')] };
    const ranked: Recogniser = {
      name: 'ranked',
      types: ['place', 'quantity', 'person'],
      needsTokens: false,
      overlap: 'ranked',
      recognise: (l) => [span('place', l, '乙》丙丁'), span('quantity', l, '丙丁'), span('person', l, '丁戊')],
    };
    const found = new Annotator(tokenizer, [ranked, fixed]).annotate(line);
    assert.deepEqual(found.map((e) => `${e.type}:${e.text}`), ['document:《甲乙》', 'person:丁戊']);
    // equal length: the type earlier in ENTITY_PRIORITY (person before quantity), wherever it starts
    const tie = resolveOverlaps([], [span('quantity', line, '丙丁'), span('person', line, '丁戊')]);
    assert.deepEqual(tie.map((e) => e.type), ['person']);
    const tie2 = resolveOverlaps([], [span('quantity', line, '丁戊'), span('person', line, '丙丁')]);
    assert.deepEqual(tie2.map((e) => e.type), ['person']);
  });

  it('collects the recognisers’ dictionary words once, and asks every recogniser that knows names', () => {
    const { tokenizer } = countingTokenizer();
    let words = 0;
    const knower: Recogniser = {
      name: 'knower',
      types: ['place'],
      needsTokens: false,
      overlap: 'ranked',
      recognise: () => [],
      dictionaryWords: () => (words++, [{ word: '甲乙', tag: 'ns' }]),
      isKnownName: (w) => w === '甲乙',
    };
    let answer: boolean[] = [];
    const asker: Recogniser = { name: 'asker', types: ['person'], needsTokens: false, overlap: 'ranked', recognise: (_l, ctx) => ((answer = [ctx.isKnownName('甲乙'), ctx.isKnownName('丙')]), []) };
    const a = new Annotator(tokenizer, [knower, asker]);
    a.annotate('甲乙丙');
    a.annotate('丙丁');
    assert.equal(words, 1);
    assert.deepEqual(answer, [true, false]);
  });
});
