/**
 * Recogniser for quantities (`quantity` entities in the annotation guide): a
 * number with its classifier or measure unit (14款, 1.75万名, 3.33亿元,
 * 69.1%, 三成, 24小时), with the approximation markers written around it
 * inside the span (约5.76万件, 90余万, 100亿元以上, 超过一半) and `value`,
 * `unit` and `approx` filled in.
 *
 * Not quantities: dates (2021年, 11月), clock times, ordinals (第25, 十九届,
 * 二十大), codes, numbers inside “terms” and 《titles》, fixed slogans
 * (四个意识, 两个维护), idioms (三天两头) and words that merely contain a
 * numeral (万物, 千方百计, 百姓, 十分, 一直, 一系列). 一 + classifier ("a":
 * 一个小山村, 一家公司) is not a quantity. A Chinese numeral needs a
 * classifier or unit after it; a bare Arabic number needs a 万/亿 multiplier
 * (90余万), an approximation marker (超过3000) or to be a fraction (1/3).
 *
 * Pure string code: single left-to-right pass with table lookups.
 */
import { codeAt } from '../text/charClass';
import type { Approx, Entity } from '../types';
import { emptyScan, isArabicDigit, isChineseNumeralChar, scanNumber, type NumberScan } from './chineseNumber';
import { quotedSpans } from './quotes';
import { DURATION_BEFORE } from './dates';
import { matchUnit, UNITS } from './units';

// ---------------------------------------------------------------------------
// Markers, slogans, idioms

/** Approximation markers written before the number, longest first. */
const PREFIX_MARKERS: [string, Approx][] = [
  ['不超过', 'under'],
  ['不少于', 'over'],
  ['不低于', 'over'],
  ['不高于', 'under'],
  ['不多于', 'under'],
  ['小于', 'under'],
  ['低于', 'under'],
  ['少于', 'under'],
  ['大于', 'over'],
  ['高于', 'over'],
  ['多于', 'over'],
  ['超过', 'over'],
  ['不到', 'under'],
  ['不足', 'under'],
  ['不满', 'under'],
  ['将近', 'about'],
  ['接近', 'about'],
  ['大约', 'about'],
  ['约', 'about'],
  ['近', 'about'],
  ['超', 'over'],
  ['逾', 'over'],
];
/** Last characters of the prefix markers: only these before a number call for a marker lookup. */
const PREFIX_LAST = new Set(PREFIX_MARKERS.map(([m]) => m.charCodeAt(m.length - 1)));
/** Chars that, before 约/近/超, make them part of another word (节约, 最近, 赶超). */
const PREFIX_WORD_BEFORE: Record<string, string> = {
  约: '制节条签预邀公集契违履盟婚隐',
  近: '最附邻亲靠贴就逼走接将临',
  超: '赶高',
};

/** Approximation markers written after the number and unit. */
const SUFFIX_MARKERS: [string, Approx][] = [
  ['以上', 'over'],
  ['以下', 'under'],
  ['以内', 'under'],
  ['左右', 'about'],
  ['上下', 'about'],
];

