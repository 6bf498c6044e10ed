// `npm run package`: the .vsix packages, from the allow-list in .vscodeignore.
//   node scripts/package.mjs [--no-build] [--out DIR] [--universal-with-native]
//     builds dist/ for production (unless --no-build), then
//     - policy-lens-VERSION.vsix: the universal package (every platform);
//     - policy-lens-linux-x64-VERSION.vsix (vsce package --target linux-x64), when
//       node_modules/nodejieba/build/Release/nodejieba.node is an x86-64 Linux binary.
//     When dist/ holds a WebAssembly tokenizer (dist/**/*.wasm), the universal package
//     leaves nodejieba out (its binary loads on linux-x64 only, which gets the target
//     package; elsewhere the .wasm tokenizer runs), unless --universal-with-native.
//     Prints one line per package: its path, size and file count; fails when the
//     universal package is over its 8 MB budget.
//   node scripts/package.mjs --test
//     (a stage of `npm test`) packages into a scratch folder, installs the linux-x64
//     package (else the universal one) into the real host and runs
//     test/integration/installed there (test/integration/run-installed.mjs), then
//     rebuilds dist/ for development; ends with `integration: N passed, M failed`.
//   node scripts/package.mjs icon
//     renders media/icon.svg to media/icon.png (128×128) with Chromium.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readSync, closeSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { repoRoot } from './host.mjs';

const args = process.argv.slice(2);
const fail = (msg) => {
  console.error(`policy-lens package: ${msg}`);
  process.exit(1);
};
const run = (cmd, argv, what) => {
  const r = spawnSync(cmd, argv, { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0) fail(`${what} failed (exit ${r.status ?? r.signal}): ${(r.stderr || r.stdout || '').trim().split('\n').slice(-5).join(' | ')}`);
  return r.stdout;
};

if (args[0] === 'icon') {
  const png = join(repoRoot, 'media', 'icon.png');
  run('/usr/bin/chromium', ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--default-background-color=00000000', '--window-size=128,128', `--screenshot=${png}`, `file://${join(repoRoot, 'media', 'icon.svg')}`], 'chromium');
  console.log(`wrote ${relative(repoRoot, png)}`);
  process.exit(0);
}

const testing = args.includes('--test');
const outIndex = args.indexOf('--out');
const outDir = outIndex >= 0 ? args[outIndex + 1] : testing ? mkdtempSync(join(tmpdir(), 'policy-lens-vsix-')) : repoRoot;
if (outIndex >= 0 && !outDir) fail('--out needs a folder');
mkdirSync(outDir, { recursive: true });
const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
const vsce = join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');

/** True when `file` is an ELF shared object for x86-64 (e_machine 62). */
export function isLinuxX64Binary(file) {
  if (!existsSync(file)) return false;
  const head = Buffer.alloc(20);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, 20, 0);
  } finally {
    closeSync(fd);
  }
  return head.readUInt32BE(0) === 0x7f454c46 && head[4] === 2 && head[5] === 1 && head.readUInt16LE(18) === 62;
}

function wasmFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true }).filter((f) => String(f).endsWith('.wasm'));
}

/** Files and bytes of a .vsix (a zip: its central directory's entry count). */
function vsixStats(file) {
  const buf = readFileSync(file);
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) fail(`${file} is not a zip file`);
  // every zip entry, the two VSIX bookkeeping files ([Content_Types].xml, extension.vsixmanifest) included
  return { bytes: buf.length, entries: buf.readUInt16LE(eocd + 10) };
}

if (!args.includes('--no-build')) run(process.execPath, ['esbuild.mjs', '--production'], 'the production build (node esbuild.mjs --production)');
for (const entry of [pkg.main, pkg.browser].filter(Boolean)) {
  if (!existsSync(join(repoRoot, entry))) fail(`${entry} is missing after the build`);
}

const native = join(repoRoot, 'node_modules', 'nodejieba', 'build', 'Release', 'nodejieba.node');
const hasNative = isLinuxX64Binary(native);
const hasWasm = wasmFiles(join(repoRoot, 'dist')).length > 0;
const universalWithNative = !hasWasm || args.includes('--universal-with-native');

const packages = [];
const scratch = mkdtempSync(join(tmpdir(), 'policy-lens-package-'));
try {
  // universal
  const universal = join(outDir, `${pkg.name}-${pkg.version}.vsix`);
  const common = ['package', '--no-rewrite-relative-links', '--no-update-package-json'];
  if (universalWithNative) {
    run(vsce, [...common, '-o', universal], 'vsce package (universal)');
  } else {
    const ignore = join(scratch, 'universal.vscodeignore');
    const lines = readFileSync(join(repoRoot, '.vscodeignore'), 'utf8').split('\n').filter((l) => !/^!node_modules\/nodejieba\//.test(l.trim()));
    writeFileSync(ignore, lines.join('\n'));
    run(vsce, [...common, '--ignoreFile', ignore, '-o', universal], 'vsce package (universal)');
  }
  packages.push({ file: universal, target: 'universal', native: universalWithNative && existsSync(native) });
  if (hasNative) {
    const target = join(outDir, `${pkg.name}-linux-x64-${pkg.version}.vsix`);
    run(vsce, [...common, '--target', 'linux-x64', '-o', target], 'vsce package --target linux-x64');
    packages.push({ file: target, target: 'linux-x64', native: true });
  } else {
    console.log(`no linux-x64 package: ${relative(repoRoot, native)} is ${existsSync(native) ? 'not an x86-64 Linux binary' : 'missing'}`);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
for (const p of packages) {
  const { bytes, entries } = vsixStats(p.file);
  const mb = (bytes / 1024 / 1024).toFixed(2);
  console.log(`${relative(process.cwd(), p.file) || p.file}: ${p.target}, ${mb} MB (${bytes} bytes), ${entries} zip entries, nodejieba ${p.native ? 'included' : 'left out'}${hasWasm ? ', WebAssembly tokenizer included' : ''}`);
}
// The universal package's budget (issue 15: ≤ 8 MB; 7.2 MB with one .wasm and the README's screenshots in both themes).
const BUDGET_BYTES = 8 * 1024 * 1024;
const universalPackage = packages.find((p) => p.target === 'universal');
if (universalPackage && vsixStats(universalPackage.file).bytes > BUDGET_BYTES) {
  fail(`the universal package is over its 8 MB budget (${(vsixStats(universalPackage.file).bytes / 1024 / 1024).toFixed(2)} MB): unzip -v it to see what grew`);
}
// for scripts: the packages made, as JSON on the last line when asked
if (args.includes('--json')) console.log(JSON.stringify(packages.map((p) => ({ ...p, ...vsixStats(p.file) }))));

if (testing) {
  const vsix = (packages.find((p) => p.target === 'linux-x64') ?? packages[0]).file;
  const r = spawnSync(process.execPath, [join(repoRoot, 'test', 'integration', 'run-installed.mjs'), vsix], { cwd: repoRoot, stdio: 'inherit' });
  if (outIndex < 0) rmSync(outDir, { recursive: true, force: true });
  run(process.execPath, ['esbuild.mjs'], 'the development build (node esbuild.mjs)');
  process.exit(r.status ?? 1);
}
