// Responsibility lists: the tasks of a division-of-labour document and the
// units that carry them out (the annotation guide, "Responsibility lists").
//   …健全机制。（牵头单位：市发改委；配合单位：市财政局、市人社局）
//   …（责任单位：市教育局）
//   …（人力资源社会保障部、财政部负责。列第一位者为牵头单位，下同）
//   由市发改委牵头、市财政局配合
// Each unit that is a department gets one action for the task: the task's
// first verb (after its numbering and a label such as 金融支持：, past
// prepositions and frames: 以…为核心, 依托, 通过), with role "lead" or
// "support". Organizations in a list (团市委, 资产集团) and generic units
// (各区镇) get none. Paragraphs under a heading whose list they share (no list
// of their own) are tasks of that list too.
import type { Action, Entity, Token } from '../types';
import { VERBS } from './lexicon';

/** A list's role labels. */
const LEAD_LABEL = /(?:牵头单位|牵头部门|主办单位|主责单位|牵头)[：:]/;
const SUPPORT_LABEL = /(?:配合单位|配合部门|协办单位|参与单位|协同单位|责任单位|责任部门)[：:]/;
/** Anything that makes a bracket a responsibility list. */
const LIST_CUE = /(?:牵头单位|牵头部门|责任单位|责任部门|配合单位|配合部门|协办单位|参与单位|主办单位|主责单位)[：:]|负责[。；;]?(?:列第一位|$)|[^，,]牵头[，,、；;]|配合[）)]?$/;
/** The convention that the first unit named leads (列第一位者为牵头单位). */
const FIRST_LEADS = /列第一位者?为牵头单位/;
/** 由X牵头、Y配合 inside a sentence. */
const LED_BY = /由([^，。；、（）]{2,40}?)牵头(?:[，、,]([^，。；（）]{2,60}?)(?:配合|参与|协同|共同参与))?/g;
/** Numbering at a paragraph's start (一、 （一） 1. 第一,). */
const NUMBERING = /^[\s\u3000]*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．]|第[一二三四五六七八九十]+[，、]?)\s*/;
/** A heading paragraph: numbered (一、 （一）). */
const HEADING = /^[\s\u3000]*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)])/;
/** Words before the task's verb that are not it: prepositions and frames (以…为核心, 依托, 通过, 围绕, 按照). */
const NOT_TASK_VERB = new Set(['以', '依托', '通过', '围绕', '按照', '根据', '依据', '结合', '立足', '坚持', '为', '在', '对', '把', '将', '是', '有', '要', '应', '应当', '可', '可以', '进一步', '作为', '成为']);
/** Tags of verbs. */
const VERB_TAG = /^(?:v|vd|vn)$/;
/** Where a task's object ends. */
const OBJECT_END = /[，,。；;：:！？（(]/;

/** A responsibility list found in the text. */
interface List {
  /** The span of the list (its brackets included). */
  start: number;
  end: number;
  /** Department mentions named in it (indexes into the entities) with their roles. */
  units: Array<{ mention: number; role: 'lead' | 'support' }>;
}

/**
 * The actions of the responsibility lists in `text`, and the spans of the
 * lists (the reader of ordinary clauses skips them: a list is no clause).
 */
export function responsibilityActions(text: string, entities: readonly Entity[], tokenize: (s: string) => Token[]): { actions: Action[]; lists: Array<[number, number]> } {
  const actions: Action[] = [];
  const lists: Array<[number, number]> = [];
  if (!/牵头|责任单位|责任部门|配合单位|负责/.test(text)) return { actions, lists };
  const firstLeads = FIRST_LEADS.test(text);
  let headingList: List | undefined;
  let lineStart = 0;
  /** The last paragraph that was not a list: the task of a list written on a line of its own. */
  let previous: [number, number] | undefined;
  for (const line of text.split('\n')) {
    const ls = lineStart;
    lineStart += line.length + 1;
    if (line.trim() === '') continue;
    const found = listsIn(text, ls, ls + line.length, entities, firstLeads);
    for (const l of found) lists.push([l.start, l.end]);
    const isHeading = HEADING.test(line);
    if (isHeading) headingList = undefined;
    const own = found.filter((l) => l.units.length > 0);
    const wholeLine = found.length > 0 && found[0].start === ls && found[0].end === ls + line.length;
    // the task of a list: the paragraph it ends (or, on a line of its own, the paragraph before it);
    // a heading's list also covers the paragraphs under it that have none
    const applied = own.length > 0 ? own : headingList ? [headingList] : [];
    if (isHeading && own.length > 0) headingList = own[own.length - 1];
    const task: [number, number] | undefined = wholeLine ? previous : [ls, own.length > 0 ? own[0].start : ls + line.length];
    if (!wholeLine) previous = [ls, ls + line.length];
    if (applied.length === 0 || !task) continue;
    const verb = taskVerb(text, task[0], task[1], tokenize);
    if (!verb) continue;
    for (const l of applied) {
      for (const u of l.units) {
        const e = entities[u.mention];
        actions.push({ department: e.canonical ?? e.text, mention: u.mention, verb: text.slice(verb.start, verb.end), start: verb.start, end: verb.end, object: text.slice(verb.end, verb.objectEnd), objectStart: verb.end, objectEnd: verb.objectEnd, role: u.role });
      }
    }
  }
  // 由X牵头、Y配合, in running text: the verb is the first after it
  for (const m of text.matchAll(LED_BY)) {
    const start = m.index;
    const end = start + m[0].length;
    if (lists.some(([a, b]) => a <= start && end <= b)) continue;
    const leadEnd = start + 1 + m[1].length;
    const units: List['units'] = [];
    entities.forEach((e, i) => {
      if (e.type !== 'department' || e.start < start || e.end > end) return;
      units.push({ mention: i, role: e.end <= leadEnd ? 'lead' : 'support' });
    });
    if (units.length === 0) continue;
    const lineEnd = text.indexOf('\n', end) < 0 ? text.length : text.indexOf('\n', end);
    const verb = taskVerb(text, end, lineEnd, tokenize);
    if (!verb) continue;
    lists.push([start, end]);
    for (const u of units) {
      const e = entities[u.mention];
      actions.push({ department: e.canonical ?? e.text, mention: u.mention, verb: text.slice(verb.start, verb.end), start: verb.start, end: verb.end, object: text.slice(verb.end, verb.objectEnd), objectStart: verb.end, objectEnd: verb.objectEnd, role: u.role });
    }
  }
  return { actions, lists };
}

/** The responsibility lists in text[from, to): brackets (balanced) whose content names units by role. */
function listsIn(text: string, from: number, to: number, entities: readonly Entity[], firstLeads: boolean): List[] {
  const out: List[] = [];
  for (let i = from; i < to; i++) {
    const c = text[i];
    if (c !== '（' && c !== '(') continue;
    let depth = 0;
    let j = i;
    for (; j < to; j++) {
      if (text[j] === '（' || text[j] === '(') depth++;
      else if ((text[j] === '）' || text[j] === ')') && --depth === 0) break;
    }
    if (j >= to) break;
    const inner = text.slice(i + 1, j);
    if (LIST_CUE.test(inner)) out.push({ start: i, end: j + 1, units: unitsOf(text, i + 1, j, entities, firstLeads) });
    i = j;
  }
  // a paragraph that is only a list (牵头单位：市发改委；配合单位：市财政局)
  const line = text.slice(from, to);
  if (out.length === 0 && /^[\s\u3000]*(?:牵头单位|责任单位|牵头部门|责任部门)[：:]/.test(line)) out.push({ start: from, end: to, units: unitsOf(text, from, to, entities, firstLeads) });
  return out;
}

/** The department units of a list's content [from, to) with their roles. */
function unitsOf(text: string, from: number, to: number, entities: readonly Entity[], firstLeads: boolean): List['units'] {
  const inner = text.slice(from, to);
  // role segments: where each label starts
  const marks: Array<{ at: number; role: 'lead' | 'support' }> = [];
  for (const re of [LEAD_LABEL, SUPPORT_LABEL]) {
    const g = new RegExp(re.source, 'g');
    for (const m of inner.matchAll(g)) marks.push({ at: from + m.index, role: re === LEAD_LABEL ? 'lead' : 'support' });
  }
  marks.sort((a, b) => a.at - b.at);
  const units: List['units'] = [];
  const depts: number[] = [];
  entities.forEach((e, i) => {
    if (e.type !== 'department' || e.start < from || e.end > to) return;
    // a second name of the unit before it, in brackets (市委组织部（人才办）): one unit, the main organ acts
    if ((text[e.start - 1] === '（' || text[e.start - 1] === '(') && i > 0 && entities[i - 1].end === e.start - 1) return;
    depts.push(i);
  });
  if (marks.length > 0) {
    // units named responsible with no lead named lead their task themselves
    const onlyResponsible = marks.every((m) => m.role === 'support') && /^(?:责任单位|责任部门)/.test(text.slice(marks[0].at, marks[0].at + 4));
    for (const i of depts) {
      const mark = [...marks].reverse().find((m) => m.at <= entities[i].start);
      if (mark) units.push({ mention: i, role: onlyResponsible ? 'lead' : mark.role });
    }
    return units;
  }
  // X、Y负责 (the first leads where the document says so), X牵头，Y配合
  const lead = /牵头/.exec(inner);
  const support = /配合|参与|协助/.exec(inner);
  depts.forEach((i, k) => {
    const at = entities[i].start - from;
    let role: 'lead' | 'support';
    if (lead && support) role = at < lead.index ? 'lead' : 'support';
    else if (lead) role = at < lead.index ? 'lead' : 'support';
    else role = firstLeads ? (k === 0 ? 'lead' : 'support') : 'lead';
    units.push({ mention: i, role });
  });
  return units;
}

/** A verb: tagged so (not a nominal use), or a policy verb of the lexicon whatever its tag (jieba tags 建设/vn, 调动/vn, 上线/n). */
function isVerb(t: Token): boolean {
  return (VERB_TAG.test(t.tag) && t.tag !== 'vn') || VERBS.has(t.word);
}

/** The task's first verb in text[from, to): past numbering, a label without a verb (金融支持：), prepositions and frames. */
function taskVerb(text: string, from: number, to: number, tokenize: (s: string) => Token[]): { start: number; end: number; objectEnd: number } | undefined {
  let s = from;
  const num = NUMBERING.exec(text.slice(s, to));
  if (num) s += num[0].length;
  const seg = text.slice(s, to);
  const tokens = tokenize(seg);
  // a label ending in ： (金融支持：, 建设AI算力平台：): its verb when it starts with one, else the text after it
  const colon = seg.search(/[：:]/);
  let startAt = 0;
  if (colon > 0 && colon <= 14) {
    const first = tokens.find((t) => t.end > 0);
    if (!(first && first.start === 0 && isVerb(first))) startAt = colon + 1;
  }
  let inFrame = false;
  for (const t of tokens) {
    if (t.start < startAt) continue;
    if (/[，,。；;]/.test(t.word)) {
      inFrame = false;
      continue;
    }
    // 以…为核心: what is between 以 and 为 is no task
    if (t.word === '以') inFrame = true;
    if (inFrame) {
      if (t.word === '为') inFrame = false;
      continue;
    }
    if (!isVerb(t) || NOT_TASK_VERB.has(t.word) || !/^[\u4e00-\u9fff]+$/.test(t.word)) continue;
    // a copular clause (智汇谷·科技创新园为核心承载区) has no task: its 为 comes after the word
    const k = tokens.indexOf(t);
    let copula = false;
    for (let j = k + 1; j < tokens.length && !/[，,。；;]/.test(tokens[j].word); j++) {
      if (tokens[j].word === '为') copula = true;
      if (isVerb(tokens[j]) && tokens[j].word !== '为') break;
    }
    if (copula) continue;
    const start = s + t.start;
    const end = s + t.end;
    let oe = end;
    while (oe < to && !OBJECT_END.test(text[oe])) oe++;
    return { start, end, objectEnd: oe };
  }
  return undefined;
}
