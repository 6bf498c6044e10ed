// doccano JSONL for sequence labelling: one JSON object per line,
//   {"text": "…", "label": [[start, end, "label"], …], "notes": [[start, end, "label", "note"], …], "offset_unit": "utf16", "file": "…"}
// doccano keeps every column other than the text and the label column as the
// example's metadata and writes it back on export, so notes, file and
// offset_unit survive a trip through doccano.
//
// Offsets. doccano's annotation view (doccano/v-annotator, Text.ts) measures
// offsets with JavaScript string lengths, i.e. UTF-16 code units, although its
// names say "code point"; doccano issues #2290 and #2484 report that the
// offsets it exports differ from Python's (code points) after an emoji or any
// character past U+FFFF. Files written for doccano itself therefore use UTF-16
// (the default here); files for Python tools (spaCy converters and the like)
// want code points: pass `offsets: 'codepoint'`. The unit is written into each
// line as "offset_unit" and read back from it. doccano's "count grapheme
// clusters as one character" project option is not supported.
import { OffsetMap } from '../text/offsets';
import type { Tag } from '../tags/types';
import { describeDifference, importedTag, isRecord, parseJson, placeableTags, requireOffset, textShift, type ImportOptions } from './common';
import { FormatError } from './errors';
import { splitsSurrogatePair } from '../text/offsets';

const FMT = 'doccano';

/** How offsets are counted: UTF-16 code units (doccano's own view) or code points (Python's str). */
export type DoccanoOffsetUnit = 'utf16' | 'codepoint';

/** One document to export. */
export interface DoccanoDocument {
  /** The document's text (no BOM); tags' offsets are UTF-16 into it. */
  text: string;
  tags: readonly Tag[];
  /** Written as the "file" column (doccano keeps it as metadata). */
  file?: string;
}

export interface DoccanoExportOptions {
  /** Default 'utf16', what doccano's annotation view uses. */
  offsets?: DoccanoOffsetUnit;
}

export interface DoccanoImportOptions extends ImportOptions {
  /** Overrides the unit stated in the file ("offset_unit"); without either, 'utf16'. */
  offsets?: DoccanoOffsetUnit;
  /** Picks the line whose "file" column is this, when the JSONL holds several documents. */
  file?: string;
}

/** One JSONL line (no trailing newline) for a document. Orphaned and empty tags are left out. */
export function toDoccanoLine(doc: DoccanoDocument, options: DoccanoExportOptions = {}): string {
  const unit = options.offsets ?? 'utf16';
  const map = new OffsetMap(doc.text);
  const at = (u: number) => (unit === 'utf16' ? u : map.toCodePoint(u));
  const tags = placeableTags(doc.tags);
  const line: Record<string, unknown> = { text: doc.text, label: tags.map((t) => [at(t.start), at(t.end), t.label]) };
  const notes = tags.filter((t) => t.note !== undefined && t.note !== '').map((t) => [at(t.start), at(t.end), t.label, t.note]);
  if (notes.length > 0) line.notes = notes;
  line.offset_unit = unit;
  if (doc.file !== undefined) line.file = doc.file;
  return JSON.stringify(line);
}

/** JSONL for several documents, one line each, ending with a newline. */
export function toDoccano(docs: readonly DoccanoDocument[], options: DoccanoExportOptions = {}): string {
  return docs.map((d) => toDoccanoLine(d, options) + '\n').join('');
}

/**
 * Reads the tags of one document from doccano JSONL. The line used is the one
 * whose "file" is `options.file`, else the one whose text is the document's
 * (a JSONL of one line must match it). Accepts the label column as "label"
 * (doccano ≥ 1.x), "labels" (older) or "entities" (doccano's relation format,
 * objects with start_offset/end_offset/label).
 */
