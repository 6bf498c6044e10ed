// The document context: what a reader knows of a document as a whole and uses
// to read each of its lines — its place (from its title block: the issuer,
// the title, a place inside a 《title》; else an organ named with its place in
// the title block or the signature), and with it the places that contain it.
// Level-only organs (市财政局, 区委; see levelOrgans.ts) get their full
// canonical names from it: in a 杭州 document 市财政局 → 杭州市财政局,
// 市委 → 中国共产党杭州市委员会. Without a document place, the nearest place
// named before the organ in the same line stands in (…资中县委书记期间，…县委办公室);
// without either, the canonical name is the mention itself.
//
// The recognisers stay free of the context (their cache is keyed by the
// line's text alone); the context is computed once per document and applied
// to each line's entities afterwards (applyContextLine), so a change of the
// title changes the names, not the analysis.
import { shortNameDefinitions } from '../text/definitions';
import { lineSpans } from '../text/lines';
import { Trie } from '../text/trie';
import type { Entity, EntityType, LevelWord, LocalOrganName } from '../types';
import { gazetteer } from './gazetteer';
import type { PlaceChain, PlaceLevel } from './places';
import { Occupancy } from './spans';

/** A place of the document's context, as its organs' canonical names write it. */
export interface ContextPlace {
  /** The name in canonical names (a district with its city: 呼伦贝尔市海拉尔区). */
  name: string;
  level: PlaceLevel;
  code: string;
}

/** What is known of a document as a whole (plain data: it crosses threads). */
export interface DocumentContext {
  /** The document's place and the places that contain it, outermost first; empty when unknown. */
  places: ContextPlace[];
  /** Where the place was found. */
  placeFrom?: 'title' | 'organ';
  /** People named in the document with the evidence of a cue (a post, speech, a list): their bare mentions elsewhere are them too. */
  persons: string[];
  /** Villages and communities named in the document with their town (…官渡口镇马鬃山村): their bare mentions are places too. */
  villages: string[];
  /** Short names the text defines for an organ, organization or place (杏儿沟煤业有限责任公司（以下简称杏煤公司）): their mentions are that entity. */
  abbreviations?: Abbreviation[];
}

/** A short name defined by the text (以下简称…, 简称“…”) for an entity named right before it. */
export interface Abbreviation {
  short: string;
  type: 'department' | 'organization' | 'place';
  /** The full entity's canonical name, else its text. */
  canonical: string;
}

/** The short names defined in a text, each for the entity right before its bracket. */
function abbreviationsOf(text: string, entities: readonly Entity[]): Abbreviation[] {
  const out: Abbreviation[] = [];
  for (const d of shortNameDefinitions(text)) {
    if (d.title) continue; // documents in 《》 are documents already
    // right before the bracket, or before a bracketed place that is part of the name (中国地质大学（武汉）（以下简称…）)
    const full = entities.find((e) => (e.end === d.bracket || (e.end < d.bracket && /^[（(][\u4e00-\u9fff]{2,4}[）)]$/.test(text.slice(e.end, d.bracket)))) && (e.type === 'department' || e.type === 'organization' || e.type === 'place'));
    if (!full || full.text === d.short) continue;
    out.push({ short: d.short, type: full.type as Abbreviation['type'], canonical: full.canonical ?? full.text });
  }
  return out;
}

/** Lines of the title block looked at for the document's place (the first ones, before the body). */
const TITLE_LINES = 4;
/** A line longer than this that ends a sentence is body text, not the title block. */
const TITLE_MAX = 90;
/** Lines at the end of a document looked at for its issuer's signature. */
const SIGNATURE_LINES = 4;

/** The context of a document, from its text and its line entities (document offsets). */
export function documentContext(text: string, entities: readonly Entity[]): DocumentContext {
  const persons = [...new Set(entities.filter((e) => e.type === 'person' && /^[\u4e00-\u9fff]{2,4}$/.test(e.text)).map((e) => e.text))];
  const villages = new Set<string>();
  for (const e of entities) {
    if (e.type !== 'place') continue;
    const m = /(?:^|[省市县区旗镇乡]|街道)([\u4e00-\u9fff]{2,5}(?:村|社区|嘎查))$/.exec(e.text);
    if (m && m[1] !== e.text) villages.add(m[1]);
  }
  const abbreviations = abbreviationsOf(text, entities);
  return { ...documentPlace(text, entities), persons, villages: [...villages], ...(abbreviations.length ? { abbreviations } : {}) };
}

