import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Engine } from '../../src/core/engine/engine';
import { documentDate } from '../../src/core/recognise/documentDate';
import { formerNames, inconsistentNames } from '../../src/core/recognise/nameChecks';
import { parseCodebook } from '../../src/core/tags/codebook';
import { addLabelEdit, closestLabels, editDistance } from '../../src/core/tags/codebookFixes';
import { TagDocument } from '../../src/core/tags/document';
import type { Entity } from '../../src/core/types';

const FIXTURES = path.join(__dirname, '..', '..', '..', 'test', 'fixtures');
const textsUnder = (dir: string): Array<[string, string]> =>
  fs.readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.txt')).sort().map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]);
const apply = (text: string, fix: { start: number; end: number; text: string }) => text.slice(0, fix.start) + fix.text + text.slice(fix.end);
const dept = (text: string, at: string, canonical: string, from = 0): Entity => {
  const start = text.indexOf(at, from);
  return { type: 'department', start, end: start + at.length, text: at, canonical };
};

describe('documentDate: the 成文日期 of a document', () => {
  it('the signature’s date line, in Arabic or Chinese digits, with CRLF', () => {
    const d = documentDate('国务院关于做好就业工作的意见\r\n国发〔2018〕39号\r\n正文。\r\n国务院\r\n2018年11月16日\r\n（此件公开发布）\r\n');
    assert.deepEqual([d?.year, d?.month, d?.day, d?.from], [2018, 11, 16, 'signature']);
    const text = '关于地质险情的报告\n正文。\n专家组\n二〇〇四年九月二十三日\n';
    const z = documentDate(text)!;
    assert.deepEqual([z.year, z.month, z.day], [2004, 9, 23]);
    assert.equal(text.slice(z.start, z.end), '二〇〇四年九月二十三日');
  });

  it('a 成文日期 field wins; a dated bracket or a dated line in the title block; the latest date of an amended law', () => {
    assert.equal(documentDate('标题\n成文日期：2021-06-30\n正文。\n2019年1月1日\n')?.year, 2021);
    assert.deepEqual(documentDate('中华人民共和国某某法\n（1989年12月26日通过　2014年4月24日修订）\n第一条　正文。\n')?.year, 2014);
    const gwr = documentDate('政府工作报告\n——2024年3月5日在第十四届全国人民代表大会第二次会议上\n各位代表：\n')!;
    assert.deepEqual([gwr.year, gwr.month, gwr.day, gwr.from], [2024, 3, 5, 'title']);
    assert.equal(documentDate('2026年浙江省政府工作报告\n2026年1月14日在浙江省第十四届人民代表大会第四次会议上\n浙江省省长 刘捷\n各位代表：\n')?.year, 2026);
  });

  it('else the year of the 发文字号 under the title; undated texts and numbers cited in the body give none', () => {
    const d = documentDate('国务院关于加快推进农业机械化的指导意见\n国发〔2018〕42号\n各省人民政府：\n正文。\n');
    assert.deepEqual([d?.year, d?.month, d?.from], [2018, undefined, 'number']);
    assert.equal(documentDate('某某答记者问\n问：为什么？\n答：1995年，原人事部印发《暂行规定》（人核培发〔1995〕1号）。\n'), undefined);
    assert.equal(documentDate('各位代表：\n现在，我代表国务院，向大会报告政府工作。\n'), undefined);
    // a body sentence that starts with a date is no date line
    assert.equal(documentDate('标题\n2018年5月24日至28日，某某到河南考察，强调要抓落实，推动工作。\n'), undefined);
  });

  it('a cover notice’s own date line before its attachment', () => {
    const text = '关于印发《某某方案》的通知\n各村（居）：\n《某某方案》已经研究同意，现印发给你们，请认真贯彻执行。\n特此通知\n某某镇人民政府\n2021年7月2日\n某某方案\n一、总体要求\n正文。\n正文。\n正文。\n正文。\n正文。\n正文。\n正文。\n正文。\n';
    const d = documentDate(text)!;
    assert.deepEqual([d.year, d.month, d.day, d.from], [2021, 7, 2, 'signature']);
  });

  it('offsets are UTF-16 past characters beyond U+FFFF', () => {
    const text = '𠀀𠀁通知\n正文。\n𠀀办公室\n2022年7月8日\n';
    const d = documentDate(text)!;
    assert.equal(text.slice(d.start, d.end), '2022年7月8日');
  });
});

