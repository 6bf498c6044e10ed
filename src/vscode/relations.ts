// Relations in the editor: the command Add Relation (from two selections, or
// in two steps: run on the source, then on the target; Escape or Cancel
// Relation stops), Remove Relation (from the view or a pick at the cursor),
// a CodeLens on the lines where relations start ("→ 牵头 市财政局", clicking
// reveals the target; setting policyLens.relations.codeLens), a hover line on
// each end, and the Relations view (the active document's relations by type).
// Every change goes through the TagStore, so tagging undo/redo covers it.
import * as vscode from 'vscode';
import { relationTypeNames } from '../core/tags/codebook';
import { BUILTIN_RELATION_TYPES, endFor, endKey, relationTypes, resolveEnd, type EndCandidate } from '../core/tags/relations';
import type { Relation, RelationEnd } from '../core/tags/types';
import type { AnalysisService } from './analysisService';
import type { Codebooks } from './codebookDiagnostics';
import { SECTION } from './configuration';
import { typeLabel } from './labels';
import { entityAt, tagAt } from './tagCommands';
import type { TagStore } from './tagStore';

/** What a built-in relation type means (shown in the type picker). */
function builtinDescription(type: string): string {
  switch (type) {
    case 'department→task':
      return vscode.l10n.t('A department and a task it is given');
    case 'lead':
      return vscode.l10n.t('The department that leads the task (牵头)');
    case 'support':
      return vscode.l10n.t('A department that supports the task (配合)');
    case 'cites':
      return vscode.l10n.t('A text cites a document (依据《…》)');
    case 'amends':
      return vscode.l10n.t('A text amends or replaces a document');
    default:
      return '';
  }
}

/** Whether the CodeLens on relation sources is shown (`policyLens.relations.codeLens`). */
function codeLensEnabled(): boolean {
  return vscode.workspace.getConfiguration(SECTION).get<boolean>('relations.codeLens', true) !== false;
}

/** The tag at a selection (innermost), else the automatic entity at it. */
export function candidateAt(store: TagStore, analysis: AnalysisService, document: vscode.TextDocument, selection: vscode.Selection): EndCandidate | undefined {
  const positions = selection.isEmpty ? [selection.active] : [selection.start, selection.end.translate(0, selection.end.character > 0 ? -1 : 0)];
  for (const p of positions) {
    const tag = tagAt(store, document, p);
    if (tag) return { kind: 'tag', tag };
  }
  for (const p of positions) {
    const e = entityAt(analysis, document, p);
    if (e) return { kind: 'entity', type: e.type, start: e.start, end: e.end };
  }
  return undefined;
}

/** A relation's end, where it is now, for showing. */
interface Shown {
  start: number;
  end: number;
  text: string;
  label: string;
}

/** Shown form of an end; falls back to its last quote when it is not found. */
function shownEnd(store: TagStore, document: vscode.TextDocument, end: RelationEnd): Shown | undefined {
  const data = store.get(document.uri)?.data;
  if (!data) return undefined;
  return resolveEnd(end, data, document.getText());
}

function endName(store: TagStore, document: vscode.TextDocument, end: RelationEnd): string {
  const found = shownEnd(store, document, end);
  if (found) return found.text;
  if ('tag' in end) return store.tags(document.uri).find((t) => t.id === end.tag)?.quote.exact ?? '?';
  return end.entity.quote.exact;
}

function rangeOf(document: vscode.TextDocument, s: { start: number; end: number }): vscode.Range {
  return new vscode.Range(document.positionAt(s.start), document.positionAt(s.end));
}

/** A node of the Relations tree. */
export type RelationNode = { kind: 'type'; type: string; relations: Relation[] } | { kind: 'relation'; relation: Relation; uri: vscode.Uri };

