import assert from 'node:assert/strict';
import { Tokenizer, alignTokens, type JiebaLike } from '../../src/core/tokenizer';

const tokenizer = new Tokenizer();

/** Every token must sit where it says, in order, without overlap. */
function assertAligned(text: string, tokens: ReturnType<Tokenizer['tag']>): void {
  let last = 0;
  for (const t of tokens) {
    assert.equal(text.slice(t.start, t.end), t.word, `token ${JSON.stringify(t)}`);
    assert.ok(t.start >= last, `token ${t.word} at ${t.start} overlaps the previous one ending at ${last}`);
    last = t.end;
  }
}

describe('tokenizer', () => {
  it('loads lazily, once', () => {
    let loads = 0;
    const fake: JiebaLike = {
      load: () => void loads++,
      cut: (s) => [s],
      tag: (s) => [{ word: s, tag: 'x' }],
      insertWord: () => true,
    };
    const t = new Tokenizer(() => fake);
    assert.equal(t.loaded, false);
    assert.equal(loads, 0);
    t.cut('a');
    t.tag('b');
    assert.equal(loads, 1);
    assert.equal(t.loaded, true);
  });

  it('returns nothing for empty input', () => {
    assert.deepEqual(tokenizer.cut(''), []);
    assert.deepEqual(tokenizer.tag(''), []);
  });

  it('cuts with HMM on: decimals stay whole', () => {
    const words = tokenizer.cut('共选派1.75万名科技特派员').map((t) => t.word);
    assert.ok(words.includes('1.75'), words.join('/'));
  });

  it('aligns offsets across spaces, tabs and repeated whitespace', () => {
    const text = 'a  b\t\tc   科技部  推广 新机制';
    const tokens = tokenizer.tag(text);
    assertAligned(text, tokens);
    assert.ok(tokens.some((t) => t.word === '新机制' && t.start === text.indexOf('新机制')));
  });

  it('aligns offsets across CRLF line ends', () => {
    const text = '第一段。\r\n\r\n科技部部署工作。\r\n';
    const tokens = tokenizer.tag(text);
    assertAligned(text, tokens);
    const hit = tokens.find((t) => t.word.includes('科技部'));
    assert.ok(hit, 'found 科技部');
    assert.equal(hit.start, text.indexOf('科技部'));
  });

  it('aligns mixed Latin, digits and Chinese', () => {
    const text = 'PM2.5浓度下降3.2%，GDP增长5.2%，ABC-123 test中文';
    const tokens = tokenizer.tag(text);
    assertAligned(text, tokens);
    assert.ok(tokens.some((t) => t.word === 'GDP'));
  });

  it('keeps offsets in UTF-16 past U+FFFF (𠮷, emoji)', () => {
    const text = '𠮷野家😀科技部推广新机制';
    const tokens = tokenizer.tag(text);
    assertAligned(text, tokens);
    const hit = tokens.find((t) => t.word === '新机制');
    assert.ok(hit);
    assert.equal(hit.start, text.indexOf('新机制'));
    assert.equal(text.indexOf('新机制'), 11); // 𠮷 and 😀 are two units each
  });

  it('never throws on a lone surrogate and keeps alignment after it', () => {
    const text = 'ab\ud800科技部推广新机制';
    const tokens = tokenizer.tag(text);
    assertAligned(text, tokens);
    assert.ok(tokens.some((t) => t.word === '新机制'));
  });

  it('accepts user-dictionary words with their tag', () => {
    const t = new Tokenizer();
    t.addWords([{ word: '国家卫健委', tag: 'nt' }]);
    const tokens = t.tag('国家卫健委发布通知');
    assert.deepEqual(
      tokens.find((x) => x.word === '国家卫健委'),
      { word: '国家卫健委', tag: 'nt', start: 0, end: 5 },
    );
  });

  it('slices long input at line ends and stays aligned', () => {
    const para = '科技部推广“揭榜挂帅”等新机制，实施科技特派员制度。\n';
    const text = para.repeat(400); // ≈ 10,000 units, more than one slice
    const tokens = tokenizer.cut(text);
    assertAligned(text, tokens);
    assert.equal(tokens[tokens.length - 1].end, text.length);
  });

  it('alignTokens skips whitespace that the tokenizer dropped', () => {
    const tokens = alignTokens('a \n b', [
      { word: 'a', tag: 'x' },
      { word: 'b', tag: 'x' },
    ]);
    assert.deepEqual(tokens, [
      { word: 'a', tag: 'x', start: 0, end: 1 },
      { word: 'b', tag: 'x', start: 4, end: 5 },
    ]);
  });

  it('alignTokens drops a token that is not in the text', () => {
    const tokens = alignTokens('ab', [
      { word: '\ufffd', tag: 'x' },
      { word: 'a', tag: 'x' },
      { word: 'b', tag: 'x' },
    ]);
    assert.deepEqual(tokens.map((t) => [t.word, t.start]), [['a', 0], ['b', 1]]);
  });
});
