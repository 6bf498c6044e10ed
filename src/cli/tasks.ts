// The CLI's units of work, the same in the main thread (--jobs 1) and in a
// worker of the pool (--jobs N, pool.ts): read and decode one input, analyse
// it; for a worker, render its policy-lens/1 line; or one JSON Lines record
// (jsonl.ts). Each returns plain data (structured-clone safe) with the lines
// to print on stderr already worded, so that the main thread prints them in
// input order whichever thread did the work: the output of --jobs N is
// byte for byte that of --jobs 1.
import type { Engine } from '../core/engine/engine';
import { decodeTextFile, readText } from '../core/text/encoding';
import type { Action, Entity } from '../core/types';
import { jsonlRecord } from './jsonl';
import { failureLine, STDIN_NAME } from './messages';
import { writePolicyLensDocument } from './stream';

/** One input: a file, or the bytes read from standard input (`file` is then '-'). */
export interface Input {
  file: string;
  /** The bytes of standard input (read by the main thread). */
  bytes?: Uint8Array;
  /** --encoding. */
  encoding?: string;
}

/** The name of an input in messages. */
export const inputName = (input: Input): string => (input.bytes ? STDIN_NAME : input.file);

/** An input read and analysed, or where that stopped. */
export interface Analysed {
  /** Remarks on how it was read (one line each, without newline). */
  notes: string[];
  /** It could not be read: the line saying why (nothing else is set). */
  readFailure?: string;
  text?: string;
  encoding?: string;
  entities?: Entity[];
  actions?: Action[];
  /** Its analysis failed: the line saying why. */
  failure?: string;
}

/** Reads, decodes and analyses one input. */
export function analyse(engine: Engine, input: Input): Analysed {
  const name = inputName(input);
  const result: Analysed = { notes: [] };
  let decoded;
  try {
    decoded = input.bytes ? decodeTextFile(input.bytes, input.encoding) : readText(input.file, input.encoding);
  } catch (e) {
    result.readFailure = failureLine(name, e);
    return result;
  }
  if (decoded.note) result.notes.push(`policy-lens: ${name}: ${decoded.note}`);
  result.text = decoded.text;
  result.encoding = decoded.encoding;
  try {
    result.entities = engine.annotate(decoded.text);
    result.actions = engine.actions(decoded.text, result.entities);
  } catch (e) {
    result.failure = failureLine(name, e);
    delete result.entities;
  }
  return result;
}

/** An input annotated in a worker: its policy-lens/1 document rendered (`out`), or why not. */
export interface Rendered {
  notes: string[];
  readFailure?: string;
  failure?: string;
  out?: string;
}

/** Analyses an input and renders its policy-lens/1 document as annotate writes it (compact, or indented by one for --out). */
export function render(engine: Engine, input: Input, pretty: boolean): Rendered {
  const a = analyse(engine, input);
  const result: Rendered = { notes: a.notes, readFailure: a.readFailure, failure: a.failure };
  if (a.text === undefined || a.entities === undefined || a.actions === undefined) return result;
  try {
    const parts: string[] = [];
    writePolicyLensDocument((s) => parts.push(s), input.file, a.text, a.entities, a.actions, a.encoding, pretty);
    result.out = parts.join('');
  } catch (e) {
    result.failure = failureLine(inputName(input), e);
  }
  return result;
}

/** The tasks a worker of the pool takes. */
export type Task = { kind: 'annotate'; input: Input; pretty: boolean } | { kind: 'export'; input: Input } | { kind: 'jsonl'; raw: string; where: string };

/** Runs one task (in a worker, or in the main thread). */
export function runTask(engine: Engine, task: Task): unknown {
  switch (task.kind) {
    case 'annotate':
      return render(engine, task.input, task.pretty);
    case 'export':
      return analyse(engine, task.input);
    case 'jsonl':
      return jsonlRecord(engine, task.raw, task.where);
  }
}
