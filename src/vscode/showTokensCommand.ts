// Policy Lens: Show Tokens — segments the active document in the engine
// worker and opens the tokens (word, tag, line:column) beside it.
import * as vscode from 'vscode';
import type { EngineClient } from '../core/engine/client';
import type { Token } from '../core/types';

/** What the command returns (used by tests and other commands). */
export interface ShowTokensResult {
  uri: string;
  tokens: Token[];
  document: vscode.TextDocument;
}

/** Registers `policyLens.showTokens`. */
export function registerShowTokensCommand(engine: EngineClient): vscode.Disposable {
  return vscode.commands.registerCommand('policyLens.showTokens', async (): Promise<ShowTokensResult | undefined> => {
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a text document to show its tokens.'));
      return undefined;
    }
    const source = editor.document;
    const text = source.getText();
    const tokens = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Policy Lens: segmenting…') },
      () => engine.tokenize(text),
    );
    const lines = tokens
      .filter((t) => t.word.trim().length > 0)
      .map((t) => {
        const pos = source.positionAt(t.start);
        return `${pos.line + 1}:${pos.character + 1}\t${t.word}\t${t.tag}`;
      });
    const header = vscode.l10n.t(
      '# Tokens of {0}: {1} tokens (line:column, word, part of speech)',
      vscode.workspace.asRelativePath(source.uri),
      lines.length,
    );
    const document = await vscode.workspace.openTextDocument({ content: `${header}\n${lines.join('\n')}\n`, language: 'plaintext' });
    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: true });
    return { uri: source.uri.toString(), tokens, document };
  });
}
