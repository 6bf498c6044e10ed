// The sidecar file of a document (`.policy-lens/<path>.json`): its path, a
// stable serialisation (one tag per line, fixed key order, code points) and a
// strict reader whose every error names the line and the field. Reading
// never yields a partial result: a sidecar that does not parse is an error.
import { REVIEW_STATUSES, type TagSource, type DocumentTags, type QuoteSelector, type RejectedEntity, type Relation, type RelationEnd, type ReviewState, type Tag } from './types';
import { quoteAt } from './model';
import { OffsetMap } from '../text/offsets';
import { sha256 } from '../text/hash';
import { isRecord, JsonError, JsonReader, type Obj, join, short } from '../text/jsonReader';
import { ENTITY_TYPES, type EntityType } from '../types';
import { reanchor, reanchorRejected } from './anchor';
import { reanchorRelations } from './relations';

/** The `format` value of a sidecar file. */
export const SIDECAR_FORMAT = 'policy-lens-tags/1';

/** The folder, at the workspace root, that holds the sidecars. */
export const SIDECAR_DIR = '.policy-lens';

const TAG_SOURCES: readonly TagSource[] = ['manual', 'confirmed', 'imported'];

const APPROX = ['about', 'over', 'under'] as const;

/** A sidecar that cannot be read; the message is one line, e.g. `line 7: tags[3].start is not an integer`. */
export class SidecarError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SidecarError';
  }
}

/** The sidecar path of a document, relative to the workspace root: `.policy-lens/<path>.json` with '/' separators ('\\' counts as a separator); throws on absolute paths and `..`. */
export function sidecarPathFor(relativeDocPath: string): string {
  const p = relativeDocPath.replace(/\\/g, '/');
  if (p.startsWith('/') || /^[A-Za-z]:/.test(p)) throw new Error(`not a relative path: ${JSON.stringify(relativeDocPath)}`);
  const parts = p.split('/').filter((s) => s !== '' && s !== '.');
  if (parts.includes('..')) throw new Error(`path escapes the workspace: ${JSON.stringify(relativeDocPath)}`);
  if (parts.length === 0) throw new Error(`not a document path: ${JSON.stringify(relativeDocPath)}`);
  return `${SIDECAR_DIR}/${parts.join('/')}.json`;
}

/**
 * The sidecar JSON of a document: `format`, `document`, `sha256` (of `text`),
 * `tags`, `rejected`, keys in a fixed order, one tag / rejected entity per
 * line, offsets in code points (through OffsetMap over `text`), ending with a
 * newline. Quotes of tags whose text is in place are refreshed from `text`;
 * `orphan` is written only when true. Throws RangeError on offsets outside
 * `text` or a non-finite entity value (rather than write a file that cannot be
 * read back).
 */
