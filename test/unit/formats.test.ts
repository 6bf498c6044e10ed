import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bratConfig, decodeBratType, encodeBratType } from '../../src/core/formats/brat';
import { resolveOverlaps } from '../../src/core/formats/conll';
import { FormatError } from '../../src/core/formats/errors';
import type { ExportOptions, ImportOptions } from '../../src/core/formats/format';
import { exportDocuments, formatFromName, importTags, type FormatName } from '../../src/core/formats/index';
import { labelStudioConfig, type LabelStudioTask } from '../../src/core/formats/labelStudio';
import { toPolicyLensExport, type PolicyLensDocument } from '../../src/core/formats/policyLens';
import type { W3cCollection } from '../../src/core/formats/w3c';
import { quoteAt } from '../../src/core/tags/model';
import type { RejectedEntity, Tag } from '../../src/core/tags/types';
import { sha256 } from '../../src/core/text/hash';
import type { Entity } from '../../src/core/types';

// Every format is exercised through the registry (exportDocuments / importTags), as the CLI and
// the editor use it; these wrappers only give each format's calls a short name.
type Doc = { text: string; tags: readonly Tag[]; file?: string };
const input = (d: Doc) => ({ file: d.file ?? 'doc.txt', text: d.text, entities: [], actions: [], tags: d.tags, rejected: [] });
const exported = (format: FormatName, docs: Doc[], options: ExportOptions = {}) => exportDocuments(format, docs.map(input), options);
const read = (format: FormatName) => (content: unknown, text: string, options: ImportOptions = {}) =>
  importTags(format, typeof content === 'string' ? content : JSON.stringify(content), text, options);
const toDoccano = (docs: Doc[], options: ExportOptions = {}) => exported('doccano', docs, options).stdout!;
const fromDoccano = read('doccano');
const toLabelStudio = (docs: Doc[]) => JSON.parse(exported('label-studio', docs).stdout!) as LabelStudioTask[];
const toLabelStudioJson = (docs: Doc[]) => exported('label-studio', docs).stdout!;
const fromLabelStudio = read('label-studio');
const toBrat = (text: string, tags: readonly Tag[]) => {
  const files = exported('brat', [{ text, tags }]).files;
  return { txt: files.find((f) => f.name === 'doc.txt')!.content, ann: files.find((f) => f.name === 'doc.ann')!.content };
};
const fromBrat = read('brat');
const toW3c = (text: string, tags: readonly Tag[], options: { source: string }) => JSON.parse(exported('w3c', [{ text, tags, file: options.source }]).files[0].content) as W3cCollection;
const toW3cJson = (text: string, tags: readonly Tag[], options: { source: string }) => exported('w3c', [{ text, tags, file: options.source }]).files[0].content;
const fromW3c = read('w3c');
/** The rows of a document's CoNLL file (after the "-DOCSTART- -X- O O" line and its blank line, which every file starts with). */
const toConll = (text: string, tags: readonly Tag[], options: ExportOptions = {}) => {
  const content = exported('conll', [{ text, tags }], options).files[0].content;
  assert.ok(content.startsWith('-DOCSTART- -X- O O\n\n'), 'each CoNLL file starts with the document delimiter');
  return content.slice('-DOCSTART- -X- O O\n\n'.length);
};
const fromConll = read('conll');
const tagsFromPolicyLens = read('policy-lens');

// A document with what breaks offsets: an ideographic space, CJK Extension B (𠮷) and an
// emoji past U+FFFF, CRLF line breaks, quotes; the BOM of its file is not part of it.
const TEXT = '\u3000国务院办公厅关于𠮷野家😀科技部推广“揭榜挂帅”新机制。\r\n第二行：海关总署查获约5.76万件，"quoted" 文本\ttab。\r\n';
const cps = (s: string) => [...s];
const cpIndex = (s: string, utf16: number) => cps(s.slice(0, utf16)).length;

let n = 0;
function tag(label: string, exact: string, note?: string, occurrence = 0): Tag {
  let start = -1;
  for (let k = 0; k <= occurrence; k++) start = TEXT.indexOf(exact, start + 1);
  assert.ok(start >= 0, exact);
  const t: Tag = { id: `t${++n}`, label, start, end: start + exact.length, quote: quoteAt(TEXT, start, start + exact.length), source: 'manual', created: '2024-05-01T00:00:00.000Z' };
  if (note !== undefined) t.note = note;
  return t;
}

