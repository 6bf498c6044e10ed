// The Entities view: entities by type (places, people, quantities,
// documents, terms, organizations, dates, departments) with counts; under
// each type the distinct names with their counts. Same scope, sort and
// filter as the Departments view.
import * as vscode from 'vscode';
import { sortQuantities } from '../core/engine/quantitySort';
import { ENTITY_TYPES, type EntityType } from '../core/types';
import type { AnalysisService } from './analysisService';
import { CachedTree } from './cachedTree';
import { typePlural } from './labels';
import { activeMentions, type Mention } from './reveal';
import type { ViewState } from './viewState';
import type { WorkspaceIndex } from './workspaceIndex';

/** A node of the Entities tree. */
export type EntityNode =
  | { kind: 'type'; type: EntityType; count: number; children: EntityNode[] }
  | { kind: 'name'; type: EntityType; key: string; label: string; count: number; first?: Mention; value?: number; unit?: string };

/** Order of the types in the view: the ones the guide lists after departments first. */
const ORDER: EntityType[] = ['place', 'person', 'quantity', 'document', 'term', 'organization', 'date', 'department'];

/** Tree data for `policyLens.entities`. */
export class EntitiesView extends CachedTree<EntityNode> {
  constructor(
    private readonly analysis: AnalysisService,
    private readonly index: WorkspaceIndex,
    private readonly state: ViewState,
  ) {
    super('policyLens.entities', 200);
    const refresh = () => this.scheduleRefresh();
    this.disposables.push(
      analysis.onDidChange((d) => d === vscode.window.activeTextEditor?.document && refresh()),
      vscode.window.onDidChangeActiveTextEditor(refresh),
      index.onDidChange(() => this.state.scope === 'workspace' && refresh()),
      state.onDidChange(refresh),
    );
  }

  getTreeItem(node: EntityNode): vscode.TreeItem {
    if (node.kind === 'type') {
      const item = new vscode.TreeItem(typePlural(node.type), vscode.TreeItemCollapsibleState.Collapsed);
      item.description = String(node.count);
      item.id = `t:${node.type}`;
      item.contextValue = 'entityType';
      item.iconPath = new vscode.ThemeIcon('symbol-class');
      return item;
    }
    const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
    item.description = String(node.count);
    item.id = `n:${node.key}`;
    item.contextValue = 'entityName';
    if (node.first) item.command = { command: 'policyLens.revealMention', title: vscode.l10n.t('Reveal'), arguments: [node.first] };
    return item;
  }

  getChildren(node?: EntityNode): EntityNode[] {
    if (node) return node.kind === 'type' ? node.children : [];
    const roots = this.cachedRoots();
    this.treeView.message = roots.length
      ? undefined
      : this.state.scope === 'workspace'
        ? vscode.l10n.t('Nothing indexed yet: run “Policy Lens: Index Workspace”.')
        : vscode.l10n.t('Open a policy text (.txt or .md) to see its places, people, quantities, documents and terms.');
    return roots;
  }

  protected build(): EntityNode[] {
    const byType = new Map<EntityType, Map<string, Extract<EntityNode, { kind: 'name' }>>>();
    /** Value and unit of quantities seen in the open documents (the index keeps counts only). */
    const quantities = new Map<string, { value?: number; unit?: string }>();
    const add = (type: EntityType, key: string, label: string, n: number, first?: Mention) => {
      let names = byType.get(type);
      if (!names) byType.set(type, (names = new Map<string, Extract<EntityNode, { kind: 'name' }>>()));
      const node = names.get(key);
      if (node) node.count += n;
      else names.set(key, { kind: 'name', type, key, label, count: n, first });
    };
    const learn = (key: string, value: number | undefined, unit: string | undefined) => {
      if (typeof value === 'number' && !quantities.has(key)) quantities.set(key, { value, unit: unit ?? '' });
    };
    if (this.state.scope === 'document') {
      for (const { entity, mention } of activeMentions(this.analysis)) {
        const label = entity.type === 'department' ? (entity.canonical ?? entity.text) : entity.text;
        add(entity.type, `${entity.type}:${label}`, label, 1, mention);
        if (entity.type === 'quantity') learn(`quantity:${label}`, entity.value, entity.unit);
      }
    } else {
      for (const [key, n] of this.index.counts()) {
        const colon = key.indexOf(':');
        add(key.slice(0, colon) as EntityType, key, key.slice(colon + 1), n);
      }
      for (const doc of this.analysis.documents()) {
        const model = this.analysis.model(doc);
        if (model) for (const { entity } of model.entities()) if (entity.type === 'quantity') learn(`quantity:${entity.text}`, entity.value, entity.unit);
      }
    }
    for (const node of byType.get('quantity')?.values() ?? []) {
      const known = quantities.get(node.key);
      if (known) Object.assign(node, known);
    }
    const out: EntityNode[] = [];
    for (const type of ORDER.filter((t) => ENTITY_TYPES.includes(t))) {
      const names = byType.get(type);
      if (!names) continue;
      let children = [...names.values()].filter((c) => this.state.matches(c.label));
      // quantities by unit, by value within a unit; the rest by name or count
      if (type === 'quantity') children = sortQuantities(children, this.state.sort === 'name' ? 'name' : 'count');
      else children.sort((a, b) => (this.state.sort === 'name' ? byName(a, b) : b.count - a.count || byName(a, b)));
      if (children.length === 0) continue;
      const count = children.reduce((s, c) => s + c.count, 0);
      children = children.slice(0, 2000);
      out.push({ kind: 'type', type, count, children });
    }
    return out;
  }

}

/** Names in the Chinese collation. */
function byName(a: { label: string }, b: { label: string }): number {
  return a.label.localeCompare(b.label, 'zh-CN');
}
