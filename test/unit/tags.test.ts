import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { OffsetMap, stripBom } from '../../src/core/text/offsets';
import {
  createTag,
  newTagId,
  quoteAt,
  QUOTE_CONTEXT
} from '../../src/core/tags/model';
import type { DocumentTags, RejectedEntity, Tag } from '../../src/core/tags/types';
import { sha256 } from '../../src/core/text/hash';
import { applyEdit } from '../../src/core/tags/edits';
import { applyEdits } from '../../src/core/tags/edits';
import { applyEditsToRejected } from '../../src/core/tags/edits';
import { applyEditToRejected } from '../../src/core/tags/edits';
import { diffTexts } from '../../src/core/text/diff';
import { parseSidecar } from '../../src/core/tags/sidecar';
import { reanchor } from '../../src/core/tags/anchor';
import { reanchorRejected } from '../../src/core/tags/anchor';
import { refreshQuotes } from '../../src/core/tags/edits';
import { serializeSidecar } from '../../src/core/tags/sidecar';
import { SIDECAR_FORMAT } from '../../src/core/tags/sidecar';
import { SidecarError } from '../../src/core/tags/sidecar';
import { sidecarPathFor } from '../../src/core/tags/sidecar';
import { TagHistory } from '../../src/core/tags/history';
import type { TextEdit } from '../../src/core/text/diff';
import { rng } from './rng';

const fixtures = path.join(__dirname, '../../../test/fixtures');
const NOW = '2025-01-02T03:04:05.000Z';


function apply(text: string, e: TextEdit): string {
  return text.slice(0, e.start) + e.text + text.slice(e.end);
}

function tag(text: string, exact: string, label = '地名', from = 0): Tag {
  const s = text.indexOf(exact, from);
  assert.ok(s >= 0, `${exact} in text`);
  return createTag(text, s, s + exact.length, label, { now: NOW });
}

/** Every non-orphan tag covers its quote, and its prefix/suffix are the text around it. */
function assertConsistent(tags: readonly Tag[], text: string, where = ''): void {
  for (const t of tags) {
    if (t.orphan) {
      assert.equal(t.start, t.end, `${where} orphan ${t.id} is a point`);
      assert.ok(t.start >= 0 && t.start <= text.length, `${where} orphan ${t.id} within the text`);
      continue;
    }
    assert.ok(t.start < t.end, `${where} ${t.id} not empty`);
    assert.equal(text.slice(t.start, t.end), t.quote.exact, `${where} ${t.id} exact`);
    assert.equal(text.slice(t.start - t.quote.prefix.length, t.start), t.quote.prefix, `${where} ${t.id} prefix`);
    assert.equal(text.slice(t.end, t.end + t.quote.suffix.length), t.quote.suffix, `${where} ${t.id} suffix`);
  }
}

const covered = (t: Tag, text: string): string => text.slice(t.start, t.end);

/** The localities fixture made harder: CRLF line breaks, astral characters (𠮷, emoji). */
function fuzzText(): string {
  const raw = fs.readFileSync(path.join(fixtures, 'localities.txt'), 'utf8');
  return stripBom(raw)
    .replace(/；/g, '；\r\n')
    .replace(/。/g, (_m, i: number) => (i % 3 === 0 ? '。😀\r\n' : '。\r\n'))
    .replace(/县/g, '县𠮷');
}

