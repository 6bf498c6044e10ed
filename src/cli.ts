// policy-lens: the command-line entry (dist/cli.js, package.json `bin`).
// User errors print one line and set a non-zero exit code; no stack traces.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { agreementAcross, formatAgreementReport, type AgreementDoc } from './core/tags/agreement';
import { Engine } from './core/engine/engine';
import { FormatError } from './core/formats/errors';
import { exportDocuments, FORMAT_NOTES, FORMATS, formatFromName, importTags, type ExportDocument, type FormatName } from './core/formats/index';
import { toPolicyLensDocument } from './core/formats/policyLens';
import { TagDocument } from './core/tags/document';
import { decodeSidecar } from './core/tags/sidecar';
import { findWorkspaceRoot, nodeFiles, readDocumentTags, sidecarLocation, writeDocumentTags } from './core/tags/sidecarFiles';
import { OffsetMap } from './core/text/offsets';
import { readTextFile, TextFileError } from './core/text/textFile';
import { SidecarError } from './core/tags/sidecar';

const HELP = `policy-lens — find departments, places, people, quantities, dates,
documents and terms in Chinese policy texts.

Usage:
  policy-lens annotate PATH... [--out DIR]
      Annotates files, or folders (recursing into .txt and .md files).
      Writes one policy-lens/1 JSON document per line (JSON Lines) to
      stdout, or with --out one NAME.json per input file into DIR
      (folder structure kept). Offsets are Unicode code points.
  policy-lens export PATH... [--format F] [--out DIR] [--root DIR] [--with-entities]
      Exports documents with their tags (read from the sidecars in
      ROOT/.policy-lens/, ROOT found upwards from each file unless given),
      their entities (automatic; confirmed and rejected ones marked) and
      actions. F is one of:
FORMAT_LINES
      Without --out the output goes to stdout (brat needs --out).
      --with-entities also exports the automatic entities as spans labelled
      with their type (for tools that take pre-annotations).
  policy-lens import FILE --format F --doc DOC [--root DIR] [--replace]
      Adds the annotations of FILE (brat: the .ann file) to DOC's tags in
      its sidecar (--replace: instead of them). Spans must match DOC's text.
  policy-lens agree ROOT_A ROOT_B [PATH...]
      Compares two annotators' tags on the same documents (their workspaces
      ROOT_A and ROOT_B, each with a .policy-lens/ folder; documents paired by
      relative path, texts read from ROOT_A): per-label Cohen's kappa on
      characters and span F1, as a Markdown report.
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

function help(): string {
  return HELP.replace('FORMAT_LINES', FORMATS.map((f) => `        ${f.padEnd(13)} ${FORMAT_NOTES[f]}`).join('\n'));
}

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
      err(`policy-lens: skipped ${dir}: cannot read folder (${(e as NodeJS.ErrnoException).code ?? String(e)})\n`);
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

interface Args {
  paths: string[];
  out?: string;
  format?: string;
  root?: string;
  doc?: string;
  withEntities: boolean;
  replace: boolean;
}

/** Parses PATH... and the options `allowed` accepts. */
function parseArgs(rest: string[], allowed: ReadonlyArray<keyof Args> = ['out']): Args {
  const args: Args = { paths: [], withEntities: false, replace: false };
  const valued: Record<string, 'out' | 'format' | 'root' | 'doc'> = { '--out': 'out', '-o': 'out', '--format': 'format', '-f': 'format', '--root': 'root', '--doc': 'doc' };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const key = valued[flag];
    if (key && allowed.includes(key)) {
      const value = inline ?? rest[++i];
      if (!value) throw new UsageError(`${flag} needs a value`);
      args[key] = value;
    } else if (flag === '--with-entities' && allowed.includes('withEntities')) args.withEntities = true;
    else if (flag === '--replace' && allowed.includes('replace')) args.replace = true;
    else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${a}`);
    else args.paths.push(a);
  }
  return args;
}

function formatArg(value: string | undefined, fallback?: FormatName): FormatName {
  if (!value) {
    if (fallback) return fallback;
    throw new UsageError(`--format is required (one of ${FORMATS.join(', ')})`);
  }
  const f = formatFromName(value);
  if (!f) throw new UsageError(`unknown format "${value}" (one of ${FORMATS.join(', ')})`);
  return f;
}

