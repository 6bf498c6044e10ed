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
