// The encoding of a file's bytes (the CLI's reading of user files): a BOM
// (UTF-8, UTF-16 LE/BE), else UTF-8, else GB18030 or UTF-16 without BOM when
// the detector (jschardet) agrees; a GBK file whose bytes happen to be valid
// UTF-8 is read as GB18030 when the detector says so, refused when it is not
// sure. Decoding is strict (TextDecoder with `fatal`): a text is never
// silently garbled. `--encoding` forces one.
import { chardet } from 'jschardet';
import { encodingName, readRegularFile, TextFileError } from './textFile';

/** A decoded text and the encoding it was read with. */
export interface DecodedText {
  text: string;
  /** The encoding's WHATWG name: 'utf-8', 'utf-16le', 'utf-16be', 'gb18030' … */
  encoding: string;
  /** A remark worth telling the user (how an ambiguous file was read), one line. */
  note?: string;
}

/** Strict decode, or undefined when the bytes are not in that encoding. */
function tryDecode(bytes: Uint8Array, encoding: string): string | undefined {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Bytes given to the detector (it is slow on large inputs and needs no more). */
const SAMPLE_BYTES = 64 * 1024;

/** The detector's guesses, best first, as WHATWG names (those node cannot decode left out). */
function detect(bytes: Uint8Array, exclude: string[] = []): Array<{ encoding: string; confidence: number }> {
  const sample = bytes.length > SAMPLE_BYTES ? bytes.subarray(0, SAMPLE_BYTES) : bytes;
  const out: Array<{ encoding: string; confidence: number }> = [];
  try {
    for (const r of chardet.detectAll(sample, exclude.length > 0 ? { excludeEncodings: exclude } : {})) {
      const name = r.encoding ? encodingName(r.encoding.replace(/^utf-?(16|32)-?(le|be)$/i, 'utf-$1$2')) : undefined;
      if (name) out.push({ encoding: name, confidence: r.confidence });
    }
  } catch {
    // no guess
  }
  return out;
}

const isIdeograph = (c: number): boolean => (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff);
/** CJK punctuation and full-width forms (。，、“” …). */
const isCjkMark = (c: number): boolean => (c >= 0x3000 && c <= 0x303f) || (c >= 0xff00 && c <= 0xffef) || c === 0x201c || c === 0x201d || c === 0x2018 || c === 0x2019 || c === 0x2026 || c === 0x2014;

/** Share of the non-ASCII characters of `text` (its first 64k) that are Chinese ideographs or CJK marks; -1 when it has none. */
function chineseShare(text: string): number {
  let nonAscii = 0;
  let chinese = 0;
  const n = Math.min(text.length, SAMPLE_BYTES);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    nonAscii++;
    if (isIdeograph(c) || isCjkMark(c)) chinese++;
  }
  return nonAscii === 0 ? -1 : chinese / nonAscii;
}

/** Scripts whose letters a GBK text read as UTF-8 turns into (two-byte sequences: U+0080–U+07FF). */
const MOJIBAKE_SCRIPTS = [/\p{Script=Latin}/u, /\p{Script=Greek}/u, /\p{Script=Cyrillic}/u, /\p{Script=Armenian}/u, /\p{Script=Hebrew}/u, /\p{Script=Arabic}/u, /\p{Script=Syriac}/u, /\p{Script=Thaana}/u, /\p{Script=Nko}/u, /\p{Script=Inherited}/u];

/** How many of those scripts the non-ASCII characters of `text` (its first 64k) mix: a real text writes one or two, GBK read as UTF-8 many. */
function mixedScripts(text: string): number {
  const seen = new Set<number>();
  const n = Math.min(text.length, SAMPLE_BYTES);
  for (let i = 0; i < n && seen.size < MOJIBAKE_SCRIPTS.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80 || c > 0x7ff) continue;
    const k = MOJIBAKE_SCRIPTS.findIndex((re) => re.test(text[i]));
    if (k >= 0) seen.add(k);
  }
  return seen.size;
}

/** Control characters that plain text does not hold (all below U+0020 but tab, line feed, form feed, carriage return). */
function hasControls(text: string): boolean {
  const n = Math.min(text.length, SAMPLE_BYTES);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 && c !== 9 && c !== 10 && c !== 12 && c !== 13) return true;
  }
  return false;
}

const FORCE_HINT = (encoding: string) => `give --encoding ${encoding} to read it so`;

/**
 * Decodes a file's bytes: with `forced`, strictly in that encoding (a BOM of
 * it removed); else by its BOM, else as UTF-8, else GB18030 or UTF-16
 * without BOM when both a strict decode and the detector agree. Throws
 * TextFileError naming the likely encoding and the option when it cannot
 * tell, and for binary files.
 */
