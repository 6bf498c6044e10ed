// policy-lens: the command-line entry (dist/cli.js, package.json `bin`).
// User errors print one line and set a non-zero exit code; no stack traces.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isatty } from 'node:tty';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { formatTeamReport, type TeamDoc } from './core/tags/teamReport';
import type { Tag } from './core/tags/types';
import { Engine } from './core/engine/engine';
import { FormatError } from './core/formats/errors';
import { guessFormats } from './core/formats/guess';
import { exportDocumentsAsync, FORMAT_NOTES, FORMATS, formatFromName, importTags, needsFolder, type ExportDocument, type FormatName } from './core/formats/index';
import { TagDocument } from './core/tags/document';
import { decodeSidecar, SIDECAR_DIR } from './core/tags/sidecar';
import { findWorkspaceRoot, nodeFiles, readDocumentTags, sidecarLocation, writeDocumentTags } from './core/tags/sidecarFiles';
import { encodingName, FileError, fileInTheWay, fileKind, fsReason, readRegularFile, TextFileError } from './core/text/textFile';
import { decodeTextFile, readText, type DecodedText } from './core/text/encoding';
import { SidecarError } from './core/tags/sidecar';
import { closeFileWriter, FdWriter, openFileWriter, OutputClosed, OutputError } from './cli/output';
import { writePolicyLensDocument, writeTokens } from './cli/stream';
import { collectInputs, sidecarDocuments, type FoundFile } from './cli/walk';
import { defaultJobs, jobsFor, parseArgs, POOL_MIN_BYTES, UsageError } from './cli/args';
import { byteLines, decodeLine, isBlank, jsonlRecord, type RecordResult } from './cli/jsonl';
import { failureLine, oneLine, STDIN_NAME } from './cli/messages';
import { inOrder, WorkerPool } from './cli/pool';
import { Progress } from './cli/progress';
import { ChannelTokenizer, serveTokens, TokenizerThread } from './cli/tokenChannel';
import { analyse, inputName, runTask, type Analysed, type Input, type Rendered, type Task } from './cli/tasks';

const HELP = `policy-lens — find departments, places, people, quantities, dates,
documents and terms in Chinese policy texts.

Usage:
  policy-lens annotate PATH... [--out DIR] [--encoding NAME] [--jobs N]
      Annotates files, or folders (recursing into .txt and .md files);
      PATH - reads one text from standard input. Writes one policy-lens/1
      JSON document per line (JSON Lines) to stdout, in the order of the
      inputs, or with --out one NAME.json per input file into DIR (folder
      structure kept). Offsets are Unicode code points.
  policy-lens annotate --jsonl PATH... [--jobs N] [--encoding NAME]
      Reads JSON Lines of {"id": …, "text": "…", …} from files (folders:
      their .jsonl files) or standard input (-), and writes for each one
      line {"id": …, its other fields but text, "annotation": its
      policy-lens/1 document}, in input order: the map step of GNU parallel
      --pipe, Spark RDD.pipe, Hadoop streaming or Ray. A line that is not
      such a record is one message naming its line; the run goes on.
  policy-lens export PATH... [--format F] [--out DIR] [--root DIR] [--with-entities] [--encoding NAME] [--jobs N]
      Exports documents with their tags (read from the sidecars in
      ROOT/.policy-lens/, ROOT found upwards from each file unless given),
      their entities (automatic; confirmed and rejected ones marked) and
      actions. F is one of:
FORMAT_LINES
      Without --out the output goes to stdout (brat needs --out).
      --with-entities also exports the automatic entities as spans labelled
      with their type (for tools that take pre-annotations).
  policy-lens import FILE --format F --doc DOC [--root DIR] [--replace] [--encoding NAME]
      Adds the annotations of FILE (brat: the .ann file) to DOC's tags in
      its sidecar (--replace: instead of them). Spans must match DOC's text.
  policy-lens agree ROOT_A ROOT_B [ROOT_C...] [--] [PATH...]
      Compares two or more annotators' tags on the same documents (their
      workspaces, each with a .policy-lens/ folder; documents paired by
      relative path, texts read from the first copy that has them; after
      the first two, a folder with a .policy-lens/ folder is a copy, other
      arguments restrict the documents; with --, copies before it, paths
      after):
      Krippendorff's unitized alpha over all annotators, per-label Cohen's
      kappa on characters and span F1 for each pair, as a Markdown report.
  policy-lens tokens FILE... [--encoding NAME]
      Segments and POS-tags files; one "start<TAB>end<TAB>word<TAB>tag"
      line per token (code-point offsets).
  policy-lens --help       this help
  policy-lens --version    the version

Input files are UTF-8 text, or UTF-16 with a BOM, or GB18030/GBK or UTF-16
without BOM when the detector is sure; a BOM is not part of the text, the
encoding read is reported in the policy-lens/1 output ("encoding").
--encoding NAME (utf-8, gb18030, gbk, utf-16le, big5 …) forces one.
--jobs N analyses on N worker threads, which share a tokenizer thread
per two (default: the number of cores less one, here JOBS, once the inputs
pass 1 MB or come from standard input); the output and messages are the same as with
--jobs 1, in input order. While stderr is a terminal, a progress line is
shown there. A file
that cannot be read (binary, undecodable, not a regular file: a folder, a
named pipe, a device; a dangling link) is skipped with a one-line message
on stderr naming it and the reason; so is one whose analysis fails. The
others are still processed and the exit code is 1. Folders are walked
following each real path once (link loops end). Usage errors exit with 2;
a closed stdout (| head) ends the run quietly.

The policy-lens/1 format is described in the README and in
policy-lens-1.schema.json beside this program's source.`;

