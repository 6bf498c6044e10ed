// Entry of the web build (package.json `browser`, dist/web/extension.js): the
// extension in vscode.dev, github.dev and code-server's web extension host.
// The engine runs in a web Worker (dist/web/worker.js) with jieba-wasm, its
// WebAssembly read with workspace.fs (where the host lets an extension start no
// Worker, as code-server's does for extensions it serves, in the web extension
// host's own thread, which is a worker apart from the editor's UI too); the editor gets highlighting, hovers
// and the status bar from the same adapter as the desktop build. Features
// that need node's file system (the workspace index, tags' sidecars, export
// and import) are off here: their commands say so.
import * as vscode from 'vscode';
import type { EngineClient } from '../core/engine/client';
import { AnalysisService } from '../vscode/analysisService';
import { readEngineOptions } from '../vscode/configuration';
import { Decorations } from '../vscode/decorations';
import { EntityHoverProvider } from '../vscode/hover';
import { StatusBar } from '../vscode/statusBar';
import { engineEndpoint } from './engineEndpoint';
import { channelClient, type Channel } from './protocolClient';

/** Commands that work in the web build; every other contributed command explains why it does not. */
const AVAILABLE = new Set(['policyLens.toggleHighlighting']);

/** What the web build returns to tests. */
export interface PolicyLensWebApi {
  engine: EngineClient;
  analysis: AnalysisService;
  decorations: Decorations;
  statusBar: StatusBar;
  web: true;
}

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
  const analysis = new AnalysisService(engine);
  const decorations = new Decorations(analysis);
  const statusBar = new StatusBar(analysis, decorations, () => engine.tokenizerInfo());
  context.subscriptions.push(
    { dispose: () => client.dispose() },
    analysis,
    decorations,
    statusBar,
    vscode.languages.registerHoverProvider({ pattern: '**' }, new EntityHoverProvider(analysis, () => undefined)),
    vscode.commands.registerCommand('policyLens.toggleHighlighting', () => decorations.toggle()),
  );
  const contributed = (context.extension.packageJSON as { contributes?: { commands?: Array<{ command: string }> } }).contributes?.commands ?? [];
  for (const { command } of contributed) {
    if (AVAILABLE.has(command)) continue;
    context.subscriptions.push(
      vscode.commands.registerCommand(command, () =>
        vscode.window.showInformationMessage(vscode.l10n.t('Policy Lens: this command needs the file system of desktop or remote VS Code; the web build highlights and explains open documents only.')),
      ),
    );
  }
  return { engine, analysis, decorations, statusBar, web: true };
}

export function deactivate(): void {
  // the worker ends with the extension's subscriptions
}
