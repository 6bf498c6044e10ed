// Curation of two annotators' tags (src/core/tags/curation.ts): what is
// agreed, how disagreements are grouped, what each choice keeps, relations and
// rejections in the result, progress, and the result as a sidecar.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { acceptedTags, curatedResult, curationProgress, describeSide, inferChoices, nextUnsettled, planCuration, type CurationChoice, type CurationSide } from '../../src/core/tags/curation';
import { TagDocument } from '../../src/core/tags/document';
import { createTag } from '../../src/core/tags/model';
import { parseSidecar, serializeSidecar } from '../../src/core/tags/sidecar';
import type { RejectedEntity, Relation, Tag } from '../../src/core/tags/types';

// 科技部 0–3, 推广 3–5, 揭榜挂帅 6–10 (inside “”), 𠀀 (past U+FFFF) 13–15, 财政局 15–18
const TEXT = '科技部推广“揭榜挂帅”机制𠀀财政局配合。\r\n第二行：县法院。';
let n = 0;
const tag = (start: number, end: number, label: string, extra: { annotator?: string; note?: string; attributes?: Record<string, string>; id?: string } = {}): Tag =>
  createTag(TEXT, start, end, label, { now: '2026-12-04T00:00:00.000Z', id: extra.id ?? `t${n++}`, ...extra });
const side = (tags: Tag[], relations: Relation[] = [], rejected: RejectedEntity[] = []): CurationSide => ({ tags, relations, rejected });

describe('curation: planning', () => {
  it('agrees on tags alike in span, label and attributes, and groups the rest into runs of overlaps', () => {
    const l = [tag(0, 3, '主体', { annotator: 'ann' }), tag(6, 10, '工具'), tag(15, 18, '主体'), tag(3, 10, '措施')];
    const r = [tag(0, 3, '主体', { annotator: 'bo' }), tag(6, 10, '目标'), tag(15, 18, '主体', { attributes: { 级别: '县' } })];
    const plan = planCuration(l, r);
    assert.deepEqual(plan.agreed.map((a) => [a.left.start, a.right.annotator]), [[0, 'bo']]);
    assert.deepEqual(
      plan.disagreements.map((d) => [d.id, d.left.map((t) => t.label), d.right.map((t) => t.label)]),
      [
        ['d3-10', ['措施', '工具'], ['目标']],
        ['d15-18', ['主体'], ['主体']], // same span and label, different attributes
      ],
    );
  });

  it('joins overlaps transitively and keeps touching spans apart', () => {
    const l = [tag(0, 4, 'A'), tag(6, 9, 'A')];
    const r = [tag(3, 7, 'A'), tag(9, 12, 'A')];
    const plan = planCuration(l, r);
    assert.deepEqual(plan.disagreements.map((d) => [d.start, d.end, d.left.length, d.right.length]), [[0, 9, 2, 1], [9, 12, 0, 1]]);
  });

  it('a tag only one side made is a disagreement; orphans and empty tags are counted and left out', () => {
    const orphan = { ...tag(0, 3, 'A'), orphan: true };
    const plan = planCuration([orphan, tag(15, 18, 'B')], [{ ...tag(3, 5, 'A'), end: 3 }]);
    assert.deepEqual(plan.ignored, { left: 1, right: 1 });
    assert.equal(plan.disagreements.length, 1);
    assert.deepEqual(plan.disagreements[0].right, []);
  });

  it('matches a side that holds the same tag twice one to one', () => {
    const plan = planCuration([tag(0, 3, 'A'), tag(0, 3, 'A')], [tag(0, 3, 'A')]);
    assert.equal(plan.agreed.length, 1);
    assert.equal(plan.disagreements.length, 1);
    assert.equal(plan.disagreements[0].left.length, 1);
  });

  it('identical sides have nothing to curate', () => {
    const l = [tag(0, 3, 'A'), tag(13, 18, 'B')];
    const plan = planCuration(l, l.map((t) => ({ ...t })));
    assert.equal(plan.disagreements.length, 0);
    assert.deepEqual(curationProgress(plan, new Map()), { settled: 0, total: 0, done: true });
  });
});

