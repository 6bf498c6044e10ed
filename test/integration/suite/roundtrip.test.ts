// Each import/export round trip in the real extension host: a file in a format (written by the core
// exporter, as another tool or the CLI would hand it over) → Import Annotations… into a fresh
// document → Export Annotations… of that document in the same format → the same content. On a
// text with CRLF line ends and characters past U+FFFF. Ids and the timestamps of new tags are the
// importer's own (a tag gets a fresh id), so for the formats that write them (Label Studio, W3C,
// policy-lens/1) they are compared by position: the n-th id written must be the n-th id read; in
// policy-lens/1 an imported tag's source is "imported".
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { exportDocuments, type FormatName } from '../../../src/core/formats/index';
import { quoteAt } from '../../../src/core/tags/model';
import type { Tag } from '../../../src/core/tags/types';
import { api, workspaceDir } from './helpers';

const TEXT = '𠀀国务院办公厅关于推广“揭榜挂帅”新机制的通知\r\n科技部、\u3000海关总署负责落实😀。\r\n第二条：安排资金约5.76万元。\r\n';

function tagOf(label: string, exact: string, note?: string): Tag {
  const start = TEXT.indexOf(exact);
  assert.ok(start >= 0, exact);
  const tag: Tag = { id: `src-${label}`, label, start, end: start + exact.length, quote: quoteAt(TEXT, start, start + exact.length), source: 'manual', created: '2026-01-02T03:04:05.000Z' };
  if (note !== undefined) tag.note = note;
  return tag;
}

const NOTED = [tagOf('发文机关', '国务院办公厅', '第一\r\n行'), tagOf('policy tool', '揭榜挂帅'), tagOf('牵头', '海关总署负责落实😀')];
const CROSSING = tagOf('跨行', '通知\r\n科技部');

/** Ids (and the UUID-like strings made from them) replaced by their order of first appearance. */
function normaliseIds(content: string, ids: readonly string[]): string {
  let out = content;
  ids.forEach((id, i) => (out = out.split(id).join(`<id${i}>`)));
  return out;
}

/** The ids a file names: tag ids in Label Studio results, W3C annotation ids, policy-lens/1 tag ids. */
function idsIn(format: FormatName, content: string): string[] {
  const re = format === 'label-studio' ? /"id":"([^"]+)"/g : format === 'w3c' ? /"id":"(urn:[^"]*?:tag:[^"]+|[^"]*#[^"]+)"/g : /"id":"(?!e\d+")([^"]+)"/g;
  const ids: string[] = [];
  for (const m of content.replace(/\s+(?=")/g, '').matchAll(re)) if (!ids.includes(m[1])) ids.push(m[1]);
  return ids;
}

async function freshDocument(name: string): Promise<vscode.TextEditor> {
  const file = path.join(workspaceDir(), name);
  fs.writeFileSync(file, TEXT);
  fs.rmSync(path.join(workspaceDir(), '.policy-lens', `${name}.json`), { force: true });
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  const editor = await vscode.window.showTextDocument(doc);
  await (await api()).analysis.whenAnalysed(doc);
  return editor;
}

/** Imports `content` (a file of `format`) into a fresh document and exports that document again; returns both files' content. */
async function roundTrip(format: FormatName, name: string, content: string, fileName: string): Promise<string> {
  const editor = await freshDocument(name);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `pl-rt-${format}-`));
  const input = path.join(dir, fileName);
  fs.writeFileSync(input, content);
  const added = (await vscode.commands.executeCommand('policyLens.importAnnotations', vscode.Uri.file(input), format)) as number;
  assert.ok(added > 0, `${format}: imported ${added} tag(s)`);
  const again = (await vscode.commands.executeCommand('policyLens.importAnnotations', vscode.Uri.file(input), format)) as number;
  assert.equal(again, 0, `${format}: importing the same file again adds nothing`);
  assert.equal(vscode.window.activeTextEditor?.document, editor.document);
  const out = path.join(dir, 'out');
  fs.mkdirSync(out);
  const written = (await vscode.commands.executeCommand('policyLens.exportAnnotations', 'document', format, vscode.Uri.file(out), false)) as vscode.Uri[];
  const main = written.find((u) => path.basename(u.fsPath) === fileName) ?? written.find((u) => u.fsPath.endsWith(path.extname(fileName)));
  assert.ok(main, `${format}: wrote ${fileName} (${written.map((u) => path.basename(u.fsPath)).join(', ')})`);
  const result = fs.readFileSync(main.fsPath, 'utf8');
  fs.rmSync(dir, { recursive: true, force: true });
  return result;
}

