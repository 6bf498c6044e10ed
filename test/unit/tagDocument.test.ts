// TagDocument: one document's tags through edits, undo, outside changes,
// loads and reloads of its sidecar; and the sidecar files (atomic write,
// strict decoding, the CLI's read and write).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TagDocument } from '../../src/core/tags/document';
import { decodeSidecar, readSidecar, serializeSidecar, SidecarError } from '../../src/core/tags/sidecar';
import { nodeFiles, readDocumentTags, writeAtomic, writeDocumentTags, type FileStore } from '../../src/core/tags/sidecarFiles';
import type { Tag } from '../../src/core/tags/types';
import { rng } from './rng';

const TEXT = '国务院办公厅印发通知。科技部推广“揭榜挂帅”等新机制，选派1.75万名科技特派员。海关总署查获约5.76万件。';
const at = (text: string, s: string) => text.indexOf(s);
const covered = (doc: TagDocument) => doc.tags.map((t) => (t.orphan ? `orphan:${t.quote.exact}` : doc.text.slice(t.start, t.end)));

/** A document with three tags on TEXT. */
function tagged(): TagDocument {
  const doc = new TagDocument('a.txt', TEXT);
  for (const s of ['科技部', '1.75万名', '海关总署']) doc.addTag(at(TEXT, s), at(TEXT, s) + s.length, '措施', {}, '2024-01-01T00:00:00.000Z');
  return doc;
}

