// The order of quantities in the Entities view: grouped by unit (名 with
// 名, 元 with 元), by value within a unit. With the 'name' sort the groups
// follow their smallest value (the list reads upwards, 120吨 before
// 1.75万名 before 3.33亿元); with the 'count' sort the unit with most
// mentions comes first. Quantities without a parsed value follow their
// unit's valued ones, by text.

/** What the order needs of a quantity node. */
export interface SortableQuantity {
  label: string;
  count: number;
  value?: number;
  /** "" when none is written; undefined when unknown. */
  unit?: string;
}

const collator = new Intl.Collator('zh-CN');

/** A new array of the quantities in view order. */
export function sortQuantities<T extends SortableQuantity>(items: readonly T[], sort: 'name' | 'count'): T[] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = item.unit ?? '\u0000unknown';
    const list = groups.get(key);
    if (list) list.push(item);
    else groups.set(key, [item]);
  }
  const byValue = (a: T, b: T) => {
    if (a.value !== undefined && b.value !== undefined && a.value !== b.value) return a.value - b.value;
    if ((a.value === undefined) !== (b.value === undefined)) return a.value === undefined ? 1 : -1;
    return collator.compare(a.label, b.label);
  };
  const ordered = [...groups.entries()].map(([unit, list]) => {
    list.sort(byValue);
    const smallest = list[0].value;
    const mentions = list.reduce((s, q) => s + q.count, 0);
    return { unit, list, smallest, mentions };
  });
  ordered.sort((a, b) => {
    if (sort === 'count' && a.mentions !== b.mentions) return b.mentions - a.mentions;
    if (a.smallest !== undefined && b.smallest !== undefined && a.smallest !== b.smallest) return a.smallest - b.smallest;
    if ((a.smallest === undefined) !== (b.smallest === undefined)) return a.smallest === undefined ? 1 : -1;
    return collator.compare(a.unit, b.unit);
  });
  const out: T[] = [];
  for (const g of ordered) for (const q of g.list) out.push(q);
  return out;
}
