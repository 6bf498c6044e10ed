// What every interchange format is to the registry (index.ts), and the two
// conversions done once for all of them: a document's tags (UTF-16 inside)
// become spans in the format's offset unit before an exporter sees them, and
// the spans an importer reads become tags (UTF-16, quote selectors, source
// "imported") after it returns. No format builds an OffsetMap or a Tag.
import { newTagId, quoteAt } from '../tags/model';
import type { QuoteSelector, RejectedEntity, Relation, Tag, TagSource } from '../tags/types';
import { OffsetMap, splitsPair } from '../text/offsets';
import type { Action, Entity } from '../types';

/** How a format counts offsets: Unicode code points (Python, brat, W3C, the annotation guide) or UTF-16 code units (JavaScript, doccano's view). */
export type OffsetUnit = 'codepoint' | 'utf16';

/** A document's text seen in one offset unit. */
export class TextView {
  constructor(
    readonly text: string,
    readonly unit: OffsetUnit,
    private readonly map: OffsetMap,
  ) {}

  /** Length of the text in this unit. */
  get length(): number {
    return this.unit === 'utf16' ? this.text.length : this.map.codePointLength;
  }

  /** This unit's offset of a UTF-16 offset (clamped to the text). */
  of(utf16: number): number {
    const u = Math.max(0, Math.min(utf16, this.text.length));
    return this.unit === 'utf16' ? u : this.map.toCodePoint(u);
  }

  /** The UTF-16 offset of an offset in this unit (0 ≤ offset ≤ length). */
  utf16(offset: number): number {
    return this.unit === 'utf16' ? offset : this.map.toUtf16(offset);
  }

  /** The text between two offsets of this unit. */
  slice(start: number, end: number): string {
    return this.text.slice(this.utf16(start), this.utf16(end));
  }

  /** Whether an offset of this unit falls inside a character (only UTF-16 offsets can: between the halves of a surrogate pair). */
  splitsCharacter(offset: number): boolean {
    return this.unit === 'utf16' && splitsPair(this.text, offset);
  }
}

/** Both views of one text, over one OffsetMap. */
export interface TextViews {
  codepoint: TextView;
  utf16: TextView;
}

/** The views of a text (the one place the formats build an OffsetMap). */
export function textViews(text: string): TextViews {
  const map = new OffsetMap(text);
  return { codepoint: new TextView(text, 'codepoint', map), utf16: new TextView(text, 'utf16', map) };
}

/** Everything exported for one document; offsets UTF-16 into `text` (which has no BOM). */
export interface ExportInput {
  /** The document's path as the output names it ('/'-separated, relative where possible). */
  file: string;
  text: string;
  /** The recogniser's entities (actions refer to them by index). */
  entities: readonly Entity[];
  actions: readonly Action[];
  tags: readonly Tag[];
  rejected: readonly RejectedEntity[];
  /** Relations between the tags and automatic entities (sidecar `relations`). */
  relations?: readonly Relation[];
  /** The encoding the text was decoded from ('utf-8', 'gb18030' …), when known; policy-lens/1 reports it. */
  encoding?: string;
}

/** A tag as an exporter gets it: offsets in the format's unit. */
export interface SpanOut {
  id: string;
  label: string;
  /** For an orphan: where it last was (clamped to the text), not meaningful. */
  start: number;
  end: number;
  /** The covered text; for an orphan, the text it had when it was lost. */
  text: string;
  /** For a placed tag: fresh from the text; for an orphan: as stored. */
  quote: QuoteSelector;
  source: TagSource;
  note?: string;
  orphan?: true;
  entity?: Tag['entity'];
  /** Who made the tag. */
  annotator?: string;
  /** The codebook attributes' values. */
  attributes?: Record<string, string>;
  created?: string;
  modified?: string;
  /** An automatic entity's confidence (0–1), when the recogniser gives one. */
  score?: number;
}

/** One document as an exporter gets it. */
export interface FormatDocument {
  file: string;
  text: string;
  /** The format's unit. */
  unit: OffsetUnit;
  /** The tags (with `withEntities`, also the automatic entities not rejected, labelled with their type), in the caller's order. */
  spans: SpanOut[];
  /** This unit's offset of a UTF-16 offset (for formats that export more than spans: entities, actions). */
  offset: (utf16: number) => number;
  /** What the caller gave, UTF-16. */
  input: ExportInput;
  /** The relations whose two ends are in the text, ends as spans (a tag's span from `spans`; an entity's own span, id e<n> by its index in the entities). */
  relations: RelationOut[];
}

/** A relation as an exporter gets it. */
export interface RelationOut {
  id: string;
  type: string;
  from: SpanOut;
  to: SpanOut;
  note?: string;
  created?: string;
}

/** A relation an importer read: its ends as indices into the result's spans. */
export interface RelationIn {
  type: string;
  from: number;
  to: number;
  note?: string;
}

