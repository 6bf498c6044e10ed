// Two writers, one sidecar: the three-way merge by tag id (merge.ts), the
// sidecar session with its optimistic write and content-based own-write
// detection (session.ts), invalid sidecars (never rewritten, backed up),
// renames onto a sidecar, and a seeded fuzz of two writers with outside
// edits and hand deletions interleaved.
import assert from 'node:assert/strict';
import { mergeTags, type MergeState } from '../../src/core/tags/merge';
import { createTag } from '../../src/core/tags/model';
import { TagSession } from '../../src/core/tags/session';
import { moveSidecar, type FileStore } from '../../src/core/tags/sidecarFiles';
import { parseSidecar } from '../../src/core/tags/sidecar';
import { TagDocument } from '../../src/core/tags/document';
import type { Tag } from '../../src/core/tags/types';
import { rng } from './rng';

const TEXT = '国务院办公厅印发通知。科技部推广“揭榜挂帅”等新机制，选派1.75万名科技特派员。海关总署查获约5.76万件。';
const T0 = '2024-01-01T00:00:00.000Z';
const tagOn = (text: string, s: string, label = '措施', id?: string): Tag => createTag(text, text.indexOf(s), text.indexOf(s) + s.length, label, { now: T0, id });

/** Files in memory: a map of path → bytes. */
class MemoryFiles implements FileStore<string> {
  readonly files = new Map<string, Uint8Array>();
  writes = 0;
  async read(at: string): Promise<Uint8Array | undefined> {
    const b = this.files.get(at);
    return b && b.slice();
  }
  async write(at: string, bytes: Uint8Array): Promise<void> {
    this.writes++;
    this.files.set(at, bytes.slice());
  }
  async rename(from: string, to: string): Promise<void> {
    const b = this.files.get(from);
    if (!b) throw new Error(`ENOENT ${from}`);
    this.files.delete(from);
    this.files.set(to, b);
  }
  async makeParent(): Promise<void> {}
  async remove(at: string): Promise<void> {
    this.files.delete(at);
  }
  beside(at: string, suffix: string): string {
    return `${at}${suffix}`;
  }
  text(at: string): string {
    return new TextDecoder().decode(this.files.get(at));
  }
  set(at: string, content: string | Uint8Array): void {
    this.files.set(at, typeof content === 'string' ? new TextEncoder().encode(content) : content);
  }
}

const SIDECAR = '.policy-lens/a.txt.json';
const ids = (s: MergeState | readonly Tag[]) => ('tags' in s ? s.tags : s).map((t) => t.id).sort();

