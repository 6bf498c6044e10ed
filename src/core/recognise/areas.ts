// Named areas and the organs that govern them, and organs sharing one head
// noun.
// - Scenic areas, nature reserves, parks, water sources and basins are places
//   by their head noun (云台山景区, 河南太行山猕猴国家级自然保护区, 西山自然保护区,
//   海拉尔河流域, 红花尔基水源地); development zones and new towns too
//   (娄江新城, 湛江临港经济区).
// - Their management committees are departments (云台山景区管理委员会,
//   北京市原密云经济开发区管理委员会 → 北京市密云经济开发区管理委员会); one
//   named without a place (旅游度假区管委会) is the document's own, named with
//   its place once known.
// - Organs written with one head noun for several names (太仓港经济技术开发区、
//   太仓高新区、旅游度假区管委会; 焦作市和修武县人民政府; 娄东街道、陆渡街道办事处):
//   each name is an organ with that head (the guide: coordinated organs).
import { tokenCovering } from '../text/search';
import type { Entity, Token } from '../types';
import { gazetteer } from './gazetteer';
import type { LineContext, Recogniser } from './recogniser';
import { Occupancy } from './spans';

/** Head nouns of named areas that are places. */
const AREA_HEAD = /(?:国家级自然保护区|省级自然保护区|自然保护区|风景名胜区|风景区|景区|森林公园|湿地公园|地质公园|国家公园|水源保护区|水源地|流域|湿地|经济技术开发区|高新技术产业开发区|经济开发区|高新区|开发区|工业园区|产业园区|旅游度假区|度假区|保税区|综合保税区|试验区|示范区|新城|新区|经济区|片区)$/;
/** Heads of zones (not natural areas): a zone's name alone is a place, but before 管委会 it names the committee. */
const ZONE_HEAD = /(?:经济技术开发区|高新技术产业开发区|经济开发区|高新区|开发区|工业园区|产业园区|旅游度假区|度假区|保税区|综合保税区|试验区|示范区|新城|新区|经济区|片区|景区|风景区|风景名胜区)$/;
/** Heads of task forces and leading groups named after a place (…工作指挥部, …领导小组). */
const TASK_FORCE = /(?:指挥部|领导小组|工作组)$/;
/** Management bodies after an area's name. */
const COMMITTEE = /^(?:管理委员会|管委会|管理局|管理处|党工委)/;
const FULL_COMMITTEE: Record<string, string> = { 管理委员会: '管理委员会', 管委会: '管理委员会', 管理局: '管理局', 管理处: '管理处', 党工委: '党工委' };
/** Tags of the words of an area's name (proper names, nouns, places). */
const NAME_TAGS = /^(?:ns|nz|nr|nrt|x|n|nt|j|f|s|b|l|vn|ng|eng|m)$/;
/** Words that make an area generic (各景区, 全市开发区, 国家级自然保护区 alone, 该保护区). */
const GENERIC_START = /^(?:各|全|该|本|此|这|那|每|其|所|多|一些|部分|有关|相关|重点|国家级|省级|市级|县级|其他|周边|沿线|主要|核心|缓冲|实验|一般|特别|重要|城市|城乡|农村|乡村|美丽|生态|绿色|智慧|数字|示范|试点|新|老|原)/;
/** Words that are not part of an area's name but of the clause (在, 对, 进入 …). */
const NOT_NAME_WORD = /^(?:时任|现任|曾任|原任|历任|兼任|担任|拟任|在|对|于|向|从|为|和|与|及|或|并|把|将|被|进入|进|到|至|经|通过|建设|加强|保护|管理|开发|打造|推进|推动|实施|规划|设立|成立|划定|确定|包括|依托|围绕|是|有|的|了|等)$/;

/** Named areas (places) and their management committees (departments). */
export const areas: Recogniser = {
  name: 'areas',
  types: ['place', 'department'],
  needsTokens: true,
  overlap: 'ranked',
  recognise: (line, ctx) => recogniseAreas(line, ctx),
};