describe('curation: choices and the result', () => {
  const l = [tag(0, 3, '主体', { id: 'same', note: '牵头' }), tag(6, 10, '工具', { id: 'L1' }), tag(20, 23, '主体', { id: 'L2' })];
  const r = [tag(0, 3, '主体', { id: 'R0', note: '主管' }), tag(5, 11, '目标', { id: 'same' }), tag(15, 18, '主体', { id: 'R2' })];
  const plan = planCuration(l, r);

  it('each choice keeps what it says', () => {
    const d = plan.disagreements[0];
    const labels = (c: CurationChoice) => acceptedTags(d, c).map((t) => t.label);
    assert.deepEqual(labels('left'), ['工具']);
    assert.deepEqual(labels('right'), ['目标']);
    assert.deepEqual(labels('both'), ['目标', '工具']);
    assert.deepEqual(labels('neither'), []);
  });

  it('builds the curated tags: agreed ones with both notes, settled choices, nothing for the unsettled', () => {
    const choices = new Map<string, CurationChoice>([
      [plan.disagreements[0].id, 'both'],
      [plan.disagreements[1].id, 'neither'],
    ]);
    const result = curatedResult(plan, side(l), side(r), choices);
    assert.deepEqual(
      result.tags.map((t) => [t.id, t.label, t.start, t.note]),
      [
        ['same', '主体', 0, '牵头 | 主管'],
        ['same-2', '目标', 5, undefined], // the right side's id met the left's: renamed
        ['L1', '工具', 6, undefined],
      ],
    );
    assert.deepEqual(curationProgress(plan, choices), { settled: 2, total: 3, done: false });
    assert.equal(nextUnsettled(plan, choices)?.id, plan.disagreements[2].id);
  });

  it('carries relations whose ends are both kept, renaming right tag ends to their agreed copy, each once', () => {
    const rel = (id: string, from: string, to: string): Relation => ({ id, type: 'lead', from: { tag: from }, to: { tag: to }, created: '2026-12-04T00:00:00.000Z' });
    const entityEnd = { entity: { type: 'department' as const, start: 15, end: 18, quote: { exact: '财政局', prefix: '', suffix: '' } } };
    const leftRels = [rel('r1', 'same', 'L1'), { ...rel('r2', 'L2', 'same'), to: entityEnd }];
    const rightRels = [rel('r1', 'R0', 'same'), rel('r3', 'R0', 'R2')];
    const choices = new Map<string, CurationChoice>(plan.disagreements.map((d) => [d.id, 'both']));
    const result = curatedResult(plan, side(l, leftRels), side(r, rightRels), choices);
    assert.deepEqual(
      result.relations.map((x) => [x.id, 'tag' in x.from ? x.from.tag : 'entity', 'tag' in x.to ? x.to.tag : 'entity']),
      [
        ['r1', 'same', 'L1'],
        ['r2', 'L2', 'entity'],
        ['r1-2', 'same', 'same-2'], // R0 agreed with left's "same"; right's "same" was renamed
        ['r3', 'same', 'R2'],
      ],
    );
    const none = curatedResult(plan, side(l, leftRels), side(r, rightRels), new Map());
    assert.deepEqual(none.relations, []); // no disagreement settled: only agreed tags, no relation has both ends
  });

  it('keeps the rejections of either side once', () => {
    const rej = (start: number, end: number): RejectedEntity => ({ type: 'place', start, end, quote: { exact: TEXT.slice(start, end), prefix: '', suffix: '' } });
    const result = curatedResult(plan, side(l, [], [rej(0, 3), rej(15, 18)]), side(r, [], [rej(15, 18)]), new Map());
    assert.deepEqual(result.rejected.map((e) => e.start), [0, 15]);
  });

  it('the result is a sidecar that reads back the same, with offsets in code points', () => {
    const choices = new Map<string, CurationChoice>(plan.disagreements.map((d) => [d.id, 'right']));
    const result = curatedResult(plan, side(l), side(r), choices);
    const doc = new TagDocument('a.txt', TEXT);
    doc.load(undefined, TEXT);
    doc.replaceContent(result);
    doc.setReview('curated', 'cu');
    const raw = serializeSidecar(doc.data, TEXT);
    const back = parseSidecar(raw, TEXT);
    assert.deepEqual(back.tags.map((t) => [t.label, t.start, t.end]), result.tags.map((t) => [t.label, t.start, t.end]));
    assert.equal(back.review?.status, 'curated');
    const json = JSON.parse(raw) as { tags: Array<{ start: number; label: string }> };
    // 财政局 starts at UTF-16 15, code point 14 (𠀀 is two units)
    assert.equal(json.tags.find((t) => t.label === '主体' && t.start !== 0)?.start, 14);
    assert.ok(doc.undo());
    assert.deepEqual(doc.tags, []);
  });

  it('resumes from a curated document: left, right and both are found again, neither is asked again', () => {
    const choices = new Map<string, CurationChoice>([
      [plan.disagreements[0].id, 'both'],
      [plan.disagreements[1].id, 'right'],
      [plan.disagreements[2].id, 'neither'],
    ]);
    const result = curatedResult(plan, side(l), side(r), choices);
    const again = inferChoices(plan, result.tags);
    assert.deepEqual([...again], [
      [plan.disagreements[0].id, 'both'],
      [plan.disagreements[1].id, 'right'],
    ]);
    const leftOnly = curatedResult(plan, side(l), side(r), new Map(plan.disagreements.map((d) => [d.id, 'left' as const])));
    assert.deepEqual([...inferChoices(plan, leftOnly.tags).values()], ['left', 'left']); // the second (15–18) has no left tag: "left" keeps nothing there, like neither
  });

  it('resuming does not take an agreed tag for a choice (a side that holds the same tag twice)', () => {
    const twice = planCuration([tag(0, 3, 'A'), tag(0, 3, 'A')], [tag(0, 3, 'A')]);
    const fresh = curatedResult(twice, side([]), side([]), new Map());
    assert.deepEqual([...inferChoices(twice, fresh.tags)], []);
    const left = curatedResult(twice, side([]), side([]), new Map([[twice.disagreements[0].id, 'left' as const]]));
    assert.deepEqual([...inferChoices(twice, left.tags).values()], ['left']);
  });

  it('describes a side in one line', () => {
    assert.equal(describeSide([], TEXT), '—');
    assert.equal(describeSide([l[1], r[2]], TEXT), '工具「揭榜挂帅」; 主体「财政局」');
    assert.equal(describeSide([tag(0, 13, 'X')], TEXT, 4), 'X「科技部推…」');
  });
});

