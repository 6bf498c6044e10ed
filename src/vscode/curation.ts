// Curation in the editor: Curate Disagreements… (policyLens.curate) compares
// two annotators' tags of the active document and lists where they differ in
// the Curation view, the two sides side by side; the curator settles each
// (accept left / right / both / neither: inline buttons, the keys 1 2 3 0 in
// the view, Ctrl+; 1/2/3/0 in the editor) and moves on to the next one. A
// side is another copy of the workspace (a folder with its own .policy-lens/),
// or one annotator's tags in this workspace's sidecar (a team sharing one
// folder through git). The curated result is a sidecar the sides are not: this
// workspace's (its tags, relations and rejections replaced in one undoable
// step after each choice) when both sides are other copies, else the sidecar
// of the document in a folder the curator picks (a copy of the workspace for
// the curated result). The sides are only read. When every disagreement is
// settled the result's review status becomes "curated". The logic is the
// core's (core/tags/curation.ts); this file holds the session, the view, the
// highlights of the current disagreement and the commands.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CURATION_CHOICES, curatedResult, curationProgress, describeSide, inferChoices, nextUnsettled, planCuration, type CurationChoice, type CurationPlan, type CurationSide, type Disagreement } from '../core/tags/curation';
import { sidecarPathFor, SIDECAR_DIR } from '../core/tags/sidecar';
import { readDocumentTags, writeDocumentTags } from '../core/tags/sidecarFiles';
import type { DocumentTags, Tag } from '../core/tags/types';
import { sha256 } from '../core/text/hash';
import { commandLink, escapeMarkdown } from '../core/text/markdown';
import type { Annotator } from './review';
import type { TagStore } from './tagStore';
import { sameFolder, workspaceFiles } from './workspaceFiles';

/** One side of a curation: an annotator's copy of the workspace, or one annotator's tags in a copy (this workspace's included). */
interface SideSource {
  root: vscode.Uri;
  /** Only this annotator's tags ('' for tags without one); undefined: all the copy's tags. */
  annotator?: string;
  /** Shown in the view: the annotators of its tags, else the folder's name. */
  name: string;
  data: CurationSide;
}

/** What a command names as a side: a copy's folder (all its tags), or a folder (default: this workspace) and an annotator. */
export type SideArg = vscode.Uri | { root?: vscode.Uri; annotator: string };

/** Where the curated result goes: this workspace through the tag store, or the document's sidecar in another folder. */
type Output = { kind: 'store' } | { kind: 'folder'; root: vscode.Uri; sidecar: vscode.Uri };

/** A curation in progress on one document. */
interface Session {
  document: vscode.TextDocument;
  /** The document's text, read once: an edit ends the session, so it holds (no copy of a long text per tree item). */
  text: string;
  relPath: string;
  left: SideSource;
  right: SideSource;
  output: Output;
  plan: CurationPlan;
  choices: Map<string, CurationChoice>;
  /** The disagreement shown in the editor now. */
  current?: string;
  /** tagsKey of the tags last written to this workspace (to tell our writes from Undo or other changes). */
  written?: string;
}

export type CurationNode = { kind: 'disagreement'; d: Disagreement };

/** A choice in the display language: its name (left …) and as an action (Accept left …). */
function choiceText(choice: CurationChoice): { name: string; accept: string } {
  switch (choice) {
    case 'left':
      return { name: vscode.l10n.t('left'), accept: vscode.l10n.t('Accept left') };
    case 'right':
      return { name: vscode.l10n.t('right'), accept: vscode.l10n.t('Accept right') };
    case 'both':
      return { name: vscode.l10n.t('both'), accept: vscode.l10n.t('Accept both') };
    case 'neither':
      return { name: vscode.l10n.t('neither'), accept: vscode.l10n.t('Accept neither') };
  }
}

/** A choice in the display language. */
export const choiceLabel = (choice: CurationChoice): string => choiceText(choice).name;

