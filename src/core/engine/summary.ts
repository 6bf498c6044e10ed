// A compact per-file summary for the workspace index: counts per key and
// type, department mentions and actions with line/character positions.
// Computed in the worker so that only this small object crosses threads.
import { lowerBound } from '../text/search';
import type { Action, Entity, EntityType } from '../types';
import { entityKey } from '../types';

/** A position in a file (0-based line, UTF-16 character, like VS Code). */
export interface LinePosition {
  line: number;
  character: number;
}

/** A department mention in a file. */
export interface MentionSummary extends LinePosition {
  text: string;
  parent?: string;
  length: number;
}

/** An action in a file. */
export interface ActionSummary extends LinePosition {
  department: string;
  verb: string;
  object: string;
  length: number;
  role?: 'lead' | 'support';
}

/** What the workspace index keeps per file. */
export interface FileSummary {
  counts: Array<[string, number]>;
  types: Array<[EntityType, number]>;
  departments: Array<{ canonical: string; mentions: MentionSummary[] }>;
  /** Mentions of every other key, as flat [line, character, length, …] triples (for Find All References). */
  positions: Array<[string, number[]]>;
  actions: ActionSummary[];
}

/** Maps UTF-16 offsets to line/character. */
export function lineIndex(text: string): (offset: number) => LinePosition {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
  }
  return (offset) => {
    // the last line starting at or before offset
    const line = lowerBound(starts, offset + 1) - 1;
    return { line, character: offset - starts[line] };
  };
}

/** Summarises one file's entities and actions (UTF-16 offsets into `text`). */
export function summarize(text: string, entities: readonly Entity[], actions: readonly Action[]): FileSummary {
  const at = lineIndex(text);
  const counts = new Map<string, number>();
  const types = new Map<EntityType, number>();
  const departments = new Map<string, MentionSummary[]>();
  const positions = new Map<string, number[]>();
  for (const e of entities) {
    const key = entityKey(e);
    counts.set(key, (counts.get(key) ?? 0) + 1);
    types.set(e.type, (types.get(e.type) ?? 0) + 1);
    if (!(e.type === 'department' && e.canonical)) {
      const p = at(e.start);
      const list = positions.get(key) ?? [];
      list.push(p.line, p.character, e.end - e.start);
      positions.set(key, list);
    }
    if (e.type === 'department' && e.canonical) {
      const list = departments.get(e.canonical) ?? [];
      const m: MentionSummary = { text: e.text, length: e.end - e.start, ...at(e.start) };
      if (e.parent) m.parent = e.parent;
      list.push(m);
      departments.set(e.canonical, list);
    }
  }
  return {
    counts: [...counts],
    types: [...types],
    departments: [...departments].map(([canonical, mentions]) => ({ canonical, mentions })),
    positions: [...positions],
    actions: actions.map((a) => ({ department: a.department, verb: a.verb, object: a.object, length: a.end - a.start, ...(a.role ? { role: a.role } : {}), ...at(a.start) })),
  };
}
