import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { applyWholeTable, decodeFlags, encodeFlags, hashWords, insertWords, type WholeWordTable } from '../../src/core/tokenizer/wholeWords';
import type { UserWord } from '../../src/core/tokenizer/jieba';

const repoRoot = join(__dirname, '..', '..', '..');

describe('gazetteer words nodejieba keeps whole (jieba-whole.json)', () => {
  const words: UserWord[] = [
    { word: '科技部', tag: 'nt', onlyUnknown: true },
    { word: '长海县', tag: 'ns', onlyUnknown: true },
    { word: '富源县委', tag: 'nt', onlyUnknown: true },
  ];
  const table = (flags: boolean[], version = '3.5.8'): WholeWordTable => ({
    format: 'policy-lens-jieba-whole/1',
    nodejieba: version,
    words: hashWords(words),
    count: words.length,
    whole: encodeFlags(flags),
  });

  it('encodes and decodes per-word flags', () => {
    const flags = Array.from({ length: 37 }, (_, i) => i % 3 === 0 || i === 36);
    assert.deepEqual(decodeFlags(encodeFlags(flags), flags.length), flags);
    assert.deepEqual(decodeFlags('', 3), [false, false, false]);
  });

  it('drops the words kept whole and inserts the rest without a check when the table matches', () => {
    const out = applyWholeTable(words, '3.5.8', table([true, false, true]));
    assert.deepEqual(out, [{ word: '长海县', tag: 'ns' }]);
  });

  it('keeps every check when the nodejieba version or the word list differs', () => {
    assert.deepEqual(applyWholeTable(words, '3.6.0', table([true, false, true])), words);
    assert.deepEqual(applyWholeTable(words, undefined, table([true, false, true])), words);
    assert.deepEqual(applyWholeTable(words.slice(0, 2), '3.5.8', table([true, false, true])), words.slice(0, 2));
    const renamed = words.map((w, i) => (i === 1 ? { ...w, word: '长海' } : w));
    assert.deepEqual(applyWholeTable(renamed, '3.5.8', table([true, false, true])), renamed);
    const retagged = words.map((w, i) => (i === 1 ? { ...w, tag: 'nt' } : w));
    assert.deepEqual(applyWholeTable(retagged, '3.5.8', table([true, false, true])), retagged);
    const unchecked = words.map((w, i) => (i === 0 ? { word: w.word, tag: w.tag } : w));
    assert.deepEqual(applyWholeTable(unchecked, '3.5.8', table([true, false, true])), unchecked);
  });

  it('insertWords checks onlyUnknown words with a cut, in order', () => {
    const inserted: string[] = [];
    const jieba = {
      cut: (s: string) => (s === '科技部' || inserted.includes(s) ? [s] : Array.from(s)),
      insertWord: (w: string) => inserted.push(w) > 0,
    };
    const flags = insertWords(jieba, [...words, { word: '长海县', tag: 'ns', onlyUnknown: true }, { word: '科技部', tag: 'nt' }]);
    assert.deepEqual(flags, [true, false, false, true, false]);
    assert.deepEqual(inserted, ['长海县', '富源县委', '科技部']);
  });

  it('the stored table matches the gazetteer and the installed nodejieba', function () {
    this.timeout(60_000);
    // A fresh process: nodejieba's dictionary is process-wide and this one has had words added.
    const r = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'build-jieba-whole.mjs'), '--check'], { cwd: repoRoot, encoding: 'utf8' });
    assert.equal(r.status, 0, `${r.stdout}${r.stderr}`);
  });
});
