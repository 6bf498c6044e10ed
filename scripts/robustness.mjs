// npm run robustness: the CLI on every bad input of issue 13 (items 3–6),
// in a scratch folder, each run with a timeout. One line per case: PASS or
// FAIL, the case, the exit code, the first line of stderr, the time and the
// peak RSS (from /usr/bin/time when there is one). Ends with
// "robustness: N passed, M failed" and exits 1 on any failure or hang.
//   node scripts/robustness.mjs [--quick]   (--quick: without the 50 MB cases)
import { execFileSync, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const iconv = require('iconv-lite');
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const quick = process.argv.includes('--quick');
const isRoot = process.getuid?.() === 0;
const TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const SAMPLE = fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'real', 'central-agrimech-2018.txt'), 'utf8');
const GB = 1024 * 1024; // kB

execFileSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'inherit' });
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lens-robustness-'));
const at = (...p) => path.join(dir, ...p);
const write = (rel, content) => {
  fs.mkdirSync(path.dirname(at(rel)), { recursive: true });
  fs.writeFileSync(at(rel), content);
  return at(rel);
};

/**
 * Runs the CLI: { code, out, err, ms, rssKb, timedOut }. stdout: 'pipe'
 * (captured), 'null', a file descriptor, or 'first-line' (closed after the
 * first chunk, as `| head -1`). The process group is killed on timeout.
 */
function cli(args, { stdout = 'pipe', timeout = 60000 } = {}) {
  return new Promise((resolve) => {
    const rssFile = at(`.rss-${Math.random().toString(36).slice(2)}`);
    const [cmd, argv] = TIME ? [TIME, ['-f', '%M', '-o', rssFile, process.execPath, CLI, ...args]] : [process.execPath, [CLI, ...args]];
    const outFd = stdout === 'null' ? fs.openSync('/dev/null', 'w') : typeof stdout === 'number' ? stdout : 'pipe';
    const t0 = process.hrtime.bigint();
    const child = spawn(cmd, argv, { stdio: ['ignore', outFd, 'pipe'], detached: true });
    let out = '';
    let err = '';
    let timedOut = false;
    child.stderr.on('data', (c) => (err += c));
    if (child.stdout) {
      if (stdout === 'first-line') child.stdout.once('data', (c) => ((out = String(c).split('\n')[0]), child.stdout.destroy()));
      else child.stdout.on('data', (c) => (out += c));
    }
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // gone
      }
    }, timeout);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (outFd !== 'pipe' && typeof stdout !== 'number') fs.closeSync(outFd);
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      let rssKb;
      try {
        rssKb = Number(fs.readFileSync(rssFile, 'utf8').trim().split('\n').pop());
        fs.rmSync(rssFile);
      } catch {
        rssKb = undefined;
      }
      // /usr/bin/time reports a killed child as "Command exited with non-zero status" / "terminated by signal" on stderr
      err = err.replace(/^(Command exited with non-zero status \d+|Command terminated by signal \d+)\n/m, '');
      resolve({ code: timedOut ? 'timeout' : code, out, err, ms, rssKb, timedOut });
    });
  });
}

const docs = (out) => out.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
const errLines = (r) => r.err.trim().split('\n').filter(Boolean);
const noStack = (r) => !/\n\s+at /.test(r.err);
/** Checks: each returns true or a string saying what is wrong. */
const expect = {
  ok: (r) => r.code === 0 || `exit ${r.code}`,
  skipped: (re) => (r) => (r.code === 1 && re.test(r.err) && errLines(r).length === 1 && noStack(r)) || `want exit 1 and one line matching ${re}`,
  doc: (pred) => (r) => {
    if (r.code !== 0) return `exit ${r.code}`;
    const d = docs(r.out);
    return (d.length === 1 && pred(d[0])) || `document: ${JSON.stringify({ ...d[0], entities: d[0]?.entities.length })}`;
  },
};

