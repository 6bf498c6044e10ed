// The workspace index: summaries (counts, department mentions, actions) of
// every policy text in the workspace, built in the engine worker with a
// cancellable progress notification and kept current by file watchers.
import * as vscode from 'vscode';
import type { EngineClient } from '../core/engine/client';
import type { FileSummary } from '../core/engine/summary';
import { decodeText, TextFileError } from '../core/text/textFile';
import { readIndexSettings, type IndexSettings } from './configuration';
import { globFilter } from '../core/text/globs';

/** Outcome of one indexing run. */
export interface IndexReport {
  files: number;
  skipped: number;
  cancelled: boolean;
  ms: number;
}

/** Per-file summaries of the workspace's policy texts. */
export class WorkspaceIndex implements vscode.Disposable {
  private readonly files = new Map<string, FileSummary>();
  private readonly totals = new Map<string, number>();
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [];
  private watcher: vscode.FileSystemWatcher | undefined;
  private settings: IndexSettings = readIndexSettings();
  /** policyLens.index.include minus .exclude, over workspace-relative paths. */
  private accepts = globFilter(this.settings.include, this.settings.exclude);
  private queue = new Set<string>();
  private queueTimer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<IndexReport> | undefined;
  /** Files that could not be read, with the reason (shown in the Entities view tooltip). */
  readonly skipped = new Map<string, string>();
  /** Fires when summaries changed. */
  readonly onDidChange = this.changed.event;
  /** Report of the last full run, if any. */
  lastReport: IndexReport | undefined;

  constructor(private readonly engine: EngineClient) {
    this.disposables.push(
      this.changed,
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('policyLens.index')) {
          this.settings = readIndexSettings();
          this.accepts = globFilter(this.settings.include, this.settings.exclude);
          this.watch();
          void this.rebuild();
        }
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.rebuild()),
      vscode.workspace.onDidSaveTextDocument((d) => this.enqueue(d.uri)),
    );
    this.watch();
  }

  /** Number of indexed files. */
  get size(): number {
    return this.files.size;
  }

  /** Summary of one file. */
  summary(uri: vscode.Uri): FileSummary | undefined {
    return this.files.get(uri.toString());
  }

  /** All summaries, by URI string. */
  entries(): IterableIterator<[string, FileSummary]> {
    return this.files.entries();
  }

  /** Mentions of a key in the whole workspace. */
  count(key: string, _current?: vscode.Uri): number {
    return this.totals.get(key) ?? 0;
  }

  /** Entities per type over the workspace. */
  countsByType(): Map<string, number> {
    const out = new Map<string, number>();
    for (const s of this.files.values()) for (const [t, n] of s.types) out.set(t, (out.get(t) ?? 0) + n);
    return out;
  }

  /** Totals per key over the workspace. */
  counts(): ReadonlyMap<string, number> {
    return this.totals;
  }

  private watch(): void {
    this.watcher?.dispose();
    this.watcher = undefined;
    if (!this.settings.enabled) return;
    const w = vscode.workspace.createFileSystemWatcher(this.settings.include);
    w.onDidCreate((u) => this.enqueue(u));
    w.onDidChange((u) => this.enqueue(u));
    w.onDidDelete((u) => this.remove(u));
    this.watcher = w;
  }

  private enqueue(uri: vscode.Uri): void {
    if (!this.settings.enabled || !vscode.workspace.getWorkspaceFolder(uri)) return;
    // the watcher filters by the include glob only: a file is indexed when findFiles would list it (include, not exclude)
    if (!this.accepts(vscode.workspace.asRelativePath(uri, false)) && !this.files.has(uri.toString())) return;
    this.queue.add(uri.toString());
    if (this.queueTimer) clearTimeout(this.queueTimer);
    this.queueTimer = setTimeout(() => void this.flushQueue(), 300);
  }

  private async flushQueue(): Promise<void> {
    this.queueTimer = undefined;
    const uris = [...this.queue].map((u) => vscode.Uri.parse(u));
    this.queue.clear();
    let changed = false;
    for (const uri of uris) changed = (await this.indexFile(uri)) || changed;
    if (changed) this.changed.fire();
  }

  private remove(uri: vscode.Uri): void {
    const key = uri.toString();
    const old = this.files.get(key);
    if (!old) return;
    this.subtract(old);
    this.files.delete(key);
    this.changed.fire();
  }

  private subtract(s: FileSummary): void {
    for (const [k, n] of s.counts) {
      const v = (this.totals.get(k) ?? 0) - n;
      if (v > 0) this.totals.set(k, v);
      else this.totals.delete(k);
    }
  }

  /** Indexes one file; returns whether its summary changed. */
  async indexFile(uri: vscode.Uri): Promise<boolean> {
    let text: string;
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.size > this.settings.maxFileBytes) throw new TextFileError(`larger than policyLens.index.maxFileBytes (${stat.size} bytes)`);
      text = decodeText(await vscode.workspace.fs.readFile(uri));
    } catch (err) {
      const had = this.files.has(uri.toString());
      this.remove(uri);
      this.skipped.set(uri.toString(), err instanceof Error ? err.message : String(err));
      return had;
    }
    this.skipped.delete(uri.toString());
    const summary = await this.engine.summarize(text);
    const key = uri.toString();
    const old = this.files.get(key);
    if (old) this.subtract(old);
    this.files.set(key, summary);
    for (const [k, n] of summary.counts) this.totals.set(k, (this.totals.get(k) ?? 0) + n);
    return true;
  }

  /** Re-scans the whole workspace with a cancellable progress notification. */
  rebuild(): Promise<IndexReport> {
    if (this.running) return this.running;
    this.running = this.scan().finally(() => (this.running = undefined));
    return this.running;
  }

  private async scan(): Promise<IndexReport> {
    const started = performance.now();
    if (!this.settings.enabled || !vscode.workspace.workspaceFolders?.length) {
      return (this.lastReport = { files: 0, skipped: 0, cancelled: false, ms: 0 });
    }
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Policy Lens: indexing the workspace'), cancellable: true },
      async (progress, token) => {
        const uris = await vscode.workspace.findFiles(this.settings.include, this.settings.exclude, this.settings.maxFiles, token);
        const seen = new Set(uris.map((u) => u.toString()));
        for (const key of [...this.files.keys()]) if (!seen.has(key)) this.remove(vscode.Uri.parse(key));
        let done = 0;
        for (const uri of uris) {
          if (token.isCancellationRequested) break;
          progress.report({ message: `${done + 1}/${uris.length} ${vscode.workspace.asRelativePath(uri)}`, increment: 100 / uris.length });
          await this.indexFile(uri);
          done++;
          if (done % 20 === 0) this.changed.fire();
        }
        this.changed.fire();
        return (this.lastReport = { files: this.files.size, skipped: this.skipped.size, cancelled: token.isCancellationRequested, ms: performance.now() - started });
      },
    );
  }

  dispose(): void {
    if (this.queueTimer) clearTimeout(this.queueTimer);
    this.watcher?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
