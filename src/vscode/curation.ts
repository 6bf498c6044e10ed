// Curation in the editor: Curate Disagreements… (policyLens.curate) compares
// two annotators' copies of the workspace on the active document and lists
// where they differ in the Curation view, the two sides side by side; the
// curator settles each (accept left / right / both / neither: inline buttons,
// the keys 1 2 3 0 in the view, Ctrl+; 1/2/3/0 in the editor) and moves on
// to the next one. The curated result is this workspace's sidecar of the
// document (its tags, relations and rejections replaced in one undoable step
// after each choice); the two copies are only read. When every disagreement
// is settled the document's review status becomes "curated". The logic is
// the core's (core/tags/curation.ts); this file holds the session, the view,
// the highlights of the current disagreement and the commands.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CURATION_CHOICES, curatedResult, curationProgress, describeSide, inferChoices, nextUnsettled, planCuration, type CurationChoice, type CurationPlan, type CurationSide, type Disagreement } from '../core/tags/curation';
import { sidecarPathFor, SIDECAR_DIR } from '../core/tags/sidecar';
import { readDocumentTags } from '../core/tags/sidecarFiles';
import type { Tag } from '../core/tags/types';
import { escapeMarkdown } from '../core/text/markdown';
import type { Annotator } from './review';
import type { TagStore } from './tagStore';
import { workspaceFiles } from './workspaceFiles';

/** One side of a curation: an annotator's copy of the workspace. */
interface SideSource {
  root: vscode.Uri;
  /** Shown in the view: the annotators of its tags, else the folder's name. */
  name: string;
  data: CurationSide;
}

/** A curation in progress on one document. */
interface Session {
  document: vscode.TextDocument;
  left: SideSource;
  right: SideSource;
  plan: CurationPlan;
  choices: Map<string, CurationChoice>;
  /** The disagreement shown in the editor now. */
  current?: string;
}

export type CurationNode = { kind: 'disagreement'; d: Disagreement };

/** A choice in the display language. */
export function choiceLabel(choice: CurationChoice): string {
  switch (choice) {
    case 'left':
      return vscode.l10n.t('left');
    case 'right':
      return vscode.l10n.t('right');
    case 'both':
      return vscode.l10n.t('both');
    case 'neither':
      return vscode.l10n.t('neither');
  }
}

function sideName(root: vscode.Uri, tags: readonly Tag[]): string {
  const annotators = [...new Set(tags.map((t) => t.annotator).filter((a): a is string => !!a))];
  const folder = path.posix.basename(root.path);
  return annotators.length > 0 ? `${annotators.join(', ')} (${folder})` : folder;
}

const sameFolder = (a: vscode.Uri, b: vscode.Uri) => a.with({ path: a.path.replace(/\/+$/, '') }).toString() === b.with({ path: b.path.replace(/\/+$/, '') }).toString();

/** The text a disagreement covers, shortened for a tree item. */
function runText(text: string, d: Disagreement, max = 16): string {
  const cps = [...text.slice(d.start, d.end).replace(/\s+/g, ' ')];
  return cps.length > max ? `${cps.slice(0, max).join('')}…` : cps.join('');
}

/** The user's text (labels, quotes, notes) as literal Markdown on one line, for a tooltip's table cell. */
function cell(s: string): string {
  return escapeMarkdown(s.replace(/\s+/g, ' '));
}

/** A tag in a tooltip's table cell: the label in bold, its text, attributes, note and annotator. */
function tagCell(t: Tag, text: string): string {
  const bits = [`**${cell(t.label)}**`, `「${cell(text.slice(t.start, t.end))}」`];
  if (t.attributes && Object.keys(t.attributes).length > 0) bits.push(cell(Object.entries(t.attributes).map(([k, v]) => `${k}=${v}`).join(', ')));
  if (t.note) bits.push(`— ${cell(t.note)}`);
  if (t.annotator) bits.push(`(${cell(t.annotator)})`);
  return bits.join(' ');
}

