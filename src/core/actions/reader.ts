// The actions extractor's reader: walks the units of one paragraph clause by
// clause, keeps the current subject (a department, coordinated departments,
// a heading's department) and emits each verb with its object.
import { type Unit, PUNCT, TOK, ENT, DEPT } from './units';
import { SPEECH, SENTENCE_END, DIRECTIVES, STATES, PREPOSITIONS, NOT_VERBS, VERBS, WEAK, ADVERBS, REPORTING, EXCLUDED, ORGAN_SUFFIX, ORGAN_TAIL, NOUN_COORD, FRAME, MODALS, ADVERBIAL_END, PIVOTS, NO_MERGE, VERB_COORD, NEGATIONS, CO_VERBS, LOCATIVE, LOCALIZERS, LIGHT, DISPOSAL, COMPLEMENTS } from './lexicon';

/** Subjects that are other actors than a department: plurals of organs, places, people (各县, 全市, 有关部门, 我们). */
const OTHER_ACTORS = /^(?:各|全市|全县|全区|全省|有关|相关|我们|我市|我县|我区|我省|广大|群众|企业)/;

/** Where a verb sits inside its unit (a token like 认真学习 or 贡献力量 holds more than the verb). */
interface VerbSpan {
  vs: number;
  ve: number;
  /** An object inside the same token (贡献力量 → 力量). */
  os?: number;
  oe?: number;
}

/** One action before it is given its subject. */
interface Found {
  vs: number;
  ve: number;
  os: number;
  oe: number;
}

// ---------------------------------------------------------------- reading

/** A number of times (两次, 3次, 多轮), which stands before a verb as an adverbial. */
const FREQUENCY = /^(?:[\d０-９一二两三四五六七八九十几多数]+)(?:次|回|遍|轮|度)$/;

function isFrequency(x: Unit): boolean {
  return x.k === ENT && x.tag === 'quantity' && FREQUENCY.test(x.w);
}

type Emit = (f: Found, mentions: number[]) => void;

/** Subject of a clause, as found at its start. */
interface Subject {
  kind: 'dept' | 'named' | 'np' | 'none';
  mentions: number[];
  /** Index of the first unit after the subject. */
  next: number;
}

/** Reads one paragraph clause by clause, carrying the subject. */
export class ParagraphReader {
  constructor(
    private readonly text: string,
    private readonly u: Unit[],
    private readonly heading: number[] | null,
    /** The department mention that a short form (省委组织部) written at an offset stands for, or -1. */
    private readonly resolve: (short: string, at: number) => number = () => -1,
  ) {}

  read(emit: Emit): void {
    const u = this.u;
    let paraSubject: number[] | null = this.heading;
    let sentenceSubject: number[] | null | undefined;
    let sentence = 0;
    let acted = false;
    let pending: [number, number] | null = null;
    let a = 0;
    for (let b = 0; b <= u.length; b++) {
      if (b < u.length && u[b].k !== PUNCT) continue;
      if (b > a) {
        const subject = this.subject(a, b);
        if (subject.kind === 'dept') {
          paraSubject = subject.mentions;
          sentenceSubject = undefined;
          acted = true;
        } else if (subject.kind === 'named') {
          paraSubject = null;
          sentenceSubject = undefined;
        } else if (subject.kind === 'np') {
          // A subject of its own in the paragraph's first sentence replaces the heading;
          // later, it holds for its sentence only (14款疫苗进入…。实施… goes back to the department),
          // unless it is other actors (各县（市、区）主动谋划, 全市各级各部门, 我们): then the department's turn is over.
          if ((sentence === 0 && !acted) || OTHER_ACTORS.test(this.text.slice(u[a].s, u[a].s + 4))) paraSubject = null;
          else sentenceSubject = null;
        }
        const current = sentenceSubject !== undefined ? sentenceSubject : paraSubject;
        if (current && current.length) {
          const result = this.clause(subject.next, b, pending);
          pending = result.pending;
          for (const f of result.found) {
            emit(f, current);
            acted = true;
          }
          // 强调把…结合起来，与…结合起来: what follows a reporting verb in its sentence is what was said.
          if (result.found.some((f) => SPEECH.has(this.text.slice(f.vs, f.ve)))) sentenceSubject = null;
          // 要求各地…，加快…: the clauses after a directive to others, in its sentence, are what the others are to do.
          else if (result.found.some((f) => this.directsOthers(f, a, b))) sentenceSubject = null;
        } else {
          pending = null;
        }
      }
      if (b < u.length && SENTENCE_END.has(u[b].w)) {
        sentence++;
        sentenceSubject = undefined;
        pending = null;
      }
      a = b + 1;
    }
  }

