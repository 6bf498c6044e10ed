// A document as the editor sees it: lines, each with its entities (offsets
// relative to the line), kept current through edits by splicing only the
// lines an edit touches. Entities never cross a line break, so a line's
// analysis depends on its text alone and can be cached by that text; the
// counts the hovers and views show are updated per line, never recomputed
// over the whole document.
import type { Entity, EntityType } from '../types';
import { entityKey } from '../types';

/** A change as the editor reports it: a line/character range replaced by text. */
export interface LineChange {
  startLine: number;
  startCharacter: number;
  endLine: number;
  endCharacter: number;
  text: string;
}

/** An entity with its line number (its offsets are relative to that line). */
export interface LineEntity {
  line: number;
  entity: Entity;
}

/** Count and total of the quantities of one unit. */
export interface UnitTotal {
  count: number;
  total: number;
}

/** Splits text into lines the way VS Code does (\n, \r\n; a lone \r also ends a line). */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\n|\r/);
}

/** Lines, their entities and running counts for one document. */
export class DocumentModel {
  private lines: string[];
  private analysed: Array<Entity[] | undefined>;
  /** The context generation each line's entities were computed for (see nextContextGeneration). */
  private generations: number[];
  private generation = 0;
  private readonly keyCounts = new Map<string, number>();
  private readonly typeCounts = new Map<EntityType, number>();
  private readonly units = new Map<string, UnitTotal>();
  /** Per line, its entities left out of counts, lookups and mentions (rejected by a researcher). */
  private excluded: Array<ReadonlySet<Entity> | undefined> = [];
  /** Which entities are left out (see setExclusion). */
  private exclusion: ((line: number, entity: Entity) => boolean) | undefined;
  /** Bumped on every change; lets callers drop stale work. */
  version = 0;

  constructor(text = '') {
    this.lines = splitLines(text);
    this.analysed = new Array<Entity[] | undefined>(this.lines.length).fill(undefined);
    this.generations = new Array<number>(this.lines.length).fill(0);
  }

  /** The current context generation: entities computed for an older one are shown until replaced, but their lines are pending. */
  get contextGeneration(): number {
    return this.generation;
  }

  /** Starts a new context generation (the document's context changed): every line is pending again, its entities kept meanwhile. */
  nextContextGeneration(): number {
    this.version++;
    return ++this.generation;
  }

  /** Number of lines. */
  get lineCount(): number {
    return this.lines.length;
  }

  /** Text of line `i` (without its line break). */
  lineText(i: number): string {
    return this.lines[i];
  }

  /** Replaces the whole text; every line needs analysis again. */
  setText(text: string): void {
    for (let i = 0; i < this.analysed.length; i++) this.forget(i);
    this.lines = splitLines(text);
    this.analysed = new Array<Entity[] | undefined>(this.lines.length).fill(undefined);
    this.generations = new Array<number>(this.lines.length).fill(this.generation);
    this.excluded = [];
    this.version++;
  }

  /**
   * Applies one edit; returns the range [from, to) of lines whose text
   * changed and which need analysis. Lines after it only move.
   */
  applyChange(change: LineChange): [number, number] {
    const { startLine, startCharacter, endLine, endCharacter, text } = change;
    const head = this.lines[startLine]?.slice(0, startCharacter) ?? '';
    const tail = this.lines[endLine]?.slice(endCharacter) ?? '';
    const replacement = splitLines(head + text + tail);
    for (let i = startLine; i <= endLine && i < this.lines.length; i++) this.forget(i);
    // no spread into splice: a paste of many lines would overflow the stack
    const count = endLine - startLine + 1;
    replaceRange(this.lines, startLine, count, replacement);
    replaceRange(this.analysed, startLine, count, new Array<Entity[] | undefined>(replacement.length).fill(undefined));
    replaceRange(this.generations, startLine, count, new Array<number>(replacement.length).fill(this.generation));
    if (this.excluded.length > startLine) replaceRange(this.excluded, startLine, count, new Array<ReadonlySet<Entity> | undefined>(replacement.length).fill(undefined));
    this.version++;
    return [startLine, startLine + replacement.length];
  }

  /** Indices of lines in [from, to) that have no analysis yet, or one for an older context. */
  pendingLines(from = 0, to = this.lines.length): number[] {
    const out: number[] = [];
    for (let i = Math.max(0, from); i < Math.min(to, this.lines.length); i++) if (this.analysed[i] === undefined || this.generations[i] !== this.generation) out.push(i);
    return out;
  }

  /** True when every line has its analysis. */
  get complete(): boolean {
    return this.pendingLines().length === 0;
  }

  /**
   * Stores the entities of line `i` if its text is still `text` (an answer
   * for text that has since changed is ignored); returns whether stored.
   * `generation` is the context generation they were computed for (the
   * current one unless given); a line stored for an older one stays pending.
   */
  setLineEntities(i: number, text: string, entities: Entity[], generation = this.generation): boolean {
    if (this.lines[i] !== text) return false;
    if (this.analysed[i] !== undefined && generation < this.generations[i]) return false; // a newer answer is there
    this.forget(i);
    this.analysed[i] = entities;
    this.generations[i] = generation;
    this.countLine(i);
    return true;
  }

  /**
   * Leaves entities out of counts, entityAt, entities() and mentionsOf (a
   * researcher rejected them); `rejectedEntities` lists them. The test gets
   * line-relative entities; undefined leaves none out. Recounts every line.
   */
  setExclusion(test: ((line: number, entity: Entity) => boolean) | undefined): void {
    for (let i = 0; i < this.analysed.length; i++) if (this.analysed[i]) this.uncountLine(i);
    this.exclusion = test;
    for (let i = 0; i < this.analysed.length; i++) if (this.analysed[i]) this.countLine(i);
    this.version++;
  }

