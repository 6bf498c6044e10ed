// The `policy-lens/1` export: one JSON object per document, offsets in code
// points (converted by the registry's prepareDocument). One document
// carries the automatic entities (source "auto"), the ones a person confirmed
// or added (source "manual"), the rejected ones (status "rejected"), the
// departments' actions and the researchers' tags.
import type { RejectedEntity, Tag, TagSource } from '../tags/types';
import { sha256 } from '../text/hash';
import { ENTITY_TYPES, type Action, type Approx, type Entity, type EntityType } from '../types';
import { isRecord, parseJson, stem } from './common';
import { FormatError } from './errors';
import { prepareDocument, type ExportInput, type Format, type FormatDocument, type ImportOptions, type ImportResult, type SpanIn, type SpanOut, type TextViews } from './format';

export type { ExportInput } from './format';

export const FORMAT = 'policy-lens/1';

/** An entity as exported: the Entity fields with code-point offsets, plus its id and origin. */
export interface ExportedEntity extends Entity {
  id: string;
  source: 'auto' | 'manual';
  /** Set when the researcher rejected this automatic entity; consumers counting entities should skip it. */
  status?: 'rejected';
  /** For a manual entity: the id of the tag it comes from. */
  tag?: string;
}

/** A department's action as exported: the Action fields with code-point offsets, an id, and the mention as an entity id. */
export interface ExportedAction extends Omit<Action, 'mention'> {
  id: string;
  mention: string;
}

/** A researcher's tag as exported (code-point offsets). */
export interface ExportedTag {
  id: string;
  label: string;
  /** Code points; for an orphaned tag, where it last was (clamped to the text), not meaningful. */
  start: number;
  end: number;
  /** The tagged text (for an orphan: the text it had when it was lost). */
  text: string;
  note?: string;
  source: TagSource;
  orphan?: true;
  entity?: Tag['entity'];
  annotator?: string;
  attributes?: Record<string, string>;
  created?: string;
  modified?: string;
}

/** One document in `policy-lens/1`. */
export interface PolicyLensDocument {
  format: typeof FORMAT;
  file: string;
  sha256: string;
  length: number;
  /** The encoding the text was decoded from (the CLI: 'utf-8', 'utf-16le', 'gb18030' …). */
  encoding?: string;
  entities: ExportedEntity[];
  actions: ExportedAction[];
  tags: ExportedTag[];
  /** Relations between tags and entities (present when there are some). */
  relations?: ExportedRelation[];
}

/** A relation as exported: its ends are ids of `tags` (t…) or of `entities` (e…). */
export interface ExportedRelation {
  id: string;
  type: string;
  from: string;
  to: string;
  note?: string;
}

/** Builds the export of one document from UTF-16 entities and actions over `text` (no tags). */
export function toPolicyLensDocument(file: string, text: string, entities: readonly Entity[], actions: readonly Action[] = [], encoding?: string): PolicyLensDocument {
  return toPolicyLensExport({ file, text, entities, actions, tags: [], rejected: [], encoding });
}

const isEntityType = (s: string): s is EntityType => (ENTITY_TYPES as readonly string[]).includes(s);

/** The entity type a tag stands for: its recorded entity, or a label that is an entity type. */
function tagEntityType(tag: Tag): EntityType | undefined {
  return tag.entity?.type ?? (isEntityType(tag.label) ? tag.label : undefined);
}

const spanKey = (type: string, start: number, end: number) => `${type}\u0000${start}\u0000${end}`;

/**
 * Builds the export of one document. Entities keep the recogniser's order
 * (ids e1…eN, so actions' mentions stay valid); an automatic entity that a
 * tag confirms at the same span becomes source "manual", one that was
 * rejected gets status "rejected". Entity tags with no automatic counterpart,
 * then rejections with none, follow in text order. Every tag, orphans
 * included, is listed under `tags`.
 */
export function toPolicyLensExport(input: ExportInput): PolicyLensDocument {
  return policyLensDocument(prepareDocument(input, 'codepoint'));
}