  /** A directive verb whose object is an addressee and what it is to do (要求各地围绕…, 引导党员干部从…汲取). */
  private directsOthers(f: Found, a: number, b: number): boolean {
    const verb = this.text.slice(f.vs, f.ve);
    if (!DIRECTIVES.has(verb) && !STATES.has(verb)) return false;
    const u = this.u;
    let k = a;
    while (k < b && u[k].e <= f.os) k++;
    // 明确对…的部分，减半征收…: a clause as object runs on past the comma.
    if (STATES.has(verb) && k < b && u[k].s === f.os && u[k].k === TOK && (PREPOSITIONS.has(u[k].w) || u[k].w === '把' || u[k].w === '将')) return true;
    if (!DIRECTIVES.has(verb)) return false;
    if (k >= b || u[k].s !== f.os || !this.isNounish(u[k]) && !(u[k].k === TOK && (u[k].tag === 'r' || NOT_VERBS.has(u[k].w)))) return false;
    for (k++; k < b && u[k].s < f.oe; k++) {
      const x = u[k];
      if (x.k === TOK && (x.tag === 'v' || (VERBS.has(x.w) && !WEAK.has(x.w) && !NOT_VERBS.has(x.w)))) return true;
    }
    return false;
  }

  // ---------------------------------------------------------- subject

  /** Finds the clause's own subject: departments (coordinated), another named actor, another noun phrase, or none. */
  private subject(a: number, b: number): Subject {
    const u = this.u;
    let i = a;
    for (;;) {
      if (i < b && this.isFrame(i)) i++;
      else if (i + 1 < b && this.isSplitFrame(i)) i += 2;
      else break;
    }
    if (this.isAdverbialClause(b)) return { kind: 'none', mentions: [], next: b };
    // 由X责令…, 经X审查同意: the organ after 由/经 is the agent of the clause
    if (i + 1 < b && u[i].k === TOK && (u[i].w === '由' || u[i].w === '经') && u[i + 1].k === DEPT) i++;
    // 会议强调, 通知指出: a word right before a reporting verb is the subject, whatever its tag.
    if (i + 1 < b && u[i].k === TOK && !VERBS.has(u[i].w) && !ADVERBS.has(u[i].w) && u[i + 1].k === TOK && SPEECH.has(u[i + 1].w)) {
      return { kind: 'np', mentions: [], next: i + 1 };
    }
    // 通知明确，… 有关负责人介绍，…: a clause of a nominal and a reporting verb introduces what was said.
    const lastUnit = u[b - 1];
    if (b - 1 > i && lastUnit.k === TOK && REPORTING.has(lastUnit.w) && b < u.length && (u[b].w === '，' || u[b].w === '：' || u[b].w === ',' || u[b].w === ':')) {
      let plain = true;
      for (let k = i; k < b - 1 && plain; k++) plain = this.isReporter(k);
      if (plain) return { kind: 'np', mentions: [], next: b - 1 };
    }
    // A quoted term right before a verb and its object is a manner (“点对点”督导各地), not a subject (“双减”落地).
    if (i < b && u[i].k === ENT && u[i].tag === 'term' && i + 2 < b && this.verbAt(i + 1, true) && !EXCLUDED.has(u[i + 1].w)) i++;
    let j = i;
    while (j < b && (this.isNounUnit(j, j === i) || this.isNominalVerb(j, i))) j++;
    // 研究部署/n 防汛工作: a verb-verb compound opening the clause is its predicate (but 监督管理部门 is an organ).
    if (j > i && j < b && this.isVerbCompound(i) && !(u[j - 1].k === TOK && ORGAN_SUFFIX.test(u[j - 1].w))) return { kind: 'none', mentions: [], next: i };
    if (j === i || j >= b) return { kind: 'none', mentions: [], next: i };
    if (!this.isPredicateStart(j)) return { kind: 'none', mentions: [], next: i };
    const mentions: number[] = [];
    let named = false;
    // The phrase's head is its last unit: 国务院及地方政府机构改革 is about 改革, not 国务院.
    const last = u[j - 1];
    // 我代表中央委员会向大会作报告: a pronoun opens the phrase, so it is the subject.
    const pronoun = u[i].k === TOK && u[i].tag === 'r';
    const organ = !pronoun && (last.k === DEPT || (last.k === ENT && /^(organization|person|place)$/.test(last.tag)) || (last.k === TOK && (ORGAN_SUFFIX.test(last.w) || ORGAN_TAIL.test(last.w))));
    let part = organ ? i : j;
    for (let k = part; k < j; k++) {
      const next = k + 1 < j ? u[k + 1] : undefined;
      // two organs written side by side (中央纪委国家监委) are coordinated too
      const head = !next || (next.k === TOK && (NOUN_COORD.has(next.w) || next.w === '等')) || (u[k].k === DEPT && next.k === DEPT);
      if (!head) continue;
      if (u[k].k === DEPT) mentions.push(u[k].ent);
      else if (u[k].k === ENT && /^(organization|person|place)$/.test(u[k].tag)) named = true;
      else if (u[k].k === TOK && (ORGAN_SUFFIX.test(u[k].w) || ORGAN_TAIL.test(u[k].w))) {
        // 省委组织部 after 浙江省委组织部, 市住建局 after 成都市住房和城乡建设局: a short form of an organ named before.
        const m = this.resolve(this.text.slice(u[part].s, u[k].e), u[part].s);
        if (m >= 0) mentions.push(m);
      }
      part = k + 2;
    }
    if (mentions.length) return { kind: 'dept', mentions, next: j };
    // …省份，内蒙古和东北三省…地区的支持力度: a noun phrase continuing the last clause, not a subject.
    if (this.isNounFragment(j, b)) return { kind: 'none', mentions, next: i };
    return { kind: named ? 'named' : 'np', mentions, next: j };
  }

