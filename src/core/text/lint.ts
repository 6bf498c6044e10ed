// Checks a careful reader of a 公文 makes that need no recognition: brackets
// that do not close on their line (《》“”（）) and 发文字号 not written
// 〔YYYY〕N号. Pure; offsets are UTF-16 into the text given. Each finding may
// carry one edit that fixes it (the editor's quick fix).

/** The text checks of this file, and the name checks of core/recognise/nameChecks.ts (run by the engine over entities). */
export type LintKind = 'unbalanced' | 'documentNumber' | 'formerName' | 'inconsistentName';

export interface LintEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export interface LintFinding {
  readonly kind: LintKind;
  readonly start: number;
  readonly end: number;
  /** unbalanced: the bracket left open or the stray closer; documentNumber: the number as written. */
  readonly found: string;
  /** unbalanced: the missing closer or opener; documentNumber: the number as it should be written. */
  readonly expected: string;
  readonly fix?: LintEdit;
  /** formerName: the year the organ was renamed or merged. */
  readonly since?: number;
  /** inconsistentName: how often the document writes the expected form. */
  readonly count?: number;
}

const PAIRS: ReadonlyArray<readonly [string, string]> = [['《', '》'], ['“', '”'], ['（', '）']];
const CLOSER_OF = new Map(PAIRS.map(([o, c]) => [o, c]));
const OPENER_OF = new Map(PAIRS.map(([o, c]) => [c, o]));
/** Where a missing closer can go without guessing: before a line's final sentence end, else at the line's end. */
const SENTENCE_END = /[。；！？：，、]+$/;

/**
 * Brackets that do not balance within their line (a 公文 never carries 《》“”（）
 * across a paragraph). An opener left open is fixed by its closer where that
 * is obvious: a 《 with no 》 and no other bracket after it on the line gets it
 * before the line's final punctuation; otherwise no fix is offered.
 */
export function unbalancedBrackets(text: string): LintFinding[] {
  const findings: LintFinding[] = [];
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    let contentEnd = lineEnd;
    if (contentEnd > lineStart && text[contentEnd - 1] === '\r') contentEnd--;
    lintLine(text, lineStart, contentEnd, findings);
    lineStart = lineEnd + 1;
  }
  return findings;
}

function lintLine(text: string, from: number, to: number, out: LintFinding[]): void {
  const stack: { ch: string; at: number }[] = [];
  const line: LintFinding[] = [];
  for (let i = from; i < to; i++) {
    const ch = text[i];
    if (CLOSER_OF.has(ch)) {
      stack.push({ ch, at: i });
    } else if (OPENER_OF.has(ch)) {
      const opener = OPENER_OF.get(ch)!;
      const top = stack.length ? stack[stack.length - 1] : undefined;
      if (top?.ch === opener) {
        stack.pop();
      } else if (stack.some((s) => s.ch === opener)) {
        // closers of inner brackets missing: report each inner opener left open
        while (stack.length && stack[stack.length - 1].ch !== opener) {
          const s = stack.pop()!;
          line.push({ kind: 'unbalanced', start: s.at, end: s.at + 1, found: s.ch, expected: CLOSER_OF.get(s.ch)! });
        }
        stack.pop();
      } else {
        line.push({ kind: 'unbalanced', start: i, end: i + 1, found: ch, expected: opener });
      }
    }
  }
  for (const s of stack) {
    const closer = CLOSER_OF.get(s.ch)!;
    const rest = text.slice(s.at + 1, to);
    // obvious only when nothing else brackets the rest of the line
    const alone = stack.length === 1 && ![...rest].some((c) => CLOSER_OF.has(c) || OPENER_OF.has(c));
    let fix: LintEdit | undefined;
    if (alone && rest.length > 0) {
      const m = SENTENCE_END.exec(rest);
      const at = m ? to - m[0].length : to;
      if (at > s.at + 1) fix = { start: at, end: at, text: closer };
    }
    line.push({ kind: 'unbalanced', start: s.at, end: s.at + 1, found: s.ch, expected: closer, ...(fix ? { fix } : {}) });
  }
  line.sort((a, b) => a.start - b.start);
  for (const f of line) out.push(f);
}

/**
 * 发文字号 (国发〔2019〕3号) written with other brackets ([2019], (2019), （2019）,
 * ［2019］, 【2019】, 〔2019] …) or without 号. Matched only where an issuer's
 * code of Chinese characters stands right before the year in brackets and a
 * serial number right after it, so （2019年版） or （2019—2025年） never match.
 */
const DOC_NUMBER = /([\u4e00-\u9fff]{1,12})([[(（［【〔〈<])((?:19|20)\d{2})([\])）］】〕〉>])(\d{1,5})(号?)/gu;

export function documentNumbers(text: string): LintFinding[] {
  const findings: LintFinding[] = [];
  for (const m of text.matchAll(DOC_NUMBER)) {
    const [, code, open, year, close, serial, hao] = m;
    const after = text[m.index + m[0].length] ?? '';
    // 第2019（3）… or a number running on (3号楼 is still a number): skip digits that continue
    if (/\d/.test(after)) continue;
    if (open === '〔' && close === '〕' && hao === '号') continue;
    const start = m.index + code.length;
    const end = m.index + m[0].length;
    const expected = `〔${year}〕${serial}号`;
    findings.push({ kind: 'documentNumber', start, end, found: text.slice(start, end), expected, fix: { start, end, text: expected } });
  }
  return findings;
}

export interface LintOptions {
  readonly unbalanced?: boolean;
  readonly documentNumber?: boolean;
  /** An organ's former name in a document dated after its change (needs the entities: run by the engine). */
  readonly formerName?: boolean;
  /** The same organ written two ways (needs the entities: run by the engine). */
  readonly inconsistentNames?: boolean;
}

/** The text-only checks that are switched on, in text order. */
export function lintText(text: string, options: LintOptions): LintFinding[] {
  const all = [
    ...(options.unbalanced ? unbalancedBrackets(text) : []),
    ...(options.documentNumber ? documentNumbers(text) : []),
  ];
  return all.sort((a, b) => a.start - b.start || a.end - b.end);
}
