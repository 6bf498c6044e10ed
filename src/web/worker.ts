// Entry of dist/web/worker.js: the engine in a web Worker (vscode.dev,
// github.dev), answering the extension's messages (engineEndpoint.ts).
import { engineEndpoint } from './engineEndpoint';

interface WorkerScope {
  postMessage(message: unknown): void;
  onmessage: ((event: { data: unknown }) => void) | null;
}
const scope = globalThis as unknown as WorkerScope;
const handle = engineEndpoint((response) => scope.postMessage(response));
scope.onmessage = (event) => handle(event.data);
