// Gazetteer: central organs, organizations, local-organ suffixes, generic mentions
// (data/organs.json, curated), and the administrative divisions of places.ts
// behind the same object. Indexes are built lazily, once, on first use of each part.

import organsData from '../data/organs.json';
import { Trie } from '../text/trie';
import { MUNICIPALITIES, PlaceIndex, type PlaceChain, type PlaceInfo, type PlaceLevel } from './places';

export type { PlaceChain, PlaceInfo, PlaceLevel } from './places';


/** Kind of organ (see organs.json header). */
export type OrganKind =
  | 'party'
  | 'legislature'
  | 'cppcc'
  | 'judiciary'
  | 'procuratorate'
  | 'supervision'
  | 'military'
  | 'government'
  | 'office'
  | 'ministry'
  | 'commission'
  | 'special'
  | 'agency'
  | 'institution'
  | 'bureau'
  | 'dispatched'
  | 'unit';


/** What a department mention resolves to, in the guide's terms. */
export interface OrganInfo {
  /** Guide canonical: full official name of the top-level organ the mention belongs to. */
  canonical: string;
  /** Guide parent: set only when the mention names a sub-unit (党组, 司, 纪检监察组 …); equals canonical. */
  parent?: string;
  kind: OrganKind;
  /** Full name of what the mention itself names (the sub-unit or brand; = canonical for an organ). */
  name: string;
  /** Administrative superior of the organ (国家能源局 → 国家发展和改革委员会; ministries → 国务院). */
  supervisor?: string;
  /** The organ no longer exists under this name. */
  former?: boolean;
  /** Successor organ of a former one (canonical name). */
  successor?: string;
  /** Year a former organ was abolished or renamed (organs.json `until`). */
  until?: number;
}

/** A named institution that is not a state organ. */
export interface OrganizationInfo {
  canonical: string;
  /** media, academy, research, university, enterprise, bank, finance, mass, party (民主党派), association, foundation, international. */
  kind: string;
  former?: boolean;
  successor?: string;
}

/** A suffix that turns a place into a local organ: 北京市 + 科委 → 北京市科学技术委员会. */
export interface LocalOrganSuffix {
  suffix: string;
  /** `{place}` = full place name (province locator dropped below province level), `{written}` = place as written. */
  template: string;
  kind: OrganKind;
  /** Place levels the suffix normally follows (厅 → province); absent = any. */
  levels?: PlaceLevel[];
  /** The template for a place of this level instead (法院 of a prefecture-level city → {place}中级人民法院). */
  byLevel?: Partial<Record<PlaceLevel, string>>;
  /** A dispatched unit of a national organ (税务局 → 国家税务总局): that organ is its canonical and its parent. */
  parent?: string;
}


/** A local organ mention resolved by place + suffix. */
export interface LocalOrganMatch extends OrganInfo {
  chain: PlaceChain;
  suffix: LocalOrganSuffix;
  /** Whether the last place's level is one the suffix normally follows. */
  levelOk: boolean;
}

interface RawOrgan {
  canonical: string;
  aliases: string[];
  kind: string;
  parent?: string;
  former?: boolean;
  successor?: string;
  until?: number;
}
interface RawOrganization {
  canonical: string;
  aliases: string[];
  kind: string;
  former?: boolean;
  successor?: string;
}
interface OrgansFile {
  organs: RawOrgan[];
  namedSubunits: { name: string; parent: string }[];
  subunitSuffixes: string[];
  localOrganSuffixes: { suffix: string; template: string; kind: string; levels?: string[]; byLevel?: Record<string, string>; parent?: string }[];
  organizations: RawOrganization[];
  localOrganizationSuffixes: { suffix: string; template: string }[];
  organizationSuffixes: string[];
  generic: string[];
}

