// The recognisers, registered in one ordered list (after spaCy's pipeline of
// registered components: each says what it assigns and what it needs). The
// Annotator runs them in this order on every line or sentence, gives each
// what it asks for (the tokens, the candidates found before it) and resolves
// the overlaps of their candidates once, at the end.
//
// Adding a recogniser: write it in its own file of this folder, add it to
// PIPELINE below; the entity types it assigns are in ../types.ts.
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

/**
 * Keeps `fixed` (documents, terms: annotations are flat, nothing inside them
 * is marked) and the candidates that do not overlap them or a better one:
 * the longer wins; on equal length, the type earlier in ENTITY_PRIORITY; then
 * the earlier start.
 */
export function resolveOverlaps(fixed: readonly Entity[], candidates: readonly Entity[]): Entity[] {
  const rank = (e: Entity) => ENTITY_PRIORITY.indexOf(e.type);
  const sorted = [...candidates].sort((a, b) => b.end - b.start - (a.end - a.start) || rank(a) - rank(b) || a.start - b.start);
  const taken: Entity[] = [...fixed];
  for (const c of sorted) {
    if (c.end <= c.start) continue;
    if (taken.some((t) => t.start < c.end && c.start < t.end)) continue;
    taken.push(c);
  }
  return taken.sort((a, b) => a.start - b.start || a.end - b.end);
}
