import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allHeadings, chineseNumeral, foldingSpans, headingMarker, parseStructure, type Heading } from '../../src/core/text/structure';

const REAL = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'real');
const real = (name: string) => fs.readFileSync(path.join(REAL, name), 'utf8');
const outline = (tree: readonly Heading[], depth = 0): string[] => tree.flatMap((h) => [`${'  '.repeat(depth)}${h.kind} ${h.name}`, ...outline(h.children, depth + 1)]);

describe('公文 structure (outline and folding)', () => {
  it('reads Chinese numerals', () => {
    assert.deepEqual(['一', '十', '十二', '二十', '二十三', '一百零五', '两'].map(chineseNumeral), [1, 10, 12, 20, 23, 105, 2]);
    assert.ok(Number.isNaN(chineseNumeral('二三')));
  });

  it('a State Council opinion: the title holds 一、 headings, which hold （一） headings, each to the next of its rank', () => {
    const text = real('central-employment-2018.txt');
    const tree = parseStructure(text);
    assert.equal(tree.length, 1);
    const [title] = tree;
    assert.equal(title.kind, 'title');
    assert.equal(title.name, '国务院关于做好当前和今后一个时期促进就业工作的若干意见');
    assert.deepEqual(title.children.map((h) => h.name), ['一、支持企业稳定发展', '二、鼓励支持就业创业', '三、积极实施培训', '四、及时开展下岗失业人员帮扶', '五、落实各方责任']);
    const lines = text.split('\n');
    const [first, second] = title.children;
    assert.equal(first.endLine, second.line - 1);
    assert.deepEqual(first.children.map((h) => [h.kind, h.number]), [['level2', 1], ['level2', 2]]);
    // the （一） heading is named up to its first sentence end, and its range is its text on the line
    assert.equal(first.children[0].name, '（一）加大稳岗支持力度');
    assert.equal(lines[first.children[0].line].slice(first.children[0].start, first.children[0].start + 3), '（一）');
    // the last heading runs to the last line with text
    const last = title.children[4];
    const lastText = lines.map((l) => l.trim()).reduce((at, l, i) => (l ? i : at), -1);
    assert.equal(last.endLine, lastText);
    assert.equal(title.endLine, lastText);
  });

  it('a regulation: 第X条 articles run through the text, with （一） items inside them', () => {
    const tree = parseStructure(real('local-regulation-henan-yuntaishan.txt'));
    const articles = [...allHeadings(tree)].filter((h) => h.kind === 'article');
    assert.equal(articles.length, 35);
    assert.deepEqual(articles.map((a) => a.number), Array.from({ length: 35 }, (_, i) => i + 1));
    const fifth = articles[4];
    assert.deepEqual(fifth.children.map((c) => c.number), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    assert.equal(fifth.endLine, articles[5].line - 1);
    // 第十六条 mentions 第十五条 inside its sentence: no heading there
    assert.ok(articles[15].name.startsWith('第十六条'));
  });

  it('chapters hold sections and articles; articles keep counting across chapters', () => {
    const text = ['某某条例', '第一章　总则', '第一条　为了规范管理，制定本条例。', '第二条　本条例适用于本市。', '第二章　管理', '第一节　一般规定', '第三条　依照第一条规定执行。', '第二节　特别规定', '第四条　其他。', '第三章　附则', '第五条　本条例自公布之日起施行。'].join('\r\n');
    assert.deepEqual(outline(parseStructure(text)), [
      'title 某某条例',
      '  chapter 第一章　总则',
      '    article 第一条　为了规范管理，制定本条例',
      '    article 第二条　本条例适用于本市',
      '  chapter 第二章　管理',
      '    section 第一节　一般规定',
      '      article 第三条　依照第一条规定执行',
      '    section 第二节　特别规定',
      '      article 第四条　其他',
      '  chapter 第三章　附则',
      '    article 第五条　本条例自公布之日起施行',
    ]);
    const chapter2 = parseStructure(text)[0].children[1];
    assert.deepEqual([chapter2.line, chapter2.endLine], [4, 8]);
  });

  it('four levels with half-width brackets, full-width digits, 1、 and CRLF; attachments close the body', () => {
    const text = ['关于某事的通知', '', '一、总体要求', '(一)基本原则', '１．坚持统筹。内容。', '(1)第一点', '(2)第二点', '2、坚持创新', '二、保障措施', '内容。', '', '附件：1.名单', '附件1', '名单标题', '一、成员', ''].join('\r\n');
    assert.deepEqual(outline(parseStructure(text)), [
      'title 关于某事的通知',
      '  level1 一、总体要求',
      '    level2 (一)基本原则',
      '      level3 １．坚持统筹',
      '        level4 (1)第一点',
      '        level4 (2)第二点',
      '      level3 2、坚持创新',
      '  level1 二、保障措施',
      '  attachment 附件：1.名单',
      '  attachment 附件1',
      '    level1 一、成员',
    ]);
    const tree = parseStructure(text);
    const second = tree[0].children[1];
    // to the last line with text before the attachment list (the blank line is left out)
    assert.deepEqual([second.line, second.endLine], [8, 9]);
    assert.deepEqual(foldingSpans(tree).map((s) => `${s.kind} ${s.start}-${s.end}`), ['level1 2-7', 'level2 3-7', 'level3 4-6', 'level1 8-9', 'attachment 12-14']);
  });

  it('counter-examples: numbers inside sentences, quantities and lists are no headings', () => {
    for (const line of ['1.75万名高校毕业生实现就业。', '3、5年内完成。', '一、二季度经济增长较快。', '50%的资金用于补贴。', '2019年1月1日起施行。', '第十条规定的情形除外。', '第一条的规定适用于本款。']) {
      assert.equal(headingMarker(line), undefined, line);
    }
    assert.deepEqual(headingMarker('一、2017年工作回顾'), { kind: 'level1', number: 1 });
    assert.deepEqual(headingMarker('（三）十四周岁以上的未成年人'), { kind: 'level2', number: 3 });
    // a number out of its run is no heading: 8. after 1. is a line of the text
    const text = ['标题', '一、任务', '1.第一项', '8.这是一个以数字开头的句子', '2.第二项'].join('\n');
    const level1 = parseStructure(text)[0].children[0];
    assert.deepEqual(level1.children.map((h) => h.name), ['1.第一项', '2.第二项']);
    // a first line that is a sentence or a heading is no title
    assert.equal(parseStructure('各区人民政府：\n一、要求')[0].kind, 'level1');
    assert.deepEqual(parseStructure(''), []);
  });

  it('Markdown heading marks before a 公文 heading are passed over', () => {
    const tree = parseStructure('# 2024年政府工作报告\n\n## 一、工作回顾\n内容。\n## 二、总体要求\n');
    assert.deepEqual(outline(tree), ['title 2024年政府工作报告', '  level1 一、工作回顾', '  level1 二、总体要求']);
    assert.equal(tree[0].children[0].start, 3);
  });

  it('every real document: headings nest by rank, spans stay inside their parent and do not overlap', () => {
    const RANK = ['title', 'attachment', 'chapter', 'section', 'article', 'level1', 'level2', 'level3', 'level4'];
    let headings = 0;
    for (const name of fs.readdirSync(REAL).filter((n) => n.endsWith('.txt'))) {
      const text = real(name);
      const lineCount = text.split(/\r\n|\r|\n/).length;
      const check = (list: readonly Heading[], parent: Heading | undefined) => {
        for (let i = 0; i < list.length; i++) {
          const h = list[i];
          headings++;
          assert.ok(h.line <= h.endLine && h.endLine < lineCount, `${name}: ${h.name}`);
          if (parent) {
            assert.ok(RANK.indexOf(h.kind) > RANK.indexOf(parent.kind), `${name}: ${h.name} under ${parent.name}`);
            assert.ok(h.line > parent.line && h.endLine <= parent.endLine, `${name}: ${h.name} inside ${parent.name}`);
          }
          if (i > 0) assert.ok(h.line > list[i - 1].endLine, `${name}: ${h.name} after ${list[i - 1].name}`);
          check(h.children, h);
        }
      };
      check(parseStructure(text), undefined);
    }
    assert.ok(headings > 250, `${headings} headings`);
  });
});
