// Tags drawn in their label's colour (a border and a light background),
// with a hover that shows label, note and origin. Orphaned tags have no
// place in the text and are listed in the Tags view instead.
import * as vscode from 'vscode';
import { labelChip } from '../core/tags/labelStyle';
import type { LabelDefinition, Tag } from '../core/tags/types';
import { ENTITY_TYPES } from '../core/types';
import { readLabels, readShowLabels } from './configuration';
import { typeLabel } from './labels';
import { tagAt } from './tagCommands';
import type { TagStore } from './tagStore';

const ENTITY_TAG_COLOR = '#495057';

/** Decorates tags in visible editors and answers hovers on them. */
export class TagDecorations implements vscode.Disposable, vscode.HoverProvider {
  private types = new Map<string, vscode.TextEditorDecorationType>();
  private labels: LabelDefinition[] = readLabels();
  private readonly disposables: vscode.Disposable[] = [];
  /** Ranges last applied per editor and label (tests). */
  readonly applied = new WeakMap<vscode.TextEditor, Map<string, vscode.Range[]>>();
  /** The text shown before each label's tags (`before.contentText`), undefined when labels are hidden (tests). */
  readonly labelText = new Map<string, string | undefined>();
  private showLabels = readShowLabels();

  constructor(
    private readonly store: TagStore,
    /** The codebook's labels when there is one (else the settings'). */
    private readonly source?: { labels(): LabelDefinition[]; onDidChange: vscode.Event<void> },
  ) {
    if (source) {
      this.labels = source.labels();
      this.disposables.push(source.onDidChange(() => this.reloadLabels()));
    }
    this.disposables.push(
      store.onDidChange((uri) => this.refresh(uri)),
      vscode.window.onDidChangeVisibleTextEditors(() => this.refresh()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('policyLens.tags.labels') || e.affectsConfiguration('policyLens.tags.showLabels')) this.reloadLabels();
      }),
      vscode.languages.registerHoverProvider({ pattern: '**' }, this),
    );
    this.refresh();
  }

  private reloadLabels(): void {
    this.labels = this.source?.labels() ?? readLabels();
    this.showLabels = readShowLabels();
    this.types.forEach((t) => t.dispose());
    this.types.clear();
    this.labelText.clear();
    this.refresh();
  }

  private typeFor(label: string): vscode.TextEditorDecorationType {
    let t = this.types.get(label);
    if (!t) {
      const chip = labelChip(label, this.labels.find((l) => l.name === label)?.color, ENTITY_TAG_COLOR);
      const solid = chip.background;
      t = vscode.window.createTextEditorDecorationType({
        border: `1px solid ${solid}`,
        borderRadius: '3px',
        backgroundColor: `${solid}22`,
        overviewRulerColor: solid,
        overviewRulerLane: vscode.OverviewRulerLane.Left,
        rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
        // The label as a small chip at the tag's start: its colour as background, black or white text on it
        // (the chip brings its own background, so it reads the same in light and dark themes).
        before: this.showLabels
          ? {
              contentText: chip.text,
              backgroundColor: solid,
              color: chip.color,
              margin: '0 3px 0 0',
              // font size, padding and rounding have no option of their own: VS Code passes textDecoration into the CSS
              textDecoration: 'none; font-size: 0.75em; padding: 0 3px; border-radius: 3px; vertical-align: middle',
            }
          : undefined,
      });
      this.labelText.set(label, this.showLabels ? chip.text : undefined);
      this.types.set(label, t);
    }
    return t;
  }

  /** Redraws the tags of one document (or of all visible editors). */
  refresh(uri?: vscode.Uri): void {
    for (const editor of vscode.window.visibleTextEditors) {
      if (uri && editor.document.uri.toString() !== uri.toString()) continue;
      const byLabel = new Map<string, vscode.Range[]>();
      for (const tag of this.store.tags(editor.document.uri)) {
        if (tag.orphan) continue;
        const range = new vscode.Range(editor.document.positionAt(tag.start), editor.document.positionAt(tag.end));
        const list = byLabel.get(tag.label) ?? [];
        list.push(range);
        byLabel.set(tag.label, list);
      }
      for (const label of byLabel.keys()) this.typeFor(label);
      for (const [label, type] of this.types) editor.setDecorations(type, byLabel.get(label) ?? []);
      this.applied.set(editor, byLabel);
    }
  }

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const tag = tagAt(this.store, document, position);
    if (!tag) return undefined;
    return new vscode.Hover(tagMarkdown(tag, this.labels), new vscode.Range(document.positionAt(tag.start), document.positionAt(tag.end)));
  }

  dispose(): void {
    this.types.forEach((t) => t.dispose());
    for (const d of this.disposables) d.dispose();
  }
}

/** The hover text of a tag: everything from the sidecar (label, description, note) through appendText (VS Code's escaping, theme icons included), untrusted, no HTML. */
export function tagMarkdown(tag: Tag, labels: LabelDefinition[]): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true); // theme icons on before any text is appended: appendText escapes $(…) then
  md.isTrusted = false;
  md.supportHtml = false;
  const def = labels.find((l) => l.name === tag.label);
  const isType = (ENTITY_TYPES as readonly string[]).includes(tag.label);
  md.appendMarkdown('$(tag) **').appendText(tag.label).appendMarkdown('**');
  if (isType) md.appendText(` (${typeLabel(tag.label as (typeof ENTITY_TYPES)[number])})`);
  if (def?.description) md.appendText(` — ${def.description}`);
  md.appendMarkdown('\n\n');
  if (tag.note) md.appendText(`${vscode.l10n.t('Note')}: ${tag.note}`).appendMarkdown('\n\n');
  if (tag.attributes) {
    for (const [k, v] of Object.entries(tag.attributes)) md.appendText(`${k}: ${v}`).appendMarkdown('  \n');
    md.appendMarkdown('\n');
  }
  const source = tag.source === 'confirmed' ? vscode.l10n.t('confirmed entity') : tag.source === 'imported' ? vscode.l10n.t('imported') : vscode.l10n.t('manual tag');
  md.appendText(`${source}${tag.annotator ? ` · ${vscode.l10n.t('by {0}', tag.annotator)}` : ''} · ${new Date(tag.modified ?? tag.created).toLocaleString()}`);
  return md;
}
