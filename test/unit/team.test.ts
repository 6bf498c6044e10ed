// Team annotation in the core: the codebook (reading, its JSON Schema, tags
// validated against it, relation types), annotators and attributes on tags
// (sidecars old and new, merges, exports), review status and the queue, redo.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { CodebookError, parseCodebook, relationTypeNames, validateTags, CODEBOOK_SCHEMA_ID } from '../../src/core/tags/codebook';
import { TagDocument } from '../../src/core/tags/document';
import { mergeReview } from '../../src/core/tags/merge';
import { createTag } from '../../src/core/tags/model';
import { nextDocument, comparePaths } from '../../src/core/tags/review';
import { parseSidecar, serializeSidecar, SidecarError } from '../../src/core/tags/sidecar';
import { exportDocuments, importTags } from '../../src/core/formats/index';
import type { LabelStudioTask } from '../../src/core/formats/labelStudio';
import type { W3cCollection } from '../../src/core/formats/w3c';
import type { Tag } from '../../src/core/tags/types';

const ROOT = path.join(__dirname, '..', '..', '..');
const SCHEMA = JSON.parse(fs.readFileSync(path.join(ROOT, 'src/core/tags/codebook.schema.json'), 'utf8')) as Record<string, unknown>;

const CODEBOOK = {
  $schema: CODEBOOK_SCHEMA_ID,
  version: 1,
  labels: [
    {
      name: '政策工具',
      color: '#e8590c',
      key: '1',
      description: '政策所用的手段',
      attributes: [{ name: '强度', values: ['强', '中', '弱'], required: true }],
      children: [
        { name: '供给型', key: 'g', description: '政府直接提供资源', attributes: [{ name: '对象', description: '受益方' }] },
        { name: '需求型', color: '#123456' },
      ],
    },
    { name: '目标', color: '#2f9e44', key: '2' },
  ],
  relationTypes: [{ name: 'lead', description: '牵头', from: ['department'], to: ['政策工具/供给型'] }, { name: 'cites' }],
};

const TEXT = '科技部牵头实施揭榜挂帅，加大财政补贴力度。𠀀\r\n第二行';

function tag(label: string, exact: string, extra: Partial<Tag> = {}): Tag {
  const start = TEXT.indexOf(exact);
  return { ...createTag(TEXT, start, start + exact.length, label, { now: '2026-12-03T10:00:00.000Z', id: `t-${label}-${exact}` }), ...extra };
}

