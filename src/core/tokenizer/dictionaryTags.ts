// nodejieba's part-of-speech tags without asking nodejieba. Its tag() is cut()
// followed by cppjieba's PosTagger::LookupTag on each word, which reads the
// word's tag from the dictionary trie (the main dictionary, then the user
// dictionary, then every insertWord, a later entry replacing an earlier one)
// and, for a word the dictionary has no tag for, applies SpecialRule (x, m or
// eng from the word's ASCII characters). Both are reproduced here from the
// same dictionary files, so that the tokenizer's tag() is one cut() per piece
// and a look-up per word, with no second call into nodejieba for words it has
// not seen before (test/unit/dictionaryTags.test.ts checks it word for word
// against nodejieba.tag).
import { readFileSync } from 'node:fs';
import { hanPairAt } from '../text/trie';

/**
 * Word → tag. One-character words (a third of running text) sit in an array
 * by code unit and two-ideograph words (most of the rest) in a map keyed by a
 * small integer, which V8 hashes without reading a string; others by string.
 */
export class WordTags {
  private readonly words = new Map<string, string>();
  private readonly pairs = new Map<number, string>();
  private readonly chars: Array<string | undefined> = new Array<string | undefined>(0x10000).fill(undefined);

  get size(): number {
    return this.words.size + this.pairs.size;
  }

  get(word: string): string | undefined {
    if (word.length === 1) return this.chars[word.charCodeAt(0)];
    if (word.length === 2) {
      const key = hanPairAt(word, 0);
      if (key >= 0) return this.pairs.get(key);
    }
    return this.words.get(word);
  }

  set(word: string, tag: string): void {
    const key = word.length === 2 ? hanPairAt(word, 0) : -1;
    if (word.length === 1) this.chars[word.charCodeAt(0)] = tag;
    else if (key >= 0) this.pairs.set(key, tag);
    else this.words.set(word, tag);
  }

  delete(word: string): void {
    const key = word.length === 2 ? hanPairAt(word, 0) : -1;
    if (word.length === 1) this.chars[word.charCodeAt(0)] = undefined;
    else if (key >= 0) this.pairs.delete(key);
    else this.words.delete(word);
  }

  clear(): void {
    this.words.clear();
    this.pairs.clear();
    this.chars.fill(undefined);
  }
}

/**
 * cppjieba's SpecialRule for a word with no tag in the dictionary: x when it
 * has no ASCII character among the code points it looks at, m when those are
 * all digits, else eng. It looks at code points while fewer than half (rounded
 * down) of the word's code points were ASCII, so a one-character word is x.
 */
export function specialRuleTag(word: string): string {
  let size = 0;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < word.length) {
      const d = word.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    size++;
  }
  const half = Math.floor(size / 2);
  let eng = 0;
  let digits = 0;
  for (let i = 0, n = 0; i < word.length && n < size && eng < half; i++, n++) {
    const c = word.charCodeAt(i);
    if (c < 0x80) {
      eng++;
      if (c >= 0x30 && c <= 0x39) digits++;
    } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < word.length) {
      const d = word.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
  }
  if (eng === 0) return 'x';
  return digits === eng ? 'm' : 'eng';
}

/** The files of a loaded nodejieba's dictionary, as its load() read them (its defaults). */
export interface DictionaryFiles {
  dict: string;
  /** User dictionaries, in order. */
  userDicts: readonly string[];
}

/**
 * The tags of a nodejieba dictionary as cppjieba's DictTrie holds them: the
 * main dictionary (lines `word freq tag`), then the user dictionaries (lines
 * `word`, `word tag` or `word freq tag` split at single spaces; a line of
 * more columns adds nothing, as DictTrie then inserts an empty word; empty
 * lines are skipped), then every word inserted since; a later entry for a
 * word replaces an earlier one.
 *
 * The main dictionary (≈ 350,000 words) is indexed where it lies: an
 * open-addressing table of the offsets of its words in the file's text, with
 * a tag number per slot — built in one pass with no string made per word,
 * a fraction of the time and memory of a Map of 350,000 strings. A user
 * dictionary's or inserted word that the main dictionary has takes over its
 * slot; the others (tens of thousands of names) sit in a WordTags beside it.
 */
export class DictionaryTags {
  private readonly overlay = new WordTags();