/** A span an importer read, offsets in the unit its result names. */
export interface SpanIn {
  start: number;
  end: number;
  label: string;
  note?: string;
  created?: string;
  modified?: string;
  /** The text was lost: `quote` says what it was; start and end are only a hint. */
  orphan?: boolean;
  /** The quote an orphan keeps (placed spans get a fresh one from the text). */
  quote?: QuoteSelector;
  entity?: Tag['entity'];
  /** Who made it, when the file says. */
  annotator?: string;
  attributes?: Record<string, string>;
}

/** What an importer returns. */
export interface ImportResult {
  unit: OffsetUnit;
  spans: SpanIn[];
  /** Relations between the spans, where the format has them. */
  relations?: RelationIn[];
}

/** Options every importer accepts. */
export interface ImportOptions {
  /** ISO timestamp stamped on imported tags as `created` (default: the current time). */
  now?: string;
  /** Receives one-line notices about what the importer skipped or repaired (nothing is thrown for these). */
  onWarning?: (message: string) => void;
  /** The document's path: picks its entry in files that hold several documents (doccano, Label Studio, W3C). */
  file?: string;
  /** doccano: overrides the unit stated in the file ("offset_unit"). */
  offsets?: OffsetUnit;
  /** Label Studio: which of a task's annotations to read (default 0). */
  annotation?: number;
  /** Label Studio: the names of the labelling configuration's tags. */
  names?: LabelStudioNames;
  /** brat: the .txt as read (it may start with a BOM); checked against the document when given. */
  txt?: string;
  /** W3C: reads only the annotations whose target.source is this (a collection may cover several documents). */
  source?: string;
}

/** Options of an export. */
export interface ExportOptions {
  /** Also export the automatic entities that were not rejected, labelled with their type (pre-annotations for other tools). */
  withEntities?: boolean;
  /** doccano: the unit of the offsets written (default utf16, what doccano's view counts). */
  offsets?: OffsetUnit;
  /** CoNLL: 'line' (default): a blank line at each line break; 'sentence': also after sentence-final marks. */
  split?: 'line' | 'sentence';
  /** Label Studio: the names of the labelling configuration's tags. */
  names?: LabelStudioNames;
}

/** Names of a Label Studio labelling configuration's tags that results refer to. */
export interface LabelStudioNames {
  /** The <Labels> control (default "label"). */
  labels?: string;
  /** The <Text> object (default "text"; also the data key of the text). */
  text?: string;
  /** The per-region <TextArea> for notes (default "note"). */
  note?: string;
}

/** A text file to write (name relative to the output folder; written as UTF-8). */
export interface OutputFile {
  name: string;
  content: string;
}

/** A file of bytes to write (xlsx). */
export interface BinaryFile {
  name: string;
  content: Uint8Array;
}

/** What an exporter returns: files for an output folder, and what stdout gets when there is none (undefined: it needs a folder). */
export interface FormatOutput {
  files: OutputFile[];
  stdout?: string;
}

/** One interchange format, as the registry lists it. */
export interface Format<Name extends string = string> {
  name: Name;
  /** Other names accepted on the command line and as file extensions. */
  aliases: readonly string[];
  /** One line for help texts and the README. */
  notes: string;
  /** The unit its offsets count in (an exporter may choose another through its options: unitFor). */
  offsetUnit: OffsetUnit;
  /** The unit for these options, when the format lets the caller choose. */
  unitFor?(options: ExportOptions): OffsetUnit;
  /** Whether it exports the automatic entities itself (then `withEntities` adds no spans). */
  exportsEntities?: boolean;
  export(docs: readonly FormatDocument[], options: ExportOptions, warn: (message: string) => void): FormatOutput;
  /** For formats that can only be written asynchronously (xlsx): used by exportDocumentsAsync instead of `export`. */
  exportAsync?(docs: readonly FormatDocument[], options: ExportOptions, warn: (message: string) => void): Promise<{ files: Array<OutputFile | BinaryFile> }>;
  import(content: string, text: TextViews, options: ImportOptions): ImportResult;
}

/** The tags and, with `withEntities`, the automatic entities of a document as spans in `unit`. */
export function prepareDocument(input: ExportInput, unit: OffsetUnit, withEntities = false, views = textViews(input.text)): FormatDocument {
  const view = views[unit];
  const { text } = input;
  const tagSpans = input.tags.map((t) => spanOut(t, text, view));
  const spans = withEntities ? tagSpans.concat(entitySpans(input, view)) : tagSpans;
  return { file: input.file, text, unit, spans, offset: (u) => view.of(u), input, relations: relationsOut(input, tagSpans, view) };
}

/** The relations whose ends are placed: a tag not orphaned, an entity whose text is at its place. */
function relationsOut(input: ExportInput, tagSpans: readonly SpanOut[], view: TextView): RelationOut[] {
  const { text } = input;
  const byId = new Map(tagSpans.map((s) => [s.id, s]));
  const out: RelationOut[] = [];
  for (const r of input.relations ?? []) {
    const end = (e: Relation['from'], side: string): SpanOut | undefined => {
      if ('tag' in e) {
        const s = byId.get(e.tag);
        return s && !s.orphan && s.end > s.start ? s : undefined;
      }
      const x = e.entity;
      if (text.slice(x.start, x.end) !== x.quote.exact || x.end <= x.start) return undefined;
      const i = input.entities.findIndex((en) => en.type === x.type && en.start === x.start && en.end === x.end);
      const id = i >= 0 ? `e${i + 1}` : `${r.id}-${side}`;
      return { id, label: x.type, start: view.of(x.start), end: view.of(x.end), text: x.quote.exact, quote: quoteAt(text, x.start, x.end), source: 'imported' };
    };
    const from = end(r.from, 'from');
    const to = end(r.to, 'to');
    if (!from || !to) continue;
    const o: RelationOut = { id: r.id, type: r.type, from, to, created: r.created };
    if (r.note !== undefined) o.note = r.note;
    out.push(o);
  }
  return out;
}

