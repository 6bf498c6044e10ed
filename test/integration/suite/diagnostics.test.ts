// Diagnostics and quick fixes in the real host: off by default, on per kind.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { api, openText, waitFor, workspaceDir } from './helpers';

const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Policy Lens');

describe('diagnostics (real extension host)', function () {
  this.timeout(120000);
  const config = () => vscode.workspace.getConfiguration('policyLens');

  after(async () => {
    await config().update('diagnostics.documentNumber', undefined, vscode.ConfigurationTarget.Global);
    await config().update('diagnostics.unbalancedBrackets', undefined, vscode.ConfigurationTarget.Global);
    await config().update('diagnostics.formerName', undefined, vscode.ConfigurationTarget.Global);
    await config().update('diagnostics.inconsistentNames', undefined, vscode.ConfigurationTarget.Global);
  });

  const actionsFor = async (doc: vscode.TextDocument, range: vscode.Range) =>
    (await vscode.commands.executeCommand('vscode.executeCodeActionProvider', doc.uri, range)) as vscode.CodeAction[];

  it('none by default; with the setting on a 发文字号 in [ ] is reported and its quick fix writes 〔YYYY〕N号', async () => {
    await api();
    const doc = await openText('diagnostics-number.txt', '根据国发[2019]3号文件，制定本办法。\n');
    await new Promise((r) => setTimeout(r, 800));
    assert.equal(ours(doc.uri).length, 0);
    await config().update('diagnostics.documentNumber', true, vscode.ConfigurationTarget.Global);
    const [d] = await waitFor(() => { const ds = ours(doc.uri); return ds.length ? ds : undefined; }, 'a document-number diagnostic');
    assert.equal(d.code, 'documentNumber');
    assert.equal(doc.getText(d.range), '[2019]3号');
    const actions = (await vscode.commands.executeCommand('vscode.executeCodeActionProvider', doc.uri, d.range)) as vscode.CodeAction[];
    const fix = actions.find((a) => a.kind?.value === 'quickfix' && a.edit);
    assert.ok(fix, 'a quick fix');
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    assert.equal(doc.lineAt(0).text, '根据国发〔2019〕3号文件，制定本办法。');
    await waitFor(() => ours(doc.uri).length === 0, 'the diagnostic to go');
  });

  it('an unbalanced 《 is reported and fixed by inserting 》', async () => {
    await config().update('diagnostics.unbalancedBrackets', true, vscode.ConfigurationTarget.Global);
    const doc = await openText('diagnostics-brackets.txt', '依据《安全生产法，制定本办法。\n');
    const [d] = await waitFor(() => { const ds = ours(doc.uri); return ds.length ? ds : undefined; }, 'a bracket diagnostic');
    assert.equal(doc.getText(d.range), '《');
    const actions = (await vscode.commands.executeCommand('vscode.executeCodeActionProvider', doc.uri, d.range)) as vscode.CodeAction[];
    const fix = actions.find((a) => a.edit);
    assert.ok(fix);
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    assert.equal(doc.lineAt(0).text, '依据《安全生产法，制定本办法》。');
  });

  it('a former organ name in a 2020 document is reported (off by default) and replaced by its successor, once or everywhere', async () => {
    const text = '请国家卫生计生委牵头，国家卫生计生委负责组织实施。\r\n原国家卫生计生委印发的文件继续有效。\r\n国务院办公厅\r\n2020年3月1日\r\n';
    const doc = await openText('diagnostics-former.txt', text);
    await new Promise((r) => setTimeout(r, 800));
    assert.equal(ours(doc.uri).filter((d) => d.code === 'formerName').length, 0, 'off by default');
    await config().update('diagnostics.formerName', true, vscode.ConfigurationTarget.Global);
    const ds = await waitFor(() => { const x = ours(doc.uri).filter((d) => d.code === 'formerName'); return x.length === 2 && x; }, 'two former-name diagnostics (not the one after 原)');
    assert.equal(doc.getText(ds[0].range), '国家卫生计生委');
    assert.match(ds[0].message, /国家卫生健康委员会/);
    assert.match(ds[0].message, /2018/);
    const actions = await actionsFor(doc, ds[0].range);
    const one = actions.find((a) => a.edit && a.isPreferred && /国家卫生健康委员会/.test(a.title));
    const all = actions.find((a) => a.edit && /^Replace all 2 /.test(a.title));
    assert.ok(one && all, actions.map((a) => a.title).join(' | '));
    assert.ok(await vscode.workspace.applyEdit(all.edit!));
    assert.equal(doc.lineAt(0).text, '请国家卫生健康委员会牵头，国家卫生健康委员会负责组织实施。');
    assert.equal(doc.lineAt(1).text, '原国家卫生计生委印发的文件继续有效。', 'a mention after 原 stays');
    await waitFor(() => ours(doc.uri).filter((d) => d.code === 'formerName').length === 0, 'the diagnostics to go');
    // a historical document (dated before the change) gets nothing
    const old = await openText('diagnostics-former-2015.txt', '请国家卫生计生委牵头。\n国务院办公厅\n2015年3月1日\n');
    await new Promise((r) => setTimeout(r, 1200));
    assert.equal(ours(old.uri).filter((d) => d.code === 'formerName').length, 0);
  });

  it('the same organ written two ways: information on the less frequent form, fixed by the more frequent one', async () => {
    await config().update('diagnostics.inconsistentNames', true, vscode.ConfigurationTarget.Global);
    const doc = await openText('diagnostics-names.txt', '国家卫生健康委要求，国家卫健委指出，国家卫生健康委强调。\n');
    const [d] = await waitFor(() => { const x = ours(doc.uri).filter((y) => y.code === 'inconsistentName'); return x.length === 1 && x; }, 'an inconsistent-name diagnostic');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Information);
    assert.equal(doc.getText(d.range), '国家卫健委');
    const fix = (await actionsFor(doc, d.range)).find((a) => a.edit && /国家卫生健康委/.test(a.title));
    assert.ok(fix);
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    assert.equal(doc.lineAt(0).text, '国家卫生健康委要求，国家卫生健康委指出，国家卫生健康委强调。');
    await waitFor(() => ours(doc.uri).filter((y) => y.code === 'inconsistentName').length === 0, 'the diagnostic to go');
  });

  it('an unknown label: “Change label to …” the closest codebook label, or “Add label … to the codebook” (its formatting kept)', async () => {
    const a = await api();
    const file = path.join(workspaceDir(), '.policy-lens', 'codebook.json');
    const before = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
    const codebook = '{\n  "labels": [\n    {\n      "name": "政策工具",\n      "children": [\n        { "name": "财政补贴" }\n      ]\n    }\n  ]\n}\n';
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, codebook);
    try {
      await a.codebooks.reload(vscode.Uri.file(file));
      const name = 'diagnostics-label.txt';
      fs.rmSync(path.join(workspaceDir(), '.policy-lens', `${name}.json`), { force: true });
      const doc = await openText(name, '加大财政补助力度，推进揭榜挂帅。\n');
      const editor = vscode.window.activeTextEditor!;
      const tag = async (needle: string, label: string) => {
        const at = doc.getText().indexOf(needle);
        editor.selection = new vscode.Selection(doc.positionAt(at), doc.positionAt(at + needle.length));
        await vscode.commands.executeCommand('policyLens.tagSelection', label);
      };
      await tag('财政补助', '政策工具/财政补助');
      await tag('揭榜挂帅', '政策工具/揭榜挂帅');
      const unknown = () => vscode.languages.getDiagnostics(doc.uri).filter((d) => d.code === 'unknown-label');
      const ds = await waitFor(() => unknown().length === 2 && unknown(), 'two unknown-label diagnostics');
      const first = ds.find((d) => doc.getText(d.range) === '财政补助')!;
      const change = (await actionsFor(doc, first.range)).find((x) => x.command && /财政补贴/.test(x.title));
      assert.ok(change, 'a change-label action');
      await vscode.commands.executeCommand(change.command!.command, ...(change.command!.arguments ?? []));
      assert.ok(a.tags.tags(doc.uri).some((t) => t.label === '政策工具/财政补贴'));
      await waitFor(() => unknown().length === 1, 'one unknown label left');
      const second = unknown()[0];
      const add = (await actionsFor(doc, second.range)).find((x) => x.edit && /揭榜挂帅/.test(x.title));
      assert.ok(add, 'an add-label action');
      assert.ok(await vscode.workspace.applyEdit(add.edit!));
      const book = vscode.workspace.textDocuments.find((t) => t.uri.fsPath === file)!;
      assert.ok(await book.save());
      assert.equal(fs.readFileSync(file, 'utf8'), codebook.replace('{ "name": "财政补贴" }\n', '{ "name": "财政补贴" },\n        { "name": "揭榜挂帅" }\n'));
      await a.codebooks.reload(vscode.Uri.file(file));
      await waitFor(() => unknown().length === 0, 'no unknown label');
    } finally {
      if (before === undefined) fs.rmSync(file, { force: true });
      else fs.writeFileSync(file, before);
      await a.codebooks.reload(vscode.Uri.file(file));
    }
  });
});
