/**
 * Parser for numbers as written in Chinese text: Arabic digits (ASCII or
 * full-width, with grouping commas and decimals), Chinese numerals in any
 * combination (一万二千三百, 十五, 两千, 二〇二一, 三点五, formal 壹贰叁),
 * mixed forms (1.75万, 3.33亿, 5千, 1万亿), fractions (1/3, 三分之一),
 * percentages (百分之五, 千分之三), vague numbers (数十, 上百, 几十, 十几,
 * 二十多万) and adjacent-numeral ranges (一两亿, 三四十).
 *
 * Pure string code: no tokenizer, no vscode. All offsets are UTF-16 indices.
 */
import { codeAt } from '../text/charClass';
import type { Approx } from '../types';

/** What kind of numeral a scan found. */
export type NumberKind =
  | 'arabic' // 401194, 1.75万, 3,000
  | 'chinese' // 三, 十五, 三千五百万, 三点五
  | 'digits' // a Chinese digit string read digit by digit: 二〇二一
  | 'range' // adjacent numerals: 一两亿 (1.5亿), 三四十 (35)
  | 'vague' // 数十, 上百, 几十, 十几
  | 'fraction' // 1/3, 三分之一
  | 'percent' // 百分之五 (value 5)
  | 'permille' // 千分之三 (value 3)
  | 'half'; // 一半

/** Result of {@link scanNumber}: one numeral starting at a given offset. */
export interface NumberScan {
  /** Offset just past the numeral (UTF-16). */
  end: number;
  /** The value with multipliers applied (percent/permille: the figure written, 百分之五 → 5). */
  value: number;
  kind: NumberKind;
  /** A 万/亿 multiplier (or 十/百/千 after Arabic digits) was applied. */
  multiplier: boolean;
  /** Approximation implied by the numeral itself: 余/多/几 inside (90余万), ranges (about), vague (over). */
  approx?: Approx;
  /** Chinese numeral starting with 百/千/万/亿 with no digit before it (百年, 万物, 千方百计). */
  bare: boolean;
  /** The numeral is exactly one character 一/壹 ("a", as in 一个, 一家). */
  one: boolean;
  /** The numeral is exactly one character 二/贰 (ordinal-like before a classifier: 二次, 二级). */
  two: boolean;
  /** Arabic only: number of integer digits written (4 for 2021); 0 for other kinds. */
  intDigits: number;
  /** The numeral has no fractional part. */
  integer: boolean;
}

// ---------------------------------------------------------------------------
// Character tables

/** Digit value per UTF-16 code unit; -1 when the unit is not a digit. */
const DIGIT = new Int8Array(0x10000).fill(-1);
/** Multiplier per code unit: 十/百/千 (and formal 拾佰仟), 万/亿 (and 萬億); 0 otherwise. */
const UNIT = new Float64Array(0x10000);

for (let d = 0; d <= 9; d++) {
  DIGIT[0x30 + d] = d; // ASCII
  DIGIT[0xff10 + d] = d; // full-width ０-９
}
const CN_DIGITS: [string, number][] = [
  ['零', 0], ['〇', 0], ['○', 0], ['一', 1], ['二', 2], ['两', 2], ['兩', 2], ['三', 3], ['四', 4],
  ['五', 5], ['六', 6], ['七', 7], ['八', 8], ['九', 9],
  ['壹', 1], ['贰', 2], ['貳', 2], ['叁', 3], ['參', 3], ['肆', 4], ['伍', 5], ['陆', 6], ['陸', 6],
  ['柒', 7], ['捌', 8], ['玖', 9],
];
for (const [ch, v] of CN_DIGITS) DIGIT[ch.charCodeAt(0)] = v;
const CN_UNITS: [string, number][] = [
  ['十', 10], ['拾', 10], ['百', 100], ['佰', 100], ['千', 1000], ['仟', 1000],
  ['万', 1e4], ['萬', 1e4], ['亿', 1e8], ['億', 1e8],
];
for (const [ch, v] of CN_UNITS) UNIT[ch.charCodeAt(0)] = v;