describe('mergeTags (three-way by tag id)', () => {
  const a = tagOn(TEXT, '科技部', '措施', 'a');
  const b = tagOn(TEXT, '海关总署', '措施', 'b');
  const c = tagOn(TEXT, '通知', '目标', 'c');
  const base: MergeState = { tags: [a, b], rejected: [] };

  it('adds from both sides survive', () => {
    const d = tagOn(TEXT, '1.75万名', '成效', 'd');
    const r = mergeTags(base, { tags: [a, b, c], rejected: [] }, { tags: [a, b, d], rejected: [] });
    assert.deepEqual(ids(r.tags), ['a', 'b', 'c', 'd']);
    assert.equal(r.changed, true);
  });

  it('a deletion by either side stays deleted (a hand deletion in the file included)', () => {
    const r1 = mergeTags(base, { tags: [a, b, c], rejected: [] }, { tags: [a], rejected: [] });
    assert.deepEqual(ids(r1.tags), ['a', 'c'], 'theirs deleted b');
    const r2 = mergeTags(base, { tags: [b], rejected: [] }, { tags: [a, b, c], rejected: [] });
    assert.deepEqual(ids(r2.tags), ['b', 'c'], 'mine deleted a');
  });

  it('edits win per tag; edited on both sides the later one wins', () => {
    const mineNote = { ...a, note: 'mine', modified: '2024-01-02T00:00:00.000Z' };
    const theirLabel = { ...b, label: '问题', modified: '2024-01-03T00:00:00.000Z' };
    const r = mergeTags(base, { tags: [mineNote, b], rejected: [] }, { tags: [a, theirLabel], rejected: [] });
    assert.equal(r.tags.find((t) => t.id === 'a')!.note, 'mine');
    assert.equal(r.tags.find((t) => t.id === 'b')!.label, '问题');
    const later = { ...a, note: 'theirs', modified: '2024-01-05T00:00:00.000Z' };
    const r2 = mergeTags(base, { tags: [mineNote, b], rejected: [] }, { tags: [later, b], rejected: [] });
    assert.equal(r2.tags.find((t) => t.id === 'a')!.note, 'theirs');
  });

  it('positions are mine unless mine is an orphan and theirs was found', () => {
    const moved = { ...a, start: a.start + 2, end: a.end + 2 };
    const r = mergeTags(base, { tags: [moved, b], rejected: [] }, { tags: [{ ...a, note: 'n', modified: '2024-02-01T00:00:00.000Z' }, b], rejected: [] });
    const got = r.tags.find((t) => t.id === 'a')!;
    assert.equal(got.start, a.start + 2);
    assert.equal(got.note, 'n');
    const orphan = { ...a, start: 0, end: 0, orphan: true as const };
    const r2 = mergeTags(base, { tags: [orphan, b], rejected: [] }, { tags: [a, b], rejected: [] });
    assert.equal(r2.tags[0].orphan, undefined);
    assert.equal(r2.tags[0].start, a.start);
  });

  it('nothing changed on either side: the result is theirs, unchanged', () => {
    const r = mergeTags(base, base, base);
    assert.equal(r.changed, false);
    assert.deepEqual(r.tags, base.tags);
  });

  it('without a base everything is an addition', () => {
    const r = mergeTags(undefined, { tags: [a], rejected: [] }, { tags: [b], rejected: [] });
    assert.deepEqual(ids(r.tags), ['a', 'b']);
  });

  it('rejections: added on either side kept, removed on either side removed', () => {
    const s = TEXT.indexOf('海关总署');
    const rj = { type: 'department' as const, start: s, end: s + 4, quote: { exact: '海关总署', prefix: '', suffix: '' } };
    const p = TEXT.indexOf('国务院办公厅');
    const rk = { type: 'organization' as const, start: p, end: p + 6, quote: { exact: '国务院办公厅', prefix: '', suffix: '' } };
    const r = mergeTags({ tags: [], rejected: [rj] }, { tags: [], rejected: [rj, rk] }, { tags: [], rejected: [] });
    assert.deepEqual(
      r.rejected.map((x) => x.quote.exact),
      ['国务院办公厅'],
    );
  });
});

describe('TagDocument.reload: three-way merge with pending changes', () => {
  it('a tag deleted by hand in the sidecar stays deleted even with changes of ours pending', () => {
    const doc = new TagDocument('a.txt', TEXT);
    doc.load(undefined, TEXT);
    const keep = doc.addTag(TEXT.indexOf('科技部'), TEXT.indexOf('科技部') + 3, '措施');
    const gone = doc.addTag(TEXT.indexOf('海关总署'), TEXT.indexOf('海关总署') + 4, '措施');
    const { json, state } = doc.snapshot();
    doc.saved(state);
    const pending = doc.addTag(TEXT.indexOf('通知'), TEXT.indexOf('通知') + 2, '目标');
    const o = JSON.parse(json);
    o.tags = o.tags.filter((t: { id: string }) => t.id !== gone.id);
    const r = doc.reload(JSON.stringify(o, null, 2), TEXT, true);
    assert.ok(r.ok && r.merged);
    assert.deepEqual(ids(doc.tags), [keep.id, pending.id].sort());
  });
});

