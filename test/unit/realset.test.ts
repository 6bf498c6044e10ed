// Floors of the real set: every real document of test/fixtures/real, annotated
// by the engine and exported as the CLI exports it, scored against its gold
// with the project's copy of the shared scorer (scripts/score-gold.mjs), must
// stay at or above the floors of test/fixtures/real/floors.json (a little
// under the figures reached; `npm run score` prints them all), under nodejieba
// and again under jieba-wasm, the tokenizer where nodejieba's binary does not
// load (`node scripts/score.mjs --both` prints both side by side).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Engine } from '../../src/core/engine/engine';
import type { TokenizerChoice } from '../../src/core/tokenizer/tokenizer';
import { toPolicyLensDocument } from '../../src/core/formats/policyLens';

const root = path.join(__dirname, '../../..');
const realDir = path.join(root, 'test/fixtures/real');
const scorer = path.join(root, 'scripts/score-gold.mjs');

interface Floor {
  department: number;
  all: number;
  canonical?: number;
  actionRecall?: number;
}

interface Report {
  department: { f1: number; canonical?: number };
  all: { f1: number };
  action: { recall: number };
}

for (const tokenizer of ['nodejieba', 'wasm'] as TokenizerChoice[]) describe(tokenizer === 'nodejieba' ? 'real set: floors' : `real set: floors under jieba-wasm`, function () {
  this.timeout(60000);
  const engine = new Engine({ tokenizer });
  const floors = JSON.parse(fs.readFileSync(path.join(realDir, 'floors.json'), 'utf8')) as Record<string, Floor | string>;
  const names = fs
    .readdirSync(realDir)
    .filter((f) => f.endsWith('.gold.json'))
    .map((f) => f.replace(/\.gold\.json$/, ''))
    .sort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lens-realset-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it(`runs on ${tokenizer === 'wasm' ? 'jieba-wasm' : 'nodejieba'}`, () => {
    assert.equal(engine.tokenizerInfo().backend, tokenizer === 'wasm' ? 'jieba-wasm' : 'nodejieba');
  });

  it('every real document has a floor and every floor a document', () => {
    const floored = Object.keys(floors).filter((k) => !k.startsWith('_'));
    assert.deepEqual(floored.sort(), names);
  });

  for (const name of names) {
    it(`${name} stays at or above its floors`, () => {
      const floor = floors[name] as Floor;
      const file = `${name}.txt`;
      const text = fs.readFileSync(path.join(realDir, file), 'utf8');
      const entities = engine.annotate(text);
      const pred = path.join(dir, `${name}.jsonl`);
      fs.writeFileSync(pred, JSON.stringify(toPolicyLensDocument(file, text, entities, engine.actions(text, entities))) + '\n');
      const out = JSON.parse(execFileSync(process.execPath, [scorer, path.join(realDir, `${name}.gold.json`), pred, '--json'], { encoding: 'utf8' })) as { report: Report };
      const r = out.report;
      const got: Floor = { department: r.department.f1, all: r.all.f1 };
      if (floor.canonical !== undefined) got.canonical = r.department.canonical ?? 0;
      if (floor.actionRecall !== undefined) got.actionRecall = r.action.recall;
      for (const key of Object.keys(floor) as Array<keyof Floor>) {
        assert.ok((got[key] ?? 0) >= (floor[key] ?? 0), `${name} ${key}: ${got[key]?.toFixed(3)} under its floor ${floor[key]}`);
      }
    });
  }
});
