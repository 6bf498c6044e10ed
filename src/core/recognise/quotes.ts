/**
 * Recognisers for bracketed titles (《…》 → `document`) and quoted slogans
 * (“…” and 「…」 → `term`), following the annotation guide. Pure string code.
 *
 * - Spans include the brackets / quotes. Nothing ever crosses a line break.
 * - 《…》 may nest (《关于〈…〉的决定》, 《A《B》》): the outermost pair is the document.
 * - “…” that is quoted speech (a clause with its own sentence punctuation, a long clause,
 *   or a quotation introduced by 说/指出/强调/表示… and a colon or comma) is not a term.
 * - ‘…’ is never marked. Annotations are flat: a “term” inside a 《title》 is not a
 *   term, and a 《title》 inside a “term” is not a document.
 * - An unbalanced opening mark is skipped; it never swallows the rest of the text.
 */
import type { Entity } from '../types';

/** Longest span (in UTF-16 units, brackets included) a title or term may have. */
const MAX_DOCUMENT = 300;
const MAX_TERM = 200;

const LF = 0x0a;
const CR = 0x0d;
const DOC_OPEN = 0x300a; // 《
const DOC_CLOSE = 0x300b; // 》
const DQ_OPEN = 0x201c; // “
const DQ_CLOSE = 0x201d; // ”
const CQ_CLOSE = 0x300d; // 」
const PERIOD = 0x3002; // 。

/** Raw 《…》 spans [start, end), outermost pairs, in order. */
function scanDocuments(text: string): [number, number][] {
  const out: [number, number][] = [];
  const n = text.length;
  let from = 0;
  for (;;) {
    const p = text.indexOf('《', from);
    if (p < 0) break;
    let depth = 0;
    let end = -1;
    const limit = Math.min(n, p + MAX_DOCUMENT);
    for (let j = p; j < limit; j++) {
      const c = text.charCodeAt(j);
      if (c === DOC_OPEN) depth++;
      else if (c === DOC_CLOSE) {
        depth--;
        if (depth === 0) { end = j + 1; break; }
      } else if (c === LF || c === CR || c === PERIOD) break;
    }
    if (end > p + 2) {
      out.push([p, end]);
      from = end;
    } else {
      from = p + 1;
    }
  }
  return out;
}

/**
 * True when the inside of a quotation reads as quoted speech rather than a
 * slogan: it has sentence punctuation (。！？), or it is longer than 20
 * characters and contains clause punctuation (，：；).
 */
export function isQuotedSpeech(inner: string): boolean {
  let clause = false;
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (c === '。' || c === '！' || c === '？' || c === '!' || c === '?') return true;
    if (c === '，' || c === '：' || c === '；' || c === ',' || c === ':' || c === ';') clause = true;
  }
  return clause && [...inner].length > 20;
}

/** Verbs of saying that, with a colon or comma after them, introduce quoted speech (他说：“…”). */
const SPEECH_VERBS = ['说', '指出', '强调', '表示', '认为', '提到', '谈到', '坦言', '介绍', '透露', '表态', '宣布', '回答', '问道', '感慨', '说道'];

/** True when the quotation opening at `p` follows a verb of saying and a colon or comma (指出：“…”, 他说，“…”). */
export function followsSpeechVerb(text: string, p: number): boolean {
  let q = p;
  while (q > 0 && (text[q - 1] === ' ' || text[q - 1] === '\u3000')) q--;
  const mark = text[q - 1];
  if (mark !== '：' && mark !== ':' && mark !== '，' && mark !== ',') return false;
  const before = text.slice(Math.max(0, q - 1 - 3), q - 1);
  return SPEECH_VERBS.some((v) => before.endsWith(v));
}

/** Raw “…” / 「…」 spans [start, end) that are terms (not speech), in order. */
function scanTerms(text: string): [number, number][] {
  const out: [number, number][] = [];
  const n = text.length;
  let i = 0;
  let nextDq = text.indexOf('“');
  let nextCq = text.indexOf('「');
  while (i < n) {
    // Find the next opening mark (cached indexOf positions).
    if (nextDq >= 0 && nextDq < i) nextDq = text.indexOf('“', i);
    if (nextCq >= 0 && nextCq < i) nextCq = text.indexOf('「', i);
    const p = nextDq < 0 ? nextCq : nextCq < 0 ? nextDq : Math.min(nextDq, nextCq);
    if (p < 0) break;
    const open = text.charCodeAt(p);
    const close = open === DQ_OPEN ? DQ_CLOSE : CQ_CLOSE;
    let end = -1;
    let next = p + 1;
    const limit = Math.min(n, p + MAX_TERM);
    for (let j = p + 1; j < limit; j++) {
      const c = text.charCodeAt(j);
      if (c === close) { end = j + 1; break; }
      if (c === open) { next = j; break; } // unbalanced: restart at the new opening mark
      if (c === LF || c === CR) { next = j + 1; break; }
    }
    if (end > 0) {
      if (end > p + 2 && !isQuotedSpeech(text.slice(p + 1, end - 1)) && !followsSpeechVerb(text, p)) out.push([p, end]);
      i = end;
    } else {
      i = Math.max(next, p + 1);
    }
  }
  return out;
}

/** Keeps the spans of `a` that are not inside any span of `b` (both sorted by start). */
function notInside(a: [number, number][], b: [number, number][]): [number, number][] {
  if (b.length === 0) return a;
  const out: [number, number][] = [];
  let k = 0;
  for (const s of a) {
    while (k < b.length && b[k][1] <= s[0]) k++;
    // b spans do not overlap each other; check the current and the ones starting before s.
    let inside = false;
    for (let m = k; m < b.length && b[m][0] <= s[0]; m++) {
      if (b[m][0] <= s[0] && s[1] <= b[m][1] && !(b[m][0] === s[0] && b[m][1] === s[1])) { inside = true; break; }
    }
    if (!inside) out.push(s);
  }
  return out;
}

function toEntities(text: string, spans: [number, number][], type: 'document' | 'term'): Entity[] {
  return spans.map(([start, end]) => ({ type, start, end, text: text.slice(start, end) }));
}

/** 《…》 titles as `document` entities (brackets included), excluding titles inside a “term”. */
export function recogniseDocuments(text: string): Entity[] {
  return toEntities(text, notInside(scanDocuments(text), scanTerms(text)), 'document');
}

/** “…” and 「…」 slogans as `term` entities (quotes included), excluding quoted speech and terms inside a 《title》. */
export function recogniseTerms(text: string): Entity[] {
  return toEntities(text, notInside(scanTerms(text), scanDocuments(text)), 'term');
}

/** Both documents and terms (flat, sorted by start); cheaper than calling the two functions. */
export function recogniseQuoted(text: string): Entity[] {
  const docs = scanDocuments(text);
  const terms = scanTerms(text);
  const out = [
    ...toEntities(text, notInside(docs, terms), 'document'),
    ...toEntities(text, notInside(terms, docs), 'term'),
  ];
  return out.sort((x, y) => x.start - y.start);
}

/**
 * Sorted, non-overlapping [start, end) spans of the documents and terms in
 * `text` (after flattening): other recognisers drop entities inside them.
 */
export function quotedSpans(text: string): [number, number][] {
  const docs = scanDocuments(text);
  const terms = scanTerms(text);
  const all = [...notInside(docs, terms), ...notInside(terms, docs)].sort((x, y) => x[0] - y[0]);
  return all;
}
