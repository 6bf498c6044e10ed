import assert from 'node:assert/strict';
import { OffsetMap, stripBom } from '../../src/core/text/offsets';

describe('offsets', () => {
  it('is the identity without astral characters', () => {
    const m = new OffsetMap('科技部推广新机制');
    assert.equal(m.toCodePoint(5), 5);
    assert.equal(m.toUtf16(5), 5);
    assert.equal(m.codePointLength, 8);
  });

  it('converts both ways past U+FFFF', () => {
    const text = 'a𠮷b😀c';
    const m = new OffsetMap(text);
    assert.equal(m.codePointLength, [...text].length);
    const cps = [...text];
    let utf16 = 0;
    for (let cp = 0; cp <= cps.length; cp++) {
      assert.equal(m.toUtf16(cp), utf16, `cp ${cp}`);
      assert.equal(m.toCodePoint(utf16), cp, `utf16 ${utf16}`);
      utf16 += cp < cps.length ? cps[cp].length : 0;
    }
  });

  it('agrees with Array.from slicing on random text', () => {
    const alphabet = ['a', '中', '𠮷', '😀', '\r\n', '。'];
    let text = '';
    for (let i = 0; i < 500; i++) text += alphabet[(i * 7919) % alphabet.length];
    const m = new OffsetMap(text);
    const cps = Array.from(text);
    for (let cp = 0; cp < cps.length; cp += 13) {
      const u = m.toUtf16(cp);
      assert.equal(text.codePointAt(u), cps[cp].codePointAt(0));
    }
  });

  it('strips a BOM only at the start', () => {
    assert.equal(stripBom('\ufeff科技部'), '科技部');
    assert.equal(stripBom('科\ufeff技'), '科\ufeff技');
    assert.equal(stripBom(''), '');
  });
});
