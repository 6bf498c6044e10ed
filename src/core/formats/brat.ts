// brat standoff: the document as NAME.txt and its annotations as NAME.ann,
//   T1<TAB>Type START END<TAB>covered text
//   #1<TAB>AnnotatorNotes T1<TAB>note
// (brat's "Annotation Data Format" page, github.com/nlplab/brat/wiki).
//
// Offsets are character offsets, start inclusive, end exclusive; brat's
// server is Python and reads the .txt as a str, so in practice they are code
// points, as Python tools (brat's own converters, spaCy, PyBrat) assume. brat's
// browser client counts UTF-16 units and misplaces spans after a character
// past U+FFFF (nlplab/brat#1115); that is a display bug of the client, not a
// different convention, and these files use code points.
//
// Type names. brat wants identifier-like types (they appear in annotation.conf,
// in CSS class names and on the command line of its tools), so a label is
// written with every character other than A–Z, a–z, 0–9 and "-" (underscore
// and space included) as "_u" + its code point in upper-case hex + "_":
//   "Policy tool" → "Policy_u20_tool", "政策工具" → "_u653F__u7B56__u5DE5__u5177_",
//   "a_b" → "a_u5F_b".
// An underscore only ever appears inside such an escape, so decoding (replace
// each _uHEX_) gives the label back exactly; a type written by another tool
// ("Simple_chemical") has no escape and is read as it is. bratConfig() gives
// annotation.conf and visual.conf entries that show the original labels.
//
// Notes are one line in brat: "\" is written "\\", a line feed "\n", a
// carriage return "\r" and a tab "\t", and read back the same way.
//
// A span over a line break is written as fragments around it ("0 5;7 9"),
// its covered-text field the fragments' text joined by a space: brat's server
// (annotation.py, _parse_textbound_annotation) refuses a text field that is
// not exactly that. Fragments with only whitespace between them are read back
// as one span.
import { stripBom } from '../text/offsets';
import { describeDifference, show, stem } from './common';
import { FormatError } from './errors';
import { placeable, withRelationEnds, type Format, type FormatDocument, type ImportOptions, type ImportResult, type OutputFile, type RelationIn, type SpanIn, type TextViews } from './format';

const FMT = 'brat';

/** The two files of a brat document. */
export interface BratFiles {
  txt: string;
  ann: string;
}

/** Encodes a label as a brat type name (see the header comment); reversible with decodeBratType. */
export function encodeBratType(label: string): string {
  let out = '';
  for (const ch of label) out += /^[A-Za-z0-9-]$/.test(ch) ? ch : `_u${ch.codePointAt(0)!.toString(16).toUpperCase()}_`;
  return out;
}

/** Decodes a brat type name written by encodeBratType; other names come back unchanged. */
export function decodeBratType(type: string): string {
  return type.replace(/_u([0-9A-F]{1,6})_/g, (m, hex: string) => {
    const cp = parseInt(hex, 16);
    return cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
  });
}

const escapeNote = (s: string) => s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
const unescapeNote = (s: string) => s.replace(/\\([\\nrt])/g, (_m, c: string) => (c === 'n' ? '\n' : c === 'r' ? '\r' : c === 't' ? '\t' : '\\'));
const coveredText = (s: string) => s.replace(/[\r\n]/g, ' ');

/**
 * A span's offsets as brat writes them: one "START END", or fragments "S1 E1;S2 E2" around its line
 * breaks (a .ann line holds none, and brat's server requires the text field to equal the fragments'
 * text joined by a space, annotation.py DISCONT_SEP); `text` is that field. Code points.
 */
function fragments(start: number, covered: string): { offsets: string; text: string } {
  const parts: Array<[number, number, string]> = [];
  let at = start;
  for (const piece of covered.split(/([\r\n]+)/u)) {
    const n = [...piece].length;
    if (n > 0 && !/^[\r\n]/.test(piece)) parts.push([at, at + n, piece]);
    at += n;
  }
  if (parts.length === 0) return { offsets: `${start} ${at}`, text: coveredText(covered) };
  return { offsets: parts.map(([s, e]) => `${s} ${e}`).join(';'), text: parts.map((p) => p[2]).join(' ') };
}