/** The tags of a document from its sidecar under `root` (none when it has no sidecar). */
function tagsOf(root: string, documentPath: string, text: string) {
  const { relPath, file } = sidecarLocation(root, documentPath);
  return readDocumentTags(nodeFiles, file, relPath, text);
}

/** Reads a text file or reports it (one line) and returns undefined. */
function readOrSkip(file: string, io: CliIo): string | undefined {
  try {
    return readTextFile(file);
  } catch (e) {
    if (!(e instanceof TextFileError)) throw e;
    io.err(`policy-lens: skipped ${file}: ${e.message}\n`);
    return undefined;
  }
}

async function exportCommand(rest: string[], io: CliIo): Promise<number> {
  const args = parseArgs(rest, ['out', 'format', 'root', 'withEntities']);
  const format = formatArg(args.format, 'policy-lens');
  if (args.paths.length === 0) throw new UsageError('export needs at least one file or folder');
  if (format === 'brat' && !args.out) throw new UsageError('brat writes .txt and .ann files: give --out DIR');
  const { files, missing } = collectInputs(args.paths, io.err);
  let status = missing > 0 ? 1 : 0;
  const engine = new Engine();
  const docs: ExportDocument[] = [];
  for (const { file, root } of files) {
    const text = readOrSkip(file, io);
    if (text === undefined) {
      status = 1;
      continue;
    }
    const workspace = args.root ?? findWorkspaceRoot(path.dirname(file));
    let tags: ExportDocument['tags'] = [];
    let rejected: ExportDocument['rejected'] = [];
    if (workspace) {
      try {
        const data = await tagsOf(workspace, file, text);
        tags = data.tags;
        rejected = data.rejected;
      } catch (e) {
        if (!(e instanceof SidecarError)) throw e;
        io.err(`policy-lens: ${file}: its sidecar does not parse (${e.message}); exported without tags\n`);
        status = 1;
      }
    }
    const entities = engine.annotate(text);
    const name = args.out ? path.relative(root, file) || path.basename(file) : file;
    if (args.out && docs.some((d) => d.file === name)) {
      io.err(`policy-lens: skipped ${file}: another input is also named ${name} in --out (give the folders, or export them separately)\n`);
      status = 1;
      continue;
    }
    docs.push({ file: name, text, entities, actions: engine.actions(text, entities), tags, rejected });
  }
  const result = exportDocuments(format, docs, { withEntities: args.withEntities });
  for (const w of result.warnings) io.err(`policy-lens: ${w}\n`);
  if (args.out) {
    for (const f of result.files) {
      const target = path.join(args.out, f.name);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, f.content);
    }
  } else io.out(result.stdout ?? '');
  return status;
}

