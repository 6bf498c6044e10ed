// Text from data (sidecars cloned from others, documents) shown in Markdown
// (hovers): escaped so that it is only text, never a link, an image, HTML,
// a theme icon or a command; and command links whose arguments cannot break
// out of the link.

/** Characters with a meaning somewhere in (VS Code's) Markdown: every ASCII punctuation character (all may be backslash-escaped). */
const PUNCTUATION = /[!-/:-@[-`{-~]/g;

/**
 * `s` as literal Markdown text: every ASCII punctuation character
 * backslash-escaped (so no emphasis, link, image, autolink, HTML, entity or
 * `$(icon)`), line breaks kept as hard breaks, leading spaces as non-breaking
 * ones (no code blocks).
 */
export function escapeMarkdown(s: string): string {
  return s
    .replace(PUNCTUATION, (c) => `\\${c}`)
    .replace(/\r\n?|\n/g, '\n')
    .split('\n')
    .map((line) => line.replace(/^[ \t]+/, (ws) => '\u00a0'.repeat(ws.length)))
    .join('  \n');
}

/**
 * A Markdown link to a command: `[label](command:id?args)`, the arguments
 * JSON-encoded then percent-encoded, parentheses and quotes included, so that
 * any `)` or `]` in them stays inside the link. `label` is escaped, on one line.
 */
export function commandLink(label: string, command: string, args: readonly unknown[]): string {
  const query = encodeURIComponent(JSON.stringify(args)).replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `[${escapeMarkdown(label.replace(/\s+/g, ' ').trim())}](command:${command}?${query})`;
}

/** A cell of a Markdown table in a report (agreement, α): backslashes and pipes escaped, on one line. */
export function tableCell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n|\r/g, ' ');
}

/** A figure of a report: `digits` decimals, "n/a" when undefined. */
export function figure(v: number | null, digits = 3): string {
  return v === null ? 'n/a' : v.toFixed(digits);
}
