// Local organs named by their level alone: 市委, 市政府, 市委办公厅, 市财政局,
// 区人大常委会, 县法院, 镇政府, 市政协办公室 — the way a local document names
// its own organs. Built from the grammar of organ names: a level word (省, 自治区,
// 市, 州, 盟, 县, 区, 旗, 镇, 乡) and an organ or working-organ suffix of the
// gazetteer's table (with its standard abbreviations: 法制办, 国资委, 人社局 …),
// or, for organs the table does not list, a function word and an organ head
// (招商局, 水利水电局, 财政收入组织工作专班). Generic plurals (各级党委, 各区政府,
// 市县政府, 全市各部门) are not organs.
//
// The line gives no place: the entity's canonical is its own text, and
// `local` says how to name it in full once the document's place is known
// (context.ts fills it in for the whole document).
import { gazetteer } from './gazetteer';
import type { LocalOrganSuffix } from './gazetteer';
import { tokenCovering } from '../text/search';
import { Trie } from '../text/trie';
import type { Entity, LevelWord, Token } from '../types';
import type { LineContext, Recogniser } from './recogniser';
import { Occupancy } from './spans';
import { charSet, isIn } from '../text/charClass';

/** Level words, longest first at each position. */
const LEVEL_WORDS: readonly LevelWord[] = ['自治区', '自治州', '自治县', '省', '市', '州', '盟', '县', '区', '旗', '镇', '乡'];
const LEVEL_FIRST = charSet(LEVEL_WORDS.map((w) => w[0]).join(''));
/** Characters of a level word written twice in a row: 市县政府, 区县, 县乡, 乡镇 name several levels (generic). */
const LEVEL_CHAR = /^[省市县区州盟旗镇乡]/;
/** Words right before a level word that make the organ generic or not a level organ at all (各区政府, 全市, 两县, 每个乡). */
const GENERIC_BEFORE = /^(?:各|全|两|三|多|每|该|诸|某|其|等|所|省|市|县|区|乡|镇|州|旗|盟|地|城|直辖|副省|上级|下级|本级)$/;
/** Heads of organs the table does not list (市招商局, 市水利水电局, 市财政收入组织工作专班, 镇房管所, 镇综合行政执法队). */
const ORGAN_HEAD = /(?:局|委|办|中心|所|站|队|专班|指挥部|领导小组)$/;
/** Words that are not the function of an organ (市场, 市民, 区域, 县城, 州长 …): the level word starts a word of its own. */
const NOT_FUNCTION = /^(?:场|民|区|域|城(?![运建管])|级|长|里|内|外|情|面|容|井|属|直|值|中心|委员|委托)/;
/** Suffixes that need a place's name written before them (special courts, 行署): never after a level word alone. */
const NEEDS_NAME = (s: LocalOrganSuffix) => s.template.includes('{written}') || NOT_AFTER_LEVEL.has(s.suffix);
/** Suffixes that after a level word alone are generic (镇党委, the guide's example: a town's Party committee is named 镇党委 everywhere). */
const NOT_AFTER_LEVEL = new Set(['党委', '党工委', '工委', '党总支', '党支部', '委员会']);

/** A task force's name may be long (镇房屋安全隐患排查整治工作领导小组): its topic up to twenty characters. */
const TASK_FORCE = /(?:领导小组|指挥部|工作专班)$/;
const TASK_FORCE_MAX = 24;

/** Tags of words inside an organ's function part (财政, 招商, 水利水电, 规划建设). */
const FUNCTION_TAGS = /^(?:n|nz|vn|v|j|nt|ns|l|i|b|an|ng|x|f)$/;

/** A congress named with its term between the level and the organ (市十五届人大, 区第十五届人民代表大会). */
const TERM = /^第?[一二三四五六七八九十]+届/;

/** Mass organisations named by level (市总工会, 县妇联, 区工商联): organizations, not organs (the guide). */
/** Public institutions named by their level and kind (县人民医院, 市第一人民医院, 区图书馆, 市第二中学, 县融媒体中心). */
const PUBLIC_INSTITUTION = /^(?:第[一二三四五六七八九十]+|第\d+)?(?:人民医院|中医院|中医医院|中西医结合医院|妇幼保健院|疾病预防控制中心|疾控中心|图书馆|博物馆|文化馆|档案馆|体育馆|广播电视台|电视台|融媒体中心|人民广播电台|实验小学|实验中学|高级中学|职业中学|职业技术学校|中等职业学校|(?<=^第[一二三四五六七八九十\d]+)(?:中学|小学))/;
const MASS_ORGANISATION = /^(?:总工会|工会|妇联|妇女联合会|工商联|工商业联合会|科协|科学技术协会|残联|残疾人联合会|侨联|归国华侨联合会|文联|文学艺术界联合会|社科联|红十字会|贸促会|青联|台联)/;
/** The Communist Youth League's committee of a level (团市委, 团县委): an organization. */
const LEAGUE = /^团(?:省|市|县|区|州|旗)委/;
/**
 * A local Party committee's working offices written bare in a local document
 * (市委宣传部（网信办）, 人才办牵头): the document's own, named in full once its
 * place is known; in a document without one they stay what the gazetteer
 * says (网信办 of the centre).
 */