export function decodeTextFile(bytes: Uint8Array, forced?: string): DecodedText {
  if (forced !== undefined) {
    const encoding = encodingName(forced);
    if (!encoding) throw new TextFileError(`unknown encoding "${forced}"`);
    const text = tryDecode(stripBomBytes(bytes, encoding), encoding);
    if (text === undefined) throw new TextFileError(`not ${encoding} text (undecodable bytes as ${encoding})`);
    return { text, encoding };
  }
  // a byte-order mark says it
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return decodeAs(bytes.subarray(3), 'utf-8');
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return decodeAs(bytes.subarray(2), 'utf-16le');
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return decodeAs(bytes.subarray(2), 'utf-16be');
  if (bytes.includes(0)) {
    // UTF-16 without BOM (ASCII characters have a NUL byte), when the detector is sure
    const guess = detect(bytes)[0];
    if (guess && /^utf-16(le|be)$/.test(guess.encoding) && guess.confidence >= 0.9 && bytes.length % 2 === 0) {
      const text = tryDecode(bytes, guess.encoding);
      if (text !== undefined && !hasControls(text)) return { text, encoding: guess.encoding };
    }
    throw new TextFileError('binary file (contains NUL bytes)');
  }
  const utf8 = tryDecode(bytes, 'utf-8');
  if (utf8 !== undefined) {
    // valid UTF-8; but a GBK text can be too (each character a valid two-byte sequence: 农业 → ũҵ),
    // and then it mixes scripts as no text does
    const share = chineseShare(utf8);
    if (share < 0 || share >= 0.3 || mixedScripts(utf8) < 3) return { text: utf8, encoding: 'utf-8' };
    const gb = tryDecode(bytes, 'gb18030');
    if (gb === undefined || chineseShare(gb) < 0.8) return { text: utf8, encoding: 'utf-8' };
    const guess = detect(bytes, ['utf-8', 'ascii'])[0];
    if (guess?.encoding === 'gb18030' || guess?.encoding === 'gbk')
      return { text: gb, encoding: 'gb18030', note: 'read as GB18030: its bytes are valid UTF-8 too, but as UTF-8 it holds no Chinese (give --encoding utf-8 to read it as UTF-8)' };
    throw new TextFileError(`ambiguous encoding: valid UTF-8 without Chinese, but probably GB18030; ${FORCE_HINT('gb18030')} (or --encoding utf-8)`);
  }
  // not UTF-8: GB18030 (GBK, GB2312) when it decodes and the detector agrees
  const guesses = detect(bytes, ['utf-8', 'ascii']);
  const gb = tryDecode(bytes, 'gb18030');
  if (gb !== undefined && !hasControls(gb) && chineseShare(gb) >= 0.5 && guesses.some((g, i) => i < 3 && (g.encoding === 'gb18030' || g.encoding === 'gbk')))
    return { text: gb, encoding: 'gb18030' };
  const likely = guesses.find((g) => tryDecode(bytes, g.encoding) !== undefined);
  throw new TextFileError(`not UTF-8 text (undecodable bytes)${likely ? `; it may be ${likely.encoding}: ${FORCE_HINT(likely.encoding)}` : ''}`);
}

/** Decodes after a BOM: strictly, else TextFileError. */
function decodeAs(bytes: Uint8Array, encoding: string): DecodedText {
  const text = tryDecode(bytes, encoding);
  if (text === undefined) throw new TextFileError(`not ${encoding} text (undecodable bytes after its byte-order mark)`);
  if (text.includes('\u0000')) throw new TextFileError('binary file (contains NUL characters)');
  if (encoding !== 'utf-8' && hasControls(text)) throw new TextFileError(`binary file (control characters when read as ${encoding})`);
  return { text, encoding };
}

/** The bytes without the BOM of `encoding`, if they start with it. */
function stripBomBytes(bytes: Uint8Array, encoding: string): Uint8Array {
  if (encoding === 'utf-8' && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3);
  if (encoding === 'utf-16le' && bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2);
  if (encoding === 'utf-16be' && bytes[0] === 0xfe && bytes[1] === 0xff) return bytes.subarray(2);
  if (encoding === 'gb18030' && bytes[0] === 0x84 && bytes[1] === 0x31 && bytes[2] === 0x95 && bytes[3] === 0x33) return bytes.subarray(4);
  return bytes;
}

/** Reads a text file: a regular file, size-checked (readRegularFile), decoded by decodeTextFile. */
export function readText(path: string, encoding?: string): DecodedText {
  return decodeTextFile(readRegularFile(path), encoding);
}
