// The exports read by the readers of the tools they are for, on a text with CRLF line ends and a
// character past U+FFFF (𠀀, U+20000): spaCy's CoNLL NER converter (its documented rules, and the
// real one when Python has spaCy), the W3C Web Annotation test suite's MUST schemas with Ajv (as
// the suite runs them), Label Studio's documented import format, and the statisticians' tables.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv';
import ExcelJS from 'exceljs';
import { main } from '../../src/cli';
import type { ExportOptions } from '../../src/core/formats/format';
import { exportDocuments, exportDocumentsAsync, importTags, type ExportDocument, type FormatName } from '../../src/core/formats/index';
import { guessFormats } from '../../src/core/formats/guess';
import type { LabelStudioTask } from '../../src/core/formats/labelStudio';
import type { W3cAnnotation, W3cCollection } from '../../src/core/formats/w3c';
import { TagDocument } from '../../src/core/tags/document';
import { quoteAt } from '../../src/core/tags/model';
import type { Tag } from '../../src/core/tags/types';
import type { Entity } from '../../src/core/types';

const fixtures = path.join(__dirname, '../../../test/fixtures/interop');

/** CRLF line ends, 𠀀 (U+20000, two UTF-16 units) before the tags, an ideographic space, a label with a space. */
const TEXT = '𠀀国务院办公厅关于推广“揭榜挂帅”新机制的通知\r\n科技部、\u3000海关总署负责落实。\r\n第二条：安排资金约5.76万元。\r\n';
const cpIndex = (s: string, utf16: number) => [...s.slice(0, utf16)].length;

function tagOf(label: string, exact: string, extra: Partial<Tag> = {}): Tag {
  const start = TEXT.indexOf(exact);
  assert.ok(start >= 0, exact);
  return { id: `t-${label}`, label, start, end: start + exact.length, quote: quoteAt(TEXT, start, start + exact.length), source: 'manual', created: '2026-01-02T03:04:05.000Z', ...extra };
}

const TAGS: Tag[] = [tagOf('发文机关', '国务院办公厅', { note: '第一\r\n行' }), tagOf('policy tool', '揭榜挂帅'), tagOf('牵头', '科技部'), tagOf('配合', '海关总署')];
const ENTITIES: Entity[] = (['科技部', '海关总署'] as const).map((s) => ({ type: 'department', start: TEXT.indexOf(s), end: TEXT.indexOf(s) + s.length, text: s, canonical: s === '科技部' ? '科学技术部' : s }));

const doc = (file = 'docs/通知 2026.txt', tags = TAGS): ExportDocument => ({ file, text: TEXT, entities: ENTITIES, actions: [], tags, rejected: [] });
const exportAs = (format: FormatName, docs: ExportDocument[] = [doc()], options: ExportOptions = {}) => exportDocuments(format, docs, options);

// ---------------------------------------------------------------------------------------------
// spaCy's CoNLL NER converter (spacy/training/converters/conll_ner_to_docs.py), its rules as
// documented and written: documents are split at the exact line "-DOCSTART- -X- O O", each doc
// is stripped and split into sentences at "\n\n", each non-blank line is stripped and split at
// any whitespace (Python's str.split()), the columns are zipped (so a row with more columns than
// another loses its extra ones silently), the first column is the word, the last the IOB tag,
// converted to BILUO (an entity is a B- or I- tag followed by I- tags of the same label).

interface SpacyDoc {
  words: string[];
  ents: Array<[label: string, start: number, end: number]>;
}

