// Jumping to places in documents, and the quick pick that lists mentions.
import * as vscode from 'vscode';
import type { Entity } from '../core/types';
import type { AnalysisService } from './analysisService';

/** A place in a file. */
export interface Mention {
  uri: vscode.Uri;
  range: vscode.Range;
  /** What is written there. */
  text: string;
}

/** The analysed entities of the active editor's document, each with its place (the document scope of the views); none when no policy text is active. */
export function* activeMentions(analysis: AnalysisService): Generator<{ entity: Entity; mention: Mention }> {
  const doc = vscode.window.activeTextEditor?.document;
  const model = doc && analysis.model(doc);
  if (!doc || !model) return;
  for (const { line, entity } of model.entities()) yield { entity, mention: { uri: doc.uri, range: new vscode.Range(line, entity.start, line, entity.end), text: entity.text } };
}

/** Opens the document and selects the range. */
export async function reveal(m: Pick<Mention, 'uri' | 'range'>): Promise<vscode.TextEditor> {
  const editor = await vscode.window.showTextDocument(m.uri, { preserveFocus: false, preview: true });
  editor.selection = new vscode.Selection(m.range.start, m.range.end);
  editor.revealRange(m.range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return editor;
}

/** Shows mentions in a quick pick with a line of context each; previews while moving, jumps on accept. */
export async function pickMention(title: string, mentions: Mention[]): Promise<Mention | undefined> {
  if (mentions.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No mentions found.'));
    return undefined;
  }
  const items: Array<vscode.QuickPickItem & { mention: Mention }> = [];
  for (const m of mentions) {
    let context = '';
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === m.uri.toString());
    if (open && m.range.start.line < open.lineCount) {
      const line = open.lineAt(m.range.start.line).text;
      context = line.slice(Math.max(0, m.range.start.character - 12), m.range.end.character + 24).trim();
    }
    items.push({
      label: `${vscode.workspace.asRelativePath(m.uri)}:${m.range.start.line + 1}`,
      description: m.text,
      detail: context || undefined,
      mention: m,
    });
  }
  const picked = await vscode.window.showQuickPick(items, {
    title,
    placeHolder: vscode.l10n.t('{0} mentions — pick one to jump to it', mentions.length),
    matchOnDescription: true,
    matchOnDetail: true,
    onDidSelectItem: (item) => {
      if (typeof item !== 'string') void reveal((item as unknown as { mention: Mention }).mention);
    },
  });
  if (picked) await reveal(picked.mention);
  return picked?.mention;
}