describe('tags', () => {
  describe('ids, quotes, createTag', () => {
    it('newTagId gives distinct ids of the documented shape', () => {
      const ids = new Set(Array.from({ length: 2000 }, () => newTagId()));
      assert.equal(ids.size, 2000);
      for (const id of ids) assert.match(id, /^t[0-9a-z]{9,}$/);
    });

    it('quoteAt keeps the exact text and up to 32 units of context each side', () => {
      const text = 'x'.repeat(50) + '北京市' + 'y'.repeat(50);
      const q = quoteAt(text, 50, 53);
      assert.deepEqual(q, { exact: '北京市', prefix: 'x'.repeat(32), suffix: 'y'.repeat(32) });
      assert.deepEqual(quoteAt('北京市召开', 0, 3), { exact: '北京市', prefix: '', suffix: '召开' });
      assert.deepEqual(quoteAt('a北京', 1, 3, 5), { exact: '北京', prefix: 'a', suffix: '' });
    });

    it('quoteAt never cuts a surrogate pair in the context', () => {
      const text = '𠮷'.repeat(10) + '北京' + '😀'.repeat(10);
      const q = quoteAt(text, 20, 22, 3);
      assert.equal(q.prefix, '𠮷');
      assert.equal(q.suffix, '😀');
      assert.equal(q.exact, '北京');
    });

    it('createTag records label, source, note, entity and time', () => {
      const text = '科技部在北京市召开会议';
      const t = createTag(text, 4, 7, '地名', { note: '注"释"\n😀', source: 'confirmed', entity: { type: 'place', canonical: '北京市' }, now: NOW });
      assert.equal(t.label, '地名');
      assert.equal(t.source, 'confirmed');
      assert.equal(t.note, '注"释"\n😀');
      assert.deepEqual(t.entity, { type: 'place', canonical: '北京市' });
      assert.equal(t.created, NOW);
      assert.deepEqual(t.quote, { exact: '北京市', prefix: '科技部在', suffix: '召开会议' });
      assert.equal(createTag(text, 0, 1, 'x').source, 'manual');
    });

    it('createTag refuses empty, out-of-range and pair-splitting ranges', () => {
      assert.throws(() => createTag('abc', 1, 1, 'x'), RangeError);
      assert.throws(() => createTag('abc', 2, 4, 'x'), RangeError);
      assert.throws(() => createTag('abc', -1, 2, 'x'), RangeError);
      assert.throws(() => createTag('a𠮷b', 1, 2, 'x'), RangeError);
      assert.throws(() => createTag('abc', 0, 1, ''), RangeError);
    });
  });

  describe('applyEdit', () => {
    const text = '在北京市召开会议';
    const base = (): Tag => tag(text, '北京市'); // [1, 4)
    const run = (e: TextEdit): { t: Tag; text: string } => {
      const [t] = applyEdit([base()], e);
      const next = apply(text, e);
      assertConsistent([t], next);
      return { t, text: next };
    };

    it('shifts a tag when the edit is before it', () => {
      const { t, text: next } = run({ start: 0, end: 0, text: '今天' });
      assert.deepEqual([t.start, t.end, covered(t, next)], [3, 6, '北京市']);
      const d = run({ start: 0, end: 1, text: '' });
      assert.deepEqual([d.t.start, d.t.end], [0, 3]);
    });

    it('puts an insertion at the start BEFORE the tag and one at the end AFTER it', () => {
      const a = run({ start: 1, end: 1, text: '首都' });
      assert.deepEqual([a.t.start, a.t.end, covered(a.t, a.text)], [3, 6, '北京市']);
      const b = run({ start: 4, end: 4, text: '西城区' });
      assert.deepEqual([b.t.start, b.t.end, covered(b.t, b.text)], [1, 4, '北京市']);
    });

    it('grows or shrinks a tag for an edit inside it', () => {
      const a = run({ start: 2, end: 2, text: '中' });
      assert.equal(covered(a.t, a.text), '北中京市');
      const b = run({ start: 2, end: 3, text: '' });
      assert.equal(covered(b.t, b.text), '北市');
      const c = run({ start: 2, end: 3, text: '东东' });
      assert.equal(covered(c.t, c.text), '北东东市');
      const d = run({ start: 1, end: 2, text: '南' }); // replacing the first character, from inside
      assert.equal(covered(d.t, d.text), '南京市');
      const e = run({ start: 3, end: 4, text: '城' });
      assert.equal(covered(e.t, e.text), '北京城');
    });

    it('trims a tag for a deletion or replacement overlapping part of it', () => {
      const a = run({ start: 0, end: 2, text: '' });
      assert.deepEqual([a.t.start, a.t.end, covered(a.t, a.text)], [0, 2, '京市']);
      const b = run({ start: 0, end: 2, text: 'XYZ' }); // new text goes before the tag
      assert.deepEqual([b.t.start, b.t.end, covered(b.t, b.text)], [3, 5, '京市']);
      const c = run({ start: 3, end: 6, text: '' });
      assert.equal(covered(c.t, c.text), '北京');
      const d = run({ start: 3, end: 6, text: 'XYZ' }); // new text goes after the tag
      assert.deepEqual([d.t.start, d.t.end, covered(d.t, d.text)], [1, 3, '北京']);
    });

    it('orphans a tag whose text is removed entirely, keeping its quote', () => {
      const t0 = base();
      for (const e of [
        { start: 1, end: 4, text: '' },
        { start: 0, end: 6, text: '' },
        { start: 1, end: 4, text: '上海市' },
        { start: 0, end: 5, text: '某地' },
      ]) {
        const [t] = applyEdit([t0], e);
        assert.equal(t.orphan, true);
        assert.deepEqual([t.start, t.end], [e.start, e.start]);
        assert.deepEqual(t.quote, t0.quote);
        assert.equal(t.id, t0.id);
      }
    });

    it('moves an orphan with later edits and never revives or drops it', () => {
      let [t] = applyEdit([base()], { start: 1, end: 4, text: '' }); // 在召开会议, orphan at 1
      [t] = applyEdit([t], { start: 0, end: 0, text: '今天' });
      assert.deepEqual([t.start, t.end, t.orphan], [3, 3, true]);
      [t] = applyEdit([t], { start: 3, end: 3, text: '北京市' }); // insertion at the point goes before it
      assert.deepEqual([t.start, t.orphan], [6, true]);
      [t] = applyEdit([t], { start: 5, end: 8, text: '' });
      assert.deepEqual([t.start, t.orphan], [5, true]);
    });

    it('keeps unchanged tags identical (same object)', () => {
      const long = '北京市' + 'x'.repeat(100);
      const t = tag(long, '北京市');
      const [u] = applyEdit([t], { start: 90, end: 91, text: 'yy' });
      assert.equal(u, t);
    });

    it('keeps prefix and suffix true to the text when edits touch the context', () => {
      const long = 'abcdefghijklmnopqrstuvwxyz0123456789' + '北京市' + 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
      let t = [tag(long, '北京市')];
      let cur = long;
      for (const e of [
        { start: 30, end: 32, text: '——' },
        { start: 0, end: 10, text: '' },
        { start: 42, end: 44, text: '' },
        { start: 25, end: 26, text: '𠮷😀' },
        { start: 29, end: 29, text: '\r\n' },
      ]) {
        t = applyEdit(t, e);
        cur = apply(cur, e);
        assertConsistent(t, cur);
      }
      assert.equal(covered(t[0], cur), '北京市');
      assert.ok(t[0].quote.prefix.endsWith('\r\n'));
    });

    it('handles astral characters and CRLF text', () => {
      const text2 = '𠮷野家\r\n在😀北京市\r\n召开会议';
      const tags = [tag(text2, '𠮷野家'), tag(text2, '北京市\r\n召开'), tag(text2, '😀')];
      let cur = text2;
      let ts = tags;
      for (const e of [
        { start: 0, end: 0, text: '😀' }, // before 𠮷野家
        { start: 4, end: 4, text: '𠮷' }, // inside 𠮷野家 (after 𠮷)
        { start: 8, end: 10, text: '' }, // delete \r\n after 𠮷野家
        { start: 9, end: 11, text: '🙂' }, // replace the emoji tag entirely
      ]) {
        ts = applyEdit(ts, e);
        cur = apply(cur, e);
        assertConsistent(ts, cur);
      }
      assert.equal(covered(ts[0], cur), '𠮷𠮷野家');
      assert.equal(covered(ts[1], cur), '北京市\r\n召开');
      assert.equal(ts[2].orphan, true);
    });

    it('applies a batch of changes in array order, as VS Code sends them (last to first)', () => {
      // three cursors typing "X" after 北, 召 and 会: VS Code reports them sorted last-to-first,
      // each offset valid in the text left by the previous ones
      const t0 = [tag(text, '北京市'), tag(text, '召开会议')];
      const edits = [
        { start: 6, end: 6, text: 'X' },
        { start: 5, end: 5, text: 'X' },
        { start: 2, end: 2, text: 'X' },
      ];
      const next = edits.reduce(apply, text);
      assert.equal(next, '在北X京市召X开X会议');
      const ts = applyEdits(t0, edits);
      assertConsistent(ts, next);
      assert.deepEqual(ts.map((t) => covered(t, next)), ['北X京市', '召X开X会议']);
      // a multi-line replace-all in one event
      const two = [
        { start: 6, end: 8, text: '座谈' },
        { start: 1, end: 3, text: '上海' },
      ];
      const next2 = two.reduce(apply, text);
      const ts2 = applyEdits(t0, two);
      assertConsistent(ts2, next2);
      assert.deepEqual(ts2.map((t) => covered(t, next2)), ['上海市', '召开座谈']);
    });

    it('rejects malformed edits', () => {
      assert.throws(() => applyEdit([], { start: 2, end: 1, text: '' }), RangeError);
      assert.throws(() => applyEdit([], { start: -1, end: 1, text: '' }), RangeError);
    });
  });

  describe('applyEditToRejected', () => {
    const text = '在北京市召开会议';
    const r: RejectedEntity = { type: 'place', start: 1, end: 4, quote: quoteAt(text, 1, 4) };

    it('shifts, keeps or drops a rejection', () => {
      assert.deepEqual(applyEditToRejected([r], { start: 0, end: 0, text: 'ab' }).map((x) => [x.start, x.end]), [[3, 6]]);
      assert.deepEqual(applyEditToRejected([r], { start: 1, end: 1, text: 'ab' }).map((x) => [x.start, x.end]), [[3, 6]]);
      assert.deepEqual(applyEditToRejected([r], { start: 4, end: 4, text: 'ab' }).map((x) => [x.start, x.end]), [[1, 4]]);
      assert.deepEqual(applyEditToRejected([r], { start: 5, end: 7, text: '' }).map((x) => [x.start, x.end]), [[1, 4]]);
      assert.equal(applyEditToRejected([r], { start: 2, end: 2, text: 'ab' }).length, 0); // inside
      assert.equal(applyEditToRejected([r], { start: 3, end: 5, text: '' }).length, 0); // overlapping
      assert.equal(applyEditToRejected([r], { start: 0, end: 8, text: '' }).length, 0); // covering
      const kept = applyEditsToRejected([r], [
        { start: 6, end: 6, text: '的' },
        { start: 0, end: 1, text: '' },
      ]);
      assert.deepEqual(kept.map((x) => [x.start, x.end, x.quote.exact]), [[0, 3, '北京市']]);
    });
  });

  describe('edit fuzz', () => {
    it('follows ≥ 10,000 random edits exactly (oracle: character identities)', function () {
      this.timeout(60000);
      const random = rng(20240611);
      const int = (n: number): number => Math.floor(random() * n);
      let text = fuzzText();
      const pieces = ['中', '国', 'a', '𠮷', '😀', '\r\n', '，', '北京市', '🇨🇳', 'x'];
      const PHASES = 6;
      const PER_PHASE = 2000;
      const TAGS = 200;
      const REJECTED = 60;
      const stats = { edits: 0, boundary: 0, inside: 0, spanning: 0, orphanings: 0, orphansAtEnd: 0, liveAtEnd: 0, rejectedKept: 0 };
      const t0 = Date.now();
      const fail = (msg: string): never => assert.fail(msg);

      // six phases, each with fresh tags on the text left by the previous one (so that live tags stay plentiful)
      for (let phase = 0; phase < PHASES; phase++) {
        // tags: spans of 1–24 units (overlapping and nested ones included), never splitting a pair
        const isLow = (i: number): boolean => text.charCodeAt(i) >= 0xdc00 && text.charCodeAt(i) <= 0xdfff;
        let tags: Tag[] = [];
        while (tags.length < TAGS) {
          let s = int(text.length - 24);
          let e = s + 1 + int(24);
          if (isLow(s)) s++;
          if (isLow(e)) e++;
          if (s >= e) continue;
          tags.push(createTag(text, s, e, `L${tags.length % 7}`, { now: NOW }));
        }
        let rejected: RejectedEntity[] = [];
        while (rejected.length < REJECTED) {
          const s = int(text.length - 6);
          if (isLow(s) || isLow(s + 4)) continue;
          rejected.push({ type: 'place', start: s, end: s + 4, quote: quoteAt(text, s, s + 4) });
        }
        const n = tags.length;

        // oracle: every UTF-16 unit has an id; a tag is the list of ids it owns, a rejection the ids it needs intact
        const chars: string[] = text.split('');
        const codes: number[] = chars.map((c) => c.charCodeAt(0));
        const ids: number[] = chars.map((_, i) => i);
        const pos: number[] = ids.slice();
        const members: number[][] = tags.map((t) => ids.slice(t.start, t.end));
        let rejMembers: number[][] = rejected.map((r) => ids.slice(r.start, r.end));
        const orphanQuote = new Map<number, Tag['quote']>();

        for (let step = 0; step < PER_PHASE; step++) {
          // where: a tag boundary (±1), inside a tag, or anywhere
          const live = tags.filter((t) => !t.orphan);
          const mode = random();
          let a: number;
          if (mode < 0.4 && live.length) {
            const t = live[int(live.length)];
            a = (random() < 0.5 ? t.start : t.end) + (int(3) - 1);
            stats.boundary++;
          } else if (mode < 0.65 && live.length) {
            const t = live[int(live.length)];
            a = t.start + int(t.end - t.start + 1);
            stats.inside++;
          } else {
            a = int(text.length + 1);
          }
          a = Math.max(0, Math.min(text.length, a));
          // 50% insertions, 30% deletions, 20% replacements; the text stays between 4,000 and 12,000 units
          let kind = random();
          if (text.length < 4000) kind *= 0.5;
          if (text.length > 12000) kind = 0.5 + kind * 0.5;
          const r = random();
          let delLen = r < 0.85 ? 1 + int(3) : r < 0.98 ? 4 + int(27) : 30 + int(270);
          if (kind < 0.5) delLen = 0;
          if (delLen >= 30) stats.spanning++;
          const b = Math.min(text.length, a + delLen);
          let ins = '';
          if (kind < 0.5 || kind >= 0.8) {
            const count = 1 + int(r < 0.9 ? 3 : 12);
            for (let k = 0; k < count; k++) ins += pieces[int(pieces.length)];
          }
          if (a === b && ins === '') ins = '。';
          const edit = { start: a, end: b, text: ins };
          const where = (i: number): string => `phase ${phase} edit ${step} ${JSON.stringify(edit)} tag ${i}`;

          // oracle, before the edit: which tags take in the inserted text (an edit within the tag, not at its edges, not all of it)
          const join = members.map((m) => {
            if (m.length === 0 || ins === '') return -1;
            const s = pos[m[0]];
            const e = pos[m[m.length - 1]] + 1;
            const inside = s <= a && b <= e && !(a === b && (a === s || a === e)) && !(a === s && b === e);
            return inside ? a - s : -1;
          });
          const newIds = ins.split('').map((c) => {
            chars.push(c);
            codes.push(c.charCodeAt(0));
            return chars.length - 1;
          });
          const removed = ids.splice(a, b - a, ...newIds);
          for (const id of removed) pos[id] = -1;
          for (let k = a; k < ids.length; k++) pos[ids[k]] = k;
          members.forEach((m, i) => {
            if (removed.length) members[i] = m.filter((id) => pos[id] >= 0);
            if (join[i] >= 0) members[i].splice(join[i], 0, ...newIds);
          });
          rejMembers = rejMembers.filter((m) => m.every((id, k) => pos[id] >= 0 && pos[id] === pos[m[0]] + k));

          // the engine
          const before = tags;
          text = apply(text, edit);
          tags = applyEdit(tags, edit);
          rejected = applyEditToRejected(rejected, edit);
          stats.edits++;

          if (tags.length !== n) fail(`phase ${phase} edit ${step}: ${n - tags.length} tags lost`);
          for (let i = 0; i < n; i++) {
            const t = tags[i];
            const m = members[i];
            if (t.id !== before[i].id) fail(`${where(i)}: order changed`);
            if (m.length === 0) {
              if (t.orphan !== true) fail(`${where(i)}: all its characters were deleted but it is not an orphan`);
              if (t.start !== t.end) fail(`${where(i)}: an orphan is a point`);
              if (!before[i].orphan) {
                stats.orphanings++;
                if (t.start !== a) fail(`${where(i)}: orphaned at ${t.start}, not at the edit point ${a}`);
                assert.deepEqual(t.quote, before[i].quote, `${where(i)}: an orphan keeps its quote`);
                orphanQuote.set(i, t.quote);
              } else if (t.quote !== orphanQuote.get(i)) fail(`${where(i)}: orphan quote changed`);
              continue;
            }
            if (t.orphan) fail(`${where(i)}: ${m.length} characters survive but it is an orphan`);
            const s = pos[m[0]];
            if (t.start !== s || t.end !== s + m.length) fail(`${where(i)}: at [${t.start}, ${t.end}), oracle says [${s}, ${s + m.length})`);
            // the oracle's characters, contiguous, are the tag's text (every tag, after every edit)
            for (let k = 0; k < m.length; k++) {
              if (pos[m[k]] !== s + k) fail(`${where(i)}: oracle span not contiguous`);
              if (text.charCodeAt(s + k) !== codes[m[k]]) fail(`${where(i)}: text ${JSON.stringify(t.quote.exact)}, oracle says ${JSON.stringify(m.map((id) => chars[id]).join(''))}`);
            }
            if (t.quote.exact !== text.slice(t.start, t.end)) fail(`${where(i)}: quote.exact ${JSON.stringify(t.quote.exact)}`);
            if (text.slice(t.start - t.quote.prefix.length, t.start) !== t.quote.prefix) fail(`${where(i)}: prefix`);
            if (text.slice(t.end, t.end + t.quote.suffix.length) !== t.quote.suffix) fail(`${where(i)}: suffix`);
          }
          if (rejected.length !== rejMembers.length) fail(`phase ${phase} edit ${step}: ${rejected.length} rejections kept, oracle says ${rejMembers.length}`);
          rejected.forEach((x, k) => {
            const s = pos[rejMembers[k][0]];
            if (x.start !== s || x.end !== s + rejMembers[k].length || text.slice(x.start, x.end) !== x.quote.exact) fail(`phase ${phase} edit ${step}: rejection ${k}`);
          });
          if (step % 500 === 0) assert.equal(ids.map((id) => chars[id]).join(''), text, 'oracle text');
        }
        const orphans = tags.filter((t) => t.orphan).length;
        stats.orphansAtEnd += orphans;
        stats.liveAtEnd += n - orphans;
        stats.rejectedKept += rejected.length;
        // the survivors serialise and read back unchanged
        const d: DocumentTags = { document: 'fuzz.txt', sha256: sha256(text), tags: refreshQuotes(tags, text), rejected };
        assert.deepEqual(parseSidecar(serializeSidecar(d, text), text).tags.length, n);
      }
      const ms = Date.now() - t0;
      console.log(
        `      fuzz: ${stats.edits} edits (${stats.boundary} at tag boundaries, ${stats.inside} inside tags, ${stats.spanning} deletions of 30–300 units), ` +
          `${PHASES} × ${TAGS} tags: ${stats.orphanings} orphanings, ${stats.orphansAtEnd} orphans and ${stats.liveAtEnd} live tags at phase ends, ` +
          `${stats.rejectedKept}/${PHASES * REJECTED} rejections kept, 0 lost, ${ms} ms`,
      );
      assert.ok(stats.orphansAtEnd > 0 && stats.liveAtEnd > PHASES * 20, 'the fuzz exercised both live tags and orphans');
    });
  });

  describe('reanchor', () => {
    const text = fuzzText();
    const pick = (random: () => number, count: number): Tag[] => {
      const out: Tag[] = [];
      while (out.length < count) {
        const s = Math.floor(random() * (text.length - 10));
        const e = s + 2 + Math.floor(random() * 8);
        try {
          out.push(createTag(text, s, e, '标签', { now: NOW }));
        } catch {
          /* split pair: try again */
        }
      }
      return out;
    };

    it('keeps everything when the text did not change', () => {
      const tags = pick(rng(1), 50);
      const r = reanchor(tags, text);
      assert.deepEqual([r.moved, r.orphaned, r.recovered], [0, 0, 0]);
      assert.deepEqual(r.tags, tags);
      assert.deepEqual(reanchor(tags, text, text).tags, tags);
    });

    /** 25 random outside edits (insertions, deletions, replacements, astral text, CRLF) at least `gap` units away from every tag. */
    const outsideEdits = (random: () => number, tags: Tag[], gap: number): { cur: string; expected: Tag[] } => {
      let cur = text;
      let expected = tags;
      for (let k = 0; k < 25; k++) {
        const a = Math.floor(random() * cur.length);
        const b = Math.min(cur.length, a + (random() < 0.5 ? 0 : 1 + Math.floor(random() * 40)));
        if (expected.some((t) => a <= t.end + gap && b >= t.start - gap)) continue;
        if (/[\udc00-\udfff]/.test(cur[a] ?? '') || /[\udc00-\udfff]/.test(cur[b] ?? '')) continue;
        const e = { start: a, end: b, text: ['新增一段文字。', '', '𠮷😀', '\r\n', '国务院办公厅'][Math.floor(random() * 5)] };
        if (a === b && e.text === '') continue;
        cur = apply(cur, e);
        expected = applyEdit(expected, e); // where the editor rules put them
      }
      return { cur, expected };
    };

    it('finds every tag after random outside edits away from tags (with and without the old text)', () => {
      for (let round = 0; round < 20; round++) {
        const random = rng(100 + round);
        const tags = pick(random, 60);
        const { cur, expected } = outsideEdits(random, tags, QUOTE_CONTEXT);
        for (const old of [undefined, text]) {
          const r = reanchor(tags, cur, old);
          assert.equal(r.tags.length, tags.length);
          assert.equal(r.orphaned, 0, `round ${round} old=${!!old}`);
          r.tags.forEach((t, i) => {
            assert.equal(covered(t, cur), tags[i].quote.exact, `round ${round} tag ${i}`);
            assert.deepEqual([t.start, t.end], [expected[i].start, expected[i].end], `round ${round} old=${!!old} tag ${i} at the right place`);
          });
          assertConsistent(r.tags, cur);
        }
      }
    });

    it('never misplaces a tag when outside edits also damage its context (at worst an orphan, without the old text)', () => {
      let orphans = 0;
      let total = 0;
      for (let round = 0; round < 40; round++) {
        const random = rng(500 + round);
        const tags = pick(random, 60);
        const { cur, expected } = outsideEdits(random, tags, 1);
        for (const old of [undefined, text]) {
          const r = reanchor(tags, cur, old);
          assert.equal(r.tags.length, tags.length);
          if (old) assert.equal(r.orphaned, 0, `round ${round}: with the old text every tag is found`);
          r.tags.forEach((t, i) => {
            if (t.orphan) return;
            assert.deepEqual([t.start, t.end], [expected[i].start, expected[i].end], `round ${round} old=${!!old} tag ${i} at the right place`);
          });
          if (!old) {
            orphans += r.orphaned;
            total += tags.length;
          }
        }
      }
      console.log(`      context damaged, no old text: ${orphans} of ${total} tags left orphans, none misplaced`);
      assert.ok(orphans <= total * 0.02, `${orphans} orphans`);
    });

    it('orphans a tag whose text was deleted outside, and recovers it when the text comes back', () => {
      const doc = '第一段：科技部召开会议。\n第二段：北京市推进改革。\n第三段：会议强调落实。\n';
      const tags = [tag(doc, '北京市推进'), tag(doc, '会议', '会', doc.indexOf('第三段')), tag(doc, '科技部')];
      const cut = doc.replace('第二段：北京市推进改革。\n', '');
      for (const old of [undefined, doc]) {
        const r = reanchor(tags, cut, old);
        assert.equal(r.tags.length, 3);
        assert.equal(r.orphaned, 1);
        assert.equal(r.tags[0].orphan, true);
        assert.equal(r.tags[0].quote.exact, '北京市推进');
        assert.equal(covered(r.tags[1], cut), '会议');
        assert.equal(r.tags[1].start, cut.indexOf('会议', cut.indexOf('第三段')));
        // back again (e.g. git checkout): recovered
        const back = reanchor(r.tags, doc);
        assert.equal(back.recovered, 1);
        assert.deepEqual(back.tags, tags);
      }
    });

    it('does not re-attach an orphan to the same words in another context', () => {
      const doc = '甲地召开动员会议部署工作。乙地开展专项检查行动。' + '无关内容'.repeat(20) + '丙地召开总结会议表彰先进。';
      const t = tag(doc, '会议');
      const cut = doc.replace('甲地召开动员会议部署工作。', '');
      const r = reanchor([t], cut);
      assert.equal(r.tags[0].orphan, true, 'the other 会议 has another context');
      assert.equal(r.orphaned, 1);
    });

    it('keeps a tag deleted in the editor an orphan even where the same sentence repeats, and recovers it on undo', () => {
      const line = '各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n';
      const doc = '通知一\n' + line + '正文一。\n通知二\n' + line + '正文二。\n';
      const t = tag(doc, '国务院各部委');
      const del = { start: t.start, end: t.end, text: '' };
      const tags = applyEdit([t], del);
      const cut = apply(doc, del);
      assert.equal(tags[0].orphan, true);
      const r = reanchor(tags, cut);
      assert.equal(r.tags[0].orphan, true, 'not moved to the second notice');
      assert.equal(r.recovered, 0);
      // undo in the editor puts the text back at its place
      const undo = { start: t.start, end: t.start, text: '国务院各部委' };
      const back = reanchor(applyEdit(r.tags, undo), apply(cut, undo));
      assert.equal(back.recovered, 1);
      assert.deepEqual([back.tags[0].start, back.tags[0].end], [t.start, t.end]);
      // and the same deletion made outside the editor, with or without the old text
      for (const old of [undefined, doc]) assert.equal(reanchor([t], cut, old).tags[0].orphan, true);
    });

    it('follows a moved paragraph', () => {
      const p1 = '一、总体要求。坚持以人民为中心的发展思想，推动高质量发展。\n';
      const p2 = '二、主要任务。加快建设现代化产业体系，发展新质生产力。\n';
      const p3 = '三、保障措施。加强组织领导，压实各级责任。\n';
      const doc = p1 + p2 + p3;
      const tags = [tag(doc, '新质生产力'), tag(doc, '压实各级责任'), tag(doc, '人民')];
      const moved = p2 + p3 + p1;
      for (const old of [undefined, doc]) {
        const r = reanchor(tags, moved, old);
        assert.equal(r.orphaned, 0);
        assert.deepEqual(r.tags.map((t) => covered(t, moved)), ['新质生产力', '压实各级责任', '人民']);
        assert.equal(r.tags[2].start, moved.indexOf('人民'));
      }
    });

    it('follows a tag whose text was slightly edited outside (fuzzy, and by the diff)', () => {
      const doc = '会议要求，各地要切实加强基层医疗卫生服务体系建设，提高服务能力。';
      const t = tag(doc, '基层医疗卫生服务体系');
      const changed = '前言。' + doc.replace('医疗卫生', '医疗与卫生');
      for (const old of [undefined, doc]) {
        const r = reanchor([t], changed, old);
        assert.equal(r.tags[0].orphan, undefined);
        assert.equal(covered(r.tags[0], changed), '基层医疗与卫生服务体系');
        assert.equal(r.tags[0].quote.exact, '基层医疗与卫生服务体系');
      }
      // a different word in the same place is not the same tag
      const t2 = tag(doc, '基层医疗');
      const other = doc.replace('基层医疗', '城市医疗');
      assert.equal(reanchor([t2], other).tags[0].orphan, true);
      assert.equal(reanchor([t2], other, doc).tags[0].orphan, true);
    });

    it('chooses, among repeated texts, the one with the matching context', () => {
      const doc = '北京市发布通知。' + '上海市发布公告。'.repeat(3) + '北京市召开会议。';
      const t = tag(doc, '北京市', '地名', 5); // the second 北京市
      const changed = '【转载】' + doc;
      const r = reanchor([t], changed);
      assert.equal(r.tags[0].start, changed.lastIndexOf('北京市'));
    });

    it('re-anchors code-point offsets (sidecar read without the text) in astral text', () => {
      const doc = '𠮷'.repeat(30) + '科技部在北京市召开会议' + '😀'.repeat(10) + '生态环境部';
      const tags = [tag(doc, '北京市'), tag(doc, '生态环境部')];
      const json = serializeSidecar({ document: 'a.txt', sha256: sha256(doc), tags, rejected: [] }, doc);
      const loaded = parseSidecar(json); // code points
      assert.notEqual(loaded.tags[0].start, tags[0].start);
      const r = reanchor(loaded.tags, doc);
      assert.deepEqual(r.tags.map((t) => [t.start, t.end]), tags.map((t) => [t.start, t.end]));
    });

    it('re-anchors rejected entities and drops those whose text is gone', () => {
      const doc = '甲：科技部发布通知。乙：财政部拨付资金。';
      const rej: RejectedEntity[] = ['科技部', '财政部'].map((w) => ({ type: 'department', start: doc.indexOf(w), end: doc.indexOf(w) + 3, quote: quoteAt(doc, doc.indexOf(w), doc.indexOf(w) + 3) }));
      const changed = '前言。' + doc.replace('科技部', '教育部');
      const out = reanchorRejected(rej, changed);
      assert.deepEqual(out.map((r) => [r.quote.exact, changed.slice(r.start, r.end)]), [['财政部', '财政部']]);
    });

    it('diffTexts produces edits that turn the old text into the new one', () => {
      const random = rng(7);
      for (let round = 0; round < 30; round++) {
        let cur = text;
        for (let k = 0; k < 8; k++) {
          const a = Math.floor(random() * cur.length);
          cur = apply(cur, { start: a, end: Math.min(cur.length, a + Math.floor(random() * 30)), text: random() < 0.5 ? '插入\r\n文字' : '' });
        }
        const edits = diffTexts(text, cur);
        const rebuilt = edits.slice().reverse().reduce(apply, text);
        assert.equal(rebuilt, cur);
      }
    });

    it('handles 1,000 tags on a 1 MB text in well under a second', function () {
      this.timeout(20000);
      const random = rng(99);
      const parts: string[] = [];
      let size = 0;
      for (let k = 0; size < 1_000_000; k++) {
        const part = `第${k}节\u3000` + text.replace(/[省市县]/g, (c) => (random() < 0.3 ? `${c}${k % 10}` : c));
        parts.push(part);
        size += part.length;
      }
      const big = parts.join('\n');
      const tags: Tag[] = [];
      while (tags.length < 1000) {
        const s = Math.floor(random() * (big.length - 12));
        try {
          tags.push(createTag(big, s, s + 2 + Math.floor(random() * 8), '标签', { now: NOW }));
        } catch {
          /* split pair */
        }
      }
      // an outside change: a paragraph inserted near the top, a passage deleted in the middle, text appended
      const mid = Math.floor(big.length / 2);
      const changed = big.slice(0, 500) + '新增段落。'.repeat(200) + big.slice(500, mid) + big.slice(mid + 300) + '附件。';
      const hit = tags.filter((t) => t.end > mid && t.start < mid + 300).length;
      for (const old of [undefined, big]) {
        const t0 = Date.now();
        const r = reanchor(tags, changed, old);
        const ms = Date.now() - t0;
        console.log(`      reanchor 1,000 tags on ${(big.length / 1e6).toFixed(2)} M units (${old ? 'with' : 'without'} old text): ${ms} ms, moved ${r.moved}, orphaned ${r.orphaned} (${hit} in the deleted passage)`);
        assert.ok(ms < 1000, `${ms} ms`);
        assert.ok(r.orphaned <= hit);
        for (const [i, t] of r.tags.entries()) if (!t.orphan) assert.equal(covered(t, changed), tags[i].quote.exact);
      }
      // line endings converted outside (CRLF → LF, as git may do): every tag shifts by its own amount
      const lf = big.replace(/\r\n/g, '\n');
      for (const old of [undefined, big]) {
        const t0 = Date.now();
        const r = reanchor(tags, lf, old);
        const ms = Date.now() - t0;
        const right = r.tags.filter((t, i) => !t.orphan && covered(t, lf) === tags[i].quote.exact.replace(/\r\n/g, '\n')).length;
        console.log(`      reanchor after CRLF → LF (${old ? 'with' : 'without'} old text): ${ms} ms, ${right} of 1,000 on their text, ${r.orphaned} orphaned`);
        assert.ok(ms < 1000, `${ms} ms`);
        for (const [i, t] of r.tags.entries()) {
          // every tag without a line break is found on its text (those with one follow by the fuzzy match, or become orphans)
          if (!tags[i].quote.exact.includes('\r')) assert.equal(covered(t, lf), tags[i].quote.exact, `tag ${i}`);
        }
      }
      // worst case: every tag an orphan whose text is nowhere
      const lost = tags.map((t, i) => ({ ...t, orphan: true, end: t.start, quote: { exact: `不存在的文字${i}`, prefix: '前文', suffix: '后文' } }));
      const t1 = Date.now();
      const r2 = reanchor(lost, changed);
      const ms2 = Date.now() - t1;
      console.log(`      reanchor 1,000 orphans that cannot be found: ${ms2} ms`);
      assert.equal(r2.recovered, 0);
      assert.ok(ms2 < 1000, `${ms2} ms`);
    });
  });

  describe('sidecar', () => {
    it('sidecarPathFor mirrors the relative path under .policy-lens/', () => {
      assert.equal(sidecarPathFor('reports/2024.txt'), '.policy-lens/reports/2024.txt.json');
      assert.equal(sidecarPathFor('a.md'), '.policy-lens/a.md.json');
      assert.equal(sidecarPathFor('./x//y.txt'), '.policy-lens/x/y.txt.json');
      assert.equal(sidecarPathFor('报告\\2024年.txt'), '.policy-lens/报告/2024年.txt.json');
      for (const bad of ['../x.txt', 'a/../../x.txt', 'a/..', '/etc/passwd', 'C:/x.txt', '', '.', './']) {
        assert.throws(() => sidecarPathFor(bad), Error, bad);
      }
    });

    const doc = '\u{20BB7}野家：科技部在北京市召开会议。\r\n😀海关总署查获约5.76万件。\r\n第三行';
    const make = (): DocumentTags => {
      const t1 = createTag(doc, doc.indexOf('北京市'), doc.indexOf('北京市') + 3, '地名', { note: '注释含"引号"、换行\n和😀与𠮷', entity: { type: 'place', canonical: '北京市' }, now: NOW, id: 't1' });
      const t2 = createTag(doc, 0, 3, '目标', { now: NOW, id: 't2', source: 'imported' });
      t2.modified = '2025-02-03T00:00:00.000Z';
      const t3 = createTag(doc, doc.indexOf('5.76万件'), doc.indexOf('5.76万件') + 7, 'quantity', {
        now: NOW,
        id: 't3',
        source: 'confirmed',
        entity: { type: 'quantity', value: 57600, unit: '件', approx: 'about' },
      });
      const t4 = createTag(doc, doc.indexOf('。\r\n😀') + 1, doc.indexOf('海关'), '换行', { now: NOW, id: 't4' });
      const orphan: Tag = { ...createTag(doc, 4, 7, '部门', { now: NOW, id: 't5' }), start: 10, end: 10, orphan: true, quote: { exact: '已删除', prefix: '前', suffix: '后' } };
      const rejected: RejectedEntity[] = [{ type: 'department', start: doc.indexOf('海关总署'), end: doc.indexOf('海关总署') + 4, quote: quoteAt(doc, doc.indexOf('海关总署'), doc.indexOf('海关总署') + 4) }];
      return { document: 'reports/2024.txt', sha256: sha256(doc), tags: [t1, t2, t3, t4, orphan], rejected };
    };

    it('writes stable keys, one annotation per line, code-point offsets, a final newline', () => {
      const d = make();
      const json = serializeSidecar(d, doc);
      assert.ok(json.endsWith('}\n'));
      const lines = json.split('\n');
      assert.equal(lines[0], '{');
      assert.equal(lines[1], `  "format": "${SIDECAR_FORMAT}",`);
      assert.equal(lines[2], '  "document": "reports/2024.txt",');
      assert.equal(lines[3], `  "sha256": "${sha256(doc)}",`);
      assert.equal(lines[4], '  "tags": [');
      for (let i = 0; i < 5; i++) assert.match(lines[5 + i], /^ {4}\{"id":"t\d","label":/);
      assert.equal(lines[10], '  ],');
      assert.equal(lines[11], '  "rejected": [');
      assert.match(lines[12], /^ {4}\{"type":"department","start":\d+,"end":\d+,"quote":\{"exact":"海关总署",/);
      assert.equal(lines.length, 16);
      const map = new OffsetMap(doc);
      const raw = JSON.parse(json);
      assert.equal(raw.tags[0].start, map.toCodePoint(d.tags[0].start));
      assert.equal(raw.tags[0].start, [...doc.slice(0, d.tags[0].start)].length);
      assert.deepEqual(Object.keys(raw.tags[2]), ['id', 'label', 'start', 'end', 'source', 'quote', 'entity', 'created']);
      assert.deepEqual(Object.keys(raw.tags[4]).slice(0, 5), ['id', 'label', 'start', 'end', 'orphan']);
      assert.deepEqual(Object.keys(raw), ['format', 'document', 'sha256', 'tags', 'rejected']);
      assert.equal(serializeSidecar(d, doc), json, 'deterministic');
      const empty = serializeSidecar({ document: 'e.txt', sha256: sha256(''), tags: [], rejected: [] }, '');
      assert.equal(empty, `{\n  "format": "${SIDECAR_FORMAT}",\n  "document": "e.txt",\n  "sha256": "${sha256('')}",\n  "tags": [],\n  "rejected": []\n}\n`);
    });

    it('round-trips losslessly (notes with quotes, newlines, emoji; 𠮷; CRLF)', () => {
      const d = make();
      const json = serializeSidecar(d, doc);
      const back = parseSidecar(json, doc);
      assert.deepEqual(back, d);
      assert.equal(serializeSidecar(back, doc), json);
      // without the text the offsets stay code points
      const cps = parseSidecar(json);
      const map = new OffsetMap(doc);
      assert.deepEqual(cps.tags.map((t) => [t.start, t.end]), d.tags.map((t) => [map.toCodePoint(t.start), map.toCodePoint(t.end)]));
    });

    it('works on BOM-stripped text and recovers after a BOM mix-up', () => {
      const raw = '\ufeff国务院办公厅印发通知。\r\n各省市要落实。';
      const text = stripBom(raw);
      const d: DocumentTags = { document: 'bom.txt', sha256: sha256(text), tags: [tag(text, '国务院办公厅'), tag(text, '各省市')], rejected: [] };
      const json = serializeSidecar(d, text);
      assert.deepEqual(parseSidecar(json, text), d);
      // read with the BOM by mistake: the hash differs, offsets are hints, reanchor puts them right
      const loaded = parseSidecar(json, raw);
      const r = reanchor(loaded.tags, raw);
      assert.deepEqual(r.tags.map((t) => covered(t, raw)), ['国务院办公厅', '各省市']);
    });

    it('parses an older text as hints (clamped) instead of failing', () => {
      const d = make();
      const json = serializeSidecar(d, doc);
      const shorter = doc.slice(0, 12);
      const loaded = parseSidecar(json, shorter);
      for (const t of loaded.tags) assert.ok(t.end <= shorter.length);
      assert.equal(loaded.tags.length, d.tags.length);
    });

    it('refuses to write offsets outside the text', () => {
      const d = make();
      assert.throws(() => serializeSidecar(d, doc.slice(0, 5)), RangeError);
    });

    describe('malformed sidecars: one clear line each', () => {
      const good = (): string => serializeSidecar(make(), doc);
      const edit = (f: (o: Record<string, any>) => void): string => { // eslint-disable-line @typescript-eslint/no-explicit-any
        const o = JSON.parse(good());
        f(o);
        // keep the one-tag-per-line layout so that line numbers are meaningful
        const lines = (a: unknown[]): string => (a.length ? `[\n${a.map((x) => `    ${JSON.stringify(x)}`).join(',\n')}\n  ]` : '[]');
        const rest = Object.entries(o)
          .filter(([k]) => k !== 'tags' && k !== 'rejected')
          .map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
        const parts = [...rest];
        if ('tags' in o) parts.push(`  "tags": ${Array.isArray(o.tags) ? lines(o.tags) : JSON.stringify(o.tags)}`);
        if ('rejected' in o) parts.push(`  "rejected": ${Array.isArray(o.rejected) ? lines(o.rejected) : JSON.stringify(o.rejected)}`);
        return `{\n${parts.join(',\n')}\n}\n`;
      };
      const cases: [string, () => string, RegExp][] = [
        ['empty file', () => '', /^line 1, column 1: invalid JSON: the file is empty$/],
        ['truncated', () => good().slice(0, 300), /^line \d+, column \d+: invalid JSON: /],
        ['trailing comma', () => good().replace('\n  ],\n  "rejected"', ',\n  ],\n  "rejected"'), /^line 11, column 3: invalid JSON: unexpected "\]", expected a value$/],
        ['raw newline in a string', () => good().replace('"label":"地名"', '"label":"地\n名"'), /^line 6, column \d+: invalid JSON: control character/],
        ['text after the end', () => good() + '{}', /^line 16, column 1: invalid JSON: unexpected "\{" after the end/],
        ['not an object', () => '[1, 2]', /^line 1: the sidecar is not a JSON object$/],
        ['wrong format', () => edit((o) => (o.format = 'policy-lens-tags/2')), /^line 2: format is "policy-lens-tags\/2", expected "policy-lens-tags\/1"$/],
        ['missing sha256', () => edit((o) => delete o.sha256), /^line 1: sha256 is missing$/],
        ['bad sha256', () => edit((o) => (o.sha256 = 'abc')), /^line 4: sha256 is not 64 lowercase hexadecimal digits$/],
        ['unknown top-level key', () => edit((o) => (o.extra = 1)), /^line \d+: the sidecar has an unknown key "extra"$/],
        ['tags not an array', () => edit((o) => (o.tags = {})), /^line 5: tags is not an array$/],
        ['tag not an object', () => edit((o) => (o.tags[1] = 'x')), /^line 7: tags\[1\] is not an object$/],
        ['start not an integer', () => edit((o) => (o.tags[3].start = 1.5)), /^line 9: tags\[3\]\.start is not an integer$/],
        ['start a string', () => edit((o) => (o.tags[3].start = '7')), /^line 9: tags\[3\]\.start is not an integer$/],
        ['negative end', () => edit((o) => (o.tags[0].end = -1)), /^line 6: tags\[0\]\.end is negative$/],
        ['end before start', () => edit((o) => (o.tags[0].end = 0)), /^line 6: tags\[0\]\.end \(0\) is before tags\[0\]\.start/],
        ['offsets beyond the text', () => edit((o) => (o.tags[2].end = 999)), /^line 8: tags\[2\]\.end \(999\) is beyond the end of the text \(\d+ code points\)$/],
        ['missing quote', () => edit((o) => delete o.tags[1].quote), /^line 7: tags\[1\]\.quote is missing$/],
        ['quote.exact wrong type', () => edit((o) => (o.tags[1].quote.exact = 3)), /^line 7: tags\[1\]\.quote\.exact is not a string$/],
        ['unknown tag key', () => edit((o) => (o.tags[0].colour = 'red')), /^line 6: tags\[0\] has an unknown key "colour"$/],
        ['bad source', () => edit((o) => (o.tags[0].source = 'robot')), /^line 6: tags\[0\]\.source is "robot", expected one of manual, confirmed, imported$/],
        ['empty label', () => edit((o) => (o.tags[0].label = '')), /^line 6: tags\[0\]\.label is empty$/],
        ['duplicate id', () => edit((o) => (o.tags[1].id = o.tags[0].id)), /^line 7: tags\[1\]\.id "t1" is used by an earlier tag$/],
        ['duplicate key', () => good().replace('"label":"地名"', '"label":"地名","label":"x"'), /^line 6: tags\[0\]\.label appears twice$/],
        ['orphan not a boolean', () => edit((o) => (o.tags[4].orphan = 'yes')), /^line 10: tags\[4\]\.orphan is not a boolean$/],
        ['entity type unknown', () => edit((o) => (o.tags[0].entity.type = 'city')), /^line 6: tags\[0\]\.entity\.type is "city", expected one of /],
        ['entity value not a number', () => edit((o) => (o.tags[2].entity.value = '57600')), /^line 8: tags\[2\]\.entity\.value is not a number$/],
        ['empty live tag', () => edit((o) => (o.tags[0].end = o.tags[0].start)), /^line 6: tags\[0\] is empty but not an orphan$/],
        ['rejected missing type', () => edit((o) => delete o.rejected[0].type), /^line 13: rejected\[0\]\.type is missing$/],
        ['rejected not an array', () => edit((o) => (o.rejected = null)), /^line \d+: rejected is not an array$/],
      ];
      for (const [name, make, re] of cases) {
        it(name, () => {
          const json = make();
          assert.throws(
            () => parseSidecar(json, doc),
            (e: unknown) => {
              assert.ok(e instanceof SidecarError, `SidecarError, got ${String(e)}`);
              assert.ok(!e.message.includes('\n'), 'one line');
              assert.match(e.message, re);
              return true;
            },
          );
        });
      }

      it('names the line of a hand-edited, differently laid out file', () => {
        const o = JSON.parse(good());
        o.tags[1].start = true;
        const pretty = JSON.stringify(o, null, 2);
        const line = pretty.split('\n').findIndex((l) => l.includes('"start": true')) + 1;
        assert.throws(() => parseSidecar(pretty, doc), new RegExp(`^SidecarError: line ${line}: tags\\[1\\]\\.start is not an integer$`));
        // and a pretty-printed valid file reads fine
        const ok = JSON.stringify(JSON.parse(good()), null, 2);
        assert.deepEqual(parseSidecar(ok, doc), make());
      });
    });
  });

  describe('TagHistory', () => {
    const text = '科技部在北京市召开会议';
    const state = (tags: Tag[]): DocumentTags => ({ document: 'a.txt', sha256: sha256(text), tags, rejected: [] });

    it('undoes and redoes tagging actions', () => {
      const h = new TagHistory();
      let cur = state([]);
      assert.equal(h.undo(cur), undefined);
      h.record(cur);
      cur = state([tag(text, '北京市')]);
      h.record(cur);
      cur = state([...cur.tags, tag(text, '科技部')]);
      cur.tags[0].note = 'mutated in place after recording';
      let prev = h.undo(cur)!;
      assert.equal(prev.tags.length, 1);
      assert.equal(prev.tags[0].note, undefined, 'snapshots are copies');
      assert.equal(prev.document, 'a.txt');
      cur = prev;
      prev = h.undo(cur)!;
      assert.equal(prev.tags.length, 0);
      assert.equal(h.canUndo, false);
      const redone = h.redo(prev)!;
      assert.equal(redone.tags.length, 1);
      assert.equal(h.canRedo, true);
      h.record(redone);
      assert.equal(h.canRedo, false, 'a new action clears redo');
    });

    it('is bounded', () => {
      const h = new TagHistory(3);
      for (let i = 0; i < 10; i++) h.record(state([]));
      let n = 0;
      while (h.undo()) n++;
      assert.equal(n, 3);
    });

    it('brings an undone state up to date with text edits made since', () => {
      const h = new TagHistory();
      const t = tag(text, '北京市');
      h.record(state([t]));
      const removed = state([]); // the tag was deleted by the researcher
      const edits = [{ start: 0, end: 0, text: '今天，' }];
      h.applyEdits(edits);
      const now = apply(text, edits[0]);
      const back = h.undo(removed)!;
      assert.equal(covered(back.tags[0], now), '北京市');
      assertConsistent(back.tags, now);
      // redo also replays edits made after the undo
      const cut = { start: 0, end: 3, text: '' };
      h.applyEdit(cut);
      const now2 = apply(now, cut);
      // the caller's current state follows the text too
      assert.deepEqual(h.redo({ ...back, tags: applyEdit(back.tags, cut) })!.tags, []);
      const again = h.undo()!;
      assert.equal(covered(again.tags[0], now2), '北京市');
    });
  });

  it('refreshQuotes restores full context after lazy updates', () => {
    const text = 'a'.repeat(40) + '北京市' + 'b'.repeat(40);
    let tags = [tag(text, '北京市')];
    tags = applyEdit(tags, { start: 0, end: 39, text: '' });
    const cur = apply(text, { start: 0, end: 39, text: '' });
    assert.equal(tags[0].quote.prefix, 'a');
    const fresh = refreshQuotes(tags, '前'.repeat(40) + cur);
    assert.equal(fresh[0], tags[0], 'not in place: unchanged');
    const cur2 = '前'.repeat(10) + cur;
    const moved = applyEdit(tags, { start: 0, end: 0, text: '前'.repeat(10) });
    assert.equal(refreshQuotes(moved, cur2)[0].quote.prefix, '前'.repeat(10) + 'a');
  });
});