function spacyConllNer(input: string): SpacyDoc[] {
  const delimiter = '-DOCSTART- -X- O O';
  const docs: SpacyDoc[] = [];
  for (let conllDoc of input.trim().split(delimiter)) {
    conllDoc = conllDoc.trim();
    if (!conllDoc) continue;
    const words: string[] = [];
    const tags: string[] = [];
    for (let sent of conllDoc.split('\n\n')) {
      sent = sent.trim();
      if (!sent) continue;
      const rows = sent.split('\n').map((l) => l.trim()).filter((l) => l !== '').map((l) => l.split(/\s+/u));
      const width = Math.min(...rows.map((r) => r.length));
      assert.ok(rows.every((r) => r.length === width), `every row has ${width} columns (zip would drop the rest): ${JSON.stringify(rows.find((r) => r.length !== width))}`);
      assert.ok(width >= 2, 'E903: at least two columns');
      for (const r of rows) {
        words.push(r[0]);
        tags.push(r[width - 1]);
      }
    }
    const ents: SpacyDoc['ents'] = [];
    for (let i = 0; i < tags.length; ) {
      if (tags[i] === 'O') {
        i++;
        continue;
      }
      assert.match(tags[i], /^[BI]-\S+$/, `an IOB tag: ${tags[i]}`);
      const label = tags[i].slice(2);
      let j = i + 1;
      while (j < tags.length && tags[j] === `I-${label}`) j++;
      ents.push([label, i, j]);
      i = j;
    }
    docs.push({ words, ents });
  }
  return docs;
}

/** What the converter should find for a document's tags: its words are the code points that are not line breaks. */
function expectedTokens(text: string, tags: readonly Tag[]): SpacyDoc['ents'] {
  const tokenOf = (utf16: number) => [...text.slice(0, utf16)].filter((c) => c !== '\r' && c !== '\n').length;
  return [...tags].sort((a, b) => a.start - b.start).map((t) => [t.label.replace(/ /g, '\\u0020'), tokenOf(t.start), tokenOf(t.end)]);
}

