// Bundles the extension (dist/extension.js), the analysis worker
// (dist/worker.js) and the CLI (dist/cli.js) for node, CommonJS.
// `vscode` is provided by the host; `nodejieba` is a native addon loaded from
// node_modules at run time. Types are checked separately (`npm run typecheck`).
//   node esbuild.mjs [--watch] [--production]
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Prints build results in the format of VS Code's esbuild problem matcher. */
const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => {
      if (watch) console.log('[watch] build started');
    });
    build.onEnd((result) => {
      for (const { text, location } of [...result.errors, ...result.warnings]) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      if (watch) console.log('[watch] build finished');
    });
  },
};

/** exceljs (xlsx tables, 1.5 MB) in its own bundle, dist/exceljs.js, loaded only when a workbook is written. */
const exceljsApart = {
  name: 'exceljs-apart',
  setup(build) {
    build.onResolve({ filter: /^exceljs$/ }, () => ({ path: './exceljs.js', external: true }));
  },
};

/**
 * jieba-wasm's node build wants its own copy of the 4 MB .wasm; the node
 * bundles use the web build's glue instead (src/core/tokenizer/wasmBundled.ts),
 * so the package holds one .wasm, dist/jieba_rs_wasm_bg.wasm, for node and web.
 */
const oneWasm = {
  name: 'one-wasm',
  setup(build) {
    build.onResolve({ filter: /^jieba-wasm$/ }, () => ({ path: join(process.cwd(), 'src/core/tokenizer/wasmBundled.ts') }));
  },
};

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  external: ['vscode', 'nodejieba'],
  logLevel: 'silent',
  define: { 'import.meta.url': '""' }, // the web glue's default fetch path, never taken (initSync is given the bytes)
  plugins: [problemMatcher, exceljsApart, oneWasm],
};

const builds = [
  { ...common, plugins: [problemMatcher], entryPoints: { exceljs: 'exceljs' }, outdir: 'dist' },
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js' },
  { ...common, entryPoints: ['src/worker.ts'], outfile: 'dist/worker.js' },
  {
    ...common,
    entryPoints: ['src/cli.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
  },
];

// The codebook's JSON Schema, for package.json's jsonValidation (src/ is not in the .vsix).
mkdirSync('dist', { recursive: true });
copyFileSync('src/core/tags/codebook.schema.json', 'dist/codebook.schema.json');

/**
 * jieba-wasm's WebAssembly (4 MB, the web build's), the tokenizer where
 * nodejieba's binary does not load and on the web: one copy,
 * dist/jieba_rs_wasm_bg.wasm, read next to the bundle by the node worker and
 * the CLI (wasmBundled.ts) and with workspace.fs by the web extension.
 */
function copyJiebaWasm() {
  const pkg = dirname(createRequire(import.meta.url).resolve('jieba-wasm'));
  mkdirSync('dist', { recursive: true });
  copyFileSync(join(pkg, '..', 'web', 'jieba_rs_wasm_bg.wasm'), join('dist', 'jieba_rs_wasm_bg.wasm'));
  rmSync(join('dist', 'web', 'jieba_rs_wasm_bg.wasm'), { force: true }); // an older build's second copy
}
copyJiebaWasm();

/**
 * The web build (package.json `browser`): dist/web/extension.js for the web
 * extension host (every editor feature, src/vscode/features.ts) and
 * dist/web/worker.js, the engine in a web Worker with jieba-wasm's web build.
 * node's modules are not there: node:path is path-browserify (POSIX paths,
 * as the adapter uses them for URIs), the rest src/web/nodeShim.ts
 * (createHash's SHA-256 by @noble/hashes; functions for the CLI and the node
 * worker throw, those paths are not taken on the web).
 */
const nodeShim = {
  name: 'node-shim',
  setup(build) {
    build.onResolve({ filter: /^node:path$/ }, () => ({ path: createRequire(import.meta.url).resolve('path-browserify') }));
    build.onResolve({ filter: /^node:(fs|os|crypto|worker_threads|child_process)$/ }, () => ({ path: join(process.cwd(), 'src/web/nodeShim.ts') }));
    build.onResolve({ filter: /^exceljs$/ }, () => ({ path: join(process.cwd(), 'src/web/noExceljs.ts') }));
  },
};
const web = {
  bundle: true,
  platform: 'browser',
  target: 'es2022',
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  external: ['vscode', 'nodejieba', 'nodejieba/*'], // required only when nodejieba is asked for, never on the web
  logLevel: 'silent',
  define: { 'import.meta.url': '""' },
  plugins: [problemMatcher, nodeShim],
};
builds.push(
  { ...web, format: 'cjs', entryPoints: ['src/web/extension.ts'], outfile: 'dist/web/extension.js' },
  { ...web, format: 'iife', entryPoints: ['src/web/worker.ts'], outfile: 'dist/web/worker.js' },
);

if (watch) {
  for (const options of builds) {
    const ctx = await esbuild.context(options);
    await ctx.watch();
  }
} else {
  const results = await Promise.allSettled(builds.map((options) => esbuild.build(options)));
  const failed = results.filter((r) => r.status === 'rejected');
  if (failed.length > 0) {
    for (const f of failed) console.error(String(f.reason?.message ?? f.reason).split('\n')[0]);
    process.exit(1);
  }
}
