// Serves EngineClient requests on a worker thread (see engineClient.ts).
import type { MessagePort } from 'node:worker_threads';
import { Engine, type EngineOptions } from './engine';
import { summarize, type FileSummary } from './summary';
import type { Entity } from '../types';
import { lineSpans } from '../text/lines';
import type { EngineApi } from './protocol';
import type { EngineRequest } from './protocol';
import type { EngineResponse } from './protocol';

/** Answers requests arriving on `port` with a fresh Engine until asked to exit. */
export function serveEngine(port: MessagePort, options: EngineOptions): void {
  const engine = new Engine(options);
  const api: EngineApi = {
    warmUp: () => engine.warmUp(),
    tokenize: (text: string) => engine.tokenize(text),
    annotate: (text: string) => engine.annotate(text),
    annotateLines: (lines: string[]) => engine.annotateLines(lines),
    actions: (text: string) => engine.actions(text, engine.annotate(text)),
    // Whole files for the workspace index: analysed in slices that yield, so
    // the editor's requests (annotateLines) are answered in between.
    summarize: ((text: string) => summarizeYielding(engine, text)) as unknown as EngineApi['summarize'],
    clearCaches: () => engine.clearCaches(),
  };
  port.on('message', (req: EngineRequest | { id: 0; method: '__exit' }) => {
    if (req.method === '__exit') {
      port.close();
      return;
    }
    const answer = (response: EngineResponse) => port.postMessage(response);
    const fail = (err: unknown) => answer({ id: req.id, error: err instanceof Error ? err.message : String(err) });
    try {
      const fn = api[req.method] as (...args: unknown[]) => unknown;
      if (typeof fn !== 'function') throw new Error(`unknown engine method ${String(req.method)}`);
      const result = fn(...req.args);
      if (result instanceof Promise) result.then((r) => answer({ id: req.id, result: r }), fail);
      else answer({ id: req.id, result });
    } catch (err) {
      fail(err);
    }
  });
}

/** Characters analysed between two yields of the worker's event loop. */
const YIELD_EVERY = 4 * 1024;

/** Engine.summarize, yielding to other requests every YIELD_EVERY characters. */
async function summarizeYielding(engine: Engine, text: string): Promise<FileSummary> {
  const entities: Entity[] = [];
  const spans = [...lineSpans(text)];
  for (let i = 0; i < spans.length; ) {
    // a group of lines of about YIELD_EVERY characters, analysed as one batch
    let j = i;
    for (let size = 0; j < spans.length && (j === i || size < YIELD_EVERY); j++) size += spans[j][1] - spans[j][0] + 1;
    const group = spans.slice(i, j);
    engine.annotateLines(group.map(([start, end]) => text.slice(start, end))).forEach((lineEntities, k) => {
      const start = group[k][0];
      for (const e of lineEntities) entities.push({ ...e, start: e.start + start, end: e.end + start });
    });
    i = j;
    if (i < spans.length) await new Promise((r) => setImmediate(r));
  }
  return summarize(text, entities, engine.actions(text, entities));
}
