// The team's workflow in the editor: who is annotating (policyLens.annotator,
// else the git user name, else the OS user), each document's review status
// (command, status-bar item) and the queue: "next document to annotate", the
// first document of the index's globs that is new or in progress, in path
// order (core/tags/review.ts).
import { execFile } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { nextDocument, reviewStatusOf } from '../core/tags/review';
import { decodeSidecar, parseSidecar, sidecarPathFor } from '../core/tags/sidecar';
import { REVIEW_STATUSES, type ReviewStatus } from '../core/tags/types';
import { readIndexSettings, SECTION } from './configuration';
import type { TagStore } from './tagStore';

/** The git user name, read once off the host's thread (undefined when git or the setting is missing). */
function gitUserName(cwd: string | undefined): Promise<string | undefined> {
  return new Promise((resolve) => {
    try {
      execFile('git', ['config', 'user.name'], { cwd, timeout: 3000, windowsHide: true }, (err, stdout) => resolve(err ? undefined : stdout.trim() || undefined));
    } catch {
      resolve(undefined);
    }
  });
}

/** Who is annotating: the setting, else the git user name, else the OS user name. */
export class Annotator {
  private git?: string;
  /** Resolves once the git user name was looked up. */
  readonly ready: Promise<void>;

  constructor() {
    this.ready = gitUserName(vscode.workspace.workspaceFolders?.[0]?.uri.scheme === 'file' ? vscode.workspace.workspaceFolders[0].uri.fsPath : undefined).then((n) => {
      this.git = n;
    });
  }

  /** The annotator's name as tags store it. */
  get name(): string {
    const set = vscode.workspace.getConfiguration(SECTION).get<string>('annotator', '').trim();
    if (set) return set;
    if (this.git) return this.git;
    try {
      return os.userInfo().username || 'unknown';
    } catch {
      return 'unknown';
    }
  }
}

/** A review status in the display language. */
export function reviewStatusLabel(status: ReviewStatus): string {
  switch (status) {
    case 'new':
      return vscode.l10n.t('new');
    case 'in-progress':
      return vscode.l10n.t('in progress');
    case 'done':
      return vscode.l10n.t('done');
    default:
      return vscode.l10n.t('curated');
  }
}

/** The review status item in the status bar and the review commands. */
export class Review implements vscode.Disposable {
  readonly item: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly store: TagStore,
    private readonly annotator: Annotator,
  ) {
    this.item = vscode.window.createStatusBarItem('policyLens.review', vscode.StatusBarAlignment.Right, 99);
    this.item.name = vscode.l10n.t('Policy Lens review status');
    this.item.command = 'policyLens.setReviewStatus';
    this.disposables.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      store.onDidChange(() => this.update()),
      vscode.commands.registerCommand('policyLens.setReviewStatus', (status?: string) => this.setStatus(status)),
      vscode.commands.registerCommand('policyLens.nextDocument', () => this.openNext()),
    );
    this.update();
  }

  /** Shows the active document's status. */
  update(): void {
    const editor = vscode.window.activeTextEditor;
    const state = editor && this.store.get(editor.document.uri);
    if (!state) {
      this.item.hide();
      return;
    }
    const status = state.doc.review.status;
    this.item.text = `$(checklist) ${reviewStatusLabel(status)}`;
    this.item.tooltip = vscode.l10n.t('Review status of this document (click to change)');
    this.item.show();
  }

  /** Sets the active document's review status (asked for when not given); returns the status set, or undefined. */
  async setStatus(status?: string): Promise<ReviewStatus | undefined> {
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a policy text to tag it.'));
      return undefined;
    }
    let chosen = reviewStatusOf(status);
    if (!chosen) {
      const current = this.store.get(editor.document.uri)?.doc.review.status;
      const picked = await vscode.window.showQuickPick(
        REVIEW_STATUSES.map((s) => ({ label: reviewStatusLabel(s), description: s === current ? vscode.l10n.t('(current)') : undefined, value: s })),
        { title: vscode.l10n.t('Review status of this document') },
      );
      chosen = picked?.value;
    }
    if (!chosen) return undefined;
    const ok = await this.store.setReview(editor.document, chosen, this.annotator.name);
    this.update();
    return ok ? chosen : undefined;
  }

  /** The documents of the index's globs with their review status (open ones from the store, others from their sidecars). */
  async statuses(): Promise<Array<{ uri: vscode.Uri; path: string; status: ReviewStatus }>> {
    const { include, exclude, maxFiles } = readIndexSettings();
    const files = await vscode.workspace.findFiles(include, exclude, maxFiles);
    const out: Array<{ uri: vscode.Uri; path: string; status: ReviewStatus }> = [];
    for (const uri of files) {
      const folder = vscode.workspace.getWorkspaceFolder(uri);
      if (!folder) continue;
      const rel = path.posix.relative(folder.uri.path, uri.path);
      const name = (vscode.workspace.workspaceFolders?.length ?? 0) > 1 ? `${folder.name}/${rel}` : rel;
      const loaded = this.store.get(uri);
      if (loaded) {
        if (!loaded.blocked) out.push({ uri, path: name, status: loaded.doc.review.status });
        continue;
      }
      try {
        const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, ...sidecarPathFor(rel).split('/')));
        out.push({ uri, path: name, status: parseSidecar(decodeSidecar(bytes)).review?.status ?? 'new' });
      } catch (err) {
        // no sidecar: new; a sidecar that does not parse: left out of the queue (its tags wait for a fix)
        if (err instanceof vscode.FileSystemError && err.code === 'FileNotFound') out.push({ uri, path: name, status: 'new' });
      }
    }
    return out;
  }

  /** Opens the next document to annotate; returns its URI, or undefined when none is left. */
  async openNext(): Promise<vscode.Uri | undefined> {
    const all = await this.statuses();
    const active = vscode.window.activeTextEditor?.document.uri.toString();
    const current = all.find((d) => d.uri.toString() === active)?.path;
    const next = nextDocument(all, current);
    const hit = next === undefined ? undefined : all.find((d) => d.path === next);
    if (!hit) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Every document is done or curated: nothing left to annotate.'));
      return undefined;
    }
    await vscode.window.showTextDocument(hit.uri, { preview: false });
    return hit.uri;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
