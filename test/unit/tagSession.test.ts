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
  });
});
