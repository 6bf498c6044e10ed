// One entry point for every interchange format: export documents (text,
// entities, actions, tags) to files, and import a file's annotations as tags.
import type { Tag } from '../tags/types';
import { bratConfig, fromBrat, toBrat } from './brat';
import type { ImportOptions } from './common';
import { fromConll, resolveOverlaps, toConll } from './conll';
import { fromDoccano, toDoccanoLine } from './doccano';
import { FormatError } from './errors';
import { fromLabelStudio, labelStudioConfig, toLabelStudioJson } from './labelStudio';
import { tagsFromPolicyLens, toPolicyLensExport, type ExportInput } from './policyLens';
import { fromW3c, toW3cJson } from './w3c';

/** The formats Policy Lens reads and writes. */
export const FORMATS = ['policy-lens', 'doccano', 'label-studio', 'brat', 'w3c', 'conll'] as const;
export type FormatName = (typeof FORMATS)[number];

/** What the formats say about offsets (for help texts and the README). */
export const FORMAT_NOTES: Record<FormatName, string> = {
  'policy-lens': 'policy-lens/1 JSON (one document per line on stdout, NAME.json with --out); code points',
  doccano: 'doccano JSONL {"text","label":[[start,end,label]]}; UTF-16 offsets as doccano counts them (marked "offset_unit")',
  'label-studio': 'Label Studio JSON tasks with "labels" results and notes as "textarea" results; code points',
  brat: 'brat standoff NAME.txt + NAME.ann (+ annotation.conf, visual.conf); code points; needs --out',
  w3c: 'W3C Web Annotation collection with TextQuoteSelector and TextPositionSelector; code points',
  conll: 'character-level CoNLL BIO, one character per line; no notes; overlapping tags: the first, then the longer, wins',
};

/** One document to export (its path as given names the output files). */
export type ExportDocument = ExportInput;

/** A file to write (name relative to the output folder). */
export interface OutputFile {
  name: string;
  content: string;
}

/** Result of an export: files for an output folder, and what stdout gets when there is none (undefined: --out required). */
export interface ExportResult {
  files: OutputFile[];
  stdout?: string;
  warnings: string[];
}

const stem = (file: string) => file.replace(/\\/g, '/').replace(/^\.?\//, '').replace(/\.(txt|md)$/i, '');

/**
 * Exports documents in a format. Tags are exported; with `withEntities`, the
 * automatic entities that were not rejected are exported too, labelled with
 * their type (for tools that take pre-annotations). policy-lens/1 always has
 * everything.
 */
export function exportDocuments(format: FormatName, docs: readonly ExportDocument[], options: { withEntities?: boolean } = {}): ExportResult {
  const warnings: string[] = [];
  const spans = (d: ExportDocument): Tag[] => {
    if (!options.withEntities) return [...d.tags];
    const rejected = new Set(d.rejected.map((r) => `${r.type}:${r.start}:${r.end}`));
    const auto = d.entities
      .filter((e) => !rejected.has(`${e.type}:${e.start}:${e.end}`))
      .map((e, i): Tag => ({ id: `e${i + 1}`, label: e.type, start: e.start, end: e.end, quote: { exact: e.text, prefix: '', suffix: '' }, source: 'imported', created: '' }));
    return [...d.tags, ...auto];
  };
  const labels = [...new Set(docs.flatMap((d) => spans(d).map((t) => t.label)))].sort();
  switch (format) {
    case 'policy-lens': {
      const out = docs.map((d) => ({ name: `${stem(d.file)}.json`, json: toPolicyLensExport(d) }));
      return { files: out.map((o) => ({ name: o.name, content: JSON.stringify(o.json, null, 1) + '\n' })), stdout: out.map((o) => JSON.stringify(o.json) + '\n').join(''), warnings };
    }
    case 'doccano': {
      const lines = docs.map((d) => toDoccanoLine({ text: d.text, tags: spans(d), file: d.file }));
      return { files: [{ name: 'doccano.jsonl', content: lines.map((l) => l + '\n').join('') }], stdout: lines.map((l) => l + '\n').join(''), warnings };
    }
    case 'label-studio': {
      const json = toLabelStudioJson(docs.map((d) => ({ text: d.text, tags: spans(d), file: d.file })));
      return { files: [{ name: 'label-studio.json', content: json }, { name: 'label-studio-config.xml', content: labelStudioConfig(labels) }], stdout: json, warnings };
    }
    case 'brat': {
      const files: OutputFile[] = [];
      for (const d of docs) {
        const { txt, ann } = toBrat(d.text, spans(d));
        files.push({ name: `${stem(d.file)}.txt`, content: txt }, { name: `${stem(d.file)}.ann`, content: ann });
      }
      const conf = bratConfig(labels);
      files.push({ name: 'annotation.conf', content: conf.annotationConf }, { name: 'visual.conf', content: conf.visualConf });
      return { files, warnings };
    }
    case 'w3c': {
      const parts = docs.map((d) => ({ name: `${stem(d.file)}.jsonld`, json: toW3cJson(d.text, spans(d), { source: d.file }) }));
      return { files: parts.map((p) => ({ name: p.name, content: p.json })), stdout: parts.map((p) => JSON.stringify(JSON.parse(p.json)) + '\n').join(''), warnings };
    }
    case 'conll': {
      const parts = docs.map((d) => {
        const tags = spans(d);
        const { dropped } = resolveOverlaps(tags);
        if (dropped.length) warnings.push(`${d.file}: ${dropped.length} overlapping tag(s) left out of CoNLL (it has one label per character)`);
        return { name: `${stem(d.file)}.conll`, content: toConll(d.text, tags) };
      });
      return { files: parts, stdout: parts.map((p) => `# ${p.name}\n${p.content}`).join('\n'), warnings };
    }
  }
}

/** Reads tags for `text` from a file in `format` (brat: the .ann content). Throws FormatError with one line. */
export function importTags(format: FormatName, content: string, text: string, options: ImportOptions & { file?: string } = {}): Tag[] {
  const json = () => {
    try {
      return JSON.parse(content) as unknown;
    } catch (err) {
      throw new FormatError(format, `not JSON (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`);
    }
  };
  switch (format) {
    case 'policy-lens':
      return tagsFromPolicyLens(json(), text, options);
    case 'doccano':
      return fromDoccano(content, text, options);
    case 'label-studio':
      return fromLabelStudio(json(), text, options);
    case 'brat':
      return fromBrat(content, text, options);
    case 'w3c':
      return fromW3c(json(), text, options);
    case 'conll':
      return fromConll(content, text, options);
  }
}

/** The format named by a CLI argument or a file extension, if any. */
export function formatFromName(name: string): FormatName | undefined {
  const n = name.toLowerCase().replace(/^\./, '');
  if ((FORMATS as readonly string[]).includes(n)) return n as FormatName;
  return ({ policylens: 'policy-lens', json: 'policy-lens', jsonl: 'doccano', labelstudio: 'label-studio', ls: 'label-studio', ann: 'brat', jsonld: 'w3c', 'web-annotation': 'w3c', bio: 'conll' } as Record<string, FormatName>)[n];
}
