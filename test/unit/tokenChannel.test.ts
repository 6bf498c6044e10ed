// The CLI's shared tokenizer (src/cli/tokenChannel.ts): a worker's
// ChannelTokenizer gets from the tokenizer thread exactly the tokens an
// in-process engine's tokenizer gives (slices, offsets, tags, surrogates,
// batches of texts), its errors as errors, and a clear one when the
// tokenizer thread is gone.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ChannelTokenizer, TokenizerThread } from '../../src/cli/tokenChannel';
import { Engine } from '../../src/core/engine/engine';
import { SLICE } from '../../src/core/tokenizer/tokenizer';

const CHANNEL = require.resolve('../../src/cli/tokenChannel');
const ENGINE = require.resolve('../../src/core/engine/engine');
const TOKENIZER = require.resolve('../../src/core/tokenizer/tokenizer');

describe('the CLI workers’ shared tokenizer (tokenChannel.ts)', function () {
  this.timeout(60000);
  let dir: string;
  /** A tokenizer thread serving the default engine's tokenizer. */
  let script: string;
  /** One whose tokenizer fails to load (every request fails with its reason). */
  let failing: string;
  /** One that dies at its first request. */
  let dying: string;
  const local = new Engine().tokenizer;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lens-channel-'));
    script = path.join(dir, 'serve.js');
    fs.writeFileSync(
      script,
      `const { parentPort, workerData } = require('node:worker_threads');
       const { serveTokens } = require(${JSON.stringify(CHANNEL)});
       const { Engine } = require(${JSON.stringify(ENGINE)});
       serveTokens(parentPort, workerData.doorbell, new Engine().tokenizer);`,
    );
    failing = path.join(dir, 'failing.js');
    fs.writeFileSync(
      failing,
      `const { parentPort, workerData } = require('node:worker_threads');
       const { serveTokens } = require(${JSON.stringify(CHANNEL)});
       const { Tokenizer } = require(${JSON.stringify(TOKENIZER)});
       serveTokens(parentPort, workerData.doorbell, new Tokenizer(() => { throw new Error('no jieba here'); }));`,
    );
    dying = path.join(dir, 'dying.js');
    fs.writeFileSync(dying, `setTimeout(() => process.exit(7), 200);`);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('gives the tokens of an in-process tokenizer: short and long texts (more than a slice), ASCII, surrogates, empty', async () => {
    const thread = new TokenizerThread(script, {});
    try {
      const remote = new ChannelTokenizer(thread.channel(), thread.doorbell);
      const paragraph = '国务院办公厅关于印发《“十四五”国民健康规划》的通知，国办发〔2022〕11号。财政部、教育部：2023年共投入3.5亿元，增长12%。';
      const texts = [
        paragraph,
        '',
        'Policy Lens 2024 v1.2 — GDP增长5.2%',
        '𠀀𠀁丞相府 \ud800 孤立的代理项\udc00。',
        '　　第一条　为了规范行政行为，制定本条例。\n第二条　本条例适用于全省。',
        Array.from({ length: 400 }, (_, i) => `第${i + 1}项：${paragraph}`).join('\n\n\n'),
      ];
      assert.ok(texts[texts.length - 1].length > 3 * SLICE);
      for (const t of texts) assert.deepEqual(remote.tag(t), local.tag(t), t.slice(0, 20));
      assert.deepEqual(remote.tagMany(texts), texts.map((t) => local.tag(t)));
      assert.deepEqual(remote.cut(paragraph), local.cut(paragraph));
      const info = remote.info();
      assert.equal(info.backend, local.info().backend);
      assert.equal(remote.loaded, true);
      // a second worker's channel learns its tags on its own
      const other = new ChannelTokenizer(thread.channel(), thread.doorbell);
      assert.deepEqual(other.tag(paragraph), local.tag(paragraph));
    } finally {
      await thread.close();
    }
  });

  it('a worker’s engine on the channel annotates as an engine with its own tokenizer, and takes no words itself', async () => {
    const thread = new TokenizerThread(script, {});
    try {
      const remote = new ChannelTokenizer(thread.channel(), thread.doorbell);
      assert.equal(remote.takesWords, false);
      const engine = new Engine({}, remote);
      const real = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'real');
      const text = fs.readFileSync(path.join(real, fs.readdirSync(real).find((f) => f.endsWith('.txt'))!), 'utf8');
      const reference = new Engine();
      const entities = engine.annotate(text);
      assert.deepEqual(entities, reference.annotate(text));
      assert.deepEqual(engine.actions(text, entities), reference.actions(text, entities));
      assert.throws(() => remote.addWords([{ word: '新词', tag: 'n' }]), /tokenizer thread/);
    } finally {
      await thread.close();
    }
  });

  it('the tokenizer thread’s error is the request’s error', async () => {
    const thread = new TokenizerThread(failing, {});
    try {
      const remote = new ChannelTokenizer(thread.channel(), thread.doorbell);
      assert.throws(() => remote.tag('国务院'), /no jieba here/);
      assert.throws(() => remote.tag('教育部'), /no jieba here/);
    } finally {
      await thread.close();
    }
  });

  it('a tokenizer thread that stopped fails the request with one clear error (no wait for ever)', async () => {
    const thread = new TokenizerThread(dying, {});
    const remote = new ChannelTokenizer(thread.channel(), thread.doorbell);
    await thread.close(); // it ends by itself (exit code 7)
    assert.throws(() => remote.tag('国务院'), /the tokenizer thread stopped/);
  });
});
