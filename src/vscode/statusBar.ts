// The status-bar item: entity counts of the active document, and a visible
// notice when highlighting is limited to the visible part by the budget.
import * as vscode from 'vscode';
import type { TokenizerInfo } from '../core/engine/protocol';
import { escapeMarkdown as escape } from '../core/text/markdown';
import { ENTITY_TYPES } from '../core/types';
import type { AnalysisService } from './analysisService';
import type { Decorations } from './decorations';
import { departmentsLabel, entitiesLabel, quantitiesLabel, typePlural } from './labels';

/** Shows the active document's counts; clicking toggles highlighting. */
export class StatusBar implements vscode.Disposable {
  readonly item: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];

  /** Which tokenizer the engine runs, once it answered; or why none loads. */
  private tokenizer: { info: TokenizerInfo } | { error: string } | undefined;
  private askedTokenizer = false;

  /** @param tokenizerInfo asks the engine which tokenizer it runs (asked once, when a document is first analysed). */
  constructor(
    private readonly analysis: AnalysisService,
    private readonly decorations: Decorations,
    private readonly tokenizerInfo?: () => Promise<TokenizerInfo>,
  ) {
    this.item = vscode.window.createStatusBarItem('policyLens.counts', vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'Policy Lens';
    this.item.command = 'policyLens.toggleHighlighting';
    this.disposables.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      decorations.onDidApply((editor) => {
        if (editor === vscode.window.activeTextEditor) this.update();
      }),
    );
    this.update();
  }

  /** Recomputes the text for the active editor. */
  update(): void {
    const editor = vscode.window.activeTextEditor;
    const model = editor && this.analysis.model(editor.document);
    if (!editor || !model) {
      this.item.hide();
      return;
    }
    if (!this.askedTokenizer && this.tokenizerInfo) {
      this.askedTokenizer = true;
      this.tokenizerInfo().then(
        (info) => {
          this.tokenizer = { info };
          this.update();
        },
        (err: unknown) => {
          this.tokenizer = { error: err instanceof Error ? err.message : String(err) };
          this.update();
        },
      );
    }
    const counts = model.countsByType();
    let total = 0;
    for (const n of counts.values()) total += n;
    const applied = this.decorations.appliedTo(editor);
    const pending = !model.complete;
    const skipped = this.analysis.skippedLine(editor.document);
    const noTokenizer = this.tokenizer && 'error' in this.tokenizer ? this.tokenizer.error : undefined;
    const icon = noTokenizer ? '$(error)' : !this.decorations.enabled ? '$(eye-closed)' : applied?.limited || skipped ? '$(warning)' : pending ? '$(loading~spin)' : '$(telescope)';
    const dept = counts.get('department') ?? 0;
    const qty = counts.get('quantity') ?? 0;
    this.item.text = `${icon} ${[entitiesLabel(total), departmentsLabel(dept), quantitiesLabel(qty)].join(' · ')}`;
    if (skipped) this.item.text += ` · ${vscode.l10n.t('line {0} too long', skipped.line + 1)}`;
    const md = new vscode.MarkdownString(undefined, true);
    md.appendMarkdown('**Policy Lens** — ').appendText(vscode.workspace.asRelativePath(editor.document.uri)).appendMarkdown('\n\n');
    md.appendMarkdown(`| | |\n|---|---:|\n`);
    for (const t of ENTITY_TYPES) md.appendMarkdown(`| ${typePlural(t)} | ${counts.get(t) ?? 0} |\n`);
    if (pending) md.appendMarkdown(`\n${vscode.l10n.t('Analysis in progress…')}\n`);
    if (skipped) {
      const why =
        skipped.reason === 'length'
          ? vscode.l10n.t('Line {0} ({1} characters) is too long to analyse in the editor: it is not highlighted. The CLI (policy-lens annotate) analyses it whole.', skipped.line + 1, skipped.length)
          : vscode.l10n.t('Line {0} ({1} characters) has no sentence end (。；！？) to cut it at: it is not highlighted in the editor. The CLI (policy-lens annotate) analyses it whole.', skipped.line + 1, skipped.length);
      md.appendMarkdown(`\n$(warning) ${why}\n`);
    }
    if (applied?.limited) {
      md.appendMarkdown(`\n$(warning) ${vscode.l10n.t('Highlighting is limited to the lines around the visible ones: {0} of {1} entities decorated (setting policyLens.highlight.maxDecorations).', applied.shown, applied.total)}\n`);
    }
    md.appendMarkdown(`\n${tokenizerLine(this.tokenizer)}\n`);
    md.appendMarkdown(`\n${this.decorations.enabled ? vscode.l10n.t('Click to turn highlighting off.') : vscode.l10n.t('Highlighting is off. Click to turn it on.')}`);
    this.item.tooltip = md;
    this.item.show();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/** The tooltip's line saying which tokenizer runs (nodejieba, or jieba-wasm where nodejieba's binary does not load), or that none does. */
function tokenizerLine(tokenizer: { info: TokenizerInfo } | { error: string } | undefined): string {
  if (!tokenizer) return vscode.l10n.t('Tokenizer: loading…');
  if ('error' in tokenizer) return `$(error) ${escape(vscode.l10n.t('Policy Lens cannot analyse documents here: {0}', tokenizer.error))}`;
  const { backend, version, fallbackReason } = tokenizer.info;
  const name = `${backend}${version ? ` ${version}` : ''}`;
  if (backend === 'jieba-wasm' && fallbackReason) return escape(vscode.l10n.t('Tokenizer: {0} (WebAssembly): nodejieba does not load on this platform ({1}).', name, fallbackReason));
  if (backend === 'jieba-wasm') return escape(vscode.l10n.t('Tokenizer: {0} (WebAssembly).', name));
  return escape(vscode.l10n.t('Tokenizer: {0} (native).', name));
}

