// vscode.workspace.fs as the core's FileStore: sidecars are read and written
// through it, so that they work in remote and virtual workspaces too.
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { FileStore } from '../core/tags/sidecarFiles';

/** The workspace's file system over URIs. */
export const workspaceFiles: FileStore<vscode.Uri> = {
  async read(at) {
    try {
      return await vscode.workspace.fs.readFile(at);
    } catch (err) {
      if (err instanceof vscode.FileSystemError && err.code === 'FileNotFound') return undefined;
      throw err;
    }
  },
  write: async (at, bytes) => void (await vscode.workspace.fs.writeFile(at, bytes)),
  rename: async (from, to) => void (await vscode.workspace.fs.rename(from, to, { overwrite: true })),
  makeParent: async (at) => void (await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(at, '..'))),
  remove: async (at) => {
    try {
      await vscode.workspace.fs.delete(at);
    } catch {
      /* already gone */
    }
  },
  beside: (at, suffix) => at.with({ path: `${at.path}${suffix}` }),
  // the lock between windows: an exclusive create on local disks; elsewhere (remote, virtual) best effort
  createExclusive: async (at, bytes) => {
    // (the web build has no node fs: there, as on virtual workspaces, best effort)
    if (at.scheme === 'file' && typeof (fs.promises as Partial<typeof fs.promises> | undefined)?.writeFile === 'function') {
      try {
        await fs.promises.writeFile(at.fsPath, bytes, { flag: 'wx' });
        return true;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
        throw err;
      }
    }
    try {
      await vscode.workspace.fs.stat(at);
      return false;
    } catch {
      await vscode.workspace.fs.writeFile(at, bytes);
      return true;
    }
  },
};

/** A folder's URI as a key: trailing slashes dropped, so that `file:///a/b/` and `file:///a/b` are the same folder. */
export function folderKey(uri: vscode.Uri): string {
  return uri.with({ path: uri.path.replace(/\/+$/, '') }).toString();
}

/** Whether two URIs name the same folder. */
export const sameFolder = (a: vscode.Uri, b: vscode.Uri): boolean => folderKey(a) === folderKey(b);
