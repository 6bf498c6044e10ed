// The typed protocol between the engine's callers (EngineClient, on the
// extension host's thread) and the Engine (in its worker thread). EngineApi is
// declared here once: the Engine implements it and the client is derived from
// it (Remote<EngineApi>), so a new engine method is one declaration here plus
// its implementation, both checked by the compiler.
import type { DocumentContext } from '../recognise/context';

export type { DocumentContext } from '../recognise/context';
import type { UserWord } from '../tokenizer/jieba';
import type { TokenizerChoice, TokenizerInfo } from '../tokenizer/jieba';

export { NO_TOKENIZER, type TokenizerInfo } from '../tokenizer/jieba';
import type { Action, Entity, Token } from '../types';
import type { FileSummary } from './summary';
import type { Heading } from '../text/structure';
import type { LintFinding, LintOptions } from '../text/lint';

/** Plain settings the engine needs (read by the adapter or the CLI), sent to the worker when it starts. */
export interface EngineOptions {
  /** Extra words for the tokenizer's dictionary. */
  userWords?: UserWord[];
  /** Which jieba to run (default `auto`: POLICY_LENS_TOKENIZER, else nodejieba where its binary loads, else jieba-wasm). */
  tokenizer?: TokenizerChoice;
}

/** What the engine answers; every argument and result is structured-clonable (it crosses threads). */
export interface EngineApi {
  /** Loads the tokenizer, its dictionaries and the gazetteer now; returns the milliseconds it took. */
  warmUp(): number;
  /** Which tokenizer runs (nodejieba or jieba-wasm), its version, load time and why nodejieba does not, when it does not (loads it). */
  tokenizerInfo(): TokenizerInfo;
  /** Segments and POS-tags text; offsets are UTF-16. */
  tokenize(text: string): Token[];
  /** Entities of a whole text (UTF-16 offsets), see the annotation guide. */
  annotate(text: string): Entity[];
  /** The document's context (its place …), from its lines analysed within the budget, which annotateLines applies to each line (canonical names of level-only organs, bare mentions of its people). */
  context(text: string): DocumentContext;
  /** Entities of each line (no line breaks inside), offsets relative to the line; with the document's context, as annotate() names them. Within the editor's budget (lineBudget.ts): a line over 20,000 characters in slices cut at sentence ends, one over 100,000 (or with no sentence end to cut at) skipped. */
  annotateLines(lines: string[], context?: DocumentContext): Entity[][];
  /** Actions of a text (UTF-16 offsets; `mention` indexes the entities in annotate()'s order). */
  actions(text: string): Action[];
  /** Actions of the editor's document, its entities found within the line budget as annotateLines() finds them (a skipped line read as blank). */
  actionsWithinBudget(text: string): Action[];
  /** Entities and actions of a whole file, summarised for the workspace index (analysed in slices that yield to other requests). */
  summarize(text: string): Promise<FileSummary>;
  /** The document's 公文 structure (outline and folding); undefined for Markdown with # headings, which has VS Code's own. Run in the worker: parsing a large text must not stall the host. */
  structure(text: string, markdown: boolean): Heading[] | undefined;
  /** The diagnostics' findings that are switched on (text checks, and name checks over the entities found within the line budget), in text order. Run in the worker: the host never computes them. */
  lint(text: string, options: LintOptions): LintFinding[];
  /** Empties the sentence cache and the tokenizer's word tags (the next analysis starts cold). */
  clearCaches(): void;
}

/** The name of an engine method. */
export type EngineMethod = keyof EngineApi;

/** An API as seen from another thread: every method returns a promise of its result. */
export type Remote<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never;
};

/** A request to the worker. */
export interface EngineRequest<M extends EngineMethod = EngineMethod> {
  id: number;
  method: M;
  args: Parameters<EngineApi[M]>;
}

/** Asks the worker to leave once its current call is done (never terminate it mid-call). */
export interface ExitRequest {
  id: 0;
  method: '__exit';
}

/** The worker's answer to one request. */
export type EngineResponse = { id: number; result: unknown } | { id: number; error: string };
