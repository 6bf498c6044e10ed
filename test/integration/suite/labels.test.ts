import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Tag } from '../../../src/core/tags/types';
import { api, openFresh, select, waitFor } from './helpers';

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

  it('a rejected entity is struck through and drops out of the hover, counts, the Entities and Departments views and references', async () => {
    const a = await api();
    const editor = await openFresh('labels-rejected.txt', '科技部与海关总署联合部署。科技部负责。\n');
    await a.analysis.whenAnalysed(editor.document);
    const at = editor.document.getText().indexOf('海关总署') + 1;
    const pos = editor.document.positionAt(at);
    const hoverText = async () => {
      const hovers = (await vscode.commands.executeCommand('vscode.executeHoverProvider', editor.document.uri, pos)) as vscode.Hover[];
      return hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')).join('\n');
    };
    assert.match(await hoverText(), /海关总署/);
    const departmentsBefore = a.analysis.model(editor.document)!.countsByType().get('department');
    assert.equal(departmentsBefore, 3);
    editor.selection = new vscode.Selection(pos, pos);
    assert.equal(await vscode.commands.executeCommand('policyLens.rejectEntity'), true);
    const rejected = await waitFor(() => {
      const r = a.decorations.appliedTo(editor)?.rejected;
      return r && r.length === 1 ? r : undefined;
    }, 'rejected entity struck through');
    assert.equal(editor.document.getText(rejected[0]), '海关总署');
    assert.ok(!(a.decorations.appliedTo(editor)?.ranges.department ?? []).some((r) => editor.document.getText(r) === '海关总署'), 'not highlighted as a department');
    assert.doesNotMatch(await hoverText(), /海关总署/);
    assert.equal(a.analysis.model(editor.document)!.countsByType().get('department'), 2);
    const refs = ((await vscode.commands.executeCommand('vscode.executeReferenceProvider', editor.document.uri, pos)) as vscode.Location[] | undefined) ?? [];
    assert.equal(refs.length, 0);
    const kept = a.analysis.model(editor.document)!.entityAt(0, 1)!.canonical!; // 科学技术部
    const names = await waitFor(() => {
      const roots = a.entities.getChildren();
      const departments = roots.find((n) => n.kind === 'type' && n.type === 'department');
      const labels = departments?.kind === 'type' ? departments.children.map((c) => (c.kind === 'name' ? c.label : '')) : [];
      return labels.includes(kept) && !labels.includes('海关总署') ? labels : undefined;
    }, 'Entities view without the rejected entity');
    assert.deepEqual(names, [kept]);
    await waitFor(() => {
      const groups = a.departments.getChildren();
      const labels = groups.map((g) => ('canonical' in g ? g.canonical : ''));
      return labels.includes(kept) && !labels.includes('海关总署');
    }, 'Departments view without the rejected entity');
  });

  it('the Entities view keeps quantities of a unit together, by value (count sort too); the status bar says "1 department"', async () => {
    const a = await api();
    const editor = await openFresh('labels-quantities.txt', '科技部选派10名干部，补助500元；另选派9名专家，补助20元。\n');
    await a.analysis.whenAnalysed(editor.document);
    a.state.set({ scope: 'document', filter: '', sort: 'count' });
    const labels = await waitFor(() => {
      const r = a.entities.getChildren().find((n) => n.kind === 'type' && n.type === 'quantity');
      const l = r?.kind === 'type' ? r.children.map((c) => (c.kind === 'name' ? c.label : '')) : [];
      return l.length === 4 ? l : undefined;
    }, 'four quantities in the Entities view');
    assert.deepEqual(labels, ['9名', '10名', '20元', '500元']);
    await waitFor(() => /(?:1 department|1 个部门)(?! ?s)/.test(a.statusBar.item.text) && !/1 departments/.test(a.statusBar.item.text), `status bar singular: ${a.statusBar.item.text}`);
  });

  it('the quantity hover totals only the same unit of the same thing', async () => {
    const a = await api();
    const editor = await openFresh('labels-totals.txt', '选派1.75万名科技特派员，资助3万名学生，另选派2500名科技特派员。\n（一）500元。\n');
    await a.analysis.whenAnalysed(editor.document);
    const hoverAt = async (needle: string) => {
      const pos = editor.document.positionAt(editor.document.getText().indexOf(needle) + 1);
      const hovers = (await vscode.commands.executeCommand('vscode.executeHoverProvider', editor.document.uri, pos)) as vscode.Hover[];
      return hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')).join('\n');
    };
    const first = await hoverAt('1.75万名');
    assert.match(first, /科技特派员/);
    assert.match(first, /20,000/);
    assert.doesNotMatch(first, /50,000|52,500|49,500/);
    const students = await hoverAt('3万名');
    assert.match(students, /学生/);
    assert.match(students, /30,000/);
    assert.doesNotMatch(students, /50,000|52,500/);
    assert.match(await hoverAt('500元'), /No total|不合计/);
  });

  it('semantic tokens come from the analysed entities and are empty after Toggle Highlighting', async () => {
    const a = await api();
    const editor = await openFresh('labels-tokens.txt', '科技部推广“揭榜挂帅”等新机制，2021年选派1.75万名科技特派员。\n他指出：“要抓落实。”\n');
    await a.analysis.whenAnalysed(editor.document);
    const legend = (await vscode.commands.executeCommand('vscode.provideDocumentSemanticTokensLegend', editor.document.uri)) as vscode.SemanticTokensLegend;
    assert.ok(legend.tokenTypes.includes('policyLensTerm'), legend.tokenTypes.join());
    /** The tokens decoded: [line, start, length, type]. */
    const decoded = async () => {
      const tokens = (await vscode.commands.executeCommand('vscode.provideDocumentSemanticTokens', editor.document.uri)) as vscode.SemanticTokens | undefined;
      const out: Array<{ text: string; type: string }> = [];
      let line = 0;
      let char = 0;
      const d = tokens?.data ?? new Uint32Array(0);
      for (let i = 0; i < d.length; i += 5) {
        line += d[i];
        char = d[i] === 0 ? char + d[i + 1] : d[i + 1];
        out.push({ text: editor.document.lineAt(line).text.slice(char, char + d[i + 2]), type: legend.tokenTypes[d[i + 3]] });
      }
      return out;
    };
    const tokens = await waitFor(async () => {
      const t = await decoded();
      return t.some((x) => x.type === 'policyLensTerm') ? t : undefined;
    }, 'semantic tokens');
    assert.ok(tokens.some((t) => t.text === '“揭榜挂帅”' && t.type === 'policyLensTerm'), JSON.stringify(tokens));
    assert.ok(tokens.some((t) => t.text === '1.75万名' && t.type === 'policyLensQuantity'), JSON.stringify(tokens));
    assert.ok(tokens.some((t) => t.type === 'policyLensDepartment'), JSON.stringify(tokens));
    assert.ok(!tokens.some((t) => t.text.includes('要抓落实')), 'quoted speech is no term');
    const wasOn = a.decorations.enabled;
    assert.equal(await vscode.commands.executeCommand('policyLens.toggleHighlighting'), false);
    try {
      await waitFor(async () => (await decoded()).length === 0, 'no semantic tokens while highlighting is off');
    } finally {
      if (wasOn && !a.decorations.enabled) await vscode.commands.executeCommand('policyLens.toggleHighlighting');
    }
    await waitFor(async () => (await decoded()).length > 0, 'semantic tokens back');
  });
});
