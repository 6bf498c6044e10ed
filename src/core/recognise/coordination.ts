// Coordinated names: sub-units of one organ written side by side with a
// conjunction (科技部战略规划司和基础研究司) are two departments, the organ's
// name carried into the second (the guide's "Coordinated sub-units").
import type { Entity } from '../types';
import type { OrganInfo } from './gazetteer';

/** Two sub-units of one organ joined by a conjunction: the first ends in a sub-unit's head, the second does too (科技部战略规划司和基础研究司). */
const COORDINATED_SUBUNITS = /^(.{4,}?(?:司|局|处|室|厅|办公室))(和|与|及|、)([\u4e00-\u9fff]{2,12}(?:司|局|处|室|厅|办公室))$/;

/**
 * Sub-units of one organ written side by side (科技部战略规划司和基础研究司)
 * are two departments, each of the organ (the guide): the first keeps the
 * organ's name, the second has it carried into its canonical and parent. A
 * name with a conjunction inside one unit's name (政策法规与创新体系建设司,
 * 对外投资和经济合作司) is not split: its first part ends in no unit's head.
 */
export function splitCoordinatedSubunits(entities: Entity[], lookup: (mention: string) => OrganInfo | undefined): Entity[] {
  if (!entities.some((e) => e.type === 'department' && e.parent && /[和与及、]/.test(e.text))) return entities;
  const out: Entity[] = [];
  for (const e of entities) {
    const m = e.type === 'department' && e.parent ? COORDINATED_SUBUNITS.exec(e.text) : null;
    const first = m ? lookup(m[1]) : undefined;
    if (!m || !first || first.canonical !== e.canonical || !first.parent) {
      out.push(e);
      continue;
    }
    const secondStart = e.start + m[1].length + m[2].length;
    out.push({ ...e, end: e.start + m[1].length, text: m[1] });
    out.push({ type: 'department', start: secondStart, end: e.end, text: m[3], canonical: e.canonical, parent: e.parent });
  }
  return out;
}