describe('interop: CoNLL as spaCy reads it', () => {
  it('spaCy\'s converter rules find each document, its words and its entities (no "# path" token, documents after -DOCSTART-)', () => {
    const other = { ...doc('b.txt', [TAGS[2]]) };
    const out = exportAs('conll', [doc(), other]);
    assert.ok(!/^#/m.test(out.stdout!), 'no comment line');
    const docs = spacyConllNer(out.stdout!);
    assert.equal(docs.length, 2);
    const words = [...TEXT].filter((c) => c !== '\r' && c !== '\n');
    for (const [i, tags] of [TAGS, [TAGS[2]]].entries()) {
      assert.equal(docs[i].words.length, words.length, 'one word per code point, none for the line breaks');
      assert.equal(docs[i].words[0], '𠀀', 'a character past U+FFFF is one word');
      assert.equal(docs[i].words[words.indexOf('\u3000')], '\\u3000', 'whitespace is escaped visibly');
      assert.deepEqual(docs[i].ents, expectedTokens(TEXT, tags));
    }
    for (const f of out.files) assert.equal(spacyConllNer(f.content).length, 1, `${f.name} is one document`);
  });

  it('reads back what it wrote, also from the stdout form (-DOCSTART- lines are skipped)', () => {
    const back = importTags('conll', exportAs('conll', [doc()]).stdout!, TEXT);
    assert.deepEqual(back.map((t) => [t.start, t.end, t.label]), [...TAGS].sort((a, b) => a.start - b.start).map((t) => [t.start, t.end, t.label]));
  });

  it('a file of several documents (the stdout form): the one that lines up with the text is read', () => {
    const otherText = '另一份文件。\r\n';
    const out = exportAs('conll', [{ ...doc('b.txt', []), text: otherText, entities: [] }, doc()]).stdout!;
    assert.deepEqual(importTags('conll', out, TEXT).map((t) => t.label).sort(), TAGS.map((t) => t.label).sort());
    assert.throws(() => importTags('conll', out, '完全不同'), /conll: line \d+: the file has/);
  });

  it('the real `spacy convert --converter ner` reads the export (when Python has spaCy)', function () {
    this.timeout(120_000);
    const probe = spawnSync('python3', ['-c', 'import spacy'], { encoding: 'utf8' });
    if (probe.error || probe.status !== 0) {
      console.log(`      skipped: spaCy is not importable by python3 (${probe.error ? probe.error.message : (probe.stderr.trim().split('\n').pop() ?? '')}); readers.test.ts runs spaCy in a venv made from the package index`);
      this.skip();
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pl-spacy-'));
    try {
      const file = path.join(dir, 'doc.conll');
      fs.writeFileSync(file, exportAs('conll', [doc()]).stdout!);
      const script = [
        'import sys, json',
        'from spacy.training.converters import conll_ner_to_docs',
        'docs = list(conll_ner_to_docs(open(sys.argv[1], encoding="utf-8").read(), n_sents=0, no_print=True))',
        'print(json.dumps([{"words": [t.text for t in d], "ents": [[e.label_, e.start, e.end] for e in d.ents]} for d in docs]))',
      ].join('\n');
      const run = spawnSync('python3', ['-c', script, file], { encoding: 'utf8' });
      assert.equal(run.status, 0, run.stderr);
      const docs = JSON.parse(run.stdout) as SpacyDoc[];
      assert.equal(docs.length, 1);
      assert.deepEqual(docs[0].ents, expectedTokens(TEXT, TAGS));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

// ---------------------------------------------------------------------------------------------
// The W3C Web Annotation test suite's MUST schemas, run with Ajv as the suite does.

interface SchemaFile {
  _source: string;
  tests: Record<string, { assertions: string[] }>;
  schemas: Record<string, { id: string }>;
}

const suite = JSON.parse(fs.readFileSync(path.join(fixtures, 'w3c-web-annotation-schemas.json'), 'utf8')) as SchemaFile;

function w3cValidator() {
  const ajv = new Ajv({ schemaId: 'id', format: 'full', allErrors: true });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  ajv.addMetaSchema(require('ajv/lib/refs/json-schema-draft-04.json') as object);
  for (const [key, schema] of Object.entries(suite.schemas)) if (key.startsWith('definitions/')) ajv.addSchema(schema);
  /** The assertions of a MUST test that `value` fails. */
  return (test: 'annotations/annotationMusts.test' | 'collections/collectionMusts.test' | 'collections/pages/pageMusts.test', value: unknown) => {
    const failed: string[] = [];
    for (const a of suite.tests[test].assertions) {
      const validate = ajv.compile(suite.schemas[a]);
      if (!validate(value)) failed.push(a);
    }
    return { total: suite.tests[test].assertions.length, failed };
  };
}

/** Runs every MUST test on each collection (also as a page with its embedded page), on its page and on each annotation. */
function mustResults(collections: W3cCollection[]) {
  const check = w3cValidator();
  let passed = 0;
  let total = 0;
  const failures = new Map<string, number>();
  const add = (r: { total: number; failed: string[] }) => {
    total += r.total;
    passed += r.total - r.failed.length;
    for (const f of r.failed) failures.set(f, (failures.get(f) ?? 0) + 1);
  };
  for (const c of collections) {
    add(check('collections/collectionMusts.test', c));
    add(check('collections/pages/pageMusts.test', c));
    add(check('collections/pages/pageMusts.test', { '@context': c['@context'], ...c.first }));
    for (const a of c.first.items) add(check('annotations/annotationMusts.test', a));
  }
  return { passed, total, failures };
}

describe('interop: W3C Web Annotation against the test suite\'s MUST schemas (Ajv)', () => {
  const collectionsOf = (docs: ExportDocument[]) => exportAs('w3c', docs).files.map((f) => JSON.parse(f.content) as W3cCollection);

  it('the fixture names its source and licence and holds the three MUST tests', () => {
    assert.match(suite._source, /web-annotation-tests at commit [0-9a-f]{40}/);
    assert.match(suite._source, /licence/);
    assert.deepEqual(Object.keys(suite.tests).sort(), ['annotations/annotationMusts.test', 'collections/collectionMusts.test', 'collections/pages/pageMusts.test']);
  });

  it('every annotation, collection and page passes every MUST assertion (relative and absolute paths, CRLF, 𠀀)', () => {
    const orphan = tagOf('orphan', '海关', { orphan: true, quote: { exact: '已删去的\r\n文字𠀀', prefix: '', suffix: '' } });
    const collections = collectionsOf([doc(), doc('/home/研究 员/政策#1.txt', [...TAGS, orphan]), doc('C:\\Users\\张\\a b.txt')]);
    const r = mustResults(collections);
    console.log(`      W3C MUST assertions: ${r.passed}/${r.total} passed over ${collections.length} collections and ${collections.reduce((n, c) => n + c.total, 0)} annotations`);
    assert.deepEqual([...r.failures], []);
    assert.equal(r.passed, r.total);
  });

  it('a schema fails on what it checks (a collection without id, a bare-path source)', () => {
    const [c] = collectionsOf([doc()]);
    const check = w3cValidator();
    const { id: _id, ...noId } = c;
    assert.deepEqual(check('collections/collectionMusts.test', noId).failed, ['collections/5.1-collectionIdValidated.json']);
    const bare: W3cAnnotation = { ...c.first.items[0], target: { ...c.first.items[0].target, source: 'docs/通知 2026.txt' } };
    assert.ok(check('annotations/annotationMusts.test', bare).failed.length > 0, 'a bare path is not a URI');
  });

  it('target.source is an IRI: file:// for absolute paths, urn:policy-lens:doc: for relative ones, percent-encoded', () => {
    const sources = collectionsOf([doc(), doc('/home/研究 员/政策#1.txt'), doc('C:\\Users\\张\\a b.txt')]).map((c) => c.first.items[0].target.source);
    assert.deepEqual(sources, [
      `urn:policy-lens:doc:docs/${encodeURIComponent('通知 2026.txt')}`,
      `file:///home/${encodeURIComponent('研究 员')}/${encodeURIComponent('政策#1.txt')}`,
      `file:///C:/Users/${encodeURIComponent('张')}/a%20b.txt`,
    ]);
    assert.equal(new URL(sources[1]).pathname, '/home/%E7%A0%94%E7%A9%B6%20%E5%91%98/%E6%94%BF%E7%AD%96%231.txt');
  });

  it('selectors count code points over CRLF and 𠀀, and the export reads back by its source', () => {
    const [c] = collectionsOf([doc()]);
    for (const a of c.first.items) {
      const pos = a.target.selector.find((s) => s.type === 'TextPositionSelector')!;
      const quote = a.target.selector.find((s) => s.type === 'TextQuoteSelector')!;
      assert.equal([...TEXT].slice(pos.start, pos.end).join(''), quote.exact);
    }
    const t = TAGS[2];
    const a = c.first.items.find((x) => x.body[0].value === t.label)!;
    const pos = a.target.selector.find((s) => s.type === 'TextPositionSelector')!;
    assert.deepEqual([pos.start, pos.end], [cpIndex(TEXT, t.start), cpIndex(TEXT, t.end)]);
    assert.equal(pos.start, t.start - 1, '𠀀 counts once');
    const both = exportAs('w3c', [doc(), doc('b.txt', [TAGS[0]])]).stdout!.trim().split('\n').map((l) => JSON.parse(l) as W3cCollection);
    const back = importTags('w3c', JSON.stringify(both[0].first.items.concat(both[1].first.items)), TEXT, { source: 'docs/通知 2026.txt' });
    assert.deepEqual(back.map((x) => [x.start, x.end, x.label, x.note ?? null]), TAGS.map((x) => [x.start, x.end, x.label, x.note ?? null]));
  });
});

// ---------------------------------------------------------------------------------------------
// Label Studio: its documented import format for pre-annotated tasks (guide "Import pre-annotated
// data": a task is {data, annotations?, predictions?}; a prediction is {model_version, score?,
// result}; a text region result is {id, from_name, to_name, type: "labels", value: {start, end,
// text, labels}}, offsets in code points).

describe('interop: Label Studio tasks with predictions', () => {
  const withRejected = (): ExportDocument => ({ ...doc(), rejected: [{ type: 'department', start: ENTITIES[1].start, end: ENTITIES[1].end, quote: quoteAt(TEXT, ENTITIES[1].start, ENTITIES[1].end) }] });
  const tasksOf = (docs: ExportDocument[], options: ExportOptions) => JSON.parse(exportAs('label-studio', docs, options).stdout!) as LabelStudioTask[];

  it('automatic entities go as predictions (model_version "policy-lens"), manual tags as annotations', () => {
    const [task] = tasksOf([withRejected()], { withEntities: true });
    assert.deepEqual(Object.keys(task).sort(), ['annotations', 'data', 'predictions']);
    assert.equal(task.annotations.length, 1);
    assert.deepEqual(task.annotations[0].result.filter((r) => r.type === 'labels').map((r) => r.value.labels![0]).sort(), TAGS.map((t) => t.label).sort());
    assert.ok(task.annotations[0].result.every((r) => r.origin === 'manual'));
    assert.equal(task.predictions!.length, 1);
    const [p] = task.predictions!;
    assert.equal(p.model_version, 'policy-lens');
    assert.equal(p.score, undefined, 'no score: the recogniser gives none');
    assert.deepEqual(p.result.map((r) => [r.value.text, r.value.labels]), [['科技部', ['department']]], 'the rejected entity is left out');
    for (const r of [...p.result, ...task.annotations[0].result]) {
      assert.deepEqual(Object.keys(r).filter((k) => !['origin', 'score'].includes(k)).sort(), ['from_name', 'id', 'to_name', 'type', 'value']);
      assert.equal(typeof r.id, 'string');
      assert.equal([...TEXT].slice(r.value.start, r.value.end).join(''), r.type === 'labels' ? r.value.text : TAGS.find((t) => [...TEXT.slice(0, t.start)].length === r.value.start)!.quote.exact);
    }
    const e = ENTITIES[0];
    assert.deepEqual([p.result[0].value.start, p.result[0].value.end], [cpIndex(TEXT, e.start), cpIndex(TEXT, e.end)]);
    assert.equal(p.result[0].value.start, e.start - 1, '𠀀 counts once, CRLF as two');
    const config = exportAs('label-studio', [withRejected()], { withEntities: true }).files.find((f) => f.name.endsWith('.xml'))!.content;
    assert.ok(config.includes('<Label value="department"/>'), 'the configuration offers the predictions\' labels');
  });

  it('without withEntities there are no predictions; a task with only predictions has no annotations', () => {
    assert.equal(tasksOf([doc()], {})[0].predictions, undefined);
    const [task] = tasksOf([doc('a.txt', [])], { withEntities: true });
    assert.deepEqual(task.annotations, []);
    assert.equal(task.predictions![0].result.length, 2);
  });

  it('reading back takes the annotations, never its own predictions as tags; another model\'s prediction is read when there is no annotation', () => {
    const json = exportAs('label-studio', [withRejected()], { withEntities: true }).stdout!;
    assert.deepEqual(importTags('label-studio', json, TEXT).map((t) => t.label).sort(), TAGS.map((t) => t.label).sort());
    const onlyOurs = exportAs('label-studio', [doc('a.txt', [])], { withEntities: true }).stdout!;
    assert.deepEqual(importTags('label-studio', onlyOurs, TEXT), []);
    const foreign = (JSON.parse(onlyOurs) as LabelStudioTask[]).map((t) => ({ ...t, predictions: t.predictions!.map((p) => ({ ...p, model_version: 'their-model' })) }));
    const warnings: string[] = [];
    assert.deepEqual(importTags('label-studio', JSON.stringify(foreign), TEXT, { onWarning: (m) => warnings.push(m) }).map((t) => TEXT.slice(t.start, t.end)), ['科技部', '海关总署']);
    assert.match(warnings.join(), /first prediction/);
  });
});

// ---------------------------------------------------------------------------------------------
// Import: the format guessed from the content (the Import command's chooser lists it first),
// re-import adds nothing twice, and the document is found by its path whether the export wrote
// it absolute or workspace-relative.

describe('interop: import (format guess, no duplicates, paths)', () => {
  const orphan = tagOf('orphan', '海关', { orphan: true, quote: { exact: '已删去的文字𠀀', prefix: '', suffix: '' } });

  it('guesses each format from its own export, Label Studio\'s .json included', () => {
    const cases: Array<[FormatName, (name: string) => boolean]> = [
      ['policy-lens', (n) => n.endsWith('.json')],
      ['label-studio', (n) => n === 'label-studio.json'],
      ['doccano', (n) => n.endsWith('.jsonl')],
      ['brat', (n) => n.endsWith('.ann')],
      ['w3c', (n) => n.endsWith('.jsonld')],
      ['conll', (n) => n.endsWith('.conll')],
    ];
    for (const [format, pick] of cases) {
      const file = exportAs(format, [doc()]).files.find((f) => pick(f.name))!;
      assert.ok(file, format);
      assert.equal(guessFormats(file.name, file.content)[0], format, `${format}: ${file.name}`);
      // renamed to a neutral name, the content still tells
      if (format !== 'brat') assert.equal(guessFormats('annotations.json', file.content)[0], format, `${format} as annotations.json`);
    }
    assert.deepEqual(guessFormats('notes.txt', 'just some words'), []);
    assert.deepEqual(guessFormats('x.ann', ''), ['brat'], 'the extension alone, when the content says nothing');
  });

  it('re-importing the same file adds no tag twice (same span and label; an orphan by its text)', () => {
    for (const format of ['w3c', 'label-studio', 'doccano', 'policy-lens'] as const) {
      const content = exportAs(format, [doc('docs/a.txt', [...TAGS, orphan])]).files[0].content;
      const d = new TagDocument('docs/a.txt', TEXT);
      d.load(undefined, TEXT);
      const first = d.addImported(importTags(format, content, TEXT, { file: 'docs/a.txt', onWarning: () => undefined }));
      assert.ok(first.length >= TAGS.length, format);
      assert.deepEqual(d.addImported(importTags(format, content, TEXT, { file: 'docs/a.txt', onWarning: () => undefined })), [], `${format}: nothing added the second time`);
      assert.equal(d.data.tags.length, first.length);
    }
  });

  it('two orphans of one label are two tags, the same orphan imported twice is one', () => {
    const other = tagOf('orphan', '科技部', { orphan: true, quote: { exact: '另一段删去的文字', prefix: '', suffix: '' } });
    const content = exportAs('w3c', [doc('a.txt', [orphan, other])]).files[0].content;
    const d = new TagDocument('a.txt', TEXT);
    d.load(undefined, TEXT);
    const read = () => importTags('w3c', content, TEXT, { onWarning: () => undefined });
    assert.equal(d.addImported(read()).length, 2);
    assert.equal(d.addImported(read()).length, 0);
  });

  it('doccano and Label Studio find the document by its path, absolute or relative, among documents with the same text', () => {
    const a = doc('/home/研究员/ws/docs/a.txt', [TAGS[0]]);
    const b = doc('/home/研究员/ws/docs/b.txt', [TAGS[1]]);
    for (const format of ['doccano', 'label-studio'] as const) {
      const content = exportAs(format, [a, b]).stdout!;
      assert.deepEqual(importTags(format, content, TEXT, { file: 'docs/b.txt' }).map((t) => t.label), [TAGS[1].label], `${format}: relative finds the absolute`);
      assert.deepEqual(importTags(format, content, TEXT, { file: './docs/a.txt' }).map((t) => t.label), [TAGS[0].label], `${format}: ./ is ignored`);
      const rel = exportAs(format, [doc('docs/a.txt', [TAGS[0]]), doc('docs\\b.txt', [TAGS[1]])]).stdout!;
      assert.deepEqual(importTags(format, rel, TEXT, { file: 'C:\\Users\\张\\ws\\docs\\b.txt' }).map((t) => t.label), [TAGS[1].label], `${format}: absolute (Windows) finds the relative`);
      assert.deepEqual(importTags(format, rel, TEXT, { file: 'other/a.txt' }).map((t) => t.label), [TAGS[0].label], `${format}: no path matches: the first with the text`);
    }
  });

  it('W3C reads the annotations of the document named absolute or relative', () => {
    const json = exportAs('w3c', [doc('/home/u/ws/docs/a.txt', [TAGS[0]])]).files[0].content;
    assert.deepEqual(importTags('w3c', json, TEXT, { source: 'docs/a.txt' }).map((t) => t.label), [TAGS[0].label]);
    assert.deepEqual(importTags('w3c', json, TEXT, { source: 'docs/b.txt' }), []);
  });
});

// ---------------------------------------------------------------------------------------------
// Tables for statisticians: CSV (read back with an RFC 4180 reader) and XLSX (read back with ExcelJS).

/** RFC 4180: records end with CRLF; a quoted field may hold commas, CRLF and doubled quotes. */
function parseCsv(s: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  while (i < s.length) {
    if (s[i] === '"') {
      i++;
      for (;;) {
        const q = s.indexOf('"', i);
        assert.ok(q >= 0, 'an unclosed quote');
        field += s.slice(i, q);
        i = q + 1;
        if (s[i] === '"') {
          field += '"';
          i++;
        } else break;
      }
    } else if (s[i] === ',') {
      row.push(field);
      field = '';
      i++;
    } else if (s.startsWith('\r\n', i)) {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 2;
    } else {
      assert.ok(s[i] !== '\r' && s[i] !== '\n', `a bare line break outside quotes at ${i}`);
      field += s[i++];
    }
  }
  assert.equal(field, '', 'the last record ends with CRLF');
  assert.equal(row.length, 0);
  return rows;
}

describe('interop: CSV and XLSX tables', () => {
  const noted = tagOf('引语', '揭榜挂帅', { note: 'He said "yes", no\r\nsecond line' });
  const withAnnotator = { ...tagOf('牵头', '科技部'), annotator: '张三' } as Tag;
  const tableDoc = (): ExportDocument => ({
    ...doc('docs/a,b "c".txt', [noted, withAnnotator]),
    entities: [...ENTITIES, { type: 'quantity', start: TEXT.indexOf('约5.76万元'), end: TEXT.indexOf('约5.76万元') + '约5.76万元'.length, text: '约5.76万元', value: 57600, unit: '元', approx: 'about' }],
    actions: [{ department: '科学技术部', mention: 0, verb: '负责', start: TEXT.indexOf('负责'), end: TEXT.indexOf('负责') + 2, object: '落实', objectStart: TEXT.indexOf('落实'), objectEnd: TEXT.indexOf('落实') + 2, role: 'lead' }],
    rejected: [{ type: 'department', start: ENTITIES[1].start, end: ENTITIES[1].end, quote: quoteAt(TEXT, ENTITIES[1].start, ENTITIES[1].end) }],
  });
  const cp = (utf16: number) => String(cpIndex(TEXT, utf16));

  it('CSV: three RFC 4180 files with a UTF-8 BOM, one row per mention, code-point offsets over CRLF and 𠀀', async () => {
    const out = await exportDocumentsAsync('csv', [tableDoc()]);
    assert.deepEqual(out.files.map((f) => f.name), ['entities.csv', 'actions.csv', 'tags.csv']);
    const table = (name: string) => {
      const content = out.files.find((f) => f.name === name)!.content as string;
      assert.ok(content.startsWith('\uFEFF'), `${name} starts with a BOM`);
      const [header, ...rows] = parseCsv(content.slice(1));
      return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
    };
    const entities = table('entities.csv');
    assert.deepEqual(entities.map((e) => e.text), ['科技部', '约5.76万元'], 'the rejected entity is left out');
    assert.deepEqual([entities[0].document, entities[0].start, entities[0].end, entities[0].type, entities[0].canonical], ['docs/a,b "c".txt', cp(ENTITIES[0].start), cp(ENTITIES[0].end), 'department', '科学技术部']);
    assert.equal(Number(entities[0].start), ENTITIES[0].start - 1, '𠀀 counts once');
    assert.deepEqual([entities[1].value, entities[1].unit, entities[1].approx], ['57600', '元', 'about']);
    for (const e of entities) assert.equal([...TEXT].slice(Number(e.start), Number(e.end)).join(''), e.text);
    const [action] = table('actions.csv');
    assert.deepEqual([action.department, action.verb, action.object, action.role, action.mention_start], ['科学技术部', '负责', '落实', 'lead', cp(ENTITIES[0].start)]);
    const tags = table('tags.csv');
    assert.deepEqual(tags.map((t) => [t.label, t.text, t.start, t.end, t.annotator, t.note]), [
      ['引语', '揭榜挂帅', cp(noted.start), cp(noted.end), '', noted.note],
      ['牵头', '科技部', cp(withAnnotator.start), cp(withAnnotator.end), '张三', ''],
    ]);
  });

  it('XLSX: a workbook with the sheets entities, actions and tags, read back with ExcelJS; numbers are numbers', async () => {
    const out = await exportDocumentsAsync('xlsx', [tableDoc()]);
    assert.deepEqual(out.files.map((f) => f.name), ['policy-lens.xlsx']);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(out.files[0].content as Uint8Array) as unknown as ArrayBuffer);
    assert.deepEqual(wb.worksheets.map((w) => w.name), ['entities', 'actions', 'tags']);
    const sheet = (name: string) => {
      const rows: unknown[][] = [];
      wb.getWorksheet(name)!.eachRow({ includeEmpty: false }, (r) => rows.push((r.values as unknown[]).slice(1)));
      const [header, ...body] = rows;
      return body.map((r) => Object.fromEntries((header as string[]).map((h, i) => [h, r[i] ?? null])));
    };
    const entities = sheet('entities');
    assert.equal(entities.length, 2);
    assert.deepEqual([entities[0].start, entities[0].end, entities[0].text, entities[0].canonical], [cpIndex(TEXT, ENTITIES[0].start), cpIndex(TEXT, ENTITIES[0].end), '科技部', '科学技术部']);
    assert.equal(entities[1].value, 57600);
    const tags = sheet('tags');
    assert.deepEqual(tags.map((t) => [t.label, t.annotator, t.note]), [['引语', null, noted.note!.replace(/\r\n/g, '\n')], ['牵头', '张三', null]], 'line breaks in a cell are LF');
    assert.equal(sheet('actions')[0].verb, '负责');
    assert.throws(() => exportAs('xlsx'), /asynchronously/);
  });

  it('the CLI writes them with export --format csv|xlsx --out DIR, and asks for --out without one', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pl-tables-'));
    try {
      const file = path.join(dir, 'doc.txt');
      fs.writeFileSync(file, TEXT);
      const io = { out: () => undefined, err: () => undefined };
      assert.equal(await main(['export', file, '--format', 'csv', '--out', path.join(dir, 'csv')], io), 0);
      const entities = parseCsv(fs.readFileSync(path.join(dir, 'csv', 'entities.csv'), 'utf8').slice(1));
      assert.ok(entities.length > 1 && entities.slice(1).every((r) => r[0] === 'doc.txt'));
      assert.equal(await main(['export', file, '--format', 'xlsx', '--out', path.join(dir, 'x')], io), 0);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(path.join(dir, 'x', 'policy-lens.xlsx'));
      assert.equal(wb.getWorksheet('entities')!.rowCount, entities.length);
      let err = '';
      assert.equal(await main(['export', file, '--format', 'xlsx'], { out: () => undefined, err: (s) => void (err += s) }), 2);
      assert.match(err, /--out/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