// ------------------------------------------------------------------ inputs
write('empty.txt', '');
write('binary.txt', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x00, 0x03, 0x00, 0x3e]));
write('bom.txt', '\ufeff科技部推广新机制。\n');
write('crlf.txt', '科技部推广新机制。\r\n海关总署查获约5.76万件。\r\n');
write('astral.txt', '𠮷𠮷海关总署查获约5.76万件。\n');
write('utf16le-bom.txt', iconv.encode(SAMPLE, 'utf16le', { addBOM: true }));
write('utf16be-bom.txt', Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(SAMPLE, 'utf16be')]));
write('utf16le-nobom.txt', iconv.encode(SAMPLE, 'utf16le'));
write('gbk.txt', iconv.encode(SAMPLE, 'gbk'));
write('gbk-valid-utf8.txt', iconv.encode('卢司员同农业史图\n农业十一\n', 'gbk'));
write('latin1.txt', Buffer.from('Le café est très bon, déjà vu à Noël.\n', 'latin1'));
write('loops/inner/a.txt', '科技部推广新机制。\n');
write('loops/inner/b.md', '海关总署。\n');
fs.symlinkSync('.', at('loops', 'inner', 'self'));
fs.symlinkSync('..', at('loops', 'inner', 'up'));
fs.mkdirSync(at('special'));
write('special/ok.txt', '海关总署。\n');
fs.symlinkSync('/dev/zero', at('special', 'zero.txt'));
fs.symlinkSync('gone.txt', at('special', 'dangling.txt'));
execFileSync('mkfifo', [at('special', 'fifo.txt')]);
const server = net.createServer();
let socketOk = true;
await new Promise((resolve) => {
  server.once('error', () => ((socketOk = false), resolve()));
  server.listen(at('special', 'socket.txt'), resolve);
});
// unreadable: chmod 000 (as root every file is readable: a link to itself, ELOOP, instead)
if (isRoot) fs.symlinkSync('unreadable.txt', at('unreadable.txt'));
else fs.chmodSync(write('unreadable.txt', '海关总署。\n'), 0o000);
// workspaces: a sidecar that is a folder, a corrupt one, a link loop inside .policy-lens
write('ws/docs/a.txt', '科技部推广新机制。\n');
write('ws/docs/b.txt', '科技部推广新机制。\n');
write('ws/docs/c.txt', '科技部推广新机制。\n');
fs.mkdirSync(at('ws', '.policy-lens', 'docs', 'a.txt.json'), { recursive: true });
write('ws/.policy-lens/docs/b.txt.json', '{ "broken');
write('ws2/docs/c.txt', '科技部推广新机制。\n');
write('ws2/tag.ann', 'T1\tmeasure 3 5\t推广\n');
fs.symlinkSync('..', at('ws', '.policy-lens', 'loop'));
write('outside/x.txt', '海关总署。\n');
write('many/0.txt', '');
for (let i = 0; i < 12; i++) write(`many/${String(i).padStart(2, '0')}.txt`, `${i}` + SAMPLE.repeat(30));
write('many/zz-binary.txt', Buffer.from([0, 1, 2])); // reported only if the run gets that far
write('long/a-long-line.txt', '国家发展和改革委员会、'.repeat(60000)); // 600k characters in one line
write('long/b-good.txt', '海关总署查获约5.76万件。\n');
write('out-blocked/in.txt', '海关总署。\n');
fs.mkdirSync(at('out-blocked', 'out', 'in.json'), { recursive: true });

/** The 50 MB file: the sample's lines numbered (so that no line repeats). */
function bigFile() {
  const file = at('big', 'big.txt');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const lines = SAMPLE.split('\n');
  const fd = fs.openSync(file, 'w');
  let size = 0;
  let chunk = '';
  for (let n = 0; size < 50 * 1024 * 1024; n++) {
    const line = `${n}${lines[n % lines.length]}\n`;
    chunk += line;
    size += Buffer.byteLength(line);
    if (chunk.length > 1 << 20) {
      fs.writeSync(fd, chunk);
      chunk = '';
    }
  }
  fs.writeSync(fd, chunk);
  fs.closeSync(fd);
  return file;
}

