// Semantic tokens from the analysed entities: one token type per entity
// type (policyLensDepartment, …, policyLensTerm), mapped in package.json to
// the TextMate scopes themes colour (terms and titles as strings, dates and
// quantities as numbers). They replace the TextMate grammar Policy Lens
// shipped before, so that Toggle Highlighting (policyLens.highlight.enabled)
// switches these colours off too: the provider then returns no tokens and
// tells the editor. Rejected entities are left out (the model drops them),
// and so are types switched off in policyLens.highlight.<type>.
import * as vscode from 'vscode';
import { ENTITY_TYPES, type EntityType } from '../core/types';
import type { AnalysisService } from './analysisService';
import { readHighlightSettings, type HighlightSettings } from './configuration';

/** The token type of an entity type, as contributed in package.json (semanticTokenTypes). */
export function tokenType(type: EntityType): string {
  return `policyLens${type[0].toUpperCase()}${type.slice(1)}`;
}

export const LEGEND = new vscode.SemanticTokensLegend(ENTITY_TYPES.map(tokenType), []);

/** Coalesces analysis batches into one request for new tokens (ms). */
const CHANGE_DELAY_MS = 100;

/** Semantic tokens of the analysed policy texts. */
export class EntitySemanticTokens implements vscode.DocumentSemanticTokensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeSemanticTokens = this.changed.event;
  private settings: HighlightSettings = readHighlightSettings();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly analysis: AnalysisService) {
    this.disposables.push(
      this.changed,
      analysis.onDidChange(() => this.schedule()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration('policyLens.highlight')) return;
        this.settings = readHighlightSettings();
        this.changed.fire();
      }),
      vscode.languages.registerDocumentSemanticTokensProvider({ pattern: '**' }, this, LEGEND),
    );
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.changed.fire();
    }, CHANGE_DELAY_MS);
  }

  provideDocumentSemanticTokens(document: vscode.TextDocument): vscode.SemanticTokens {
    const builder = new vscode.SemanticTokensBuilder(LEGEND);
    const model = this.analysis.model(document);
    // re-read: Toggle Highlighting writes the setting and asks for tokens right away
    this.settings = readHighlightSettings();
    if (!model || !this.settings.enabled) return builder.build();
    let line = -1;
    let list: Array<{ start: number; end: number; type: number }> = [];
    const flush = () => {
      list.sort((a, b) => a.start - b.start);
      let last = 0;
      for (const t of list) {
        if (t.start < last) continue; // tokens never overlap
        builder.push(line, t.start, t.end - t.start, t.type, 0);
        last = t.end;
      }
      list = [];
    };
    for (const { line: l, entity } of model.entities()) {
      if (!this.settings.types[entity.type]) continue;
      if (l !== line) {
        if (list.length) flush();
        line = l;
      }
      list.push({ start: entity.start, end: entity.end, type: ENTITY_TYPES.indexOf(entity.type) });
    }
    if (list.length) flush();
    return builder.build();
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}
