// Highlights entities in the visible editors, one decoration type per entity
// type, coloured by theme colours contributed in package.json. Documents
// with more entities than the budget are decorated around the visible
// ranges only (and again on scroll); the status bar says so.
import * as vscode from 'vscode';
import type { DocumentModel } from '../core/engine/documentModel';
import { ENTITY_TYPES, type Entity, type EntityType } from '../core/types';
import { recordSlice, type AnalysisService } from './analysisService';
import { readHighlightSettings, type HighlightSettings } from './configuration';
import { ENTITY_TYPE_STYLES } from './entityTypes';

/** Lines decorated beyond the visible ones when only the visible part is decorated. */
const MARGIN_LINES = 150;
/** Documents with more lines or entities than this are decorated around the visible part only (cheap to send, redone on scroll). */
const WINDOW_LINES = 500;
const WINDOW_ENTITIES = 1000;
/** While a document is still being analysed, decorate it at most this often (ms). */
const THROTTLE_MS = 100;
/**
 * Decorations sent at once when a window is first painted (nothing of it on
 * screen yet) and holds more: the visible lines first and, within them, the
 * entities nearest the start of their line (without word wrap, the part of a
 * long line on screen); the rest of the window follows a moment later, so
 * that no single slice of the extension host's thread computes and sends
 * thousands of ranges. A window that overlaps what is on screen is always
 * sent whole (sending part of it would blank the rest until the second step).
 */
const FIRST_PAINT = 300;
const FIRST_PAINT_COLUMNS = [200, 800, Infinity];
const COMPLETE_AFTER_MS = 150;

/** The lines [from, to) last sent to an editor and their entity lists (the model replaces a line's list when it changes). */
interface SentWindow {
  from: number;
  to: number;
  /** Lines of the document: identical lines share one entity list, so a pasted copy shows only here. */
  lineCount: number;
  lists: Array<readonly Entity[] | undefined>;
  /** Only the first FIRST_PAINT decorations of the window were sent (the rest follow). */
  partial?: boolean;
  /** maxDecorations cut the window short. */
  limited?: boolean;
}

/** Whether two windows share a line that holds entities in the first (something of `b` is already on screen). */
function overlaps(a: SentWindow, b: SentWindow): boolean {
  if (a.lineCount !== b.lineCount) return a.lists.some((l) => l?.length);
  for (let line = Math.max(a.from, b.from); line < Math.min(a.to, b.to); line++) if (a.lists[line - a.from]?.length) return true;
  return false;
}

function sameRanges(a: readonly vscode.Range[], b: readonly vscode.Range[]): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (!a[k].isEqual(b[k])) return false;
  return true;
}

function sameWindow(a: SentWindow, b: SentWindow): boolean {
  if (a.from !== b.from || a.to !== b.to || a.lineCount !== b.lineCount || a.lists.length !== b.lists.length) return false;
  for (let k = 0; k < a.lists.length; k++) if (a.lists[k] !== b.lists[k]) return false;
  return true;
}

/** What was last applied to an editor (used by the status bar and tests). */
export interface AppliedDecorations {
  ranges: Record<EntityType, vscode.Range[]>;
  /** Entities in the document. */
  total: number;
  /** Decorations applied (≤ total; less when the budget applies or types are off). */
  shown: number;
  /** True when only the visible part is decorated because of the budget. */
  limited: boolean;
  /** True while only the first part of a large window is on screen (the rest follows within COMPLETE_AFTER_MS). */
  partial: boolean;
  /** How many times ranges were sent to this editor (an unchanged window is not sent again). */
  sends: number;
  /** Automatic entities a researcher rejected, drawn struck through and dimmed. */
  rejected: vscode.Range[];
}

