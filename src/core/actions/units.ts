// The actions extractor's units: a paragraph becomes a sequence of tokens,
// department mentions, other entities and clause delimiters; headings
// (科技部：) and asides in brackets are found here.
import type { SelfReference } from './selfReference';
import type { Entity, Token } from '../types';
import { CLAUSE_END, CJK, VERBS, GLUED_FIRST, CLOSERS } from './lexicon';

/** Unit kinds: a token, a department mention, another entity, a clause delimiter. */
export const TOK = 0;

export const DEPT = 1;

export const ENT = 2;

export const PUNCT = 3;

/** A token or an entity of one paragraph (absolute UTF-16 offsets). */
export interface Unit {
  s: number;
  e: number;
  w: string;
  tag: string;
  k: number;
  /** Entity index (DEPT, ENT), else -1. */
  ent: number;
}

/** Paragraph ranges [start, end), trimmed: split at line breaks and at runs of two or more U+3000. */
export function paragraphs(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const re = /\r\n|\n|\r|\u3000{2,}/g;
  let from = 0;
  const push = (s: number, e: number) => {
    while (s < e && isSpace(text.charCodeAt(s))) s++;
    while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
    if (e > s) out.push([s, e]);
  };
  for (let m = re.exec(text); m; m = re.exec(text)) {
    push(from, m.index);
    from = m.index + m[0].length;
  }
  push(from, text.length);
  return out;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 0x3000 || c === 0xa0 || c === 13 || c === 10;
}

export function findDept(entities: readonly Entity[], from: number, to: number): number {
  for (let i = from; i < to; i++) if (entities[i].type === 'department') return i;
  return -1;
}

const NUMBERING = /^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．]|第[一二三四五六七八九十]+[，、]?|[【[〔])\s*/;

/**
 * A heading paragraph: departments alone, perhaps numbered or bracketed, and
 * an optional colon (`科技部：`); with a colon, text may follow in the same
 * paragraph. Returns the mentions and where the governed text starts.
 */
export function detectHeading(
  text: string,
  ps: number,
  pe: number,
  entities: readonly Entity[],
  from: number,
  to: number,
): { mentions: number[]; rest: number } | null {
  if (from >= to) return null;
  const m = NUMBERING.exec(text.slice(ps, Math.min(pe, ps + 8)));
  let pos = ps + (m ? m[0].length : 0);
  const mentions: number[] = [];
  let i = from;
  while (i < to && entities[i].start < pos) i++;
  for (;;) {
    const e = entities[i];
    if (!e || e.start !== pos || e.type !== 'department') return null;
    mentions.push(i);
    pos = e.end;
    i++;
    const sep = /^(?:、|，|,|和|与|及|\s)/.exec(text.slice(pos, pos + 1));
    if (sep && entities[i]?.start === pos + 1 && entities[i].type === 'department') {
      pos++;
      continue;
    }
    break;
  }
  while (pos < pe && /[】\]〕\s]/.test(text[pos])) pos++;
  if (pos >= pe) return { mentions, rest: pe };
  if (text[pos] === '：' || text[pos] === ':') {
    pos++;
    while (pos < pe && isSpace(text.charCodeAt(pos))) pos++;
    return { mentions, rest: pos };
  }
  return null;
}

/** A short numbered heading (一、… （二）…) without a department: it ends the scope of a department heading. */
export function isNumberedHeading(text: string, ps: number, pe: number): boolean {
  if (pe - ps > 40) return false;
  if (!NUMBERING.test(text.slice(ps, Math.min(pe, ps + 8)))) return false;
  return !/[。！？]/.test(text.slice(ps, pe));
}

/** Start of the clause holding `at`: after the previous delimiter, or the paragraph start. */
export function clauseStart(text: string, ps: number, at: number): number {
  for (let i = at - 1; i >= ps; i--) if (CLAUSE_END.has(text[i])) return i + 1;
  return ps;
}

