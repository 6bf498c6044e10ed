// The Departments view: departments grouped by canonical name with mention
// counts; children are the sub-units named and the actions (verb + object,
// with line). Scope: the active document or the whole workspace; sort by
// count or name; a filter. Clicking an item reveals it.
import * as vscode from 'vscode';
import type { Action } from '../core/types';
import type { AnalysisService } from './analysisService';
import { CachedTree } from './cachedTree';
import { actionsLabel, mentionsLabel, roleLabel } from './labels';
import { activeMentions, type Mention } from './reveal';
import type { ViewState } from './viewState';
import type { WorkspaceIndex } from './workspaceIndex';

/** A node of the Departments tree. */
export type DepartmentNode =
  | { kind: 'department'; canonical: string; mentions: Mention[]; subunits: DepartmentNode[]; actions: DepartmentNode[] }
  | { kind: 'subunit'; text: string; canonical: string; mentions: Mention[] }
  | { kind: 'action'; department: string; verb: string; object: string; role?: 'lead' | 'support'; mention: Mention };

/** Tree data for `policyLens.departments`. */
export class DepartmentsView extends CachedTree<DepartmentNode> {
  constructor(
    private readonly analysis: AnalysisService,
    private readonly index: WorkspaceIndex,
    private readonly state: ViewState,
  ) {
    super('policyLens.departments', 150);
    const refresh = () => this.scheduleRefresh();
    this.disposables.push(
      analysis.onDidChange((d) => d === vscode.window.activeTextEditor?.document && refresh()),
      analysis.onDidChangeActions(refresh),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        refresh();
        if (editor && this.treeView.visible && analysis.accepts(editor.document)) void analysis.whenActions(editor.document).then(refresh);
      }),
      index.onDidChange(() => this.state.scope === 'workspace' && refresh()),
      state.onDidChange(refresh),
      this.treeView.onDidChangeVisibility((e) => {
        const doc = vscode.window.activeTextEditor?.document;
        if (e.visible && doc) void analysis.whenActions(doc).then(refresh);
      }),
    );
    // Actions cost a pass over the whole text: only while this view can show them (or on demand, e.g. export).
    analysis.wantActions = (doc) => this.treeView.visible && (doc === vscode.window.activeTextEditor?.document || this.state.scope === 'workspace');
  }

  getTreeItem(node: DepartmentNode): vscode.TreeItem {
    switch (node.kind) {
      case 'department': {
        const item = new vscode.TreeItem(node.canonical, node.subunits.length + node.actions.length > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
        item.description = `${mentionsLabel(node.mentions.length)} · ${actionsLabel(node.actions.length)}`;
        item.iconPath = new vscode.ThemeIcon('organization');
        item.contextValue = 'department';
        const spellings = [...new Set(node.mentions.map((m) => m.text))];
        // names and spellings are document text: appendText escapes them
        item.tooltip = new vscode.MarkdownString('**').appendText(node.canonical).appendMarkdown(`**\n\n${vscode.l10n.t('Written as')}: `).appendText(spellings.join('、'));
        if (node.mentions[0]) item.command = { command: 'policyLens.revealMention', title: vscode.l10n.t('Reveal'), arguments: [node.mentions[0]] };
        item.id = `d:${node.canonical}`;
        return item;
      }
      case 'subunit': {
        const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
        item.description = String(node.mentions.length);
        item.iconPath = new vscode.ThemeIcon('type-hierarchy-sub');
        item.contextValue = 'subunit';
        item.command = { command: 'policyLens.revealMention', title: vscode.l10n.t('Reveal'), arguments: [node.mentions[0]] };
        item.id = `s:${node.canonical}:${node.text}`;
        return item;
      }
      case 'action': {
        const object = node.object.length > 40 ? `${node.object.slice(0, 40)}…` : node.object;
        const item = new vscode.TreeItem(`${node.verb} ${object}`, vscode.TreeItemCollapsibleState.None);
        const where = this.state.scope === 'workspace' ? `${vscode.workspace.asRelativePath(node.mention.uri)}:` : vscode.l10n.t('line ');
        const role = node.role ? `${roleLabel(node.role)} · ` : '';
        item.description = `${role}${where}${node.mention.range.start.line + 1}`;
        item.tooltip = `${node.department} — ${node.role ? `${roleLabel(node.role)}: ` : ''}${node.verb} ${node.object}`;
        // a responsibility list's lead and support units are told apart at a glance
        item.iconPath = new vscode.ThemeIcon(node.role === 'lead' ? 'star-full' : node.role === 'support' ? 'star-empty' : 'arrow-small-right');
        item.contextValue = 'action';
        item.command = { command: 'policyLens.revealMention', title: vscode.l10n.t('Reveal'), arguments: [node.mention] };
        item.id = `a:${node.mention.uri.toString()}:${node.mention.range.start.line}:${node.mention.range.start.character}:${node.department}`;
        return item;
      }
    }
  }

  getChildren(node?: DepartmentNode): DepartmentNode[] {
    if (node) return node.kind === 'department' ? [...node.subunits, ...node.actions] : [];
    const roots = this.cachedRoots();
    this.treeView.message = this.emptyMessage(roots.length);
    return roots;
  }

  getParent(): undefined {
    return undefined;
  }

  /** The current top-level nodes (built if needed). */
  departments(): DepartmentNode[] {
    return this.getChildren();
  }

  private emptyMessage(count: number): string | undefined {
    if (count > 0) return this.state.filter ? vscode.l10n.t('Filter: {0}', this.state.filter) : undefined;
    if (this.state.filter) return vscode.l10n.t('No department matches “{0}”.', this.state.filter);
    if (this.state.scope === 'workspace') {
      return this.index.size === 0 ? vscode.l10n.t('The workspace index is empty: run “Policy Lens: Index Workspace”.') : vscode.l10n.t('No departments found in the workspace.');
    }
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || !this.analysis.accepts(doc)) return vscode.l10n.t('Open a policy text (.txt or .md) to see its departments and their actions.');
    return this.analysis.model(doc)?.complete ? vscode.l10n.t('No departments found in this document.') : vscode.l10n.t('Analysing…');
  }

  protected build(): DepartmentNode[] {
    const groups = new Map<string, Extract<DepartmentNode, { kind: 'department' }>>();
    const group = (canonical: string) => {
      let g = groups.get(canonical);
      if (!g) groups.set(canonical, (g = { kind: 'department', canonical, mentions: [], subunits: [], actions: [] }));
      return g;
    };
    const subunits = new Map<string, Extract<DepartmentNode, { kind: 'subunit' }>>();
    const addMention = (canonical: string, m: Mention, isSubunit: boolean) => {
      group(canonical).mentions.push(m);
      if (!isSubunit) return;
      const key = `${canonical}\u0000${m.text}`;
      let s = subunits.get(key);
      if (!s) {
        subunits.set(key, (s = { kind: 'subunit', text: m.text, canonical, mentions: [] }));
        group(canonical).subunits.push(s);
      }
      s.mentions.push(m);
    };
    if (this.state.scope === 'document') {
      for (const { entity, mention } of activeMentions(this.analysis)) if (entity.type === 'department' && entity.canonical) addMention(entity.canonical, mention, !!entity.parent);
      const doc = vscode.window.activeTextEditor?.document;
      if (doc && this.analysis.model(doc)) for (const a of this.analysis.actions(doc)) this.addAction(group(a.department), a, doc);
    } else {
      for (const [uriString, summary] of this.index.entries()) {
        const uri = vscode.Uri.parse(uriString);
        for (const d of summary.departments) {
          for (const m of d.mentions) addMention(d.canonical, { uri, range: new vscode.Range(m.line, m.character, m.line, m.character + m.length), text: m.text }, !!m.parent);
        }
        for (const a of summary.actions) {
          group(a.department).actions.push({
            kind: 'action',
            department: a.department,
            verb: a.verb,
            object: a.object,
            ...(a.role ? { role: a.role } : {}),
            mention: { uri, range: new vscode.Range(a.line, a.character, a.line, a.character + a.length), text: a.verb },
          });
        }
      }
    }
    let list = [...groups.values()].filter((g) => g.mentions.length > 0);
    if (this.state.filter) {
      list = list.filter((g) => this.state.matchesAny([g.canonical].concat(g.mentions.map((m) => m.text), g.actions.map((a) => (a.kind === 'action' ? a.verb + a.object : '')))));
    }
    list.sort((a, b) => (this.state.sort === 'name' ? a.canonical.localeCompare(b.canonical, 'zh-CN') : b.mentions.length - a.mentions.length || a.canonical.localeCompare(b.canonical, 'zh-CN')));
    return list;
  }

  private addAction(g: Extract<DepartmentNode, { kind: 'department' }>, a: Action, doc: vscode.TextDocument): void {
    const range = new vscode.Range(doc.positionAt(a.start), doc.positionAt(a.end));
    g.actions.push({ kind: 'action', department: a.department, verb: a.verb, object: a.object, ...(a.role ? { role: a.role } : {}), mention: { uri: doc.uri, range, text: a.verb } });
  }

}
