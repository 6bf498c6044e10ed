// Entry of the web build (package.json `browser`, dist/web/extension.js): the
// extension in vscode.dev, github.dev and code-server's web extension host.
// The engine runs in a web Worker (dist/web/worker.js) with jieba-wasm, its
// WebAssembly read with workspace.fs (where the host lets an extension start no
// Worker, as code-server's does for extensions it serves, in the web extension
// host's own thread, which is a worker apart from the editor's UI too). Every
// editor feature is the desktop build's (src/vscode/features.ts): they reach
// files only through workspace.fs, so tags, sidecars, views, relations,
// curation, export and import work here too. node's modules are replaced in
// this build (esbuild.mjs): path by path-browserify, the SHA-256 of
// node:crypto by @noble/hashes (src/web/nodeShim.ts), and what has no
// equivalent (git for the annotator's name, the exclusive create of a lock
// file) falls back as on a virtual workspace.
import * as vscode from 'vscode';
import type { EngineClient } from '../core/engine/client';
import { readEngineOptions } from '../vscode/configuration';
import { registerFeatures, type PolicyLensApi } from '../vscode/features';
import { engineEndpoint } from './engineEndpoint';
import { channelClient, type Channel } from './protocolClient';

/** What the web build returns to tests: the desktop build's API, marked. */
export type PolicyLensWebApi = PolicyLensApi & { web: true };

/** The API of the running extension, whose tag store deactivate() flushes. */
let running: PolicyLensApi | undefined;

/**
 * The engine on this thread, behind the same channel as a Worker: messages
 * are copied (structuredClone) and delivered on a later turn, as a Worker's are.
 */
function inThreadChannel(): Channel {
  const listeners: Array<(event: { data: unknown }) => void> = [];
  const handle = engineEndpoint((response) => {
    const data = structuredClone(response);
    setTimeout(() => {
      for (const l of listeners) l({ data });
    }, 0);
  });
  return {
    postMessage: (message) => {
      const data = structuredClone(message);
      setTimeout(() => handle(data), 0);
    },
    addEventListener: (_type, listener) => void listeners.push(listener),
  };
}

/** A web Worker running dist/web/worker.js, else the engine on this thread (and why). */
function startEngine(context: vscode.ExtensionContext): { channel: Channel; inThread?: string } {
  const WorkerCtor = (globalThis as unknown as { Worker?: new (url: string) => Channel }).Worker;
  try {
    if (!WorkerCtor) throw new Error('this host has no Worker');
    return { channel: new WorkerCtor(vscode.Uri.joinPath(context.extensionUri, 'dist', 'web', 'worker.js').toString(true)) };
  } catch (err) {
    return { channel: inThreadChannel(), inThread: err instanceof Error ? err.message : String(err) };
  }
}

export function activate(context: vscode.ExtensionContext): PolicyLensWebApi {
  const started = performance.now();
  const { channel: worker, inThread } = startEngine(context);
  if (inThread) console.log(`Policy Lens: the engine runs on the web extension host's thread (${inThread})`);
  const client = channelClient(worker);
  // the worker's first message: jieba-wasm's bytes (workspace.fs reads the extension's own files everywhere)
  const wasm = vscode.workspace.fs.readFile(vscode.Uri.joinPath(context.extensionUri, 'dist', 'jieba_rs_wasm_bg.wasm'));
  const options = readEngineOptions();
  const ready = wasm.then(
    (bytes) => worker.postMessage({ wasm: bytes, options }),
    (err: unknown) => worker.postMessage({ wasm: new Uint8Array(0), options, error: String(err) }),
  );
  // requests wait for the init message: the worker takes its first message as the init
  const engine = new Proxy(client, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof prop !== 'string' || prop === 'dispose' || typeof value !== 'function') return value;
      return (...args: unknown[]) => ready.then(() => Reflect.apply(value as (...a: unknown[]) => unknown, undefined, args));
    },
  }) as unknown as EngineClient;
  context.subscriptions.push({ dispose: () => client.dispose() });
  running = registerFeatures(context, engine, started);
  return { ...running, web: true };
}

/** Pending sidecars are written before the subscriptions (and the worker) are disposed. */
export async function deactivate(): Promise<void> {
  await running?.tags.flush();
  running = undefined;
}
