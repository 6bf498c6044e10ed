// Character-level CoNLL with BIO tags: one code point per row,
//   科<TAB>B-department
//   技<TAB>I-department
//   部<TAB>I-department
//   推<TAB>O
// after a first line "-DOCSTART- -X- O O" and a blank line (the document
// delimiter of CoNLL-2003, which spaCy's `spacy convert --converter ner`
// splits documents at; no "# path" comment, which that reader would take as a
// token), and a blank line where the document has a line break (and, with
// `split: 'sentence'`, after 。！？!? and any closing quotes or brackets that
// follow). Line-break characters (CR, LF) get no row; every other code point,
// spaces included, gets one, so the rows spell the document exactly.
//
// Escapes: a character column that is whitespace, a control or format
// character (U+3000, tab, U+00A0, U+200B, U+FEFF …) or "\" is written as
// \uXXXX (\u{XXXXX} past U+FFFF), so no row looks blank and every row has one
// visible token; a label has whitespace, controls and "\" escaped the same way
// (a space in a label is written \u0020), so that readers that split a row at
// any whitespace (spaCy's: `line.split()`, columns zipped) see exactly two
// columns on every row.
//
// Overlaps: BIO gives a character one label, so overlapping tags cannot all be
// written. The tag that starts first wins; of two starting together, the
// longer; then the label that sorts first. A tag overlapping one already
// written is left out entirely (resolveOverlaps() tells which), never cut.
//
// What survives export → import: spans and labels of tags that do not overlap
// and do not cross a line break (or, with split 'sentence', a sentence end) —
// a tag is restarted (B-) after every blank line, so one crossing comes back
// as two, and line-break characters at a tag's edge have no row, so they are
// not part of it when read back. Notes, ids and timestamps are not carried. CoNLL holds no offsets:
// the importer lines the rows up with the document, code point by code point,
// and reports the first character that differs.
import { escapeVisible, show, stem, unescapeVisible } from './common';
import { FormatError } from './errors';
import { placeable, type Format, type FormatDocument, type ImportOptions, type ImportResult, type SpanIn, type TextViews } from './format';

const FMT = 'conll';
const CHAR_ESCAPE = /[\s\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\\]/u;
const LABEL_ESCAPE = /[\s\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\\]/u;
/** The CoNLL-2003 document delimiter, as spaCy's CoNLL NER converter splits documents at it. */
export const DOCSTART = '-DOCSTART- -X- O O';
const SENTENCE_END = new Set(['。', '！', '？', '!', '?']);
const CLOSERS = new Set(['”', '’', '」', '』', '）', ')', '》', '〉', '】', '"', "'"]);