/** The command that settles a disagreement with `choice` (policyLens.curation.acceptLeft …). */
const acceptCommand = (choice: CurationChoice): string => `policyLens.curation.accept${choice[0].toUpperCase()}${choice.slice(1)}`;

function sideName(root: vscode.Uri, tags: readonly Tag[], annotator?: string): string {
  const folder = path.posix.basename(root.path);
  if (annotator !== undefined) return `${annotator || vscode.l10n.t('(no annotator)')} (${folder})`;
  const annotators = [...new Set(tags.map((t) => t.annotator).filter((a): a is string => !!a))];
  return annotators.length > 0 ? `${annotators.join(', ')} (${folder})` : folder;
}

/** The tags' spans and labels, in order: what tells one tag set from another here. */
function tagsKey(tags: readonly Tag[]): string {
  return tags.map((t) => `${t.start}:${t.end}:${t.label}:${t.annotator ?? ''}`).join('|');
}

/** A side's data: all of the copy's, or one annotator's tags (the copy's rejections and relations; relations to others' tags drop out of the result). */
function sideData(data: DocumentTags, annotator?: string): CurationSide {
  if (annotator === undefined) return data;
  return { tags: data.tags.filter((t) => (t.annotator ?? '') === annotator), rejected: data.rejected, relations: data.relations };
}


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
  private writing: Promise<boolean> = Promise.resolve(true);

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
          void vscode.window.showInformationMessage(vscode.l10n.t('Policy Lens: the text changed, so the curation stopped. The choices made so far are in the curated sidecar; Curate Disagreements… again resumes from them.'));
        }
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.session?.document === d && this.stop()),
      // the cursor in the editor picks the disagreement the keys act on
      vscode.window.onDidChangeTextEditorSelection((e) => {
        const s = this.session;
        if (!s || e.textEditor.document !== s.document) return;
        const at = s.document.offsetAt(e.selections[0].active);
        const under = s.plan.disagreements.find((d) => d.start <= at && at < d.end);
        if (under && under.id !== s.current) {
          s.current = under.id;
          this.highlight();
        }
      }),
      // Undo/Redo Tagging, a hand edit, another window: the choices follow what this workspace's tags are now
      store.onDidChange((uri) => {
        const s = this.session;
        if (!s || s.output.kind !== 'store' || uri.toString() !== s.document.uri.toString()) return;
        const now = this.store.tags(uri);
        if (tagsKey(now) === s.written) return;
        const inferred = inferChoices(s.plan, now);
        // a "neither" leaves nothing to find: it stays while none of its tags came back
        for (const [id, c] of s.choices) {
          const d = this.find(id);
          if (c === 'neither' && d && !inferred.has(id) && ![...d.left, ...d.right].some((t) => now.some((x) => x.start === t.start && x.end === t.end && x.label === t.label))) inferred.set(id, c);
        }
        s.choices = inferred;
        s.written = tagsKey(now);
        this.publish();
      }),
    );
    this.publish();
  }

  /** The session's document, sides and progress (integration tests read it). */
  get state(): { document: string; left: string; right: string; output: string; agreed: number; disagreements: number; settled: number; current?: string } | undefined {
    const s = this.session;
    if (!s) return undefined;
    const p = curationProgress(s.plan, s.choices);
    const output = s.output.kind === 'store' ? 'this workspace' : s.output.sidecar.toString();
    return { document: s.document.uri.toString(), left: s.left.name, right: s.right.name, output, agreed: s.plan.agreed.length, disagreements: p.total, settled: p.settled, current: s.current };
  }

  /** The disagreements as listed, one line each: `text | left | right | choice` (integration tests read them). */
  lines(): string[] {
    const s = this.session;
    if (!s) return [];
    const text = s.text;
    return s.plan.disagreements.map((d) => `${runText(text, d)} | ${describeSide(d.left, text)} | ${describeSide(d.right, text)} | ${s.choices.get(d.id) ?? ''}`);
  }

  /** Starts curating `document` between two sides; undefined (after telling why) when it cannot. `output`: the folder for the curated sidecar when a side is this workspace. */
  async start(document: vscode.TextDocument, sides: readonly SideArg[], opts: { confirm?: boolean; output?: vscode.Uri } = {}): Promise<Session | undefined> {
    const where = this.store.locate(document.uri);
    if (typeof where === 'string') {
      void vscode.window.showWarningMessage(`Policy Lens: ${where}`);
      return undefined;
    }
    const here = where.folder.uri;
    const asked = sides.map((a) => (a instanceof vscode.Uri ? { root: a, annotator: undefined } : { root: a.root ?? here, annotator: a.annotator }));
    const refuse = (why: string) => {
      void vscode.window.showWarningMessage(`Policy Lens: ${why}`);
      return undefined;
    };
    if (asked.length !== 2) return refuse(vscode.l10n.t('Curation compares two sides.'));
    if (sameFolder(asked[0].root, asked[1].root) && asked[0].annotator === asked[1].annotator) return refuse(vscode.l10n.t('Pick two different sides: two copies of the workspace, or two annotators.'));
    // the result never goes where a side is read from
    const hereIsSide = asked.some((a) => sameFolder(a.root, here));
    let output: Output;
    if (opts.output && !sameFolder(opts.output, here)) {
      if (asked.some((a) => sameFolder(a.root, opts.output!))) return refuse(vscode.l10n.t('The curated sidecar cannot go into a copy that is one of the sides (they are only read).'));
      output = { kind: 'folder', root: opts.output, sidecar: vscode.Uri.joinPath(opts.output, ...sidecarPathFor(where.relPath).split('/')) };
    } else if (hereIsSide) {
      return refuse(vscode.l10n.t('A side is this workspace ({0}), so the curated result cannot be written here: pick a folder for it (another copy of the workspace).', where.folder.name));
    } else output = { kind: 'store' };
    const text = document.getText();
    const read: SideSource[] = [];
    for (const { root, annotator } of asked) {
      try {
        const sidecar = vscode.Uri.joinPath(root, ...sidecarPathFor(where.relPath).split('/'));
        const isHere = sameFolder(root, here);
        // a folder without the document's sidecar is not an annotator's copy (a parent, the .policy-lens/ folder itself, a typo)
        if (!isHere && (await workspaceFiles.read(sidecar)) === undefined) {
          return refuse(vscode.l10n.t('{0} has no sidecar of {1} ({2}): pick the folder of an annotator’s copy of the workspace.', path.posix.basename(root.path), where.relPath, `${SIDECAR_DIR}/${where.relPath}.json`));
        }
        const data = isHere ? { document: where.relPath, sha256: '', ...(await this.store.tagsOf(document.uri, text)) } : await readDocumentTags(workspaceFiles, sidecar, where.relPath, text);
        const side = sideData(data, annotator);
        if (annotator !== undefined && side.tags.length === 0) return refuse(vscode.l10n.t('{0} has no tags of {1} in {2}.', path.posix.basename(root.path), annotator || vscode.l10n.t('(no annotator)'), where.relPath));
        read.push({ root, annotator, name: sideName(root, data.tags, annotator), data: side });
      } catch (err) {
        void vscode.window.showErrorMessage(`Policy Lens: ${path.posix.basename(root.path)}/${SIDECAR_DIR}/${where.relPath}.json: ${err instanceof Error ? err.message : String(err)}`);
        return undefined;
      }
    }
    let existing: readonly Tag[];
    if (output.kind === 'store') {
      const state = await this.store.editable(document);
      if (!state) return undefined;
      existing = state.data.tags;
    } else {
      try {
        existing = (await readDocumentTags(workspaceFiles, output.sidecar, where.relPath, text)).tags;
      } catch (err) {
        void vscode.window.showErrorMessage(`Policy Lens: ${output.sidecar.path}: ${err instanceof Error ? err.message : String(err)}`);
        return undefined;
      }
    }
    const [left, right] = read;
    const plan = planCuration(left.data.tags, right.data.tags);
    let choices = inferChoices(plan, existing);
    let asked2 = false;
    if (choices.size > 0 && opts.confirm !== false) {
      // the output already holds tags that read as choices: an earlier curation of these sides, or only tags alike
      const resume = vscode.l10n.t('Resume');
      const afresh = vscode.l10n.t('Start afresh');
      const answer = await vscode.window.showInformationMessage(
        vscode.l10n.t('The curated sidecar of {0} already reads as {1} of {2} disagreements settled. Resume from it, or settle every one afresh?', where.relPath, String(choices.size), String(plan.disagreements.length)),
        { modal: true },
        resume,
        afresh,
      );
      if (answer === undefined) return undefined;
      if (answer === afresh) {
        choices = new Map();
        asked2 = true;
      }
    }
    // what the output has beyond a curation of the same two sides is replaced: ask first
    const result = curatedResult(plan, left.data, right.data, choices);
    const kept = new Set(result.tags.map((t) => `${t.start}:${t.end}:${t.label}`));
    const lost = existing.filter((t) => !kept.has(`${t.start}:${t.end}:${t.label}`)).length;
    if (lost > 0 && opts.confirm !== false && !asked2) {
      const go = vscode.l10n.t('Curate');
      const answer = await vscode.window.showWarningMessage(
        output.kind === 'store'
          ? vscode.l10n.t('This workspace’s tags of {0} ({1} of them not in the curated result) will be replaced by the curated result. Undo Tagging brings them back.', where.relPath, String(lost))
          : vscode.l10n.t('The tags of {0} in {1} ({2} of them not in the curated result) will be replaced by the curated result.', where.relPath, path.posix.basename(output.root.path), String(lost)),
        { modal: true },
        go,
      );
      if (answer !== go) return undefined;
    }
    this.session = { document, text, relPath: where.relPath, left, right, output, plan, choices };
    await this.write();
    this.publish();
    await this.goTo(nextUnsettled(plan, choices));
    if (plan.disagreements.length === 0) void vscode.window.showInformationMessage(vscode.l10n.t('Policy Lens: the two sides agree on {0}: {1} tags, nothing to curate.', where.relPath, String(plan.agreed.length)));
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
        ? s.output.kind === 'store'
          ? vscode.l10n.t('All {0} disagreements settled; {1} tags agreed. The result is this workspace’s sidecar (review status: curated).', String(p.total), String(s.plan.agreed.length))
          : vscode.l10n.t('All {0} disagreements settled; {1} tags agreed. The result is the sidecar in {2} (review status: curated).', String(p.total), String(s.plan.agreed.length), path.posix.basename(s.output.root.path))
        : vscode.l10n.t('{0} of {1} settled · {2} agreed · left: {3} · right: {4} · keys 1 left, 2 right, 3 both, 0 neither', String(p.settled), String(p.total), String(s.plan.agreed.length), s.left.name, s.right.name);
      const { left: lostLeft, right: lostRight } = s.plan.ignored;
      if (lostLeft + lostRight > 0) this.treeView.message += ` · ${vscode.l10n.t('not placed in this text, left out: {0} left, {1} right', String(lostLeft), String(lostRight))}`;
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
    const text = s.text;
    const d = node.d;
    const choice = s.choices.get(d.id);
    const item = new vscode.TreeItem(`「${runText(text, d)}」`, vscode.TreeItemCollapsibleState.None);
    item.id = d.id;
    item.description = `${describeSide(d.left, text)}  ‖  ${describeSide(d.right, text)}${choice ? `  → ${choiceLabel(choice)}` : ''}`;
    item.iconPath = new vscode.ThemeIcon(choice ? 'pass-filled' : 'circle-large-outline', choice ? new vscode.ThemeColor('testing.iconPassed') : undefined);
    const md = this.sidesTable(s, d, text);
    if (choice) md.appendMarkdown(`\n${cell(vscode.l10n.t('Settled: {0}', choiceLabel(choice)))}`);
    item.tooltip = md;
    item.contextValue = choice ? 'disagreement.settled' : 'disagreement';
    item.command = { command: 'policyLens.curation.reveal', title: vscode.l10n.t('Reveal'), arguments: [d.id] };
    return item;
  }

  /** A disagreement's two sides in a Markdown table: left | right, a tag per row. */
  private sidesTable(s: Session, d: Disagreement, text: string): vscode.MarkdownString {
    const md = new vscode.MarkdownString();
    md.appendMarkdown(`| ${cell(vscode.l10n.t('left'))}: ${cell(s.left.name)} | ${cell(vscode.l10n.t('right'))}: ${cell(s.right.name)} |\n|---|---|\n`);
    const rows = Math.max(d.left.length, d.right.length);
    for (let i = 0; i < rows; i++) {
      const l = d.left[i] ? tagCell(d.left[i], text) : '—';
      const r = d.right[i] ? tagCell(d.right[i], text) : '—';
      md.appendMarkdown(`| ${l} | ${r} |\n`);
    }
    return md;
  }

  /** The editor's hover on the current disagreement: both sides and the four choices as links. */
  private hoverFor(s: Session, d: Disagreement): vscode.MarkdownString {
    const md = this.sidesTable(s, d, s.text);
    const choice = s.choices.get(d.id);
    const links = CURATION_CHOICES.map((c) => commandLink(choiceText(c).accept, acceptCommand(c), [d.id]));
    md.appendMarkdown(`\n${links.join(' · ')}${choice ? `  \n${cell(vscode.l10n.t('Settled: {0}', choiceLabel(choice)))}` : ''}`);
    md.isTrusted = { enabledCommands: CURATION_CHOICES.map(acceptCommand) };
    return md;
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
    // the next one is current at once, so that a quick second key settles it, not this one again
    const next = nextUnsettled(s.plan, s.choices, d.id);
    s.current = (next ?? d).id;
    const ok = await this.write();
    if (!ok) s.choices.delete(d.id); // not written (the sidecar is blocked, the disk refused): not settled
    this.publish();
    await this.goTo(ok ? (next ?? d) : d, !!next || !ok);
    return ok;
  }

  /** Writes the curated result so far (this workspace's tags, or the output folder's sidecar); review status curated once all are settled. Writes run one after another; one that fails is shown, resolves false and does not stop the next. */
  private write(): Promise<boolean> {
    const s = this.session;
    if (!s) return Promise.resolve(false);
    const result = curatedResult(s.plan, s.left.data, s.right.data, s.choices);
    const done = curationProgress(s.plan, s.choices).done;
    const run = async (): Promise<boolean> => {
      try {
        if (s.output.kind === 'store') {
          s.written = tagsKey(result.tags);
          if (!(await this.store.replaceContent(s.document, result))) return false;
          if (done) await this.store.setReview(s.document, 'curated', this.annotator?.name);
          return true;
        }
        const text = s.text;
        const by = this.annotator?.name;
        const data: DocumentTags = {
          document: s.relPath,
          sha256: sha256(text),
          tags: result.tags,
          rejected: result.rejected,
          ...(result.relations.length > 0 ? { relations: result.relations } : {}),
          review: { status: done ? 'curated' : 'in-progress', updated: new Date().toISOString(), ...(by ? { by } : {}) },
        };
        await workspaceFiles.makeParent(s.output.sidecar);
        await writeDocumentTags(workspaceFiles, s.output.sidecar, data, text);
        return true;
      } catch (err) {
        void vscode.window.showErrorMessage(vscode.l10n.t('Policy Lens: the curated result could not be written: {0}', err instanceof Error ? err.message : String(err)));
        return false;
      }
    };
    const written = this.writing.then(run, run);
    this.writing = written;
    return written;
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
      const hoverMessage = this.hoverFor(s, d);
      editor.setDecorations(
        this.leftStyle,
        d.left.map((t) => ({ range: range(t), renderOptions: { before: { contentText: `L·${t.label}` } }, hoverMessage })),
      );
      editor.setDecorations(
        this.rightStyle,
        d.right.map((t) => ({ range: range(t), renderOptions: { after: { contentText: `${t.label}·R` } }, hoverMessage })),
      );
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/** Asks for one side: an annotator of this workspace's sidecar of the document, or another copy of the workspace. */
async function pickSide(store: TagStore, document: vscode.TextDocument, which: string, taken?: SideArg): Promise<SideArg | undefined> {
  const counts = new Map<string, number>();
  for (const t of store.tags(document.uri)) if (!t.orphan) counts.set(t.annotator ?? '', (counts.get(t.annotator ?? '') ?? 0) + 1);
  type Item = vscode.QuickPickItem & { side?: SideArg };
  const items: Item[] = [...counts]
    .filter(([name]) => !(taken && !(taken instanceof vscode.Uri) && taken.annotator === name && !taken.root))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, n]) => ({ label: `$(person) ${name || vscode.l10n.t('(no annotator)')}`, description: vscode.l10n.t('this workspace · {0}', n === 1 ? vscode.l10n.t('1 tag') : vscode.l10n.t('{0} tags', String(n))), side: { annotator: name } }));
  items.push({ label: `$(folder-opened) ${vscode.l10n.t('Another copy of the workspace…')}`, description: vscode.l10n.t('a folder with its own {0}/', SIDECAR_DIR) });
  const picked = await vscode.window.showQuickPick(items, { title: which, placeHolder: vscode.l10n.t('An annotator’s tags in this workspace, or another annotator’s copy of it') });
  if (!picked) return undefined;
  if (picked.side) return picked.side;
  const folder = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, title: which, openLabel: vscode.l10n.t('Curate') });
  return folder?.[0];
}

