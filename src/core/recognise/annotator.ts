// Runs the recognition pipeline (pipeline.ts) one line at a time (entities
// never cross a line break), cached by the line's text so that an edit
// re-analyses only the lines it touched; long lines are cached sentence by
// sentence. Tokenizes the lines of a batch in one run before recognising them.
import { lineSpans, sentenceSpans } from '../text/lines';
import { Tokenizer } from '../tokenizer/tokenizer';
import type { Entity, Token } from '../types';
import { defaultPipeline, resolveOverlaps, type LineContext, type Recogniser } from './pipeline';

export { resolveOverlaps } from './pipeline';

/** Lines or sentences kept in the cache before the oldest are dropped. */
const CACHE_LINES = 100000;

/** Lines up to this length are analysed whole; longer ones sentence by sentence. */
const SEGMENT_MIN = 160;

/**
 * Text tokenized in one run before its lines are recognised (UTF-16 units).
 * nodejieba runs about a fifth faster when its calls follow each other than
 * when recognisers run between them (its dictionary stays in the CPU caches),
 * and a batch's tokens take a few MB.
 */
const TOKENIZE_BATCH = 32 * 1024;

/** Texts that may hold an entity (an ideograph, a digit or an opening mark). */
const ANALYSABLE = /[\u4e00-\u9fff0-9０-９《“「]/;
const HAN = /[\u4e00-\u9fff]/;

/** Finds every entity the annotation guide defines in a text. */
export class Annotator {
  private prepared = false;
  private readonly cache = new Map<string, Entity[]>();
  /** Tokens of the texts about to be analysed (filled by a batch, emptied after it). */
  private readonly tokens = new Map<string, Token[]>();
  /** Sentence spans of the long lines of the current batch. */
  private readonly plans = new Map<string, Plan>();

  private readonly needsTokens: boolean;
  /** Asks every recogniser that knows names. */
  private readonly isKnownName: (word: string) => boolean;

  constructor(
    readonly tokenizer: Tokenizer = new Tokenizer(),
    /** The recognisers, in order (pipeline.ts). */
    readonly pipeline: readonly Recogniser[] = defaultPipeline(),
  ) {
    this.needsTokens = pipeline.some((r) => r.needsTokens);
    const knowers = pipeline.flatMap((r) => (r.isKnownName ? [(word: string) => r.isKnownName!(word)] : []));
    this.isKnownName = (word) => knowers.some((known) => known(word));
  }

  /** Adds the recognisers' words (the gazetteer's names) to the tokenizer's dictionary (once, before first use). */
  prepare(): void {
    if (this.prepared) return;
    if (this.tokenizer.takesWords) for (const r of this.pipeline) if (r.dictionaryWords) this.tokenizer.addWords(r.dictionaryWords());
    this.prepared = true;
  }

  /** Entities of `text`, UTF-16 offsets, sorted by start. */
  annotate(text: string): Entity[] {
    const out: Entity[] = [];
    const spans = [...lineSpans(text)];
    this.inBatches(
      spans.map(([start, end]) => text.slice(start, end)),
      (line, i) => {
        const start = spans[i][0];
        for (const e of this.annotateLine(line)) out.push({ ...e, start: e.start + start, end: e.end + start });
      },
    );
    return out;
  }

  /** Entities of each line (no line breaks), offsets relative to the line. */
  annotateLines(lines: readonly string[]): Entity[][] {
    const out: Entity[][] = [];
    this.inBatches(lines, (line) => out.push(this.annotateLine(line)));
    return out;
  }

  /**
   * Calls `each` on every line in order, tokenizing first, in one run per
   * batch, the texts of the batch that are not cached yet.
   */
  private inBatches(lines: readonly string[], each: (line: string, index: number) => void): void {
    this.prepare(); // the gazetteer's words before the first tokens
    let i = 0;
    while (i < lines.length) {
      let j = i;
      try {
        const units: string[] = [];
        const asked = new Set<string>();
        for (let size = 0; j < lines.length && (j === i || size + lines[j].length <= TOKENIZE_BATCH); j++) {
          size += lines[j].length;
          for (const unit of this.uncached(lines[j])) {
            if (this.needsTokens && !asked.has(unit) && HAN.test(unit) && ANALYSABLE.test(unit)) {
              asked.add(unit);
              units.push(unit);
            }
          }
        }
        if (units.length > 0) this.tokenizer.tagMany(units).forEach((tokens, k) => this.tokens.set(units[k], tokens));
        for (; i < j; i++) each(lines[i], i);
      } finally {
        this.tokens.clear();
        this.plans.clear();
      }
    }
  }

