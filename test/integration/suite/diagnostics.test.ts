// Diagnostics and quick fixes in the real host: off by default, on per kind.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, openText, waitFor } from './helpers';

const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Policy Lens');

describe('diagnostics (real extension host)', function () {
  this.timeout(120000);
  const config = () => vscode.workspace.getConfiguration('policyLens');

  after(async () => {
    await config().update('diagnostics.documentNumber', undefined, vscode.ConfigurationTarget.Global);
    await config().update('diagnostics.unbalancedBrackets', undefined, vscode.ConfigurationTarget.Global);
  });

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
});
