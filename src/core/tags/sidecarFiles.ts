// Sidecar files on disk for the CLI (the editor goes through vscode.workspace.fs
// in src/vscode/tagStore.ts): find the workspace root, read a document's tags
// (re-anchored when the text changed since they were written), write them
// atomically, and never overwrite a sidecar that does not parse.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DocumentTags } from './types';
import { sha256 } from '../text/hash';
import { parseSidecar } from './sidecar';
import { reanchor } from './anchor';
import { reanchorRejected } from './anchor';
import { serializeSidecar } from './sidecar';
import { SIDECAR_DIR } from './sidecar';
import { sidecarPathFor } from './sidecar';

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

/** Tags of a document (empty when it has no sidecar); throws SidecarError for a sidecar that does not parse. */
export function readDocumentTags(root: string, documentPath: string, text: string): DocumentTags {
  const { relPath, file } = sidecarLocation(root, documentPath);
  const hash = sha256(text);
  if (!fs.existsSync(file)) return { document: relPath, sha256: hash, tags: [], rejected: [] };
  const raw = fs.readFileSync(file, 'utf8');
  const peek = (() => {
    try {
      return (JSON.parse(raw) as { sha256?: unknown }).sha256;
    } catch {
      return undefined;
    }
  })();
  const data = parseSidecar(raw, peek === hash ? text : undefined);
  if (peek !== hash) {
    data.tags = reanchor(data.tags, text).tags;
    data.rejected = reanchorRejected(data.rejected, text);
    data.sha256 = hash;
  }
  return data;
}

/** Writes a document's tags atomically (temporary file + rename); refuses to replace a sidecar that does not parse. */
export function writeDocumentTags(root: string, documentPath: string, data: DocumentTags, text: string): string {
  const { file } = sidecarLocation(root, documentPath);
  if (fs.existsSync(file)) parseSidecar(fs.readFileSync(file, 'utf8')); // throws: never overwrite what we cannot read
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, serializeSidecar(data, text));
  fs.renameSync(tmp, file);
  return file;
}
