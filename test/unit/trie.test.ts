import assert from 'node:assert/strict';
import { hanPairAt, MaskTrie } from '../../src/core/text/trie';

describe('MaskTrie', () => {
  const trie = new MaskTrie();
  trie.add('科技部', 0);
  trie.add('科技部门', 3);
  trie.add('科技', 1);
  trie.add('国家', 2);
  trie.add('国家卫健委', 0);
  trie.add('', 1);
  const ends = new Int32Array(4);

  it('finds the longest entry of each dictionary at a position in one walk', () => {
    const found = trie.longestAt('请科技部门和科技部', 1, ends);
    assert.equal(found, 0b1011);
    assert.deepEqual([...ends], [4, 3, -1, 5]);
    assert.equal(trie.longestAt('请科技部门和科技部', 6, ends), 0b0011);
    assert.deepEqual([...ends], [9, 8, -1, -1]);
  });

  it('reports nothing where no entry starts, and knows first characters', () => {
    assert.equal(trie.longestAt('国', 0, ends), 0);
    assert.deepEqual([...ends], [-1, -1, -1, -1]);
    assert.equal(trie.longestAt('国家卫健委', 0, ends), 0b0101);
    assert.deepEqual([...ends], [5, -1, 2, -1]);
    assert.equal(trie.startsWith('科'.charCodeAt(0)), true);
    assert.equal(trie.startsWith('部'.charCodeAt(0)), false);
  });
});

describe('hanPairAt', () => {
  it('gives two ideographs a unique small integer and anything else -1', () => {
    const a = hanPairAt('科技', 0);
    const b = hanPairAt('技科', 0);
    assert.ok(a >= 0 && b >= 0 && a !== b && Number.isSafeInteger(a) && a < 2 ** 30);
    assert.equal(hanPairAt('x科技', 1), a);
    for (const [text, pos] of [['科', 0], ['科技', 1], ['A科', 0], ['科、', 0], ['𠮷科', 0], ['', 0]] as const) assert.equal(hanPairAt(text, pos), -1, `${text}@${pos}`);
  });
});
