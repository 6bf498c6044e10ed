// Entry of dist/worker.js: the engine's worker thread.
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import type { EngineOptions } from './core/engine/protocol';
import { serveEngine } from './core/engine/serve';

if (!parentPort) throw new Error('dist/worker.js must run as a worker thread');
// The analysis yields the CPU to the extension host's own thread: on a busy
// machine (or two cores shared with the editor's processes) a worker at the
// same priority steals the time slices the host needs to stay responsive.
// Linux keeps a nice value per thread, so this lowers this thread only; on
// macOS and Windows it would lower the whole extension host, so it is skipped.
if (process.platform === 'linux') {
  try {
    setPriority(0, 10);
  } catch {
    // not permitted here: run at the default priority
  }
}
serveEngine(parentPort, (workerData as EngineOptions | undefined) ?? {});