const ORGANS = organsData as unknown as OrgansFile;
/** Endings that look like a sub-unit suffix (局, 司, 处, 厅, 室, 机制) but are ordinary words. */
const NOT_SUBUNIT_END = /(?:全局|大局|格局|布局|开局|当局|结局|变局|时局|政局|僵局|开创新局|(?<!创)新局|危局|骗局|残局|终局|棋局|(?:工作|金融|贸易|航运|消费|经济|政治|文化|科技创新|创新|国家|区域|副)中心|核心|重心|公司|上司|官司|好处|长处|用处|之处|益处|难处|到处|各处|相处|大厅|餐厅|客厅|展厅|教室|温室|密室|机制)$/;
/** Function words and an organ head after a place (国土资源和房屋管理局, 地质灾害防治工作指挥部): two to twelve characters, a task force's topic up to twenty (城镇房屋安全隐患排查整治工作领导小组). */
const FUNCTION_ORGAN = /^(?:[\u4e00-\u9fff]{2,12}(?:管理局|监督局|服务局|事务局|局|厅|委员会|办公室)|[\u4e00-\u9fff]{2,20}(?:指挥部|领导小组|工作专班))$/;
const CJK_NAME_RE = /^[\u4e00-\u9fff0-9０-９A-Za-z（）()·]+$/;
const GENERIC_RE =
  /^(?:各|有关|相关|上级|下级|本级|同级|各级|各有关|各地|地方|基层|所在|当地|属地|主管|职能|行业)[\u4e00-\u9fff]{0,8}(?:部门|单位|机关|机构|党委|政府|党组织|党组|组织|系统)$/;

/** Lazily indexed gazetteer over organs.json and places.json. */
export class Gazetteer {
  private organIndex?: Map<string, OrganInfo>;
  private organizationIndex?: Map<string, OrganizationInfo>;
  private genericSet?: Set<string>;
  private localSuffixIndex?: Map<string, LocalOrganSuffix>;
  private localSuffixList?: LocalOrganSuffix[];
  private maxOrganLen = 0;
  /** The organ index's names in a trie (isSubunitRest looks for one inside a name). */
  private organTrie?: Trie<true>;

  /** The administrative divisions (places.ts). */
  readonly placeIndex = new PlaceIndex();

  // ---------------- organs ----------------

  private organs(): Map<string, OrganInfo> {
    if (this.organIndex) return this.organIndex;
    const raw = new Map(ORGANS.organs.map((o) => [o.canonical, o]));
    const top = (o: RawOrgan): string => {
      let cur = o;
      for (let i = 0; cur.kind === 'unit' && cur.parent && i < 8; i++) cur = raw.get(cur.parent) ?? cur;
      return cur.canonical;
    };
    const index = new Map<string, OrganInfo>();
    for (const o of ORGANS.organs) {
      const isUnit = o.kind === 'unit';
      const canonical = isUnit ? top(o) : o.canonical;
      const info: OrganInfo = { canonical, kind: o.kind as OrganKind, name: o.canonical };
      if (isUnit) info.parent = canonical;
      if (o.parent) info.supervisor = o.parent;
      if (o.former) info.former = true;
      if (o.successor) info.successor = o.successor;
      if (typeof o.until === 'number') info.until = o.until;
      for (const a of [o.canonical, ...o.aliases]) index.set(a, info);
    }
    for (const s of ORGANS.namedSubunits) {
      const p = index.get(s.parent);
      const canonical = p?.canonical ?? s.parent;
      index.set(s.name, { canonical, parent: canonical, kind: 'unit', name: s.name, supervisor: s.parent });
    }
    for (const k of index.keys()) this.maxOrganLen = Math.max(this.maxOrganLen, k.length);
    return (this.organIndex = index);
  }

  /**
   * The organ that carries on a former one today, by its successors
   * (国家环境保护总局 → 环境保护部 → 生态环境部), or undefined when the organ
   * still exists under this name or is unknown.
   */
  presentDay(canonical: string): string | undefined {
    let info = this.organs().get(canonical);
    if (!info?.former || !info.successor) return undefined;
    let name = info.successor;
    for (let i = 0; i < 8; i++) {
      info = this.organs().get(name);
      if (!info?.former || !info.successor) break;
      name = info.successor;
    }
    return name;
  }

  /** Exact organ lookup by any name, alias or named sub-unit (科技部 → 科学技术部); undefined if unknown. */
  lookupOrgan(mention: string): OrganInfo | undefined {
    const r = this.organs().get(mention.trim());
    return r ? { ...r } : undefined;
  }

