// The CLI on corpora (issue 15, item 4; item 5 for its arguments): --jobs N
// on worker threads with the output of --jobs 1 byte for byte, `annotate -`
// (standard input, decoded as files are), --jsonl records in and out (bad
// lines named, the run goes on), the output valid against the policy-lens/1
// JSON Schema (Ajv), a progress line only on a terminal, the worker pool
// surviving a worker that dies, and the README's GNU parallel example run
// on a small corpus.
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import Ajv from 'ajv';
import iconv from 'iconv-lite';
import { main, type CliIo } from '../../src/cli';
import { jobsFor, parseArgs, POOL_MIN_BYTES } from '../../src/cli/args';
import { byteLines } from '../../src/cli/jsonl';
import { inOrder, TaskError, WorkerPool } from '../../src/cli/pool';
import type { PolicyLensDocument } from '../../src/core/formats/policyLens';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const REAL = path.join(ROOT, 'test', 'fixtures', 'real');
const SCHEMA = path.join(ROOT, 'src', 'core', 'formats', 'policy-lens-1.schema.json');
const isRoot = process.getuid?.() === 0;

interface Run {
  code: number;
  out: string;
  err: string;
}

async function run(args: string[], extra: Partial<CliIo> = {}): Promise<Run> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (s) => void (out += s), err: (s) => void (err += s), ...extra });
  return { code, out, err };
}

/** Runs the built CLI (dist/cli.js) with `input` on its stdin. */
function runCli(args: string[], input?: string | Buffer): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], { input, encoding: 'utf8', timeout: 120000, maxBuffer: 1 << 28 });
  assert.notEqual(r.signal, 'SIGTERM', `policy-lens ${args.join(' ')} timed out`);
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

const lines = (s: string) => s.split('\n').filter((l) => l !== '');
const stdin = (...chunks: Array<string | Buffer>) => Readable.from(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c) : c)));

/** The policy-lens/1 schema with Ajv (6: draft-07; the schema's keywords mean the same there, and an unknown one is an error). */
function schemaValidator(): (doc: unknown) => void {
  const schema = JSON.parse(fs.readFileSync(SCHEMA, 'utf8')) as Record<string, unknown>;
  assert.match(String(schema.$schema), /2020-12/);
  delete schema.$schema;
  const ajv = new Ajv({ allErrors: true, strictKeywords: true });
  ajv.addKeyword('$defs', { valid: true }); // where the $refs point; not a validation keyword
  const validate = ajv.compile(schema);
  // the validator can fail: an unknown entity type (through $ref into $defs), an extra field
  const sample = { format: 'policy-lens/1', file: 'a', sha256: '0'.repeat(64), length: 3, entities: [{ id: 'e1', type: 'department', start: 0, end: 3, text: '科技部', source: 'auto' }], actions: [], tags: [] };
  assert.ok(validate(sample), ajv.errorsText(validate.errors));
  assert.ok(!validate({ ...sample, entities: [{ ...sample.entities[0], type: 'bogus' }] }));
  assert.ok(!validate({ ...sample, id: 1 }));
  return (doc) => assert.ok(validate(doc), ajv.errorsText(validate.errors));
}

/** Texts of the real fixtures, by name. */
const REAL_TEXTS = fs
  .readdirSync(REAL)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => ({ name: f, text: fs.readFileSync(path.join(REAL, f), 'utf8') }));

