// The actions extractor: what each department does, as a verb with its
// object, attributed to the department that is its subject (see "Actions" in
// the annotation guide). Pure TypeScript over the annotator's entities and the
// tokenizer's POS tags; never imports 'vscode'.
//
// The text is read paragraph by paragraph (line breaks and runs of U+3000
// separate paragraphs) and clause by clause (，；。：！？). A department
// becomes the subject when it opens a clause (alone or coordinated with
// others, or as a short form of an organ named before: 省委组织部 after
// 浙江省委组织部); a heading paragraph such as `科技部：` makes it the subject of
// the paragraphs below it. In each clause the predicate is found through
// adverbs, prepositional phrases (以/对/为/在/从…方面/通过 …) and 把/将
// constructions. What others say or are told to do is no action of the
// department: the rest of a sentence after a reporting verb (强调，…), after a
// directive with an addressee (要求各地…，…) and after a nominal subject of a
// reporting verb (通知明确，…); negated verbs and outcomes (惠及, 增长) neither.
// The rules rest on POS tags, clause structure and lexicons of policy verbs,
// never on strings of the dev texts; test/fixtures/actions/heldout.json checks
// that they carry over to other news texts.
import type { Action, Entity, Token } from '../types';
import { firstStartingFrom } from '../text/search';
import { VERBS } from './lexicon';
import { responsibilityActions } from './responsibility';
import { paragraphs, findDept, detectHeading, isNumberedHeading, clauseStart, buildUnits } from './units';
import { ParagraphReader } from './reader';
import { selfReferences } from './selfReference';

/** POS-tags a string; token offsets are relative to that string. */
export type TokenizeFn = (s: string) => Token[];

// ---------------------------------------------------------------- lexicons
// ---------------------------------------------------------------- units
// ---------------------------------------------------------------- cache

/** Tokens of recently seen paragraphs, per tokenize function (pass a stable function to benefit). */
interface TokenCache {
  map: Map<string, Token[]>;
  /** Characters of the cached paragraphs. */
  size: number;
}
const tokenCaches = new WeakMap<TokenizeFn, TokenCache>();
/** Characters of paragraph text whose tokens are kept (about 25 MB of tokens). */
const CACHE_CHARS = 500_000;

function cachedTokenize(tokenize: TokenizeFn, s: string): Token[] {
  let cache = tokenCaches.get(tokenize);
  if (!cache) {
    cache = { map: new Map(), size: 0 };
    tokenCaches.set(tokenize, cache);
  }
  const hit = cache.map.get(s);
  if (hit) {
    // most recently used last
    cache.map.delete(s);
    cache.map.set(s, hit);
    return hit;
  }
  const tokens = tokenize(s);
  if (s.length > CACHE_CHARS) return tokens;
  while (cache.size + s.length > CACHE_CHARS) {
    const oldest = cache.map.keys().next().value as string;
    cache.map.delete(oldest);
    cache.size -= oldest.length;
  }
  cache.map.set(s, tokens);
  cache.size += s.length;
  return tokens;
}

// ---------------------------------------------------------------- entry point

