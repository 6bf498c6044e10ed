import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli';
import type { PolicyLensDocument } from '../../src/core/formats/policyLens';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (s) => void (out += s), err: (s) => void (err += s) });
  return { code, out, err };
}

describe('cli', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lens-cli-'));
    fs.mkdirSync(path.join(dir, 'sub'));
    fs.writeFileSync(path.join(dir, 'a.txt'), '\ufeff科技部推广“揭榜挂帅”等新机制，选派1.75万名科技特派员。\r\n');
    fs.writeFileSync(path.join(dir, 'sub', 'b.md'), '# 标题\n𠮷海关总署查获约5.76万件。\n');
    fs.writeFileSync(path.join(dir, 'sub', 'skip.json'), '{}');
    fs.writeFileSync(path.join(dir, 'bin.txt'), Buffer.from([0x41, 0x00, 0x42]));
    fs.writeFileSync(path.join(dir, 'latin1.txt'), Buffer.from([0xe9, 0x74, 0xe9]));
    fs.writeFileSync(path.join(dir, 'empty.txt'), '');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('--help documents every command and exits 0', async () => {
    const r = (await run(['--help']));
    assert.equal(r.code, 0);
    for (const word of ['annotate', '--out', 'tokens', 'JSON Lines', 'BOM']) assert.ok(r.out.includes(word), word);
  });

  it('no arguments prints help to stderr and exits 2; unknown commands and options exit 2 with one line', async () => {
    assert.equal((await run([])).code, 2);
    const r = (await run(['frobnicate']));
    assert.equal(r.code, 2);
    assert.equal(r.err.trim().split('\n').length, 1);
    assert.equal((await run(['annotate', '--bogus', 'x'])).code, 2);
    assert.equal((await run(['annotate'])).code, 2);
  });

  it('annotates a file to one JSON line, BOM excluded, code-point offsets', async () => {
    const r = (await run(['annotate', path.join(dir, 'a.txt')]));
    assert.equal(r.code, 0, r.err);
    const lines = r.out.trim().split('\n');
    assert.equal(lines.length, 1);
    const doc = JSON.parse(lines[0]) as PolicyLensDocument;
    assert.equal(doc.format, 'policy-lens/1');
    const text = fs.readFileSync(path.join(dir, 'a.txt'), 'utf8').slice(1);
    assert.equal(doc.length, [...text].length);
    const dept = doc.entities.find((e) => e.type === 'department');
    assert.ok(dept);
    assert.equal(dept.start, 0);
    assert.equal(dept.canonical, '科学技术部');
    const q = doc.entities.find((e) => e.type === 'quantity');
    assert.deepEqual([q?.text, q?.value, q?.unit], ['1.75万名', 17500, '名']);
  });

  it('recurses into folders for .txt and .md, skips bad files with one line each, still outputs the rest, exits 1', async () => {
    const r = (await run(['annotate', dir]));
    assert.equal(r.code, 1);
    const docs = r.out.trim().split('\n').map((l) => JSON.parse(l) as PolicyLensDocument);
    assert.deepEqual(docs.map((d) => path.basename(d.file)).sort(), ['a.txt', 'b.md', 'empty.txt']);
    const errors = r.err.trim().split('\n');
    assert.equal(errors.length, 2);
    assert.ok(errors.some((l) => l.includes('bin.txt') && l.includes('NUL')));
    assert.ok(errors.some((l) => l.includes('latin1.txt') && l.includes('UTF-8')));
    assert.ok(!r.err.includes('    at '), 'no stack trace');
    const b = docs.find((d) => d.file.endsWith('b.md'))!;
    const hit = b.entities.find((e) => e.text === '海关总署')!;
    const text = fs.readFileSync(path.join(dir, 'sub', 'b.md'), 'utf8');
    assert.equal([...text].slice(hit.start, hit.end).join(''), '海关总署');
    const empty = docs.find((d) => d.file.endsWith('empty.txt'))!;
    assert.deepEqual([empty.length, empty.entities.length], [0, 0]);
  });

  it('--out writes NAME.json per input, keeping folders', async () => {
    const out = path.join(dir, 'out');
    const r = (await run(['annotate', path.join(dir, 'sub'), path.join(dir, 'a.txt'), '--out', out]));
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out, '');
    const a = JSON.parse(fs.readFileSync(path.join(out, 'a.json'), 'utf8')) as PolicyLensDocument;
    assert.equal(a.format, 'policy-lens/1');
    assert.ok(fs.existsSync(path.join(out, 'b.json')));
  });

  it('--out never lets two inputs with the same name overwrite each other', async () => {
    const other = path.join(dir, 'elsewhere');
    fs.mkdirSync(other, { recursive: true });
    fs.writeFileSync(path.join(other, 'a.txt'), '海关总署。');
    const out = path.join(dir, 'out-same');
    const r = (await run(['annotate', path.join(dir, 'a.txt'), path.join(other, 'a.txt'), '--out', out]));
    assert.equal(r.code, 1);
    assert.match(r.err, /already written/);
    const kept = JSON.parse(fs.readFileSync(path.join(out, 'a.json'), 'utf8')) as PolicyLensDocument;
    assert.equal(kept.file, path.join(dir, 'a.txt'), 'the first input keeps its output');
  });

  it('names a missing path and goes on', async () => {
    const r = (await run(['annotate', path.join(dir, 'nope.txt'), path.join(dir, 'a.txt')]));
    assert.equal(r.code, 1);
    assert.match(r.err, /nope\.txt: no such file/);
    assert.equal(r.out.trim().split('\n').length, 1);
  });

  it('tokens prints code-point offsets', async () => {
    const r = (await run(['tokens', path.join(dir, 'sub', 'b.md')]));
    assert.equal(r.code, 0);
    const line = r.out.split('\n').find((l) => l.includes('\t海关总署\t'));
    assert.ok(line, r.out);
    const [start, end] = line.split('\t').map(Number);
    assert.deepEqual([start, end], [6, 10]); // "# 标题\n" is 5, 𠮷 is one code point
  });
});

