// W3C Web Annotation (Web Annotation Data Model, W3C Recommendation 2017):
// an AnnotationCollection whose first page embeds one Annotation per tag,
//   {"type": "Annotation", "motivation": "tagging",
//    "body": [{"type": "TextualBody", "purpose": "tagging", "value": "label"},
//             {"type": "TextualBody", "purpose": "commenting", "value": "note", "format": "text/plain"}],
//    "target": {"source": "urn:policy-lens:doc:doc.txt", "selector": [
//       {"type": "TextQuoteSelector", "exact": "…", "prefix": "…", "suffix": "…"},
//       {"type": "TextPositionSelector", "start": 0, "end": 3}]}}
//
// Offsets: the model's §4.2.4 says selection "MUST be in terms of unicode code
// points (the "character number"), not in terms of code units" (settled in
// w3c/web-annotation#206 after the question was raised), so TextPositionSelector
// start/end are code points; prefix/suffix carry 32 code points of context.
//
// Identifiers: the model requires IRIs for the collection's and the page's
// "id" and for target.source (the W3C test suite's MUST schemas check them
// with format "uri"). A document given by an absolute path gets its file://
// URI; one given by a workspace-relative path gets
// urn:policy-lens:doc:<path> (each segment percent-encoded, "/" kept). The
// collection is urn:policy-lens:annotations:<path>, its page the same with
// ":page-1"; the page's partOf describes the collection ({id, label, total}:
// the suite's page schemas check partOf's keys as an object's). Every annotation carries the @context, so that each one is a
// valid Annotation on its own too.
//
// Orphaned tags are exported with a TextQuoteSelector only (their text, no
// position): they stay orphans when read back unless the quote is found.
// On import the position is checked against the quote; when it no longer
// matches, the quote is looked for (best prefix/suffix agreement, nearest
// the old position), and an annotation whose quote cannot be found becomes an
// orphaned tag (a warning says so).
import { anchorQuote } from '../tags/anchor';
import type { QuoteSelector } from '../tags/types';
import { isRecord, parseJson, pathMatch, requireOffset, stem } from './common';
import { FormatError } from './errors';
import { placeable, withRelationEnds, type Format, type FormatDocument, type ImportOptions, type ImportResult, type RelationIn, type SpanIn, type TextViews } from './format';

const FMT = 'w3c';
const CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

export interface W3cTextualBody {
  type: 'TextualBody';
  purpose: 'tagging' | 'commenting';
  value: string;
  format?: string;
}

export interface W3cAnnotation {
  '@context'?: string;
  id: string;
  type: 'Annotation';
  motivation: 'tagging';
  /** The tag's annotator (a Person by name). */
  creator?: { type: 'Person'; name: string };
  created?: string;
  modified?: string;
  body: W3cTextualBody[];
  target: {
    source: string;
    selector: Array<{ type: 'TextQuoteSelector'; exact: string; prefix: string; suffix: string } | { type: 'TextPositionSelector'; start: number; end: number }>;
  };
}

export interface W3cCollection {
  '@context': string;
  id: string;
  type: 'AnnotationCollection';
  label?: string;
  total: number;
  first: { id: string; type: 'AnnotationPage'; partOf: { id: string; label?: string; total: number }; startIndex: number; items: W3cAnnotation[] };
}

/** Percent-encodes a path's segments (UTF-8), keeping "/" between them. */
function encodePath(p: string): string {
  return p.split('/').map((seg) => encodeURIComponent(seg).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)).join('/');
}

/** The IRI of a document as target.source: file:// for an absolute path (POSIX or Windows), else urn:policy-lens:doc:<path>. */
export function sourceIri(file: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(file) && !/^[a-z]:[\\/]/i.test(file)) return file; // already a URI
  const p = file.replace(/\\/g, '/');
  if (/^[a-z]:\//i.test(p)) return `file:///${p.slice(0, 2)}${encodePath(p.slice(2))}`;
  if (p.startsWith('/')) return `file://${encodePath(p)}`;
  return `urn:policy-lens:doc:${encodePath(p.replace(/^\.\//, ''))}`;
}