function help(): string {
  return HELP.replace('FORMAT_LINES', FORMATS.map((f) => `        ${f.padEnd(13)} ${FORMAT_NOTES[f]}`).join('\n')).replace('JOBS', String(defaultJobs()));
}

/** Output sinks for one CLI run (injectable for tests), and the engine to use. */
export interface CliIo {
  out: (s: string) => void;
  err: (s: string) => void;
  /** Makes the engine (tests inject one that fails on some texts); when given, everything runs on this thread (no --jobs). */
  engine?: () => Engine;
  /** Standard input (`-`); process.stdin unless given. */
  stdin?: AsyncIterable<Uint8Array | string>;
  /** Whether to show a progress line on err (stderr is a terminal). */
  progress?: boolean;
}

function version(): string {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require('../package.json') as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

export { collectInputs };

function formatArg(value: string | undefined, fallback?: FormatName): FormatName {
  if (!value) {
    if (fallback) return fallback;
    throw new UsageError(`--format is required (one of ${FORMATS.join(', ')})`);
  }
  const f = formatFromName(value);
  if (!f) throw new UsageError(`unknown format "${value}" (one of ${FORMATS.join(', ')})`);
  return f;
}

/** Errors that end the run: the reader of stdout left, or stdout cannot be written. */
function isFatal(e: unknown): boolean {
  return e instanceof OutputClosed || (e instanceof OutputError && e.stdout);
}

/**
 * Reports a failure on one file (one line naming it, through `err`) unless
 * it must end the run (rethrown).
 */
function reportFailure(err: (s: string) => void, file: string, e: unknown): void {
  if (isFatal(e)) throw e;
  err(failureLine(file, e) + '\n');
}

/** Whether `file` lies inside `root`. */
function isInside(root: string, file: string): boolean {
  const rel = path.relative(path.resolve(root), path.resolve(file));
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/** The tags of a document from its sidecar under `root` (none when it has no sidecar). */
function tagsOf(root: string, documentPath: string, text: string) {
  const { relPath, file } = sidecarLocation(root, documentPath);
  return readDocumentTags(nodeFiles, file, relPath, text);
}

/** Reads a text file or reports it (one line) and returns undefined. */
function readOrSkip(file: string, io: CliIo, encoding?: string): DecodedText | undefined {
  try {
    const decoded = readText(file, encoding);
    if (decoded.note) io.err(`policy-lens: ${file}: ${decoded.note}\n`);
    return decoded;
  } catch (e) {
    if (!(e instanceof TextFileError)) throw e;
    io.err(`policy-lens: skipped ${file}: ${e.message}\n`);
    return undefined;
  }
}

/**
 * Makes sure --out DIR can be written into: an existing folder, or one
 * created now when its parent exists. Throws OutputError (one line) otherwise.
 */
function prepareOutDir(out: string): void {
  let stats: fs.Stats | undefined;
  try {
    stats = fs.statSync(out);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new OutputError(`--out ${out}: ${fsReason(e)}`);
  }
  if (stats && !stats.isDirectory()) throw new OutputError(`--out ${out}: it exists and is not a folder (${fileKind(stats)})`);
  if (!stats) {
    const parent = path.dirname(path.resolve(out));
    if (!fs.existsSync(parent)) throw new OutputError(`--out ${out}: its parent folder ${parent} does not exist (create it first)`);
    try {
      fs.mkdirSync(out);
    } catch (e) {
      throw new OutputError(`--out ${out}: cannot create the folder: ${fsReason(e)}`);
    }
  }
  try {
    fs.accessSync(out, fs.constants.W_OK);
  } catch (e) {
    throw new OutputError(`--out ${out}: cannot write into the folder: ${fsReason(e)}`);
  }
}

/** Writes one output file (its folder created); OutputError naming it on failure, a partial file removed. */
function writeOutput(target: string, produce: (write: (s: string | Uint8Array) => void) => void): void {
  const dir = path.dirname(target);
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const blocker = code === 'EEXIST' || code === 'ENOTDIR' ? fileInTheWay(dir) : undefined;
    throw new OutputError(`cannot create the folder ${dir}: ${blocker ? `${blocker} exists and is not a folder` : fsReason(e)}`);
  }
  const w = openFileWriter(target);
  try {
    produce((s) => w.write(s));
    closeFileWriter(w);
  } catch (e) {
    try {
      fs.closeSync(w.fd);
    } catch {
      // already closed
    }
    fs.rmSync(target, { force: true });
    throw e;
  }
}

async function exportCommand(rest: string[], io: CliIo): Promise<number> {
  const args = parseArgs(rest, ['out', 'format', 'root', 'withEntities', 'encoding', 'jobs']);
  const format = formatArg(args.format, 'policy-lens');
  if (args.paths.length === 0) throw new UsageError('export needs at least one file or folder');
  if (needsFolder(format) && !args.out) throw new UsageError(format === 'brat' ? 'brat writes .txt and .ann files: give --out DIR' : `${format} writes a file per table: give --out DIR`);
  if (args.root !== undefined && !fs.existsSync(args.root)) throw new UsageError(`--root ${args.root}: no such folder`);
  if (args.out) prepareOutDir(args.out);
  const { files, missing } = collectInputs(args.paths, io.err);
  let status = missing > 0 ? 1 : 0;
  const runner = new Runner(io, jobsFor(args.jobs, files.length, bytesOf(files)));
  const progress = new Progress(io.err, io.progress === true, 'files', files.length);
  const err = progress.messages(io.err);
  const docs: ExportDocument[] = [];
  /** The names in --out given so far (one per document). */
  const names = new Set<string>();
  const work = async ({ file }: FoundFile): Promise<Analysed> => {
    const input: Input = { file, encoding: args.encoding };
    if (!runner.pool) return analyse(runner.local(), input);
    try {
      return await runner.remote<Analysed>({ kind: 'export', input });
    } catch (e) {
      return { notes: [], failure: failureLine(file, e) };
    }
  };
  // in input order, whichever thread analysed it: tags, names and messages as with one thread
  const consume = async (a: Analysed, { file, root }: FoundFile): Promise<void> => {
    try {
      for (const note of a.notes) err(note + '\n');
      if (a.text === undefined) {
        err((a.readFailure ?? a.failure ?? failureLine(file, 'no text')) + '\n');
        status = 1;
        return;
      }
      const text = a.text;
      const workspace = args.root ?? findWorkspaceRoot(path.dirname(file));
      let tags: ExportDocument['tags'] = [];
      let rejected: ExportDocument['rejected'] = [];
      let relations: ExportDocument['relations'] = [];
      if (args.root !== undefined && !isInside(args.root, file)) {
        err(`policy-lens: ${file}: not inside --root ${args.root}, so it has no sidecar there; exported without tags\n`);
        status = 1;
      } else if (workspace) {
        try {
          const data = await tagsOf(workspace, file, text);
          tags = data.tags;
          rejected = data.rejected;
          relations = data.relations ?? [];
        } catch (e) {
          if (e instanceof SidecarError) err(`policy-lens: ${file}: its sidecar does not parse (${e.message}); exported without tags\n`);
          else if (e instanceof FileError) err(`policy-lens: ${file}: its sidecar ${e.message}; exported without tags\n`);
          else throw e;
          status = 1;
        }
      }
      const name = args.out ? path.relative(root, file) || path.basename(file) : file;
      if (args.out && names.has(name)) {
        err(`policy-lens: skipped ${file}: another input is also named ${name} in --out (give the folders, or export them separately)\n`);
        status = 1;
        return;
      }
      if (a.failure !== undefined || a.entities === undefined || a.actions === undefined) {
        err((a.failure ?? failureLine(file, 'no entities')) + '\n');
        status = 1;
        return;
      }
      names.add(name);
      docs.push({ file: name, text, entities: a.entities, actions: a.actions, tags, rejected, relations, encoding: a.encoding });
    } catch (e) {
      reportFailure(err, file, e);
      status = 1;
    } finally {
      progress.tick();
    }
  };
  await runner.each(files, work, consume, progress);
  const result = await exportDocumentsAsync(format, docs, { withEntities: args.withEntities });
  for (const w of result.warnings) io.err(`policy-lens: ${w}\n`);
  if (args.out) {
    for (const f of result.files) {
      try {
        writeOutput(path.join(args.out, f.name), (write) => write(f.content));
      } catch (e) {
        if (!(e instanceof OutputError)) throw e;
        io.err(`policy-lens: ${e.message}\n`);
        status = 1;
      }
    }
  } else io.out(result.stdout ?? '');
  return status;
}

async function importCommand(rest: string[], io: CliIo): Promise<number> {
  const args = parseArgs(rest, ['format', 'root', 'doc', 'replace', 'encoding']);
  if (args.paths.length !== 1) throw new UsageError('import takes one annotation FILE');
  if (!args.doc) throw new UsageError('import needs --doc DOC, the text the annotations belong to');
  const source = args.paths[0];
  if (args.format !== undefined) formatArg(args.format); // an unknown --format is a usage error before anything is read
  // a mistyped --root would get a new .policy-lens/ folder of its own: refuse it, as export does
  if (args.root !== undefined && !fs.existsSync(args.root)) throw new UsageError(`--root ${args.root}: no such folder`);
  if (args.root !== undefined && !isInside(args.root, args.doc)) {
    io.err(`policy-lens: ${args.doc}: not inside --root ${args.root}, so its sidecar cannot be there; nothing imported\n`);
    return 1;
  }
  const decoded = readOrSkip(args.doc, io, args.encoding);
  if (decoded === undefined) return 1;
  const { text } = decoded;
  let content: string;
  try {
    content = decodeTextFile(readRegularFile(source)).text;
  } catch (e) {
    io.err(`policy-lens: cannot read ${source}: ${e instanceof TextFileError ? e.message : fsReason(e)}\n`);
    return 1;
  }
  // the content tells Label Studio, W3C and policy-lens/1 apart (all .json)
  const format = formatArg(args.format ?? guessFormats(source, content)[0] ?? formatFromName(path.extname(source)));
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
    if (e instanceof FileError) {
      io.err(`policy-lens: the sidecar of ${args.doc}: ${e.message}; nothing imported\n`);
      return 1;
    }
    throw e;
  }
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** Whether `dir` is an annotator's copy of a workspace: a folder with a .policy-lens/ folder in it. */
function isWorkspaceCopy(dir: string): boolean {
  try {
    return fs.statSync(path.join(dir, SIDECAR_DIR)).isDirectory();
  } catch {
    return false;
  }
}

async function agreeCommand(rest: string[], io: CliIo): Promise<number> {
  const args = parseArgs(rest, []);
  // copies before `--` and document paths after it; without `--` the first two are copies, more follow while they
  // are folders with a .policy-lens/ folder, and the rest restrict the documents
  let n = args.beforeDashDash ?? Math.min(2, args.paths.length);
  if (args.beforeDashDash === undefined) while (n < args.paths.length && isWorkspaceCopy(args.paths[n])) n++;
  const roots = args.paths.slice(0, n);
  const only = args.paths.slice(n);
  if (roots.length < 2) throw new UsageError('agree needs two or more workspace folders ROOT_A ROOT_B [ROOT_C…] [-- PATH…]');
  if (args.beforeDashDash === undefined) {
    for (const o of only) {
      if (isDirectory(o)) io.err(`policy-lens: ${o} is taken as a document path (it has no ${SIDECAR_DIR}/ folder); to compare it as an annotator's copy, put the copies before -- and the paths after\n`);
    }
  }
  const found = roots.map((r) => sidecarDocuments(r, io.err));
  let status = found.some((f) => f.problems > 0) ? 1 : 0;
  let rels = [...new Set(found.flatMap((f) => f.rels))].sort();
  if (only.length) rels = rels.filter((r) => only.some((o) => r === o || r.startsWith(o.replace(/\/?$/, '/'))));
  if (rels.length === 0) {
    io.err(`policy-lens: no tagged documents found under ${roots.map((r) => `${r}/${SIDECAR_DIR}`).join(', ')}\n`);
    return 1;
  }
  const docs: TeamDoc[] = [];
  for (const rel of rels) {
    // the text from the first copy that has the document
    const file = roots.map((r) => path.join(r, ...rel.split('/'))).find((f) => fs.existsSync(f)) ?? path.join(roots[0], ...rel.split('/'));
    try {
      const decoded = readOrSkip(file, io);
      if (decoded === undefined) {
        status = 1;
        continue;
      }
      const { text } = decoded;
      const annotators: Tag[][] = [];
      for (const root of roots) annotators.push((await tagsOf(root, path.join(root, ...rel.split('/')), text)).tags);
      docs.push({ name: rel, text, annotators });
    } catch (e) {
      if (e instanceof SidecarError) io.err(`policy-lens: ${rel}: a sidecar does not parse (${e.message}); left out\n`);
      else if (e instanceof FileError) io.err(`policy-lens: ${rel}: a sidecar ${e.message}; left out\n`);
      else reportFailure(io.err, file, e);
      status = 1;
    }
  }
  // Krippendorff's unitized α beside κ and span F1 (pairwise for three or more)
  io.out(formatTeamReport(roots.map((r) => path.basename(path.resolve(r))), docs) + '\n');
  return status;
}

/** What annotate got for one input: analysed on this thread, rendered by a worker, or not done (its --out name was taken). */
interface Annotated {
  analysed?: Analysed;
  rendered?: Rendered;
  taken?: boolean;
}

async function annotate(rest: string[], io: CliIo): Promise<number> {
  const args = parseArgs(rest, ['out', 'encoding', 'jobs', 'jsonl']);
  const { paths, out } = args;
  if (paths.length === 0) throw new UsageError('annotate needs at least one file or folder (or - for standard input)');
  if (paths.filter((p) => p === '-').length > 1) throw new UsageError('- (standard input) can be given once');
  if (out && args.jsonl) throw new UsageError('--jsonl writes one line per record to stdout: it takes no --out');
  if (out && paths.includes('-')) throw new UsageError('standard input (-) is annotated to stdout: --out takes files and folders');
  if (args.jsonl) return annotateJsonl(args.paths, args.encoding, args.jobs, io);
  if (out) prepareOutDir(out);
  const { files, missing } = collectInputs(paths, io.err, { stdin: true });
  let status = missing > 0 ? 1 : 0;
  const runner = new Runner(io, jobsFor(args.jobs, files.length, bytesOf(files)));
  const progress = new Progress(io.err, io.progress === true, 'files', files.length);
  const err = progress.messages(io.err);
  /** The --out files written so far, and for which input. */
  const written = new Map<string, string>();
  const targetOf = ({ file, root }: FoundFile): string | undefined => {
    if (!out) return undefined;
    const rel = path.relative(root, file) || path.basename(file);
    return path.join(out, rel.replace(/\.(txt|md)$/i, '') + '.json');
  };
  const work = async (found: FoundFile): Promise<Annotated> => {
    const target = targetOf(found);
    if (target && written.has(target)) return { taken: true };
    const input: Input = { file: found.file, encoding: args.encoding };
    if (found.stdin) {
      try {
        input.bytes = await readAll(io.stdin ?? process.stdin);
      } catch (e) {
        return { analysed: { notes: [], readFailure: `policy-lens: skipped ${STDIN_NAME}: cannot read: ${fsReason(e)}` } };
      }
    }
    if (!runner.pool) return { analysed: analyse(runner.local(), input) };
    try {
      return { rendered: await runner.remote<Rendered>({ kind: 'annotate', input, pretty: target !== undefined }) };
    } catch (e) {
      return { rendered: { notes: [], failure: failureLine(inputName(input), e) } };
    }
  };
  // in input order, whichever thread did the work: the bytes and messages of one thread
  const consume = (r: Annotated, found: FoundFile): void => {
    const { file } = found;
    try {
      const target = targetOf(found);
      if (r.taken || (target && written.has(target))) {
        err(`policy-lens: skipped ${file}: ${target} was already written for ${target ? written.get(target) : ''} (give the folders, or annotate them separately)\n`);
        status = 1;
        return;
      }
      const done = r.rendered ?? r.analysed ?? { notes: [] };
      for (const note of done.notes) err(note + '\n');
      const failure = done.readFailure ?? done.failure;
      if (failure !== undefined) {
        err(failure + '\n');
        status = 1;
        return;
      }
      const a = r.analysed;
      const rendered = r.rendered?.out;
      const write = (w: (s: string) => void, pretty: boolean): void => {
        if (rendered !== undefined) w(rendered);
        else if (a?.text !== undefined && a.entities && a.actions) writePolicyLensDocument(w, file, a.text, a.entities, a.actions, a.encoding, pretty);
      };
      if (target) {
        written.set(target, file);
        writeOutput(target, (w) => write(w, true));
      } else {
        // a failure part-way through a document still ends its line, so the next document starts a line of its own
        let started = false;
        try {
          write((chunk) => ((started = true), io.out(chunk)), false);
        } catch (e) {
          if (started && !(e instanceof OutputClosed || e instanceof OutputError)) io.out('\n');
          throw e;
        }
      }
    } catch (e) {
      reportFailure(err, found.stdin ? STDIN_NAME : file, e);
      status = 1;
    } finally {
      progress.tick();
    }
  };
  await runner.each(files, work, consume, progress);
  return status;
}

/** A JSON Lines record to answer, or a message in its place (kept in input order). */
interface RecordItem {
  where: string;
  raw?: string;
  failure?: string;
}

/** annotate --jsonl: records from files and standard input, answered in input order. */
async function annotateJsonl(paths: string[], forced: string | undefined, jobs: number | undefined, io: CliIo): Promise<number> {
  const encoding = forced === undefined ? 'utf-8' : encodingName(forced)!;
  if (/^utf-16/.test(encoding)) throw new UsageError(`--jsonl reads lines of UTF-8 (or of an ASCII-compatible --encoding such as gb18030), not ${encoding}`);
  const { files, missing } = collectInputs(paths, io.err, { stdin: true, accept: /\.(jsonl|ndjson)$/i });
  let status = missing > 0 ? 1 : 0;
  // records are many; their number is unknown until read
  const runner = new Runner(io, jobs ?? jobsFor(undefined, Infinity, bytesOf(files)));
  const progress = new Progress(io.err, io.progress === true, 'documents');
  const err = progress.messages(io.err);
  async function* records(): AsyncGenerator<RecordItem> {
    for (const f of files) {
      const name = f.stdin ? STDIN_NAME : f.file;
      const chunks = f.stdin ? (io.stdin ?? process.stdin) : fs.createReadStream(f.file, { highWaterMark: 1 << 20 });
      try {
        for await (const { line, bytes } of byteLines(chunks)) {
          const where = `${name} line ${line}`;
          const raw = decodeLine(bytes, line === 1, encoding);
          if (raw === undefined) yield { where, failure: `policy-lens: skipped ${where}: not ${encoding} text (undecodable bytes)` };
          else if (!isBlank(raw)) yield { where, raw };
        }
      } catch (e) {
        yield { where: name, failure: `policy-lens: ${name}: cannot read: ${fsReason(e)}` };
      }
    }
  }
  const work = async (item: RecordItem): Promise<RecordResult> => {
    if (item.raw === undefined) return { failure: item.failure };
    if (!runner.pool) return jsonlRecord(runner.local(), item.raw, item.where);
    try {
      return await runner.remote<RecordResult>({ kind: 'jsonl', raw: item.raw, where: item.where });
    } catch (e) {
      return { failure: `policy-lens: skipped ${item.where}: its analysis failed (${oneLine(e)})` };
    }
  };
  const consume = (r: RecordResult): void => {
    try {
      if (r.out !== undefined) io.out(r.out);
      else {
        err((r.failure ?? 'policy-lens: a record was lost') + '\n');
        status = 1;
      }
    } finally {
      progress.tick();
    }
  };
  await runner.each(records(), work, consume, progress);
  return status;
}

/** The bytes of the inputs, up to POOL_MIN_BYTES (undefined: standard input, of unknown size). */
function bytesOf(files: readonly FoundFile[]): number | undefined {
  let bytes = 0;
  for (const f of files) {
    if (f.stdin) return undefined;
    try {
      bytes += fs.statSync(f.file).size;
    } catch {
      // reported when it is read
    }
    if (bytes >= POOL_MIN_BYTES) break;
  }
  return bytes;
}

/** All the bytes of a stream (standard input). */
async function readAll(chunks: AsyncIterable<Uint8Array | string>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of chunks) parts.push(typeof c === 'string' ? Buffer.from(c, 'utf8') : Buffer.from(c));
  return Buffer.concat(parts);
}

