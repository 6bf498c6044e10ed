// The CLI's messages about one input: one line each, naming it; no stack.
import { SidecarError } from '../core/tags/sidecar';
import { FileError, TextFileError } from '../core/text/textFile';
import { OutputError } from './output';

/** The first line of an error's message, for users (no stack). */
export function oneLine(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return m.split('\n')[0] || (e instanceof Error ? e.name : 'error');
}

/** The one stderr line for a failure on `name` (without the trailing newline): known errors say what happened; anything else is a failed analysis. */
export function failureLine(name: string, e: unknown): string {
  if (e instanceof TextFileError) return `policy-lens: skipped ${name}: ${e.message}`;
  if (e instanceof OutputError || e instanceof FileError) return `policy-lens: ${name}: ${e.message}`;
  if (e instanceof SidecarError) return `policy-lens: ${name}: its sidecar does not parse (${oneLine(e)})`;
  return `policy-lens: skipped ${name}: its analysis failed (${oneLine(e)})`;
}

/** How messages name standard input. */
export const STDIN_NAME = 'standard input';

