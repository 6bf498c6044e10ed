// The posts a person holds in a document, read from the words around each
// mention: a title before the name with the organ it belongs to
// (海拉尔区人民政府区长 杨国宏, 贵州省政协原党组书记、主席王富玉), a title after
// it (王富玉书记), and appointments (任命张三为市财政局局长, 张三同志任…局长,
// 免去张三的市财政局局长职务). The hover lists them.
import type { Entity } from '../types';

/** Titles of office, longest first in the alternation (a 副/常务副 and 原 may stand before). */
const TITLE = '(?:党组|党委|党工委)?(?:第一|常务)?副?(?:书记|副书记|主席|副主席|主任|副主任|委员长|部长|局长|厅长|处长|科长|司长|署长|' +
  '省长|市长|县长|区长|州长|旗长|盟长|镇长|乡长|村长|院长|检察长|庭长|所长|站长|校长|馆长|行长|会长|理事长|秘书长|总经理|经理|董事长|董事|' +
  '组长|队长|主任委员|常委|委员|成员|巡视员|调研员|一级巡视员|二级巡视员|一级调研员|二级调研员|三级调研员|四级调研员|总工程师|总经济师|总会计师|' +
  '总理|副总理|国务委员|发言人|新闻发言人|代区长|代市长|代县长|代省长)';
/** A title list right before a name: 原党组书记、主席 | 区长 + ideographic spaces | 副局长 */
const TITLE_BEFORE = new RegExp(`(?:原|时任|现任)?${TITLE}(?:[、，和及](?:原)?${TITLE})*[ \\u3000:：]{0,3}$`);
/** A title right after a name (王富玉书记, 张三局长). */
const TITLE_AFTER = new RegExp(`^(?:同志)?(?:${TITLE})`);
/** An appointment: 任命/任/提名 NAME 为 POST; NAME(同志)任 POST; 免去 NAME(同志)的 POST 职务. */
const APPOINTED_AS = /^(?:同志)?为([\u4e00-\u9fff、]{2,30}?)(?:[，。；,;（(]|职务|$)/;
const TAKES_POST = /^(?:同志)?(?:任|担任|兼任|代理)([\u4e00-\u9fff、]{2,30}?)(?:[，。；,;（(]|职务|$)/;
const REMOVED_FROM = /^(?:同志)?的([\u4e00-\u9fff、]{2,30}?)职务/;

/** The posts of person mention `e` in its line (UTF-16 offsets in `line`), with the line's other entities. */
export function postsAt(line: string, e: Entity, lineEntities: readonly Entity[]): string[] {
  const out: string[] = [];
  const before = line.slice(Math.max(0, e.start - 30), e.start);
  const m = TITLE_BEFORE.exec(before);
  if (m) {
    let start = e.start - m[0].length;
    // the organ the title belongs to, right before it (海拉尔区人民政府|区长, 省政协|原党组书记)
    const organ = lineEntities.find((x) => (x.type === 'department' || x.type === 'organization') && x.end === start);
    if (organ) start = organ.start;
    out.push(line.slice(start, e.start).replace(/[ \u3000:：]+$/, ''));
  }
  const after = line.slice(e.end, e.end + 40);
  const t = TITLE_AFTER.exec(after);
  if (t && t[0] !== '同志') out.push(t[0].replace(/^同志/, ''));
  const appointed = /(?:任命|提名|任|聘任|聘)$/.test(line.slice(Math.max(0, e.start - 2), e.start)) ? APPOINTED_AS.exec(after) : null;
  if (appointed) out.push(appointed[1]);
  const takes = TAKES_POST.exec(after);
  if (takes && !appointed) out.push(takes[1]);
  const removed = /免去$/.test(line.slice(Math.max(0, e.start - 2), e.start)) ? REMOVED_FROM.exec(after) : null;
  if (removed) out.push(`${removed[1]}（免去）`);
  return out.filter((p) => p.length >= 2);
}

/** The posts of a person over its mentions (each mention with its line and the line's entities), in order, once each. */
export function postsOf(mentions: ReadonlyArray<{ line: string; entity: Entity; lineEntities: readonly Entity[] }>): string[] {
  const seen = new Set<string>();
  for (const m of mentions) for (const p of postsAt(m.line, m.entity, m.lineEntities)) seen.add(p);
  return [...seen];
}