/** The Curation view and its session. */
export class Curation implements vscode.TreeDataProvider<CurationNode>, vscode.Disposable {
  private session?: Session;
  private readonly changed = new vscode.EventEmitter<CurationNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly treeView: vscode.TreeView<CurationNode>;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly leftStyle = vscode.window.createTextEditorDecorationType({
    border: '1px solid',
    borderColor: new vscode.ThemeColor('charts.blue'),
    borderRadius: '2px',
    before: { color: new vscode.ThemeColor('charts.blue'), margin: '0 2px 0 0', fontWeight: 'bold' },
  });
  private readonly rightStyle = vscode.window.createTextEditorDecorationType({
    border: '1px dashed',
    borderColor: new vscode.ThemeColor('charts.orange'),
    borderRadius: '2px',
    after: { color: new vscode.ThemeColor('charts.orange'), margin: '0 0 0 2px', fontWeight: 'bold' },
  });
  /** Serialises writes of the curated result. */
  private writing: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: TagStore,
    private readonly annotator?: Annotator,
  ) {
    this.treeView = vscode.window.createTreeView('policyLens.curation', { treeDataProvider: this });
    this.disposables.push(
      this.treeView,
      this.changed,
      this.leftStyle,
      this.rightStyle,
      vscode.window.onDidChangeVisibleTextEditors(() => this.highlight()),
      this.treeView.onDidChangeSelection((e) => {
        const picked = e.selection[0];
        if (this.session && picked && this.find(picked.d.id)) {
          this.session.current = picked.d.id;
          this.highlight();
        }
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.session && e.document === this.session.document && e.contentChanges.length > 0) {
          this.stop();
          void vscode.window.showInformationMessage(vscode.l10n.t('Policy Lens: the text changed, so the curation stopped. The choices made so far are in this workspace’s sidecar; Curate Disagreements… again resumes from them.'));
        }
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.session?.document === d && this.stop()),
    );
    this.publish();
  }

  /** The session's document, sides and progress (integration tests read it). */
  get state(): { document: string; left: string; right: string; agreed: number; disagreements: number; settled: number; current?: string } | undefined {
    const s = this.session;
    if (!s) return undefined;
    const p = curationProgress(s.plan, s.choices);
    return { document: s.document.uri.toString(), left: s.left.name, right: s.right.name, agreed: s.plan.agreed.length, disagreements: p.total, settled: p.settled, current: s.current };
  }

  /** The disagreements as listed, one line each: `text | left | right | choice` (integration tests read them). */
  lines(): string[] {
    const s = this.session;
    if (!s) return [];
    const text = s.document.getText();
    return s.plan.disagreements.map((d) => `${runText(text, d)} | ${describeSide(d.left, text)} | ${describeSide(d.right, text)} | ${s.choices.get(d.id) ?? ''}`);
  }

  /** Whether a writable folder is a side (its sidecars would be overwritten). */
  private refuseSide(document: vscode.TextDocument, roots: readonly vscode.Uri[]): string | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(document.uri);
    if (folder && roots.some((r) => sameFolder(r, folder.uri))) {
      return vscode.l10n.t('The curated result is written to this workspace ({0}); pick two other copies of it, the annotators’ own (they are only read).', folder.name);
    }
    if (roots.length === 2 && sameFolder(roots[0], roots[1])) return vscode.l10n.t('Pick two different copies of the workspace.');
    return undefined;
  }

  /** Starts curating `document` between two copies of the workspace; undefined (after telling why) when it cannot. */
  async start(document: vscode.TextDocument, roots: readonly vscode.Uri[], opts: { confirm?: boolean } = {}): Promise<Session | undefined> {
    const where = this.store.locate(document.uri);
    if (typeof where === 'string') {
      void vscode.window.showWarningMessage(`Policy Lens: ${where}`);
      return undefined;
    }
    const refused = this.refuseSide(document, roots);
    if (refused) {
      void vscode.window.showWarningMessage(`Policy Lens: ${refused}`);
      return undefined;
    }
    const text = document.getText();
    const sides: SideSource[] = [];
    for (const root of roots) {
      try {
        const data = await readDocumentTags(workspaceFiles, vscode.Uri.joinPath(root, ...sidecarPathFor(where.relPath).split('/')), where.relPath, text);
        sides.push({ root, name: sideName(root, data.tags), data });
      } catch (err) {
        void vscode.window.showErrorMessage(`Policy Lens: ${path.posix.basename(root.path)}/${SIDECAR_DIR}/${where.relPath}.json: ${err instanceof Error ? err.message : String(err)}`);
        return undefined;
      }
    }
    const state = await this.store.editable(document);
    if (!state) return undefined;
    const [left, right] = sides;
    const plan = planCuration(left.data.tags, right.data.tags);
    const existing = state.data.tags;
    const choices = inferChoices(plan, existing);
    // what this workspace has beyond a curation of the same two sides is replaced: ask first
    const result = curatedResult(plan, left.data, right.data, choices);
    const kept = new Set(result.tags.map((t) => `${t.start}:${t.end}:${t.label}`));
    const lost = existing.filter((t) => !kept.has(`${t.start}:${t.end}:${t.label}`)).length;
    if (lost > 0 && opts.confirm !== false) {
      const go = vscode.l10n.t('Curate');
      const answer = await vscode.window.showWarningMessage(
        vscode.l10n.t('This workspace’s tags of {0} ({1} of them not in the curated result) will be replaced by the curated result. Undo Tagging brings them back.', where.relPath, String(lost)),
        { modal: true },
        go,
      );
      if (answer !== go) return undefined;
    }
    this.session = { document, left, right, plan, choices };
    await this.write();
    this.publish();
    await this.goTo(nextUnsettled(plan, choices));
    if (plan.disagreements.length === 0) void vscode.window.showInformationMessage(vscode.l10n.t('Policy Lens: the two copies agree on {0}: {1} tags, nothing to curate.', where.relPath, String(plan.agreed.length)));
    return this.session;
  }

  /** Ends the session (the curated sidecar stays as written). */
  stop(): void {
    this.session = undefined;
    this.highlight();
    this.publish();
  }

  private publish(): void {
    const s = this.session;
    void vscode.commands.executeCommand('setContext', 'policyLens.curating', !!s);
    if (!s) {
      this.treeView.message = undefined;
      this.treeView.description = undefined;
    } else {
      const p = curationProgress(s.plan, s.choices);
      this.treeView.description = `${s.left.name} ‖ ${s.right.name}`;
      this.treeView.message = p.done
        ? vscode.l10n.t('All {0} disagreements settled; {1} tags agreed. The result is this workspace’s sidecar (review status: curated).', String(p.total), String(s.plan.agreed.length))
        : vscode.l10n.t('{0} of {1} settled · {2} agreed · left: {3} · right: {4} · keys 1 left, 2 right, 3 both, 0 neither', String(p.settled), String(p.total), String(s.plan.agreed.length), s.left.name, s.right.name);
    }
    this.changed.fire(undefined);
  }

  getChildren(node?: CurationNode): CurationNode[] {
    if (node || !this.session) return [];
    return this.session.plan.disagreements.map((d) => ({ kind: 'disagreement', d }));
  }

  getParent(): undefined {
    return undefined;
  }

  getTreeItem(node: CurationNode): vscode.TreeItem {
    const s = this.session!;
    const text = s.document.getText();
    const d = node.d;
    const choice = s.choices.get(d.id);
    const item = new vscode.TreeItem(`「${runText(text, d)}」`, vscode.TreeItemCollapsibleState.None);
    item.id = d.id;
    item.description = `${describeSide(d.left, text)}  ‖  ${describeSide(d.right, text)}${choice ? `  → ${choiceLabel(choice)}` : ''}`;
    item.iconPath = new vscode.ThemeIcon(choice ? 'pass-filled' : 'circle-large-outline', choice ? new vscode.ThemeColor('testing.iconPassed') : undefined);
    const md = new vscode.MarkdownString();
    md.appendMarkdown(`| ${cell(vscode.l10n.t('left'))}: ${cell(s.left.name)} | ${cell(vscode.l10n.t('right'))}: ${cell(s.right.name)} |\n|---|---|\n`);
    const rows = Math.max(d.left.length, d.right.length);
    for (let i = 0; i < rows; i++) {
      const l = d.left[i] ? tagCell(d.left[i], text) : '—';
      const r = d.right[i] ? tagCell(d.right[i], text) : '—';
      md.appendMarkdown(`| ${l} | ${r} |\n`);
    }
    if (choice) md.appendMarkdown(`\n${cell(vscode.l10n.t('Settled: {0}', choiceLabel(choice)))}`);
    item.tooltip = md;
    item.contextValue = choice ? 'disagreement.settled' : 'disagreement';
    item.command = { command: 'policyLens.curation.reveal', title: vscode.l10n.t('Reveal'), arguments: [d.id] };
    return item;
  }

  private find(id?: string): Disagreement | undefined {
    return id === undefined ? undefined : this.session?.plan.disagreements.find((d) => d.id === id);
  }

  /** The disagreement a command without an argument acts on: the current one (selected in the view or shown last), else the one at the cursor, else the next unsettled. */
  private target(arg?: CurationNode | string): Disagreement | undefined {
    const s = this.session;
    if (!s) return undefined;
    if (arg && typeof arg === 'object') return this.find(arg.d.id);
    if (typeof arg === 'string') return this.find(arg);
    const current = this.find(s.current);
    if (current) return current;
    const editor = vscode.window.activeTextEditor;
    if (editor?.document === s.document) {
      const at = s.document.offsetAt(editor.selection.active);
      const under = s.plan.disagreements.find((d) => d.start <= at && at <= d.end);
      if (under) return under;
    }
    return nextUnsettled(s.plan, s.choices);
  }

  /** Settles a disagreement, writes the curated result and moves on to the next one. */
  async settle(choice: CurationChoice, arg?: CurationNode | string): Promise<boolean> {
    const s = this.session;
    const d = this.target(arg);
    if (!s || !d) {
      if (!s) void vscode.window.showInformationMessage(vscode.l10n.t('Run Curate Disagreements… on a document first.'));
      return false;
    }
    s.choices.set(d.id, choice);
    await this.write();
    this.publish();
    const next = nextUnsettled(s.plan, s.choices, d.id);
    await this.goTo(next ?? d, !!next);
    return true;
  }

  /** Writes the curated result so far into this workspace's sidecar; review status curated once all are settled. */
  private write(): Promise<unknown> {
    const s = this.session;
    if (!s) return Promise.resolve();
    const result = curatedResult(s.plan, s.left.data, s.right.data, s.choices);
    const done = curationProgress(s.plan, s.choices).done;
    this.writing = this.writing.then(async () => {
      await this.store.replaceContent(s.document, result);
      if (done) await this.store.setReview(s.document, 'curated', this.annotator?.name);
    });
    return this.writing;
  }

  /** Moves to the next (or previous) disagreement, settled or not. */
  async step(delta: 1 | -1): Promise<boolean> {
    const s = this.session;
    if (!s || s.plan.disagreements.length === 0) return false;
    const list = s.plan.disagreements;
    const i = list.findIndex((d) => d.id === s.current);
    const next = list[(i < 0 ? (delta > 0 ? 0 : list.length - 1) : i + delta + list.length) % list.length];
    await this.goTo(next);
    return true;
  }

  /** Shows a disagreement: selected in the view, revealed and highlighted in the editor. */
  async goTo(d: Disagreement | undefined, selectInView = true): Promise<void> {
    const s = this.session;
    if (!s || !d) {
      this.highlight();
      return;
    }
    s.current = d.id;
    const range = new vscode.Range(s.document.positionAt(d.start), s.document.positionAt(d.end));
    const editor = await vscode.window.showTextDocument(s.document, { preserveFocus: true, preview: false, selection: new vscode.Selection(range.start, range.start) });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    this.highlight();
    if (selectInView && this.treeView.visible) {
      try {
        await this.treeView.reveal({ kind: 'disagreement', d }, { select: true, focus: false });
      } catch {
        // the view may be collapsed; the editor shows it anyway
      }
    }
  }

  /** Draws the current disagreement's two sides in the editor (left: solid blue box, "L·label" before; right: dashed orange, "label·R" after). */
  private highlight(): void {
    const s = this.session;
    const d = this.find(s?.current);
    for (const editor of vscode.window.visibleTextEditors) {
      if (!s || !d || editor.document !== s.document) {
        editor.setDecorations(this.leftStyle, []);
        editor.setDecorations(this.rightStyle, []);
        continue;
      }
      const range = (t: Tag) => new vscode.Range(s.document.positionAt(t.start), s.document.positionAt(t.end));
      editor.setDecorations(
        this.leftStyle,
        d.left.map((t) => ({ range: range(t), renderOptions: { before: { contentText: `L·${t.label}` } }, hoverMessage: `${vscode.l10n.t('left')} (${s.left.name}): ${t.label}` })),
      );
      editor.setDecorations(
        this.rightStyle,
        d.right.map((t) => ({ range: range(t), renderOptions: { after: { contentText: `${t.label}·R` } }, hoverMessage: `${vscode.l10n.t('right')} (${s.right.name}): ${t.label}` })),
      );
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/** Asks for the two annotators' copies of the workspace (two folders, picked together or one after the other). */
async function pickSides(): Promise<vscode.Uri[] | undefined> {
  const title = vscode.l10n.t('The two annotators’ copies of the workspace (each with its {0}/ folder)', SIDECAR_DIR);
  const first = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: true, title, openLabel: vscode.l10n.t('Curate') });
  if (!first || first.length === 0) return undefined;
  if (first.length >= 2) return first.slice(0, 2);
  const second = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, title: vscode.l10n.t('The second annotator’s copy (the first: {0})', path.posix.basename(first[0].path)), openLabel: vscode.l10n.t('Curate') });
  return second?.[0] ? [first[0], second[0]] : undefined;
}

