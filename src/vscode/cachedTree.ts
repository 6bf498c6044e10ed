// What the Departments and Entities views share: a tree view whose top-level
// nodes are built once and cached until a refresh, with bursts of refresh
// requests (edits, analysis batches) coalesced, and the build timed as a host slice.
import * as vscode from 'vscode';
import { recordSlice } from './analysisService';

/** A tree data provider with cached, lazily rebuilt roots. */
export abstract class CachedTree<T> implements vscode.TreeDataProvider<T>, vscode.Disposable {
  protected readonly changed = new vscode.EventEmitter<T | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly treeView: vscode.TreeView<T>;
  protected readonly disposables: vscode.Disposable[] = [];
  private roots: T[] | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  /** @param viewId the contributed view; @param delayMs how long refresh requests are coalesced. */
  constructor(
    private readonly viewId: string,
    private readonly delayMs: number,
  ) {
    this.treeView = vscode.window.createTreeView(viewId, { treeDataProvider: this, showCollapseAll: true });
    this.disposables.push(this.treeView, this.changed);
  }

  /** Builds the top-level nodes from the current state. */
  protected abstract build(): T[];

  abstract getTreeItem(node: T): vscode.TreeItem;

  abstract getChildren(node?: T): T[];

  /** The top-level nodes, built if the cache was cleared (timed as a host slice named by the view id). */
  protected cachedRoots(): T[] {
    if (!this.roots) {
      const started = performance.now();
      this.roots = this.build();
      recordSlice(this.viewId, started);
    }
    return this.roots;
  }

  /** Recomputes the tree soon (coalescing bursts of requests). */
  scheduleRefresh(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refresh(), this.delayMs);
  }

  /** Recomputes the tree now. */
  refresh(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.roots = undefined;
    this.changed.fire(undefined);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}