const C_DOT = 0x2e; // .
const C_FW_DOT = 0xff0e; // ．
const C_COMMA = 0x2c; // ,
const C_SLASH = 0x2f; // /
const C_FW_SLASH = 0xff0f; // ／
const C_DIAN = '点'.charCodeAt(0);
const C_DUO = '多'.charCodeAt(0);
const C_YU = '余'.charCodeAt(0);
const C_JI = '几'.charCodeAt(0);
const C_BAN = '半'.charCodeAt(0);
const C_FEN = '分'.charCodeAt(0);
const C_ZHI = '之'.charCodeAt(0);
const C_SHU = '数'.charCodeAt(0);
const C_SHANG = '上'.charCodeAt(0);
const C_QIAN = '千'.charCodeAt(0);
const C_BAI = '百'.charCodeAt(0);

/** True for ASCII and full-width Arabic digits. */
export function isArabicDigit(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0xff10 && code <= 0xff19);
}

/** Digit value of one character (0-9, ０-９, 零〇一二两三…九, 壹贰叁…), or -1. */
export function digitValue(ch: string | number): number {
  const c = typeof ch === 'number' ? ch : ch.charCodeAt(0);
  return DIGIT[c] ?? -1;
}

/** Multiplier of one Chinese numeral unit character (十 10, 百, 千, 万, 亿 …), or 0. */
export function unitValue(ch: string | number): number {
  const c = typeof ch === 'number' ? ch : ch.charCodeAt(0);
  return UNIT[c] ?? 0;
}

function isCnDigit(code: number): boolean {
  return DIGIT[code] >= 0 && !isArabicDigit(code);
}

/** True when the character can be part of a Chinese numeral (digit or 十百千万亿 unit). */
export function isChineseNumeralChar(code: number): boolean {
  return (DIGIT[code] >= 0 && !isArabicDigit(code)) || UNIT[code] > 0;
}

/** Units that begin with a numeral character and must not be read as a multiplier (5千瓦 is 5 kW, not 5000 瓦). */
const UNITS_STARTING_WITH_NUMERAL = ['千瓦时', '千瓦', '千克', '千米', '千伏', '千卡', '千帕', '千兆', '百分点'];

function startsWithNumeralUnit(text: string, pos: number): boolean {
  const c = codeAt(text, pos);
  if (c !== C_QIAN && c !== C_BAI) return false;
  for (const u of UNITS_STARTING_WITH_NUMERAL) if (text.startsWith(u, pos)) return true;
  return false;
}

/** Builds a number from a decimal digit string and a power of ten without float drift (5.76 × 10⁴ = 57600). */
function scaled(digits: string, pow10: number): number {
  return pow10 === 0 ? Number(digits) : Number(`${digits}e${pow10}`);
}

/** log10 of a product of 十/百/千/万/亿 multipliers, or -1 when the sequence is not a valid multiplier suffix. */
function multiplierRun(text: string, pos: number, allowSmall: boolean): { end: number; pow: number } | undefined {
  // Valid: [十百千]? 万? 亿?  (e.g. 千万, 百万, 万亿, 千亿), at least one.
  let p = pos;
  let pow = 0;
  let stage = 0; // 0 start, 1 after small, 2 after 万, 3 after 亿
  for (;;) {
    const c = codeAt(text, p);
    const u = UNIT[c];
    if (!(u > 0)) break; // also past the end of the text (undefined)
    if (u < 1e4) {
      if (!allowSmall || stage > 0 || startsWithNumeralUnit(text, p)) break;
      stage = 1;
    } else if (u === 1e4) {
      if (stage >= 2) break;
      stage = 2;
    } else {
      if (stage >= 3) break;
      stage = 3;
    }
    pow += Math.round(Math.log10(u));
    p++;
  }
  return p > pos ? { end: p, pow } : undefined;
}