/** The named areas, their committees and the organs sharing a head noun in one line. */
export function recogniseAreas(line: string, ctx: Pick<LineContext, 'tokens'>): Entity[] {
  const tokens = ctx.tokens;
  const out: Entity[] = [];
  if (tokens.length === 0) return out;
  // the positions of `out`, so that its overlaps are not a scan of it (issue 13: a long line stays linear)
  const taken = new Occupancy(line.length);
  const push = (e: Entity) => {
    out.push(e);
    taken.add(e.start, e.end);
  };
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    const head = AREA_HEAD.exec(t.word);
    if (!head) continue;
    const committee = COMMITTEE.exec(line.slice(t.end, t.end + 5));
    const area = areaEnding(line, tokens, k, !!committee);
    if (!area) continue;
    if (committee) {
      const end = area.end + committee[0].length;
      const name = line.slice(area.start, area.end).replace(/原/g, '');
      const full = name + FULL_COMMITTEE[committee[0]];
      const e: Entity = { type: 'department', start: area.start, end, text: line.slice(area.start, end), canonical: full };
      // an area named by its function (旅游度假区) is the document's place's; one with a name of its own is itself (云台山景区)
      if (!area.proper && !startsWithPlace(name)) e.local = { level: 'document', template: `{place}${full}` };
      push(e);
      sharedHead(line, tokens, area.start, committee[0], push);
      while (k + 1 < tokens.length && tokens[k + 1].start < end) k++;
      continue;
    }
    if (area.named) push({ type: 'place', start: area.start, end: area.end, text: line.slice(area.start, area.end) });
  }
  // a task force or leading group named after a region or place (三峡库区地质灾害防治工作指挥部)
  for (let k = 0; k < tokens.length; k++) {
    if (!TASK_FORCE.test(tokens[k].word)) continue;
    let j = k;
    while (j > 0 && tokens[j - 1].end === tokens[j].start && (NAME_TAGS.test(tokens[j - 1].tag) || tokens[j - 1].tag === 'v') && !NOT_NAME_WORD.test(tokens[j - 1].word) && !/[，。、；：]/.test(tokens[j - 1].word) && tokens[k].end - tokens[j - 1].start <= 24) j--;
    while (j < k && tokens[j].tag !== 'ns') j++;
    if (j >= k || tokens[k].end - tokens[j].start < 7) continue;
    const start = tokens[j].start;
    const end = tokens[k].end;
    if (taken.overlaps(start, end)) continue;
    const text = line.slice(start, end);
    push({ type: 'department', start, end, text, canonical: text });
  }
  // organs of places sharing a head (焦作市和修武县人民政府, 娄东街道、陆渡街道办事处)
  for (const m of line.matchAll(/人民政府|办事处/g)) sharedPlaceHead(line, m.index, m[0], push, taken);
  return out.sort((a, b) => a.start - b.start);
}

/** The area whose head is token k: its start (the first word of its name) and whether it has a name of its own. */
function areaEnding(line: string, tokens: readonly Token[], k: number, governed = false): { start: number; end: number; named: boolean; proper: boolean } | undefined {
  const end = tokens[k].end;
  const headWord = tokens[k].word;
  let j = k;
  let start = tokens[k].start;
  // a head word with the name in it (云台山景区/ns): the name is before the head inside the word
  const inWord = headWord.replace(AREA_HEAD, '');
  while (j > 0 && start - tokens[j - 1].start <= 12) {
    const t = tokens[j - 1];
    if (t.end !== start || !NAME_TAGS.test(t.tag) || NOT_NAME_WORD.test(t.word) || !/^[\u4e00-\u9fff·]+$/.test(t.word)) break;
    start = t.start;
    j--;
  }
  // the former name of a zone: 北京市原密云经济开发区
  if (j > 0 && tokens[j - 1].word === '原' && j > 1 && gazetteer.parsePlaceChain(tokens[j - 2].word, 0)) {
    start = tokens[j - 2].start;
  }
  const name = line.slice(start, end);
  const stem = line.slice(start, end - (headWord.length - inWord.length));
  if (stem.length < 2 || GENERIC_START.test(name)) return undefined;
  // a name of its own: a place's or a proper name (云台山, 海拉尔河, 太仓港), not a kind (重点开发区, 城市新区)
  const proper = tokens.slice(j, k + 1).some((t) => /^(?:ns|nz|nr|nrt|x|nt|j|eng)$/.test(t.tag)) || /^[\u4e00-\u9fff]{2,}[山河湖江海岛湾峡谷泉洞]/.test(stem);
  // (a committee names one area even by its function: 旅游度假区管委会)
  if (!proper && !governed) return undefined;
  // a zone named only by a place and a level word (太仓市开发区 is fine, 市开发区 is a level organ's)
  if (/^[省市县区镇乡]/.test(name) && !gazetteer.parsePlaceChain(name, 0)) return undefined;
  return { start, end, named: ZONE_HEAD.test(name) ? stem.length >= 2 : true, proper };
}

