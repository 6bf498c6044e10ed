import assert from 'node:assert/strict';
import { firstStartingFrom, lowerBound } from '../../src/core/text/search';

describe('binary searches', () => {
  it('lowerBound: the first value at or above, the length past the end', () => {
    const sorted = [1, 3, 3, 7];
    assert.deepEqual([0, 1, 2, 3, 4, 7, 8].map((v) => lowerBound(sorted, v)), [0, 0, 1, 1, 3, 3, 4]);
    assert.equal(lowerBound([], 5), 0);
  });

  it('firstStartingFrom: the first item starting at or after a position', () => {
    const items = [{ start: 0 }, { start: 2 }, { start: 2 }, { start: 9 }];
    assert.deepEqual([0, 1, 2, 3, 9, 10].map((p) => firstStartingFrom(items, p)), [0, 1, 1, 3, 3, 4]);
    assert.equal(firstStartingFrom([], 0), 0);
  });
});
