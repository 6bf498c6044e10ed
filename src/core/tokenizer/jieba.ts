// The tokenizer's view of jieba: the part of nodejieba's API it calls (so that
// tests and other builds of jieba — jieba-wasm, wasm.ts — can stand in), the
// user words it adds, and which backend runs.

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

/** Which jieba runs: nodejieba (native, where its binary loads) or jieba-wasm (everywhere). */
export type TokenizerBackend = 'nodejieba' | 'jieba-wasm';
/** How to pick it: `auto` (the environment variable POLICY_LENS_TOKENIZER, else nodejieba with jieba-wasm as fallback), or one of them. */
export type TokenizerChoice = 'auto' | 'nodejieba' | 'wasm';

/** What the tokenizer runs on, for the status bar and `policy-lens tokens`. */
export interface TokenizerInfo {
  /** `custom` for an injected JiebaLike (tests). */
  backend: TokenizerBackend | 'custom';
  version?: string;
  loadMs: number;
  /** Why nodejieba is not the one running, when it was wanted (its load error, one line). */
  fallbackReason?: string;
}

/** Start of the error thrown when no tokenizer loads (the editor shows it once, not per document). */
export const NO_TOKENIZER = 'no tokenizer loads here';
