// Shared helpers for the integration tests (run inside the extension host).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PolicyLensApi } from '../../../src/extension';

export const EXTENSION_ID = 'policy-lens.policy-lens';

/** The workspace folder the host was opened on (a copy of samples/). */
export function workspaceDir(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the integration host was opened without a workspace folder');
  return folder.uri.fsPath;
}

/** Opens a workspace file in an editor. */
export async function openSample(name: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(workspaceDir(), name)));
  return vscode.window.showTextDocument(doc);
}

/** Writes `text` to a workspace file and opens it in an editor. */
export async function openText(name: string, text: string): Promise<vscode.TextDocument> {
  const file = path.join(workspaceDir(), name);
  fs.writeFileSync(file, text);
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  await vscode.window.showTextDocument(doc);
  return doc;
}

/** Activates the extension (if needed) and returns its API. */
export async function api(): Promise<PolicyLensApi> {
  const ext = vscode.extensions.getExtension<PolicyLensApi>(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not installed in this host`);
  return ext.isActive ? ext.exports : ext.activate();
}

/** Polls `check` until it returns a truthy value or the time runs out. */
export async function waitFor<T>(check: () => T | undefined | false | Promise<T | undefined | false>, what: string, ms = 20000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value as T;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The sidecar of a workspace file (its path relative to the workspace). */
export const sidecarOf = (name: string): string => path.join(workspaceDir(), '.policy-lens', `${name}.json`);

/** Writes a workspace file with `text`, removes its sidecar, and opens it (not as a preview). */
export async function openFresh(name: string, text: string): Promise<vscode.TextEditor> {
  const file = path.join(workspaceDir(), name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  fs.rmSync(sidecarOf(name), { force: true });
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(vscode.Uri.file(file)), { preview: false });
}

/** Selects the first occurrence of `needle` in the editor. */
export function select(editor: vscode.TextEditor, needle: string): void {
  const offset = editor.document.getText().indexOf(needle);
  assert.ok(offset >= 0, needle);
  editor.selection = new vscode.Selection(editor.document.positionAt(offset), editor.document.positionAt(offset + needle.length));
}

/** Whether the runner presses keys in the page for `pressKeys` (code-server + Chromium; not @vscode/test-electron). */
export const canPressKeys = process.env.POLICY_LENS_KEYS === '1';

/** Asks the runner to press keys in the workbench as a user would (playwright key names, e.g. '1', 'Control+;'). */
export function pressKeys(...keys: string[]): void {
  console.log(`KEYS ${keys.join(' ')}`);
}