/** Fixed slogans and names that start with a numeral + classifier; never quantities. */
const SLOGANS = [
  '四个意识', '四个自信', '两个维护', '两个确立', '四个全面', '三个代表', '两个一百年', '两个大局',
  '两个毫不动摇', '两个结合', '三个务必', '四个服从', '四个伟大', '四个自我', '五个必由之路', '三个区分开来',
  '三个有利于', '四个不摘', '两个根本', '四个坚持', '十个坚持', '十个明确', '八个明确', '十四个坚持',
  '五位一体', '四位一体', '三位一体', '八项规定', '四项基本原则', '两个先行', '七个100%', '三个没有变',
  '五个一工程', '两个覆盖', '三项制度', '四个机关', '五个坚持', '九个必须', '六个必须', '两个基本点', '三座大山',
  '五项原则', '八项主张', '三个世界', '两个文明', '两个积极性', '两个市场', '两种资源', '两手抓', '两个轮子',
];
/** Idioms and set phrases with a numeral + classifier inside. */
const IDIOMS = [
  '三天两头', '三番五次', '三头六臂', '三五成群', '三年五载', '三长两短', '一五一十', '两面三刀', '十年树木',
  '百年树人', '三三两两', '九牛二虎', '一年半载', '九省通衢', '七年之痒', '五年计划', '两条腿走路', '三句话不离本行',
];
function byFirstChar(list: string[]): Map<number, string[]> {
  const m = new Map<number, string[]>();
  for (const s of list) {
    const l = m.get(s.charCodeAt(0)) ?? [];
    l.push(s);
    m.set(s.charCodeAt(0), l);
  }
  return m;
}
const SLOGAN_INDEX = byFirstChar(SLOGANS);
const IDIOM_INDEX = byFirstChar(IDIOMS);
/** Words that after "N个" mark a slogan (N个意识, N个坚持 …) rather than a count. */
const SLOGAN_HEADS = ['意识', '自信', '维护', '确立', '全面', '代表', '务必', '服从', '伟大', '明确', '坚持', '必须', '必由之路', '没有变', '一百年', '毫不动摇', '结合', '自我'];

function inPhrase(text: string, pos: number, index: Map<number, string[]>, back: number): boolean {
  for (let k = 0; k <= back && k <= pos; k++) {
    const list = index.get(codeAt(text, pos - k));
    if (!list) continue;
    for (const s of list) if (s.length > k && text.startsWith(s, pos - k)) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------
// Character classes

/** Candidate starts: Arabic digits, Chinese numerals, and the vague prefixes 数/上/几. */
const START = new Uint8Array(0x10000);
for (let c = 0; c < 0x10000; c++) if (isArabicDigit(c) || isChineseNumeralChar(c)) START[c] = 1;
for (const ch of '数上几') START[ch.charCodeAt(0)] = 2;

/** Metric units written in Latin letters after a number (135m, 50km, 3kg, 12MW). */
const LATIN_UNIT = /^(?:km|kg|cm|mm|kWh|kW|MW|GW|ha|m|t)(?![A-Za-z])/;

function isAsciiLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a);
}
function isHan(c: number): boolean {
  return c >= 0x4e00 && c <= 0x9fff;
}
/** Chars before 数 that make 数 part of a word (人数十分 …). */
const SHU_WORD_BEFORE = new Set('人次总户基指参函半多少无倍分岁件个天票字位系算点负整约常变实数'.split(''));
/** Chars after a postfix 多/余 that show it is the start of a word (三个多元 …). */
const DUO_OK_NEXT = new Set('的来了时后前，。、；：！？）)'.split(''));

/** Characters that may follow a one-character Chinese numeral in a quantity: unit starts, 点, 分(之), 半, 多, 余 … */
const FOLLOW = new Uint8Array(0x10000);
for (const k of UNITS.keys()) FOLLOW[k] = 1;
for (const ch of '点分半几多余来%％‰至到—～~-－–') FOLLOW[ch.charCodeAt(0)] = 1;

/** Time units after which 一 + 多/余 is a duration, not "a" (一年多, 一个多月). */
const DURATION_UNITS = new Set(['年', '个月', '天', '周', '小时', '个小时', '星期', '个星期']);
/** Two years named together before a count of two (今明两年, 明后两年): a pair of dates, not a duration. */
const RELATIVE_YEARS = new Set(['今明', '明后']);
const RELATIVE_YEAR_SECOND = new Set([...RELATIVE_YEARS].map((w) => w.charCodeAt(1)));
/** Characters before N届 that make it a count of sessions held (连续举办8届, 已举行5届). */
const HOLD_BEFORE = new Set('办行续共已'.split(''));
/** Units whose half is written after them (两吨半, 一年半, 三个半小时 is read elsewhere). */
const HALVED_UNITS = new Set(['年', '天', '周', '小时', '个小时', '岁', '吨', '斤', '公斤', '千克', '克', '公里', '千米', '米', '厘米', '亩', '公顷', '升', '毫升', '元', '块', '倍', '圈']);
/** Characters after unit + 半 that make 半 the start of a word (5元半价, 3天半夜, 两年半年): then it is not a half. */
const HALF_WORD_NEXT = new Set('价数导径岛边身夜途场年月日天壁拉成'.split(''));
/** Time units a lone 半 can halve: 半年, 半个月, 半个世纪, 半小时. */
const LONE_HALF_UNITS = new Set(['年', '个月', '个世纪', '小时', '个小时']);
/** Characters before 半 that make it part of another word or number (上半年, 一年半, 大半年, 两个半月). */
const NOT_BEFORE_HALF = new Set('上下前后大多一二两三四五六七八九十百千万年个对'.split(''));

