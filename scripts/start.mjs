// `npm start`: builds, then opens the extension on samples/ — in desktop VS
// Code (`code` on PATH) as an extension-development window, otherwise in
// code-server on 127.0.0.1:PORT (default 8080; --port N or POLICY_LENS_PORT)
// with the extension loaded. Runs until Ctrl-C and cleans up its processes.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ensureHost, repoRoot, startCodeServer, workbenchUrl } from './host.mjs';

const args = process.argv.slice(2);
const portArg = args.indexOf('--port');
const port = Number(portArg >= 0 ? args[portArg + 1] : process.env.POLICY_LENS_PORT ?? 8080);
const forceServer = args.includes('--server');
const samples = join(repoRoot, 'samples');

const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: repoRoot, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const hasCode = !forceServer && spawnSync('code', ['--version'], { stdio: 'ignore' }).status === 0;
if (hasCode) {
  console.log('Opening VS Code with Policy Lens loaded from this folder (extension development host)…');
  const child = spawn('code', ['--new-window', `--extensionDevelopmentPath=${repoRoot}`, samples], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  const hostDir = ensureHost();
  const stateDir = join(process.env.XDG_STATE_HOME ?? join(homedir(), '.local', 'state'), 'policy-lens', 'code-server');
  // Load the extension from this folder in every window: link it into the
  // isolated extensions folder under its publisher.name-version id.
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  const extDir = join(stateDir, 'exts');
  rmSync(extDir, { recursive: true, force: true });
  mkdirSync(extDir, { recursive: true });
  symlinkSync(repoRoot, join(extDir, `${pkg.publisher}.${pkg.name}-${pkg.version}`), 'dir');
  let server;
  try {
    server = await startCodeServer({ hostDir, port, stateDir, log: (s) => process.env.POLICY_LENS_VERBOSE && process.stderr.write(s) });
  } catch (err) {
    console.error(`policy-lens: could not start code-server on 127.0.0.1:${port}: ${err.message} (try --port N)`);
    process.exit(1);
  }
  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(samples)}`;
  console.log(`\nPolicy Lens is running in code-server: ${url}`);
  console.log(`(with the extension in development mode, for reloads after \`npm run watch\`: ${workbenchUrl(port, { folder: samples, extensionPath: repoRoot })})`);
  console.log('Press Ctrl-C to stop.');
  const stop = () => {
    server.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  server.child.on('exit', (code) => {
    console.error(`code-server exited (${code})`);
    process.exit(code ?? 1);
  });
}
