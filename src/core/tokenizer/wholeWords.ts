// Which gazetteer words nodejieba already keeps whole, decided once at build
// time (scripts/build-jieba-whole.mjs) instead of at every start. Inserting a
// word jieba knows resets its weight (科技部 → 科技/部), so each dictionary
// word is checked with a cut before insertion; over ≈ 37,000 words that is
// ≈ 150 ms of every load. The table is trusted only for the nodejieba version
// and the exact word list it was computed from; otherwise the check runs.
import { createHash } from 'node:crypto';
import table from '../data/jieba-whole.json';
import type { JiebaLike } from './jieba';
import type { UserWord } from './jieba';

/** Format of src/core/data/jieba-whole.json. */
export interface WholeWordTable {
  format: 'policy-lens-jieba-whole/1';
  /** nodejieba version the table was computed with. */
  nodejieba: string;
  /** hashWords of the word list it was computed for. */
  words: string;
  count: number;
  /** Base64 bitset: bit i set when word i was kept whole (and so not inserted). */
  whole: string;
}

/** sha256 of a word list in order: each word with its tag and whether it is checked (onlyUnknown). */
export function hashWords(words: readonly UserWord[]): string {
  return createHash('sha256')
    .update(words.map((w) => `${w.word}\t${w.tag}\t${w.onlyUnknown ? 1 : 0}`).join('\n'))
    .digest('hex');
}

/**
 * Applies `words` in order the way the tokenizer does at load: a word marked
 * onlyUnknown that jieba already keeps whole is skipped, any other is
 * inserted. Returns, per word, whether it was skipped as whole.
 */
export function insertWords(jieba: Pick<JiebaLike, 'cut' | 'insertWord'>, words: readonly UserWord[]): boolean[] {
  return words.map((w) => {
    if (w.onlyUnknown && jieba.cut(w.word, true).length === 1) return true;
    jieba.insertWord(w.word, w.tag);
    return false;
  });
}

/** Encodes per-word flags as a base64 bitset. */
export function encodeFlags(flags: readonly boolean[]): string {
  const bytes = Buffer.alloc(Math.ceil(flags.length / 8));
  flags.forEach((f, i) => {
    if (f) bytes[i >> 3] |= 1 << (i & 7);
  });
  return bytes.toString('base64');
}

/** Decodes a base64 bitset of `count` flags. */
export function decodeFlags(bits: string, count: number): boolean[] {
  const bytes = Buffer.from(bits, 'base64');
  const out: boolean[] = [];
  for (let i = 0; i < count; i++) out.push(((bytes[i >> 3] ?? 0) & (1 << (i & 7))) !== 0);
  return out;
}

/**
 * The dictionary words to hand to the tokenizer: when the stored table was
 * computed for this nodejieba version and exactly these words, the words
 * jieba keeps whole are dropped and the rest are inserted without a check;
 * otherwise every word keeps its onlyUnknown check.
 */
export function applyWholeTable(words: readonly UserWord[], nodejiebaVersion: string | undefined, stored: WholeWordTable = table as WholeWordTable): UserWord[] {
  if (!nodejiebaVersion || stored.nodejieba !== nodejiebaVersion || stored.count !== words.length) return [...words];
  if (stored.words !== hashWords(words)) return [...words];
  const whole = decodeFlags(stored.whole, words.length);
  const out: UserWord[] = [];
  words.forEach((w, i) => {
    if (!whole[i]) out.push({ word: w.word, tag: w.tag });
  });
  return out;
}
