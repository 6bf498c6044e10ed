/**
 * Recogniser for calendar expressions (`date` entities in the annotation
 * guide): years (2021年, 二〇二一年, 2030年前, 2021年底), months (11月,
 * 10月份, 4月底, 11月上旬), days (11月29日, 15日), quarters (前三季度,
 * 二季度, 2021年第一季度), halves (今年上半年, 去年下半年), decades and
 * centuries (20世纪80年代), relative years followed by a calendar part
 * (今年6月1日), and ranges of these written with 至/到/— (11月25日至12月2日,
 * 2021—2025年, 1至11月) as one span, and numeric dates (2021/09/06,
 * 2021-09-06). Vague expressions (今年以来, 近期, 前不久) and bare 今年 are
 * not dates. Pure string code.
 */
import { codeAt } from '../text/charClass';
import type { Entity } from '../types';
import { digitValue, isArabicDigit } from './chineseNumber';

const C_NIAN = '年'.charCodeAt(0);
const C_YUE = '月'.charCodeAt(0);
const C_RI = '日'.charCodeAt(0);
const C_HAO = '号'.charCodeAt(0);
const C_SHI = '十'.charCodeAt(0);
const C_LIANG = '两'.charCodeAt(0);

/** Relative years that make a date when a month, quarter, half or 年初/年底 follows. */
const RELATIVE_YEARS = ['今年', '去年', '明年', '前年', '后年', '当年', '本年', '同年', '次年', '翌年', '上年'];
/** Words right before a four-digit number + 年 that make it a duration (长达2600年). */
export const DURATION_BEFORE = /(?:长达|历时|近|逾|多达|将近|持续|用了|花了|坚持了)$/;
/** Festivals dated by the year written before them. */
const FESTIVAL = /^(?:春节|元旦|国庆节|国庆|中秋节|中秋|端午节|端午|清明节|清明|劳动节|五一|元宵节|元宵|除夕|重阳节|七夕)/;
/** Range separators between two calendar expressions. */
const SEPARATORS = ['——', '至', '到', '—', '–', '-', '－', '～', '~'];
/** Chars after 前 that make it a word rather than "before" (2030年前进 …). */
const QIAN_WORD_NEXT = new Set('景进列提沿线往行夕期茅所后'.split(''));

/** A number written in Arabic or Chinese digits at pos (at most maxLen chars). */
interface Num {
  value: number;
  end: number;
  arabic: boolean;
  len: number;
}

/** Chinese digits usable in dates (两 is not). */
function cnDateDigit(code: number): number {
  if (code === C_LIANG || isArabicDigit(code)) return -1;
  return digitValue(code);
}

/** An Arabic zero written inside a Chinese year (二0二0年, 二００一年: a common typing of 〇). */
function isZero(code: number): boolean {
  return code === 0x30 || code === 0xff10;
}

function readNum(text: string, pos: number, maxLen: number): Num | undefined {
  const c = codeAt(text, pos);
  if (isArabicDigit(c)) {
    let p = pos;
    let v = 0;
    while (p < text.length && isArabicDigit(codeAt(text, p))) { v = v * 10 + digitValue(codeAt(text, p)); p++; }
    if (p - pos > maxLen) return undefined;
    return { value: v, end: p, arabic: true, len: p - pos };
  }
  // Chinese: a digit string (二〇二一) or a small numeral with 十 (十二, 二十九, 三十一).
  let p = pos;
  while (p < text.length && p - pos <= maxLen && (cnDateDigit(codeAt(text, p)) >= 0 || codeAt(text, p) === C_SHI || (p > pos && isZero(codeAt(text, p))))) p++;
  const len = p - pos;
  if (len === 0 || len > maxLen) return undefined;
  let hasShi = false;
  for (let i = pos; i < p; i++) if (codeAt(text, i) === C_SHI) hasShi = true;
  let v = 0;
  if (!hasShi) {
    for (let i = pos; i < p; i++) v = v * 10 + (isZero(codeAt(text, i)) ? 0 : cnDateDigit(codeAt(text, i)));
  } else {
    // [d]十[d]
    const s = text.slice(pos, p);
    const k = s.indexOf('十');
    if (s.indexOf('十', k + 1) >= 0 || k > 1 || s.length - k > 2) return undefined;
    const tens = k === 0 ? 1 : cnDateDigit(s.charCodeAt(0));
    const ones = k === s.length - 1 ? 0 : cnDateDigit(s.charCodeAt(k + 1));
    if (tens <= 0 || ones < 0) return undefined;
    v = tens * 10 + ones;
  }
  return { value: v, end: p, arabic: false, len };
}

