// Find All References (Shift+F12, peek) on an entity: every mention of the
// same entity key in the open policy texts (from their models) and in the
// workspace's indexed files (positions from the index's summaries). Reads
// the analysis cache and the index; never analyses.
import * as vscode from 'vscode';
import { entityKey } from '../core/types';
import { mentionsOf, type CommandContext } from './commands';

/** References of the entity under the cursor. */
export class EntityReferenceProvider implements vscode.ReferenceProvider {
  constructor(private readonly ctx: Pick<CommandContext, 'analysis' | 'index'>) {}

  provideReferences(document: vscode.TextDocument, position: vscode.Position): vscode.Location[] | undefined {
    const entity = this.ctx.analysis.model(document)?.entityAt(position.line, position.character);
    if (!entity) return undefined;
    return mentionsOf(this.ctx, document.uri, entityKey(entity)).map((m) => new vscode.Location(m.uri, m.range));
  }
}

/** Registers the reference provider (any document; it answers for tracked ones). */
export function registerReferences(ctx: Pick<CommandContext, 'analysis' | 'index'>): vscode.Disposable {
  return vscode.languages.registerReferenceProvider({ pattern: '**' }, new EntityReferenceProvider(ctx));
}
