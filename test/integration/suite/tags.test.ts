import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Tag } from '../../../src/core/tags/types';
import { TagStore } from '../../../src/vscode/tagStore';
import { api, openFresh, select, sidecarOf, waitFor, workspaceDir } from './helpers';

describe('tagging (real extension host)', function () {
  this.timeout(60000);

  it('Tag Selection tags the text, writes the sidecar, and a fresh store (a reload) reads it back', async () => {
    const a = await api();
    const editor = await openFresh('tag-me.txt', '第一段。\r\n科技部推广“揭榜挂帅”等新机制，𠮷选派1.75万名科技特派员。\r\n');
    await select(editor, '推广“揭榜挂帅”等新机制');
    const tags = (await vscode.commands.executeCommand('policyLens.tagSelection', '措施')) as Tag[];
    assert.equal(tags.length, 1);
    await a.tags.flush();
    const sidecar = JSON.parse(fs.readFileSync(sidecarOf('tag-me.txt'), 'utf8'));
    assert.equal(sidecar.format, 'policy-lens-tags/1');
    assert.equal(sidecar.tags[0].label, '措施');
    // Code points in the sidecar: the text before the tag has no astral character, so both units agree here…
    assert.equal(sidecar.tags[0].start, editor.document.getText().indexOf('推广'));
    // …and after a restart the tag is found again.
    const reloaded = new TagStore((d) => a.analysis.accepts(d));
    try {
      await reloaded.load(editor.document);
      const again = reloaded.tags(editor.document.uri);
      assert.equal(again.length, 1);
      assert.equal(editor.document.getText().slice(again[0].start, again[0].end), '推广“揭榜挂帅”等新机制');
    } finally {
      reloaded.dispose();
    }
    const ranges = await waitFor(() => a.tagDecorations.applied.get(editor)?.get('措施'), 'tag decorated');
    assert.equal(editor.document.getText(ranges[0]), '推广“揭榜挂帅”等新机制');
  });

  it('notes, hover, edits that shift the tag, remove and undo', async () => {
    const a = await api();
    const editor = await openFresh('note-me.txt', '海关总署查获约5.76万件。\n');
    await select(editor, '查获约5.76万件');
    await vscode.commands.executeCommand('policyLens.tagSelection', '成效');
    editor.selection = new vscode.Selection(editor.document.positionAt(5), editor.document.positionAt(5)); // inside 查获…
    assert.equal(await vscode.commands.executeCommand('policyLens.editNote', '季度数据 "含"\n第二行'), true);
    const hovers = (await vscode.commands.executeCommand('vscode.executeHoverProvider', editor.document.uri, editor.document.positionAt(5))) as vscode.Hover[];
    const text = hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')).join('\n');
    assert.match(text, /成效/);
    assert.match(text, /季度数据/);
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), '今年前三季度，'));
    const tag = a.tags.tags(editor.document.uri)[0];
    assert.equal(editor.document.getText().slice(tag.start, tag.end), '查获约5.76万件');
    editor.selection = new vscode.Selection(editor.document.positionAt(tag.start + 1), editor.document.positionAt(tag.start + 1));
    assert.equal(await vscode.commands.executeCommand('policyLens.removeTag'), true);
    assert.equal(a.tags.tags(editor.document.uri).length, 0);
    assert.equal(await vscode.commands.executeCommand('policyLens.undoTagging'), true);
    assert.equal(a.tags.tags(editor.document.uri).length, 1);
    assert.equal(a.tags.tags(editor.document.uri)[0].note, '季度数据 "含"\n第二行');
  });

  it('deleting the tagged text orphans the tag; it is kept and listed', async () => {
    const a = await api();
    const editor = await openFresh('orphan-me.txt', '甲乙丙丁。\n');
    await select(editor, '乙丙');
    await vscode.commands.executeCommand('policyLens.tagSelection', '问题');
    await editor.edit((b) => b.delete(new vscode.Range(0, 0, 0, 4)));
    const tags = a.tags.tags(editor.document.uri);
    assert.equal(tags.length, 1);
    assert.equal(tags[0].orphan, true);
    const roots = a.tagsView.getChildren();
    assert.ok(roots.some((n) => n.kind === 'label' && n.orphans && n.tags.length === 1));
  });

  it('a change on disk re-anchors tags by their quote', async () => {
    const a = await api();
    const editor = await openFresh('disk-change.txt', '开头。国家卫健委创建992个全国首批示范性老年友好型社区。结尾。\n');
    await select(editor, '创建992个全国首批示范性老年友好型社区');
    await vscode.commands.executeCommand('policyLens.tagSelection', '成效');
    await a.tags.flush();
    const file = editor.document.uri.fsPath;
    fs.writeFileSync(file, '新加的一段话放在最前面。\n开头。国家卫健委创建992个全国首批示范性老年友好型社区。结尾。\n');
    await waitFor(() => editor.document.getText().startsWith('新加的'), 'document reloaded from disk');
    const tag = await waitFor(() => {
      const t = a.tags.tags(editor.document.uri)[0];
      return t && !t.orphan && editor.document.getText().slice(t.start, t.end) === '创建992个全国首批示范性老年友好型社区' ? t : undefined;
    }, 're-anchored tag');
    assert.equal(tag.label, '成效');
  });

  it('a corrupt sidecar is never overwritten: a backup is kept, the error is given, tagging waits', async () => {
    const a = await api();
    const name = 'corrupt.txt';
    fs.writeFileSync(path.join(workspaceDir(), name), '科技部召开会议。\n');
    fs.mkdirSync(path.dirname(sidecarOf(name)), { recursive: true });
    const garbage = '{"format": "policy-lens-tags/1", "tags": [ {oops';
    fs.writeFileSync(sidecarOf(name), garbage);
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(workspaceDir(), name)));
    const editor = await vscode.window.showTextDocument(doc);
    const state = await waitFor(() => a.tags.get(doc.uri), 'state loaded');
    assert.ok(state.blocked, 'blocked');
    assert.match(state.blocked!, /corrupt\.txt\.json/);
    await select(editor, '科技部');
    const result = await vscode.commands.executeCommand('policyLens.tagSelection', '措施');
    assert.deepEqual(result, []);
    await a.tags.flush();
    assert.equal(fs.readFileSync(sidecarOf(name), 'utf8'), garbage, 'the sidecar is untouched');
    assert.ok(fs.readdirSync(path.dirname(sidecarOf(name))).some((f) => f.startsWith('corrupt.txt.json.bak-')), 'a backup copy exists');
  });

  it('Reject Entity hides an automatic entity; Confirm Entity makes it a manual tag', async () => {
    const a = await api();
    const editor = await openFresh('reject-me.txt', '科技部与海关总署联合部署。\n');
    await a.analysis.whenAnalysed(editor.document);
    editor.selection = new vscode.Selection(0, 1, 0, 1);
    assert.equal(await vscode.commands.executeCommand('policyLens.rejectEntity'), true);
    await waitFor(() => (a.decorations.appliedTo(editor)?.ranges.department.length ?? 0) === 1, 'rejected entity hidden');
    editor.selection = new vscode.Selection(0, 6, 0, 6);
    const tag = (await vscode.commands.executeCommand('policyLens.confirmEntity')) as Tag;
    assert.equal(tag.source, 'confirmed');
    assert.equal(tag.label, 'department');
    assert.equal(tag.entity?.canonical, '海关总署');
  });

  it('renaming a file carries its sidecar', async () => {
    const a = await api();
    const editor = await openFresh('rename-me.txt', '生态环境部部署工作。\n');
    await select(editor, '部署工作');
    await vscode.commands.executeCommand('policyLens.tagSelection', '措施');
    await a.tags.flush();
    const to = vscode.Uri.file(path.join(workspaceDir(), 'renamed.txt'));
    const edit = new vscode.WorkspaceEdit();
    edit.renameFile(editor.document.uri, to, { overwrite: true });
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitFor(() => fs.existsSync(sidecarOf('renamed.txt')), 'sidecar moved');
    assert.ok(!fs.existsSync(sidecarOf('rename-me.txt')));
    assert.equal(JSON.parse(fs.readFileSync(sidecarOf('renamed.txt'), 'utf8')).tags[0].label, '措施');
  });

  it('Export Annotations writes policy-lens/1 with tags and doccano; Import brings brat annotations in; Compare Annotators reports agreement', async () => {
    const a = await api();
    const editor = await openFresh('exchange.txt', '𠮷科技部推广“揭榜挂帅”等新机制。\n');
    await select(editor, '推广“揭榜挂帅”等新机制');
    await vscode.commands.executeCommand('policyLens.tagSelection', '措施');
    await a.analysis.whenAnalysed(editor.document);
    const out = vscode.Uri.file(path.join(workspaceDir(), 'export-out'));
    const written = (await vscode.commands.executeCommand('policyLens.exportAnnotations', 'document', 'policy-lens', out)) as vscode.Uri[];
    assert.equal(written.length, 1);
    const doc = JSON.parse(fs.readFileSync(written[0].fsPath, 'utf8'));
    assert.equal(doc.format, 'policy-lens/1');
    assert.equal(doc.tags.length, 1);
    assert.equal(doc.tags[0].label, '措施');
    assert.equal(doc.tags[0].start, 4, 'code points: 𠮷 counts one');
    assert.ok(doc.entities.some((e: { canonical?: string }) => e.canonical === '科学技术部'));
    // an XLSX table, written by exceljs loaded from its own bundle (dist/exceljs.js) only now
    const xlsx = (await vscode.commands.executeCommand('policyLens.exportAnnotations', 'document', 'xlsx', out)) as vscode.Uri[];
    assert.equal(xlsx.length, 1);
    const zip = fs.readFileSync(xlsx[0].fsPath);
    assert.equal(zip.subarray(0, 2).toString('latin1'), 'PK', 'an XLSX file is a zip');
    const doccano = (await vscode.commands.executeCommand('policyLens.exportAnnotations', 'document', 'doccano', out)) as vscode.Uri[];
    const line = JSON.parse(fs.readFileSync(doccano[0].fsPath, 'utf8').trim());
    assert.equal(line.text, editor.document.getText());

    const ann = path.join(workspaceDir(), 'exchange.ann');
    fs.writeFileSync(ann, 'T1\torgan 1 4\t科技部\n#1\tAnnotatorNotes T1\t主管部门\n');
    const added = await vscode.commands.executeCommand('policyLens.importAnnotations', vscode.Uri.file(ann), 'brat');
    assert.equal(added, 1);
    const imported = a.tags.tags(editor.document.uri).find((t) => t.label === 'organ');
    assert.equal(editor.document.getText().slice(imported!.start, imported!.end), '科技部');
    assert.equal(imported!.note, '主管部门');

    await a.tags.flush();
    const other = path.join(workspaceDir(), '..', 'other-annotator');
    fs.mkdirSync(path.join(other, '.policy-lens'), { recursive: true });
    fs.copyFileSync(sidecarOf('exchange.txt'), path.join(other, '.policy-lens', 'exchange.txt.json'));
    const report = (await vscode.commands.executeCommand('policyLens.compareAnnotators', vscode.Uri.file(other))) as string;
    assert.match(report, /措施/);
    assert.match(report, /1\.000|1\.00/);
    // two other copies: α over the three, κ and F1 for each pair
    const third = path.join(workspaceDir(), '..', 'third-annotator');
    fs.mkdirSync(path.join(third, '.policy-lens'), { recursive: true });
    const three = (await vscode.commands.executeCommand('policyLens.compareAnnotators', [vscode.Uri.file(other), vscode.Uri.file(third)])) as string;
    assert.match(three, /## Krippendorff's unitized α \(3 annotators\)/);
    assert.match(three, /\| A – B \| \d+ \/ \d+ \| [0-9.]+ \|/);
    assert.match(three, /\| A – C \| \d+ \/ 0 \|/);
    assert.doesNotMatch(three, /^- codebook:/m, 'the codebook is not a document');
    // each copy once, and not this workspace itself
    assert.equal(await vscode.commands.executeCommand('policyLens.compareAnnotators', [vscode.Uri.file(other), vscode.Uri.file(other)]), undefined);
    assert.equal(await vscode.commands.executeCommand('policyLens.compareAnnotators', vscode.Uri.file(workspaceDir())), undefined);
    // a document only another annotator tagged counts too (its text is this workspace's)
    fs.mkdirSync(path.join(third, '.policy-lens'), { recursive: true });
    fs.copyFileSync(sidecarOf('exchange.txt'), path.join(third, '.policy-lens', 'exchange-only-third.txt.json'));
    fs.copyFileSync(path.join(workspaceDir(), 'exchange.txt'), path.join(workspaceDir(), 'exchange-only-third.txt'));
    const union = (await vscode.commands.executeCommand('policyLens.compareAnnotators', [vscode.Uri.file(other), vscode.Uri.file(third)])) as string;
    assert.match(union, /exchange-only-third\.txt/);
    fs.rmSync(path.join(workspaceDir(), 'exchange-only-third.txt'), { force: true });
    fs.rmSync(third, { recursive: true, force: true });
  });

  it('a tag added while a sidecar is being written is written too', async () => {
    const a = await api();
    const editor = await openFresh('race.txt', '甲乙丙丁戊己庚辛。\n');
    await select(editor, '乙丙');
    await vscode.commands.executeCommand('policyLens.tagSelection', '目标');
    const first = a.tags.flush(); // a write is under way…
    await select(editor, '戊己');
    await vscode.commands.executeCommand('policyLens.tagSelection', '问题'); // …when this tag comes in
    await first;
    await a.tags.flush();
    const sidecar = JSON.parse(fs.readFileSync(sidecarOf('race.txt'), 'utf8'));
    assert.deepEqual(sidecar.tags.map((t: { label: string }) => t.label).sort(), ['目标', '问题'].sort());
  });

  it('two windows, one sidecar: tags added in both survive, a tag deleted by hand in the file stays deleted', async () => {
    const a = await api();
    const editor = await openFresh('two-windows.txt', '国务院办公厅印发通知。科技部推广新机制。海关总署查获约5.76万件。\n');
    // a second window: another store on the same documents and the same sidecar
    const other = new TagStore((d) => a.analysis.accepts(d));
    try {
      await other.load(editor.document);
      await select(editor, '科技部');
      await vscode.commands.executeCommand('policyLens.tagSelection', '措施');
      const text = editor.document.getText();
      const theirs = await other.addTag(editor.document, text.indexOf('海关总署'), text.indexOf('海关总署') + 4, '成效');
      assert.ok(theirs);
      // both write at once: neither has seen the other's write
      await Promise.all([a.tags.flush(), other.flush()]);
      await a.tags.flush();
      await other.flush();
      const labels = () => JSON.parse(fs.readFileSync(sidecarOf('two-windows.txt'), 'utf8')).tags.map((t: { label: string }) => t.label).sort();
      await waitFor(() => JSON.stringify(labels()) === JSON.stringify(['成效', '措施']), 'both tags in the sidecar');
      await waitFor(() => a.tags.tags(editor.document.uri).length === 2 && other.tags(editor.document.uri).length === 2, 'both windows see both tags');
      // a tag deleted by hand in the sidecar
      const o = JSON.parse(fs.readFileSync(sidecarOf('two-windows.txt'), 'utf8'));
      o.tags = o.tags.filter((t: { id: string }) => t.id !== theirs.id);
      fs.writeFileSync(sidecarOf('two-windows.txt'), JSON.stringify(o, null, 2) + '\n');
      await waitFor(() => a.tags.tags(editor.document.uri).length === 1 && other.tags(editor.document.uri).length === 1, 'the hand deletion seen by both');
      await select(editor, '国务院办公厅');
      await vscode.commands.executeCommand('policyLens.tagSelection', '目标');
      await a.tags.flush();
      await waitFor(() => other.tags(editor.document.uri).length === 2, 'the new tag seen by the other window');
      await other.flush();
      assert.deepEqual(labels(), ['措施', '目标'], 'the deleted tag did not come back');
    } finally {
      other.dispose();
    }
  });

  it('a pending tag survives a sidecar that becomes invalid (bad UTF-8) and is fixed; the bad file is backed up, never rewritten', async () => {
    const a = await api();
    const name = 'invalid-then-fixed.txt';
    const editor = await openFresh(name, '科技部召开会议。海关总署部署工作。\n');
    await select(editor, '科技部');
    await vscode.commands.executeCommand('policyLens.tagSelection', '措施');
    await a.tags.flush();
    const good = fs.readFileSync(sidecarOf(name));
    await select(editor, '海关总署');
    await vscode.commands.executeCommand('policyLens.tagSelection', '成效'); // pending: not written yet
    const bad = Buffer.concat([good.subarray(0, 40), Buffer.from([0xff, 0xfe]), good.subarray(40)]);
    fs.writeFileSync(sidecarOf(name), bad);
    const state = await waitFor(() => a.tags.get(editor.document.uri)?.blocked, 'blocked by the invalid sidecar');
    assert.match(state, /invalid-then-fixed\.txt\.json/);
    assert.match(state, /line \d+/);
    await a.tags.flush();
    assert.deepEqual(fs.readFileSync(sidecarOf(name)), bad, 'never rewritten');
    const dir = path.dirname(sidecarOf(name));
    const backups = fs.readdirSync(dir).filter((f) => f.startsWith(`${name}.json.bak-`));
    assert.ok(backups.some((f) => fs.readFileSync(path.join(dir, f)).equals(bad)), 'a backup of the very bytes');
    assert.equal(a.tags.tags(editor.document.uri).length, 2, 'in-memory tags kept');
    fs.writeFileSync(sidecarOf(name), good); // fixed
    await waitFor(() => !a.tags.get(editor.document.uri)?.blocked, 'unblocked');
    await a.tags.flush();
    await waitFor(() => JSON.parse(fs.readFileSync(sidecarOf(name), 'utf8')).tags.length === 2, 'the pending tag written after the fix');
  });

  it('renaming a document onto one with a sidecar keeps that sidecar under a backup name', async () => {
    const a = await api();
    const target = await openFresh('target.txt', '生态环境部部署工作。\n');
    await select(target, '生态环境部');
    await vscode.commands.executeCommand('policyLens.tagSelection', '目标');
    await a.tags.flush();
    const targetSidecar = fs.readFileSync(sidecarOf('target.txt'), 'utf8');
    const source = await openFresh('source.txt', '财政部下达资金。\n');
    await select(source, '下达资金');
    await vscode.commands.executeCommand('policyLens.tagSelection', '措施');
    await a.tags.flush();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const edit = new vscode.WorkspaceEdit();
    edit.renameFile(source.document.uri, vscode.Uri.file(path.join(workspaceDir(), 'target.txt')), { overwrite: true });
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitFor(() => !fs.existsSync(sidecarOf('source.txt')), 'sidecar moved');
    await a.tags.flush();
    assert.equal(JSON.parse(fs.readFileSync(sidecarOf('target.txt'), 'utf8')).tags[0].label, '措施');
    const dir = path.dirname(sidecarOf('target.txt'));
    const backup = fs.readdirSync(dir).find((f) => f.startsWith('target.txt.json.bak-'));
    assert.ok(backup, 'the old sidecar is kept');
    assert.equal(fs.readFileSync(path.join(dir, backup), 'utf8'), targetSidecar);
  });

  it('a document renamed outside VS Code finds its sidecar again by the text hash', async () => {
    const a = await api();
    const editor = await openFresh('moved-out.txt', '水利部推进河湖长制。独一无二的一段文字。\n');
    await select(editor, '推进河湖长制');
    await vscode.commands.executeCommand('policyLens.tagSelection', '措施');
    await a.tags.flush();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const to = path.join(workspaceDir(), 'moved-in.txt');
    fs.rmSync(sidecarOf('moved-in.txt'), { force: true });
    fs.renameSync(editor.document.uri.fsPath, to); // outside VS Code: the sidecar stays behind
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(to));
    await vscode.window.showTextDocument(doc);
    const tags = await waitFor(() => (a.tags.tags(doc.uri).length ? a.tags.tags(doc.uri) : undefined), 'tags found again');
    assert.equal(doc.getText().slice(tags[0].start, tags[0].end), '推进河湖长制');
    assert.ok(fs.existsSync(sidecarOf('moved-in.txt')));
    assert.ok(!fs.existsSync(sidecarOf('moved-out.txt')));
  });

  it('hovers show data as text: no links, images or commands from a sidecar; List all survives ) and ] in names', async () => {
    const a = await api();
    const editor = await openFresh('hover (1)].txt', '海关总署查获约5.76万件。\n');
    await select(editor, '查获约5.76万件');
    await vscode.commands.executeCommand('policyLens.tagSelection', '成效');
    editor.selection = new vscode.Selection(editor.document.positionAt(5), editor.document.positionAt(5));
    await vscode.commands.executeCommand('policyLens.editNote', '[run](command:workbench.action.terminal.new) ![x](http://example.com/x.png) <img src=x> $(alert)');
    const hovers = (await vscode.commands.executeCommand('vscode.executeHoverProvider', editor.document.uri, editor.document.positionAt(5))) as vscode.Hover[];
    const values = hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''));
    const tagHover = values.find((v) => v.includes('run'));
    assert.ok(tagHover, values.join('\n---\n'));
    assert.doesNotMatch(tagHover, /(^|[^\\])\[run\]\(/, 'no link from the note');
    assert.doesNotMatch(tagHover, /(^|[^\\])!\[x\]/, 'no image from the note');
    // raw HTML stays text: appendText leaves <img>, the hover renders no HTML (supportHtml off)
    const tagMd = hovers.flatMap((h) => h.contents).find((c) => typeof c !== 'string' && 'value' in c && c.value.includes('run')) as vscode.MarkdownString;
    assert.equal(tagMd.supportHtml, false, 'no HTML from the note');
    assert.doesNotMatch(tagHover, /(^|[^\\])\$\(alert\)/, 'no icon from the note');
    await a.analysis.whenAnalysed(editor.document);
    const entityHovers = (await vscode.commands.executeCommand('vscode.executeHoverProvider', editor.document.uri, editor.document.positionAt(1))) as vscode.Hover[];
    const md = entityHovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')).find((v) => v.includes('command:policyLens.showMentions'));
    assert.ok(md, 'the entity hover links List all');
    const m = /\]\(command:policyLens\.showMentions\?([^)\s]*)\)/.exec(md);
    assert.ok(m, md);
    assert.equal(JSON.parse(decodeURIComponent(m[1]))[0], editor.document.uri.toString());
  });
});