// ------------------------------------------------------------------ cases
const utf8Doc = docs((await cli(['annotate', write('utf8.txt', SAMPLE)])).out)[0];
const sameAsUtf8 = (encoding) => (d) => d.encoding === encoding && JSON.stringify(d.entities) === JSON.stringify(utf8Doc.entities);
// read-only --out: a folder without write permission (as root, which writes anywhere: a folder under /sys)
let readOnlyOut = '/sys/policy-lens-robustness-out';
if (!isRoot) {
  fs.mkdirSync(at('ro'));
  fs.chmodSync(at('ro'), 0o555);
  readOnlyOut = at('ro', 'out');
}

const cases = [
  ['empty file', ['annotate', at('empty.txt')], expect.doc((d) => d.length === 0 && d.entities.length === 0)],
  ['binary file', ['annotate', at('binary.txt')], expect.skipped(/binary\.txt: binary file/)],
  ['UTF-8 BOM', ['annotate', at('bom.txt')], expect.doc((d) => d.length === 10 && d.entities[0]?.start === 0)],
  ['CRLF', ['annotate', at('crlf.txt')], expect.doc((d) => d.entities.some((e) => e.text === '海关总署' && e.start === 11))],
  ['past U+FFFF', ['annotate', at('astral.txt')], expect.doc((d) => d.length === 17 && d.entities.some((e) => e.text === '海关总署' && e.start === 2))],
  ['UTF-16LE with BOM', ['annotate', at('utf16le-bom.txt')], expect.doc(sameAsUtf8('utf-16le'))],
  ['UTF-16BE with BOM', ['annotate', at('utf16be-bom.txt')], expect.doc(sameAsUtf8('utf-16be'))],
  ['UTF-16LE without BOM', ['annotate', at('utf16le-nobom.txt')], expect.doc(sameAsUtf8('utf-16le'))],
  ['GBK', ['annotate', at('gbk.txt')], expect.doc(sameAsUtf8('gb18030'))],
  ['GBK forced (--encoding gbk)', ['annotate', at('gbk.txt'), '--encoding', 'gbk'], expect.doc(sameAsUtf8('gbk'))],
  ['GBK valid as UTF-8', ['annotate', at('gbk-valid-utf8.txt')], expect.doc((d) => d.encoding === 'gb18030' && d.length === 14)],
  ['Latin-1 (names the encoding)', ['annotate', at('latin1.txt')], expect.skipped(/not UTF-8 text.*--encoding/)],
  ['two symlink loops', ['annotate', at('loops')], (r) => (r.code === 0 && docs(r.out).map((d) => path.basename(d.file)).join() === 'a.txt,b.md') || `exit ${r.code}, ${docs(r.out).length} documents`],
  ['link to /dev/zero', ['annotate', at('special', 'zero.txt')], expect.skipped(/zero\.txt: not a regular file \(a character device\)/)],
  ['dangling link', ['annotate', at('special', 'dangling.txt')], expect.skipped(/dangling\.txt: a dangling link/)],
  ['named pipe (FIFO)', ['annotate', at('special', 'fifo.txt')], expect.skipped(/fifo\.txt: not a regular file \(a named pipe\)/)],
  ...(socketOk ? [['socket', ['annotate', at('special', 'socket.txt')], expect.skipped(/socket\.txt: not a regular file \(a socket\)/)]] : []),
  ['folder with all of these', ['annotate', at('special')], (r) => (r.code === 1 && docs(r.out).length === 1 && errLines(r).length === (socketOk ? 4 : 3)) || `exit ${r.code}, ${errLines(r).length} messages`],
  [isRoot ? 'unreadable file (root: a link to itself)' : 'unreadable file (chmod 000)', ['annotate', at('unreadable.txt')], expect.skipped(/unreadable\.txt: (cannot read: permission denied|a symbolic link loop|cannot read: too many levels)/)],
  ['folder as a path to tokens', ['tokens', at('loops')], expect.skipped(/loops: not a regular file \(a folder\)/)],
  ['sidecar a folder, sidecar corrupt (export)', ['export', at('ws', 'docs')], (r) => (r.code === 1 && docs(r.out).length === 3 && /a\.txt\.json: not a regular file \(a folder\)/.test(r.err) && /b\.txt: its sidecar does not parse/.test(r.err) && noStack(r)) || `exit ${r.code}: ${r.err}`],
  ['sidecar a folder (import)', ['import', at('ws2', 'tag.ann'), '--format', 'brat', '--doc', at('ws', 'docs', 'a.txt')], expect.skipped(/a\.txt\.json: not a regular file \(a folder\); nothing imported/)],
  ['agree with a link loop and bad sidecars', ['agree', at('ws'), at('ws2')], (r) => (r.code === 1 && /kappa|κ/i.test(r.out) && !/ELOOP: |EISDIR: /.test(r.err) && noStack(r)) || `exit ${r.code}: ${r.err}`],
  ['export --root, file outside', ['export', at('outside', 'x.txt'), '--root', at('ws')], (r) => (r.code === 1 && /not inside --root/.test(r.err) && docs(r.out).length === 1) || `exit ${r.code}: ${r.err}`],
  ['--out read-only', ['annotate', at('empty.txt'), '--out', readOnlyOut], expect.skipped(/--out .*: cannot create the folder: (permission denied|operation not permitted|read-only)/)],
  ['--out parent missing', ['annotate', at('empty.txt'), '--out', at('nowhere', 'out')], expect.skipped(/--out .*: its parent folder .* does not exist/)],
  ['--out target is a folder (EISDIR)', ['annotate', at('out-blocked', 'in.txt'), '--out', at('out-blocked', 'out')], expect.skipped(/in\.txt: cannot write .*in\.json: a folder of that name is in the way/)],
  ['600k-character line, then a good file', ['annotate', at('long')], (r) => (docs(r.out).some((d) => d.file.endsWith('b-good.txt')) && noStack(r) && (r.code === 0 || (r.code === 1 && errLines(r).length === 1 && /a-long-line\.txt/.test(r.err)))) || `exit ${r.code}: ${r.err.slice(0, 200)}`, { timeout: 120000 }],
  ['> /dev/full', ['annotate', at('crlf.txt')], (r) => (r.code === 1 && /cannot write to stdout: no space left/.test(r.err)) || `exit ${r.code}: ${r.err}`, { stdout: 'devfull' }],
  ['| head -1 (12 files of 1 MB)', ['annotate', at('many')], (r) => (r.code === 0 && r.err === '' && r.out.startsWith('{')) || `exit 0, quiet, stopped before the last file; got exit ${r.code} after ${Math.round(r.ms)} ms: ${r.err}`, { stdout: 'first-line' }],
];
if (!quick) {
  const big = bigFile();
  const bounded = (r) => (r.code === 0 && (r.rssKb === undefined || r.rssKb < GB)) || `exit ${r.code}, ${Math.round((r.rssKb ?? 0) / 1024)} MB`;
  cases.push(['tokens on 50 MB', ['tokens', big], bounded, { stdout: 'null', timeout: 600000 }]);
  cases.push(['annotate on 50 MB', ['annotate', big], bounded, { stdout: 'null', timeout: 600000 }]);
}

