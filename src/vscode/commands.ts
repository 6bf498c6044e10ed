// Commands of the Policy Lens views and editor (besides Show Tokens).
import * as vscode from 'vscode';
import type { AnalysisService } from './analysisService';
import type { Decorations } from './decorations';
import type { DepartmentNode } from './departmentsView';
import type { EntityNode } from './entitiesView';
import { pickMention, reveal, type Mention } from './reveal';
import type { TagStore } from './tagStore';
import type { ViewState } from './viewState';
import type { WorkspaceIndex } from './workspaceIndex';
import { entityKey } from '../core/types';

/** Services the commands act on. */
export interface CommandContext {
  analysis: AnalysisService;
  decorations: Decorations;
  index: WorkspaceIndex;
  state: ViewState;
  tags: TagStore;
}

/** All mentions of `key` in a document and, for departments, in the other indexed files. */
export function mentionsOf(ctx: CommandContext, uri: vscode.Uri, key: string): Mention[] {
  const out: Mention[] = [];
  const model = ctx.analysis.model(uri);
  if (model) {
    for (const { line, entity } of model.mentionsOf(key)) out.push({ uri, range: new vscode.Range(line, entity.start, line, entity.end), text: entity.text });
  }
  if (key.startsWith('department:')) {
    const canonical = key.slice('department:'.length);
    for (const [u, summary] of ctx.index.entries()) {
      if (u === uri.toString()) continue;
      const other = vscode.Uri.parse(u);
      for (const d of summary.departments) {
        if (d.canonical !== canonical) continue;
        for (const m of d.mentions) out.push({ uri: other, range: new vscode.Range(m.line, m.character, m.line, m.character + m.length), text: m.text });
      }
    }
  }
  return out;
}

/** Registers the commands; returns their disposables. */
export function registerCommands(ctx: CommandContext): vscode.Disposable[] {
  const { analysis, decorations, index, state } = ctx;
  return [
    vscode.commands.registerCommand('policyLens.toggleHighlighting', () => decorations.toggle()),
    vscode.commands.registerCommand('policyLens.showMentions', (uriString?: string, key?: string) => {
      let uri = uriString ? vscode.Uri.parse(uriString) : undefined;
      if (!uri || !key) {
        const editor = vscode.window.activeTextEditor;
        const entity = editor && analysis.model(editor.document)?.entityAt(editor.selection.active.line, editor.selection.active.character);
        if (!editor || !entity) {
          void vscode.window.showInformationMessage(vscode.l10n.t('Place the cursor on a highlighted entity to list its mentions.'));
          return [];
        }
        uri = editor.document.uri;
        key = entityKey(entity);
      }
      const mentions = mentionsOf(ctx, uri, key);
      void pickMention(key.slice(key.indexOf(':') + 1), mentions);
      return mentions;
    }),
    vscode.commands.registerCommand('policyLens.revealMention', (m: Mention) => reveal(m)),
    vscode.commands.registerCommand('policyLens.revealAllMentions', (node?: DepartmentNode | EntityNode) => {
      if (!node || node.kind === 'type') return undefined;
      let mentions: Mention[] = [];
      if (node.kind === 'department' || node.kind === 'subunit') mentions = node.mentions;
      else if (node.kind === 'name') {
        const doc = vscode.window.activeTextEditor?.document;
        mentions = doc ? mentionsOf(ctx, doc.uri, node.key) : [];
      } else if (node.kind === 'action') mentions = [node.mention];
      void pickMention(node.kind === 'department' ? node.canonical : node.kind === 'action' ? node.verb : node.kind === 'subunit' ? node.text : node.label, mentions);
      return mentions;
    }),
    vscode.commands.registerCommand('policyLens.copyName', async (node?: DepartmentNode | EntityNode) => {
      if (!node) return undefined;
      const name =
        node.kind === 'department' ? node.canonical : node.kind === 'subunit' ? node.text : node.kind === 'action' ? `${node.verb}${node.object}` : node.kind === 'name' ? node.label : '';
      await vscode.env.clipboard.writeText(name);
      return name;
    }),
    vscode.commands.registerCommand('policyLens.indexWorkspace', () => index.rebuild()),
    vscode.commands.registerCommand('policyLens.scopeWorkspace', () => {
      state.set({ scope: 'workspace' });
      if (index.size === 0) void index.rebuild();
    }),
    vscode.commands.registerCommand('policyLens.scopeDocument', () => state.set({ scope: 'document' })),
    vscode.commands.registerCommand('policyLens.sortByName', () => state.set({ sort: 'name' })),
    vscode.commands.registerCommand('policyLens.sortByCount', () => state.set({ sort: 'count' })),
    vscode.commands.registerCommand('policyLens.filter', async (value?: string) => {
      const filter =
        typeof value === 'string'
          ? value
          : await vscode.window.showInputBox({ title: vscode.l10n.t('Filter departments and entities'), prompt: vscode.l10n.t('Show names, mentions or actions containing this text'), value: state.filter });
      if (filter !== undefined) state.set({ filter: filter.trim() });
    }),
    vscode.commands.registerCommand('policyLens.clearFilter', () => state.set({ filter: '' })),
    vscode.commands.registerCommand('policyLens.refresh', () => state.set({})),
  ];
}
