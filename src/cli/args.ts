// The CLI's arguments, read by node's util.parseArgs (its tokens, so that
// every problem keeps the project's one-line message): PATH... and the
// options a command takes; an option another command takes is unknown here.
import { availableParallelism } from 'node:os';
import { parseArgs as parseNodeArgs } from 'node:util';
import { encodingName } from '../core/text/textFile';

/** A usage error: printed as one line, exit code 2. */
export class UsageError extends Error {}

/** The options of every command, by the name they have in Args. */
export interface Args {
  paths: string[];
  /** How many paths came before a `--` (undefined: there was none). */
  beforeDashDash?: number;
  out?: string;
  format?: string;
  root?: string;
  doc?: string;
  encoding?: string;
  withEntities: boolean;
  replace: boolean;
  /** --jobs N: worker threads; undefined when not given (see jobsFor). */
  jobs?: number;
  /** --jsonl: the inputs are JSON Lines of {"id", "text", …}. */
  jsonl: boolean;
}

export type OptionName = Exclude<keyof Args, 'paths' | 'beforeDashDash'>;

/** Each option: its flag, short flag, whether it takes a value. */
const OPTIONS: Record<OptionName, { flag: string; short?: string; value: boolean }> = {
  out: { flag: 'out', short: 'o', value: true },
  format: { flag: 'format', short: 'f', value: true },
  root: { flag: 'root', value: true },
  doc: { flag: 'doc', value: true },
  encoding: { flag: 'encoding', short: 'e', value: true },
  withEntities: { flag: 'with-entities', value: false },
  replace: { flag: 'replace', value: false },
  jobs: { flag: 'jobs', short: 'j', value: true },
  jsonl: { flag: 'jsonl', value: false },
};

/**
 * The number of worker threads when --jobs is not given: the cores node may use, less one. One process
 * already keeps more than one core busy (V8's concurrent garbage collector and compiler: 5.3 s of CPU in 3.1 s
 * on the 2-core bench machine), and there two threads annotated a corpus at 0.85× the speed of one, so a
 * 2-core machine runs on this thread alone.
 */
export function defaultJobs(): number {
  return Math.max(1, availableParallelism() - 1);
}

/** Input bytes from which the default --jobs starts worker threads: each loads its engine (about a second), which smaller inputs do not repay. */
export const POOL_MIN_BYTES = 1024 * 1024;

/**
 * The worker threads for `inputs` inputs of `bytes` bytes in all (undefined:
 * unknown, standard input): --jobs N as given (at most one per input), else
 * defaultJobs() once the inputs are large enough to repay starting the
 * workers. 1 means this thread alone.
 */
export function jobsFor(jobs: number | undefined, inputs: number, bytes: number | undefined): number {
  if (jobs !== undefined) return Math.max(1, Math.min(jobs, inputs));
  if (bytes !== undefined && bytes < POOL_MIN_BYTES) return 1;
  return Math.max(1, Math.min(defaultJobs(), inputs));
}

/** Parses PATH... and the options `allowed` accepts ('-' is a path: standard input). */
export function parseArgs(rest: string[], allowed: readonly OptionName[] = ['out']): Args {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {};
  const byFlag = new Map<string, OptionName>();
  for (const name of allowed) {
    const o = OPTIONS[name];
    options[o.flag] = { type: o.value ? 'string' : 'boolean', ...(o.short ? { short: o.short } : {}) };
    byFlag.set(o.flag, name);
  }
  const { tokens } = parseNodeArgs({ args: rest, options, strict: false, allowPositionals: true, tokens: true });
  const args: Args = { paths: [], withEntities: false, replace: false, jsonl: false };
  let jobs: string | undefined;
  for (const t of tokens) {
    if (t.kind === 'positional') {
      args.paths.push(t.value);
      continue;
    }
    if (t.kind === 'option-terminator') {
      args.beforeDashDash = args.paths.length; // `--`: the rest are paths
      continue;
    }
    if (t.kind !== 'option') continue;
    const name = byFlag.get(t.name);
    if (name === undefined) throw new UsageError(`unknown option ${rest[t.index]}`);
    if (!OPTIONS[name].value) {
      if (t.value !== undefined) throw new UsageError(`${t.rawName} takes no value`);
      if (name === 'withEntities' || name === 'replace' || name === 'jsonl') args[name] = true;
      continue;
    }
    if (!t.value) throw new UsageError(`${t.rawName} needs a value`);
    if (name === 'jobs') jobs = t.value;
    else if (name === 'out' || name === 'format' || name === 'root' || name === 'doc' || name === 'encoding') args[name] = t.value;
  }
  if (args.encoding !== undefined && !encodingName(args.encoding)) throw new UsageError(`unknown encoding "${args.encoding}" (for example utf-8, gb18030, gbk, utf-16le, utf-16be, big5)`);
  if (jobs !== undefined) {
    if (!/^[0-9]+$/.test(jobs) || Number(jobs) < 1 || Number(jobs) > 256) throw new UsageError(`--jobs takes a whole number from 1 to 256 (got "${jobs}")`);
    args.jobs = Number(jobs);
  }
  return args;
}