const BARE_OFFICES: Record<string, string> = {
  网信办: '中共{place}委网络安全和信息化委员会办公室',
  人才办: '中共{place}委人才工作领导小组办公室',
  编办: '中共{place}委机构编制委员会办公室',
  编委办: '中共{place}委机构编制委员会办公室',
  改革办: '中共{place}委全面深化改革委员会办公室',
  深改办: '中共{place}委全面深化改革委员会办公室',
  巡察办: '中共{place}委巡察工作领导小组办公室',
  政研室: '中共{place}委政策研究室',
  依法治市办: '中共{place}委全面依法治市委员会办公室',
  依法治县办: '中共{place}委全面依法治县委员会办公室',
  依法治区办: '中共{place}委全面依法治区委员会办公室',
  文明办: '中共{place}委精神文明建设委员会办公室',
  综治办: '{place}社会治安综合治理委员会办公室',
  法制办: '{place}人民政府法制办公室',
  金融办: '{place}人民政府金融工作办公室',
  住保办: '{place}住房保障办公室',
  人防办: '{place}人民防空办公室',
  扶贫办: '{place}扶贫开发办公室',
  农办: '{place}农业和农村工作办公室',
};
const BARE_OFFICE = new RegExp(`(?:${Object.keys(BARE_OFFICES).join('|')})`, 'g');
/** Dispatched units of national organs, named with their place (人行临安支行, 国家统计局临安调查队): the national organ is canonical and parent. */
const DISPATCHED: Array<{ re: RegExp; organ: string }> = [
  { re: /(?:中国人民银行|人民银行|人行)([\u4e00-\u9fff]{2,8}?)(?:市中心支行|中心支行|分行|支行|营业管理部)/g, organ: '中国人民银行' },
  { re: /国家统计局([\u4e00-\u9fff]{2,8}?)调查(?:总队|队)/g, organ: '国家统计局' },
  { re: /国家税务总局([\u4e00-\u9fff]{2,8}?)税务局/g, organ: '国家税务总局' },
  { re: /国家金融监督管理总局([\u4e00-\u9fff]{2,8}?)(?:监管局|监管分局)/g, organ: '国家金融监督管理总局' },
];

/** The Party committee of an autonomous region (自治区党委). */
const PARTY_COMMITTEE: LocalOrganSuffix = { suffix: '党委', template: '中国共产党{place}委员会', kind: 'party' };
/** Organs written bare right after a level organ and a conjunction share its level (区人大、政协 → 区政协). */
const SHARED_LEVEL_SEPARATOR = /^[、和及与]$/;

/** The gazetteer's generic mentions (县委常委会, 乡镇政府): a level organ never stands inside a longer one. */
let genericTrie: Trie<true> | undefined;
function generics(): Trie<true> {
  if (genericTrie) return genericTrie;
  const trie = new Trie<true>(true);
  for (const g of gazetteer.genericMentions()) trie.set(g, true);
  genericTrie = trie;
  return trie;
}

/** The suffix table as a trie (the table's templates, byLevel and dispatched parents). */
let suffixTrie: Trie<LocalOrganSuffix> | undefined;
function suffixes(): Trie<LocalOrganSuffix> {
  if (suffixTrie) return suffixTrie;
  const trie = new Trie<LocalOrganSuffix>(true);
  for (const s of gazetteer.localOrganSuffixes()) if (!NEEDS_NAME(s)) trie.set(s.suffix, s);
  suffixTrie = trie;
  return trie;
}

/** Level-only local organs, registered in the pipeline after the names recogniser (a longer name found there wins). */
export const levelOrgans: Recogniser = {
  name: 'level-organs',
  types: ['department', 'organization'],
  needsTokens: true,
  overlap: 'ranked',
  recognise: (line, ctx) => recogniseLevelOrgans(line, ctx),
};