/** The thread or threads that do a command's work: a pool of worker threads (--jobs N > 1), else an engine on this thread. */
class Runner {
  readonly pool?: WorkerPool<Task, unknown>;
  /**
   * The tokenizers of the pool's workers (tokenChannel.ts), loading while the workers start: one per
   * WORKERS_PER_TOKENIZER workers.
   */
  private readonly tokenizers: TokenizerThread[] = [];
  private engine?: Engine;

  constructor(
    private readonly io: CliIo,
    jobs: number,
  ) {
    if (!io.engine && jobs > 1) {
      const tokenizers = this.tokenizers;
      const count = Math.ceil(jobs / WORKERS_PER_TOKENIZER);
      let spawned = 0;
      // each tokenizer thread starts with the first worker it serves (none for a run with nothing to analyse)
      this.pool = new WorkerPool<Task, unknown>(__filename, jobs, () => {
        const k = spawned++ % count;
        const tokenizer = (tokenizers[k] ??= new TokenizerThread(__filename, { role: TOKENIZER_ROLE }));
        return { role: WORKER_ROLE, channel: tokenizer.channel(), doorbell: tokenizer.doorbell };
      });
    }
  }

  /** Inputs in flight at most: enough to keep every worker busy, few enough to bound memory. */
  get window(): number {
    return this.pool ? this.pool.size * 3 : 1;
  }

