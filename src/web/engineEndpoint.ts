// The engine's side of the web build's channel: its first message carries
// jieba-wasm's WebAssembly bytes (read by the extension with workspace.fs);
// then it answers the engine's protocol (core/engine/protocol.ts) like the
// node worker, with jieba-wasm as the tokenizer. Served from a web Worker
// (src/web/worker.ts), or, where the host lets an extension start no Worker
// (code-server and other hosts serving extensions from a remote), from the
// web extension host's own thread, itself a worker apart from the editor's UI.
import { initSync } from 'jieba-wasm/web';
import * as jiebaWeb from 'jieba-wasm/web';
import { Engine } from '../core/engine/engine';
import type { EngineApi, EngineOptions, EngineRequest, EngineResponse } from '../core/engine/protocol';
import { answerRequest } from '../core/engine/serve';
import { useWasmModule } from '../core/tokenizer/wasm';

/** The channel's first message. */
export interface EngineInit {
  wasm: ArrayBuffer | Uint8Array;
  /** Why the extension could not read the WebAssembly file. */
  error?: string;
  options: EngineOptions;
}

/** A handler for the messages arriving at the engine; answers go to `post`. */
export function engineEndpoint(post: (response: EngineResponse) => void): (data: unknown) => void {
  let engine: EngineApi | undefined;
  let initError: string | undefined;
  return (data) => {
    if (!engine && !initError) {
      const init = data as EngineInit;
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
    answerRequest(engine, data as EngineRequest, post, initError);
  };
}
