// Runs the integration suite (out/test/integration/suite) inside a real VS
// Code extension host, offline: code-server + Debian Chromium driven by
// playwright-core. Exits non-zero on any failure, when the host does not
// start, or when no test ran; ends with `integration: N passed, M failed`.
import { cpSync, mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureHost, repoRoot } from '../../scripts/host.mjs';
import { runSuiteInHost } from './suiteRunner.mjs';

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
await runSuiteInHost({ hostDir, stateDir: join(scratch, 'state'), scratch, workspace, extensionPath: repoRoot, testsPath, timeoutMs: TIMEOUT_MS, verbose, finish });
