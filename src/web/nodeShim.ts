// Stands in for node's fs, os, crypto, child_process and worker_threads in
// the web build (esbuild.mjs, plugin node-shim; node:path is path-browserify).
// The editor features reach files only through workspace.fs; what the core
// and the adapter still import from node is here: the SHA-256 of
// node:crypto's createHash (the sidecars' text hash and the tag session's
// own-write hash, synchronous as node's) by @noble/hashes; execFile (the git
// user name) answers with an error, so the annotator falls back; the rest is
// for the CLI and the node worker, never called on the web, and throws
// clearly if it were.
import { sha256 } from '@noble/hashes/sha256';
import { bytesToHex } from '@noble/hashes/utils';

const missing = (name: string) => (): never => {
  throw new Error(`${name} is not available in the web build`);
};

/** node:crypto's createHash for 'sha256', hex digests (the only use in the project). */
export function createHash(algorithm: string) {
  if (algorithm !== 'sha256') throw new Error(`crypto.createHash('${algorithm}') is not available in the web build`);
  const h = sha256.create();
  const hash = {
    update(data: string | Uint8Array, _encoding?: string) {
      h.update(typeof data === 'string' ? new TextEncoder().encode(data) : data);
      return hash;
    },
    digest(encoding: string) {
      if (encoding !== 'hex') throw new Error(`digest('${encoding}') is not available in the web build`);
      return bytesToHex(h.digest());
    },
  };
  return hash;
}

/** child_process.execFile: there are no processes; the callback gets an error at once. */
export function execFile(_file: string, _args: readonly string[], _options: unknown, callback?: (err: Error | null, stdout: string, stderr: string) => void) {
  const done = typeof _options === 'function' ? (_options as typeof callback) : callback;
  setTimeout(() => done?.(new Error('child_process is not available in the web build'), '', ''), 0);
}

export const mkdtempSync = missing('fs.mkdtempSync');
export const rmSync = missing('fs.rmSync');
export const writeFileSync = missing('fs.writeFileSync');
export const readFileSync = missing('fs.readFileSync');
export const tmpdir = missing('os.tmpdir');
export const userInfo = missing('os.userInfo');
export default {};
export const closeSync = missing('fs.closeSync');
export const fstatSync = missing('fs.fstatSync');
export const openSync = missing('fs.openSync');
export const readSync = missing('fs.readSync');
export const statSync = missing('fs.statSync');
export const existsSync = missing('fs.existsSync');
export const constants = {};
/** fs.promises: the exclusive create of a lock file is taken only where this has writeFile (not on the web). */
export const promises = {};
