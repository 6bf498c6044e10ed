import type { FileSummary } from './summary';
import type { Action, Entity, Token } from '../types';

/** Methods the worker answers; each takes and returns structured-clonable values. */
export interface EngineApi {
  warmUp(): number;
  tokenize(text: string): Token[];
  annotate(text: string): Entity[];
  annotateLines(lines: string[]): Entity[][];
  actions(text: string): Action[];
  summarize(text: string): FileSummary;
  clearCaches(): void;
}

export type EngineMethod = keyof EngineApi;

/** A request to the worker. */
export interface EngineRequest {
  id: number;
  method: EngineMethod;
  args: unknown[];
}

/** The worker's answer to one request. */
export type EngineResponse = { id: number; result: unknown } | { id: number; error: string };