/** The document's place: from its title block, else from an organ named with its place at its edges. */
function documentPlace(text: string, entities: readonly Entity[]): Pick<DocumentContext, 'places' | 'placeFrom'> {
  const spans = [...lineSpans(text)].filter(([a, b]) => text.slice(a, b).trim() !== '');
  const title = titleBlock(text, spans);
  // 1. a place written in the title block (the issuer, the title, inside a 《title》)
  for (const [a, b] of title) {
    const chain = firstChain(text.slice(a, b));
    if (chain) return { places: contextPlaces(chain), placeFrom: 'title' };
  }
  // 2. an organ named with its place in the title block or the signature
  const edges = [...title, ...spans.slice(Math.max(title.length, spans.length - SIGNATURE_LINES))];
  for (const [a, b] of edges) {
    for (const e of entities) {
      if (e.start < a || e.end > b || e.type !== 'department' || e.local) continue;
      const chain = gazetteer.parsePlaceChain(e.text, 0);
      if (chain && chain.places.length > 0) return { places: contextPlaces(chain), placeFrom: 'organ' };
    }
  }
  return { places: [] };
}

/** The title block: the first lines, up to the first line of body text. */
function titleBlock(text: string, spans: Array<[number, number]>): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const [a, b] of spans.slice(0, TITLE_LINES)) {
    const line = text.slice(a, b).trim();
    if (line.length > TITLE_MAX && /[。！？]$/.test(line)) break;
    out.push([a, b]);
  }
  return out;
}

/** Characters after which a place's name may begin inside a title (在呼伦贝尔市…, 关于湖北省…, 和…). */
const BEFORE_NAME = /[在于对至和与及、的之]/;

/** The first chain of administrative places in a line (a full name, or a short one before a level word or a year), starting where a name can. */
function firstChain(line: string): PlaceChain | undefined {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c < 0x4e00 || c > 0x9fff || !gazetteer.placeMayStartAt(line, i)) continue;
    // not inside a word: 东街道 of 娄东街道
    if (i > 0 && /[\u4e00-\u9fff]/.test(line[i - 1]) && !BEFORE_NAME.test(line[i - 1])) continue;
    const chain = gazetteer.parsePlaceChain(line, i);
    if (!chain || chain.places.length === 0) continue;
    const last = chain.written[chain.written.length - 1];
    const place = chain.places[chain.places.length - 1];
    // a former name: the short form and another level word than today's (临安 + 市, now 临安区)
    const levelAfter = line[chain.end];
    if (last === place.short && /[市县区旗]/.test(levelAfter ?? '') && !place.name.endsWith(levelAfter)) {
      return { ...chain, end: chain.end + 1, text: chain.text + levelAfter, written: [...chain.written.slice(0, -1), last + levelAfter] };
    }
    // a short form (太仓) counts only as a name of its own, not inside a word (和平 of 和平发展)
    if (last.length >= 3 || /(?:省|市|县|区|州|盟|旗|镇|乡)$/.test(last) || /^(?:\d|[〔（(]|市|县|区|人民|政府|党委|委员会|[0-9０-９])/.test(line.slice(chain.end, chain.end + 2))) return chain;
    i = chain.end - 1;
  }
  return undefined;
}

/**
 * The places of a chain and the places that contain its last one, outermost
 * first, named as canonical names write them: a district with its city
 * (呼伦贝尔市海拉尔区), a town with its county (上海市闵行区吴泾镇), a
 * county or county-level city alone. A place written
 * with another level word than its current name has is named as written: a
 * 2013 text's 临安市 is the county-level city it was then, not today's 临安区.
 */
function contextPlaces(chain: PlaceChain): ContextPlace[] {
  const place = chain.places[chain.places.length - 1];
  const written = chain.written[chain.written.length - 1];
  const all = [...gazetteer.ancestors(place.code)].reverse().concat(place);
  const out: ContextPlace[] = [];
  all.forEach((p, i) => {
    const parent = out[i - 1];
    let name = p.name;
    if (p === place && written !== p.name && /(?:市|县|区|旗)$/.test(written) && written.slice(0, -1) === p.name.slice(0, -1)) name = written;
    // a district with its city, a town with its county (上海市闵行区吴泾镇): names that are not unique alone
    else if (parent && ((p.level === 'county' && p.name.endsWith('区')) || p.level === 'town')) name = parent.name + p.name;
    out.push({ name, level: p.level, code: p.code });
  });
  return out;
}

