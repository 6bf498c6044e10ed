// The worker side of the protocol (protocol.ts): answers EngineClient's
// requests with one Engine until asked to exit. Started by src/worker.ts; its
// answerRequest also serves the web build's worker (src/web/worker.ts).
import type { MessagePort } from 'node:worker_threads';
import { Engine } from './engine';
import type { EngineApi, EngineOptions, EngineRequest, EngineResponse, ExitRequest } from './protocol';

/** Answers requests arriving on `port` with a fresh Engine until asked to exit. */
export function serveEngine(port: MessagePort, options: EngineOptions): void {
  const engine: EngineApi = new Engine(options);
  port.on('message', (req: EngineRequest | ExitRequest) => {
    if (req.method === '__exit') {
      port.close();
      return;
    }
    answerRequest(engine, req, (response) => port.postMessage(response));
  });
}

/**
 * Runs one request on `engine` and answers it (a result, or the error's message); only Engine's own methods
 * are called. Shared by the node worker and the web build's worker (src/web/worker.ts).
 */
export function answerRequest(engine: EngineApi | undefined, req: EngineRequest, answer: (response: EngineResponse) => void, unavailable = 'no engine'): void {
  const fail = (err: unknown) => answer({ id: req.id, error: err instanceof Error ? err.message : String(err) });
  try {
    if (!engine) throw new Error(unavailable);
    if (!Object.prototype.hasOwnProperty.call(Engine.prototype, req.method) || (req.method as string) === 'constructor') throw new Error(`unknown engine method ${String(req.method)}`);
    const result = (engine[req.method] as (this: EngineApi, ...args: unknown[]) => unknown).apply(engine, req.args);
    if (result instanceof Promise) result.then((r) => answer({ id: req.id, result: r }), fail);
    else answer({ id: req.id, result });
  } catch (err) {
    fail(err);
  }
}
