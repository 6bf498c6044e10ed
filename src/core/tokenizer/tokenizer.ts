// nodejieba (or, where its binary does not load, jieba-wasm: wasm.ts) behind a
// small interface: loaded lazily and once, HMM on, and tokens carry offsets
// aligned to the input (jieba returns none).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyWholeTable, insertWords } from './wholeWords';
import { DictionaryTags, lookupTag, WordTags } from './dictionaryTags';
import type { Token } from '../types';
import { NO_TOKENIZER, type JiebaLike, type TokenizerBackend, type TokenizerChoice, type TokenizerInfo, type UserWord } from './jieba';
import { JIEBA_WASM_VERSION, nodeWasmJieba } from './wasm';

export { NO_TOKENIZER, type TokenizerBackend, type TokenizerChoice, type TokenizerInfo } from './jieba';

const dictionariesLoaded = new WeakSet<JiebaLike>();
/**
 * Changes to each nodejieba's dictionary (words inserted). Its dictionary is
 * one per thread while Tokenizers may be several (the CLI, tests): each one
 * drops its cached tags when the count moved since it last looked.
 */
const dictionaryChanges = new WeakMap<JiebaLike, number>();
/**
 * Each nodejieba's dictionary tags (dictionaryTags.ts), where its dictionary
 * files could be read: kept current with every word inserted, so that tag()
 * needs no call into nodejieba beyond the cut. A stand-in without dictionary
 * files (tests, other builds of jieba) has none and learns tags by asking.
 */
const dictionaryTags = new WeakMap<JiebaLike, DictionaryTags>();
function insertInto(jieba: JiebaLike, words: readonly UserWord[]): void {
  if (words.length === 0) return;
  const kept = insertWords(jieba, words);
  const tags = dictionaryTags.get(jieba);
  if (tags) words.forEach((w, i) => kept[i] || tags.set(w.word, w.tag));
  dictionaryChanges.set(jieba, (dictionaryChanges.get(jieba) ?? 0) + 1);
}

/** Longest piece handed to nodejieba in one call: keeps each synchronous call short. */
export const SLICE = 4096;

/**
 * Segmenter and POS tagger over nodejieba. The native module and its
 * dictionaries load on first use (about a second), never at construction.
 */
export class Tokenizer {
  private jieba: JiebaLike | undefined;
  /** Batches of words added before load, in order. */
  private readonly pending: UserWord[][] = [];
  /** Milliseconds the last load took (0 until loaded). */
  loadMs = 0;
  /**
   * Whether addWords() takes words. False for a tokenizer whose dictionary is
   * filled elsewhere (the CLI's workers ask one tokenizer thread, whose
   * engine added its recognisers' words): the annotator then does not compute them.
   */
  readonly takesWords: boolean = true;

  /** The backend running once loaded. */
  backend: TokenizerInfo['backend'] | undefined;
  /** Why nodejieba did not load, when jieba-wasm runs in its place. */
  fallbackReason: string | undefined;
  private readonly loader: (() => JiebaLike) | undefined;
  private readonly choice: TokenizerChoice;

  /** @param how an injected jieba (tests), or which backend to pick (default: `auto`). */
  constructor(how: (() => JiebaLike) | TokenizerChoice = 'auto') {
    this.loader = typeof how === 'function' ? how : undefined;
    this.choice = typeof how === 'function' ? 'auto' : how;
  }

  /** The backend, its version and load time (loads it). */
  info(): TokenizerInfo {
    this.load();
    const backend = this.backend!;
    const version = backend === 'nodejieba' ? nodejiebaVersion() : backend === 'jieba-wasm' ? JIEBA_WASM_VERSION : undefined;
    return { backend, version, loadMs: this.loadMs, ...(this.fallbackReason ? { fallbackReason: this.fallbackReason } : {}) };
  }

  /** True once nodejieba and its dictionaries are in memory. */
  get loaded(): boolean {
    return this.jieba !== undefined;
  }