  /** Whether an entity of line `i` is left out (rejected). */
  isExcluded(i: number, entity: Entity): boolean {
    return this.excluded[i]?.has(entity) ?? false;
  }

  /** The entities left out (rejected), with their lines, in document order (lines in [from, to)). */
  *rejectedEntities(from = 0, to = this.lines.length): Iterable<LineEntity> {
    for (let i = Math.max(0, from); i < Math.min(to, this.lines.length); i++) {
      const out = this.excluded[i];
      if (out) for (const entity of this.analysed[i] ?? []) if (out.has(entity)) yield { line: i, entity };
    }
  }

  private countLine(i: number): void {
    const entities = this.analysed[i] ?? [];
    let out: Set<Entity> | undefined;
    for (const e of entities) {
      if (this.exclusion?.(i, e)) {
        (out ??= new Set()).add(e);
        continue;
      }
      const key = entityKey(e);
      this.keyCounts.set(key, (this.keyCounts.get(key) ?? 0) + 1);
      this.typeCounts.set(e.type, (this.typeCounts.get(e.type) ?? 0) + 1);
      if (e.type === 'quantity' && typeof e.value === 'number') {
        const u = this.units.get(e.unit ?? '') ?? { count: 0, total: 0 };
        u.count++;
        u.total += e.value;
        this.units.set(e.unit ?? '', u);
      }
    }
    this.excluded[i] = out;
  }

  /** Entities of line `i` (relative offsets), or undefined while not analysed. */
  lineEntities(i: number): readonly Entity[] | undefined {
    return this.analysed[i];
  }

  /** The entity covering (line, character), if any. */
  entityAt(line: number, character: number): Entity | undefined {
    const out = this.excluded[line];
    const list = out ? this.analysed[line]?.filter((e) => !out.has(e)) : this.analysed[line];
    return list?.find((e) => e.start <= character && character < e.end) ?? list?.find((e) => e.end === character);
  }

  /** How many mentions share this entity's key in the document. */
  count(key: string): number {
    return this.keyCounts.get(key) ?? 0;
  }

  /** Mentions per key (departments by canonical name, others by text). */
  counts(): ReadonlyMap<string, number> {
    return this.keyCounts;
  }

  /** Entities per type. */
  countsByType(): ReadonlyMap<EntityType, number> {
    return this.typeCounts;
  }

  /** Count and total of the quantities with this unit. */
  unitTotal(unit: string): UnitTotal {
    return this.units.get(unit) ?? { count: 0, total: 0 };
  }

  /** Every analysed entity with its line, in document order (lines in [from, to)), rejected ones left out. */
  *entities(from = 0, to = this.lines.length): Iterable<LineEntity> {
    for (let i = Math.max(0, from); i < Math.min(to, this.lines.length); i++) {
      const list = this.analysed[i];
      const out = this.excluded[i];
      if (list) for (const entity of list) if (!out?.has(entity)) yield { line: i, entity };
    }
  }

  /** All entities with the same key, with their lines. */
  mentionsOf(key: string): LineEntity[] {
    const out: LineEntity[] = [];
    for (const le of this.entities()) if (entityKey(le.entity) === key) out.push(le);
    return out;
  }

  /** Entities with document-wide UTF-16 offsets (for export and actions); `eolLength` is 2 for CRLF documents. */
  absoluteEntities(eolLength = 1): Entity[] {
    const out: Entity[] = [];
    let offset = 0;
    for (let i = 0; i < this.lines.length; i++) {
      const list = this.analysed[i];
      if (list) for (const e of list) out.push({ ...e, start: e.start + offset, end: e.end + offset });
      offset += this.lines[i].length + eolLength;
    }
    return out;
  }

  private forget(i: number): void {
    if (!this.analysed[i]) return;
    this.uncountLine(i);
    this.analysed[i] = undefined;
  }

  private uncountLine(i: number): void {
    const list = this.analysed[i] ?? [];
    const out = this.excluded[i];
    this.excluded[i] = undefined;
    for (const e of list) {
      if (out?.has(e)) continue;
      const key = entityKey(e);
      const n = (this.keyCounts.get(key) ?? 0) - 1;
      if (n > 0) this.keyCounts.set(key, n);
      else this.keyCounts.delete(key);
      const t = (this.typeCounts.get(e.type) ?? 0) - 1;
      if (t > 0) this.typeCounts.set(e.type, t);
      else this.typeCounts.delete(e.type);
      if (e.type === 'quantity' && typeof e.value === 'number') {
        const u = this.units.get(e.unit ?? '');
        if (u) {
          u.count--;
          u.total -= e.value;
          if (u.count <= 0) this.units.delete(e.unit ?? '');
        }
      }
    }
  }
}

/** `a.splice(start, count, ...items)` in place, without spreading `items` into a call (any number of lines). */
export function replaceRange<T>(a: T[], start: number, count: number, items: readonly T[]): void {
  start = Math.min(Math.max(0, start), a.length);
  count = Math.min(Math.max(0, count), a.length - start);
  const delta = items.length - count;
  const tail = start + count; // first element kept after the replaced ones
  if (delta > 0) {
    const oldLength = a.length;
    a.length = oldLength + delta;
    for (let i = oldLength - 1; i >= tail; i--) a[i + delta] = a[i];
  } else if (delta < 0) {
    for (let i = tail; i < a.length; i++) a[i + delta] = a[i];
    a.length += delta;
  }
  for (let k = 0; k < items.length; k++) a[start + k] = items[k];
}
