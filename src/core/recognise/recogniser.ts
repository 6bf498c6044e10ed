// What a recogniser is: the interface every stage of the pipeline
// (pipeline.ts) implements, and what it is given for a line.
import type { UserWord } from '../tokenizer/jieba';
import type { Entity, EntityType, Token } from '../types';

/** What a recogniser is given besides the line. */
export interface LineContext {
  /** The tokenizer's tokens of the line (offsets relative to it); empty when the line has no Han character. */
  readonly tokens: readonly Token[];
  /** The candidates of the recognisers before this one, in pipeline order (not yet resolved). */
  readonly found: readonly Entity[];
  /** Whether a word is a name a recogniser knows as a place, organ or organization (张家口, 江西): then it is not a person's name. */
  isKnownName(word: string): boolean;
}

/** One stage of recognition. */
export interface Recogniser {
  /** A short name for tests, benchmarks and errors. */
  readonly name: string;
  /** The entity types it assigns. */
  readonly types: readonly EntityType[];
  /** Whether it reads the tokens (the line is tokenized only when some recogniser does, and only when it has a Han character). */
  readonly needsTokens: boolean;
  /**
   * How its candidates meet others: 'fixed' ones are kept whatever they
   * overlap (《documents》 and “terms” are flat annotations: nothing inside
   * them is marked); 'ranked' ones compete by length, then by the type
   * priority of ../types.ts.
   */
  readonly overlap: 'fixed' | 'ranked';
  /** Candidates in `line` (UTF-16 offsets relative to it). */
  recognise(line: string, context: LineContext): Entity[];
  /** Words the tokenizer must keep whole, added to its user dictionary once before the first line. */
  dictionaryWords?(): UserWord[];
  /** Whether `word` is a name this recogniser knows (see LineContext.isKnownName). */
  isKnownName?(word: string): boolean;
}
