import assert from 'node:assert/strict';
import { summarize } from '../../src/core/engine/summary';
import type { Entity } from '../../src/core/types';

describe('workspace summary', () => {
  it('keeps every mention position by key (line and character after CRLF), departments with their texts', () => {
    const text = '科技部负责。\r\n“放管服”改革和“放管服”。\r\n张三';
    const at = (s: string, from = 0) => text.indexOf(s, from);
    const entities: Entity[] = [
      { type: 'department', text: '科技部', canonical: '科学技术部', start: 0, end: 3 },
      { type: 'term', text: '“放管服”', start: at('“放管服”'), end: at('“放管服”') + 5 },
      { type: 'term', text: '“放管服”', start: at('“放管服”', at('和')), end: at('“放管服”', at('和')) + 5 },
      { type: 'person', text: '张三', start: at('张三'), end: at('张三') + 2 },
    ];
    const s = summarize(text, entities, []);
    assert.deepEqual(s.departments, [{ canonical: '科学技术部', mentions: [{ text: '科技部', length: 3, line: 0, character: 0 }] }]);
    assert.deepEqual(new Map(s.positions), new Map([
      ['term:“放管服”', [1, 0, 5, 1, 8, 5]],
      ['person:张三', [2, 0, 2]],
    ]));
    // the counts cover every key, departments included
    assert.deepEqual(new Map(s.counts), new Map([['department:科学技术部', 1], ['term:“放管服”', 2], ['person:张三', 1]]));
  });
});
