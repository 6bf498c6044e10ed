// Tables for statisticians: the entities, actions and tags of every document,
// one row per mention, as CSV files (entities.csv, actions.csv, tags.csv) or
// one XLSX workbook with a sheet of each (policy-lens.xlsx).
//
// Offsets are code points (start inclusive, end exclusive), as in every
// export; "document" is the document's path as the export names it. Rejected
// automatic entities are left out (they are out of counts everywhere);
// orphaned tags have no place and are left out with a warning. A tag's
// annotator is written when the tag has one.
//
// CSV follows RFC 4180: CRLF between records, a field quoted when it holds a
// comma, a double quote, CR or LF (quotes doubled); the file starts with a
// UTF-8 byte-order mark, so that Excel reads Chinese as UTF-8. XLSX is
// written by ExcelJS (asynchronous: exportDocumentsAsync), numbers as numbers;
// a line break inside a cell (a note, a tag across lines) is written as LF,
// since XML readers turn CR LF into LF anyway.
// Neither is read back: they are for analysis, not interchange.
import { FormatError } from './errors';
import { entitySpans, placeable, type BinaryFile, type Format, type FormatDocument, type FormatOutput } from './format';

type Cell = string | number | undefined;

/** A table: its name (file stem or sheet name), column names and rows. */
export interface Table {
  name: 'entities' | 'actions' | 'tags';
  columns: readonly string[];
  rows: Cell[][];
}

export const ENTITY_COLUMNS = ['document', 'start', 'end', 'text', 'type', 'canonical', 'parent', 'successor', 'value', 'unit', 'approx'] as const;
export const ACTION_COLUMNS = ['document', 'start', 'end', 'department', 'verb', 'object', 'object_start', 'object_end', 'role', 'mention_start', 'mention_end'] as const;
export const TAG_COLUMNS = ['document', 'start', 'end', 'text', 'label', 'annotator', 'note', 'source', 'type', 'canonical', 'value', 'unit', 'approx', 'created', 'modified'] as const;

/** The three tables of the documents (offsets in code points: the documents are prepared in that unit). */
export function tablesOf(docs: readonly FormatDocument[], warn: (message: string) => void): Table[] {
  const entities: Cell[][] = [];
  const actions: Cell[][] = [];
  const tags: Cell[][] = [];
  for (const d of docs) {
    const { input } = d;
    const kept = new Set(entitySpans(input).map((s) => s.id));
    input.entities.forEach((e, i) => {
      if (!kept.has(`e${i + 1}`)) return;
      entities.push([d.file, d.offset(e.start), d.offset(e.end), e.text, e.type, e.canonical, e.parent, e.successor, e.value, e.unit, e.approx]);
    });
    for (const a of input.actions) {
      const m = input.entities[a.mention];
      actions.push([d.file, d.offset(a.start), d.offset(a.end), a.department, a.verb, a.object, d.offset(a.objectStart), d.offset(a.objectEnd), a.role, m ? d.offset(m.start) : undefined, m ? d.offset(m.end) : undefined]);
    }
    const orphans = d.spans.filter((s) => s.orphan).length;
    if (orphans > 0) warn(`${d.file}: ${orphans} orphaned tag(s) left out of the tables (their text is gone)`);
    const byId = new Map(input.tags.map((t) => [t.id, t]));
    for (const s of placeable(d.spans)) {
      const annotator = (byId.get(s.id) as { annotator?: unknown } | undefined)?.annotator;
      tags.push([d.file, s.start, s.end, s.text, s.label, typeof annotator === 'string' ? annotator : undefined, s.note, s.source, s.entity?.type, s.entity?.canonical, s.entity?.value, s.entity?.unit, s.entity?.approx, s.created, s.modified]);
    }
  }
  return [
    { name: 'entities', columns: ENTITY_COLUMNS, rows: entities },
    { name: 'actions', columns: ACTION_COLUMNS, rows: actions },
    { name: 'tags', columns: TAG_COLUMNS, rows: tags },
  ];
}

/** One RFC 4180 field. */
function csvField(v: Cell): string {
  if (v === undefined) return '';
  const s = typeof v === 'number' ? String(v) : v;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A table as CSV: UTF-8 BOM, header row, CRLF after every record. */
export function toCsv(table: Table): string {
  return '\uFEFF' + [table.columns, ...table.rows].map((r) => r.map(csvField).join(',') + '\r\n').join('');
}

const notReadable = (format: string) => () => {
  throw new FormatError(format, 'tables are written for analysis and are not read back; import a doccano, Label Studio, brat, W3C, CoNLL or policy-lens/1 file');
};

/** CSV tables: entities.csv, actions.csv, tags.csv. */
export const csv = {
  name: 'csv',
  aliases: [] as readonly string[],
  notes: 'CSV tables for statistics (entities.csv, actions.csv, tags.csv): one row per mention, code points; UTF-8 with BOM, RFC 4180',
  offsetUnit: 'codepoint',
  exportsEntities: true,
  export(docs, _options, warn): FormatOutput {
    return { files: tablesOf(docs, warn).map((t) => ({ name: `${t.name}.csv`, content: toCsv(t) })) };
  },
  import: notReadable('csv'),
} satisfies Format<'csv'>;

/** The workbook of the tables: a sheet each, a bold frozen header, numbers as numbers. */
export async function toXlsx(tables: readonly Table[]): Promise<Uint8Array> {
  // loaded when a workbook is written: the bundles keep exceljs in dist/exceljs.js (esbuild.mjs), out of activation
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Policy Lens';
  for (const t of tables) {
    const ws = wb.addWorksheet(t.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.addRow([...t.columns]).font = { bold: true };
    // XML normalises CR LF to LF when the workbook is read: write line breaks in cells as LF (offsets are unaffected)
    for (const r of t.rows) ws.addRow(r.map((v) => (v === undefined ? null : typeof v === 'string' ? v.replace(/\r\n?/g, '\n') : v)));
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** One XLSX workbook, policy-lens.xlsx, with the sheets entities, actions, tags. */
export const xlsx = {
  name: 'xlsx',
  aliases: ['excel'],
  notes: 'an XLSX workbook for statistics (sheets entities, actions, tags): one row per mention, code points',
  offsetUnit: 'codepoint',
  exportsEntities: true,
  export(): FormatOutput {
    throw new Error('xlsx is written asynchronously: use exportDocumentsAsync');
  },
  async exportAsync(docs, _options, warn): Promise<{ files: BinaryFile[] }> {
    return { files: [{ name: 'policy-lens.xlsx', content: await toXlsx(tablesOf(docs, warn)) }] };
  },
  import: notReadable('xlsx'),
} satisfies Format<'xlsx'>;