  /** A four-character token made of two listed verbs (研究部署, 组织协调), whatever its tag. */
  private isVerbCompound(i: number): boolean {
    const x = this.u[i];
    return x.k === TOK && x.w.length === 4 && VERBS.has(x.w.slice(0, 2)) && VERBS.has(x.w.slice(2)) && !/^n[rst]/.test(x.tag);
  }

  /** A verbal noun after a plain noun inside a subject phrase (机构/n 改革/vn 顺利实施). */
  private isNominalVerb(j: number, i: number): boolean {
    const x = this.u[j];
    const prev = this.u[j - 1];
    if (j <= i || x.k !== TOK || x.tag !== 'vn' || prev.k !== TOK || prev.tag[0] !== 'n') return false;
    const next = this.u[j + 1];
    return !!next && next.k === TOK && (next.tag === 'ad' || next.tag === 'd' || next.tag[0] === 'v' || ADVERBS.has(next.w));
  }

  /** True when the clause ends in 的 followed by nouns only. */
  private isNounFragment(j: number, b: number): boolean {
    const u = this.u;
    if (!this.isNounish(u[b - 1])) return false;
    let k = b - 2;
    while (k > j && (this.isNounish(u[k]) || (u[k].k === TOK && (u[k].tag === 'v' || u[k].tag === 'vn')))) k--;
    return u[k].k === TOK && u[k].w === '的';
  }

  /** A frame word the tokenizer split in two (第一/m 时间/n, 下/f 一步/m). */
  private isSplitFrame(i: number): boolean {
    const x = this.u[i];
    const y = this.u[i + 1];
    return x.k === TOK && y.k === TOK && x.e === y.s && FRAME.has(x.w + y.w);
  }

