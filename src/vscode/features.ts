// Every editor feature, built on an engine client and registered: the same
// for the desktop build (src/extension.ts: the engine in a node worker with
// nodejieba or jieba-wasm) and the web build (src/web/extension.ts: the
// engine in a web Worker, or on the web extension host's thread, with
// jieba-wasm). Nothing heavy runs here: the engine loads on first use, and
// the workspace index starts after activation. Every Disposable goes into
// context.subscriptions.
import * as vscode from 'vscode';
import type { EngineClient } from '../core/engine/client';
import { AnalysisService, hostSlices } from './analysisService';
import { Codebooks } from './codebookDiagnostics';
import { registerCommands } from './commands';
import { registerCuration, type Curation } from './curation';
import { readIndexSettings } from './configuration';
import { Decorations } from './decorations';
import { DepartmentsView } from './departmentsView';
import { EntitiesView } from './entitiesView';
import { registerExchangeCommands } from './exchangeCommands';
import { EntityHoverProvider } from './hover';
import { registerDefinitions } from './definitions';
import { registerDiagnostics } from './diagnostics';
import { registerCodeActions } from './codeActions';
import { registerOutline } from './outline';
import { registerReferences } from './references';
import { Annotator, Review } from './review';
import { registerShowTokensCommand } from './showTokensCommand';
import { EntitySemanticTokens } from './semanticTokens';
import { StatusBar } from './statusBar';
import { registerTagCommands, type PickerHook } from './tagCommands';
import { TagDecorations } from './tagDecorations';
import { TagStore } from './tagStore';
import { TagsView } from './tagsView';
import { registerRelations, type RelationsView } from './relations';
import { ViewState } from './viewState';
import { WorkspaceIndex } from './workspaceIndex';

/** What activate() returns (desktop and web builds): a small API for integration tests and other extensions. */
export interface PolicyLensApi {
  engine: EngineClient;
  analysis: AnalysisService;
  decorations: Decorations;
  departments: DepartmentsView;
  entities: EntitiesView;
  index: WorkspaceIndex;
  state: ViewState;
  statusBar: StatusBar;
  tags: TagStore;
  tagDecorations: TagDecorations;
  tagsView: TagsView;
  relationsView: RelationsView;
  /** The Curation view and its session. */
  curation: Curation;
  /** The workspace's codebooks and the diagnostics of tags against them. */
  codebooks: Codebooks;
  /** Who is annotating. */
  annotator: Annotator;
  /** Review status and the queue. */
  review: Review;
  /** What the label picker showed last. */
  picker: PickerHook;
  /** Longest synchronous slices of Policy Lens work on the host's thread, by step (ms). */
  hostSlices: ReadonlyMap<string, number>;
  /** Semantic tokens of the analysed entities (off with Toggle Highlighting). */
  semanticTokens: EntitySemanticTokens;
  /** Milliseconds activate() took. */
  activationMs: number;
}

/** Builds and registers every feature on `engine`; `started` is when activation began (for activationMs). */
export function registerFeatures(context: vscode.ExtensionContext, engine: EngineClient, started = performance.now()): PolicyLensApi {
  const analysis = new AnalysisService(engine);
  const decorations = new Decorations(analysis);
  const index = new WorkspaceIndex(engine);
  const state = new ViewState();
  const departments = new DepartmentsView(analysis, index, state);
  const entities = new EntitiesView(analysis, index, state);
  const semanticTokens = new EntitySemanticTokens(analysis);
  const statusBar = new StatusBar(analysis, decorations, () => engine.tokenizerInfo());
  const tags = new TagStore((d) => analysis.accepts(d));
  const codebooks = new Codebooks(tags);
  const annotator = new Annotator();
  const picker: PickerHook = {};
  const tagDecorations = new TagDecorations(tags, { labels: () => codebooks.labels(), onDidChange: codebooks.onDidChange });
  const tagsView = new TagsView(tags, annotator);
  const review = new Review(tags, annotator);
  const relations = registerRelations(tags, analysis, codebooks);
  const curation = registerCuration(tags, annotator);
  /** The rejections each document's highlights were last drawn with. */
  const rejectionsShown = new Map<string, readonly unknown[]>();
  analysis.rejectedIn = (document) => {
    if (tags.rejected(document.uri).length === 0) return undefined;
    return (line, entity) => {
      const base = document.offsetAt(new vscode.Position(line, 0));
      return tags.isRejected(document.uri, entity.type, base + entity.start, base + entity.end);
    };
  };
  const disposables: vscode.Disposable[] = [
    analysis,
    decorations,
    semanticTokens,
    index,
    state,
    departments,
    entities,
    statusBar,
    tags,
    codebooks,
    tagDecorations,
    tagsView,
    review,
    // Entities depend on tags only through rejections: recount and redraw when a document's rejections change.
    tags.onDidChange((uri) => {
      const key = uri.toString();
      const now = tags.rejected(uri);
      const before = rejectionsShown.get(key) ?? [];
      if (now === before || (now.length === 0 && before.length === 0)) return;
      rejectionsShown.set(key, now);
      analysis.refreshRejections(uri);
      decorations.refreshUri(uri);
    }),
    ...registerTagCommands(context, tags, analysis, { codebooks, annotator, picker }),
    ...relations.disposables,
    ...curation.disposables,
    ...registerExchangeCommands(engine, analysis, tags),
    registerShowTokensCommand(engine),
    ...registerCommands({ analysis, decorations, index, state, tags }),
    // Any document: the provider answers only for documents the analysis tracks (policyLens.languages).
    vscode.languages.registerHoverProvider({ pattern: '**' }, new EntityHoverProvider(analysis, () => index)),
    ...registerOutline(analysis, engine),
    registerReferences({ analysis, index }),
    ...registerDefinitions(analysis),
    ...registerDiagnostics(analysis, engine).disposables,
    ...registerCodeActions(tags, codebooks),
  ];
  for (const d of disposables) context.subscriptions.push(d);
  // Menus and keybindings follow policyLens.languages through this context key.
  const publishActive = () => void vscode.commands.executeCommand('setContext', 'policyLens.active', !!vscode.window.activeTextEditor && analysis.accepts(vscode.window.activeTextEditor.document));
  publishActive();
  context.subscriptions.push(
    vscode.window.onDidChangeActiveTextEditor(publishActive),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('policyLens.languages') && publishActive()),
  );
  // The index reads every policy text in the workspace: start it once the host is idle.
  if (readIndexSettings().enabled && vscode.workspace.workspaceFolders?.length) {
    const timer = setTimeout(() => void index.rebuild(), 1500);
    context.subscriptions.push({ dispose: () => clearTimeout(timer) });
  }
  return { engine, analysis, decorations, departments, entities, index, state, statusBar, tags, tagDecorations, tagsView, codebooks, annotator, review, picker, hostSlices, semanticTokens, relationsView: relations.view, curation: curation.curation, activationMs: performance.now() - started };
}

