// Label Studio JSON: an array of tasks, one per document,
//   {"data": {"text": "…", "file": "…"}, "annotations": [{"result": [
//     {"id": "t1", "from_name": "label", "to_name": "text", "type": "labels",
//      "value": {"start": 0, "end": 3, "text": "科技部", "labels": ["department"]}},
//     {"id": "t1", "from_name": "note", "to_name": "text", "type": "textarea",
//      "value": {"start": 0, "end": 3, "text": ["a note"]}}]}]}
// Automatic entities (with `withEntities`) go as pre-annotations, the task's
// "predictions" ({"model_version": "policy-lens", "result": [… "origin":
// "prediction" …]}, Label Studio's documented import format for
// pre-annotated tasks), never as manual "annotations": a task whose only
// regions are automatic has "annotations": [], so Label Studio counts it as
// not yet labelled. Reading back ignores predictions of model_version
// "policy-lens" (they are the document's own entities, not tags).
//
// A note is a per-region TextArea result sharing the region's id, as Label
// Studio writes for <TextArea perRegion="true">; labelStudioConfig() gives a
// labelling configuration with those names.
//
// Offsets: Label Studio's <Text> regions count Unicode code points (its own
// end-to-end test web/libs/editor/tests/integration/e2e/ner/emoji.cy.ts,
// "Should calculate offsets by code points in text", expects start 21 for
// "test" in "🐱 Warning: This is a test text"; code units would give 22), and
// "\r\n" counts as two (the Text tag's documentation). Older releases (before
// 2022) counted UTF-16 code units: the importer checks each region's text and
// says so when UTF-16 offsets would have matched.
import { bestPathMatch, describeDifference, isRecord, parseJson, requireOffset, show, textShift } from './common';
import { FormatError } from './errors';
import { entitySpans, placeable, textViews, withRelationEnds, type RelationIn, type Format, type FormatDocument, type SpanOut, type ImportOptions, type ImportResult, type LabelStudioNames, type SpanIn, type TextViews } from './format';

const FMT = 'label-studio';

export interface LabelStudioResult {
  id: string;
  from_name: string;
  to_name: string;
  type: 'labels' | 'textarea';
  origin: 'manual' | 'prediction';
  /** A prediction's confidence for this region (0–1), when the recogniser gives one. */
  score?: number;
  value: { start: number; end: number; text: string | string[]; labels?: string[] };
}

export interface LabelStudioPrediction {
  model_version: string;
  /** The prediction's overall confidence (0–1), when any region has one. */
  score?: number;
  result: LabelStudioResult[];
}

/** The model_version of the automatic entities' predictions. */
export const PREDICTION_MODEL = 'policy-lens';

export interface LabelStudioTask {
  data: Record<string, string>;
  /** One annotation per annotator (completed_by names them, as Label Studio's detailed export does), tags without one in their own. */
  annotations: Array<{ result: LabelStudioResult[]; completed_by?: { email?: string; first_name: string } }>;
  predictions?: LabelStudioPrediction[];
}

