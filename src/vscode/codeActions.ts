// Quick fixes for the diagnostics of diagnostics.ts (the edit each finding
// carries; for a name, also the same replacement everywhere in the document)
// and of the codebook (codebookDiagnostics.ts): an unknown label changed to
// one of the codebook's closest labels, or added to the codebook.
import * as vscode from 'vscode';
import { CODEBOOK_PATH } from '../core/tags/codebook';
import { addLabelEdit, closestLabels } from '../core/tags/codebookFixes';
import type { LintFinding } from '../core/text/lint';
import { issueOf, type Codebooks } from './codebookDiagnostics';
import { DIAGNOSTIC_SOURCE, findingOf } from './diagnostics';
import type { TagStore } from './tagStore';

/** The command behind "Change label to …" (arguments: document URI as a string, tag id, label). */
export const CHANGE_TAG_LABEL = 'policyLens.changeTagLabel';

const rangeOf = (document: vscode.TextDocument, start: number, end: number) => new vscode.Range(document.positionAt(start), document.positionAt(end));

export class LintCodeActionProvider implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly codebooks?: Codebooks) {}

  async provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    const actions: vscode.CodeAction[] = [];
    for (const d of context.diagnostics) {
      if (d.source !== DIAGNOSTIC_SOURCE) continue;
      const f = findingOf.get(d);
      if (f?.fix) for (const a of this.lintFixes(document, d, f)) actions.push(a);
      const issue = issueOf.get(d);
      if (issue?.kind === 'unknown-label' && this.codebooks) for (const a of await this.labelFixes(document, d, issue.tagId, issue.label)) actions.push(a);
    }
    return actions;
  }

  private lintFixes(document: vscode.TextDocument, d: vscode.Diagnostic, f: LintFinding): vscode.CodeAction[] {
    const fix = f.fix!;
    const title =
      f.kind === 'documentNumber' ? vscode.l10n.t('Write {0}', f.expected)
      : f.kind === 'formerName' || f.kind === 'inconsistentName' ? vscode.l10n.t('Replace {0} with {1}', f.found, f.expected)
      : vscode.l10n.t('Insert {0}', fix.text);
    const one = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
    one.diagnostics = [d];
    one.isPreferred = true;
    one.edit = new vscode.WorkspaceEdit();
    one.edit.replace(document.uri, rangeOf(document, fix.start, fix.end), fix.text);
    if (f.kind !== 'formerName' && f.kind !== 'inconsistentName') return [one];
    // the same name replaced the same way wherever the document has it reported
    const same = vscode.languages.getDiagnostics(document.uri).filter((o) => {
      const g = findingOf.get(o);
      return g?.fix && g.kind === f.kind && g.found === f.found && g.expected === f.expected;
    });
    if (same.length < 2) return [one];
    const all = new vscode.CodeAction(vscode.l10n.t('Replace all {0} occurrences of {1} with {2} in the document', String(same.length), f.found, f.expected), vscode.CodeActionKind.QuickFix);
    all.diagnostics = same;
    all.edit = new vscode.WorkspaceEdit();
    for (const o of same) {
      const g = findingOf.get(o)!.fix!;
      all.edit.replace(document.uri, rangeOf(document, g.start, g.end), g.text);
    }
    return [one, all];
  }

  private async labelFixes(document: vscode.TextDocument, d: vscode.Diagnostic, tagId: string, label: string): Promise<vscode.CodeAction[]> {
    const book = this.codebooks!.codebook(document.uri);
    if (!book) return [];
    const actions: vscode.CodeAction[] = [];
    closestLabels(book, label).forEach((name, i) => {
      const a = new vscode.CodeAction(vscode.l10n.t('Change label to “{0}”', name), vscode.CodeActionKind.QuickFix);
      a.diagnostics = [d];
      a.isPreferred = i === 0;
      a.command = { command: CHANGE_TAG_LABEL, title: a.title, arguments: [document.uri.toString(), tagId, name] };
      actions.push(a);
    });
    const folder = vscode.workspace.getWorkspaceFolder(document.uri) ?? vscode.workspace.workspaceFolders?.[0];
    if (!folder) return actions;
    const file = vscode.Uri.joinPath(folder.uri, ...CODEBOOK_PATH.split('/'));
    const open = vscode.workspace.textDocuments.find((t) => t.uri.toString() === file.toString());
    let text: string;
    try {
      text = open ? open.getText() : new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(file));
    } catch {
      return actions;
    }
    const edit = addLabelEdit(text, label);
    if (!edit) return actions;
    const add = new vscode.CodeAction(vscode.l10n.t('Add label “{0}” to the codebook', label), vscode.CodeActionKind.QuickFix);
    add.diagnostics = [d];
    add.edit = new vscode.WorkspaceEdit();
    // offsets into the text as the editor holds it (or as the file reads: the same text when it is not open)
    const at = (o: number) => (open ? open.positionAt(o) : positionIn(text, o));
    add.edit.replace(file, new vscode.Range(at(edit.start), at(edit.end)), edit.text);
    actions.push(add);
    return actions;
  }
}

/** The position of a UTF-16 offset in a text that is not open (lines end at \n; a \r before it stays in its line). */
function positionIn(text: string, offset: number): vscode.Position {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return new vscode.Position(line, offset - (before.lastIndexOf('\n') + 1));
}

export function registerCodeActions(tags?: TagStore, codebooks?: Codebooks): vscode.Disposable[] {
  const disposables: vscode.Disposable[] = [
    vscode.languages.registerCodeActionsProvider({ pattern: '**' }, new LintCodeActionProvider(codebooks), { providedCodeActionKinds: LintCodeActionProvider.kinds }),
  ];
  if (tags) {
    disposables.push(
      vscode.commands.registerCommand(CHANGE_TAG_LABEL, async (uri?: string, tagId?: string, label?: string) => {
        if (!uri || !tagId || !label) return false;
        const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
        return tags.setLabel(document, tagId, label);
      }),
    );
  }
  return disposables;
}