  /** This thread's engine (made once). */
  local(): Engine {
    return (this.engine ??= this.io.engine ? this.io.engine() : new Engine());
  }

  /** Runs a task in a worker; rejects (TaskError) when it fails there. */
  remote<O>(task: Task): Promise<O> {
    return this.pool!.run(task) as Promise<O>;
  }

  async close(): Promise<void> {
    try {
      await this.pool?.close();
    } finally {
      await Promise.all(this.tokenizers.filter(Boolean).map((t) => t.close()));
    }
  }

  /** Runs `work` on every input, `consume` taking the results in input order; then clears the progress line and ends the workers, whatever happened. */
  async each<I, O>(inputs: Iterable<I> | AsyncIterable<I>, work: (input: I) => Promise<O>, consume: (result: O, input: I) => void | Promise<void>, progress: Progress): Promise<void> {
    try {
      await inOrder(inputs, work, this.window, consume);
    } finally {
      progress.clear();
      await this.close();
    }
  }
}

/** workerData of the pool's workers: this file then serves tasks (see the end). */
const WORKER_ROLE = 'policy-lens-cli-worker';
/** workerData of the pool's tokenizer threads: this file then answers the workers' requests for tokens. */
const TOKENIZER_ROLE = 'policy-lens-cli-tokenizer';
/**
 * Workers one tokenizer thread serves. Tokenizing (nodejieba's cut, the offsets, the tags) takes a bit over
 * half the time of the recognisers (the bench's corpus: ≈ 1.5 s and 2.5 s of CPU), so one tokenizer about
 * keeps two workers fed, and its load (≈ 0.6 s) and memory are paid once for both.
 */