/**
 * The part after 万 or 亿 in a mixed numeral (1万6千 → 6千, 1亿3千多万 → 3千多万):
 * Arabic digits with their own multiplier, worth less than `limit` (the 万 or
 * 亿 before it). A bare trailing figure (1万6) is not read.
 */
function mixedRest(text: string, pos: number, limit: number): { end: number; value: number; approx?: Approx } | undefined {
  if (limit < 1e4 || !isArabicDigit(codeAt(text, pos))) return undefined;
  const b = scanArabic(text, pos);
  if (!b || b.digits.includes('.') || b.intDigits > 4) return undefined;
  const m = multiplierRun(text, b.end, true);
  if (!m) return undefined;
  let { end, pow } = m;
  let approx: Approx | undefined;
  const mid = codeAt(text, end);
  if (UNIT[codeAt(text, end - 1)] < 1e4 && (mid === C_DUO || mid === C_YU) && UNIT[codeAt(text, end + 1)] === 1e4) {
    pow += 4; // 3千多万
    end += 2;
    approx = 'over';
  }
  const value = scaled(b.digits, pow);
  return value > 0 && value < limit ? { end, value, approx } : undefined;
}

// ---------------------------------------------------------------------------
// Chinese integers

/**
 * Parses text[start, end) as a Chinese integer made of digits and units
 * (三千五百万, 十五, 一万二, 一千零五, 二〇二一, 两千). Returns NaN when the
 * characters do not form one well-ordered numeral (十四五, 五百三千).
 */
function parseChineseInt(text: string, start: number, end: number): number {
  let onlyDigits = true;
  for (let i = start; i < end; i++) if (UNIT[codeAt(text, i)] > 0) { onlyDigits = false; break; }
  if (onlyDigits) {
    // One digit, or a digit string read digit by digit (二〇二一).
    let v = 0;
    for (let i = start; i < end; i++) v = v * 10 + DIGIT[codeAt(text, i)];
    return v;
  }
  let yi = 0; // amount already multiplied by 亿
  let wan = 0; // amount already multiplied by 万 (below 亿)
  let sec = 0; // current section below 万
  let num = -1; // pending digit
  let lastSmall = 1e5; // last small unit in this section (must decrease)
  let lastUnit = 0; // unit just before the pending digit (for 一万二 = 12000)
  let zero = false; // a 零 since the last unit
  for (let i = start; i < end; i++) {
    const c = codeAt(text, i);
    const d = DIGIT[c];
    if (d >= 0) {
      if (d === 0) {
        if (num > 0) return NaN;
        zero = true;
        num = -1;
        continue;
      }
      if (num >= 0) return NaN; // two digits in a row (十四五)
      num = d;
      continue;
    }
    const u = UNIT[c];
    if (u < 1e4) {
      let n = num;
      if (n < 0) {
        // Bare 十 (十五) or a bare unit at the very start (百, 千: "bare" numerals).
        if (i === start || (u === 10 && zero)) n = 1;
        else if (u === 10 && sec === 0 && wan === 0 && yi === 0) n = 1;
        else return NaN;
      }
      if (u >= lastSmall) return NaN;
      sec += n * u;
      lastSmall = u;
      lastUnit = u;
      num = -1;
      zero = false;
    } else if (u === 1e4) {
      let s = sec + (num > 0 ? num : 0);
      if (s === 0) {
        if (i === start) s = 1;
        else return NaN;
      }
      if (wan > 0) return NaN;
      wan = s * 1e4;
      sec = 0;
      num = -1;
      lastSmall = 1e5;
      lastUnit = 1e4;
      zero = false;
    } else {
      let s = wan + sec + (num > 0 ? num : 0);
      if (s === 0) {
        if (i === start) s = 1;
        else return NaN;
      }
      if (yi > 0) return NaN;
      yi = s * 1e8;
      wan = 0;
      sec = 0;
      num = -1;
      lastSmall = 1e5;
      lastUnit = 1e8;
      zero = false;
    }
  }
  let tail = num > 0 ? num : 0;
  // Elliptical tail: 一万二 = 12000, 三千五 = 3500, 两百五 = 250 (not after 零, not for 十五).
  if (num > 0 && !zero && lastUnit > 10) tail = num * (lastUnit / 10);
  return yi + wan + sec + tail;
}

