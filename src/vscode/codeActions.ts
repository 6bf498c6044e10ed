// Quick fixes for the diagnostics of diagnostics.ts: the edit each finding carries.
import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE, findingOf } from './diagnostics';

export class LintCodeActionProvider implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    for (const d of context.diagnostics) {
      if (d.source !== DIAGNOSTIC_SOURCE) continue;
      const f = findingOf.get(d);
      if (!f?.fix) continue;
      const title = f.kind === 'documentNumber'
        ? vscode.l10n.t('Write {0}', f.expected)
        : vscode.l10n.t('Insert {0}', f.fix.text);
      const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
      action.diagnostics = [d];
      action.isPreferred = true;
      const edit = new vscode.WorkspaceEdit();
      edit.replace(document.uri, new vscode.Range(document.positionAt(f.fix.start), document.positionAt(f.fix.end)), f.fix.text);
      action.edit = edit;
      actions.push(action);
    }
    return actions;
  }
}

export function registerCodeActions(): vscode.Disposable {
  return vscode.languages.registerCodeActionsProvider({ pattern: '**' }, new LintCodeActionProvider(), { providedCodeActionKinds: LintCodeActionProvider.kinds });
}
