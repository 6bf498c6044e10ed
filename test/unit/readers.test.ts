// The exports read by the real readers of the tools they are for, on a text with CRLF line ends and
// characters past U+FFFF (𠀀 U+20000, 😀 U+1F600):
//   - Label Studio's own editor (the label-studio-frontend package's dist/lsf bundle) in the Chromium
//     the integration tests use, fed our task with annotations and predictions;
//   - spaCy in a Python venv made from the machine's package index (Doc.char_span over policy-lens/1,
//     `spacy convert --converter ner` over the CoNLL export); skipped, with the reason printed, when
//     no index answers within 10 s;
//   - brat's and doccano's import rules, as their readers apply them (sources cited below).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { exportDocuments, importTags, type ExportDocument } from '../../src/core/formats/index';
import type { LabelStudioTask } from '../../src/core/formats/labelStudio';
import { quoteAt } from '../../src/core/tags/model';
import type { Tag } from '../../src/core/tags/types';
import type { Entity } from '../../src/core/types';

/** CRLF line ends, 𠀀 before every span, 😀 inside the text, a tag that crosses a line break. */
const TEXT = '𠀀国务院办公厅关于推广“揭榜挂帅”新机制的通知\r\n科技部、\u3000海关总署负责落实😀。\r\n第二条：安排资金约5.76万元。\r\n';
const cps = (s: string) => [...s];

function tagOf(label: string, exact: string, extra: Partial<Tag> = {}): Tag {
  const start = TEXT.indexOf(exact);
  assert.ok(start >= 0, exact);
  return { id: `t-${label}`, label, start, end: start + exact.length, quote: quoteAt(TEXT, start, start + exact.length), source: 'manual', created: '2026-01-02T03:04:05.000Z', ...extra };
}
function entityOf(type: Entity['type'], exact: string): Entity {
  const start = TEXT.indexOf(exact);
  assert.ok(start >= 0, exact);
  return { type, start, end: start + exact.length, text: exact, canonical: exact };
}

const TAGS: Tag[] = [tagOf('发文机关', '国务院办公厅'), tagOf('政策工具', '揭榜挂帅'), tagOf('跨行', '通知\r\n科技部'), tagOf('牵头', '海关总署负责落实😀')];
const ENTITIES: Entity[] = [entityOf('department', '国务院办公厅'), entityOf('department', '科技部'), entityOf('department', '海关总署'), entityOf('quantity', '5.76万元')];
const DOC: ExportDocument = { file: 'docs/通知.txt', text: TEXT, entities: ENTITIES, actions: [], tags: TAGS, rejected: [] };
const sliceOf = (s: { start: number; end: number }) => TEXT.slice(s.start, s.end);

// ---------------------------------------------------------------------------------------------
// Label Studio's editor. label-studio-frontend (npm, 1.7.1) ships Label Studio's editor built as
// dist/lsf/js/main.js (window.LabelStudio); test/readers/label-studio.html loads it and reports the
// regions the editor placed with the text of the highlight elements it drew over the text.

const CHROMIUM = process.env.POLICY_LENS_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

interface Shown {
  annotations: number;
  predictions: number;
  regions: Array<{ start: number; end: number; labels: string[]; drawn: string }>;
  highlights: string[];
}

function lsfDir(): string | undefined {
  try {
    return path.join(path.dirname(require.resolve('label-studio-frontend/package.json')), 'dist', 'lsf');
  } catch {
    return undefined;
  }
}

