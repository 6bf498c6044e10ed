// jieba-wasm in the node bundles (dist/worker.js, dist/cli.js): the web build's
// glue over the one .wasm the package ships, dist/jieba_rs_wasm_bg.wasm, which
// the web worker reads too (the node build's glue wants the same code under
// another import module name, so shipping both cost a second 4 MB file).
// esbuild.mjs maps `jieba-wasm` here for the node bundles; unbundled (the unit
// tests), `jieba-wasm` is the package's own node build. Loaded at first use
// (wasm.ts requires it lazily): reading and compiling the module takes ~0.2 s.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { initSync } from 'jieba-wasm/web';

initSync({ module: readFileSync(join(__dirname, 'jieba_rs_wasm_bg.wasm')) });

export * from 'jieba-wasm/web';