const C_DI = '第'.charCodeAt(0);
const C_DUO = '多'.charCodeAt(0);
const C_YU = '余'.charCodeAt(0);
const C_JI = '几'.charCodeAt(0);
const C_LAI = '来'.charCodeAt(0);
const C_BAN = '半'.charCodeAt(0);
const C_PCT = '%'.charCodeAt(0);
const C_FW_PCT = '％'.charCodeAt(0);
const C_PERMILLE = '‰'.charCodeAt(0);
const C_YUAN = '院'.charCodeAt(0);
const C_KE = '科'.charCodeAt(0);

const C_SLASH = '/'.charCodeAt(0);
const C_FW_SLASH = '／'.charCodeAt(0);
/** Measure units that may take a per-unit denominator (30微克/立方米, 120公里/小时, 2000元/吨). */
const COMPOUND_FIRST = new Set(['微克', '毫克', '克', '千克', '公斤', '吨', '元', '美元', '公里', '千米', '米', '千瓦时', '千瓦', '立方米', '毫升', '升', '人', '人次', '辆', '件', '个', '户', '斤']);
/** Denominators of compound units. */
const COMPOUND_SECOND = new Set(['立方米', '平方米', '平方公里', '小时', '秒', '分钟', '天', '年', '吨', '斤', '公斤', '千克', '亩', '公顷', '千瓦时', '人', '户', '台', '辆', '平方米', '升', '桶', '周']);

/** Separators of a numeric range (3至5年, 3—5个). */
const RANGE_SEPARATORS = ['至', '到', '—', '～', '~', '-', '－', '–'];
const RANGE_FIRST = new Set(RANGE_SEPARATORS.map((x) => x.charCodeAt(0)));

// ---------------------------------------------------------------------------

interface Hit {
  start: number;
  end: number;
  value: number;
  unit: string;
  approx?: Approx;
}

/** Is the number a year (2021, 二〇二一) so that 年 after it makes a date? */
function isYearNumber(s: NumberScan): boolean {
  if (s.kind === 'arabic') return s.integer && !s.multiplier && s.intDigits === 4 && s.value >= 1000 && s.value <= 2999;
  return s.kind === 'digits';
}

/**
 * Reads what follows a number at `p`: 余/多/几/来 before the unit, the unit,
 * and the suffix markers. Returns the hit end, unit, approx and any value
 * adjustment (两个半月 → +0.5), or undefined when a slogan/date/word follows.
 */