/** Finds the level-only organs of one line, the bare working offices and the dispatched units. */
export function recogniseLevelOrgans(line: string, ctx: Pick<LineContext, 'tokens'>): Entity[] {
  const out: Entity[] = [];
  const tokens = ctx.tokens;
  if (tokens.length === 0) return out;
  // the positions taken by `out` (a scan of it for every candidate made a long line quadratic: issue 13)
  const taken = new Occupancy(line.length);
  const free = (s: number, e: number) => !taken.overlaps(s, e);
  const take = (x: Entity) => {
    out.push(x);
    taken.add(x.start, x.end);
  };
  for (const { re, organ } of DISPATCHED) {
    for (const m of line.matchAll(re)) {
      if (!gazetteer.lookupPlace(m[1]) && !gazetteer.parsePlaceChain(m[1], 0)) continue;
      take({ type: 'department', start: m.index, end: m.index + m[0].length, text: m[0], canonical: organ, parent: organ });
    }
  }
  for (let i = 0; i < line.length; i++) {
    if (line.charCodeAt(i) === 0x56e2 /* 团 */ && LEAGUE.test(line.slice(i, i + 4)) && startsWord(tokens, i)) {
      const end = i + 3;
      if (free(i, end)) take({ type: 'organization', start: i, end, text: line.slice(i, end) });
      i = end - 1;
      continue;
    }
    if (LEVEL_FIRST[line.charCodeAt(i)] !== 1) continue;
    const level = LEVEL_WORDS.find((w) => line.startsWith(w, i));
    if (!level) continue;
    const found = organAt(line, i, level, tokens);
    const generic = generics().longestAt(line, i);
    if (found && generic && generic.end > found.end) {
      i = generic.end - 1; // 县委常委会, 市委市政府: generic
      continue;
    }
    if (found && free(found.start, found.end)) {
      take(found);
      i = found.end - 1;
    }
  }
  // organs written bare after a level organ and a conjunction share its level (区人大、政协; 市委和市政府 needs none)
  for (const x of [...out]) {
    if (!x.local || x.local.level === 'document' || !SHARED_LEVEL_SEPARATOR.test(line[x.end] ?? '')) continue;
    const at = x.end + 1;
    if (isIn(LEVEL_FIRST, line, at)) continue;
    const hit = suffixes().longestAt(line, at);
    if (!hit || !endsWord(line, hit.end, tokens) || !startsWord(tokens, at) || !free(at, hit.end)) continue;
    const text = line.slice(at, hit.end);
    take({ type: 'department', start: at, end: hit.end, text, canonical: text, local: { level: x.local.level, template: hit.value.template, ...(hit.value.byLevel ? { byLevel: hit.value.byLevel } : {}) } });
  }
  // 中央 written bare before the Party's local committees (中央、自治区党委、市委和区委): the Central Committee
  for (const x of out) {
    if (x.start < 3 || line.slice(x.start - 3, x.start) !== '中央、' || (x.start > 3 && /[\u4e00-\u9fff]/.test(line[x.start - 4]) && !/[在和与及由经对向]/.test(line[x.start - 4]))) continue;
    if (!x.local || !/^中国共产党/.test(x.local.template)) continue;
    if (free(x.start - 3, x.start - 1)) take({ type: 'department', start: x.start - 3, end: x.start - 1, text: '中央', canonical: '中国共产党中央委员会' });
    break;
  }
  for (const m of line.matchAll(BARE_OFFICE)) {
    const s = m.index;
    const e = s + m[0].length;
    // written alone: not after a place, a level word or 中央 (those are other names), at word boundaries
    if (s > 0 && /[\u4e00-\u9fff]/.test(line[s - 1]) && !/[、和与及由]/.test(line[s - 1])) continue;
    if (!startsWord(tokens, s) || !endsWord(line, e, tokens) || !free(s, e)) continue;
    take({ type: 'department', start: s, end: e, text: m[0], canonical: m[0], local: { level: 'document', template: BARE_OFFICES[m[0]] } });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Whether a word of the tokenizer starts at `pos`. */
function startsWord(tokens: readonly Token[], pos: number): boolean {
  const k = tokenCovering(tokens, pos);
  return k >= 0 && tokens[k].start === pos;
}

/** The level organ starting with level word `level` at `i`, if any. */
function organAt(line: string, i: number, level: LevelWord, tokens: readonly Token[]): Entity | undefined {
  // the level word begins a word (not 城市, 全市, 各区), after something that is not a place's name or a generic word
  const k = tokenCovering(tokens, i);
  if (k < 0) return undefined;
  // the level word begins a word, or ends an unknown word the tokenizer glued to a verb before it (请区/x 政协委员)
  const glued = tokens[k].start === i - 1 && tokens[k].end === i + 1 && tokens[k].tag === 'x' && /[请由经向对在将任]/.test(line[i - 1]);
  if (tokens[k].start !== i && !glued) return undefined;
  if (k > 0 && !glued) {
    const prev = tokens[k - 1];
    if (prev.end === i && (GENERIC_BEFORE.test(prev.word) || prev.tag === 'm' || prev.tag === 'ns' || prev.tag === 'q' || /[各全本该每]$/.test(prev.word))) return undefined;
  }
  let pos = i + level.length;
  if (LEVEL_CHAR.test(line.slice(pos, pos + 1)) && !isSuffixAt(line, pos)) return undefined; // 市县政府, 乡镇 (but 市市场监管局, 省市场监管局)
  const mass = MASS_ORGANISATION.exec(line.slice(pos, pos + 8));
  if (mass && endsWord(line, pos + mass[0].length, tokens)) {
    const end = pos + mass[0].length;
    return { type: 'organization', start: i, end, text: line.slice(i, end) };
  }
  // a public institution of that level (县人民医院, 市第一中学, 区图书馆): an organization with the document's place
  const inst = PUBLIC_INSTITUTION.exec(line.slice(pos, pos + 16));
  if (inst && endsWord(line, pos + inst[0].length, tokens)) {
    const end = pos + inst[0].length;
    return { type: 'organization', start: i, end, text: line.slice(i, end), local: { level, template: `{place}${inst[0]}` } };
  }
  const term = TERM.exec(line.slice(pos, pos + 6));
  if (term) pos += term[0].length;
  let hit = suffixes().longestAt(line, pos);
  // an autonomous region's Party committee is its 党委 (自治区党委), a town's is generic (镇党委)
  if (!hit && level === '自治区' && line.startsWith('党委', pos)) hit = { end: pos + 2, value: PARTY_COMMITTEE };
  let end = -1;
  let suffix: LocalOrganSuffix | undefined;
  if (hit && endsWord(line, hit.end, tokens) && !(term && hit.value.kind !== 'legislature')) {
    end = hit.end;
    suffix = hit.value;
  }
  if (end < 0 && !term) {
    // an organ the table does not list: function words and an organ head (市招商局, 市水利水电局)
    end = functionOrgan(line, pos, tokens);
    if (end < 0) return undefined;
  }
  if (end < 0) return undefined;
  const text = line.slice(i, end);
  const written = line.slice(pos, end);
  const e: Entity = { type: 'department', start: i, end, text, canonical: text };
  if (suffix?.parent && !suffix.template.includes('{')) {
    // a dispatched unit of a national organ (市税务局 → 国家税务总局)
    e.canonical = suffix.template;
    e.parent = suffix.parent;
    return e;
  }
  e.local = { level, template: suffix ? suffix.template : `{place}${written}` };
  if (suffix?.byLevel) e.local.byLevel = suffix.byLevel;
  return e;
}

/** Whether a table suffix starts at `pos` (市 + 市场监管局 is an organ, 市 + 县政府 is not). */
function isSuffixAt(line: string, pos: number): boolean {
  const hit = suffixes().longestAt(line, pos);
  return !!hit && hit.end - pos >= 3;
}

/** Whether a name may end at `end`: a word ends there, or a title starts (市委书记, 县政府副县长). */
function endsWord(line: string, end: number, tokens: readonly Token[]): boolean {
  if (end >= line.length) return true;
  const k = tokenCovering(tokens, end);
  if (k < 0 || tokens[k].start === end) return true;
  return /^(?:副|常务副)?(?:书记|常委|委员|主任|局长|部长|市长|县长|区长|镇长|乡长|省长|州长|旗长|院长|检察长|主席|秘书长|党组|班子|领导)/.test(line.slice(end, end + 5));
}

/**
 * The end of an organ named by function words and an organ head after the
 * level word, for organs the table does not list: two to eight characters of
 * noun-like words (no particle, pronoun, number or punctuation) that end in
 * 局, 委, 办, 中心, 专班, 指挥部 or 领导小组 at a word's end; -1 if none.
 */
function functionOrgan(line: string, pos: number, tokens: readonly Token[]): number {
  if (NOT_FUNCTION.test(line.slice(pos, pos + 2))) return -1;
  let k = tokenCovering(tokens, pos);
  if (k < 0) return -1;
  // the level word and the function may be one word (市招商局/nt): start from the word after the level word
  let at = tokens[k].start === pos ? pos : tokens[k].end;
  if (tokens[k].start !== pos) {
    if (!ORGAN_HEAD.test(tokens[k].word) || tokens[k].end - pos < 2) {
      k++;
    } else return tokens[k].end - pos <= 10 ? tokens[k].end : -1;
  }
  for (; k < tokens.length && tokens[k].start === at && tokens[k].end - pos <= TASK_FORCE_MAX; k++) {
    const t = tokens[k];
    if (!FUNCTION_TAGS.test(t.tag) || !/^[\u4e00-\u9fff]+$/.test(t.word)) return -1;
    at = t.end;
    const name = line.slice(pos, at);
    if (ORGAN_HEAD.test(name) && at - pos >= 3 && (at - pos <= 10 || TASK_FORCE.test(name))) return at;
  }
  return -1;
}