describe('TagDocument', () => {
  it('follows edits exactly: before, inside and after a tag', () => {
    const doc = tagged();
    const p = at(TEXT, '科技部');
    assert.ok(doc.applyEdits([{ start: 0, end: 0, text: '（2024年）' }], '（2024年）' + TEXT));
    assert.deepEqual(covered(doc), ['科技部', '1.75万名', '海关总署']);
    const t = doc.text;
    const inside = at(t, '万名');
    assert.ok(doc.applyEdits([{ start: inside, end: inside, text: '余' }], t.slice(0, inside) + '余' + t.slice(inside)));
    assert.deepEqual(covered(doc), ['科技部', '1.75余万名', '海关总署']);
    assert.equal(doc.tags[0].start, p + '（2024年）'.length);
    // the quotes stay true to the text
    for (const tag of doc.tags) assert.equal(tag.quote.exact, doc.text.slice(tag.start, tag.end));
  });

  it('a deleted tag becomes an orphan with its quote, never dropped; undo brings it back on the current text', () => {
    const doc = tagged();
    doc.removeTag(doc.tags[2].id);
    assert.equal(doc.tags.length, 2);
    const s = at(TEXT, '科技部');
    const t1 = TEXT.slice(0, s) + TEXT.slice(s + 3);
    doc.applyEdits([{ start: s, end: s + 3, text: '' }], t1);
    assert.deepEqual(covered(doc), ['orphan:科技部', '1.75万名']);
    // the undo of the removal lands on the edited text
    assert.ok(doc.undo());
    assert.deepEqual(covered(doc), ['orphan:科技部', '1.75万名', '海关总署']);
    assert.ok(doc.redo());
    assert.equal(doc.tags.length, 2);
    assert.equal(doc.undo(), true);
    assert.equal(doc.undo(), true, 'the adds are undoable too');
  });

  it('a wholesale change in one edit (a reload of a one-line file) finds the tags again instead of orphaning them all', () => {
    const doc = tagged();
    const changed = TEXT.replace('国务院办公厅印发通知。', '国务院办公厅近日印发一份通知。');
    // VS Code reports a reload from disk as one edit replacing the whole text
    assert.ok(doc.applyEdits([{ start: 0, end: TEXT.length, text: changed }], changed));
    assert.deepEqual(covered(doc), ['科技部', '1.75万名', '海关总署']);
    assert.ok(doc.tags.every((t) => !t.orphan));
  });

  it('replaceText: a change made while the sidecar was read is followed by a diff', () => {
    const doc = tagged();
    const changed = '前言。' + TEXT.replace('选派', '共选派');
    assert.ok(doc.replaceText(changed));
    assert.deepEqual(covered(doc), ['科技部', '1.75万名', '海关总署']);
    assert.equal(doc.replaceText(changed), false);
  });

  it('loads a sidecar exactly for its text, and re-anchors one written for another text', () => {
    const doc = tagged();
    const json = doc.serialize();
    const same = new TagDocument('a.txt', TEXT);
    assert.deepEqual(same.load(json, TEXT), { ok: true, reanchored: false });
    assert.deepEqual(covered(same), covered(doc));
    const other = '新的开头。' + TEXT.replace('海关总署查获', '海关总署共查获');
    const moved = new TagDocument('a.txt', other);
    assert.deepEqual(moved.load(json, other), { ok: true, reanchored: true });
    assert.deepEqual(covered(moved), ['科技部', '1.75万名', '海关总署']);
    assert.equal(readSidecar(json, other).data.sha256, readSidecar(moved.serialize(), other).data.sha256);
  });

  it('a sidecar that does not parse blocks the document and keeps its tags; a pending tag survives an invalid-then-fixed sidecar', () => {
    const doc = tagged();
    const onDisk = doc.serialize();
    const pending = doc.addTag(at(TEXT, '国务院办公厅'), at(TEXT, '国务院办公厅') + 6, '目标');
    const bad = doc.reload('{"format": ', TEXT, true);
    assert.equal(bad.ok, false);
    assert.ok(doc.blocked);
    assert.equal(doc.tags.length, 4, 'nothing lost to the bad file');
    const fixed = doc.reload(onDisk, TEXT, true);
    assert.ok(fixed.ok && fixed.merged);
    assert.equal(doc.blocked, undefined);
    assert.ok(doc.tags.some((t) => t.id === pending.id), 'the pending tag is merged back');
    assert.equal(doc.tags.length, 4);
  });

  it('reload merges tags by id: theirs for ids both have, ours added; nothing pending means theirs only', () => {
    const doc = tagged();
    const theirs = new TagDocument('a.txt', TEXT);
    theirs.load(doc.serialize(), TEXT);
    theirs.setNote(theirs.tags[0].id, 'their note');
    theirs.addTag(at(TEXT, '国务院办公厅'), at(TEXT, '国务院办公厅') + 6, '目标');
    const mine = doc.addTag(at(TEXT, '通知'), at(TEXT, '通知') + 2, '问题');
    const r = doc.reload(theirs.serialize(), TEXT, true);
    assert.ok(r.ok && r.merged);
    assert.equal(doc.tags.length, 5);
    assert.equal(doc.tags.find((t) => t.id === theirs.tags[0].id)!.note, 'their note');
    assert.ok(doc.tags.some((t) => t.id === mine.id));
    const again = tagged();
    again.reload(theirs.serialize(), TEXT, false);
    assert.equal(again.tags.length, 4);
  });

  it('imports add a tag once: the same span and label again is not a new tag', () => {
    const doc = tagged();
    const copy: Tag[] = doc.tags.map((t) => ({ ...t, id: `x${t.id}`, source: 'imported' }));
    assert.equal(doc.addImported(copy).length, 0);
    const other: Tag = { ...copy[0], id: 'y', label: '目标' };
    assert.equal(doc.addImported([other, { ...other, id: 'z' }]).length, 1);
    assert.equal(doc.tags.length, 4);
  });

  it('notes, rejections and their undo', () => {
    const doc = tagged();
    const id = doc.tags[1].id;
    assert.ok(doc.setNote(id, '数字'));
    assert.equal(doc.tags[1].note, '数字');
    assert.ok(doc.tags[1].modified);
    assert.ok(doc.setNote(id, ''));
    assert.equal(doc.tags[1].note, undefined);
    assert.equal(doc.setNote('nope', 'x'), false);
    const s = at(TEXT, '海关总署');
    doc.reject({ type: 'department', start: s, end: s + 4 });
    assert.ok(doc.isRejected('department', s, s + 4));
    assert.ok(doc.undo());
    assert.equal(doc.isRejected('department', s, s + 4), false);
  });

  it('serialises every field and reads back the same tags', () => {
    const doc = tagged();
    doc.setNote(doc.tags[0].id, '多行\n备注 "引号"');
    const back = new TagDocument('a.txt', TEXT);
    back.load(doc.serialize(), TEXT);
    assert.deepEqual(back.tags, doc.tags);
    assert.equal(back.serialize(), doc.serialize());
  });
});