interface Part {
  end: number;
  /** 'year' (absolute), 'rel' (今年 …), 'month', 'day', 'quarter', 'half', 'era' (century/decade) */
  kind: 'year' | 'rel' | 'month' | 'day' | 'quarter' | 'half' | 'era';
  /** The first number of the expression (for bare-number ranges like 1至11月). */
  first?: number;
}

/** 2021年, 二〇二一年 (also 2021年度), or a relative year 今年. */
function readYear(text: string, pos: number): Part | undefined {
  for (const r of RELATIVE_YEARS) {
    if (text.startsWith(r, pos)) return { end: pos + 2, kind: 'rel' };
  }
  const n = readNum(text, pos, 4);
  if (!n || n.len !== 4 || codeAt(text, n.end) !== C_NIAN) return undefined;
  // 长达2600年, 近2000年来: a duration, not a calendar year (a quantity).
  if (DURATION_BEFORE.test(text.slice(Math.max(0, pos - 3), pos))) return undefined;
  if (n.arabic && (n.value < 1000 || n.value > 2999)) return undefined;
  if (!n.arabic && (n.value < 1000 || n.value > 2999)) return undefined;
  let end = n.end + 1;
  if (text[end] === '代') return n.value % 10 === 0 ? { end: end + 1, kind: 'era', first: n.value } : undefined;
  if (text[end] === '度') end++;
  return { end, kind: 'year', first: n.value };
}

/** 11月, 十一月, 10月份, 4月底, 11月上旬. */
function readMonth(text: string, pos: number): Part | undefined {
  const n = readNum(text, pos, 3);
  if (!n || n.value < 1 || n.value > 12 || codeAt(text, n.end) !== C_YUE) return undefined;
  if (n.arabic && n.len > 2) return undefined;
  if (!n.arabic && n.value === 10 && text.startsWith('革命', n.end + 1) && text[pos - 1] !== '年') return undefined; // 十月革命 is an event (not 2021年10月|革命老区)
  let end = n.end + 1;
  if (text[end] === '份') end++;
  const c = text[end];
  if (c === '初' || c === '底' || c === '末') end++;
  else if ((c === '上' || c === '中' || c === '下') && text[end + 1] === '旬') end += 2;
  return { end, kind: 'month', first: n.value };
}

/** 29日, 二十九日, 2号. */
function readDay(text: string, pos: number, standalone: boolean): Part | undefined {
  const n = readNum(text, pos, 3);
  if (!n || n.value < 1 || n.value > 31) return undefined;
  if (n.arabic && n.len > 2) return undefined;
  const c = codeAt(text, n.end);
  if (c !== C_RI && !(c === C_HAO && !standalone)) return undefined;
  if (standalone && !n.arabic) return undefined; // 一日三餐, 十日谈
  return { end: n.end + 1, kind: 'day', first: n.value };
}

/** 前三季度, 第一季度, 二季度, 4季度. */
function readQuarter(text: string, pos: number): Part | undefined {
  let p = pos;
  if (text[p] === '前' || text[p] === '第') p++;
  const n = readNum(text, p, 1);
  if (!n || n.value < 1 || n.value > 4) return undefined;
  if (!text.startsWith('季度', n.end)) return undefined;
  return { end: n.end + 2, kind: 'quarter', first: n.value };
}

/** 上半年, 下半年. */
function readHalf(text: string, pos: number): Part | undefined {
  if ((text[pos] === '上' || text[pos] === '下') && text.startsWith('半年', pos + 1)) return { end: pos + 3, kind: 'half' };
  return undefined;
}

/** 20世纪, 20世纪80年代, 21世纪中叶, 80年代, 八十年代. */
function readEra(text: string, pos: number): Part | undefined {
  const n = readNum(text, pos, 3);
  if (!n) return undefined;
  if (text.startsWith('世纪', n.end) && n.value >= 1 && n.value <= 21) {
    let end = n.end + 2;
    for (const s of ['上半叶', '下半叶', '中叶', '初', '末']) if (text.startsWith(s, end)) { end += s.length; break; }
    const d = readDecade(text, end);
    if (d) end = d.end;
    return { end, kind: 'era' };
  }
  return readDecade(text, pos);
}

