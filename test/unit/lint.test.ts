import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { documentNumbers, lintText, unbalancedBrackets } from '../../src/core/text/lint';

const REAL = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'real');
const realTexts = () => fs.readdirSync(REAL).filter((f) => f.endsWith('.txt')).map((f) => [f, fs.readFileSync(path.join(REAL, f), 'utf8')] as const);
const apply = (text: string, fix: { start: number; end: number; text: string }) => text.slice(0, fix.start) + fix.text + text.slice(fix.end);

describe('lint: unbalanced brackets and 发文字号', () => {
  it('a 《 left open is found, and fixed before the line\'s final punctuation', () => {
    const text = '根据《中华人民共和国安全生产法，制定本办法。\n第二行（完整）。';
    const found = unbalancedBrackets(text);
    assert.equal(found.length, 1);
    assert.equal(found[0].found, '《');
    assert.equal(found[0].expected, '》');
    assert.equal(found[0].start, 2);
    assert.equal(apply(text, found[0].fix!), '根据《中华人民共和国安全生产法，制定本办法》。\n第二行（完整）。');
  });

  it('a stray closer, a quote left open and nested brackets are each told apart, per line', () => {
    assert.deepEqual(unbalancedBrackets('见附件）。').map((f) => [f.found, f.expected, f.start]), [['）', '（', 3]]);
    assert.deepEqual(unbalancedBrackets('他说“要抓落实\n下一行”').map((f) => [f.found, f.expected]), [['“', '”'], ['”', '“']]);
    // 《…（…》: the inner （ is the one left open
    assert.deepEqual(unbalancedBrackets('《办法（试行》').map((f) => [f.found, f.start]), [['（', 3]]);
    assert.deepEqual(unbalancedBrackets('《办法（试行）》和“三农”（见下）'), []);
    // two openers left open: no obvious fix
    const two = unbalancedBrackets('《办法（试行');
    assert.equal(two.length, 2);
    assert.ok(two.every((f) => f.fix === undefined));
  });

  it('CRLF lines are checked without their \\r', () => {
    const f = unbalancedBrackets('《办法\r\n好。')[0];
    assert.deepEqual(f.fix, { start: 3, end: 3, text: '》' });
  });

  it('发文字号 with other brackets or without 号 are normalised to 〔YYYY〕N号', () => {
    const text = '国发[2019]3号、国办发(2020)12号、苏政发［2018］7号、财预〔2021〕5、鲁政字【2017】88号';
    const found = documentNumbers(text);
    assert.deepEqual(found.map((f) => [f.found, f.expected]), [
      ['[2019]3号', '〔2019〕3号'], ['(2020)12号', '〔2020〕12号'], ['［2018］7号', '〔2018〕7号'], ['〔2021〕5', '〔2021〕5号'], ['【2017】88号', '〔2017〕88号'],
    ]);
    let fixed = text;
    for (const f of [...found].reverse()) fixed = apply(fixed, f.fix!);
    assert.equal(fixed, '国发〔2019〕3号、国办发〔2020〕12号、苏政发〔2018〕7号、财预〔2021〕5号、鲁政字〔2017〕88号');
  });

  it('well-formed numbers and look-alikes are left alone', () => {
    assert.deepEqual(documentNumbers('国发〔2019〕3号，规划（2019—2025年），目录（2019年版），（2020）3条'), []);
    assert.deepEqual(documentNumbers('共（2019）'), []);
  });

  it('lintText runs only the checks switched on', () => {
    const text = '国发[2019]3号《办法';
    assert.deepEqual(lintText(text, {}).length, 0);
    assert.deepEqual(lintText(text, { documentNumber: true }).map((f) => f.kind), ['documentNumber']);
    assert.deepEqual(lintText(text, { unbalanced: true, documentNumber: true }).map((f) => f.kind), ['documentNumber', 'unbalanced']);
  });

  it('false alarms on the real documents are counted: only the two slips of one document, none on well-formed ones', () => {
    let lines = 0;
    const report: string[] = [];
    for (const [name, text] of realTexts()) {
      lines += text.split('\n').length;
      for (const f of lintText(text, { unbalanced: true, documentNumber: true })) {
        const ls = text.lastIndexOf('\n', f.start) + 1;
        report.push(`${name}: ${f.kind} ${f.found} in ${text.slice(ls, ls + 60).split('\n')[0]}`);
      }
    }
    console.log(`      lint on ${realTexts().length} real documents, ${lines} lines: ${report.length} findings`);
    for (const r of report) console.log(`        ${r}`);
    // both are real slips of that document (a 发文字号 in [ ], a （ closed by an ASCII ")"): no false alarm
    assert.deepEqual(report, [
      'local-personnel-linan-credit-group.txt: documentNumber [2013]89号 in 临政办函[2013]89号',
      'local-personnel-linan-credit-group.txt: unbalanced （ in 张发平（市统计局)',
    ]);
  });
});
