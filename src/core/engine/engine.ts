// The synchronous analysis engine: everything the worker thread and the CLI
// run. Settings arrive as plain values.
import { extractActions } from '../actions';
import { Annotator } from '../recognise/annotator';
import { Tokenizer } from '../tokenizer/tokenizer';
import { summarize, type FileSummary } from './summary';
import type { Action, Entity, Token } from '../types';
import { type UserWord } from '../tokenizer/jieba';

/** Plain settings the engine needs (read by the adapter or the CLI). */
export interface EngineOptions {
  /** Extra words for the tokenizer's dictionary. */
  userWords?: UserWord[];
}

/** Owns the tokenizer and the recognisers; one per thread. */
export class Engine {
  readonly tokenizer: Tokenizer;
  readonly annotator: Annotator;

  constructor(options: EngineOptions = {}, tokenizer = new Tokenizer()) {
    this.tokenizer = tokenizer;
    this.annotator = new Annotator(tokenizer);
    this.annotator.prepare();
    if (options.userWords) this.tokenizer.addWords(options.userWords);
  }

  /** Loads the tokenizer, its dictionaries and the gazetteer now; returns the milliseconds it took. */
  warmUp(): number {
    this.tokenizer.load();
    return this.tokenizer.loadMs;
  }

  /** Actions of `text` given its entities (UTF-16 offsets; entities from annotate()). */
  actions(text: string, entities: readonly Entity[] = this.annotate(text)): Action[] {
    return extractActions(text, entities, this.tag);
  }

  /** A stable tokenize function: extractActions caches tokens per function identity. */
  private readonly tag = (s: string): Token[] => this.tokenizer.tag(s);

  /** Entities and actions of a whole file, summarised for the workspace index. */
  summarize(text: string): FileSummary {
    const entities = this.annotate(text);
    return summarize(text, entities, this.actions(text, entities));
  }

  /** Entities of each line (offsets relative to the line); lines must not contain line breaks. */
  annotateLines(lines: string[]): Entity[][] {
    return this.annotator.annotateLines(lines);
  }

  /** Entities of `text` (UTF-16 offsets), see the annotation guide. */
  annotate(text: string): Entity[] {
    return this.annotator.annotate(text);
  }

  /** Empties the sentence cache and the tokenizer's word tags (benchmarks measure cold analyses). */
  clearCaches(): void {
    this.annotator.clearCache();
    this.tokenizer.clearCache();
  }

  /** Segments and POS-tags text; offsets are UTF-16. */
  tokenize(text: string): Token[] {
    return this.tokenizer.tag(text);
  }
}
