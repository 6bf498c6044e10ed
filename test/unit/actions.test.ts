import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { extractActions } from '../../src/core/actions';
import { Engine } from '../../src/core/engine/engine';
import { OffsetMap } from '../../src/core/text/offsets';
import type { Action, Token } from '../../src/core/types';

const fixtures = path.join(__dirname, '../../../test/fixtures');

let engine: Engine | undefined;
function getEngine(): Engine {
  engine ??= new Engine();
  return engine;
}

/** A stable tokenize function (the extractor caches paragraphs per function). */
const tokenize = (s: string): Token[] => getEngine().tokenize(s);

/** Runs the real pipeline: annotator entities, then the extractor; checks every span. */
function actionsOf(text: string, tok: (s: string) => Token[] = tokenize): Action[] {
  const entities = getEngine().annotate(text);
  const actions = extractActions(text, entities, tok);
  for (const a of actions) {
    assert.equal(text.slice(a.start, a.end), a.verb, `verb span of ${JSON.stringify(a)}`);
    assert.equal(text.slice(a.objectStart, a.objectEnd), a.object, `object span of ${JSON.stringify(a)}`);
    const m = entities[a.mention];
    assert.equal(m.type, 'department', `mention of ${JSON.stringify(a)}`);
    assert.equal(m.canonical ?? m.text, a.department);
  }
  return actions;
}

/** `department verb` pairs, in text order. */
function pairs(text: string): string[] {
  return actionsOf(text).map((a) => `${a.department} ${a.verb}`);
}

function has(text: string, department: string, verb: string): Action {
  const actions = actionsOf(text);
  const hit = actions.find((a) => a.department === department && a.verb.includes(verb));
  assert.ok(hit, `${department} ${verb} in ${text}: got ${JSON.stringify(actions.map((a) => `${a.department} ${a.verb}`))}`);
  return hit;
}

function hasNot(text: string, verb: string): void {
  const actions = actionsOf(text);
  assert.ok(!actions.some((a) => a.verb.includes(verb)), `no ${verb} in ${text}: got ${JSON.stringify(actions.map((a) => `${a.department} ${a.verb}`))}`);
}

interface GoldAction {
  department: string;
  start: number;
  end: number;
}

/** The shared scorer's figures: recall and supported precision over (department, overlapping verb span). */
function score(gold: GoldAction[], predicted: GoldAction[]): { recall: number; precision: number } {
  const overlaps = (a: GoldAction, b: GoldAction) => a.start < b.end && b.start < a.end;
  const found = gold.filter((g) => predicted.some((p) => p.department === g.department && overlaps(g, p))).length;
  const supported = predicted.filter((p) => gold.some((g) => p.department === g.department && overlaps(g, p))).length;
  return {
    recall: gold.length ? found / gold.length : 1,
    precision: predicted.length ? supported / predicted.length : 1,
  };
}