/** Whether a place's name is of the kind a level word names (市 → …市, 县 → …县 or …自治县, 区 → a district, not an autonomous region). */
function levelMatches(place: ContextPlace, level: LevelWord | 'document' | 'own'): boolean {
  const n = place.name;
  switch (level) {
    case '自治区':
      return place.level === 'province' && n.endsWith('自治区');
    case '省':
      return place.level === 'province' && n.endsWith('省');
    case '区':
      return place.level === 'county' && n.endsWith('区');
    case '县':
      return n.endsWith('县');
    case '州':
      return n.endsWith('州') && place.level === 'city';
    case '镇':
    case '乡':
      return place.level === 'town' && n.endsWith(level);
    default:
      return n.endsWith(level);
  }
}

/** The full canonical name of a level-only organ in these places (innermost matching place), or undefined. */
export function localCanonical(local: LocalOrganName, places: readonly ContextPlace[]): string | undefined {
  if (local.level === 'own') return places.length > 0 ? fillStation(local.template, places) : undefined;
  for (let i = places.length - 1; i >= 0; i--) {
    const p = places[i];
    // a bare working office is the document's own: its innermost place (not a town's)
    if (local.level === 'document' ? p.level === 'town' : !levelMatches(p, local.level)) continue;
    const template = local.byLevel?.[p.level] ?? local.template;
    const up = places.slice(0, i).reverse().find((x) => x.level === 'city')?.name ?? '';
    return template.replace('{place}', p.name).replace('{up}', up);
  }
  return undefined;
}

/** A bare unit's or a station's template filled in from the document's places, or undefined when a place it needs is missing. */
function fillStation(template: string, places: readonly ContextPlace[]): string | undefined {
  const of = (level: ContextPlace['level']) => places.find((p) => p.level === level);
  const county = of('county');
  // a city's district has a branch of the city's organ (a municipality's: of the municipality)
  const countyOrCity = county && !county.name.endsWith('区') ? county : (of('city') ?? (county ? of('province') : undefined));
  const values: Record<string, ContextPlace | undefined> = { place: places[places.length - 1], county, city: of('city'), countyOrCity };
  let missing = false;
  const out = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const p = values[name];
    if (!p) missing = true;
    return p?.name ?? '';
  });
  return missing ? undefined : out;
}

/**
 * The entities of a whole text with the context applied, line by line
 * (applyContextLine); entities in document offsets, sorted by start.
 */
export function applyContext(text: string, entities: readonly Entity[], context: DocumentContext): Entity[] {
  const out: Entity[] = [];
  let k = 0;
  for (const [a, b] of lineSpans(text)) {
    const line: Entity[] = [];
    while (k < entities.length && entities[k].start < a) out.push(entities[k++]); // none expected: entities never cross lines
    while (k < entities.length && entities[k].start < b) {
      const e = entities[k++];
      line.push({ ...e, start: e.start - a, end: e.end - a });
    }
    for (const e of applyContextLine(text.slice(a, b), line, context)) out.push({ ...e, start: e.start + a, end: e.end + a });
  }
  while (k < entities.length) out.push(entities[k++]);
  return out;
}

/**
 * The entities of one line (offsets in the line) with the document's context
 * applied: bare mentions of its people and villages added, every level-only
 * organ given its full canonical name from the document's places, else from
 * the nearest place named before it in the line, else its mention kept; former
 * organs given their successor. The editor applies it per line in the worker
 * (annotateLines with a context), the CLI per text: both give the same names.
 * Entities are not changed in place.
 */
export function applyContextLine(line: string, entities: readonly Entity[], context: DocumentContext): Entity[] {
  const named = withSuccessors(nameKnown(line, entities, knownNamesOf(context)));
  if (!named.some((e) => e.local)) return named;
  const out: Entity[] = [];
  let nearest: ContextPlace[] = [];
  for (const e of named) {
    if (e.local) {
      const canonical = localCanonical(e.local, context.places) ?? (context.places.length === 0 ? localCanonical(e.local, nearest) : undefined);
      out.push(canonical ? { ...e, canonical, ...(e.local.dispatched ? { parent: canonical } : {}) } : e);
      continue;
    }
    out.push(e);
    if (e.type === 'place' || e.type === 'department') {
      const chain = gazetteer.parsePlaceChain(e.text, 0);
      if (chain && chain.places.length > 0) nearest = contextPlaces(chain);
    }
  }
  return out;
}

/** The names a document's context knows (its short names, people and villages), with a trie of them: made once per context, used on each of its lines. */
interface KnownNames {
  abbreviations: readonly Abbreviation[];
  names: Array<{ name: string; type: EntityType; canonical?: string }>;
  trie: Trie<number[]>;
  /** The first UTF-16 unit of each name. */
  first: Set<number>;
}

