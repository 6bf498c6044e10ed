import assert from 'node:assert/strict';
import { DocumentModel } from '../../src/core/engine/documentModel';
import type { Entity } from '../../src/core/types';

const q = (text: string, start: number, value: number, unit: string): Entity => ({ type: 'quantity', text, start, end: start + text.length, value, unit });
const d = (text: string, start: number): Entity => ({ type: 'department', text, start, end: start + text.length, canonical: text });

describe('DocumentModel: rejected entities left out', () => {
  function model(): DocumentModel {
    const m = new DocumentModel('科技部选派1万名。\n科技部下拨2万名。');
    m.setLineEntities(0, '科技部选派1万名。', [d('科技部', 0), q('1万名', 5, 10000, '名')]);
    m.setLineEntities(1, '科技部下拨2万名。', [d('科技部', 0), q('2万名', 5, 20000, '名')]);
    return m;
  }

  it('drops a rejected entity from counts, unit totals, entityAt, entities() and mentionsOf, and lists it as rejected', () => {
    const m = model();
    assert.equal(m.count('department:科技部'), 2);
    m.setExclusion((line, e) => line === 1 && e.type === 'department');
    assert.equal(m.count('department:科技部'), 1);
    assert.equal(m.countsByType().get('department'), 1);
    assert.equal(m.entityAt(1, 1), undefined);
    assert.equal(m.entityAt(0, 1)?.text, '科技部');
    assert.equal(m.mentionsOf('department:科技部').length, 1);
    assert.equal([...m.entities()].length, 3);
    assert.deepEqual([...m.rejectedEntities()].map((r) => [r.line, r.entity.text]), [[1, '科技部']]);
    m.setExclusion((line, e) => line === 0 && e.type === 'quantity');
    assert.deepEqual(m.unitTotal('名'), { count: 1, total: 20000 });
    assert.equal(m.count('department:科技部'), 2);
    m.setExclusion(undefined);
    assert.deepEqual(m.unitTotal('名'), { count: 2, total: 30000 });
    assert.equal([...m.rejectedEntities()].length, 0);
  });

  it('keeps the counts right through edits and re-analysis of a line with a rejection', () => {
    const m = model();
    // a line inserted above: the rejected line moves to line 2 without re-analysis (its exclusion moves with it);
    // the edited first line is pending until analysed again
    let rejectedLine = 1;
    m.setExclusion((line, e) => e.type === 'department' && line === rejectedLine);
    m.applyChange({ startLine: 0, startCharacter: 0, endLine: 0, endCharacter: 0, text: '前言\n' });
    rejectedLine = 2; // as the tag store shifts the rejection's offsets
    assert.equal(m.count('department:科技部'), 0);
    assert.ok(m.isExcluded(2, m.lineEntities(2)![0]));
    m.setLineEntities(1, '科技部选派1万名。', [d('科技部', 0), q('1万名', 5, 10000, '名')]);
    assert.equal(m.count('department:科技部'), 1);
    assert.deepEqual([...m.rejectedEntities()].map((r) => r.line), [2]);
    // the rejected line edited and analysed again, now with the test looking at line 2: counts stay balanced
    m.setExclusion((line, e) => e.type === 'department' && line === 2);
    m.applyChange({ startLine: 2, startCharacter: 9, endLine: 2, endCharacter: 9, text: '！' });
    m.setLineEntities(2, '科技部下拨2万名。！', [d('科技部', 0), q('2万名', 5, 20000, '名')]);
    assert.equal(m.count('department:科技部'), 1);
    m.applyChange({ startLine: 2, startCharacter: 0, endLine: 2, endCharacter: 10, text: '' });
    assert.equal(m.count('department:科技部'), 1);
    assert.deepEqual(m.unitTotal('名'), { count: 1, total: 10000 });
    assert.equal([...m.rejectedEntities()].length, 0);
  });
});
