// The tag engine: researchers' tags and rejected entities, kept in step with
// the text (edits in the editor, changes made outside it), stored in sidecar
// files, with an undo history for tagging actions. Pure: no 'vscode' here.
//
// Offsets are UTF-16 in memory; sidecars store code points (converted here
// through OffsetMap). Nothing in this module drops a tag: a tag whose text
// disappears becomes an orphan (`orphan: true`, start = end) and keeps its
// quote so that it can be found again.
import { OffsetMap } from '../text/offsets';
import { ENTITY_TYPES } from '../types';
import type { EntityType } from '../types';
import type { DocumentTags, QuoteSelector, RejectedEntity, Tag, TagSource } from './types';
import { lowerBound } from '../text/search';
import { sha256 } from '../text/hash';
import { isLow, isHigh, splitsPair } from '../text/offsets';

/** Characters of context kept on each side of a quote (UTF-16 units). */
export const QUOTE_CONTEXT = 32;
// ---------------------------------------------------------------------------
// Creating tags

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
  opts: { note?: string; source?: TagSource; entity?: Tag['entity']; now?: string; id?: string } = {},
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
  return tag;
}

// ---------------------------------------------------------------------------
// Following edits made in the editor
// ---------------------------------------------------------------------------
// Re-anchoring after a change made outside the editor
// ---------------------------------------------------------------------------
// Sidecar files
// ---------------------------------------------------------------------------
// Undo of tagging actions
// ---------------------------------------------------------------------------
