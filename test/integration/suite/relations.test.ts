import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { exportDocuments } from '../../../src/core/formats/index';
import type { Relation, Tag } from '../../../src/core/tags/types';
import { api, openFresh, sidecarOf, waitFor } from './helpers';

function selectionOf(editor: vscode.TextEditor, needle: string): vscode.Selection {
  const offset = editor.document.getText().indexOf(needle);
  assert.ok(offset >= 0, needle);
  return new vscode.Selection(editor.document.positionAt(offset), editor.document.positionAt(offset + needle.length));
}

describe('relations (real extension host)', function () {
  this.timeout(60000);

  it('Add Relation from two selections with the type picked, in the sidecar, the view and the CodeLens; undo and redo; brat R line', async () => {
    const a = await api();
    const editor = await openFresh('relations.txt', '第一段。\r\n市财政局负责落实专项资金管理，𠮷市教育局配合。\r\n');
    editor.selection = selectionOf(editor, '市财政局');
    const [dept] = (await vscode.commands.executeCommand('policyLens.tagSelection', '部门')) as Tag[];
    editor.selection = selectionOf(editor, '落实专项资金管理');
    const [task] = (await vscode.commands.executeCommand('policyLens.tagSelection', '任务')) as Tag[];
    assert.ok(dept && task);
    // multi-cursor: the first selection is the source, the second the target
    editor.selections = [selectionOf(editor, '市财政局'), selectionOf(editor, '落实专项')];
    const pending = Promise.resolve(vscode.commands.executeCommand('policyLens.relations.add')) as Promise<Relation | undefined>;
    let done = false;
    void pending.then(() => (done = true));
    // answer the type picker: its first item is the first built-in type
    for (let i = 0; i < 40 && !done; i++) {
      await new Promise((r) => setTimeout(r, 250));
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    }
    const rel = await pending;
    assert.ok(rel, 'a relation was added');
    assert.equal(rel.type, 'department→task');
    assert.deepEqual([rel.from, rel.to], [{ tag: dept.id }, { tag: task.id }]);
    await a.tags.flush();
    const sidecar = JSON.parse(fs.readFileSync(sidecarOf('relations.txt'), 'utf8'));
    assert.equal(sidecar.relations.length, 1);
    assert.equal(sidecar.relations[0].type, 'department→task');
    // the Relations view lists it
    assert.deepEqual(a.relationsView.lines(), ['市财政局 → department→task → 落实专项资金管理']);
    const roots = a.relationsView.getChildren();
    assert.equal(roots.length, 1);
    assert.equal(a.relationsView.getChildren(roots[0]).length, 1);
    // the CodeLens provider returns it on the source's line
    const lenses = await waitFor(async () => {
      const got = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri);
      return got?.find((l) => l.command?.command === 'policyLens.relations.reveal');
    }, 'relation CodeLens');
    assert.equal(lenses.range.start.line, 1);
    assert.equal(lenses.command!.title, '市财政局 → department→task 落实专项资金管理');
    // the hover on the target lists it
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, selectionOf(editor, '专项').start);
    const hoverText = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(hoverText.replace(/&nbsp;/g, ' '), /Relations: ← department→task “市财政局”/);
    // undo removes it, redo restores it
    assert.equal(await vscode.commands.executeCommand('policyLens.undoTagging'), true);
    assert.equal(a.tags.relations(editor.document.uri).length, 0);
    assert.deepEqual(a.relationsView.lines(), []);
    assert.equal(await vscode.commands.executeCommand('policyLens.redoTagging'), true);
    assert.equal(a.tags.relations(editor.document.uri).length, 1);
    // export to brat has the R line (code points: the astral character comes after both tags)
    const text = editor.document.getText();
    const data = a.tags.get(editor.document.uri)!.data;
    const brat = exportDocuments('brat', [{ file: 'relations.txt', text, entities: [], actions: [], tags: data.tags, rejected: [], relations: data.relations ?? [] }]);
    const ann = brat.files.find((f) => f.name.endsWith('.ann'))!.content;
    assert.match(ann, /^R1\t\S+ Arg1:T\d+ Arg2:T\d+$/m);
    // removing by id (as the view's context menu does)
    assert.equal(await vscode.commands.executeCommand('policyLens.relations.remove', rel.id), true);
    assert.equal(a.tags.relations(editor.document.uri).length, 0);
  });

  it('two steps: run on the source (pending), then on the target; an automatic entity can be an end', async () => {
    const a = await api();
    const editor = await openFresh('relations2.txt', '市财政局负责落实专项资金管理，市教育局配合。\r\n');
    editor.selection = selectionOf(editor, '落实专项资金管理');
    const [task] = (await vscode.commands.executeCommand('policyLens.tagSelection', '任务')) as Tag[];
    await waitFor(() => a.analysis.model(editor.document)?.entityAt(0, 1), 'department recognised');
    editor.selection = new vscode.Selection(editor.document.positionAt(1), editor.document.positionAt(1));
    assert.equal(await vscode.commands.executeCommand('policyLens.relations.add', 'lead'), undefined);
    editor.selection = selectionOf(editor, '专项');
    const rel = (await vscode.commands.executeCommand('policyLens.relations.add', 'lead')) as Relation;
    assert.ok(rel);
    assert.ok('entity' in rel.from && rel.from.entity.quote.exact === '市财政局');
    assert.deepEqual(rel.to, { tag: task.id });
  });
});