function readTail(text: string, scan: NumberScan, numStart: number): { end: number; unit: string; approx?: Approx; add: number } | undefined {
  let p = scan.end;
  let approx: Approx | undefined;
  let add = 0;
  let unit = '';
  if (scan.kind === 'percent') unit = '%';
  else if (scan.kind === 'permille') unit = '‰';
  else {
    const c = codeAt(text, p);
    if (c === C_PCT || c === C_FW_PCT) { unit = '%'; p++; }
    else if (c === C_PERMILLE) { unit = '‰'; p++; }
    else if (scan.kind !== 'fraction' && scan.kind !== 'half') {
      // 个多月, 个半月, 年半
      if (text.startsWith('个', p) && (text[p + 1] === '多' || text[p + 1] === '余' || text[p + 1] === '半')) {
        const u = matchUnit(text, p + 2);
        if (u === '小时' || u === '星期' || u === '季度' || u === '工作日' || u === '百分点' || text[p + 2] === '月') {
          if (text[p + 1] === '半') add = 0.5; else approx = 'over';
          const tail = text[p + 2] === '月' ? '月' : u!;
          return finish(text, p + 2 + tail.length, '个' + tail, approx, add, scan);
        }
      }
      // 3000余人, 十多个, 十来岁
      const m = codeAt(text, p);
      if ((m === C_YU || m === C_DUO || (m === C_LAI && !isArabicDigit(codeAt(text, p - 1)))) && scan.integer && scan.kind !== 'range' && scan.kind !== 'vague') {
        const u = matchUnit(text, p + 1);
        if (u) { approx = m === C_LAI ? 'about' : 'over'; p++; }
      }
      // 三日内, 5日以内: days as a duration (日 after a number is a date's day otherwise: 11月25日)
      const days = text[p] === '日' && /^(?:内|以内|之内)/.test(text.slice(p + 1, p + 3)) && text[numStart - 1] !== '月' ? '日' : undefined;
      const u = days ?? matchUnit(text, p);
      if (u) {
        unit = u;
        p += u.length;
        // 两年半, 两吨半, 五斤半: a half of a measure or a time (not 两台|半自动, 两场|半程, 5元|半价)
        if (codeAt(text, p) === C_BAN && !approx && HALVED_UNITS.has(u) && !HALF_WORD_NEXT.has(text[p + 1] ?? '')) { add = 0.5; p++; }
        // Compound units: 30微克/立方米, 120公里/小时, 2000元/吨.
        else if ((codeAt(text, p) === C_SLASH || codeAt(text, p) === C_FW_SLASH) && COMPOUND_FIRST.has(u)) {
          const d = matchUnit(text, p + 1);
          if (d && COMPOUND_SECOND.has(d)) { unit = u + '/' + d; p += 1 + d.length; }
        }
      }
    }
  }
  // 届 counts only after a verb of holding (连续举办8届); otherwise it is a session number (十九届, 13届).
  if (unit === '届' && !(scan.kind === 'arabic' && numStart > 0 && HOLD_BEFORE.has(text[numStart - 1]))) return undefined;
  // Phase numbers: 三期工程, 二期项目 (ordinal-like without 第).
  if (unit === '期' && (text.startsWith('工程', p) || text.startsWith('项目', p))) return undefined;
  // Session numbers: 十三届全国人大五次会议, 十九届四中全会 (ordinal-like without 第).
  if (unit === '次' && (text.startsWith('会议', p) || text.startsWith('全会', p) || text.startsWith('全体会议', p)) && numStart > 0 && '大届协委'.includes(text[numStart - 1])) return undefined;
  // No unit after a 万/亿 number: 多/余 may still follow (十三亿多中国人民, 1亿多).
  if (unit === '' && scan.multiplier && !approx && (codeAt(text, p) === C_DUO || codeAt(text, p) === C_YU)) {
    approx = 'over';
    p++;
    const u = matchUnit(text, p);
    if (u) { unit = u; p += u.length; }
  }
  // Dates: 2021年, 二〇二一年 (and 2021年代).
  if (unit === '年' && isYearNumber(scan) && !DURATION_BEFORE.test(text.slice(Math.max(0, numStart - 3), numStart))) return undefined;
  // 二〇二一 read digit by digit never counts things.
  if (scan.kind === 'digits' && unit !== '') return undefined;
  // 31所 right after 院/科 is a research-institute name (航天科工三院31所, 电科14所).
  if (unit === '所' && scan.kind === 'arabic' && isHan(codeAt(text, p)) && numStart > 0) {
    const b = codeAt(text, numStart - 1);
    if (b === C_YUAN || b === C_KE) return undefined;
  }
  // Slogans: N个意识, N个坚持.
  if (unit === '个') for (const h of SLOGAN_HEADS) if (text.startsWith(h, p)) return undefined;
  return finish(text, p, unit, approx, add, scan);
}

