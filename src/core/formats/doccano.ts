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
import { bestPathMatch, describeDifference, isRecord, parseJson, requireOffset, textShift } from './common';
import { FormatError } from './errors';
import { placeable, type Format, type FormatDocument, type ImportOptions, type ImportResult, type OffsetUnit, type SpanIn, type TextViews } from './format';

const FMT = 'doccano';

/** One JSONL line (no trailing newline) for a document, offsets in its unit. Orphaned and empty tags are left out. */
function toLine(doc: FormatDocument): string {
  const spans = placeable(doc.spans);
  const line: Record<string, unknown> = { text: doc.text, label: spans.map((t) => [t.start, t.end, t.label]) };
  const notes = spans.filter((t) => t.note !== undefined && t.note !== '').map((t) => [t.start, t.end, t.label, t.note]);
  if (notes.length > 0) line.notes = notes;
  line.offset_unit = doc.unit;
  line.file = doc.file;
  return JSON.stringify(line);
}

/**
 * Reads the spans of one document from doccano JSONL. The line used is the one
 * whose "file" names `options.file` (the same path, or one ending with the
 * other: absolute vs workspace-relative), else the one whose text is the document's
 * (a JSONL of one line must match it). Accepts the label column as "label"
 * (doccano ≥ 1.x), "labels" (older) or "entities" (doccano's relation format,
 * objects with start_offset/end_offset/label).
 */
function fromDoccano(jsonl: string, views: TextViews, options: ImportOptions): ImportResult {
  const text = views.utf16.text;
  const rows: Array<{ line: number; obj: Record<string, unknown> }> = [];
  jsonl.replace(/^\ufeff/, '').split(/\r?\n/).forEach((raw, i) => {
    if (raw.trim() === '') return;
    const obj = parseJson(FMT, raw, i + 1);
    if (!isRecord(obj)) throw new FormatError(FMT, 'each line must be a JSON object', i + 1);
    if (typeof obj.text !== 'string') throw new FormatError(FMT, 'the line has no "text" string', i + 1);
    rows.push({ line: i + 1, obj });
  });
  if (rows.length === 0) throw new FormatError(FMT, 'the file holds no JSON lines');

  // the line naming the document (its path as the export wrote it: absolute, or relative to another folder, also matches by its end)
  let row: (typeof rows)[number] | undefined = rows[bestPathMatch(rows, (r) => r.obj.file, options.file)];
  if (options.file !== undefined && !row && rows.some((r) => r.obj.file !== undefined) && !rows.some((r) => textShift(r.obj.text as string, text) !== undefined)) throw new FormatError(FMT, `no line has "file": ${JSON.stringify(options.file)}`);
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
  const unit: OffsetUnit = options.offsets ?? (stated) ?? 'utf16';
  const view = views[unit];
  const unitName = unit === 'utf16' ? 'UTF-16 code units' : 'code points';
  const at = row.line;

  const offset = (value: unknown, what: string): number => {
    const n = requireOffset(FMT, value, what, at) - shift;
    if (n < 0) throw new FormatError(FMT, `${what} ${n + shift} points at the byte-order mark`, at);
    if (n > view.length) throw new FormatError(FMT, `${what} ${n + shift} is past the end of the text (${view.length} ${unitName})`, at);
    if (view.splitsCharacter(n)) throw new FormatError(FMT, `${what} ${n} falls inside a character past U+FFFF: the offsets look like code points; import with offsets "codepoint"`, at);
    return n;
  };

  const spans: SpanIn[] = readSpans(row.obj, at).map(([s, e, label]) => {
    const start = offset(s, 'start');
    const end = offset(e, 'end');
    if (end <= start) throw new FormatError(FMT, `span [${String(s)}, ${String(e)}) is empty or reversed`, at);
    return { start, end, label };
  });

  const notes = row.obj.notes;
  if (notes !== undefined) {
    if (!Array.isArray(notes)) throw new FormatError(FMT, '"notes" must be an array of [start, end, label, note]', at);
    for (const n of notes as unknown[]) {
      if (!Array.isArray(n) || n.length !== 4 || typeof n[2] !== 'string' || typeof n[3] !== 'string') throw new FormatError(FMT, `each note must be [start, end, label, note], got ${JSON.stringify(n)}`, at);
      const start = offset(n[0], 'note start');
      const end = offset(n[1], 'note end');
      const span = spans.find((t) => t.start === start && t.end === end && t.label === n[2] && t.note === undefined);
      if (span) span.note = n[3];
      else options.onWarning?.(`doccano: line ${at}: a note for [${String(n[0])}, ${String(n[1])}) ${JSON.stringify(n[2])} matches no label and was skipped`);
    }
  }
  return { unit, spans };
}

/** The spans of a line as [start, end, label], from whichever label column it has. */
function readSpans(obj: Record<string, unknown>, line: number): Array<[unknown, unknown, string]> {
  const column = ['label', 'labels', 'entities'].find((k) => obj[k] !== undefined);
  if (column === undefined) return [];
  const list = obj[column];
  if (!Array.isArray(list)) throw new FormatError(FMT, `"${column}" must be an array of [start, end, label]`, line);
  return (list as unknown[]).map((item): [unknown, unknown, string] => {
    if (Array.isArray(item) && item.length === 3 && typeof item[2] === 'string' && item[2] !== '') return [item[0], item[1], item[2]];
    if (isRecord(item) && typeof item.label === 'string' && item.label !== '') return [item.start_offset, item.end_offset, item.label];
    throw new FormatError(FMT, `each entry of "${column}" must be [start, end, "label"] or {start_offset, end_offset, label}, got ${JSON.stringify(item)}`, line);
  });
}

/** doccano JSONL: one line per document, every other column kept by doccano as metadata. */
export const doccano = {
  name: 'doccano',
  aliases: ['jsonl'],
  notes: 'doccano JSONL {"text","label":[[start,end,label]]}; UTF-16 offsets as doccano counts them (marked "offset_unit")',
  offsetUnit: 'utf16',
  unitFor: (options) => options.offsets ?? 'utf16',
  export(docs) {
    const content = docs.map((d) => toLine(d) + '\n').join('');
    return { files: [{ name: 'doccano.jsonl', content }], stdout: content };
  },
  import: fromDoccano,
} satisfies Format<'doccano'>;
