// The editor's budget for one line (issue 13): no line may keep the engine
// worker busy for long. A line up to SLICE_FROM characters is analysed whole
// (every line of the real documents is); a longer one in slices of at most
// SLICE characters cut after a sentence end (。；！？: entities never cross
// one, the guide), each analysed as a line of its own and its offsets shifted
// back; a line longer than LIMIT, or with a stretch of more than SLICE
// characters without a sentence end, is skipped (no entities) and the editor
// says so in the status bar. The CLI analyses every line whole (the
// recognisers are linear in the line's length).
import type { Entity } from '../types';

/** Lines up to this length are analysed whole. */
export const SLICE_FROM = 20_000;
/** The longest slice of a long line. */
export const SLICE = 10_000;
/** Lines longer than this are skipped by the editor. */
export const LIMIT = 100_000;

/** Characters after which a long line may be cut. */
const SENTENCE_END = /[。；！？!?;]/;

/** How the editor analyses a line. */
export type LinePlan =
  | { kind: 'whole' }
  /** Slices [start, end) covering the line, in order. */
  | { kind: 'sliced'; slices: Array<[number, number]> }
  | { kind: 'skipped'; reason: 'length' | 'no-sentence-end' };

/** The editor's plan for one line (see the file's comment). */
export function planLine(line: string): LinePlan {
  if (line.length <= SLICE_FROM) return { kind: 'whole' };
  if (line.length > LIMIT) return { kind: 'skipped', reason: 'length' };
  const slices: Array<[number, number]> = [];
  let start = 0;
  while (line.length - start > SLICE) {
    // the last sentence end of the window [start + SLICE / 2, start + SLICE): slices stay large
    let cut = -1;
    for (let i = start + SLICE - 1; i >= start + SLICE / 2; i--) {
      if (SENTENCE_END.test(line[i])) {
        cut = i + 1;
        break;
      }
    }
    if (cut < 0) {
      // none near the boundary: the nearest one before it
      for (let i = start + SLICE / 2 - 1; i > start; i--) {
        if (SENTENCE_END.test(line[i])) {
          cut = i + 1;
          break;
        }
      }
    }
    if (cut < 0) return { kind: 'skipped', reason: 'no-sentence-end' };
    slices.push([start, cut]);
    start = cut;
  }
  slices.push([start, line.length]);
  return { kind: 'sliced', slices };
}

/**
 * Entities of each line within the budget: `annotateLines` analyses a batch
 * of short texts (whole lines and slices); the slices' entities are shifted
 * back into their lines; skipped lines have none.
 */
export function annotateWithinBudget(lines: readonly string[], annotateLines: (texts: string[]) => Entity[][]): Entity[][] {
  const texts: string[] = [];
  /** For each line: the indexes in `texts` of its parts and their offsets, or undefined when skipped. */
  const parts: Array<Array<[number, number]> | undefined> = [];
  for (const line of lines) {
    const plan = planLine(line);
    if (plan.kind === 'skipped') {
      parts.push(undefined);
    } else if (plan.kind === 'whole') {
      parts.push([[texts.length, 0]]);
      texts.push(line);
    } else {
      const own: Array<[number, number]> = [];
      for (const [a, b] of plan.slices) {
        own.push([texts.length, a]);
        texts.push(line.slice(a, b));
      }
      parts.push(own);
    }
  }
  const results = texts.length > 0 ? annotateLines(texts) : [];
  return parts.map((own) => {
    if (!own) return [];
    if (own.length === 1 && own[0][1] === 0) return results[own[0][0]];
    const out: Entity[] = [];
    for (const [k, offset] of own) for (const e of results[k]) out.push({ ...e, start: e.start + offset, end: e.end + offset });
    return out;
  });
}

/** The first line of `lines` the editor skips, with its length and why, or undefined. */
export function firstSkippedLine(lines: Iterable<string>): { line: number; length: number; reason: 'length' | 'no-sentence-end' } | undefined {
  let i = 0;
  for (const text of lines) {
    if (text.length > SLICE_FROM) {
      const plan = planLine(text);
      if (plan.kind === 'skipped') return { line: i, length: text.length, reason: plan.reason };
    }
    i++;
  }
  return undefined;
}
