// Extension-tests entry used by scripts/screenshots.mjs (not part of the
// suite): puts the real editor into the states shown in the README and
// logs `SCREENSHOT <name>` when each is ready; the script takes the picture.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PolicyLensApi } from '../../../src/extension';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function run(): Promise<void> {
  const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(folder, 'ministries.txt')));
  const editor = await vscode.window.showTextDocument(doc);
  const ext = vscode.extensions.getExtension<PolicyLensApi>('policy-lens.policy-lens')!;
  const api = ext.isActive ? ext.exports : await ext.activate();
  await api.analysis.whenAnalysed(doc);
  await api.analysis.whenActions(doc);
  await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar').then(undefined, () => undefined);
  await vscode.commands.executeCommand('workbench.view.extension.policyLens');
  await vscode.window.showTextDocument(doc);
  const kjb = api.departments.departments().find((n) => n.kind === 'department' && n.canonical === '科学技术部');
  if (kjb) await api.departments.treeView.reveal(kjb, { expand: true, select: false, focus: false }).then(undefined, () => undefined);
  await sleep(1500);
  console.log('SCREENSHOT highlighting');
  await sleep(2500);
  const offset = doc.getText().indexOf('国家卫健委');
  const pos = doc.positionAt(offset + 2);
  await vscode.window.showTextDocument(doc, { preserveFocus: false });
  editor.selection = new vscode.Selection(pos, pos);
  editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenter);
  await sleep(500);
  await vscode.commands.executeCommand('editor.action.showHover');
  await sleep(1500);
  console.log('SCREENSHOT hover');
  await sleep(2500);
  const loc = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(folder, 'localities.txt')));
  const locEditor = await vscode.window.showTextDocument(loc);
  await api.analysis.whenAnalysed(loc);
  const q = loc.positionAt(loc.getText().indexOf('1.75万名') + 2);
  locEditor.selection = new vscode.Selection(q, q);
  locEditor.revealRange(new vscode.Range(q, q), vscode.TextEditorRevealType.InCenter);
  await sleep(500);
  await vscode.commands.executeCommand('editor.action.showHover');
  await sleep(1500);
  console.log('SCREENSHOT quantity-hover');
  await sleep(2500);
  // Tags: two passages tagged, the Tags view listing them.
  await vscode.commands.executeCommand('editor.action.hideHover').then(undefined, () => undefined);
  const spans: Array<[string, string]> = [
    ['措施', '搭建起远程医疗平台'],
    ['成效', '1.75万名'],
  ];
  for (const [label, needle] of spans) {
    const at = loc.getText().indexOf(needle);
    if (at < 0) continue;
    locEditor.selection = new vscode.Selection(loc.positionAt(at), loc.positionAt(at + needle.length));
    await vscode.commands.executeCommand('policyLens.tagSelection', label);
  }
  const first = loc.positionAt(loc.getText().indexOf('1.75万名'));
  locEditor.selection = new vscode.Selection(first, first);
  await vscode.commands.executeCommand('policyLens.editNote', '科技特派员人数，2021年');
  await vscode.commands.executeCommand('policyLens.tags.focus').then(undefined, () => undefined);
  await sleep(1500);
  console.log('SCREENSHOT tags');
  await sleep(2500);
}
