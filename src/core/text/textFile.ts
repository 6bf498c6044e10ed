// Reading user files safely: UTF-8 only, BOM stripped, binary refused with a
// one-line reason instead of a stack trace.
import { readFileSync, statSync } from 'node:fs';
import { stripBom } from './offsets';

/** A file that could not be read as UTF-8 text; `message` is one line naming the reason. */
export class TextFileError extends Error {}

/** Largest file the CLI reads (bytes); larger ones are refused, not truncated. */
export const MAX_FILE_BYTES = 256 * 1024 * 1024;

/** Decodes bytes as UTF-8 text or throws TextFileError (NUL bytes, invalid UTF-8). A BOM is removed. */
export function decodeText(bytes: Uint8Array): string {
  if (bytes.includes(0)) throw new TextFileError('binary file (contains NUL bytes)');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new TextFileError('not UTF-8 text (undecodable bytes)');
  }
  return stripBom(text);
}

/** Reads a UTF-8 text file (see decodeText); size-checked first. */
export function readTextFile(path: string): string {
  let size: number;
  try {
    size = statSync(path).size;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new TextFileError(code === 'ENOENT' ? 'no such file' : `cannot read (${code ?? String(err)})`);
  }
  if (size > MAX_FILE_BYTES) throw new TextFileError(`too large (${size} bytes; the limit is ${MAX_FILE_BYTES})`);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new TextFileError(code === 'EISDIR' ? 'is a folder' : `cannot read (${code ?? String(err)})`);
  }
  return decodeText(bytes);
}
