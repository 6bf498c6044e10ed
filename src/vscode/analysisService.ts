// Keeps a DocumentModel for every open policy text and fills it from the
// engine worker: on open, in batches (visible lines first); on edit, only
// the lines the edit touched, after a short debounce. Results are cached by
// line text and document context, so undo, paste-back and reopen cost
// nothing. Once a document is fully analysed its context (its place, its
// people: see core/recognise/context.ts) is asked for; when it differs from
// the one its lines were analysed with, every line is analysed again with it
// (cheap: the worker caches sentences), so that 市财政局 reads as the CLI
// reads it. Actions (for the Departments tree) follow.
import * as vscode from 'vscode';
import { DocumentModel } from '../core/engine/documentModel';
import type { EngineClient } from '../core/engine/client';
import { firstSkippedLine } from '../core/engine/lineBudget';
import { NO_TOKENIZER, type DocumentContext } from '../core/engine/protocol';
import type { Action, Entity } from '../core/types';
import { readHighlightSettings, readLanguages } from './configuration';

/** Lines sent to the worker in one request (bounded by characters too). */
const BATCH_LINES = 400;
const BATCH_CHARS = 16 * 1024;
/** Pause after the last edit before the document's context is computed again (ms). */
const CONTEXT_DELAY_MS = 300;
/** Cached line analyses kept across documents, and the longest line cached here. */
const LINE_CACHE = 100000;
const LINE_CACHE_MAX_CHARS = 1000;
/** Distinct document contexts given a cache key before the keys start again. */
const CONTEXTS_KEPT = 1000;

interface Tracked {
  document: vscode.TextDocument;
  model: DocumentModel;
  timer?: ReturnType<typeof setTimeout>;
  running: boolean;
  actions: Action[];
  actionsVersion: number;
  actionsTimer?: ReturnType<typeof setTimeout>;
  /** The document context its lines are analysed with, and its key in the line cache. */
  context?: DocumentContext;
  contextKey: string;
  /** The model version the context was last computed for. */
  contextVersion: number;
  contextTimer?: ReturnType<typeof setTimeout>;
  /** Milliseconds of the last incremental update (edit → entities stored). */
  lastUpdateMs?: number;
  /** Set when the engine failed on this document; cleared by the next edit. */
  failed?: string;
  /** The first line the editor's budget skips (lineBudget.ts), for the model version it was found in. */
  skipped?: { version: number; line?: SkippedLine };
}

/** A line the editor's budget skips: its number, length and why. */
export type SkippedLine = NonNullable<ReturnType<typeof firstSkippedLine>>;

/** Longest synchronous slices of work on the host's thread, by step (ms): what could stall the editor. */
export const hostSlices = new Map<string, number>();

/** Records the duration of a synchronous step since `started`. */
export function recordSlice(step: string, started: number): void {
  const ms = performance.now() - started;
  if (ms > (hostSlices.get(step) ?? 0)) hostSlices.set(step, ms);
}

/** Analysis state of the open documents. */
export class AnalysisService implements vscode.Disposable {
  private readonly docs = new Map<string, Tracked>();
  private readonly lineCache = new Map<string, Entity[]>();
  private readonly contextIds = new Map<string, number>();
  private nextContextId = 1;
  private readonly changed = new vscode.EventEmitter<vscode.TextDocument>();
  private readonly actionsChanged = new vscode.EventEmitter<vscode.TextDocument>();
  private readonly disposables: vscode.Disposable[] = [];
  private languages = readLanguages();
  private debounceMs = readHighlightSettings().debounceMs;

  /** Fires when entities of a document changed (some lines analysed or edited). */
  readonly onDidChange = this.changed.event;
  /** Fires when a document's actions were recomputed. */
  readonly onDidChangeActions = this.actionsChanged.event;

  /** True once the message that no tokenizer loads here was shown. */
  private toldNoTokenizer = false;