/** Two adjacent numerals used as a range (一两, 两三, 三四 … 八九, and 三五): their midpoint, or NaN. */
function rangePair(a: number, b: number, aCode: number, bCode: number): number {
  if (a <= 0 || b <= 0) return NaN;
  // 一二 is only a range with 两 (一两); a digit string like 一二 is not.
  if (a === 1 && b === 2) return bCode === '两'.charCodeAt(0) ? 1.5 : NaN;
  if (aCode === '两'.charCodeAt(0) && b !== 3) return NaN;
  if (b === a + 1 || (a === 3 && b === 5)) return (a + b) / 2;
  return NaN;
}

// ---------------------------------------------------------------------------
// Scanner

export function emptyScan(end: number, value: number, kind: NumberKind): NumberScan {
  return { end, value, kind, multiplier: false, bare: false, one: false, two: false, intDigits: 0, integer: Number.isInteger(value) };
}

/** Scans Arabic digits at pos: 401194, 1,234, 69.1, ３．５. Returns digit string (ASCII, with '.') and end. */
function scanArabic(text: string, pos: number): { end: number; digits: string; intDigits: number } | undefined {
  let p = pos;
  let s = '';
  const n = text.length;
  while (p < n) {
    const c = codeAt(text, p);
    const d = c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0xff10 && c <= 0xff19 ? c - 0xff10 : -1;
    if (d < 0) {
      // Grouping comma: 1,234 (exactly three digits after, and not another digit after those).
      if (c === C_COMMA && s.length > 0 && s.length <= 3 + 4 * 10 && isArabicDigit(codeAt(text, p + 1)) &&
          isArabicDigit(codeAt(text, p + 2)) && isArabicDigit(codeAt(text, p + 3)) && !isArabicDigit(codeAt(text, p + 4))) {
        p++;
        continue;
      }
      break;
    }
    s += String.fromCharCode(0x30 + d);
    p++;
  }
  if (p === pos) return undefined;
  const intDigits = s.length;
  const c = codeAt(text, p);
  if ((c === C_DOT || c === C_FW_DOT) && isArabicDigit(codeAt(text, p + 1))) {
    s += '.';
    p++;
    while (p < n && isArabicDigit(codeAt(text, p))) {
      const cc = codeAt(text, p);
      s += String.fromCharCode(0x30 + (cc <= 0x39 ? cc - 0x30 : cc - 0xff10));
      p++;
    }
  }
  return { end: p, digits: s, intDigits };
}

/** End of the run of Chinese numeral characters (digits, units, decimal 点) starting at pos. */
function chineseRunEnd(text: string, pos: number): number {
  let p = pos;
  const n = text.length;
  while (p < n) {
    const c = codeAt(text, p);
    if (DIGIT[c] >= 0 && !isArabicDigit(c)) { p++; continue; }
    if (UNIT[c] > 0) {
      if (p > pos && startsWithNumeralUnit(text, p)) break;
      // 百分之 / 千分之 starts a new numeral (三百分之一 is not a thing, 五百分之一 is rare).
      if (p > pos && codeAt(text, p + 1) === C_FEN && codeAt(text, p + 2) === C_ZHI) break;
      p++;
      continue;
    }
    break;
  }
  return p;
}