export function fromDoccano(jsonl: string, text: string, options: DoccanoImportOptions = {}): Tag[] {
  const rows: Array<{ line: number; obj: Record<string, unknown> }> = [];
  jsonl.replace(/^\ufeff/, '').split(/\r?\n/).forEach((raw, i) => {
    if (raw.trim() === '') return;
    const obj = parseJson(FMT, raw, i + 1);
    if (!isRecord(obj)) throw new FormatError(FMT, 'each line must be a JSON object', i + 1);
    if (typeof obj.text !== 'string') throw new FormatError(FMT, 'the line has no "text" string', i + 1);
    rows.push({ line: i + 1, obj });
  });
  if (rows.length === 0) throw new FormatError(FMT, 'the file holds no JSON lines');

  let row = options.file !== undefined ? rows.find((r) => r.obj.file === options.file) : undefined;
  if (options.file !== undefined && !row && rows.some((r) => r.obj.file !== undefined)) throw new FormatError(FMT, `no line has "file": ${JSON.stringify(options.file)}`);
  row ??= rows.find((r) => textShift(r.obj.text as string, text) !== undefined);
  if (!row) {
    if (rows.length === 1) throw new FormatError(FMT, `the line's text is not the document's: ${describeDifference(rows[0].obj.text as string, text)}`, rows[0].line);
    throw new FormatError(FMT, `none of the ${rows.length} lines has the document's text`);
  }
  const shift = textShift(row.obj.text as string, text);
  if (shift === undefined) throw new FormatError(FMT, `the line's text is not the document's: ${describeDifference(row.obj.text as string, text)}`, row.line);
  if (shift === 1) options.onWarning?.(`doccano: line ${row.line}: the text starts with a byte-order mark; offsets were moved back by one`);

  const stated = row.obj.offset_unit;
  if (stated !== undefined && stated !== 'utf16' && stated !== 'codepoint') throw new FormatError(FMT, `"offset_unit" must be "utf16" or "codepoint", got ${JSON.stringify(stated)}`, row.line);
  const unit: DoccanoOffsetUnit = options.offsets ?? (stated) ?? 'utf16';
  const map = new OffsetMap(text);
  const length = unit === 'utf16' ? text.length : map.codePointLength;
  const unitName = unit === 'utf16' ? 'UTF-16 code units' : 'code points';

  const toUtf16 = (value: unknown, what: string): number => {
    const n = requireOffset(FMT, value, what, row.line) - shift;
    if (n < 0) throw new FormatError(FMT, `${what} ${n + shift} points at the byte-order mark`, row.line);
    if (n > length) throw new FormatError(FMT, `${what} ${n + shift} is past the end of the text (${length} ${unitName})`, row.line);
    if (unit === 'codepoint') return map.toUtf16(n);
    if (splitsSurrogatePair(text, n))
      throw new FormatError(FMT, `${what} ${n} falls inside a character past U+FFFF: the offsets look like code points; import with offsets "codepoint"`, row.line);
    return n;
  };

  const tags = readSpans(row.obj, row.line).map(([s, e, label]) => {
    const start = toUtf16(s, 'start');
    const end = toUtf16(e, 'end');
    if (end <= start) throw new FormatError(FMT, `span [${String(s)}, ${String(e)}) is empty or reversed`, row.line);
    return importedTag(text, start, end, label, undefined, options);
  });

  const notes = row.obj.notes;
  if (notes !== undefined) {
    if (!Array.isArray(notes)) throw new FormatError(FMT, '"notes" must be an array of [start, end, label, note]', row.line);
    for (const n of notes) {
      if (!Array.isArray(n) || n.length !== 4 || typeof n[2] !== 'string' || typeof n[3] !== 'string')
        throw new FormatError(FMT, `each note must be [start, end, label, note], got ${JSON.stringify(n)}`, row.line);
      const start = toUtf16(n[0], 'note start');
      const end = toUtf16(n[1], 'note end');
      const tag = tags.find((t) => t.start === start && t.end === end && t.label === n[2] && t.note === undefined);
      if (tag) tag.note = n[3];
      else options.onWarning?.(`doccano: line ${row.line}: a note for [${String(n[0])}, ${String(n[1])}) ${JSON.stringify(n[2])} matches no label and was skipped`);
    }
  }
  return tags;
}

/** The spans of a line as [start, end, label], from whichever label column it has. */
function readSpans(obj: Record<string, unknown>, line: number): Array<[unknown, unknown, string]> {
  const column = ['label', 'labels', 'entities'].find((k) => obj[k] !== undefined);
  if (column === undefined) return [];
  const list = obj[column];
  if (!Array.isArray(list)) throw new FormatError(FMT, `"${column}" must be an array of [start, end, label]`, line);
  return list.map((item): [unknown, unknown, string] => {
    if (Array.isArray(item) && item.length === 3 && typeof item[2] === 'string' && item[2] !== '') return [item[0], item[1], item[2]];
    if (isRecord(item) && typeof item.label === 'string' && item.label !== '') return [item.start_offset, item.end_offset, item.label];
    throw new FormatError(FMT, `each entry of "${column}" must be [start, end, "label"] or {start_offset, end_offset, label}, got ${JSON.stringify(item)}`, line);
  });
}
