// Runs the integration suite (out/test/integration/suite) inside a real VS
// Code extension host, offline: code-server + Debian Chromium driven by
// playwright-core. Exits non-zero on any failure, when the host does not
// start, or when no test ran; ends with `integration: N passed, M failed`.
import { cpSync, mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { format } from 'node:util';
import { chromiumArgs, ensureHost, freePort, repoRoot, startCodeServer, workbenchUrl } from '../../scripts/host.mjs';

const require = createRequire(import.meta.url);
const TIMEOUT_MS = Number(process.env.POLICY_LENS_INTEGRATION_TIMEOUT_MS ?? 10 * 60 * 1000);
const verbose = process.env.POLICY_LENS_VERBOSE === '1';

function finish(passed, failed, code, reason) {
  if (reason) console.error(`integration: ${reason}`);
  console.log(`integration: ${passed} passed, ${failed} failed`);
  process.exit(code);
}

const testsPath = join(repoRoot, 'out', 'test', 'integration', 'suite', 'index.js');
if (!existsSync(testsPath)) finish(0, 0, 1, `compiled suite missing at ${testsPath}; run \`npm run compile-tests\``);
if (!existsSync(join(repoRoot, 'dist', 'extension.js'))) finish(0, 0, 1, 'dist/extension.js missing; run `npm run build`');

const hostDir = ensureHost();
const scratch = mkdtempSync(join(tmpdir(), 'policy-lens-it-'));
const workspace = join(scratch, 'workspace');
cpSync(join(repoRoot, 'samples'), workspace, { recursive: true });
const port = await freePort();
const serverLog = [];
let server;
let browser;
let counts = { passed: 0, failed: 0, seen: false };

async function cleanup() {
  try {
    await browser?.close();
  } catch {
    /* ignore */
  }
  server?.stop();
  rmSync(scratch, { recursive: true, force: true });
}

const watchdog = setTimeout(async () => {
  await cleanup();
  finish(counts.passed, counts.failed, 1, `timed out after ${TIMEOUT_MS / 1000} s`);
}, TIMEOUT_MS);

try {
  const started = Date.now();
  server = await startCodeServer({ hostDir, port, stateDir: join(scratch, 'state'), log: (s) => serverLog.push(s) });
  const { chromium } = require('playwright-core');
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: chromiumArgs });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const exit = new Promise((resolve) => {
    page.exposeFunction('codeAutomationExit', (code) => resolve(Number(code)));
  });
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    const line = format(...(Array.isArray(args) ? args : [args]));
    const m = /^integration: (\d+) passed, (\d+) failed$/m.exec(line);
    if (m) {
      counts = { passed: Number(m[1]), failed: Number(m[2]), seen: true };
      return; // printed once, last, by finish()
    }
    // The gallery (open-vsx.org) is unreachable offline: harmless noise.
    if (verbose || !/open-vsx|ENOTFOUND|marketplace/i.test(line)) console.log(line);
  });
  await page.goto(workbenchUrl(port, { folder: workspace, extensionPath: repoRoot, testsPath }));
  const code = await exit;
  console.error(`(host and suite took ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  clearTimeout(watchdog);
  await cleanup();
  if (!counts.seen) finish(0, 0, 1, `the suite did not report (host exit code ${code}); code-server said:\n${serverLog.join('').slice(-3000)}`);
  finish(counts.passed, counts.failed, code !== 0 || counts.failed > 0 || counts.passed === 0 ? 1 : 0);
} catch (err) {
  clearTimeout(watchdog);
  await cleanup();
  finish(counts.passed, counts.failed, 1, `the host failed: ${err instanceof Error ? err.message : String(err)}\n${serverLog.join('').slice(-3000)}`);
}
