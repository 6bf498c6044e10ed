// Reading user files safely: regular files only (a FIFO is never opened for
// reading, a link to a device never read), one-line reasons instead of stack
// traces (fsReason, FileError naming the file), strict UTF-8 (decodeText).
// The detection of other encodings is in encoding.ts (the CLI's; the editor
// bundle does not carry the detector).
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { stripBom } from './offsets';

/** A file that could not be read as text; `message` is one line naming the reason (not the file). */
export class TextFileError extends Error {}

/** A file operation that failed; `message` is one line: the file, then the reason. */
export class FileError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
    readonly code?: string,
  ) {
    super(`${file}: ${reason}`);
  }
}

/** Largest file the CLI reads (bytes); larger ones are refused, not truncated. */
export const MAX_FILE_BYTES = 256 * 1024 * 1024;

/** What a file that is not a regular file is, in words ('a folder', 'a named pipe' …); undefined for a regular file. */
export function fileKind(stats: Stats): string | undefined {
  if (stats.isFile()) return undefined;
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a named pipe';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

const REASONS: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a folder',
  ENOTDIR: 'a part of the path is not a folder',
  ELOOP: 'too many levels of symbolic links (a link loop)',
  ENAMETOOLONG: 'the path is too long',
  ENOSPC: 'no space left on the device',
  EROFS: 'read-only file system',
  EEXIST: 'already exists',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files',
  EIO: 'input/output error',
  EBUSY: 'busy',
  EXDEV: 'on another device',
  EFBIG: 'too large',
  EDQUOT: 'disk quota exceeded',
  EAGAIN: 'would block',
};

/** A one-line reason for a file-system error: words, then the code (`permission denied (EACCES)`). */
export function fsReason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code && REASONS[code]) return `${REASONS[code]} (${code})`;
  if (code) return code;
  return err instanceof Error ? err.message.split('\n')[0] : String(err);
}

/** The first part of `p` (from the root down) that exists and is not a folder, if any: what stops a mkdir -p. */
export function fileInTheWay(p: string): string | undefined {
  const parts: string[] = [];
  for (let d = resolve(p); ; d = dirname(d)) {
    parts.unshift(d);
    if (dirname(d) === d) break;
  }
  for (const d of parts) {
    try {
      if (!statSync(d).isDirectory()) return d;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/**
 * The bytes of a regular file, or TextFileError. The path is stat'ed first
 * (a FIFO, a socket, a device or a folder is refused before it is opened),
 * opened non-blocking (a FIFO swapped in meanwhile cannot hang the open) and
 * fstat'ed again on the open descriptor, so that only a regular file is read.
 */
export function readRegularFile(path: string, maxBytes = MAX_FILE_BYTES): Buffer {
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new TextFileError(code === 'ENOENT' ? 'no such file (or a dangling link)' : `cannot read: ${fsReason(err)}`);
  }
  const kind = fileKind(stats);
  if (kind) throw new TextFileError(`not a regular file (${kind})`);
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    throw new TextFileError(`cannot read: ${fsReason(err)}`);
  }
  try {
    const opened = fstatSync(fd);
    const openedKind = fileKind(opened);
    if (openedKind) throw new TextFileError(`not a regular file (${openedKind})`);
    if (opened.size > maxBytes) throw new TextFileError(`too large (${opened.size} bytes; the limit is ${maxBytes})`);
    // read to the end (the size may change while reading), never past the limit
    const chunks: Buffer[] = [];
    let total = 0;
    let chunk = Buffer.allocUnsafe(Math.max(64 * 1024, Math.min(opened.size + 1, maxBytes + 1)));
    for (;;) {
      let n: number;
      try {
        n = readSync(fd, chunk, 0, chunk.length, null);
      } catch (err) {
        throw new TextFileError(`cannot read: ${fsReason(err)}`);
      }
      if (n === 0) break;
      total += n;
      if (total > maxBytes) throw new TextFileError(`too large (over ${maxBytes} bytes)`);
      chunks.push(chunk.subarray(0, n));
      if (n === chunk.length) chunk = Buffer.allocUnsafe(Math.max(64 * 1024, chunk.length));
      else chunk = chunk.subarray(n);
    }
    return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

/** The WHATWG name of an encoding label ('GBK' → 'gbk', 'utf8' → 'utf-8'), or undefined when node cannot decode it. */
export function encodingName(label: string): string | undefined {
  try {
    return new TextDecoder(label.trim()).encoding;
  } catch {
    return undefined;
  }
}

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

/** Reads a UTF-8 text file (regular files only, see readRegularFile; strict, see decodeText). */
export function readTextFile(path: string): string {
  return decodeText(readRegularFile(path));
}