/** Actions of `text`: each department's verbs with their objects (UTF-16 offsets; `mention` indexes `entities`). */
export function extractActions(text: string, entities: readonly Entity[], tokenize: TokenizeFn): Action[] {
  const tok = (s: string) => cachedTokenize(tokenize, s);
  const listed = responsibilityActions(text, entities, tok);
  const out: Action[] = [...listed.actions];
  const seen = new Set<string>(out.map((a) => `${a.department}\u0000${a.start}`));
  const inList = (pos: number) => listed.lists.some(([a, b]) => a <= pos && pos < b);
  let heading: number[] | null = null;
  /** The departments of the signature blocks seen so far. */
  const signers: number[] = [];
  let entityIndex = 0;
  /** 我部, 本院 …: the department each stands for. */
  const selves = selfReferences(text, entities);
  /** The departments of a duty list's lead line (X的主要职责是：), the subject of the numbered items below it. */
  let duties: number[] | null = null;
  for (const [ps, pe] of paragraphs(text)) {
    while (entityIndex < entities.length && entities[entityIndex].end <= ps) entityIndex++;
    if (duties && !NUMBERED_ITEM.test(text.slice(ps, pe))) duties = null;
    if (duties) heading = duties;
    let last = entityIndex;
    while (last < entities.length && entities[last].start < pe) last++;
    const firstDept = findDept(entities, entityIndex, last);
    let from = ps;
    const h = detectHeading(text, ps, pe, entities, entityIndex, last);
    // departments alone on the lines before a date are a signature, not a heading (最高人民检察院 国家监察委员会 …⏎2020年5月7日)
    // the addressee of a letter, reply or report (湖北省人民政府： after the title and its number) is no heading
    if (h && h.rest >= pe && addresseeAt(text, ps)) {
      heading = null;
      continue;
    }
    if (h && signatureAt(text, pe)) {
      for (const m of h.mentions) signers.push(m);
      heading = null;
      continue;
    }
    if (h) {
      heading = h.mentions;
      from = h.rest;
      if (from >= pe) continue;
    } else if (isNumberedHeading(text, ps, pe) && !duties) {
      heading = null;
    }
    if (!heading) {
      // Nothing before the clause of the first department (or of a 我部 standing for one) can have a subject.
      const self = selves.find((x) => x.start >= ps && x.start < pe);
      const first = Math.min(firstDept >= 0 ? entities[firstDept].start : Infinity, self ? self.start : Infinity);
      if (first === Infinity) continue;
      from = clauseStart(text, ps, first);
    }
    // X的主要职责是： / X负责下列工作：: X does what the numbered items below say
    if (DUTY_LEAD.test(text.slice(ps, pe).trim()) && firstDept >= 0) {
      const d = entities[firstDept];
      if (d.start - ps < 30) duties = [firstDept];
    }
    const tokens = cachedTokenize(tokenize, text.slice(from, pe));
    const units = buildUnits(text, from, pe, tokens, entities, entityIndex, last, selves);
    const resolve = (short: string, at: number) => resolveShortForm(entities, short, at);
    new ParagraphReader(text, units, heading, resolve).read((f, mentions) => {
      if (inList(f.vs)) return; // a list's 负责, 牵头 are no tasks of their own
      for (const m of mentions) {
        const department = entities[m].canonical ?? entities[m].text;
        const key = `${department}\u0000${f.vs}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({
          department,
          mention: m,
          verb: text.slice(f.vs, f.ve),
          start: f.vs,
          end: f.ve,
          object: text.slice(f.os, f.oe),
          objectStart: f.os,
          objectEnd: f.oe,
        });
      }
    });
  }
  issuedBySigners(text, entities, signers, out, seen);
  const all = withCoordinatedVerbs(text, out, seen);
  return all.sort((a, b) => a.start - b.start || a.mention - b.mention);
}

/** The line before an addressee: a document's title or its number (国办函〔2004〕80号), or an attachment's heading. */
const BEFORE_ADDRESSEE = /(?:〔\d{4}〕\s*\d+\s*号|\[\d{4}\]\s*\d+\s*号|(?:报告|请示|复函|批复|函|通知|意见|决定|通报|公告|答复|的信)|^附件\s*\d*)$/;

/** Whether the paragraph at `ps` (a department and a colon) stands after a title block: the addressee. */
function addresseeAt(text: string, ps: number): boolean {
  let e = ps;
  while (e > 0 && /\s/.test(text[e - 1])) e--;
  if (e === 0) return false;
  const s = text.lastIndexOf('\n', e - 1) + 1;
  return BEFORE_ADDRESSEE.test(text.slice(s, e).trim());
}

/** A numbered item of a list (（一）, 一、, 1.). */
const NUMBERED_ITEM = /^[\s\u3000]*(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+[、.．]|\d+[、.．])/;

/** A paragraph that introduces an organ's duties listed below it (云台山景区管理委员会的主要职责是：). */
const DUTY_LEAD = /(?:职责|职能|任务)(?:是|为|包括|如下)[：:]$|(?:履行|承担|负责)(?:下列|以下|如下)(?:职责|工作|事项)[：:]?$/;

/** Verbs the lexicon knows, longest first at a position (for the verbs coordinated after an action's verb). */
function verbAt(text: string, pos: number): number {
  for (let len = 4; len >= 2; len--) {
    const w = text.slice(pos, pos + len);
    if (VERBS.has(w) || COORDINATED_VERBS.has(w)) return pos + len;
  }
  return -1;
}

/** Verbs that mostly read as nouns alone but are verbs coordinated after another (建设、维护、管理设施; 保护和利用资源). */
const COORDINATED_VERBS = new Set('管理 监督 保护 利用 开发 执行 贯彻执行 实施 组织实施 使用 维修 检查 指导 协调 服务 审查 审核 登记 评价 调查 处理 处置 查处 监测 宣传 培训 考核'.split(' '));

/**
 * Verbs coordinated with an action's verb share its subject and object
 * (宣传、贯彻执行有关法律 → 宣传 and 贯彻执行; 建设、维护、管理设施; 制定并组织实施制度):
 * each is an action of its own, and the object is what follows the last.
 */
function withCoordinatedVerbs(text: string, actions: Action[], seen: Set<string>): Action[] {
  const out: Action[] = [];
  for (const a of actions) {
    const verbs: Array<[number, number]> = [];
    let p = a.end;
    for (;;) {
      const sep = /^(?:、|并且|并|和|及)/.exec(text.slice(p, p + 2));
      if (!sep) break;
      const e = verbAt(text, p + sep[0].length);
      if (e < 0) break;
      verbs.push([p + sep[0].length, e]);
      p = e;
    }
    if (verbs.length === 0 || p >= a.objectEnd) {
      out.push(a);
      continue;
    }
    const object = { object: text.slice(p, a.objectEnd), objectStart: p, objectEnd: a.objectEnd };
    out.push({ ...a, ...object });
    for (const [s, e] of verbs) {
      const key = `${a.department}\u0000${s}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ ...a, verb: text.slice(s, e), start: s, end: e, ...object });
    }
  }
  return out;
}