/** The path an IRI of sourceIri() names (decoded), or the string itself when it is not one of those. */
function pathOfIri(iri: unknown): unknown {
  if (typeof iri !== 'string') return iri;
  const m = /^(?:urn:policy-lens:doc:|file:\/\/(?:localhost)?)(.*)$/.exec(iri);
  if (!m) return iri;
  try {
    return decodeURIComponent(m[1]).replace(/^\/([a-z]:\/)/i, '$1');
  } catch {
    return iri;
  }
}

/** The IRI of a document's AnnotationCollection. */
function collectionIri(file: string): string {
  return `urn:policy-lens:annotations:${encodePath(file.replace(/\\/g, '/').replace(/^\.\//, ''))}`;
}

/** The annotations of one document (code points; orphans with a quote selector only). */
function toAnnotations(doc: FormatDocument): W3cAnnotation[] {
  const orphans = doc.spans.filter((t) => t.orphan && t.quote.exact !== '');
  return [...placeable(doc.spans), ...orphans].map((t) => {
    const body: W3cTextualBody[] = [{ type: 'TextualBody', purpose: 'tagging', value: t.label }];
    if (t.note !== undefined && t.note !== '') body.push({ type: 'TextualBody', purpose: 'commenting', value: t.note, format: 'text/plain' });
    const q = t.quote;
    const selector: W3cAnnotation['target']['selector'] = [{ type: 'TextQuoteSelector', exact: q.exact, prefix: q.prefix, suffix: q.suffix }];
    if (!t.orphan) selector.push({ type: 'TextPositionSelector', start: t.start, end: t.end });
    const a = { '@context': CONTEXT, id: `urn:policy-lens:tag:${encodeURIComponent(t.id)}`, type: 'Annotation', motivation: 'tagging' } as W3cAnnotation;
    if (t.annotator) a.creator = { type: 'Person', name: t.annotator };
    if (t.created) a.created = t.created;
    if (t.modified) a.modified = t.modified;
    a.body = body;
    a.target = { source: sourceIri(doc.file), selector };
    return a;
  });
}

/** An AnnotationCollection with its one page embedded, for one document. */
function toCollection(doc: FormatDocument): W3cCollection {
  const items: W3cAnnotation[] = toAnnotations({ ...doc, spans: withRelationEnds(doc.spans, doc.relations) });
  // relations: a linking annotation whose body is the type and whose two targets are the annotations it links (from, to)
  const tagIri = (id: string) => `urn:policy-lens:tag:${encodeURIComponent(id)}`;
  for (const r of doc.relations) {
    const link = { '@context': CONTEXT, id: `urn:policy-lens:relation:${encodeURIComponent(r.id)}`, type: 'Annotation', motivation: 'linking', body: [{ type: 'TextualBody', purpose: 'tagging', value: r.type }], target: [tagIri(r.from.id), tagIri(r.to.id)] };
    items.push(link as unknown as W3cAnnotation);
  }
  const id = collectionIri(doc.file);
  return { '@context': CONTEXT, id, type: 'AnnotationCollection', label: doc.file, total: items.length, first: { id: `${id}:page-1`, type: 'AnnotationPage', partOf: { id, label: doc.file, total: items.length }, startIndex: 0, items } };
}

/**
 * Reads spans from Web Annotations (a collection with embedded pages, a page,
 * an array of annotations or one annotation) over the document. Each
 * annotation needs a tagging body (its label) and a target with a
 * TextPositionSelector and/or a TextQuoteSelector; commenting bodies become
 * the note. A quote that no longer matches its position is looked for; one
 * that cannot be found makes an orphan.
 */
