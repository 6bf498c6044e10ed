// The part every runner of a suite in code-server shares: start the server,
// open the workbench in Chromium on a workspace with a development extension
// and a compiled suite, relay the suite's log, count its result line, and
// end with `integration: N passed, M failed` (through `finish`), cleaning the
// scratch folder up whatever happens (a watchdog ends a hung run).
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { format } from 'node:util';
import { chromiumArgs, freePort, startCodeServer, workbenchUrl } from '../../scripts/host.mjs';

const require = createRequire(import.meta.url);

/**
 * Runs the suite at `testsPath` in the extension host, with `extensionPath` as the development extension.
 * `finish(passed, failed, exitCode, reason?)` prints the result line and exits; it is called exactly once.
 */
export async function runSuiteInHost({ hostDir, stateDir, scratch, workspace, extensionPath, testsPath, timeoutMs, verbose = false, started = Date.now(), what = 'host and suite', finish }) {
  const port = await freePort();
  const serverLog = [];
  let server;
  let browser;
  let counts = { passed: 0, failed: 0, seen: false };
  const cleanup = async () => {
    try {
      await browser?.close();
    } catch {
      /* ignore */
    }
    server?.stop();
    rmSync(scratch, { recursive: true, force: true });
  };
  const watchdog = setTimeout(async () => {
    await cleanup();
    finish(counts.passed, counts.failed, 1, `timed out after ${timeoutMs / 1000} s`);
  }, timeoutMs);
  try {
    // the suite may ask for real key presses (`KEYS <key> …` on its console): tell it this runner sends them
    process.env.POLICY_LENS_KEYS = '1';
    server = await startCodeServer({ hostDir, port, stateDir, log: (s) => serverLog.push(s) });
    const { chromium } = require('playwright-core');
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: chromiumArgs });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const exit = new Promise((resolve) => {
      page.exposeFunction('codeAutomationExit', (code) => resolve(Number(code)));
    });
    await page.exposeFunction('codeAutomationLog', (_type, args) => {
      const line = format(...(Array.isArray(args) ? args : [args]));
      // keys pressed in the page as a user would (keybindings, focus), for a test that logs `KEYS 1 2 …`
      const keys = /^KEYS (.+)$/.exec(line);
      if (keys) {
        setTimeout(() => void (async () => {
          for (const key of keys[1].trim().split(/\s+/)) await page.keyboard.press(key);
        })(), 0);
        return;
      }
      const m = /^integration: (\d+) passed, (\d+) failed$/m.exec(line);
      if (m) {
        counts = { passed: Number(m[1]), failed: Number(m[2]), seen: true };
        return; // printed once, last, by finish()
      }
      // The gallery (open-vsx.org) is unreachable offline: harmless noise.
      if (verbose || !/open-vsx|ENOTFOUND|marketplace/i.test(line)) console.log(line);
    });
    await page.goto(workbenchUrl(port, { folder: workspace, extensionPath, testsPath }));
    const code = await exit;
    console.error(`(${what} took ${((Date.now() - started) / 1000).toFixed(1)} s)`);
    clearTimeout(watchdog);
    await cleanup();
    if (!counts.seen) finish(0, 0, 1, `the suite did not report (host exit code ${code}); code-server said:\n${serverLog.join('').slice(-3000)}`);
    finish(counts.passed, counts.failed, code !== 0 || counts.failed > 0 || counts.passed === 0 ? 1 : 0);
  } catch (err) {
    clearTimeout(watchdog);
    await cleanup();
    finish(counts.passed, counts.failed, 1, `the host failed: ${err instanceof Error ? err.message : String(err)}\n${serverLog.join('').slice(-3000)}`);
  }
}