export function serializeSidecar(doc: DocumentTags, text: string): string {
  const map = new OffsetMap(text);
  const cp = (u: number, what: string): number => {
    if (!Number.isInteger(u) || u < 0 || u > text.length) throw new RangeError(`${what} ${u} is outside the text (${text.length} UTF-16 units)`);
    return map.toCodePoint(u);
  };
  const tagLines = doc.tags.map((t, i) => {
    if (t.start > t.end) throw new RangeError(`tags[${i}] starts after its end`);
    const fresh = !t.orphan && text.slice(t.start, t.end) === t.quote.exact;
    const q = fresh ? quoteAt(text, t.start, t.end) : t.quote;
    const o: Record<string, unknown> = { id: t.id, label: t.label, start: cp(t.start, `tags[${i}].start`), end: cp(t.end, `tags[${i}].end`) };
    if (t.orphan) o.orphan = true;
    o.source = t.source;
    o.quote = { exact: q.exact, prefix: q.prefix, suffix: q.suffix };
    if (t.note !== undefined) o.note = t.note;
    if (t.entity !== undefined) {
      const e = t.entity;
      const eo: Record<string, unknown> = { type: e.type };
      if (e.canonical !== undefined) eo.canonical = e.canonical;
      if (e.parent !== undefined) eo.parent = e.parent;
      if (e.value !== undefined) {
        if (!Number.isFinite(e.value)) throw new RangeError(`tags[${i}].entity.value is not a finite number`);
        eo.value = e.value;
      }
      if (e.unit !== undefined) eo.unit = e.unit;
      if (e.approx !== undefined) eo.approx = e.approx;
      o.entity = eo;
    }
    if (t.annotator !== undefined) o.annotator = t.annotator;
    if (t.attributes !== undefined && Object.keys(t.attributes).length > 0) o.attributes = sortedRecord(t.attributes);
    o.created = t.created;
    if (t.modified !== undefined) o.modified = t.modified;
    return JSON.stringify(o);
  });
  const rejectedLines = doc.rejected.map((r, i) => {
    const fresh = text.slice(r.start, r.end) === r.quote.exact;
    const q = fresh ? quoteAt(text, r.start, r.end) : r.quote;
    return JSON.stringify({
      type: r.type,
      start: cp(r.start, `rejected[${i}].start`),
      end: cp(r.end, `rejected[${i}].end`),
      quote: { exact: q.exact, prefix: q.prefix, suffix: q.suffix },
    });
  });
  const list = (lines: string[]): string => (lines.length === 0 ? '[]' : `[\n${lines.map((l) => `    ${l}`).join(',\n')}\n  ]`);
  const review = doc.review ? `  "review": ${JSON.stringify(reviewJson(doc.review))},\n` : '';
  // relations: written only when there are some (a sidecar without them stays byte for byte as before)
  const relationEnd = (e: RelationEnd, what: string): Record<string, unknown> => {
    if ('tag' in e) return { tag: e.tag };
    const r = e.entity;
    const fresh = text.slice(r.start, r.end) === r.quote.exact;
    const q = fresh ? quoteAt(text, r.start, r.end) : r.quote;
    return { entity: { type: r.type, start: cp(r.start, `${what}.entity.start`), end: cp(r.end, `${what}.entity.end`), quote: { exact: q.exact, prefix: q.prefix, suffix: q.suffix } } };
  };
  const relationLines = (doc.relations ?? []).map((r, i) => {
    const o: Record<string, unknown> = { id: r.id, type: r.type, from: relationEnd(r.from, `relations[${i}].from`), to: relationEnd(r.to, `relations[${i}].to`) };
    if (r.note !== undefined) o.note = r.note;
    o.created = r.created;
    return JSON.stringify(o);
  });
  return (
    `{\n  "format": ${JSON.stringify(SIDECAR_FORMAT)},\n  "document": ${JSON.stringify(doc.document)},\n` +
    `  "sha256": ${JSON.stringify(sha256(text))},\n${review}  "tags": ${list(tagLines)},\n  "rejected": ${list(rejectedLines)}` +
    (relationLines.length > 0 ? `,\n  "relations": ${list(relationLines)}` : '') +
    `\n}\n`
  );
}

/** A record with its keys sorted (stable serialisation). */
function sortedRecord(r: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.keys(r).sort().map((k) => [k, r[k]]));
}

/** The review state in a fixed key order. */
function reviewJson(r: ReviewState): ReviewState {
  const out: ReviewState = { status: r.status };
  if (r.updated !== undefined) out.updated = r.updated;
  if (r.by !== undefined) out.by = r.by;
  return out;
}

/**
 * Reads a sidecar, strictly: invalid JSON, a wrong format, missing or unknown
 * keys, wrong types, duplicate ids or offsets beyond the text throw a
 * SidecarError with a one-line message naming the line and the field; there
 * are no partial results. With `text` whose SHA-256 is the sidecar's,
 * offsets are checked against it and converted from code points to UTF-16;
 * with another `text` (changed outside) they are converted approximately and
 * clamped, as hints for reanchor; without `text` they stay code points (the
 * caller re-anchors).
 */