describe('readers: Label Studio\'s own editor (label-studio-frontend in Chromium)', function () {
  this.timeout(120_000);
  let browser: import('playwright-core').Browser | undefined;
  let page: import('playwright-core').Page | undefined;
  let skipReason: string | undefined;

  before(async function () {
    const dist = lsfDir();
    if (!dist || !fs.existsSync(path.join(dist, 'js', 'main.js'))) skipReason = 'the label-studio-frontend package is not installed (npm install)';
    else if (!fs.existsSync(CHROMIUM)) skipReason = `no Chromium at ${CHROMIUM} (scripts/install-host.sh installs Debian's)`;
    if (skipReason) return;
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage();
    const html = path.join(__dirname, '../../../test/readers/label-studio.html');
    await page.route('http://label-studio.test/**', (route) => {
      const url = new URL(route.request().url());
      if (url.pathname === '/') return route.fulfill({ path: html, contentType: 'text/html; charset=utf-8' });
      if (url.pathname.startsWith('/lsf/')) {
        const file = path.join(dist!, ...url.pathname.slice(5).split('/'));
        if (file.startsWith(dist!) && fs.existsSync(file)) return route.fulfill({ path: file });
      }
      return route.fulfill({ status: 404, body: '' });
    });
    await page.goto('http://label-studio.test/');
  });

  after(async () => {
    await browser?.close();
  });

  beforeEach(function () {
    if (skipReason) {
      console.log(`      skipped: ${skipReason}`);
      this.skip();
    }
  });

  function exported() {
    const out = exportDocuments('label-studio', [DOC], { withEntities: true });
    const tasks = JSON.parse(out.files.find((f) => f.name === 'label-studio.json')!.content) as LabelStudioTask[];
    const config = out.files.find((f) => f.name === 'label-studio-config.xml')!.content;
    return { task: { id: 1, ...tasks[0] }, config };
  }
  const show = (config: string, task: unknown, which: 'annotations' | 'predictions') =>
    page!.evaluate(([c, t, w]) => (globalThis as unknown as { show: (c: unknown, t: unknown, w: unknown) => Promise<unknown> }).show(c, t, w), [config, task, which] as const) as Promise<Shown>;

  it('draws every tag of the annotation over its own text (offsets in code points, CRLF as two)', async () => {
    const { task, config } = exported();
    const shown = await show(config, task, 'annotations');
    assert.equal(shown.annotations, 1);
    assert.equal(shown.predictions, 1, 'the automatic entities are a prediction, not an annotation');
    // the editor draws highlights over the characters of each line; the line break inside a span is no character it draws
    const drawnText = (t: { start: number; end: number }) => sliceOf(t).replace(/[\r\n]/g, '');
    assert.deepEqual(
      shown.regions.map((r) => [r.labels[0], r.drawn]).sort(),
      TAGS.map((t) => [t.label, drawnText(t)]).sort(),
    );
    for (const r of shown.regions) {
      const tag = TAGS.find((t) => t.label === r.labels[0])!;
      assert.equal(cps(TEXT).slice(r.start, r.end).join(''), sliceOf(tag), `${tag.label}: the editor keeps the offsets (code points, CRLF as two)`);
    }
  });

  it('draws the predictions (the automatic entities) over their text', async () => {
    const { task, config } = exported();
    const shown = await show(config, task, 'predictions');
    assert.deepEqual(
      shown.regions.map((r) => [r.labels[0], r.drawn]),
      ENTITIES.map((e) => [e.type, e.text]),
    );
  });

  it('a control: the same task with UTF-16 offsets is drawn over other text (the check can fail)', async () => {
    const { task, config } = exported();
    const shifted = JSON.parse(JSON.stringify(task)) as LabelStudioTask;
    for (const r of shifted.annotations[0].result) {
      const s = TEXT.indexOf(typeof r.value.text === 'string' ? r.value.text : '');
      if (s >= 0) r.value = { ...r.value, start: s, end: s + (r.value.text as string).length };
    }
    const shown = await show(config, shifted, 'annotations');
    const drawn = shown.regions.map((r) => r.drawn);
    assert.ok(drawn.some((d) => !TAGS.some((t) => sliceOf(t) === d)), `UTF-16 offsets past 𠀀 must misplace a region: ${JSON.stringify(drawn)}`);
  });
});

