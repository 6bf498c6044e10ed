// Administrative divisions (data/places.json, built by scripts/build-places.mjs
// from the NBS 2022 codes, with Hong Kong, Macao and Taiwan): places by name
// and code, their nesting, and runs of nested places read from text
// (内蒙古自治区和林格尔县大红城乡西窑子村). Indexes are built lazily, once.
import placesData from '../data/places.json';
import { hanPairAt } from '../text/trie';

/** Administrative level of a place. */
export type PlaceLevel = 'province' | 'city' | 'county' | 'town';

/** A place from the NBS divisions (or HK/MO/TW). */
export interface PlaceInfo {
  /** Full official name (内蒙古自治区, 济南市, 长海县, 巴音布鲁克镇). */
  name: string;
  level: PlaceLevel;
  /** NBS code: 2 (province), 4 (city), 6 (county), 9 (town) digits; HK/MO/TW codes are synthetic (81/82/71…). */
  code: string;
  /** Code of the nearest enclosing place, absent for provinces. */
  parentCode?: string;
  /** Rule-made short form (内蒙古, 济南, 长海), when unambiguous. */
  short?: string;
  /** County-level functional zone (开发区, 管理区 …). */
  zone?: boolean;
  /** Full name that reads as a common word (城区, 东区, 小城镇, 和平镇): resolvable, but kept out of placeNames(). */
  weak?: boolean;
  /** Set on results of a lookup by a name shared by several places. */
  ambiguous?: boolean;
}

/** A run of nested places read from text: 内蒙古自治区和林格尔县大红城乡西窑子村. */
export interface PlaceChain {
  /** Offsets into the string passed to parsePlaceChain (UTF-16 units). */
  start: number;
  end: number;
  text: string;
  /** Resolved places, outermost first, each inside the previous one. */
  places: PlaceInfo[];
  /** The text of each place as written (parallel to places). */
  written: string[];
  /** Village-level name after the chain that is not in the data (西窑子村, 龙泰社区, 奥林城小区). */
  tail?: string;
}

interface TownIndex {
  /** Per county row of PLACES.towns: its code, the parent code of its towns, its town names. */
  counties: string[];
  parents: string[];
  names: string[][];
  /** Town name → id (row * TOWN_STRIDE + position) or ids. */
  byName: Map<string, number | number[]>;
}

interface PlacesFile {
  header: { counts: Record<string, unknown> };
  provinces: [string, string][];
  cities: [string, string][];
  counties: [string, string][];
  towns: [string, string, string][];
  short: Record<string, string>;
  shortAmbiguous: Record<string, string[]>;
  zones: string[];
  /** Full names that read as common words (城区, 小城镇, 和平镇). */
  weak: string[];
}

const PLACES = placesData as unknown as PlacesFile;
const LEVEL_RANK: Record<PlaceLevel, number> = { province: 0, city: 1, county: 2, town: 3 };
/** The four municipalities (their districts are counties of a province-level city). */
export const MUNICIPALITIES = new Set(['11', '12', '31', '50']);
const TOWN_STRIDE = 1000;
const TOWN_SUFFIX_RE = /(?:镇|乡|街道|苏木|地区)$/;
const STREET_TAIL_RE = /^([\u4e00-\u9fff]{2,4}?)街道/;
const TAIL_RE = /^([\u4e00-\u9fff]{1,8}?)(?:社区|小区|嘎查|村|屯)/;
const ISLAND_TAIL_RE = /^[\u4e00-\u9fff]{1,4}?[岛屿](?![内外上村镇乡]|社区|街道)/;
const ISLAND_KIND_RE = /^(?:海|离|全|本|大|小|各|半|列|群|孤|荒|无人|有人|诸|上|该|此|每)[岛屿]$/;
// Stems that make a generic, not a named village: 农村, 各村, 行政村, 城乡社区 …
const TAIL_STOP = /^(?:农|乡|城乡|城市|各|全|本|该|每|此|多|行政|自然|贫困|示范|重点|新型|美丽|和美|特色|试点|老旧|新|城|村民|居民|其他|相关|有关|周边|附近|一些|部分)$|^[各全本该每此]|的/;

