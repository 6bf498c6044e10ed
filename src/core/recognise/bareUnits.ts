// Units a local document names bare, with neither level word nor place: a
// town's or a county's offices and stations (经发办, 规建生态办, 房管所,
// 城运中心, 综合行政执法队, 农技站), and the stations that county or city
// organs keep in a town, named after it (吴泾司法所, 吴泾市场所, 塘湾派出所).
//
// A word ending in an office head is a unit only where a reader takes it for
// one: it is the subject of a duty (房管所负责…, 经发办牵头…), it carries a
// post (经发办主任, 安监所所长, 规建生态办负责人), or it stands in a list of
// units with an organ found before it (镇党政办、经发办、社发办). Ordinary
// nouns with the same heads (场所, 研究所, 团队, 网站) are not units.
//
// A bare unit is the document's own: its canonical name is the document's
// innermost place and its text (上海市闵行区吴泾镇房管所), filled in by
// context.ts. A town station of a higher organ has that organ as canonical
// and parent (吴泾司法所 → the county's 司法局; a district's 派出所 → the
// city's 公安局, as a district's public security is a branch of it).
import { tokenCovering } from '../text/search';
import type { Entity, LocalOrganName, Token } from '../types';
import type { LineContext, Recogniser } from './recogniser';
import { Occupancy, SpanIndex } from './spans';
import { charSet, isHanAt, isIn, WHITESPACE } from '../text/charClass';

/** Heads of a unit's name. */
const HEAD = /(?:办|所|中心|队|站)$/;
/** Nouns with a unit's head that are not units (places, firms, teams, sites), and heads alone. */
const NOT_UNIT =
  /(?:场所|住所|厕所|诊所|处所|居所|会所|寓所|托儿所|院所|研究所|事务所|交易所|派出所|司法所|市场所|市场监管所|税务所|市中心|城中心|镇中心|村中心|团队|球队|军队|部队|车队|梯队|乐队|车站|网站|驿站|加油站|加气站|充电站|换电站|基站|空间站|电站|泵站|站站|举办|承办|督办|交办|合办|开办|代办|创办|主办|协办|包办|查办|帮办|试办|兴办|筹办|首办|核办|转办|领办|分办|接办|查处所|难办|好办|怎么办|照办)$/;
