// W3C Web Annotation (Web Annotation Data Model, W3C Recommendation 2017):
// an AnnotationCollection whose first page embeds one Annotation per tag,
//   {"type": "Annotation", "motivation": "tagging",
//    "body": [{"type": "TextualBody", "purpose": "tagging", "value": "label"},
//             {"type": "TextualBody", "purpose": "commenting", "value": "note", "format": "text/plain"}],
//    "target": {"source": "doc.txt", "selector": [
//       {"type": "TextQuoteSelector", "exact": "…", "prefix": "…", "suffix": "…"},
//       {"type": "TextPositionSelector", "start": 0, "end": 3}]}}
//
// Offsets: the model's §4.2.4 says selection "MUST be in terms of unicode code
// points (the "character number"), not in terms of code units" (settled in
// w3c/web-annotation#206 after the question was raised), so TextPositionSelector
// start/end are code points; prefix/suffix carry 32 code points of context.
//
// Orphaned tags are exported with a TextQuoteSelector only (their text, no
// position): they stay orphans when read back unless the quote is found.
// On import the position is checked against the quote; when it no longer
// matches, the quote is looked for (best prefix/suffix agreement, nearest
// the old position), and an annotation whose quote cannot be found becomes an
// orphaned tag (a warning says so).
import { OffsetMap } from '../text/offsets';
import type { QuoteSelector, Tag } from '../tags/types';
import { importedTag, isRecord, parseJson, placeableTags, quoteAt, requireOffset, type ImportOptions } from './common';
import { FormatError } from './errors';
import { anchorQuote } from '../tags/anchor';

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
  id?: string;
  type: 'AnnotationCollection';
  label?: string;
  total: number;
  first: { type: 'AnnotationPage'; items: W3cAnnotation[] };
}

export interface W3cExportOptions {
  /** target.source of every annotation: the document's IRI or path. */
  source: string;
  /** The collection's label (default: the source). */
  label?: string;
}

export interface W3cImportOptions extends ImportOptions {
  /** Reads only annotations whose target.source is this (a collection may cover several documents). */
  source?: string;
}

/** The annotations of one document (orphans with a quote selector only). */
export function toW3cAnnotations(text: string, tags: readonly Tag[], source: string): W3cAnnotation[] {
  const map = new OffsetMap(text);
  const placed = placeableTags(tags);
  const orphans = tags.filter((t) => t.orphan && t.quote.exact !== '');
  return [...placed, ...orphans].map((t) => {
    const body: W3cTextualBody[] = [{ type: 'TextualBody', purpose: 'tagging', value: t.label }];
    if (t.note !== undefined && t.note !== '') body.push({ type: 'TextualBody', purpose: 'commenting', value: t.note, format: 'text/plain' });
    const quote = t.orphan ? t.quote : quoteAt(text, t.start, t.end);
    const selector: W3cAnnotation['target']['selector'] = [{ type: 'TextQuoteSelector', exact: quote.exact, prefix: quote.prefix, suffix: quote.suffix }];
    if (!t.orphan) selector.push({ type: 'TextPositionSelector', start: map.toCodePoint(t.start), end: map.toCodePoint(t.end) });
    const a: W3cAnnotation = { id: `urn:policy-lens:tag:${encodeURIComponent(t.id)}`, type: 'Annotation', motivation: 'tagging' } as W3cAnnotation;
    if (t.created) a.created = t.created;
    if (t.modified) a.modified = t.modified;
    a.body = body;
    a.target = { source, selector };
    return a;
  });
}

/** An AnnotationCollection with its one page embedded, for one document. */
export function toW3c(text: string, tags: readonly Tag[], options: W3cExportOptions): W3cCollection {
  const items = toW3cAnnotations(text, tags, options.source);
  return { '@context': CONTEXT, type: 'AnnotationCollection', label: options.label ?? options.source, total: items.length, first: { type: 'AnnotationPage', items } };
}

/** The collection as JSON text. */
export function toW3cJson(text: string, tags: readonly Tag[], options: W3cExportOptions): string {
  return JSON.stringify(toW3c(text, tags, options), null, 2) + '\n';
}

/**
 * Reads tags from Web Annotations (a collection with embedded pages, a page,
 * an array of annotations, one annotation, or their JSON text) over `text`.
 * Each annotation needs a tagging body (its label) and a target with a
 * TextPositionSelector and/or a TextQuoteSelector; commenting bodies become
 * the note.
 */
