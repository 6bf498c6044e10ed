// jieba-wasm, the fallback tokenizer where nodejieba's binary does not load:
// chosen as asked (POLICY_LENS_TOKENIZER, Tokenizer('wasm')), with the same
// user words, its token spans and tags measured against nodejieba's on the
// real texts (test/fixtures/real), and one clear error when nothing loads.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeTokens } from '../../src/cli/stream';
import { Engine } from '../../src/core/engine/engine';
import { NO_TOKENIZER, Tokenizer } from '../../src/core/tokenizer/tokenizer';
import { specialRuleTag as specialTag } from '../../src/core/tokenizer/dictionaryTags';
import { jiebaFromWasm, splitAscii, type JiebaWasmModule } from '../../src/core/tokenizer/wasm';
import type { Token } from '../../src/core/types';

const root = path.join(__dirname, '../../..');
const realDir = path.join(root, 'test/fixtures/real');

/** Share of `a`'s token spans that `b` has too, and of those with the same tag too. */
export function agreement(a: readonly Token[], b: readonly Token[]): { spans: number; same: number; sameTag: number } {
  const tags = new Map(b.map((t) => [`${t.start}:${t.end}`, t.tag]));
  let same = 0;
  let sameTag = 0;
  for (const t of a) {
    const tag = tags.get(`${t.start}:${t.end}`);
    if (tag === undefined) continue;
    same++;
    if (tag === t.tag) sameTag++;
  }
  return { spans: a.length, same, sameTag };
}

