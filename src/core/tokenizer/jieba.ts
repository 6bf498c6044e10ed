// The tokenizer's view of nodejieba: the part of its API it calls (so that
// tests and other builds of jieba can stand in) and the user words it adds.

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
