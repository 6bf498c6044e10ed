// The CLI on bad input (issue 13, items 3–6): one bad file never stops the
// run, encodings (GB18030/GBK, UTF-16 with and without BOM, GBK that is valid
// UTF-8), file walking (link loops, devices, dangling links, FIFOs, sockets,
// --out problems, EPIPE, /dev/full, sidecars that are folders or loops) and
// streamed output (the same bytes as the whole-document export). The cases
// that could hang or need a real stdout run the built CLI (dist/cli.js, built
// in before()) as a child process with a timeout.
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import iconv from 'iconv-lite';
import { main, type CliIo } from '../../src/cli';
import { writePolicyLensDocument, writeTokens } from '../../src/cli/stream';
import { Engine } from '../../src/core/engine/engine';
import { toPolicyLensDocument, type PolicyLensDocument } from '../../src/core/formats/policyLens';
import { decodeTextFile } from '../../src/core/text/encoding';
import { TextFileError } from '../../src/core/text/textFile';
import { OffsetMap } from '../../src/core/text/offsets';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const REAL = path.join(ROOT, 'test', 'fixtures', 'real');
const SAMPLE = fs.readFileSync(path.join(REAL, 'central-agrimech-2018.txt'), 'utf8');
const isRoot = process.getuid?.() === 0;

let engine: Engine | undefined;
const sharedEngine = () => (engine ??= new Engine());

async function run(args: string[], make: () => Engine = sharedEngine): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { out: (s) => void (out += s), err: (s) => void (err += s), engine: make };
  const code = await main(args, io);
  return { code, out, err };
}

