// Local documents (the guide's "Local documents" section): organs named by
// level alone, the document's context that names them in full, bare units
// and stations of a town, lists of people, and the equivalence of the editor's
// per-line analysis with the CLI's whole-text one.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Engine } from '../../src/core/engine/engine';
import { DocumentModel } from '../../src/core/engine/documentModel';
import { lineSpans } from '../../src/core/text/lines';
import type { Entity } from '../../src/core/types';

const engine = new Engine();
const realDir = path.join(__dirname, '../../../test/fixtures/real');

/** The department and organization entities of a text as "text→canonical" (or the text alone). */
function organs(text: string): string[] {
  return engine
    .annotate(text)
    .filter((e) => e.type === 'department' || e.type === 'organization')
    .map((e) => (e.type === 'organization' ? `${e.text}(org)` : e.canonical && e.canonical !== e.text ? `${e.text}→${e.canonical}` : e.text));
}

function find(text: string, mention: string, type: Entity['type'] = 'department'): Entity | undefined {
  return engine.annotate(text).find((e) => e.text === mention && e.type === type);
}

describe('local documents: organs named by level', () => {
  it('finds level-only organs from the suffix table and its abbreviations; without a place their canonical is the mention', () => {
    assert.deepEqual(organs('市财政局、市委组织部负责，市法制办参与。'), ['市财政局', '市委组织部', '市法制办']);
  });

  it('does not take generic plurals or words that start with a level word for organs', () => {
    assert.deepEqual(organs('各区政府、市直各部门要抓好落实，全市各级党委、市县政府加强市场监管。'), []);
    assert.deepEqual(organs('城市政府要提高城市管理水平，县城建设加快。'), []);
  });

  it('names them in full from the place of the title block', () => {
    const text = '太仓市人民政府办公室关于印发实施方案的通知\n市财政局、市委组织部负责。市法院、市法制办参与。';
    assert.deepEqual(organs(text), ['太仓市人民政府办公室', '市财政局→太仓市财政局', '市委组织部→中共太仓市委组织部', '市法院→太仓市人民法院', '市法制办→太仓市人民政府法制办公室']);
  });

  it("names a prefecture city's court its intermediate court and dispatched units after their national organ", () => {
    const text = '湛江市人民政府工作报告\n市法院、市检察院、人行湛江市中心支行、市税务局、国家统计局湛江调查队';
    assert.equal(find(text, '市法院')?.canonical, '湛江市中级人民法院');
    assert.equal(find(text, '市检察院')?.canonical, '湛江市人民检察院');
    assert.deepEqual([find(text, '人行湛江市中心支行')?.canonical, find(text, '人行湛江市中心支行')?.parent], ['中国人民银行', '中国人民银行']);
    assert.equal(find(text, '市税务局')?.canonical, '国家税务总局湛江市税务局');
    assert.equal(find(text, '国家统计局湛江调查队')?.parent, '国家统计局');
  });

  it('keeps mass organisations organizations (团市委, 市工商联)', () => {
    assert.deepEqual(organs('团市委、市工商联、市妇联参加。'), ['团市委(org)', '市工商联(org)', '市妇联(org)']);
  });

  it("gives a district's organs the district with its city, and the city's to 市 (a district document)", () => {
    const text = '呼伦贝尔市海拉尔区人民政府关于印发的通知\n区委、区政府高度重视，区人大、政协和区委组织部参加。市委要求。';
    assert.equal(find(text, '区委')?.canonical, '中国共产党呼伦贝尔市海拉尔区委员会');
    assert.equal(find(text, '区政府')?.canonical, '呼伦贝尔市海拉尔区人民政府');
    // 政协 after 区人大、 shares its level
    assert.equal(find(text, '政协')?.canonical, '中国人民政治协商会议呼伦贝尔市海拉尔区委员会');
    assert.equal(find(text, '区委组织部')?.canonical, '中共呼伦贝尔市海拉尔区委组织部');
    assert.equal(find(text, '市委')?.canonical, '中国共产党呼伦贝尔市委员会');
  });

  it('takes a former name as written (临安市 in a 2013 signature is the county-level city, not today\'s 临安区)', () => {
    const text = '关于做好2013年工作的通知\n各有关单位：\n市财政局要加强管理。\n临安市人民政府\n2013年1月5日';
    assert.equal(find(text, '市财政局')?.canonical, '临安市财政局');
  });

  it('without a document place, takes the nearest place before the organ in its line', () => {
    const text = '他在资中县委书记期间，县委办公室主任也被查处。';
    assert.equal(find(text, '县委办公室')?.canonical, '中共资中县委办公室');
  });

  it('names bare working offices as the document\'s own (网信办 of a district document)', () => {
    const text = '呼伦贝尔市海拉尔区人民政府办公室\n网信办负责。';
    assert.equal(find(text, '网信办')?.canonical, '中共呼伦贝尔市海拉尔区委网络安全和信息化委员会办公室');
  });

  it('gives a former organ the organ that continues it, its canonical staying the organ of the time', () => {
    const e = find('2004年国家环境保护总局、建设部联合发文。', '国家环境保护总局');
    assert.deepEqual([e?.canonical, e?.successor], ['国家环境保护总局', '生态环境部']);
  });
});