  /** Loads nodejieba and applies user words; later calls do nothing. */
  load(): void {
    if (this.jieba) return;
    const started = Date.now();
    let jieba: JiebaLike;
    if (this.loader) {
      jieba = this.loader();
      loadOnce(jieba);
      this.backend = 'custom';
    } else {
      const picked = pickJieba(this.choice);
      jieba = picked.jieba;
      this.backend = picked.backend;
      this.fallbackReason = picked.fallbackReason;
    }
    // the table of words kept whole was computed with nodejieba: the other jiebas check each word
    const version = this.backend === 'nodejieba' ? nodejiebaVersion() : undefined;
    for (const batch of this.pending) insertInto(jieba, applyWholeTable(batch, version));
    this.pending.length = 0;
    this.jieba = jieba;
    this.loadMs = Date.now() - started;
  }

  /**
   * Adds words to the dictionary (now if loaded, else at load). A batch that
   * src/core/data/jieba-whole.json was computed for skips its per-word checks.
   */
  addWords(words: Iterable<UserWord>): void {
    const batch = acceptedWords(words);
    if (!this.jieba) this.pending.push(batch);
    else insertInto(this.jieba, batch); // tagPiece then drops its cached tags
  }

  /** Segments text with HMM on; tags are empty strings. */
  cut(text: string): Token[] {
    this.load();
    const jieba = this.jieba!;
    return sliced(text, (piece) => alignWords(piece, jieba.cut(piece, true), () => ''));
  }

  /**
   * Segments and POS-tags text (HMM on), exactly as nodejieba.tag does. tag()
   * is cut() followed by a dictionary look-up of each word's tag, which
   * depends on the word alone (cppjieba's PosTagger), and building its result
   * costs nodejieba more than the cut itself. So this cuts, and takes each
   * word's tag from a cache filled by tagging the words not seen before, in
   * one call; a word that nodejieba would split when tagged alone is learnt
   * by tagging the whole piece instead. The result is identical either way.
   */
  tag(text: string): Token[] {
    this.load();
    return sliced(text, (piece) => this.tagPiece(piece));
  }

  /** tag() of each text, in order (a tokenizer in another thread answers them in one request). */
  tagMany(texts: readonly string[]): Token[][] {
    return texts.map((t) => this.tag(t));
  }

  /** Forgets the cached word tags (they are rebuilt on demand). */
  clearCache(): void {
    this.tags.clear();
  }

  /** Tag of each word seen so far, as nodejieba's tagger gives it. */
  private readonly tags = new WordTags();

  /** dictionaryChanges of this tokenizer's nodejieba when its tags were cached. */
  private tagsOfChange = 0;

  private tagPiece(piece: string): Token[] {
    const jieba = this.jieba!;
    const known = dictionaryTags.get(jieba);
    if (known) {
      const cut = jieba.cut(piece, true);
      return alignWords(piece, cut, (k) => lookupTag(known, cut[k]));
    }
    const change = dictionaryChanges.get(jieba) ?? 0;
    if (change !== this.tagsOfChange) {
      this.tags.clear(); // new words change segmentation and tags
      this.tagsOfChange = change;
    }
    let words = jieba.cut(piece, true);
    const tags = this.tags;
    if (tags.size + words.length > MAX_CACHED_TAGS) tags.clear();
    const wordTags: string[] = new Array<string>(words.length);
    let unseen: string[] | undefined;
    for (let k = 0; k < words.length; k++) {
      const tag = tags.get(words[k]);
      if (tag !== undefined) wordTags[k] = tag;
      else {
        tags.set(words[k], ''); // placeholder: each unseen word is asked once
        (unseen ??= []).push(words[k]);
      }
    }
    if (unseen) {
      if (!this.learnTags(unseen)) words = this.tagWhole(piece);
      for (let k = 0; k < words.length; k++) wordTags[k] = tags.get(words[k]) ?? '';
    }
    return alignWords(piece, words, (k) => wordTags[k]);
  }

