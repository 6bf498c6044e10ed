// Serves EngineClient requests on a worker thread (see engineClient.ts).
import type { MessagePort } from 'node:worker_threads';
import { Engine, type EngineOptions } from './engine';
import type { EngineApi, EngineRequest, EngineResponse } from './engineClient';

/** Answers requests arriving on `port` with a fresh Engine until asked to exit. */
export function serveEngine(port: MessagePort, options: EngineOptions): void {
  const engine = new Engine(options);
  const api: EngineApi = {
    warmUp: () => engine.warmUp(),
    tokenize: (text: string) => engine.tokenize(text),
  };
  port.on('message', (req: EngineRequest | { id: 0; method: '__exit' }) => {
    if (req.method === '__exit') {
      port.close();
      return;
    }
    let response: EngineResponse;
    try {
      const fn = api[req.method] as (...args: unknown[]) => unknown;
      if (typeof fn !== 'function') throw new Error(`unknown engine method ${String(req.method)}`);
      response = { id: req.id, result: fn(...req.args) };
    } catch (err) {
      response = { id: req.id, error: err instanceof Error ? err.message : String(err) };
    }
    port.postMessage(response);
  });
}
