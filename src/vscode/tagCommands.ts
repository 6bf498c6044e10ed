// Tagging commands: Tag Selection, Remove Tag at Cursor, Edit Note,
// Confirm Entity, Reject Entity, Undo Last Tagging Action.
import * as vscode from 'vscode';
import type { Tag } from '../core/tags/types';
import { ENTITY_TYPES, type Entity } from '../core/types';
import type { AnalysisService } from './analysisService';
import { readLabels } from './configuration';
import { typeLabel } from './labels';
import type { TagStore } from './tagStore';

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
export function registerTagCommands(context: vscode.ExtensionContext, store: TagStore, analysis: AnalysisService): vscode.Disposable[] {
  const active = () => {
    const editor = vscode.window.activeTextEditor;
    if (!editor) void vscode.window.showInformationMessage(vscode.l10n.t('Open a policy text to tag it.'));
    return editor;
  };
  return [
    vscode.commands.registerCommand('policyLens.tagSelection', async (label?: string) => {
      const editor = active();
      if (!editor) return undefined;
      const selections = editor.selections.filter((s) => !s.isEmpty);
      if (selections.length === 0) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Select the text to tag first.'));
        return undefined;
      }
      if (!label) {
        const last = context.workspaceState.get<string>(LAST_LABEL);
        const labels = readLabels();
        const items: Array<vscode.QuickPickItem & { value: string }> = [
          ...labels.map((l) => ({ label: l.name, description: l.key ? `[${l.key}]` : undefined, detail: l.description, value: l.name })),
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
      await context.workspaceState.update(LAST_LABEL, label);
      const doc = editor.document;
      const tags: Tag[] = [];
      for (const s of selections) {
        const tag = await store.addTag(doc, doc.offsetAt(s.start), doc.offsetAt(s.end), label);
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
  ];
}
