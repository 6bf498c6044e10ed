// Entry of dist/worker.js: the engine's worker thread.
import { parentPort, workerData } from 'node:worker_threads';
import { serveEngine } from './core/engineWorker';

if (!parentPort) throw new Error('dist/worker.js must run as a worker thread');
serveEngine(parentPort, workerData ?? {});