describe('actions', () => {
  it('attributes a verb and its object to the department', () => {
    const a = has('科技部推广“揭榜挂帅”“赛马制”等新机制。', '科学技术部', '推广');
    assert.equal(a.verb, '推广');
    assert.equal(a.object, '“揭榜挂帅”“赛马制”等新机制');
  });

  it('includes the quantity in the object and skips adverbs before the verb', () => {
    const a = has('国家卫健委扎实创建992个全国首批示范性老年友好型社区。', '国家卫生健康委员会', '创建');
    assert.equal(a.object, '992个全国首批示范性老年友好型社区');
  });

  it('keeps a department the subject of the following clauses and sentences', () => {
    assert.deepEqual(pairs('国家医疗保障局制定政策指南，探索“技耗分离”定价。持续调控核酸检测价格。'), [
      '国家医疗保障局 制定',
      '国家医疗保障局 探索',
      '国家医疗保障局 调控',
    ]);
  });

  it('ends the carry-over at the paragraph end and at another subject', () => {
    assert.deepEqual(pairs('公安部强化指挥调度。\n加大警力投入。'), ['公安部 强化']);
    assert.deepEqual(pairs('公安部强化指挥调度。　　加大警力投入。'), ['公安部 强化']);
    hasNot('公安部强化指挥调度，组织抢险救灾工作。中国石油全力做好天然气保供工作。', '做好');
    // A department mentioned in an object is no subject.
    const actions = actionsOf('公安部强化指挥调度。相关地方公安机关投入警力69.2万人次。');
    assert.deepEqual(actions.map((a) => a.verb), ['强化']);
  });

  it('lets a plain noun subject hold only for its own sentence', () => {
    const text = '科技部加强疫情防控科研攻关，14款疫苗进入Ⅲ期临床试验。实施科技特派员制度。';
    has(text, '科学技术部', '加强');
    has(text, '科学技术部', '实施');
    hasNot(text, '进入');
  });

  it('makes a heading govern the paragraphs below it until the next heading', () => {
    const text = '科技部：\n为实现科技自立自强贡献力量\n加快科技体制改革，优化科研管理方式。\n生态环境部：\n奋力推进美丽中国建设';
    assert.deepEqual(pairs(text), [
      '科学技术部 贡献',
      '科学技术部 加快',
      '科学技术部 优化',
      '生态环境部 推进',
    ]);
    const heading = actionsOf(text)[0];
    assert.equal(heading.object, '力量');
  });

  it('reads paragraphs separated by U+3000 inside one line', () => {
    const text = '开局。　　海关总署：　　为推进高质量发展贡献海关力量　　严厉打击走私犯罪，查办案件3000起。';
    assert.deepEqual(pairs(text), ['海关总署 贡献', '海关总署 打击', '海关总署 查办']);
  });

  it('lets a paragraph with its own subject override the heading', () => {
    const text = '海关总署：　　全国海关系统扎实开展党史学习教育，深入推进实践活动。　　优化口岸营商环境。';
    assert.deepEqual(pairs(text), ['海关总署 优化']);
  });

  it('gives one action per department for coordinated subjects', () => {
    const actions = actionsOf('生态环境部、最高人民检察院、公安部决定联合开展打击危险废物环境违法犯罪专项行动。');
    const departments = actions.filter((a) => a.verb.includes('决定')).map((a) => a.department).sort();
    assert.deepEqual(departments, ['公安部', '最高人民检察院', '生态环境部']);
    const verbs = new Set(actions.map((a) => a.start));
    assert.equal(verbs.size, 1, 'the same verb for each department');
  });

  it('reads both the means in a 通过 phrase and the main verb', () => {
    const text = '科技部党组通过召开党组会、专题学习会，邀请专家作辅导报告，认真学习贯彻全会精神。';
    const a = has(text, '科学技术部', '召开');
    assert.equal(a.object, '党组会、专题学习会');
    has(text, '科学技术部', '邀请');
    has(text, '科学技术部', '学习贯彻');
    has('截至11月底，生态环境部通过“全国生态环境信访投诉举报管理平台”归集问题401194件。', '生态环境部', '归集');
  });

  it('finds the verb of a 把/将 construction and its object', () => {
    let a = has('科技部把党中央对科技创新的决策部署落实到位。', '科学技术部', '落实');
    assert.equal(a.object, '党中央对科技创新的决策部署');
    a = has('国家卫健委把疫情防控作为首要惠民实事。', '国家卫生健康委员会', '作为');
    assert.equal(a.object, '疫情防控');
    a = has('国家中医药管理局将改善群众就医体验作为“方便看中医”工作的切入点。', '国家中医药管理局', '作为');
    assert.equal(a.object, '改善群众就医体验');
    a = has('民政部将困难群众纳入低保范围。', '民政部', '纳入');
    assert.equal(a.object, '困难群众');
    // 将 as a future marker.
    a = has('人力资源社会保障部将加快推进职业技能提升行动。', '人力资源和社会保障部', '推进');
    assert.equal(a.object, '职业技能提升行动');
    // The object of 将 waits for its verb in the next clause.
    a = has('国家医疗保障局将核酸检测价格从每人400元，全部降至每人80元以下。', '国家医疗保障局', '降至');
    assert.equal(a.object, '核酸检测价格');
  });

  it('reads past prepositional phrases to the predicate', () => {
    has('生态环境部以更高标准打好蓝天、碧水、净土保卫战。', '生态环境部', '打好');
    has('科技部党组对部系统学习宣传贯彻全会精神作出统筹部署。', '科学技术部', '作出');
    has('国家卫健委会同有关部门完善健康码管理和服务工作。', '国家卫生健康委员会', '完善');
    hasNot('在国家卫健委指导下，各地开展了爱国卫生运动。', '指导');
  });

  it('splits 、-coordinated verb phrases but not object lists', () => {
    assert.deepEqual(
      actionsOf('科技部切实用全会精神统一思想、凝聚共识、坚定信心、增强斗志。').map((a) => a.verb),
      ['统一', '凝聚', '坚定', '增强'],
    );
    const list = actionsOf('生态环境部统筹污染治理、生态保护、应对气候变化。');
    assert.deepEqual(list.map((a) => a.verb), ['统筹']);
    assert.equal(list[0].object, '污染治理、生态保护、应对气候变化');
  });

  it('gives a clause-taking verb the whole clause as object', () => {
    const a = has('生态环境部指导各级生态环境部门全面提高生态环境执法效能。', '生态环境部', '指导');
    assert.equal(a.object, '各级生态环境部门全面提高生态环境执法效能');
    assert.equal(actionsOf('生态环境部指导各级生态环境部门全面提高生态环境执法效能。').length, 1);
  });

  it('splits verbs joined by 并', () => {
    const text = '生态环境部归集问题401194件，已受理并办结277234件。';
    has(text, '生态环境部', '受理');
    has(text, '生态环境部', '办结');
  });

  it('does not take a department that modifies a noun as the subject', () => {
    hasNot('海关总署党委理论学习中心组专题学习班举行。会议强调，要推动工作。', '推动');
    hasNot('水利部部长李国英表示，将加快推进重大水利工程建设。', '推进');
  });

  it('still finds actions in text without punctuation', () => {
    const text = '生态环境部党组深入推进我为群众办实事实践活动确定重点民生项目';
    has(text, '生态环境部', '推进');
  });

  it('keeps UTF-16 offsets past astral characters', () => {
    const text = '𠮷𠮷。科技部推广新机制。';
    const a = has(text, '科学技术部', '推广');
    assert.equal(a.start, text.indexOf('推广'));
  });

  it('tokenizes paragraph by paragraph, never the whole text', () => {
    const seen: string[] = [];
    const recording = (s: string): Token[] => {
      seen.push(s);
      return getEngine().tokenize(s);
    };
    const text = '今天天气很好。\n科技部：　　加快科技体制改革。　　优化科研管理方式。\n生态环境部推进美丽中国建设。';
    const actions = actionsOf(text, recording);
    assert.equal(actions.length, 3);
    assert.ok(seen.length >= 3);
    for (const s of seen) assert.ok(!s.includes('\n') && !s.includes('\u3000\u3000'), `one paragraph per call: ${s}`);
    assert.ok(!seen.some((s) => s.includes('天气')), 'a paragraph without a department or heading is not tokenized');
  });

  it('returns nothing without departments', () => {
    assert.deepEqual(actionsOf(''), []);
    assert.deepEqual(actionsOf('各地区各部门各单位深入推进“我为群众办实事”实践活动。'), []);
  });

  for (const name of ['ministries', 'localities']) {
    it(`reaches the dev-set floors on ${name}.txt`, () => {
      const text = fs.readFileSync(path.join(fixtures, `${name}.txt`), 'utf8');
      const gold = JSON.parse(fs.readFileSync(path.join(fixtures, 'gold', `${name}.json`), 'utf8')) as { actions: GoldAction[] };
      const map = new OffsetMap(text);
      const predicted = actionsOf(text).map((a) => ({
        department: a.department,
        start: map.toCodePoint(a.start),
        end: map.toCodePoint(a.end),
      }));
      const { recall, precision } = score(gold.actions, predicted);
      // Measured: ministries 0.948 / 1.000, localities 1.000 / 1.000 (97 and 36 gold actions).
      // The five ministries misses are clauses after 要求广大党员干部…, which the extractor
      // reads as what the addressees are to do (as the gold does after 引导 and 组织).
      assert.ok(recall >= 0.9, `${name}: recall ${recall.toFixed(3)}`);
      assert.ok(precision >= 0.85, `${name}: supported precision ${precision.toFixed(3)}`);
    });
  }

  it('reaches the held-out floors on hand-annotated news paragraphs', () => {
    // 36 People's Daily / Xinhua style paragraphs written for this check, not the dev texts
    // (see the fixture's note). Measured: recall 0.878, supported precision 0.994 over 188
    // gold actions; recall is 0.971 on the 170 whose department the annotator recognises.
    const fixture = JSON.parse(fs.readFileSync(path.join(fixtures, 'actions', 'heldout.json'), 'utf8')) as {
      documents: Array<{ set: string; text: string; actions: GoldAction[] }>;
    };
    const gold: GoldAction[] = [];
    const predicted: GoldAction[] = [];
    fixture.documents.forEach((doc, n) => {
      const map = new OffsetMap(doc.text);
      // Offsets are made unique per document so that one score covers them all.
      const shift = n * 100_000;
      for (const g of doc.actions) gold.push({ department: g.department, start: g.start + shift, end: g.end + shift });
      for (const a of actionsOf(doc.text)) {
        predicted.push({ department: a.department, start: map.toCodePoint(a.start) + shift, end: map.toCodePoint(a.end) + shift });
      }
    });
    const { recall, precision } = score(gold, predicted);
    assert.ok(recall >= 0.8, `held-out recall ${recall.toFixed(3)}`);
    assert.ok(precision >= 0.9, `held-out supported precision ${precision.toFixed(3)}`);
  });

  it('leaves to the addressee the clauses after a directive', () => {
    const text = '民政部、财政部印发通知，要求各地围绕重点任务，加快推进项目建设，严格把好入库关。民政部将加强调度。';
    assert.deepEqual(pairs(text), ['民政部 印发', '财政部 印发', '民政部 要求', '财政部 要求', '民政部 加强']);
    // A stated rule whose object opens with a preposition runs on past the comma.
    hasNot('财政部发布公告，明确对个体工商户年应纳税所得额不超过200万元的部分，减半征收个人所得税。', '征收');
  });

  it('takes a nominal before a reporting verb as the subject of what follows', () => {
    hasNot('农业农村部印发通知。通知明确，各地要抓好秋粮生产。', '抓好');
    hasNot('三亚市委梳理问题1200余条。三亚市委主要负责同志表示，将持续优化营商环境。', '优化');
    hasNot('三亚市委梳理问题1200余条。三亚市委主要负责同志表示，将持续优化营商环境。', '负责');
    has('国家卫生健康委召开新闻发布会，会上强调，要做好防治工作。', '国家卫生健康委员会', '强调');
  });

  it('reads a short form of an organ named before as that organ', () => {
    const text = '浙江省委组织部近日出台若干措施。下一步，省委组织部将加大年轻干部培养选拔力度。';
    const a = has(text, '中共浙江省委组织部', '加大');
    // 省委组织部 is a department of its own, named in full from the document's place (浙江省, its title line)
    assert.equal(a.mention, 1);
    // Another organ named by its level is the subject of its own clause (成都市, from the line's own place).
    const other = actionsOf('成都市住房和城乡建设局启动改造项目321个。市规划和自然资源局制定技术导则。');
    assert.deepEqual(other.filter((x) => x.verb === '制定').map((x) => x.department), ['成都市规划和自然资源局']);
  });

  it('reads 联合 before a verb as a manner and before an organ as a preposition', () => {
    assert.deepEqual(pairs('人力资源社会保障部、教育部近日联合部署开展就业服务行动。'), ['人力资源和社会保障部 部署', '教育部 部署']);
    const actions = actionsOf('成都市住房和城乡建设局联合市规划和自然资源局制定改造技术导则。');
    assert.equal(actions.length, 1);
    assert.ok(actions[0].verb.startsWith('制定'), actions[0].verb);
  });

  it('splits the means listed after 通过 … 等方式', () => {
    const text = '人力资源社会保障部通过举办专场招聘会、发布岗位信息、开展就业指导等方式，帮助毕业生就业。';
    assert.deepEqual(actionsOf(text).map((a) => a.verb), ['举办', '发布', '开展', '帮助']);
  });

  it('reads past a localizer phrase and skips negated verbs', () => {
    has('浙江省委组织部从选拔任用、考核评价等方面提出18条具体举措。', '中共浙江省委组织部', '提出');
    hasNot('浙江省委组织部从选拔任用、考核评价等方面提出18条具体举措。', '任用');
    hasNot('教育部不再设立专修科。', '设立');
  });

  it('reads 把好 as a verb, 将 + adverb as the future and split frame words', () => {
    has('海关总署严格把好国门安全关。', '海关总署', '把好');
    const a = has('商务部将继续扩大高水平对外开放。', '商务部', '扩大');
    assert.equal(a.object, '高水平对外开放');
    has('成都市委、市政府高度重视，第一时间成立工作专班。', '中国共产党成都市委员会', '成立');
  });

  it('gives no action for outcomes and copulas', () => {
    hasNot('成都市住房和城乡建设局启动改造项目321个，惠及居民8.6万户。', '惠及');
    hasNot('这是党中央总揽全局的结果，向关心和支持中国现代化建设的各国朋友表示感谢。', '支持');
  });

  it('finds actions in the degraded text', () => {
    const text = fs.readFileSync(path.join(fixtures, 'degraded.txt'), 'utf8');
    assert.ok(actionsOf(text).length > 0);
  });
  describe('organs speaking of themselves, addressees, serial verbs', () => {
    it('reads 我部 in an attachment as the organ the attachment list names as its author, not the addressee', () => {
      const text = [
        '国务院办公厅关于某县地质灾害险情有关问题的复函',
        '国办函〔2004〕80号',
        '湖北省人民政府：',
        '你省的请示收悉。可另向财政部专题报告。',
        '附件：1.国土资源部关于某县地质险情调研情况的报告',
        '国务院办公厅',
        '附件1',
        '关于某县地质险情调研情况的报告',
        '国务院：',
        '我部于2004年4月13日，组织了专家组，对险情进行了现场调查，听取了有关单位的汇报。',
      ].join('\n');
      assert.deepEqual(pairs(text).filter((p) => !p.startsWith('中华人民共和国财政部')), ['国土资源部 组织', '国土资源部 进行', '国土资源部 听取']);
    });

    it('takes 本院 for the issuer named on the first line', () => {
      assert.deepEqual(pairs('某市人民检察院工作报告\n本院全年共批准逮捕犯罪嫌疑人。'), []); // no department on the first line to stand for
      const text = '武汉市人民检察院关于2023年工作情况的报告\n本院全年办理各类案件，加强法律监督。';
      assert.ok(pairs(text).includes('武汉市人民检察院 加强'), pairs(text).join('; '));
    });

    it('keeps the subject after an object with a relative clause (组织了以…为组长的专家组，对…进行了调查)', () => {
      assert.deepEqual(pairs('国土资源部组织了以院士为组长的专家组，对情况进行了现场调查，听取了汇报。'), ['国土资源部 组织', '国土资源部 进行', '国土资源部 听取']);
    });

    it('reads a number of times between subject and verb as an adverbial (国土资源部两次组成专家组)', () => {
      assert.deepEqual(pairs('国土资源部两次组成专家组。'), ['国土资源部 组成']);
    });

    it('takes 委托 and 指出 as actions of their subject', () => {
      assert.deepEqual(pairs('巴东县人民政府委托专家进行调查。'), ['巴东县人民政府 委托']);
      assert.ok(pairs('中央纪委国家监委指出，上述案例都是严重违纪问题。').includes('中国共产党中央纪律检查委员会 指出'));
    });
  });
});