  /** Tags `words` in one call, one per line; false if one of them did not come back whole. */
  private learnTags(words: string[]): boolean {
    if (words.some((w) => w.includes(WORD_SEPARATOR))) {
      for (const w of words) this.tags.delete(w);
      return false;
    }
    let tagged: Array<{ word: string; tag: string }>;
    try {
      tagged = this.jieba!.tag(words.join(WORD_SEPARATOR));
    } catch (err) {
      for (const w of words) this.tags.delete(w); // no placeholder outlives a failed call
      throw err;
    }
    let allWhole = true;
    let k = 0;
    let run: Array<{ word: string; tag: string }> = [];
    const close = (): void => {
      if (k >= words.length) {
        allWhole = false; // more pieces than words: nothing to match them with
        return;
      }
      const w = words[k++];
      if (run.length === 1 && run[0].word === w) this.tags.set(w, run[0].tag);
      else {
        this.tags.delete(w);
        allWhole = false;
      }
      run = [];
    };
    for (const t of tagged) {
      if (t.word === WORD_SEPARATOR) close();
      else run.push(t);
    }
    close();
    if (k < words.length) {
      for (const w of words.slice(k)) this.tags.delete(w);
      return false;
    }
    return allWhole;
  }

  /** nodejieba.tag on the piece itself: its words, whose tags are now learnt. */
  private tagWhole(piece: string): string[] {
    const tagged = this.jieba!.tag(piece);
    for (const t of tagged) this.tags.set(t.word, t.tag);
    return tagged.map((t) => t.word);
  }
}

/** Separates words tagged together: nodejieba always splits at it and returns it alone. */
const WORD_SEPARATOR = '\n';
/** Cached word tags before the cache starts over (a few MB). */
const MAX_CACHED_TAGS = 200_000;

/**
 * Loads nodejieba's dictionaries without its keyword-extraction IDF table.
 * load() always reads idf.utf8 (6 MB, ≈ 0.4 s) for extract(), which Policy
 * Lens never calls: a one-line stand-in takes its place, written to a fresh
 * private folder (mkdtemp) and removed after loading. cppjieba aborts the
 * process if it cannot open the file, so the stand-in is used only where
 * that cannot happen: a path of printable ASCII (narrow-character file APIs
 * on Windows) to a file just written. Otherwise the full load runs.
 */
function loadDictionaries(jieba: JiebaLike): void {
  let dir: string | undefined;
  let stub: string | undefined;
  try {
    dir = mkdtempSync(join(tmpdir(), 'policy-lens-'));
    const path = join(dir, 'idf.utf8');
    if (/^[\x20-\x7e]+$/.test(path)) {
      writeFileSync(path, '的 1.0\n', { flag: 'wx' });
      stub = path;
    }
  } catch {
    stub = undefined; // no private temp folder here: load the real table
  }
  try {
    if (stub) jieba.load({ idfDict: stub });
    else jieba.load();
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The tags of nodejieba's default dictionaries (loadDictionaries loads those), or undefined when its files
 * are not where its module says (another jieba, a moved package): the tokenizer then asks nodejieba.
 */
function defaultDictionaryTags(jieba: JiebaLike): DictionaryTags | undefined {
  const { DEFAULT_DICT: dict, DEFAULT_USER_DICT: user } = jieba as { DEFAULT_DICT?: unknown; DEFAULT_USER_DICT?: unknown };
  if (typeof dict !== 'string' || typeof user !== 'string') return undefined;
  try {
    return DictionaryTags.read({ dict, userDicts: user.split(/[|;]/).filter(Boolean) });
  } catch {
    return undefined;
  }
}

/** The words a dictionary batch keeps: not empty, no whitespace (nodejieba's dictionary format). */
export function acceptedWords(words: Iterable<UserWord>): UserWord[] {
  return [...words].filter((w) => w.word && !/\s/.test(w.word));
}

/** Version of the installed nodejieba, or undefined if it cannot be read. */
export function nodejiebaVersion(): string | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require('nodejieba/package.json') as { version?: string }).version;
  } catch {
    return undefined;
  }
}

/** Loads a jieba's dictionaries once per module (they are process- or thread-wide). */
function loadOnce(jieba: JiebaLike): void {
  if (dictionariesLoaded.has(jieba)) return;
  loadDictionaries(jieba);
  const tags = defaultDictionaryTags(jieba);
  if (tags) dictionaryTags.set(jieba, tags);
  dictionariesLoaded.add(jieba);
}

/** nodejieba with its dictionaries; throws when its native binary does not load here. */
function loadNodejieba(): JiebaLike {
  // Required at first use so that activation and `--help` never pay for it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const jieba = require('nodejieba') as JiebaLike;
  loadOnce(jieba); // the binary itself loads here (nodejieba requires it lazily)
  return jieba;
}