describe('formerNames: an organ’s former name in a recent document', () => {
  it('a former name after its change is a finding fixed by the successor; in or before the year, none', () => {
    const text = '请国家卫生计生委配合。\r\n国务院办公厅\r\n2020年3月1日\r\n';
    const e = dept(text, '国家卫生计生委', '国家卫生和计划生育委员会');
    const [f, ...rest] = formerNames(text, [e], documentDate(text));
    assert.equal(rest.length, 0);
    assert.deepEqual([f.kind, f.found, f.expected, f.since, f.start, f.end], ['formerName', '国家卫生计生委', '国家卫生健康委员会', 2018, 1, 8]);
    assert.equal(apply(text, f.fix!), '请国家卫生健康委员会配合。\r\n国务院办公厅\r\n2020年3月1日\r\n');
    const in2018 = '请国家卫生计生委配合。\n2018年3月1日\n';
    assert.deepEqual(formerNames(in2018, [dept(in2018, '国家卫生计生委', '国家卫生和计划生育委员会')], documentDate(in2018)), []);
    const in2015 = '请国家卫生计生委配合。\n2015年3月1日\n';
    assert.deepEqual(formerNames(in2015, [dept(in2015, '国家卫生计生委', '国家卫生和计划生育委员会')], documentDate(in2015)), []);
    assert.deepEqual(formerNames(text, [e], undefined), [], 'undated: nothing');
  });

  it('the successor at the document’s date (环境保护总局 → 环境保护部 in 2010, → 生态环境部 in 2020)', () => {
    for (const [year, expected] of [[2010, '环境保护部'], [2020, '生态环境部']] as const) {
      const text = `国家环境保护总局发布。\n${year}年5月1日\n`;
      const [f] = formerNames(text, [dept(text, '国家环境保护总局', '国家环境保护总局')], documentDate(text));
      assert.equal(f?.expected, expected);
    }
  });

  it('never inside a 《title》 nor after 原/前; offsets UTF-16 past U+FFFF', () => {
    const text = '𠀀原国家卫生计生委印发的《国家卫生计生委关于某事的通知》，国家卫生计生委负责。\n2021年1月1日\n';
    const entities = [dept(text, '国家卫生计生委', '国家卫生和计划生育委员会'), dept(text, '国家卫生计生委', '国家卫生和计划生育委员会', 10), dept(text, '国家卫生计生委', '国家卫生和计划生育委员会', 25)];
    const found = formerNames(text, entities, documentDate(text));
    assert.equal(found.length, 1);
    assert.equal(found[0].start, entities[2].start);
    assert.equal(text.slice(found[0].start, found[0].end), '国家卫生计生委');
  });

  it('through the engine: on by option only, on the document’s own entities', () => {
    const engine = new Engine();
    const text = '各省卫生健康委：\n请国家卫计委有关处室配合，国家卫生计生委负责组织。\n国务院办公厅\n2020年3月1日\n';
    assert.deepEqual(engine.lint(text, {}), []);
    const found = engine.lint(text, { formerName: true });
    assert.deepEqual(found.map((f) => [f.found, f.expected]), [['国家卫生计生委', '国家卫生健康委员会']]);
  });
});

describe('inconsistentNames: one organ written two ways', () => {
  it('two competing short forms: the less frequent is a finding fixed by the more frequent; CRLF and U+FFFF offsets', () => {
    const text = '𠀀国家卫生健康委要求，国家卫健委指出。\r\n国家卫生健康委强调。\r\n';
    const c = '国家卫生健康委员会';
    const entities = [dept(text, '国家卫生健康委', c), dept(text, '国家卫健委', c), dept(text, '国家卫生健康委', c, 20)];
    const found = inconsistentNames(text, entities);
    assert.equal(found.length, 1);
    const [f] = found;
    assert.deepEqual([f.kind, f.found, f.expected, f.count], ['inconsistentName', '国家卫健委', '国家卫生健康委', 2]);
    assert.equal(f.start, 12);
    assert.equal(apply(text, f.fix!), '𠀀国家卫生健康委要求，国家卫生健康委指出。\r\n国家卫生健康委强调。\r\n');
  });

  it('a full name then a short form, a defined short name, a title and 党中央/中共中央 are normal style', () => {
    const c = '国家卫生健康委员会';
    const text = '国家卫生健康委员会（以下简称卫健委）发布。国家卫生健康委指出，卫健委强调，《国家卫健委关于某事的通知》。';
    const entities = [dept(text, '国家卫生健康委员会', c), dept(text, '国家卫生健康委', c, 20), dept(text, '卫健委', c, 30), dept(text, '国家卫健委', c)];
    assert.deepEqual(inconsistentNames(text, entities, { abbreviations: [{ short: '卫健委', type: 'department', canonical: c }] }), []);
    const party = '党中央、国务院高度重视。中共中央、国务院印发。';
    const p = '中国共产党中央委员会';
    assert.deepEqual(inconsistentNames(party, [dept(party, '党中央', p), dept(party, '中共中央', p)]), []);
  });

  it('through the engine, the text’s own definitions count', () => {
    const engine = new Engine();
    const text = '国家卫生健康委员会（以下简称卫健委）发布。国家卫生健康委要求，国家卫健委指出，国家卫生健康委强调，卫健委称。\n';
    const found = engine.lint(text, { inconsistentNames: true });
    assert.deepEqual(found.map((f) => [f.found, f.expected, text.slice(f.start, f.end)]), [['国家卫健委', '国家卫生健康委', '国家卫健委']]);
  });
});

