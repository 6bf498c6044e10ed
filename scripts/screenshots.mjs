// Takes the README screenshots from the real editor (code-server + Chromium):
// runs test/integration/screenshots/index.js in the extension host and
// captures the page whenever it logs `SCREENSHOT <name>`, into media/.
//   npm run build && npm run compile-tests && node scripts/screenshots.mjs
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { format } from 'node:util';
import { chromiumArgs, ensureHost, freePort, repoRoot, startCodeServer, workbenchUrl } from './host.mjs';

const require = createRequire(import.meta.url);
const hostDir = ensureHost();
const scratch = mkdtempSync(join(tmpdir(), 'policy-lens-shots-'));
const workspace = join(scratch, 'samples');
const written = [];
// Both themes: light (media/screenshot-NAME.png) and dark (media/screenshot-NAME-dark.png).
const themes = [
  { name: 'Default Light Modern', suffix: '' },
  { name: 'Default Dark Modern', suffix: '-dark' },
];
for (const theme of themes) {
  rmSync(workspace, { recursive: true, force: true });
  cpSync(join(repoRoot, 'samples'), workspace, { recursive: true });
  // a plan with 一、（一） headings and responsibility lists, for the outline
  cpSync(join(repoRoot, 'test', 'fixtures', 'real', 'local-implementation-plan-taicang-opc.txt'), join(workspace, 'implementation-plan.txt'));
  const port = await freePort();
  const server = await startCodeServer({ hostDir, port, stateDir: join(scratch, `state${theme.suffix}`), settings: { 'workbench.colorTheme': theme.name, 'editor.fontSize': 15, 'window.zoomLevel': 0, 'editor.minimap.enabled': false, 'editor.wordWrap': 'on' } });
  const { chromium } = require('playwright-core');
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: chromiumArgs });
  const page = await browser.newPage({ viewport: { width: 1400, height: 820 } });
  const pending = [];
  const done = new Promise((resolve) => page.exposeFunction('codeAutomationExit', (code) => resolve(code)));
  await page.exposeFunction('codeAutomationLog', (_type, args) => {
    const line = format(...(Array.isArray(args) ? args : [args]));
    const m = /^SCREENSHOT (\S+)/.exec(line);
    if (m) {
      const file = join(repoRoot, 'media', `screenshot-${m[1]}${theme.suffix}.png`);
      written.push(file);
      pending.push(page.screenshot({ path: file }).then(() => console.log(`wrote ${file}`)));
    }
  });
  await page.goto(workbenchUrl(port, { folder: workspace, extensionPath: repoRoot, testsPath: join(repoRoot, 'out', 'test', 'integration', 'screenshots', 'index.js') }));
  const code = await Promise.race([done, new Promise((r) => setTimeout(() => r('timeout'), 240000))]);
  await Promise.all(pending);
  await browser.close();
  server.stop();
  console.log(`screenshots (${theme.name}): host exited with ${code}`);
}
rmSync(scratch, { recursive: true, force: true });
// Quantised to 256 colours (about a third of the bytes, the text as sharp): they ship in the .vsix.
const shots = written.filter((f) => f.endsWith('.png'));
const q = spawnSync('pngquant', ['--quality=65-95', '--speed', '1', '--force', '--ext', '.png', '--skip-if-larger', ...shots], { stdio: 'inherit' });
if (q.error) console.log(`screenshots: pngquant not found (apt-get install pngquant), left as they are`);