/** Parses a plain Chinese numeral at pos (with decimal 点 and the range/vague forms); no fractions. */
function scanChinese(text: string, pos: number): NumberScan | undefined {
  const runEnd = chineseRunEnd(text, pos);
  if (runEnd === pos) return undefined;
  const first = codeAt(text, pos);
  const len = runEnd - pos;
  let onlyDigits = true;
  for (let i = pos; i < runEnd; i++) if (UNIT[codeAt(text, i)] > 0) { onlyDigits = false; break; }

  // Ranges: 一两, 两三, 三四十, 七八十万, 一两亿 (not 十四五: that is the plan, not 14-15).
  if (len >= 2) {
    const a = DIGIT[first];
    const b = DIGIT[codeAt(text, pos + 1)];
    const mid = a > 0 && b > 0 ? rangePair(a, b, first, codeAt(text, pos + 1)) : NaN;
    if (!Number.isNaN(mid)) {
      if (pos + 2 === runEnd) return { ...emptyScan(runEnd, mid, 'range'), approx: 'about' };
      const m = multiplierRun(text, pos + 2, true);
      if (m && m.end === runEnd) {
        return { ...emptyScan(runEnd, mid * 10 ** m.pow, 'range'), approx: 'about', multiplier: m.pow >= 4 };
      }
    }
  }

  // Decimal: 三点五, 六十九点一 (点 followed by digits).
  let end = runEnd;
  const kind: NumberKind = onlyDigits && len >= 2 ? 'digits' : 'chinese';
  let value = parseChineseInt(text, pos, runEnd);
  if (Number.isNaN(value)) return undefined;
  let integer = true;
  if (kind === 'chinese' && codeAt(text, end) === C_DIAN && isCnDigit(codeAt(text, end + 1))) {
    let p = end + 1;
    let frac = '';
    while (isCnDigit(codeAt(text, p))) { frac += String(DIGIT[codeAt(text, p)]); p++; }
    const u = UNIT[codeAt(text, p)] ?? 0;
    if (u === 0 || u >= 1e4) {
      value = Number(`${value}.${frac}`);
      end = p;
      integer = false;
    }
  }
  const bare = UNIT[first] >= 100;
  const scan: NumberScan = {
    end, value, kind, multiplier: false, bare,
    one: len === 1 && DIGIT[first] === 1 && end === runEnd,
    two: len === 1 && (first === '二'.charCodeAt(0) || first === '贰'.charCodeAt(0)) && end === runEnd,
    intDigits: 0, integer,
  };
  for (let i = pos; i < runEnd; i++) if (UNIT[codeAt(text, i)] >= 1e4) scan.multiplier = true;
  if (!integer) {
    // 三点五万
    const m = multiplierRun(text, end, false);
    if (m) { scan.value = scaled(String(value), m.pow); scan.end = m.end; scan.multiplier = true; }
  }
  // Vague and approximate tails: 十几, 一百几十亿, 二十几万, 三十多万, 十余万, 五亿二千多万.
  const c = codeAt(text, scan.end);
  if (integer && kind === 'chinese' && (c === C_JI || c === C_DUO || c === C_YU)) {
    const lastU = UNIT[codeAt(text, scan.end - 1)] ?? 0;
    let p = scan.end + 1;
    let v = scan.value;
    let consumed = false;
    let multiplied = false;
    if (c === C_JI && lastU > 0 && lastU < 1e4) {
      consumed = true;
      // 一百几十: a smaller unit may follow 几.
      const su = UNIT[codeAt(text, p)] ?? 0;
      if (su > 0 && su < lastU) { v += su; p++; }
    }
    const m = multiplierRun(text, p, false);
    if (m && (lastU > 0 || len === 1)) {
      if (!scan.multiplier) { v *= 10 ** m.pow; p = m.end; consumed = multiplied = true; }
      else if (m.pow === 4 && !hasWanAfterYi(text, pos, scan.end)) {
        // 五亿二千多万: the part after 亿 is in units of 万.
        const yi = Math.floor(v / 1e8) * 1e8;
        v = yi + (v - yi) * 1e4;
        p = m.end;
        consumed = multiplied = true;
      }
    }
    if (consumed) {
      scan.kind = c === C_JI ? 'vague' : scan.kind;
      scan.approx = 'over';
      scan.value = v;
      scan.end = p;
      if (multiplied) scan.multiplier = true;
      scan.one = scan.two = false;
    }
  }
  return scan;
}

