import assert from 'node:assert/strict';
import { sortQuantities, type SortableQuantity } from '../../src/core/engine/quantitySort';

const q = (label: string, value: number | undefined, unit: string | undefined, count = 1): SortableQuantity => ({ label, value, unit, count });

describe('quantity order in the Entities view', () => {
  it('by value across units in the name sort (each unit a group ordered by its smallest value)', () => {
    const items = [q('3.33亿元', 3.33e8, '元'), q('1.75万名', 17500, '名'), q('约5.76万件', 57600, '件'), q('120吨', 120, '吨')];
    assert.deepEqual(sortQuantities(items, 'name').map((i) => i.label), ['120吨', '1.75万名', '约5.76万件', '3.33亿元']);
  });

  it('keeps a unit together and sorts by value within it (not by text: 9名 before 10名)', () => {
    const items = [q('10名', 10, '名'), q('500元', 500, '元'), q('9名', 9, '名'), q('3万名', 30000, '名'), q('20元', 20, '元')];
    assert.deepEqual(sortQuantities(items, 'name').map((i) => i.label), ['9名', '10名', '3万名', '20元', '500元']);
  });

  it('the count sort puts the unit with most mentions first, still by value inside', () => {
    const items = [q('10名', 10, '名', 1), q('500元', 500, '元', 3), q('9名', 9, '名', 1), q('20元', 20, '元', 1)];
    assert.deepEqual(sortQuantities(items, 'count').map((i) => i.label), ['20元', '500元', '9名', '10名']);
  });

  it('quantities without a value or unit come after the valued ones, by text', () => {
    const items = [q('若干', undefined, undefined), q('5个', 5, '个'), q('两成', 0.2, '')];
    assert.deepEqual(sortQuantities(items, 'name').map((i) => i.label), ['两成', '5个', '若干']);
  });
});