/** Adds the suffix markers (以上, 以下, 左右, 上下; 多/余 after a unit) to a number + unit ending at p. */
function finish(text: string, p: number, unit: string, approx: Approx | undefined, add: number, scan: NumberScan) {
  // Suffix markers: 以上, 以下, 左右; 多 after a unit (三成多, 两年多).
  for (const [m, a] of SUFFIX_MARKERS) {
    if (text.startsWith(m, p)) {
      if (m === '以下' && text.startsWith('简称', p + 2)) break;
      if (m === '上下' && isHan(codeAt(text, p + 2)) && text[p + 2] !== '的') break;
      if (unit === '' && !scan.multiplier && scan.kind !== 'fraction' && scan.kind !== 'percent' && scan.kind !== 'half') break;
      approx = approx ?? a;
      p += m.length;
      return { end: p, unit, approx, add };
    }
  }
  if (unit !== '' && !approx) {
    const c = codeAt(text, p);
    if ((c === C_DUO || c === C_YU) && (p + 1 >= text.length || DUO_OK_NEXT.has(text[p + 1]) || !isHan(codeAt(text, p + 1)))) {
      approx = 'over';
      p++;
    }
  }
  return { end: p, unit, approx, add };
}

/** Approximation marker written right before `pos`: its start and approx, or undefined. */
function prefixMarker(text: string, pos: number): { start: number; approx: Approx } | undefined {
  for (const [m, a] of PREFIX_MARKERS) {
    const s = pos - m.length;
    if (s < 0 || !text.startsWith(m, s)) continue;
    if (m.length === 1) {
      const before = PREFIX_WORD_BEFORE[m];
      if (before && s > 0 && before.includes(text[s - 1])) continue;
      if (m === '超' && text[s - 1] === '不') continue;
    }
    return { start: s, approx: a };
  }
  return undefined;
}

/** Recognises quantities in `text` as `quantity` entities (UTF-16 offsets), excluding those inside terms and titles. */
export function recogniseQuantities(text: string): Entity[] {
  const hits: Hit[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = codeAt(text, i);
    const kind = START[c];
    if (kind === 0) {
      if (c !== C_BAN) { i++; continue; }
      const half = halfHit(text, i);
      if (half) hits.push(half);
      i = half ? half.end : i + 1;
      continue;
    }
    // Fast path: a lone Chinese numeral followed by nothing that could make it a quantity (一些, 统一, 三农).
    if (kind === 1 && c >= 0x3000 && c < 0xff00 && START[codeAt(text, i + 1)] !== 1 && !FOLLOW[codeAt(text, i + 1)]) { i++; continue; }
    const prev = i > 0 ? codeAt(text, i - 1) : 0;
    // Never start inside a run of numerals or a decimal/code.
    if (kind === 1 && i > 0 && (START[prev] === 1 || prev === 0x2e || prev === 0xff0e || prev === 0x2f || isAsciiLetter(prev) ||
        ((prev === 0x3a || prev === 0xff1a || prev === 0x2d) && isArabicDigit(codeAt(text, i - 2))))) {
      i++;
      continue;
    }
    // Inside a larger numeral the scanner could not read (五亿二千多万件 …): 多/几/余 right after a numeral.
    if (kind === 1 && (prev === C_DUO || prev === C_YU || prev === C_JI) && START[codeAt(text, i - 2)] === 1) { i++; continue; }
    if (kind === 2) {
      // 数十/上百/几千: only before a numeral unit, and 数 not inside a word (人数), 上 not in 成千上万.
      if (!isChineseNumeralChar(codeAt(text, i + 1))) { i++; continue; }
      if (c === 0x6570 /* 数 */ && SHU_WORD_BEFORE.has(text[i - 1] ?? '')) { i++; continue; }
      if (c === 0x4e0a /* 上 */ && (text[i - 2] === '成' || prev === 0x4ee5 /* 以 */)) { i++; continue; }
    }
    const scan = scanNumber(text, i);
    if (!scan) { i++; continue; }
    let next = scan.end;
    // Whole run must be consumed (十四五 is not 十四 + 五).
    if (kind === 1 && !isArabicDigit(c)) {
      let runEnd = i;
      while (runEnd < n && START[codeAt(text, runEnd)] === 1 && !isArabicDigit(codeAt(text, runEnd))) runEnd++;
      if (scan.end < runEnd) {
        // The scanner stopped before a 千瓦-style unit or before 百分之: fine only then.
        const stopAtUnit = matchUnit(text, scan.end) !== undefined || text.startsWith('分之', scan.end + 1);
        if (!stopAtUnit) { i = runEnd; continue; }
      }
    }
    const hit = judge(text, i, scan);
    if (hit) {
      hits.push(hit);
      next = hit.end;
    }
    i = Math.max(next, i + 1);
  }
  if (hits.length === 0) return [];
  // Flat annotation: nothing inside a “term” or a 《title》.
  const spans = quotedSpans(text);
  const out: Entity[] = [];
  let k = 0;
  for (const h of hits) {
    while (k < spans.length && spans[k][1] <= h.start) k++;
    if (k < spans.length && spans[k][0] < h.end && h.start < spans[k][1]) continue;
    const e: Entity = { type: 'quantity', start: h.start, end: h.end, text: text.slice(h.start, h.end), value: h.value, unit: h.unit };
    if (h.approx) e.approx = h.approx;
    out.push(e);
  }
  return out;
}

