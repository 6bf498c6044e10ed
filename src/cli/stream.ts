// Output that is written as it is made, so that memory stays bounded on
// large inputs: a policy-lens/1 document whose entities are converted and
// written line by line (the same bytes as JSON.stringify of
// toPolicyLensDocument, compact or indented by one), and the tokens of a text
// tokenized and written a slice of lines at a time.
import type { Engine } from '../core/engine/engine';
import { toPolicyLensDocument, type ExportedEntity } from '../core/formats/policyLens';
import { OffsetMap } from '../core/text/offsets';
import type { Action, Entity } from '../core/types';

/** Writes `s` (buffered by the caller). */
export type Write = (s: string) => void;

/** A value of the document, or the entities streamed in its place. */
type Member = { key: string; value: unknown } | { key: string; items: Iterable<unknown> };

/** Writes an object member by member as JSON.stringify(obj) or JSON.stringify(obj, null, 1) would. */
function writeObject(write: Write, members: Member[], pretty: boolean): void {
  write('{');
  members.forEach((m, i) => {
    if (i > 0) write(',');
    write(pretty ? `\n ${JSON.stringify(m.key)}: ` : `${JSON.stringify(m.key)}:`);
    if ('value' in m) {
      const v = pretty ? JSON.stringify(m.value, null, 1).replace(/\n/g, '\n ') : JSON.stringify(m.value);
      write(v);
      return;
    }
    write('[');
    let n = 0;
    for (const item of m.items) {
      if (n++ > 0) write(',');
      write(pretty ? `\n  ${JSON.stringify(item, null, 1).replace(/\n/g, '\n  ')}` : JSON.stringify(item));
    }
    write(n > 0 && pretty ? '\n ]' : ']');
  });
  write(pretty && members.length > 0 ? '\n}' : '}');
}

/** The exported entities of a document, converted a line at a time (ids e1…eN in order, code-point offsets). */
function* exportedEntities(file: string, text: string, entities: readonly Entity[]): Generator<ExportedEntity> {
  const map = new OffsetMap(text);
  let id = 0;
  let k = 0;
  while (k < entities.length) {
    const first = entities[k].start;
    const lineStart = first === 0 ? 0 : text.lastIndexOf('\n', first - 1) + 1;
    const nl = text.indexOf('\n', first);
    const next = nl < 0 ? Infinity : nl + 1;
    const group: Entity[] = [];
    let end = first;
    while (k < entities.length && entities[k].start < next) {
      const e = entities[k++];
      end = Math.max(end, e.end);
      group.push({ ...e, start: e.start - lineStart, end: e.end - lineStart });
    }
    const base = map.toCodePoint(lineStart);
    for (const e of toPolicyLensDocument(file, text.slice(lineStart, end), group).entities) {
      e.id = `e${++id}`;
      e.start += base;
      e.end += base;
      yield e;
    }
  }
}

/**
 * Writes the policy-lens/1 document of a text: the same output as
 * JSON.stringify(toPolicyLensDocument(…)) (indented by one when `pretty`),
 * without building every exported entity and the whole string first.
 * Entities must be sorted by start (as the engine returns them).
 */
export function writePolicyLensDocument(write: Write, file: string, text: string, entities: readonly Entity[], actions: readonly Action[], encoding: string | undefined, pretty: boolean): void {
  const head = toPolicyLensDocument(file, text, [], actions, encoding);
  const members: Member[] = [];
  for (const [key, value] of Object.entries(head)) {
    if (key === 'entities') members.push({ key, items: exportedEntities(file, text, entities) });
    else members.push({ key, value });
  }
  writeObject(write, members, pretty);
  write('\n');
}

/** Characters of lines tokenized in one call (whole lines). */
const TOKEN_SLICE = 64 * 1024;

/**
 * Writes the tokens of a text, one "start<TAB>end<TAB>word<TAB>tag" line each
 * (code-point offsets; whitespace tokens left out), tokenizing whole lines a
 * slice at a time.
 */
export function writeTokens(write: Write, engine: Engine, text: string): void {
  let cp = 0; // code points before `from`
  let from = 0;
  while (from < text.length) {
    let to = Math.min(text.length, from + TOKEN_SLICE);
    if (to < text.length) {
      const nl = text.indexOf('\n', to);
      to = nl < 0 ? text.length : nl + 1;
    }
    const slice = text.slice(from, to);
    const map = new OffsetMap(slice);
    let out = '';
    for (const t of engine.tokenize(slice)) {
      if (!t.word.trim()) continue;
      out += `${cp + map.toCodePoint(t.start)}\t${cp + map.toCodePoint(t.end)}\t${t.word}\t${t.tag}\n`;
    }
    write(out);
    cp += map.codePointLength;
    from = to;
  }
}