/** The export of one prepared document (spans and offsets in code points). */
function policyLensDocument(doc: FormatDocument): PolicyLensDocument {
  const { input, text } = doc;
  const cp = doc.offset;

  const entityTags = new Map<string, Tag>();
  for (const t of input.tags) {
    const type = tagEntityType(t);
    if (type && !t.orphan && t.end > t.start) {
      const key = spanKey(type, t.start, t.end);
      if (!entityTags.has(key)) entityTags.set(key, t);
    }
  }
  const rejected = new Map<string, RejectedEntity>();
  for (const r of input.rejected) rejected.set(spanKey(r.type, r.start, r.end), r);

  const entities: ExportedEntity[] = input.entities.map((e) => {
    const key = spanKey(e.type, e.start, e.end);
    const tag = entityTags.get(key);
    const out = exportedEntity('', e.type, cp(e.start), cp(e.end), e.text, { ...e, ...tag?.entity }, tag ? 'manual' : 'auto');
    if (tag) {
      out.tag = tag.id;
      entityTags.delete(key);
    } else if (rejected.has(key)) out.status = 'rejected';
    rejected.delete(key);
    return out;
  });
  const extra: ExportedEntity[] = [];
  for (const t of entityTags.values()) {
    const out = exportedEntity('', tagEntityType(t)!, cp(t.start), cp(t.end), text.slice(t.start, t.end), t.entity ?? {}, 'manual');
    out.tag = t.id;
    extra.push(out);
  }
  for (const r of rejected.values()) {
    const inRange = r.end <= text.length && text.slice(r.start, r.end) === r.quote.exact;
    const out = exportedEntity('', r.type, cp(r.start), cp(r.end), inRange ? text.slice(r.start, r.end) : r.quote.exact, {}, 'auto');
    out.status = 'rejected';
    extra.push(out);
  }
  extra.sort((a, b) => a.start - b.start || a.end - b.end);
  for (const e of extra) entities.push(e);
  entities.forEach((e, i) => (e.id = `e${i + 1}`));

  return {
    format: FORMAT,
    file: input.file,
    sha256: sha256(text),
    length: doc.offset(text.length),
    ...(input.encoding ? { encoding: input.encoding } : {}),
    entities,
    actions: input.actions.map((a, i) => {
      const out: ExportedAction = {
        id: `a${i + 1}`,
        department: a.department,
        mention: `e${a.mention + 1}`,
        verb: a.verb,
        start: cp(a.start),
        end: cp(a.end),
        object: a.object,
        objectStart: cp(a.objectStart),
        objectEnd: cp(a.objectEnd),
      };
      if (a.role) out.role = a.role;
      return out;
    }),
    tags: doc.spans.map(exportedTag),
    ...exportedRelations(doc, entities),
  };
}

/** The relations with their ends as tag or entity ids (an entity end that is no exported entity is left out). */
function exportedRelations(doc: FormatDocument, entities: readonly ExportedEntity[]): { relations?: ExportedRelation[] } {
  const tagIds = new Set(doc.spans.map((s) => s.id));
  const entityId = (s: SpanOut) => entities.find((e) => e.type === s.label && e.start === s.start && e.end === s.end)?.id;
  const out: ExportedRelation[] = [];
  for (const r of doc.relations) {
    const from = tagIds.has(r.from.id) ? r.from.id : entityId(r.from);
    const to = tagIds.has(r.to.id) ? r.to.id : entityId(r.to);
    if (!from || !to) continue;
    const o: ExportedRelation = { id: r.id, type: r.type, from, to };
    if (r.note !== undefined) o.note = r.note;
    out.push(o);
  }
  return out.length > 0 ? { relations: out } : {};
}

/** An exported entity with its fields in the order of the schema (source last). */
function exportedEntity(
  id: string,
  type: EntityType,
  start: number,
  end: number,
  text: string,
  attrs: { canonical?: string; parent?: string; successor?: string; value?: number; unit?: string; approx?: string },
  source: 'auto' | 'manual',
): ExportedEntity {
  const out = { id, type, start, end, text } as ExportedEntity;
  if (attrs.canonical !== undefined) out.canonical = attrs.canonical;
  if (attrs.parent !== undefined) out.parent = attrs.parent;
  if (attrs.successor !== undefined) out.successor = attrs.successor;
  if (attrs.value !== undefined) out.value = attrs.value;
  if (attrs.unit !== undefined) out.unit = attrs.unit;
  if (attrs.approx !== undefined) out.approx = attrs.approx as Approx;
  out.source = source;
  return out;
}