/** Registers the Curation view and its commands. */
export function registerCuration(store: TagStore, annotator?: Annotator): { curation: Curation; disposables: vscode.Disposable[] } {
  const curation = new Curation(store, annotator);
  const command = (name: string, run: (...args: never[]) => unknown) => vscode.commands.registerCommand(name, run);
  return {
    curation,
    disposables: [
      curation,
      command('policyLens.curate', async (left?: vscode.Uri, right?: vscode.Uri, opts?: { confirm?: boolean }) => {
        const editor = vscode.window.activeTextEditor;
        if (!editor) {
          void vscode.window.showInformationMessage(vscode.l10n.t('Open the document to curate first.'));
          return undefined;
        }
        const roots = left && right ? [left, right] : await pickSides();
        if (!roots) return undefined;
        const s = await curation.start(editor.document, roots, opts);
        if (s) void vscode.commands.executeCommand('policyLens.curation.focus');
        return curation.state;
      }),
      ...CURATION_CHOICES.map((choice) => command(`policyLens.curation.accept${choice[0].toUpperCase()}${choice.slice(1)}`, (arg?: CurationNode | string) => curation.settle(choice, arg))),
      command('policyLens.curation.next', () => curation.step(1)),
      command('policyLens.curation.previous', () => curation.step(-1)),
      command('policyLens.curation.reveal', async (id: string) => {
        const s = curation.state;
        if (!s) return false;
        const d = curation.getChildren().find((n) => n.d.id === id);
        await curation.goTo(d?.d, false);
        return !!d;
      }),
      command('policyLens.curation.stop', () => curation.stop()),
    ],
  };
}
