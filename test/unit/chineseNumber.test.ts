import assert from 'node:assert/strict';
import { parseChineseNumber, parseNumeral, scanNumber, digitValue } from '../../src/core/recognise/chineseNumber';

describe('chineseNumber', () => {
  const cases: [string, number | undefined][] = [
    // Arabic
    ['401194', 401194],
    ['1,234', 1234],
    ['12,345,678', 12345678],
    ['１２３', 123],
    ['３．５', 3.5],
    ['69.1', 69.1],
    // Chinese digit strings and numerals
    ['二〇二一', 2021],
    ['一九四九', 1949],
    ['二○三五', 2035],
    ['三', 3],
    ['十', 10],
    ['十五', 15],
    ['二十', 20],
    ['两千', 2000],
    ['一万二千三百', 12300],
    ['三千五百万', 35000000],
    ['一千零五', 1005],
    ['三千零五十', 3050],
    ['一万二', 12000],
    ['三千五', 3500],
    ['一百一十四万亿', 114e12],
    ['十亿四千万', 1040000000],
    ['三万亿', 3e12],
    ['壹佰贰拾叁', 123],
    ['百', 100],
    // decimals with 点
    ['三点五', 3.5],
    ['六十九点一', 69.1],
    ['四十七点三万亿', 47.3e12],
    // mixed
    ['1.75万', 17500],
    ['5.76万', 57600],
    ['3.33亿', 333000000],
    ['5千', 5000],
    ['1万亿', 1e12],
    ['3千万', 3e7],
    ['90余万', 900000],
    ['20多万', 200000],
    ['4万多亿', 4e12],
    // fractions and percentages (percent figure as written)
    ['1/3', 1 / 3],
    ['三分之一', 1 / 3],
    ['三分之二', 2 / 3],
    ['百分之五', 5],
    ['百分之六十九点一', 69.1],
    ['百分之百', 100],
    ['69.1%', 69.1],
    ['69.1％', 69.1],
    ['三成', 3],
    // ranges and vague numbers
    ['一两亿', 1.5e8],
    ['两三', 2.5],
    ['七八十', 75],
    ['三四十万', 350000],
    ['数十', 10],
    ['数百万', 1e6],
    ['上百', 100],
    ['几十', 10],
    ['十几', 10],
    ['二十几', 20],
    ['三十多万', 300000],
    ['一千多万', 1e7],
    ['一百几十亿', 110e8],
    ['五亿二千多万', 5.2e8],
    ['十余万', 1e5],
    // not numbers
    ['十四五', undefined],
    ['五百三千', undefined],
    ['万物', undefined],
    ['abc', undefined],
    ['', undefined],
    ['3年', undefined],
  ];
  for (const [s, v] of cases) {
    it(`parses ${JSON.stringify(s)} → ${v}`, () => {
      const got = parseChineseNumber(s);
      if (v === undefined) assert.equal(got, undefined);
      else {
        assert.ok(got !== undefined, `${s} parsed`);
        assert.ok(Math.abs(got - v) <= 1e-9 * Math.max(1, Math.abs(v)), `${s}: ${got} ≠ ${v}`);
      }
    });
  }

  it('keeps exact values for decimals with multipliers (no float drift)', () => {
    assert.equal(parseChineseNumber('5.76万'), 57600);
    assert.equal(parseChineseNumber('3.33亿'), 333000000);
    assert.equal(parseChineseNumber('69.2万'), 692000);
  });

  it('parseNumeral keeps the implied unit and approximation', () => {
    assert.deepEqual(parseNumeral('69.1%'), { value: 69.1, unit: '%' });
    assert.deepEqual(parseNumeral('百分之五'), { value: 5, unit: '%' });
    assert.deepEqual(parseNumeral('三成'), { value: 3, unit: '成' });
    assert.deepEqual(parseNumeral('三成多'), { value: 3, unit: '成', approx: 'over' });
    assert.deepEqual(parseNumeral('90余万'), { value: 900000, unit: '', approx: 'over' });
    assert.deepEqual(parseNumeral('一两亿'), { value: 150000000, unit: '', approx: 'about' });
    assert.deepEqual(parseNumeral('数十'), { value: 10, unit: '', approx: 'over' });
    assert.deepEqual(parseNumeral('千分之三'), { value: 3, unit: '‰' });
    assert.equal(parseNumeral('三个'), undefined);
  });

  it('scanNumber reads the numeral at an offset and reports its kind', () => {
    const t = '受理举报约5.76万件';
    const s = scanNumber(t, 5);
    assert.ok(s);
    assert.equal(s.end, 10);
    assert.equal(s.value, 57600);
    assert.equal(s.kind, 'arabic');
    assert.equal(s.multiplier, true);
    const y = scanNumber('二〇二一年', 0);
    assert.equal(y?.kind, 'digits');
    assert.equal(y?.value, 2021);
    assert.equal(scanNumber('一家公司', 0)?.one, true);
    assert.equal(scanNumber('百年', 0)?.bare, true);
    assert.equal(scanNumber('超过一半', 2)?.kind, 'half');
    // 5千瓦 is 5 kW: the scanner stops before a unit that starts with 千
    assert.equal(scanNumber('5千瓦', 0)?.end, 1);
    assert.equal(scanNumber('1000万千瓦', 0)?.value, 1e7);
    assert.equal(scanNumber('近期', 0), undefined);
  });

  it('digitValue covers ASCII, full-width and Chinese digits', () => {
    assert.equal(digitValue('7'), 7);
    assert.equal(digitValue('７'), 7);
    assert.equal(digitValue('七'), 7);
    assert.equal(digitValue('两'), 2);
    assert.equal(digitValue('〇'), 0);
    assert.equal(digitValue('捌'), 8);
    assert.equal(digitValue('个'), -1);
  });
});
