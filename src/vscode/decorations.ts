// Highlights entities in the visible editors, one decoration type per entity
// type, coloured by theme colours contributed in package.json. Documents
// with more entities than the budget are decorated around the visible
// ranges only (and again on scroll); the status bar says so.
import * as vscode from 'vscode';
import type { DocumentModel } from '../core/documentModel';
import { ENTITY_TYPES, type EntityType } from '../core/types';
import { recordSlice, type AnalysisService } from './analysisService';
import { readHighlightSettings, type HighlightSettings } from './configuration';

/** Lines decorated beyond the visible ones when only the visible part is decorated. */
const MARGIN_LINES = 150;
/** Documents with more lines or entities than this are decorated around the visible part only (cheap to send, redone on scroll). */
const WINDOW_LINES = 500;
const WINDOW_ENTITIES = 1000;
/** While a document is still being analysed, decorate it at most this often (ms). */
const THROTTLE_MS = 100;

/** What was last applied to an editor (used by the status bar and tests). */
export interface AppliedDecorations {
  ranges: Record<EntityType, vscode.Range[]>;
  /** Entities in the document. */
  total: number;
  /** Decorations applied (≤ total; less when the budget applies or types are off). */
  shown: number;
  /** True when only the visible part is decorated because of the budget. */
  limited: boolean;
}

function decorationType(type: EntityType): vscode.TextEditorDecorationType {
  const color = (part: string) => new vscode.ThemeColor(`policyLens.${type}${part}`);
  return vscode.window.createTextEditorDecorationType({
    backgroundColor: color('Background'),
    color: type === 'document' || type === 'term' ? undefined : color('Foreground'),
    borderRadius: '2px',
    overviewRulerColor: type === 'department' ? color('Foreground') : undefined,
    overviewRulerLane: vscode.OverviewRulerLane.Right,
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  });
}

/** Applies entity decorations to visible editors. */
export class Decorations implements vscode.Disposable {
  private readonly types = new Map<EntityType, vscode.TextEditorDecorationType>();
  private readonly applied = new WeakMap<vscode.TextEditor, AppliedDecorations>();
  private readonly disposables: vscode.Disposable[] = [];
  private settings: HighlightSettings = readHighlightSettings();
  private readonly changed = new vscode.EventEmitter<vscode.TextEditor>();
  /** Fires after decorations were applied to an editor. */
  readonly onDidApply = this.changed.event;

  /** Hides automatic entities a researcher rejected (set by the tag store). */
  isRejected: (document: vscode.TextDocument, line: number, start: number, end: number, type: EntityType) => boolean = () => false;

