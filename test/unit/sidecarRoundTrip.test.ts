// Property: a sidecar written and read back gives every field of every tag
// and rejection again (offsets through code points, astral text, CRLF, notes
// with quotes and newlines, entities, orphans), and writing it again gives the
// same bytes.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { quoteAt } from '../../src/core/tags/model';
import { parseSidecar, serializeSidecar } from '../../src/core/tags/sidecar';
import type { DocumentTags, RejectedEntity, Tag } from '../../src/core/tags/types';
import { ENTITY_TYPES } from '../../src/core/types';
import { sha256 } from '../../src/core/text/hash';

const piece = fc.constantFrom('科', '技', '部', 'a', ' ', '\r\n', '\n', '𠮷', '😀', '🇨🇳', '"', '\\', '，', '1.5');
const textArb = fc.array(piece, { minLength: 1, maxLength: 60 }).map((a) => a.join(''));
const anyString = fc.string({ unit: 'grapheme', maxLength: 12 });
const stamp = fc.date({ min: new Date('2000-01-01'), max: new Date('2099-01-01'), noInvalidDate: true }).map((d) => d.toISOString());

/** Code-unit offsets of the text that do not split a surrogate pair. */
const boundaries = (text: string): number[] => {
  const out = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) i++;
    out.push(i + 1);
  }
  return out;
};

const entityArb = fc.record(
  {
    type: fc.constantFrom(...ENTITY_TYPES),
    canonical: anyString,
    parent: anyString,
    value: fc.double({ noNaN: true, noDefaultInfinity: true }).map((v) => (Object.is(v, -0) ? 0 : v)),
    unit: anyString,
    approx: fc.constantFrom('about' as const, 'over' as const, 'under' as const),
  },
  { requiredKeys: ['type'] },
).map((e) => ({ ...e })); // a plain object, as the reader makes

const docArb = textArb.chain((text) => {
  const b = boundaries(text);
  const span = fc.tuple(fc.nat(b.length - 1), fc.nat(b.length - 1)).filter(([x, y]) => x !== y).map(([x, y]) => [b[Math.min(x, y)], b[Math.max(x, y)]] as const);
  const tag = fc
    .record({
      label: anyString.filter((s) => s !== ''),
      span,
      orphan: fc.boolean(),
      at: fc.constantFrom(...b),
      orphanQuote: fc.record({ exact: anyString, prefix: anyString, suffix: anyString }).map((q) => ({ ...q })),
      note: fc.option(anyString, { nil: undefined }),
      source: fc.constantFrom('manual' as const, 'confirmed' as const, 'imported' as const),
      entity: fc.option(entityArb, { nil: undefined }),
      created: stamp,
      modified: fc.option(stamp, { nil: undefined }),
    })
    .map((r): Omit<Tag, 'id'> => {
      const [s, e] = r.span;
      const t: Omit<Tag, 'id'> = r.orphan
        ? { label: r.label, start: r.at, end: r.at, orphan: true, quote: r.orphanQuote, source: r.source, created: r.created }
        : { label: r.label, start: s, end: e, quote: quoteAt(text, s, e), source: r.source, created: r.created };
      if (r.note !== undefined) t.note = r.note;
      if (r.entity !== undefined) t.entity = r.entity;
      if (r.modified !== undefined) t.modified = r.modified;
      return t;
    });
  const rejected = fc.record({ type: fc.constantFrom(...ENTITY_TYPES), span }).map(({ type, span: [s, e] }): RejectedEntity => ({ type, start: s, end: e, quote: quoteAt(text, s, e) }));
  return fc.record({
    text: fc.constant(text),
    document: fc.constantFrom('a.txt', '目录/通知 (2024).md', "it's \"quoted\".txt"),
    tags: fc.array(tag, { maxLength: 8 }).map((ts) => ts.map((t, i): Tag => ({ id: `t${i}`, ...t }))),
    rejected: fc.array(rejected, { maxLength: 4 }),
  });
});

describe('sidecar round trip (property)', () => {
  it('write → read gives every field back, and write again the same bytes', () => {
    fc.assert(
      fc.property(docArb, ({ text, document, tags, rejected }) => {
        const doc: DocumentTags = { document, sha256: sha256(text), tags, rejected };
        const json = serializeSidecar(doc, text);
        const back = parseSidecar(json, text);
        assert.deepEqual(back, doc);
        assert.equal(serializeSidecar(back, text), json);
      }),
      { numRuns: 400, seed: 1311 },
    );
  });
});