/** The Relations view (`policyLens.relations`): the active document's relations grouped by type. */
export class RelationsView implements vscode.TreeDataProvider<RelationNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<RelationNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly treeView: vscode.TreeView<RelationNode>;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly store: TagStore) {
    this.treeView = vscode.window.createTreeView('policyLens.relations', { treeDataProvider: this, showCollapseAll: true });
    this.disposables.push(
      this.treeView,
      this.changed,
      store.onDidChange(() => this.changed.fire(undefined)),
      vscode.window.onDidChangeActiveTextEditor(() => this.changed.fire(undefined)),
    );
  }

  private document(): vscode.TextDocument | undefined {
    return vscode.window.activeTextEditor?.document;
  }

  getChildren(node?: RelationNode): RelationNode[] {
    const document = this.document();
    if (!document) return [];
    if (node?.kind === 'relation') return [];
    const relations = this.store.relations(document.uri);
    if (node?.kind === 'type') return node.relations.map((relation) => ({ kind: 'relation', relation, uri: document.uri }));
    const byType = new Map<string, Relation[]>();
    for (const r of relations) byType.set(r.type, [...(byType.get(r.type) ?? []), r]);
    return [...byType].map(([type, rs]) => ({ kind: 'type', type, relations: rs }));
  }

  getTreeItem(node: RelationNode): vscode.TreeItem {
    if (node.kind === 'type') {
      const item = new vscode.TreeItem(node.type, vscode.TreeItemCollapsibleState.Expanded);
      item.description = String(node.relations.length);
      item.iconPath = new vscode.ThemeIcon('references');
      item.id = `t:${node.type}`;
      return item;
    }
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === node.uri.toString());
    const r = node.relation;
    const from = document ? endName(this.store, document, r.from) : '?';
    const to = document ? endName(this.store, document, r.to) : '?';
    const item = new vscode.TreeItem(`${from} → ${to}`, vscode.TreeItemCollapsibleState.None);
    item.description = r.type;
    item.tooltip = `“${from}” → ${r.type} → “${to}”${r.note ? `\n${r.note}` : ''}`;
    item.iconPath = new vscode.ThemeIcon('arrow-right');
    item.contextValue = 'relation';
    item.id = `r:${r.id}`;
    item.command = { command: 'policyLens.relations.reveal', title: vscode.l10n.t('Reveal'), arguments: [node.uri.toString(), r.id, 'from'] };
    return item;
  }

  /** The relations listed now, as `from → type → to` lines (integration tests read it). */
  lines(): string[] {
    const document = this.document();
    if (!document) return [];
    return this.store.relations(document.uri).map((r) => `${endName(this.store, document, r.from)} → ${r.type} → ${endName(this.store, document, r.to)}`);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/** CodeLens on the lines where relations start: `→ type target`, clicking reveals the target. */
export class RelationCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly store: TagStore) {
    this.disposables.push(
      this.changed,
      store.onDidChange(() => this.changed.fire()),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration(`${SECTION}.relations.codeLens`) && this.changed.fire()),
    );
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!codeLensEnabled()) return [];
    const out: vscode.CodeLens[] = [];
    for (const r of this.store.relations(document.uri)) {
      const from = shownEnd(this.store, document, r.from);
      if (!from) continue;
      const to = endName(this.store, document, r.to);
      out.push(
        new vscode.CodeLens(rangeOf(document, from), {
          title: `${from.text} → ${r.type} ${to}`,
          tooltip: vscode.l10n.t('Reveal the target of this relation'),
          command: 'policyLens.relations.reveal',
          arguments: [document.uri.toString(), r.id, 'to'],
        }),
      );
    }
    return out;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/** A hover line on each end of a relation, listing its relations. */
export class RelationHoverProvider implements vscode.HoverProvider {
  constructor(private readonly store: TagStore) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const offset = document.offsetAt(position);
    const lines: string[] = [];
    let range: vscode.Range | undefined;
    for (const r of this.store.relations(document.uri)) {
      for (const side of ['from', 'to'] as const) {
        const at = shownEnd(this.store, document, r[side]);
        if (!at || offset < at.start || offset > at.end) continue;
        range ??= rangeOf(document, at);
        const other = endName(this.store, document, side === 'from' ? r.to : r.from);
        lines.push(side === 'from' ? `→ ${r.type} “${other}”` : `← ${r.type} “${other}”`);
      }
    }
    if (lines.length === 0) return undefined;
    const md = new vscode.MarkdownString();
    md.appendMarkdown(`${vscode.l10n.t('Relations')}: `).appendText(lines.join(' · '));
    return new vscode.Hover(md, range);
  }
}