describe('local documents: a town and its units', () => {
  const text = '关于印发方案的通知\n闵行区吴泾镇人民政府\n镇政府、房管所负责，经发办、社发办配合。\n吴泾司法所、吴泾派出所参加，辖区派出所配合。';

  it("names a town's organs with its county and city (上海市闵行区吴泾镇)", () => {
    assert.equal(find(text, '镇政府')?.canonical, '上海市闵行区吴泾镇人民政府');
  });

  it('finds bare units where a duty or a list of units shows them, named as the document\'s own', () => {
    assert.equal(find(text, '房管所')?.canonical, '上海市闵行区吴泾镇房管所');
    assert.equal(find(text, '经发办')?.canonical, '上海市闵行区吴泾镇经发办');
    assert.equal(find(text, '社发办')?.canonical, '上海市闵行区吴泾镇社发办');
  });

  it("gives a higher organ's station in a town that organ as canonical and parent; a district's police station the city's bureau", () => {
    const justice = find(text, '吴泾司法所');
    assert.deepEqual([justice?.canonical, justice?.parent], ['上海市闵行区司法局', '上海市闵行区司法局']);
    assert.equal(find(text, '吴泾派出所')?.canonical, '上海市公安局');
    assert.equal(find(text, '辖区派出所'), undefined);
  });

  it('does not take ordinary nouns with a unit\'s head for units', () => {
    assert.deepEqual(organs('该中心负责协调。经营场所、商场、高校院所、研究团队要配合。'), []);
    assert.deepEqual(organs('他们负责举办、承办活动。'), []);
  });

  it('finds a person in a column before their unit and post', () => {
    const line = '曹晓冬  经发办主任';
    const entities = engine.annotate(line);
    assert.deepEqual(
      entities.map((e) => [e.type, e.text]),
      [
        ['person', '曹晓冬'],
        ['department', '经发办'],
      ],
    );
  });

  it('finds a long task force after its level word (镇…工作领导小组)', () => {
    const e = engine.annotate('成员单位的镇房屋安全隐患排查整治工作领导小组，统筹推进。').find((x) => x.type === 'department');
    assert.equal(e?.text, '镇房屋安全隐患排查整治工作领导小组');
  });
});

describe('coordinated sub-units', () => {
  it('splits sub-units of one organ joined by a conjunction, the organ carried into the second', () => {
    const got = engine.annotate('科技部战略规划司和基础研究司联合调研。').filter((e) => e.type === 'department');
    assert.deepEqual(
      got.map((e) => [e.text, e.canonical, e.parent]),
      [
        ['科技部战略规划司', '科学技术部', '科学技术部'],
        ['基础研究司', '科学技术部', '科学技术部'],
      ],
    );
  });

  it('keeps one sub-unit whose own name has a conjunction inside', () => {
    assert.deepEqual(organs('商务部对外投资和经济合作司发布。'), ['商务部对外投资和经济合作司→商务部']);
  });
});

describe('document context: bare mentions of its people', () => {
  it('marks a person named with a cue again where named bare, but not a two-character name inside a word', () => {
    const people = engine.annotate('政协主席王富玉违纪。\n王富玉多次违规，宋亮明确表示。').filter((e) => e.type === 'person');
    assert.deepEqual(
      people.map((e) => e.text),
      ['王富玉', '王富玉'],
    );
  });
});

