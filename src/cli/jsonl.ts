// JSON Lines corpora (`annotate --jsonl`): lines of {"id", "text", …} read
// from files or standard input as they arrive (bounded memory, any size),
// each answered by one line {"id", …the other fields, "annotation": the
// policy-lens/1 document of text}, so that the CLI is the map step of GNU
// parallel --pipe, Spark RDD.pipe, Hadoop streaming or Ray. A line that is
// not a record is one message naming its line; blank lines are skipped.
import type { Engine } from '../core/engine/engine';
import { writePolicyLensDocument } from './stream';
import { oneLine } from './messages';

/** The output's field holding the annotation (an input field of that name is refused, never overwritten). */
export const ANNOTATION_FIELD = 'annotation';

/** A line of a byte stream: its number (from 1) and bytes (without the line feed, nor a carriage return before it). */
export interface ByteLine {
  line: number;
  bytes: Buffer;
}

/** Splits a stream of chunks into lines, as they arrive; a last line without a line feed counts. */
export async function* byteLines(chunks: AsyncIterable<Uint8Array | string>): AsyncGenerator<ByteLine> {
  let pending: Buffer[] = [];
  let line = 0;
  const finish = (last: Buffer): Buffer => {
    pending.push(last);
    const whole = pending.length === 1 ? last : Buffer.concat(pending);
    pending = [];
    return whole.length > 0 && whole[whole.length - 1] === 0x0d ? whole.subarray(0, whole.length - 1) : whole;
  };
  for await (const chunk of chunks) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let start = 0;
    for (let nl = buf.indexOf(0x0a, start); nl >= 0; nl = buf.indexOf(0x0a, start)) {
      yield { line: ++line, bytes: finish(buf.subarray(start, nl)) };
      start = nl + 1;
    }
    if (start < buf.length) pending.push(Buffer.from(buf.subarray(start))); // a copy: the chunk may be reused
  }
  if (pending.length > 0) yield { line: line + 1, bytes: finish(Buffer.alloc(0)) };
}

/** The text of a line's bytes: strictly UTF-8 (its BOM removed on the first line) or in the encoding forced; undefined when undecodable. */
export function decodeLine(bytes: Buffer, first: boolean, encoding = 'utf-8'): string | undefined {
  const b = first && encoding === 'utf-8' && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(b);
  } catch {
    return undefined;
  }
}

/** Whether a line holds nothing (skipped without a message). */
export const isBlank = (raw: string): boolean => raw.trim() === '';

/** One record answered: its output line (with newline), or the message (one line, without newline) saying why not. */
export interface RecordResult {
  out?: string;
  failure?: string;
}

/**
 * Answers one JSON Lines record (`raw`, a line's text; `where` names it in
 * messages: "FILE line N"): {"id", …its other fields but text, "annotation":
 * the compact policy-lens/1 document of its text, whose "file" is the id}.
 */
export function jsonlRecord(engine: Engine, raw: string, where: string): RecordResult {
  let record: unknown;
  try {
    record = JSON.parse(raw);
  } catch (e) {
    return { failure: `policy-lens: skipped ${where}: not JSON (${oneLine(e)})` };
  }
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return { failure: `policy-lens: skipped ${where}: not a JSON object` };
  const fields = record as Record<string, unknown>;
  const { id, text } = fields;
  if (typeof text !== 'string') return { failure: `policy-lens: skipped ${where}: no "text" string` };
  if (!((typeof id === 'string' && id !== '') || (typeof id === 'number' && Number.isFinite(id)))) return { failure: `policy-lens: skipped ${where}: no "id" (a string or a number) to carry to its annotation` };
  if (Object.prototype.hasOwnProperty.call(fields, ANNOTATION_FIELD)) return { failure: `policy-lens: skipped ${where} (id ${JSON.stringify(id)}): it has a field "${ANNOTATION_FIELD}", where the output puts the annotation (rename it)` };
  try {
    const entities = engine.annotate(text);
    const actions = engine.actions(text, entities);
    const parts = [`{"id":${JSON.stringify(id)}`];
    for (const key of Object.keys(fields)) {
      if (key === 'id' || key === 'text') continue;
      parts.push(`,${JSON.stringify(key)}:${JSON.stringify(fields[key])}`);
    }
    parts.push(`,"${ANNOTATION_FIELD}":`);
    writePolicyLensDocument((s) => parts.push(s), String(id), text, entities, actions, undefined, false);
    parts[parts.length - 1] = parts[parts.length - 1].replace(/\n$/, '');
    parts.push('}\n');
    return { out: parts.join('') };
  } catch (e) {
    return { failure: `policy-lens: skipped ${where} (id ${JSON.stringify(id)}): its analysis failed (${oneLine(e)})` };
  }
}
