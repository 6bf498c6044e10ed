// Departments, places and organizations: dictionary anchors (organs,
// organizations, places from the gazetteer) grown by rules for how Chinese
// organ and institution names are built (place + organ suffix, organ +
// sub-unit, name + institution suffix + branch), checked against the
// tokenizer's word boundaries so that a name never starts or ends inside a
// word (科技部门 is not 科技部).
import { Gazetteer, gazetteer as sharedGazetteer, type OrganInfo, type PlaceChain } from './gazetteer';
import type { UserWord } from './tokenizer';
import { Trie } from './trie';
import type { Entity, Token } from './types';

/** Characters a name never spans. */
const BREAK = /[\s，。、；：！？,.;:!?（）()“”"‘’'《》〈〉「」『』【】\[\]—…·\u3000\u200b]/;

/** Longest sub-unit or local-organ tail tried after an anchor (characters). */
const MAX_TAIL = 24;

/** Words that show a clause has started, so a name cannot run through them. */
const PREDICATE = /^(开展|推动|推进|部署|召开|印发|发布|组织|实施|加强|落实|深入|学习|贯彻|通过|制定|出台|建立|健全|完善|坚持|聚焦|围绕|按照|结合|会同|联合|指导|督促|要求|提出|强调|指出|认真|切实|积极|全面|进一步|持续|扎实|着力|大力|不断|研究|召集|举办|启动|支持|帮助|带领|引导|推广|创建|建设|完成|印制|编制|参加|参与|作出|做好|抓好|发挥|提升|提高|增强|发出|派出|成立|设立|下发|公布|审议|决定|选派|动员|带头|以|为|在|对|向|把|将|于|从|被|和|与|及|等|是|有|的|了|也|都|又|还|就|各|该|其)$/;

/** Token tags that may occur inside an organ or institution name. */
const NAME_TAGS = /^(n|nr|nrfg|nrt|ns|nt|nz|vn|j|l|x|eng|m|q|f|s|an|b|ng|nrt|i|zg|g)$/;

/** Institution sub-units and branches that may follow an organization name. */
const ORG_TAIL = /^(?:第[一二三四五六七八九十\d]+)?(?:分行|支行|分公司|子公司|分院|分校|附属[\u4e00-\u9fff]{1,8}医院|医学院|党委|党总支|党支部|团委|工会|突击队|中心|研究所|研究院|实验室)$/;

/** Anchored organization suffixes that need a proper name before them. */
const ORG_SUFFIX_RE =
  /(职业技术学院|大学|学院|中学|小学|幼儿园|医院|卫生院|银行|分行|支行|集团|公司|分公司|基金会|协会|学会|研究会|联合会|商会|研究院|研究所|研究中心|实验室|报社|日报社|杂志社|出版社|电视台|广播电台|合作社|养老院|敬老院|福利院|老年公寓|党支部|党委|突击队|中心|所)$/;

/** Regions and countries that are places but not administrative divisions. */
const EXTRA_PLACES = [
  '中国', '中华人民共和国', '华北', '华东', '华南', '华中', '西南', '西北', '东北', '东北三省', '东北地区', '京津冀', '长三角', '珠三角',
  '长江三角洲', '珠江三角洲', '粤港澳大湾区', '长江经济带', '黄河流域', '长江流域', '黄淮', '江淮', '成渝', '雄安新区', '浦东新区', '滨海新区',
  '两江新区', '海南自由贸易港', '上海自贸试验区临港新片区', '临港新片区', '中西部', '东中西部', '三北', '青藏高原', '黄土高原', '西部地区', '中部地区', '东部地区',
  '亚洲', '欧洲', '非洲', '拉丁美洲', '拉美', '北美', '中东', '东南亚', '中亚', '南亚', '东盟',
  '美国', '日本', '韩国', '朝鲜', '俄罗斯', '英国', '法国', '德国', '意大利', '西班牙', '葡萄牙', '希腊', '荷兰', '比利时', '瑞士', '瑞典', '挪威', '芬兰', '丹麦', '波兰',
  '奥地利', '匈牙利', '捷克', '塞尔维亚', '乌克兰', '白俄罗斯', '土耳其', '伊朗', '伊拉克', '沙特阿拉伯', '沙特', '阿联酋', '以色列', '巴勒斯坦', '埃及', '南非', '尼日利亚',
  '埃塞俄比亚', '肯尼亚', '坦桑尼亚', '阿尔及利亚', '摩洛哥', '印度', '巴基斯坦', '孟加拉国', '斯里兰卡', '尼泊尔', '阿富汗', '哈萨克斯坦', '乌兹别克斯坦', '吉尔吉斯斯坦',
  '塔吉克斯坦', '土库曼斯坦', '蒙古国', '越南', '老挝', '柬埔寨', '泰国', '缅甸', '马来西亚', '新加坡', '印度尼西亚', '印尼', '菲律宾', '文莱', '澳大利亚', '新西兰',
  '加拿大', '墨西哥', '巴西', '阿根廷', '智利', '秘鲁', '古巴', '委内瑞拉', '哥伦比亚',
];

/** Options for NameRecogniser. */
export interface NameRecogniserOptions {
  gazetteer?: Gazetteer;
}

/** Finds departments, places and organizations in one line of text. */
export class NameRecogniser {
  private readonly gaz: Gazetteer;
  private organTrie?: Trie<true>;
  private orgTrie?: Trie<true>;
  private extraPlaces?: Trie<true>;
  private genericTrie?: Trie<true>;

  constructor(options: NameRecogniserOptions = {}) {
    this.gaz = options.gazetteer ?? sharedGazetteer;
  }

  /** Words for the tokenizer's user dictionary: organs and organizations (nt), places (ns); only those it does not know. */
  dictionaryWords(): UserWord[] {
    const out: UserWord[] = [];
    for (const w of this.gaz.organAliases()) out.push({ word: w, tag: 'nt', onlyUnknown: true });
    for (const w of this.gaz.organizationNames()) out.push({ word: w, tag: 'nt', onlyUnknown: true });
    for (const w of this.gaz.placeNames()) out.push({ word: w, tag: 'ns', onlyUnknown: true });
    for (const w of EXTRA_PLACES) out.push({ word: w, tag: 'ns', onlyUnknown: true });
    return out;
  }

  private tries(): void {
    if (this.organTrie) return;
    this.organTrie = new Trie();
    for (const w of this.gaz.organAliases()) this.organTrie.set(w, true);
    this.orgTrie = new Trie();
    for (const w of this.gaz.organizationNames()) this.orgTrie.set(w, true);
    this.extraPlaces = new Trie();
    for (const w of EXTRA_PLACES) this.extraPlaces.set(w, true);
    this.genericTrie = new Trie();
    for (const w of this.gaz.genericMentions()) this.genericTrie.set(w, true);
  }

  /** Recognises names in `line` (no line breaks) given its tokens. */
  recognise(line: string, tokens: readonly Token[]): Entity[] {
    this.tries();
    const starts = new Set<number>();
    const ends = new Set<number>([line.length]);
    for (const t of tokens) {
      starts.add(t.start);
      ends.add(t.end);
    }
    const out: Entity[] = [];
    let lastDepartment: Entity | undefined;
    let i = 0;
    while (i < line.length) {
      const { entity, next } = this.at(line, i, starts, ends, tokens, lastDepartment);
      if (entity) {
        out.push(entity);
        if (entity.type === 'department') lastDepartment = entity;
      }
      i = next;
    }
    return out;
  }

  /** The best name starting at `i`, if any, and where to look next. */
  private at(line: string, i: number, starts: Set<number>, ends: Set<number>, tokens: readonly Token[], lastDepartment: Entity | undefined): { entity?: Entity; next: number } {
    const code = line.charCodeAt(i);
    if (code < 0x4e00 || code > 0x9fff) return { next: i + 1 };
    // Generic mentions (有关部门, 科技部门, 各级党委) are skipped whole.
    const generic = this.genericTrie!.longestAt(line, i);
    const organ = this.organTrie!.longestAt(line, i);
    const tokenStart = starts.has(i);

    const candidates: Entity[] = [];
    // 1. A central organ, perhaps with a sub-unit (科技部战略规划司, 海关总署党委).
    if (organ && (tokenStart || organ.end - i >= 3)) {
      const dep = this.growDepartment(line, i, organ.end, ends);
      // The name must end where a word ends (科技/部门 is not 科技部), unless the organ's name is long and unambiguous.
      if (dep && (ends.has(dep.end) || dep.end - i >= 4)) candidates.push(dep);
    }
    // 2. A place chain, perhaps an organ or institution of that place (北京市科委, 富源县委, 西安交通大学).
    if (tokenStart) {
      const parsed = this.gaz.parsePlaceChain(line, i);
      const chain = parsed && this.checkTail(line, parsed, starts, tokens);
      if (chain) {
        const local = this.growLocal(line, i, chain, ends);
        if (local) candidates.push(local);
        const org = this.growOrganization(line, i, chain.end, ends, tokens);
        if (org) candidates.push(org);
        const place = this.placeEntity(line, chain, ends);
        if (place) candidates.push(place);
      }
      const extra = this.extraPlaces!.longestAt(line, i);
      if (extra && ends.has(extra.end)) {
        candidates.push({ type: 'place', start: i, end: extra.end, text: line.slice(i, extra.end) });
        const org = this.growOrganization(line, i, extra.end, ends, tokens);
        if (org) candidates.push(org);
      }
    }
    // 3. A named organization (国家电网, 中国农业银行), perhaps with a branch (交通银行大连分行).
    const named = this.orgTrie!.longestAt(line, i);
    if (named && (tokenStart || named.end - i >= 3)) {
      const org = this.growOrganization(line, i, named.end, ends, tokens) ?? { type: 'organization' as const, start: i, end: named.end, text: line.slice(i, named.end) };
      candidates.push(org);
    }
    // 4. A sub-unit written without its organ, in the text of one (…、政策法规与创新体系建设司).
    if (tokenStart && lastDepartment?.canonical && !candidates.length) {
      const unit = this.bareSubunit(line, i, ends, tokens, lastDepartment);
      if (unit) candidates.push(unit);
    }
    // 5. An organization built on a proper name (逸家仁老年公寓, 中建玖合…党支部).
    if (tokenStart && !candidates.length) {
      const org = this.growOrganization(line, i, i, ends, tokens);
      if (org) candidates.push(org);
    }
    let best: Entity | undefined;
    for (const c of candidates) if (!best || c.end > best.end || (c.end === best.end && rank(c) < rank(best))) best = c;
    // A generic mention at least as long as the best name wins: nothing is marked there.
    if (generic && (!best || generic.end >= best.end)) return { next: generic.end };
    return best ? { entity: best, next: best.end } : { next: i + 1 };
  }

  /** Organ at [start, anchorEnd) grown by a sub-unit tail when the gazetteer accepts it. */
  private growDepartment(line: string, start: number, anchorEnd: number, ends: Set<number>): Entity | undefined {
    const base = this.gaz.lookupDepartment(line.slice(start, anchorEnd));
    let best: { end: number; info: OrganInfo } | undefined = base ? { end: anchorEnd, info: base } : undefined;
    const limit = Math.min(line.length, anchorEnd + MAX_TAIL);
    for (let e = anchorEnd + 1; e <= limit; e++) {
      if (BREAK.test(line[e - 1])) break;
      if (!ends.has(e)) continue; // a grown name ends where a word ends
      const tail = line.slice(anchorEnd, e);
      if (hasPredicate(tail)) break;
      const info = this.gaz.lookupDepartment(line.slice(start, e));
      if (info) best = { end: e, info };
    }
    if (!best) return undefined;
    return department(line, start, best.end, best.info);
  }

  /** A local organ: place chain + organ suffix (+ sub-unit). */
  private growLocal(line: string, start: number, chain: PlaceChain, ends: Set<number>): Entity | undefined {
    let best: Entity | undefined;
    const limit = Math.min(line.length, chain.end + MAX_TAIL);
    // The chain may have swallowed the suffix's first character (九江市 + 直机关工委): start a little before its end.
    const first = Math.max(start + 2, chain.end - 1);
    for (let e = first + 1; e <= limit; e++) {
      if (BREAK.test(line[e - 1])) break;
      if (!ends.has(e) && e !== limit) continue;
      if (e > chain.end && hasPredicate(line.slice(chain.end, e))) break;
      const info = this.gaz.lookupDepartment(line.slice(start, e));
      if (info && e > chain.end - 1) best = department(line, start, e, info);
    }
    return best;
  }

  /**
   * The chain, without its village tail (…村, …社区, …小区) unless the tail
   * starts at a word and is made of name words (榆阳区深化小区 is 榆阳区).
   */
  private checkTail(line: string, chain: PlaceChain, starts: Set<number>, tokens: readonly Token[]): PlaceChain {
    if (!chain.tail) return chain;
    const tailStart = chain.end - chain.tail.length;
    let ok = starts.has(tailStart);
    for (let k = firstTokenAt(tokens, tailStart); ok && k >= 0 && k < tokens.length && tokens[k].start < chain.end; k++) {
      const t = tokens[k];
      // village names are proper nouns: no verbs, abbreviations (深化/j), adjectives or function words
      if (BREAK.test(t.word) || PREDICATE.test(t.word) || /^(v|vd|vn|j|a|ad|an|d|p|c|u|ud|uj|ul|uv|uz|r|m)$/.test(t.tag)) ok = false;
    }
    if (ok) return chain;
    return { ...chain, tail: undefined, end: tailStart, text: line.slice(chain.start, tailStart) };
  }

  /** A place entity for a chain, unless it is too weak to stand alone. */
  private placeEntity(line: string, chain: PlaceChain, ends: Set<number>): Entity | undefined {
    if (!ends.has(chain.end)) {
      // The chain ends inside a word (长海 in 成长海…): accept only full names ending in a level word.
      if (!/(省|市|县|区|州|盟|旗|镇|乡|村|社区|街道|自治区)$/.test(chain.text)) return undefined;
    }
    if (chain.places.length === 1 && !chain.tail) {
      const p = chain.places[0];
      const written = chain.written[0];
      if (p.weak && p.name === written) return undefined;
      if (written.length <= 2 && p.ambiguous && p.level !== 'province') return undefined;
    }
    return { type: 'place', start: chain.start, end: chain.end, text: chain.text };
  }

  /**
   * An organization: [anchor) then name tokens up to an institution suffix,
   * then optional branches (分行, 党委, 第八党支部 …). With no anchor
   * (start === anchorEnd) the name must begin with a proper-name token.
   */
  private growOrganization(line: string, start: number, anchorEnd: number, ends: Set<number>, tokens: readonly Token[]): Entity | undefined {
    let k = firstTokenAt(tokens, anchorEnd);
    if (k < 0) return undefined;
    if (start === anchorEnd) {
      const t = tokens[k];
      // jieba's own nt words are often generic (中医医院, 施工队), so only unknown (x) or proper (nz, nrt) words anchor
      if (!(t.tag === 'x' || t.tag === 'nz' || t.tag === 'nrt') || t.word.length < 2 || !/^[\u4e00-\u9fff]+$/.test(t.word)) return undefined;
    }
    let end = -1;
    let pos = anchorEnd;
    for (; k < tokens.length && tokens[k].start === pos && pos - start <= 40; k++) {
      const t = tokens[k];
      if (!this.nameToken(t)) break;
      pos = t.end;
      const text = line.slice(start, pos);
      if (ORG_SUFFIX_RE.test(text) && !this.gaz.isGeneric(line.slice(anchorEnd, pos))) {
        // the part before the suffix must carry a name of its own
        const suffix = ORG_SUFFIX_RE.exec(text)![1];
        if (pos - suffix.length > start && (start < anchorEnd || pos - suffix.length - start >= 2)) end = pos;
      } else if (end >= 0 && ORG_TAIL.test(line.slice(end, pos))) end = pos;
    }
    if (end < 0 || end <= anchorEnd && start < anchorEnd && !this.orgTrie!.longestAt(line, start)) return undefined;
    if (end <= anchorEnd) return undefined;
    return { type: 'organization', start, end, text: line.slice(start, end) };
  }

  /**
   * Whether a token can be part of an institution's name: a noun-like tag
   * (jieba's tags are unreliable inside names: 大连/d 分行/v), a place, or a
   * suffix word; never punctuation or a clause's verb.
   */
  private nameToken(t: Token): boolean {
    if (BREAK.test(t.word)) return false;
    if (ORG_SUFFIX_RE.test(t.word) && ORG_SUFFIX_RE.exec(t.word)![1] === t.word) return true;
    if (ORG_TAIL.test(t.word)) return true;
    if (this.gaz.lookupPlace(t.word)) return true;
    if (!NAME_TAGS.test(t.tag)) return false;
    return !(t.tag !== 'vn' && PREDICATE.test(t.word));
  }

  /** A ministry's sub-unit named alone after a mention of that ministry (…、政策法规与创新体系建设司). */
  private bareSubunit(line: string, start: number, ends: Set<number>, tokens: readonly Token[], last: Entity): Entity | undefined {
    if (start - last.end > 60) return undefined;
    const prev = line[start - 1];
    if (start > 0 && !BREAK.test(prev)) return undefined;
    let k = firstTokenAt(tokens, start);
    if (k < 0) return undefined;
    for (let pos = start; k < tokens.length && tokens[k].start === pos && pos - start < 16; k++) {
      const t = tokens[k];
      if (BREAK.test(t.word) || PREDICATE.test(t.word) && t.word !== '与' && t.word !== '和') return undefined;
      pos = t.end;
      if (/[司局]$/.test(t.word) && t.word.length >= 2 && pos - start >= 4 && (pos >= line.length || BREAK.test(line[pos]))) {
        return { type: 'department', start, end: pos, text: line.slice(start, pos), canonical: last.canonical, parent: last.canonical };
      }
    }
    return undefined;
  }
}

function department(line: string, start: number, end: number, info: OrganInfo): Entity {
  const e: Entity = { type: 'department', start, end, text: line.slice(start, end), canonical: info.canonical };
  if (info.parent) e.parent = info.parent;
  return e;
}

function hasPredicate(tail: string): boolean {
  // cheap check on two-character windows for the commonest clause starters
  for (let i = 0; i + 1 < tail.length; i++) if (PREDICATE.test(tail.slice(i, i + 2))) return true;
  return false;
}

function rank(e: Entity): number {
  return e.type === 'department' ? 0 : e.type === 'organization' ? 1 : 2;
}

function firstTokenAt(tokens: readonly Token[], pos: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid].start < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo < tokens.length && tokens[lo].start === pos ? lo : -1;
}