describe('team: the codebook', () => {
  it('reads hierarchical labels: paths, inherited colours and attributes, keys, descriptions, relation types', () => {
    const cb = parseCodebook(JSON.stringify(CODEBOOK, null, 2));
    assert.deepEqual(
      cb.labels.map((l) => [l.name, l.color, l.key ?? null, l.depth ?? 0]),
      [
        ['政策工具', '#e8590c', '1', 0],
        ['政策工具/供给型', '#e8590c', 'g', 1],
        ['政策工具/需求型', '#123456', null, 1],
        ['目标', '#2f9e44', '2', 0],
      ],
    );
    const supply = cb.labels[1];
    assert.equal(supply.description, '政府直接提供资源');
    assert.deepEqual(supply.attributes?.map((a) => a.name), ['强度', '对象']);
    assert.deepEqual(supply.attributes?.[0].values, ['强', '中', '弱']);
    assert.equal(cb.labels[3].attributes, undefined);
    assert.deepEqual(relationTypeNames(cb), ['lead', 'cites']);
    assert.deepEqual(cb.relationTypes[0], { name: 'lead', description: '牵头', from: ['department'], to: ['政策工具/供给型'] });
    assert.deepEqual(relationTypeNames(undefined), []);
  });

  it('refuses a bad codebook with one line naming the line of the file', () => {
    const bad = (mutate: (c: typeof CODEBOOK & Record<string, unknown>) => void): string => {
      const c = structuredClone(CODEBOOK) as typeof CODEBOOK & Record<string, unknown>;
      mutate(c);
      try {
        parseCodebook(JSON.stringify(c, null, 2));
      } catch (err) {
        assert.ok(err instanceof CodebookError, String(err));
        assert.ok(!err.message.includes('\n'));
        return err.message;
      }
      throw new Error('accepted');
    };
    assert.match(bad((c) => ((c.labels[0] as Record<string, unknown>).color = 'red')), /^line 7: labels\[0\]\.color is not a colour/);
    assert.match(bad((c) => ((c.labels[1] as Record<string, unknown>).key = 'g')), /labels\[1\]\.key "g" is already the key of "政策工具\/供给型"/);
    assert.match(bad((c) => (c.labels[0].children![0].name = 'a/b')), /contains "\/"/);
    assert.match(bad((c) => ((c.labels[0].attributes![0] as Record<string, unknown>).default = '无')), /default "无" is not one of its values/);
    assert.match(bad((c) => (c.relationTypes[0].to = ['供给型'])), /relationTypes\[0\]\.to\[0\] "供给型" is not a label/);
    assert.match(bad((c) => (c.extra = 1)), /the codebook has an unknown key "extra"/);
    assert.match(bad((c) => c.labels.push({ name: '目标', color: '#000000', key: '3' })), /the label "目标" is defined twice/);
    assert.throws(() => parseCodebook('{\n  "labels": [\n'), (e: Error) => e instanceof CodebookError && /^line 3/.test(e.message));
  });

  it('its JSON Schema (with a real $id) accepts the codebooks the reader accepts and refuses those it refuses', () => {
    assert.equal(SCHEMA.$id, CODEBOOK_SCHEMA_ID);
    const ajv = new Ajv({ allErrors: true });
    const validate = ajv.compile(SCHEMA);
    assert.ok(validate(CODEBOOK), JSON.stringify(validate.errors));
    const wrong: Array<Record<string, unknown>> = [
      { labels: [] },
      { labels: [{ name: 'x', color: 'red' }] },
      { labels: [{ name: 'a/b' }] },
      { labels: [{ name: 'x', attributes: [{ name: 'y', values: [] }] }] },
      { labels: [{ name: 'x', children: [{ name: 'y', colour: '#fff' }] }] },
      { labels: [{ name: 'x', key: 'ab' }] },
      { labels: [{ name: 'x' }], version: 2 },
    ];
    for (const w of wrong) {
      assert.equal(validate(w), false, JSON.stringify(w));
      assert.throws(() => parseCodebook(JSON.stringify(w)), CodebookError, JSON.stringify(w));
    }
  });

  it('validates tags: unknown labels (with a suggestion), attribute values outside the enumeration, unknown and missing attributes; entity types and orphans pass', () => {
    const cb = parseCodebook(JSON.stringify(CODEBOOK));
    const tags = [
      tag('政策工具/供给型', '揭榜挂帅', { attributes: { 强度: '强', 对象: '企业' } }),
      tag('供给型', '财政补贴'),
      tag('政策工具', '加大', { attributes: { 强度: '极强', 颜色: '红' } }),
      tag('department', '科技部'),
      tag('未知', '第二行', { orphan: true }),
    ];
    const issues = validateTags(tags, cb);
    assert.deepEqual(
      issues.map((i) => [i.kind, i.label, i.attribute ?? null]),
      [
        ['unknown-label', '供给型', null],
        ['bad-attribute', '政策工具', '强度'],
        ['unknown-attribute', '政策工具', '颜色'],
      ],
    );
    assert.deepEqual(issues[0].suggestions, ['政策工具/供给型']);
    assert.equal(issues[0].start, TEXT.indexOf('财政补贴'));
    assert.match(issues[1].message, /"极强" is not a value of the attribute "强度"/);
    const missing = validateTags([tag('政策工具/需求型', '财政补贴')], cb);
    assert.deepEqual(missing.map((i) => [i.kind, i.attribute]), [['missing-attribute', '强度']]);
  });
});

describe('team: annotator, attributes and review in sidecars', () => {
  it('round-trips annotator, attributes and the review status; an old sidecar without them still loads', () => {
    const doc = { document: 'a.txt', sha256: '', tags: [tag('目标', '揭榜挂帅', { annotator: '张三', attributes: { 强度: '强', a: 'x' } })], rejected: [], review: { status: 'done' as const, updated: '2026-12-03T11:00:00.000Z', by: '张三' } };
    const json = serializeSidecar(doc, TEXT);
    assert.match(json, /"annotator":"张三","attributes":\{"a":"x","强度":"强"\}/);
    assert.match(json, /"review": \{"status":"done","updated":"2026-12-03T11:00:00.000Z","by":"张三"\}/);
    const back = parseSidecar(json, TEXT);
    assert.equal(back.tags[0].annotator, '张三');
    assert.deepEqual(back.tags[0].attributes, { a: 'x', 强度: '强' });
    assert.deepEqual(back.review, doc.review);
    const old = serializeSidecar({ ...doc, tags: [tag('目标', '揭榜挂帅')], review: undefined }, TEXT);
    assert.doesNotMatch(old, /annotator|review|attributes/);
    const read = parseSidecar(old, TEXT);
    assert.equal(read.tags[0].annotator, undefined);
    assert.equal(read.review, undefined);
    assert.throws(() => parseSidecar(json.replace('"status":"done"', '"status":"finished"'), TEXT), (e: Error) => e instanceof SidecarError && /review\.status is "finished", expected one of new, in-progress, done, curated/.test(e.message));
    assert.throws(() => parseSidecar(json.replace('"a":"x"', '"a":1'), TEXT), (e: Error) => e instanceof SidecarError && /attributes\.a is not a string/.test(e.message));
  });

  it('the review status is not undone with tagging actions, and merges: mine when I changed it, else theirs', () => {
    const d = new TagDocument('a.txt', TEXT);
    d.load(undefined, TEXT);
    const t = d.addTag(0, 3, 'department', { annotator: '李四' });
    assert.equal(t.annotator, '李四');
    assert.ok(d.setReview('in-progress', '李四', '2026-12-03T12:00:00.000Z'));
    assert.equal(d.setReview('in-progress'), false);
    assert.ok(d.undo());
    assert.equal(d.tags.length, 0);
    assert.equal(d.review.status, 'in-progress');
    assert.ok(d.redo());
    assert.equal(d.tags.length, 1);
    assert.equal(d.tags[0].annotator, '李四');
    assert.equal(d.review.status, 'in-progress');
    assert.equal(d.redo(), false);
    assert.ok(d.setAttributes(t.id, { 强度: '弱' }));
    assert.deepEqual(d.tags[0].attributes, { 强度: '弱' });
    assert.ok(d.undo());
    assert.equal(d.tags[0].attributes, undefined);

    const base = { status: 'new' as const, updated: '1' };
    const mine = { status: 'done' as const, updated: '2' };
    const theirs = { status: 'in-progress' as const, updated: '3' };
    assert.deepEqual(mergeReview(base, mine, base), mine);
    assert.deepEqual(mergeReview(base, base, theirs), theirs);
    assert.deepEqual(mergeReview(base, mine, theirs), theirs); // both changed: the later wins
    assert.deepEqual(mergeReview(undefined, undefined, theirs), theirs);
  });

  it('a document with only a review status is not empty (its sidecar is written)', () => {
    const d = new TagDocument('a.txt', TEXT);
    d.load(undefined, TEXT);
    assert.ok(d.empty);
    d.setReview('done');
    assert.equal(d.empty, false);
    assert.equal(parseSidecar(d.serialize(), TEXT).review?.status, 'done');
  });
});