/** Whether a name begins with a place (北京市密云…, 太仓港…). */
function startsWithPlace(name: string): boolean {
  const chain = gazetteer.parsePlaceChain(name, 0);
  return !!chain && chain.places.length > 0;
}

/** Earlier names listed before a committee with the same head (太仓港经济技术开发区、太仓高新区、旅游度假区管委会): each a committee. */
function sharedHead(line: string, tokens: readonly Token[], at: number, committee: string, push: (e: Entity) => void): void {
  let pos = at;
  for (let n = 0; n < 8 && pos > 1 && /[、和及与]/.test(line[pos - 1]); n++) {
    const sepAt = pos - 1;
    const k = tokenCovering(tokens, sepAt - 1);
    if (k < 0) return;
    const area = AREA_HEAD.test(tokens[k].word) ? areaEnding(line, tokens, k, true) : undefined;
    if (!area || area.end !== sepAt) return;
    const name = line.slice(area.start, area.end);
    const full = name.replace(/原/g, '') + FULL_COMMITTEE[committee];
    const e: Entity = { type: 'department', start: area.start, end: area.end, text: name, canonical: full };
    if (!area.proper && !startsWithPlace(name)) e.local = { level: 'document', template: `{place}${full}` };
    push(e);
    pos = area.start;
  }
}

/** Places listed before an organ head they share (焦作市和修武县人民政府, 娄东街道、陆渡街道办事处): each that place's organ. */
function sharedPlaceHead(line: string, headAt: number, head: string, push: (e: Entity) => void, taken: Occupancy): void {
  const last = chainEndingAt(line, headAt);
  if (!last || !/[、和及与]/.test(line[last.start - 1] ?? '')) return;
  const street = (name: string) => name.endsWith('街道');
  const organ = (start: number, end: number, withHead: boolean): void => {
    const name = line.slice(start, end);
    if (head === '办事处' && !street(name)) return;
    if (taken.overlaps(start, end + (withHead ? head.length : 0))) return;
    const canonical = name + head;
    const e: Entity = { type: 'department', start, end: withHead ? end + head.length : end, text: line.slice(start, withHead ? end + head.length : end), canonical };
    if (!startsWithPlace(name) || street(name)) e.local = { level: 'document', template: `{place}${canonical}` };
    push(e);
  };
  // a street office is one even last (陆渡街道办事处); a government with its place is found by the names recogniser
  if (head === '办事处') organ(last.start, headAt, true);
  let pos = last.start;
  for (let n = 0; n < 8 && pos > 1 && /[、和及与]/.test(line[pos - 1]); n++) {
    const sepAt = pos - 1;
    const chain = chainEndingAt(line, sepAt);
    if (!chain) return;
    organ(chain.start, sepAt, false);
    pos = chain.start;
  }
}

/** A place name (a chain, or a street 娄东街道) that ends exactly at `end`: its start. */
function chainEndingAt(line: string, end: number): { start: number } | undefined {
  for (let s = Math.max(0, end - 12); s < end - 1; s++) {
    if (s > 0 && /[\u4e00-\u9fff]/.test(line[s - 1]) && !/[、和及与，]/.test(line[s - 1])) continue;
    const chain = gazetteer.parsePlaceChain(line, s);
    if (chain && chain.end === end) return { start: s };
    if (/^[\u4e00-\u9fff]{2,4}街道$/.test(line.slice(s, end))) return { start: s };
  }
  return undefined;
}