/** One task per document, with one annotation of its tags and, with entities, one prediction of them (code points). Orphaned and empty tags are left out. */
function toTask(doc: FormatDocument, names: LabelStudioNames = {}, entities?: readonly SpanOut[]): LabelStudioTask {
  const labelsName = names.labels ?? 'label';
  const textName = names.text ?? 'text';
  const noteName = names.note ?? 'note';
  const byAnnotator = new Map<string | undefined, LabelStudioResult[]>();
  const used = new Set<string>();
  const regionIds = new Map<string, { id: string; result: LabelStudioResult[] }>();
  // an automatic entity a relation points at is a region of the annotation of the tag at the relation's other end
  // (Label Studio relates regions of one annotation): department → task holds whoever tagged the task
  const tagIds = new Set(doc.spans.map((t) => t.id));
  const owner = new Map<string, string>();
  for (const r of doc.relations) {
    if (!tagIds.has(r.from.id) && r.to.annotator !== undefined && !owner.has(r.from.id)) owner.set(r.from.id, r.to.annotator);
    if (!tagIds.has(r.to.id) && r.from.annotator !== undefined && !owner.has(r.to.id)) owner.set(r.to.id, r.from.annotator);
  }
  for (const t of placeable(withRelationEnds(doc.spans, doc.relations))) {
    const who = t.annotator ?? owner.get(t.id);
    let result = byAnnotator.get(who);
    if (!result) byAnnotator.set(who, (result = []));
    let id = t.id;
    for (let n = 2; used.has(id); n++) id = `${t.id}-${n}`;
    used.add(id);
    if (!regionIds.has(t.id)) regionIds.set(t.id, { id, result });
    const { start, end } = t;
    result.push({ id, from_name: labelsName, to_name: textName, type: 'labels', origin: 'manual', value: { start, end, text: t.text, labels: [t.label] } });
    if (t.note !== undefined && t.note !== '') result.push({ id, from_name: noteName, to_name: textName, type: 'textarea', origin: 'manual', value: { start, end, text: [t.note] } });
  }
  // relations: Label Studio's relation results between two regions of the same annotation
  for (const r of doc.relations) {
    const from = regionIds.get(r.from.id);
    const to = regionIds.get(r.to.id);
    if (from && to && from.result === to.result) from.result.push({ from_id: from.id, to_id: to.id, type: 'relation', direction: 'right', labels: [r.type] } as unknown as LabelStudioResult);
  }
  const annotations: LabelStudioTask['annotations'] = [...byAnnotator].map(([who, result]) => (who === undefined ? { result } : { result, completed_by: { ...(who.includes('@') ? { email: who } : {}), first_name: who } }));
  const task: LabelStudioTask = { data: { [textName]: doc.text, file: doc.file }, annotations: annotations.length > 0 ? annotations : [{ result: [] }] };
  if (entities && entities.length > 0) {
    const predicted: LabelStudioResult[] = placeable(entities).map((e) => {
      const r: LabelStudioResult = { id: e.id, from_name: labelsName, to_name: textName, type: 'labels', origin: 'prediction', value: { start: e.start, end: e.end, text: e.text, labels: [e.label] } };
      if (e.score !== undefined) r.score = e.score;
      return r;
    });
    const scores = predicted.map((r) => r.score).filter((x): x is number => x !== undefined);
    const prediction: LabelStudioPrediction = { model_version: PREDICTION_MODEL, result: predicted };
    if (scores.length > 0) prediction.score = scores.reduce((a, b) => a + b, 0) / scores.length;
    task.predictions = [prediction];
    if (annotations.length === 0) task.annotations = [];
  }
  return task;
}

/** A labelling configuration (XML) for these labels, with a per-region note box, matching the export's names. */
export function labelStudioConfig(labels: readonly string[], names: LabelStudioNames = {}): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const textName = esc(names.text ?? 'text');
  return [
    '<View>',
    `  <Labels name="${esc(names.labels ?? 'label')}" toName="${textName}">`,
    ...labels.map((l) => `    <Label value="${esc(l)}"/>`),
    '  </Labels>',
    `  <Text name="${textName}" value="$${textName}"/>`,
    `  <TextArea name="${esc(names.note ?? 'note')}" toName="${textName}" perRegion="true" editable="true" placeholder="Note"/>`,
    '</View>',
    '',
  ].join('\n');
}

/**
 * Reads the spans of one document from Label Studio JSON (a task array or one
 * task). The task used is the one whose data.file is `options.file`, else the
 * one whose text is the document's. Each region's stored text, when present,
 * must match the document at its offsets.
 */
