// The formats registry: every interchange format Policy Lens reads and
// writes, in one list. Each format says its name, aliases, notes and offset
// unit and gives an exporter and an importer over spans in that unit; the
// conversions to and from the tags (UTF-16) happen here, once per document
// (format.ts). Adding a format: write it in its own file, add it to REGISTRY.
import type { Relation, Tag } from '../tags/types';
import { brat } from './brat';
import { conll } from './conll';
import { doccano } from './doccano';
import { prepareDocument, relationsFrom, tagsFrom, textViews, type BinaryFile, type ExportInput, type ExportOptions, type Format, type ImportOptions, type OutputFile } from './format';
import { labelStudio } from './labelStudio';
import { policyLens } from './policyLens';
import { csv, xlsx } from './tables';
import { w3c } from './w3c';

export type { BinaryFile, ExportOptions, ImportOptions, OutputFile } from './format';

/** The formats, in the order menus and help list them. */
const REGISTRY = [policyLens, doccano, labelStudio, brat, w3c, conll, csv, xlsx] as const;

/** A format's name. */
export type FormatName = (typeof REGISTRY)[number]['name'];

/** The names of the formats Policy Lens reads and writes. */
export const FORMATS: readonly FormatName[] = REGISTRY.map((f) => f.name);

/** What each format says about itself (for help texts, pickers and the README). */
export const FORMAT_NOTES = Object.fromEntries(REGISTRY.map((f) => [f.name, f.notes])) as Record<FormatName, string>;

/** One document to export (its path as given names the output files). */
export type ExportDocument = ExportInput;

/** Result of an export: files for an output folder, what stdout gets when there is none (undefined: a folder is required), and one-line warnings. */
export interface ExportResult {
  files: OutputFile[];
  stdout?: string;
  warnings: string[];
}

function formatNamed(name: FormatName): Format {
  return REGISTRY.find((f) => f.name === name)!;
}

/**
 * Exports documents in a format. Tags are exported; with `withEntities`, the
 * automatic entities that were not rejected are exported too, labelled with
 * their type (for tools that take pre-annotations). policy-lens/1 always has
 * everything.
 */
export function exportDocuments(format: FormatName, docs: readonly ExportDocument[], options: ExportOptions = {}): ExportResult {
  const f = formatNamed(format);
  if (f.exportAsync) throw new Error(`${format} is written asynchronously: use exportDocumentsAsync`);
  const { prepared, warnings } = prepare(f, docs, options);
  return { ...f.export(prepared, options, (m) => warnings.push(m)), warnings };
}

/** exportDocuments for every format, those written asynchronously (xlsx) included: what the CLI and the editor call. */
export async function exportDocumentsAsync(format: FormatName, docs: readonly ExportDocument[], options: ExportOptions = {}): Promise<Omit<ExportResult, 'files'> & { files: Array<OutputFile | BinaryFile> }> {
  const f = formatNamed(format);
  const { prepared, warnings } = prepare(f, docs, options);
  const warn = (m: string) => warnings.push(m);
  const out = f.exportAsync ? await f.exportAsync(prepared, options, warn) : f.export(prepared, options, warn);
  return { ...out, warnings };
}

/** Whether a format's output needs a folder (it writes several files, or bytes): no stdout form. */
export function needsFolder(format: FormatName): boolean {
  return format === 'brat' || format === 'csv' || format === 'xlsx';
}

function prepare(f: Format, docs: readonly ExportDocument[], options: ExportOptions) {
  const unit = f.unitFor?.(options) ?? f.offsetUnit;
  return { prepared: docs.map((d) => prepareDocument(d, unit, !!options.withEntities && !f.exportsEntities)), warnings: [] as string[] };
}

/** Reads tags for `text` from a file in `format` (brat: the .ann content). Throws FormatError with one line. */
export function importTags(format: FormatName, content: string, text: string, options: ImportOptions = {}): Tag[] {
  const views = textViews(text);
  return tagsFrom(formatNamed(format).import(content.replace(/^\uFEFF/, ''), views, options), views, options);
}

/** Reads tags and the relations between them (where the format has relations) for `text`; relation ends are the returned tags' ids. */
export function importAnnotations(format: FormatName, content: string, text: string, options: ImportOptions = {}): { tags: Tag[]; relations: Relation[] } {
  const views = textViews(text);
  const result = formatNamed(format).import(content.replace(/^\uFEFF/, ''), views, options);
  const tags = tagsFrom(result, views, options);
  return { tags, relations: relationsFrom(result, tags, options) };
}

/** The format named by a CLI argument or a file extension, if any. */
export function formatFromName(name: string): FormatName | undefined {
  const n = name.toLowerCase().replace(/^\./, '');
  return REGISTRY.find((f) => f.name === n || f.aliases.includes(n))?.name;
}
