// Runs the Engine in one long-lived worker thread so that nodejieba's load
// (about a second) and its synchronous calls never block the caller's event
// loop (the extension host). Never terminate the worker mid-call: nodejieba
// aborts the whole process then (ARCHITECTURE.md, "Platform facts").
//
// The client has no method of its own per engine method: every EngineApi
// method is forwarded by name (Remote<EngineApi>, protocol.ts), so the
// protocol is declared once.
import { Worker } from 'node:worker_threads';
import type { EngineApi, EngineMethod, EngineOptions, EngineRequest, EngineResponse, ExitRequest, Remote } from './protocol';

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };

/** Names that are never engine methods: a promise's `then` (so that a client is not taken for a promise) and serialisation hooks. */
const NOT_FORWARDED = new Set(['then', 'catch', 'finally', 'toJSON', 'constructor']);

// Declaration merging: an EngineClient has every EngineApi method, returning a promise.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging
export interface EngineClient extends Remote<EngineApi> {}

/** Promise-based client for the engine worker; the worker starts on the first call. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class EngineClient {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private disposed = false;

  /** @param workerScript absolute path of the bundled worker (dist/worker.js). */
  constructor(
    private readonly workerScript: string,
    private readonly options: EngineOptions = {},
  ) {
    const forwarders = new Map<string, (...args: unknown[]) => Promise<unknown>>();
    return new Proxy(this, {
      get(target, prop, receiver) {
        if (typeof prop !== 'string' || prop in target || NOT_FORWARDED.has(prop)) return Reflect.get(target, prop, receiver);
        let f = forwarders.get(prop);
        if (!f) forwarders.set(prop, (f = (...args: unknown[]) => target.call(prop as EngineMethod, args as EngineRequest['args'])));
        return f;
      },
    });
  }

  /** Number of requests not yet answered. */
  get busy(): number {
    return this.pending.size;
  }

  /** Sends one request; resolves with the worker's result. */
  call<M extends EngineMethod>(method: M, args: Parameters<EngineApi[M]>): Promise<Awaited<ReturnType<EngineApi[M]>>> {
    if (this.disposed) return Promise.reject(new Error('Policy Lens engine has been shut down'));
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.ref(); // keep a CLI or test process alive while an answer is due
      worker.postMessage({ id, method, args } satisfies EngineRequest<M>);
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.workerScript, { workerData: this.options });
    worker.on('message', (msg: EngineResponse) => {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (this.pending.size === 0) worker.unref();
      if ('error' in msg) p.reject(new Error(msg.error));
      else p.resolve(msg.result);
    });
    const failAll = (err: Error) => {
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
      this.worker = undefined; // the next call starts a fresh worker
    };
    worker.on('error', (err) => failAll(err instanceof Error ? err : new Error(String(err))));
    worker.on('exit', (code) => {
      if (this.worker === worker) failAll(new Error(`Policy Lens engine worker exited (code ${code})`));
    });
    // An idle worker must not keep a CLI or test process alive on its own.
    worker.unref();
    this.worker = worker;
    return worker;
  }

  /**
   * Stops the worker once it is idle: asks it to exit by itself between calls
   * instead of terminating it (which would abort a running nodejieba call).
   */
  dispose(): void {
    this.disposed = true;
    const worker = this.worker;
    this.worker = undefined;
    // Calls still waiting would never be answered: the worker leaves after its current call.
    for (const p of this.pending.values()) p.reject(new Error('Policy Lens engine has been shut down'));
    this.pending.clear();
    if (!worker) return;
    worker.postMessage({ id: 0, method: '__exit' } satisfies ExitRequest);
  }
}
