import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const repoRoot = join(__dirname, '..', '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { patchSource } = require(join(repoRoot, 'scripts', 'patch-nodejieba.cjs')) as {
  patchSource(source: string): { text?: string; already?: boolean; error?: string };
};

describe('nodejieba patch (scripts/patch-nodejieba.cjs): the dictionary is built once', () => {
  // lib/nodejieba.cpp of nodejieba 3.5.8 as published (MIT, © Yanyi Wu).
  const original = readFileSync(join(repoRoot, 'test', 'fixtures', 'nodejieba', 'nodejieba-3.5.8.cpp'), 'utf8');

  it('makes the TextRank extractor share the Jieba dictionary instead of loading its own', () => {
    assert.equal((original.match(/TextRankExtractor\(dictPath/g) ?? []).length, 1);
    const { text, error } = patchSource(original);
    assert.equal(error, undefined);
    assert.ok(text);
    assert.doesNotMatch(text, /TextRankExtractor\(dictPath/);
    assert.match(text, /new cppjieba::TextRankExtractor\(\*_jieba_handle,\s*stopWordsPath\)/);
    // the extractor (which points into the old dictionary) is deleted before the Jieba is
    assert.ok(text.indexOf('delete _text_rank_extractor_handle') < text.indexOf('delete _jieba_handle'));
    // nothing else changes: the Jieba is built from the same five files
    assert.match(text, /new cppjieba::Jieba\(dictPath,\s*modelPath,\s*userDictPath,\s*idfPath,\s*stopWordsPath\)/);
    assert.ok(Math.abs(text.length - original.length) < 300);
  });

  it('recognises its own result, also with CRLF line ends', () => {
    const { text } = patchSource(original);
    assert.deepEqual(patchSource(text!), { already: true });
    assert.ok(patchSource(original.replace(/\n/g, '\r\n')).text);
  });

  it('leaves a source it does not know alone', () => {
    assert.ok(patchSource(original.replace('userDictPath);\n\n  return', 'userDictPath, extra);\n\n  return')).error);
    assert.ok(patchSource('').error);
  });

  it('the installed nodejieba still extracts keywords after its load (fresh process)', () => {
    const code = `const j=require('nodejieba');j.load();j.insertWord('科技特派员','n');
      const r=j.textRankExtract('科技部实施科技特派员制度，科技特派员深入农村一线，科技特派员服务农民。',3);
      process.stdout.write(JSON.stringify(r.map((w)=>w.word)))`;
    const r = spawnSync(process.execPath, ['-e', code], { cwd: repoRoot, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    // (patched, it also sees inserted words such as 科技特派员; unpatched, it does not)
    const words = JSON.parse(r.stdout) as string[];
    assert.ok(words.length > 0 && words.every((w) => typeof w === 'string' && w.length > 0), r.stdout);
  });
});