/** Lazily indexed administrative divisions. */
export class PlaceIndex {
  private byCode?: Map<string, PlaceInfo>;
  private byName?: Map<string, PlaceInfo[]>;
  private townIndex?: TownIndex;
  private weakSet?: Set<string>;
  /** First two characters of every place name → bit mask of the lengths of names with them: a cheap reject and the lengths parsePlaceChain tries. */
  private prefix2 = new PrefixIndex();
  private maxPlaceLen = 0;

  private places(): Map<string, PlaceInfo[]> {
    if (this.byName) return this.byName;
    const byCode = new Map<string, PlaceInfo>();
    const byName = new Map<string, PlaceInfo[]>();
    const zones = new Set(PLACES.zones);
    const weak = this.weakNames();
    const add = (code: string, name: string, level: PlaceLevel) => {
      const p: PlaceInfo = { name, level, code };
      if (zones.has(code)) p.zone = true;
      if (weak.has(name)) p.weak = true;
      byCode.set(code, p);
    };
    for (const [c, n] of PLACES.provinces) add(c, n, 'province');
    for (const [c, n] of PLACES.cities) add(c, n, 'city');
    for (const [c, n] of PLACES.counties) add(c, n, 'county');
    for (const p of byCode.values()) {
      const parent = findParent(byCode, p.code);
      if (parent) p.parentCode = parent;
      push(byName, p.name, p);
      this.prefix2.add(p.name);
      this.maxPlaceLen = Math.max(this.maxPlaceLen, p.name.length);
    }
    for (const [s, code] of Object.entries(PLACES.short)) {
      const p = byCode.get(code);
      if (!p) continue;
      p.short = s;
      push(byName, s, p);
      this.prefix2.add(s, 1); // + 州/县/旗 after an autonomous short form
    }
    for (const [s, codes] of Object.entries(PLACES.shortAmbiguous)) {
      for (const code of codes) {
        const p = byCode.get(code);
        if (p) push(byName, s, p);
        this.prefix2.add(s, 1);
      }
    }
    this.byCode = byCode;
    this.byName = byName;
    return byName;
  }

  // Towns (38k) stay packed as in the JSON: one name array per county, name → town id in a Map;
  // codes and PlaceInfo objects are made only for the towns a lookup returns.
  private towns(): TownIndex {
    if (this.townIndex) return this.townIndex;
    const byCode = this.byCode ?? (this.places(), this.byCode!);
    const counties: string[] = [];
    const parents: string[] = [];
    const names: string[][] = [];
    const byName = new Map<string, number | number[]>();
    let maxLen = 0;
    for (let c = 0; c < PLACES.towns.length; c++) {
      const [county, packed] = PLACES.towns[c];
      counties.push(county);
      parents.push(byCode.has(county) ? county : (findParent(byCode, county + '000') ?? ''));
      const list = packed.split('|');
      names.push(list);
      for (let j = 0; j < list.length; j++) {
        const name = list[j];
        const id = c * TOWN_STRIDE + j;
        const seen = byName.get(name);
        if (seen === undefined) {
          byName.set(name, id);
          this.prefix2.add(name);
        } else if (typeof seen === 'number') byName.set(name, [seen, id]);
        else seen.push(id);
        if (name.length > maxLen) maxLen = name.length;
      }
    }
    this.maxPlaceLen = Math.max(this.maxPlaceLen, maxLen);
    return (this.townIndex = { counties, parents, names, byName });
  }