/** A lone 半 before a time unit: 半年 (0.5 年), 半个月, 半个世纪, 超过半年, 半年以上. */
function halfHit(text: string, i: number): Hit | undefined {
  if (i > 0 && NOT_BEFORE_HALF.has(text[i - 1])) return undefined;
  const unit = matchUnit(text, i + 1);
  if (!unit || !LONE_HALF_UNITS.has(unit)) return undefined;
  const end = i + 1 + unit.length;
  if (unit === '年' && (text[end] === '报' || text[end] === '度')) return undefined; // 半年报, 半年度
  const pre = i > 0 && PREFIX_LAST.has(codeAt(text, i - 1)) ? prefixMarker(text, i) : undefined;
  const tail = finish(text, end, unit, pre?.approx, 0, emptyScan(end, 0.5, 'half'));
  const out: Hit = { start: pre ? pre.start : i, end: tail.end, value: 0.5, unit };
  if (tail.approx) out.approx = tail.approx;
  return out;
}

/** Decides whether the number scanned at `i` is a quantity and builds the hit. */
function judge(text: string, i: number, scan: NumberScan): Hit | undefined {
  const prev = i > 0 ? codeAt(text, i - 1) : 0;
  if (prev === C_DI) return undefined; // ordinals: 第25, 第一
  if (i >= 2 && RELATIVE_YEAR_SECOND.has(prev) && RELATIVE_YEARS.has(text.slice(i - 2, i))) return undefined; // 今明两年: this year and next, not a duration
  if ((scan.kind === 'chinese' || scan.kind === 'digits') && scan.value === 0) return undefined; // 零部件, 零售
  // Right after an Arabic number: 5G, 3D (letters) are codes.
  if (scan.kind === 'arabic' && isAsciiLetter(codeAt(text, scan.end)) && !LATIN_UNIT.test(text.slice(scan.end, scan.end + 4))) return undefined;

  // Bare-number ranges: 3至5年, 3—5个 (one span, value the midpoint, about).
  let scan2 = scan;
  let rangeApprox: Approx | undefined;
  if ((scan.kind === 'arabic' || scan.kind === 'chinese') && !scan.multiplier && RANGE_FIRST.has(codeAt(text, scan.end))) {
    for (const sep of RANGE_SEPARATORS) {
      if (!text.startsWith(sep, scan.end)) continue;
      const b = scanNumber(text, scan.end + sep.length);
      if (b && b.kind === scan.kind && b.value > scan.value && !b.one) {
        const t = readTail(text, b, scan.end + sep.length);
        if (t && t.unit !== '' && !(t.unit === '年' && scan.kind === 'arabic' && scan.intDigits >= 3)) {
          scan2 = { ...b, value: (scan.value + b.value) / 2 };
          rangeApprox = 'about';
        }
      }
      break;
    }
  }

  const tail = readTail(text, scan2, i);
  if (!tail) return undefined;
  const { unit } = tail;
  if (unit === '省' && text.startsWith('东北', i - 2)) return undefined; // 东北三省 is a place
  const pre = PREFIX_LAST.has(prev) ? prefixMarker(text, i) : undefined;
  if (unit !== '') {
    if (scan.bare && !pre) return undefined; // 百年, 千家, 万人 (but 逾百万人, 近百年)
    if (scan.one && !(unit === '倍' || (unit === '番' && text[i - 1] === '翻') || scan2 !== scan || tail.add > 0 || (tail.approx === 'over' && DURATION_UNITS.has(unit)))) return undefined; // 一个, 一家 (not 一年半, 一年多)
    if (scan.two && unit !== '成' && unit !== '%' && scan2 === scan) return undefined; // 二次, 二级: ordinal-like
    if (unit === '成' && scan.kind === 'arabic' && !scan.integer) return undefined;
  } else if (scan.kind === 'chinese' && !scan.multiplier) {
    return undefined;
  }
  if (scan.kind === 'half') {
    // 一半 only with a marker: 超过一半, 一半以上.
    if (!pre && !tail.approx) return undefined;
  } else if (unit === '') {
    // No unit: fractions, percentages, 万/亿 numbers (90余万, 4.25万), or a marker + Arabic number.
    const ok =
      scan.kind === 'fraction' || scan.kind === 'percent' || scan.kind === 'permille' ||
      (scan.multiplier && (!scan.bare || pre !== undefined)) ||
      (pre !== undefined && scan.kind === 'arabic');
    if (!ok) return undefined;
    // 十万火急
    if (scan.kind === 'chinese' && text.startsWith('火急', scan.end)) return undefined;
  }
  if (inPhrase(text, i, IDIOM_INDEX, 3)) return undefined;
  if (inPhrase(text, i, SLOGAN_INDEX, 4)) return undefined;
  let start = i;
  let approx = rangeApprox ?? scan2.approx ?? tail.approx;
  if (pre) {
    start = pre.start;
    approx = pre.approx;
  }
  const out: Hit = { start, end: tail.end, value: scan2.value + tail.add, unit };
  if (approx) out.approx = approx;
  return spannedRange(text, out, scan2) ?? out;
}

