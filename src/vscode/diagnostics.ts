// Diagnostics from the core's text checks (core/text/lint.ts), each kind off by
// default (`policyLens.diagnostics.*`). The checks are one linear pass over the
// text, run after a pause in typing, so the host's thread is not held.
import * as vscode from 'vscode';
import { lintText, type LintFinding, type LintOptions } from '../core/text/lint';
import type { AnalysisService } from './analysisService';
import { SECTION } from './configuration';

export const DIAGNOSTIC_SOURCE = 'Policy Lens';

/** The finding behind each diagnostic, for the quick fix. */
export const findingOf = new WeakMap<vscode.Diagnostic, LintFinding>();

export function readLintOptions(): LintOptions {
  const config = vscode.workspace.getConfiguration(SECTION);
  return {
    unbalanced: config.get<boolean>('diagnostics.unbalancedBrackets', false),
    documentNumber: config.get<boolean>('diagnostics.documentNumber', false),
  };
}

function message(f: LintFinding): string {
  if (f.kind === 'documentNumber') return vscode.l10n.t('Document number {0} is not written 〔YYYY〕N号: {1}', f.found, f.expected);
  return vscode.l10n.t('{0} has no matching {1} on its line', f.found, f.expected);
}

export function diagnosticsFor(document: vscode.TextDocument, options: LintOptions): vscode.Diagnostic[] {
  return lintText(document.getText(), options).map((f) => {
    const d = new vscode.Diagnostic(new vscode.Range(document.positionAt(f.start), document.positionAt(f.end)), message(f), vscode.DiagnosticSeverity.Warning);
    d.source = DIAGNOSTIC_SOURCE;
    d.code = f.kind;
    findingOf.set(d, f);
    return d;
  });
}

export function registerDiagnostics(analysis: AnalysisService): { collection: vscode.DiagnosticCollection; disposables: vscode.Disposable[] } {
  const collection = vscode.languages.createDiagnosticCollection('policyLens');
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  let options = readLintOptions();
  const update = (document: vscode.TextDocument) => {
    if (!analysis.accepts(document) || (!options.unbalanced && !options.documentNumber)) {
      collection.delete(document.uri);
      return;
    }
    collection.set(document.uri, diagnosticsFor(document, options));
  };
  const later = (document: vscode.TextDocument) => {
    const key = document.uri.toString();
    clearTimeout(timers.get(key));
    timers.set(key, setTimeout(() => { timers.delete(key); update(document); }, 300));
  };
  vscode.workspace.textDocuments.forEach(update);
  const disposables: vscode.Disposable[] = [
    collection,
    vscode.workspace.onDidOpenTextDocument(update),
    vscode.workspace.onDidChangeTextDocument((e) => later(e.document)),
    vscode.workspace.onDidCloseTextDocument((d) => {
      const key = d.uri.toString();
      clearTimeout(timers.get(key)); // a pending check must not bring the closed document's diagnostics back
      timers.delete(key);
      collection.delete(d.uri);
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(`${SECTION}.diagnostics`) && !e.affectsConfiguration(`${SECTION}.languages`)) return;
      options = readLintOptions();
      vscode.workspace.textDocuments.forEach(update);
    }),
    { dispose: () => { for (const t of timers.values()) clearTimeout(t); timers.clear(); } },
  ];
  return { collection, disposables };
}
