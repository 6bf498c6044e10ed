// The tokenizer the engine runs, in the real host: nodejieba where its binary
// loads, jieba-wasm where asked (POLICY_LENS_TOKENIZER=wasm reaches the
// extension host and its worker) or where nodejieba does not load; the status
// bar's tooltip names it and the document is highlighted either way.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, openSample, waitFor } from './helpers';

describe('tokenizer in the host', () => {
  it('the status bar names the tokenizer the engine runs, and the document is analysed with it', async () => {
    const a = await api();
    const editor = await openSample('ministries.txt');
    const info = await a.engine.tokenizerInfo();
    const wanted = process.env.POLICY_LENS_TOKENIZER === 'wasm' ? 'jieba-wasm' : 'nodejieba';
    assert.equal(info.backend, wanted);
    // the tooltip is Markdown: its text escaped (3\.5\.8)
    const tooltip = (): string => (a.statusBar.item.tooltip instanceof vscode.MarkdownString ? a.statusBar.item.tooltip.value.replace(/\\/g, '') : '');
    await waitFor(() => tooltip().includes(`${info.backend} ${info.version}`), `the status bar naming ${info.backend}`).catch((err: Error) => {
      throw new Error(`${err.message}; its tooltip: ${JSON.stringify(tooltip())}`);
    });
    const model = await waitFor(() => {
      const m = a.analysis.model(editor.document);
      return m?.complete && m;
    }, 'analysis');
    const departments = model.countsByType().get('department') ?? 0;
    assert.ok(departments >= 10, `${departments} departments with ${info.backend}`);
  });
});
