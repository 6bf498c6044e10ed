// The one error type the interchange importers throw: a one-line message that
// names the format and, where it helps, the line of the file.

/** Malformed or mismatching input to an importer; `message` is one line, e.g. `brat: line 3: offset 12 is past the end of the text (10 code points)`. */
export class FormatError extends Error {
  override readonly name = 'FormatError';

  constructor(
    /** The format's short name (doccano, label-studio, brat, w3c, conll, policy-lens). */
    readonly format: string,
    detail: string,
    /** 1-based line of the input file the problem is on, when the format is line-based. */
    readonly line?: number,
  ) {
    super(`${format}: ${line !== undefined ? `line ${line}: ` : ''}${oneLine(detail)}`);
  }
}

/** Collapses line breaks so that a message stays on one line. */
function oneLine(s: string): string {
  return s.replace(/\r\n|\r|\n/g, ' ⏎ ');
}
