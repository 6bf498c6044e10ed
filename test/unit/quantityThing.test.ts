import assert from 'node:assert/strict';
import { quantityThing, sameThing, thingTotal, type CountedQuantity } from '../../src/core/engine/quantityThing';

/** The thing of `quantity` in `line`. */
const thingOf = (line: string, quantity: string) => {
  const start = line.indexOf(quantity);
  assert.ok(start >= 0, quantity);
  return quantityThing(line, start, start + quantity.length);
};

describe('what a quantity measures (the hover total)', () => {
  it('takes the noun after the unit, up to a function word, a verb phrase or punctuation', () => {
    assert.deepEqual(thingOf('选派1.75万名科技特派员。', '1.75万名'), { side: 'after', text: '科技特派员' });
    assert.deepEqual(thingOf('1.75万名第一书记、1.2万支驻村工作队', '1.2万支'), { side: 'after', text: '驻村工作队' });
    assert.deepEqual(thingOf('为1160名群众进行义诊', '1160名'), { side: 'after', text: '群众' });
    assert.deepEqual(thingOf('46名党员带领163名群众', '46名'), { side: 'after', text: '党员' });
    assert.deepEqual(thingOf('资助3万名学生的学费', '3万名'), { side: 'after', text: '学生' });
  });

  it('takes the head before the quantity when nothing follows it', () => {
    assert.deepEqual(thingOf('惠及患者4万余名。', '4万余名'), { side: 'before', text: '患者' });
    assert.deepEqual(thingOf('下拨资金3.33亿元，', '3.33亿元'), { side: 'before', text: '下拨资金' });
  });

  it('cannot tell the thing of a quantity standing alone', () => {
    assert.equal(thingOf('（一）500元。', '500元'), undefined);
    assert.equal(thingOf('达到500元。', '500元'), undefined);
  });

  it('totals only quantities of the same unit and the same thing: 1.75万名科技特派员 and 3万名学生 are not summed', () => {
    const line = '选派1.75万名科技特派员，资助3万名学生，另选派2500名科技特派员。';
    const q = (text: string, value: number): CountedQuantity => ({ value, unit: '名', thing: thingOf(line, text) });
    const all = [q('1.75万名', 17500), q('3万名', 30000), q('2500名', 2500)];
    assert.deepEqual(thingTotal(all[0], all), { count: 2, total: 20000 });
    assert.deepEqual(thingTotal(all[1], all), { count: 1, total: 30000 });
    assert.ok(!sameThing(all[0], all[1]));
  });

  it('never sums a quantity whose thing is unknown, nor across units', () => {
    const unknown: CountedQuantity = { value: 500, unit: '元' };
    assert.equal(thingTotal(unknown, [unknown, { value: 20, unit: '元' }]), undefined);
    const yuan: CountedQuantity = { value: 5, unit: '元', thing: { side: 'after', text: '补助' } };
    const ge: CountedQuantity = { value: 7, unit: '个', thing: { side: 'after', text: '补助' } };
    assert.deepEqual(thingTotal(yuan, [yuan, ge, unknown]), { count: 1, total: 5 });
  });
});