/** Runs the built CLI; never hangs the suite (timeout). */
function runCli(args: string[], options: { cwd?: string; timeout?: number; stdout?: number } = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: options.cwd, timeout: options.timeout ?? 30000, encoding: 'utf8', stdio: ['ignore', options.stdout ?? 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
  assert.notEqual(r.signal, 'SIGTERM', `policy-lens ${args.join(' ')} timed out`);
  return { code: r.status ?? -1, out: r.stdout ?? '', err: r.stderr ?? '' };
}

const lines = (s: string) => s.trim().split('\n').filter((l) => l !== '');
const docsOf = (out: string) => lines(out).map((l) => JSON.parse(l) as PolicyLensDocument);
const noStack = (err: string) => assert.ok(!/\n\s+at /.test(err), `no stack trace: ${err}`);

/** An engine whose analysis throws on texts with a marker (a stand-in for a recogniser bug). */
class FailingEngine extends Engine {
  override annotate(text: string) {
    if (text.includes('BOOM')) throw new RangeError('Maximum call stack size exceeded');
    return super.annotate(text);
  }
}

describe('cli robustness (issue 13)', function () {
  this.timeout(60000);
  let dir: string;
  before(() => {
    execFileSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lens-robust-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const fresh = (name: string) => {
    const d = path.join(dir, name);
    fs.mkdirSync(d, { recursive: true });
    return d;
  };

  describe('one bad file does not stop the run', () => {
    it('an exception while annotating one file is one line naming it; the others are still output; exit 1', async () => {
      const d = fresh('boom');
      fs.writeFileSync(path.join(d, 'a.txt'), '科技部推广新机制。\n');
      fs.writeFileSync(path.join(d, 'b.txt'), 'BOOM 海关总署。\n');
      fs.writeFileSync(path.join(d, 'c.txt'), '海关总署查获约5.76万件。\n');
      const r = await run(['annotate', d], () => new FailingEngine());
      assert.equal(r.code, 1);
      assert.deepEqual(docsOf(r.out).map((x) => path.basename(x.file)), ['a.txt', 'c.txt']);
      assert.deepEqual(lines(r.err), [`policy-lens: skipped ${path.join(d, 'b.txt')}: its analysis failed (Maximum call stack size exceeded)`]);
      const e = await run(['export', d], () => new FailingEngine());
      assert.equal(e.code, 1);
      assert.equal(docsOf(e.out).length, 2);
      assert.equal(lines(e.err).length, 1);
      assert.match(e.err, /b\.txt: its analysis failed/);
      const t = await run(['tokens', path.join(d, 'a.txt'), path.join(d, 'nope.txt'), path.join(d, 'c.txt')]);
      assert.equal(t.code, 1);
      assert.match(t.out, /\t海关总署\t/);
      assert.match(t.err, /nope\.txt/);
    });

    it('annotate --out: a target that cannot be written is named, the other files are written', async () => {
      const d = fresh('blocked');
      fs.writeFileSync(path.join(d, 'a.txt'), '科技部推广新机制。\n');
      fs.writeFileSync(path.join(d, 'b.txt'), '海关总署。\n');
      const out = path.join(d, 'out');
      fs.mkdirSync(path.join(out, 'a.json'), { recursive: true }); // a folder where a.json goes
      const r = await run(['annotate', path.join(d, 'a.txt'), path.join(d, 'b.txt'), '--out', out]);
      assert.equal(r.code, 1);
      assert.equal(lines(r.err).length, 1);
      assert.match(r.err, /a\.txt: cannot write .*a\.json: a folder of that name is in the way/);
      assert.equal((JSON.parse(fs.readFileSync(path.join(out, 'b.json'), 'utf8')) as PolicyLensDocument).format, 'policy-lens/1');
      noStack(r.err);
    });

    it('export and agree: a sidecar that is a folder or a link loop is named and skipped, the rest still done', async () => {
      const ws = fresh('ws-bad-sidecar');
      fs.mkdirSync(path.join(ws, '.policy-lens', 'docs', 'a.txt.json'), { recursive: true }); // a folder as sidecar
      fs.mkdirSync(path.join(ws, 'docs'));
      for (const n of ['a.txt', 'b.txt', 'c.txt']) fs.writeFileSync(path.join(ws, 'docs', n), '科技部推广新机制。\n');
      fs.writeFileSync(path.join(ws, 'tag.ann'), 'T1\tmeasure 3 5\t推广\n');
      const imp = await run(['import', path.join(ws, 'tag.ann'), '--format', 'brat', '--doc', path.join(ws, 'docs', 'b.txt')]);
      assert.equal(imp.code, 0, imp.err);
      fs.symlinkSync('c.txt.json', path.join(ws, '.policy-lens', 'docs', 'c.txt.json')); // a link to itself: ELOOP
      const r = await run(['export', path.join(ws, 'docs')]);
      assert.equal(r.code, 1);
      const docs = docsOf(r.out);
      assert.deepEqual(docs.map((x) => path.basename(x.file)), ['a.txt', 'b.txt', 'c.txt']);
      assert.equal(docs[1].tags.length, 1, 'b keeps its tag');
      const errs = lines(r.err);
      assert.equal(errs.length, 2, r.err);
      assert.match(errs[0], /a\.txt: its sidecar .*a\.txt\.json: not a regular file \(a folder\); exported without tags/);
      assert.match(errs[1], /c\.txt: its sidecar .*c\.txt\.json: cannot read: too many levels of symbolic links/);
      const imp2 = await run(['import', path.join(ws, 'tag.ann'), '--format', 'brat', '--doc', path.join(ws, 'docs', 'a.txt')]);
      assert.equal(imp2.code, 1);
      assert.match(imp2.err, /a\.txt\.json: not a regular file \(a folder\); nothing imported/);
      assert.ok(fs.statSync(path.join(ws, '.policy-lens', 'docs', 'a.txt.json')).isDirectory(), 'left as it was');
      // agree: ws against a copy with the same tag, and a link loop inside .policy-lens
      const other = fresh('ws-other');
      fs.mkdirSync(path.join(other, 'docs'), { recursive: true });
      fs.writeFileSync(path.join(other, 'docs', 'b.txt'), '科技部推广新机制。\n');
      assert.equal((await run(['import', path.join(ws, 'tag.ann'), '--format', 'brat', '--doc', path.join(other, 'docs', 'b.txt'), '--root', other])).code, 0);
      fs.symlinkSync('..', path.join(other, '.policy-lens', 'docs', 'loop'));
      const a = await run(['agree', ws, other]);
      assert.equal(a.code, 1);
      assert.match(a.out, /measure/);
      assert.match(a.err, /a\.txt\.json: not a regular file \(a folder\)/);
      assert.match(a.err, /c\.txt\.json: a symbolic link loop/);
      noStack(a.err);
    });

    it('import: a file where a sidecar folder goes is named as what exists (EEXIST says what)', async () => {
      const ws = fresh('ws-eexist');
      fs.mkdirSync(path.join(ws, '.policy-lens'));
      fs.writeFileSync(path.join(ws, '.policy-lens', 'docs'), 'a file, not a folder');
      fs.mkdirSync(path.join(ws, 'docs'));
      fs.writeFileSync(path.join(ws, 'docs', 'a.txt'), '科技部推广新机制。\n');
      fs.writeFileSync(path.join(ws, 'tag.ann'), 'T1\tmeasure 3 5\t推广\n');
      const r = await run(['import', path.join(ws, 'tag.ann'), '--format', 'brat', '--doc', path.join(ws, 'docs', 'a.txt')]);
      assert.equal(r.code, 1);
      assert.equal(lines(r.err).length, 1);
      assert.match(r.err, new RegExp(`cannot create the folder: ${path.join(ws, '.policy-lens', 'docs').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} exists and is not a folder; nothing imported`));
      assert.equal(fs.readFileSync(path.join(ws, '.policy-lens', 'docs'), 'utf8'), 'a file, not a folder');
    });

    it('export --root with a file outside it says so; import refuses it', async () => {
      const ws = fresh('ws-root');
      fs.mkdirSync(path.join(ws, '.policy-lens'));
      const outside = path.join(fresh('outside'), 'x.txt');
      fs.writeFileSync(outside, '海关总署。\n');
      const r = await run(['export', outside, '--root', ws]);
      assert.equal(r.code, 1);
      assert.match(r.err, /x\.txt: not inside --root/);
      assert.equal(docsOf(r.out).length, 1);
      fs.writeFileSync(path.join(ws, 't.ann'), 'T1\tmeasure 0 2\t海关\n');
      const i = await run(['import', path.join(ws, 't.ann'), '--format', 'brat', '--doc', outside, '--root', ws]);
      assert.equal(i.code, 1);
      assert.match(i.err, /not inside --root/);
      assert.ok(!fs.existsSync(path.join(path.dirname(ws), 'outside.json')) && !fs.existsSync(path.join(ws, 'outside')), 'nothing written outside');
      // a mistyped --root is a usage error, not a new .policy-lens/ folder somewhere else
      const missing = path.join(path.dirname(ws), 'no-such-root');
      const m = await run(['import', path.join(ws, 't.ann'), '--format', 'brat', '--doc', outside, '--root', missing]);
      assert.equal(m.code, 2);
      assert.match(m.err, /--root .*no-such-root: no such folder/);
      assert.ok(!fs.existsSync(missing), 'no folder created');
    });
  });

  describe('encodings', () => {
    let encDir: string;
    const utf8Entities = async () => docsOf((await run(['annotate', path.join(encDir, 'utf8.txt')])).out)[0].entities;
    before(() => {
      encDir = fresh('enc');
      fs.writeFileSync(path.join(encDir, 'utf8.txt'), SAMPLE);
      fs.writeFileSync(path.join(encDir, 'gbk.txt'), iconv.encode(SAMPLE, 'gbk'));
      fs.writeFileSync(path.join(encDir, 'gb18030.txt'), iconv.encode('𠮷' + SAMPLE, 'gb18030'));
      fs.writeFileSync(path.join(encDir, 'u16le.txt'), iconv.encode(SAMPLE, 'utf16le', { addBOM: true }));
      fs.writeFileSync(path.join(encDir, 'u16be.txt'), Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(SAMPLE, 'utf16be')]));
      fs.writeFileSync(path.join(encDir, 'u16nobom.txt'), iconv.encode(SAMPLE, 'utf16le'));
    });

    it('GBK, GB18030 and UTF-16 (LE and BE with a BOM, LE without) are decoded: the same entities as UTF-8, the encoding reported', async () => {
      const expected = await utf8Entities();
      assert.ok(expected.length > 20);
      for (const [file, encoding] of [['gbk.txt', 'gb18030'], ['u16le.txt', 'utf-16le'], ['u16be.txt', 'utf-16be'], ['u16nobom.txt', 'utf-16le']]) {
        const r = await run(['annotate', path.join(encDir, file)]);
        assert.equal(r.code, 0, `${file}: ${r.err}`);
        const doc = docsOf(r.out)[0];
        assert.equal(doc.encoding, encoding, file);
        assert.deepEqual(doc.entities, expected, file);
      }
      const gb = docsOf((await run(['annotate', path.join(encDir, 'gb18030.txt')])).out)[0];
      assert.equal(gb.encoding, 'gb18030');
      assert.equal(gb.length, [...SAMPLE].length + 1, 'a four-byte GB18030 character past U+FFFF is one code point');
      assert.equal(docsOf((await run(['annotate', path.join(encDir, 'utf8.txt')])).out)[0].encoding, 'utf-8');
    });

    it('export reports the encoding too; tokens reads GBK', async () => {
      const e = await run(['export', path.join(encDir, 'gbk.txt')]);
      assert.equal(e.code, 0, e.err);
      assert.equal(docsOf(e.out)[0].encoding, 'gb18030');
      const t = await run(['tokens', path.join(encDir, 'gbk.txt')]);
      assert.equal(t.code, 0, t.err);
      assert.match(t.out, /\t国务院\t/);
    });

    it('--encoding forces one; an unknown name is a usage error', async () => {
      const forced = await run(['annotate', path.join(encDir, 'gbk.txt'), '--encoding', 'GBK']);
      assert.equal(forced.code, 0, forced.err);
      assert.equal(docsOf(forced.out)[0].encoding, 'gbk');
      const wrong = await run(['annotate', path.join(encDir, 'gbk.txt'), '--encoding', 'utf-8']);
      assert.equal(wrong.code, 1);
      assert.match(wrong.err, /gbk\.txt: not utf-8 text/);
      const unknown = await run(['annotate', path.join(encDir, 'gbk.txt'), '--encoding', 'klingon']);
      assert.equal(unknown.code, 2);
      assert.match(unknown.err, /unknown encoding "klingon"/);
    });

    it('a GBK file whose bytes are valid UTF-8 is read as GB18030 (with a note), never as mojibake; --encoding utf-8 reads it as UTF-8', async () => {
      const chinese = '卢司员同农业史图\n农业十一\n';
      const bytes = iconv.encode(chinese, 'gbk');
      const asUtf8 = new TextDecoder('utf-8', { fatal: true }).decode(bytes); // throws if the fixture were not valid UTF-8
      assert.ok(!/[\u4e00-\u9fff]/.test(asUtf8), 'as UTF-8 it is mojibake');
      const file = path.join(encDir, 'gbk-utf8.txt');
      fs.writeFileSync(file, bytes);
      const r = await run(['annotate', file]);
      assert.equal(r.code, 0, r.err);
      const doc = docsOf(r.out)[0];
      assert.equal(doc.encoding, 'gb18030');
      assert.equal(doc.length, [...chinese].length);
      assert.match(r.err, /read as GB18030.*--encoding utf-8/);
      const forced = await run(['annotate', file, '--encoding', 'utf-8']);
      assert.equal(docsOf(forced.out)[0].length, [...asUtf8].length);
      // real UTF-8 texts in other scripts stay UTF-8
      for (const text of ['Привет, как дела? Это обычный русский текст.\n', 'Ελληνικά κείμενο εδώ\n', 'été, café, naïve\n', SAMPLE]) {
        assert.deepEqual(decodeTextFile(Buffer.from(text, 'utf8')), { text, encoding: 'utf-8' });
      }
    });

    it('binary files are still refused in one line; a Latin-1 file names its likely encoding and the option', () => {
      const bin = path.join(encDir, 'bin.txt');
      fs.writeFileSync(bin, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x00, 0x3e, 0x00]));
      const latin = path.join(encDir, 'latin1.txt');
      fs.writeFileSync(latin, Buffer.from('Le café est très bon, déjà vu à Noël.\n', 'latin1'));
      const r = runCli(['annotate', bin, latin]);
      assert.equal(r.code, 1);
      const errs = lines(r.err);
      assert.equal(errs.length, 2);
      assert.match(errs[0], /bin\.txt: binary file/);
      assert.match(errs[1], /latin1\.txt: not UTF-8 text .*--encoding (windows-125\d|iso-8859-\d+)/);
      assert.throws(() => decodeTextFile(Buffer.from([0xff, 0xfe, 0x01, 0x00, 0x02, 0x00])), TextFileError, 'UTF-16 BOM before control characters is binary');
    });
  });

  describe('file walking', () => {
    it('two symlink loops end; each file is output once', () => {
      const d = fresh('loops/inner');
      fs.writeFileSync(path.join(d, 'a.txt'), '科技部推广新机制。\n');
      fs.writeFileSync(path.join(d, 'b.md'), '海关总署。\n');
      fs.symlinkSync('.', path.join(d, 'self'));
      fs.symlinkSync('..', path.join(d, 'up'));
      fs.symlinkSync('a.txt', path.join(d, 'alias.txt'));
      const r = runCli(['annotate', path.join(dir, 'loops')], { timeout: 30000 });
      assert.equal(r.code, 0, r.err);
      assert.deepEqual(docsOf(r.out).map((x) => path.basename(x.file)).sort(), ['a.txt', 'b.md']);
    });

    it('a .txt link to /dev/zero, a named pipe and a socket are skipped with a message (never read, never a hang); a dangling link is named', async () => {
      const d = fresh('special');
      fs.writeFileSync(path.join(d, 'ok.txt'), '海关总署。\n');
      fs.symlinkSync('/dev/zero', path.join(d, 'zero.txt'));
      fs.symlinkSync('gone.txt', path.join(d, 'dangling.txt'));
      execFileSync('mkfifo', [path.join(d, 'fifo.txt')]);
      const server = net.createServer();
      const sock = path.join(d, 'sock.txt');
      await new Promise<void>((resolve) => server.listen(sock, resolve));
      try {
        const r = runCli(['annotate', d], { timeout: 20000 });
        assert.equal(r.code, 1);
        assert.deepEqual(docsOf(r.out).map((x) => path.basename(x.file)), ['ok.txt']);
        const errs = lines(r.err);
        assert.equal(errs.length, 4, r.err);
        assert.match(r.err, /dangling\.txt: a dangling link \(its target gone\.txt does not exist\)/);
        assert.match(r.err, /fifo\.txt: not a regular file \(a named pipe\)/);
        assert.match(r.err, /sock\.txt: not a regular file \(a socket\)/);
        assert.match(r.err, /zero\.txt: not a regular file \(a character device\)/);
        const direct = runCli(['tokens', path.join(d, 'fifo.txt'), path.join(d, 'zero.txt'), path.join(d, 'ok.txt')], { timeout: 20000 });
        assert.equal(direct.code, 1);
        assert.equal(lines(direct.err).length, 2);
        assert.match(direct.out, /海关总署/);
      } finally {
        server.close();
      }
    });

    it('--out: a missing folder is created when its parent exists; else, or when it is a file, one clear line', async () => {
      const d = fresh('outdirs');
      const input = path.join(d, 'a.txt');
      fs.writeFileSync(input, '海关总署。\n');
      const created = path.join(d, 'new');
      assert.equal((await run(['annotate', input, '--out', created])).code, 0);
      assert.ok(fs.existsSync(path.join(created, 'a.json')));
      const deep = path.join(d, 'missing', 'deeper');
      const r = await run(['annotate', input, '--out', deep]);
      assert.equal(r.code, 1);
      assert.deepEqual(lines(r.err), [`policy-lens: --out ${deep}: its parent folder ${path.join(d, 'missing')} does not exist (create it first)`]);
      const file = path.join(d, 'afile');
      fs.writeFileSync(file, 'x');
      const f = await run(['annotate', input, '--out', file]);
      assert.equal(f.code, 1);
      assert.match(f.err, /--out .*afile: it exists and is not a folder/);
      // a file in the way of a subfolder of --out: the message says which file exists
      const src = path.join(d, 'tree');
      fs.mkdirSync(path.join(src, 'sub'), { recursive: true });
      fs.writeFileSync(path.join(src, 'sub', 'b.txt'), '海关总署。\n');
      const out = path.join(d, 'out-blocked');
      fs.mkdirSync(out);
      fs.writeFileSync(path.join(out, 'sub'), 'in the way');
      const b = await run(['annotate', src, '--out', out]);
      assert.equal(b.code, 1);
      assert.match(b.err, /cannot create the folder .*sub: .*out-blocked\/sub exists and is not a folder/);
      noStack(b.err);
    });

    it('--out in a folder that cannot be written: one line, not a raw EACCES (as root: a folder under /sys)', function () {
      const input = path.join(fresh('ro'), 'a.txt');
      fs.writeFileSync(input, '海关总署。\n');
      let out: string;
      if (isRoot) {
        if (!fs.existsSync('/sys')) this.skip(); // root writes anywhere but into /sys
        out = '/sys/policy-lens-test-out';
      } else {
        const ro = fresh('ro/locked');
        fs.chmodSync(ro, 0o555);
        out = path.join(ro, 'out');
      }
      const r = runCli(['annotate', input, '--out', out]);
      assert.equal(r.code, 1);
      const errs = lines(r.err);
      assert.equal(errs.length, 1);
      assert.match(errs[0], /^policy-lens: --out .*: cannot create the folder: (permission denied|operation not permitted|read-only file system) \(E[A-Z]+\)$/);
    });

    it('a closed stdout (| head -1) stops the work early and quietly', async () => {
      // files are done in order; the last one would be reported on stderr: when the run stops at the
      // closed pipe, it never gets there (the pipe holds 64 kB, so the run cannot finish before the close)
      const d = fresh('pipe');
      const files = ['a', 'b', 'c'].map((n) => {
        fs.writeFileSync(path.join(d, `${n}.txt`), SAMPLE.repeat(20));
        return path.join(d, `${n}.txt`);
      });
      const result = await new Promise<{ code: number | null; err: string; got: string }>((resolve) => {
        const child = spawn(process.execPath, [CLI, 'tokens', ...files, path.join(d, 'zz-missing.txt')], { stdio: ['ignore', 'pipe', 'pipe'] });
        let err = '';
        let got = '';
        child.stderr.on('data', (c: Buffer) => (err += c.toString()));
        child.stdout.once('data', (c: Buffer) => {
          got = c.toString().split('\n')[0];
          child.stdout.destroy(); // head -1: read a line, close
        });
        child.on('close', (code) => resolve({ code, err, got }));
      });
      assert.match(result.got, /^\d+\t\d+\t/);
      assert.equal(result.code, 0);
      assert.equal(result.err, '', 'quiet, and stopped before the last file');
      // the same files with a reader: the last file is reached
      const full = runCli(['tokens', ...files, path.join(d, 'zz-missing.txt')], { stdout: fs.openSync('/dev/null', 'w') });
      assert.equal(full.code, 1);
      assert.match(full.err, /zz-missing\.txt/);
    });

    it('a failed write (> /dev/full) exits 1 with a message', function () {
      if (!fs.existsSync('/dev/full')) this.skip();
      const input = path.join(fresh('full'), 'a.txt');
      fs.writeFileSync(input, '海关总署。\n');
      const fd = fs.openSync('/dev/full', 'w');
      try {
        const r = runCli(['annotate', input], { stdout: fd });
        assert.equal(r.code, 1);
        assert.deepEqual(lines(r.err), ['policy-lens: cannot write to stdout: no space left on the device (ENOSPC)']);
      } finally {
        fs.closeSync(fd);
      }
    });

    it('every message names its file: a folder given to tokens, a missing file', () => {
      const d = fresh('names');
      const r = runCli(['tokens', d, path.join(d, 'none.txt')]);
      assert.equal(r.code, 1);
      assert.deepEqual(lines(r.err), [`policy-lens: skipped ${d}: not a regular file (a folder)`, `policy-lens: skipped ${path.join(d, 'none.txt')}: no such file (or a dangling link)`]);
    });
  });

  describe('streamed output', () => {
    const texts = () => [SAMPLE, '\ufeff科技部推广“揭榜挂帅”等新机制，选派1.75万名科技特派员。\r\n𠮷海关总署查获约5.76万件。\r\n\r\n国务院办公厅\n', '', '海关总署'];

    it('the streamed policy-lens/1 document is byte for byte JSON.stringify of toPolicyLensDocument (compact and indented)', () => {
      const e = sharedEngine();
      for (const text of texts()) {
        const entities = e.annotate(text);
        const actions = e.actions(text, entities);
        for (const pretty of [false, true]) {
          let out = '';
          writePolicyLensDocument((s) => (out += s), 'x/a.txt', text, entities, actions, 'utf-8', pretty);
          const whole = toPolicyLensDocument('x/a.txt', text, entities, actions, 'utf-8');
          assert.equal(out, (pretty ? JSON.stringify(whole, null, 1) : JSON.stringify(whole)) + '\n');
        }
      }
    });

    it('tokens streamed by slices of lines are the tokens of the whole text', () => {
      const e = sharedEngine();
      const text = texts()[1] + SAMPLE.repeat(30); // over one slice
      let out = '';
      writeTokens((s) => (out += s), e, text);
      const map = new OffsetMap(text);
      const whole = e
        .tokenize(text)
        .filter((t) => t.word.trim())
        .map((t) => `${map.toCodePoint(t.start)}\t${map.toCodePoint(t.end)}\t${t.word}\t${t.tag}\n`)
        .join('');
      assert.equal(out, whole);
    });

    it('memory: annotate and tokens on a 50 MB file stay under 1 GB (POLICY_LENS_BIG=1; npm run robustness runs it)', function () {
      if (!process.env.POLICY_LENS_BIG) this.skip();
      const big = path.join(fresh('big'), 'big.txt');
      const unit = SAMPLE.split('\n');
      const fd = fs.openSync(big, 'w');
      let size = 0;
      for (let n = 0; size < 50 * 1024 * 1024; n++) {
        const line = `${n}${unit[n % unit.length]}\n`;
        fs.writeSync(fd, line);
        size += Buffer.byteLength(line);
      }
      fs.closeSync(fd);
      for (const command of ['tokens', 'annotate']) {
        const r = spawnSync('/usr/bin/time', ['-v', process.execPath, CLI, command, big], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', timeout: 600000 });
        const kb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1]);
        assert.equal(r.status, 0, r.stderr);
        assert.ok(kb < 1024 * 1024, `${command}: ${kb} kB`);
      }
    });
  });
});
