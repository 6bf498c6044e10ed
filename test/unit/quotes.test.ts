import assert from 'node:assert/strict';
import { loadGold, spanF1 } from './goldFixtures';
import { recogniseDocuments, recogniseTerms, recogniseQuoted, isQuotedSpeech, quotedSpans } from '../../src/core/recognise/quotes';

const docs = (t: string) => recogniseDocuments(t).map((e) => e.text);
const terms = (t: string) => recogniseTerms(t).map((e) => e.text);

describe('quotes', () => {
  it('marks 《titles》 with their brackets', () => {
    const t = '审议通过《中共中央关于党的百年奋斗重大成就和历史经验的决议》，鲜明提出';
    const es = recogniseDocuments(t);
    assert.equal(es.length, 1);
    assert.equal(es[0].type, 'document');
    assert.equal(es[0].text, '《中共中央关于党的百年奋斗重大成就和历史经验的决议》');
    assert.equal(t.slice(es[0].start, es[0].end), es[0].text);
  });

  it('keeps nested 〈〉 and 《》 inside one document', () => {
    assert.deepEqual(docs('通过《关于修改〈中华人民共和国法官法〉的决定》。'), ['《关于修改〈中华人民共和国法官法〉的决定》']);
    assert.deepEqual(docs('学习《论《实践论》的意义》一文'), ['《论《实践论》的意义》']);
    assert.deepEqual(docs('《巴黎协定》和《数字经济伙伴关系协定》'), ['《巴黎协定》', '《数字经济伙伴关系协定》']);
  });

  it('never lets an unbalanced 《 swallow the text or cross a line break', () => {
    assert.deepEqual(docs('《未闭合的标题\n下一行《完整》结束'), ['《完整》']);
    assert.deepEqual(docs('只有《开头没有结尾，后面还有很多文字'), []);
    assert.deepEqual(docs('《A《B》'), ['《B》']);
    assert.deepEqual(docs('《》空'), []);
  });

  it('marks “slogans” and 「slogans」 with their quotes', () => {
    assert.deepEqual(terms('深入推进“我为群众办实事”实践活动'), ['“我为群众办实事”']);
    assert.deepEqual(terms('推行「跨省通办」'), ['「跨省通办」']);
    assert.deepEqual(terms('推广“揭榜挂帅”“赛马制”“业主制”等新机制'), ['“揭榜挂帅”', '“赛马制”', '“业主制”']);
    assert.deepEqual(terms('“12360”海关服务热线'), ['“12360”']);
    assert.deepEqual(terms('严格实施“7个100%”措施'), ['“7个100%”']);
  });

  it('keeps long slogans that use only 、 and short ones with a comma', () => {
    const s = '“面向世界科技前沿、面向经济主战场、面向国家重大需求、面向人民生命健康”';
    assert.deepEqual(terms(`坚持${s}的战略方向`), [s]);
    assert.deepEqual(terms('坚持“房子是用来住的，不是用来炒的”定位'), ['“房子是用来住的，不是用来炒的”']);
  });

  it('does not mark quoted speech, nor ‘…’ inside it', () => {
    assert.deepEqual(terms('“他们冒着风雪，给我们送来了平价煤，真是‘雪中送炭’！”家住内蒙古'), []);
    assert.deepEqual(terms('“紧盯小细节，解决大问题！”最近生活上的变化'), []);
    assert.deepEqual(terms('“电压十分稳定！进入供暖季以来，中央空调24小时运行，没有跳闸或停电。”11月26日'), []);
    assert.equal(isQuotedSpeech('我为群众办实事'), false);
    assert.equal(isQuotedSpeech('时间紧、任务重，党员得带头上！'), true);
    assert.equal(isQuotedSpeech('部党组带头学、基层党组织示范学、青年小组踊跃学'), false);
    assert.equal(isQuotedSpeech('要坚持以人民为中心的发展思想，把人民对美好生活的向往作为奋斗目标'), true);
  });

  it('never lets an unbalanced “ swallow the text or cross a line break', () => {
    assert.deepEqual(terms('他说“没有结束\n然后“四个意识”'), ['“四个意识”']);
    assert.deepEqual(terms('“A“四个自信”'), ['“四个自信”']);
    assert.deepEqual(terms('开头“没有结尾，后面还有很多很多文字'), []);
    assert.deepEqual(terms('段落“一\n二”'), []);
  });

  it('is flat: no term inside a title, no title inside a term', () => {
    const t1 = '《关于制定“十四五”规划的建议》';
    assert.deepEqual(docs(t1), [t1]);
    assert.deepEqual(terms(t1), []);
    const t2 = '开展“学习《决议》精神”活动';
    assert.deepEqual(terms(t2), ['“学习《决议》精神”']);
    assert.deepEqual(docs(t2), []);
    // a title inside quoted speech is still a document
    assert.deepEqual(docs('“我们学习了《决议》，很受教育！”'), ['《决议》']);
  });

  it('recogniseQuoted returns both, sorted, and quotedSpans their spans', () => {
    const t = '落实《纲要》，推进“双随机、一公开”和《条例》';
    assert.deepEqual(recogniseQuoted(t).map((e) => [e.type, e.text]), [
      ['document', '《纲要》'], ['term', '“双随机、一公开”'], ['document', '《条例》'],
    ]);
    assert.deepEqual(quotedSpans(t), recogniseQuoted(t).map((e) => [e.start, e.end]));
  });

  it('uses UTF-16 offsets past U+FFFF', () => {
    const t = '𠮷“四个意识”';
    const [e] = recogniseTerms(t);
    assert.equal(e.start, 2);
    assert.equal(e.end, 8);
  });
});

describe('quotes vs gold', () => {
  for (const name of ['ministries', 'localities']) {
    it(`${name}: document and term exact-span F1 ≥ 0.97`, () => {
      const d = loadGold(name, 'document');
      const t = loadGold(name, 'term');
      const fd = spanF1(recogniseDocuments(d.text), d.gold);
      const ft = spanF1(recogniseTerms(t.text), t.gold);
      assert.ok(fd >= 0.97, `${name} document F1 ${fd.toFixed(3)}`);
      assert.ok(ft >= 0.97, `${name} term F1 ${ft.toFixed(3)}`);
    });
  }

  it('does not mark a quotation introduced by a verb of saying and a colon or comma (说：“…”, 指出：“…”)', () => {
    const terms = (t: string) => recogniseTerms(t).map((e) => e.text);
    assert.deepEqual(terms('他指出：“抓落实”。'), []);
    assert.deepEqual(terms('习近平强调：“人民至上”'), []);
    assert.deepEqual(terms('负责人表示，“稳中求进”'), []);
    assert.deepEqual(terms('他说：“好”'), []);
    // a slogan named after a verb of saying without a colon is still a term, and so is one elsewhere in the sentence
    assert.deepEqual(terms('会议强调“两个维护”，推进“跨省通办”。'), ['“两个维护”', '“跨省通办”']);
    assert.deepEqual(terms('提出：“我为群众办实事”'), ['“我为群众办实事”']);
  });
});
