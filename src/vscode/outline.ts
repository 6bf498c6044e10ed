// Outline, breadcrumbs, sticky scroll and folding of a 公文's structure
// (title, 附件, 第X章/节/条, 一、（一）1.（1）) from core/text/structure.
// Answers only for the documents the analysis tracks (policyLens.languages).
// The parse runs in the engine's worker, once per document version.
import * as vscode from 'vscode';
import type { AnalysisService } from './analysisService';
import type { EngineClient } from '../core/engine/client';
import { foldingSpans, type Heading, type HeadingKind } from '../core/text/structure';

const SYMBOL_KIND: Record<HeadingKind, vscode.SymbolKind> = {
  title: vscode.SymbolKind.File,
  attachment: vscode.SymbolKind.Module,
  chapter: vscode.SymbolKind.Namespace,
  section: vscode.SymbolKind.Package,
  article: vscode.SymbolKind.Field,
  level1: vscode.SymbolKind.Class,
  level2: vscode.SymbolKind.Method,
  level3: vscode.SymbolKind.Property,
  level4: vscode.SymbolKind.EnumMember,
};

/** The structure of a document, parsed once per version in the engine's worker (never on the host's thread). */
export class DocumentStructure {
  private readonly cache = new Map<string, { version: number; tree: Promise<Heading[] | undefined> }>();

  constructor(
    private readonly analysis: AnalysisService,
    private readonly engine: Pick<EngineClient, 'structure'>,
  ) {}

  /** Headings of the document, or undefined when it is not a policy text (or Markdown with its own # headings). */
  of(document: vscode.TextDocument): Promise<Heading[] | undefined> {
    if (!this.analysis.accepts(document)) return Promise.resolve(undefined);
    const key = document.uri.toString();
    const hit = this.cache.get(key);
    if (hit && hit.version === document.version) return hit.tree;
    const tree = this.engine.structure(document.getText(), document.languageId === 'markdown').catch(() => undefined);
    this.cache.set(key, { version: document.version, tree });
    return tree;
  }

  forget(document: vscode.TextDocument): void {
    this.cache.delete(document.uri.toString());
  }
}

function symbol(document: vscode.TextDocument, h: Heading): vscode.DocumentSymbol {
  const end = document.lineAt(Math.min(h.endLine, document.lineCount - 1)).range.end;
  const range = new vscode.Range(h.line, h.start, end.line, end.character);
  const selection = new vscode.Range(h.line, h.start, h.line, h.end);
  const s = new vscode.DocumentSymbol(h.name || '…', '', SYMBOL_KIND[h.kind], range, selection);
  s.children = h.children.map((c) => symbol(document, c));
  return s;
}

/** Hierarchical symbols (outline, breadcrumbs, sticky scroll) and folding ranges of the structure. */
export class StructureProvider implements vscode.DocumentSymbolProvider, vscode.FoldingRangeProvider {
  constructor(private readonly structure: DocumentStructure) {}

  async provideDocumentSymbols(document: vscode.TextDocument): Promise<vscode.DocumentSymbol[] | undefined> {
    return (await this.structure.of(document))?.map((h) => symbol(document, h));
  }

  async provideFoldingRanges(document: vscode.TextDocument): Promise<vscode.FoldingRange[] | undefined> {
    const tree = await this.structure.of(document);
    const spans = tree ? foldingSpans(tree) : [];
    // none: VS Code's indentation folding stays
    return spans.length > 0 ? spans.map((s) => new vscode.FoldingRange(s.start, s.end, vscode.FoldingRangeKind.Region)) : undefined;
  }
}

/** Registers the outline and folding providers; returns their disposables. */
export function registerOutline(analysis: AnalysisService, engine: Pick<EngineClient, 'structure'>): vscode.Disposable[] {
  const structure = new DocumentStructure(analysis, engine);
  const provider = new StructureProvider(structure);
  // Any document: the provider answers only for documents the analysis tracks, as the hover does.
  const selector: vscode.DocumentSelector = { pattern: '**' };
  return [
    vscode.languages.registerDocumentSymbolProvider(selector, provider, { label: 'Policy Lens' }),
    vscode.languages.registerFoldingRangeProvider(selector, provider),
    vscode.workspace.onDidCloseTextDocument((d) => structure.forget(d)),
  ];
}