describe('round trip: file → import → export → identical content (real extension host)', function () {
  this.timeout(60000);

  const cases: Array<{ format: FormatName; file: (stem: string) => string; tags: Tag[] }> = [
    { format: 'doccano', file: () => 'doccano.jsonl', tags: [...NOTED, CROSSING] },
    { format: 'label-studio', file: () => 'label-studio.json', tags: [...NOTED, CROSSING] },
    { format: 'brat', file: (stem) => `${stem}.ann`, tags: [...NOTED, CROSSING] },
    { format: 'w3c', file: (stem) => `${stem}.jsonld`, tags: [...NOTED, CROSSING] },
    // CoNLL carries no notes, and a tag over a line break comes back as two: tags without either
    { format: 'conll', file: (stem) => `${stem}.conll`, tags: NOTED.map((t) => ({ ...t, note: undefined })).filter((t) => !t.quote.exact.includes('\n')) },
  ];

  for (const c of cases) {
    it(`${c.format}: the exported file is the imported one`, async () => {
      const name = `roundtrip-${c.format}.txt`;
      const input = exportDocuments(c.format, [{ file: name, text: TEXT, entities: [], actions: [], tags: c.tags, rejected: [] }]);
      const fileName = c.file(name.replace(/\.txt$/, ''));
      const content = input.files.find((f) => f.name === fileName)!.content;
      const output = await roundTrip(c.format, name, content, fileName);
      if (c.format === 'label-studio' || c.format === 'w3c') {
        const a = idsIn(c.format, content);
        const b = idsIn(c.format, output);
        assert.equal(b.length, a.length, `${c.format}: as many ids`);
        assert.equal(normaliseIds(output, b), normaliseIds(content, a));
      } else assert.equal(output, content);
    });
  }

  it('policy-lens/1: the tags exported are the tags imported (spans, labels, notes, text)', async () => {
    const name = 'roundtrip-policy-lens.txt';
    const tags = [...NOTED, CROSSING];
    const content = exportDocuments('policy-lens', [{ file: name, text: TEXT, entities: [], actions: [], tags, rejected: [] }]).stdout!;
    const output = await roundTrip('policy-lens', name, content, 'roundtrip-policy-lens.json');
    // what differs by design: a fresh id, and the provenance "imported" (tagsFrom) instead of the source file's "manual"
    const strip = (json: string) => (JSON.parse(json) as { tags: Array<Record<string, unknown>> }).tags.map(({ id: _id, source: _source, ...rest }) => rest);
    assert.deepEqual(strip(output), strip(content));
    assert.ok((JSON.parse(output) as { tags: Array<{ source: string }> }).tags.every((t) => t.source === 'imported'));
    assert.equal((JSON.parse(output) as { sha256: string }).sha256, (JSON.parse(content) as { sha256: string }).sha256, 'the same text');
  });

  it('doccano: a file the CLI wrote with absolute paths, holding two documents of the same text, finds this one', async () => {
    const name = 'roundtrip-doccano-abs.txt';
    const abs = path.join(workspaceDir(), name).replace(/\\/g, '/');
    const content = exportDocuments('doccano', [
      { file: '/elsewhere/other.txt', text: TEXT, entities: [], actions: [], tags: [NOTED[0]], rejected: [] },
      { file: abs, text: TEXT, entities: [], actions: [], tags: [...NOTED, CROSSING], rejected: [] },
    ]).stdout!;
    const output = await roundTrip('doccano', name, content, 'doccano.jsonl');
    const line = JSON.parse(output) as { file: string; label: unknown[] };
    assert.equal(line.file, name, 'the editor writes the workspace-relative path');
    assert.deepEqual(line.label, (JSON.parse(content.trim().split('\n')[1]) as { label: unknown[] }).label, 'the spans of the line with this path, not of the other');
  });

  it('the setting policyLens.export.withEntities "always" adds the automatic entities without asking; "never" leaves them out', async () => {
    const editor = await freshDocument('roundtrip-entities.txt');
    const config = vscode.workspace.getConfiguration('policyLens');
    const exportLabels = async () => {
      const out = fs.mkdtempSync(path.join(os.tmpdir(), 'pl-rt-ent-'));
      const written = (await vscode.commands.executeCommand('policyLens.exportAnnotations', 'document', 'doccano', vscode.Uri.file(out))) as vscode.Uri[];
      const line = JSON.parse(fs.readFileSync(written[0].fsPath, 'utf8')) as { label: Array<[number, number, string]> };
      fs.rmSync(out, { recursive: true, force: true });
      return line.label.map(([s, e, l]) => [editor.document.getText().slice(s, e), l]);
    };
    try {
      await config.update('export.withEntities', 'always', vscode.ConfigurationTarget.Global);
      const withEntities = await exportLabels();
      assert.ok(withEntities.some(([t, l]) => t === '科技部' && l === 'department'), JSON.stringify(withEntities));
      await config.update('export.withEntities', 'never', vscode.ConfigurationTarget.Global);
      assert.deepEqual(await exportLabels(), []);
    } finally {
      await config.update('export.withEntities', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('an export that cannot be written says so in one line and returns what was written (here: the target is a file, not a folder)', async () => {
    await freshDocument('roundtrip-failing.txt');
    const blocker = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pl-rt-fail-')), 'a-file');
    fs.writeFileSync(blocker, 'not a folder');
    const written = (await vscode.commands.executeCommand('policyLens.exportAnnotations', 'document', 'policy-lens', vscode.Uri.file(blocker), false)) as vscode.Uri[];
    assert.deepEqual(written, []);
    assert.equal(fs.readFileSync(blocker, 'utf8'), 'not a folder', 'nothing lost');
    fs.rmSync(path.dirname(blocker), { recursive: true, force: true });
  });
});
