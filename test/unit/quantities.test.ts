import assert from 'node:assert/strict';
import { loadGold, spanF1 } from './goldFixtures';
import { recogniseQuantities, quantityUnitAt } from '../../src/core/recognise/quantities';
import type { Approx } from '../../src/core/types';

type Q = [text: string, value: number, unit: string, approx?: Approx];

function quantities(text: string): Q[] {
  return recogniseQuantities(text).map((e) => {
    assert.equal(e.type, 'quantity');
    assert.equal(text.slice(e.start, e.end), e.text, 'span matches text');
    const q: Q = [e.text, e.value!, e.unit!];
    if (e.approx) q.push(e.approx);
    return q;
  });
}

function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
}

function assertQuantities(text: string, expected: Q[]): void {
  const got = quantities(text);
  assert.equal(got.length, expected.length, `${text}: got ${JSON.stringify(got)}`);
  for (let i = 0; i < expected.length; i++) {
    const [t, v, u, a] = expected[i];
    const [gt, gv, gu, ga] = got[i];
    assert.equal(gt, t, `${text}: span`);
    assert.ok(close(gv, v), `${text}: value ${gv} ≠ ${v}`);
    assert.equal(gu, u, `${text}: unit`);
    assert.equal(ga, a, `${text}: approx`);
  }
}