export function parseSidecar(json: string, text?: string): DocumentTags {
  const parser = new JsonReader(json);
  let root: unknown;
  try {
    root = parser.parse();
  } catch (err) {
    if (err instanceof JsonError) throw new SidecarError(err.message);
    throw err;
  }
  return readDocument(root, parser.lines, text);
}

function readDocument(root: unknown, lines: Map<string, number>, text: string | undefined): DocumentTags {
  const fail = (path: string, msg: string): never => {
    throw new SidecarError(`line ${lines.get(path) ?? 1}: ${msg}`);
  };
  const keys = (o: Obj, path: string, required: readonly string[], optional: readonly string[]): void => {
    const what = path === '' ? 'the sidecar' : path;
    for (const k of Object.keys(o)) {
      if (!required.includes(k) && !optional.includes(k)) fail(join(path, k), `${what} has an unknown key ${short(k)}`);
    }
    for (const k of required) if (!(k in o)) fail(path, `${join(path, k)} is missing`);
  };
  const str = (o: Obj, k: string, path: string, nonEmpty = false): string => {
    const v = o[k];
    const p = join(path, k);
    if (typeof v !== 'string') fail(p, `${p} is not a string`);
    if (nonEmpty && v === '') fail(p, `${p} is empty`);
    return v as string;
  };
  const int = (o: Obj, k: string, path: string): number => {
    const v = o[k];
    const p = join(path, k);
    if (typeof v !== 'number' || !Number.isInteger(v)) fail(p, `${p} is not an integer`);
    if ((v as number) < 0) fail(p, `${p} is negative`);
    return v as number;
  };
  const oneOf = <T extends string>(o: Obj, k: string, path: string, allowed: readonly T[]): T => {
    const v = str(o, k, path);
    if (!allowed.includes(v as T)) fail(join(path, k), `${join(path, k)} is ${short(v)}, expected one of ${allowed.join(', ')}`);
    return v as T;
  };
  const quote = (o: Obj, path: string): QuoteSelector => {
    const p = join(path, 'quote');
    const q = o.quote;
    if (!isRecord(q)) return fail(p, `${p} is not an object`);
    keys(q, p, ['exact', 'prefix', 'suffix'], []);
    return { exact: str(q, 'exact', p), prefix: str(q, 'prefix', p), suffix: str(q, 'suffix', p) };
  };

  if (!isRecord(root)) return fail('', 'the sidecar is not a JSON object');
  keys(root, '', ['format', 'document', 'sha256', 'tags', 'rejected'], ['review', 'relations']);
  const format = str(root, 'format', '');
  if (format !== SIDECAR_FORMAT) fail('format', `format is ${short(format)}, expected "${SIDECAR_FORMAT}"`);
  const document = str(root, 'document', '', true);
  const sha = str(root, 'sha256', '');
  if (!/^[0-9a-f]{64}$/.test(sha)) fail('sha256', 'sha256 is not 64 lowercase hexadecimal digits');
  if (!Array.isArray(root.tags)) fail('tags', 'tags is not an array');
  if (!Array.isArray(root.rejected)) fail('rejected', 'rejected is not an array');

  // offsets: code points → UTF-16
  const map = text !== undefined ? new OffsetMap(text) : undefined;
  const exactText = text !== undefined && sha256(text) === sha;
  const limit = map ? map.codePointLength : Infinity;
  const offsets = (o: Obj, path: string): [number, number] => {
    const s = int(o, 'start', path);
    const e = int(o, 'end', path);
    if (s > e) fail(join(path, 'end'), `${join(path, 'end')} (${e}) is before ${join(path, 'start')} (${s})`);
    if (!map) return [s, e];
    if (exactText) {
      if (e > limit) fail(join(path, 'end'), `${join(path, 'end')} (${e}) is beyond the end of the text (${limit} code points)`);
      return [map.toUtf16(s), map.toUtf16(e)];
    }
    return [map.toUtf16(Math.min(s, limit)), map.toUtf16(Math.min(e, limit))];
  };

  const tags: Tag[] = [];
  const seen = new Set<string>();
  (root.tags as unknown[]).forEach((raw, i) => {
    const path = `tags[${i}]`;
    if (!isRecord(raw)) return fail(path, `${path} is not an object`);
    keys(raw, path, ['id', 'label', 'start', 'end', 'source', 'quote', 'created'], ['orphan', 'note', 'entity', 'modified', 'annotator', 'attributes']);
    const id = str(raw, 'id', path, true);
    if (seen.has(id)) fail(join(path, 'id'), `${path}.id ${short(id)} is used by an earlier tag`);
    seen.add(id);
    const label = str(raw, 'label', path, true);
    let orphan = false;
    if ('orphan' in raw) {
      if (typeof raw.orphan !== 'boolean') fail(join(path, 'orphan'), `${path}.orphan is not a boolean`);
      orphan = raw.orphan as boolean;
    }
    const [start, end] = offsets(raw, path);
    if (!orphan && start === end && (!map || exactText)) fail(join(path, 'end'), `${path} is empty but not an orphan`);
    const tag: Tag = { id, label, start, end, quote: quote(raw, path), source: oneOf(raw, 'source', path, TAG_SOURCES), created: str(raw, 'created', path, true) };
    if ('note' in raw) tag.note = str(raw, 'note', path);
    if ('entity' in raw) {
      const p = `${path}.entity`;
      const e = raw.entity;
      if (!isRecord(e)) return fail(p, `${p} is not an object`);
      keys(e, p, ['type'], ['canonical', 'parent', 'value', 'unit', 'approx']);
      const entity: NonNullable<Tag['entity']> = { type: oneOf<EntityType>(e, 'type', p, ENTITY_TYPES) };
      if ('canonical' in e) entity.canonical = str(e, 'canonical', p);
      if ('parent' in e) entity.parent = str(e, 'parent', p);
      if ('value' in e) {
        if (typeof e.value !== 'number' || !Number.isFinite(e.value)) fail(`${p}.value`, `${p}.value is not a number`);
        entity.value = e.value as number;
      }
      if ('unit' in e) entity.unit = str(e, 'unit', p);
      if ('approx' in e) entity.approx = oneOf(e, 'approx', p, APPROX);
      tag.entity = entity;
    }
    if ('annotator' in raw) tag.annotator = str(raw, 'annotator', path, true);
    if ('attributes' in raw) {
      const p = `${path}.attributes`;
      const a = raw.attributes;
      if (!isRecord(a)) return fail(p, `${p} is not an object`);
      tag.attributes = Object.fromEntries(Object.keys(a).map((k) => [k, str(a, k, p)]));
    }
    if (orphan) tag.orphan = true;
    if ('modified' in raw) tag.modified = str(raw, 'modified', path, true);
    tags.push(tag);
  });

  const rejected: RejectedEntity[] = [];
  (root.rejected as unknown[]).forEach((raw, i) => {
    const path = `rejected[${i}]`;
    if (!isRecord(raw)) return fail(path, `${path} is not an object`);
    keys(raw, path, ['type', 'start', 'end', 'quote'], []);
    const type = oneOf<EntityType>(raw, 'type', path, ENTITY_TYPES);
    const [start, end] = offsets(raw, path);
    rejected.push({ type, start, end, quote: quote(raw, path) });
  });

  const doc: DocumentTags = { document, sha256: sha, tags, rejected };
  if ('relations' in root) {
    if (!Array.isArray(root.relations)) fail('relations', 'relations is not an array');
    const relations: Relation[] = [];
    const ids = new Set<string>();
    const end = (o: Obj, k: 'from' | 'to', path: string): RelationEnd => {
      const p = join(path, k);
      const e = o[k];
      if (!isRecord(e)) return fail(p, `${p} is not an object`);
      if ('tag' in e) {
        keys(e, p, ['tag'], []);
        const id = str(e, 'tag', p, true);
        if (!seen.has(id)) fail(join(p, 'tag'), `${p}.tag ${short(id)} is not the id of a tag of this sidecar`);
        return { tag: id };
      }
      keys(e, p, ['entity'], []);
      const ep = join(p, 'entity');
      const raw = e.entity;
      if (!isRecord(raw)) return fail(ep, `${ep} is not an object`);
      keys(raw, ep, ['type', 'start', 'end', 'quote'], []);
      const type = oneOf<EntityType>(raw, 'type', ep, ENTITY_TYPES);
      const [start, stop] = offsets(raw, ep);
      return { entity: { type, start, end: stop, quote: quote(raw, ep) } };
    };
    (root.relations as unknown[]).forEach((raw, i) => {
      const path = `relations[${i}]`;
      if (!isRecord(raw)) return fail(path, `${path} is not an object`);
      keys(raw, path, ['id', 'type', 'from', 'to', 'created'], ['note']);
      const id = str(raw, 'id', path, true);
      if (ids.has(id)) fail(join(path, 'id'), `${path}.id ${short(id)} is used by an earlier relation`);
      ids.add(id);
      const r: Relation = { id, type: str(raw, 'type', path, true), from: end(raw, 'from', path), to: end(raw, 'to', path), created: str(raw, 'created', path, true) };
      if ('note' in raw) r.note = str(raw, 'note', path);
      relations.push(r);
    });
    if (relations.length > 0) doc.relations = relations;
  }
  if ('review' in root) {
    const r = root.review;
    if (!isRecord(r)) return fail('review', 'review is not an object');
    keys(r, 'review', ['status'], ['updated', 'by']);
    const review: ReviewState = { status: oneOf(r, 'status', 'review', REVIEW_STATUSES) };
    if ('updated' in r) review.updated = str(r, 'updated', 'review', true);
    if ('by' in r) review.by = str(r, 'by', 'review', true);
    doc.review = review;
  }
  return doc;
}

