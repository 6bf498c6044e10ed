// jieba-wasm (jieba-rs compiled to WebAssembly) behind the tokenizer's
// JiebaLike interface: the fallback where nodejieba's native binary does not
// load (another OS or CPU, an old glibc, the web). It differs from cppjieba
// (nodejieba) in a few documented ways; the ones that are rules, not
// dictionary weights, are made to agree here:
// - runs of ASCII: cppjieba cuts letters (then letters and digits), digits
//   (then digits and '.') and each other character apart (70/%, 480/-/560,
//   135/m); jieba-rs keeps them together (70%, 480-560, 135m);
// - tags of words made of ASCII: cppjieba's special rule (digits m, letters
//   eng, else x), where jieba-rs tags such words by its own rules;
// - user words without a frequency: cppjieba gives them the dictionary's
//   median weight (frequency 3), jieba-rs a frequency that keeps them whole.
// Its dictionary is one per module instance (like nodejieba's, per thread).
import { specialRuleTag } from './dictionaryTags';
import type { JiebaLike } from './jieba';

/** The functions of jieba-wasm's module this adapter calls (node's and the web build's are alike once initialised). */
export interface JiebaWasmModule {
  cut(text: string, hmm?: boolean | null): string[];
  tag(sentence: string, hmm?: boolean | null): Array<{ word: string; tag: string }>;
  add_word(word: string, freq?: number | null, tag?: string | null): number;
}

/** jieba-wasm version the adapter was written and measured with (package.json pins it). */
export const JIEBA_WASM_VERSION = '2.4.0';

/** cppjieba's weight for a user word without a frequency is the dictionary's median: frequency 3 in nodejieba's jieba.dict.utf8. */
const USER_WORD_FREQ = 3;

/** nodejieba's default user dictionary (submodules/cppjieba/dict/user.dict.utf8), loaded with its dictionaries. */
const NODEJIEBA_USER_DICT: ReadonlyArray<{ word: string; freq?: number; tag?: string }> = [
  { word: '云计算' },
  { word: '韩玉鉴赏' },
  { word: '蓝翔', tag: 'nz' },
  { word: '区块链', freq: 10, tag: 'nz' },
];

const isAscii = (word: string): boolean => {
  for (let i = 0; i < word.length; i++) if (word.charCodeAt(i) >= 0x80) return false;
  return word.length > 0;
};
const isLetter = (c: number): boolean => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;

/** cppjieba's HMM rules for ASCII (HMMSegment: SequentialLetterRule, NumbersRule, else one character). */
export function splitAscii(word: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < word.length) {
    const start = i;
    const c = word.charCodeAt(i);
    if (isLetter(c)) {
      i++;
      while (i < word.length && (isLetter(word.charCodeAt(i)) || isDigit(word.charCodeAt(i)))) i++;
    } else if (isDigit(c)) {
      i++;
      while (i < word.length && (isDigit(word.charCodeAt(i)) || word.charCodeAt(i) === 0x2e)) i++;
    } else i++;
    out.push(word.slice(start, i));
  }
  return out;
}

/** A JiebaLike over an initialised jieba-wasm module. */
export function jiebaFromWasm(mod: JiebaWasmModule): JiebaLike {
  /** Words added by insertWord (kept whole and tagged as given, as cppjieba's dictionary does). */
  const inserted = new Map<string, string>();
  /** A run of ASCII words jieba-rs returned (not whitespace, not inserted) is cut again by cppjieba's rules as one run (1/. → 1.). */
  const loose = (w: string): boolean => isAscii(w) && /^\S+$/.test(w) && !inserted.has(w);
  const words = (raw: string[]): string[] => {
    const out: string[] = [];
    for (let i = 0; i < raw.length; ) {
      if (!loose(raw[i])) {
        out.push(raw[i++]);
        continue;
      }
      let run = '';
      while (i < raw.length && loose(raw[i])) run += raw[i++];
      for (const p of splitAscii(run)) out.push(p);
    }
    return out;
  };
  let loaded = false;
  return {
    load() {
      if (loaded) return;
      loaded = true;
      for (const w of NODEJIEBA_USER_DICT) {
        mod.add_word(w.word, w.freq ?? USER_WORD_FREQ, w.tag ?? null);
        inserted.set(w.word, w.tag ?? 'x');
      }
    },
    cut: (sentence, hmm) => words(mod.cut(sentence, hmm ?? false)),
    tag(sentence) {
      const out: Array<{ word: string; tag: string }> = [];
      const tagged = mod.tag(sentence, true);
      for (let i = 0; i < tagged.length; ) {
        const t = tagged[i];
        if (!loose(t.word)) {
          out.push({ word: t.word, tag: inserted.get(t.word) ?? t.tag });
          i++;
          continue;
        }
        let run = '';
        while (i < tagged.length && loose(tagged[i].word)) run += tagged[i++].word;
        for (const p of splitAscii(run)) out.push({ word: p, tag: specialRuleTag(p) });
      }
      return out;
    },
    insertWord(word, tag) {
      mod.add_word(word, USER_WORD_FREQ, tag ?? null);
      inserted.set(word, tag ?? 'x');
      return true;
    },
  };
}

let nodeWasm: JiebaLike | undefined;
/** A module initialised by the caller (the web worker: src/web/worker.ts), used instead of the node build. */
let givenModule: JiebaWasmModule | undefined;

/** Makes `nodeWasmJieba()` use an already initialised jieba-wasm module (the web build's). */
export function useWasmModule(mod: JiebaWasmModule): void {
  givenModule = mod;
  nodeWasm = undefined;
}

/** jieba-wasm: the module given by useWasmModule, else its node build (its .wasm read next to the bundle: dist/jieba_rs_wasm_bg.wasm), one per thread. */
export function nodeWasmJieba(): JiebaLike {
  // Required at first use: instantiating the module reads and compiles 4 MB.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  nodeWasm ??= jiebaFromWasm(givenModule ?? (require('jieba-wasm') as JiebaWasmModule));
  return nodeWasm;
}
