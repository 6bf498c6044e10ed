// Gold fixtures for the recogniser tests: the dev texts and their gold
// entities of one type, offsets converted from code points to UTF-16.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { OffsetMap } from '../../src/core/text/offsets';
import type { Entity } from '../../src/core/types';

/** Folder of the fixtures, from the compiled test's place (out/test/unit). */
export const FIXTURES = path.join(__dirname, '../../../test/fixtures');

/** A dev text and its gold entities of `type` (UTF-16 offsets). */
export function loadGold(name: string, type: string): { text: string; gold: Entity[] } {
  const text = fs.readFileSync(path.join(FIXTURES, `${name}.txt`), 'utf8').replace(/^\uFEFF/, '');
  const json = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'gold', `${name}.json`), 'utf8'));
  const map = new OffsetMap(text);
  const gold = (json.entities as Entity[]).filter((e) => e.type === type).map((e) => ({ ...e, start: map.toUtf16(e.start), end: map.toUtf16(e.end) }));
  return { text, gold };
}

/** Exact-span F1 of predicted against gold entities (1 when both are empty); `same` adds a condition on matched pairs. */
export function spanF1(pred: Entity[], gold: Entity[], same: (p: Entity, g: Entity) => boolean = () => true): number {
  if (pred.length === 0 && gold.length === 0) return 1;
  const g = new Map(gold.map((e) => [`${e.start}:${e.end}`, e]));
  let tp = 0;
  for (const p of pred) {
    const m = g.get(`${p.start}:${p.end}`);
    if (m && same(p, m)) tp++;
  }
  return (2 * tp) / (pred.length + gold.length);
}