const NOTE = 'He said "yes", \'no\'\nsecond line\r\n\ttabbed \\ backslash 引号“”';
/** Tags that BIO can carry: no overlaps, none crossing a line break. */
const FLAT: Tag[] = [
  tag('政策工具', '推广“揭榜挂帅”新机制', NOTE),
  tag('Policy tool', '𠮷野家😀'),
  tag('department', '科技部', 'confirmed by hand'),
  tag('a_b|c 标签', '海关总署', '单行'),
  tag('quantity', '约5.76万件'),
  tag('space', '\u3000'),
  tag('tab', '\t'),
];
const orphan: Tag = { ...tag('orphaned', '第二行'), id: 'orph', orphan: true, quote: { exact: '已删除的文字', prefix: '前', suffix: '后' } };
/** Plus an overlap, a tag crossing CRLF and an orphan. */
const ALL: Tag[] = [...FLAT, tag('place', '野家😀科'), tag('跨行', '。\r\n第二行', 'crosses\nCRLF'), orphan];

type Row = [number, number, string, string | null];
const proj = (tags: readonly Tag[]): Row[] =>
  tags
    .filter((t) => !t.orphan && t.end > t.start)
    .map((t): Row => [t.start, t.end, t.label, t.note ?? null])
    .sort((a, b) => a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : 1));

function assertImported(tags: Tag[]): void {
  for (const t of tags) {
    assert.equal(t.source, 'imported');
    assert.ok(t.id.startsWith('t'));
    if (!t.orphan) {
      assert.equal(t.quote.exact, TEXT.slice(t.start, t.end));
      assert.ok(TEXT.slice(0, t.start).endsWith(t.quote.prefix));
      assert.ok(TEXT.slice(t.end).startsWith(t.quote.suffix));
    }
  }
}

/** Runs `f`, expecting one FormatError of `format` with a one-line message containing `part`. */
function throwsFormat(f: () => unknown, format: string, part: string | RegExp): void {
  assert.throws(f, (e: unknown) => {
    assert.ok(e instanceof FormatError, `not a FormatError: ${String(e)}`);
    assert.equal(e.format, format);
    assert.ok(e.message.startsWith(`${format}: `), e.message);
    assert.ok(!/[\r\n]/.test(e.message), `multi-line: ${e.message}`);
    if (typeof part === 'string') assert.ok(e.message.includes(part), e.message);
    else assert.match(e.message, part);
    return true;
  });
}

const opts = { now: '2024-06-01T00:00:00.000Z' };

