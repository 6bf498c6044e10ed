// Extension-tests entry used by `npm run bench -- --host` (not part of the
// suite): measures in the real extension host activation time, the longest
// event-loop stall while a 1 MB document opens and is analysed (against
// opening the same text unanalysed), and one-keystroke re-analysis times.
// Prints `BENCH name value` lines for scripts/bench.mjs.
import * as fs from 'node:fs';
import * as inspector from 'node:inspector';
import * as path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as vscode from 'vscode';
import type { PolicyLensApi } from '../../../src/extension';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function stallWhile(fn: () => Promise<unknown>, profile?: string): Promise<number> {
  const session = profile ? new inspector.Session() : undefined;
  const post = (method: string, params?: object) => new Promise<unknown>((resolve, reject) => session!.post(method, params ?? {}, (err, r) => (err ? reject(err) : resolve(r))));
  if (session) {
    session.connect();
    await post('Profiler.enable');
    await post('Profiler.setSamplingInterval', { interval: 200 });
    await post('Profiler.start');
  }
  const h = monitorEventLoopDelay({ resolution: 5 });
  h.enable();
  const gaps: string[] = [];
  const t0 = performance.now();
  let last = t0;
  const probe = setInterval(() => {
    const now = performance.now();
    if (now - last > 25) gaps.push(`${(now - last).toFixed(0)}ms@${(last - t0).toFixed(0)}`);
    last = now;
  }, 2);
  await fn();
  clearInterval(probe);
  if (process.env.POLICY_LENS_BENCH_PROFILE) console.log(`GAPS ${gaps.join(' ')}`);
  h.disable();
  if (session) {
    const { profile: data } = (await post('Profiler.stop')) as { profile: unknown };
    fs.writeFileSync(profile!, JSON.stringify(data));
    session.disconnect();
  }
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
  /** About 1 MB of text, its lines different in each round (the worker's caches are emptied before each open). */
  const largeText = (round: number): string => {
    const lines: string[] = [];
    let size = 0;
    for (let i = 0; size < 1_000_000; i++) {
      const line = `${source[i % source.length]}（第${round}-${i}段）`;
      lines.push(line);
      size += Buffer.byteLength(line) + 1;
    }
    return lines.join('\n');
  };
  // This machine's scheduling noise moves a single figure by tens of ms, so
  // each round opens one unanalysed copy (a .log file) and one analysed copy
  // (.txt) of a new 1 MB text; the medians and the worst are reported.
  const ROUNDS = 5;
  const analysed: number[] = [];
  const unanalysed: number[] = [];
  const openMs: number[] = [];
  let doc: vscode.TextDocument | undefined;
  for (let round = 0; round < ROUNDS; round++) {
    const text = largeText(round);
    const plain = path.join(folder, `bench-large-${round}.log`);
    const file = path.join(folder, `bench-large-${round}.txt`);
    fs.writeFileSync(plain, text);
    fs.writeFileSync(file, text);
    unanalysed.push(
      await stallWhile(async () => {
        const d = await vscode.workspace.openTextDocument(vscode.Uri.file(plain));
        await vscode.window.showTextDocument(d);
        await sleep(1500);
      }),
    );
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    const last = round === ROUNDS - 1;
    await api.engine.clearCaches(); // a cold analysis: no sentence or word tag known from earlier rounds
    const t0 = performance.now();
    analysed.push(
      await stallWhile(
        async () => {
          doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
          await vscode.window.showTextDocument(doc);
          await api.analysis.whenAnalysed(doc);
          openMs.push(performance.now() - t0);
          await sleep(500);
        },
        round === 0 ? process.env.POLICY_LENS_BENCH_PROFILE : undefined, // the first open: the coldest
      ),
    );
    if (!last) await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(`BENCH open_1mb_analysis_ms ${median(openMs).toFixed(0)}`);
  console.log(`BENCH open_1mb_stall_ms ${median(analysed).toFixed(1)}`);
  console.log(`BENCH open_1mb_stall_worst_ms ${Math.max(...analysed).toFixed(1)}`);
  console.log(`BENCH open_1mb_unanalysed_stall_ms ${median(unanalysed).toFixed(1)}`);
  console.log(`BENCH open_1mb_unanalysed_stall_worst_ms ${Math.max(...unanalysed).toFixed(1)}`);
  console.log(`BENCH open_rounds ${ROUNDS}`);
  console.log(`BENCH open_rounds_detail analysed ${analysed.map((x) => x.toFixed(0)).join('/')} ms, unanalysed ${unanalysed.map((x) => x.toFixed(0)).join('/')} ms`);
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