describe('quantities', () => {
  // [sentence, expected quantities]
  const positive: [string, Q[]][] = [
    // every example in the annotation guide
    ['加强疫情防控科研攻关，14款疫苗进入Ⅲ期临床试验', [['14款', 14, '款']]],
    ['90余万科技特派员深入农村一线', [['90余万', 900000, '', 'over']]],
    ['1.75万名第一书记投入乡村振兴', [['1.75万名', 17500, '名']]],
    ['受理转办群众举报约5.76万件，', [['约5.76万件', 57600, '件', 'about']]],
    ['归集问题401194件，已受理', [['401194件', 401194, '件']]],
    ['已受理并办结，占69.1%。', [['69.1%', 69.1, '%']]],
    ['投资3.33亿元建设', [['3.33亿元', 333000000, '元']]],
    ['实施国门安全、便民利企、暖心聚力三项工程', [['三项', 3, '项']]],
    ['将甲状腺癌等12个病种纳入', [['12个', 12, '个']]],
    ['节省全社会检测费用100亿元以上。', [['100亿元以上', 1e10, '元', 'over']]],
    ['本届政府减少1/3行政审批事项', [['1/3', 1 / 3, '']]],
    ['重污染天数下降三成多，', [['三成多', 3, '成', 'over']]],
    ['中央空调24小时运行', [['24小时', 24, '小时']]],
    ['用了两个月时间', [['两个月', 2, '个月']]],
    ['庆祝中国共产党成立100周年', [['100周年', 100, '周年']]],
    ['新河村81岁老人朱玉甫', [['81岁', 81, '岁']]],
    ['每年投入一两亿元', [['一两亿元', 150000000, '元', 'about']]],
    ['完成数十项改革', [['数十项', 10, '项', 'over']]],
    ['同比下降超过一半；', [['超过一半', 0.5, '', 'over']]],
    // approximation markers
    ['同比下降超过四成。', [['超过四成', 4, '成', 'over']]],
    ['氢气年产能力超390万吨。', [['超390万吨', 3900000, '吨', 'over']]],
    ['全部降至每人80元以下，', [['80元以下', 80, '元', 'under']]],
    ['服务群众3000余人。', [['3000余人', 3000, '人', 'over']]],
    ['惠及患者4万余名。', [['4万余名', 40000, '名', 'over']]],
    ['累计服务群众1万余人次；', [['1万余人次', 10000, '人次', 'over']]],
    ['提供70余万人次现场服务', [['70余万人次', 700000, '人次', 'over']]],
    ['国内生产总值增长7.5%左右，', [['7.5%左右', 7.5, '%', 'about']]],
    ['近5年淘汰落后产能', [['近5年', 5, '年', 'about']]],
    ['压缩到不超过120个工作日。', [['不超过120个工作日', 120, '个工作日', 'under']]],
    ['不满18周岁的未成年人', [['不满18周岁', 18, '周岁', 'under']]],
    // days as a duration (三日内), a date's day otherwise (11月25日)
    ['应当在三日内报告', [['三日', 3, '日']]],
    ['改造约1亿人居住的棚户区', [['约1亿人', 1e8, '人', 'about']]],
    ['逾百万人参加', [['逾百万人', 1e6, '人', 'over']]], // a bare 百万 counts after a marker
    ['近百年来', [['近百年', 100, '年', 'about']]],
    ['投产里程超过1900公里，', [['超过1900公里', 1900, '公里', 'over']]],
    ['比2007年提高2个多百分点，', [['2个多百分点', 2, '个百分点', 'over']]],
    ['资助学生近8000万人次。', [['近8000万人次', 80000000, '人次', 'about']]],
    ['经过九十多年艰苦奋斗', [['九十多年', 90, '年', 'over']]],
    ['十几亿人的温饱问题', [['十几亿人', 1e9, '人', 'over']]],
    ['推出二十多个改革举措', [['二十多个', 20, '个', 'over']]],
    ['十来岁的孩子', [['十来岁', 10, '岁', 'about']]],
    ['新增4万多亿元。', [['4万多亿元', 4e12, '元', 'over']]],
    ['拥有十三亿多中国人民', [['十三亿多', 1.3e9, '', 'over']]],
    // units and classifiers
    ['局部积雪深达50厘米，', [['50厘米', 50, '厘米']]],
    ['引入八大类128项服务功能', [['八大类', 8, '大类'], ['128项', 128, '项']]],
    ['已累计召开2729场次，', [['2729场次', 2729, '场次']]],
    ['组织县乡村三级党员干部', [['三级', 3, '级']]],
    ['安排4.25万一线人员进企入户', [['4.25万', 42500, '']]],
    ['城镇化率提高0.5个百分点', [['0.5个百分点', 0.5, '个百分点']]],
    ['建设周期两个半月', [['两个半月', 2.5, '个月']]],
    ['煤电产能1000万千瓦以上', [['1000万千瓦以上', 1e7, '千瓦', 'over']]],
    ['装机5千瓦', [['5千瓦', 5, '千瓦']]],
    ['站立在九百六十多万平方公里的土地上', [['九百六十多万平方公里', 9600000, '平方公里', 'over']]],
    ['减产三千五百万吨', [['三千五百万吨', 35000000, '吨']]],
    ['用3至5年时间', [['3至5年', 4, '年', 'about']]],
    ['表彰1,234名先进个人', [['1,234名', 1234, '名']]],
    ['新设１２个自贸试验区', [['１２个', 12, '个']]],
    ['增长３．５％', [['３．５％', 3.5, '%']]],
    ['比重达百分之十八点五，', [['百分之十八点五', 18.5, '%']]],
    ['发生率下降到百分之四以下。', [['百分之四以下', 4, '%', 'under']]],
    ['压减三分之一以上', [['三分之一以上', 1 / 3, '', 'over']]],
    ['人均收入翻一番', [['一番', 1, '番']]],
    ['技术产业占比提高一倍', [['一倍', 1, '倍']]],
    ['接种疫苗30亿剂次', [['30亿剂次', 3e9, '剂次']]],
    ['外汇储备超过3.2万亿美元。', [['超过3.2万亿美元', 3.2e12, '美元', 'over']]],
    ['首批100吨“暖心煤”到来', [['100吨', 100, '吨']]],
    ['630人、149家企业对接成功', [['630人', 630, '人'], ['149家', 149, '家']]],
    ['“我们奋战了24小时！”他说。', [['24小时', 24, '小时']]], // quoted speech is not a term
    // more classifiers
    ['这部法律草案共7章52条。', [['7章', 7, '章'], ['52条', 52, '条']]],
    ['开行旅客列车1200余列，', [['1200余列', 1200, '列', 'over']]],
    ['新建改建道路3段，', [['3段', 3, '段']]],
    // compound units
    ['细颗粒物平均浓度为30微克/立方米。', [['30微克/立方米', 30, '微克/立方米']]],
    ['设计时速350公里/小时，', [['350公里/小时', 350, '公里/小时']]],
    ['玉米收购价2000元/吨', [['2000元/吨', 2000, '元/吨']]],
    // a four-digit number of years after a duration word is a quantity, not a date
    ['实行了长达2600年的制度', [['2600年', 2600, '年']]],
    ['近2000年来', [['近2000年', 2000, '年', 'about']]],
    // mixed Arabic numerals after 万/亿
    ['由5千多户增加到1万6千多户。', [['5千多户', 5000, '户', 'over'], ['1万6千多户', 16000, '户', 'over']]],
    ['高铁营业里程增加到2万5千公里', [['2万5千公里', 25000, '公里']]],
    ['从8300万增加到1亿3千多万。', [['8300万', 83000000, ''], ['1亿3千多万', 130000000, '', 'over']]],
    ['总投资3亿5千万元', [['3亿5千万元', 350000000, '元']]],
    // 半 as a number of time units, alone or after a whole number
    ['城镇登记失业半年以上人员', [['半年以上', 0.5, '年', 'over']]],
    ['在半个世纪里', [['半个世纪', 0.5, '个世纪']]],
    ['会议开了半小时', [['半小时', 0.5, '小时']]],
    ['用了一年半时间', [['一年半', 1.5, '年']]],
    ['历时一个半月', [['一个半月', 1.5, '个月']]],
    // ranges with the unit or multiplier written at both ends: one quantity, the midpoint, about
    ['每人补贴1000元至3000元', [['1000元至3000元', 2000, '元', 'about']]],
    ['单笔贷款5万至8万元', [['5万至8万元', 65000, '元', 'about']]],
    ['国内生产总值增长6.5%－7%，', [['6.5%－7%', 6.75, '%', 'about']]],
    ['从100人到200人', [['100人', 100, '人'], ['200人', 200, '人']]], // 到 may mark a change: two quantities
    // a half after any unit (两吨半), compound units (座次), provinces counted (三省)
    ['运走两吨半', [['两吨半', 2.5, '吨']]],
    ['工程启动一年多来', [['一年多', 1, '年', 'over']]], // 一 + time unit + 多 is a duration
    ['引进两台半自动化设备', [['两台', 2, '台']]], // 半 starts the next word after a counted thing
    ['占比20%-30%左右', [['20%-30%左右', 25, '%', 'about']]],
    ['接待游客1847座次', [['1847座次', 1847, '座次']]],
    ['黑龙江、吉林、辽宁三省', [['三省', 3, '省']]],
    // 届 counted after a verb of holding (十九届 is a session number)
    ['连续举办8届全国双创活动周', [['8届', 8, '届']]],
  ];
  for (const [text, expected] of positive) {
    it(`finds ${expected.map((q) => q[0]).join(', ') || 'nothing'} in ${text}`, () => assertQuantities(text, expected));
  }

  // Not quantities.
  const negative = [
    '2021年11月29日', '二〇二一年', '截至11月底', '15:11', '10时30分', '2021—2025年',
    '第25届', '第一书记', '党的十九届六中全会', '党的二十大', '十三届全国人大五次会议', '全球第二位',
    '“12360”海关服务热线', '拨打12345热线', '“7个100%”措施',
    '牢固树立四个意识、坚定四个自信、做到两个维护', '“四个意识”', '《关于印发3个文件的通知》',
    '一老一小', '深入基层一线', '一系列举措', '一些地方', '一起', '一体推进', '一道', '与一批龙头企业',
    '一方面', '进一步', '统一思想', '唯一', '万一', '一流大学', '一带一路', '三农工作', '全国两会', '十四五规划',
    '一个小山村', '一家公司', '一项工作',
    '万物', '千方百计', '老百姓', '十分重要', '一直', '百年奋斗', '千家万户', '成千上万',
    '零部件', '二次创业', '二级巡视员', '三天两头', '5G基站', 'PM2.5浓度', '东北三省',
    '航天科工集团三院31所承担任务', '城乡二元结构', '三年级学生', '五年规划', '全国人数十分庞大', '前三季度',
    '到2035年基本实现', '开行3列车', '今明两年要完成', '九省通衢', '几十辆三轮车'.slice(3), '5元半价'.slice(1), '反省', '上半年', '下半年', '半年报', '大半年', '13届全国人大', '第三章', '分3段时间', '使两个文明建设协调发展', '调动中央和地方两个积极性', '充分利用两个市场两种资源', '三峡工程三期工程拉开序幕',
  ];
  for (const text of negative) {
    it(`finds nothing in ${text}`, () => assert.deepEqual(quantities(text), []));
  }

  it('never crosses a line break and keeps UTF-16 offsets', () => {
    const text = '𠮷𠮷共12个\n5\n个';
    const es = recogniseQuantities(text);
    assert.equal(es.length, 1);
    assert.equal(es[0].start, 5);
    assert.equal(es[0].end, 8);
    assert.equal(es[0].text, '12个');
  });

  it('quantityUnitAt prefers the longest unit and rejects word starts', () => {
    assert.equal(quantityUnitAt('人次', 0), '人次');
    assert.equal(quantityUnitAt('个百分点', 0), '个百分点');
    assert.equal(quantityUnitAt('人民', 0), undefined);
    assert.equal(quantityUnitAt('部门', 0), undefined);
  });
});

// ---------------------------------------------------------------------------
// Scoring against the gold files (exact spans; values, units and approx too).

describe('quantities vs gold', () => {
  for (const name of ['ministries', 'localities']) {
    it(`${name}: exact-span F1 ≥ 0.97, with value+unit+approx ≥ 0.97`, () => {
      const { text, gold } = loadGold(name, 'quantity');
      const pred = recogniseQuantities(text);
      const span = spanF1(pred, gold);
      const full = spanF1(pred, gold, (p, g) =>
        close(p.value!, g.value!) && p.unit === g.unit && (p.approx ?? null) === (g.approx ?? null));
      assert.ok(span >= 0.97, `${name} quantity span F1 ${span.toFixed(3)}`);
      assert.ok(full >= 0.97, `${name} quantity value F1 ${full.toFixed(3)}`);
    });
  }
});