describe('TagSession (one writer of a sidecar)', () => {
  it('its own write is told by content: a watcher event with our bytes changes nothing, however late', async () => {
    const files = new MemoryFiles();
    const s = new TagSession(files, SIDECAR, 'a.txt', TEXT);
    await s.open(TEXT);
    s.doc.addTag(0, 3, '措施');
    s.touch();
    assert.equal(await s.save(), 'written');
    assert.equal(s.dirty, false);
    assert.equal(await s.diskChanged(TEXT), 'same');
    // another writer's change, arriving right after ours (no blind spot)
    const other = new TagSession(files, SIDECAR, 'a.txt', TEXT);
    await other.open(TEXT);
    other.doc.addTag(11, 14, '目标');
    other.touch();
    await other.save();
    assert.equal(await s.diskChanged(TEXT), 'loaded');
    assert.equal(s.doc.tags.length, 2);
  });

  it('optimistic write: a sidecar changed since we read it is merged before we write', async () => {
    const files = new MemoryFiles();
    const a = new TagSession(files, SIDECAR, 'a.txt', TEXT);
    const b = new TagSession(files, SIDECAR, 'a.txt', TEXT);
    await a.open(TEXT);
    await b.open(TEXT);
    const ta = a.doc.addTag(0, 3, '措施');
    a.touch();
    const tb = b.doc.addTag(11, 14, '目标');
    b.touch();
    await a.save();
    await b.save(); // b never saw a's write: its save reads and merges it
    const onDisk = parseSidecar(files.text(SIDECAR), TEXT);
    assert.deepEqual(ids(onDisk.tags), [ta.id, tb.id].sort());
    assert.equal(await a.diskChanged(TEXT), 'loaded');
    assert.deepEqual(ids(a.doc.tags), [ta.id, tb.id].sort());
  });

  it('an invalid sidecar is never written over: blocked, tags kept, a backup of its bytes beside it; a pending tag survives the fix', async () => {
    const files = new MemoryFiles();
    const s = new TagSession(files, SIDECAR, 'a.txt', TEXT, { now: () => new Date('2024-05-01T10:20:30.123Z') });
    await s.open(TEXT);
    s.doc.addTag(0, 3, '措施');
    s.touch();
    await s.save();
    const good = files.text(SIDECAR);
    const pending = s.doc.addTag(11, 14, '目标');
    s.touch();
    // the file becomes invalid UTF-8, then invalid JSON
    const bad = new Uint8Array([...new TextEncoder().encode(good.slice(0, 20)), 0xff, 0xfe]);
    files.set(SIDECAR, bad);
    assert.equal(await s.diskChanged(TEXT), 'blocked');
    assert.match(s.blocked!, /^\.policy-lens\/a\.txt\.json: line 2: the file is not valid UTF-8/);
    const backup = `${SIDECAR}.bak-2024-05-01T10-20-30-123Z`;
    assert.deepEqual(files.files.get(backup), bad, 'the backup holds the very bytes');
    assert.equal(await s.save(), 'blocked');
    assert.deepEqual(files.files.get(SIDECAR), bad, 'not rewritten');
    files.set(SIDECAR, '{\n  "format": "policy-lens-tags/1",\n  "tags": [\n');
    assert.equal(await s.diskChanged(TEXT), 'blocked');
    assert.match(s.blocked!, /line \d+/);
    assert.equal(s.doc.tags.length, 2, 'in-memory tags kept');
    // fixed by hand (the good version back): the pending tag is merged in and written
    files.set(SIDECAR, good);
    assert.equal(await s.diskChanged(TEXT), 'merged');
    assert.equal(s.blocked, undefined);
    assert.equal(await s.save(), 'written');
    assert.ok(parseSidecar(files.text(SIDECAR), TEXT).tags.some((t) => t.id === pending.id));
  });

  it('a pending tag is written: a save that dropped it would fail here', async () => {
    const files = new MemoryFiles();
    const s = new TagSession(files, SIDECAR, 'a.txt', TEXT);
    await s.open(TEXT);
    const t = s.doc.addTag(0, 3, '措施');
    s.touch();
    // an unrelated change on disk by another writer meanwhile
    const o = new TagSession(files, SIDECAR, 'a.txt', TEXT);
    await o.open(TEXT);
    o.doc.addTag(20, 24, '问题');
    o.touch();
    await o.save();
    assert.equal(await s.diskChanged(TEXT), 'merged');
    assert.ok(s.doc.tags.some((x) => x.id === t.id));
    await s.save();
    assert.equal(parseSidecar(files.text(SIDECAR), TEXT).tags.length, 2);
  });
});

