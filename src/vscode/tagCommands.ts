// Tagging commands: Tag Selection, Remove Tag at Cursor, Edit Note,
// Confirm Entity, Reject Entity, Undo / Redo Last Tagging Action, Edit Tag
// Attributes. Labels come from the codebook when there is one (with their
// attributes, asked for when tagging), else from the settings; every new tag
// records its annotator.
import * as vscode from 'vscode';
import { attributeValueAllowed } from '../core/tags/codebook';
import type { AttributeDefinition, LabelDefinition, Tag } from '../core/tags/types';
import { ENTITY_TYPES, type Entity } from '../core/types';
import type { AnalysisService } from './analysisService';
import type { Codebooks } from './codebookDiagnostics';
import { readLabels } from './configuration';
import { typeLabel } from './labels';
import type { Annotator } from './review';
import type { TagStore } from './tagStore';

/** What the label picker showed last (integration tests read it). */
export interface PickerHook {
  /** The picker's items (labels, then entity types), as shown; separators left out. */
  items?: string[];
}

/** The team parts the tagging commands use: the codebook's labels, the annotator's name, the picker hook. */
export interface TeamServices {
  codebooks?: Codebooks;
  annotator?: Annotator;
  picker?: PickerHook;
}

/** The label picker's entry of a label: children indented under their parent, the key and the description shown. */
function pickerItem(l: LabelDefinition): vscode.QuickPickItem & { value: string } {
  const depth = l.depth ?? 0;
  const leaf = depth > 0 ? l.name.split('/').pop()! : l.name;
  return { label: `${'\u2003'.repeat(depth)}${leaf}`, description: [l.key ? `[${l.key}]` : '', depth > 0 ? l.name : ''].filter(Boolean).join(' ') || undefined, detail: l.description, value: l.name };
}

/**
 * Asks for the attributes of a label (a pick among its values, or a text), starting from `initial` (or the defaults);
 * undefined when the user cancelled. Without `ask`, the defaults are taken.
 */
async function askAttributes(label: LabelDefinition | undefined, initial: Record<string, string> | undefined, ask: boolean): Promise<Record<string, string> | undefined> {
  const defs: AttributeDefinition[] = label?.attributes ?? [];
  const out: Record<string, string> = {};
  for (const a of defs) {
    const start = initial?.[a.name] ?? a.default ?? '';
    let value: string | undefined = start;
    if (ask) {
      const title = vscode.l10n.t('{0}: {1}', label!.name, a.name);
      if (a.values) {
        const items = [...(a.required ? [] : [{ label: vscode.l10n.t('(none)'), value: '' }]), ...a.values.map((v) => ({ label: v, value: v, description: v === start ? vscode.l10n.t('(current)') : undefined }))];
        value = (await vscode.window.showQuickPick(items, { title, placeHolder: a.description }))?.value;
      } else {
        value = await vscode.window.showInputBox({
          title,
          prompt: a.description,
          value: start,
          validateInput: (v) => (attributeValueAllowed(a, v.trim()) ? undefined : vscode.l10n.t('A value is required.')),
        });
      }
      if (value === undefined) return undefined;
    }
    if (value.trim() !== '') out[a.name] = value.trim();
  }
  return out;
}

const LAST_LABEL = 'policyLens.lastLabel';

/** The tag under the cursor (innermost), if any. */
export function tagAt(store: TagStore, document: vscode.TextDocument, position: vscode.Position): Tag | undefined {
  const offset = document.offsetAt(position);
  const hits = store.tags(document.uri).filter((t) => !t.orphan && t.start <= offset && offset <= t.end);
  return hits.sort((a, b) => a.end - a.start - (b.end - b.start))[0];
}

/** The automatic entity under the cursor, with absolute offsets, if any. */
export function entityAt(analysis: AnalysisService, document: vscode.TextDocument, position: vscode.Position): Entity | undefined {
  const e = analysis.model(document)?.entityAt(position.line, position.character);
  if (!e) return undefined;
  const base = document.offsetAt(new vscode.Position(position.line, 0));
  return { ...e, start: base + e.start, end: base + e.end };
}

