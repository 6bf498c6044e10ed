// The web build in the real browser host: code-server's workbench in Chromium
// runs the extension in its *web worker* extension host only
// (extensionDevelopmentKind=web in the payload, and the user setting
// remote.extensionKind = web for it: without it code-server also runs the
// node build in its remote host, which then answers), so package.json's
// `browser` entry (dist/web/extension.js) loads. code-server lets an extension
// it serves start no nested Worker ("Creating workers from remote extensions
// is currently not supported"), so the engine runs with jieba-wasm on the web
// extension host's own thread (vscode.dev and github.dev give it a Worker). A
// document is opened and the test waits for the status bar's entity counts,
// its tooltip naming jieba-wasm, and highlighted text in the editor (the
// decorations' CSS classes), read from the page.
//   npm run build && node test/integration/run-web.mjs
// Prints `integration: N passed, M failed` (the web build, in code-server's web-worker extension host).
import { cpSync, mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { chromiumArgs, ensureHost, freePort, repoRoot, startCodeServer } from '../../scripts/host.mjs';

const require = createRequire(import.meta.url);
const verbose = process.env.POLICY_LENS_VERBOSE === '1';
const finish = (passed, failed, reason) => {
  if (reason) console.error(`integration-web: ${reason}`);
  console.log(`integration: ${passed} passed, ${failed} failed`);
  process.exit(failed > 0 || passed === 0 ? 1 : 0);
};
if (!existsSync(join(repoRoot, 'dist', 'web', 'extension.js'))) finish(0, 1, 'dist/web/extension.js missing; run `npm run build`');

const hostDir = ensureHost();
const scratch = mkdtempSync(join(tmpdir(), 'policy-lens-web-'));
const workspace = join(scratch, 'workspace');
cpSync(join(repoRoot, 'samples'), workspace, { recursive: true });
const port = await freePort();
const serverLog = [];
const consoleLog = [];
let server;
let browser;
try {
  server = await startCodeServer({ hostDir, port, stateDir: join(scratch, 'state'), settings: { 'remote.extensionKind': { 'policy-lens.policy-lens': ['web'] } }, log: (s) => serverLog.push(s) });
  const { chromium } = require('playwright-core');
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: chromiumArgs });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('console', (m) => {
    consoleLog.push(m.text());
    if (verbose) console.log(m.text());
  });
  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
  const payload = [
    ['extensionDevelopmentPath', remote(repoRoot)],
    ['extensionDevelopmentKind', 'web'],
    ['openFile', remote(join(workspace, 'ministries.txt'))],
  ];
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
  // open the sample through Quick Open
  await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
  await page.waitForTimeout(3000);
  await page.keyboard.press('Control+P');
  await page.waitForTimeout(500);
  await page.keyboard.type('ministries.txt');
  await page.waitForTimeout(800);
  await page.keyboard.press('Enter');
  const results = [];
  const check = async (name, fn) => {
    try {
      await fn();
      results.push([name, true]);
      console.log(`  ✔ ${name}`);
    } catch (err) {
      results.push([name, false]);
      console.log(`  ✘ ${name}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
    }
  };
  await check('the status bar shows the entity counts of the open document (the browser build, jieba-wasm)', async () => {
    await page.waitForFunction(() => [...document.querySelectorAll('.statusbar-item')].some((e) => /\d+ (entities|个实体)/.test(e.textContent ?? '')), undefined, { timeout: 90000 });
  });
  await check('the status bar tooltip says which tokenizer runs: jieba-wasm (WebAssembly)', async () => {
    const item = page.locator('.statusbar-item', { hasText: /\d+ (entities|个实体)/ }).first();
    await item.hover();
    await page.waitForFunction(() => [...document.querySelectorAll('.monaco-hover, .workbench-hover, .hover-contents, [role="tooltip"]')].some((e) => /jieba-wasm/.test(e.textContent ?? '')), undefined, { timeout: 15000 });
    await page.mouse.move(700, 300);
  });
  await check('departments are highlighted in the editor', async () => {
    // decorations render as spans with generated ced-* classes over the text
    await page.waitForFunction(() => [...document.querySelectorAll('.view-lines span[class*="ced-"]')].some((e) => (e.textContent ?? '').includes('科技部')), undefined, { timeout: 30000 });
  });
  // the editor features of the desktop build run here too, on workspace.fs
  const palette = async (command) => {
    await page.keyboard.press('F1');
    await page.waitForTimeout(600);
    await page.keyboard.type(command);
    await page.waitForTimeout(900);
    await page.keyboard.press('Enter');
    await page.waitForTimeout(800);
  };
  await check('the Departments view lists the document\'s departments by canonical name', async () => {
    await palette('Focus on Departments View');
    await page.waitForFunction(() => [...document.querySelectorAll('.monaco-list-row')].some((e) => (e.textContent ?? '').includes('科学技术部')), undefined, { timeout: 30000 });
  });
  await check('Tag Selection tags the selected text; the sidecar is written through workspace.fs with its code-point offsets and the text\'s SHA-256', async () => {
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+Home');
    for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+ArrowRight');
    await palette('Policy Lens: Tag Selection');
    await page.keyboard.type('措施');
    await page.waitForTimeout(600);
    await page.keyboard.press('Enter');
    const sidecar = join(workspace, '.policy-lens', 'ministries.txt.json');
    const until = Date.now() + 20000;
    while (!existsSync(sidecar) && Date.now() < until) await page.waitForTimeout(250);
    if (!existsSync(sidecar)) throw new Error('no sidecar written');
    const data = JSON.parse(readFileSync(sidecar, 'utf8'));
    const text = readFileSync(join(workspace, 'ministries.txt'), 'utf8');
    const tag = data.tags?.[0];
    if (!tag || tag.label !== '措施' || tag.start !== 0 || tag.end !== 3) throw new Error(`unexpected tags ${JSON.stringify(data.tags)}`);
    const expected = createHash('sha256').update(text, 'utf8').digest('hex');
    if (data.sha256 !== expected) throw new Error(`sha256 ${data.sha256} is not the text's (${expected})`);
  });
  await check('the Tags view lists the new tag', async () => {
    await palette('Focus on Tags View');
    await page.waitForFunction(() => [...document.querySelectorAll('.monaco-list-row')].some((e) => /科技部/.test(e.textContent ?? '') && /line 1|第 1 行/.test(e.textContent ?? '')), undefined, { timeout: 20000 });
  });
  const failed = results.filter(([, ok]) => !ok).length;
  if (failed && !verbose) console.log(consoleLog.filter((l) => /policy|lens|worker|wasm|error/i.test(l)).slice(-20).join('\n'));
  await browser.close();
  server.stop();
  rmSync(scratch, { recursive: true, force: true });
  finish(results.length - failed, failed);
} catch (err) {
  await browser?.close().catch(() => {});
  server?.stop();
  rmSync(scratch, { recursive: true, force: true });
  finish(0, 1, `the host failed: ${err instanceof Error ? err.message : String(err)}\n${serverLog.join('').slice(-2000)}`);
}