let passed = 0;
let failed = 0;
for (const [name, args, check, options = {}] of cases) {
  let stdout = options.stdout;
  let fd;
  if (stdout === 'devfull') stdout = fd = fs.openSync('/dev/full', 'w');
  const r = await cli(args, { ...options, stdout });
  if (fd !== undefined) fs.closeSync(fd);
  let verdict;
  try {
    verdict = r.timedOut ? `hung (killed after ${options.timeout ?? 60000} ms)` : check(r);
  } catch (e) {
    verdict = `check failed: ${e.message}`;
  }
  const ok = verdict === true;
  if (ok) passed++;
  else failed++;
  const first = errLines(r)[0] ?? '';
  const rss = r.rssKb === undefined ? 'n/a' : `${Math.round(r.rssKb / 1024)} MB`;
  console.log(`${ok ? 'PASS' : 'FAIL'}  ${name.padEnd(42)} exit=${String(r.code).padEnd(3)} ${(r.ms / 1000).toFixed(2).padStart(6)} s ${rss.padStart(8)}  ${first.slice(0, 140)}${ok ? '' : `\n      expected: ${verdict}`}`);
}
server.close();
if (!isRoot) fs.chmodSync(at('unreadable.txt'), 0o644);
if (!isRoot) fs.chmodSync(at('ro'), 0o755);
fs.rmSync(dir, { recursive: true, force: true });
console.log(`robustness: ${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