/** Registers the Curation view and its commands. */
export function registerCuration(store: TagStore, annotator?: Annotator): { curation: Curation; disposables: vscode.Disposable[] } {
  const curation = new Curation(store, annotator);
  const command = (name: string, run: (...args: never[]) => unknown) => vscode.commands.registerCommand(name, run);
  return {
    curation,
    disposables: [
      curation,
      command('policyLens.curate', async (left?: SideArg, right?: SideArg, opts?: { confirm?: boolean; output?: vscode.Uri }) => {
        const editor = vscode.window.activeTextEditor;
        if (!editor) {
          void vscode.window.showInformationMessage(vscode.l10n.t('Open the document to curate first.'));
          return undefined;
        }
        const document = editor.document;
        left ??= await pickSide(store, document, vscode.l10n.t('Left side of the curation'));
        if (!left) return undefined;
        right ??= await pickSide(store, document, vscode.l10n.t('Right side of the curation'), left);
        if (!right) return undefined;
        const here = vscode.workspace.getWorkspaceFolder(document.uri)?.uri;
        const isHere = (a: SideArg) => !(a instanceof vscode.Uri) ? !a.root || (here !== undefined && sameFolder(a.root, here)) : here !== undefined && sameFolder(a, here);
        let output = opts?.output;
        if (!output && (isHere(left) || isHere(right))) {
          // a side is this workspace: the result goes into another copy
          output = (await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, title: vscode.l10n.t('Folder for the curated sidecar (a copy of the workspace; the sides are only read)'), openLabel: vscode.l10n.t('Write the curated result here') }))?.[0];
          if (!output) return undefined;
        }
        const s = await curation.start(document, [left, right], { ...opts, output });
        if (s) void vscode.commands.executeCommand('policyLens.curation.focus');
        return curation.state;
      }),
      ...CURATION_CHOICES.map((choice) => command(acceptCommand(choice), (arg?: CurationNode | string) => curation.settle(choice, arg))),
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
