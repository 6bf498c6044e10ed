// policy-lens: the command-line entry (dist/cli.js, package.json `bin`).
// User errors print one line and set a non-zero exit code; no stack traces.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Engine } from './core/engine';
import { toPolicyLensDocument } from './core/formats/policyLens';
import { OffsetMap } from './core/offsets';
import { readTextFile, TextFileError } from './core/textFile';

const HELP = `policy-lens — find departments, places, people, quantities, dates,
documents and terms in Chinese policy texts.

Usage:
  policy-lens annotate PATH... [--out DIR]
      Annotates files, or folders (recursing into .txt and .md files).
      Writes one policy-lens/1 JSON document per line (JSON Lines) to
      stdout, or with --out one NAME.json per input file into DIR
      (folder structure kept). Offsets are Unicode code points.
  policy-lens tokens FILE...
      Segments and POS-tags files; one "start<TAB>end<TAB>word<TAB>tag"
      line per token (code-point offsets).
  policy-lens --help       this help
  policy-lens --version    the version

Input files must be UTF-8 text; a BOM is not part of the text. A file that
is not (binary, NUL bytes, undecodable) is skipped with a one-line message on
stderr naming it and the reason; the others are still processed and the exit
code is 1. Usage errors exit with 2.

The policy-lens/1 format is described in the README and in
policy-lens-1.schema.json beside this program's source.`;

/** Exit code and output sinks for one CLI run (injectable for tests). */
export interface CliIo {
  out: (s: string) => void;
  err: (s: string) => void;
}

const defaultIo: CliIo = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) };

function version(): string {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require('../package.json') as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/** A usage error: printed as one line, exit code 2. */
class UsageError extends Error {}

/** Expands files and folders into the text files to process (sorted, .txt and .md inside folders). */
export function collectInputs(paths: string[], err: (s: string) => void): { files: Array<{ file: string; root: string }>; missing: number } {
  const files: Array<{ file: string; root: string }> = [];
  let missing = 0;
  const walk = (dir: string, root: string) => {
    let names: string[];
    try {
      names = fs.readdirSync(dir).sort();
    } catch (e) {
      err(`policy-lens: skipped ${dir}: cannot read folder (${(e as NodeJS.ErrnoException).code ?? e})\n`);
      missing++;
      return;
    }
    for (const name of names) {
      if (name.startsWith('.') || name === 'node_modules') continue;
      const full = path.join(dir, name);
      let stat: fs.Stats;
      try {
        stat = fs.statSync(full);
      } catch {
        continue;
      }
      if (stat.isDirectory()) walk(full, root);
      else if (/\.(txt|md)$/i.test(name)) files.push({ file: full, root });
    }
  };
  for (const p of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch {
      err(`policy-lens: skipped ${p}: no such file or folder\n`);
      missing++;
      continue;
    }
    if (stat.isDirectory()) walk(p, p);
    else files.push({ file: p, root: path.dirname(p) });
  }
  return { files, missing };
}

function parseArgs(rest: string[]): { paths: string[]; out?: string } {
  const paths: string[] = [];
  let out: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === '--out' || a === '-o') {
      out = rest[++i];
      if (!out) throw new UsageError('--out needs a folder');
    } else if (a.startsWith('--out=')) out = a.slice(6);
    else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${a}`);
    else paths.push(a);
  }
  return { paths, out };
}

function annotate(rest: string[], io: CliIo): number {
  const { paths, out } = parseArgs(rest);
  if (paths.length === 0) throw new UsageError('annotate needs at least one file or folder');
  const { files, missing } = collectInputs(paths, io.err);
  let status = missing > 0 ? 1 : 0;
  const engine = new Engine();
  for (const { file, root } of files) {
    let text: string;
    try {
      text = readTextFile(file);
    } catch (e) {
      if (!(e instanceof TextFileError)) throw e;
      io.err(`policy-lens: skipped ${file}: ${e.message}\n`);
      status = 1;
      continue;
    }
    const entities = engine.annotate(text);
    const doc = toPolicyLensDocument(file, text, entities, engine.actions(text, entities));
    if (out) {
      const rel = path.relative(root, file) || path.basename(file);
      const target = path.join(out, rel.replace(/\.(txt|md)$/i, '') + '.json');
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, JSON.stringify(doc, null, 1) + '\n');
    } else io.out(JSON.stringify(doc) + '\n');
  }
  return status;
}

function tokens(rest: string[], io: CliIo): number {
  if (rest.length === 0) throw new UsageError('tokens needs at least one file');
  const engine = new Engine();
  let status = 0;
  for (const file of rest) {
    let text: string;
    try {
      text = readTextFile(file);
    } catch (e) {
      if (!(e instanceof TextFileError)) throw e;
      io.err(`policy-lens: skipped ${file}: ${e.message}\n`);
      status = 1;
      continue;
    }
    const map = new OffsetMap(text);
    const lines: string[] = [];
    for (const t of engine.tokenize(text)) {
      if (!t.word.trim()) continue;
      lines.push(`${map.toCodePoint(t.start)}\t${map.toCodePoint(t.end)}\t${t.word}\t${t.tag}`);
    }
    io.out(lines.join('\n') + (lines.length ? '\n' : ''));
  }
  return status;
}

/** Runs the CLI with `argv` (without node and script); returns the exit code. */
export function main(argv: string[], io: CliIo = defaultIo): number {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
        io.err(HELP + '\n');
        return 2;
      case '--help':
      case '-h':
      case 'help':
        io.out(HELP + '\n');
        return 0;
      case '--version':
      case '-v':
        io.out(version() + '\n');
        return 0;
      case 'annotate':
        return annotate(rest, io);
      case 'tokens':
        return tokens(rest, io);
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`policy-lens: ${e.message} (see policy-lens --help)\n`);
      return 2;
    }
    throw e;
  }
}

if (require.main === module) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`policy-lens: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  }
}
