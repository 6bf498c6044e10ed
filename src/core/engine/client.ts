// Runs the Engine in one long-lived worker thread so that nodejieba's load
// (about a second) and its synchronous calls never block the caller's event
// loop (the extension host). Never terminate the worker mid-call: nodejieba
// aborts the whole process then (PLATFORM-NOTES).
import { Worker } from 'node:worker_threads';
import type { EngineOptions } from './engine';
import type { FileSummary } from './summary';
import type { Action, Entity, Token } from '../types';
import type { EngineMethod, EngineRequest, EngineResponse } from './protocol';

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };

/** Promise-based client for the engine worker; created lazily on first call. */
export class EngineClient {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private disposed = false;

  /** @param workerScript absolute path of the bundled worker (dist/worker.js). */
  constructor(
    private readonly workerScript: string,
    private readonly options: EngineOptions = {},
  ) {}

  /** Loads nodejieba in the worker; resolves with the load time in ms. */
  warmUp(): Promise<number> {
    return this.call('warmUp', []) as Promise<number>;
  }

  /** Segments and tags text in the worker. */
  tokenize(text: string): Promise<Token[]> {
    return this.call('tokenize', [text]) as Promise<Token[]>;
  }

  /** Entities of a whole text (UTF-16 offsets). */
  annotate(text: string): Promise<Entity[]> {
    return this.call('annotate', [text]) as Promise<Entity[]>;
  }

  /** Entities of each line (offsets relative to the line). */
  annotateLines(lines: string[]): Promise<Entity[][]> {
    return this.call('annotateLines', [lines]) as Promise<Entity[][]>;
  }

  /**
   * Actions of a text (UTF-16 offsets; `mention` indexes the entities as
   * annotate() orders them). The worker annotates the text itself from its
   * line cache, so only the text crosses threads.
   */
  actions(text: string): Promise<Action[]> {
    return this.call('actions', [text]) as Promise<Action[]>;
  }

  /** Summary of a whole file for the workspace index. */
  summarize(text: string): Promise<FileSummary> {
    return this.call('summarize', [text]) as Promise<FileSummary>;
  }

  /** Empties the worker's sentence and word-tag caches (the next analysis starts cold). */
  clearCaches(): Promise<void> {
    return this.call('clearCaches', []) as Promise<void>;
  }

  /** Number of requests not yet answered. */
  get busy(): number {
    return this.pending.size;
  }

  private call(method: EngineMethod, args: unknown[]): Promise<unknown> {
    if (this.disposed) return Promise.reject(new Error('Policy Lens engine has been shut down'));
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.ref(); // keep a CLI or test process alive while an answer is due
      worker.postMessage({ id, method, args } satisfies EngineRequest);
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
    worker.postMessage({ id: 0, method: '__exit', args: [] });
  }
}
