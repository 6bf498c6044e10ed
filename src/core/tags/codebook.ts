// The codebook: a team's label schema, `.policy-lens/codebook.json` in the
// workspace (JSON Schema: codebook.schema.json beside this file, for
// completion in the editor). Hierarchical labels (a child's name on tags is
// its path, 政策工具/供给型) with colours, keys, descriptions and attributes
// (a choice among values, or free text; a child inherits its ancestors'),
// and the relation types between tags. Pure: reading is strict and every
// error is one line naming the line of the file; validating tags against a
// codebook gives one issue per tag and problem.
import { ENTITY_TYPES } from '../types';
import { isRecord, JsonError, JsonReader, join, short, type Obj } from '../text/jsonReader';
import type { AttributeDefinition, LabelDefinition, Tag } from './types';

/** The codebook's path relative to the workspace root. */
export const CODEBOOK_PATH = '.policy-lens/codebook.json';

/** The `$id` of the codebook's JSON Schema. */
export const CODEBOOK_SCHEMA_ID = 'https://policy-lens.github.io/schemas/codebook.schema.json';

/** The separator of a label's path. */
export const LABEL_PATH_SEPARATOR = '/';

/** A type of relation between two tags (or entities). */
export interface RelationType {
  name: string;
  description?: string;
  /** The labels (or entity types) a relation of this type may start at; absent: any. */
  from?: string[];
  /** The labels (or entity types) it may end at; absent: any. */
  to?: string[];
}

/** A read codebook. */
export interface Codebook {
  /** Every label, parents before their children, in the file's order; `name` is the label's path. */
  labels: LabelDefinition[];
  relationTypes: RelationType[];
}

/** A codebook that cannot be read; the message is one line, e.g. `line 7: labels[2].color is not a colour (#rgb … #rrggbbaa)`. */
export class CodebookError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CodebookError';
  }
}

/** The colour a label without one (and without a parent with one) gets. */
export const DEFAULT_LABEL_COLOR = '#868e96';

const COLOR = /^#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$/;

/**
 * Reads a codebook's JSON, strictly: invalid JSON, unknown keys, wrong types,
 * a name with "/" or used twice among siblings, a key used by two labels, an
 * enumeration without values or a default outside them throw a CodebookError
 * naming the line. There are no partial results.
 */
