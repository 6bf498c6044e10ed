// The structure of a 公文: its title, attachments (附件), chapters, sections
// and articles (第X章 > 第X节 > 第X条) and numbered headings 一、 > （一） >
// 1./1、 > （1）, each with the lines it spans (to the next heading of the
// same or a higher rank). Pure: the editor's outline and folding use it.
//
// A heading starts a line (after blanks); its number continues the numbers
// before it at the same rank (1 always starts a run), and it is not a number
// inside a phrase: 1.75万名, 3、5年, 一、二季度 and 依照第十条 are no headings
// (一、2017年工作回顾 and （三）十四周岁以上 are).

/** The kinds of heading, from the broadest. */
export type HeadingKind = 'title' | 'attachment' | 'chapter' | 'section' | 'article' | 'level1' | 'level2' | 'level3' | 'level4';

/** Rank of each kind: a heading ends at the next heading of the same or a lower rank. */
const RANK: Record<HeadingKind, number> = { title: 0, attachment: 1, chapter: 2, section: 3, article: 4, level1: 5, level2: 6, level3: 7, level4: 8 };

/** A heading and the lines it spans (0-based, inclusive; UTF-16 characters). */
export interface Heading {
  kind: HeadingKind;
  /** Its number (1 for 一、, （一）, 1., 第一条 …); 0 for the title and an unnumbered 附件. */
  number: number;
  /** Line of the heading. */
  line: number;
  /** Start and end characters of the heading's text on its line (blanks excluded). */
  start: number;
  end: number;
  /** The heading's name: its line up to the first sentence end, at most `NAME_MAX` characters. */
  name: string;
  /** Last line of its span (trailing blank lines excluded). */
  endLine: number;
  children: Heading[];
}

/** Longest name kept for a heading (longer ones end with …). */
export const NAME_MAX = 40;

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN = '零〇一二三四五六七八九十百两';
const DIGITS = '0-9０-９';

/** The value of a Chinese numeral up to 999 (一, 十二, 二十, 一百零五), NaN if it is none. */
export function chineseNumeral(s: string): number {
  if (!s) return NaN;
  let total = 0;
  let digit = -1;
  for (const ch of s) {
    if (ch === '百' || ch === '十') {
      const unit = ch === '百' ? 100 : 10;
      total += (digit < 0 ? 1 : digit) * unit;
      digit = -1;
    } else if (ch in CN_DIGITS) {
      if (digit > 0) return NaN; // 二三: no positional numbers here
      digit = CN_DIGITS[ch];
    } else return NaN;
  }
  return total + (digit > 0 ? digit : 0);
}

/** The value of ASCII or full-width digits. */
function arabic(s: string): number {
  return Number(s.replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10)));
}

interface Marker {
  kind: Exclude<HeadingKind, 'title'>;
  number: number;
}

const PATTERNS: Array<{ kind: Marker['kind']; re: RegExp; value: (m: RegExpExecArray) => number; short?: boolean }> = [
  // 附件, 附件1, 附件一, 附件：, 附件2：title — a line of its own or a short title line
  { kind: 'attachment', re: new RegExp(`^附\\s*件\\s*([${DIGITS}]{1,2}|[${CN}]{1,3})?\\s*(?:[：:]|$|\\s)`), value: (m) => (m[1] ? (/^[0-9０-９]/.test(m[1]) ? arabic(m[1]) : chineseNumeral(m[1])) : 0), short: true },
  { kind: 'chapter', re: new RegExp(`^第([${CN}]{1,4}|[${DIGITS}]{1,3})章(?![，。、；的])`), value: (m) => num(m[1]), short: true },
  { kind: 'section', re: new RegExp(`^第([${CN}]{1,4}|[${DIGITS}]{1,3})节(?![，。、；的])`), value: (m) => num(m[1]), short: true },
  { kind: 'article', re: new RegExp(`^第([${CN}]{1,5}|[${DIGITS}]{1,3})条(?![，。、；的之规款项中])`), value: (m) => num(m[1]) },
  { kind: 'level1', re: new RegExp(`^([${CN}]{1,4})、(?![${CN}][、季至到和或])`), value: (m) => chineseNumeral(m[1]) },
  { kind: 'level2', re: new RegExp(`^[（(]([${CN}]{1,4})[）)]`), value: (m) => chineseNumeral(m[1]) },
  { kind: 'level3', re: new RegExp(`^([${DIGITS}]{1,2})(?:[.．](?![${DIGITS}%％])|、(?![${DIGITS}]{1,2}(?![${DIGITS}])))`), value: (m) => arabic(m[1]) },
  { kind: 'level4', re: new RegExp(`^[（(]([${DIGITS}]{1,2})[）)]`), value: (m) => arabic(m[1]) },
];