  /** Department lookup: exact organ, organ + sub-unit (科技部战略规划司, 海关总署党委), or local organ (北京市科委); undefined otherwise. */
  lookupDepartment(mention: string): OrganInfo | undefined {
    const m = mention.trim();
    if (!m || this.isGeneric(m)) return undefined;
    const exact = this.lookupOrgan(m);
    if (exact) return exact;
    // the joint name of the two discipline organs before a group they station somewhere (中央纪委国家监委驻农业农村部纪检监察组)
    const stationed = /^(中央纪委|中共中央纪委)国家监委(驻[\u4e00-\u9fff]{2,20}?(?:纪检监察组|纪检组))$/.exec(m);
    if (stationed) {
      const head = this.lookupOrgan(stationed[1]);
      if (head) return { canonical: head.canonical, parent: head.canonical, kind: 'unit', name: m };
    }
    const organs = this.organs();
    for (let len = Math.min(m.length - 1, this.maxOrganLen); len >= 2; len--) {
      const head = organs.get(m.slice(0, len));
      if (!head) continue;
      const rest = m.slice(len);
      // 国家税务总局北京市税务局: a local organ of a vertical system, canonical is its own full name.
      const local = this.lookupLocalOrgan(rest);
      if (local && local.canonical.startsWith(head.canonical)) {
        return local;
      }
      if (this.isSubunitRest(rest)) return { canonical: head.canonical, parent: head.canonical, kind: 'unit', name: m };
      break; // longest organ prefix decides (中央政法委中央和国家机关工委 → two organs: undefined)
    }
    const local = this.lookupLocalOrgan(m);
    if (local) return local;
    // local organ + sub-unit: 北京市科委党组 (every rest ends where m ends: none is a sub-unit when m ends with no suffix)
    if (!this.endsWithSubunitSuffix(m) && !m.endsWith('纪检组') && !m.endsWith('纪检监察组')) return undefined;
    for (let len = m.length - 1; len >= 3; len--) {
      const rest = m.slice(len);
      if (!this.isSubunitRest(rest)) continue;
      const head = this.lookupLocalOrgan(m.slice(0, len));
      if (head) return { canonical: head.canonical, parent: head.canonical, kind: 'unit', name: m };
    }
    return undefined;
  }

  private isSubunitRest(rest: string): boolean {
    if (!rest || rest.length > 24) return false;
    // the cheap test first (it decides most calls): a sub-unit's suffix ends it, or it is a stationed group (below)
    if (!this.endsWithSubunitSuffix(rest) && !(rest.startsWith('驻') && (rest.endsWith('纪检监察组') || rest.endsWith('纪检组')))) return false;
    if (!CJK_NAME_RE.test(rest)) return false;
    // a conjunction starts another name, not a sub-unit (广州市人民政府|与国家开发银行广东省分行)
    if (/^[与和及同暨]/.test(rest)) return false;
    if (this.organs().has(rest) || this.lookupOrganization(rest)) return false;
    // words that end like a sub-unit but name none: 统揽全局, 新发展格局, 体制机制, 分公司
    if (NOT_SUBUNIT_END.test(rest)) return false;
    // 驻农业农村部纪检监察组: the discipline inspection group stationed in another organ belongs to the sender
    if (/^驻[\u4e00-\u9fff]{2,16}(?:纪检监察组|纪检组)$/.test(rest)) return true;
    // a rest that names another organ is two mentions (国务院提请全国人大常委会), not a sub-unit
    // (one trie walk from each character, not a substring per start and length: issue 13, a long line of organs spent most of its time here)
    if (!this.organTrie) {
      this.organTrie = new Trie<true>(true);
      for (const k of this.organs().keys()) this.organTrie.set(k, true);
    }
    for (let a = 0; a + 3 <= rest.length; a++) if (this.organTrie.hasEntryAt(rest, a, rest.length, 3)) return false;
    return true; // it ends with a sub-unit's suffix (tested first)
  }

  private suffixSet?: Set<string>;
  private suffixLengths: number[] = [];

  /** Whether `s` ends with one of organs.json's sub-unit suffixes (a set lookup per suffix length). */
  private endsWithSubunitSuffix(s: string): boolean {
    if (!this.suffixSet) {
      this.suffixSet = new Set(ORGANS.subunitSuffixes);
      this.suffixLengths = [...new Set(ORGANS.subunitSuffixes.map((x) => x.length))];
    }
    for (const n of this.suffixLengths) if (n <= s.length && this.suffixSet.has(s.slice(s.length - n))) return true;
    return false;
  }