  private constructor(
    private readonly text: string,
    private readonly slots: Int32Array,
    private readonly tagOf: Uint16Array,
    private readonly tagNames: string[],
  ) {}

  /** Reads the files; throws if one cannot be read (the caller then asks nodejieba instead). */
  static read(files: DictionaryFiles): DictionaryTags {
    const text = readFileSync(files.dict, 'utf8');
    let lines = 1;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
    let size = 1024;
    while (size < lines * 2) size *= 2;
    const slots = new Int32Array(size);
    const tagOf = new Uint16Array(size);
    const tagNames: string[] = [];
    const tagIds = new Map<string, number>();
    const mask = size - 1;
    forEachLine(text, (start, end) => {
      // LoadDict: exactly three columns (cppjieba aborts on any other line)
      const a = text.indexOf(' ', start);
      const b = a < 0 || a >= end ? -1 : text.indexOf(' ', a + 1);
      if (a <= start || a >= end || b < 0 || b >= end) return;
      const c = text.indexOf(' ', b + 1);
      if (c >= 0 && c < end) return;
      const tag = text.slice(b + 1, end);
      let id = tagIds.get(tag);
      if (id === undefined) {
        id = tagNames.length;
        tagNames.push(tag);
        tagIds.set(tag, id);
      }
      let slot = hashRange(text, start, a) & mask;
      for (; slots[slot] !== 0; slot = (slot + 1) & mask) if (sameWord(text, slots[slot] - 1, text, start, a - start)) break;
      slots[slot] = start + 1;
      tagOf[slot] = id;
    });
    const tags = new DictionaryTags(text, slots, tagOf, tagNames);
    for (const path of files.userDicts) {
      forEachLine(readFileSync(path, 'utf8'), (start, end, line) => {
        if (end === start) return;
        const columns = line.slice(start, end).split(' ');
        // limonp::Split makes no empty column after a trailing space ("word " is one column)
        if (columns.length > 1 && columns[columns.length - 1] === '') columns.pop();
        const tag = columns.length === 1 ? '' : columns.length === 2 ? columns[1] : columns.length === 3 ? columns[2] : undefined;
        if (tag !== undefined && columns[0]) tags.set(columns[0], tag);
      });
    }
    return tags;
  }

  /** The word's tag in the dictionary ('' for an entry without one), or undefined if it has no entry. */
  get(word: string): string | undefined {
    const slot = this.slotOf(word);
    return slot >= 0 ? this.tagNames[this.tagOf[slot]] : this.overlay.get(word);
  }

  /**
   * Records an entry that replaces any earlier one (a user dictionary line, an inserted word): a word of the
   * main dictionary gets the new tag in its slot, so that each word has one entry and a look-up finds it first.
   */
  set(word: string, tag: string): void {
    const slot = this.slotOf(word);
    if (slot < 0) {
      this.overlay.set(word, tag);
      return;
    }
    let id = this.tagNames.indexOf(tag);
    if (id < 0) id = this.tagNames.push(tag) - 1;
    this.tagOf[slot] = id;
  }

  /** The main dictionary's slot of `word`, or -1. */
  private slotOf(word: string): number {
    if (!word) return -1;
    const mask = this.slots.length - 1;
    for (let slot = hashRange(word, 0, word.length) & mask; this.slots[slot] !== 0; slot = (slot + 1) & mask) {
      if (sameWord(this.text, this.slots[slot] - 1, word, 0, word.length)) return slot;
    }
    return -1;
  }
}

/** The tag LookupTag gives `word` with `tags` as the dictionary. */
export function lookupTag(tags: Pick<DictionaryTags, 'get'>, word: string): string {
  const tag = tags.get(word);
  return tag ? tag : specialRuleTag(word);
}

/** FNV-1a over the UTF-16 units of text[start, end). */
function hashRange(text: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Whether the main dictionary's word at `at` (ended by a space) is word[start, start + length). */
function sameWord(dict: string, at: number, word: string, start: number, length: number): boolean {
  if (dict.charCodeAt(at + length) !== 0x20) return false;
  for (let i = 0; i < length; i++) if (dict.charCodeAt(at + i) !== word.charCodeAt(start + i)) return false;
  return true;
}

/** Calls `fn` with the bounds of each line (split at LF; a CR before it stays in the line, as getline leaves it). */
function forEachLine(text: string, fn: (start: number, end: number, text: string) => void): void {
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    fn(start, end, text);
    start = end + 1;
  }
}