// ---------------------------------------------------------------------------------------------
// brat's reader. brat's server (nlplab/brat, server/src/annotation.py, TextAnnotations) reads the
// .txt with open_textfile = codecs.open(path, 'rU', encoding='utf8'); codecs.open forces binary
// mode, so "\r\n" stays two characters (checked with Python 2.7.18 and 3.10: len == 6 for
// "a\r\nb𠀀c"), and a str index is a code point. _parse_textbound_annotation then requires, for
// "ID\tTYPE START END[;START END…]\tTEXT": 0 ≤ start ≤ end ≤ len(text), fragments not overlapping,
// and TEXT == DISCONT_SEP (" ").join(text[start:end] for each fragment); otherwise "Text-bound
// annotation text … does not match marked span(s)". A .ann line cannot hold a line break, so a
// span over one must be written as fragments around it.

interface BratSpan {
  id: string;
  type: string;
  fragments: Array<[number, number]>;
  text: string;
}

function bratReads(txt: string, ann: string): BratSpan[] {
  const text = cps(txt);
  const out: BratSpan[] = [];
  for (const line of ann.split('\n')) {
    if (!line.startsWith('T')) continue;
    const m = /^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t(.*)$/.exec(line);
    assert.ok(m, `a text-bound line "ID\\tTYPE START END\\tTEXT": ${JSON.stringify(line)}`);
    const fragments = m[3].split(';').map((f) => f.split(' ').map(Number) as [number, number]);
    const seen: Array<[number, number]> = [];
    for (const [s, e] of fragments) {
      assert.ok(s >= 0 && s <= e && e <= text.length, `${m[1]}: offsets within the text (${s} ${e}, ${text.length} code points)`);
      assert.ok(!seen.some(([os, oe]) => e >= os && s < oe), `${m[1]}: fragments do not overlap`);
      seen.push([s, e]);
    }
    const ref = fragments.map(([s, e]) => text.slice(s, e).join('')).join(' ');
    assert.equal(m[4], ref, `${m[1]}: the text equals the marked span(s)`);
    out.push({ id: m[1], type: m[2], fragments, text: m[4] });
  }
  return out;
}

describe('readers: brat standoff as brat\'s server reads it', () => {
  it('every T line matches the .txt sliced in code points, a span over a line break as fragments', () => {
    const out = exportDocuments('brat', [DOC]);
    const txt = out.files.find((f) => f.name.endsWith('.txt'))!.content;
    assert.equal(txt, TEXT, 'the .txt is the document (CRLF kept)');
    const spans = bratReads(txt, out.files.find((f) => f.name.endsWith('.ann'))!.content);
    assert.equal(spans.length, TAGS.length);
    const crossing = spans.find((s) => s.fragments.length > 1);
    assert.ok(crossing, 'the tag over "\\r\\n" is written as fragments');
    assert.equal(crossing.text, '通知 科技部');
    assert.ok(crossing.fragments.every(([s, e]) => !/[\r\n]/.test(cps(TEXT).slice(s, e).join(''))), 'no fragment holds a line break');
  });

  it('with the automatic entities, they are T lines of their type too; it reads back as the same spans', () => {
    const out = exportDocuments('brat', [DOC], { withEntities: true });
    const ann = out.files.find((f) => f.name.endsWith('.ann'))!.content;
    const spans = bratReads(TEXT, ann);
    for (const e of ENTITIES) assert.ok(spans.some((s) => s.type === e.type && s.text === e.text), `${e.type} ${e.text}`);
    const back = importTags('brat', ann, TEXT);
    const key = (x: { start: number; end: number; label: string }) => `${x.start}:${x.end}:${x.label}`;
    assert.deepEqual(back.map(key).sort(), [...TAGS.map(key), ...ENTITIES.map((e) => key({ ...e, label: e.type }))].sort());
  });
});