async function importCommand(rest: string[], io: CliIo): Promise<number> {
  const args = parseArgs(rest, ['format', 'root', 'doc', 'replace']);
  if (args.paths.length !== 1) throw new UsageError('import takes one annotation FILE');
  if (!args.doc) throw new UsageError('import needs --doc DOC, the text the annotations belong to');
  const source = args.paths[0];
  const format = formatArg(args.format ?? formatFromName(path.extname(source)));
  const text = readOrSkip(args.doc, io);
  if (text === undefined) return 1;
  let content: string;
  try {
    content = fs.readFileSync(source, 'utf8').replace(/^\uFEFF/, '');
  } catch (e) {
    io.err(`policy-lens: cannot read ${source} (${(e as NodeJS.ErrnoException).code ?? String(e)})\n`);
    return 1;
  }
  const root = args.root ?? findWorkspaceRoot(path.dirname(args.doc)) ?? path.dirname(path.resolve(args.doc));
  try {
    const imported = importTags(format, content, text, { file: args.doc, onWarning: (m) => io.err(`policy-lens: ${source}: ${m}\n`) });
    const { relPath, file } = sidecarLocation(root, args.doc);
    const doc = new TagDocument(relPath, text);
    const bytes = await nodeFiles.read(file);
    const loaded = doc.load(bytes === undefined ? undefined : decodeSidecar(bytes), text);
    if (!loaded.ok) throw new SidecarError(loaded.error);
    let added = imported.length;
    if (args.replace) doc.replaceTags(imported);
    else added = doc.addImported(imported).length;
    await writeDocumentTags(nodeFiles, file, doc.data, text);
    const same = imported.length - added;
    io.out(`imported ${added} tag(s) from ${source} into ${file}${same > 0 ? ` (${same} already there)` : ''}\n`);
    return 0;
  } catch (e) {
    if (e instanceof FormatError || e instanceof SidecarError) {
      io.err(`policy-lens: ${e instanceof SidecarError ? `the sidecar of ${args.doc} does not parse, so it was not changed: ` : ''}${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

async function agreeCommand(rest: string[], io: CliIo): Promise<number> {
  const args = parseArgs(rest, []);
  const [rootA, rootB, ...only] = args.paths;
  if (!rootA || !rootB) throw new UsageError('agree needs two workspace folders ROOT_A ROOT_B');
  const sidecars = (root: string) => {
    const dir = path.join(root, '.policy-lens');
    const out: string[] = [];
    const walk = (d: string) => {
      for (const n of fs.existsSync(d) ? fs.readdirSync(d) : []) {
        const p = path.join(d, n);
        if (fs.statSync(p).isDirectory()) walk(p);
        else if (n.endsWith('.json')) out.push(path.relative(dir, p).split(path.sep).join('/').replace(/\.json$/, ''));
      }
    };
    walk(dir);
    return out;
  };
  let rels = [...new Set([...sidecars(rootA), ...sidecars(rootB)])].sort();
  if (only.length) rels = rels.filter((r) => only.some((o) => r === o || r.startsWith(o.replace(/\/?$/, '/'))));
  if (rels.length === 0) {
    io.err(`policy-lens: no tagged documents found under ${rootA}/.policy-lens or ${rootB}/.policy-lens\n`);
    return 1;
  }
  const docs: AgreementDoc[] = [];
  let status = 0;
  for (const rel of rels) {
    const file = path.join(rootA, ...rel.split('/'));
    const text = readOrSkip(file, io);
    if (text === undefined) {
      status = 1;
      continue;
    }
    try {
      docs.push({ name: rel, text, a: (await tagsOf(rootA, file, text)).tags, b: (await tagsOf(rootB, path.join(rootB, ...rel.split('/')), text)).tags });
    } catch (e) {
      if (!(e instanceof SidecarError)) throw e;
      io.err(`policy-lens: ${rel}: a sidecar does not parse (${e.message}); left out\n`);
      status = 1;
    }
  }
  io.out(formatAgreementReport(agreementAcross(docs)) + '\n');
  return status;
}

function annotate(rest: string[], io: CliIo): number {
  const { paths, out } = parseArgs(rest);
  if (paths.length === 0) throw new UsageError('annotate needs at least one file or folder');
  const { files, missing } = collectInputs(paths, io.err);
  let status = missing > 0 ? 1 : 0;
  const engine = new Engine();
  const written = new Map<string, string>();
  for (const { file, root } of files) {
    const text = readOrSkip(file, io);
    if (text === undefined) {
      status = 1;
      continue;
    }
    const entities = engine.annotate(text);
    const doc = toPolicyLensDocument(file, text, entities, engine.actions(text, entities));
    if (out) {
      const rel = path.relative(root, file) || path.basename(file);
      const target = path.join(out, rel.replace(/\.(txt|md)$/i, '') + '.json');
      if (written.has(target)) {
        io.err(`policy-lens: skipped ${file}: ${target} was already written for ${written.get(target)} (give the folders, or annotate them separately)\n`);
        status = 1;
        continue;
      }
      written.set(target, file);
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
    const text = readOrSkip(file, io);
    if (text === undefined) {
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
export async function main(argv: string[], io: CliIo = defaultIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
        io.err(help() + '\n');
        return 2;
      case '--help':
      case '-h':
      case 'help':
        io.out(help() + '\n');
        return 0;
      case '--version':
      case '-v':
        io.out(version() + '\n');
        return 0;
      case 'annotate':
        return annotate(rest, io);
      case 'tokens':
        return tokens(rest, io);
      case 'export':
        return await exportCommand(rest, io);
      case 'import':
        return await importCommand(rest, io);
      case 'agree':
        return await agreeCommand(rest, io);
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
  // `policy-lens annotate … | head`: a closed pipe ends the run quietly.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
  });
  try {
    main(process.argv.slice(2)).then(
      (code) => (process.exitCode = code),
      (e: unknown) => {
        process.stderr.write(`policy-lens: ${e instanceof Error ? e.message : String(e)}\n`);
        process.exitCode = 1;
      },
    );
  } catch (e) {
    process.stderr.write(`policy-lens: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  }
}
