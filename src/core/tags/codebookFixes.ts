// Fixes for a tag whose label is not in the codebook: the codebook's labels
// closest to it (for "Change label to …") and the edit of the codebook's
// JSON that adds it ("Add label X to the codebook"), written into the file as
// it is formatted (its indentation, its line ends, its one-line arrays).
// Pure; offsets UTF-16.
import { JsonReader, isRecord, type Obj } from '../text/jsonReader';
import { LABEL_PATH_SEPARATOR, type Codebook } from './codebook';

/** Edit distance of two strings, by code points (a label in Chinese or with a character past U+FFFF counts characters). */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[y.length];
}

const parentOf = (name: string) => name.split(LABEL_PATH_SEPARATOR).slice(0, -1).join(LABEL_PATH_SEPARATOR);
const leafOf = (name: string) => name.split(LABEL_PATH_SEPARATOR).pop() ?? name;

/**
 * The codebook's labels closest to an unknown one, best first, at most `max`:
 * the same leaf or the same name in another case first, then by edit
 * distance of the leaf (a label under the same parent before one elsewhere),
 * only those within half the leaf's length (at least 1, at most 3 edits).
 */
export function closestLabels(codebook: Codebook, label: string, max = 3): string[] {
  const leaf = leafOf(label);
  const parent = parentOf(label);
  const limit = Math.min(3, Math.max(1, Math.floor([...leaf].length / 2)));
  const ranked: Array<{ name: string; score: number }> = [];
  for (const l of codebook.labels) {
    if (l.name === label) continue;
    const d = editDistance(leafOf(l.name).toLowerCase(), leaf.toLowerCase());
    const same = leafOf(l.name) === leaf || l.name.toLowerCase() === label.toLowerCase();
    const sibling = parentOf(l.name) === parent;
    if (!same && d > limit) continue;
    ranked.push({ name: l.name, score: (same ? 0 : 10 + d * 2) + (sibling ? 0 : 1) });
  }
  return ranked.sort((a, b) => a.score - b.score).slice(0, max).map((r) => r.name);
}

export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** The indentation of the line that holds `at`. */
function indentAt(text: string, at: number): string {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

/** The indentation step of the file (its first indented line's), else two spaces. */
function indentUnit(text: string): string {
  return /\n([ \t]+)\S/.exec(text)?.[1] ?? '  ';
}

const labelObject = (names: readonly string[]): string => {
  const [first, ...rest] = names;
  return rest.length ? `{ "name": ${JSON.stringify(first)}, "children": [${labelObject(rest)}] }` : `{ "name": ${JSON.stringify(first)} }`;
};

/**
 * The edit of a codebook's text that adds a label (a path: parent labels
 * before its own name, "/" between; the parents missing are added too): a
 * new entry at the end of its parent's `children` (made when the parent has
 * none), or of `labels` for a top-level one. The file's formatting is kept:
 * a multi-line array gets the new entry on a line of its own, indented as
 * its other entries, with the file's line ends; a one-line array stays on
 * one line. Undefined when the codebook does not parse or has the label.
 */
export function addLabelEdit(json: string, label: string): TextEdit | undefined {
  const reader = new JsonReader(json);
  let root: unknown;
  try {
    root = reader.parse();
  } catch {
    return undefined;
  }
  if (!isRecord(root) || !Array.isArray(root.labels)) return undefined;
  const eol = json.includes('\r\n') ? '\r\n' : '\n';
  const unit = indentUnit(json);
  const names = label.split(LABEL_PATH_SEPARATOR).map((n) => n.trim()).filter((n) => n !== '');
  if (names.length === 0) return undefined;
  // walk down the labels that exist
  let arrayPath = 'labels';
  let array: unknown[] = root.labels;
  let k = 0;
  for (; k < names.length; k++) {
    const i = array.findIndex((l) => isRecord(l) && typeof l.name === 'string' && l.name.trim() === names[k]);
    if (i < 0) break;
    if (k === names.length - 1) return undefined; // the label is there
    const ownerPath = `${arrayPath}[${i}]`;
    const owner = array[i] as Obj;
    if (!Array.isArray(owner.children)) {
      // the parent has no children yet: give it some, after its last key
      const keys = Object.keys(owner);
      const lastSpan = reader.spans.get(`${ownerPath}.${keys[keys.length - 1]}`);
      const ownerSpan = reader.spans.get(ownerPath);
      if (!lastSpan || !ownerSpan) return undefined;
      const entry = `"children": [${labelObject(names.slice(k + 1))}]`;
      const multiLine = json.slice(ownerSpan[0], ownerSpan[1]).includes('\n');
      return { start: lastSpan[1], end: lastSpan[1], text: multiLine ? `,${eol}${indentAt(json, lastSpan[0])}${entry}` : `, ${entry}` };
    }
    arrayPath = `${ownerPath}.children`;
    array = owner.children;
  }
  const span = reader.spans.get(arrayPath);
  if (!span) return undefined;
  const entry = labelObject(names.slice(k));
  const body = json.slice(span[0], span[1]);
  if (array.length === 0) return { start: span[0], end: span[1], text: `[${eol}${indentAt(json, span[0])}${unit}${entry}${eol}${indentAt(json, span[0])}]` };
  const last = reader.spans.get(`${arrayPath}[${array.length - 1}]`);
  if (!last) return undefined;
  if (!body.includes('\n')) return { start: last[1], end: last[1], text: `, ${entry}` };
  return { start: last[1], end: last[1], text: `,${eol}${indentAt(json, last[0])}${entry}` };
}