/** Decodes a sidecar file's bytes as UTF-8, strictly: bytes that are not UTF-8 are a SidecarError, never replaced (the next write would keep the damage). */
export function decodeSidecar(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // the first byte that does not decode: the longest prefix that decodes (as a stream) ends there
    const decodes = (n: number): boolean => {
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, n), { stream: true });
        return true;
      } catch {
        return false;
      }
    };
    let lo = 0;
    let hi = bytes.length;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (decodes(mid)) lo = mid;
      else hi = mid - 1;
    }
    let line = 1;
    for (let i = 0; i < lo; i++) if (bytes[i] === 0x0a) line++;
    throw new SidecarError(`line ${line}: the file is not valid UTF-8 (byte ${lo + 1})`);
  }
}

/** What readSidecar read. */
export interface SidecarRead {
  data: DocumentTags;
  /** True when the sidecar was written for another version of the text: its tags were found again by their quotes (write it back). */
  reanchored: boolean;
}

/**
 * The tags of a document from its sidecar's JSON (the one reader of sidecars,
 * for the editor and the CLI): exact when the sidecar was written for this
 * text (same SHA-256); otherwise its offsets are taken as hints and every tag
 * is found again by its quote (orphaned, never dropped, when it cannot be).
 * Throws SidecarError for a sidecar that does not parse.
 */
export function readSidecar(raw: string, text: string): SidecarRead {
  const hash = sha256(text);
  const data = parseSidecar(raw, text);
  if (data.sha256 === hash) return { data, reanchored: false };
  const moved: DocumentTags = { ...data, sha256: hash, tags: reanchor(data.tags, text).tags, rejected: reanchorRejected(data.rejected, text) };
  if (data.relations) moved.relations = reanchorRelations(data.relations, text);
  return { data: moved, reanchored: true };
}