/** A date alone on a line (2020年5月7日, 二〇〇四年九月二十三日). */
const DATE_LINE = /^[\s\u3000]*(?:\d{4}|[〇零一二三四五六七八九○]{4})年[\d一二三四五六七八九十]{1,3}月[\d一二三四五六七八九十]{1,3}日[\s\u3000]*$/;

/** Whether the lines after `pe` reach a date line through lines of names only (a signature block). */
function signatureAt(text: string, pe: number): boolean {
  let p = pe + 1;
  for (let n = 0; n < 4 && p < text.length; n++) {
    const e = text.indexOf('\n', p) < 0 ? text.length : text.indexOf('\n', p);
    const line = text.slice(p, e);
    if (DATE_LINE.test(line)) return true;
    if (/[，。；：]/.test(line) || line.length > 80) return false;
    p = e + 1;
  }
  return false;
}

/** 现将《…》印发给你们 with no subject of its own: an act of the organs that sign the notice (the guide's joint notices). */
const ISSUE_SENTENCE = /现将(《[^》]{2,200}》)(?:印发|转发|下发)给你们|现(?:予以?|将其)?(?:印发|转发)给你们/g;

function issuedBySigners(text: string, entities: readonly Entity[], signers: readonly number[], out: Action[], seen: Set<string>): void {
  if (signers.length === 0) return;
  for (const m of text.matchAll(ISSUE_SENTENCE)) {
    const verbAt = m.index + m[0].search(/印发|转发|下发/);
    const object = m[1] ?? '';
    const objectStart = m[1] ? m.index + 2 : verbAt + 2;
    for (const i of new Set(signers)) {
      const e = entities[i];
      const department = e.canonical ?? e.text;
      const key = `${department}\u0000${verbAt}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ department, mention: i, verb: text.slice(verbAt, verbAt + 2), start: verbAt, end: verbAt + 2, object, objectStart, objectEnd: objectStart + object.length });
    }
  }
}

/** How far back (UTF-16 units) a short form looks for the full name of its organ. */
const SHORT_FORM_REACH = 3000;

/**
 * The latest department mention before `at` that `short` abbreviates: the
 * short form ends like the full name and its characters appear in it in
 * order (省委组织部 in 浙江省委组织部, 市住建局 in 成都市住房和城乡建设局); -1 if none.
 */
function resolveShortForm(entities: readonly Entity[], short: string, at: number): number {
  if (short.length < 2) return -1;
  // entities are in text order: start from the last one before `at`.
  for (let i = firstStartingFrom(entities, at) - 1; i >= 0; i--) {
    const e = entities[i];
    if (e.end < at - SHORT_FORM_REACH) break;
    if (e.type !== 'department' || e.text.length <= short.length || e.text[e.text.length - 1] !== short[short.length - 1]) continue;
    let p = 0;
    for (const c of e.text) if (p < short.length && c === short[p]) p++;
    if (p === short.length) return i;
  }
  return -1;
}

// ---------------------------------------------------------------- reading