  /** The texts annotateLine(line) would analyse now: the line, its new sentences, or nothing. */
  private uncached(line: string): string[] {
    if (this.cache.has(line)) return [];
    if (line.length <= SEGMENT_MIN) return [line];
    const plan = planOf(line);
    this.plans.set(line, plan); // annotateLine takes it from here
    const missing = this.missing(plan);
    return missing.length > 1 ? [line] : missing;
  }

  /** The sentences of a long line not in the cache (asked when needed: an earlier line may have added some). */
  private missing(plan: Plan): string[] {
    return plan.texts.filter((t) => !this.cache.has(t));
  }

  /** Entities of one line (no line breaks), offsets relative to it; cached by content. */
  annotateLine(line: string): Entity[] {
    if (line.length <= SEGMENT_MIN) return this.cached(line);
    const whole = this.cache.get(line); // lines with an entity across a cut are cached whole
    if (whole) return whole;
    // Entities never cross a sentence end (the guide), so a long line is cached
    // per sentence: after a keystroke only the edited sentence is analysed again.
    // the same sentence strings for every look-up: each is hashed once
    const plan = this.plans.get(line) ?? planOf(line);
    const { spans, texts } = plan;
    const missing = this.missing(plan);
    if (missing.length > 1) {
      // Many new sentences (a document opening): analyse the line in one pass and file the results by sentence.
      const result = this.analyse(line);
      const buckets: Entity[][] = spans.map(() => []);
      let k = 0;
      let crossing = false;
      for (const e of result) {
        while (k < spans.length - 1 && e.start >= spans[k][1]) k++;
        if (e.end > spans[k][1]) crossing = true;
        buckets[k].push(k === 0 ? e : { ...e, start: e.start - spans[k][0], end: e.end - spans[k][0] });
      }
      if (crossing) {
        this.store(line, result); // an entity spans a cut: keep the line's answer as it is
        return result;
      }
      texts.forEach((t, i) => this.store(t, buckets[i]));
      return result;
    }
    const out: Entity[] = [];
    spans.forEach(([start], i) => {
      for (const e of this.cached(texts[i])) out.push(start === 0 ? e : { ...e, start: e.start + start, end: e.end + start });
    });
    return out;
  }

  private store(segment: string, entities: Entity[]): void {
    if (this.cache.size >= CACHE_LINES) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(segment, entities);
  }

  private cached(segment: string): Entity[] {
    const hit = this.cache.get(segment);
    if (hit) return hit;
    const result = this.analyse(segment);
    this.store(segment, result);
    return result;
  }

  /** Empties the line cache (benchmarks; a changed dictionary). */
  clearCache(): void {
    this.cache.clear();
  }

  /** Number of lines in the cache. */
  get cachedLines(): number {
    return this.cache.size;
  }

  /** Entities of one line or sentence: every recogniser in order, then one resolution of their overlaps. */
  private analyse(line: string): Entity[] {
    if (!ANALYSABLE.test(line)) return [];
    this.prepare();
    const han = HAN.test(line);
    const tokens = this.needsTokens && han ? (this.tokens.get(line) ?? this.tokenizer.tag(line)) : [];
    const fixed: Entity[] = [];
    const candidates: Entity[] = [];
    const context: LineContext = { tokens, found: candidates, isKnownName: this.isKnownName };
    for (const r of this.pipeline) {
      if (r.needsTokens && !han) continue;
      const found = r.recognise(line, context);
      const into = r.overlap === 'fixed' ? fixed : candidates;
      for (const e of found) into.push(e);
    }
    return withoutDocumentNumbers(line, resolveOverlaps(fixed, candidates));
  }
}

/** A long line's sentences: their spans and their texts (made once, so that each cache look-up hashes a string once). */
interface Plan {
  spans: Array<[number, number]>;
  texts: string[];
}

function planOf(line: string): Plan {
  const spans = sentenceSpans(line);
  return { spans, texts: spans.map(([a, b]) => line.slice(a, b)) };
}

/** The issuer's abbreviation at the start of a document number (国办函〔2004〕80号, 国发〔2018〕39号, 临政办函[2013]89号) is part of the number. */
const DOCUMENT_NUMBER_AFTER = /^(?:[发函字电办令]|办发|办函|厅发|厅函)?[〔［[]\s*[0-9０-９]{4}/;

function withoutDocumentNumbers(line: string, entities: Entity[]): Entity[] {
  if (!line.includes('〔') && !line.includes('[') && !line.includes('［')) return entities;
  return entities.filter((e) => !((e.type === 'department' || e.type === 'organization') && DOCUMENT_NUMBER_AFTER.test(line.slice(e.end, e.end + 9))));
}
