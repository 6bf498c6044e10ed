// nodejieba behind a small interface: loaded lazily and once, HMM on, and
// tokens carry offsets aligned to the input (nodejieba returns none).
import type { Token } from './types';

/** The part of nodejieba's API the tokenizer uses (injectable for tests). */
export interface JiebaLike {
  load(options?: Record<string, string>): void;
  cut(sentence: string, hmm?: boolean): string[];
  tag(sentence: string): Array<{ word: string; tag: string }>;
  insertWord(word: string, tag?: string): boolean;
}

/** A word to add to the tokenizer's dictionary, with its part-of-speech tag (nt organ, ns place, nr person …). */
export interface UserWord {
  word: string;
  tag: string;
  /**
   * Add only if the tokenizer does not already keep the word whole. Inserting
   * a word nodejieba knows resets its weight to the user default, which can
   * split it (科技部 → 科技/部 after insertWord('科技部')).
   */
  onlyUnknown?: boolean;
}

const dictionariesLoaded = new WeakSet<JiebaLike>();

/** Longest piece handed to nodejieba in one call: keeps each synchronous call short. */
const SLICE = 4096;

/**
 * Segmenter and POS tagger over nodejieba. The native module and its
 * dictionaries load on first use (about a second), never at construction.
 */
export class Tokenizer {
  private jieba: JiebaLike | undefined;
  private readonly pending: UserWord[] = [];
  /** Milliseconds the last load took (0 until loaded). */
  loadMs = 0;

  constructor(private readonly loader: () => JiebaLike = defaultLoader) {}

  /** True once nodejieba and its dictionaries are in memory. */
  get loaded(): boolean {
    return this.jieba !== undefined;
  }

  /** Loads nodejieba and applies user words; later calls do nothing. */
  load(): void {
    if (this.jieba) return;
    const started = Date.now();
    const jieba = this.loader();
    // nodejieba's dictionaries are process-wide: load them once per module.
    if (!dictionariesLoaded.has(jieba)) {
      jieba.load();
      dictionariesLoaded.add(jieba);
    }
    for (const w of this.pending) insert(jieba, w);
    this.pending.length = 0;
    this.jieba = jieba;
    this.loadMs = Date.now() - started;
  }

  /** Adds words to the dictionary (now if loaded, else at load). */
  addWords(words: Iterable<UserWord>): void {
    for (const w of words) {
      if (!w.word || /\s/.test(w.word)) continue;
      if (this.jieba) insert(this.jieba, w);
      else this.pending.push(w);
    }
  }

  /** Segments text with HMM on; tags are empty strings. */
  cut(text: string): Token[] {
    this.load();
    const jieba = this.jieba!;
    return sliced(text, (piece) => jieba.cut(piece, true).map((word) => ({ word, tag: '' })));
  }

  /** Segments and POS-tags text (HMM on). */
  tag(text: string): Token[] {
    this.load();
    const jieba = this.jieba!;
    return sliced(text, (piece) => jieba.tag(piece));
  }
}

function insert(jieba: JiebaLike, w: UserWord): void {
  if (w.onlyUnknown && jieba.cut(w.word, true).length === 1) return;
  jieba.insertWord(w.word, w.tag);
}

function defaultLoader(): JiebaLike {
  // Required at first use so that activation and `--help` never pay for it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('nodejieba') as JiebaLike;
}

/** Runs `fn` over slices of at most SLICE units cut at line or sentence ends, and aligns the result. */
function sliced(text: string, fn: (piece: string) => Array<{ word: string; tag: string }>): Token[] {
  if (text.length <= SLICE) return alignTokens(text, fn(text));
  const out: Token[] = [];
  let from = 0;
  while (from < text.length) {
    const to = sliceEnd(text, from);
    const piece = text.slice(from, to);
    for (const t of alignTokens(piece, fn(piece))) {
      t.start += from;
      t.end += from;
      out.push(t);
    }
    from = to;
  }
  return out;
}

/** End of the slice starting at `from`: the last line break or 。！？ before the limit, never inside a surrogate pair. */
function sliceEnd(text: string, from: number): number {
  const limit = from + SLICE;
  if (limit >= text.length) return text.length;
  for (let i = limit; i > from + SLICE / 2; i--) {
    const c = text[i - 1];
    if (c === '\n' || c === '。' || c === '！' || c === '？') return i;
  }
  let end = limit;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return end;
}

/**
 * Places each token at its position in `text`. Tokens are expected in order;
 * whitespace the tokenizer dropped or merged is skipped, and a token that
 * cannot be found (e.g. a lone surrogate nodejieba replaced) is dropped,
 * so every returned token satisfies text.slice(start, end) === word.
 */
export function alignTokens(text: string, words: Array<{ word: string; tag: string }>): Token[] {
  // The tokenizer's objects become the tokens (start and end added in place):
  // no second allocation per token on the hot path.
  const out = words as Token[];
  let n = 0;
  let cursor = 0;
  for (let k = 0; k < words.length; k++) {
    const t = out[k];
    const word = t.word;
    if (!word) continue;
    if (text.startsWith(word, cursor)) {
      t.start = cursor;
      t.end = cursor += word.length;
      out[n++] = t;
      continue;
    }
    const trimmed = word.trim();
    if (!trimmed) continue; // whitespace token with no counterpart here
    const at = text.indexOf(trimmed, cursor);
    // Accept only a match reached by skipping whitespace or unmatched characters
    // that no token claimed (bounded so one bad token cannot jump far ahead).
    if (at >= 0 && at - cursor <= 16) {
      t.word = trimmed;
      t.start = at;
      t.end = cursor = at + trimmed.length;
      out[n++] = t;
    }
  }
  out.length = n;
  return out;
}
