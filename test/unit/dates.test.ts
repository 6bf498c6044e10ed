import assert from 'node:assert/strict';
import { loadGold, spanF1 } from './goldFixtures';
import { recogniseDates } from '../../src/core/recognise/dates';
import type { Entity } from '../../src/core/types';

function dates(text: string): string[] {
  return recogniseDates(text).map((e) => {
    assert.equal(e.type, 'date');
    assert.equal(text.slice(e.start, e.end), e.text);
    return e.text;
  });
}

describe('dates', () => {
  const positive: [string, string[]][] = [
    ['2021年11月29日，会议召开', ['2021年11月29日']],
    ['2021年经济社会发展', ['2021年']],
    ['11月25日至12月2日，海关总署党委举行', ['11月25日至12月2日']],
    ['今年6月1日起施行', ['今年6月1日']],
    ['4月底前完成', ['4月底前']], // 前 belongs to the date, as in 2030年前
    ['2025年底前注册', ['2025年底前']],
    ['于2024年6月30日前完成', ['2024年6月30日前']],
    ['今年1至10月，全省', ['今年1至10月']], // a range of months in the year is one date
    ['2024年1—10月进出口', ['2024年1—10月']],
    ['2021年10月革命老区振兴发展座谈会', ['2021年10月']], // only 十月革命 is the event
    ['11月革命烈士纪念日', ['11月']],
    ['10月份以来安排4.25万一线人员', ['10月份']],
    ['力争2030年前实现碳达峰', ['2030年前']],
    ['前三季度，全国共完成', ['前三季度']],
    ['今年上半年，出口增长', ['今年上半年']],
    ['去年下半年以来', ['去年下半年']],
    ['进入二季度以后', ['二季度']],
    ['展望2035年远景目标', ['2035年']],
    ['二〇二一年', ['二〇二一年']],
    ['一九四九年十月一日', ['一九四九年十月一日']],
    ['截至11月底，通过平台', ['11月底']],
    ['10月初，新疆出现降雪', ['10月初']],
    ['11月上旬，我国华北', ['11月上旬']],
    ['11月15日，首批100吨', ['11月15日']],
    ['2021—2025年规划', ['2021—2025年']],
    ['1至11月，全国规模以上', ['1至11月']],
    ['2021年第一季度', ['2021年第一季度']],
    ['2012年底，城镇和农村', ['2012年底']],
    ['去年末居民储蓄存款', ['去年末']],
    ['上世纪80年代', ['80年代']],
    ['二十世纪八十年代', ['二十世纪八十年代']],
    ['3月1日至5日举行', ['3月1日至5日']],
    ['从二〇二〇年到二〇三五年基本实现', ['二〇二〇年到二〇三五年']],
    ['2021年度预算', ['2021年度']],
    ['6月1号开始', ['6月1号']],
    ['１９９８年', ['１９９８年']],
    ['2021年11月，2022年3月', ['2021年11月', '2022年3月']],
    ['2030年前进', ['2030年']],
    ['2021/09/06 09:28', ['2021/09/06']],
    ['发布于2021-11-29。', ['2021-11-29']],
    // Arabic zeros typed inside a Chinese year
    ['确保到二0二0年实现', ['二0二0年']],
    ['二００一年，我国国内生产总值', ['二００一年']],
    ['比二０一０年翻一番', ['二０一０年']],
    // the first months of a year
    ['今年前5个月，全国一般公共预算收入', ['今年前5个月']],
    ['2024年前10个月进出口增长', ['2024年前10个月']],
  ];
  for (const [text, expected] of positive) {
    it(`finds ${expected.join(', ')} in ${text}`, () => assert.deepEqual(dates(text), expected));
  }

  const negative = [
    '十四五规划', '今年以来', '近期', '前不久', '今年', '两个月', '三个月', '15:11', '第一书记',
    '党的十九届六中全会', '14款疫苗', '5年来', '100周年', '日前', '一日三餐', '数月', '20221年', '2021/13/06', '版本2.1.3',
    '长达2600年的制度', '近2000年来', '历时1000年', '十月革命一声炮响',
  ];
  for (const text of negative) {
    it(`finds no date in ${text}`, () => assert.deepEqual(dates(text), []));
  }
});

describe('dates vs gold', () => {
  for (const name of ['ministries', 'localities']) {
    it(`${name}: exact-span F1 ≥ 0.9`, () => {
      const { text, gold } = loadGold(name, 'date');
      const score = spanF1(recogniseDates(text), gold);
      assert.ok(score >= 0.9, `${name} date F1 ${score.toFixed(3)}`);
    });
  }
});
