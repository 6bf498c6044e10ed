import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Tokenizer, alignTokens } from '../../src/core/tokenizer/tokenizer';
import { type JiebaLike } from '../../src/core/tokenizer/jieba';

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

  it('loads the dictionaries with a one-line IDF stand-in, removed afterwards', () => {
    let seen: { path: string; text: string } | undefined;
    const fake: JiebaLike = {
      load: (options) => {
        const path = options?.idfDict ?? '';
        seen = { path, text: readFileSync(path, 'utf8') };
      },
      cut: (s) => [s],
      tag: (s) => [{ word: s, tag: 'x' }],
      insertWord: () => true,
    };
    new Tokenizer(() => fake).load();
    assert.ok(seen, 'load was called');
    assert.match(seen.text, /^\S+ [0-9.]+\n$/, 'one "word idf" line');
    assert.equal(existsSync(seen.path), false, 'the stand-in is deleted after loading');
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

  describe('tag(): cut plus cached word tags, identical to nodejieba.tag', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const jieba = require('nodejieba') as JiebaLike;
    const fixtures = join(__dirname, '..', '..', '..', 'test', 'fixtures');
    const texts = ['ministries.txt', 'localities.txt', 'degraded.txt'].map((f) => readFileSync(join(fixtures, f), 'utf8'));
    // Words nodejieba splits when tagged alone but keeps whole in running text (its tag must come from the text).
    texts.push('要以更大力度推动中韩合作，更多成果要能惠及民生。COVID-19 疫情 R&D 投入 5G 基站 3.5% 〇');

    it('gives every line the words and tags nodejieba.tag gives it', () => {
      const t = new Tokenizer();
      for (const text of texts) {
        for (const line of text.split('\n')) {
          if (!line) continue;
          const expected = alignTokens(line, jieba.tag(line));
          assert.deepEqual(t.tag(line), expected, line.slice(0, 40));
        }
      }
    });

    it('answers the same with an empty cache, a warm cache and a cleared one', () => {
      const t = new Tokenizer();
      const text = texts[0];
      const cold = t.tag(text);
      assert.deepEqual(t.tag(text), cold);
      t.clearCache();
      assert.deepEqual(t.tag(text), cold);
    });

    it('tags the whole piece when a new word does not come back whole from the batched look-up', () => {
      const calls: string[] = [];
      const fake: JiebaLike = {
        load: () => undefined,
        cut: () => ['甲乙', '丙'],
        // alone, 甲乙 is split (as nodejieba splits some words out of context); in the piece it is whole
        tag: (s) => {
          calls.push(s);
          if (s === '甲乙丙') return [{ word: '甲乙', tag: 'nt' }, { word: '丙', tag: 'n' }];
          return s.split('\n').flatMap((w, i) => [...(i > 0 ? [{ word: '\n', tag: 'x' }] : []), ...Array.from(w).map((c) => ({ word: c, tag: 'x' }))]);
        },
        insertWord: () => true,
      };
      const t = new Tokenizer(() => fake);
      assert.deepEqual(t.tag('甲乙丙').map((x) => `${x.word}/${x.tag}`), ['甲乙/nt', '丙/n']);
      assert.deepEqual(calls, ['甲乙\n丙', '甲乙丙']);
      assert.deepEqual(t.tag('甲乙丙').map((x) => `${x.word}/${x.tag}`), ['甲乙/nt', '丙/n']);
      assert.equal(calls.length, 2, 'learnt: no further tagging');
    });

    it('forgets cached tags when another tokenizer on the same nodejieba adds words', () => {
      const inserted: string[] = [];
      const fake: JiebaLike = {
        load: () => undefined,
        cut: (s) => Array.from(s),
        tag: (s) => s.split('\n').flatMap((w, i) => [...(i > 0 ? [{ word: '\n', tag: 'x' }] : []), { word: w, tag: inserted.includes(w) ? 'nt' : 'x' }]),
        insertWord: (w) => inserted.push(w) > 0,
      };
      const a = new Tokenizer(() => fake);
      const b = new Tokenizer(() => fake);
      assert.equal(a.tag('甲')[0].tag, 'x');
      b.addWords([{ word: '甲', tag: 'nt' }]);
      b.load();
      assert.equal(a.tag('甲')[0].tag, 'nt');
    });

    it('forgets cached tags when words are added after loading', () => {
      const inserted: string[] = [];
      const fake: JiebaLike = {
        load: () => undefined,
        cut: (s) => (inserted.includes(s) ? [s] : Array.from(s)),
        tag: (s) => s.split('\n').flatMap((w) => (w === '' ? [] : [...(inserted.includes(w) ? [w] : Array.from(w))].map((x) => ({ word: x, tag: inserted.includes(x) ? 'nt' : 'x' })))).flatMap((x, i, all) => (i < all.length - 1 ? [x, { word: '\n', tag: 'x' }] : [x])),
        insertWord: (w) => {
          inserted.push(w);
          return true;
        },
      };
      const t = new Tokenizer(() => fake);
      assert.deepEqual(t.tag('甲乙').map((x) => `${x.word}/${x.tag}`), ['甲/x', '乙/x']);
      t.addWords([{ word: '甲', tag: 'nt' }]);
      assert.deepEqual(t.tag('甲乙').map((x) => `${x.word}/${x.tag}`), ['甲/nt', '乙/x']);
    });
  });
});
