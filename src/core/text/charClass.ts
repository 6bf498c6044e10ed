// Character classes as tables by UTF-16 unit. A hot loop that asks whether
// the character at i is one of a few (SET.has(line[i]), /[、和与]/.test(line[i]))
// makes a one-character string per question, and for an ideograph V8 has no
// cached string to give: each is an allocation. A table read by charCodeAt
// answers the same question with none.

/** A table with 1 at each UTF-16 unit that `re` matches as a one-unit string (for a class like /[\s、和]/, exactly re.test(ch)). */
export function charClass(re: RegExp): Uint8Array {
  const table = new Uint8Array(0x10000);
  const probe = new RegExp(re.source, re.flags.replace(/[gy]/g, ''));
  for (let c = 0; c < 0x10000; c++) if (probe.test(String.fromCharCode(c))) table[c] = 1;
  return table;
}

/** The units JavaScript's \s matches (ECMAScript WhiteSpace and LineTerminator). */
export const WHITESPACE = '\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';

/** A table with 1 at each UTF-16 unit of `chars` (add WHITESPACE for a class with \s). */
export function charSet(...chars: string[]): Uint8Array {
  const table = new Uint8Array(0x10000);
  for (const s of chars) for (let i = 0; i < s.length; i++) table[s.charCodeAt(i)] = 1;
  return table;
}

/** Whether the unit at `i` of `text` is in `table` (false outside the text, as a test of undefined ?? '' would be). */
export function isIn(table: Uint8Array, text: string, i: number): boolean {
  return i >= 0 && i < text.length && table[text.charCodeAt(i)] === 1;
}

/** Whether the unit at `i` is a CJK unified ideograph of the basic block (U+4E00–U+9FFF), as /[\u4e00-\u9fff]/ tests. */
export function isHanAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c >= 0x4e00 && c <= 0x9fff;
}

/**
 * text.charCodeAt(i), NaN outside the text, as charCodeAt itself gives — but
 * without reading past the end: a hot recogniser that looks one unit ahead
 * and reaches the end of a line otherwise throws away its optimised code
 * (V8 deoptimises on the first out-of-bounds read and compiles it again,
 * in every thread that runs it).
 */
export function codeAt(text: string, i: number): number {
  return i < text.length ? text.charCodeAt(i) : NaN;
}
