// The offline VS Code host shared by `npm test` (integration) and `npm start`:
// installs code-server (scripts/install-host.sh) and starts it isolated on
// loopback. See README "How the tests run a real VS Code".
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Installs (once) and returns the code-server folder; exits with the installer's message on failure. */
export function ensureHost() {
  const r = spawnSync('bash', [join(repoRoot, 'scripts', 'install-host.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (r.status !== 0) {
    console.error(`policy-lens: could not install the offline VS Code host (scripts/install-host.sh exited ${r.status}).`);
    process.exit(r.status || 1);
  }
  return r.stdout.trim().split('\n').pop();
}

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts code-server on 127.0.0.1:port with its own user data and extensions
 * folders under `stateDir`; resolves once it answers HTTP.
 */
export async function startCodeServer({ hostDir, port, stateDir, settings = {}, log = () => {} }) {
  mkdirSync(join(stateDir, 'user', 'User'), { recursive: true });
  mkdirSync(join(stateDir, 'exts'), { recursive: true });
  writeFileSync(join(stateDir, 'config.yaml'), 'auth: none\ncert: false\n');
  writeFileSync(
    join(stateDir, 'user', 'User', 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'security.workspace.trust.enabled': false,
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'chat.disableAIFeatures': true,
        'git.openRepositoryInParentFolders': 'never',
        'workbench.colorTheme': 'Default Light Modern',
        ...settings,
      },
      null,
      2,
    ),
  );
  const bin = join(hostDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  const args = [
    bin,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--config', join(stateDir, 'config.yaml'),
    '--user-data-dir', join(stateDir, 'user'),
    '--extensions-dir', join(stateDir, 'exts'),
  ];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  child.stdout.on('data', (d) => log(String(d)));
  child.stderr.on('data', (d) => log(String(d)));
  const stop = () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  };
  const until = Date.now() + 60000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited with code ${child.exitCode} before it answered`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > until) {
      stop();
      throw new Error('code-server did not answer within 60 s');
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { child, stop };
}

/** The workbench URL that opens `folder` with the extension (and optionally tests) loaded from disk. */
export function workbenchUrl(port, { folder, extensionPath, testsPath }) {
  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
  const payload = [['extensionDevelopmentPath', remote(extensionPath)]];
  if (testsPath) payload.push(['extensionTestsPath', remote(testsPath)]);
  return `http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/** Chromium flags that work on a closed network as root (ARCHITECTURE.md, "Platform facts"). */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--disable-features=LocalNetworkAccessChecks',
];
