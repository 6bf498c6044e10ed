import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Tag } from '../../../src/core/tags/types';
import { api, waitFor, workspaceDir } from './helpers';

const sidecarOf = (name: string) => path.join(workspaceDir(), '.policy-lens', `${name}.json`);

async function openFresh(name: string, text: string): Promise<vscode.TextEditor> {
  const file = path.join(workspaceDir(), name);
  fs.writeFileSync(file, text);
  fs.rmSync(sidecarOf(name), { force: true });
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  return vscode.window.showTextDocument(doc);
}

async function select(editor: vscode.TextEditor, needle: string): Promise<void> {
  const offset = editor.document.getText().indexOf(needle);
  assert.ok(offset >= 0, needle);
  editor.selection = new vscode.Selection(editor.document.positionAt(offset), editor.document.positionAt(offset + needle.length));
}

describe('labels (real extension host)', function () {
  this.timeout(60000);

  it('a tag shows its label at its start (before text), hidden with policyLens.tags.showLabels off', async () => {
    const a = await api();
    const editor = await openFresh('labels-visible.txt', '科技部推广“揭榜挂帅”等新机制，选派1.75万名科技特派员。\n');
    await select(editor, '推广“揭榜挂帅”等新机制');
    const tags = (await vscode.commands.executeCommand('policyLens.tagSelection', '措施')) as Tag[];
    assert.equal(tags.length, 1);
    const ranges = await waitFor(() => a.tagDecorations.applied.get(editor)?.get('措施'), 'tag decorated');
    assert.equal(editor.document.getText(ranges[0]), '推广“揭榜挂帅”等新机制');
    assert.equal(a.tagDecorations.labelText.get('措施'), '措施');
    const config = vscode.workspace.getConfiguration('policyLens');
    await config.update('tags.showLabels', false, vscode.ConfigurationTarget.Global);
    try {
      await waitFor(() => a.tagDecorations.labelText.has('措施') && a.tagDecorations.labelText.get('措施') === undefined, 'label hidden');
    } finally {
      await config.update('tags.showLabels', undefined, vscode.ConfigurationTarget.Global);
    }
    await waitFor(() => a.tagDecorations.labelText.get('措施') === '措施', 'label shown again');
  });
});
