// Lines and sentences of a text as [start, end) spans (UTF-16): the units the
// recognisers analyse and cache.

/** The lines of a text as [start, end) spans without their line breaks (\n, \r\n). */
export function* lineSpans(text: string): Generator<[number, number]> {
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const contentEnd = lineEnd > lineStart && text.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd;
    yield [lineStart, contentEnd];
    lineStart = lineEnd + 1;
  }
}

/**
 * A line cut after each sentence end (。！？, and runs of the ideographic
 * space that separates paragraphs in pasted news) that is not inside
 * “…”, 「…」 or 《…》, as [start, end) spans covering the whole line.
 */
export function sentenceSpans(line: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '“' || c === '「' || c === '《') depth++;
    else if ((c === '”' || c === '」' || c === '》') && depth > 0) depth--;
    else if (depth === 0 && (c === '。' || c === '！' || c === '？' || (c === '\u3000' && line[i + 1] !== '\u3000' && i > start))) {
      let end = i + 1;
      while (end < line.length && (line[end] === '”' || line[end] === '）')) end++; // a closing mark stays with its sentence
      if (end - start >= 8) {
        spans.push([start, end]);
        start = end;
      }
      i = end - 1;
    }
    if (depth > 8) depth = 0; // unbalanced marks: do not let them suppress every cut
  }
  if (start < line.length) spans.push([start, line.length]);
  return spans;
}