const knownNames = new WeakMap<DocumentContext, KnownNames>();

function knownNamesOf(context: DocumentContext): KnownNames {
  let known = knownNames.get(context);
  if (known) return known;
  const abbreviations = context.abbreviations ?? [];
  // short names before people and villages: 杏煤公司 is the company wherever it stands
  const names: KnownNames['names'] = [];
  for (const a of abbreviations) names.push({ name: a.short, type: a.type, canonical: a.canonical });
  for (const name of context.persons) names.push({ name, type: 'person' });
  for (const name of context.villages ?? []) names.push({ name, type: 'place' });
  const trie = new Trie<number[]>();
  names.forEach(({ name }, i) => {
    if (!name) return;
    const at = trie.allAt(name, 0).find((m) => m.end === name.length);
    if (at) at.value.push(i);
    else trie.set(name, [i]);
  });
  known = { abbreviations, names, trie, first: new Set(trie.firstChars()) };
  knownNames.set(context, known);
  return known;
}

/**
 * The entities plus the bare mentions of the document's people (王富玉多次违规…
 * after 主席王富玉) and villages (马鬃山村 after 官渡口镇马鬃山村): every
 * occurrence of a known name that no entity covers; a two-character person's
 * name only before a word that follows names (宋亮违规, not 宋亮明). Sorted by start.
 */
function nameKnown(text: string, entities: readonly Entity[], known: KnownNames): Entity[] {
  const { abbreviations, names, trie, first } = known;
  if (names.length === 0) return entities.slice();
  // a quoted short name at its definition (简称“地大”) is the entity, not a term
  if (abbreviations.length > 0) {
    entities = entities.map((e) => {
      const a = (e.type === 'organization' || e.type === 'department' || e.type === 'place') && !e.canonical ? abbreviations.find((x) => x.short === e.text) : undefined;
      return a ? { ...e, type: a.type, canonical: a.canonical } : e;
    });
    entities = entities.filter((e) => !(e.type === 'term' && /简称[：:]?$/.test(text.slice(Math.max(0, e.start - 3), e.start)) && abbreviations.some((a) => e.text.slice(1, -1) === a.short)));
  }
  // Every occurrence of every name, found in one walk of the text over a trie of the names (not a search of
  // the whole text per name), then taken in the order of the names and of the text (issue 13: linear).
  const occurrences: Array<[number, number]> = []; // [name's index, start]
  for (let p = 0; p < text.length; p++) {
    if (!first.has(text.charCodeAt(p))) continue;
    for (const m of trie.allAt(text, p)) for (const i of m.value) occurrences.push([i, p]);
  }
  if (occurrences.length === 0) return entities.slice();
  const taken = entities.map((e) => [e.start, e.end] as const).sort((a, b) => a[0] - b[0]);
  const covered = (s: number, e: number): boolean => {
    let lo = 0;
    let hi = taken.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (taken[mid][0] < e) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo - 1; k >= 0 && k >= lo - 64; k--) if (taken[k][1] > s) return true;
    return false;
  };
  occurrences.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const added: Entity[] = [];
  let mine: Occupancy | undefined;
  for (const [i, p] of occurrences) {
    const { name, type, canonical } = names[i];
    const end = p + name.length;
    if (covered(p, end) || mine?.overlaps(p, end)) continue;
    if (type === 'person' && name.length === 2 && /[\u4e00-\u9fff]/.test(text[end] ?? '') && !AFTER_NAME.test(text[end])) continue;
    added.push(canonical ? { type, start: p, end, text: name, canonical } : { type, start: p, end, text: name });
    (mine ??= new Occupancy(text.length)).add(p, end);
  }
  if (added.length === 0) return entities.slice();
  return [...entities, ...added].sort((a, b) => a.start - b.start || a.end - b.end);
}

/** First characters of the words that follow a name (宋亮违规, 宋亮多次, 宋亮说, 宋亮等): verbs, adverbs, particles, conjunctions. */
const AFTER_NAME = /[说是在对和与的被将把也都就又还等违多主参带到要向以利未不已曾因指表认强介告同为先后分每一再亲及或受收接索]/;

/** Departments of former organs get the organ that carries them on today (the canonical stays the organ of the text's time). */
function withSuccessors(entities: Entity[]): Entity[] {
  for (let i = 0; i < entities.length; i++) {
    const e = entities[i];
    if (e.type !== 'department' || !e.canonical) continue;
    const now = gazetteer.presentDay(e.canonical);
    if (now) entities[i] = { ...e, successor: now };
  }
  return entities;
}