function readDecade(text: string, pos: number): Part | undefined {
  const n = readNum(text, pos, 3);
  if (!n || !text.startsWith('年代', n.end)) return undefined;
  if (n.value % 10 !== 0 || n.value < 10 || n.value > 90) return undefined;
  let end = n.end + 2;
  for (const s of ['初', '末', '中期', '初期', '末期']) if (text.startsWith(s, end)) { end += s.length; break; }
  return { end, kind: 'era' };
}

/** Numeric dates: 2021/09/06, 2021-09-06, 2021.09.06 (same separator twice, valid month and day). */
function readNumericDate(text: string, pos: number): Part | undefined {
  const y = readNum(text, pos, 4);
  if (!y || !y.arabic || y.len !== 4 || y.value < 1000 || y.value > 2999) return undefined;
  const sep = text[y.end];
  if (sep !== '/' && sep !== '-' && sep !== '.') return undefined;
  const m = readNum(text, y.end + 1, 2);
  if (!m || !m.arabic || m.value < 1 || m.value > 12 || text[m.end] !== sep) return undefined;
  const d = readNum(text, m.end + 1, 2);
  if (!d || !d.arabic || d.value < 1 || d.value > 31) return undefined;
  if (isArabicDigit(codeAt(text, d.end)) || text[d.end] === sep) return undefined;
  return { end: d.end, kind: 'year', first: y.value };
}

/** One calendar expression (no range) at pos, or undefined. */
function readCore(text: string, pos: number): Part | undefined {
  const nd = readNumericDate(text, pos);
  if (nd) return nd;
  const era = readEra(text, pos);
  if (era) return era;
  const y = readYear(text, pos);
  if (y) {
    if (y.kind === 'era') return y;
    let q = y.end;
    // 今年年底, 今年底, 2021年底, 2021年初
    if (y.kind === 'rel' && text[q] === '年' && '初底末中'.includes(text[q + 1] ?? '\0')) return { end: beforeAt(text, q + 2), kind: 'year' };
    if ('初底末'.includes(text[q] ?? '\0') && text[q] !== undefined) return { end: beforeAt(text, q + 1), kind: 'year', first: y.first };
    const h = readHalf(text, q);
    if (h) return { end: h.end, kind: 'year', first: y.first };
    const qu = readQuarter(text, q);
    if (qu) return { end: qu.end, kind: 'year', first: y.first };
    // a festival of the year (2015年国庆节, 2021年春节前, 2021年元旦后)
    const fest = FESTIVAL.exec(text.slice(q, q + 3));
    if (fest) {
      let e = q + fest[0].length;
      if (text[e] === '后' && !'来续面期方'.includes(text[e + 1] ?? '来')) e++;
      else e = beforeAt(text, e);
      return { end: e, kind: 'year', first: y.first };
    }
    // 今年前5个月, 2024年前10个月: the first months of a year
    if (text[q] === '前') {
      const n = readNum(text, q + 1, 2);
      if (n && n.value >= 1 && n.value <= 12) {
        if (text.startsWith('个月', n.end)) return { end: n.end + 2, kind: 'year', first: y.first };
      }
    }
    // 2024年1至10月, 今年1—10月: a range of months in the year
    const n = readNum(text, q, 2);
    const sep = n && n.value >= 1 && n.value < 12 ? separatorAt(text, n.end) : 0;
    if (sep > 0) {
      const last = readMonth(text, n!.end + sep);
      if (last && last.first! > n!.value) return { end: beforeAt(text, last.end), kind: 'year', first: y.first };
    }
    const m = readMonth(text, q);
    if (m) {
      q = m.end;
      const d = readDay(text, q, false);
      if (d) q = d.end;
      return { end: beforeAt(text, q), kind: 'year', first: y.first };
    }
    if (y.kind === 'rel') return undefined; // bare 今年 is vague
    return { end: beforeAt(text, q), kind: 'year', first: y.first }; // 2030年前
  }
  const m = readMonth(text, pos);
  if (m) {
    const d = readDay(text, m.end, false);
    return { end: beforeAt(text, d ? d.end : m.end), kind: 'month', first: m.first };
  }
  const qu = readQuarter(text, pos);
  if (qu) return qu;
  const h = readHalf(text, pos);
  if (h) return h;
  return readDay(text, pos, true);
}