describe('document context: short names the text defines (以下简称)', () => {
  it('marks the short name wherever it stands, with the full name as canonical', () => {
    const text = '对事故负有主要责任的杏儿沟煤业有限责任公司（以下简称杏煤公司）北风井负责人。\n杏煤公司违规组织生产。';
    const orgs = engine.annotate(text).filter((e) => e.type === 'organization');
    assert.deepEqual(orgs.map((e) => `${e.text}→${e.canonical ?? ''}`), ['杏儿沟煤业有限责任公司→', '杏煤公司→杏儿沟煤业有限责任公司', '杏煤公司→杏儿沟煤业有限责任公司']);
  });

  it('takes a quoted short name at its definition for the entity, not a term, also after a bracketed place', () => {
    const text = '中国地质大学（武汉）（以下简称“地大”）负责监测。地大还要定期报告。';
    const all = engine.annotate(text);
    assert.deepEqual(all.filter((e) => e.text === '地大').map((e) => `${e.type}→${e.canonical}`), ['organization→中国地质大学', 'organization→中国地质大学']);
    assert.ok(!all.some((e) => e.type === 'term' && e.text === '“地大”'));
  });

  it('defines nothing without a named entity before the bracket', () => {
    const all = engine.annotate('这类企业（以下简称小微企业）应当登记。小微企业享受优惠。');
    assert.deepEqual(all.filter((e) => e.text === '小微企业'), []);
  });
});

describe('the editor reads as the CLI does', () => {
  const names = fs.readdirSync(realDir).filter((f) => f.endsWith('.txt'));

  it('has real documents to compare', () => assert.ok(names.length >= 10, String(names.length)));

  for (const name of names) {
    it(`annotateLines with the document's context equals annotate(): ${name}`, () => {
      const text = fs.readFileSync(path.join(realDir, name), 'utf8');
      const whole = engine.annotate(text);
      const context = engine.context(text);
      const spans = [...lineSpans(text)];
      const perLine = engine.annotateLines(
        spans.map(([a, b]) => text.slice(a, b)),
        context,
      );
      const joined = perLine.flatMap((list, i) => list.map((e) => ({ ...e, start: e.start + spans[i][0], end: e.end + spans[i][0] })));
      assert.deepEqual(joined, whole);
    });
  }

  it('the context names level-only organs that the per-line analysis alone leaves as written', () => {
    const text = '太仓市人民政府办公室关于印发方案的通知\n市财政局负责。';
    const [, line] = text.split('\n');
    assert.equal(engine.annotateLines([line])[0][0].canonical, '市财政局');
    assert.equal(engine.annotateLines([line], engine.context(text))[0][0].canonical, '太仓市财政局');
  });
});

describe('DocumentModel context generations', () => {
  it('keeps the entities of an older context visible while its lines are pending again', () => {
    const model = new DocumentModel('市财政局负责。\n第二行');
    const e: Entity = { type: 'department', start: 0, end: 4, text: '市财政局', canonical: '市财政局' };
    assert.ok(model.setLineEntities(0, '市财政局负责。', [e]));
    assert.ok(model.setLineEntities(1, '第二行', []));
    assert.ok(model.complete);
    const generation = model.nextContextGeneration();
    assert.deepEqual(model.pendingLines(), [0, 1]);
    assert.equal(model.lineEntities(0)?.[0].canonical, '市财政局');
    // an answer computed for the old context does not complete the line
    assert.ok(model.setLineEntities(0, '市财政局负责。', [e], generation - 1));
    assert.deepEqual(model.pendingLines(), [0, 1]);
    assert.ok(model.setLineEntities(0, '市财政局负责。', [{ ...e, canonical: '太仓市财政局' }], generation));
    // an older answer arriving late does not replace the newer one
    assert.equal(model.setLineEntities(0, '市财政局负责。', [e], generation - 1), false);
    assert.equal(model.lineEntities(0)?.[0].canonical, '太仓市财政局');
    assert.deepEqual(model.pendingLines(), [1]);
    assert.equal(model.count('department:太仓市财政局'), 1);
    assert.equal(model.count('department:市财政局'), 0);
  });
});
