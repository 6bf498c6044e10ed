// Stands in for node's modules in the web build (esbuild.mjs, plugin
// node-shim). The core imports them for the CLI and the node worker only;
// on the web those paths are not taken, and if one were, it fails clearly.
const missing = (name: string) => (): never => {
  throw new Error(`${name} is not available in the web build`);
};
export const mkdtempSync = missing('fs.mkdtempSync');
export const rmSync = missing('fs.rmSync');
export const writeFileSync = missing('fs.writeFileSync');
export const readFileSync = missing('fs.readFileSync');
export const tmpdir = missing('os.tmpdir');
export const join = (...parts: string[]): string => parts.join('/');
export const createHash = missing('crypto.createHash');
export default {};
