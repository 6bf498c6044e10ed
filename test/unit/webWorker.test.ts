// The web build's engine (dist/web/worker.js, built by `node esbuild.mjs`)
// run as a web Worker runs it: in a bare JavaScript context with no node
// globals (no require, process, Buffer), only postMessage/onmessage,
// WebAssembly, TextEncoder/TextDecoder and timers. Its first message carries
// jieba-wasm's web .wasm (dist/jieba_rs_wasm_bg.wasm); then it answers the
// engine's protocol with the entities the node engine finds under jieba-wasm.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { Engine } from '../../src/core/engine/engine';
import type { EngineResponse } from '../../src/core/engine/protocol';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const WORKER = path.join(ROOT, 'dist', 'web', 'worker.js');
const WASM = path.join(ROOT, 'dist', 'jieba_rs_wasm_bg.wasm');

/** Starts dist/web/worker.js in a fresh context that has only what a web Worker has. */
function startWorker(): { send(data: unknown): void; answers: EngineResponse[]; context: Record<string, unknown> } {
  assert.ok(fs.existsSync(WORKER) && fs.existsSync(WASM), 'dist/web/worker.js or dist/jieba_rs_wasm_bg.wasm is missing: run `node esbuild.mjs` first');
  const answers: EngineResponse[] = [];
  const context: Record<string, unknown> = { postMessage: (m: EngineResponse) => answers.push(structuredClone(m)), onmessage: null, WebAssembly: (globalThis as Record<string, unknown>).WebAssembly, TextEncoder, TextDecoder, setTimeout, clearTimeout, console };
  context.globalThis = context;
  context.self = context;
  vm.createContext(context);
  vm.runInContext(fs.readFileSync(WORKER, 'utf8'), context, { filename: WORKER });
  const send = (data: unknown) => (context.onmessage as (e: { data: unknown }) => void)({ data: structuredClone(data) });
  return { send, answers, context };
}

describe('web build: the engine in a web Worker', function () {
  this.timeout(60000);

  it('needs no node global', () => {
    const { context } = startWorker();
    for (const name of ['require', 'process', 'Buffer']) assert.equal(context[name], undefined, name);
  });

  it('answers the protocol with jieba-wasm: the same entities as the node engine under jieba-wasm', async () => {
    const { send, answers } = startWorker();
    send({ wasm: new Uint8Array(fs.readFileSync(WASM)), options: {} });
    const text = fs.readFileSync(path.join(ROOT, 'test/fixtures/ministries.txt'), 'utf8');
    const lines = text.split('\n');
    send({ id: 1, method: 'tokenizerInfo', args: [] });
    send({ id: 2, method: 'annotateLines', args: [lines] });
    send({ id: 3, method: 'noSuchMethod', args: [] });
    await new Promise((r) => setTimeout(r, 0));
    const byId = new Map(answers.map((a) => [a.id, a]));
    const info = byId.get(1);
    assert.ok(info && 'result' in info, JSON.stringify(info));
    assert.equal((info.result as { backend: string }).backend, 'jieba-wasm');
    const got = byId.get(2);
    assert.ok(got && 'result' in got, JSON.stringify(got));
    const expected = new Engine({ tokenizer: 'wasm' }).annotateLines(lines);
    assert.deepEqual(got.result, expected);
    assert.ok((got.result as unknown[][]).flat().length > 50);
    const bad = byId.get(3);
    assert.ok(bad && 'error' in bad && /unknown engine method/.test(bad.error));
  });

  it('says clearly when its WebAssembly cannot be read, for every request', () => {
    const { send, answers } = startWorker();
    send({ wasm: new Uint8Array(0), options: {}, error: 'FileNotFound: dist/jieba_rs_wasm_bg.wasm' });
    send({ id: 1, method: 'annotateLines', args: [['科技部']] });
    send({ id: 2, method: 'tokenizerInfo', args: [] });
    assert.equal(answers.length, 2);
    for (const a of answers) assert.ok('error' in a && a.error.startsWith('no tokenizer loads here: jieba-wasm (FileNotFound'), JSON.stringify(a));
  });
});
