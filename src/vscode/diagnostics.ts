// Diagnostics from the core's checks, each kind off by default
// (`policyLens.diagnostics.*`): the text checks (core/text/lint.ts) and the
// name checks over the entities (core/recognise/nameChecks.ts). All of them
// run in the engine's worker (EngineApi.lint), once per document version and
// after a pause in typing, so the host's thread never computes them.
import * as vscode from 'vscode';
import type { EngineClient } from '../core/engine/client';
import type { LintFinding, LintOptions } from '../core/text/lint';
import type { AnalysisService } from './analysisService';
import { SECTION } from './configuration';

export const DIAGNOSTIC_SOURCE = 'Policy Lens';

/** The finding behind each diagnostic, for the quick fix. */
export const findingOf = new WeakMap<vscode.Diagnostic, LintFinding>();

/** The diagnostics' settings for a document (the name checks are per resource: a folder of historical texts may keep them off). */
export function readLintOptions(uri?: vscode.Uri): LintOptions {
  const config = vscode.workspace.getConfiguration(SECTION, uri);
  return {
    unbalanced: config.get<boolean>('diagnostics.unbalancedBrackets', false),
    documentNumber: config.get<boolean>('diagnostics.documentNumber', false),
    formerName: config.get<boolean>('diagnostics.formerName', false),
    inconsistentNames: config.get<boolean>('diagnostics.inconsistentNames', false),
  };
}

const anyOn = (o: LintOptions) => !!(o.unbalanced || o.documentNumber || o.formerName || o.inconsistentNames);

function message(f: LintFinding): string {
  switch (f.kind) {
    case 'documentNumber':
      return vscode.l10n.t('Document number {0} is not written 〔YYYY〕N号: {1}', f.found, f.expected);
    case 'formerName':
      return vscode.l10n.t('{0} was renamed or merged into {1} in {2}, before this document’s date', f.found, f.expected, String(f.since ?? ''));
    case 'inconsistentName':
      return vscode.l10n.t('{0} is written {1} elsewhere in this document ({2} times): the same organ written two ways', f.found, f.expected, String(f.count ?? ''));
    default:
      return vscode.l10n.t('{0} has no matching {1} on its line', f.found, f.expected);
  }
}

const SEVERITY: Record<LintFinding['kind'], vscode.DiagnosticSeverity> = {
  unbalanced: vscode.DiagnosticSeverity.Warning,
  documentNumber: vscode.DiagnosticSeverity.Warning,
  formerName: vscode.DiagnosticSeverity.Warning,
  inconsistentName: vscode.DiagnosticSeverity.Information,
};

export function diagnosticsOf(document: vscode.TextDocument, findings: readonly LintFinding[]): vscode.Diagnostic[] {
  return findings.map((f) => {
    const d = new vscode.Diagnostic(new vscode.Range(document.positionAt(f.start), document.positionAt(f.end)), message(f), SEVERITY[f.kind]);
    d.source = DIAGNOSTIC_SOURCE;
    d.code = f.kind;
    findingOf.set(d, f);
    return d;
  });
}

/** The findings of each document, computed in the engine's worker once per version and options. */
export class LintResults {
  private readonly cache = new Map<string, { version: number; options: string; findings: Promise<LintFinding[]> }>();

  constructor(private readonly engine: Pick<EngineClient, 'lint'>) {}

  of(document: vscode.TextDocument, options: LintOptions): Promise<LintFinding[]> {
    const key = document.uri.toString();
    const opts = JSON.stringify(options);
    const hit = this.cache.get(key);
    if (hit && hit.version === document.version && hit.options === opts) return hit.findings;
    const findings = this.engine.lint(document.getText(), options).catch(() => [] as LintFinding[]);
    this.cache.set(key, { version: document.version, options: opts, findings });
    return findings;
  }

  /** The findings last computed for the document at its current version (the quick fixes' "all in the document"). */
  current(document: vscode.TextDocument): Promise<LintFinding[]> | undefined {
    const hit = this.cache.get(document.uri.toString());
    return hit && hit.version === document.version ? hit.findings : undefined;
  }

  forget(uri: vscode.Uri): void {
    this.cache.delete(uri.toString());
  }
}

export function registerDiagnostics(analysis: AnalysisService, engine: Pick<EngineClient, 'lint'>): { collection: vscode.DiagnosticCollection; results: LintResults; disposables: vscode.Disposable[] } {
  const collection = vscode.languages.createDiagnosticCollection('policyLens');
  const results = new LintResults(engine);
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const update = async (document: vscode.TextDocument) => {
    const options = readLintOptions(document.uri);
    if (!analysis.accepts(document) || !anyOn(options)) {
      collection.delete(document.uri);
      return;
    }
    const version = document.version;
    const findings = await results.of(document, options);
    // the answer of an older version, or of a closed document, is dropped
    if (document.isClosed || document.version !== version) return;
    collection.set(document.uri, diagnosticsOf(document, findings));
  };
  const later = (document: vscode.TextDocument) => {
    const key = document.uri.toString();
    clearTimeout(timers.get(key));
    timers.set(key, setTimeout(() => { timers.delete(key); void update(document); }, 300));
  };
  vscode.workspace.textDocuments.forEach((d) => void update(d));
  const disposables: vscode.Disposable[] = [
    collection,
    vscode.workspace.onDidOpenTextDocument((d) => void update(d)),
    vscode.workspace.onDidChangeTextDocument((e) => later(e.document)),
    vscode.workspace.onDidCloseTextDocument((d) => {
      const key = d.uri.toString();
      clearTimeout(timers.get(key)); // a pending check must not bring the closed document's diagnostics back
      timers.delete(key);
      results.forget(d.uri);
      collection.delete(d.uri);
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(`${SECTION}.diagnostics`) && !e.affectsConfiguration(`${SECTION}.languages`)) return;
      vscode.workspace.textDocuments.forEach((d) => void update(d));
    }),
    { dispose: () => { for (const t of timers.values()) clearTimeout(t); timers.clear(); } },
  ];
  return { collection, results, disposables };
}
