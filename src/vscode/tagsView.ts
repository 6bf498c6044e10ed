// The Tags view: the active document's tags by label, and the orphaned ones
// (text deleted or not found after an outside change), so none is ever out
// of sight. Clicking a tag reveals it. A filter shows the annotator's own
// tags only ("mine") or everyone's ("all"); the view's description is the
// document's review status.
import * as vscode from 'vscode';
import type { Tag } from '../core/tags/types';
import { reviewStatusLabel, type Annotator } from './review';
import type { TagStore } from './tagStore';

/** Which tags the view lists. */
export type TagsFilter = 'all' | 'mine';

/** A node of the Tags tree. */
export type TagNode = { kind: 'label'; label: string; tags: Tag[]; orphans: boolean } | { kind: 'tag'; tag: Tag; uri: vscode.Uri };

/** Tree data for `policyLens.tags`. */
export class TagsView implements vscode.TreeDataProvider<TagNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TagNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly treeView: vscode.TreeView<TagNode>;
  private readonly disposables: vscode.Disposable[] = [];
  /** Which tags are listed (command policyLens.tagsShowMine / tagsShowAll). */
  filter: TagsFilter = 'all';

  constructor(
    private readonly store: TagStore,
    private readonly annotator?: Annotator,
  ) {
    this.treeView = vscode.window.createTreeView('policyLens.tags', { treeDataProvider: this, showCollapseAll: true });
    void vscode.commands.executeCommand('setContext', 'policyLens.tagsFilter', this.filter);
    this.disposables.push(
      vscode.commands.registerCommand('policyLens.tagsShowMine', () => this.setFilter('mine')),
      vscode.commands.registerCommand('policyLens.tagsShowAll', () => this.setFilter('all')),
      this.treeView,
      this.changed,
      store.onDidChange(() => this.changed.fire(undefined)),
      vscode.window.onDidChangeActiveTextEditor(() => this.changed.fire(undefined)),
    );
  }

  /** Lists the annotator's own tags only, or everyone's. */
  setFilter(filter: TagsFilter): TagsFilter {
    this.filter = filter;
    void vscode.commands.executeCommand('setContext', 'policyLens.tagsFilter', filter);
    this.changed.fire(undefined);
    return filter;
  }

  getTreeItem(node: TagNode): vscode.TreeItem {
    if (node.kind === 'label') {
      const item = new vscode.TreeItem(node.orphans ? vscode.l10n.t('Orphaned tags') : node.label, vscode.TreeItemCollapsibleState.Expanded);
      item.description = String(node.tags.length);
      item.iconPath = new vscode.ThemeIcon(node.orphans ? 'warning' : 'tag');
      if (node.orphans) item.tooltip = vscode.l10n.t('Their text was deleted or could not be found after an outside change. They are kept; remove them or tag the text again.');
      item.id = `l:${node.orphans ? '\u0000orphans' : node.label}`;
      return item;
    }
    const { tag } = node;
    const text = tag.quote.exact.length > 30 ? `${tag.quote.exact.slice(0, 30)}…` : tag.quote.exact;
    const item = new vscode.TreeItem(text, vscode.TreeItemCollapsibleState.None);
    item.id = `t:${tag.id}`;
    item.contextValue = tag.orphan ? 'orphanTag' : 'tag';
    item.tooltip = [tag.note ? `${tag.label}: ${tag.note}` : tag.label, tag.annotator ? vscode.l10n.t('by {0}', tag.annotator) : ''].filter(Boolean).join('\n');
    item.iconPath = new vscode.ThemeIcon(tag.note ? 'note' : tag.source === 'confirmed' ? 'pass' : 'symbol-string');
    if (!tag.orphan) {
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === node.uri.toString());
      if (doc) {
        const range = new vscode.Range(doc.positionAt(tag.start), doc.positionAt(tag.end));
        item.description = `${vscode.l10n.t('line ')}${range.start.line + 1}${this.filter === 'all' && tag.annotator ? ` · ${tag.annotator}` : ''}${tag.note ? ` · ${tag.note}` : ''}`;
        item.command = { command: 'policyLens.revealMention', title: vscode.l10n.t('Reveal'), arguments: [{ uri: node.uri, range, text: tag.quote.exact }] };
      }
    } else {
      item.description = `${tag.label}${tag.note ? ` · ${tag.note}` : ''}`;
    }
    return item;
  }

  getChildren(node?: TagNode): TagNode[] {
    const uri = vscode.window.activeTextEditor?.document.uri;
    if (node) return node.kind === 'label' ? node.tags.map((tag) => ({ kind: 'tag' as const, tag, uri: uri! })) : [];
    if (!uri) {
      this.treeView.message = vscode.l10n.t('Open a policy text to see its tags.');
      return [];
    }
    const state = this.store.get(uri);
    if (state?.blocked) {
      this.treeView.message = state.blocked;
      return [];
    }
    this.treeView.description = state ? `${reviewStatusLabel(state.doc.review.status)}${this.filter === 'mine' ? ` · ${vscode.l10n.t('mine')}` : ''}` : undefined;
    const me = this.annotator?.name;
    const tags = [...this.store.tags(uri)].filter((t) => this.filter === 'all' || t.annotator === me).sort((a, b) => a.start - b.start);
    this.treeView.message = tags.length ? undefined : vscode.l10n.t('No tags yet: select text and run “Policy Lens: Tag Selection”.');
    const byLabel = new Map<string, Tag[]>();
    const orphans: Tag[] = [];
    for (const t of tags) {
      if (t.orphan) orphans.push(t);
      else byLabel.set(t.label, [...(byLabel.get(t.label) ?? []), t]);
    }
    const out: TagNode[] = [...byLabel].sort((a, b) => a[0].localeCompare(b[0], 'zh-CN')).map(([label, list]) => ({ kind: 'label', label, tags: list, orphans: false }));
    if (orphans.length) out.push({ kind: 'label', label: '', tags: orphans, orphans: true });
    return out;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