function num(s: string): number {
  return /^[0-9０-９]/.test(s) ? arabic(s) : chineseNumeral(s);
}

/** The heading marker a (trimmed) line starts with, if any; the number is not yet checked against the run. */
export function headingMarker(line: string): Marker | undefined {
  for (const p of PATTERNS) {
    const m = p.re.exec(line);
    if (!m) continue;
    const n = p.value(m);
    if (Number.isNaN(n) || (n === 0 && p.kind !== 'attachment')) return undefined;
    // chapters, sections and attachments are lines of their own (with a short title), never a sentence
    if (p.short && (line.length > 40 || /[。；]$/.test(line))) return undefined;
    return { kind: p.kind, number: n };
  }
  return undefined;
}

/** The name shown for a heading line: up to its first sentence end, shortened to NAME_MAX. */
export function headingName(text: string): string {
  const end = text.search(/[。；;！？]/);
  const name = (end > 0 ? text.slice(0, end) : text).trim();
  return name.length > NAME_MAX ? `${name.slice(0, NAME_MAX - 1)}…` : name;
}

/** Lines of a text, split as VS Code splits them (\r\n, \r, \n). */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

const BLANK = /^[\s\u3000\ufeff]*$/;

/** The document's headings as a tree (the title, if any, holds everything after it). */
export function parseStructure(text: string): Heading[] {
  const lines = splitLines(text);
  const roots: Heading[] = [];
  const stack: Heading[] = [];
  /** The last number accepted per kind, within the current parents. */
  const last = new Map<HeadingKind, number>();
  let lastContent = -1;
  const close = (h: Heading, before: number) => {
    h.endLine = Math.max(h.line, Math.min(before, lastContent));
  };
  const open = (h: Heading) => {
    while (stack.length > 0 && RANK[stack[stack.length - 1].kind] >= RANK[h.kind]) close(stack.pop()!, h.line - 1);
    const parent = stack[stack.length - 1];
    (parent ? parent.children : roots).push(h);
    stack.push(h);
  };
  let sawContent = false;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    if (BLANK.test(raw)) continue;
    // blanks and a Markdown heading's #s before the heading
    const lead = raw.length - raw.replace(/^[\s\u3000\ufeff]*(?:#{1,6}[ \t]+)?[\s\u3000]*/, '').length;
    const body = raw.slice(lead).trimEnd();
    const start = lead;
    const end = lead + body.length;
    const marker = headingMarker(body);
    if (!sawContent) {
      sawContent = true;
      if (!marker && body.length <= 80 && !/[。；：:]$/.test(body)) {
        open({ kind: 'title', number: 0, line: i, start, end, name: headingName(body), endLine: i, children: [] });
        lastContent = i;
        continue;
      }
    }
    const before = marker && last.get(marker.kind);
    const follows = !!marker && (marker.kind === 'attachment' || marker.number === 1 || (before !== undefined && marker.number > before && marker.number - before <= 3));
    if (!marker || !follows) {
      lastContent = i;
      continue;
    }
    // a run restarts under a broader heading (articles run on through chapters and sections)
    for (const kind of Object.keys(RANK) as HeadingKind[]) {
      if (RANK[kind] <= RANK[marker.kind]) continue;
      if (kind === 'article' && marker.kind !== 'attachment') continue;
      last.delete(kind);
    }
    last.set(marker.kind, marker.number);
    open({ kind: marker.kind, number: marker.number, line: i, start, end, name: headingName(body), endLine: i, children: [] });
    lastContent = i;
  }
  while (stack.length > 0) close(stack.pop()!, lines.length - 1);
  return roots;
}

/** Every heading of a tree, depth first, in document order. */
export function* allHeadings(tree: readonly Heading[]): Generator<Heading> {
  for (const h of tree) {
    yield h;
    yield* allHeadings(h.children);
  }
}

/** Foldable spans: every heading but the title that spans more than its own line. */
export function foldingSpans(tree: readonly Heading[]): Array<{ start: number; end: number; kind: HeadingKind }> {
  const out: Array<{ start: number; end: number; kind: HeadingKind }> = [];
  for (const h of allHeadings(tree)) if (h.kind !== 'title' && h.endLine > h.line) out.push({ start: h.line, end: h.endLine, kind: h.kind });
  return out;
}
