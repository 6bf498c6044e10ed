// The one place where UTF-16 offsets (JS strings, VS Code positions) meet
// Unicode code points (the export boundary, the annotation guide, other tools).
import { lowerBound } from './search';

/**
 * Maps UTF-16 offsets of one text to code-point offsets and back. Built once
 * per text in O(n); texts without astral characters take a fast path where
 * both directions are the identity.
 */
export class OffsetMap {
  /** UTF-16 offsets at which an astral character (surrogate pair) starts, ascending. */
  private readonly astral: number[] = [];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
        const d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          this.astral.push(i);
          i++;
        }
      }
    }
  }

  /** Length of the text in code points. */
  get codePointLength(): number {
    return this.text.length - this.astral.length;
  }

  /** Code-point offset of a UTF-16 offset (an offset inside a pair counts as after it). */
  toCodePoint(utf16: number): number {
    if (this.astral.length === 0) return utf16;
    // pairs that start strictly before utf16 each count one unit less
    return utf16 - lowerBound(this.astral, utf16);
  }

  /** UTF-16 offset of a code-point offset. */
  toUtf16(codePoint: number): number {
    if (this.astral.length === 0) return codePoint;
    // find the number k of pairs starting before the result: result = cp + k
    let lo = 0;
    let hi = this.astral.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      // pair `mid` starts at code point astral[mid] - mid
      if (this.astral[mid] - mid < codePoint) lo = mid + 1;
      else hi = mid;
    }
    return codePoint + lo;
  }
}

/** Strips a leading UTF-8 byte-order mark: it is not part of the text (as in VS Code). */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Whether a UTF-16 code unit is the first half of a surrogate pair. */
export function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

/** Whether a UTF-16 code unit is the second half of a surrogate pair. */
export function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** True when the UTF-16 offset `i` falls between the two halves of a surrogate pair (inside a character past U+FFFF). */
export function splitsPair(text: string, i: number): boolean {
  return i > 0 && i < text.length && isHigh(text.charCodeAt(i - 1)) && isLow(text.charCodeAt(i));
}
