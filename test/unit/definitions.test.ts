import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { citedTitles, documentTitles, documentsTitled, normaliseTitle, shortNameDefinitions } from '../../src/core/text/definitions';

const REAL = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'real');

describe('definitions: short names and cited titles', () => {
  it('finds each short name at its bracket, in the three spellings', () => {
    const text = '山西省杏儿沟煤业有限责任公司（以下简称杏煤公司）负责。中国地质大学（武汉）（简称“地大”）参与。国务院（国发〔2004〕20号，以下简称《意见》）。杏煤公司、地大再次出现。';
    const defs = shortNameDefinitions(text);
    assert.deepEqual(defs.map((d) => d.short), ['杏煤公司', '地大', '意见']);
    for (const d of defs) assert.equal(text.slice(d.start, d.end), d.short);
    // each is the one inside its bracket, not a later mention
    assert.ok(defs[0].start < text.indexOf('负责'));
    assert.equal(text.slice(defs[1].start - 1, defs[1].end + 1), '“地大”');
    assert.equal(text.slice(defs[2].start - 1, defs[2].end + 1), '《意见》');
  });

  it('a real press Q&A defines 《考核规定》 at its first bracket', () => {
    const text = fs.readFileSync(path.join(REAL, 'central-press-qa-mohrss-2023.txt'), 'utf8');
    const defs = shortNameDefinitions(text);
    const d = defs.find((x) => x.short === '考核规定');
    assert.ok(d, defs.map((x) => x.short).join(' '));
    assert.equal(text.slice(d.start - 5, d.end + 2), '以下简称《考核规定》）');
    assert.equal(text.indexOf('以下简称《考核规定》'), d.start - 5);
    assert.deepEqual(shortNameDefinitions('没有简称的文本。简称不在括号里。'), []);
  });

  it('lists cited titles with their spans (a nested 〈〉 stays inside)', () => {
    const text = '根据《中华人民共和国预算法》和《关于印发〈实施方案〉的通知》，';
    const cited = citedTitles(text);
    assert.deepEqual(cited.map((c) => c.title), ['中华人民共和国预算法', '关于印发〈实施方案〉的通知']);
    for (const c of cited) assert.equal(text.slice(c.start, c.end), c.title);
  });

  it('a document answers to its first line, a 《title》 in it and its file name', () => {
    assert.deepEqual(documentTitles('\r\n  关于印发《吴泾镇工作方案》的通知\r\n正文。', '/w/docs/wujing.txt'), ['关于印发吴泾镇工作方案的通知', '吴泾镇工作方案', 'wujing']);
    assert.deepEqual(documentTitles('# 政府工作报告\n', 'report.md'), ['政府工作报告', 'report']);
    assert.equal(normaliseTitle('关于 印发(试行)〈X〉'), '关于印发（试行）X');
    const docs: Array<[string, string[]]> = [
      ['a', documentTitles('河南省云台山景区保护条例\n第一条', 'a.txt')],
      ['b', documentTitles('其他文件\n', 'b.txt')],
    ];
    assert.deepEqual(documentsTitled('河南省云台山景区保护条例', docs), ['a']);
    assert.deepEqual(documentsTitled('其他 文件', docs), ['b']);
    assert.deepEqual(documentsTitled('云台山', docs), []);
  });
});
