// A character trie for longest-match dictionary lookups in running text.

interface Node<T> {
  next: Map<number, Node<T>>;
  value?: T;
}

/** Dictionary of strings with values; finds the longest entry starting at a position. */
export class Trie<T> {
  private readonly root: Node<T> = { next: new Map() };
  size = 0;

  /** Adds (or replaces) an entry. */
  set(word: string, value: T): void {
    let node = this.root;
    for (let i = 0; i < word.length; i++) {
      const c = word.charCodeAt(i);
      let child = node.next.get(c);
      if (!child) {
        child = { next: new Map() };
        node.next.set(c, child);
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
      node = node.next.get(text.charCodeAt(i));
      if (!node) break;
      if (node.value !== undefined) best = { end: i + 1, value: node.value };
    }
    return best;
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
      node = node.next.get(text.charCodeAt(i));
      if (!node) break;
      if (node.value !== undefined) out.push({ end: i + 1, value: node.value });
    }
    return out;
  }
}
