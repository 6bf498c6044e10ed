// policy-lens: the command-line entry (dist/cli.js, package.json `bin`).
// User errors print one line and set a non-zero exit code; no stack traces.
import { Engine } from './core/engine';
import { OffsetMap } from './core/offsets';
import { readTextFile, TextFileError } from './core/textFile';

const HELP = `policy-lens — find departments, places, people, quantities, dates,
documents and terms in Chinese policy texts.

Usage:
  policy-lens tokens FILE...      segment and POS-tag files; prints one
                                  "start<TAB>end<TAB>word<TAB>tag" line per token
                                  (code-point offsets)
  policy-lens --help              this help
  policy-lens --version           the version

Files must be UTF-8 text (a BOM is ignored). A file that is not is skipped
with a one-line message on stderr, the others are still processed, and the
exit code is 1.`;

declare const POLICY_LENS_VERSION: string | undefined;

function version(): string {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require('../package.json') as { version: string }).version;
  } catch {
    return typeof POLICY_LENS_VERSION === 'string' ? POLICY_LENS_VERSION : 'unknown';
  }
}

/** Runs the CLI; returns the exit code. */
export function main(argv: string[], out: (s: string) => void = (s) => process.stdout.write(s), err: (s: string) => void = (s) => process.stderr.write(s)): number {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    out(HELP + '\n');
    return command ? 0 : 2;
  }
  if (command === '--version' || command === '-v') {
    out(version() + '\n');
    return 0;
  }
  if (command === 'tokens') {
    if (rest.length === 0) {
      err('policy-lens tokens: no FILE given (see --help)\n');
      return 2;
    }
    const engine = new Engine();
    let status = 0;
    for (const file of rest) {
      let text: string;
      try {
        text = readTextFile(file);
      } catch (e) {
        if (!(e instanceof TextFileError)) throw e;
        err(`policy-lens: skipped ${file}: ${e.message}\n`);
        status = 1;
        continue;
      }
      const map = new OffsetMap(text);
      const lines: string[] = [];
      for (const t of engine.tokenize(text)) {
        if (!t.word.trim()) continue;
        lines.push(`${map.toCodePoint(t.start)}\t${map.toCodePoint(t.end)}\t${t.word}\t${t.tag}`);
      }
      out(lines.join('\n') + (lines.length ? '\n' : ''));
    }
    return status;
  }
  err(`policy-lens: unknown command "${command}" (see --help)\n`);
  return 2;
}

if (require.main === module) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`policy-lens: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  }
}