/** jieba-wasm with nodejieba's user dictionary. */
function loadWasm(): JiebaLike {
  const jieba = nodeWasmJieba();
  jieba.load();
  return jieba;
}

/** The first line of an error, for one-line messages. */
function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0];
}

/**
 * The jieba to run: `nodejieba` or `wasm` as asked (POLICY_LENS_TOKENIZER for
 * `auto`), else nodejieba where its binary loads and jieba-wasm where it does
 * not. Throws one clear error when none loads.
 */
function pickJieba(choice: TokenizerChoice): { jieba: JiebaLike; backend: TokenizerBackend; fallbackReason?: string } {
  const env = (typeof process !== 'undefined' ? process.env.POLICY_LENS_TOKENIZER : undefined)?.trim().toLowerCase();
  const wanted = choice !== 'auto' ? choice : env === 'wasm' || env === 'jieba-wasm' ? 'wasm' : env === 'nodejieba' ? 'nodejieba' : 'auto';
  let nodejiebaError: string | undefined;
  if (wanted !== 'wasm') {
    try {
      return { jieba: loadNodejieba(), backend: 'nodejieba' };
    } catch (err) {
      nodejiebaError = firstLine(err);
      if (wanted === 'nodejieba') throw new Error(`${NO_TOKENIZER}: nodejieba (asked for) does not load: ${nodejiebaError}`, { cause: err });
    }
  }
  try {
    return { jieba: loadWasm(), backend: 'jieba-wasm', ...(nodejiebaError ? { fallbackReason: nodejiebaError } : {}) };
  } catch (err) {
    const why = nodejiebaError ? `neither nodejieba (${nodejiebaError}) nor jieba-wasm (${firstLine(err)})` : `jieba-wasm does not (${firstLine(err)})`;
    throw new Error(`${NO_TOKENIZER}: ${why}`, { cause: err });
  }
}

/** Runs `fn` (which returns tokens aligned to its piece) over slices of at most SLICE units cut at line or sentence ends. */
export function sliced(text: string, fn: (piece: string) => Token[]): Token[] {
  if (text.length <= SLICE) return fn(text);
  const out: Token[] = [];
  let from = 0;
  while (from < text.length) {
    const to = sliceEnd(text, from);
    for (const t of fn(text.slice(from, to))) {
      t.start += from;
      t.end += from;
      out.push(t);
    }
    from = to;
  }
  return out;
}

/** End of the slice starting at `from`: the last line break or 。！？ before the limit, never inside a surrogate pair. */
export function sliceEnd(text: string, from: number): number {
  const limit = from + SLICE;
  if (limit >= text.length) return text.length;
  for (let i = limit; i > from + SLICE / 2; i--) {
    const c = text[i - 1];
    if (c === '\n' || c === '。' || c === '！' || c === '？') return i;
  }
  let end = limit;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return end;
}

/**
 * Places each token at its position in `text`. Tokens are expected in order;
 * whitespace the tokenizer dropped or merged is skipped, and a token that
 * cannot be found (e.g. a lone surrogate nodejieba replaced) is dropped,
 * so every returned token satisfies text.slice(start, end) === word.
 */
export function alignTokens(text: string, words: ReadonlyArray<{ word: string; tag: string }>): Token[] {
  return alignWords(
    text,
    words.map((w) => w.word),
    (k) => words[k].tag,
  );
}

/** alignTokens for the tokenizer's words, with the tag of the k-th word from `tagAt`. */
function alignWords(text: string, words: readonly string[], tagAt: (k: number) => string): Token[] {
  const out: Token[] = [];
  let cursor = 0;
  for (let k = 0; k < words.length; k++) {
    let word = words[k];
    if (!word) continue;
    let start = cursor;
    if (!text.startsWith(word, cursor)) {
      word = word.trim();
      if (!word) continue; // whitespace token with no counterpart here
      start = text.indexOf(word, cursor);
      // Accept only a match reached by skipping whitespace or unmatched characters
      // that no token claimed (bounded so one bad token cannot jump far ahead).
      if (start < 0 || start - cursor > 16) continue;
    }
    cursor = start + word.length;
    out.push({ word, tag: tagAt(k), start, end: cursor });
  }
  return out;
}
