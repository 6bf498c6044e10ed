// The analysis engine: everything the worker thread and the CLI run, behind
// the protocol of protocol.ts. Settings arrive as plain values.
import { extractActions } from '../actions';
import { Annotator } from '../recognise/annotator';
import { applyContext, applyContextLine, documentContext, type DocumentContext } from '../recognise/context';
import { lineSpans } from '../text/lines';
import { Tokenizer } from '../tokenizer/tokenizer';
import type { Action, Entity, Token } from '../types';
import type { EngineApi, EngineOptions } from './protocol';
import { summarize, type FileSummary } from './summary';

export type { EngineOptions } from './protocol';

/** Characters analysed between two yields of the event loop in summarize(). */
const YIELD_EVERY = 4 * 1024;

/** Lets other work (the editor's requests, in the worker) run between two slices. */
const yieldNow = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Owns the tokenizer and the recognisers; one per thread. */
export class Engine implements EngineApi {
  readonly tokenizer: Tokenizer;
  readonly annotator: Annotator;

  constructor(options: EngineOptions = {}, tokenizer = new Tokenizer()) {
    this.tokenizer = tokenizer;
    this.annotator = new Annotator(tokenizer);
    this.annotator.prepare();
    if (options.userWords) this.tokenizer.addWords(options.userWords);
  }

  warmUp(): number {
    this.tokenizer.load();
    return this.tokenizer.loadMs;
  }

  /** Actions of `text` given its entities (UTF-16 offsets; entities from annotate(), computed when not given). */
  actions(text: string, entities: readonly Entity[] = this.annotate(text)): Action[] {
    return extractActions(text, entities, this.tag);
  }

  /** A stable tokenize function: extractActions caches tokens per function identity. */
  private readonly tag = (s: string): Token[] => this.tokenizer.tag(s);

  /**
   * Entities and actions of a whole file, summarised for the workspace index.
   * Lines are analysed in groups of about YIELD_EVERY characters with a yield
   * between groups, so that in the worker the editor's requests
   * (annotateLines) are answered in between.
   */
  async summarize(text: string): Promise<FileSummary> {
    const entities: Entity[] = [];
    const spans = [...lineSpans(text)];
    for (let i = 0; i < spans.length; ) {
      let j = i;
      for (let size = 0; j < spans.length && (j === i || size < YIELD_EVERY); j++) size += spans[j][1] - spans[j][0] + 1;
      const group = spans.slice(i, j);
      this.annotateLines(group.map(([start, end]) => text.slice(start, end))).forEach((lineEntities, k) => {
        const start = group[k][0];
        for (const e of lineEntities) entities.push({ ...e, start: e.start + start, end: e.end + start });
      });
      i = j;
      if (i < spans.length) await yieldNow();
    }
    const named = applyContext(text, entities, documentContext(text, entities));
    return summarize(text, named, this.actions(text, named));
  }

  annotateLines(lines: string[], context?: DocumentContext): Entity[][] {
    const raw = this.annotator.annotateLines(lines);
    return context ? raw.map((entities, i) => applyContextLine(lines[i], entities, context)) : raw;
  }

  annotate(text: string): Entity[] {
    const entities = this.annotator.annotate(text);
    return applyContext(text, entities, documentContext(text, entities));
  }

  context(text: string): DocumentContext {
    return documentContext(text, this.annotator.annotate(text));
  }

  clearCaches(): void {
    this.annotator.clearCache();
    this.tokenizer.clearCache();
  }

  tokenize(text: string): Token[] {
    return this.tokenizer.tag(text);
  }
}