describe('sidecar files', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lens-sidecar-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('bytes that are not UTF-8 are refused with their line, never replaced', () => {
    const good = Buffer.from('{\n  "a": "科技部"\n}\n');
    assert.equal(decodeSidecar(good), good.toString('utf8'));
    const bad = Buffer.concat([Buffer.from('{\n  "a": "'), Buffer.from([0xc7, 0xbf, 0xff]), Buffer.from('"\n}\n')]);
    assert.throws(() => decodeSidecar(bad), (e: unknown) => e instanceof SidecarError && /^line 2: the file is not valid UTF-8/.test(e.message));
  });

  it('writeAtomic writes through a temporary file and leaves none behind, creating the folder', async () => {
    const target = path.join(dir, 'x', 'y.json');
    await writeAtomic(nodeFiles, target, 'one');
    await writeAtomic(nodeFiles, target, 'two');
    assert.equal(fs.readFileSync(target, 'utf8'), 'two');
    assert.deepEqual(fs.readdirSync(path.dirname(target)), ['y.json']);
  });

  it('a failed rename removes the temporary file and leaves the old content', async () => {
    const target = path.join(dir, 'y.json');
    fs.writeFileSync(target, 'old');
    const failing: FileStore<string> = { ...nodeFiles, rename: () => Promise.reject(new Error('EXDEV')) };
    await assert.rejects(writeAtomic(failing, target, 'new'), /EXDEV/);
    assert.equal(fs.readFileSync(target, 'utf8'), 'old');
    assert.deepEqual(fs.readdirSync(dir), ['y.json']);
  });

  it('reads tags (none without a sidecar) and never overwrites a sidecar that does not parse', async () => {
    const file = path.join(dir, '.policy-lens', 'a.txt.json');
    assert.deepEqual((await readDocumentTags(nodeFiles, file, 'a.txt', TEXT)).tags, []);
    const doc = tagged();
    await writeDocumentTags(nodeFiles, file, doc.data, TEXT);
    assert.deepEqual((await readDocumentTags(nodeFiles, file, 'a.txt', TEXT)).tags, doc.tags);
    fs.writeFileSync(file, '{ broken');
    await assert.rejects(writeDocumentTags(nodeFiles, file, doc.data, TEXT), SidecarError);
    assert.equal(fs.readFileSync(file, 'utf8'), '{ broken');
    assert.equal(serializeSidecar(doc.data, TEXT).length > 0, true);
  });
});

describe('TagDocument: rejections through a wholesale change', () => {
  it('a rejection that only moved is kept once; one whose text is gone is dropped', () => {
    const doc = tagged();
    const a = at(TEXT, '国务院办公厅');
    const b = at(TEXT, '海关总署');
    doc.reject({ type: 'organization', start: a, end: a + 6 });
    doc.reject({ type: 'department', start: b, end: b + 4 });
    const changed = '开头。' + TEXT.replace('海关总署查获约5.76万件。', '');
    doc.applyEdits([{ start: 0, end: TEXT.length, text: changed }], changed);
    assert.deepEqual(
      doc.rejected.map((r) => [r.type, changed.slice(r.start, r.end)]),
      [['organization', '国务院办公厅']],
    );
  });
});