  private town(id: number): PlaceInfo {
    const t = this.townIndex!;
    const c = Math.floor(id / TOWN_STRIDE);
    const j = id % TOWN_STRIDE;
    const code = t.counties[c] + PLACES.towns[c][2].slice(j * 3, j * 3 + 3);
    const p: PlaceInfo = { name: t.names[c][j], level: 'town', code };
    if (t.parents[c]) p.parentCode = t.parents[c];
    if (this.weakNames().has(p.name)) p.weak = true;
    return p;
  }

  private townsNamed(name: string): PlaceInfo[] {
    if (!TOWN_SUFFIX_RE.test(name)) return [];
    const hit = this.towns().byName.get(name);
    if (hit === undefined) return [];
    return typeof hit === 'number' ? [this.town(hit)] : hit.map((i) => this.town(i));
  }

  /** Candidates for a name: counties and above from the index, towns from the packed table. */
  private candidates(name: string): PlaceInfo[] {
    const upper = this.places().get(name);
    const towns = this.townsNamed(name);
    if (!towns.length) return upper ?? this.autonomousShort(name);
    return upper ? [...upper, ...towns] : towns;
  }

  /** 临夏州, 积石山县, 科左中旗 style: the short form of an autonomous 州/县/旗 followed by its level character. */
  private autonomousShort(name: string): PlaceInfo[] {
    const last = name.charCodeAt(name.length - 1);
    if (name.length < 3 || (last !== 0x5dde /* 州 */ && last !== 0x53bf /* 县 */ && last !== 0x65d7 /* 旗 */)) return [];
    const base = this.places().get(name.slice(0, -1));
    if (!base) return [];
    const suffix = '自治' + name[name.length - 1];
    return base.filter((p) => p.name.endsWith(suffix));
  }

  /** Parent code of any place code (towns included), or undefined. */
  private parentOf(code: string): string | undefined {
    if (code.length === 9) {
      const county = code.slice(0, 6);
      return this.byCode!.has(county) ? county : findParent(this.byCode!, code);
    }
    return this.byCode!.get(code)?.parentCode;
  }

  private weakNames(): Set<string> {
    return (this.weakSet ??= new Set(PLACES.weak));
  }

  /** All places named `name` (full or short form), higher levels first; [] if none. */
  lookupPlaces(name: string): PlaceInfo[] {
    const list = this.candidates(name.trim());
    if (!list.length) return [];
    const sorted = [...list].sort((a, b) => LEVEL_RANK[a.level] - LEVEL_RANK[b.level] || a.code.localeCompare(b.code));
    const ambiguous = sorted.length > 1;
    return sorted.map((p) => (ambiguous ? { ...p, ambiguous: true } : { ...p }));
  }

  /** Best place for a full or short name (济南 → 济南市, 内蒙古 → 内蒙古自治区); `ambiguous` set when several share it. */
  lookupPlace(name: string): PlaceInfo | undefined {
    return this.lookupPlaces(name)[0];
  }

  /** Place by NBS code (or synthetic HK/MO/TW code). */
  placeByCode(code: string): PlaceInfo | undefined {
    this.places();
    if (code.length === 9) {
      const t = this.towns();
      const c = t.counties.indexOf(code.slice(0, 6));
      if (c < 0) return undefined;
      const codes = PLACES.towns[c][2];
      for (let j = 0; j * 3 < codes.length; j++) if (codes.slice(j * 3, j * 3 + 3) === code.slice(6)) return this.town(c * TOWN_STRIDE + j);
      return undefined;
    }
    const p = this.byCode!.get(code);
    return p ? { ...p } : undefined;
  }

  /** The enclosing places of a code, nearest first (长海县 → 大连市, 辽宁省). */
  ancestors(code: string): PlaceInfo[] {
    this.places();
    const out: PlaceInfo[] = [];
    for (let c = this.parentOf(code), i = 0; c && i < 5; c = this.parentOf(c), i++) {
      const p = this.byCode!.get(c);
      if (p) out.push({ ...p });
    }
    return out;
  }

