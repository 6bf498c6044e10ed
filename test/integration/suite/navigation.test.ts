// Native navigation in the real host: outline and folding of a 公文's
// structure, references of an entity, definitions and links.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { api, waitFor, workspaceDir } from './helpers';

const REGULATION = [
  '某市街道管理条例',
  '第一章　总则',
  '第一条　为了规范街道管理，制定本条例。',
  '第二条　本条例适用于本市行政区域。',
  '第二章　职责',
  '第三条　街道办事处履行下列职责：',
  '（一）组织实施辖区建设；',
  '（二）依照第一条规定开展工作。',
  '1.75万名居民参与。',
  '第三章　附则',
  '第四条　本条例自公布之日起施行。',
].join('\r\n');

async function openText(name: string, text: string): Promise<vscode.TextDocument> {
  const file = path.join(workspaceDir(), name);
  fs.writeFileSync(file, text);
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  await vscode.window.showTextDocument(doc);
  return doc;
}

describe('navigation (real extension host)', function () {
  this.timeout(120000);

  it('the outline shows the title, chapters and articles as nested symbols, and folds each to the next heading', async () => {
    await api();
    const doc = await openText('outline-regulation.txt', REGULATION);
    const symbols = await waitFor(async () => {
      const s = (await vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', doc.uri)) as vscode.DocumentSymbol[] | undefined;
      return s && s.length > 0 ? s : undefined;
    }, 'document symbols');
    const tree = (list: readonly vscode.DocumentSymbol[], depth = 0): string[] => list.flatMap((s) => [`${'  '.repeat(depth)}${s.name}`, ...tree(s.children, depth + 1)]);
    assert.deepEqual(tree(symbols), [
      '某市街道管理条例',
      '  第一章　总则',
      '    第一条　为了规范街道管理，制定本条例',
      '    第二条　本条例适用于本市行政区域',
      '  第二章　职责',
      '    第三条　街道办事处履行下列职责：',
      '      （一）组织实施辖区建设',
      '      （二）依照第一条规定开展工作',
      '  第三章　附则',
      '    第四条　本条例自公布之日起施行',
    ]);
    const chapter2 = symbols[0].children[1];
    assert.equal(chapter2.range.start.line, 4);
    assert.equal(chapter2.range.end.line, 8, 'chapter 2 spans to the line before 第三章 (the 1.75万名 line is no heading)');
    assert.equal(doc.getText(chapter2.selectionRange), '第二章　职责');
    const folds = (await vscode.commands.executeCommand('vscode.executeFoldingRangeProvider', doc.uri)) as vscode.FoldingRange[];
    const spans = folds.map((f) => `${f.start}-${f.end}`);
    for (const want of ['1-3', '4-8', '5-8', '7-8', '9-10']) assert.ok(spans.includes(want), `fold ${want} in ${spans.join(' ')}`);
    assert.ok(!spans.includes('0-10'), 'the title does not fold the whole document');
  });
});