/**
 * Units of text[from, pe): entities replace the tokens they cover (a token
 * crossing an entity boundary keeps only its outer part); text inside
 * parentheses and quoted speech (“…” that is no `term`) is dropped.
 */
export function buildUnits(
  text: string,
  from: number,
  pe: number,
  tokens: Token[],
  entities: readonly Entity[],
  entFrom: number,
  entTo: number,
  /** Words that stand for a department mention (我部 → 国土资源部, see selfReference.ts), in text order. */
  aliases: readonly SelfReference[] = [],
): Unit[] {
  const units: Unit[] = [];
  // the mentions of [from, pe): the entities and the aliases, in text order
  const marks: Array<{ start: number; end: number; text: string; type: string; ent: number }> = [];
  let ai = 0;
  for (let i = entFrom; i < entTo || ai < aliases.length; ) {
    const a = ai < aliases.length ? aliases[ai] : undefined;
    if (a && (a.start < from || a.start >= pe)) { ai++; continue; }
    const en = i < entTo ? entities[i] : undefined;
    if (a && (!en || a.start < en.start)) {
      if (!en || a.end <= en.start) marks.push({ start: a.start, end: a.end, text: text.slice(a.start, a.end), type: 'department', ent: a.ent });
      ai++;
      continue;
    }
    if (en && en.start >= from) marks.push({ start: en.start, end: en.end, text: en.text, type: en.type, ent: i });
    i++;
  }
  let ei = 0;
  const entTo_ = marks.length;
  const pushToken = (s: number, e: number, tag: string) => {
    const w = text.slice(s, e);
    if (!w.trim()) return;
    if (CLAUSE_END.has(w)) {
      units.push({ s, e, w, tag: 'x', k: PUNCT, ent: -1 });
      return;
    }
    if (tag === 'x' && CJK.test(w) && !VERBS.has(w)) {
      // jieba glues a function word to an unknown character (将脑/x, 对部/x, 并将/x): split it off.
      if (w.length === 2 && GLUED_FIRST.test(w[0])) {
        units.push({ s, e: s + 1, w: w[0], tag: /^[并且还也又再]$/.test(w[0]) ? 'c' : 'p', k: TOK, ent: -1 });
        units.push({ s: s + 1, e, w: w.slice(1), tag: GLUED_FIRST.test(w[1]) ? 'p' : 'n', k: TOK, ent: -1 });
        return;
      }
      // Other unknown Chinese words are names (市住/x 建局/x, 导则/x).
      tag = 'n';
    }
    units.push({ s, e, w, tag, k: TOK, ent: -1 });
  };
  let cursor = from;
  for (const t of tokens) {
    let s = t.start + from;
    const e = t.end + from;
    if (e <= cursor) continue;
    if (s < cursor) s = cursor;
    while (ei < entTo_ && marks[ei].start < e) {
      const en = marks[ei];
      if (en.start >= pe) break;
      if (en.start > s) pushToken(s, en.start, t.tag);
      units.push({
        s: en.start,
        e: Math.min(en.end, pe),
        w: en.text,
        tag: en.type,
        k: en.type === 'department' ? DEPT : ENT,
        ent: en.ent,
      });
      s = Math.max(s, en.end);
      cursor = s;
      ei++;
    }
    if (s < e) pushToken(s, e, t.tag);
    cursor = Math.max(cursor, e);
  }
  return dropAsides(units);
}

/** Removes parenthesised text and quoted speech (quotes that the annotator did not mark as a term). */
function dropAsides(units: Unit[]): Unit[] {
  const out: Unit[] = [];
  for (let i = 0; i < units.length; i++) {
    const u = units[i];
    const close = u.k === TOK ? CLOSERS[u.w] : undefined;
    if (close) {
      let j = i + 1;
      while (j < units.length && units[j].w !== close && j - i < 400) j++;
      if (j < units.length && units[j].w === close) {
        i = j;
        continue;
      }
    }
    if (u.k === TOK && (u.w === '“' || u.w === '”' || u.w === '"' || u.w === '「' || u.w === '」')) continue;
    out.push(u);
  }
  return out;
}