/** Registers the tagging commands. */
export function registerTagCommands(context: vscode.ExtensionContext, store: TagStore, analysis: AnalysisService, team: TeamServices = {}): vscode.Disposable[] {
  const labelsFor = (uri: vscode.Uri): LabelDefinition[] => team.codebooks?.labels(uri) ?? readLabels();
  const annotator = (): Pick<Tag, 'annotator'> => (team.annotator ? { annotator: team.annotator.name } : {});
  const active = () => {
    const editor = vscode.window.activeTextEditor;
    if (!editor) void vscode.window.showInformationMessage(vscode.l10n.t('Open a policy text to tag it.'));
    return editor;
  };
  return [
    vscode.commands.registerCommand('policyLens.tagSelection', async (label?: string, attributes?: Record<string, string>) => {
      const editor = active();
      if (!editor) return undefined;
      const selections = editor.selections.filter((s) => !s.isEmpty);
      if (selections.length === 0) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Select the text to tag first.'));
        return undefined;
      }
      const labels = labelsFor(editor.document.uri);
      const given = !!label;
      if (!label) {
        const last = context.workspaceState.get<string>(LAST_LABEL);
        const items: Array<vscode.QuickPickItem & { value: string }> = [
          ...labels.map(pickerItem),
          { label: vscode.l10n.t('Entity types'), kind: vscode.QuickPickItemKind.Separator, value: '' },
          ...ENTITY_TYPES.map((t) => ({ label: t, description: typeLabel(t), value: t })),
        ];
        // The label used last comes first, so Enter repeats it.
        const lastIndex = items.findIndex((i) => i.value === last && i.kind !== vscode.QuickPickItemKind.Separator);
        if (lastIndex > 0) {
          const [item] = items.splice(lastIndex, 1);
          items.unshift({ ...item, description: `${item.description ?? ''} ${vscode.l10n.t('(last used)')}`.trim() });
        }
        const quick = vscode.window.createQuickPick<(typeof items)[number]>();
        quick.items = items;
        quick.title = vscode.l10n.t('Tag selection as…');
        quick.placeholder = vscode.l10n.t('Pick a label, or type its key');
        quick.matchOnDescription = true;
        quick.matchOnDetail = true;
        if (team.picker) team.picker.items = items.filter((i) => i.kind !== vscode.QuickPickItemKind.Separator).map((i) => i.value);
        const picked = await new Promise<string | undefined>((resolve) => {
          quick.onDidChangeValue((v) => {
            const byKey = labels.find((l) => l.key && l.key === v);
            if (byKey) {
              resolve(byKey.name);
              quick.hide();
            }
          });
          quick.onDidAccept(() => {
            resolve(quick.selectedItems[0]?.value);
            quick.hide();
          });
          quick.onDidHide(() => resolve(undefined));
          quick.show();
        });
        quick.dispose();
        if (!picked) return undefined;
        label = picked;
      }
      // the codebook's attributes of the label: asked for when the label was picked, else given or the defaults
      const def = labels.find((l) => l.name === label);
      const values = await askAttributes(def, attributes, !given && attributes === undefined);
      if (values === undefined) return undefined;
      await context.workspaceState.update(LAST_LABEL, label);
      const doc = editor.document;
      const tags: Tag[] = [];
      const extra = { ...annotator(), ...(Object.keys(values).length > 0 ? { attributes: values } : {}), ...(given && attributes ? { attributes } : {}) };
      for (const s of selections) {
        const tag = await store.addTag(doc, doc.offsetAt(s.start), doc.offsetAt(s.end), label, extra);
        if (tag) tags.push(tag);
      }
      return tags;
    }),
    vscode.commands.registerCommand('policyLens.removeTag', async () => {
      const editor = active();
      const tag = editor && tagAt(store, editor.document, editor.selection.active);
      if (!editor || !tag) {
        if (editor) void vscode.window.showInformationMessage(vscode.l10n.t('There is no tag at the cursor.'));
        return false;
      }
      return store.removeTag(editor.document, tag.id);
    }),
    vscode.commands.registerCommand('policyLens.editNote', async (note?: string) => {
      const editor = active();
      const tag = editor && tagAt(store, editor.document, editor.selection.active);
      if (!editor || !tag) {
        if (editor) void vscode.window.showInformationMessage(vscode.l10n.t('There is no tag at the cursor.'));
        return false;
      }
      const value =
        typeof note === 'string'
          ? note
          : await vscode.window.showInputBox({ title: vscode.l10n.t('Note on “{0}” ({1})', tag.quote.exact, tag.label), value: tag.note ?? '', prompt: vscode.l10n.t('Empty to remove the note') });
      if (value === undefined) return false;
      return store.setNote(editor.document, tag.id, value);
    }),
    vscode.commands.registerCommand('policyLens.confirmEntity', async () => {
      const editor = active();
      const entity = editor && entityAt(analysis, editor.document, editor.selection.active);
      if (!editor || !entity) {
        if (editor) void vscode.window.showInformationMessage(vscode.l10n.t('There is no recognised entity at the cursor.'));
        return undefined;
      }
      const { type, canonical, parent, value, unit, approx } = entity;
      return store.addTag(editor.document, entity.start, entity.end, type, {
        ...annotator(),
        source: 'confirmed',
        entity: { type, ...(canonical ? { canonical } : {}), ...(parent ? { parent } : {}), ...(value !== undefined ? { value } : {}), ...(unit !== undefined ? { unit } : {}), ...(approx ? { approx } : {}) },
      });
    }),
    vscode.commands.registerCommand('policyLens.rejectEntity', async () => {
      const editor = active();
      const entity = editor && entityAt(analysis, editor.document, editor.selection.active);
      if (!editor || !entity) {
        if (editor) void vscode.window.showInformationMessage(vscode.l10n.t('There is no recognised entity at the cursor.'));
        return false;
      }
      return store.reject(editor.document, entity);
    }),
    vscode.commands.registerCommand('policyLens.undoTagging', async () => {
      const editor = active();
      if (!editor) return false;
      const done = await store.undo(editor.document);
      if (!done) void vscode.window.showInformationMessage(vscode.l10n.t('Nothing to undo.'));
      return done;
    }),
    vscode.commands.registerCommand('policyLens.redoTagging', async () => {
      const editor = active();
      if (!editor) return false;
      const done = await store.redo(editor.document);
      if (!done) void vscode.window.showInformationMessage(vscode.l10n.t('Nothing to redo.'));
      return done;
    }),
    vscode.commands.registerCommand('policyLens.editTagAttributes', async (attributes?: Record<string, string>) => {
      const editor = active();
      const tag = editor && tagAt(store, editor.document, editor.selection.active);
      if (!editor || !tag) {
        if (editor) void vscode.window.showInformationMessage(vscode.l10n.t('There is no tag at the cursor.'));
        return false;
      }
      const def = labelsFor(editor.document.uri).find((l) => l.name === tag.label);
      if (!attributes && !def?.attributes?.length) {
        void vscode.window.showInformationMessage(vscode.l10n.t('The label “{0}” has no attributes in the codebook.', tag.label));
        return false;
      }
      const values = attributes ?? (await askAttributes(def, tag.attributes, true));
      if (values === undefined) return false;
      return store.setAttributes(editor.document, tag.id, values);
    }),
  ];
}
