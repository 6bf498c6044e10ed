// A small pool of worker threads for the CLI's --jobs N (node's
// worker_threads: a library pool such as piscina loads its own worker file by
// path, which a single-file bundle does not ship). Workers start when there
// is work (at most `size`), each keeps its state (the engine, loaded once)
// for the whole run; a task is one message, its reply one message. A worker
// that dies fails only its task (one error naming why); the next task starts
// a new worker. `inOrder` runs a stream of inputs through it with a bounded
// number in flight and hands the results on in input order.
import { Worker } from 'node:worker_threads';

/** A worker's reply to one task. */
export type Reply<O> = { ok: true; value: O } | { ok: false; message: string };

/** A task that failed in the worker (its message is one line). */
export class TaskError extends Error {}

interface Job<I, O> {
  input: I;
  resolve: (o: O) => void;
  reject: (e: Error) => void;
}

export class WorkerPool<I, O> {
  private readonly workers = new Set<Worker>();
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Job<I, O>>();
  private readonly queue: Array<Job<I, O>> = [];
  private closed = false;

  constructor(
    /** The worker's script (it answers each message with a Reply). */
    private readonly script: string,
    /** Worker threads at most. */
    readonly size: number,
    /** The workerData of each new worker (made for each: a worker of its own may need a channel of its own). */
    private readonly workerData?: () => unknown,
  ) {}

  /** Runs one task in a worker; rejects with TaskError when it fails there or its worker dies. */
  run(input: I): Promise<O> {
    if (this.closed) return Promise.reject(new TaskError('the worker pool is closed'));
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ input, resolve, reject });
      this.dispatch();
    });
  }

  /** Worker threads started and still running. */
  get running(): number {
    return this.workers.size;
  }

  private dispatch(): void {
    while (this.queue.length > 0 && !this.closed) {
      let w = this.idle.pop();
      if (!w) {
        if (this.workers.size >= this.size) return;
        w = this.spawn();
      }
      const job = this.queue.shift()!;
      this.busy.set(w, job);
      w.postMessage(job.input);
    }
  }

  private spawn(): Worker {
    const w = new Worker(this.script, { workerData: this.workerData?.() });
    this.workers.add(w);
    w.on('message', (reply: Reply<O>) => {
      const job = this.busy.get(w);
      this.busy.delete(w);
      this.idle.push(w);
      if (job) {
        if (reply.ok) job.resolve(reply.value);
        else job.reject(new TaskError(reply.message));
      }
      this.dispatch();
    });
    w.on('error', (e: Error) => this.lost(w, e.message.split('\n')[0] || e.name));
    w.on('exit', (code) => this.lost(w, `exit code ${code}`));
    return w;
  }

  /** A worker ended: its task fails, the others go on (a new worker when there is work). */
  private lost(w: Worker, why: string): void {
    if (!this.workers.delete(w)) return;
    const i = this.idle.indexOf(w);
    if (i >= 0) this.idle.splice(i, 1);
    const job = this.busy.get(w);
    this.busy.delete(w);
    if (job) job.reject(new TaskError(`its worker thread stopped (${why})`));
    this.dispatch();
  }

  /**
   * Ends every worker; tasks not yet started fail. A worker in the middle of
   * a task is let finish it first (at most one document): ending a thread
   * inside a native call (nodejieba) aborts the whole process.
   */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new TaskError('the worker pool is closed'));
    const all = [...this.workers];
    await Promise.all(
      all.map(async (w) => {
        if (this.busy.has(w)) {
          await new Promise<void>((resolve) => {
            w.once('message', () => resolve());
            w.once('exit', () => resolve());
          });
        }
        await w.terminate();
      }),
    );
  }
}

/**
 * Runs `work` on each input, at most `window` at once, and calls `consume`
 * with each result in input order (awaited before the next). `work` must not
 * reject (turn failures into results). When `consume` throws, no more work
 * is started and the error is passed on.
 */
export async function inOrder<I, O>(inputs: Iterable<I> | AsyncIterable<I>, work: (input: I) => Promise<O>, window: number, consume: (result: O, input: I) => void | Promise<void>): Promise<void> {
  const pending: Array<{ input: I; result: Promise<O> }> = [];
  for await (const input of inputs) {
    pending.push({ input, result: work(input) });
    while (pending.length >= Math.max(1, window)) {
      const next = pending.shift()!;
      await consume(await next.result, next.input);
    }
  }
  while (pending.length > 0) {
    const next = pending.shift()!;
    await consume(await next.result, next.input);
  }
}
