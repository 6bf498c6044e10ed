// Helpers shared by the interchange formats' readers and writers: messages
// that show text, comparing a file's text with the document, offset checks,
// the visible escapes of line-based formats, JSON parsing with one-line errors.
import { isRecord } from '../text/jsonReader';
import { FormatError } from './errors';

export { isRecord };

/** A short, visible rendering of a piece of text for an error message. */
export function show(s: string, max = 24): string {
  const cps = [...s];
  return JSON.stringify(cps.length > max ? `${cps.slice(0, max).join('')}…` : s);
}

/** One line saying where `fileText` first differs from `docText` (code point, line and column of the document). */
export function describeDifference(fileText: string, docText: string): string {
  const a = [...fileText];
  const b = [...docText];
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (i === a.length && i === b.length) return 'the texts are equal';
  let line = 1;
  let col = 1;
  for (let k = 0; k < i; k++) {
    if (b[k] === '\n') {
      line++;
      col = 1;
    } else col++;
  }
  const where = `code point ${i} (document line ${line}, column ${col})`;
  if (i === a.length) return `the file's text ends at ${where}; the document goes on with ${show(b.slice(i).join(''))}`;
  if (i === b.length) return `the document ends at ${where}; the file's text goes on with ${show(a.slice(i).join(''))}`;
  return `they differ at ${where}: the file has ${show(a.slice(i, i + 12).join(''))} where the document has ${show(b.slice(i, i + 12).join(''))}`;
}

/**
 * How a text stored in a file lines up with the document: 0 when equal, 1 when
 * the file's text is the document preceded by a byte-order mark (its offsets
 * then count the mark, which is not part of the document), undefined otherwise.
 */
export function textShift(fileText: string, docText: string): 0 | 1 | undefined {
  if (fileText === docText) return 0;
  if (fileText.charCodeAt(0) === 0xfeff && fileText.slice(1) === docText) return 1;
  return undefined;
}

/** Throws unless `value` is a non-negative integer. */
export function requireOffset(format: string, value: unknown, what: string, line?: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw new FormatError(format, `${what} must be a non-negative integer, got ${JSON.stringify(value)}`, line);
  return value;
}

/**
 * Writes each code point matching `needsEscape` as `\uXXXX` (or `\u{XXXXX}`
 * past U+FFFF), so that whitespace, control characters and separators stay
 * visible and a line-based file stays parseable. The backslash must be among
 * the escaped characters for the encoding to be reversible.
 */
export function escapeVisible(s: string, needsEscape: RegExp): string {
  let out = '';
  for (const ch of s) {
    if (needsEscape.test(ch)) {
      const cp = ch.codePointAt(0)!;
      out += cp > 0xffff ? `\\u{${cp.toString(16).toUpperCase()}}` : `\\u${cp.toString(16).toUpperCase().padStart(4, '0')}`;
    } else out += ch;
  }
  return out;
}

/** Reverses escapeVisible. */
export function unescapeVisible(s: string): string {
  return s.replace(/\\u\{([0-9A-Fa-f]{1,6})\}|\\u([0-9A-Fa-f]{4})/g, (_m, long: string | undefined, short: string | undefined) => {
    const cp = parseInt(long ?? short!, 16);
    return cp <= 0x10ffff ? String.fromCodePoint(cp) : _m;
  });
}

/** Parses JSON, turning a syntax error into a one-line FormatError. */
export function parseJson(format: string, json: string, line?: number): unknown {
  try {
    return JSON.parse(json) as unknown;
  } catch (e) {
    throw new FormatError(format, `not valid JSON (${(e as Error).message})`, line);
  }
}

/** A document's path without its .txt/.md ending, '/'-separated: the name of the files an export writes for it. */
export function stem(file: string): string {
  return file.replace(/\\/g, '/').replace(/^\.?\//, '').replace(/\.(txt|md)$/i, '');
}

/** A path '/'-separated, without "./" segments and leading "../" (which say nothing about the file itself). */
function normalPath(p: string): string {
  return p
    .replace(/\\/g, '/')
    .split('/')
    .filter((seg, i) => seg !== '.' && !(seg === '' && i > 0))
    .join('/')
    .replace(/^(?:\.\.\/)+/, '');
}

/**
 * How well a path written in a file names the document `doc`: 2 when they are
 * the same path, 1 when one ends with the other at a "/" (an absolute path
 * and a workspace-relative one, or paths relative to different folders), 0
 * otherwise. Exports name documents by the path they were given (the CLI) or
 * relative to the workspace folder (the editor); imports compare with this.
 */
export function pathMatch(written: unknown, doc: string | undefined): 0 | 1 | 2 {
  if (typeof written !== 'string' || doc === undefined || written === '' || doc === '') return 0;
  if (written === doc) return 2;
  const a = normalPath(written);
  const b = normalPath(doc);
  if (a === b) return 2;
  const [long, short] = a.length >= b.length ? [a, b] : [b, a];
  return short !== '' && !short.startsWith('/') && long.endsWith(`/${short}`) ? 1 : 0;
}

/** The index of the entry whose path names the document best (exact before suffix), among those `ok` accepts; -1 when none does. */
export function bestPathMatch<T>(entries: readonly T[], pathOf: (e: T) => unknown, doc: string | undefined, ok: (e: T, i: number) => boolean = () => true): number {
  let best = -1;
  let score = 0;
  entries.forEach((e, i) => {
    const s = pathMatch(pathOf(e), doc);
    if (s > score && ok(e, i)) {
      best = i;
      score = s;
    }
  });
  return best;
}