function decorationType(type: EntityType): vscode.TextEditorDecorationType {
  const color = (part: string) => new vscode.ThemeColor(`policyLens.${type}${part}`);
  return vscode.window.createTextEditorDecorationType({
    backgroundColor: color('Background'),
    color: ENTITY_TYPE_STYLES[type].textColour ? color('Foreground') : undefined,
    borderRadius: '2px',
    overviewRulerColor: ENTITY_TYPE_STYLES[type].overviewRuler ? color('Foreground') : undefined,
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

  /** Rejected automatic entities (the model leaves them out of counts): struck through and dimmed. */
  private readonly rejectedType = vscode.window.createTextEditorDecorationType({
    textDecoration: 'line-through',
    opacity: '0.55',
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  });

  /** Per editor, the window last sent: resent only when one of its lines' entities changed. */
  private readonly sent = new WeakMap<vscode.TextEditor, SentWindow>();
  /** Per editor, the pending completion of a partly sent window. */
  private readonly completions = new Map<vscode.TextEditor, ReturnType<typeof setTimeout>>();
  private disposed = false;

  constructor(private readonly analysis: AnalysisService) {
    for (const t of ENTITY_TYPES) this.types.set(t, decorationType(t));
    this.disposables.push(
      this.changed,
      this.rejectedType,
      analysis.onDidChange((doc) => this.refreshDocument(doc)),
      // A newly shown editor has nothing sent yet; editors that stay visible keep their decorations.
      vscode.window.onDidChangeVisibleTextEditors(() => this.refreshAll(false)),
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

  /** Redraws every visible editor; with `force` (settings changed) even windows whose entities did not change. */
  refreshAll(force = true): void {
    for (const editor of vscode.window.visibleTextEditors) this.apply(editor, force);
  }

  /** Redraws the editors of one document (its rejected entities changed). */
  refreshUri(uri: vscode.Uri): void {
    const key = uri.toString();
    for (const editor of vscode.window.visibleTextEditors) if (editor.document.uri.toString() === key) this.apply(editor, true);
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

  /**
   * Computes and sets the decorations of one editor. Unless `force`, a window
   * whose lines hold the same entities as the window last sent is not sent
   * again (while a large document streams in, its batches land out of view).
   * A window with more than FIRST_PAINT entities is sent in two steps unless
   * `complete`.
   */
  apply(editor: vscode.TextEditor, force = false, complete = false): void {
    if (this.disposed) return;
    const started = performance.now();
    const model = this.analysis.model(editor.document);
    let total = 0;
    let limited = false;
    let window: SentWindow = { from: 0, to: 0, lineCount: 0, lists: [] };
    if (model && this.settings.enabled) {
      for (const n of model.countsByType().values()) total += n;
      const windowed = total > Math.min(WINDOW_ENTITIES, this.settings.maxDecorations) || model.lineCount > WINDOW_LINES;
      const [from, to] = windowed ? this.visibleSpan(editor, model) : [0, model.lineCount];
      const lists: Array<readonly Entity[] | undefined> = [];
      for (let line = from; line < to; line++) lists.push(model.lineEntities(line));
      window = { from, to, lineCount: model.lineCount, lists };
      limited = total > this.settings.maxDecorations;
    }
    const last = this.sent.get(editor);
    const previous = this.applied.get(editor);
    if (!force && last && previous && sameWindow(last, window) && !(complete && last.partial)) {
      // Nothing visible changed: keep what is on screen, update the counts.
      this.applied.set(editor, { ...previous, total, limited: limited || !!last.limited });
      recordSlice('decorate', started);
      this.changed.fire(editor);
      return;
    }
    // Two steps only where nothing of the window is on screen yet.
    const firstPaint = !last || !overlaps(last, window);
    const inWindow = window.lists.reduce((n, l) => n + (l?.length ?? 0), 0);
    const budget = complete || !firstPaint || inWindow <= FIRST_PAINT ? Infinity : FIRST_PAINT;
    const built = this.ranges(editor, window, budget);
    window.partial = built.partial;
    window.limited = built.limited;
    const setStarted = performance.now();
    // Only the types whose ranges differ from what the editor shows (each send is a message to the window);
    // all of them when lines were added or removed, since the editor has moved its decorations with the text.
    const onScreen = !force && last && last.lineCount === window.lineCount ? previous?.ranges : undefined;
    for (const [type, decoration] of this.types) if (!onScreen || !sameRanges(onScreen[type], built.ranges[type])) editor.setDecorations(decoration, built.ranges[type]);
    if (!onScreen || !sameRanges(previous?.rejected ?? [], built.rejected)) editor.setDecorations(this.rejectedType, built.rejected);
    recordSlice('decorate-send', setStarted);
    this.sent.set(editor, window);
    this.applied.set(editor, { ranges: built.ranges, total, shown: built.shown, limited: limited || built.limited, partial: built.partial, sends: (previous?.sends ?? 0) + 1, rejected: built.rejected });
    clearTimeout(this.completions.get(editor));
    this.completions.delete(editor);
    if (built.partial) {
      this.completions.set(
        editor,
        setTimeout(() => {
          this.completions.delete(editor);
          if (vscode.window.visibleTextEditors.includes(editor)) this.apply(editor, false, true);
        }, COMPLETE_AFTER_MS),
      );
    }
    recordSlice('decorate', started);
    this.changed.fire(editor);
  }

  /**
   * The ranges of a window's entities per type (enabled types, not rejected,
   * at most maxDecorations). With a budget, the visible lines come first and,
   * within them, entities nearer the start of their line; `partial` says
   * whether some were left out.
   */
  private ranges(editor: vscode.TextEditor, window: SentWindow, budget: number): { ranges: Record<EntityType, vscode.Range[]>; rejected: vscode.Range[]; shown: number; limited: boolean; partial: boolean } {
    const ranges = Object.fromEntries(ENTITY_TYPES.map((t) => [t, [] as vscode.Range[]])) as Record<EntityType, vscode.Range[]>;
    const rejected: vscode.Range[] = [];
    const model = window.lists.length ? this.analysis.model(editor.document) : undefined;
    const types = this.settings.types;
    const max = this.settings.maxDecorations;
    let shown = 0;
    // Line order: the visible lines, then the rest of the window (with no budget, order does not matter).
    const order: number[] = [];
    if (budget !== Infinity) {
      const visible = editor.visibleRanges[0];
      const vFrom = Math.max(window.from, visible?.start.line ?? window.from);
      const vTo = Math.min(window.to, (visible?.end.line ?? window.from) + 1);
      for (let line = vFrom; line < vTo; line++) order.push(line);
      for (let line = window.from; line < window.to; line++) if (line < vFrom || line >= vTo) order.push(line);
    } else for (let line = window.from; line < window.to; line++) order.push(line);
    let lower = -1;
    for (const upper of budget === Infinity ? [Infinity] : FIRST_PAINT_COLUMNS) {
      for (const line of order) {
        const list = window.lists[line - window.from];
        if (!list) continue;
        for (const entity of list) {
          if (entity.start < lower || entity.start >= upper || !types[entity.type]) continue;
          if (model?.isExcluded(line, entity)) {
            rejected.push(new vscode.Range(line, entity.start, line, entity.end));
            continue;
          }
          if (shown >= max) return { ranges, rejected, shown, limited: true, partial: false };
          if (shown >= budget) return { ranges, rejected, shown, limited: false, partial: true };
          ranges[entity.type].push(new vscode.Range(line, entity.start, line, entity.end));
          shown++;
        }
      }
      lower = upper;
    }
    return { ranges, rejected, shown, limited: false, partial: false };
  }

  /**
   * The visible lines, then lines around them (alternately below and above)
   * until about WINDOW_ENTITIES entities or MARGIN_LINES lines each way:
   * what scrolling will show next, bounded by entities rather than lines so
   * very long lines cost no more than short ones.
   */
  private visibleSpan(editor: vscode.TextEditor, model: DocumentModel): [number, number] {
    const ranges = editor.visibleRanges.length ? editor.visibleRanges : [new vscode.Range(0, 0, 0, 0)];
    let from = Math.max(0, ranges.reduce((m, r) => Math.min(m, r.start.line), Infinity));
    let to = Math.min(model.lineCount, ranges.reduce((m, r) => Math.max(m, r.end.line), -Infinity) + 1);
    let count = 0;
    for (let i = from; i < to; i++) count += model.lineEntities(i)?.length ?? 0;
    for (let d = 0; d < MARGIN_LINES && count < WINDOW_ENTITIES && (from > 0 || to < model.lineCount); d++) {
      if (to < model.lineCount) count += model.lineEntities(to++)?.length ?? 0;
      if (from > 0) count += model.lineEntities(--from)?.length ?? 0;
    }
    return [from, to];
  }


  dispose(): void {
    this.disposed = true;
    for (const timer of this.completions.values()) clearTimeout(timer);
    this.completions.clear();
    for (const d of this.disposables) d.dispose();
    this.types.forEach((t) => t.dispose());
  }
}
