// Team annotation in the real extension host: the codebook (label picker,
// diagnostics, reload, a corrupt file keeping the labels), the annotator on
// tags and exports, review status and the queue, redo.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Tag } from '../../../src/core/tags/types';
import { api, openFresh, select, sidecarOf, waitFor, workspaceDir } from './helpers';

const CODEBOOK = {
  labels: [
    { name: '政策工具', color: '#e8590c', key: '7', description: '政策手段', children: [{ name: '供给型', key: '8', description: '政府直接提供资源', attributes: [{ name: '强度', values: ['强', '弱'], default: '强' }] }] },
    { name: '目标', color: '#2f9e44', key: '9' },
  ],
  relationTypes: [{ name: 'lead' }],
};

const codebookFile = () => path.join(workspaceDir(), '.policy-lens', 'codebook.json');
describe('team annotation (real extension host)', function () {
  this.timeout(60000);
  const config = () => vscode.workspace.getConfiguration('policyLens');

  before(async () => {
    fs.mkdirSync(path.dirname(codebookFile()), { recursive: true });
    fs.writeFileSync(codebookFile(), JSON.stringify(CODEBOOK, null, 2));
    const a = await api();
    await a.codebooks.reload(vscode.Uri.file(codebookFile()));
    await config().update('annotator', '王五', vscode.ConfigurationTarget.Workspace);
  });

  after(async () => {
    fs.rmSync(codebookFile(), { force: true });
    const a = await api();
    await a.codebooks.reload(vscode.Uri.file(codebookFile()));
    await config().update('annotator', undefined, vscode.ConfigurationTarget.Workspace);
    await config().update('index.include', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('the label picker shows the codebook\'s labels (children by path); a tag gets the annotator and the attribute default, in the sidecar and the export', async () => {
    const a = await api();
    assert.deepEqual(a.codebooks.labels().map((l) => l.name), ['政策工具', '政策工具/供给型', '目标']);
    const editor = await openFresh('team-pick.txt', '科技部加大财政补贴力度。𠮷\n');
    select(editor, '财政补贴');
    a.picker.items = undefined;
    const picking = vscode.commands.executeCommand('policyLens.tagSelection');
    const items = await waitFor(() => a.picker.items, 'the label picker shown');
    assert.deepEqual(items.slice(0, 3), ['政策工具', '政策工具/供给型', '目标']);
    assert.ok(items.includes('department'), 'entity types still offered');
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.equal(await picking, undefined);

    const tags = (await vscode.commands.executeCommand('policyLens.tagSelection', '政策工具/供给型')) as Tag[];
    assert.equal(tags.length, 1);
    assert.equal(tags[0].annotator, '王五');
    assert.deepEqual(tags[0].attributes, { 强度: '强' });
    await a.tags.flush();
    const sidecar = JSON.parse(fs.readFileSync(sidecarOf('team-pick.txt'), 'utf8')) as { tags: Array<Record<string, unknown>> };
    assert.equal(sidecar.tags[0].annotator, '王五');
    const out = vscode.Uri.file(path.join(workspaceDir(), 'team-export'));
    const written = (await vscode.commands.executeCommand('policyLens.exportAnnotations', 'document', 'policy-lens', out)) as vscode.Uri[];
    const doc = JSON.parse(fs.readFileSync(written[0].fsPath, 'utf8')) as { tags: Array<Record<string, unknown>> };
    assert.equal(doc.tags[0].annotator, '王五');
    assert.deepEqual(doc.tags[0].attributes, { 强度: '强' });
    const w3c = (await vscode.commands.executeCommand('policyLens.exportAnnotations', 'document', 'w3c', out)) as vscode.Uri[];
    assert.match(fs.readFileSync(w3c[0].fsPath, 'utf8'), /"creator":\s*\{\s*"type":\s*"Person",\s*"name":\s*"王五"/);
    fs.rmSync(out.fsPath, { recursive: true, force: true });

    // the Tags view's filter: mine keeps it, another annotator's tag drops out
    select(editor, '科技部');
    await a.tags.addTag(editor.document, 0, 3, '目标', { annotator: '赵六' });
    a.tagsView.setFilter('mine');
    const shown = a.tagsView.getChildren().flatMap((n) => (n.kind === 'label' ? n.tags.map((t) => t.annotator) : []));
    assert.deepEqual(shown, ['王五']);
    a.tagsView.setFilter('all');
    assert.equal(a.tagsView.getChildren().flatMap((n) => (n.kind === 'label' ? n.tags : [])).length, 2);
  });

  it('an unknown label or a bad attribute value is a diagnostic; a corrupt codebook keeps the labels; a fixed one is reloaded', async () => {
    const a = await api();
    const editor = await openFresh('team-diag.txt', '推进揭榜挂帅，完善补贴。\n');
    select(editor, '揭榜挂帅');
    await vscode.commands.executeCommand('policyLens.tagSelection', '供给型');
    select(editor, '补贴');
    await vscode.commands.executeCommand('policyLens.tagSelection', '政策工具/供给型', { 强度: '极强' });
    const diags = await waitFor(() => {
      const d = vscode.languages.getDiagnostics(editor.document.uri).filter((x) => x.source === 'Policy Lens');
      return d.length === 2 && d;
    }, 'two codebook diagnostics');
    const byCode = new Map(diags.map((d) => [String(d.code), d]));
    assert.equal(editor.document.getText(byCode.get('unknown-label')!.range), '揭榜挂帅');
    assert.match(byCode.get('unknown-label')!.message, /政策工具\/供给型/);
    assert.equal(editor.document.getText(byCode.get('bad-attribute')!.range), '补贴');

    fs.writeFileSync(codebookFile(), '{ "labels": [ { "name": "x", } ] }');
    await a.codebooks.reload(vscode.Uri.file(codebookFile()));
    assert.deepEqual(a.codebooks.labels().map((l) => l.name), ['政策工具', '政策工具/供给型', '目标'], 'previous labels kept');
    const onFile = vscode.languages.getDiagnostics(vscode.Uri.file(codebookFile()));
    assert.equal(onFile.length, 1);
    assert.match(onFile[0].message, /^line 1, column \d+: invalid JSON/);

    fs.writeFileSync(codebookFile(), JSON.stringify({ ...CODEBOOK, labels: [...CODEBOOK.labels, { name: '供给型' }] }, null, 2));
    await a.codebooks.reload(vscode.Uri.file(codebookFile()));
    assert.ok(a.codebooks.labels().some((l) => l.name === '供给型'));
    await waitFor(() => vscode.languages.getDiagnostics(editor.document.uri).filter((x) => x.code === 'unknown-label').length === 0 || undefined, 'the unknown label is known now');
    fs.writeFileSync(codebookFile(), JSON.stringify(CODEBOOK, null, 2));
    await a.codebooks.reload(vscode.Uri.file(codebookFile()));
  });

  it('undo then redo a tagging action (policyLens.redoTagging)', async () => {
    const a = await api();
    const editor = await openFresh('team-redo.txt', '海关总署查获约5.76万件。\n');
    select(editor, '海关总署');
    await vscode.commands.executeCommand('policyLens.tagSelection', '目标');
    assert.equal(a.tags.tags(editor.document.uri).length, 1);
    assert.equal(await vscode.commands.executeCommand('policyLens.undoTagging'), true);
    assert.equal(a.tags.tags(editor.document.uri).length, 0);
    assert.equal(await vscode.commands.executeCommand('policyLens.redoTagging'), true);
    const again = a.tags.tags(editor.document.uri);
    assert.equal(again.length, 1);
    assert.equal(again[0].annotator, '王五');
    assert.equal(await vscode.commands.executeCommand('policyLens.redoTagging'), false);
  });

  it('review status per document (sidecar, status bar) and the next document to annotate in path order', async () => {
    const a = await api();
    await config().update('index.include', 'team-queue/*.txt', vscode.ConfigurationTarget.Workspace);
    for (const n of ['a', 'b', 'c']) fs.rmSync(sidecarOf(`team-queue/${n}.txt`), { force: true });
    const ea = await openFresh('team-queue/a.txt', '甲文。\n');
    assert.equal(await vscode.commands.executeCommand('policyLens.setReviewStatus', 'done'), 'done');
    assert.match(a.review.item.text, /done|已完成/);
    await a.tags.flush();
    const sidecar = JSON.parse(fs.readFileSync(sidecarOf('team-queue/a.txt'), 'utf8')) as { review: { status: string; by: string } };
    assert.equal(sidecar.review.status, 'done');
    assert.equal(sidecar.review.by, '王五');
    await openFresh('team-queue/b.txt', '乙文。\n');
    await openFresh('team-queue/c.txt', '丙文。\n');
    await vscode.commands.executeCommand('policyLens.setReviewStatus', 'in-progress');
    await a.tags.flush();
    await vscode.window.showTextDocument(ea.document);
    const next = (await vscode.commands.executeCommand('policyLens.nextDocument')) as vscode.Uri;
    assert.equal(path.basename(next.fsPath), 'b.txt');
    assert.equal(path.basename(vscode.window.activeTextEditor!.document.uri.fsPath), 'b.txt');
    await vscode.commands.executeCommand('policyLens.setReviewStatus', 'curated');
    const after = (await vscode.commands.executeCommand('policyLens.nextDocument')) as vscode.Uri;
    assert.equal(path.basename(after.fsPath), 'c.txt', 'in progress counts as still to annotate');
    await vscode.commands.executeCommand('policyLens.setReviewStatus', 'done');
    assert.equal(await vscode.commands.executeCommand('policyLens.nextDocument'), undefined);
  });
});