/** `spans` and the entity ends of `relations` not among them (by id): what a format that lists regions must write for its relations to point at. */
export function withRelationEnds(spans: readonly SpanOut[], relations: readonly RelationOut[]): SpanOut[] {
  const ids = new Set(spans.map((s) => s.id));
  const out = spans.slice();
  for (const r of relations) {
    for (const e of [r.from, r.to]) {
      if (ids.has(e.id)) continue;
      ids.add(e.id);
      out.push(e);
    }
  }
  return out;
}

/** The relations an importer read, between the tags made from its spans (`tags[i]` from `result.spans[i]`); ends not found are skipped. */
export function relationsFrom(result: ImportResult, tags: readonly Tag[], options: ImportOptions): Relation[] {
  const out: Relation[] = [];
  (result.relations ?? []).forEach((r, i) => {
    const from = tags[r.from];
    const to = tags[r.to];
    if (!from || !to || from === to) return;
    const rel: Relation = { id: `r${i}-${from.id}`, type: r.type, from: { tag: from.id }, to: { tag: to.id }, created: options.now ?? from.created };
    if (r.note !== undefined && r.note !== '') rel.note = r.note;
    out.push(rel);
  });
  return out;
}

/** The automatic entities that were not rejected, as spans in `view`'s unit labelled with their type (ids e1, e2 … by the entity's index). */
export function entitySpans(input: ExportInput, view: TextView = textViews(input.text).codepoint): SpanOut[] {
  const { text } = input;
  const rejected = new Set(input.rejected.map((r) => `${r.type}:${r.start}:${r.end}`));
  const spans: SpanOut[] = [];
  input.entities.forEach((e, i) => {
    if (rejected.has(`${e.type}:${e.start}:${e.end}`)) return;
    spans.push({ id: `e${i + 1}`, label: e.type, start: view.of(e.start), end: view.of(e.end), text: text.slice(e.start, e.end), quote: quoteAt(text, e.start, e.end), source: 'imported' });
  });
  return spans;
}

function spanOut(t: Tag, text: string, view: TextView): SpanOut {
  const placed = !t.orphan && t.end > t.start && t.end <= text.length;
  const out: SpanOut = {
    id: t.id,
    label: t.label,
    start: view.of(t.start),
    end: view.of(Math.max(t.start, t.end)),
    text: t.orphan ? t.quote.exact : text.slice(t.start, t.end),
    quote: placed ? quoteAt(text, t.start, t.end) : t.quote,
    source: t.source,
  };
  if (t.note !== undefined) out.note = t.note;
  if (t.orphan) out.orphan = true;
  if (t.entity) out.entity = { ...t.entity };
  if (t.annotator) out.annotator = t.annotator;
  if (t.attributes && Object.keys(t.attributes).length > 0) out.attributes = { ...t.attributes };
  if (t.created) out.created = t.created;
  if (t.modified) out.modified = t.modified;
  return out;
}

/** Spans an exporter can place: not orphaned, not empty; sorted by start, then end, then label. */
export function placeable<T extends { start: number; end: number; label: string; orphan?: boolean }>(spans: readonly T[]): T[] {
  return spans
    .filter((s) => !s.orphan && s.end > s.start)
    .sort((a, b) => a.start - b.start || a.end - b.end || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
}

/** Tags (UTF-16, source "imported", fresh quotes and ids) from an importer's spans; the importer has checked its offsets. */
export function tagsFrom(result: ImportResult, views: TextViews, options: ImportOptions): Tag[] {
  const view = views[result.unit];
  const { text } = view;
  return result.spans.map((s) => {
    const start = view.utf16(Math.min(s.start, view.length));
    const end = view.utf16(Math.min(Math.max(s.start, s.end), view.length));
    const tag: Tag = {
      id: newTagId(),
      label: s.label,
      start,
      end,
      quote: s.orphan && s.quote ? s.quote : quoteAt(text, start, end),
      source: 'imported',
      created: s.created ?? options.now ?? new Date().toISOString(),
    };
    if (s.note !== undefined && s.note !== '') tag.note = s.note;
    if (s.entity) tag.entity = { ...s.entity };
    if (s.annotator) tag.annotator = s.annotator;
    if (s.attributes && Object.keys(s.attributes).length > 0) tag.attributes = { ...s.attributes };
    if (s.orphan) tag.orphan = true;
    if (s.modified !== undefined) tag.modified = s.modified;
    return tag;
  });
}
