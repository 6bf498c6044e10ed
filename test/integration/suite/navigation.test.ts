// Native navigation in the real host: outline and folding of a 公文's
// structure, references of an entity, definitions and links.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { api, openText, waitFor, workspaceDir } from './helpers';

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

  it('Find All References on a department lists its mentions in the document, in other open texts and in indexed files', async () => {
    const a = await api();
    const other = await openText('references-open.txt', '国家卫生健康委员会负责指导。\n国家卫健委牵头。\n');
    await a.analysis.whenAnalysed(other);
    const closedFile = path.join(workspaceDir(), 'references-closed.txt');
    fs.writeFileSync(closedFile, '第一段。\n由国家卫健委负责。\n');
    await a.index.indexFile(vscode.Uri.file(closedFile));
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(workspaceDir(), 'ministries.txt')));
    await vscode.window.showTextDocument(doc);
    const model = (await a.analysis.whenAnalysed(doc))!;
    const key = 'department:国家卫生健康委员会';
    const here = model.mentionsOf(key);
    assert.ok(here.length >= 3);
    const at = new vscode.Position(here[1].line, here[1].entity.start + 1);
    const locations = (await vscode.commands.executeCommand('vscode.executeReferenceProvider', doc.uri, at)) as vscode.Location[];
    const byFile = new Map<string, string[]>();
    for (const l of locations) byFile.set(path.basename(l.uri.fsPath), [...(byFile.get(path.basename(l.uri.fsPath)) ?? []), `${l.range.start.line}:${l.range.start.character}-${l.range.end.character}`]);
    assert.deepEqual(
      byFile.get('ministries.txt')?.sort(),
      here.map((m) => `${m.line}:${m.entity.start}-${m.entity.end}`).sort(),
    );
    assert.deepEqual(byFile.get('references-open.txt')?.sort(), ['0:0-9', '1:0-5']);
    assert.deepEqual(byFile.get('references-closed.txt'), ['1:1-6']);
    // every location is the department's text
    for (const l of locations.filter((x) => x.uri.toString() === doc.uri.toString())) assert.match(doc.getText(l.range), /国家卫/);
    // nothing on a place without an entity
    const plain = doc.positionAt(doc.getText().indexOf('。'));
    assert.equal(model.entityAt(plain.line, plain.character), undefined);
    const none = (await vscode.commands.executeCommand('vscode.executeReferenceProvider', doc.uri, plain)) as vscode.Location[];
    assert.deepEqual(none, []);
    // the hover's List all (policyLens.showMentions) returns the same mentions and leaves the document in front
    const listed = (await vscode.commands.executeCommand('policyLens.showMentions', doc.uri.toString(), key)) as unknown[];
    assert.equal(listed.length, locations.length);
    await waitFor(() => vscode.window.activeTextEditor?.document.uri.toString() === doc.uri.toString(), 'the document in front');
    await vscode.commands.executeCommand('closeReferenceSearch');
    // a term (no department): its mentions in an indexed file come from the index's positions
    const term = [...model.entities()].find((e) => e.entity.type === 'term')!;
    assert.ok(term, 'a term in ministries.txt');
    const termFile = path.join(workspaceDir(), 'references-term.txt');
    fs.writeFileSync(termFile, `第一行。\r\n再说${term.entity.text}。\r\n`);
    await a.index.indexFile(vscode.Uri.file(termFile));
    const termRefs = (await vscode.commands.executeCommand('vscode.executeReferenceProvider', doc.uri, new vscode.Position(term.line, term.entity.start + 1))) as vscode.Location[];
    const inTermFile = termRefs.filter((l) => path.basename(l.uri.fsPath) === 'references-term.txt');
    assert.deepEqual(inTermFile.map((l) => `${l.range.start.line}:${l.range.start.character}-${l.range.end.character}`), [`1:2-${2 + term.entity.text.length}`]);
  });

  it('go to definition on a 《title》 opens the workspace document with that title; links on titles; a short name goes to its 以下简称', async () => {
    const a = await api();
    const target = path.join(workspaceDir(), 'definition-target.txt');
    fs.writeFileSync(target, '某市数据资源管理办法\n第一条　为了规范数据管理，制定本办法。\n');
    const doc = await openText(
      'definition-source.txt',
      '关于落实的通知\n根据《某市数据资源管理办法》，某市大数据发展管理局（以下简称市数据局）负责。\n市数据局会同有关部门落实《不存在的文件》。\n',
    );
    await a.analysis.whenAnalysed(doc);
    const text = doc.getText();
    const at = (needle: string, delta = 1) => doc.positionAt(text.indexOf(needle) + delta);
    // the title index learns of the new file through the file watcher: wait for its event
    const defs = await waitFor(async () => {
      const d = (await vscode.commands.executeCommand('vscode.executeDefinitionProvider', doc.uri, at('《某市数据'))) as Array<vscode.Location | vscode.LocationLink>;
      return d.length > 0 ? d : undefined;
    }, 'the definition of the cited title');
    const uriOf = (d: vscode.Location | vscode.LocationLink) => ('targetUri' in d ? d.targetUri : d.uri);
    assert.deepEqual(defs.map((d) => path.basename(uriOf(d).fsPath)), ['definition-target.txt']);
    const missing = (await vscode.commands.executeCommand('vscode.executeDefinitionProvider', doc.uri, at('《不存在'))) as unknown[];
    assert.deepEqual(missing, []);
    // the short name on line 2 goes to its definition in the bracket on line 1
    const second = text.indexOf('市数据局', text.indexOf('\n', text.indexOf('以下简称')));
    const short = (await vscode.commands.executeCommand('vscode.executeDefinitionProvider', doc.uri, doc.positionAt(second + 1))) as Array<vscode.Location | vscode.LocationLink>;
    assert.equal(short.length, 1);
    const range = 'targetRange' in short[0] ? short[0].targetRange : short[0].range;
    assert.equal(uriOf(short[0]).toString(), doc.uri.toString());
    assert.equal(doc.offsetAt(range.start), text.indexOf('以下简称市数据局') + 4);
    assert.equal(doc.getText(range), '市数据局');
    // document links: only the title that is in the workspace
    const links = (await vscode.commands.executeCommand('vscode.executeLinkProvider', doc.uri)) as vscode.DocumentLink[];
    const ours = links.filter((l) => l.target && path.basename(l.target.fsPath) === 'definition-target.txt');
    assert.equal(ours.length, 1, links.map((l) => `${doc.getText(l.range)} → ${l.target?.toString()}`).join('; '));
    assert.equal(doc.getText(ours[0].range), '某市数据资源管理办法');
    assert.ok(!links.some((l) => doc.getText(l.range) === '不存在的文件'));
  });
});
