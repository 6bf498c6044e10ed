// Commands of the Policy Lens views and editor (besides Show Tokens).
import * as vscode from 'vscode';
import type { AnalysisService } from './analysisService';
import type { Decorations } from './decorations';
import type { DepartmentNode } from './departmentsView';
import type { EntityNode } from './entitiesView';
import { reveal, type Mention } from './reveal';
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

/**
 * All mentions of `key`: in the document, in the other open policy texts
 * (their models), and in the other indexed files (the index keeps every
 * mention's position). Grouped by file, the document first.
 */
export function mentionsOf(ctx: Pick<CommandContext, 'analysis' | 'index'>, uri: vscode.Uri, key: string): Mention[] {
  const out: Mention[] = [];
  const seen = new Set<string>();
  const fromModel = (u: vscode.Uri) => {
    const model = ctx.analysis.model(u);
    if (!model) return;
    seen.add(u.toString());
    for (const { line, entity } of model.mentionsOf(key)) out.push({ uri: u, range: new vscode.Range(line, entity.start, line, entity.end), text: entity.text });
  };
  fromModel(uri);
  seen.add(uri.toString());
  for (const d of ctx.analysis.documents()) if (!seen.has(d.uri.toString())) fromModel(d.uri);
  const canonical = key.startsWith('department:') ? key.slice('department:'.length) : undefined;
  const name = key.slice(key.indexOf(':') + 1);
  for (const [u, summary] of ctx.index.entries()) {
    if (seen.has(u)) continue;
    const other = vscode.Uri.parse(u);
    for (const d of summary.departments) {
      if (d.canonical !== canonical) continue;
      for (const m of d.mentions) out.push({ uri: other, range: new vscode.Range(m.line, m.character, m.line, m.character + m.length), text: m.text });
    }
    // other keys: positions only (summaries made before they were kept have none)
    const flat = summary.positions.find(([k]) => k === key)?.[1] ?? [];
    for (let i = 0; i + 2 < flat.length; i += 3) out.push({ uri: other, range: new vscode.Range(flat[i], flat[i + 1], flat[i], flat[i + 1] + flat[i + 2]), text: name });
  }
  return out;
}

/** Opens the references peek on the mentions, at `at` in `uri` (the cursor, else the first mention there). */
export async function peekMentions(uri: vscode.Uri, mentions: readonly Mention[], at?: vscode.Position): Promise<void> {
  if (mentions.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No mentions found.'));
    return;
  }
  const here = mentions.find((m) => m.uri.toString() === uri.toString()) ?? mentions[0];
  const target = at && here.uri.toString() === uri.toString() ? at : here.range.start;
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.uri.toString() !== here.uri.toString()) await vscode.window.showTextDocument(here.uri, { preview: true });
  await vscode.commands.executeCommand(
    'editor.action.showReferences',
    here.uri,
    target,
    mentions.map((m) => new vscode.Location(m.uri, m.range)),
  );
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
      const editor = vscode.window.activeTextEditor;
      const cursor = editor && editor.document.uri.toString() === uri.toString() ? editor.selection.active : undefined;
      // the cursor only when it is on one of the mentions (a hover's List all may come from elsewhere)
      const at = cursor && mentions.some((m) => m.uri.toString() === uri.toString() && m.range.contains(cursor)) ? cursor : undefined;
      void peekMentions(uri, mentions, at);
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
      if (mentions.length > 0) void peekMentions(mentions[0].uri, mentions);
      else void vscode.window.showInformationMessage(vscode.l10n.t('No mentions found.'));
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