  /** All organ names: canonical names, aliases and named sub-units (user dictionary, tag nt). */
  organAliases(): string[] {
    return [...this.organs().keys()];
  }

  /** Canonical names of all organs in organs.json (including sub-unit and former entries). */
  organCanonicals(): string[] {
    return ORGANS.organs.map((o) => o.canonical);
  }

  /** Sub-unit suffixes (党组, 党委, 纪检监察组, 司, 局 …), longest first. */
  subunitSuffixes(): readonly string[] {
    return [...ORGANS.subunitSuffixes].sort((a, b) => b.length - a.length);
  }

  /** Compares canonical names treating 中共 and 中国共产党 as the same prefix. */
  sameCanonical(a: string, b: string): boolean {
    const norm = (s: string) => s.replace(/^中共/, '中国共产党');
    return norm(a) === norm(b);
  }

  // ---------------- organizations and generic ----------------

  private organizations(): Map<string, OrganizationInfo> {
    if (this.organizationIndex) return this.organizationIndex;
    const index = new Map<string, OrganizationInfo>();
    for (const o of ORGANS.organizations) {
      const info: OrganizationInfo = { canonical: o.canonical, kind: o.kind };
      if (o.former) info.former = true;
      if (o.successor) info.successor = o.successor;
      for (const a of [o.canonical, ...o.aliases]) index.set(a, info);
    }
    return (this.organizationIndex = index);
  }

  /** Exact lookup of a named organization (新华社 → 新华通讯社, 国家电网 → 国家电网有限公司); undefined if unknown. */
  lookupOrganization(name: string): OrganizationInfo | undefined {
    const r = this.organizations().get(name.trim());
    return r ? { ...r } : undefined;
  }

  /** All organization names and aliases (user dictionary, tag nt). */
  organizationNames(): string[] {
    return [...this.organizations().keys()];
  }

  /** Suffixes that end an organization name (大学, 医院, 银行, 公司 …). */
  organizationSuffixes(): readonly string[] {
    return ORGANS.organizationSuffixes;
  }

  /** Place + suffix expansions for local organizations (妇联 → {place}妇女联合会, 团委, 科协 …). */
  localOrganizationSuffixes(): readonly { suffix: string; template: string }[] {
    return ORGANS.localOrganizationSuffixes;
  }

  /** The exact generic mentions of organs.json (有关部门, 机关党委, 科技部门 …); isGeneric also applies patterns. */
  genericMentions(): readonly string[] {
    return ORGANS.generic;
  }

  /** True for mentions that name no entity (有关部门, 各地区各部门各单位, 机关党委, 镇党委, 科技部门 …). */
  isGeneric(mention: string): boolean {
    this.genericSet ??= new Set(ORGANS.generic);
    const m = mention.trim();
    return this.genericSet.has(m) || GENERIC_RE.test(m);
  }

  // ---------------- local organs ----------------

  /** Place + organ suffixes with their full-name templates (科委 → {place}科学技术委员会, 县委 via 委 → 中国共产党{place}委员会). */
  localOrganSuffixes(): readonly LocalOrganSuffix[] {
    this.localSuffixList ??= ORGANS.localOrganSuffixes.map((s) => ({
      suffix: s.suffix,
      template: s.template,
      kind: s.kind as OrganKind,
      ...(s.levels ? { levels: s.levels as PlaceLevel[] } : {}),
      ...(s.byLevel ? { byLevel: s.byLevel } : {}),
      ...(s.parent ? { parent: s.parent } : {}),
    }));
    return this.localSuffixList;
  }