const WORKERS_PER_TOKENIZER = 2;

function tokens(rest: string[], io: CliIo): number {
  const { paths, encoding } = parseArgs(rest, ['encoding']);
  if (paths.length === 0) throw new UsageError('tokens needs at least one file');
  const engine = io.engine ? io.engine() : new Engine();
  let status = 0;
  for (const file of paths) {
    try {
      const decoded = readOrSkip(file, io, encoding);
      if (decoded === undefined) {
        status = 1;
        continue;
      }
      writeTokens(io.out, engine, decoded.text);
    } catch (e) {
      reportFailure(io.err, file, e);
      status = 1;
    }
  }
  return status;
}

/** Runs the CLI with `argv` (without node and script); returns the exit code. */
export async function main(argv: string[], io: CliIo = defaultIo()): Promise<number> {
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
        return await annotate(rest, io);
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
    if (e instanceof OutputClosed) return 0; // `| head`: the reader has what it wanted
    if (e instanceof OutputError || e instanceof FileError) {
      io.err(`policy-lens: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

/** stdout and stderr as synchronous writers: a write error is seen where it happens. */
function defaultIo(): CliIo & { flush: () => void } {
  const stdout = new FdWriter(1, 'stdout', true);
  const stderr = new FdWriter(2, 'stderr');
  return {
    out: (s) => stdout.write(s),
    err: (s) => {
      try {
        stderr.write(s);
        stderr.flush();
      } catch {
        // nowhere left to tell
      }
    },
    flush: () => stdout.flush(),
    progress: isatty(2),
  };
}

/** What the main thread gives its worker threads. */
interface CliWorkerData {
  role?: string;
  channel?: SharedArrayBuffer;
  doorbell?: SharedArrayBuffer;
}
const role = isMainThread ? undefined : (workerData as CliWorkerData | undefined)?.role;

if (role === TOKENIZER_ROLE && parentPort) {
  // the pool's tokenizer thread: the engine's tokenizer with the recognisers' words, loaded once for all the workers
  serveTokens(parentPort, (workerData as CliWorkerData).doorbell!, new Engine().tokenizer);
} else if (role === WORKER_ROLE && parentPort) {
  // a worker of the pool (--jobs N): one engine for the whole run (its tokens from the tokenizer thread), one reply per task
  const port = parentPort;
  const { channel, doorbell } = workerData as CliWorkerData;
  let engine: Engine | undefined;
  port.on('message', (task: Task) => {
    try {
      engine ??= new Engine({}, channel && doorbell ? new ChannelTokenizer(channel, doorbell) : undefined);
      port.postMessage({ ok: true, value: runTask(engine, task) });
    } catch (e) {
      port.postMessage({ ok: false, message: oneLine(e) });
    }
  });
} else if (require.main === module) {
  const io = defaultIo();
  const finish = (code: number) => {
    try {
      io.flush();
    } catch (e) {
      if (!(e instanceof OutputClosed)) {
        io.err(`policy-lens: ${oneLine(e)}\n`);
        if (code === 0) code = 1;
      }
    }
    process.exitCode = code;
  };
  main(process.argv.slice(2), io).then(finish, (e: unknown) => {
    io.err(`policy-lens: ${oneLine(e)}\n`);
    finish(1);
  });
}