describe('tokenizer: jieba-wasm fallback', function () {
  this.timeout(120000);

  it('runs the backend asked for and says which', () => {
    const wasm = new Tokenizer('wasm');
    const info = wasm.info();
    assert.equal(info.backend, 'jieba-wasm');
    assert.equal(info.version, '2.4.0');
    assert.equal(info.fallbackReason, undefined, 'asked for, not fallen back to');
    const native = new Tokenizer('nodejieba').info();
    assert.equal(native.backend, 'nodejieba');
    assert.match(native.version ?? '', /^\d+\.\d+\.\d+$/);
  });

  it('POLICY_LENS_TOKENIZER=wasm picks jieba-wasm in a fresh process (the CLI, the worker)', () => {
    const script = `const { Tokenizer } = require(${JSON.stringify(path.join(root, 'out/src/core/tokenizer/tokenizer.js'))}); const t = new Tokenizer(); console.log(JSON.stringify([t.info().backend, t.tag('国务院办公厅印发通知').map((x) => x.word)]));`;
    const run = (env: string | undefined) => {
      const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { ...process.env, POLICY_LENS_TOKENIZER: env } });
      assert.equal(r.status, 0, r.stderr);
      return JSON.parse(r.stdout) as [string, string[]];
    };
    assert.equal(run('wasm')[0], 'jieba-wasm');
    assert.equal(run('nodejieba')[0], 'nodejieba');
    assert.deepEqual(run('wasm')[1], run('nodejieba')[1]);
  });

  it('the bundled CLI runs jieba-wasm from the one .wasm in dist/ (the web build\'s, shared with the web worker)', function () {
    const dist = path.join(root, 'dist');
    if (!fs.existsSync(path.join(dist, 'cli.js'))) this.skip(); // npm test builds before the unit stage
    const wasmFiles = fs.readdirSync(dist, { recursive: true }).map(String).filter((f) => f.endsWith('.wasm'));
    assert.deepEqual(wasmFiles, ['jieba_rs_wasm_bg.wasm']);
    const file = path.join(realDir, fs.readdirSync(realDir).filter((f) => f.endsWith('.txt')).sort()[0]);
    const cli = (tokenizer: string) => {
      const r = spawnSync(process.execPath, [path.join(dist, 'cli.js'), 'tokens', file], { encoding: 'utf8', env: { ...process.env, POLICY_LENS_TOKENIZER: tokenizer }, maxBuffer: 64 << 20 });
      assert.equal(r.status, 0, r.stderr);
      return r.stdout.trim().split('\n');
    };
    const bundled = cli('wasm');
    assert.ok(bundled.length > 100, `${bundled.length} tokens`);
    // the same lines as the package's own node build of jieba-wasm gives in this process
    let expected = '';
    writeTokens((s) => (expected += s), new Engine({ tokenizer: 'wasm' }), fs.readFileSync(file, 'utf8'));
    assert.deepEqual(bundled, expected.trim().split('\n'));
  });

  it('gives the same user words as nodejieba: a gazetteer word is one token with its tag', () => {
    for (const choice of ['wasm', 'nodejieba'] as const) {
      const t = new Tokenizer(choice);
      t.addWords([{ word: '巴东县官渡口镇', tag: 'ns' }]);
      const tokens = t.tag('湖北省巴东县官渡口镇人民政府');
      assert.ok(
        tokens.some((x) => x.word === '巴东县官渡口镇' && x.tag === 'ns'),
        `${choice}: ${tokens.map((x) => `${x.word}/${x.tag}`).join(' ')}`,
      );
    }
  });

  it('cuts and tags runs of ASCII as cppjieba does', () => {
    assert.deepEqual(splitAscii('70%'), ['70', '%']);
    assert.deepEqual(splitAscii('480-560'), ['480', '-', '560']);
    assert.deepEqual(splitAscii('ML1.8'), ['ML1', '.', '8']);
    assert.deepEqual(splitAscii('1.75'), ['1.75']);
    assert.equal(specialTag('2018'), 'm');
    assert.equal(specialTag('ML1'), 'eng');
    assert.equal(specialTag('%'), 'x');
    assert.equal(specialTag('8'), 'x', 'one character: no half to count');
    assert.equal(specialTag('ab'), 'eng');
    assert.equal(specialTag('中国'), 'x');
    const t = new Tokenizer('wasm');
    assert.deepEqual(
      t.tag('增长70%，水位135m').map((x) => `${x.word}/${x.tag}`),
      new Tokenizer('nodejieba').tag('增长70%，水位135m').map((x) => `${x.word}/${x.tag}`),
    );
  });

  it('keeps a word inserted with ASCII in it whole', () => {
    const calls: string[] = [];
    const mod: JiebaWasmModule = {
      cut: (s) => (s === '3D打印' ? ['3D', '打印'] : [s]),
      tag: (s) => [{ word: s, tag: 'x' }],
      add_word: (w) => (calls.push(w), 0),
    };
    const jieba = jiebaFromWasm(mod);
    jieba.load();
    assert.ok(calls.includes('区块链'), "nodejieba's user dictionary is loaded");
    assert.deepEqual(jieba.cut('3D打印', true), ['3', 'D', '打印']);
    jieba.insertWord('3D', 'nz');
    assert.deepEqual(jieba.cut('3D打印', true), ['3D', '打印']);
    assert.deepEqual(jieba.tag('3D'), [{ word: '3D', tag: 'nz' }]);
  });

  it('says once, clearly, when no tokenizer loads', () => {
    const script = `const { Tokenizer } = require(${JSON.stringify(path.join(root, 'out/src/core/tokenizer/tokenizer.js'))}); try { new Tokenizer().tag('一'); } catch (e) { console.log(e.message); }`;
    // nodejieba and jieba-wasm both made unloadable: their module paths point at nothing
    const preload = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lens-nojieba-')), 'block.js');
    fs.writeFileSync(preload, `const M = require('module'); const r = M._resolveFilename; M._resolveFilename = function (req, ...a) { if (req === 'nodejieba' || req === 'jieba-wasm') { const e = new Error('invalid ELF header'); throw e; } return r.call(this, req, ...a); };`);
    const r = spawnSync(process.execPath, ['-r', preload, '-e', script], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const message = r.stdout.trim();
    assert.ok(message.startsWith(NO_TOKENIZER), message);
    assert.match(message, /nodejieba \(invalid ELF header\).*jieba-wasm \(invalid ELF header\)/);
    assert.equal(message.split('\n').length, 1);
  });

  it('falls back to jieba-wasm when nodejieba does not load, and says why', () => {
    const script = `const { Tokenizer } = require(${JSON.stringify(path.join(root, 'out/src/core/tokenizer/tokenizer.js'))}); const t = new Tokenizer(); console.log(JSON.stringify(t.info()));`;
    const preload = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lens-nojieba-')), 'block.js');
    fs.writeFileSync(preload, `const M = require('module'); const r = M._resolveFilename; M._resolveFilename = function (req, ...a) { if (req === 'nodejieba') throw new Error('invalid ELF header'); return r.call(this, req, ...a); };`);
    const r = spawnSync(process.execPath, ['-r', preload, '-e', script], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const info = JSON.parse(r.stdout) as { backend: string; fallbackReason?: string };
    assert.equal(info.backend, 'jieba-wasm');
    assert.equal(info.fallbackReason, 'invalid ELF header');
  });

  it('agrees with nodejieba on the real texts: token spans and tags (with the gazetteer words)', () => {
    const native = new Engine({}, new Tokenizer('nodejieba')).tokenizer;
    const wasm = new Engine({}, new Tokenizer('wasm')).tokenizer;
    let spans = 0;
    let same = 0;
    let sameTag = 0;
    let chars = 0;
    for (const f of fs.readdirSync(realDir).filter((n) => n.endsWith('.txt'))) {
      const text = fs.readFileSync(path.join(realDir, f), 'utf8');
      chars += text.length;
      const a = agreement(native.tag(text), wasm.tag(text));
      spans += a.spans;
      same += a.same;
      sameTag += a.sameTag;
    }
    const spanShare = same / spans;
    const tagShare = sameTag / spans;
    console.log(`      jieba-wasm vs nodejieba on ${chars} characters: ${(spanShare * 100).toFixed(2)}% of token spans, ${(tagShare * 100).toFixed(2)}% spans and tags`);
    assert.ok(spanShare >= SPAN_FLOOR, `span agreement ${spanShare}`);
    assert.ok(tagShare >= TAG_FLOOR, `span and tag agreement ${tagShare}`);
  });
});

/** Measured floors (a little under the figures printed by the test). */
const SPAN_FLOOR = 0.98;
const TAG_FLOOR = 0.98;