// ---------------------------------------------------------------------------------------------
// doccano's import rules (doccano docs, "Import dataset", Sequence Labeling JSONL:
// {"text": "…", "label": [[start, end, "LABEL"], …]}, every other key kept as metadata). doccano
// stores the offsets as given and its annotation view (doccano/v-annotator) slices the text with
// JavaScript string indices, i.e. UTF-16 code units (doccano issues #2290, #2484: its offsets
// differ from Python's after a character past U+FFFF). So files for doccano itself are UTF-16
// (the default, "offset_unit": "utf16"), files for Python tools are code points (offsets: 'codepoint').

describe('readers: doccano JSONL as doccano imports and shows it', () => {
  const lineOf = (options = {}) => JSON.parse(exportDocuments('doccano', [DOC], { withEntities: true, ...options }).stdout!.trim()) as { text: string; label: Array<[number, number, string]>; offset_unit: string };

  it('each span slices to its text in JavaScript (UTF-16, as doccano\'s view) by default', () => {
    const line = lineOf();
    assert.equal(line.text, TEXT);
    assert.equal(line.offset_unit, 'utf16');
    assert.equal(line.label.length, TAGS.length + ENTITIES.length);
    for (const [s, e, label] of line.label) {
      assert.ok(Number.isInteger(s) && Number.isInteger(e) && 0 <= s && s < e && e <= line.text.length, `[${s}, ${e}) within the text`);
      const want = TAGS.find((t) => t.label === label) ?? ENTITIES.find((x) => x.type === label && x.start === s)!;
      assert.equal(line.text.slice(s, e), sliceOf(want), label);
    }
  });

  it('with offsets "codepoint" each span slices to its text as Python does, and both read back', () => {
    const line = lineOf({ offsets: 'codepoint' });
    assert.equal(line.offset_unit, 'codepoint');
    const text = cps(line.text);
    const texts = line.label.map(([s, e]) => text.slice(s, e).join(''));
    for (const t of TAGS) assert.ok(texts.includes(sliceOf(t)), sliceOf(t));
    for (const options of [{}, { offsets: 'codepoint' as const }]) {
      const back = importTags('doccano', exportDocuments('doccano', [DOC], options).stdout!, TEXT);
      assert.deepEqual(back.map((t) => sliceOf(t)).sort(), TAGS.map(sliceOf).sort());
    }
  });
});

// ---------------------------------------------------------------------------------------------
// spaCy. A venv made once (in the cache folder outside the clone) with `pip install spacy` from
// the package index pip is configured with; when no index answers within 10 s, skipped.

const CACHE = process.env.POLICY_LENS_CACHE ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'policy-lens');
const VENV = path.join(CACHE, 'spacy-venv');
const venvPython = path.join(VENV, process.platform === 'win32' ? 'Scripts/python.exe' : 'bin/python');

/** The venv's python with spaCy, or the reason there is none. */
function spacyPython(): { python?: string; reason?: string } {
  const has = () => fs.existsSync(venvPython) && spawnSync(venvPython, ['-c', 'import spacy'], { timeout: 60_000 }).status === 0;
  if (has()) return { python: venvPython };
  const python = ['python3', 'python'].find((p) => spawnSync(p, ['-c', 'import venv, ensurepip'], { timeout: 10_000 }).status === 0);
  if (!python) return { reason: 'no python3 with venv and ensurepip' };
  // the connection attempt: does an index (pip's configured one) list spaCy within 10 s?
  const probe = spawnSync(python, ['-m', 'pip', 'download', '--no-deps', '--quiet', '--timeout', '5', '--retries', '0', '--dest', path.join(os.tmpdir(), 'pl-spacy-probe'), 'spacy'], { encoding: 'utf8', timeout: 10_000 });
  if (probe.status !== 0) return { reason: `no package index answered with spaCy within 10 s (${probe.error ? probe.error.message : (probe.stderr.trim().split('\n').pop() ?? `exit ${probe.status}`)})` };
  fs.mkdirSync(CACHE, { recursive: true });
  const mk = spawnSync(python, ['-m', 'venv', VENV], { encoding: 'utf8', timeout: 60_000 });
  if (mk.status !== 0) return { reason: `python -m venv failed: ${mk.stderr.trim().split('\n').pop()}` };
  console.log(`      installing spaCy into ${VENV} (once)…`);
  const pip = spawnSync(venvPython, ['-m', 'pip', 'install', '--quiet', '--timeout', '5', '--retries', '0', 'spacy'], { encoding: 'utf8', timeout: 400_000 });
  if (pip.status !== 0 || !has()) return { reason: `pip install spacy failed: ${(pip.stderr || String(pip.error)).trim().split('\n').pop()}` };
  return { python: venvPython };
}

