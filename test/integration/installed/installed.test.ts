// The built .vsix, installed with `code-server --install-extension` into a
// scratch extensions folder, annotates a document in the real host: it loads
// from the installed folder (not the working tree), highlights and hovers,
// and its contributed defaults and JSON schemas are in effect.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PolicyLensApi } from '../../../src/extension';
import { EXTENSION_ID, openSample, waitFor, workspaceDir } from '../suite/helpers';

const installedIn = process.env.POLICY_LENS_INSTALLED_EXTENSIONS ?? '';

async function installed(): Promise<{ ext: vscode.Extension<PolicyLensApi>; api: PolicyLensApi }> {
  const ext = vscode.extensions.getExtension<PolicyLensApi>(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not installed in this host`);
  return { ext, api: ext.isActive ? ext.exports : await ext.activate() };
}

describe('installed .vsix (real extension host)', function () {
  this.timeout(120000);

  it('runs from the installed package, not the working tree', async () => {
    const { ext } = await installed();
    assert.ok(installedIn !== '', 'POLICY_LENS_INSTALLED_EXTENSIONS is set by the runner');
    const real = fs.realpathSync(ext.extensionPath);
    assert.ok(real.startsWith(fs.realpathSync(installedIn) + path.sep), `${real} is under ${installedIn}`);
    assert.ok(fs.existsSync(path.join(real, 'dist', 'worker.js')));
    assert.ok(!fs.existsSync(path.join(real, 'src', 'extension.ts')), 'no sources in the package');
  });

  it('highlights and hovers a policy text', async () => {
    const { api } = await installed();
    const editor = await openSample('ministries.txt');
    await api.analysis.whenAnalysed(editor.document);
    const applied = await waitFor(() => {
      const d = api.decorations.appliedTo(editor);
      return d && d.shown > 0 ? d : undefined;
    }, 'decorations applied');
    const departments = applied.ranges.department.map((r) => editor.document.getText(r));
    assert.equal(departments[0], '科技部');
    const expected = (await api.engine.annotate(editor.document.getText())).filter((e) => e.type === 'department').length;
    assert.equal(departments.length, expected);
    const offset = editor.document.getText().indexOf('国家卫健委');
    const hovers = (await vscode.commands.executeCommand('vscode.executeHoverProvider', editor.document.uri, editor.document.positionAt(offset + 1))) as vscode.Hover[];
    const text = hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')).join('\n');
    assert.match(text, /国家卫生健康委员会/);
  });

  it('guesses GB18030 for plain text (configurationDefaults)', () => {
    const files = vscode.workspace.getConfiguration('files', { languageId: 'plaintext' });
    assert.equal(files.get('autoGuessEncoding'), true);
    assert.deepEqual(files.get('candidateGuessEncodings'), ['utf8', 'gb18030']);
    assert.equal(vscode.workspace.getConfiguration('files', { languageId: 'json' }).get('autoGuessEncoding'), false, 'other languages untouched');
  });

  it('validates a sidecar against the shipped schema (jsonValidation)', async () => {
    const dir = path.join(workspaceDir(), '.policy-lens');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'broken.txt.json');
    fs.writeFileSync(file, '{\n  "format": "policy-lens-tags/1",\n  "document": "broken.txt",\n  "sha256": "x",\n  "tags": [],\n  "rejected": [],\n  "colour": 1\n}\n');
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    await vscode.window.showTextDocument(doc);
    const problems = await waitFor(() => {
      const d = vscode.languages.getDiagnostics(doc.uri);
      return d.length >= 2 ? d : undefined;
    }, 'schema diagnostics on the sidecar', 60000);
    const lines = problems.map((p) => p.range.start.line).sort();
    assert.ok(lines.includes(3), `sha256 pattern reported: ${problems.map((p) => p.message).join('; ')}`);
    assert.ok(lines.includes(6), `unknown key reported: ${problems.map((p) => p.message).join('; ')}`);
  });
});