  /** Expands a local-organ template for a place chain (see LocalOrganSuffix.template). */
  expandLocalOrgan(chain: PlaceChain, suffix: LocalOrganSuffix): string {
    const names = chain.places.map((p) => p.name);
    if (chain.tail) names.push(chain.tail);
    // 江西九江市直机关工委 → 九江市…: a province written as locator before a lower place is dropped,
    // except for the municipalities, whose organs carry the name (北京市朝阳区委).
    if (names.length > 1 && chain.places[0].level === 'province' && !MUNICIPALITIES.has(chain.places[0].code)) names.shift();
    const written = chain.written.join('') + (chain.tail ?? '');
    const last = chain.tail ? undefined : chain.places[chain.places.length - 1];
    const template = (last && suffix.byLevel?.[last.level]) ?? suffix.template;
    const up = last ? (this.placeIndex.ancestors(last.code).find((p) => p.level === 'city')?.name ?? '') : '';
    return template.replace('{place}', names.join('')).replace('{written}', written).replace('{up}', up);
  }

  /** Resolves place chain + local-organ suffix (北京市科委 → 北京市科学技术委员会, 富源县委 → 中国共产党富源县委员会). */
  lookupLocalOrgan(mention: string): LocalOrganMatch | undefined {
    if (!this.localSuffixIndex) {
      this.localSuffixIndex = new Map(this.localOrganSuffixes().map((s) => [s.suffix, s]));
    }
    const m = mention.trim();
    const full = this.parsePlaceChain(m, 0);
    if (!full) return undefined;
    // Try the longest chain first, then shorter ones (a place name may swallow the suffix's start).
    const tries: PlaceChain[] = [full];
    if (full.tail) tries.push({ ...full, tail: undefined, end: full.end - full.tail.length, text: full.text.slice(0, full.text.length - full.tail.length) });
    for (let n = full.places.length - 1; n >= 1; n--) {
      const written = full.written.slice(0, n);
      const text = written.join('');
      tries.push({ start: 0, end: text.length, text, places: full.places.slice(0, n), written });
    }
    for (const chain of tries) {
      // a congress named with its term (海拉尔区第十五届人民代表大会) is the congress
      const written = m.slice(chain.end);
      const term = /^第?[一二三四五六七八九十]+届/.exec(written);
      const rest = term ? written.slice(term[0].length) : written;
      const suffix = this.localSuffixIndex.get(rest);
      if (term && suffix && suffix.kind !== 'legislature' && suffix.kind !== 'cppcc') continue;
      if (!suffix) continue;
      const last = chain.tail ? 'town' : chain.places[chain.places.length - 1].level;
      const canonical = this.expandLocalOrgan(chain, suffix);
      const match: LocalOrganMatch = { canonical, kind: suffix.kind, name: canonical, chain, suffix, levelOk: !suffix.levels || suffix.levels.includes(last) };
      if (suffix.parent) match.parent = suffix.parent;
      return match;
    }
    // an organ the table does not list, named in full after its place (重庆市国土资源和房屋管理局, 三峡库区…指挥部): its name is its canonical
    const rest = m.slice(full.end);
    if (FUNCTION_ORGAN.test(rest) && !this.isGeneric(rest) && !NOT_SUBUNIT_END.test(rest) && full.places.length > 0) {
      const suffix: LocalOrganSuffix = { suffix: rest, template: `{place}${rest}`, kind: 'government' };
      const canonical = this.expandLocalOrgan(full, suffix);
      return { canonical, kind: 'government', name: canonical, chain: full, suffix, levelOk: true };
    }
    return undefined;
  }

  // ---------------- places (places.ts) ----------------

  /** All places named `name` (full or short form), higher levels first; [] if none. */
  lookupPlaces(name: string): PlaceInfo[] {
    return this.placeIndex.lookupPlaces(name);
  }

  /** Best place for a full or short name (济南 → 济南市, 内蒙古 → 内蒙古自治区); `ambiguous` set when several share it. */
  lookupPlace(name: string): PlaceInfo | undefined {
    return this.placeIndex.lookupPlace(name);
  }

  /** Place by NBS code (or synthetic HK/MO/TW code). */
  placeByCode(code: string): PlaceInfo | undefined {
    return this.placeIndex.placeByCode(code);
  }

  /** The enclosing places of a code, nearest first (长海县 → 大连市, 辽宁省). */
  ancestors(code: string): PlaceInfo[] {
    return this.placeIndex.ancestors(code);
  }

  /** True if place code `inner` lies (strictly) inside place code `outer`. */
  isInside(inner: string, outer: string): boolean {
    return this.placeIndex.isInside(inner, outer);
  }

