// The date of a document as a whole (its 成文日期), read where a 公文 writes
// it: a 成文日期 field (as gov.cn pages carry it), the date line of the
// signature (国务院 / 2018年11月16日, 二〇〇四年九月二十三日), a date line or a
// dated bracket in the title block (（2019年3月15日第十三届全国人民代表大会第二次会议通过）,
// ——2024年3月5日在…上), else the year of the 发文字号 in the title block
// (国发〔2018〕42号); a cover notice's date line before its attachment. Pure; offsets are UTF-16.
import { lineSpans } from '../text/lines';

export interface DocumentDate {
  readonly year: number;
  readonly month?: number;
  readonly day?: number;
  /** Where the date is written (UTF-16 span). */
  readonly start: number;
  readonly end: number;
  readonly from: 'field' | 'signature' | 'title' | 'number';
}

/** Lines of the title block and of the signature looked at (non-blank lines). */
const TITLE_LINES = 6;
const SIGNATURE_LINES = 8;
/** Lines of a cover notice looked at for its own signature's date line, before its attachment. */
const COVER_LINES = 30;
/** A longer line is body text, not the title block. */
const TITLE_MAX = 90;

const ZH_DIGIT: Record<string, number> = { '〇': 0, '○': 0, 'Ｏ': 0, O: 0, '零': 0, '一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9 };
const YEAR = '((?:19|20|１９|２０)[0-9０-９]{2}|[一二][〇○Ｏ零一二三四五六七八九]{3})';
const MONTH_DAY = '([0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})';
const DATE_SRC = `${YEAR}\\s*年\\s*(?:${MONTH_DAY}\\s*月(?:\\s*${MONTH_DAY}\\s*日)?)?`;
/** A line that is a date and nothing else (the signature's, or under the title), maybe in brackets. */
const DATE_LINE = new RegExp(`^[\\s\\u3000]*[（(]?${DATE_SRC}[）)]?[\\s\\u3000]*$`, 'u');
/** A title-block line that starts with a date: （2019年3月15日…通过）, ——2024年3月5日在…上. */
const DATED_LINE = new RegExp(`^[\\s\\u3000]*(?:[（(]|——|—|－－)\\s*${DATE_SRC}`, 'u');
/** A title-block line that starts with a full date and is no sentence: 2026年1月14日在浙江省第十四届人民代表大会第四次会议上. */
const DATED_PLAIN = new RegExp(`^[\\s\\u3000]*${YEAR}\\s*年\\s*${MONTH_DAY}\\s*月\\s*${MONTH_DAY}\\s*日[^，。；,;]*$`, 'u');
const ANY_DATE = new RegExp(DATE_SRC, 'gu');
const FIELD = new RegExp(`成文日期[：:\\s]*(?:${DATE_SRC}|((?:19|20)\\d{2})[-./](\\d{1,2})[-./](\\d{1,2}))`, 'u');
/** The 发文字号 on a line of its own under the title (国发〔2018〕42号). */
const DOC_NUMBER = /^[\s\u3000]*[\u4e00-\u9fff]{1,12}〔((?:19|20)\d{2})〕\d{1,5}号[\s\u3000]*$/u;

function arabic(s: string): number {
  return Number(s.replace(/[０-９]/g, (c) => String(c.charCodeAt(0) - 0xff10)));
}

/** 2019, ２０１９, 二〇一九 → 2019. */
function yearValue(s: string): number {
  if (/^[0-9０-９]+$/.test(s)) return arabic(s);
  return Number([...s].map((c) => ZH_DIGIT[c] ?? 0).join(''));
}

/** 9, ０９, 九, 十一, 二十三, 三十 → the number; NaN when not one. */
function smallValue(s: string): number {
  if (/^[0-9０-９]+$/.test(s)) return arabic(s);
  const m = /^([二三])?(十)?([一二三四五六七八九])?$/.exec(s);
  if (!m || (!m[2] && m[1])) return Number.NaN;
  if (!m[2]) return m[3] ? ZH_DIGIT[m[3]] : Number.NaN;
  return (m[1] ? ZH_DIGIT[m[1]] : 1) * 10 + (m[3] ? ZH_DIGIT[m[3]] : 0);
}

function dateOf(m: RegExpExecArray | RegExpMatchArray, offset: number, from: DocumentDate['from'], groups = 1): DocumentDate | undefined {
  const year = yearValue(m[groups]);
  const month = m[groups + 1] !== undefined ? smallValue(m[groups + 1]) : undefined;
  const day = m[groups + 2] !== undefined ? smallValue(m[groups + 2]) : undefined;
  if (!(year >= 1900 && year <= 2100)) return undefined;
  if (month !== undefined && !(month >= 1 && month <= 12)) return undefined;
  if (day !== undefined && !(day >= 1 && day <= 31)) return undefined;
  const start = offset + (m.index ?? 0);
  return { year, ...(month !== undefined ? { month } : {}), ...(day !== undefined ? { day } : {}), start, end: start + m[0].length, from };
}

/** The latest of the dates written in a span of the text (an amended law's bracket lists each date). */
function latestIn(text: string, a: number, b: number, from: DocumentDate['from']): DocumentDate | undefined {
  let best: DocumentDate | undefined;
  for (const m of text.slice(a, b).matchAll(ANY_DATE)) {
    const d = dateOf(m, a, from);
    if (d && (!best || compareDates(d, best) > 0)) best = d;
  }
  return best;
}

/** Orders two dates (a missing month or day counts as the earliest). */
export function compareDates(a: Pick<DocumentDate, 'year' | 'month' | 'day'>, b: Pick<DocumentDate, 'year' | 'month' | 'day'>): number {
  return a.year - b.year || (a.month ?? 0) - (b.month ?? 0) || (a.day ?? 0) - (b.day ?? 0);
}

/** The title block: the first lines, up to the first line of body text (a sentence, or a long line). */
function titleBlock(text: string, spans: Array<[number, number]>): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const [a, b] of spans.slice(0, TITLE_LINES)) {
    const line = text.slice(a, b).trim();
    if (line.length > TITLE_MAX || /[。！？]$/.test(line) || /^[问答][：:]/.test(line)) break;
    out.push([a, b]);
  }
  return out;
}

