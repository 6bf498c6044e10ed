// Extension-tests entry used by scripts/screenshots.mjs (not part of the
// suite): puts the real editor into the states shown in the README and
// logs `SCREENSHOT <name>` when each is ready; the script takes the picture.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { createTag } from '../../../src/core/tags/model';
import { serializeSidecar } from '../../../src/core/tags/sidecar';
import type { Tag } from '../../../src/core/tags/types';
import { sha256 } from '../../../src/core/text/hash';
import type { PolicyLensApi } from '../../../src/extension';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Puts the cursor inside the first `needle` of the editor, shows the hover and asks for screenshot `name`. */
async function hoverShot(editor: vscode.TextEditor, needle: string, name: string): Promise<void> {
  const pos = editor.document.positionAt(editor.document.getText().indexOf(needle) + 2);
  editor.selection = new vscode.Selection(pos, pos);
  editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenter);
  await sleep(500);
  await vscode.commands.executeCommand('editor.action.showHover');
  await sleep(1500);
  console.log(`SCREENSHOT ${name}`);
  await sleep(2500);
}

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
  await vscode.window.showTextDocument(doc, { preserveFocus: false });
  await hoverShot(editor, '国家卫健委', 'hover');
  // All mentions of a department: the references peek (Shift+F12).
  await vscode.commands.executeCommand('editor.action.hideHover').then(undefined, () => undefined);
  const at = doc.getText().indexOf('科技部');
  if (at >= 0) {
    const pos = doc.positionAt(at + 1);
    editor.selection = new vscode.Selection(pos, pos);
    editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.AtTop);
    await sleep(500);
    await vscode.commands.executeCommand('editor.action.referenceSearch.trigger');
    await sleep(2500);
    console.log('SCREENSHOT references');
    await sleep(2500);
    await vscode.commands.executeCommand('closeReferenceSearch').then(undefined, () => undefined);
  }
  // The outline of a plan (一、（一）headings), with breadcrumbs.
  const plan = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(folder, 'implementation-plan.txt')));
  const planEditor = await vscode.window.showTextDocument(plan);
  await api.analysis.whenAnalysed(plan);
  const heading = plan.getText().search(/（[一二三四]）/);
  if (heading >= 0) {
    const pos = plan.positionAt(heading);
    planEditor.selection = new vscode.Selection(pos, pos);
    planEditor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.AtTop);
  }
  await vscode.commands.executeCommand('outline.focus').then(undefined, () => undefined);
  await sleep(1000);
  await vscode.commands.executeCommand('outline.expand').then(undefined, () => undefined);
  await sleep(2000);
  console.log('SCREENSHOT outline');
  await sleep(2500);
  await vscode.commands.executeCommand('workbench.view.extension.policyLens');
  const loc = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(folder, 'localities.txt')));
  const locEditor = await vscode.window.showTextDocument(loc);
  await api.analysis.whenAnalysed(loc);
  await hoverShot(locEditor, '1.75万名', 'quantity-hover');
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
  // Visible labels: three labels at the start of their tags, one automatic entity rejected (struck through).
  const labelled: Array<[string, string]> = [
    ['目标', '搭建起远程医疗平台'],
    ['问题', '群众'],
  ];
  for (const [label, needle] of labelled) {
    const at = loc.getText().indexOf(needle);
    if (at < 0) continue;
    locEditor.selection = new vscode.Selection(loc.positionAt(at), loc.positionAt(at + needle.length));
    await vscode.commands.executeCommand('policyLens.tagSelection', label);
  }
  // reject the first automatic department or place that is not tagged
  const tagged = api.tags.tags(loc.uri);
  const model = api.analysis.model(loc)!;
  const victim = [...model.entities()].find(({ entity, line }) => {
    if (entity.type !== 'department' && entity.type !== 'place') return false;
    const start = loc.offsetAt(new vscode.Position(line, entity.start));
    return !tagged.some((t) => t.start <= start && start < t.end);
  });
  if (victim) {
    const pos = new vscode.Position(victim.line, victim.entity.start + 1);
    locEditor.selection = new vscode.Selection(pos, pos);
    await vscode.commands.executeCommand('policyLens.rejectEntity');
    locEditor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenter);
  }
  const measure = loc.positionAt(Math.max(0, loc.getText().indexOf('1.75万名')));
  locEditor.selection = new vscode.Selection(measure, measure);
  if (!victim) locEditor.revealRange(new vscode.Range(measure, measure), vscode.TextEditorRevealType.InCenter);
  await sleep(1500);
  console.log('SCREENSHOT labels');
  await sleep(2500);
  // Curation: two annotators' copies of the workspace disagree on ministries.txt; one disagreement settled, the next shown side by side.
  const text = doc.getText();
  const copy = (annotator: string, folderName: string, spans: Array<[string, string]>): vscode.Uri => {
    const root = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pl-shot-')), folderName);
    const tags: Tag[] = [];
    for (const [label, needle] of spans) {
      const i = text.indexOf(needle);
      if (i >= 0) tags.push(createTag(text, i, i + needle.length, label, { annotator }));
    }
    const file = path.join(root, '.policy-lens', 'ministries.txt.json');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, serializeSidecar({ document: 'ministries.txt', sha256: sha256(text), tags, rejected: [] }, text));
    return vscode.Uri.file(root);
  };
  const alice = copy('张三', 'copy-zhang', [
    ['department', '科技部'],
    ['措施', '扎实开展党史学习教育'],
    ['目标', '强化责任担当'],
    ['措施', '从百年党史中汲取奋进力量'],
    ['department', '国家卫健委'],
  ]);
  const bob = copy('李四', 'copy-li', [
    ['department', '科技部'],
    ['目标', '扎实开展党史学习教育'],
    ['措施', '引导广大党员干部从百年党史中汲取奋进力量'],
    ['department', '国家卫健委'],
  ]);
  await vscode.window.showTextDocument(doc, { preserveFocus: false });
  await vscode.commands.executeCommand('policyLens.curate', alice, bob, { confirm: false });
  await vscode.commands.executeCommand('policyLens.curation.acceptLeft');
  await vscode.commands.executeCommand('policyLens.curation.next');
  // room for the Curation view: the other Policy Lens views hidden (the scratch state is thrown away)
  for (const view of ['departments', 'entities', 'tags', 'relations']) await vscode.commands.executeCommand(`policyLens.${view}.toggleVisibility`).then(undefined, () => undefined);
  // a wider side bar, so that both sides of each item show: the editor made narrower
  await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
  for (let i = 0; i < 3; i++) await vscode.commands.executeCommand('workbench.action.decreaseViewWidth').then(undefined, () => undefined);
  await vscode.commands.executeCommand('policyLens.curation.focus').then(undefined, () => undefined);
  await sleep(1000);
  // the current disagreement's hover in the editor: both sides and the four choices
  const current = api.curation.state?.current;
  const run = current ? /^d(\d+)-(\d+)$/.exec(current) : null;
  if (run) {
    const curEditor = await vscode.window.showTextDocument(doc, { preserveFocus: false });
    const pos = doc.positionAt(Number(run[1]) + 2);
    curEditor.selection = new vscode.Selection(pos, pos);
    await sleep(500);
    await vscode.commands.executeCommand('editor.action.showHover');
  }
  await sleep(2000);
  console.log('SCREENSHOT curation');
  await sleep(2500);
}