describe('cli on corpora (issue 15)', function () {
  this.timeout(180000);
  let dir: string;
  let corpus: string;
  before(() => {
    execFileSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lens-corpus-'));
    // 8 real documents, a sub-folder, and bad files among them
    corpus = path.join(dir, 'corpus');
    fs.mkdirSync(path.join(corpus, 'sub'), { recursive: true });
    REAL_TEXTS.slice(0, 6).forEach(({ name, text }) => fs.writeFileSync(path.join(corpus, name), text));
    REAL_TEXTS.slice(6, 8).forEach(({ name, text }) => fs.writeFileSync(path.join(corpus, 'sub', name), text));
    fs.writeFileSync(path.join(corpus, 'bin.txt'), Buffer.from([0x41, 0x00, 0x42]));
    fs.writeFileSync(path.join(corpus, 'latin1.txt'), Buffer.from([0xe9, 0x74, 0xe9]));
    fs.writeFileSync(path.join(corpus, 'gbk.txt'), iconv.encode(REAL_TEXTS[8].text, 'gbk'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  describe('--jobs N', () => {
    it('annotate --jobs 2: the same stdout, stderr and exit code as --jobs 1, byte for byte, bad files one line each', async () => {
      const one = await run(['annotate', corpus, path.join(dir, 'missing.txt'), '--jobs', '1']);
      const two = await run(['annotate', corpus, path.join(dir, 'missing.txt'), '--jobs', '2']);
      assert.equal(one.code, 1);
      assert.equal(two.code, one.code);
      assert.equal(two.out, one.out);
      assert.equal(two.err, one.err);
      const docs = lines(one.out).map((l) => JSON.parse(l) as PolicyLensDocument);
      assert.equal(docs.length, 9, 'the six, the two in sub/ and the GBK one');
      assert.ok(docs.every((d) => d.entities.length > 0));
      assert.equal(docs.find((d) => d.file.endsWith('gbk.txt'))?.encoding, 'gb18030');
      const errs = lines(one.err);
      assert.equal(errs.length, 3, one.err);
      assert.ok(errs.some((l) => l.includes('bin.txt') && l.includes('NUL')));
      assert.ok(errs.some((l) => l.includes('latin1.txt')));
      assert.ok(errs.some((l) => l.includes('missing.txt')));
      // in input order: the walk's order (names sorted, sub/ among them)
      const order = docs.map((d) => path.relative(corpus, d.file));
      assert.deepEqual(order, [...order].sort());
    });

    it('the built CLI with --jobs 2 writes the bytes of --jobs 1, also with --out (indented files)', () => {
      const one = runCli(['annotate', corpus, '--jobs', '1']);
      const two = runCli(['annotate', corpus, '--jobs', '2']);
      assert.equal(two.out, one.out);
      assert.equal(two.err, one.err);
      const outs = ['1', '2'].map((j) => {
        const out = path.join(dir, `out-${j}`);
        const r = runCli(['annotate', corpus, '--out', out, '--jobs', j]);
        assert.equal(r.code, 1);
        const files = fs.readdirSync(out, { recursive: true }).map(String).filter((f) => f.endsWith('.json')).sort();
        return { err: r.err, files: files.map((f) => [f, fs.readFileSync(path.join(out, f), 'utf8')]) };
      });
      assert.equal(outs[0].files.length, 9);
      assert.deepEqual(outs[1], outs[0]);
      assert.match(outs[0].files[0][1], /^\{\n "format": "policy-lens\/1"/);
    });

    it('a closed stdout (| head -1) with --jobs 2 ends the run quietly, exit 0: workers busy in nodejieba are let finish, never killed (SIGABRT)', async () => {
      const d = path.join(dir, 'pipe');
      fs.mkdirSync(d, { recursive: true });
      const files = [0, 1, 2, 3, 4, 5].map((i) => {
        const f = path.join(d, `${i}.txt`);
        fs.writeFileSync(f, REAL_TEXTS[i].text.repeat(3));
        return f;
      });
      const result = await new Promise<{ code: number | null; signal: NodeJS.Signals | null; err: string; got: string }>((resolve) => {
        const child = spawn(process.execPath, [CLI, 'annotate', '--jobs', '2', ...files], { stdio: ['ignore', 'pipe', 'pipe'] });
        let err = '';
        let got = '';
        child.stderr.on('data', (c: Buffer) => (err += c.toString()));
        child.stdout.once('data', (c: Buffer) => {
          got = c.toString().slice(0, 30);
          child.stdout.destroy();
        });
        child.on('close', (code, signal) => resolve({ code, signal, err, got }));
      });
      assert.match(result.got, /^\{"format":"policy-lens\/1"/);
      assert.deepEqual([result.code, result.signal, result.err], [0, null, '']);
    });

    it('export --jobs 2: the same export as --jobs 1, tags from the sidecar included', async () => {
      const ws = path.join(dir, 'ws');
      fs.mkdirSync(path.join(ws, '.policy-lens'), { recursive: true });
      for (const { name, text } of REAL_TEXTS.slice(0, 4)) fs.writeFileSync(path.join(ws, name), text);
      const first = path.join(ws, REAL_TEXTS[0].name);
      fs.writeFileSync(path.join(ws, 'a.ann'), `T1\tmeasure 0 4\t${REAL_TEXTS[0].text.slice(0, 4)}\n`);
      const imported = await run(['import', path.join(ws, 'a.ann'), '--format', 'brat', '--doc', first]);
      assert.equal(imported.code, 0, imported.err);
      const one = await run(['export', ws, '--jobs', '1']);
      const two = await run(['export', ws, '--jobs', '2']);
      assert.equal(one.code, 0, one.err);
      assert.equal(two.out, one.out);
      assert.equal(two.err, one.err);
      const docs = lines(two.out).map((l) => JSON.parse(l) as PolicyLensDocument);
      assert.equal(docs.length, 4);
      assert.equal(docs[0].tags[0].label, 'measure');
    });

    it('the default: the cores for large inputs, one thread for small ones; --jobs as given, at most one per input', () => {
      assert.equal(jobsFor(undefined, 10, 1000), 1);
      assert.equal(jobsFor(undefined, 10, POOL_MIN_BYTES), Math.max(1, Math.min(10, os.availableParallelism() - 1)));
      assert.equal(jobsFor(undefined, 10, undefined), Math.max(1, Math.min(10, os.availableParallelism() - 1)));
      assert.equal(jobsFor(4, 10, 10), 4);
      assert.equal(jobsFor(4, 2, 10), 2);
      assert.equal(jobsFor(4, 0, 0), 1);
    });
  });

  describe('arguments (util.parseArgs)', () => {
    it('every option keeps its message; --jobs is checked; - is a path', async () => {
      assert.deepEqual(parseArgs(['a', '-', '--out=d', '-j', '3', '--', '-x'], ['out', 'jobs']), { paths: ['a', '-', '-x'], beforeDashDash: 2, out: 'd', jobs: 3, withEntities: false, replace: false, jsonl: false });
      const cases: Array<[string[], RegExp]> = [
        [['annotate', 'x', '--out'], /--out needs a value/],
        [['annotate', 'x', '--bogus'], /unknown option --bogus/],
        [['annotate', 'x', '--format', 'brat'], /unknown option --format/],
        [['annotate', 'x', '--jobs', '0'], /--jobs takes a whole number from 1 to 256 \(got "0"\)/],
        [['annotate', 'x', '--jobs', 'two'], /--jobs takes a whole number/],
        [['annotate', 'x', '--jsonl=yes'], /--jsonl takes no value/],
        [['annotate', '-', '-'], /- \(standard input\) can be given once/],
        [['annotate', '-', '--out', dir], /standard input \(-\) is annotated to stdout/],
        [['annotate', '--jsonl', '-', '--out', dir], /--jsonl writes one line per record to stdout/],
        [['annotate', '--jsonl', '-', '--encoding', 'utf-16le'], /--jsonl reads lines of UTF-8/],
        [['tokens', 'x', '--jobs', '2'], /unknown option --jobs/],
      ];
      for (const [args, message] of cases) {
        const r = await run(args);
        assert.equal(r.code, 2, args.join(' '));
        assert.equal(lines(r.err).length, 1);
        assert.match(r.err, message);
      }
      const help = await run(['--help']);
      for (const word of ['--jobs', '--jsonl', 'standard input', 'RDD.pipe']) assert.ok(help.out.includes(word), word);
    });
  });

  describe('annotate - (standard input)', () => {
    it('reads one text from standard input, decoded as a file is (BOM, GBK); the same entities as the file', async () => {
      const { name, text } = REAL_TEXTS[1];
      const file = (await run(['annotate', path.join(REAL, name)])).out;
      const fromFile = JSON.parse(file) as PolicyLensDocument;
      for (const bytes of [Buffer.from('\ufeff' + text), iconv.encode(text, 'gbk')]) {
        const r = await run(['annotate', '-'], { stdin: stdin(bytes.subarray(0, 1000), bytes.subarray(1000)) });
        assert.equal(r.code, 0, r.err);
        const doc = JSON.parse(r.out) as PolicyLensDocument;
        assert.equal(doc.file, '-');
        assert.deepEqual(doc.entities, fromFile.entities);
        assert.equal(doc.sha256, fromFile.sha256);
      }
      const gbk = JSON.parse((await run(['annotate', '-'], { stdin: stdin(iconv.encode(text, 'gbk')) })).out) as PolicyLensDocument;
      assert.equal(gbk.encoding, 'gb18030');
    });

    it('a binary standard input is one line naming it; - among files keeps its place, with --jobs 2 too', async () => {
      const bad = await run(['annotate', '-'], { stdin: stdin(Buffer.from([0x41, 0, 0x42])) });
      assert.equal(bad.code, 1);
      assert.deepEqual(lines(bad.err), ['policy-lens: skipped standard input: binary file (contains NUL bytes)']);
      const a = path.join(REAL, REAL_TEXTS[2].name);
      const b = path.join(REAL, REAL_TEXTS[3].name);
      for (const jobs of ['1', '2']) {
        const r = await run(['annotate', a, '-', b, '--jobs', jobs], { stdin: stdin('海关总署查获约5.76万件。\n') });
        assert.equal(r.code, 0, r.err);
        assert.deepEqual(lines(r.out).map((l) => (JSON.parse(l) as PolicyLensDocument).file), [a, '-', b]);
      }
      // the real standard input of the built CLI
      const piped = runCli(['annotate', '-'], '科技部推广新机制。\n');
      assert.equal(piped.code, 0, piped.err);
      assert.equal((JSON.parse(piped.out) as PolicyLensDocument).entities[0].text, '科技部');
    });
  });

  describe('--jsonl', () => {
    const records = () => REAL_TEXTS.slice(0, 5).map(({ name, text }, i) => ({ id: i % 2 ? name : i, text, source: 'real', meta: { n: i } }));

    it('one line per record, carrying its id and other fields, the annotation valid against the schema and the same as annotate of the text', async () => {
      const validate = schemaValidator();
      const input = records().map((r) => JSON.stringify(r)).join('\n') + '\n';
      const r = await run(['annotate', '--jsonl', '-'], { stdin: stdin(input) });
      assert.equal(r.code, 0, r.err);
      assert.equal(r.err, '');
      const out = lines(r.out).map((l) => JSON.parse(l) as { id: unknown; source: string; meta: unknown; text?: string; annotation: PolicyLensDocument });
      assert.equal(out.length, 5);
      for (const [i, rec] of records().entries()) {
        assert.deepEqual(Object.keys(out[i]), ['id', 'source', 'meta', 'annotation']);
        assert.equal(out[i].id, rec.id);
        assert.deepEqual(out[i].meta, rec.meta);
        validate(out[i].annotation);
        const single = JSON.parse((await run(['annotate', '-'], { stdin: stdin(rec.text) })).out) as PolicyLensDocument;
        assert.deepEqual(out[i].annotation.entities, single.entities);
        assert.deepEqual(out[i].annotation.actions, single.actions);
        assert.equal(out[i].annotation.file, String(rec.id));
      }
      // annotate's own output is valid too
      for (const l of lines((await run(['annotate', corpus, '--jobs', '1'])).out)) validate(JSON.parse(l));
    });

    it('a bad line is one message naming its line; blank lines are skipped; the run goes on; --jobs 2 says and writes the same', async () => {
      const good = records();
      const input = [
        JSON.stringify(good[0]),
        '{"id": 7, "text": ', // not JSON
        '',
        JSON.stringify({ id: 8 }), // no text
        '[1, 2]',
        JSON.stringify({ text: '海关总署' }), // no id
        JSON.stringify({ id: 9, text: '海关总署', annotation: 'mine' }),
        JSON.stringify(good[1]) + '\r',
        '   ',
        JSON.stringify(good[2]), // last line without a line feed
      ].join('\n');
      const one = await run(['annotate', '--jsonl', '-', '--jobs', '1'], { stdin: stdin(input) });
      const two = await run(['annotate', '--jsonl', '-', '--jobs', '2'], { stdin: stdin(input.slice(0, 50), input.slice(50)) });
      assert.equal(one.code, 1);
      assert.equal(two.code, 1);
      assert.equal(two.out, one.out);
      assert.equal(two.err, one.err);
      assert.deepEqual(lines(one.out).map((l) => (JSON.parse(l) as { id: unknown }).id), [good[0].id, good[1].id, good[2].id]);
      const errs = lines(one.err);
      assert.equal(errs.length, 5, one.err);
      assert.match(errs[0], /^policy-lens: skipped standard input line 2: not JSON \(/);
      assert.match(errs[1], /^policy-lens: skipped standard input line 4: no "text" string$/);
      assert.match(errs[2], /^policy-lens: skipped standard input line 5: not a JSON object$/);
      assert.match(errs[3], /^policy-lens: skipped standard input line 6: no "id"/);
      assert.match(errs[4], /^policy-lens: skipped standard input line 7 \(id 9\): it has a field "annotation"/);
    });

    it('reads files and folders (.jsonl) in order, with a line not UTF-8 named; the built CLI reads standard input', async () => {
      const folder = path.join(dir, 'jsonl');
      fs.mkdirSync(folder, { recursive: true });
      const rs = records();
      fs.writeFileSync(path.join(folder, 'a.jsonl'), '\ufeff' + JSON.stringify(rs[0]) + '\n' + JSON.stringify(rs[1]) + '\n');
      fs.writeFileSync(path.join(folder, 'b.jsonl'), Buffer.concat([Buffer.from(JSON.stringify(rs[2]) + '\n'), Buffer.from([0x7b, 0xff, 0xfe, 0x7d, 0x0a])]));
      fs.writeFileSync(path.join(folder, 'ignored.txt'), 'not a record');
      const r = await run(['annotate', '--jsonl', folder, '--jobs', '2']);
      assert.equal(r.code, 1);
      assert.deepEqual(lines(r.out).map((l) => (JSON.parse(l) as { id: unknown }).id), [rs[0].id, rs[1].id, rs[2].id]);
      assert.deepEqual(lines(r.err), [`policy-lens: skipped ${path.join(folder, 'b.jsonl')} line 2: not utf-8 text (undecodable bytes)`]);
      const piped = runCli(['annotate', '--jsonl', '-'], fs.readFileSync(path.join(folder, 'a.jsonl')));
      assert.equal(piped.code, 0, piped.err);
      assert.deepEqual(lines(piped.out), lines(r.out).slice(0, 2));
    });

    it('byteLines: lines across chunks, CRLF, a last line without a line feed', async () => {
      const got: string[] = [];
      for await (const l of byteLines(stdin('a\r\nb', 'c\n\n', 'd'))) got.push(`${l.line}:${l.bytes.toString()}`);
      assert.deepEqual(got, ['1:a', '2:bc', '3:', '4:d']);
    });
  });

  describe('progress', () => {
    it('a progress line on stderr only when it is a terminal, cleared at the end; never on stdout', async () => {
      const files = REAL_TEXTS.slice(0, 3).map(({ name }) => path.join(REAL, name));
      const shown = await run(['annotate', ...files, '--jobs', '1'], { progress: true });
      assert.ok(shown.err.startsWith('\r\u001b[Kpolicy-lens: '), shown.err);
      assert.match(shown.err, /policy-lens: 3\/3 files, [0-9.]+ per second/);
      assert.ok(shown.err.endsWith('\r\x1b[K'), 'cleared at the end');
      assert.equal(lines(shown.out).length, 3);
      assert.ok(!shown.out.includes('\r'));
      const quiet = await run(['annotate', ...files, '--jobs', '1']);
      assert.equal(quiet.err, '');
      assert.equal(quiet.out, shown.out);
      const jsonl = await run(['annotate', '--jsonl', '-'], { progress: true, stdin: stdin('{"id":1,"text":"科技部"}\n') });
      assert.match(jsonl.err, /policy-lens: 1 documents, /);
      // a pipe is no terminal: the built CLI says nothing
      assert.equal(runCli(['annotate', ...files]).err, '');
    });

    it('in a real terminal (script(1)), the built CLI shows it', function () {
      const script = spawnSync('script', ['--version'], { encoding: 'utf8' });
      if (script.status !== 0) {
        console.log('      (skipped: no script(1) here to give the CLI a terminal)');
        this.skip();
      }
      const files = REAL_TEXTS.slice(0, 2).map(({ name }) => path.join(REAL, name));
      const cmd = [process.execPath, CLI, 'annotate', ...files].map((a) => `'${a}'`).join(' ') + ' > /dev/null';
      const r = spawnSync('script', ['-qec', cmd, '/dev/null'], { encoding: 'utf8', timeout: 60000 });
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /policy-lens: 2\/2 files/);
    });
  });

  describe('the worker pool', () => {
    let script: string;
    before(() => {
      script = path.join(dir, 'echo-worker.js');
      fs.writeFileSync(
        script,
        `const { parentPort } = require('node:worker_threads');
         let seen = 0;
         parentPort.on('message', (m) => {
           seen++;
           if (m === 'die') process.exit(3);
           if (m === 'throw') return parentPort.postMessage({ ok: false, message: 'bad input' });
           if (m === 'busy') { const end = Date.now() + 300; while (Date.now() < end); return parentPort.postMessage({ ok: true, value: 'finished' }); }
           setTimeout(() => parentPort.postMessage({ ok: true, value: m + ':' + seen }), m.length % 3 * 10);
         });`,
      );
    });

    it('a worker that dies fails its task only; the others go on in a new worker; results in input order', async () => {
      const pool = new WorkerPool<string, string>(script, 2);
      const got: string[] = [];
      try {
        const inputs = ['a', 'bb', 'die', 'ccc', 'throw', 'd', 'ee'];
        await inOrder(
          inputs,
          (i) => pool.run(i).then((v) => v.split(':')[0], (e: Error) => `${e instanceof TaskError ? 'TaskError' : 'Error'}: ${e.message}`),
          4,
          (r) => void got.push(r),
        );
        assert.ok(pool.running <= 2);
      } finally {
        await pool.close();
      }
      assert.deepEqual(got, ['a', 'bb', 'TaskError: its worker thread stopped (exit code 3)', 'ccc', 'TaskError: bad input', 'd', 'ee']);
      assert.equal(pool.running, 0);
    });
    it('close() lets a task in progress finish (a thread ended inside a native call aborts the process); tasks not started fail', async () => {
      const pool = new WorkerPool<string, string>(script, 1);
      const busy = pool.run('busy');
      const waiting = pool.run('a').then(
        () => 'ran',
        (e: Error) => e.message,
      );
      await new Promise((r) => setTimeout(r, 100)); // the worker is in its task
      await pool.close();
      assert.equal(await busy, 'finished');
      assert.equal(await waiting, 'the worker pool is closed');
      assert.equal(pool.running, 0);
    });
  });

  describe('GNU parallel --pipe (the README example)', () => {
    let hasParallel = spawnSync('parallel', ['--version'], { encoding: 'utf8' }).status === 0;
    before(function () {
      if (hasParallel) return;
      const apt = spawnSync('sh', ['-c', 'command -v apt-get'], { encoding: 'utf8' }).status === 0;
      if (!isRoot || !apt) {
        console.log('      (skipped: GNU parallel is not installed, and installing it needs root and apt-get: sudo apt-get install parallel)');
        this.skip();
      }
      // as root with apt (CI): install it, as scripts/install-host.sh does; a failure fails the test
      let r = spawnSync('apt-get', ['install', '-y', '-qq', 'parallel'], { encoding: 'utf8', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, timeout: 600000 });
      if (r.status !== 0) {
        spawnSync('apt-get', ['update', '-qq'], { encoding: 'utf8', timeout: 600000 });
        r = spawnSync('apt-get', ['install', '-y', '-qq', 'parallel'], { encoding: 'utf8', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, timeout: 600000 });
      }
      hasParallel = spawnSync('parallel', ['--version'], { encoding: 'utf8' }).status === 0;
      assert.ok(hasParallel, `GNU parallel could not be installed: ${r.stderr}`);
    });

    it('parallel --pipe -N 4 … annotate --jsonl --jobs 1 - gives the sequential output (sorted by id)', () => {
      // 12 records: the real texts' paragraphs grouped by four
      const paragraphs = REAL_TEXTS.slice(0, 6).flatMap(({ text }) => text.split('\n').filter((l) => l.trim()));
      const records = Array.from({ length: 12 }, (_, i) => ({ id: `r${String(i).padStart(2, '0')}`, text: paragraphs.slice(i * 4, i * 4 + 4).join('\n'), n: i }));
      const input = path.join(dir, 'records.jsonl');
      fs.writeFileSync(input, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
      const sequential = runCli(['annotate', '--jsonl', input]);
      assert.equal(sequential.code, 0, sequential.err);
      const cmd = `parallel --pipe -N 4 -j 2 ${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} annotate --jsonl --jobs 1 - < ${JSON.stringify(input)}`;
      const r = spawnSync('sh', ['-c', cmd], { encoding: 'utf8', timeout: 180000, maxBuffer: 1 << 28, env: { ...process.env, HOME: dir } });
      assert.equal(r.status, 0, r.stderr);
      const byId = (s: string) =>
        lines(s)
          .map((l) => [(JSON.parse(l) as { id: string }).id, l] as const)
          .sort((a, b) => (a[0] < b[0] ? -1 : 1))
          .map(([, l]) => l);
      assert.equal(lines(r.stdout).length, 12);
      assert.deepEqual(byId(r.stdout), byId(sequential.out));
    });
  });
});