/** Words after a unit's name that show it is one: a duty, or a post. */
const CUE = /^(?:负责|牵头|会同|配合|协助|主任|副主任|所长|副所长|队长|副队长|站长|副站长|书记|负责人|主要负责人|备案)/;
/** Characters before which a unit's name may begin: punctuation, spaces, conjunctions, 由 / 经 / 报 before an agent. */
/** What may stand before a unit's name: /[\s、，,；;：:（(）)。和与及由经报向]/ as a table. */
const BEFORE = charSet(WHITESPACE, '、，,；;：:（(）)。和与及由经报向');
/** Numbering at the start of an item (1. （3） 一、). */
const NUMBERING = /^(?:\d+[.．、]|[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、)/;
/** First characters of a phrase that refers back or generalises (该中心, 本所, 各站): not a unit's name. */
const NOT_START = charSet('该本各此其这那每全我你他诸某原');
/** Characters that introduce an agent (由…, 报…, 向…): never inside a unit's name after its first character. */
const AGENT_MARK = charSet('由报向');
/** The shortest and longest unit names. */
const MIN = 3;
const MAX = 9;

/** A higher organ's station in a town, named after the town (吴泾司法所). */
const STATION = /([\u4e00-\u9fff]{2,3}?)(派出所|司法所|市场监督管理所|市场监管所|市场所|税务所|税务分局)/g;
/** The organ each station belongs to: {county} is the county of the document, {countyOrCity} that county unless it is a city's district, then the city. */
const STATION_ORGAN: Record<string, string> = {
  派出所: '{countyOrCity}公安局',
  司法所: '{county}司法局',
  市场监督管理所: '{county}市场监督管理局',
  市场监管所: '{county}市场监督管理局',
  市场所: '{county}市场监督管理局',
  税务所: '国家税务总局{county}税务局',
  税务分局: '国家税务总局{county}税务局',
};
/** Tags of a common word that is not a town's name before a station (辖区/n, 当地/s). */
const COMMON_TAG = /^(?:n|s|v|vn|a|ad|an|r|d|p|c|u|m|q|f|t|l|i)$/;

export const bareUnits: Recogniser = {
  name: 'bare-units',
  types: ['department'],
  needsTokens: true,
  overlap: 'ranked',
  recognise: (line, ctx) => recogniseBareUnits(line, ctx),
};

/** The bare units and town stations of one line. */
export function recogniseBareUnits(line: string, ctx: Pick<LineContext, 'tokens' | 'found'>): Entity[] {
  const tokens = ctx.tokens;
  if (tokens.length === 0) return [];
  // the questions below are asked of every item of a line: indexed, so that a long list stays linear (issue 13)
  const found = new SpanIndex(ctx.found);
  /** The shortest end of an organ found before, by its start. */
  const organEnd = new Map<number, number>();
  /** Organizations found before, by their exact span. */
  const organizations = new Map<string, number>();
  for (const x of ctx.found) {
    if (x.type !== 'department' && x.type !== 'organization') continue;
    organEnd.set(x.start, Math.min(organEnd.get(x.start) ?? Infinity, x.end));
    if (x.type === 'organization') organizations.set(`${x.start},${x.end}`, (organizations.get(`${x.start},${x.end}`) ?? 0) + 1);
  }
  const out: Entity[] = [];
  const mine = new Occupancy(line.length);
  const take = (x: Entity) => {
    out.push(x);
    mine.add(x.start, x.end);
  };
  const free = (s: number, e: number) => !found.overlaps(s, e) && !mine.overlaps(s, e);
  // a station named like an institution (吴泾派出所, an organization to the names recogniser) is an organ: let the ranking choose
  const freeForStation = (s: number, e: number) => found.count(s, e) - (organizations.get(`${s},${e}`) ?? 0) === 0 && !mine.overlaps(s, e);

  for (const m of line.matchAll(STATION)) {
    const s = m.index;
    const e = s + m[0].length;
    if (s > 0 && !isIn(BEFORE, line, s - 1)) continue;
    const k = tokenCovering(tokens, s);
    if (k < 0 || tokens[k].start !== s) continue;
    // a town's name, not a common word (辖区派出所, 当地派出所)
    if (tokens[k].end === s + m[1].length && COMMON_TAG.test(tokens[k].tag)) continue;
    if (!freeForStation(s, e)) continue;
    const local: LocalOrganName = { level: 'own', template: STATION_ORGAN[m[2]], dispatched: true };
    take({ type: 'department', start: s, end: e, text: m[0], canonical: m[0], local });
  }

  // the line as items: stretches between punctuation, lists split at 、
  for (const group of groups(line)) {
    const units: Array<[number, number]> = [];
    let listed = false; // the list holds an organ found before, or a unit shown by a cue
    for (const [a, b] of group) {
      if ((organEnd.get(a) ?? Infinity) <= b || (organEnd.get(a + 1) ?? Infinity) <= b) listed = true;
      // the unit starts the item, or follows a word that introduces an agent inside it (办公室主任由房管所…)
      for (let s = a; s < b; s++) {
        if (s > a && !isIn(BEFORE, line, s - 1)) continue;
        const end = unitEnd(line, s, b, tokens);
        if (end < 0) continue;
        if (CUE.test(line.slice(end, end + 5))) listed = true;
        units.push([s, end]);
        break;
      }
    }
    // every unit of a list that holds an organ or a cued unit; else only a unit before its cue
    const chosen = listed && group.length > 1 ? units : units.filter(([, end]) => CUE.test(line.slice(end, end + 5)));
    for (const [a, end] of chosen) {
      if (!free(a, end)) continue;
      const text = line.slice(a, end);
      take({ type: 'department', start: a, end, text, canonical: text, local: { level: 'own', template: `{place}${text}` } });
    }
  }
  return out.sort((x, y) => x.start - y.start);
}

/** The end of a unit's name starting at `a` within the item [a, b), or -1: the shortest head ending a word of the tokenizer, before the item's end or a cue. */
function unitEnd(line: string, a: number, b: number, tokens: readonly Token[]): number {
  if (!isHanAt(line, a) || isIn(NOT_START, line, a)) return -1;
  const k = tokenCovering(tokens, a);
  // a word starts there, and not a conjunction, preposition, verb or adverb (并报…, 由…)
  if (k < 0 || tokens[k].start !== a || (tokens[k].word.length === 1 && /^(?:c|p|d|u|r)$/.test(tokens[k].tag))) return -1;
  const limit = Math.min(b, a + MAX);
  for (let end = a + 1; end <= limit; end++) {
    // the name so far is ideographs only, with none of 由报向 after its first (checked a character at a time)
    const last = end - 1;
    if (!isHanAt(line, last) || (last > a && isIn(AGENT_MARK, line, last))) return -1;
    if (end < a + MIN) continue;
    const text = line.slice(a, end);
    if (!HEAD.test(text) || NOT_UNIT.test(text)) continue;
    const t = tokenCovering(tokens, end);
    if (end < line.length && t >= 0 && tokens[t].start !== end && !CUE.test(line.slice(end, end + 5))) continue;
    if (end === b || CUE.test(line.slice(end, end + 5))) return end;
  }
  return -1;
}

/** The line's lists: runs of items separated by 、 or 和 / 及, each group between other punctuation; items without their numbering. */
function groups(line: string): Array<Array<[number, number]>> {
  const out: Array<Array<[number, number]>> = [];
  for (const m of line.matchAll(/[^\s，,；;：:（(）)。！？]+/g)) {
    let start = m.index;
    const numbering = NUMBERING.exec(m[0]);
    if (numbering) start += numbering[0].length;
    const end = m.index + m[0].length;
    const items: Array<[number, number]> = [];
    let a = start;
    for (let i = start; i <= end; i++) {
      if (i === end || line.charCodeAt(i) === 0x3001 /* 、 */) {
        if (i > a) items.push([a, i]);
        a = i + 1;
      }
    }
    if (items.length > 0) out.push(items);
  }
  return out;
}
