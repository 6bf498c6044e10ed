// Activation: build the services, register the features, push every
// Disposable. Nothing heavy runs here: nodejieba loads in the engine worker
// on first use.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EngineClient } from './core/engineClient';
import { readEngineOptions } from './vscode/configuration';
import { DepartmentsView } from './vscode/departmentsView';
import { registerShowTokensCommand } from './vscode/showTokensCommand';

/** What activate() returns: a small API for integration tests and other extensions. */
export interface PolicyLensApi {
  engine: EngineClient;
  departments: DepartmentsView;
  /** Milliseconds activate() took. */
  activationMs: number;
}

export function activate(context: vscode.ExtensionContext): PolicyLensApi {
  const started = performance.now();
  const engine = new EngineClient(path.join(context.extensionPath, 'dist', 'worker.js'), readEngineOptions());
  const departments = new DepartmentsView();
  context.subscriptions.push(
    { dispose: () => engine.dispose() },
    departments,
    registerShowTokensCommand(engine),
  );
  return { engine, departments, activationMs: performance.now() - started };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
