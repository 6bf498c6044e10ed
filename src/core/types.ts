// The data types every stage shares: entity types, entities, tokens, actions.
// Imports nothing of the project (an invariant checked by dependency-cruiser).

/**
 * The entity types of the annotation guide, in the order views and exports
 * list them. Adding a type: add it here and to ENTITY_PRIORITY, give it a
 * style in src/vscode/entityTypes.ts, find it in a recogniser registered in
 * recognise/pipeline.ts, then `npm run generate` (ARCHITECTURE.md).
 */
export const ENTITY_TYPES = ['department', 'organization', 'place', 'person', 'quantity', 'date', 'document', 'term'] as const;

/** An entity type of the annotation guide. */
export type EntityType = (typeof ENTITY_TYPES)[number];

/** When two candidates of the same length overlap, the type earlier here wins (documents and terms are never overlapped at all). */
export const ENTITY_PRIORITY: readonly EntityType[] = ['document', 'term', 'department', 'organization', 'person', 'place', 'date', 'quantity'];

/** How a quantity relates to the number written: 约/近 about, 余/多/超过/以上/逾 over, 以下/不到 under. */
export type Approx = 'about' | 'over' | 'under';

/**
 * One recognised entity. Offsets are UTF-16 code units into the JS string
 * (start inclusive, end exclusive); code points appear only at the export
 * boundary (see offsets.ts).
 */
export interface Entity {
  type: EntityType;
  start: number;
  end: number;
  text: string;
  /** department: full official name of the top-level organ it belongs to. */
  canonical?: string;
  /** department sub-unit: canonical name of the organ that contains it. */
  parent?: string;
  /** department of a former organ (建设部 in a 2004 text): the organ that carries it on today (住房和城乡建设部). */
  successor?: string;
  /** quantity: numeric value with multipliers applied. */
  value?: number;
  /** quantity: classifier or measure word, without 万/亿; "" when none is written. */
  unit?: string;
  /** quantity: absent when exact. */
  approx?: Approx;
  /**
   * department named by its level alone (市财政局, 区委): how to name it in full
   * once the document's place is known (recognise/context.ts). Not exported.
   */
  local?: LocalOrganName;
}

/** A level word before a local organ's short name (市 of 市财政局). */
export type LevelWord = '自治区' | '自治州' | '自治县' | '省' | '市' | '州' | '盟' | '县' | '区' | '旗' | '镇' | '乡';

/** How a level-only organ is named in full: `template` with {place} (and {up}, the prefecture city) filled in from the document's place of that level. */
export interface LocalOrganName {
  /**
   * The level word written; 'document' for a working office written bare
   * (网信办), which is the document's own (its innermost place above a town);
   * 'own' for a unit written bare (房管所, 经发办), the document's innermost place's.
   */
  level: LevelWord | 'document' | 'own';
  /** {place} and {up} as above; {county}, {city}, {countyOrCity} (a county, or a district's city) for a higher organ's station. */
  template: string;
  /** A higher organ's station (吴泾司法所): the filled-in template is its canonical name and its parent. */
  dispatched?: boolean;
  /** The template for a place of this administrative level instead (a prefecture-level city's 法院 is its 中级人民法院). */
  byLevel?: Partial<Record<'province' | 'city' | 'county' | 'town', string>>;
}

/** A token from the tokenizer, aligned to the input text (UTF-16 offsets). */
export interface Token {
  word: string;
  tag: string;
  start: number;
  end: number;
}

/**
 * What a department does: a verb with its object, attributed to the
 * department that is its subject (UTF-16 offsets, like Entity).
 */
export interface Action {
  /** Canonical name of the department. */
  department: string;
  /** Index, in the document's entity list, of the department mention that is the subject. */
  mention: number;
  verb: string;
  start: number;
  end: number;
  object: string;
  objectStart: number;
  objectEnd: number;
  /** A task of a responsibility list: the unit that leads it, or one that supports it. */
  role?: 'lead' | 'support';
}

/** Key under which mentions of the same thing are counted (departments by canonical name). */
export function entityKey(e: Pick<Entity, 'type' | 'text' | 'canonical'>): string {
  return e.type === 'department' && e.canonical ? `department:${e.canonical}` : `${e.type}:${e.text}`;
}