describe('TagDocument: outside changes to one-line files (whole-text edits)', () => {

  it('every tag is found again or kept as an orphan with its quote: never dropped, never all orphaned while the quotes are there', () => {
    const random = rng(707);
    const int = (n: number) => Math.floor(random() * n);
    const pool = '国务院办公厅印发关于推进科技特派员制度的通知各省自治区直辖市人民政府财政部教育部海关总署查获万件一二三四五六七八九十年月日';
    const chars = (n: number) => Array.from({ length: n }, () => pool[int(pool.length)]).join('');
    let found = 0;
    let orphaned = 0;
    for (let round = 0; round < 60; round++) {
      let text = chars(400 + int(400)); // one line, no line breaks
      const doc = new TagDocument('one-line.txt', text);
      const spans: [number, number][] = [];
      while (spans.length < 12) {
        const s = int(text.length - 10);
        const e = s + 4 + int(6);
        if (spans.some(([a, b]) => s < b + 2 && e > a - 2)) continue;
        spans.push([s, e]);
      }
      spans.sort((a, b) => a[0] - b[0]);
      for (const [s, e] of spans) doc.addTag(s, e, '措施');
      if (round % 3 === 0) {
        // some tags are orphans already (deleted in the editor earlier)
        const t = doc.tags[int(doc.tags.length)];
        const [s, e] = [t.start, t.end];
        text = text.slice(0, s) + text.slice(e);
        doc.applyEdits([{ start: s, end: e, text: '' }], text);
      }
      const expected = new Map(doc.tags.map((t) => [t.id, { exact: t.quote.exact, orphan: t.orphan === true, start: t.start, end: t.end }]));
      // the outside change: text inserted and deleted between tags, one tag's text deleted; then VS Code reloads the file as one edit
      let changed = text;
      const live = doc.tags.filter((t) => !t.orphan).sort((a, b) => b.start - a.start);
      const victim = live[int(live.length)];
      for (const t of live) {
        // after t (the gap to the next tag, which is to the right and already edited), from right to left
        const at = t.end + 1;
        if (random() < 0.5) changed = changed.slice(0, at) + chars(1 + int(5)) + changed.slice(at);
        else changed = changed.slice(0, at) + changed.slice(at + 1);
        if (t === victim) changed = changed.slice(0, t.start) + changed.slice(t.end);
      }
      const old = doc.text;
      doc.applyEdits([{ start: 0, end: old.length, text: changed }], changed);
      assert.equal(doc.tags.length, expected.size, 'no tag dropped');
      for (const t of doc.tags) {
        const e = expected.get(t.id)!;
        assert.equal(t.quote.exact, e.exact, 'the quote is kept');
        if (e.orphan || t.id === victim.id) {
          assert.equal(t.orphan, true, `${t.id} orphaned`);
          orphaned++;
          continue;
        }
        assert.ok(!t.orphan, `round ${round}: ${e.exact} is still in the text but orphaned`);
        assert.equal(changed.slice(t.start, t.end), e.exact);
        found++;
      }
    }
    assert.ok(found > 500 && orphaned > 60, `${found} found, ${orphaned} orphans`);
  });

  it('an orphan comes back when its text is put back (an undo in the editor, a revert outside)', () => {
    const doc = tagged();
    const s = at(TEXT, '科技部');
    const cut = TEXT.slice(0, s) + TEXT.slice(s + 3);
    doc.applyEdits([{ start: s, end: s + 3, text: '' }], cut);
    assert.equal(doc.tags[0].orphan, true);
    // the editor's undo re-inserts the text
    assert.ok(doc.applyEdits([{ start: s, end: s, text: '科技部' }], TEXT));
    assert.deepEqual(covered(doc), ['科技部', '1.75万名', '海关总署']);
    // all tags orphans, then a whole-text revert
    const all = new TagDocument('a.txt', TEXT);
    all.addTag(s, s + 3, '措施');
    all.applyEdits([{ start: s, end: s + 3, text: '' }], cut);
    all.applyEdits([{ start: 0, end: cut.length, text: TEXT }], TEXT);
    assert.deepEqual(covered(all), ['科技部']);
  });
});
