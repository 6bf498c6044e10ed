// The synchronous analysis engine: everything the worker thread and the CLI
// run. Settings arrive as plain values.
import { Tokenizer, type UserWord } from './tokenizer';
import type { Token } from './types';

/** Plain settings the engine needs (read by the adapter or the CLI). */
export interface EngineOptions {
  /** Extra words for the tokenizer's dictionary. */
  userWords?: UserWord[];
}

/** Owns the tokenizer and the recognisers; one per thread. */
export class Engine {
  readonly tokenizer: Tokenizer;

  constructor(options: EngineOptions = {}, tokenizer = new Tokenizer()) {
    this.tokenizer = tokenizer;
    if (options.userWords) this.tokenizer.addWords(options.userWords);
  }

  /** Loads the tokenizer and dictionaries now; returns the milliseconds it took. */
  warmUp(): number {
    this.tokenizer.load();
    return this.tokenizer.loadMs;
  }

  /** Segments and POS-tags text; offsets are UTF-16. */
  tokenize(text: string): Token[] {
    return this.tokenizer.tag(text);
  }
}
