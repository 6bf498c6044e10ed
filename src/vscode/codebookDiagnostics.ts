// The workspace's codebook (.policy-lens/codebook.json, read by
// core/tags/codebook.ts), watched and reloaded: its labels take precedence
// over the setting policyLens.tags.labels. A codebook that does not parse is
// one message (and a diagnostic on its line); the previous labels stay.
// Tags are validated against it: a diagnostic per unknown label or bad
// attribute value, in a DiagnosticCollection of its own.
import * as vscode from 'vscode';
import { CODEBOOK_PATH, CodebookError, parseCodebook, validateTags, type Codebook, type TagIssue } from '../core/tags/codebook';
import type { LabelDefinition } from '../core/tags/types';
import { readLabels } from './configuration';
import type { TagStore } from './tagStore';

/** The tag issue behind each diagnostic, for the quick fixes (codeActions.ts). */
export const issueOf = new WeakMap<vscode.Diagnostic, TagIssue>();

/** The codebooks of the workspace folders, and the diagnostics of tags against them. */
export class Codebooks implements vscode.Disposable {
  private readonly books = new Map<string, Codebook>();
  private readonly errors = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when a codebook was loaded, changed or removed (labels may differ). */
  readonly onDidChange = this.changed.event;
  readonly diagnostics = vscode.languages.createDiagnosticCollection('policyLens.codebook');
  private readonly disposables: vscode.Disposable[] = [];
  /** Resolves when the first load is done (tests). */
  readonly ready: Promise<void>;

  constructor(private readonly store: TagStore) {
    const watcher = vscode.workspace.createFileSystemWatcher(`**/${CODEBOOK_PATH}`);
    this.disposables.push(
      this.changed,
      this.diagnostics,
      watcher,
      watcher.onDidChange((u) => void this.reload(u)),
      watcher.onDidCreate((u) => void this.reload(u)),
      watcher.onDidDelete((u) => void this.reload(u)),
      store.onDidChange((uri) => this.validate(uri)),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.loadAll()),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('policyLens.tags.labels') && this.changed.fire()),
      vscode.workspace.onDidCloseTextDocument((d) => this.diagnostics.delete(d.uri)),
    );
    this.ready = this.loadAll();
  }

  private async loadAll(): Promise<void> {
    for (const f of vscode.workspace.workspaceFolders ?? []) await this.reload(vscode.Uri.joinPath(f.uri, ...CODEBOOK_PATH.split('/')));
  }

  /** (Re)reads one codebook file; keeps the previous codebook when it does not parse. */
  async reload(uri: vscode.Uri): Promise<void> {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return;
    const key = folder.uri.toString();
    let text: string | undefined;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(await vscode.workspace.fs.readFile(uri));
    } catch (err) {
      if (err instanceof vscode.FileSystemError && err.code === 'FileNotFound') text = undefined;
      else return this.fail(key, uri, err instanceof Error ? err.message : String(err), 0);
    }
    if (text === undefined) {
      if (!this.books.delete(key) && !this.errors.has(key)) return;
      this.errors.delete(key);
      this.diagnostics.delete(uri);
    } else {
      try {
        this.books.set(key, parseCodebook(text));
        this.errors.delete(key);
        this.diagnostics.delete(uri);
      } catch (err) {
        // a reader bug is one message too, never an unhandled rejection of the watcher's reload
        if (!(err instanceof CodebookError)) return this.fail(key, uri, err instanceof Error ? err.message : String(err), 0);
        return this.fail(key, uri, err.message, Number(/^line (\d+)/.exec(err.message)?.[1] ?? 1) - 1);
      }
    }
    this.changed.fire();
    this.validateAll();
  }

  private fail(key: string, uri: vscode.Uri, message: string, line: number): void {
    const kept = this.books.has(key);
    const text = vscode.l10n.t('{0} does not parse ({1}). {2}', vscode.workspace.asRelativePath(uri), message, kept ? vscode.l10n.t('The previous labels stay until it is fixed.') : vscode.l10n.t('The labels of the settings are used until it is fixed.'));
    this.diagnostics.set(uri, [new vscode.Diagnostic(new vscode.Range(Math.max(0, line), 0, Math.max(0, line), 1000), message, vscode.DiagnosticSeverity.Error)]);
    if (this.errors.get(key) === message) return;
    this.errors.set(key, message);
    void vscode.window.showErrorMessage(`Policy Lens: ${text}`);
  }

  /** The codebook of the folder of `uri` (or of the first folder), if there is one that parsed. */
  codebook(uri?: vscode.Uri): Codebook | undefined {
    const folder = (uri && vscode.workspace.getWorkspaceFolder(uri)) ?? vscode.workspace.workspaceFolders?.[0];
    return folder ? this.books.get(folder.uri.toString()) : undefined;
  }

  /** The labels to tag with: the codebook's when there is one, else the setting's. */
  labels(uri?: vscode.Uri): LabelDefinition[] {
    return this.codebook(uri)?.labels ?? readLabels();
  }

  /** Validates the tags of one document (or of every open one). */
  validate(uri: vscode.Uri): void {
    const book = this.codebook(uri);
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (!book || !doc) {
      this.diagnostics.delete(uri);
      return;
    }
    this.diagnostics.set(uri, validateTags(this.store.tags(uri), book).map((i) => diagnosticOf(i, doc)));
  }

  private validateAll(): void {
    for (const d of vscode.workspace.textDocuments) if (this.store.get(d.uri)) this.validate(d.uri);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/** A tag issue as a diagnostic, its message in the display language. */
function diagnosticOf(issue: TagIssue, doc: vscode.TextDocument): vscode.Diagnostic {
  let message: string;
  switch (issue.kind) {
    case 'unknown-label':
      message = issue.suggestions?.length
        ? vscode.l10n.t('The label “{0}” is not in the codebook (did you mean {1}?)', issue.label, issue.suggestions.map((s) => `“${s}”`).join(', '))
        : vscode.l10n.t('The label “{0}” is not in the codebook', issue.label);
      break;
    case 'unknown-attribute':
      message = vscode.l10n.t('The label “{0}” has no attribute “{1}”', issue.label, issue.attribute ?? '');
      break;
    case 'bad-attribute':
      message = vscode.l10n.t('“{0}” is not a value of the attribute “{1}” of “{2}” ({3})', issue.value ?? '', issue.attribute ?? '', issue.label, (issue.values ?? []).join(', '));
      break;
    default:
      message = vscode.l10n.t('The required attribute “{0}” of “{1}” has no value', issue.attribute ?? '', issue.label);
  }
  const d = new vscode.Diagnostic(new vscode.Range(doc.positionAt(issue.start), doc.positionAt(issue.end)), message, issue.kind === 'unknown-label' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information);
  d.source = 'Policy Lens';
  d.code = issue.kind;
  issueOf.set(d, issue);
  return d;
}
