import assert from 'node:assert/strict';
import Ajv from 'ajv';
import { TagDocument } from '../../src/core/tags/document';
import { parseSidecar, readSidecar } from '../../src/core/tags/sidecar';
import { BUILTIN_RELATION_TYPES, describeRelation, mergeRelations, relationTypes } from '../../src/core/tags/relations';
import { exportDocuments, importAnnotations } from '../../src/core/formats/index';

const text = '市财政局负责落实《预算法》。\r\n𠀀市教育局配合。';

function docWithRelations() {
  const d = new TagDocument('a.txt', text);
  const dept = d.addTag(0, 4, '部门', {}, '2024-01-01T00:00:00Z');
  const task = d.addTag(6, 8, '任务', {}, '2024-01-01T00:00:00Z');
  d.addRelation('department→task', { tag: dept.id }, { tag: task.id }, '2024-01-01T00:00:00Z');
  // an automatic entity as the end: 《预算法》 (UTF-16 8–13)
  d.addRelation('cites', { tag: dept.id }, { entity: { type: 'document', start: 8, end: 13, quote: { exact: '《预算法》', prefix: '', suffix: '' } } }, '2024-01-01T00:00:00Z');
  return { d, dept, task };
}

describe('relations', () => {
  it('built-in types first, then the codebook’s own, without duplicates', () => {
    assert.deepEqual(relationTypes(['amends', 'funds', '']), [...BUILTIN_RELATION_TYPES, 'funds']);
  });

  it('round-trip through the sidecar, entity ends in code points, and follow edits', () => {
    const { d, dept } = docWithRelations();
    const json = d.serialize();
    assert.match(json, /"relations": \[/);
    const back = parseSidecar(json, text);
    const strip = (rs: typeof d.relations) => JSON.parse(JSON.stringify(rs, (k, v) => (k === 'prefix' || k === 'suffix' ? undefined : v)));
    assert.deepEqual(strip(back.relations!), strip(d.relations));
    assert.equal(back.relations!.length, 2);
    assert.equal(describeRelation(d.relations[1], d.data, text), '市财政局 → cites → 《预算法》');
    // an edit before the entity moves it
    d.applyEdits([{ start: 0, end: 0, text: 'XY' }], 'XY' + text);
    const e = d.relations[1].to;
    assert.ok('entity' in e && e.entity.start === 10 && e.entity.end === 15);
    // removing a tag removes its relations in one undoable step
    assert.ok(d.removeTag(dept.id));
    assert.equal(d.relations.length, 0);
    assert.ok(d.undo());
    assert.equal(d.relations.length, 2);
    // a sidecar without relations is written as before (no key)
    const plain = new TagDocument('b.txt', text);
    plain.addTag(0, 4, '部门');
    assert.doesNotMatch(plain.serialize(), /relations/);
  });

  it('a relation to a tag that is not in the sidecar is a one-line error; outside changes re-anchor entity ends', () => {
    const { d } = docWithRelations();
    const bad = d.serialize().replace(/"from":\{"tag":"[^"]+"\}/, '"from":{"tag":"nope"}');
    assert.throws(() => parseSidecar(bad, text), /relations\[0\]\.from\.tag "nope" is not the id of a tag/);
    const moved = readSidecar(d.serialize(), '前言。' + text).data;
    const e = moved.relations![1].to;
    assert.ok('entity' in e && e.entity.start === 11);
  });

  it('merge: additions on both sides survive, a deletion stays', () => {
    const r = (id: string) => ({ id, type: 'lead', from: { tag: 'a' }, to: { tag: 'b' }, created: 'x' });
    assert.deepEqual(mergeRelations([r('1'), r('2')], [r('1'), r('3')], [r('2'), r('4')]).map((x) => x.id), ['3', '4']);
  });

  it('brat: R lines out and back in (Arg1/Arg2 between T ids), entity ends written as T lines', () => {
    const { d } = docWithRelations();
    const input = { file: 'a.txt', text, entities: [], actions: [], tags: d.tags, rejected: [], relations: d.relations };
    const out = exportDocuments('brat', [input]);
    const ann = out.files.find((f) => f.name === 'a.ann')!.content;
    assert.match(ann, /^R1\tdepartment_u2192_task Arg1:T1 Arg2:T2$/m);
    assert.match(ann, /^R2\tcites Arg1:T1 Arg2:T3$/m);
    assert.match(ann, /^T3\tdocument 8 13\t《预算法》$/m);
    assert.match(out.files.find((f) => f.name === 'annotation.conf')!.content, /\[relations\]\ncites\tArg1:<ENTITY>, Arg2:<ENTITY>/);
    const back = importAnnotations('brat', ann, text);
    assert.equal(back.tags.length, 3);
    assert.deepEqual(
      back.relations.map((r) => [r.type, 'tag' in r.from && back.tags.find((t) => t.id === (r.from as { tag: string }).tag)!.label, 'tag' in r.to && back.tags.find((t) => t.id === (r.to as { tag: string }).tag)!.label]),
      [['department→task', '部门', '任务'], ['cites', '部门', 'document']],
    );
  });

  it('Label Studio: relation results (from_id, to_id, labels) out and back in', () => {
    const { d } = docWithRelations();
    const input = { file: 'a.txt', text, entities: [], actions: [], tags: d.tags, rejected: [], relations: d.relations };
    const json = exportDocuments('label-studio', [input]).stdout!;
    const result = (JSON.parse(json) as Array<{ annotations: Array<{ result: Array<Record<string, unknown>> }> }>)[0].annotations[0].result;
    const rels = result.filter((r) => r.type === 'relation');
    assert.equal(rels.length, 2);
    const ids = new Set(result.filter((r) => r.type === 'labels').map((r) => r.id));
    for (const r of rels) assert.ok(ids.has(r.from_id) && ids.has(r.to_id), JSON.stringify(r));
    assert.deepEqual(rels.map((r) => r.labels), [['department→task'], ['cites']]);
    const back = importAnnotations('label-studio', json, text);
    const label = (id: string) => back.tags.find((t) => t.id === id)!.label;
    assert.deepEqual(back.relations.map((r) => [r.type, label((r.from as { tag: string }).tag), label((r.to as { tag: string }).tag)]), [['department→task', '部门', '任务'], ['cites', '部门', 'document']]);
  });

  it('Label Studio: a relation from an annotator\'s tag to an automatic entity sits in that annotator\'s annotation', () => {
    const { d } = docWithRelations();
    const tags = d.tags.map((t) => ({ ...t, annotator: '张三' }));
    const input = { file: 'a.txt', text, entities: [], actions: [], tags, rejected: [], relations: d.relations };
    const task = (JSON.parse(exportDocuments('label-studio', [input]).stdout!) as Array<{ annotations: Array<{ result: Array<Record<string, unknown>>; completed_by?: { first_name: string } }> }>)[0];
    assert.equal(task.annotations.length, 1, 'the entity region is not an annotation of its own');
    assert.equal(task.annotations[0].completed_by?.first_name, '张三');
    assert.equal(task.annotations[0].result.filter((r) => r.type === 'relation').length, 2);
  });

  it('replacing the tags drops the relations to the tags replaced (the sidecar stays readable)', () => {
    const { d } = docWithRelations();
    d.replaceTags([]);
    assert.equal(d.relations.length, 0);
    parseSidecar(d.snapshot().json, text);
  });

  it('an entity end whose text was deleted stays inside the text (the sidecar can still be written)', () => {
    const { d } = docWithRelations();
    d.applyEdits([{ start: 6, end: text.length, text: '' }], text.slice(0, 6));
    for (const r of d.relations) for (const e of [r.from, r.to]) if ('entity' in e) assert.ok(e.entity.end <= 6, JSON.stringify(e));
    parseSidecar(d.snapshot().json, text.slice(0, 6));
  });
});

describe('relations in W3C Web Annotation', () => {
  it('are linking annotations whose two targets are the linked annotations, read back', () => {
    const d = new TagDocument('a.txt', text);
    const dept = d.addTag(0, 4, '部门');
    const task = d.addTag(6, 8, '任务');
    d.addRelation('lead', { tag: dept.id }, { tag: task.id });
    const json = exportDocuments('w3c', [{ file: 'a.txt', text, entities: [], actions: [], tags: d.tags, rejected: [], relations: d.relations }]).stdout!;
    const items = (JSON.parse(json) as { first: { items: Array<Record<string, unknown>> } }).first.items;
    const link = items.find((a) => a.motivation === 'linking')!;
    assert.deepEqual(link.target, [`urn:policy-lens:tag:${dept.id}`, `urn:policy-lens:tag:${task.id}`]);
    const back = importAnnotations('w3c', json, text);
    assert.equal(back.tags.length, 2);
    const label = (id: string) => back.tags.find((t) => t.id === id)!.label;
    assert.deepEqual(back.relations.map((r) => [r.type, label((r.from as { tag: string }).tag), label((r.to as { tag: string }).tag)]), [['lead', '部门', '任务']]);
  });
});

describe('relations in policy-lens/1', () => {
  it('are exported with tag and entity ids, and valid against the schema (ajv)', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { $schema: _meta, ...schema } = require('../../../src/core/formats/policy-lens-1.schema.json') as Record<string, unknown>;
    const d = new TagDocument('a.txt', text);
    const dept = d.addTag(0, 4, '部门');
    d.addRelation('cites', { tag: dept.id }, { entity: { type: 'document', start: 8, end: 13, quote: { exact: '《预算法》', prefix: '', suffix: '' } } });
    const entities = [{ type: 'document' as const, start: 8, end: 13, text: '《预算法》' }];
    const out = JSON.parse(exportDocuments('policy-lens', [{ file: 'a.txt', text, entities, actions: [], tags: d.tags, rejected: [], relations: d.relations }]).stdout!) as { relations: Array<{ from: string; to: string; type: string }> };
    assert.deepEqual(out.relations.map((r) => [r.type, r.from, r.to]), [['cites', dept.id, 'e1']]);
    // the project's ajv (6) reads the schema's keywords (draft-07 subset it uses); the 2020-12 meta-schema is not bundled with it
    const validate = new Ajv({ allErrors: true, validateSchema: false }).compile(schema);
    assert.ok(validate(out), JSON.stringify(validate.errors));
    assert.ok(!validate({ ...out, relations: [{ id: 'r', type: '', from: 'a', to: 'b' }] }));
  });
});

describe('relations imported into a document (TagDocument.addImported)', () => {
  it('lands the relations with the tags in one undoable step, maps a tag already here to its own id, and never imports twice', () => {
    const { d } = docWithRelations();
    const brat = exportDocuments('brat', [{ file: 'a.txt', text, entities: [], actions: [], tags: d.tags, rejected: [], relations: d.relations }]);
    const content = brat.files.find((f) => f.name.endsWith('.ann'))!.content;
    const imported = importAnnotations('brat', content, text, { file: 'a.txt' });
    assert.ok(imported.relations.length >= 1, 'brat has the tag–tag relation');
    // into a fresh document: tags and relations arrive together
    const fresh = new TagDocument('a.txt', text);
    assert.equal(fresh.addImported(imported.tags, imported.relations).length, imported.tags.length);
    assert.equal(fresh.relations.length, imported.relations.length);
    const ids = new Set(fresh.tags.map((t) => t.id));
    for (const r of fresh.relations) for (const e of [r.from, r.to]) if ('tag' in e) assert.ok(ids.has(e.tag));
    assert.ok(fresh.undo());
    assert.equal(fresh.relations.length, 0);
    assert.equal(fresh.tags.length, 0);
    assert.ok(fresh.redo());
    assert.equal(fresh.relations.length, imported.relations.length);
    // into the original: the tags are already here (same span + label): the tag–tag relation is not added twice
    const tagTag = (rs: typeof d.relations) => rs.filter((r) => 'tag' in r.from && 'tag' in r.to && r.type === 'department→task').length;
    d.addImported(imported.tags, imported.relations);
    assert.equal(tagTag(d.relations), 1);
    // importing the same file again adds nothing at all
    const n = d.relations.length;
    assert.equal(d.addImported(imported.tags, imported.relations).length, 0);
    assert.equal(d.relations.length, n);
    // a relation whose tags are here under other ids is mapped onto them
    const other = new TagDocument('a.txt', text);
    const a = other.addTag(0, 4, '部门');
    const b = other.addTag(6, 8, '任务');
    other.addImported(imported.tags, imported.relations);
    const tt = other.relations.find((r) => 'tag' in r.from && 'tag' in r.to)!;
    assert.deepEqual([tt.from, tt.to], [{ tag: a.id }, { tag: b.id }]);
  });
});