/** Separators of a range written with both ends in full (1000元至3000元, 5%—8%); not 到, which also marks a change. */
const FULL_RANGE_SEPARATORS = ['至', '—', '～', '~', '-', '－', '–'];
const FULL_RANGE_FIRST = new Set(FULL_RANGE_SEPARATORS.map((x) => x.charCodeAt(0)));

/**
 * A range whose two ends both carry the unit (1000元至3000元 → 2000 元, 5%至8%)
 * or the multiplier (5万至8万元 → 65000 元): one quantity, the midpoint, about.
 */
function spannedRange(text: string, first: Hit, scan: NumberScan): Hit | undefined {
  if (first.approx || (first.unit === '' && !scan.multiplier) || !FULL_RANGE_FIRST.has(codeAt(text, first.end))) return undefined;
  const sep = FULL_RANGE_SEPARATORS.find((x) => text.startsWith(x, first.end));
  if (!sep) return undefined;
  const at = first.end + sep.length;
  const b = scanNumber(text, at);
  if (!b || b.kind !== scan.kind) return undefined;
  const tail = readTail(text, b, at);
  // (20%-30%左右: 左右 is the range's own "about")
  if (!tail || (tail.approx && tail.approx !== 'about') || (first.unit !== '' && tail.unit !== first.unit) || (first.unit === '' && tail.unit === '' && !b.multiplier)) return undefined;
  const second = b.value + tail.add;
  if (!(second > first.value)) return undefined;
  return { start: first.start, end: tail.end, value: (first.value + second) / 2, unit: tail.unit, approx: 'about' };
}

/** The classifier or measure unit written at `pos` (longest match, 人次 over 人), or undefined. */
export function quantityUnitAt(text: string, pos: number): string | undefined {
  return matchUnit(text, pos);
}