  private isFrame(i: number): boolean {
    const x = this.u[i];
    if (x.k === ENT) return x.tag === 'date';
    if (x.k !== TOK) return false;
    if (/^[【】[\]〔〕〈〉<>—－\-·•…*#]+$/.test(x.w)) return true;
    // 委内/部内/省内 (within the organ or area): where, not who.
    if (x.w.length === 2 && x.w[1] === '内') return true;
    return FRAME.has(x.w) || x.tag === 't' || x.tag === 'tg' || (x.tag === 'c' && !NOUN_COORD.has(x.w));
  }

  private isNounUnit(i: number, first: boolean): boolean {
    const x = this.u[i];
    if (x.k === DEPT) return true;
    // 国土资源部两次组成专家组: a number of times after the subject is an adverbial, not part of it
    if (x.k === ENT && !first && isFrequency(x)) return false;
    if (x.k === ENT) return x.tag !== 'date' || !first;
    if (x.k !== TOK) return false;
    const w = x.w;
    if (NOUN_COORD.has(w) || w === '等' || w === '的') return !first;
    // 主要负责同志, 有关负责人: a person, not 负责 as a predicate.
    const nx = this.u[i + 1];
    if ((w === '负责' || w === '主要') && nx && nx.k === TOK && /^(同志|人|负责|负责人|负责同志|领导)$/.test(nx.w)) return true;
    if (VERBS.has(w) || ADVERBS.has(w) || MODALS.has(w) || PREPOSITIONS.has(w) || FRAME.has(w) || EXCLUDED.has(w)) return false;
    if (w === '把' || w === '将') return false;
    if (NOT_VERBS.has(w)) return true;
    // 认真学习/n, 组织协调/n: a verb inside a token tagged as a noun.
    if (w.length >= 3 && ADVERBS.has(w.slice(0, 2)) && VERBS.has(w.slice(2))) return false;
    if (w.length === 4 && VERBS.has(w.slice(0, 2)) && !WEAK.has(w.slice(0, 2)) && (VERBS.has(w.slice(2)) || x.tag === 'i' || x.tag === 'l')) return false;
    const t = x.tag;
    return t[0] === 'n' || t === 's' || t === 'b' || t === 'j' || t === 'eng' || t === 'an' || t === 'r' || t === 'm' || t === 'mq' || t === 'q' || t === 'zg' || t === 'k';
  }

  /** A unit of the subject of a reporting verb (通知, 有关负责人): no department, adverb, modal, preposition or listed verb. */
  private isReporter(k: number): boolean {
    const x = this.u[k];
    if (x.k === DEPT) return false;
    if (x.k !== TOK) return true;
    const w = x.w;
    if (ADVERBS.has(w) || MODALS.has(w) || PREPOSITIONS.has(w) || VERBS.has(w) || FRAME.has(w)) return false;
    const t = x.tag;
    return t !== 'd' && t !== 'ad' && t !== 'p' && t !== 'c' && t !== 'f';
  }

  private isPredicateStart(j: number): boolean {
    const x = this.u[j];
    if (isFrequency(x)) return true;
    if (x.k !== TOK) return false;
    if (x.w === '的') return false;
    return true;
  }

  /** A clause ending in 以来/之际/…中 (but not 运送到…家中) sets the time or place of what follows. */
  private isAdverbialClause(b: number): boolean {
    const last = this.u[b - 1];
    if (last.k !== TOK) return false;
    if (ADVERBIAL_END.has(last.w)) return true;
    if (last.tag !== 'f') return false;
    const before = this.u[b - 2];
    return !before || before.k !== TOK || !/^(到|在|入|进|于|至)$/.test(before.w);
  }

  // ---------------------------------------------------------- predicate

  /** Actions of one clause from its predicate start `p`: coordinated verb phrases split on 、. */
  private clause(p: number, b: number, pending: [number, number] | null): { found: Found[]; pending: [number, number] | null } {
    if (pending) {
      const i = this.skipAdverbs(p, b);
      const v = i < b ? this.verbAt(i, true) : null;
      if (v && !EXCLUDED.has(this.u[i].w)) return { found: [{ vs: v.vs, ve: v.ve, os: pending[0], oe: pending[1] }], pending: null };
      return { found: [], pending: null };
    }
    const segments = this.segments(p, b);
    if (segments.length > 1) {
      const found: Found[] = [];
      for (const [s, e] of segments) for (const f of this.predicate(s, e).found) found.push(f);
      return { found, pending: null };
    }
    return this.predicate(p, b);
  }

  /** Splits `、`-coordinated verb phrases (统一思想、凝聚共识): every part must open with a verb and no part list ends in 等. */
  private segments(p: number, b: number): Array<[number, number]> {
    const u = this.u;
    const cuts: number[] = [];
    for (let k = p; k < b; k++) if (u[k].k === TOK && u[k].w === '、') cuts.push(k);
    if (!cuts.length) return [[p, b]];
    for (let k = cuts[cuts.length - 1]; k < b; k++) if (u[k].k === TOK && u[k].w === '等') return [[p, b]];
    const segs: Array<[number, number]> = [];
    let s = p;
    for (const c of cuts) {
      segs.push([s, c]);
      s = c + 1;
    }
    segs.push([s, b]);
    const open = this.skipAdverbs(segs[0][0], segs[0][1]);
    if (open < segs[0][1] && (u[open].w === '把' || u[open].w === '将')) return [[p, b]];
    const first = this.firstVerb(segs[0][0], segs[0][1]);
    if (first < 0 || PIVOTS.has(u[first].w) || u[first].w === '把' || u[first].w === '将') return [[p, b]];
    for (let n = 1; n < segs.length; n++) {
      // 创造、发明和发现: verbs without objects are a list of verbal nouns.
      if (this.bareVerbs(segs[n][0], segs[n][1])) return [[p, b]];
      const i = this.skipAdverbs(segs[n][0], segs[n][1]);
      if (i >= segs[n][1] || !this.verbAt(i, true) || u[i].tag === 'vn' && !VERBS.has(u[i].w)) return [[p, b]];
      if (EXCLUDED.has(u[i].w)) return [[p, b]];
    }
    return segs;
  }

  /**
   * 通过举办招聘会、发布岗位信息、开展就业指导等方式: each 、-part that opens
   * with a verb is a means of its own; null unless every part does.
   */
  private meansList(p: number, b: number): Found[] | null {
    const u = this.u;
    let end = b;
    for (let k = p; k < b; k++) if (u[k].k === TOK && u[k].w === '等') end = k;
    const cuts: number[] = [];
    for (let k = p; k < end; k++) if (u[k].k === TOK && u[k].w === '、') cuts.push(k);
    if (!cuts.length) return null;
    const found: Found[] = [];
    let s = p;
    for (const c of [...cuts, end]) {
      const i = this.skipAdverbs(s, c);
      if (i >= c || !this.plainVerb(i) || NO_MERGE.has(u[i].w) && PIVOTS.has(u[i].w)) return null;
      const f = this.verbPhrase(i, c);
      if (!f.length) return null;
      for (const x of f) found.push(x);
      s = c + 1;
    }
    return found;
  }

  /** True when units [s, e) are verbs and coordinators only. */
  private bareVerbs(s: number, e: number): boolean {
    for (let k = s; k < e; k++) {
      const x = this.u[k];
      if (x.k !== TOK) return false;
      if (VERB_COORD.has(x.w) || NOUN_COORD.has(x.w)) continue;
      if (x.tag[0] !== 'v' && !(VERBS.has(x.w) && x.tag[0] !== 'n')) return false;
    }
    return true;
  }

  /** The unit index of the main verb of a verb phrase, or -1 (used to vet a split). */
  private firstVerb(p: number, b: number): number {
    const found = this.predicate(p, b).found;
    if (!found.length) return -1;
    const vs = found[0].vs;
    for (let k = p; k < b; k++) if (this.u[k].s <= vs && vs < this.u[k].e) return k;
    return -1;
  }

  /** Actions of a verb phrase [i, end). */
  private predicate(i: number, end: number): { found: Found[]; pending: [number, number] | null } {
    const u = this.u;
    const none = { found: [], pending: null };
    for (let guard = 0; guard < 8; guard++) {
      const from = i;
      i = this.skipAdverbs(i, end);
      if (i >= end) return none;
      const x = u[i];
      if (x.k !== TOK) return none;
      // 不作修改, 未采取, 不再设立: what a department does not do is no action.
      for (let k = from; k < i; k++) if (NEGATIONS.has(u[k].w)) return none;
      if (x.w.length === 2 && /^[不未没]/.test(x.w) && !ADVERBS.has(x.w) && x.tag[0] === 'v') return none;
      // 把好/把牢/把准…关: a verb, not the disposal marker.
      const nx = u[i + 1];
      if (x.w === '把' && i + 1 < end && nx.k === TOK && /^[好牢严准稳住]$/.test(nx.w)) {
        const [os, oe] = this.span(i + 2, this.objectEnd(i + 2, end), nx.e);
        return { found: [{ vs: x.s, ve: nx.e, os, oe }], pending: null };
      }
      if (x.w === '把' || (x.w === '将' && this.isDisposal(i, end))) return this.disposal(i + 1, end);
      if (x.w === '将') {
        i++;
        continue;
      }
      if (x.w === '通过') {
        const n = this.skipAdverbs(i + 1, end);
        if (n < end && this.verbAt(n, true) && !PREPOSITIONS.has(u[n].w)) {
          const means = this.meansList(n, end);
          if (means) return { found: means, pending: null };
          i = n;
          continue;
        }
        return { found: this.prepositional(i, end), pending: null };
      }
      if (EXCLUDED.has(x.w)) return none;
      // 联合印发, 联合部署开展: a manner before the verb; 联合中关村管委会发布: a preposition.
      if (CO_VERBS.has(x.w)) {
        if (!this.plainVerb(i + 1)) return { found: this.prepositional(i, end), pending: null };
        i++;
        continue;
      }
      if (PREPOSITIONS.has(x.w) || x.tag === 'p') return { found: this.prepositional(i, end), pending: null };
      if (this.verbAt(i, true)) return { found: this.verbPhrase(i, end), pending: null };
      return none;
    }
    return none;
  }

  /** Skips adverbs, modals, idioms and unknown tokens before the verb. */
  private skipAdverbs(i: number, end: number): number {
    const u = this.u;
    while (i < end) {
      const x = u[i];
      if (isFrequency(x)) {
        i++;
        continue;
      }
      if (x.k !== TOK) return i;
      const w = x.w;
      if (ADVERBS.has(w) || MODALS.has(w)) {
        i++;
        continue;
      }
      if (VERBS.has(w) || PREPOSITIONS.has(w) || w === '把' || w === '将') return i;
      const t = x.tag;
      if ((t === 'd' || t === 'ad' || t === 'a' || t === 'c' || t === 'i' || t === 'x' || t === 't' || t === 'tg' || t === 'y' || t === 'ul' || t === 'uv' || t === 'ud') && !this.verbAt(i, true)) {
        i++;
        continue;
      }
      return i;
    }
    return i;
  }

  /**
   * The verb inside unit i, if it is one: listed verbs whatever their tag,
   * verb tags, 认真学习-like tokens (verb after an adverb) and, where a
   * predicate is expected, 贡献力量-like tokens (verb + object).
   */
  private verbAt(i: number, predicate: boolean): VerbSpan | null {
    const x = this.u[i];
    if (!x || x.k !== TOK) return null;
    const w = x.w;
    const t = x.tag;
    if (MODALS.has(w) || ADVERBS.has(w) || NOT_VERBS.has(w)) return null;
    if (VERBS.has(w) || t === 'v' || t === 'vd' || t === 'vi' || (t === 'vn' && predicate)) return { vs: x.s, ve: x.e };
    if (w.length >= 3) {
      if (ADVERBS.has(w.slice(0, 2)) && VERBS.has(w.slice(2))) return { vs: x.s + 2, ve: x.e };
      if (w.length === 4 && VERBS.has(w.slice(0, 2)) && VERBS.has(w.slice(2)) && !/^n[rst]/.test(t)) return { vs: x.s, ve: x.e };
      // 严厉打击/i: an idiom ending in a verb.
      if (w.length === 4 && (t === 'i' || t === 'l') && VERBS.has(w.slice(2)) && !WEAK.has(w.slice(2)) && !VERBS.has(w.slice(0, 2))) return { vs: x.s + 2, ve: x.e };
      if (predicate && w.length >= 4 && VERBS.has(w.slice(0, 2)) && !/^n[rst]/.test(t)) return { vs: x.s, ve: x.s + 2, os: x.s + 2, oe: x.e };
    }
    return null;
  }

  /** A verb usable inside a noun phrase context: a verb tag or a listed verb, not a verbal noun alone. */
  private plainVerb(i: number): VerbSpan | null {
    const x = this.u[i];
    if (!x || x.k !== TOK || EXCLUDED.has(x.w) || PREPOSITIONS.has(x.w)) return null;
    const v = this.verbAt(i, false);
    if (!v) return null;
    if (x.tag === 'vn' && !VERBS.has(x.w)) return null;
    return v;
  }

  /** A verb, coordinated verbs (受理并办结) or a run of verbs (研究安排), with the object after them. */
  private verbPhrase(i: number, end: number): Found[] {
    const u = this.u;
    const first = this.verbAt(i, true)!;
    if (EXCLUDED.has(u[i].w)) return [];
    if (first.os !== undefined) return [{ vs: first.vs, ve: first.ve, os: first.os, oe: first.oe! }];
    const spans: Array<[number, number]> = [[first.vs, first.ve]];
    let head = u[i].w;
    let pivot = PIVOTS.has(head);
    let count = 1;
    let j = i + 1;
    while (j < end) {
      const x = u[j];
      if (x.k === TOK && (x.w === '了' || x.tag === 'ul')) {
        j++;
        break;
      }
      if (x.k === TOK && VERB_COORD.has(x.w) && j + 1 < end && this.plainVerb(j + 1)) {
        const v = this.plainVerb(j + 1)!;
        spans.push([v.vs, v.ve]);
        head = u[j + 1].w;
        pivot ||= PIVOTS.has(head);
        count = 1;
        j += 2;
        continue;
      }
      if (!NO_MERGE.has(head) && count < 3 && x.k === TOK && VERBS.has(x.w) && x.tag !== 'vn' && (x.tag === 'v' || !WEAK.has(x.w)) && !EXCLUDED.has(x.w) && !MODALS.has(x.w) && !PREPOSITIONS.has(x.w)) {
        const v = this.verbAt(j, false);
        if (v && v.os === undefined) {
          spans[spans.length - 1][1] = v.ve;
          head = x.w;
          pivot ||= PIVOTS.has(head);
          count++;
          j++;
          continue;
        }
      }
      break;
    }
    const objectEnd = pivot ? end : this.objectEnd(j, end);
    const [os, oe] = this.span(j, objectEnd, spans[spans.length - 1][1]);
    return spans.map(([vs, ve]) => ({ vs, ve, os, oe }));
  }

  /** Where the object starting at j ends: before a second predicate (派出工作组 | 指导…), else at `end`. */
  private objectEnd(j: number, end: number): number {
    const u = this.u;
    for (let k = j + 1; k < end - 1; k++) {
      const x = u[k];
      if (x.k !== TOK || !VERBS.has(x.w) || WEAK.has(x.w) || x.tag === 'vn') continue;
      const prev = u[k - 1];
      const next = u[k + 1];
      if (k >= 2 && u[k - 2].w === '、') continue;
      // 职业技能提升行动: a verb with one noun before the clause end heads a compound noun.
      if (k + 2 >= end) continue;
      if (!this.isNounish(prev) || next.w === '的' || next.w === '等') continue;
      if (next.k === TOK && !(this.isNounish(next) || next.tag[0] === 'v' || VERBS.has(next.w))) continue;
      return k;
    }
    return end;
  }

  private isNounish(x: Unit): boolean {
    if (x.k === DEPT || x.k === ENT) return true;
    if (x.k !== TOK) return false;
    const t = x.tag;
    if (t === 'vn' || WEAK.has(x.w)) return true;
    return (t[0] === 'n' || t === 'r' || t === 'm' || t === 'q' || t === 'j' || t === 's') && !VERBS.has(x.w);
  }

  /** Text span of units [j, k), trimmed of delimiters and of a trailing 的; empty at `fallback` when none. */
  private span(j: number, k: number, fallback: number): [number, number] {
    const u = this.u;
    while (j < k && (u[j].k === PUNCT || u[j].w === '、')) j++;
    while (k > j && (u[k - 1].k === PUNCT || u[k - 1].w === '、' || u[k - 1].w === '的')) k--;
    if (k <= j) return [fallback, fallback];
    return [u[j].s, u[k - 1].e];
  }

  /** After a preposition at i: the predicate verb past the phrase (以更高标准打好…, 对…作出…, 为实现…贡献…). */
  private prepositional(i: number, end: number): Found[] {
    const u = this.u;
    const prep = u[i].w;
    if (this.isAdverbialClause(end)) return [];
    // 关于开展专项整治的通知: a topic, as in a title.
    if (prep === '关于' || prep === '对于') return [];
    if (prep === '以' || prep === '用') {
      // 以全会精神为引领: the whole clause is a manner.
      for (let m = i + 2; m < end; m++) {
        if (u[m].k === TOK && (u[m].w === '为' || u[m].w === '作为')) {
          if (end - m <= 3) return [];
          return this.predicate(m + 2, end).found;
        }
      }
    }
    if (prep === '为' && this.plainVerb(i + 1)) {
      // Purpose (为实现科技自立自强贡献力量): the main verb is the last one taking an object.
      let best = -1;
      for (let k = i + 2; k < end; k++) {
        const v = this.verbAt(k, true);
        if (!v || EXCLUDED.has(u[k].w) || PREPOSITIONS.has(u[k].w)) continue;
        if (u[k].tag === 'vn' && !VERBS.has(u[k].w)) continue;
        if (v.os !== undefined) {
          best = k;
          continue;
        }
        const next = u[k + 1];
        if (!next || next.k === PUNCT || next.w === '的' || this.plainVerb(k + 1)) continue;
        best = k;
      }
      return best < 0 ? [] : this.verbPhrase(best, end);
    }
    if (LOCATIVE.has(prep)) {
      // 从选拔任用、考核评价等方面提出…, 在此基础上建立…: the phrase ends at its localizer.
      for (let k = i + 2; k < end - 1; k++) {
        const x = u[k];
        if (x.k !== TOK || !(x.tag === 'f' || LOCALIZERS.has(x.w))) continue;
        const found = this.predicate(k + 1, end).found;
        if (found.length) return found;
      }
    }
    let light = -1;
    for (let k = i + 2; k < end; k++) {
      if (LIGHT.has(u[k].w) && u[k].k === TOK && u[k + 1]?.w !== '的') light = k;
    }
    if (light >= 0) return this.verbPhrase(light, end);
    for (let k = i + 2; k < end; k++) {
      // …的要求, 按照规定: a verb after 的 or after a preposition is a noun.
      if (!this.plainVerb(k) || this.inNounPhrase(k, end) || u[k - 1].w === '的' || (u[k - 1].k === TOK && u[k - 1].tag === 'p')) continue;
      let g = k;
      while (g + 1 < end && this.plainVerb(g + 1)) g++;
      const next = u[g + 1];
      if (next && (next.w === '的' || next.k === TOK && next.tag === 'uj')) {
        k = g;
        continue;
      }
      // In a run of verbs the first strong one heads (联合…制定改造技术导则); verbal nouns
      // such as 保护 close the phrase (以高水平保护推动…).
      let head = -1;
      for (let h = k; h <= g && head < 0; h++) if (VERBS.has(u[h].w) && !WEAK.has(u[h].w)) head = h;
      for (let h = g; h >= k && head < 0; h--) if (VERBS.has(u[h].w)) head = h;
      return this.verbPhrase(head < 0 ? k : head, end);
    }
    return [];
  }

  /** A listed verb tagged as a noun inside the object of a preposition (联合市规划/n 和 自然资源局). */
  private inNounPhrase(k: number, end: number): boolean {
    const x = this.u[k];
    if (x.tag[0] !== 'n' && x.tag !== 'j') return false;
    const next = this.u[k + 1];
    if (k + 1 >= end || !next) return false;
    if (next.k === DEPT || next.k === ENT) return true;
    return next.k === TOK && (NOUN_COORD.has(next.w) || next.w === '等');
  }

  /** 将 at i reads as 把 when a noun follows, or a later verb closes the phrase (将贯彻落实…与…紧密结合). */
  private isDisposal(i: number, end: number): boolean {
    const u = this.u;
    const n = this.skipAdverbs(i + 1, end);
    if (n >= end) return false;
    const x = u[n];
    if (x.k === TOK && (x.tag === 'p' || PREPOSITIONS.has(x.w))) return false;
    if (!this.verbAt(n, true)) return x.k !== PUNCT;
    // 将继续扩大…, 将进一步加强…: an adverb after 将 marks the future.
    const future = n > i + 1 && u[n - 1].k === TOK && ADVERBS.has(u[n - 1].w);
    let k = n + 1;
    while (k < end && this.plainVerb(k)) k++;
    for (; k < end; k++) {
      const v = this.plainVerb(k);
      if (!v) continue;
      const w = u[k].w;
      const next = u[k + 1];
      if (DISPOSAL.has(w) || DISPOSAL.has(this.text.slice(v.vs, v.ve))) return true;
      if (next && next.k === TOK && COMPLEMENTS.has(next.w)) return true;
      if (future) continue;
      if (k === end - 1 && u[k].tag === 'v' && !WEAK.has(w)) return true;
    }
    return false;
  }

  /** 把/将 + object + verb (把X落实到位, 将X作为Y): verb and object; an object without its verb waits for the next clause. */
  private disposal(i: number, end: number): { found: Found[]; pending: [number, number] | null } {
    const u = this.u;
    let chosen = -1;
    let lastVerb = -1;
    for (let k = i + 1; k < end; k++) {
      const v = this.plainVerb(k);
      if (!v) continue;
      lastVerb = k;
      const w = this.text.slice(v.vs, v.ve);
      const next = u[k + 1];
      if (DISPOSAL.has(w) || (next && next.k === TOK && COMPLEMENTS.has(next.w)) || (w.length >= 2 && /[为至入到成]$/.test(w))) {
        chosen = k;
        break;
      }
    }
    if (chosen < 0) chosen = lastVerb;
    if (chosen < 0) {
      // 将核酸检测价格从…，全部降至…: the object waits for its verb.
      let k = i + 1;
      while (k < end && !(u[k].k === TOK && (u[k].tag === 'p' || PREPOSITIONS.has(u[k].w)))) k++;
      const [os, oe] = this.span(i, k, -1);
      return { found: [], pending: os < 0 ? null : [os, oe] };
    }
    let objEnd = chosen;
    while (objEnd > i && u[objEnd - 1].k === TOK && (ADVERBS.has(u[objEnd - 1].w) || u[objEnd - 1].tag === 'd' || u[objEnd - 1].tag === 'ad' || MODALS.has(u[objEnd - 1].w))) objEnd--;
    const v = this.plainVerb(chosen)!;
    const [os, oe] = this.span(i, objEnd, v.vs);
    return { found: [{ vs: v.vs, ve: v.ve, os, oe }], pending: null };
  }
}