function fromW3c(content: string, views: TextViews, options: ImportOptions): ImportResult {
  const annotations = collect(parseJson(FMT, content.replace(/^\ufeff/, '')));
  const cp = views.codepoint;
  const text = views.utf16.text;
  const spans: SpanIn[] = [];
  const byIri = new Map<string, number>();
  const links: Array<{ type: string; from: unknown; to: unknown }> = [];
  annotations.forEach((a, i) => {
    const where = `annotation ${i}${isRecord(a) && typeof a.id === 'string' ? ` (${a.id})` : ''}`;
    if (!isRecord(a)) throw new FormatError(FMT, `${where} is not an object`);
    if (a.motivation === 'linking' && Array.isArray(a.target) && a.target.length === 2 && a.target.every((t) => typeof t === 'string')) {
      const body = (Array.isArray(a.body) ? (a.body as unknown[]) : [a.body]).filter(isRecord).find((b) => typeof b.value === 'string' && b.value !== '');
      links.push({ type: (body?.value as string | undefined) ?? 'related', from: a.target[0], to: a.target[1] });
      return;
    }
    const target = pickTarget(a.target, where, options.source);
    if (!target) return;
    if (typeof a.id === 'string') byIri.set(a.id, spans.length); // the index of the span pushed below
    const bodies = (Array.isArray(a.body) ? (a.body as unknown[]) : a.body === undefined ? [] : [a.body]).filter(isRecord);
    const label = bodies.find((b) => b.purpose === 'tagging' && typeof b.value === 'string' && b.value !== '')?.value as string | undefined;
    if (label === undefined) throw new FormatError(FMT, `${where} has no TextualBody with purpose "tagging" and a value (its label)`);
    const comments = bodies.filter((b) => b.purpose === 'commenting' && typeof b.value === 'string').map((b) => b.value as string);
    if (comments.length === 0 && typeof a.bodyValue === 'string') comments.push(a.bodyValue);
    const note = comments.length > 0 ? comments.join('\n') : undefined;
    const created = typeof a.created === 'string' ? a.created : undefined;
    const modified = typeof a.modified === 'string' ? a.modified : undefined;
    const annotator = creatorName(a.creator);

    const selectors = (Array.isArray(target.selector) ? (target.selector as unknown[]) : [target.selector]).filter(isRecord);
    const pos = selectors.find((s) => s.type === 'TextPositionSelector');
    const q = selectors.find((s) => s.type === 'TextQuoteSelector');
    if (!pos && !q) throw new FormatError(FMT, `${where} has neither a TextPositionSelector nor a TextQuoteSelector`);
    let quote: QuoteSelector | undefined;
    if (q) {
      if (typeof q.exact !== 'string' || q.exact === '') throw new FormatError(FMT, `${where}: the TextQuoteSelector has no "exact" text`);
      quote = { exact: q.exact, prefix: typeof q.prefix === 'string' ? q.prefix : '', suffix: typeof q.suffix === 'string' ? q.suffix : '' };
    }
    // positions in code points; the quote is matched on the UTF-16 text
    let span: { start: number; end: number } | undefined;
    let hint = 0;
    if (pos) {
      const s = requireOffset(FMT, pos.start, `${where}: TextPositionSelector start`);
      const e = requireOffset(FMT, pos.end, `${where}: TextPositionSelector end`);
      if (e <= s) throw new FormatError(FMT, `${where}: TextPositionSelector [${s}, ${e}) is empty or reversed`);
      if (e <= cp.length) span = { start: cp.utf16(s), end: cp.utf16(e) };
      else if (!quote) throw new FormatError(FMT, `${where}: TextPositionSelector [${s}, ${e}) goes past the end of the text (${cp.length} code points)`);
      hint = cp.utf16(Math.min(s, cp.length));
    }
    if (quote && (!span || text.slice(span.start, span.end) !== quote.exact)) {
      const found = anchorQuote(text, quote, hint);
      if (found) {
        if (pos) options.onWarning?.(`w3c: ${where}: the text at the position is not the quote; the quote was found ${found.start < hint ? 'earlier' : 'later'} in the text`);
        span = found;
      } else {
        options.onWarning?.(`w3c: ${where}: the quote ${JSON.stringify(quote.exact.slice(0, 30))} is not in the text; the tag is kept as an orphan`);
        spans.push({ start: 0, end: 0, label, note, created, modified, orphan: true, quote, ...(annotator ? { annotator } : {}) });
        return;
      }
    }
    spans.push({ start: span!.start, end: span!.end, label, note, created, modified, ...(annotator ? { annotator } : {}) });
  });
  const relations: RelationIn[] = [];
  for (const l of links) {
    const from = byIri.get(l.from as string);
    const to = byIri.get(l.to as string);
    if (from === undefined || to === undefined) options.onWarning?.(`w3c: a linking annotation points at an annotation not in the file; skipped`);
    else relations.push({ type: l.type, from, to });
  }
  return { unit: 'utf16', spans, relations };
}

