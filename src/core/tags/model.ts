// Creating tags: ids, quote selectors and the tag itself. The rest of the tag
// engine is beside this file: edits.ts (following edits in the editor),
// anchor.ts (finding tags again after outside changes), history.ts (undo),
// sidecar.ts (the file format), sidecarFiles.ts (files on disk), document.ts
// (one document's tags through all of these).
//
// Offsets are UTF-16 in memory; sidecars and exports store code points.
// Nothing in the tag engine drops a tag: a tag whose text disappears becomes
// an orphan (`orphan: true`, start = end) and keeps its quote so that it can
// be found again.
import { isHigh, isLow, splitsPair } from '../text/offsets';
import type { QuoteSelector, Tag, TagSource } from './types';

/** Characters of context kept on each side of a quote (UTF-16 units). */
export const QUOTE_CONTEXT = 32;

let idCounter = 0;

/** A new tag id: "t" + base36 time (8 digits until 2059) + a per-process counter, so ids never repeat within a session. */
export function newTagId(): string {
  return `t${Date.now().toString(36)}${(idCounter++).toString(36)}`;
}

/** The quote selector of [start, end) in `text`: the exact text and up to `context` UTF-16 units each side (never half a surrogate pair). */
export function quoteAt(text: string, start: number, end: number, context = QUOTE_CONTEXT): QuoteSelector {
  let ps = Math.max(0, start - context);
  if (ps > 0 && ps < start && isLow(text.charCodeAt(ps)) && isHigh(text.charCodeAt(ps - 1))) ps++;
  let se = Math.min(text.length, end + context);
  if (se > end && se < text.length && isLow(text.charCodeAt(se)) && isHigh(text.charCodeAt(se - 1))) se--;
  return { exact: text.slice(start, end), prefix: text.slice(ps, start), suffix: text.slice(end, se) };
}

/** A new tag on [start, end) of `text` (UTF-16; non-empty, not splitting a surrogate pair); throws RangeError otherwise. */
export function createTag(
  text: string,
  start: number,
  end: number,
  label: string,
  opts: { note?: string; source?: TagSource; entity?: Tag['entity']; now?: string; id?: string; annotator?: string; attributes?: Record<string, string> } = {},
): Tag {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > text.length || start >= end) {
    throw new RangeError(`cannot tag [${start}, ${end}) in a text of ${text.length} UTF-16 units`);
  }
  if (splitsPair(text, start) || splitsPair(text, end)) throw new RangeError(`[${start}, ${end}) splits a surrogate pair`);
  if (typeof label !== 'string' || label === '') throw new RangeError('a tag needs a label');
  const tag: Tag = {
    id: opts.id ?? newTagId(),
    label,
    start,
    end,
    quote: quoteAt(text, start, end),
    source: opts.source ?? 'manual',
    created: opts.now ?? new Date().toISOString(),
  };
  if (opts.note !== undefined) tag.note = opts.note;
  if (opts.entity !== undefined) tag.entity = { ...opts.entity };
  if (opts.annotator) tag.annotator = opts.annotator;
  if (opts.attributes && Object.keys(opts.attributes).length > 0) tag.attributes = { ...opts.attributes };
  return tag;
}
