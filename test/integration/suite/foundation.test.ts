import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ShowTokensResult } from '../../../src/vscode/showTokensCommand';
import { EXTENSION_ID, api, openSample, waitFor, workspaceDir } from './helpers';

describe('foundation (real extension host)', () => {
  it('the extension is installed and not active before a matching document opens', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, 'extension present');
    const events: string[] = ext.packageJSON.activationEvents;
    assert.ok(!events.includes('*'), 'never activates on *');
    assert.ok(events.includes('onLanguage:plaintext') && events.includes('onLanguage:markdown'));
  });

  it('a fixture document opens as plaintext and activates the extension', async () => {
    const editor = await openSample('ministries.txt');
    assert.equal(editor.document.languageId, 'plaintext');
    assert.ok(editor.document.getText().includes('科技部'));
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    await waitFor(() => ext.isActive, 'activation on onLanguage:plaintext');
  });

  it('nodejieba never loads on the extension host thread (only in the engine worker)', async () => {
    const a = await api();
    await a.engine.warmUp();
    console.log(`activation: ${a.activationMs.toFixed(1)} ms (figures: npm run bench)`);
    const loaded = Object.keys(require.cache).filter((k) => /nodejieba/.test(k));
    assert.deepEqual(loaded, [], 'nodejieba is in the host thread’s module cache');
  });

  it('every contributed command has a handler', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const contributed: string[] = ext.packageJSON.contributes.commands.map((c: { command: string }) => c.command);
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const id of contributed) assert.ok(registered.has(id), `${id} has no handler`);
  });

  it('nodejieba loads in the host’s engine worker', async () => {
    const a = await api();
    const ms = await a.engine.warmUp();
    assert.ok(typeof ms === 'number' && ms >= 0);
    const tokens = await a.engine.tokenize('科技部推广新机制');
    assert.deepEqual(
      tokens.map((t) => t.word),
      ['科技部', '推广', '新机制'],
    );
  });

  it('Show Tokens segments the active document and opens the result', async () => {
    const editor = await openSample('ministries.txt');
    const result = (await vscode.commands.executeCommand('policyLens.showTokens')) as ShowTokensResult;
    assert.ok(result, 'the command returned its result');
    assert.equal(result.uri, editor.document.uri.toString());
    const text = editor.document.getText();
    assert.ok(result.tokens.length > 1000, `${result.tokens.length} tokens`);
    for (const t of result.tokens) assert.equal(text.slice(t.start, t.end), t.word);
    const shown = result.document.getText();
    assert.match(shown, /^# /);
    assert.match(shown, /\n1:1\t科技部\t/);
    assert.ok(vscode.window.visibleTextEditors.some((e) => e.document === result.document), 'result is visible');
  });

  it('Show Tokens keeps offsets right past U+FFFF and with CRLF', async () => {
    const file = path.join(workspaceDir(), 'astral-crlf.txt');
    fs.writeFileSync(file, '𠮷野家😀\r\n科技部推广新机制\r\n');
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    await vscode.window.showTextDocument(doc);
    const result = (await vscode.commands.executeCommand('policyLens.showTokens')) as ShowTokensResult;
    const hit = result.tokens.find((t) => t.word === '新机制');
    assert.ok(hit);
    const pos = doc.positionAt(hit.start);
    assert.deepEqual([pos.line, pos.character], [1, 5]);
    assert.match(result.document.getText(), /\n2:6\t新机制\t/);
  });

  it('the Policy Lens view container and its Departments view exist', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const containers = ext.packageJSON.contributes.viewsContainers.activitybar;
    assert.ok(containers.some((c: { id: string }) => c.id === 'policyLens'));
    await vscode.commands.executeCommand('workbench.view.extension.policyLens');
    const a = await api();
    await waitFor(() => a.departments.treeView.visible, 'Departments view visible');
    assert.ok(a.entities.treeView, 'Entities view exists');
  });

  it('a markdown sample opens and is analysable', async () => {
    const editor = await openSample('gov-work-report-2024.md');
    assert.equal(editor.document.languageId, 'markdown');
    const a = await api();
    const tokens = await a.engine.tokenize(editor.document.getText());
    assert.ok(tokens.some((t) => t.word === '国务院'));
  });
});
