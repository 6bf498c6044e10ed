import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { toPolicyLensDocument } from '../../src/core/formats/policyLens';
import type { Entity } from '../../src/core/types';
import { sha256 } from '../../src/core/text/hash';

const schema = JSON.parse(
  fs.readFileSync(path.join(__dirname, '../../../src/core/formats/policy-lens-1.schema.json'), 'utf8'),
) as { required: string[]; properties: { entities: { items: { required: string[]; properties: Record<string, unknown> } } } };

describe('export policy-lens/1', () => {
  const text = '𠮷野家😀科技部推广新机制';
  const start = text.indexOf('科技部');
  const entities: Entity[] = [
    { type: 'department', start, end: start + 3, text: '科技部', canonical: '科学技术部' },
    { type: 'quantity', start: 0, end: 2, text: '𠮷', value: 1, unit: '' },
  ];

  it('converts UTF-16 offsets to code points past U+FFFF', () => {
    const doc = toPolicyLensDocument('a.txt', text, entities);
    assert.equal(doc.entities[0].start, 4); // 𠮷 and 😀 are one code point each
    assert.equal(doc.entities[0].end, 7);
    assert.equal([...text].slice(doc.entities[0].start, doc.entities[0].end).join(''), '科技部');
    assert.equal(doc.length, [...text].length);
  });

  it('has the fields the schema requires and no others', () => {
    const doc = toPolicyLensDocument('a.txt', text, entities) as unknown as Record<string, unknown>;
    for (const key of schema.required) assert.ok(key in doc, `missing ${key}`);
    const allowed = new Set(Object.keys(schema.properties.entities.items.properties));
    for (const e of doc.entities as Array<Record<string, unknown>>) {
      for (const key of schema.properties.entities.items.required) assert.ok(key in e, `entity misses ${key}`);
      for (const key of Object.keys(e)) assert.ok(allowed.has(key), `entity has unknown ${key}`);
    }
    assert.equal(doc.format, 'policy-lens/1');
  });

  it('ids entities in order, keeps canonical, value and unit, marks source auto', () => {
    const doc = toPolicyLensDocument('a.txt', text, entities);
    assert.deepEqual(doc.entities.map((e) => e.id), ['e1', 'e2']);
    assert.equal(doc.entities[0].canonical, '科学技术部');
    assert.equal(doc.entities[0].parent, undefined);
    assert.equal(doc.entities[1].value, 1);
    assert.equal(doc.entities[1].unit, '');
    assert.ok(doc.entities.every((e) => e.source === 'auto'));
  });

  it('exports actions with the mention id and code-point spans', () => {
    const doc = toPolicyLensDocument('a.txt', text, entities, [
      { department: '科学技术部', mention: 0, verb: '推广', start: start + 3, end: start + 5, object: '新机制', objectStart: start + 5, objectEnd: start + 8 },
    ]);
    assert.deepEqual(doc.actions[0], {
      id: 'a1',
      department: '科学技术部',
      mention: 'e1',
      verb: '推广',
      start: 7,
      end: 9,
      object: '新机制',
      objectStart: 9,
      objectEnd: 12,
    });
  });

  it('hashes the UTF-8 text', () => {
    assert.equal(sha256(''), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    assert.equal(toPolicyLensDocument('a', '科', []).sha256, sha256('科'));
  });
});