describe('formats: doccano', () => {
  it('round-trips spans, labels and notes losslessly (export → import → export is identical)', () => {
    const out = toDoccano([{ text: TEXT, tags: ALL, file: 'a.txt' }]);
    const back = fromDoccano(out, TEXT, opts);
    assertImported(back);
    assert.deepEqual(proj(back), proj(ALL));
    assert.equal(toDoccano([{ text: TEXT, tags: back, file: 'a.txt' }]), out);
    assert.ok(out.endsWith('\n') && out.split('\n').length === 2, 'one line');
  });

  it('writes UTF-16 offsets by default (what doccano shows) and code points on request', () => {
    const astral = FLAT[1];
    const utf16 = JSON.parse(toDoccano([{ text: TEXT, tags: [astral] }])) as { label: Array<[number, number, string]>; offset_unit: string };
    assert.equal(utf16.offset_unit, 'utf16');
    assert.deepEqual(utf16.label[0], [astral.start, astral.end, 'Policy tool']);
    assert.equal(TEXT.slice(utf16.label[0][0], utf16.label[0][1]), '𠮷野家😀');
    const cp = JSON.parse(toDoccano([{ text: TEXT, tags: [astral] }], { offsets: 'codepoint' })) as typeof utf16;
    assert.equal(cp.offset_unit, 'codepoint');
    assert.deepEqual(cp.label[0], [cpIndex(TEXT, astral.start), cpIndex(TEXT, astral.end), 'Policy tool']);
    assert.equal(cps(TEXT).slice(cp.label[0][0], cp.label[0][1]).join(''), '𠮷野家😀');
    assert.equal(cp.label[0][1] - cp.label[0][0], 4); // 𠮷 and 😀 are one code point each
    assert.deepEqual(proj(fromDoccano(JSON.stringify(cp), TEXT)), proj([astral]));
    // the caller's unit overrides the file's
    const bare = JSON.stringify({ text: TEXT, label: cp.label });
    assert.deepEqual(proj(fromDoccano(bare, TEXT, { offsets: 'codepoint' })), proj([astral]));
  });

  it('picks the document among several lines, by file or by text; reads "labels" and "entities" columns', () => {
    const other = 'another document';
    const jsonl = toDoccano([
      { text: other, tags: [], file: 'b.txt' },
      { text: TEXT, tags: FLAT, file: 'a.txt' },
    ]);
    assert.deepEqual(proj(fromDoccano(jsonl, TEXT)), proj(FLAT));
    assert.deepEqual(proj(fromDoccano(jsonl, TEXT, { file: 'a.txt' })), proj(FLAT));
    const t = FLAT[2];
    assert.deepEqual(proj(fromDoccano(JSON.stringify({ text: TEXT, labels: [[t.start, t.end, 'department']] }), TEXT)), [[t.start, t.end, 'department', null]]);
    const ents = JSON.stringify({ text: TEXT, entities: [{ id: 1, label: 'department', start_offset: t.start, end_offset: t.end }], relations: [] });
    assert.deepEqual(proj(fromDoccano(ents, TEXT)), [[t.start, t.end, 'department', null]]);
  });

  it('a BOM inside the text field: offsets counted it and are moved back', () => {
    const t = FLAT[2];
    const warnings: string[] = [];
    const line = JSON.stringify({ text: '\ufeff' + TEXT, label: [[t.start + 1, t.end + 1, 'department']] });
    assert.deepEqual(proj(fromDoccano(line, TEXT, { onWarning: (w) => warnings.push(w) })), [[t.start, t.end, 'department', null]]);
    assert.equal(warnings.length, 1);
  });

  it('rejects malformed input with one FormatError', () => {
    throwsFormat(() => fromDoccano('{"text": "x", ', 'x'), 'doccano', 'line 1: not valid JSON');
    throwsFormat(() => fromDoccano('[1,2]', 'x'), 'doccano', 'JSON object');
    throwsFormat(() => fromDoccano('{"label": []}', 'x'), 'doccano', 'no "text"');
    throwsFormat(() => fromDoccano('', 'x'), 'doccano', 'no JSON lines');
    throwsFormat(() => fromDoccano(JSON.stringify({ text: TEXT, label: [[0, 2]] }), TEXT), 'doccano', '[start, end, "label"]');
    throwsFormat(() => fromDoccano(JSON.stringify({ text: TEXT, label: [[0, 9999, 'x']] }), TEXT), 'doccano', 'past the end');
    throwsFormat(() => fromDoccano(JSON.stringify({ text: TEXT, label: [[5, 3, 'x']] }), TEXT), 'doccano', 'empty or reversed');
    throwsFormat(() => fromDoccano(JSON.stringify({ text: TEXT, label: [[-1, 3, 'x']] }), TEXT), 'doccano', 'non-negative integer');
    throwsFormat(() => fromDoccano(JSON.stringify({ text: TEXT.replace('海关', '海觉'), label: [] }), TEXT), 'doccano', /differ at code point \d+ \(document line 2/);
    throwsFormat(() => fromDoccano(toDoccano([{ text: 'a', tags: [] }, { text: 'b', tags: [] }]), TEXT), 'doccano', 'none of the 2 lines');
    // a code-point offset read as UTF-16 lands inside 𠮷
    const inside = cpIndex(TEXT, TEXT.indexOf('𠮷')) + 1;
    throwsFormat(() => fromDoccano(JSON.stringify({ text: TEXT, label: [[inside, inside + 2, 'x']] }), TEXT), 'doccano', 'look like code points');
  });
});

describe('formats: Label Studio', () => {
  it('round-trips spans, labels and notes losslessly; notes are per-region textareas with the region id', () => {
    const tasks = toLabelStudio([{ text: TEXT, tags: ALL, file: 'a.txt' }]);
    const back = fromLabelStudio(JSON.stringify(tasks), TEXT, opts);
    assertImported(back);
    assert.deepEqual(proj(back), proj(ALL));
    const again = toLabelStudio([{ text: TEXT, tags: back, file: 'a.txt' }]);
    const strip = (ts: LabelStudioTask[]) => ts.map((t) => ({ ...t, annotations: t.annotations.map((a) => ({ result: a.result.map((r) => ({ ...r, id: '' })) })) }));
    assert.deepEqual(strip(again), strip(tasks));
    const result = tasks[0].annotations[0].result;
    const noteOf = result.find((r) => r.type === 'textarea' && (r.value.text as string[])[0] === NOTE)!;
    const region = result.find((r) => r.type === 'labels' && r.id === noteOf.id)!;
    assert.deepEqual(region.value.labels, ['政策工具']);
  });

  it('uses code points, so value.text is Python\'s text[start:end]', () => {
    const [task] = toLabelStudio([{ text: TEXT, tags: ALL }]);
    assert.equal(task.data.text, TEXT);
    for (const r of task.annotations[0].result.filter((x) => x.type === 'labels')) assert.equal(cps(TEXT).slice(r.value.start, r.value.end).join(''), r.value.text);
    const astral = task.annotations[0].result.find((r) => r.value.labels?.[0] === 'Policy tool')!;
    assert.equal(astral.value.end - astral.value.start, 4);
  });

  it('reads older files whose region text escapes newlines, and gives a configuration naming the labels', () => {
    const t = ALL.find((x) => x.label === '跨行')!;
    const s = cpIndex(TEXT, t.start);
    const e = cpIndex(TEXT, t.end);
    const task = { data: { text: TEXT }, annotations: [{ result: [{ id: 'x', type: 'labels', from_name: 'label', to_name: 'text', value: { start: s, end: e, text: '。\r\\n第二行', labels: ['跨行'] } }] }] };
    assert.deepEqual(proj(fromLabelStudio(task, TEXT)), [[t.start, t.end, '跨行', null]]);
    const config = labelStudioConfig(['a "b"', '政策工具']);
    assert.ok(config.includes('<Label value="a &quot;b&quot;"/>') && config.includes('perRegion="true"'));
    assert.ok(toLabelStudioJson([{ text: TEXT, tags: [] }]).endsWith('\n'));
  });

  it('rejects malformed input with one FormatError', () => {
    throwsFormat(() => fromLabelStudio('not json', TEXT), 'label-studio', 'not valid JSON');
    throwsFormat(() => fromLabelStudio('[]', TEXT), 'label-studio', 'no tasks');
    throwsFormat(() => fromLabelStudio([{ annotations: [] }], TEXT), 'label-studio', 'no "data"');
    throwsFormat(() => fromLabelStudio([{ data: { text: 'other' }, annotations: [] }], TEXT), 'label-studio', 'not the document');
    const region = (value: Record<string, unknown>) => [{ data: { text: TEXT }, annotations: [{ result: [{ id: 'r', type: 'labels', value }] }] }];
    throwsFormat(() => fromLabelStudio(region({ start: 0, end: 999, labels: ['x'] }), TEXT), 'label-studio', 'outside the text');
    throwsFormat(() => fromLabelStudio(region({ start: '/p[1]', end: '/p[1]', labels: ['x'] }), TEXT), 'label-studio', 'HyperText');
    throwsFormat(() => fromLabelStudio(region({ start: 1, end: 3, labels: [] }), TEXT), 'label-studio', 'no label');
    // UTF-16 offsets from an old release: the text only matches when read as code units
    const t = FLAT[2];
    throwsFormat(() => fromLabelStudio(region({ start: t.start, end: t.end, text: '科技部', labels: ['x'] }), TEXT), 'label-studio', 'look like UTF-16');
  });
});

describe('formats: brat', () => {
  it('round-trips spans, labels and notes losslessly (the .ann is identical after import → export)', () => {
    const files = toBrat(TEXT, ALL);
    assert.equal(files.txt, TEXT);
    const back = fromBrat(files.ann, TEXT, { ...opts, txt: files.txt });
    assertImported(back);
    assert.deepEqual(proj(back), proj(ALL));
    assert.equal(toBrat(TEXT, back).ann, files.ann);
  });

  it('writes code points, identifier-like types and one-line notes', () => {
    const { ann } = toBrat(TEXT, ALL);
    const lines = ann.trimEnd().split('\n');
    const astral = lines.find((l) => l.includes('Policy_u20_tool'))!;
    const [, typeSpan, covered] = astral.split('\t');
    const [, s, e] = typeSpan.split(' ').map(Number);
    assert.equal(cps(TEXT).slice(s, e).join(''), '𠮷野家😀');
    assert.equal(covered, '𠮷野家😀');
    for (const l of lines.filter((x) => x.startsWith('T'))) assert.match(l.split('\t')[1].split(' ')[0], /^[A-Za-z0-9_-]+$/);
    assert.ok(lines.some((l) => /^T\d+\t\S+ \d+ \d+;\d+ \d+\t。 第二行/.test(l)), 'a span over a line break: fragments around it, their texts joined by one space (as brat checks)');
    assert.ok(lines.some((l) => l.startsWith('#') && l.endsWith('\tHe said "yes", \'no\'\\nsecond line\\r\\n\\ttabbed \\\\ backslash 引号“”')));
  });

  it('type encoding is reversible and leaves other tools\' names alone', () => {
    for (const label of ['Policy tool', '政策工具', 'a_b', '_u41_', ' u41_', '𠮷 😀', 'x-y', 'A\tB', '']) assert.equal(decodeBratType(encodeBratType(label)), label);
    assert.equal(encodeBratType('政策工具'), '_u653F__u7B56__u5DE5__u5177_');
    assert.equal(decodeBratType('Simple_chemical'), 'Simple_chemical');
    const conf = bratConfig(['Policy tool', 'Policy tool', '政策工具']);
    assert.ok(conf.annotationConf.startsWith('[entities]\nPolicy_u20_tool\n_u653F_'));
    assert.ok(conf.visualConf.includes('Policy_u20_tool | Policy tool'));
  });

  it('the BOM of the .txt is not part of the text; offsets that counted it are detected', () => {
    const files = toBrat(TEXT, FLAT);
    assert.deepEqual(proj(fromBrat(files.ann, TEXT, { txt: '\ufeff' + TEXT })), proj(FLAT));
    const counted = files.ann.replace(/^(T\d+\t\S+) (\d+) (\d+)/gm, (_m, head: string, s: string, e: string) => `${head} ${+s + 1} ${+e + 1}`);
    const warnings: string[] = [];
    assert.deepEqual(proj(fromBrat(counted, TEXT, { txt: '\ufeff' + TEXT, onWarning: (w) => warnings.push(w) })), proj(FLAT));
    assert.equal(warnings.length, 1);
  });

  it('reads fragments split at a line break as one span; reads relations without a warning', () => {
    const t = ALL.find((x) => x.label === '跨行')!;
    const s = cpIndex(TEXT, t.start);
    const e = cpIndex(TEXT, t.end);
    const warnings: string[] = [];
    const ann = `T1\tX ${s} ${s + 1};${s + 3} ${e}\t。 第二行\nT2\tY 1 3\t国务\nR1\tRel Arg1:T1 Arg2:T2\n`;
    assert.deepEqual(proj(fromBrat(ann, TEXT, { onWarning: (w) => warnings.push(w) })), [
      [1, 3, 'Y', null],
      [t.start, t.end, 'X', null],
    ]);
    assert.equal(warnings.length, 0);
  });

  it('rejects malformed input with one FormatError', () => {
    throwsFormat(() => fromBrat('T1 X 0 3 abc\n', TEXT), 'brat', 'line 1: expected "T<n>');
    throwsFormat(() => fromBrat('T1\tX 1 3\twrong\n', TEXT), 'brat', 'line 1: T1: the covered text "wrong"');
    throwsFormat(() => fromBrat('T1\tX 1 9999\tx\n', TEXT), 'brat', 'past the end');
    throwsFormat(() => fromBrat('T1\tX 3 1\tx\n', TEXT), 'brat', 'empty or reversed');
    throwsFormat(() => fromBrat('T1\tX 1 2;3 4\t国 院\n', TEXT), 'brat', 'discontinuous');
    throwsFormat(() => fromBrat('Q1\tnonsense\n', TEXT), 'brat', 'not a brat annotation line');
    throwsFormat(() => fromBrat('#1 AnnotatorNotes\n', TEXT), 'brat', 'expected "#<n>');
    throwsFormat(() => fromBrat('', TEXT, { txt: 'other' }), 'brat', 'the .txt is not the document');
    throwsFormat(() => fromBrat('T1\tX 1 3\t国务\nT1\tX 1 3\t国务\n', TEXT), 'brat', 'used twice');
  });
});

describe('formats: W3C Web Annotation', () => {
  it('round-trips spans, labels and notes losslessly, and keeps orphans as quote-only annotations', () => {
    const coll = toW3c(TEXT, ALL, { source: 'a.txt' });
    assert.equal(coll.type, 'AnnotationCollection');
    assert.equal(coll.total, ALL.length);
    const back = fromW3c(JSON.stringify(coll), TEXT, { ...opts, onWarning: () => undefined });
    assertImported(back);
    assert.deepEqual(proj(back), proj(ALL));
    const lost = back.filter((t) => t.orphan);
    assert.deepEqual(
      lost.map((t) => [t.label, t.quote.exact]),
      [['orphaned', '已删除的文字']],
    );
    const again = toW3c(TEXT, back, { source: 'a.txt' });
    const strip = (c: typeof coll) => c.first.items.map((a) => ({ ...a, id: '', created: '' }));
    assert.deepEqual(strip(again), strip(coll));
    assert.ok(toW3cJson(TEXT, [], { source: 'a.txt' }).endsWith('\n'));
  });

  it('positions are code points; bodies carry the label (tagging) and the note (commenting)', () => {
    const [a] = toW3c(TEXT, [FLAT[1]], { source: 'a.txt' }).first.items;
    const pos = a.target.selector.find((s) => s.type === 'TextPositionSelector') as { start: number; end: number };
    assert.equal(cps(TEXT).slice(pos.start, pos.end).join(''), '𠮷野家😀');
    const quote = a.target.selector.find((s) => s.type === 'TextQuoteSelector') as { exact: string; prefix: string; suffix: string };
    assert.equal(quote.exact, '𠮷野家😀');
    assert.equal(cps(quote.prefix).length, cpIndex(TEXT, FLAT[1].start)); // fewer than 32 before it
    assert.equal(cps(quote.suffix).length, 32);
    const [withNote] = toW3c(TEXT, [FLAT[0]], { source: 'a.txt' }).first.items;
    assert.deepEqual(withNote.body, [
      { type: 'TextualBody', purpose: 'tagging', value: '政策工具' },
      { type: 'TextualBody', purpose: 'commenting', value: NOTE, format: 'text/plain' },
    ]);
  });

  it('re-anchors by quote when the text moved, and reads plain arrays, pages and single annotations', () => {
    const [a] = toW3c(TEXT, [FLAT[2]], { source: 'a.txt' }).first.items;
    const moved = '前言。' + TEXT;
    const warnings: string[] = [];
    const back = fromW3c([a], moved, { onWarning: (w) => warnings.push(w) });
    assert.equal(moved.slice(back[0].start, back[0].end), '科技部');
    assert.equal(warnings.length, 1);
    assert.equal(fromW3c({ type: 'AnnotationPage', items: [a] }, TEXT).length, 1);
    assert.equal(fromW3c(a, TEXT).length, 1);
    assert.equal(fromW3c([a], TEXT, { source: 'other.txt' }).length, 0);
  });

  it('rejects malformed input with one FormatError', () => {
    throwsFormat(() => fromW3c('{', TEXT), 'w3c', 'not valid JSON');
    throwsFormat(() => fromW3c({ type: 'Thing' }, TEXT), 'w3c', 'expected an Annotation');
    throwsFormat(() => fromW3c({ type: 'AnnotationCollection', first: 'https://example.org/page1' }, TEXT), 'w3c', 'embedded');
    const target = { source: 'a.txt', selector: { type: 'TextPositionSelector', start: 1, end: 3 } };
    throwsFormat(() => fromW3c([{ type: 'Annotation', body: { type: 'TextualBody', value: 'x' }, target }], TEXT), 'w3c', 'purpose "tagging"');
    const body = { type: 'TextualBody', purpose: 'tagging', value: 'x' };
    throwsFormat(() => fromW3c([{ type: 'Annotation', body, target: 'a.txt' }], TEXT), 'w3c', 'no target with a selector');
    throwsFormat(() => fromW3c([{ type: 'Annotation', body, target: { source: 'a', selector: { type: 'CssSelector' } } }], TEXT), 'w3c', 'neither');
    throwsFormat(() => fromW3c([{ type: 'Annotation', body, target: { source: 'a', selector: { type: 'TextPositionSelector', start: 1, end: 999 } } }], TEXT), 'w3c', 'past the end');
  });
});

describe('formats: CoNLL (character-level BIO)', () => {
  it('round-trips spans and labels losslessly when tags neither overlap nor cross a line break (notes are not carried)', () => {
    const out = toConll(TEXT, FLAT);
    const back = fromConll(out, TEXT, opts);
    assertImported(back);
    assert.deepEqual(
      proj(back),
      proj(FLAT).map(([s, e, l]) => [s, e, l, null]),
    );
    assert.equal(toConll(TEXT, back), out);
  });

  it('one code point per row, blank line per line break, whitespace escaped visibly', () => {
    const out = toConll(TEXT, FLAT);
    const blocks = out.trimEnd().split('\n\n');
    assert.equal(blocks.length, 2);
    const rows = out.split('\n').filter((l) => l !== '');
    assert.equal(rows.length, cps(TEXT.replace(/\r\n/g, '')).length);
    assert.equal(rows[0], '\\u3000\tB-space');
    assert.ok(rows.includes('𠮷\tB-Policy\\u0020tool') && rows.includes('😀\tI-Policy\\u0020tool'));
    assert.ok(rows.includes('\\u0009\tB-tab') && rows.includes('\\u0020\tO'));
    assert.ok(rows.every((r) => /^\S+\t\S/.test(r)), 'every row has a visible character and a tag');
    assert.ok(rows.includes('海\tB-a_b|c\\u0020标签'), 'a space in a label is escaped, so every row has two whitespace-separated columns');
  });

  it('overlaps: the earlier, then the longer tag wins; the other is left out whole', () => {
    const outer = tag('outer', '科技部推广');
    const inner = tag('inner', '技部');
    const late = tag('late', '推广“揭');
    const same = tag('same-start-shorter', '科技');
    const { kept, dropped } = resolveOverlaps([inner, late, outer, same]);
    assert.deepEqual(kept.map((t) => t.label), ['outer']);
    assert.deepEqual(dropped.map((t) => t.label).sort(), ['inner', 'late', 'same-start-shorter']);
    const back = fromConll(toConll(TEXT, [inner, late, outer, same]), TEXT);
    assert.deepEqual(proj(back), [[outer.start, outer.end, 'outer', null]]);
  });

  it('a tag crossing a line break comes back as two; sentence split restarts after 。', () => {
    const cross = ALL.find((t) => t.label === '跨行')!;
    const back = fromConll(toConll(TEXT, [cross]), TEXT);
    assert.deepEqual(
      back.map((t) => TEXT.slice(t.start, t.end)),
      ['。', '第二行'],
    );
    const sentences = toConll('一。二！”三', [], { split: 'sentence' });
    assert.deepEqual(sentences.trimEnd().split('\n\n'), ['一\tO\n。\tO', '二\tO\n！\tO\n”\tO', '三\tO']);
  });

  it('reads IOBES/BILOU prefixes, space-separated rows, comments and a BOM', () => {
    const text = '科技部和公安部';
    const conll = '\ufeff# a comment\n科 B-dept\n技 I-dept\n部 E-dept\n和\tO\n公\tB-dept\n安\tL-dept\n部\tU-dept\n';
    assert.deepEqual(
      fromConll(conll, text).map((t) => [text.slice(t.start, t.end), t.label]),
      [
        ['科技部', 'dept'],
        ['公安', 'dept'],
        ['部', 'dept'],
      ],
    );
    assert.equal(toConll('', []), '');
  });

  it('rejects malformed input with one FormatError', () => {
    throwsFormat(() => fromConll('科技\tO\n', '科技'), 'conll', 'line 1: expected one character');
    throwsFormat(() => fromConll('科\tO\n学\tO\n', '科技'), 'conll', 'line 2: the file has "学" where the document has "技"');
    throwsFormat(() => fromConll('科\tX\n', '科'), 'conll', 'expected a tag');
    throwsFormat(() => fromConll('科\tO\n技\tO\n部\tO\n', '科技'), 'conll', 'after the document');
    throwsFormat(() => fromConll('科\tO\n', '科技'), 'conll', 'the file ends at code point 1');
    throwsFormat(() => fromConll('科\n', '科'), 'conll', 'CHARACTER<TAB>TAG');
  });
});

describe('formats: policy-lens/1 with tags, confirmed and rejected entities', () => {
  const schema = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../src/core/formats/policy-lens-1.schema.json'), 'utf8')) as {
    properties: { tags: { items: { required: string[]; properties: Record<string, unknown> } }; entities: { items: { properties: Record<string, unknown> } } };
  };
  const at = (s: string) => TEXT.indexOf(s);
  const entities: Entity[] = [
    { type: 'department', start: at('科技部'), end: at('科技部') + 3, text: '科技部', canonical: '科学技术部' },
    { type: 'organization', start: at('国务院办公厅'), end: at('国务院办公厅') + 6, text: '国务院办公厅' },
    { type: 'quantity', start: at('约5.76万件'), end: at('约5.76万件') + 7, text: '约5.76万件', value: 57600, unit: '件', approx: 'about' },
  ];
  const rejected: RejectedEntity[] = [
    { type: 'organization', start: entities[1].start, end: entities[1].end, quote: quoteAt(TEXT, entities[1].start, entities[1].end) },
    { type: 'place', start: at('海关'), end: at('海关') + 2, quote: quoteAt(TEXT, at('海关'), at('海关') + 2) },
  ];
  const confirmed: Tag = { ...tag('department', '科技部'), id: 'conf', source: 'confirmed', entity: { type: 'department', canonical: '科学技术部' } };
  const added: Tag = { ...tag('department', '海关总署'), id: 'added' };
  const tags = [confirmed, added, FLAT[0], FLAT[1], orphan];
  const doc = toPolicyLensExport({ file: 'a.txt', text: TEXT, entities, actions: [{ department: '科学技术部', mention: 0, verb: '推广', start: at('推广'), end: at('推广') + 2, object: '新机制', objectStart: at('新机制'), objectEnd: at('新机制') + 3 }], tags, rejected });

  it('marks confirmed entities manual, rejected ones status "rejected", adds entity tags, keeps mention ids', () => {
    assert.deepEqual(
      doc.entities.map((e) => [e.id, e.type, e.text, e.source, e.status ?? '', e.tag ?? '']),
      [
        ['e1', 'department', '科技部', 'manual', '', 'conf'],
        ['e2', 'organization', '国务院办公厅', 'auto', 'rejected', ''],
        ['e3', 'quantity', '约5.76万件', 'auto', '', ''],
        ['e4', 'place', '海关', 'auto', 'rejected', ''],
        ['e5', 'department', '海关总署', 'manual', '', 'added'],
      ],
    );
    assert.equal(doc.entities[0].canonical, '科学技术部');
    assert.equal(doc.actions[0].mention, 'e1');
    assert.equal(doc.entities[4].start, cpIndex(TEXT, added.start));
  });

  it('lists every tag with code-point offsets and only schema fields', () => {
    assert.equal(doc.tags.length, tags.length);
    const allowed = new Set(Object.keys(schema.properties.tags.items.properties));
    for (const t of doc.tags) {
      for (const k of schema.properties.tags.items.required) assert.ok(k in t, `tag misses ${k}`);
      for (const k of Object.keys(t)) assert.ok(allowed.has(k), `tag has unknown ${k}`);
    }
    const entityKeys = new Set(Object.keys(schema.properties.entities.items.properties));
    for (const e of doc.entities) for (const k of Object.keys(e)) assert.ok(entityKeys.has(k), `entity has unknown ${k}`);
    const astral = doc.tags.find((t) => t.label === 'Policy tool')!;
    assert.equal(cps(TEXT).slice(astral.start, astral.end).join(''), astral.text);
    assert.equal(astral.text, '𠮷野家😀');
    const o = doc.tags.find((t) => t.id === 'orph')!;
    assert.deepEqual([o.orphan, o.text], [true, '已删除的文字']);
    assert.equal(doc.tags.find((t) => t.label === '政策工具')!.note, NOTE);
  });

  it('reads its tags back losslessly (spans, labels, notes, orphans, entity attributes)', () => {
    const back = tagsFromPolicyLens(JSON.stringify(doc), TEXT, opts);
    assertImported(back);
    assert.deepEqual(proj(back), proj(tags));
    assert.deepEqual(back.find((t) => t.entity)?.entity, confirmed.entity);
    assert.deepEqual(
      back.filter((t) => t.orphan).map((t) => t.quote.exact),
      ['已删除的文字'],
    );
    const again = toPolicyLensExport({ file: 'a.txt', text: TEXT, entities, actions: [], tags: back, rejected });
    const strip = (ts: typeof doc.tags) => ts.map((t) => ({ ...t, id: '', source: '' }));
    assert.deepEqual(strip(again.tags), strip(doc.tags));
  });

  it('rejects an export of another text with one FormatError', () => {
    throwsFormat(() => tagsFromPolicyLens(doc, TEXT + '!'), 'policy-lens', 'different text');
    throwsFormat(() => tagsFromPolicyLens('{"format": "other"}', TEXT), 'policy-lens', 'not a policy-lens/1 document');
    throwsFormat(() => tagsFromPolicyLens({ ...doc, tags: [{ id: 'x', label: 'y', start: 0, end: 2, text: 'zz', source: 'manual' }] }, TEXT), 'policy-lens', 'does not match');
    assert.equal(doc.sha256, sha256(TEXT));
  });
});

