// Expanding the CLI's paths into files: each real path followed once (a
// symbolic-link loop, or two, ends; a file reached by two links is read
// once), links that lead nowhere named, named pipes, sockets and devices
// skipped with a message (never opened), every message naming its path.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileKind, fsReason } from '../core/text/textFile';
import { CODEBOOK_PATH } from '../core/tags/codebook';

/** A file found, and the folder it was found under (for --out names); `stdin`: the path was `-`, standard input. */
export interface FoundFile {
  file: string;
  root: string;
  stdin?: boolean;
}

/** Reports one skipped path (one line, without the trailing newline). */
export type Skip = (message: string) => void;

const TEXT_FILE = /\.(txt|md)$/i;

/** Why a link cannot be followed, in words. */
function linkProblem(full: string, err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') {
    let target = '';
    try {
      target = fs.readlinkSync(full);
    } catch {
      // not a link after all
    }
    return target ? `a dangling link (its target ${target} does not exist)` : 'no such file or folder';
  }
  if (code === 'ELOOP') return 'a symbolic link loop (ELOOP)';
  return `cannot read: ${fsReason(err)}`;
}

/** Walks folders once per real path. */
export class Walker {
  private readonly seenDirs = new Set<string>();
  private readonly seenFiles = new Set<string>();

  constructor(
    private readonly skip: Skip,
    /** Which file names in folders are taken (all given files are). */
    private readonly accept: (name: string) => boolean = (name) => TEXT_FILE.test(name),
    /** Whether hidden names (.git) and node_modules are left out. */
    private readonly skipHidden = true,
    /** Whether a folder with an accepted name is reported (a sidecar that is a folder) instead of entered. */
    private readonly acceptedFolderIsBad = false,
  ) {}

  /** Adds a file once per real path. */
  private addFile(full: string, root: string, out: FoundFile[]): void {
    let real = full;
    try {
      real = fs.realpathSync(full);
    } catch {
      // keep the path as given
    }
    if (this.seenFiles.has(real)) return;
    this.seenFiles.add(real);
    out.push({ file: full, root });
  }

  /** The files of a path given by the user (a file or a folder); problems reported through skip. */
  expand(p: string, out: FoundFile[] = []): FoundFile[] {
    let stats: fs.Stats;
    try {
      stats = fs.statSync(p);
    } catch (err) {
      this.skip(`skipped ${p}: ${linkProblem(p, err)}`);
      return out;
    }
    if (stats.isDirectory()) this.walk(p, p, out);
    else {
      const kind = fileKind(stats);
      if (kind) this.skip(`skipped ${p}: not a regular file (${kind})`);
      else this.addFile(p, path.dirname(p), out);
    }
    return out;
  }

  /** The accepted files under `dir`, sorted by name, each real folder entered once. */
  walk(dir: string, root: string, out: FoundFile[] = []): FoundFile[] {
    let real: string;
    try {
      real = fs.realpathSync(dir);
    } catch (err) {
      this.skip(`skipped ${dir}: ${linkProblem(dir, err)}`);
      return out;
    }
    if (this.seenDirs.has(real)) return out; // a loop, or a folder reached twice
    this.seenDirs.add(real);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      this.skip(`skipped ${dir}: cannot read the folder: ${fsReason(err)}`);
      return out;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const name = entry.name;
      if (this.skipHidden && (name.startsWith('.') || name === 'node_modules')) continue;
      const full = path.join(dir, name);
      let stats: fs.Stats;
      try {
        stats = fs.statSync(full); // follows links: what they lead to counts
      } catch (err) {
        if (entry.isSymbolicLink() || this.accept(name)) this.skip(`skipped ${full}: ${linkProblem(full, err)}`);
        continue;
      }
      if (stats.isDirectory() && this.acceptedFolderIsBad && this.accept(name)) this.skip(`skipped ${full}: not a regular file (a folder)`);
      else if (stats.isDirectory()) this.walk(full, root, out);
      else if (!this.accept(name)) continue;
      else if (stats.isFile()) this.addFile(full, root, out);
      else this.skip(`skipped ${full}: not a regular file (${fileKind(stats)})`);
    }
    return out;
  }
}

/**
 * Expands files and folders into the files to process (sorted; in folders,
 * the names `accept` takes: .txt and .md unless told). With `stdin`, a path
 * `-` stands for standard input, in its place among the others.
 */
export function collectInputs(paths: string[], err: (s: string) => void, options: { stdin?: boolean; accept?: RegExp } = {}): { files: FoundFile[]; missing: number } {
  let missing = 0;
  const accept = options.accept;
  const walker = new Walker(
    (m) => {
      missing++;
      err(`policy-lens: ${m}\n`);
    },
    accept ? (name) => accept.test(name) : undefined,
  );
  const files: FoundFile[] = [];
  for (const p of paths) {
    if (options.stdin && p === '-') files.push({ file: '-', root: '', stdin: true });
    else walker.expand(p, files);
  }
  return { files, missing };
}

/** The documents that have a sidecar under ROOT/.policy-lens ('/'-separated paths, without .json); problems reported. */
export function sidecarDocuments(root: string, err: (s: string) => void): { rels: string[]; problems: number } {
  const dir = path.join(root, '.policy-lens');
  let problems = 0;
  if (!fs.existsSync(dir)) return { rels: [], problems };
  const walker = new Walker(
    (m) => {
      problems++;
      err(`policy-lens: ${m}\n`);
    },
    (name) => name.endsWith('.json'),
    false,
    true,
  );
  // the team's codebook (CODEBOOK_PATH) is no document's sidecar
  const rels = walker
    .walk(dir, dir)
    .filter((f) => path.relative(root, f.file).split(path.sep).join('/') !== CODEBOOK_PATH)
    .map((f) => path.relative(dir, f.file).split(path.sep).join('/').replace(/\.json$/, ''));
  return { rels, problems };
}
