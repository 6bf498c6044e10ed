// Sidecar files as files: the operations they need behind one interface
// (node's fs for the CLI, vscode.workspace.fs in the editor, so that virtual
// workspaces work too), the one atomic write, the workspace root and a
// document's sidecar location on disk, and the CLI's read and write of a
// document's tags. A sidecar that does not parse is never overwritten.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodeSidecar, parseSidecar, readSidecar, serializeSidecar, SIDECAR_DIR, sidecarPathFor } from './sidecar';
import type { DocumentTags } from './types';
import { sha256 } from '../text/hash';
import { FileError, fileInTheWay, fsReason, readRegularFile, TextFileError } from '../text/textFile';

/** The file operations sidecars need, over locations of type L (a path, a URI). */
export interface FileStore<L> {
  /** The bytes of a file, or undefined when there is none; throws when it exists but cannot be read. */
  read(at: L): Promise<Uint8Array | undefined>;
  /** Writes a whole file (creating it). */
  write(at: L, bytes: Uint8Array): Promise<void>;
  /** Renames a file over another (replacing it). */
  rename(from: L, to: L): Promise<void>;
  /** Creates the folder that holds `at` (and its parents). */
  makeParent(at: L): Promise<void>;
  /** Deletes a file if it exists. */
  remove(at: L): Promise<void>;
  /** A location beside `at` whose name ends with `suffix` (temporary files, backups). */
  beside(at: L, suffix: string): L;
  /** Creates a file only when there is none, atomically (a lock between processes); false when one exists. Optional: without it, writers rely on the optimistic check alone. */
  createExclusive?(at: L, bytes: Uint8Array): Promise<boolean>;
}

let tmpCounter = 0;

/**
 * Writes `content` (UTF-8) to `at` atomically: into a temporary file beside
 * it, then renamed over it, so that a reader never sees half a file and a
 * crash leaves the old one. The one atomic write of the project.
 */
export async function writeAtomic<L>(files: FileStore<L>, at: L, content: string): Promise<void> {
  const tmp = files.beside(at, `.tmp-${Math.random().toString(36).slice(2, 8)}${(tmpCounter++).toString(36)}`);
  await files.makeParent(at);
  await files.write(tmp, new TextEncoder().encode(content));
  try {
    await files.rename(tmp, at);
  } catch (err) {
    await files.remove(tmp).catch(() => undefined);
    throw err;
  }
}

/** Runs a file operation; a failure becomes a FileError naming `file` (one line). */
async function naming<T>(file: string, what: string, op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (err) {
    if (err instanceof FileError) throw err;
    throw new FileError(file, `cannot ${what}: ${fsReason(err)}`, (err as NodeJS.ErrnoException).code);
  }
}

/**
 * Node's file system as a FileStore over paths. Reads regular files only (a
 * sidecar that is a folder, a FIFO or a device is refused, never opened for
 * reading); every failure is a FileError naming the file.
 */
export const nodeFiles: FileStore<string> = {
  async read(at) {
    try {
      await fs.promises.stat(at);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return undefined; // no such file (a file in the path: none can be there)
      throw new FileError(at, `cannot read: ${fsReason(err)}`, (err as NodeJS.ErrnoException).code);
    }
    try {
      return readRegularFile(at);
    } catch (err) {
      if (err instanceof TextFileError) throw new FileError(at, err.message);
      throw err;
    }
  },
  write: (at, bytes) => naming(at, 'write', () => fs.promises.writeFile(at, bytes)),
  rename: (from, to) => naming(to, `rename ${from} to it`, () => fs.promises.rename(from, to)),
  async makeParent(at) {
    const dir = path.dirname(at);
    try {
      await fs.promises.mkdir(dir, { recursive: true });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const blocker = code === 'EEXIST' || code === 'ENOTDIR' ? fileInTheWay(dir) : undefined;
      throw new FileError(dir, `cannot create the folder: ${blocker ? `${blocker} exists and is not a folder` : fsReason(err)}`, code);
    }
  },
  remove: (at) => naming(at, 'remove', () => fs.promises.rm(at, { force: true })),
  beside: (at, suffix) => `${at}${suffix}`,
};

/** The nearest folder at or above `from` that holds a `.policy-lens/` folder, else undefined. */
export function findWorkspaceRoot(from: string): string | undefined {
  let dir = path.resolve(from);
  for (;;) {
    if (fs.existsSync(path.join(dir, SIDECAR_DIR))) return dir;
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

/** Absolute path of a document's sidecar under `root`, and the document's '/'-separated path relative to root. */
export function sidecarLocation(root: string, documentPath: string): { relPath: string; file: string } {
  const relPath = path.relative(root, path.resolve(documentPath)).split(path.sep).join('/');
  return { relPath, file: path.join(root, ...sidecarPathFor(relPath).split('/')) };
}

/** Tags of a document (empty when it has no sidecar), found again by their quotes when the text changed; throws SidecarError for a sidecar that does not parse. */
export async function readDocumentTags<L>(files: FileStore<L>, sidecar: L, relPath: string, text: string): Promise<DocumentTags> {
  const bytes = await files.read(sidecar);
  if (bytes === undefined) return { document: relPath, sha256: sha256(text), tags: [], rejected: [] };
  return readSidecar(decodeSidecar(bytes), text).data;
}

/** Writes a document's tags atomically; refuses to replace a sidecar that does not parse (throws its SidecarError). */
export async function writeDocumentTags<L>(files: FileStore<L>, sidecar: L, data: DocumentTags, text: string): Promise<void> {
  const old = await files.read(sidecar);
  if (old !== undefined) parseSidecar(decodeSidecar(old)); // throws: never overwrite what we cannot read
  await writeAtomic(files, sidecar, serializeSidecar(data, text));
}

/**
 * Moves a document's sidecar along with a rename of the document. A sidecar
 * already at the destination (the document renamed onto one that had tags)
 * is never overwritten nor merged: it is first moved to a backup name beside
 * it (`NAME.json.bak-<stamp>`), returned as `backup`, even when the renamed
 * document had no sidecar. `moved` is false when there was none to move.
 */
export async function moveSidecar<L>(files: FileStore<L>, from: L, to: L, stamp: string): Promise<{ moved: boolean; backup?: L }> {
  const source = await files.read(from);
  let backup: L | undefined;
  if ((await files.read(to)) !== undefined) {
    backup = files.beside(to, `.bak-${stamp}`);
    await files.rename(to, backup);
  }
  if (source === undefined) return backup === undefined ? { moved: false } : { moved: false, backup };
  await files.makeParent(to);
  await files.rename(from, to);
  return backup === undefined ? { moved: true } : { moved: true, backup };
}
