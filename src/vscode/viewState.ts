// Scope, sort order and filter shared by the Policy Lens views, mirrored in
// context keys so that view-title menus show the right buttons.
import * as vscode from 'vscode';

export type Scope = 'document' | 'workspace';
export type SortOrder = 'count' | 'name';

/** State of the views; fires when it changes. */
export class ViewState implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  scope: Scope = 'document';
  sort: SortOrder = 'count';
  filter = '';

  constructor() {
    this.publish();
  }

  /** Sets scope, sort or filter and refreshes the context keys. */
  set(patch: Partial<Pick<ViewState, 'scope' | 'sort' | 'filter'>>): void {
    Object.assign(this, patch);
    this.publish();
    this.changed.fire();
  }

  private publish(): void {
    void vscode.commands.executeCommand('setContext', 'policyLens.scope', this.scope);
    void vscode.commands.executeCommand('setContext', 'policyLens.sort', this.sort);
    void vscode.commands.executeCommand('setContext', 'policyLens.filtered', this.filter.length > 0);
  }

  /** Whether a label passes the filter (case-insensitive substring). */
  matches(...labels: string[]): boolean {
    return this.matchesAny(labels);
  }

  /** Whether one of `labels` passes the filter (an array: a department's mentions are unbounded). */
  matchesAny(labels: readonly string[]): boolean {
    if (!this.filter) return true;
    const f = this.filter.toLowerCase();
    return labels.some((l) => l.toLowerCase().includes(f));
  }

  dispose(): void {
    this.changed.dispose();
  }
}
