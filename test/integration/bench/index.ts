// Extension-tests entry used by `npm run bench -- --host` (not part of the
// suite): measures in the real extension host activation time, the longest
// event-loop stall while a 1 MB document opens and is analysed (against
// opening the same text unanalysed), and one-keystroke re-analysis times.
// Prints `BENCH name value` lines for scripts/bench.mjs.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as vscode from 'vscode';
import type { PolicyLensApi } from '../../../src/extension';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function stallWhile(fn: () => Promise<unknown>): Promise<number> {
  const h = monitorEventLoopDelay({ resolution: 5 });
  h.enable();
  await fn();
  h.disable();
  return h.max / 1e6;
}

export async function run(): Promise<void> {
  const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
  const ext = vscode.extensions.getExtension<PolicyLensApi>('policy-lens.policy-lens')!;
  const small = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(folder, 'ministries.txt')));
  await vscode.window.showTextDocument(small);
  const api = ext.isActive ? ext.exports : await ext.activate();
  console.log(`BENCH activation_ms ${api.activationMs.toFixed(2)}`);
  await api.analysis.whenAnalysed(small); // worker and dictionaries loaded

  const source = ['ministries.txt', 'localities.txt', 'degraded.txt'].flatMap((f) => fs.readFileSync(path.join(folder, f), 'utf8').split('\n'));
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < 1_000_000; i++) {
    const line = `${source[i % source.length]}（第${i}段）`;
    lines.push(line);
    size += Buffer.byteLength(line) + 1;
  }
  const text = lines.join('\n');
  fs.writeFileSync(path.join(folder, 'bench-large.log'), text);
  fs.writeFileSync(path.join(folder, 'bench-large.txt'), text);
  const baseline = await stallWhile(async () => {
    const d = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(folder, 'bench-large.log')));
    await vscode.window.showTextDocument(d);
    await sleep(3000);
  });
  await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  let doc: vscode.TextDocument | undefined;
  const t0 = performance.now();
  const stall = await stallWhile(async () => {
    doc = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(folder, 'bench-large.txt')));
    await vscode.window.showTextDocument(doc);
    await api.analysis.whenAnalysed(doc);
    await sleep(500);
  });
  console.log(`BENCH open_1mb_analysis_ms ${(performance.now() - t0).toFixed(0)}`);
  console.log(`BENCH open_1mb_stall_ms ${stall.toFixed(1)}`);
  console.log(`BENCH open_1mb_unanalysed_stall_ms ${baseline.toFixed(1)}`);
  console.log(`BENCH host_slices ${JSON.stringify(Object.fromEntries([...api.hostSlices].map(([k, v]) => [k, Number(v.toFixed(1))])))}`);
  const editor = vscode.window.activeTextEditor!;
  const times: number[] = [];
  for (let k = 0; k < 21; k++) {
    const line = 50 + k * 97;
    await editor.edit((b) => b.insert(new vscode.Position(line, 3), '新'));
    await sleep(5);
    await api.analysis.whenAnalysed(doc!);
    times.push(api.analysis.lastUpdateMs(doc!) ?? NaN);
    await sleep(30);
  }
  times.sort((a, b) => a - b);
  console.log(`BENCH keystroke_host_median_ms ${times[10].toFixed(2)}`);
  console.log(`BENCH keystroke_host_p95_ms ${times[19].toFixed(2)}`);
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}
