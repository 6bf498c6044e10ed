import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Annotator, resolveOverlaps } from '../../src/core/recognise/annotator';
import { Engine } from '../../src/core/engine/engine';
import type { Entity } from '../../src/core/types';

describe('annotator', () => {
  const engine = new Engine();

  it('finds every type in a realistic sentence', () => {
    const text = '11月25日，科技部在北京市召开会议，部署推广“揭榜挂帅”机制，印发《关于加强科技特派员工作的意见》，共选派1.75万名科技特派员，习近平总书记作出重要指示。';
    const types = new Set(engine.annotate(text).map((e) => e.type));
    for (const t of ['date', 'department', 'place', 'term', 'document', 'quantity', 'person']) assert.ok(types.has(t as Entity['type']), t);
  });

  it('offsets index the text (CRLF, astral characters, BOM-free input)', () => {
    const text = '𠮷😀\r\n海关总署查获约5.76万件。\r\n\r\n生态环境部党组召开会议。';
    for (const e of engine.annotate(text)) assert.equal(text.slice(e.start, e.end), e.text);
    const q = engine.annotate(text).find((e) => e.type === 'quantity');
    assert.deepEqual([q?.value, q?.unit, q?.approx], [57600, '件', 'about']);
  });

  it('never crosses a line break', () => {
    const text = '国家卫生\n健康委员会';
    for (const e of engine.annotate(text)) assert.ok(!e.text.includes('\n'));
  });

  it('marks nothing inside a document title or a term', () => {
    const text = '学习《科技部关于推广3项新机制的通知》和“科技部12项举措”。';
    const inner = engine.annotate(text).filter((e) => e.type !== 'document' && e.type !== 'term');
    assert.deepEqual(inner, []);
  });

  it('handles empty, whitespace-only and punctuation-only input', () => {
    assert.deepEqual(engine.annotate(''), []);
    assert.deepEqual(engine.annotate(' \r\n\t\n'), []);
    assert.deepEqual(engine.annotate('，。！？'), []);
  });

  it('caches lines: a repeated line is not analysed again', () => {
    const a = new Annotator(engine.tokenizer);
    a.annotate('科技部召开会议。\n海关总署召开会议。');
    const before = a.cachedLines;
    a.annotate('科技部召开会议。\n海关总署召开会议。\n科技部召开会议。');
    assert.equal(a.cachedLines, before);
  });

  it('annotates degraded text (no digits, no punctuation) with departments and places', () => {
    const text = '科技部生态环境部国家卫健委海关总署扎实开展党史学习教育 湖北省选派科技特派员';
    const found = engine.annotate(text);
    assert.ok(found.some((e) => e.type === 'department' && e.canonical === '科学技术部'));
    assert.ok(found.some((e) => e.type === 'department' && e.canonical === '海关总署'));
    assert.ok(found.some((e) => e.type === 'place' && e.text === '湖北省'));
  });

  it('resolveOverlaps keeps the longer span, then the higher-priority type', () => {
    const mk = (type: Entity['type'], start: number, end: number): Entity => ({ type, start, end, text: '' });
    const kept = resolveOverlaps([mk('term', 0, 4)], [mk('quantity', 1, 3), mk('place', 5, 7), mk('department', 5, 9), mk('person', 10, 12), mk('place', 10, 12)]);
    assert.deepEqual(kept.map((e) => `${e.type}:${e.start}-${e.end}`), ['term:0-4', 'department:5-9', 'person:10-12']);
  });
});

describe('annotator: sentence segments', () => {
  const engine = new Engine();

  it('cuts long lines after sentence ends outside quotes and titles, covering the whole line', async () => {
    const { sentenceSpans } = await import('../../src/core/text/lines');
    const line = '科技部召开会议，部署推广工作。“时间紧、任务重，党员得带头上！”突击队员说。学习《关于加强工作的意见。》全文。';
    const spans = sentenceSpans(line);
    assert.equal(spans[0][0], 0);
    assert.equal(spans[spans.length - 1][1], line.length);
    for (let k = 1; k < spans.length; k++) assert.equal(spans[k][0], spans[k - 1][1]);
    const pieces = spans.map(([a, b]) => line.slice(a, b));
    assert.ok(pieces.includes('“时间紧、任务重，党员得带头上！”突击队员说。'), pieces.join(' | '));
    assert.ok(pieces.some((p) => p.includes('《关于加强工作的意见。》')));
  });

  it('gives a long line the same entities as its sentences analysed in place', () => {
    const sentence = '海关总署查获约5.76万件，科技部选派1.75万名科技特派员。';
    const line = sentence.repeat(12);
    const whole = engine.annotate(line);
    assert.equal(whole.length, 12 * engine.annotate(sentence).length);
    for (const e of whole) assert.equal(line.slice(e.start, e.end), e.text);
  });
});

describe('annotator: batches', () => {
  const fixture = (name: string) => readFileSync(join(__dirname, '..', '..', '..', 'test', 'fixtures', name), 'utf8');

  it('annotateLines and annotate give what each line gives alone (tokens taken in batches)', () => {
    const text = `${fixture('ministries.txt')}\n${fixture('localities.txt')}`;
    const lines = text.split('\n');
    const alone = new Engine();
    const one = lines.map((l) => {
      alone.annotator.clearCache();
      return alone.annotator.annotateLine(l);
    });
    const batched = new Engine();
    assert.deepEqual(batched.annotateLines(lines), one);
    batched.annotator.clearCache();
    let offset = 0;
    const expected: Entity[] = [];
    lines.forEach((l, i) => {
      for (const e of one[i]) expected.push({ ...e, start: e.start + offset, end: e.end + offset });
      offset += l.length + 1;
    });
    assert.deepEqual(batched.annotate(text), expected);
  });

  it('a batch mixing cached, new and partly edited long lines', () => {
    const engine = new Engine();
    const long = '海关总署查获约5.76万件，科技部选派1.75万名科技特派员。'.repeat(8);
    engine.annotateLines([long, '国家卫健委在北京市召开会议。']);
    const edited = long.replace('科技部', '工信部');
    const [a, b, c] = engine.annotateLines([edited, '国家卫健委在北京市召开会议。', '']);
    assert.ok(a.some((e) => e.text === '工信部' && e.canonical === '工业和信息化部'), JSON.stringify(a.slice(0, 4)));
    assert.equal(a.length, new Engine().annotate(edited).length);
    assert.deepEqual(b.map((e) => e.text), ['国家卫健委', '北京市']);
    assert.deepEqual(c, []);
  });
});