  constructor(private readonly analysis: AnalysisService) {
    for (const t of ENTITY_TYPES) this.types.set(t, decorationType(t));
    this.disposables.push(
      this.changed,
      analysis.onDidChange((doc) => this.refreshDocument(doc)),
      vscode.window.onDidChangeVisibleTextEditors(() => this.refreshAll()),
      vscode.window.onDidChangeTextEditorVisibleRanges((e) => {
        const model = this.analysis.model(e.textEditor.document);
        if (this.applied.get(e.textEditor)?.limited || (model && (model.lineCount > WINDOW_LINES || (this.applied.get(e.textEditor)?.total ?? 0) > WINDOW_ENTITIES))) this.apply(e.textEditor);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('policyLens.highlight')) {
          this.settings = readHighlightSettings();
          this.refreshAll();
        }
      }),
    );
    this.refreshAll();
  }

  /** Turns all highlighting on or off (the `policyLens.highlight.enabled` setting). */
  async toggle(): Promise<boolean> {
    const enabled = !this.settings.enabled;
    await vscode.workspace.getConfiguration('policyLens').update('highlight.enabled', enabled, vscode.ConfigurationTarget.Global);
    this.settings = { ...this.settings, enabled };
    this.refreshAll();
    return enabled;
  }

  /** Whether highlighting is on. */
  get enabled(): boolean {
    return this.settings.enabled;
  }

  /** The decorations last applied to an editor. */
  appliedTo(editor: vscode.TextEditor): AppliedDecorations | undefined {
    return this.applied.get(editor);
  }

  /** Redraws every visible editor (e.g. after a rejection). */
  refreshAll(): void {
    for (const editor of vscode.window.visibleTextEditors) this.apply(editor);
  }

  private readonly throttled = new WeakMap<vscode.TextDocument, { last: number; timer?: ReturnType<typeof setTimeout> }>();

  private refreshDocument(document: vscode.TextDocument): void {
    // While the first analysis streams in, batches arrive back to back: coalesce them.
    const state = this.throttled.get(document) ?? { last: 0 };
    this.throttled.set(document, state);
    const complete = this.analysis.model(document)?.complete ?? true;
    const wait = complete ? 0 : THROTTLE_MS - (performance.now() - state.last);
    if (state.timer) return;
    const run = () => {
      state.timer = undefined;
      state.last = performance.now();
      for (const editor of vscode.window.visibleTextEditors) if (editor.document === document) this.apply(editor);
    };
    if (wait <= 0) run();
    else state.timer = setTimeout(run, wait);
  }

  /** Computes and sets the decorations of one editor. */
  apply(editor: vscode.TextEditor): void {
    const started = performance.now();
    const model = this.analysis.model(editor.document);
    const ranges = Object.fromEntries(ENTITY_TYPES.map((t) => [t, [] as vscode.Range[]])) as Record<EntityType, vscode.Range[]>;
    let total = 0;
    let shown = 0;
    let limited = false;
    if (model && this.settings.enabled) {
      for (const n of model.countsByType().values()) total += n;
      const windowed = total > Math.min(WINDOW_ENTITIES, this.settings.maxDecorations) || model.lineCount > WINDOW_LINES;
      const spans = windowed ? this.visibleSpans(editor, model) : [[0, model.lineCount] as [number, number]];
      limited = total > this.settings.maxDecorations;
      for (const [from, to] of spans) {
        for (const { line, entity } of model.entities(from, to)) {
          if (!this.settings.types[entity.type]) continue;
          if (this.isRejected(editor.document, line, entity.start, entity.end, entity.type)) continue;
          if (shown >= this.settings.maxDecorations) {
            limited = true;
            break;
          }
          ranges[entity.type].push(new vscode.Range(line, entity.start, line, entity.end));
          shown++;
        }
      }
    }
    const setStarted = performance.now();
    for (const [type, decoration] of this.types) editor.setDecorations(decoration, ranges[type]);
    recordSlice('decorate-send', setStarted);
    this.applied.set(editor, { ranges, total, shown, limited });
    recordSlice('decorate', started);
    this.changed.fire(editor);
  }

  /**
   * The visible lines, then lines around them (alternately below and above)
   * until about WINDOW_ENTITIES entities or MARGIN_LINES lines each way:
   * what scrolling will show next, bounded by entities rather than lines so
   * very long lines cost no more than short ones.
   */
  private visibleSpans(editor: vscode.TextEditor, model: DocumentModel): Array<[number, number]> {
    const ranges = editor.visibleRanges.length ? editor.visibleRanges : [new vscode.Range(0, 0, 0, 0)];
    let from = Math.max(0, Math.min(...ranges.map((r) => r.start.line)));
    let to = Math.min(model.lineCount, Math.max(...ranges.map((r) => r.end.line)) + 1);
    let count = 0;
    for (let i = from; i < to; i++) count += model.lineEntities(i)?.length ?? 0;
    for (let d = 0; d < MARGIN_LINES && count < WINDOW_ENTITIES && (from > 0 || to < model.lineCount); d++) {
      if (to < model.lineCount) count += model.lineEntities(to++)?.length ?? 0;
      if (from > 0) count += model.lineEntities(--from)?.length ?? 0;
    }
    return [[from, to]];
  }


  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
    this.types.forEach((t) => t.dispose());
  }
}