  /** True if some place named `inner` lies inside some place named `outer` (辽宁省, 长海县 → true; 辽宁省, 和静县 → false). */
  isPlaceChainValid(outer: string, inner: string): boolean {
    return this.placeIndex.isPlaceChainValid(outer, inner);
  }

  /** Whether some place name begins with the two characters at `pos` (a cheap test before parsePlaceChain). */
  placeMayStartAt(text: string, pos: number): boolean {
    return this.placeIndex.placeMayStartAt(text, pos);
  }

  /** The longest run of nested places at `start` (see PlaceIndex.parsePlaceChain). */
  parsePlaceChain(text: string, start = 0): PlaceChain | undefined {
    return this.placeIndex.parsePlaceChain(text, start);
  }

  /** Place names for the tokenizer's user dictionary (tag ns): full names and short forms, without weak names (城区, 和平镇); towns unless `towns: false`. */
  placeNames(opts: { towns?: boolean } = {}): string[] {
    return this.placeIndex.placeNames(opts);
  }

  // ---------------- misc ----------------

  /** Counts for reports and sanity checks. */
  stats(): {
    organs: number;
    organNames: number;
    organizations: number;
    organizationNames: number;
    generic: number;
    localOrganSuffixes: number;
    places: Record<PlaceLevel, number>;
    shortForms: number;
  } {
    const { places, shortForms } = this.placeIndex.counts();
    return {
      organs: ORGANS.organs.length,
      organNames: this.organs().size,
      organizations: ORGANS.organizations.length,
      organizationNames: this.organizations().size,
      generic: ORGANS.generic.length,
      localOrganSuffixes: ORGANS.localOrganSuffixes.length,
      places,
      shortForms,
    };
  }
}

/** Shared instance; indexes are built on first use. */
export const gazetteer = new Gazetteer();

/** Exact organ lookup (see Gazetteer.lookupOrgan). */
export const lookupOrgan = (mention: string): OrganInfo | undefined => gazetteer.lookupOrgan(mention);
/** Department lookup incl. sub-units and local organs (see Gazetteer.lookupDepartment). */
export const lookupDepartment = (mention: string): OrganInfo | undefined => gazetteer.lookupDepartment(mention);
/** All organ names for the user dictionary (tag nt). */
export const organAliases = (): string[] => gazetteer.organAliases();
/** Named organization lookup (see Gazetteer.lookupOrganization). */
export const lookupOrganization = (name: string): OrganizationInfo | undefined => gazetteer.lookupOrganization(name);
/** All organization names for the user dictionary (tag nt). */
export const organizationNames = (): string[] => gazetteer.organizationNames();
/** Exact generic mentions (see Gazetteer.genericMentions). */
export const genericMentions = (): readonly string[] => gazetteer.genericMentions();
/** Generic, non-entity mention test (see Gazetteer.isGeneric). */
export const isGeneric = (mention: string): boolean => gazetteer.isGeneric(mention);
/** Best place for a full or short name (see Gazetteer.lookupPlace). */
export const lookupPlace = (name: string): PlaceInfo | undefined => gazetteer.lookupPlace(name);
/** All places for a name (see Gazetteer.lookupPlaces). */
export const lookupPlaces = (name: string): PlaceInfo[] => gazetteer.lookupPlaces(name);
/** Place names for the user dictionary (tag ns). */
export const placeNames = (opts?: { towns?: boolean }): string[] => gazetteer.placeNames(opts);
/** Whether a place named `inner` lies inside a place named `outer`. */
export const isPlaceChainValid = (outer: string, inner: string): boolean => gazetteer.isPlaceChainValid(outer, inner);
/** Longest nested place chain at `start` (see Gazetteer.parsePlaceChain). */
export const parsePlaceChain = (text: string, start?: number): PlaceChain | undefined => gazetteer.parsePlaceChain(text, start);
/** Local-organ suffix table (see Gazetteer.localOrganSuffixes). */
export const localOrganSuffixes = (): readonly LocalOrganSuffix[] => gazetteer.localOrganSuffixes();
/** Place + suffix local organ lookup (see Gazetteer.lookupLocalOrgan). */
export const lookupLocalOrgan = (mention: string): LocalOrganMatch | undefined => gazetteer.lookupLocalOrgan(mention);
