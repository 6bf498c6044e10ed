// Runs the same integration suite under @vscode/test-electron: downloads a
// desktop VS Code (needs the internet; it cannot run on the offline build
// machines, where `npm test` uses code-server instead) and opens a copy of
// samples/ with the extension loaded from this folder.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { repoRoot } from '../../scripts/host.mjs';

const require = createRequire(import.meta.url);
const { runTests } = require('@vscode/test-electron');
const scratch = mkdtempSync(join(tmpdir(), 'policy-lens-electron-'));
const workspace = join(scratch, 'workspace');
cpSync(join(repoRoot, 'samples'), workspace, { recursive: true });
let code = 0;
try {
  await runTests({
    version: process.env.POLICY_LENS_VSCODE_VERSION ?? '1.100.3',
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: join(repoRoot, 'out', 'test', 'integration', 'suite', 'index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--user-data-dir', join(scratch, 'user')],
  });
} catch (err) {
  console.error(`integration (electron): ${err instanceof Error ? err.message : String(err)}`);
  code = 1;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
process.exit(code);
