// The recognisers, registered in one ordered list (after spaCy's pipeline of
// registered components: each says what it assigns and what it needs). The
// Annotator runs them in this order on every line or sentence, gives each
// what it asks for (the tokens, the candidates found before it) and resolves
// the overlaps of their candidates once, at the end.
//
// Adding a recogniser: write it in its own file of this folder, add it to
// PIPELINE below; the entity types it assigns are in ../types.ts.
import { upperBound } from '../text/search';
import { ENTITY_PRIORITY, type Entity } from '../types';
import { recogniseDates } from './dates';
import { areas } from './areas';
import { bareUnits } from './bareUnits';
import { levelOrgans } from './levelOrgans';
import { nameLists } from './nameLists';
import { NameRecogniser } from './names';
import { recognisePeople } from './people';
import { recogniseQuantities } from './quantities';
import { recogniseQuoted } from './quotes';
import type { Recogniser } from './recogniser';
import { Occupancy } from './spans';

export type { LineContext, Recogniser } from './recogniser';

/** The recognisers in the order they run (a later one sees the candidates of the earlier ones). */
export function defaultPipeline(): Recogniser[] {
  const names = new NameRecogniser();
  return [
    { name: 'quotes', types: ['document', 'term'], needsTokens: false, overlap: 'fixed', recognise: (line) => recogniseQuoted(line) },
    { name: 'quantities', types: ['quantity'], needsTokens: false, overlap: 'ranked', recognise: (line) => recogniseQuantities(line) },
    { name: 'dates', types: ['date'], needsTokens: false, overlap: 'ranked', recognise: (line) => recogniseDates(line) },
    // before the names: a level organ and a name of the same span are one organ, named by its level (市科技局 after 网信办 is no sub-unit of it)
    levelOrgans,
    areas,
    {
      name: 'names',
      types: ['department', 'organization', 'place'],
      needsTokens: true,
      overlap: 'ranked',
      recognise: (line, ctx) => names.recognise(line, ctx.tokens),
      dictionaryWords: () => names.dictionaryWords(),
      isKnownName: (word) => names.isKnownName(word),
    },
    // after the names and level organs: a unit written bare is one where it stands in their lists
    bareUnits,
    {
      name: 'people',
      types: ['person'],
      needsTokens: true,
      overlap: 'ranked',
      // a name found by its cues alone never overlaps a department, organization or place found before
      recognise: (line, ctx) => recognisePeople(line, ctx.tokens, ctx.found.filter((e) => e.type === 'department' || e.type === 'organization' || e.type === 'place'), (w) => ctx.isKnownName(w)),
    },
    nameLists,
  ];
}

/** Each type's place in ENTITY_PRIORITY. */
const RANK = new Map<string, number>(ENTITY_PRIORITY.map((t, i) => [t, i]));

/**
 * Keeps `fixed` (documents, terms: annotations are flat, nothing inside them
 * is marked) and the candidates that do not overlap them or a better one:
 * the longer wins; on equal length, the type earlier in ENTITY_PRIORITY; then
 * the earlier start. O(n log n): the positions taken are kept in a Fenwick
 * tree (spans.ts), not scanned for every candidate.
 */
export function resolveOverlaps(fixed: readonly Entity[], candidates: readonly Entity[]): Entity[] {
  const rankOf = (e: Entity) => RANK.get(e.type) ?? -1;
  const sorted = candidates.slice().sort((a, b) => b.end - b.start - (a.end - a.start) || rankOf(a) - rankOf(b) || a.start - b.start);
  let size = 0;
  for (const e of fixed) size = Math.max(size, e.end);
  for (const e of candidates) size = Math.max(size, e.end);
  const occupied = new Occupancy(size);
  // an empty fixed span takes no position but still blocks a candidate strictly around it
  const points: number[] = [];
  for (const t of fixed) {
    if (t.end > t.start) occupied.add(t.start, t.end);
    else points.push(t.start);
  }
  points.sort((a, b) => a - b);
  const aroundPoint = (s: number, e: number) => {
    const lo = upperBound(points, s);
    return lo < points.length && points[lo] < e;
  };
  const taken: Entity[] = fixed.slice();
  for (const c of sorted) {
    if (c.end <= c.start) continue;
    if (occupied.overlaps(c.start, c.end) || (points.length > 0 && aroundPoint(c.start, c.end))) continue;
    occupied.add(c.start, c.end);
    taken.push(c);
  }
  return taken.sort((a, b) => a.start - b.start || a.end - b.end);
}