describe('name checks on the real corpus', function () {
  this.timeout(120000);
  it('few findings, all sensible (numbers in notes14-diag.md)', () => {
    const engine = new Engine();
    const texts = [...textsUnder(path.join(FIXTURES, 'real')), ...textsUnder(path.join(FIXTURES, 'corpus'))];
    assert.ok(texts.length >= 40, `${texts.length} texts`);
    let dated = 0;
    const findings: string[] = [];
    for (const [name, text] of texts) {
      if (documentDate(text)) dated++;
      for (const f of engine.lint(text, { formerName: true, inconsistentNames: true })) findings.push(`${name}: ${f.kind} ${f.found} → ${f.expected}`);
    }
    // the corpus's dated documents name each organ as it was named at their date, and consistently
    assert.ok(dated >= 20, `${dated} dated`);
    assert.deepEqual(findings, []);
  });
});

describe('unknown label fixes: the closest labels and the codebook edit', () => {
  const json = '{\n  "version": 1,\n  "labels": [\n    {\n      "name": "政策工具",\n      "children": [\n        { "name": "财政补贴" },\n        { "name": "税收优惠" }\n      ]\n    },\n    { "name": "目标" }\n  ]\n}\n';
  const book = parseCodebook(json);

  it('edit distance by code points; closest labels: same leaf first, then near leaves, siblings first', () => {
    assert.equal(editDistance('𠀀ab', 'ab'), 1);
    assert.equal(editDistance('财政补助', '财政补贴'), 1);
    assert.deepEqual(closestLabels(book, '政策工具/财政补助'), ['政策工具/财政补贴']);
    assert.deepEqual(closestLabels(book, '财政补贴'), ['政策工具/财政补贴']);
    assert.deepEqual(closestLabels(book, '完全无关的标签'), []);
  });

  it('adds a child, a top-level label and a parent’s first children, keeping the formatting (and CRLF)', () => {
    const child = addLabelEdit(json, '政策工具/财政补助')!;
    const out = apply(json, child);
    assert.equal(out, json.replace('{ "name": "税收优惠" }\n', '{ "name": "税收优惠" },\n        { "name": "财政补助" }\n'));
    assert.ok(parseCodebook(out).labels.some((l) => l.name === '政策工具/财政补助'));
    const top = apply(json, addLabelEdit(json, '手段')!);
    assert.ok(top.includes('    { "name": "目标" },\n    { "name": "手段" }\n  ]'), top);
    const under = apply(json, addLabelEdit(json, '目标/短期')!);
    assert.ok(under.includes('{ "name": "目标", "children": [{ "name": "短期" }] }'), under);
    assert.ok(parseCodebook(under).labels.some((l) => l.name === '目标/短期'));
    const crlf = json.replace(/\n/g, '\r\n');
    const c = apply(crlf, addLabelEdit(crlf, '政策工具/𠀀新工具')!);
    assert.ok(!/[^\r]\n/.test(c), 'line ends stay CRLF');
    assert.ok(parseCodebook(c).labels.some((l) => l.name === '政策工具/𠀀新工具'));
    assert.equal(addLabelEdit(json, '政策工具/财政补贴'), undefined, 'already there');
    assert.equal(addLabelEdit('{ not json', 'x'), undefined);
  });

  it('a tag’s label changed as one undoable step', () => {
    const doc = new TagDocument('a.txt', '财政补助资金');
    const tag = doc.addTag(0, 4, '财政补助');
    assert.ok(doc.setLabel(tag.id, '政策工具/财政补贴'));
    assert.equal(doc.tags[0].label, '政策工具/财政补贴');
    assert.equal(doc.setLabel(tag.id, '政策工具/财政补贴'), false);
    doc.undo();
    assert.equal(doc.tags[0].label, '财政补助');
  });
});