/** The .txt (the document text, no BOM) and .ann of a document (code points). Orphaned and empty tags are left out. */
function toBrat(doc: FormatDocument): BratFiles {
  const lines: string[] = [];
  let notes = 0;
  const tIds = new Map<string, string>();
  placeable(withRelationEnds(doc.spans, doc.relations)).forEach((t, i) => {
    const id = `T${i + 1}`;
    tIds.set(t.id, id);
    const { offsets, text } = fragments(t.start, t.text);
    lines.push(`${id}\t${encodeBratType(t.label)} ${offsets}\t${text}`);
    if (t.note !== undefined && t.note !== '') lines.push(`#${++notes}\tAnnotatorNotes ${id}\t${escapeNote(t.note)}`);
  });
  // relations: R<n><TAB>Type Arg1:T<a> Arg2:T<b> (brat's binary relations)
  doc.relations.forEach((r, i) => {
    const a = tIds.get(r.from.id);
    const b = tIds.get(r.to.id);
    if (a && b) lines.push(`R${i + 1}\t${encodeBratType(r.type)} Arg1:${a} Arg2:${b}`);
  });
  return { txt: doc.text, ann: lines.map((l) => l + '\n').join('') };
}

/** annotation.conf and visual.conf for these labels: entity types as encoded, displayed with their original names. */
export function bratConfig(labels: readonly string[], relationTypes: readonly string[] = []): { annotationConf: string; visualConf: string } {
  const unique = [...new Set(labels)];
  const types = [...new Set(relationTypes)];
  return {
    annotationConf: ['[entities]', ...unique.map(encodeBratType), '', '[relations]', ...types.map((t) => `${encodeBratType(t)}\tArg1:<ENTITY>, Arg2:<ENTITY>`), '', '[events]', '', '[attributes]', ''].join('\n'),
    visualConf: ['[labels]', ...[...unique, ...types.filter((t) => !unique.includes(t))].map((l) => `${encodeBratType(l)} | ${l.replace(/\|/g, '/')}`), '', '[drawing]', ''].join('\n'),
  };
}

/**
 * Reads the text-bound annotations of a .ann over the document `text` (code
 * points; relations, events, attributes and normalisations are skipped with a
 * warning). Every T line's covered text must match the document. When
 * `options.txt` starts with a BOM and the offsets counted it, they are moved
 * back by one (detected from the covered texts).
 */
