// The analysis engine: everything the worker thread and the CLI run, behind
// the protocol of protocol.ts. Settings arrive as plain values.
import { extractActions } from '../actions';
import { Annotator } from '../recognise/annotator';
import { applyContext, applyContextLine, documentContext, type DocumentContext } from '../recognise/context';
import { documentDate } from '../recognise/documentDate';
import { formerNames, inconsistentNames } from '../recognise/nameChecks';
import { lineSpans } from '../text/lines';
import { lintText, type LintFinding, type LintOptions } from '../text/lint';
import { parseStructure, type Heading } from '../text/structure';
import { Tokenizer, type TokenizerInfo } from '../tokenizer/tokenizer';
import type { Action, Entity, Token } from '../types';
import { annotateWithinBudget, firstSkippedLine, planLine } from './lineBudget';
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

  constructor(options: EngineOptions = {}, tokenizer = new Tokenizer(options.tokenizer ?? 'auto')) {
    this.tokenizer = tokenizer;
    this.annotator = new Annotator(tokenizer);
    this.annotator.prepare();
    if (options.userWords) this.tokenizer.addWords(options.userWords);
  }

  warmUp(): number {
    this.tokenizer.load();
    return this.tokenizer.loadMs;
  }

  tokenizerInfo(): TokenizerInfo {
    return this.tokenizer.info();
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

  /** Entities of each line within the editor's budget (lineBudget.ts: a long line in slices, a too long one skipped). */
  annotateLines(lines: string[], context?: DocumentContext): Entity[][] {
    const raw = annotateWithinBudget(lines, (texts) => this.annotator.annotateLines(texts));
    return context ? raw.map((entities, i) => applyContextLine(lines[i], entities, context)) : raw;
  }

  /** Entities of `text` as the editor finds them line by line (within the budget), offsets in the text. */
  private withinBudget(text: string): Entity[] {
    const spans = [...lineSpans(text)];
    const out: Entity[] = [];
    this.annotateLines(spans.map(([a, b]) => text.slice(a, b))).forEach((entities, i) => {
      const start = spans[i][0];
      for (const e of entities) out.push(start === 0 ? e : { ...e, start: e.start + start, end: e.end + start });
    });
    return out;
  }

  actionsWithinBudget(text: string): Action[] {
    const entities = this.withinBudget(text);
    const named = applyContext(text, entities, documentContext(text, entities));
    // a skipped line is read as blank (same length: the offsets stay)
    let read = text;
    if (firstSkippedLine(text.split('\n'))) {
      read = text
        .split('\n')
        .map((line) => (planLine(line).kind === 'skipped' ? ' '.repeat(line.length) : line))
        .join('\n');
    }
    return extractActions(read, named, this.tag);
  }

  annotate(text: string): Entity[] {
    const entities = this.annotator.annotate(text);
    return applyContext(text, entities, documentContext(text, entities));
  }

  /** The context of the editor's document: its lines analysed within the budget, as annotateLines() does. */
  structure(text: string, markdown: boolean): Heading[] | undefined {
    // Markdown with # headings has VS Code's own outline and folding already
    if (markdown && /^#{1,6}[ \t]/m.test(text)) return undefined;
    return parseStructure(text);
  }

  lint(text: string, options: LintOptions): LintFinding[] {
    const findings = lintText(text, options);
    if (options.formerName || options.inconsistentNames) {
      const entities = this.withinBudget(text);
      const context = documentContext(text, entities);
      const named = applyContext(text, entities, context);
      if (options.formerName) for (const f of formerNames(text, named, documentDate(text))) findings.push(f);
      if (options.inconsistentNames) for (const f of inconsistentNames(text, named, context)) findings.push(f);
      findings.sort((a, b) => a.start - b.start || a.end - b.end);
    }
    return findings;
  }

  context(text: string): DocumentContext {
    return documentContext(text, this.withinBudget(text));
  }

  clearCaches(): void {
    this.annotator.clearCache();
    this.tokenizer.clearCache();
  }

  tokenize(text: string): Token[] {
    return this.tokenizer.tag(text);
  }
}