/** Registers the relation commands, the view, the CodeLens and the hover. */
export function registerRelations(store: TagStore, analysis: AnalysisService, codebooks?: Codebooks): { view: RelationsView; disposables: vscode.Disposable[] } {
  const view = new RelationsView(store);
  const lens = new RelationCodeLensProvider(store);
  const status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 50);
  /** The source picked in the first step of a two-step Add Relation. */
  let pending: { uri: string; end: RelationEnd; name: string } | undefined;
  const setPending = (p: typeof pending) => {
    pending = p;
    void vscode.commands.executeCommand('setContext', 'policyLens.relationPending', !!p);
    if (p) {
      status.text = `$(arrow-right) ${vscode.l10n.t('Relation from “{0}”: pick the target', p.name)}`;
      status.tooltip = vscode.l10n.t('Run Add Relation on the target; Escape cancels');
      status.command = 'policyLens.relations.cancel';
      status.show();
    } else status.hide();
  };

  const pickType = async (uri: vscode.Uri, given?: string): Promise<string | undefined> => {
    if (given) return given;
    const codebook = codebooks?.codebook(uri);
    const custom = codebook?.relationTypes ?? [];
    const names = relationTypes(relationTypeNames(codebook));
    const items = names.map((name) => ({
      label: name,
      description: (BUILTIN_RELATION_TYPES as readonly string[]).includes(name) ? builtinDescription(name) : (custom.find((c) => c.name === name)?.description ?? vscode.l10n.t('codebook')),
    }));
    return (await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Relation type'), placeHolder: vscode.l10n.t('Pick the type of the relation'), matchOnDescription: true }))?.label;
  };

  const describeCandidate = (document: vscode.TextDocument, c: EndCandidate): string => (c.kind === 'tag' ? c.tag.quote.exact : `${document.getText(rangeOf(document, c))} (${typeLabel(c.type)})`);

  const add = async (type?: string): Promise<Relation | undefined> => {
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a policy text to tag it.'));
      return undefined;
    }
    const document = editor.document;
    const text = document.getText();
    const ends: EndCandidate[] = [];
    for (const s of editor.selections.slice(0, 2)) {
      const c = candidateAt(store, analysis, document, s);
      if (!c) {
        void vscode.window.showInformationMessage(vscode.l10n.t('There is no tag or recognised entity at the selection.'));
        return undefined;
      }
      ends.push(c);
    }
    let from: RelationEnd;
    let to: RelationEnd;
    if (ends.length >= 2) {
      from = endFor(ends[0], text);
      to = endFor(ends[1], text);
      setPending(undefined);
    } else if (pending && pending.uri === document.uri.toString()) {
      from = pending.end;
      to = endFor(ends[0], text);
      setPending(undefined);
    } else {
      setPending({ uri: document.uri.toString(), end: endFor(ends[0], text), name: describeCandidate(document, ends[0]) });
      return undefined;
    }
    if (endKey(from) === endKey(to)) {
      void vscode.window.showInformationMessage(vscode.l10n.t('A relation needs two different ends.'));
      return undefined;
    }
    const picked = await pickType(document.uri, type);
    if (!picked) return undefined;
    return store.addRelation(document, picked, from, to);
  };

  const documentOf = (uri: string) => vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);

  const remove = async (arg?: RelationNode | string): Promise<boolean> => {
    if (arg && typeof arg === 'object' && arg.kind === 'relation') {
      const document = documentOf(arg.uri.toString());
      return !!document && store.removeRelation(document, arg.relation.id);
    }
    const editor = vscode.window.activeTextEditor;
    if (!editor) return false;
    const document = editor.document;
    const relations = store.relations(document.uri);
    if (typeof arg === 'string') return store.removeRelation(document, arg);
    const offset = document.offsetAt(editor.selection.active);
    const at = relations.filter((r) =>
      [r.from, r.to].some((e) => {
        const s = shownEnd(store, document, e);
        return s && s.start <= offset && offset <= s.end;
      }),
    );
    const choices = at.length > 0 ? at : relations;
    if (choices.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('There is no relation in this document.'));
      return false;
    }
    const picked = await vscode.window.showQuickPick(
      choices.map((r) => ({ label: `${endName(store, document, r.from)} → ${endName(store, document, r.to)}`, description: r.type, id: r.id })),
      { title: vscode.l10n.t('Remove relation') },
    );
    return !!picked && store.removeRelation(document, picked.id);
  };

  const revealEnd = async (uri: string, id: string, side: 'from' | 'to' = 'to'): Promise<boolean> => {
    const document = documentOf(uri) ?? (await vscode.workspace.openTextDocument(vscode.Uri.parse(uri)));
    const r = store.relations(document.uri).find((x) => x.id === id);
    const at = r && shownEnd(store, document, r[side]);
    if (!at) return false;
    const range = rangeOf(document, at);
    const editor = await vscode.window.showTextDocument(document, { selection: range, preserveFocus: false });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return true;
  };

  return {
    view,
    disposables: [
      view,
      lens,
      status,
      vscode.languages.registerCodeLensProvider({ pattern: '**' }, lens),
      vscode.languages.registerHoverProvider({ pattern: '**' }, new RelationHoverProvider(store)),
      vscode.commands.registerCommand('policyLens.relations.add', (type?: string) => add(type)),
      vscode.commands.registerCommand('policyLens.relations.remove', (arg?: RelationNode | string) => remove(arg)),
      vscode.commands.registerCommand('policyLens.relations.cancel', () => setPending(undefined)),
      vscode.commands.registerCommand('policyLens.relations.reveal', (uri: string, id: string, side?: 'from' | 'to') => revealEnd(uri, id, side)),
    ],
  };
}