  /** True if place code `inner` lies (strictly) inside place code `outer`. */
  isInside(inner: string, outer: string): boolean {
    if (inner.length <= outer.length || !inner.startsWith(outer.slice(0, 2))) return false;
    this.places();
    for (let c = this.parentOf(inner), i = 0; c && i < 5; c = this.parentOf(c), i++) {
      if (c === outer) return true;
    }
    return false;
  }

  /** True if some place named `inner` lies inside some place named `outer` (辽宁省, 长海县 → true; 辽宁省, 和静县 → false). */
  isPlaceChainValid(outer: string, inner: string): boolean {
    const outs = this.lookupPlaces(outer);
    const ins = this.lookupPlaces(inner);
    return ins.some((i) => outs.some((o) => this.isInside(i.code, o.code)));
  }

  /** Whether some place name begins with the two characters at `pos` (a cheap test before parsePlaceChain). */
  placeMayStartAt(text: string, pos: number): boolean {
    this.towns();
    return this.prefix2.lengthsAt(text, pos) !== 0;
  }

  /**
   * Longest chain of nested places starting at `start` in `text` (湖北省, 辽宁省长海县,
   * 安徽淮南市谢家集区新河村), each place inside the previous; undefined if no place starts there.
   */
  parsePlaceChain(text: string, start = 0): PlaceChain | undefined {
    this.towns();
    const steps: { written: string; cands: PlaceInfo[] }[] = [];
    let pos = start;
    let prev: PlaceInfo[] | undefined;
    for (let lens = this.prefix2.lengthsAt(text, pos); lens !== 0; lens = this.prefix2.lengthsAt(text, pos)) {
      let found: { written: string; cands: PlaceInfo[] } | undefined;
      for (let len = Math.min(31, text.length - pos); len >= 2; len--) {
        if (!(lens & (1 << len))) continue;
        const all = this.candidates(text.slice(pos, pos + len));
        if (!all.length) continue;
        const cands = prev ? all.filter((c) => prev!.some((p) => this.isInside(c.code, p.code))) : all;
        if (cands.length) {
          found = { written: text.slice(pos, pos + len), cands };
          break;
        }
      }
      if (!found) break;
      steps.push(found);
      pos += found.written.length;
      prev = found.cands;
    }
    if (!steps.length) return undefined;
    // Resolve back to front: pick one candidate per step, each the ancestor of the next.
    const places = new Array<PlaceInfo>(steps.length);
    const lastCands = [...steps[steps.length - 1].cands].sort((a, b) => LEVEL_RANK[a.level] - LEVEL_RANK[b.level]);
    places[steps.length - 1] = lastCands[0];
    for (let i = steps.length - 2; i >= 0; i--) {
      const next = places[i + 1];
      places[i] = steps[i].cands.find((c) => this.isInside(next.code, c.code)) ?? steps[i].cands[0];
    }
    const chain: PlaceChain = {
      start,
      end: pos,
      text: text.slice(start, pos),
      places: places.map((p, i) => (steps[i].cands.length > 1 ? { ...p, ambiguous: true } : { ...p })),
      written: steps.map((s) => s.written),
    };
    const lastLevel = places[places.length - 1].level;
    if (lastLevel === 'county') {
      // a street (街道) missing from the data: 江汉区民意街道
      const m = STREET_TAIL_RE.exec(text.slice(pos, pos + 8));
      if (m && !TAIL_STOP.test(m[1])) {
        chain.tail = m[0];
        chain.end = pos + m[0].length;
        chain.text = text.slice(start, chain.end);
        return chain;
      }
    }
    // an island under its city or county (三沙市永兴岛), not a kind of island (离岛, 海岛) nor a village named after one (小岛村)
    const island = lastLevel !== 'province' ? ISLAND_TAIL_RE.exec(text.slice(pos, pos + 8)) : null;
    if (island && !ISLAND_KIND_RE.test(island[0])) {
      chain.tail = island[0];
      chain.end = pos + island[0].length;
      chain.text = text.slice(start, chain.end);
      return chain;
    }
    if (lastLevel === 'town' || lastLevel === 'county') {
      const m = TAIL_RE.exec(text.slice(pos, pos + 12));
      if (m && !TAIL_STOP.test(m[1])) {
        chain.tail = m[0];
        chain.end = pos + m[0].length;
        chain.text = text.slice(start, chain.end);
      }
    }
    return chain;
  }