export function fromW3c(input: unknown, text: string, options: W3cImportOptions = {}): Tag[] {
  const parsed = typeof input === 'string' ? parseJson(FMT, input.replace(/^\ufeff/, '')) : input;
  const annotations = collect(parsed);
  const map = new OffsetMap(text);
  const length = map.codePointLength;
  const tags: Tag[] = [];
  annotations.forEach((a, i) => {
    const where = `annotation ${i}${isRecord(a) && typeof a.id === 'string' ? ` (${a.id})` : ''}`;
    if (!isRecord(a)) throw new FormatError(FMT, `${where} is not an object`);
    const target = pickTarget(a.target, where, options.source);
    if (!target) return;
    const bodies = (Array.isArray(a.body) ? a.body : a.body === undefined ? [] : [a.body]).filter(isRecord);
    const label = bodies.find((b) => b.purpose === 'tagging' && typeof b.value === 'string' && b.value !== '')?.value as string | undefined;
    if (label === undefined) throw new FormatError(FMT, `${where} has no TextualBody with purpose "tagging" and a value (its label)`);
    const comments = bodies.filter((b) => b.purpose === 'commenting' && typeof b.value === 'string').map((b) => b.value as string);
    if (comments.length === 0 && typeof a.bodyValue === 'string') comments.push(a.bodyValue);
    const note = comments.length > 0 ? comments.join('\n') : undefined;
    const created = typeof a.created === 'string' ? a.created : undefined;

    const selectors = (Array.isArray(target.selector) ? target.selector : [target.selector]).filter(isRecord);
    const pos = selectors.find((s) => s.type === 'TextPositionSelector');
    const q = selectors.find((s) => s.type === 'TextQuoteSelector');
    if (!pos && !q) throw new FormatError(FMT, `${where} has neither a TextPositionSelector nor a TextQuoteSelector`);
    let quote: QuoteSelector | undefined;
    if (q) {
      if (typeof q.exact !== 'string' || q.exact === '') throw new FormatError(FMT, `${where}: the TextQuoteSelector has no "exact" text`);
      quote = { exact: q.exact, prefix: typeof q.prefix === 'string' ? q.prefix : '', suffix: typeof q.suffix === 'string' ? q.suffix : '' };
    }
    let span: { start: number; end: number } | undefined;
    let hint = 0;
    if (pos) {
      const s = requireOffset(FMT, pos.start, `${where}: TextPositionSelector start`);
      const e = requireOffset(FMT, pos.end, `${where}: TextPositionSelector end`);
      if (e <= s) throw new FormatError(FMT, `${where}: TextPositionSelector [${s}, ${e}) is empty or reversed`);
      if (e <= length) span = { start: map.toUtf16(s), end: map.toUtf16(e) };
      else if (!quote) throw new FormatError(FMT, `${where}: TextPositionSelector [${s}, ${e}) goes past the end of the text (${length} code points)`);
      hint = map.toUtf16(Math.min(s, length));
    }
    if (quote && (!span || text.slice(span.start, span.end) !== quote.exact)) {
      const found = anchorQuote(text, quote, hint);
      if (found) {
        if (pos) options.onWarning?.(`w3c: ${where}: the text at the position is not the quote; the quote was found ${found.start < hint ? 'earlier' : 'later'} in the text`);
        span = found;
      } else {
        options.onWarning?.(`w3c: ${where}: the quote ${JSON.stringify(quote.exact.slice(0, 30))} is not in the text; the tag is kept as an orphan`);
        const tag = importedTag(text, 0, 0, label, note, options, created);
        tag.quote = quote;
        tag.orphan = true;
        tags.push(tag);
        return;
      }
    }
    const tag = importedTag(text, span!.start, span!.end, label, note, options, created);
    if (typeof a.modified === 'string') tag.modified = a.modified;
    tags.push(tag);
  });
  return tags;
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
  const withSelector = list.filter((t) => t.selector !== undefined && (source === undefined || t.source === source));
  if (withSelector.length > 0) return withSelector[0];
  if (source !== undefined && list.some((t) => t.selector !== undefined)) return undefined;
  throw new FormatError(FMT, `${where} has no target with a selector (annotations on a whole document cannot become tags)`);
}