/** A tag as exported: the span without its quote selector (same fields, same order). */
function exportedTag(t: SpanOut): ExportedTag {
  const { quote: _quote, ...tag } = t;
  return tag;
}

/**
 * Reads the tags of a `policy-lens/1` export back (source "imported";
 * orphans stay orphans). The export must have been made from this very text
 * (same SHA-256).
 */
function fromPolicyLens(content: string, views: TextViews, _options: ImportOptions): ImportResult {
  const fmt = 'policy-lens';
  const text = views.utf16.text;
  const doc = parseJson(fmt, content.replace(/^\ufeff/, ''));
  if (!isRecord(doc) || doc.format !== FORMAT) throw new FormatError(fmt, `not a ${FORMAT} document (no "format": "${FORMAT}")`);
  if (doc.sha256 !== sha256(text)) throw new FormatError(fmt, `the export was made from a different text (sha256 ${String(doc.sha256).slice(0, 12)}… ≠ ${sha256(text).slice(0, 12)}… of this document)`);
  if (!Array.isArray(doc.tags)) throw new FormatError(fmt, '"tags" must be an array');
  const cp = views.codepoint;
  const spans = (doc.tags as unknown[]).map((raw, i): SpanIn => {
    const where = `tags[${i}]`;
    if (!isRecord(raw)) throw new FormatError(fmt, `${where} is not an object`);
    const { label, start, end, note, orphan } = raw;
    if (typeof label !== 'string' || label === '') throw new FormatError(fmt, `${where}.label must be a non-empty string`);
    if (typeof raw.text !== 'string') throw new FormatError(fmt, `${where}.text must be a string`);
    if (note !== undefined && typeof note !== 'string') throw new FormatError(fmt, `${where}.note must be a string`);
    if (!Number.isInteger(start) || !Number.isInteger(end) || (start as number) < 0 || (end as number) < (start as number) || (end as number) > cp.length)
      throw new FormatError(fmt, `${where} has offsets [${String(start)}, ${String(end)}) outside the text (${cp.length} code points)`);
    const span: SpanIn = { start: start as number, end: end as number, label, note: note };
    if (typeof raw.created === 'string') span.created = raw.created;
    if (typeof raw.modified === 'string') span.modified = raw.modified;
    if (raw.annotator !== undefined) {
      if (typeof raw.annotator !== 'string' || raw.annotator === '') throw new FormatError(fmt, `${where}.annotator must be a non-empty string`);
      span.annotator = raw.annotator;
    }
    if (raw.attributes !== undefined) {
      const attrs = raw.attributes;
      if (!isRecord(attrs) || !Object.values(attrs).every((v) => typeof v === 'string')) throw new FormatError(fmt, `${where}.attributes must be an object of strings`);
      span.attributes = Object.fromEntries(Object.entries(attrs as Record<string, string>));
    }
    if (isRecord(raw.entity) && typeof raw.entity.type === 'string' && isEntityType(raw.entity.type)) span.entity = { ...(raw.entity as Tag['entity'] & object) };
    if (orphan === true) {
      span.orphan = true;
      span.quote = { exact: raw.text, prefix: '', suffix: '' };
    } else if (cp.slice(span.start, span.end) !== raw.text) throw new FormatError(fmt, `${where}.text does not match the document at [${String(start)}, ${String(end)})`);
    return span;
  });
  return { unit: 'codepoint', spans };
}

/** policy-lens/1: everything (entities with their status, actions, tags), one JSON document per line or per file. */
export const policyLens = {
  name: 'policy-lens',
  aliases: ['policylens', 'json'],
  notes: 'policy-lens/1 JSON (one document per line on stdout, NAME.json with --out); code points',
  offsetUnit: 'codepoint',
  exportsEntities: true,
  export(docs) {
    const out = docs.map((d) => ({ name: `${stem(d.file)}.json`, json: policyLensDocument(d) }));
    return { files: out.map((o) => ({ name: o.name, content: JSON.stringify(o.json, null, 1) + '\n' })), stdout: out.map((o) => JSON.stringify(o.json) + '\n').join('') };
  },
  import: fromPolicyLens,
} satisfies Format<'policy-lens'>;
