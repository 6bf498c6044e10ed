// The `policy-lens/1` export: one JSON object per document, offsets in code
// points (converted here, through OffsetMap, and nowhere else). One document
// carries the automatic entities (source "auto"), the ones a person confirmed
// or added (source "manual"), the rejected ones (status "rejected"), the
// departments' actions and the researchers' tags.
import { OffsetMap } from '../text/offsets';
import type { RejectedEntity, Tag, TagSource } from '../tags/types';
import { ENTITY_TYPES, type Action, type Approx, type Entity, type EntityType } from '../types';
import { importedTag, isRecord, parseJson, type ImportOptions } from './common';
import { FormatError } from './errors';
import { sha256 } from '../text/hash';

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
  created?: string;
  modified?: string;
}

/** One document in `policy-lens/1`. */
export interface PolicyLensDocument {
  format: typeof FORMAT;
  file: string;
  sha256: string;
  length: number;
  entities: ExportedEntity[];
  actions: ExportedAction[];
  tags: ExportedTag[];
}

/** Everything exported for one document; offsets UTF-16 into `text` (which has no BOM). */
export interface ExportInput {
  file: string;
  text: string;
  /** The recogniser's entities (actions refer to them by index). */
  entities: readonly Entity[];
  actions: readonly Action[];
  tags: readonly Tag[];
  rejected: readonly RejectedEntity[];
}

/** Builds the export of one document from UTF-16 entities and actions over `text` (no tags). */
export function toPolicyLensDocument(file: string, text: string, entities: readonly Entity[], actions: readonly Action[] = []): PolicyLensDocument {
  return toPolicyLensExport({ file, text, entities, actions, tags: [], rejected: [] });
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
  const { text } = input;
  const map = new OffsetMap(text);
  const cp = (u: number) => map.toCodePoint(Math.max(0, Math.min(u, text.length)));

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
  entities.push(...extra);
  entities.forEach((e, i) => (e.id = `e${i + 1}`));

  return {
    format: FORMAT,
    file: input.file,
    sha256: sha256(text),
    length: map.codePointLength,
    entities,
    actions: input.actions.map((a, i) => ({
      id: `a${i + 1}`,
      department: a.department,
      mention: `e${a.mention + 1}`,
      verb: a.verb,
      start: cp(a.start),
      end: cp(a.end),
      object: a.object,
      objectStart: cp(a.objectStart),
      objectEnd: cp(a.objectEnd),
    })),
    tags: input.tags.map((t) => exportedTag(t, text, cp)),
  };
}

/** An exported entity with its fields in the order of the schema (source last). */
function exportedEntity(
  id: string,
  type: EntityType,
  start: number,
  end: number,
  text: string,
  attrs: { canonical?: string; parent?: string; value?: number; unit?: string; approx?: string },
  source: 'auto' | 'manual',
): ExportedEntity {
  const out = { id, type, start, end, text } as ExportedEntity;
  if (attrs.canonical !== undefined) out.canonical = attrs.canonical;
  if (attrs.parent !== undefined) out.parent = attrs.parent;
  if (attrs.value !== undefined) out.value = attrs.value;
  if (attrs.unit !== undefined) out.unit = attrs.unit;
  if (attrs.approx !== undefined) out.approx = attrs.approx as Approx;
  out.source = source;
  return out;
}

function exportedTag(t: Tag, text: string, cp: (u: number) => number): ExportedTag {
  const out: ExportedTag = {
    id: t.id,
    label: t.label,
    start: cp(t.start),
    end: cp(Math.max(t.start, t.end)),
    text: t.orphan ? t.quote.exact : text.slice(t.start, t.end),
    source: t.source,
  };
  if (t.note !== undefined) out.note = t.note;
  if (t.orphan) out.orphan = true;
  if (t.entity) out.entity = { ...t.entity };
  if (t.created) out.created = t.created;
  if (t.modified) out.modified = t.modified;
  return out;
}

/**
 * Reads the tags of a `policy-lens/1` export (object or JSON text) back as
 * Tag[] over `text` (UTF-16, source "imported"; orphans stay orphans). The
 * export must have been made from this very text (same SHA-256).
 */
export function tagsFromPolicyLens(input: unknown, text: string, options: ImportOptions = {}): Tag[] {
  const fmt = 'policy-lens';
  const doc = typeof input === 'string' ? parseJson(fmt, input) : input;
  if (!isRecord(doc) || doc.format !== FORMAT) throw new FormatError(fmt, `not a ${FORMAT} document (no "format": "${FORMAT}")`);
  if (doc.sha256 !== sha256(text)) throw new FormatError(fmt, `the export was made from a different text (sha256 ${String(doc.sha256).slice(0, 12)}… ≠ ${sha256(text).slice(0, 12)}… of this document)`);
  if (!Array.isArray(doc.tags)) throw new FormatError(fmt, '"tags" must be an array');
  const map = new OffsetMap(text);
  const cps = map.codePointLength;
  return doc.tags.map((raw, i) => {
    const where = `tags[${i}]`;
    if (!isRecord(raw)) throw new FormatError(fmt, `${where} is not an object`);
    const { label, start, end, note, orphan } = raw;
    if (typeof label !== 'string' || label === '') throw new FormatError(fmt, `${where}.label must be a non-empty string`);
    if (typeof raw.text !== 'string') throw new FormatError(fmt, `${where}.text must be a string`);
    if (note !== undefined && typeof note !== 'string') throw new FormatError(fmt, `${where}.note must be a string`);
    if (!Number.isInteger(start) || !Number.isInteger(end) || (start as number) < 0 || (end as number) < (start as number) || (end as number) > cps)
      throw new FormatError(fmt, `${where} has offsets [${String(start)}, ${String(end)}) outside the text (${cps} code points)`);
    const s = map.toUtf16(start as number);
    const e = map.toUtf16(end as number);
    const created = typeof raw.created === 'string' ? raw.created : undefined;
    if (orphan === true) {
      const tag = importedTag(text, s, e, label, note, options, created);
      tag.quote = { exact: raw.text, prefix: '', suffix: '' };
      tag.orphan = true;
      return withExtras(tag, raw);
    }
    if (text.slice(s, e) !== raw.text) throw new FormatError(fmt, `${where}.text does not match the document at [${String(start)}, ${String(end)})`);
    return withExtras(importedTag(text, s, e, label, note, options, created), raw);
  });
}

function withExtras(tag: Tag, raw: Record<string, unknown>): Tag {
  if (isRecord(raw.entity) && typeof raw.entity.type === 'string' && isEntityType(raw.entity.type)) tag.entity = { ...(raw.entity as Tag['entity'] & object) };
  if (typeof raw.modified === 'string') tag.modified = raw.modified;
  return tag;
}