describe('cli export, import, agree', () => {
  let ws: string;
  const text = '科技部推广“揭榜挂帅”等新机制，𠮷选派1.75万名科技特派员。\r\n海关总署查获约5.76万件。\r\n';
  before(() => {
    ws = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lens-ws-'));
    fs.mkdirSync(path.join(ws, '.policy-lens'));
    fs.mkdirSync(path.join(ws, 'docs'));
    fs.writeFileSync(path.join(ws, 'docs', 'a.txt'), text);
    fs.writeFileSync(path.join(ws, 'labels.ann'), 'T1\tmeasure 3 15\t推广“揭榜挂帅”等新机制\n#1\tAnnotatorNotes T1\t重点\n');
  });
  after(() => fs.rmSync(ws, { recursive: true, force: true }));

  it('import adds brat annotations to the sidecar; export writes them back in every format', async () => {
    const doc = path.join(ws, 'docs', 'a.txt');
    const r = (await run(['import', path.join(ws, 'labels.ann'), '--format', 'brat', '--doc', doc]));
    assert.equal(r.code, 0, r.err);
    const sidecar = JSON.parse(fs.readFileSync(path.join(ws, '.policy-lens', 'docs', 'a.txt.json'), 'utf8'));
    assert.equal(sidecar.tags[0].label, 'measure');
    assert.equal(sidecar.tags[0].note, '重点');
    const pl = (await run(['export', doc]));
    assert.equal(pl.code, 0, pl.err);
    const exported = JSON.parse(pl.out.trim());
    assert.equal(exported.tags.length, 1);
    assert.equal(exported.tags[0].start, 3);
    assert.ok(exported.entities.some((e: { canonical?: string }) => e.canonical === '海关总署'));
    for (const format of ['doccano', 'label-studio', 'w3c', 'conll']) {
      const x = (await run(['export', doc, '--format', format]));
      assert.equal(x.code, 0, `${format}: ${x.err}`);
      assert.ok(x.out.length > 0, format);
    }
    const out = path.join(ws, 'brat-out');
    const b = (await run(['export', doc, '--format', 'brat', '--out', out]));
    assert.equal(b.code, 0, b.err);
    assert.equal(fs.readFileSync(path.join(out, 'a.ann'), 'utf8').split('\n')[0], 'T1\tmeasure 3 15\t推广“揭榜挂帅”等新机制');
    assert.equal((await run(['export', doc, '--format', 'brat'])).code, 2, 'brat without --out is a usage error');
  });

  it('a sidecar that does not parse is never overwritten by import', async () => {
    const doc = path.join(ws, 'docs', 'b.txt');
    fs.writeFileSync(doc, text);
    const sidecar = path.join(ws, '.policy-lens', 'docs', 'b.txt.json');
    fs.mkdirSync(path.dirname(sidecar), { recursive: true });
    fs.writeFileSync(sidecar, '{ broken');
    const r = (await run(['import', path.join(ws, 'labels.ann'), '--format', 'brat', '--doc', doc]));
    assert.equal(r.code, 1);
    assert.match(r.err, /does not parse/);
    assert.equal(r.err.trim().split('\n').length, 1);
    assert.equal(fs.readFileSync(sidecar, 'utf8'), '{ broken');
    fs.rmSync(sidecar);
  });

  it('import reports a span that does not match the document in one line', async () => {
    const r = (await run(['import', path.join(ws, 'labels.ann'), '--format', 'brat', '--doc', path.join(ws, 'labels.ann')]));
    assert.equal(r.code, 1);
    assert.ok(!r.err.includes('    at '));
  });

  it('agree compares two workspaces and prints kappa and F1', async () => {
    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lens-ws2-'));
    try {
      fs.mkdirSync(path.join(other, 'docs'), { recursive: true });
      fs.writeFileSync(path.join(other, 'docs', 'a.txt'), text);
      fs.writeFileSync(path.join(other, 'partial.ann'), 'T1\tmeasure 3 9\t推广“揭榜挂\n');
      assert.equal((await run(['import', path.join(other, 'partial.ann'), '--format', 'brat', '--doc', path.join(other, 'docs', 'a.txt'), '--root', other])).code, 0);
      const r = (await run(['agree', ws, other, 'docs/a.txt']));
      assert.equal(r.code, 0, r.err);
      assert.match(r.out, /measure/);
      assert.match(r.out, /κ|kappa/i);
      // Krippendorff's unitized α beside them, per label, a number (the two annotators' measure tags differ)
      assert.match(r.out, /## Krippendorff's unitized α \(2 annotators\)/);
      assert.match(r.out, /\| measure \| [0-9.]+ \| [0-9.]+ \| -?[0-9.]+ \|/);
    } finally {
      fs.rmSync(other, { recursive: true, force: true });
    }
  });

  it('agree takes three copies: α over all three, κ and F1 per pair; a path after them restricts the documents', async () => {
    const copies = [0, 1, 2].map(() => fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lens-ws3-')));
    try {
      const spans = ['T1\tmeasure 3 15\t推广“揭榜挂帅”等新机制\n', 'T1\tmeasure 3 9\t推广“揭榜挂\n', 'T1\tmeasure 3 15\t推广“揭榜挂帅”等新机制\n'];
      for (const [i, other] of copies.entries()) {
        fs.mkdirSync(path.join(other, 'docs'), { recursive: true });
        fs.writeFileSync(path.join(other, 'docs', 'a.txt'), text);
        fs.writeFileSync(path.join(other, 'docs', 'b.txt'), text);
        fs.writeFileSync(path.join(other, 'partial.ann'), spans[i]);
        for (const doc of ['a.txt', 'b.txt']) assert.equal((await run(['import', path.join(other, 'partial.ann'), '--format', 'brat', '--doc', path.join(other, 'docs', doc), '--root', other])).code, 0);
      }
      // a team codebook in a copy is no document
      fs.writeFileSync(path.join(copies[0], '.policy-lens', 'codebook.json'), '{"labels": [{"name": "measure"}]}');
      const r = await run(['agree', ...copies, 'docs/a.txt']);
      assert.equal(r.code, 0, r.err);
      assert.doesNotMatch(r.err, /codebook/);
      assert.match(r.out, /# Inter-annotator agreement \(3 annotators\)/);
      assert.match(r.out, /## Krippendorff's unitized α \(3 annotators\)/);
      for (const pair of ['A – B', 'A – C', 'B – C']) assert.match(r.out, new RegExp(`\\| ${pair} \\| 1 / 1 \\|`));
      // the first and third copies have the same span: that pair agrees fully
      assert.match(r.out, /\| A – C \| 1 \/ 1 \| 1\.000 \| 1\.000 \| 1\.000 \| 1\.000 \|/);
      assert.match(r.out, /Documents: 1 \(docs\/a\.txt\)/);
      assert.match(r.out, /## B vs C \(.+; in this section's tables A is B and B is C\)/);
      // a copy with nothing tagged yet (no .policy-lens/) is a copy only before --; without it, stderr says how it was taken
      const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lens-ws3-empty-'));
      copies.push(empty);
      const withDash = await run(['agree', copies[0], copies[1], empty, '--', 'docs/a.txt']);
      assert.equal(withDash.code, 0, withDash.err);
      assert.match(withDash.out, /# Inter-annotator agreement \(3 annotators\)/);
      const without = await run(['agree', copies[0], copies[1], empty, 'docs/a.txt']);
      assert.match(without.out, /A vs B/);
      assert.match(without.err, /is taken as a document path \(it has no \.policy-lens\/ folder\)/);
    } finally {
      for (const other of copies) fs.rmSync(other, { recursive: true, force: true });
    }
  });
});