/** The name of an annotation's creator: a string (an IRI or a name), or an Agent's name or nickname (the first of several). */
function creatorName(c: unknown): string | undefined {
  const one = Array.isArray(c) ? (c as unknown[])[0] : c;
  if (typeof one === 'string' && one !== '') return one;
  if (isRecord(one)) {
    for (const k of ['name', 'nickname', 'id'] as const) if (typeof one[k] === 'string' && one[k] !== '') return one[k];
  }
  return undefined;
}

/** The annotations in whatever container was given. */
function collect(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (!isRecord(v)) throw new FormatError(FMT, 'expected an Annotation, an AnnotationPage, an AnnotationCollection or an array of annotations');
  const type = Array.isArray(v.type) ? v.type : [v.type];
  if (type.includes('AnnotationCollection')) {
    if (v.first === undefined) return Array.isArray(v.items) ? v.items : [];
    if (!isRecord(v.first)) throw new FormatError(FMT, 'the collection\'s pages must be embedded ("first" is only a link)');
    const items: unknown[] = [];
    for (let page: unknown = v.first; page !== undefined; page = (page).next) {
      if (!isRecord(page)) throw new FormatError(FMT, 'the collection\'s pages must be embedded ("next" is only a link)');
      if (!Array.isArray(page.items)) throw new FormatError(FMT, 'an AnnotationPage has no "items" array');
      for (const item of page.items as unknown[]) items.push(item);
    }
    return items;
  }
  if (type.includes('AnnotationPage')) {
    if (!Array.isArray(v.items)) throw new FormatError(FMT, 'the AnnotationPage has no "items" array');
    return v.items;
  }
  if (type.includes('Annotation')) return [v];
  throw new FormatError(FMT, `expected an Annotation, an AnnotationPage or an AnnotationCollection, got type ${JSON.stringify(v.type)}`);
}

/** The target with selectors for this document; undefined when the annotation is about another source. */
function pickTarget(target: unknown, where: string, source: string | undefined): Record<string, unknown> | undefined {
  const list = (Array.isArray(target) ? target : [target]).filter(isRecord);
  const withSelector = list.filter((t) => t.selector !== undefined && (source === undefined || t.source === source || t.source === sourceIri(source) || pathMatch(pathOfIri(t.source), source) > 0));
  if (withSelector.length > 0) return withSelector[0];
  if (source !== undefined && list.some((t) => t.selector !== undefined)) return undefined;
  throw new FormatError(FMT, `${where} has no target with a selector (annotations on a whole document cannot become tags)`);
}

/** W3C Web Annotation: one AnnotationCollection per document. */
export const w3c = {
  name: 'w3c',
  aliases: ['jsonld', 'web-annotation'],
  notes: 'W3C Web Annotation collection with TextQuoteSelector and TextPositionSelector; code points',
  offsetUnit: 'codepoint',
  export(docs) {
    const parts = docs.map((d) => ({ name: `${stem(d.file)}.jsonld`, json: toCollection(d) }));
    return { files: parts.map((p) => ({ name: p.name, content: JSON.stringify(p.json, null, 2) + '\n' })), stdout: parts.map((p) => JSON.stringify(p.json) + '\n').join('') };
  },
  import: fromW3c,
} satisfies Format<'w3c'>;
