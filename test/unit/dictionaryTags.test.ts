import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../../src/core/engine/engine';
import { DictionaryTags, lookupTag, specialRuleTag } from '../../src/core/tokenizer/dictionaryTags';
import { charClass, charSet, isHanAt, isIn, WHITESPACE } from '../../src/core/text/charClass';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const nodejieba = require('nodejieba') as { tag(s: string): Array<{ word: string; tag: string }>; cut(s: string, hmm: boolean): string[] };
const real = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'real');
const corpus = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'corpus');

describe('dictionary tags (tag() without asking nodejieba)', () => {
  const engine = new Engine();
  before(function () {
    this.timeout(60_000);
    engine.warmUp();
  });

  it('gives every word of the real documents the tag nodejieba.tag gives it, with the gazetteer words inserted', function () {
    this.timeout(60_000);
    let words = 0;
    // every word's tag comes from the dictionary: the tokenizer never calls nodejieba.tag (it would to learn tags)
    engine.tokenizer.clearCache();
    let asked = 0;
    const taggedByTokenizer = (p: string) => {
      const original = nodejieba.tag;
      nodejieba.tag = (s: string) => {
        asked++;
        return original(s);
      };
      try {
        return engine.tokenizer.tag(p);
      } finally {
        nodejieba.tag = original;
      }
    };
    const mixed = 'iPhone15发布，2024年GDP增长5.2%，A股、５Ｇ、😀表情、x、ab、12、1a、a1、COVID-19疫情、Ⅱ类、ｗｗｗ网站、𠀀字。';
    const texts = [real, corpus].flatMap((dir) => textsUnder(dir));
    texts.push(mixed);
    for (const text of texts) {
      for (const p of text.split('\n').filter((l) => l.trim())) {
        const expected = nodejieba.tag(p).map((t) => `${t.word}/${t.tag}`);
        const got = taggedByTokenizer(p).map((t) => `${t.word}/${t.tag}`);
        assert.deepEqual(got, expected, p.slice(0, 40));
        words += got.length;
      }
    }
    assert.ok(words > 100_000, `${words} words compared`);
    assert.equal(asked, 0, 'the tokenizer asked nodejieba.tag');
  });

  it('applies cppjieba\'s SpecialRule to words the dictionary has no tag for', () => {
    assert.equal(specialRuleTag('x'), 'x'); // one character: nothing looked at
    assert.equal(specialRuleTag('ab'), 'eng');
    assert.equal(specialRuleTag('12'), 'm');
    assert.equal(specialRuleTag('1a'), 'm'); // looks at code points while fewer than half were ASCII
    assert.equal(specialRuleTag('a1'), 'eng');
    assert.equal(specialRuleTag('某某'), 'x');
    assert.equal(specialRuleTag('𠀀a'), 'eng'); // a character past U+FFFF is one code point: the second is looked at
    assert.equal(specialRuleTag('12ab'), 'm'); // stops once half (rounded down) of the code points were ASCII: 12
    assert.equal(specialRuleTag('1a2b'), 'eng');
    for (const w of ['ab', '12', '1a', 'a1', 'abc12', '2024']) {
      const tagged = nodejieba.tag(w);
      if (tagged.length === 1 && tagged[0].word === w && nodejieba.cut(w, true).length === 1) assert.equal(lookupTag(DictionaryTags.read({ dict: emptyDict(), userDicts: [] }), w), tagged[0].tag, w);
    }
  });

  it('reads dictionary files as cppjieba does: user lines of 1–3 columns, later entries replace earlier ones', () => {
    const dir = mkdtempSync(join(tmpdir(), 'policy-lens-dict-'));
    try {
      const dict = join(dir, 'dict.utf8');
      const user = join(dir, 'user.utf8');
      writeFileSync(dict, '科技部 100 nt\n部门 50 n\n重复 3 v\n');
      writeFileSync(user, '云计算\n\n蓝翔 nz\n区块链 10 nz\n重复 a\n尾空格 \n四 列 的 行\n');
      const tags = DictionaryTags.read({ dict, userDicts: [user] });
      assert.equal(tags.get('科技部'), 'nt');
      assert.equal(tags.get('部门'), 'n');
      assert.equal(tags.get('云计算'), ''); // no tag: SpecialRule decides
      assert.equal(lookupTag(tags, '云计算'), 'x');
      assert.equal(tags.get('蓝翔'), 'nz');
      assert.equal(tags.get('区块链'), 'nz');
      assert.equal(tags.get('重复'), 'a');
      assert.equal(tags.get('尾空格'), '');
      assert.equal(tags.get('四'), undefined);
      assert.throws(() => DictionaryTags.read({ dict: join(dir, 'missing'), userDicts: [] }));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  function textsUnder(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? textsUnder(join(dir, e.name)) : e.name.endsWith('.txt') ? [readFileSync(join(dir, e.name), 'utf8')] : []));
  }

  function emptyDict(): string {
    const dir = mkdtempSync(join(tmpdir(), 'policy-lens-dict-'));
    const path = join(dir, 'dict.utf8');
    writeFileSync(path, '');
    return path;
  }
});

describe('character tables', () => {
  it('answer as the regular expressions they stand for', () => {
    const same = (a: Uint8Array, b: Uint8Array, name: string) => {
      for (let c = 0; c < 0x10000; c++) assert.equal(a[c], b[c], `${name} at U+${c.toString(16)}`);
    };
    same(charSet(WHITESPACE), charClass(/\s/), '\\s');
    same(charSet(WHITESPACE, '、，,；;：:（(）)。和与及由经报向'), charClass(/[\s、，,；;：:（(）)。和与及由经报向]/), 'before a unit');
    const line = '市财政局、县法院';
    const levels = charSet('省市县区州旗');
    assert.equal(isIn(levels, line, 0), true);
    assert.equal(isIn(levels, line, 1), false);
    assert.equal(isIn(levels, line, -1), false);
    assert.equal(isIn(levels, line, line.length), false);
    assert.equal(isHanAt(line, 4), false);
    assert.equal(isHanAt(line, 5), true);
    assert.equal(isHanAt(line, 99), false);
  });
});
