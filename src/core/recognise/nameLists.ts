// People in the lists of official documents: the members of a leading group
// or committee, one per line or several to a line, after a role label
// (组    长：李文钢, 副组长：冯 镭, 成    员：巫振江（市府办）), before 同志
// at the start of a line (周菊芳同志任…校长), in a column
// before their organ (曹晓冬  经发办主任), or with their
// post or organ in brackets after the name (何洪明（市纪委）), or alone on a
// line of such a list (沈 慧). A one-character given name is often padded
// with a space to line up with the others (冯 镭): the space is part of the
// name as written. Appointments and removals (任命张三为…, 免去李四的…职务)
// name people too.
import { firstStartingFrom, tokenCovering } from '../text/search';
import type { Entity, Token } from '../types';
import { isSurnameAt } from './people';
import type { LineContext, Recogniser } from './recogniser';
import { Occupancy, SpanIndex } from './spans';

/** Role labels of a list, with the padding spaces of aligned layouts (组    长, 成    员). */
const ROLE_LABEL = /^(?:(?:第一|常务)?副?(?:组[ \u3000]*长|主[ \u3000]*任|指挥长|总指挥|召集人|主[ \u3000]*席|秘书长|部长|局长|会长|团长|队长|主编)|成[ \u3000]*员|组[ \u3000]*员|委[ \u3000]*员|顾[ \u3000]*问|联络员|办公室主任|负责人|参加人员|出席人员|列席人员)[ \u3000]*[：:][ \u3000]*/;
/** A name as a list writes it: a surname, padding, one or two given-name characters. */
const LISTED_NAME = /^([\u4e00-\u9fff]{1,2}?)([ \u3000]{0,3})([\u4e00-\u9fff]{1,2})(?=$|同志|[（(，,、；;。 \u3000]|$)/;
/** LISTED_NAME and the other patterns of a list entry, at a position of the line (sticky). */
const LISTED_NAME_AT = new RegExp(LISTED_NAME.source.slice(1), 'y');
const BRACKET_AT = /[（(][^（()）]{1,40}[）)]/y;
const GAP_AT = /(?:[ \t]{2,}|\u3000+)/y;
const SEPARATOR_AT = /[ \u3000]*[、，,；;]?[ \u3000]*/y;
/** Characters that never fill a given name (grammar words, the numbers of a list). */
const NOT_GIVEN = /[的了是在和与及或把被将对向从为之其所以也就又都还要而可这那些个们等说称讲到多少年月日号第一二三四五六七八九十条章节款项]/;
/** The same without the numerals and counters, for a name after an appointment verb (任命张三为…). */
const NOT_GIVEN_APPOINTED = /[的了是在和与及或把被将对向从为之其所以也就又都还要而可这那些个们等说称讲到多少年月日号第条章节款项]/;
/** Appointment and removal sentences: 任命X为, 免去X的…职务, 任命X同志为, 聘任X为. */
const APPOINTMENT = /(决定任命|同意任命|批准任命|任命|免去|聘任|聘请|提名|选举|接受)([\u4e00-\u9fff]{2,4}?)(?:同志)?(?:为|的|担任|兼任|[、，,])/g;

/** People in list layouts and appointments (registered after the person recogniser). */
export const nameLists: Recogniser = {
  name: 'name-lists',
  types: ['person'],
  needsTokens: true,
  overlap: 'ranked',
  recognise: (line, ctx) => recogniseListedNames(line, ctx),
};

/** The listed and appointed people of one line. */
export function recogniseListedNames(line: string, ctx: Pick<LineContext, 'tokens' | 'found' | 'isKnownName'>): Entity[] {
  const out: Entity[] = [];
  // indexed, and the regular expressions run at a position of the line (sticky), not on its rest:
  // a long list stays linear (issue 13)
  const found = new SpanIndex(ctx.found.filter((x) => x.type !== 'place'));
  const organStarts = new Set(ctx.found.filter((x) => x.type === 'department' || x.type === 'organization').map((x) => x.start));
  const mine = new Occupancy(line.length);
  const take = (x: Entity) => {
    out.push(x);
    mine.add(x.start, x.end);
  };
  const busy = (s: number, e: number) => found.overlaps(s, e) || mine.overlaps(s, e);
  const at = (re: RegExp, p: number) => {
    re.lastIndex = p;
    return re.exec(line);
  };
  let lastText = line.length - 1; // the last character that is not white space
  while (lastText >= 0 && /\s/.test(line[lastText])) lastText--;
  // 1. A list entry: a role label or the start of the line, then names with their brackets.
  const trimmed = line.length - line.trimStart().length;
  let pos = trimmed;
  const label = ROLE_LABEL.exec(line.slice(pos));
  if (label) pos += label[0].length;
  let entries = 0;
  for (;;) {
    const m = at(LISTED_NAME_AT, pos);
    if (!m) break;
    const [whole, surname, gap, given] = m;
    const start = pos;
    const end = pos + whole.length;
    const bracket = at(BRACKET_AT, end);
    const alone = lastText < end && entries === 0; // nothing but white space after it
    // a column layout: the name, a wide gap, its organ (曹晓冬  经发办主任)
    const gapAfter = at(GAP_AT, end);
    const columned = !!gapAfter && organStarts.has(end + gapAfter[0].length);
    const ok =
      surnameOk(line, start, surname) &&
      !NOT_GIVEN.test(given) &&
      (whole.length - gap.length <= 4) &&
      // evidence: a role label, a bracket with the post or organ, padding inside the name, or a line that is only names
      (!!label || !!bracket || gap.length > 0 || columned || (line.startsWith('同志', end) && wholeLineName(ctx.tokens, start, end)) || (alone && wholeLineName(ctx.tokens, start, end)) || entries > 0) &&
      !ctx.isKnownName(surname + given) &&
      !busy(start, end);
    if (!ok) break;
    take({ type: 'person', start, end, text: line.slice(start, end) });
    entries++;
    pos = end + (bracket ? bracket[0].length : 0);
    const sep = at(SEPARATOR_AT, pos)![0];
    if (pos + sep.length >= line.length || sep.length === 0) break;
    pos += sep.length;
  }
  // 2. Appointments and removals inside running text.
  if (line.includes('任') || line.includes('免') || line.includes('聘') || line.includes('选举') || line.includes('提名')) {
    for (const m of line.matchAll(APPOINTMENT)) {
      const name = m[2];
      const start = m.index + m[1].length;
      const end = start + name.length;
      // the appointment verb is the evidence: a given name may hold a numeral character (张三, 李三强), not a function word
      if (!surnameOk(line, start, name.slice(0, 1)) || NOT_GIVEN_APPOINTED.test(name.slice(1)) || ctx.isKnownName(name) || busy(start, end)) continue;
      take({ type: 'person', start, end, text: name });
    }
  }
  return out;
}

/** Whether the name's first one or two characters are a surname. */
function surnameOk(line: string, start: number, surname: string): boolean {
  return isSurnameAt(line, start) === surname.length || (surname.length === 1 && isSurnameAt(line, start) > 0);
}

/** Whether the tokenizer read [start, end) as a name, unknown words or single characters, not as a word of the dictionary (高度, 程序). */
function wholeLineName(tokens: readonly Token[], start: number, end: number): boolean {
  // the tokens that overlap [start, end) (sorted, not overlapping each other)
  let k = tokenCovering(tokens, start);
  if (k < 0) k = firstStartingFrom(tokens, start);
  for (; k < tokens.length && tokens[k].start < end; k++) {
    const t = tokens[k];
    if (t.end <= start || t.start >= end) continue;
    if (t.start < start || t.end > end) return false;
    if (t.word.length > 1 && !/^(?:nr|nrfg|nrt|x)$/.test(t.tag)) return false;
  }
  return true;
}
