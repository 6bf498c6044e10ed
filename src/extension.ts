// Activation: build the services, register the features, push every
// Disposable. Nothing heavy runs here: nodejieba loads in the engine worker
// on first use, and the workspace index starts after activation.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EngineClient } from './core/engine/client';
import { AnalysisService, hostSlices } from './vscode/analysisService';
import { Codebooks } from './vscode/codebookDiagnostics';
import { registerCommands } from './vscode/commands';
import { registerCuration, type Curation } from './vscode/curation';
import { readEngineOptions, readIndexSettings } from './vscode/configuration';
import { Decorations } from './vscode/decorations';
import { DepartmentsView } from './vscode/departmentsView';
import { EntitiesView } from './vscode/entitiesView';
import { registerExchangeCommands } from './vscode/exchangeCommands';
import { EntityHoverProvider } from './vscode/hover';
import { registerDefinitions } from './vscode/definitions';
import { registerDiagnostics } from './vscode/diagnostics';
import { registerCodeActions } from './vscode/codeActions';
import { registerOutline } from './vscode/outline';
import { registerReferences } from './vscode/references';
import { Annotator, Review } from './vscode/review';
import { registerShowTokensCommand } from './vscode/showTokensCommand';
import { EntitySemanticTokens } from './vscode/semanticTokens';
import { StatusBar } from './vscode/statusBar';
import { registerTagCommands, type PickerHook } from './vscode/tagCommands';
import { TagDecorations } from './vscode/tagDecorations';
import { TagStore } from './vscode/tagStore';
import { TagsView } from './vscode/tagsView';
import { registerRelations, type RelationsView } from './vscode/relations';
import { ViewState } from './vscode/viewState';
import { WorkspaceIndex } from './vscode/workspaceIndex';

/** What activate() returns: a small API for integration tests and other extensions. */
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

/** The tag store of the running extension, flushed by deactivate(). */
let tagStore: TagStore | undefined;

export function activate(context: vscode.ExtensionContext): PolicyLensApi {
  const started = performance.now();
  const engine = new EngineClient(path.join(context.extensionPath, 'dist', 'worker.js'), readEngineOptions());
  context.subscriptions.push({ dispose: () => engine.dispose() });
  const analysis = new AnalysisService(engine);
  const decorations = new Decorations(analysis);
  const index = new WorkspaceIndex(engine);
  const state = new ViewState();
  const departments = new DepartmentsView(analysis, index, state);
  const entities = new EntitiesView(analysis, index, state);
  const semanticTokens = new EntitySemanticTokens(analysis);
  const statusBar = new StatusBar(analysis, decorations, () => engine.tokenizerInfo());
  const tags = new TagStore((d) => analysis.accepts(d));
  tagStore = tags;
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

/** VS Code awaits this before it disposes context.subscriptions: pending sidecars are written first. */
export async function deactivate(): Promise<void> {
  await tagStore?.flush();
  tagStore = undefined;
}