describe('curation: keys and commands in package.json', () => {
  it('binds 1 2 3 0 in the Curation view and Ctrl+; 1 2 3 0 in the editor to the four choices, each command declared and registered', () => {
    const root = path.join(__dirname, '..', '..', '..');
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { contributes: { commands: Array<{ command: string }>; keybindings: Array<{ command: string; key: string; when?: string }> } };
    const source = fs.readFileSync(path.join(root, 'src', 'vscode', 'curation.ts'), 'utf8');
    const declared = new Set(pkg.contributes.commands.map((c) => c.command));
    for (const [key, choice] of [['1', 'Left'], ['2', 'Right'], ['3', 'Both'], ['0', 'Neither']]) {
      const command = `policyLens.curation.accept${choice}`;
      assert.ok(declared.has(command), command);
      const bound = pkg.contributes.keybindings.filter((k) => k.command === command);
      assert.deepEqual(bound.map((k) => [k.key, k.when]), [
        [key, 'focusedView == policyLens.curation && policyLens.curating'],
        [`ctrl+; ${key}`, 'editorTextFocus && policyLens.curating'],
      ]);
    }
    for (const c of ['policyLens.curate', 'policyLens.curation.next', 'policyLens.curation.previous', 'policyLens.curation.reveal', 'policyLens.curation.stop']) {
      assert.ok(declared.has(c), c);
      assert.ok(source.includes(`'${c}'`), `${c} registered`);
    }
    assert.ok(source.includes('policyLens.curation.accept${'), 'the accept commands are registered from CURATION_CHOICES');
  });
});
