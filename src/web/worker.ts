// Entry of dist/web/worker.js: the engine in a web Worker (vscode.dev,
// github.dev, code-server's web extension host). Its first message carries
// jieba-wasm's WebAssembly bytes (read by the extension with workspace.fs);
// then it answers the engine's protocol (core/engine/protocol.ts) like the
// node worker, with jieba-wasm as the tokenizer.
import { initSync } from 'jieba-wasm/web';
import * as jiebaWeb from 'jieba-wasm/web';
import { Engine } from '../core/engine/engine';
import type { EngineApi, EngineOptions, EngineRequest, EngineResponse } from '../core/engine/protocol';
import { answerRequest } from '../core/engine/serve';
import { useWasmModule } from '../core/tokenizer/wasm';

interface Init {
  wasm: ArrayBuffer | Uint8Array;
  /** Why the extension could not read the WebAssembly file. */
  error?: string;
  options: EngineOptions;
}

interface WorkerScope {
  postMessage(message: unknown): void;
  onmessage: ((event: { data: unknown }) => void) | null;
}
const scope = globalThis as unknown as WorkerScope;

let engine: EngineApi | undefined;
let initError: string | undefined;

scope.onmessage = (event) => {
  if (!engine && !initError) {
    const init = event.data as Init;
    try {
      if (init.error) throw new Error(init.error);
      initSync({ module: init.wasm });
      useWasmModule(jiebaWeb);
      engine = new Engine({ ...init.options, tokenizer: 'wasm' });
    } catch (err) {
      initError = `no tokenizer loads here: jieba-wasm (${err instanceof Error ? err.message : String(err)})`;
    }
    return;
  }
  const req = event.data as EngineRequest;
  answerRequest(engine, req, (response: EngineResponse) => scope.postMessage(response), initError);
};