function fromBrat(ann: string, views: TextViews, options: ImportOptions): ImportResult {
  const text = views.utf16.text;
  let bom = false;
  if (options.txt !== undefined) {
    const txt = stripBom(options.txt);
    if (txt !== text) throw new FormatError(FMT, `the .txt is not the document: ${describeDifference(txt, text)}`);
    bom = txt !== options.txt;
  }
  const cp = views.codepoint;
  const length = cp.length;
  const sliceCp = (s: number, e: number) => cp.slice(s, e);

  interface Raw { id: string; label: string; fragments: Array<[number, number]>; covered: string; line: number }
  const raws: Raw[] = [];
  const notes: Array<{ target: string; note: string; line: number }> = [];
  const skipped = new Map<string, number>();
  const rawRelations: Array<{ id: string; type: string; arg1: string; arg2: string; line: number }> = [];
  ann.replace(/^\ufeff/, '').split(/\r?\n/).forEach((line, i) => {
    const n = i + 1;
    if (line.trim() === '') return;
    const kind = line[0];
    if (kind === 'T') {
      const m = /^(T\d+\S*)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t([^\n]*)$/.exec(line);
      if (!m) throw new FormatError(FMT, `expected "T<n><TAB>Type START END<TAB>text", got ${JSON.stringify(line.slice(0, 60))}`, n);
      const fragments = m[3].split(';').map((f) => f.split(' ').map(Number) as [number, number]);
      raws.push({ id: m[1], label: decodeBratType(m[2]), fragments, covered: m[4], line: n });
    } else if (kind === '#') {
      const m = /^#\S*\t(\S+) (\S+)\t([^\n]*)$/.exec(line);
      if (!m) throw new FormatError(FMT, `expected "#<n><TAB>AnnotatorNotes T<n><TAB>note", got ${JSON.stringify(line.slice(0, 60))}`, n);
      if (m[1] === 'AnnotatorNotes') notes.push({ target: m[2], note: unescapeNote(m[3]), line: n });
      else skipped.set(`${m[1]} notes`, (skipped.get(`${m[1]} notes`) ?? 0) + 1);
    } else if (kind === 'R') {
      const m = /^(R\S*)\t(\S+) Arg1:(\S+) Arg2:(\S+)\s*(?:\t.*)?$/.exec(line);
      if (!m) throw new FormatError(FMT, `expected "R<n><TAB>Type Arg1:T<n> Arg2:T<n>", got ${JSON.stringify(line.slice(0, 60))}`, n);
      rawRelations.push({ id: m[1], type: decodeBratType(m[2]), arg1: m[3], arg2: m[4], line: n });
    } else if ('EAMN*'.includes(kind)) {
      const what = { E: 'event', A: 'attribute', M: 'attribute', N: 'normalisation', '*': 'equivalence' }[kind]!;
      skipped.set(what, (skipped.get(what) ?? 0) + 1);
    } else throw new FormatError(FMT, `not a brat annotation line: ${JSON.stringify(line.slice(0, 60))}`, n);
  });
  for (const [what, count] of skipped) options.onWarning?.(`brat: ${count} ${what} line${count > 1 ? 's' : ''} skipped (only text-bound annotations become tags)`);

  // Offsets counted from a BOM that the document does not have? Decide from the covered texts.
  const matches = (r: Raw, shift: number) =>
    r.fragments.every(([s, e]) => s - shift >= 0 && e - shift <= length && s < e) &&
    coveredText(r.fragments.map(([s, e]) => sliceCp(s - shift, e - shift)).join(' ')) === coveredText(r.covered);
  const shift = bom && raws.length > 0 && !raws.every((r) => matches(r, 0)) && raws.every((r) => matches(r, 1)) ? 1 : 0;
  if (shift) options.onWarning?.('brat: the offsets count the .txt\'s byte-order mark, which is not part of the text; they were moved back by one');

  const byId = new Map<string, SpanIn>();
  const spans = raws.map((r) => {
    for (const [s, e] of r.fragments) {
      if (e <= s) throw new FormatError(FMT, `${r.id}: span ${s} ${e} is empty or reversed`, r.line);
      if (e - shift > length) throw new FormatError(FMT, `${r.id}: offset ${e} is past the end of the text (${length} code points)`, r.line);
    }
    if (!matches(r, shift)) {
      const expected = coveredText(r.fragments.map(([s, e]) => sliceCp(s - shift, e - shift)).join(' '));
      const where = r.fragments.map(([s, e]) => `${s - shift} ${e - shift}`).join(';');
      throw new FormatError(FMT, `${r.id}: the covered text ${show(r.covered)} is not the document's at ${where} (${show(expected)})`, r.line);
    }
    for (let k = 1; k < r.fragments.length; k++) {
      const gap = sliceCp(r.fragments[k - 1][1] - shift, r.fragments[k][0] - shift);
      if (r.fragments[k][0] < r.fragments[k - 1][1] || /\S/.test(gap)) throw new FormatError(FMT, `${r.id}: discontinuous spans are not supported (the fragments are separated by ${JSON.stringify(gap.slice(0, 20))})`, r.line);
    }
    if (byId.has(r.id)) throw new FormatError(FMT, `the id ${r.id} is used twice`, r.line);
    const span: SpanIn = { start: r.fragments[0][0] - shift, end: r.fragments[r.fragments.length - 1][1] - shift, label: r.label };
    byId.set(r.id, span);
    return span;
  });
  for (const { target, note, line } of notes) {
    const span = byId.get(target);
    if (!span) {
      options.onWarning?.(`brat: line ${line}: a note for ${target}, which is not a text-bound annotation, was skipped`);
      continue;
    }
    span.note = span.note === undefined ? note : `${span.note}\n${note}`;
  }
  const index = new Map([...byId.keys()].map((id, i) => [id, i]));
  const relations: RelationIn[] = [];
  for (const r of rawRelations) {
    const from = index.get(r.arg1);
    const to = index.get(r.arg2);
    if (from === undefined || to === undefined) {
      options.onWarning?.(`brat: line ${r.line}: relation ${r.id} points at ${from === undefined ? r.arg1 : r.arg2}, which is not a text-bound annotation; skipped`);
      continue;
    }
    relations.push({ type: r.type, from, to });
  }
  return { unit: 'codepoint', spans, relations };
}

/** brat standoff: NAME.txt + NAME.ann per document, annotation.conf and visual.conf for the labels. */
export const brat = {
  name: 'brat',
  aliases: ['ann'],
  notes: 'brat standoff NAME.txt + NAME.ann (+ annotation.conf, visual.conf); code points; needs --out',
  offsetUnit: 'codepoint',
  export(docs) {
    const files: OutputFile[] = [];
    for (const d of docs) {
      const { txt, ann } = toBrat(d);
      files.push({ name: `${stem(d.file)}.txt`, content: txt }, { name: `${stem(d.file)}.ann`, content: ann });
    }
    const conf = bratConfig(
      docs.flatMap((d) => withRelationEnds(d.spans, d.relations).map((s) => s.label)).sort(),
      docs.flatMap((d) => d.relations.map((r) => r.type)).sort(),
    );
    files.push({ name: 'annotation.conf', content: conf.annotationConf }, { name: 'visual.conf', content: conf.visualConf });
    return { files };
  },
  import: fromBrat,
} satisfies Format<'brat'>;