describe('readers: spaCy (in a venv from the machine\'s package index)', function () {
  this.timeout(600_000);
  let python: string | undefined;
  let dir = '';

  before(function () {
    const found = spacyPython();
    python = found.python;
    if (!python) console.log(`      skipped: ${found.reason}`);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pl-readers-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  beforeEach(function () {
    if (!python) this.skip();
  });

  const run = (script: string, ...args: string[]) => {
    const r = spawnSync(python!, ['-c', script, ...args], { encoding: 'utf8', timeout: 300_000 });
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout) as unknown;
  };

  it('Doc.char_span finds every entity and tag of the policy-lens/1 export in the text', () => {
    fs.writeFileSync(path.join(dir, 'doc.txt'), TEXT);
    fs.writeFileSync(path.join(dir, 'doc.json'), exportDocuments('policy-lens', [DOC]).stdout!);
    const script = [
      'import sys, json, spacy',
      'text = open(sys.argv[1], encoding="utf-8", newline="").read()',
      'exp = json.load(open(sys.argv[2], encoding="utf-8"))',
      'doc = spacy.blank("zh")(text)',
      'out = []',
      'for kind in ("entities", "tags"):',
      '    for x in exp[kind]:',
      '        span = doc.char_span(x["start"], x["end"], alignment_mode="strict")',
      '        out.append([kind, x["text"], None if span is None else span.text])',
      'print(json.dumps(out))',
    ].join('\n');
    const found = run(script, path.join(dir, 'doc.txt'), path.join(dir, 'doc.json')) as Array<[string, string, string | null]>;
    assert.equal(found.length, ENTITIES.length + TAGS.length);
    for (const [kind, text, span] of found) assert.equal(span, text, `${kind}: char_span(${JSON.stringify(text)})`);
  });

  it('`spacy convert --converter ner` reads the CoNLL export: every tag is an entity of its label', () => {
    const conllTags = TAGS.filter((t) => !t.quote.exact.includes('\n'));
    fs.writeFileSync(path.join(dir, 'doc.conll'), exportDocuments('conll', [{ ...DOC, tags: conllTags }]).stdout!);
    const convert = spawnSync(python!, ['-m', 'spacy', 'convert', path.join(dir, 'doc.conll'), dir, '--converter', 'ner'], { encoding: 'utf8', timeout: 300_000 });
    assert.equal(convert.status, 0, convert.stderr + convert.stdout);
    const script = [
      'import sys, json, spacy',
      'from spacy.tokens import DocBin',
      'docs = list(DocBin().from_disk(sys.argv[1]).get_docs(spacy.blank("xx").vocab))',
      'print(json.dumps([[[e.label_, "".join(t.text for t in e)] for e in d.ents] for d in docs]))',
    ].join('\n');
    const docs = run(script, path.join(dir, 'doc.spacy')) as Array<Array<[string, string]>>;
    assert.equal(docs.length, 1, 'one document');
    assert.deepEqual(docs[0], [...conllTags].sort((a, b) => a.start - b.start).map((t) => [t.label, sliceOf(t)]));
  });
});
