// The `policy-lens/1` export: one JSON object per document, offsets in code
// points (converted here, through OffsetMap, and nowhere else).
import { createHash } from 'node:crypto';
import { OffsetMap } from '../offsets';
import type { Action, Approx, Entity, EntityType } from '../types';

export const FORMAT = 'policy-lens/1';

/** An entity as exported (code-point offsets). */
export interface ExportedEntity {
  id: string;
  type: EntityType;
  start: number;
  end: number;
  text: string;
  canonical?: string;
  parent?: string;
  value?: number;
  unit?: string;
  approx?: Approx;
  source: 'auto' | 'manual';
}

/** A department's action as exported (code-point offsets). */
export interface ExportedAction {
  id: string;
  department: string;
  mention: string;
  verb: string;
  start: number;
  end: number;
  object: string;
  objectStart: number;
  objectEnd: number;
}

/** One document in `policy-lens/1`. */
export interface PolicyLensDocument {
  format: typeof FORMAT;
  file: string;
  sha256: string;
  length: number;
  entities: ExportedEntity[];
  actions: ExportedAction[];
  tags: unknown[];
}

/** SHA-256 (hex) of the text's UTF-8 bytes. */
export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Builds the export of one document from UTF-16 entities and actions over `text`. */
export function toPolicyLensDocument(file: string, text: string, entities: readonly Entity[], actions: readonly Action[] = []): PolicyLensDocument {
  const map = new OffsetMap(text);
  return {
    format: FORMAT,
    file,
    sha256: sha256(text),
    length: map.codePointLength,
    entities: entities.map((e, i) => {
      const out: ExportedEntity = {
        id: `e${i + 1}`,
        type: e.type,
        start: map.toCodePoint(e.start),
        end: map.toCodePoint(e.end),
        text: e.text,
      } as ExportedEntity;
      if (e.canonical !== undefined) out.canonical = e.canonical;
      if (e.parent !== undefined) out.parent = e.parent;
      if (e.value !== undefined) out.value = e.value;
      if (e.unit !== undefined) out.unit = e.unit;
      if (e.approx !== undefined) out.approx = e.approx;
      out.source = 'auto';
      return out;
    }),
    actions: actions.map((a, i) => ({
      id: `a${i + 1}`,
      department: a.department,
      mention: `e${a.mention + 1}`,
      verb: a.verb,
      start: map.toCodePoint(a.start),
      end: map.toCodePoint(a.end),
      object: a.object,
      objectStart: map.toCodePoint(a.objectStart),
      objectEnd: map.toCodePoint(a.objectEnd),
    })),
    tags: [],
  };
}