describe('TagSession: concurrent writers', () => {
  /** Memory files whose every operation yields first, so that concurrent saves interleave. */
  class SlowFiles extends MemoryFiles {
    override async read(at: string) {
      await new Promise((r) => setImmediate(r));
      return super.read(at);
    }
    override async rename(from: string, to: string) {
      await new Promise((r) => setImmediate(r));
      return super.rename(from, to);
    }
  }

  it('two sessions of one process saving at once: both tags survive', async () => {
    const files = new SlowFiles();
    const a = new TagSession(files, SIDECAR, 'a.txt', TEXT);
    const b = new TagSession(files, SIDECAR, 'a.txt', TEXT);
    await Promise.all([a.open(TEXT), b.open(TEXT)]);
    const ta = a.doc.addTag(0, 3, '措施');
    a.touch();
    const tb = b.doc.addTag(11, 14, '目标');
    b.touch();
    await Promise.all([a.save(), b.save()]);
    assert.deepEqual(ids(parseSidecar(files.text(SIDECAR), TEXT).tags), [ta.id, tb.id].sort());
  });

  it('two processes (no shared queue) saving at once: the lock file keeps both tags', async () => {
    /** Slow memory files with an exclusive create, where './x' and 'x' are one file (two processes, two names). */
    class LockingFiles extends SlowFiles {
      private static canon = (at: string) => at.replace(/^\.\//, '');
      override read(at: string) {
        return super.read(LockingFiles.canon(at));
      }
      override write(at: string, bytes: Uint8Array) {
        return super.write(LockingFiles.canon(at), bytes);
      }
      override rename(from: string, to: string) {
        return super.rename(LockingFiles.canon(from), LockingFiles.canon(to));
      }
      override remove(at: string) {
        return super.remove(LockingFiles.canon(at));
      }
      async createExclusive(at: string, bytes: Uint8Array): Promise<boolean> {
        await new Promise((r) => setImmediate(r));
        if (this.files.has(LockingFiles.canon(at))) return false;
        this.files.set(LockingFiles.canon(at), bytes.slice());
        return true;
      }
    }
    const files = new LockingFiles();
    const a = new TagSession(files, SIDECAR, 'a.txt', TEXT);
    const b = new TagSession(files, `./${SIDECAR}`, 'a.txt', TEXT);
    await Promise.all([a.open(TEXT), b.open(TEXT)]);
    const ta = a.doc.addTag(0, 3, '措施');
    a.touch();
    const tb = b.doc.addTag(11, 14, '目标');
    b.touch();
    await Promise.all([a.save(), b.save()]);
    assert.deepEqual(ids(parseSidecar(files.text(SIDECAR), TEXT).tags), [ta.id, tb.id].sort());
    assert.equal(files.files.has(`${SIDECAR}.lock`), false, 'the lock is released');
    // a stale lock (a writer that died) is broken
    files.set(`${SIDECAR}.lock`, String(Date.now() - 60000));
    a.doc.addTag(20, 24, '问题');
    a.touch();
    assert.equal(await a.save(), 'written');
  });

  it('a write overwritten by another process right after it stays pending and is merged back', async () => {
    const files = new MemoryFiles();
    // the other process read the (empty) sidecar before our write and writes its own version after it
    const stale = new TagSession(new MemoryFiles(), SIDECAR, 'a.txt', TEXT);
    await stale.open(TEXT);
    const theirs = stale.doc.addTag(20, 24, '问题');
    const staleJson = stale.doc.serialize();
    const racing: FileStore<string> = {
      ...files,
      read: (at) => files.read(at),
      write: (at, bytes) => files.write(at, bytes),
      rename: async (from, to) => {
        await files.rename(from, to);
        files.set(to, staleJson); // lands between our write and our check
      },
      makeParent: async () => undefined,
      remove: (at) => files.remove(at),
      beside: (at, suffix) => files.beside(at, suffix),
    };
    const racer = new TagSession(racing, SIDECAR, 'a.txt', TEXT);
    await racer.open(TEXT);
    const mine = racer.doc.addTag(0, 3, '措施');
    racer.touch();
    assert.equal(await racer.save(), 'written');
    assert.equal(racer.dirty, true, 'not taken as written: the file holds another version');
    assert.equal(await racer.diskChanged(TEXT), 'merged');
    assert.deepEqual(ids(racer.doc.tags), [mine.id, theirs.id].sort());
  });
});

describe('moveSidecar (renames)', () => {
  it('a document renamed onto one with a sidecar keeps both sidecars', async () => {
    const files = new MemoryFiles();
    files.set('.policy-lens/a.txt.json', 'A');
    files.set('.policy-lens/b.txt.json', 'B');
    const r = await moveSidecar(files, '.policy-lens/a.txt.json', '.policy-lens/b.txt.json', 'S');
    assert.deepEqual(r, { moved: true, backup: '.policy-lens/b.txt.json.bak-S' });
    assert.equal(files.text('.policy-lens/b.txt.json'), 'A');
    assert.equal(files.text('.policy-lens/b.txt.json.bak-S'), 'B');
    assert.deepEqual(await moveSidecar(files, '.policy-lens/none.json', '.policy-lens/x.json', 'S'), { moved: false });
    // a document without tags renamed onto a tagged one: the old tags are not taken over
    assert.deepEqual(await moveSidecar(files, '.policy-lens/none.json', '.policy-lens/b.txt.json', 'T'), { moved: false, backup: '.policy-lens/b.txt.json.bak-T' });
    assert.equal(files.files.has('.policy-lens/b.txt.json'), false);
  });
});


describe('two writers, one sidecar: seeded fuzz', () => {
  it('loses no tag over 10,000 edits with two writers, outside edits, hand deletions and a corrupted sidecar interleaved', async function () {
    this.timeout(120000);
    const random = rng(13013);
    const int = (n: number): number => Math.floor(random() * n);
    // a text with few repeats (random CJK characters), so that every tag's place is known
    const char = (): string => String.fromCharCode(0x4e00 + int(3000));
    const chars = (n: number): string => Array.from({ length: n }, char).join('');
    let text = chars(1500);
    const files = new MemoryFiles();
    const writers = [new TagSession(files, SIDECAR, 'a.txt', text), new TagSession(files, SIDECAR, 'a.txt', text)];
    for (const w of writers) await w.open(text);

    // the oracle: where every tag added and not deleted is (editor rules: edits never cut into a live tag)
    const ref = new Map<string, { start: number; end: number; orphan: boolean; exact: string }>();
    const stats = { edits: 0, wholesale: 0, outside: 0, added: 0, deleted: 0, byHand: 0, notes: 0, saves: 0, merges: 0, events: 0, corrupted: 0, orphaned: 0 };
    const t0 = Date.now();
    const live = () => [...ref.values()].filter((r) => !r.orphan);
    const freeRange = (s: number, e: number) => live().every((r) => e <= r.start || s >= r.end);

    /** Applies a text edit: exactly in the writer that made it, as a reload (one whole-text edit or a trimmed one) in the other; both for an outside change. */
    const edit = (author: number | undefined, start: number, end: number, ins: string) => {
      const next = text.slice(0, start) + ins + text.slice(end);
      for (const r of ref.values()) {
        if (r.orphan) {
          r.start = r.end = end <= r.start ? r.start + ins.length - (end - start) : start < r.start ? start : r.start;
        } else if (end <= r.start) {
          r.start += ins.length - (end - start);
          r.end += ins.length - (end - start);
        } else if (start <= r.start && end >= r.end && end > start) {
          r.orphan = true;
          r.start = r.end = start;
          stats.orphaned++;
        }
      }
      writers.forEach((w, i) => {
        if (i === author) w.edited([{ start, end, text: ins }], next);
        else if (random() < 0.6) {
          w.edited([{ start: 0, end: text.length, text: next }], next); // a one-line file reloaded from disk
          stats.wholesale++;
        } else {
          // VS Code's minimal edit: common prefix and suffix trimmed
          let p = 0;
          while (p < text.length && p < next.length && text[p] === next[p]) p++;
          let q = 0;
          while (q < text.length - p && q < next.length - p && text[text.length - 1 - q] === next[next.length - 1 - q]) q++;
          w.edited([{ start: p, end: text.length - q, text: next.slice(p, next.length - q) }], next);
        }
      });
      text = next;
      stats.edits++;
    };

    const EDITS = 10000;
    while (stats.edits < EDITS) {
      const w = int(2);
      const me = writers[w];
      const op = random();
      if (op < 0.6) {
        // a text edit away from live tags (insert, delete, replace), by a writer or from outside
        const a = int(text.length + 1);
        let d = text.length > 2500 ? 1 + int(6) : text.length < 800 ? 0 : int(5);
        d = Math.min(d, text.length - a);
        const ins = random() < (text.length > 2500 ? 0.3 : 0.7) ? chars(1 + int(4)) : '';
        if (d === 0 && ins === '') continue;
        if (!freeRange(a, a + d) || live().some((r) => r.start < a && a < r.end)) continue;
        const outside = random() < 0.1;
        if (outside) stats.outside++;
        edit(outside ? undefined : w, a, a + d, ins);
      } else if (op < 0.615) {
        // a deletion of a tag's whole text (and a little around it): an orphan with its quote
        const l = live();
        if (l.length === 0) continue;
        const r = l[int(l.length)];
        const s = Math.max(0, r.start - int(3));
        const e = Math.min(text.length, r.end + int(3));
        if (live().some((o) => o !== r && o.start < e && o.end > s && !(o.start >= s && o.end <= e))) continue;
        edit(random() < 0.2 ? undefined : w, s, e, '');
      } else if (op < 0.68) {
        if (me.blocked || live().length > 30) continue;
        const len = 2 + int(7);
        const s = int(text.length - len);
        if (!freeRange(s - 1, s + len + 1)) continue;
        const t = me.doc.addTag(s, s + len, `L${int(5)}`);
        me.touch();
        ref.set(t.id, { start: s, end: s + len, orphan: false, exact: text.slice(s, s + len) });
        stats.added++;
      } else if (op < 0.71) {
        if (me.blocked) continue;
        const known = me.doc.tags.filter((t) => ref.has(t.id));
        const orphans = known.filter((t) => t.orphan);
        const mine = orphans.length > 0 && random() < 0.5 ? orphans : known;
        if (mine.length === 0) continue;
        const id = mine[int(mine.length)].id;
        me.doc.removeTag(id);
        me.touch();
        ref.delete(id);
        stats.deleted++;
      } else if (op < 0.74) {
        if (me.blocked || me.doc.tags.length === 0) continue;
        me.doc.setNote(me.doc.tags[int(me.doc.tags.length)].id, `note ${stats.edits}`, new Date(Date.UTC(2025, 0, 1, 0, 0, stats.edits)).toISOString());
        me.touch();
        stats.notes++;
      } else if (op < 0.84) {
        const r = await me.save();
        if (r === 'written') stats.saves++;
      } else if (op < 0.94) {
        const r = await me.diskChanged(text);
        stats.events++;
        if (r === 'merged') stats.merges++;
      } else if (op < 0.955) {
        // a tag deleted by hand in the sidecar
        const bytes = files.files.get(SIDECAR);
        if (!bytes) continue;
        const o = JSON.parse(new TextDecoder().decode(bytes));
        if (o.tags.length === 0) continue;
        const [gone] = o.tags.splice(int(o.tags.length), 1);
        files.set(SIDECAR, JSON.stringify(o, null, 2) + '\n');
        ref.delete(gone.id);
        stats.byHand++;
      } else if (op < 0.962) {
        // the sidecar corrupted (bad UTF-8 or cut JSON), seen by both, then restored
        const good = files.files.get(SIDECAR);
        if (!good) continue;
        files.set(SIDECAR, random() < 0.5 ? good.slice(0, int(good.length)) : new Uint8Array([...good.slice(0, 30), 0xc0, 0x80]));
        for (const x of writers) assert.equal(await x.diskChanged(text), 'blocked');
        for (const x of writers) assert.notEqual(await x.save(), 'written', 'an invalid sidecar is never written over');
        files.set(SIDECAR, good);
        stats.corrupted++;
      } else {
        stats.events++;
        if ((await me.diskChanged(text)) === 'merged') stats.merges++;
      }
    }
    // settle: both writers see the file and write until nothing is pending
    for (let round = 0; round < 10 && writers.some((x) => x.dirty || x.blocked); round++) {
      for (const x of writers) {
        await x.diskChanged(text);
        await x.save();
      }
    }
    for (const x of writers) await x.diskChanged(text);
    const ms = Date.now() - t0;

    assert.ok(writers.every((x) => !x.dirty && !x.blocked), 'settled');
    const onDisk = parseSidecar(files.text(SIDECAR), text);
    const problems: string[] = [];
    const seen = new Map<string, number>();
    for (const t of onDisk.tags) seen.set(t.id, (seen.get(t.id) ?? 0) + 1);
    let lost = 0;
    let misplaced = 0;
    for (const [id, r] of ref) {
      const t = onDisk.tags.find((x) => x.id === id);
      if (!t) {
        lost++;
        problems.push(`${id} lost`);
        continue;
      }
      if (t.quote.exact !== r.exact) problems.push(`${id}: quote ${t.quote.exact}, expected ${r.exact}`);
      if (r.orphan !== (t.orphan ?? false) || (!r.orphan && (t.start !== r.start || t.end !== r.end))) {
        misplaced++;
        problems.push(`${id}: at [${t.start}, ${t.end})${t.orphan ? ' orphan' : ''}, expected [${r.start}, ${r.end})${r.orphan ? ' orphan' : ''}`);
      }
    }
    const extra = onDisk.tags.filter((t) => !ref.has(t.id)).length;
    if (extra) problems.push(`${extra} tag(s) deleted but back`);
    for (const [id, n] of seen) if (n > 1) problems.push(`${id} ${n} times`);
    for (const x of writers) if (JSON.stringify(ids(x.doc.tags)) !== JSON.stringify(ids(onDisk.tags))) problems.push('a writer differs from the file');
    console.log(
      `      two writers: ${stats.edits} edits (${stats.outside} from outside, ${stats.wholesale} seen as whole-text reloads), ${stats.added} tags added, ` +
        `${stats.deleted} deleted in a window, ${stats.byHand} by hand in the file, ${stats.notes} notes, ${stats.saves} writes, ${stats.events} watcher events ` +
        `(${stats.merges} merges), ${stats.corrupted} corruptions, ${stats.orphaned} orphanings; at the end ${ref.size} tags (${live().length} live): ` +
        `lost ${lost}, misplaced ${misplaced}, ${ms} ms`,
    );
    assert.deepEqual(problems, []);
    assert.ok(stats.added > 500 && stats.byHand > 20 && stats.merges > 20 && ref.size > 10 && stats.orphaned > 20, 'the fuzz exercised what it claims');
  });
});

describe('TagSession: the text hash', () => {
  it('a sidecar written for another text (another encoding) is detected: every tag kept, as an orphan when its quote is not found', async () => {
    const files = new MemoryFiles();
    const w = new TagSession(files, SIDECAR, 'a.txt', TEXT);
    await w.open(TEXT);
    w.doc.addTag(0, 6, '措施');
    w.doc.addTag(11, 14, '目标');
    w.touch();
    await w.save();
    // the same file decoded with the wrong encoding: mojibake
    const mojibake = new TextDecoder('latin1').decode(new TextEncoder().encode(TEXT));
    const r = new TagSession(files, SIDECAR, 'a.txt', mojibake);
    assert.equal(await r.open(mojibake), 'merged');
    assert.deepEqual(r.mismatch, { tags: 2, found: 0 });
    assert.equal(r.doc.tags.length, 2);
    assert.ok(r.doc.tags.every((t) => t.orphan && t.quote.exact !== ''));
    const same = new TagSession(files, SIDECAR, 'a.txt', TEXT);
    assert.equal(await same.open(TEXT), 'loaded');
    assert.equal(same.mismatch, undefined);
  });
});