describe('team: the queue', () => {
  it('next document: the first new or in-progress one in path order, after the current one, wrapping around', () => {
    const docs = [
      { path: 'b/2.txt', status: 'done' as const },
      { path: 'a-b/1.txt', status: 'new' as const },
      { path: 'a/9.txt', status: 'in-progress' as const },
      { path: 'c.txt', status: 'curated' as const },
      { path: 'd.txt', status: 'new' as const },
    ];
    assert.equal(nextDocument(docs), 'a/9.txt'); // folder by folder: a/ before a-b/
    assert.equal(nextDocument(docs, 'a/9.txt'), 'a-b/1.txt');
    assert.equal(nextDocument(docs, 'a-b/1.txt'), 'd.txt');
    assert.equal(nextDocument(docs, 'd.txt'), 'a/9.txt');
    assert.equal(nextDocument(docs, 'b/2.txt'), 'd.txt');
    assert.equal(nextDocument([{ path: 'x.txt', status: 'new' }], 'x.txt'), 'x.txt');
    assert.equal(nextDocument(docs.map((d) => ({ ...d, status: 'done' as const }))), undefined);
    assert.ok(comparePaths('a/z.txt', 'a-b/a.txt') < 0);
  });
});

describe('team: annotators in exports', () => {
  const tags = [tag('目标', '揭榜挂帅', { annotator: '张三', attributes: { 强度: '强' } }), tag('措施', '财政补贴', { annotator: 'li@example.org' }), tag('措施', '第二行')];
  const input = { file: 'a.txt', text: TEXT, entities: [], actions: [], tags, rejected: [] };

  it('policy-lens/1 carries annotator and attributes, and reads them back', () => {
    const out = JSON.parse(exportDocuments('policy-lens', [input]).stdout!) as { tags: Array<Record<string, unknown>> };
    assert.equal(out.tags[0].annotator, '张三');
    assert.deepEqual(out.tags[0].attributes, { 强度: '强' });
    assert.equal(out.tags[2].annotator, undefined);
    const back = importTags('policy-lens', JSON.stringify(out), TEXT);
    assert.deepEqual(back.map((t) => t.annotator ?? null), ['张三', 'li@example.org', null]);
    assert.deepEqual(back[0].attributes, { 强度: '强' });
  });

  it('W3C: creator is a Person with the annotator\'s name, read back', () => {
    const out = JSON.parse(exportDocuments('w3c', [input]).stdout!) as W3cCollection & { first: { items: Array<{ creator?: { type: string; name: string } }> } };
    const creators = out.first.items.map((a) => a.creator ?? null);
    assert.deepEqual(creators, [{ type: 'Person', name: '张三' }, { type: 'Person', name: 'li@example.org' }, null]);
    assert.deepEqual(importTags('w3c', JSON.stringify(out), TEXT).map((t) => t.annotator ?? null), ['张三', 'li@example.org', null]);
  });

  it('Label Studio: one annotation per annotator, completed_by naming them; each read back with its annotator', () => {
    const out = JSON.parse(exportDocuments('label-studio', [input]).stdout!) as LabelStudioTask[];
    const anns = out[0].annotations;
    assert.equal(anns.length, 3);
    assert.deepEqual(anns.map((a) => a.completed_by ?? null), [{ first_name: '张三' }, { email: 'li@example.org', first_name: 'li@example.org' }, null]);
    assert.deepEqual(anns.map((a) => a.result.length), [1, 1, 1]);
    for (const [i, who] of [[0, '张三'], [1, 'li@example.org']] as const) {
      assert.deepEqual(importTags('label-studio', JSON.stringify(out), TEXT, { annotation: i }).map((t) => t.annotator), [who]);
    }
  });
});
