// A character trie for longest-match dictionary lookups in running text.

/**
 * A small integer for the two ideographs (U+4E00–U+9FFF) at `pos` of `text`,
 * or -1: a Map keyed by it is looked up without making or hashing a string.
 */
export function hanPairAt(text: string, pos: number): number {
  const a = text.charCodeAt(pos) - 0x4e00;
  const b = text.charCodeAt(pos + 1) - 0x4e00;
  if (!(a >= 0 && a < 0x5200 && b >= 0 && b < 0x5200)) return -1; // also past the end (NaN)
  return a * 0x5200 + b;
}

interface Node<T> {
  next: Map<number, Node<T>>;
  value?: T;
}

/** Dictionary of strings with values; finds the longest entry starting at a position. */
export class Trie<T> {
  private readonly root: Node<T> = { next: new Map() };
  /**
   * With `dense`, the root's children by UTF-16 unit (512 KB): the first step of every walk is an array read,
   * not a look-up in a map of thousands. For the large dictionaries built once; a small trie built per call keeps the map.
   */
  private readonly rootNext: Array<Node<T> | undefined> | undefined;
  size = 0;

  constructor(dense = false) {
    this.rootNext = dense ? new Array<Node<T> | undefined>(0x10000).fill(undefined) : undefined;
  }

  /** Adds (or replaces) an entry. */
  set(word: string, value: T): void {
    let node = this.root;
    for (let i = 0; i < word.length; i++) {
      const c = word.charCodeAt(i);
      let child = node.next.get(c);
      if (!child) {
        child = { next: new Map() };
        node.next.set(c, child);
        if (node === this.root && this.rootNext) this.rootNext[c] = child;
      }
      node = child;
    }
    if (node.value === undefined) this.size++;
    node.value = value;
  }

  /** Longest entry that starts at `pos` in `text`: its end offset and value, or undefined. */
  longestAt(text: string, pos: number): { end: number; value: T } | undefined {
    let node: Node<T> | undefined = this.root;
    let best: { end: number; value: T } | undefined;
    for (let i = pos; i < text.length; i++) {
      node = i === pos && this.rootNext ? this.rootNext[text.charCodeAt(i)] : node.next.get(text.charCodeAt(i));
      if (!node) break;
      if (node.value !== undefined) best = { end: i + 1, value: node.value };
    }
    return best;
  }

  /** Whether an entry of at least `minLength` characters starts at `pos` and ends by `end` (one walk, no substring made). */
  hasEntryAt(text: string, pos: number, end: number, minLength: number): boolean {
    let node: Node<T> | undefined = this.root;
    for (let i = pos; i < end; i++) {
      node = i === pos && this.rootNext ? this.rootNext[text.charCodeAt(i)] : node.next.get(text.charCodeAt(i));
      if (!node) return false;
      if (node.value !== undefined && i + 1 - pos >= minLength) return true;
    }
    return false;
  }

  /** Character codes that begin some entry. */
  firstChars(): IterableIterator<number> {
    return this.root.next.keys();
  }

  /** Every entry that starts at `pos`, shortest first. */
  allAt(text: string, pos: number): Array<{ end: number; value: T }> {
    const out: Array<{ end: number; value: T }> = [];
    let node: Node<T> | undefined = this.root;
    for (let i = pos; i < text.length; i++) {
      node = i === pos && this.rootNext ? this.rootNext[text.charCodeAt(i)] : node.next.get(text.charCodeAt(i));
      if (!node) break;
      if (node.value !== undefined) out.push({ end: i + 1, value: node.value });
    }
    return out;
  }
}

interface MaskNode {
  next: Map<number, MaskNode>;
  /** Bit k set: the path to this node is an entry of dictionary k. */
  mask: number;
}

/**
 * Several dictionaries in one character trie: each entry carries a bit per
 * dictionary, so one walk from a position finds the longest entry of every
 * dictionary there (instead of one walk per dictionary).
 */
export class MaskTrie {
  private readonly root: MaskNode = { next: new Map(), mask: 0 };
  /** The root's children by UTF-16 unit (see Trie.rootNext); also says which units begin an entry. */
  private readonly rootNext: Array<MaskNode | undefined> = new Array<MaskNode | undefined>(0x10000).fill(undefined);

  /** Adds `word` to dictionary `bit` (0–30). */
  add(word: string, bit: number): void {
    if (!word) return;
    let node = this.root;
    for (let i = 0; i < word.length; i++) {
      const c = word.charCodeAt(i);
      let child = node.next.get(c);
      if (!child) {
        child = { next: new Map(), mask: 0 };
        node.next.set(c, child);
        if (node === this.root) this.rootNext[c] = child;
      }
      node = child;
    }
    node.mask |= 1 << bit;
  }

  /** Whether some entry starts with the UTF-16 unit `code`. */
  startsWith(code: number): boolean {
    return this.rootNext[code] !== undefined;
  }

  /**
   * Writes into `ends[k]` the end offset of the longest entry of dictionary k
   * starting at `pos` in `text`, or -1; returns the union of the found bits.
   */
  longestAt(text: string, pos: number, ends: Int32Array): number {
    ends.fill(-1);
    let found = 0;
    let node: MaskNode | undefined = this.root;
    for (let i = pos; i < text.length; i++) {
      node = i === pos ? this.rootNext[text.charCodeAt(i)] : node.next.get(text.charCodeAt(i));
      if (!node) break;
      let m = node.mask;
      if (m === 0) continue;
      found |= m;
      for (let k = 0; m !== 0; k++, m >>>= 1) if (m & 1) ends[k] = i + 1;
    }
    return found;
  }
}