/** True when text[start, end) has a 万 after its last 亿 (or a 万 and no 亿). */
function hasWanAfterYi(text: string, start: number, end: number): boolean {
  for (let i = end - 1; i >= start; i--) {
    const u = UNIT[codeAt(text, i)];
    if (u === 1e8) return false;
    if (u === 1e4) return true;
  }
  return false;
}

/** Numeral after a vague prefix 数/上/几 (数十, 上百, 几千万): the multiplier part only. */
function scanVague(text: string, pos: number): NumberScan | undefined {
  const c = codeAt(text, pos);
  if (c !== C_SHU && c !== C_SHANG && c !== C_JI) return undefined;
  const u = UNIT[codeAt(text, pos + 1)] ?? 0;
  if (u === 0 || (c === C_SHANG && u === 10)) return undefined;
  const m = multiplierRun(text, pos + 1, true);
  if (!m) return undefined;
  return { ...emptyScan(m.end, 10 ** m.pow, 'vague'), approx: 'over', multiplier: m.pow >= 4 };
}

/**
 * Scans the longest numeral starting exactly at `pos` and returns it, or
 * undefined when no numeral starts there. Recognises Arabic numbers with
 * 万/亿 multipliers (and 余/多 before them: 90余万), Chinese numerals,
 * fractions (1/3, 三分之一), 百分之N / 千分之N, vague numbers (数十, 上百,
 * 几十, 十几), ranges (一两亿) and 一半. Does not look at what precedes pos.
 */
export function scanNumber(text: string, pos: number): NumberScan | undefined {
  const c = codeAt(text, pos);
  let scan: NumberScan | undefined;
  if (isArabicDigit(c)) {
    const a = scanArabic(text, pos);
    if (!a) return undefined;
    // Fraction 1/3.
    const s = codeAt(text, a.end);
    if ((s === C_SLASH || s === C_FW_SLASH) && !a.digits.includes('.')) {
      const b = scanArabic(text, a.end + 1);
      if (b && !b.digits.includes('.') && Number(b.digits) > 0) {
        const after = codeAt(text, b.end);
        if (after !== C_SLASH && after !== C_FW_SLASH) {
          return emptyScan(b.end, Number(a.digits) / Number(b.digits), 'fraction');
        }
      }
    }
    scan = { ...emptyScan(a.end, Number(a.digits), 'arabic'), intDigits: a.intDigits, integer: !a.digits.includes('.') };
    // 90余万, 20多万: approximation between the number and its multiplier.
    let p = a.end;
    const mid = codeAt(text, p);
    let approx: Approx | undefined;
    if ((mid === C_YU || mid === C_DUO) && UNIT[codeAt(text, p + 1)] >= 1e4) {
      approx = 'over';
      p++;
    }
    const m = multiplierRun(text, p, true);
    if (m && !(m.pow < 4 && UNIT[codeAt(text, p)] === 10)) {
      scan.value = scaled(a.digits, m.pow);
      scan.end = m.end;
      scan.multiplier = true;
      if (approx) scan.approx = approx;
      else {
        // Mixed forms: 1万6千, 2万5千公里, 1亿3千多万 (a smaller Arabic-led part after 万/亿).
        const rest = mixedRest(text, m.end, UNIT[codeAt(text, m.end - 1)]);
        if (rest) {
          scan.value += rest.value;
          scan.end = rest.end;
          if (rest.approx) scan.approx = rest.approx;
        }
      }
      scan.integer = Number.isInteger(scan.value);
    }
  } else if (c === C_JI || c === C_SHU || c === C_SHANG) {
    scan = scanVague(text, pos);
  } else if (DIGIT[c] >= 0 || UNIT[c] > 0) {
    if (DIGIT[c] === 1 && codeAt(text, pos + 1) === C_BAN) {
      return emptyScan(pos + 2, 0.5, 'half');
    }
    scan = scanChinese(text, pos);
  }
  if (!scan) return undefined;
  // 4万多亿, 1万余亿: approximation between 万 and 亿.
  if (scan.multiplier && UNIT[codeAt(text, scan.end - 1)] === 1e4) {
    const m = codeAt(text, scan.end);
    if ((m === C_DUO || m === C_YU) && UNIT[codeAt(text, scan.end + 1)] === 1e8) {
      scan.value *= 1e8;
      scan.end += 2;
      scan.approx = scan.approx ?? 'over';
    }
  }
  // Fractions and percentages: X分之Y.
  if (codeAt(text, scan.end) === C_FEN && codeAt(text, scan.end + 1) === C_ZHI && scan.kind !== 'range' && scan.kind !== 'vague' && scan.integer && !scan.approx) {
    const den = scan.value;
    const numer = scanNumber(text, scan.end + 2);
    if (numer && den > 0 && (numer.kind === 'arabic' || numer.kind === 'chinese')) {
      if (den === 100) return { ...emptyScan(numer.end, numer.value, 'percent'), integer: numer.integer };
      if (den === 1000) return { ...emptyScan(numer.end, numer.value, 'permille'), integer: numer.integer };
      return emptyScan(numer.end, numer.value / den, 'fraction');
    }
  }
  return scan;
}

