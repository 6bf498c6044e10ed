// Which format a file of annotations is in, guessed from its name and its
// content (the extension alone is not enough: Label Studio, policy-lens/1 and
// W3C all write .json). The Import command offers every format with the
// guessed ones first; the CLI takes the first when --format is not given.
import type { FormatName } from './index';

/** The formats in which `content` (the file named `name`) may be, most likely first; empty when nothing fits. */
export function guessFormats(name: string, content: string): FormatName[] {
  const text = content.replace(/^\uFEFF/, '');
  const ext = /\.([^./\\]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';
  const found: FormatName[] = [];
  const add = (f: FormatName) => {
    if (!found.includes(f)) found.push(f);
  };
  const json = parse(text);
  if (json !== undefined) {
    const first = Array.isArray(json) ? (json as unknown[]).find((x) => typeof x === 'object' && x !== null) : json;
    if (isObject(first)) {
      const types = ([] as unknown[]).concat(first.type ?? []);
      if (first.format === 'policy-lens/1') add('policy-lens');
      if (isObject(first.data) || Array.isArray(first.annotations) || Array.isArray(first.predictions)) add('label-studio');
      if (types.some((t) => t === 'Annotation' || t === 'AnnotationPage' || t === 'AnnotationCollection') || first['@context'] !== undefined) add('w3c');
      if (typeof first.text === 'string' && (first.label !== undefined || first.labels !== undefined || first.entities !== undefined)) add('doccano');
    }
  } else {
    const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
    if (lines.length > 0 && lines.every((l) => isObject(parse(l)))) add('doccano');
    if (lines.some((l) => /^[TRENAM#*]\d*\t/.test(l)) && lines.every((l) => /^([TRENAM]\d+|#\d+|\*)\t/.test(l))) add('brat');
    if (lines.length > 0 && lines.every((l) => /^-DOCSTART-/.test(l) || /^#/.test(l) || /^\S+(?:\t|\s+)(?:O|[BIESLU]-\S.*)$/.test(l))) add('conll');
  }
  const byExt: Record<string, FormatName> = { ann: 'brat', jsonl: 'doccano', conll: 'conll', bio: 'conll', jsonld: 'w3c' };
  const fromExt = byExt[ext];
  // the extension decides among the content's candidates, or stands alone when the content says nothing
  if (fromExt && (found.length === 0 || found.includes(fromExt))) return [fromExt, ...found.filter((f) => f !== fromExt)];
  return found;
}

function parse(s: string): unknown {
  try {
    return JSON.parse(s) as unknown;
  } catch {
    return undefined;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
