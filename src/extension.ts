// Activation of the desktop build: the engine in a node worker (dist/worker.js:
// nodejieba where its binary loads, else jieba-wasm), then every feature
// (src/vscode/features.ts). Nothing heavy runs here: the tokenizer loads in
// the worker on first use.
import * as path from 'node:path';
import type * as vscode from 'vscode';
import { EngineClient } from './core/engine/client';
import { readEngineOptions } from './vscode/configuration';
import { registerFeatures, type PolicyLensApi } from './vscode/features';

export type { PolicyLensApi } from './vscode/features';

/** The API of the running extension, whose tag store deactivate() flushes. */
let running: PolicyLensApi | undefined;

export function activate(context: vscode.ExtensionContext): PolicyLensApi {
  const started = performance.now();
  const engine = new EngineClient(path.join(context.extensionPath, 'dist', 'worker.js'), readEngineOptions());
  context.subscriptions.push({ dispose: () => engine.dispose() });
  running = registerFeatures(context, engine, started);
  return running;
}

/** VS Code awaits this before it disposes context.subscriptions: pending sidecars are written first. */
export async function deactivate(): Promise<void> {
  await running?.tags.flush();
  running = undefined;
}