/** The document's date (its 成文日期) where the text writes it, else undefined (an undated text). */
export function documentDate(text: string): DocumentDate | undefined {
  const field = FIELD.exec(text);
  if (field) {
    const d = field[1] !== undefined ? dateOf(field, 0, 'field') : dateOf(field, 0, 'field', 4);
    if (d) return d;
  }
  const spans = [...lineSpans(text)].filter(([a, b]) => text.slice(a, b).trim() !== '');
  // the signature's date line: the last date-only line among the last lines
  const tail = spans.slice(Math.max(TITLE_LINES, spans.length - SIGNATURE_LINES)).reverse();
  for (const [a, b] of tail) {
    const m = DATE_LINE.exec(text.slice(a, b));
    const d = m && dateOf(m, a, 'signature');
    if (d) return d;
  }
  const head = titleBlock(text, spans);
  for (const [a, b] of head) {
    const line = text.slice(a, b);
    const m = DATE_LINE.exec(line);
    const d = m ? dateOf(m, a, 'title') : DATED_LINE.test(line) || DATED_PLAIN.test(line) ? latestIn(text, a, b, 'title') : undefined;
    if (d) return d;
  }
  // a cover notice (关于印发…的通知) signs and dates itself before its attachment; a short text's signature is near its title
  for (const [a, b] of spans.slice(0, COVER_LINES)) {
    const m = DATE_LINE.exec(text.slice(a, b));
    const d = m && dateOf(m, a, 'signature');
    if (d) return d;
  }
  for (const [a, b] of head) {
    const m = DOC_NUMBER.exec(text.slice(a, b));
    if (m) return { year: Number(m[1]), start: a + m.index, end: a + m.index + m[0].length, from: 'number' };
  }
  return undefined;
}