  /** Place names for the tokenizer's user dictionary (tag ns): full names and short forms, without weak names (城区, 和平镇); towns unless `towns: false`. */
  placeNames(opts: { towns?: boolean } = {}): string[] {
    const weak = this.weakNames();
    const out: string[] = [];
    for (const name of this.places().keys()) if (!weak.has(name)) out.push(name);
    if (opts.towns !== false) {
      const upper = this.byName!;
      for (const name of this.towns().byName.keys()) if (!upper.has(name) && !weak.has(name)) out.push(name);
    }
    return out;
  }

  /** Places per level, and the number of short forms. */
  counts(): { places: Record<PlaceLevel, number>; shortForms: number } {
    this.places();
    const places: Record<PlaceLevel, number> = { province: 0, city: 0, county: 0, town: 0 };
    for (const list of this.towns().names) places.town += list.length;
    for (const p of this.byCode!.values()) places[p.level]++;
    return { places, shortForms: Object.keys(PLACES.short).length + Object.keys(PLACES.shortAmbiguous).length };
  }
}

/**
 * The lengths of the place names that begin with each pair of characters, as
 * a bit mask (bit n: some name of n characters). Pairs of common ideographs
 * are keyed by a small integer (no string is made per lookup); others by the
 * pair itself.
 */
class PrefixIndex {
  private readonly han = new Map<number, number>();
  private readonly other = new Map<string, number>();
  /**
   * A bit per hash of each ideograph pair in `han` (4 Mbit, 512 KB): most positions of a text start no place
   * name, and this answers them without a look-up in a map of a hundred thousand pairs (a cache miss each).
   */
  private readonly hanBits = new Int32Array(1 << 17);

  /** Records `name`'s length (and, with `extra`, the length with `extra` more characters: 临夏 + 州). */
  add(name: string, extra = 0): void {
    let mask = 1 << Math.min(31, name.length);
    if (extra) mask |= 1 << Math.min(31, name.length + extra);
    const key = hanPairAt(name, 0);
    if (key >= 0) {
      this.han.set(key, (this.han.get(key) ?? 0) | mask);
      const bit = pairBit(key);
      this.hanBits[bit >>> 5] |= 1 << (bit & 31);
    }
    else {
      const pair = name.slice(0, 2);
      this.other.set(pair, (this.other.get(pair) ?? 0) | mask);
    }
  }

  /** Length mask of the names that may start at `pos` in `text` (0: none). */
  lengthsAt(text: string, pos: number): number {
    if (pos + 2 > text.length) return 0;
    const key = hanPairAt(text, pos);
    if (key >= 0) {
      const bit = pairBit(key);
      return (this.hanBits[bit >>> 5] & (1 << (bit & 31))) === 0 ? 0 : (this.han.get(key) ?? 0);
    }
    return this.other.size ? (this.other.get(text.slice(pos, pos + 2)) ?? 0) : 0;
  }
}


/** The bit of an ideograph pair's key in PrefixIndex.hanBits (a multiplicative hash to 22 bits). */
function pairBit(key: number): number {
  return Math.imul(key, 0x9e3779b1) >>> 10;
}

/** Nearest existing code prefix (6 → 4 → 2 digits) of a code: its parent. */
function findParent(byCode: Map<string, PlaceInfo>, code: string): string | undefined {
  for (const len of [6, 4, 2]) {
    if (len >= code.length) continue;
    const c = code.slice(0, len);
    if (byCode.has(c)) return c;
  }
  return undefined;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

