// An organ speaking of itself: 我部, 我委, 我局, 本院 … in a report, reply or
// work report stand for the organ that wrote that part of the document — the
// author of the attachment it is in (附件1 under a list 附件：1.国土资源部关于…的报告),
// else the document's issuer (its title line), else the organ of that kind the
// document names most. The actions reader takes such a word as that organ.
import type { Entity } from '../types';

/** 我部, 我委, 我局, 我厅, 我署, 我办, 我院, 我行, 本委, 本局, 本院 … (not 我部门, 我院校, 本部). */
const SELF = /(?:我|本)([部委局厅署办院行])(?![门分校长级内外])/g;

/** A self-reference found in the text: its span and the department mention it stands for. */
export interface SelfReference {
  start: number;
  end: number;
  ent: number;
}

/** A line of an attachment list (附件：1.国土资源部关于…, 2.…) or an attachment's heading (附件1). */
const LIST_ITEM = /^(?:附件[：:]\s*)?(\d+)[.．、]\s*/;
const ATTACHMENT_HEADING = /^附件\s*(\d+)\s*$/;

/** The self-references of a text with the department mentions they stand for. */
export function selfReferences(text: string, entities: readonly Entity[]): SelfReference[] {
  const hits = [...text.matchAll(SELF)];
  if (hits.length === 0) return [];
  const depts: number[] = [];
  for (let i = 0; i < entities.length; i++) if (entities[i].type === 'department') depts.push(i);
  if (depts.length === 0) return [];
  const name = (i: number) => entities[i].canonical ?? entities[i].text;
  const endsWith = (i: number, head: string) => entities[i].text.endsWith(head) || name(i).endsWith(head);

  // Attachments: their authors (from the list) and where each begins (its heading).
  const authors = new Map<string, number>();
  const sections: Array<{ start: number; n: string }> = [];
  let lineStart = 0;
  let inList = false;
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    const heading = ATTACHMENT_HEADING.exec(trimmed);
    const item = LIST_ITEM.exec(trimmed);
    if (heading) sections.push({ start: lineStart, n: heading[1] });
    else if (item && (trimmed.startsWith('附件') || inList)) {
      inList = true;
      const at = lineStart + line.indexOf(trimmed) + item[0].length;
      const d = depts.find((i) => entities[i].start === at);
      if (d !== undefined && /^关于/.test(text.slice(entities[d].end, entities[d].end + 2))) authors.set(item[1], d);
    } else inList = false;
    lineStart += line.length + 1;
  }
  // The issuer: a department that opens the first line (国务院办公厅关于…).
  const firstLineEnd = text.indexOf('\n') < 0 ? text.length : text.indexOf('\n');
  const issuer = depts.find((i) => entities[i].start <= 2 && entities[i].end <= firstLineEnd);
  const counts = new Map<string, number>();
  for (const i of depts) counts.set(name(i), (counts.get(name(i)) ?? 0) + 1);

  const out: SelfReference[] = [];
  for (const m of hits) {
    const start = m.index;
    const head = m[1];
    let ent: number | undefined;
    const section = sections.filter((s) => s.start <= start).pop();
    const author = section && authors.get(section.n);
    if (author !== undefined && endsWith(author, head)) ent = author;
    else if (!section && issuer !== undefined && endsWith(issuer, head)) ent = issuer;
    else {
      // the organ of that kind named most before it (its last mention)
      let best = 0;
      let bestName: string | undefined;
      for (const i of depts) {
        if (entities[i].start > start || !endsWith(i, head)) continue;
        const c = counts.get(name(i))!;
        if (c > best) [best, bestName] = [c, name(i)];
        if (name(i) === bestName) ent = i;
      }
    }
    if (ent !== undefined) out.push({ start, end: start + 2, ent });
  }
  return out;
}