export function parseCodebook(json: string): Codebook {
  const reader = new JsonReader(json);
  let root: unknown;
  try {
    root = reader.parse();
  } catch (err) {
    if (err instanceof JsonError) throw new CodebookError(err.message);
    throw err;
  }
  const lines = reader.lines;
  const fail = (path: string, msg: string): never => {
    throw new CodebookError(`line ${lines.get(path) ?? 1}: ${msg}`);
  };
  const keys = (o: Obj, path: string, required: readonly string[], optional: readonly string[]): void => {
    const what = path === '' ? 'the codebook' : path;
    for (const k of Object.keys(o)) if (!required.includes(k) && !optional.includes(k)) fail(join(path, k), `${what} has an unknown key ${short(k)}`);
    for (const k of required) if (!(k in o)) fail(path, `${join(path, k)} is missing`);
  };
  const str = (o: Obj, k: string, path: string): string => {
    const p = join(path, k);
    const v = o[k];
    if (typeof v !== 'string') fail(p, `${p} is not a string`);
    if ((v as string).trim() === '') fail(p, `${p} is empty`);
    return v as string;
  };
  const strings = (o: Obj, k: string, path: string): string[] => {
    const p = join(path, k);
    const v = o[k];
    if (!Array.isArray(v)) return fail(p, `${p} is not an array of strings`);
    return v.map((x, i) => {
      if (typeof x !== 'string' || x === '') fail(`${p}[${i}]`, `${p}[${i}] is not a non-empty string`);
      return x as string;
    });
  };

  if (!isRecord(root)) return fail('', 'the codebook is not a JSON object');
  keys(root, '', ['labels'], ['$schema', 'version', 'description', 'relationTypes']);
  if ('version' in root && root.version !== 1) fail('version', `version is ${JSON.stringify(root.version)}, expected 1`);
  if (!Array.isArray(root.labels)) return fail('labels', 'labels is not an array');

  const labels: LabelDefinition[] = [];
  const byKey = new Map<string, string>();
  const attribute = (raw: unknown, path: string): AttributeDefinition => {
    if (!isRecord(raw)) return fail(path, `${path} is not an object`);
    keys(raw, path, ['name'], ['description', 'values', 'required', 'default']);
    const a: AttributeDefinition = { name: str(raw, 'name', path) };
    if ('description' in raw) a.description = str(raw, 'description', path);
    if ('values' in raw) {
      const values = strings(raw, 'values', path);
      if (values.length === 0) fail(join(path, 'values'), `${path}.values is empty (leave it out for free text)`);
      const dup = values.find((v, i) => values.indexOf(v) !== i);
      if (dup !== undefined) fail(join(path, 'values'), `${path}.values has ${short(dup)} twice`);
      a.values = values;
    }
    if ('required' in raw) {
      if (typeof raw.required !== 'boolean') fail(join(path, 'required'), `${path}.required is not a boolean`);
      if (raw.required) a.required = true;
    }
    if ('default' in raw) {
      const d = raw.default;
      if (typeof d !== 'string') fail(join(path, 'default'), `${path}.default is not a string`);
      if (a.values && !a.values.includes(d as string)) fail(join(path, 'default'), `${path}.default ${short(d as string)} is not one of its values`);
      a.default = d as string;
    }
    return a;
  };
  const label = (raw: unknown, path: string, parent: LabelDefinition | undefined, depth: number): void => {
    if (!isRecord(raw)) return fail(path, `${path} is not an object`);
    keys(raw, path, ['name'], ['color', 'key', 'description', 'attributes', 'children']);
    const name = str(raw, 'name', path).trim();
    if (name.includes(LABEL_PATH_SEPARATOR)) fail(join(path, 'name'), `${path}.name ${short(name)} contains "${LABEL_PATH_SEPARATOR}" (the separator of label paths: nest it under children instead)`);
    const full = parent ? `${parent.name}${LABEL_PATH_SEPARATOR}${name}` : name;
    if (labels.some((l) => l.name === full)) fail(join(path, 'name'), `${path}.name: the label ${short(full)} is defined twice`);
    if ((ENTITY_TYPES as readonly string[]).includes(full)) fail(join(path, 'name'), `${path}.name ${short(full)} is an entity type's name`);
    let color = parent?.color ?? DEFAULT_LABEL_COLOR;
    if ('color' in raw) {
      const c = raw.color;
      if (typeof c !== 'string' || !COLOR.test(c)) fail(join(path, 'color'), `${path}.color is not a colour (#rgb, #rgba, #rrggbb or #rrggbbaa)`);
      color = c as string;
    }
    const def: LabelDefinition = { name: full, color };
    if (depth > 0) def.depth = depth;
    if ('key' in raw) {
      const k = raw.key;
      if (typeof k !== 'string' || [...k].length !== 1) fail(join(path, 'key'), `${path}.key is not a single character`);
      const other = byKey.get(k as string);
      if (other !== undefined) fail(join(path, 'key'), `${path}.key ${short(k as string)} is already the key of ${short(other)}`);
      byKey.set(k as string, full);
      def.key = k as string;
    }
    if ('description' in raw) def.description = str(raw, 'description', path);
    const inherited = parent?.attributes ?? [];
    let own: AttributeDefinition[] = [];
    if ('attributes' in raw) {
      const p = join(path, 'attributes');
      if (!Array.isArray(raw.attributes)) return fail(p, `${p} is not an array`);
      own = (raw.attributes as unknown[]).map((a, i) => attribute(a, `${p}[${i}]`));
      const dup = own.find((a, i) => own.findIndex((b) => b.name === a.name) !== i);
      if (dup) fail(p, `${p} has the attribute ${short(dup.name)} twice`);
    }
    // a child's attribute of the same name replaces its ancestor's
    const attributes = [...inherited.filter((a) => !own.some((o) => o.name === a.name)), ...own];
    if (attributes.length > 0) def.attributes = attributes;
    labels.push(def);
    if ('children' in raw) {
      const p = join(path, 'children');
      if (!Array.isArray(raw.children)) return fail(p, `${p} is not an array`);
      (raw.children as unknown[]).forEach((c, i) => label(c, `${p}[${i}]`, def, depth + 1));
    }
  };
  (root.labels as unknown[]).forEach((raw, i) => label(raw, `labels[${i}]`, undefined, 0));
  if (labels.length === 0) fail('labels', 'labels is empty');

  const relationTypes: RelationType[] = [];
  if ('relationTypes' in root) {
    if (!Array.isArray(root.relationTypes)) return fail('relationTypes', 'relationTypes is not an array');
    const known = new Set<string>([...labels.map((l) => l.name), ...ENTITY_TYPES]);
    (root.relationTypes as unknown[]).forEach((raw, i) => {
      const path = `relationTypes[${i}]`;
      if (!isRecord(raw)) return fail(path, `${path} is not an object`);
      keys(raw, path, ['name'], ['description', 'from', 'to']);
      const r: RelationType = { name: str(raw, 'name', path).trim() };
      if (relationTypes.some((o) => o.name === r.name)) fail(join(path, 'name'), `${path}.name: the relation type ${short(r.name)} is defined twice`);
      if ('description' in raw) r.description = str(raw, 'description', path);
      for (const end of ['from', 'to'] as const) {
        if (!(end in raw)) continue;
        const list = strings(raw, end, path);
        list.forEach((l, j) => {
          if (!known.has(l)) fail(`${path}.${end}[${j}]`, `${path}.${end}[${j}] ${short(l)} is not a label of the codebook or an entity type`);
        });
        r[end] = list;
      }
      relationTypes.push(r);
    });
  }
  return { labels, relationTypes };
}