function fromLabelStudio(content: string, views: TextViews, options: ImportOptions): ImportResult {
  const text = views.utf16.text;
  const parsed = parseJson(FMT, content.replace(/^\ufeff/, ''));
  const tasks = Array.isArray(parsed) ? (parsed as unknown[]) : [parsed];
  if (tasks.length === 0) throw new FormatError(FMT, 'the file holds no tasks');
  const textKey = options.names?.text ?? 'text';
  const texts = tasks.map((task, i) => {
    if (!isRecord(task) || !isRecord(task.data)) throw new FormatError(FMT, `task ${i} has no "data" object`);
    const data = task.data;
    const strings = Object.values(data).filter((v): v is string => typeof v === 'string');
    const value = typeof data[textKey] === 'string' ? data[textKey] : strings.length === 1 && data.file === undefined ? strings[0] : undefined;
    if (value === undefined) throw new FormatError(FMT, `task ${i} has no data.${textKey} string (texts given by URL cannot be checked)`);
    return value;
  });

  let index = bestPathMatch(tasks, (t) => (t as { data: Record<string, unknown> }).data.file, options.file, (_t, i) => textShift(texts[i], text) !== undefined);
  if (index < 0) index = texts.findIndex((t) => textShift(t, text) !== undefined);
  if (index < 0) {
    if (tasks.length === 1) throw new FormatError(FMT, `the task's text is not the document's: ${describeDifference(texts[0], text)}`);
    throw new FormatError(FMT, `none of the ${tasks.length} tasks has the document's text`);
  }
  const shift = textShift(texts[index], text)!;
  if (shift === 1) options.onWarning?.(`label-studio: task ${index}: the text starts with a byte-order mark; offsets were moved back by one`);

  const task = tasks[index] as Record<string, unknown>;
  let annotations = task.annotations;
  const predictions = Array.isArray(task.predictions) ? (task.predictions as unknown[]).filter((p) => !(isRecord(p) && p.model_version === PREDICTION_MODEL)) : [];
  if ((!Array.isArray(annotations) || annotations.length === 0) && predictions.length > 0) {
    options.onWarning?.(`label-studio: task ${index} has no annotations; its first prediction was read instead`);
    annotations = predictions;
  }
  const none: ImportResult = { unit: 'codepoint', spans: [] };
  if (annotations === undefined) return none;
  if (!Array.isArray(annotations)) throw new FormatError(FMT, `task ${index}: "annotations" must be an array`);
  if (annotations.length === 0) return none;
  const which = options.annotation ?? 0;
  const annotation: unknown = annotations[which];
  if (!isRecord(annotation)) throw new FormatError(FMT, `task ${index} has no annotation ${which}`);
  if (!Array.isArray(annotation.result)) throw new FormatError(FMT, `task ${index}, annotation ${which}: "result" must be an array`);

  const by = annotation.completed_by;
  const annotator = typeof by === 'string' && by !== '' ? by : isRecord(by) ? [by.first_name, by.email].find((x): x is string => typeof x === 'string' && x !== '') : undefined;
  const cp = views.codepoint;
  const regions = new Map<string, SpanIn[]>();
  const notes: Array<{ id: string; note: string }> = [];
  const spans: SpanIn[] = [];
  const links: Array<{ from: string; to: string; type: string }> = [];
  (annotation.result as unknown[]).forEach((r, k) => {
    const where = `result ${k}`;
    if (isRecord(r) && r.type === 'relation') {
      const labels = Array.isArray(r.labels) ? (r.labels as unknown[]).filter((l): l is string => typeof l === 'string' && l !== '') : [];
      const [a, b] = r.direction === 'left' ? [r.to_id, r.from_id] : [r.from_id, r.to_id];
      for (const type of labels.length > 0 ? labels : ['related']) links.push({ from: String(a), to: String(b), type });
      return;
    }
    if (!isRecord(r) || !isRecord(r.value)) throw new FormatError(FMT, `${where} has no "value" object`);
    const v = r.value;
    if (r.type === 'textarea') {
      if (typeof r.id !== 'string' && typeof r.id !== 'number') return;
      const parts = Array.isArray(v.text) ? (v.text as unknown[]) : [v.text];
      if (!parts.every((p): p is string => typeof p === 'string')) throw new FormatError(FMT, `${where}: a note's value.text must be strings`);
      notes.push({ id: String(r.id), note: parts.join('\n') });
      return;
    }
    if (!Array.isArray(v.labels)) return; // choices, ratings, relations…: not tags
    if (typeof v.start === 'string' || typeof v.end === 'string') throw new FormatError(FMT, `${where} is a HyperText region (XPath offsets): only <Text> regions can be read`);
    const s = requireOffset(FMT, v.start, `${where}: value.start`) - shift;
    const e = requireOffset(FMT, v.end, `${where}: value.end`) - shift;
    if (s < 0 || e <= s || e > cp.length) throw new FormatError(FMT, `${where}: span [${s + shift}, ${e + shift}) is empty, reversed or outside the text (${cp.length} code points)`);
    if (typeof v.text === 'string' && !sameRegionText(v.text, cp.slice(s, e))) {
      const hint = sameRegionText(v.text, views.utf16.slice(s, e)) ? ' (the offsets look like UTF-16 code units, as older Label Studio releases wrote; convert them to code points)' : '';
      throw new FormatError(FMT, `${where}: the region's text ${show(v.text)} is not the document's ${show(cp.slice(s, e))} at [${s}, ${e})${hint}`);
    }
    const labels = (v.labels as unknown[]).filter((l): l is string => typeof l === 'string' && l !== '');
    if (labels.length === 0) throw new FormatError(FMT, `${where} has no label`);
    for (const label of labels) {
      const span: SpanIn = { start: s, end: e, label };
      if (annotator) span.annotator = annotator;
      spans.push(span);
      const key = String(r.id);
      regions.set(key, [...(regions.get(key) ?? []), span]);
    }
  });
  for (const { id, note } of notes) {
    const owners = regions.get(id);
    if (!owners) options.onWarning?.(`label-studio: a note with id ${JSON.stringify(id)} belongs to no labelled region and was skipped`);
    else for (const t of owners) t.note = t.note === undefined ? note : `${t.note}\n${note}`;
  }
  const relations: RelationIn[] = [];
  for (const l of links) {
    const from = regions.get(l.from)?.[0];
    const to = regions.get(l.to)?.[0];
    if (!from || !to) {
      options.onWarning?.(`label-studio: a relation between ${JSON.stringify(l.from)} and ${JSON.stringify(l.to)} points at no labelled region and was skipped`);
      continue;
    }
    relations.push({ type: l.type, from: spans.indexOf(from), to: spans.indexOf(to) });
  }
  return { unit: 'codepoint', spans, relations };
}

/** Label Studio has stored region text with newlines written as "\n" (two characters); both forms are accepted. */
function sameRegionText(stored: string, actual: string): boolean {
  return stored === actual || stored.replace(/\\n/g, '\n').replace(/\r/g, '') === actual.replace(/\r/g, '');
}

/** Label Studio JSON tasks and the labelling configuration that reads them. */
export const labelStudio = {
  name: 'label-studio',
  aliases: ['labelstudio', 'ls'],
  notes: 'Label Studio JSON tasks with "labels" results and notes as "textarea" results; code points',
  offsetUnit: 'codepoint',
  exportsEntities: true,
  export(docs, options) {
    const entities = docs.map((d) => (options.withEntities ? entitySpans(d.input, textViews(d.text).codepoint) : []));
    const json = JSON.stringify(docs.map((d, i) => toTask(d, options.names, entities[i])), null, 2) + '\n';
    const labels = [...new Set(docs.flatMap((d, i) => [...d.spans, ...entities[i]].map((s) => s.label)))].sort();
    return { files: [{ name: 'label-studio.json', content: json }, { name: 'label-studio-config.xml', content: labelStudioConfig(labels, options.names) }], stdout: json };
  },
  import: fromLabelStudio,
} satisfies Format<'label-studio'>;