/**
 * Parses a whole string as a number and returns its value, or undefined when
 * the string is not exactly one numeral: "1.75万" → 17500, "三千五百万" →
 * 35000000, "二〇二一" → 2021, "三点五" → 3.5, "1/3" → 0.333…, "三分之一" →
 * 0.333…, "百分之五" → 5 and "69.1%" → 69.1 (percent figures as written),
 * "三成" → 3 (tenths as written), "一两亿" → 150000000, "数十" → 10.
 */
export function parseChineseNumber(s: string): number | undefined {
  const r = parseNumeral(s);
  return r ? r.value : undefined;
}

/** A whole-string numeral with the unit it implies: '%' (69.1%, 百分之五), '‰', '成' (三成), or ''. */
export interface ParsedNumeral {
  value: number;
  unit: '' | '%' | '‰' | '成';
  approx?: Approx;
}

/**
 * Parses a whole string as a numeral, keeping the percent/成 unit and the
 * approximation it carries: "69.1%" → {69.1, '%'}, "三成多" → {3, '成', over},
 * "90余万" → {900000, '', over}, "一两亿" → {150000000, '', about}.
 */
export function parseNumeral(s: string): ParsedNumeral | undefined {
  const t = s.trim();
  if (!t) return undefined;
  const scan = scanNumber(t, 0);
  if (!scan) return undefined;
  let unit: ParsedNumeral['unit'] = scan.kind === 'percent' ? '%' : scan.kind === 'permille' ? '‰' : '';
  let approx = scan.approx;
  let p = scan.end;
  const c = t[p];
  if (unit === '' && (c === '%' || c === '％')) { unit = '%'; p++; }
  else if (unit === '' && c === '‰') { unit = '‰'; p++; }
  else if (unit === '' && c === '成') { unit = '成'; p++; }
  if (p < t.length && (t[p] === '多' || t[p] === '余') && p + 1 === t.length && (unit !== '' || scan.integer)) { approx = 'over'; p++; }
  if (p !== t.length) return undefined;
  const out: ParsedNumeral = { value: scan.value, unit };
  if (approx) out.approx = approx;
  return out;
}