/** The names of the codebook's relation types, in its order (none without a codebook). */
export function relationTypeNames(codebook: Codebook | undefined): string[] {
  return codebook ? codebook.relationTypes.map((r) => r.name) : [];
}

/** A label of the codebook by the name tags store (its path). */
export function findLabel(codebook: Codebook, name: string): LabelDefinition | undefined {
  return codebook.labels.find((l) => l.name === name);
}

/** What is wrong with a tag against the codebook. */
export type TagIssueKind = 'unknown-label' | 'unknown-attribute' | 'bad-attribute' | 'missing-attribute';

/** One problem of one tag (UTF-16 offsets of the tag). */
export interface TagIssue {
  kind: TagIssueKind;
  tagId: string;
  start: number;
  end: number;
  /** One line, in English (the adapter shows it as the diagnostic's message). */
  message: string;
  /** The tag's label. */
  label: string;
  /** The attribute concerned, its value and the values allowed (attribute issues). */
  attribute?: string;
  value?: string;
  values?: string[];
  /** For an unknown label: labels of the codebook it may mean (the same last part of the path, or the same name in another case). */
  suggestions?: string[];
}

/**
 * The problems of a document's tags against a codebook: a label that is
 * neither the codebook's nor an entity type (confirmed entities), an
 * attribute the label does not have, a value outside its enumeration, a
 * required attribute missing. Orphans are skipped (they have no place).
 */
export function validateTags(tags: readonly Tag[], codebook: Codebook): TagIssue[] {
  const issues: TagIssue[] = [];
  const types = new Set<string>(ENTITY_TYPES);
  const byName = new Map(codebook.labels.map((l) => [l.name, l]));
  for (const t of tags) {
    if (t.orphan) continue;
    const at = { tagId: t.id, start: t.start, end: t.end, label: t.label };
    if (types.has(t.label)) continue;
    const def = byName.get(t.label);
    if (!def) {
      const leaf = t.label.split(LABEL_PATH_SEPARATOR).pop()!;
      const suggestions = codebook.labels.filter((l) => l.name.split(LABEL_PATH_SEPARATOR).pop() === leaf || l.name.toLowerCase() === t.label.toLowerCase()).map((l) => l.name);
      issues.push({ kind: 'unknown-label', ...at, message: `The label "${t.label}" is not in the codebook${suggestions.length ? ` (did you mean ${suggestions.map((s) => `"${s}"`).join(', ')}?)` : ''}`, ...(suggestions.length ? { suggestions } : {}) });
      continue;
    }
    const attrs = def.attributes ?? [];
    for (const [name, value] of Object.entries(t.attributes ?? {})) {
      const a = attrs.find((x) => x.name === name);
      if (!a) issues.push({ kind: 'unknown-attribute', ...at, attribute: name, value, message: `The label "${t.label}" has no attribute "${name}"` });
      else if (a.values && !a.values.includes(value)) issues.push({ kind: 'bad-attribute', ...at, attribute: name, value, values: a.values, message: `"${value}" is not a value of the attribute "${name}" of "${t.label}" (${a.values.join(', ')})` });
    }
    for (const a of attrs) {
      if (a.required && (t.attributes?.[a.name] ?? '') === '') issues.push({ kind: 'missing-attribute', ...at, attribute: a.name, ...(a.values ? { values: a.values } : {}), message: `The tag "${t.quote.exact.slice(0, 20)}" (${t.label}) has no value for the required attribute "${a.name}"` });
    }
  }
  return issues;
}

/** Whether a value is allowed for an attribute (any text for free text; empty only when not required). */
export function attributeValueAllowed(a: AttributeDefinition, value: string): boolean {
  if (value === '') return !a.required;
  return !a.values || a.values.includes(value);
}