  constructor(private readonly engine: EngineClient) {
    this.disposables.push(
      this.changed,
      this.actionsChanged,
      vscode.workspace.onDidOpenTextDocument((d) => this.track(d)),
      vscode.workspace.onDidCloseTextDocument((d) => this.untrack(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.onEdit(e)),
      vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((e) => this.track(e.document))),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('policyLens.languages')) {
          this.languages = readLanguages();
          vscode.workspace.textDocuments.forEach((d) => (this.accepts(d) ? this.track(d) : this.untrack(d)));
        }
        if (e.affectsConfiguration('policyLens.analysis')) this.debounceMs = readHighlightSettings().debounceMs;
      }),
    );
    // Documents already open are taken up right after activation, not during it.
    const initial = setTimeout(() => vscode.workspace.textDocuments.forEach((d) => this.track(d)), 0);
    this.disposables.push({ dispose: () => clearTimeout(initial) });
  }

  /** Whether a document is one Policy Lens analyses. */
  accepts(document: vscode.TextDocument): boolean {
    return this.languages.includes(document.languageId) && document.uri.scheme !== 'output' && document.uri.scheme !== 'policy-lens';
  }

  /**
   * Which automatic entities of a document a researcher rejected (set from
   * the tag store): a test per line-relative entity, undefined when none.
   * The model leaves them out of counts, hovers, views and references.
   */
  rejectedIn: (document: vscode.TextDocument) => ((line: number, entity: Entity) => boolean) | undefined = () => undefined;

  /** Applies the document's current rejections to its model and tells the views. */
  refreshRejections(uri: vscode.Uri): void {
    const t = this.docs.get(uri.toString());
    if (!t) return;
    t.model.setExclusion(this.rejectedIn(t.document));
    this.changed.fire(t.document);
  }

  /** The model of a document, if tracked. */
  model(document: vscode.TextDocument | vscode.Uri): DocumentModel | undefined {
    const uri = document instanceof vscode.Uri ? document : document.uri;
    return this.docs.get(uri.toString())?.model;
  }

  /** The first line of the document too long for the editor to analyse (it has no highlights), or undefined. */
  skippedLine(document: vscode.TextDocument): SkippedLine | undefined {
    const t = this.docs.get(document.uri.toString());
    if (!t) return undefined;
    if (t.skipped?.version !== t.model.version) {
      const model = t.model;
      const lines = function* () {
        for (let i = 0; i < model.lineCount; i++) yield model.lineText(i);
      };
      t.skipped = { version: model.version, line: firstSkippedLine(lines()) };
    }
    return t.skipped.line;
  }

  /** The tracked documents. */
  documents(): vscode.TextDocument[] {
    return [...this.docs.values()].map((t) => t.document);
  }

  /** Actions of a document (empty until its analysis completes). */
  actions(document: vscode.TextDocument): readonly Action[] {
    return this.docs.get(document.uri.toString())?.actions ?? [];
  }

  /** Duration of the last incremental update of a document (after the debounce: changed lines analysed and stored), in ms. */
  lastUpdateMs(document: vscode.TextDocument): number | undefined {
    return this.docs.get(document.uri.toString())?.lastUpdateMs;
  }

  /** Starts tracking a document (if accepted) and resolves when it is fully analysed. */
  async whenAnalysed(document: vscode.TextDocument): Promise<DocumentModel | undefined> {
    this.track(document);
    const t = this.docs.get(document.uri.toString());
    if (!t) return undefined;
    while (!t.model.complete || t.running || t.timer || t.contextTimer || t.contextVersion !== t.model.version) {
      if (t.failed && !t.running && !t.timer) return undefined; // the engine cannot analyse it: do not wait forever
      await new Promise((r) => setTimeout(r, 20));
      if (!this.docs.has(document.uri.toString())) return undefined;
    }
    return t.model;
  }

  /** Resolves when the actions of the document's current version are computed. */
  async whenActions(document: vscode.TextDocument): Promise<readonly Action[]> {
    const model = await this.whenAnalysed(document);
    const t = this.docs.get(document.uri.toString());
    if (!model || !t) return [];
    if (t.actionsVersion !== model.version) await this.computeActions(t);
    return t.actions;
  }

  private track(document: vscode.TextDocument): void {
    if (!this.accepts(document)) return;
    const key = document.uri.toString();
    if (this.docs.has(key)) return;
    const started = performance.now();
    const t: Tracked = { document, model: new DocumentModel(document.getText()), running: false, actions: [], actionsVersion: -1, contextKey: '', contextVersion: -1 };
    this.docs.set(key, t);
    t.model.setExclusion(this.rejectedIn(document));
    this.fillFromCache(t);
    recordSlice('open', started);
    void this.run(t);
  }

  private untrack(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    const t = this.docs.get(key);
    if (!t) return;
    if (t.timer) clearTimeout(t.timer);
    if (t.actionsTimer) clearTimeout(t.actionsTimer);
    if (t.contextTimer) clearTimeout(t.contextTimer);
    this.docs.delete(key);
    this.changed.fire(document);
  }

  private onEdit(e: vscode.TextDocumentChangeEvent): void {
    const t = this.docs.get(e.document.uri.toString());
    if (!t || e.contentChanges.length === 0) return;
    const started = performance.now();
    t.document = e.document;
    t.failed = undefined;
    // Actions cover the whole text: computed once typing pauses, never between keystrokes.
    if (t.actionsTimer) clearTimeout(t.actionsTimer);
    t.actionsTimer = undefined;
    for (const c of e.contentChanges) {
      t.model.applyChange({
        startLine: c.range.start.line,
        startCharacter: c.range.start.character,
        endLine: c.range.end.line,
        endCharacter: c.range.end.character,
        text: c.text,
      });
    }
    const filled = this.fillFromCache(t);
    if (t.model.complete) {
      t.lastUpdateMs = performance.now() - started;
      this.changed.fire(t.document);
      this.scheduleContext(t);
      return;
    }
    if (filled) this.changed.fire(t.document);
    if (t.timer) clearTimeout(t.timer);
    t.timer = setTimeout(() => {
      t.timer = undefined;
      void this.run(t, performance.now());
    }, this.debounceMs);
  }

  /** Fills pending lines whose text was analysed before; returns how many. */
  private fillFromCache(t: Tracked): number {
    let n = 0;
    for (const i of t.model.pendingLines()) {
      const text = t.model.lineText(i);
      const hit = text.trim() === '' ? [] : this.lineCache.get(t.contextKey + '\n' + text);
      if (hit && t.model.setLineEntities(i, text, hit)) n++;
    }
    return n;
  }

  /** Analyses pending lines in batches, visible ones first, until none is left. */
  private async run(t: Tracked, editStarted?: number): Promise<void> {
    if (t.running) return;
    t.running = true;
    try {
      for (;;) {
        if (!this.docs.has(t.document.uri.toString())) return;
        let sliceStart = performance.now();
        const batch = this.nextBatch(t);
        if (batch.length === 0) break;
        const texts = batch.map((i) => t.model.lineText(i));
        const { context, contextKey } = t;
        const generation = t.model.contextGeneration;
        recordSlice('batch', sliceStart);
        let results: Entity[][];
        try {
          results = await this.engine.annotateLines(texts, context);
        } catch (err) {
          t.failed = err instanceof Error ? err.message : String(err);
          if (t.failed.includes(NO_TOKENIZER)) {
            // the platform, not the document: said once per session, not per document
            if (!this.toldNoTokenizer) void vscode.window.showErrorMessage(vscode.l10n.t('Policy Lens cannot analyse documents here: {0}', t.failed));
            this.toldNoTokenizer = true;
            return;
          }
          void vscode.window.showErrorMessage(vscode.l10n.t('Policy Lens could not analyse {0}: {1}', vscode.workspace.asRelativePath(t.document.uri), err instanceof Error ? err.message : String(err)));
          return;
        }
        sliceStart = performance.now();
        let moved = false;
        texts.forEach((text, k) => {
          this.remember(contextKey, text, results[k]);
          // The line may have moved or changed meanwhile: then store by text wherever it is now (below).
          if (!t.model.setLineEntities(batch[k], text, results[k], generation)) moved = true;
        });
        if (moved) this.fillFromCache(t);
        if (editStarted !== undefined && t.model.complete) {
          t.lastUpdateMs = performance.now() - editStarted;
          editStarted = undefined;
        }
        recordSlice('store', sliceStart);
        sliceStart = performance.now();
        this.changed.fire(t.document);
        recordSlice('listeners', sliceStart);
      }
    } finally {
      t.running = false;
    }
    // The context of this text is known (the lines were analysed again with it): on to the actions.
    if (t.contextVersion === t.model.version) this.scheduleActions(t);
    else this.scheduleContext(t, t.contextVersion < 0 ? 0 : CONTEXT_DELAY_MS);
  }

  /** Asks for the document's context once typing pauses (at once the first time). */
  private scheduleContext(t: Tracked, delay = CONTEXT_DELAY_MS): void {
    if (t.contextTimer) clearTimeout(t.contextTimer);
    t.contextTimer = setTimeout(() => void this.refreshContext(t), delay);
  }

  /**
   * Computes the document's context; when it changed, every line is analysed
   * again with the new one (lines already analysed with it come from the
   * cache), else the actions follow.
   */
  private async refreshContext(t: Tracked): Promise<void> {
    const version = t.model.version;
    if (!t.model.complete || t.running) {
      t.contextTimer = undefined;
      return; // run() schedules it again when done
    }
    let context: DocumentContext;
    try {
      context = await this.engine.context(t.document.getText());
    } catch {
      t.contextTimer = undefined;
      t.contextVersion = version; // keep the names as they are; the engine reports its failures through analysis
      return;
    }
    t.contextTimer = undefined;
    if (!this.docs.has(t.document.uri.toString())) return;
    if (t.model.version !== version) {
      this.scheduleContext(t); // edited meanwhile
      return;
    }
    const key = this.contextKeyOf(context);
    if (key !== t.contextKey) {
      t.context = context;
      t.contextKey = key;
      t.model.nextContextGeneration();
      t.contextVersion = t.model.version;
      if (this.fillFromCache(t)) this.changed.fire(t.document);
      if (!t.model.complete) {
        void this.run(t);
        return;
      }
    }
    t.contextVersion = t.model.version;
    this.scheduleActions(t);
  }

  private nextBatch(t: Tracked): number[] {
    const pending = t.model.pendingLines();
    if (pending.length === 0) return [];
    // Visible lines of this document's editors first.
    const visible: number[] = [];
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document !== t.document) continue;
      for (const r of editor.visibleRanges) for (const i of t.model.pendingLines(r.start.line, r.end.line + 1)) visible.push(i);
    }
    const order = visible.length ? [...new Set([...visible, ...pending])] : pending;
    const batch: number[] = [];
    let chars = 0;
    for (const i of order) {
      const len = t.model.lineText(i).length;
      if (batch.length > 0 && (batch.length >= BATCH_LINES || chars + len > BATCH_CHARS)) break;
      batch.push(i);
      chars += len;
    }
    return batch;
  }

  /** A short key for a context (its JSON can be long: the document's people), the same for equal contexts. */
  private contextKeyOf(context: DocumentContext): string {
    const json = JSON.stringify(context);
    let id = this.contextIds.get(json);
    if (id === undefined) {
      if (this.contextIds.size >= CONTEXTS_KEPT) this.contextIds.clear(); // old keys then miss the cache, nothing worse
      id = this.nextContextId++;
      this.contextIds.set(json, id);
    }
    return String(id);
  }

  /** Caches a line's entities under its context key and text. */
  private remember(contextKey: string, text: string, entities: Entity[]): void {
    // Long lines are cached per sentence in the worker; keeping whole paragraphs here would grow without bound.
    if (text.length > LINE_CACHE_MAX_CHARS) return;
    const key = contextKey + '\n' + text;
    if (this.lineCache.size >= LINE_CACHE) this.lineCache.delete(this.lineCache.keys().next().value as string);
    this.lineCache.set(key, entities);
  }

  /** Whether actions of a document are wanted now (set by the Departments view: visible and showing it). */
  wantActions: (document: vscode.TextDocument) => boolean = () => true;

  private scheduleActions(t: Tracked): void {
    if (t.actionsTimer) clearTimeout(t.actionsTimer);
    if (!this.wantActions(t.document)) return; // computed on demand by whenActions()
    t.actionsTimer = setTimeout(() => {
      t.actionsTimer = undefined;
      void this.computeActions(t);
    }, 400);
  }

  private async computeActions(t: Tracked): Promise<void> {
    const version = t.model.version;
    if (!t.model.complete) return;
    try {
      const actions = await this.engine.actionsWithinBudget(t.document.getText());
      if (t.model.version !== version) return; // edited meanwhile: a newer computation follows
      const started = performance.now();
      t.actions = actions;
      t.actionsVersion = version;
      this.actionsChanged.fire(t.document);
      recordSlice('actions', started);
    } catch {
      /* the engine reports its own failures through analysis */
    }
  }

  dispose(): void {
    for (const t of this.docs.values()) {
      if (t.timer) clearTimeout(t.timer);
      if (t.actionsTimer) clearTimeout(t.actionsTimer);
      if (t.contextTimer) clearTimeout(t.contextTimer);
    }
    this.docs.clear();
    for (const d of this.disposables) d.dispose();
  }
}
