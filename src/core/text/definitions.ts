// Where a text defines what a reader may go to: the short names it defines
// (（以下简称“X”）, （简称X）) and the 《titles》 it cites, matched against
// other documents' titles (their first line, a 《title》 in it, their file
// name). Pure: the editor's definitions and document links use it.

/** A short name defined in a text, with the UTF-16 span of the short name inside its bracket. */
export interface ShortNameDefinition {
  short: string;
  start: number;
  end: number;
  /** Where its bracket opens: the thing defined is named right before it. */
  bracket: number;
  /** A short title of a document (以下简称《X》), not of an organ or place. */
  title: boolean;
}

/**
 * （以下简称杏煤公司）, （简称“地大”）, （国发〔2004〕20号，以下简称…） (the one reader: the document context
 * (core/recognise/context.ts) and the editor's definitions use it), and short titles of documents: （以下简称《考核规定》）.
 */
const SHORT_NAME = /[（(](?:[^（()）\n]{0,30}[，,])?(?:以下)?简称[：:]?(?:[“"]([\u4e00-\u9fff]{2,10})[”"]|《([^《》\n]{1,30})》|([\u4e00-\u9fff]{2,10}))[）)，,；;]/g;

/** The short names a text defines, each at its first definition (a short title without its 《》). */
export function shortNameDefinitions(text: string): ShortNameDefinition[] {
  const out: ShortNameDefinition[] = [];
  for (const m of text.matchAll(SHORT_NAME)) {
    const short = m[1] ?? m[2] ?? m[3];
    if (out.some((d) => d.short === short)) continue;
    // the short name ends before the closing delimiter, and before its closing quote or 》 if it has one
    const end = m.index + m[0].length - 1 - (m[3] === undefined ? 1 : 0);
    out.push({ short, start: end - short.length, end, bracket: m.index, title: m[2] !== undefined });
  }
  return out;
}

/** A 《title》 cited in a text: the span of the title between the brackets. */
export interface CitedTitle {
  title: string;
  start: number;
  end: number;
}

/** The 《titles》 a text cites (innermost brackets excluded: 《关于印发〈X〉的通知》 is one title). */
export function citedTitles(text: string): CitedTitle[] {
  const out: CitedTitle[] = [];
  for (const m of text.matchAll(/《([^《》\n]{1,120})》/g)) out.push({ title: m[1], start: m.index + 1, end: m.index + 1 + m[1].length });
  return out;
}

/** A title as compared: no blanks, one kind of brackets, no 〈〉 or 《》. */
export function normaliseTitle(title: string): string {
  return title
    .replace(/[\s\u3000]+/g, '')
    .replace(/[〈〉《》<>]/g, '')
    .replace(/[(（]/g, '（')
    .replace(/[)）]/g, '）')
    .replace(/[〔[［]/g, '〔')
    .replace(/[〕\]］]/g, '〕');
}

/** The titles a document answers to: its first line with text, a 《title》 in that line, its file name without extension. */
export function documentTitles(text: string, fileName: string): string[] {
  const titles = new Set<string>();
  const first = /^[\s\u3000\ufeff]*([^\r\n]*)/.exec(text.replace(/^(?:[\s\u3000\ufeff]*(?:\r\n|\r|\n))+/, ''))?.[1]?.trim() ?? '';
  if (first && first.length <= 120) {
    titles.add(normaliseTitle(first.replace(/^#+\s*/, '')));
    for (const t of citedTitles(first)) titles.add(normaliseTitle(t.title));
  }
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '');
  if (base) titles.add(normaliseTitle(base));
  titles.delete('');
  return [...titles];
}

/** The documents whose titles match a cited title, by key (e.g. URI), in the order given. */
export function documentsTitled<K>(cited: string, documents: Iterable<[K, readonly string[]]>): K[] {
  const want = normaliseTitle(cited);
  if (!want) return [];
  const out: K[] = [];
  for (const [key, titles] of documents) if (titles.includes(want)) out.push(key);
  return out;
}