/** Splits placeable spans (or tags) into those BIO can carry and those an earlier (or longer) one overlaps. Orphaned and empty ones are in neither. */
export function resolveOverlaps<T extends { start: number; end: number; label: string; orphan?: boolean }>(tags: readonly T[]): { kept: T[]; dropped: T[] } {
  const order = placeable(tags).sort((a, b) => a.start - b.start || b.end - a.end || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  const kept: T[] = [];
  const dropped: T[] = [];
  let reach = 0;
  for (const t of order) {
    if (t.start >= reach) {
      kept.push(t);
      reach = t.end;
    } else dropped.push(t);
  }
  return { kept, dropped };
}

/** The CoNLL rows of a document (spans in code points; ends with a newline; "" for a text with no characters). */
function toConll(doc: FormatDocument, split: 'line' | 'sentence' = 'line'): string {
  const { kept } = resolveOverlaps(doc.spans);
  const text = doc.text;
  const segments: string[][] = [[]];
  let k = 0;
  let segmentStart = true;
  let pendingBreak = false;
  for (let i = 0, cp = 0; i < text.length; cp++) {
    const ch = String.fromCodePoint(text.codePointAt(i)!);
    if (ch === '\r' || ch === '\n') {
      if (segments[segments.length - 1].length > 0) segments.push([]);
      segmentStart = true;
      pendingBreak = false;
      i += 1;
      continue;
    }
    if (pendingBreak && !CLOSERS.has(ch)) {
      if (segments[segments.length - 1].length > 0) segments.push([]);
      segmentStart = true;
      pendingBreak = false;
    }
    while (k < kept.length && kept[k].end <= cp) k++;
    const t = k < kept.length && kept[k].start <= cp ? kept[k] : undefined;
    const bio = t ? `${t.start === cp || segmentStart ? 'B' : 'I'}-${escapeVisible(t.label, LABEL_ESCAPE)}` : 'O';
    segments[segments.length - 1].push(`${escapeVisible(ch, CHAR_ESCAPE)}\t${bio}`);
    segmentStart = false;
    if (split === 'sentence' && SENTENCE_END.has(ch)) pendingBreak = true;
    i += ch.length;
  }
  const filled = segments.filter((s) => s.length > 0);
  return filled.length === 0 ? '' : filled.map((s) => s.join('\n')).join('\n\n') + '\n';
}

/**
 * Reads character-level CoNLL (tab- or space-separated; the first column is
 * the character, the last the tag; B/I/O, and also IOBES and BILOU prefixes)
 * over the document `text`. Lines starting with "#" and no tab are comments;
 * "-DOCSTART-" lines (document delimiters) are skipped. Without a tab, a row
 * is split at runs of whitespace (the first column, the last column).
 * An I- tag with no open tag of its label starts a new one.
 */
function fromConll(conll: string, views: TextViews, _options: ImportOptions): ImportResult {
  const text = views.utf16.text;
  const spans: SpanIn[] = [];
  let open: { label: string; start: number; end: number } | undefined;
  const close = () => {
    if (open) spans.push({ start: open.start, end: open.end, label: open.label });
    open = undefined;
  };
  let p = 0;
  let cp = 0;
  const skipBreaks = () => {
    while (p < text.length && (text[p] === '\n' || text[p] === '\r')) {
      p++;
      cp++;
    }
  };
  conll.replace(/^\ufeff/, '').split(/\r?\n/).forEach((line, i) => {
    const n = i + 1;
    if (line.trim() === '') return close();
    const tab = line.indexOf('\t');
    if (tab < 0 && line.startsWith('#') && !/^#\s+(?:O|[BIESLU]-.+)$/.test(line)) return;
    if (/^-DOCSTART-(?:\s|$)/.test(line)) return close();
    let first: string;
    let tagText: string;
    if (tab >= 0) {
      first = line.slice(0, tab);
      tagText = line.slice(line.lastIndexOf('\t') + 1);
    } else {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 2) throw new FormatError(FMT, `expected CHARACTER<TAB>TAG, got ${show(line)}`, n);
      first = cols[0];
      tagText = cols[cols.length - 1];
    }
    const ch = unescapeVisible(first);
    if ([...ch].length !== 1)
      throw new FormatError(FMT, `expected one character in the first column, got ${show(first)}${[...ch].length > 1 ? ' (this reads character-level CoNLL, one character per row, not words)' : ''}`, n);
    skipBreaks();
    if (p >= text.length) throw new FormatError(FMT, `the file goes on with ${show(ch)} after the document's last character (${cp} code points)`, n);
    const docCh = String.fromCodePoint(text.codePointAt(p)!);
    if (docCh !== ch) throw new FormatError(FMT, `the file has ${show(ch)} where the document has ${show(docCh)} (code point ${cp}, just after ${show([...text.slice(Math.max(0, p - 12), p)].join(''))})`, n);

    const m = /^([BIESLU])-(.+)$/.exec(tagText);
    if (tagText === 'O') close();
    else if (!m) throw new FormatError(FMT, `expected a tag O, B-LABEL or I-LABEL, got ${show(tagText)}`, n);
    else {
      const label = unescapeVisible(m[2]);
      const prefix = m[1];
      if (prefix === 'B' || prefix === 'S' || prefix === 'U' || !open || open.label !== label) {
        close();
        open = { label, start: p, end: p };
      }
      open.end = p + ch.length;
      if (prefix === 'S' || prefix === 'U' || prefix === 'E' || prefix === 'L') close();
    }
    p += ch.length;
    cp++;
  });
  close();
  skipBreaks();
  if (p < text.length) throw new FormatError(FMT, `the file ends at code point ${cp} but the document goes on with ${show(text.slice(p))}`);
  return { unit: 'utf16', spans };
}

/** Character-level CoNLL: one file of rows per document. */
export const conll = {
  name: 'conll',
  aliases: ['bio'],
  notes: 'character-level CoNLL BIO, one character per line, documents after "-DOCSTART- -X- O O" (spaCy\'s CoNLL NER reader); no notes; overlapping tags: the first, then the longer, wins',
  offsetUnit: 'codepoint',
  export(docs, options, warn) {
    const parts = docs.map((d) => {
      const { dropped } = resolveOverlaps(d.spans);
      if (dropped.length) warn(`${d.file}: ${dropped.length} overlapping tag(s) left out of CoNLL (it has one label per character)`);
      return { name: `${stem(d.file)}.conll`, content: `${DOCSTART}\n\n${toConll(d, options.split)}` };
    });
    return { files: parts, stdout: parts.map((p) => p.content).join('\n') };
  },
  import: fromDocuments,
} satisfies Format<'conll'>;

/**
 * Reads a file of one or several documents (each after a -DOCSTART- line, as
 * the stdout form holds them): the first document that lines up with the text
 * is read; when none does, the first one's error is thrown. Line numbers in
 * errors are the file's.
 */
function fromDocuments(conll: string, views: TextViews, options: ImportOptions): ImportResult {
  const lines = conll.replace(/^\ufeff/, '').split(/\r?\n/);
  const starts = lines.flatMap((l, i) => (/^-DOCSTART-(?:\s|$)/.test(l) ? [i] : []));
  if (starts.length < 2) return fromConll(conll, views, options);
  let first: unknown;
  for (const [k, start] of starts.entries()) {
    const end = starts[k + 1] ?? lines.length;
    // the other documents' lines are blanked, so that line numbers stay the file's
    const only = lines.map((l, i) => (i >= start && i < end ? l : '')).join('\n');
    try {
      return fromConll(only, views, options);
    } catch (e) {
      if (!(e instanceof FormatError)) throw e;
      first ??= e;
    }
  }
  throw first as FormatError;
}