describe('formats: the registry', () => {
  it('finds a format by its name, an alias or a file extension', () => {
    assert.equal(formatFromName('doccano'), 'doccano');
    assert.equal(formatFromName('.ann'), 'brat');
    assert.equal(formatFromName('JSONLD'), 'w3c');
    assert.equal(formatFromName('ls'), 'label-studio');
    assert.equal(formatFromName('bio'), 'conll');
    assert.equal(formatFromName('json'), 'policy-lens');
    assert.equal(formatFromName('xlsx'), 'xlsx');
    assert.equal(formatFromName('docx'), undefined);
  });

  it('with withEntities, the automatic entities that were not rejected are exported as spans labelled with their type', () => {
    const at = TEXT.indexOf('科技部');
    const entities: Entity[] = [
      { type: 'department', start: at, end: at + 3, text: '科技部', canonical: '科学技术部' },
      { type: 'place', start: TEXT.indexOf('海关'), end: TEXT.indexOf('海关') + 2, text: '海关' },
    ];
    const rejected: RejectedEntity[] = [{ type: 'place', start: entities[1].start, end: entities[1].end, quote: quoteAt(TEXT, entities[1].start, entities[1].end) }];
    const out = exportDocuments('doccano', [{ file: 'a.txt', text: TEXT, entities, actions: [], tags: [FLAT[0]], rejected }], { withEntities: true });
    const line = JSON.parse(out.stdout!) as { label: Array<[number, number, string]> };
    assert.deepEqual(line.label.map((l) => l[2]).sort(), ['department', '政策工具']);
    // policy-lens/1 has every entity anyway: no extra tags
    const pl = JSON.parse(exportDocuments('policy-lens', [{ file: 'a.txt', text: TEXT, entities, actions: [], tags: [], rejected }], { withEntities: true }).stdout!) as PolicyLensDocument;
    assert.equal(pl.tags.length, 0);
    assert.equal(pl.entities.length, 2);
  });

  it('every format reads back what it wrote (spans and labels of tags that do not overlap)', () => {
    for (const format of ['policy-lens', 'doccano', 'label-studio', 'brat', 'w3c', 'conll'] as const) {
      const out = exported(format, [{ text: TEXT, tags: FLAT, file: 'a.txt' }]);
      const main = out.files.find((f) => f.name.endsWith('.ann')) ?? out.files[0];
      const back = importTags(format, main.content, TEXT, { onWarning: () => undefined });
      assert.deepEqual(
        proj(back).map(([s, e, l]) => [s, e, l]),
        proj(FLAT).map(([s, e, l]) => [s, e, l]),
        format,
      );
    }
  });
});