/** Past a 前 ("before") written after a month or day (12月底前, 6月30日前), as after a year (2030年前). */
function beforeAt(text: string, q: number): number {
  if (text[q] === '后' && text[q - 1] === '日' && !/[\u4e00-\u9fff0-9０-９]/.test(text[q + 1] ?? '')) return q + 1; // 2004年8月8日后，
  return text[q] === '前' && !QIAN_WORD_NEXT.has(text[q + 1] ?? '') && !/[0-9０-９一二两三四五六七八九十]/.test(text[q + 1] ?? '') ? q + 1 : q;
}

/** Separator length at pos, or 0. */
function separatorAt(text: string, pos: number): number {
  for (const s of SEPARATORS) if (text.startsWith(s, pos)) return s.length;
  return 0;
}

/** Is a bare number (no calendar suffix) a valid left end of a range whose right end is `right`? */
function bareRangeStart(text: string, pos: number, sepAt: number, right: Part): boolean {
  const n = readNum(text, pos, 4);
  if (!n || n.end !== sepAt || right.first === undefined) return false;
  switch (right.kind) {
    case 'year': {
      // 2021—2025年 (right side starts with a year), 1至11月 (month), 1—3季度.
      const rightIsYear = right.first >= 1000;
      if (rightIsYear) return n.len === 4 && n.value >= 1000 && n.value < right.first;
      return false;
    }
    case 'month':
      return n.value >= 1 && n.value < right.first;
    case 'quarter':
      return n.value >= 1 && n.value < right.first;
    case 'day':
      return n.value >= 1 && n.value < right.first;
    default:
      return false;
  }
}

const START = new Uint8Array(0x10000);
for (let d = 0; d <= 9; d++) { START[0x30 + d] = 1; START[0xff10 + d] = 1; }
for (const ch of '〇零○一二三四五六七八九十今去明前后当本同次翌上下第') START[ch.charCodeAt(0)] = 1;

/** Characters that can follow the digits of a date: 年 月 日 号 世(纪) 季(度) and range separators. */
const AFTER_NUMBER = new Uint8Array(0x10000);
for (const ch of '年月日号世季至到—–-－～~/.') AFTER_NUMBER[ch.charCodeAt(0)] = 1;
const C_BAN = '半'.charCodeAt(0);

/** Recognises calendar expressions in `text` as `date` entities (UTF-16 offsets). */
export function recogniseDates(text: string): Entity[] {
  const out: Entity[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = codeAt(text, i);
    if (!START[c]) { i++; continue; }
    const isNum = digitValue(c) >= 0 || c === C_SHI;
    // Fast paths: what follows must be able to make a calendar expression.
    if (isNum) {
      let p = i + 1;
      while (p < n && p - i < 5 && (digitValue(codeAt(text, p)) >= 0 || codeAt(text, p) === C_SHI)) p++;
      if (!AFTER_NUMBER[codeAt(text, p)]) { i = p; continue; }
    } else {
      const nx = codeAt(text, i + 1);
      if (nx !== C_NIAN && nx !== C_BAN && !(digitValue(nx) >= 0)) { i++; continue; }
    }
    // A number must start at the beginning of its run of digits.
    const prev = i > 0 ? codeAt(text, i - 1) : 0;
    if (isNum && (digitValue(prev) >= 0 || prev === C_SHI || prev === 0x2e || prev === 0xff0e || prev === 0x7b2c /* 第 */)) { i++; continue; }
    let part = readCore(text, i);
    const start = i;
    if (!part && isNum) {
      // Bare-number range: 1至11月, 2021—2025年, 一至三季度.
      const num = readNum(text, i, 4);
      if (num) {
        const sl = separatorAt(text, num.end);
        if (sl) {
          const right = readCore(text, num.end + sl);
          if (right && bareRangeStart(text, i, num.end, right)) part = { end: right.end, kind: right.kind };
        }
      }
    }
    if (!part) { i++; continue; }
    // Ranges: 11月25日至12月2日, 2021年至2025年, 3月1日至5日.
    const sl = separatorAt(text, part.end);
    if (sl) {
      const right = readCore(text, part.end + sl);
      if (right && right.kind !== 'rel') part = { end: right.end, kind: part.kind };
    }
    out.push({ type: 'date', start, end: part.end, text: text.slice(start, part.end) });
    i = part.end;
  }
  return out;
}
