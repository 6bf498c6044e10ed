import assert from 'node:assert/strict';
import { Annotator } from '../../src/core/recognise/annotator';
import type { Entity, EntityType } from '../../src/core/types';

// End-to-end through the annotator (real nodejieba tokens), so that the name
// rules are tested with the word boundaries they rely on.
const annotator = new Annotator();

function entities(text: string, type?: EntityType): Entity[] {
  return annotator.annotate(text).filter((e) => !type || e.type === type);
}

/** `type[text]` for every entity of the given types, in order. */
function spans(text: string, types: EntityType[] = ['department', 'organization', 'place', 'person']): string[] {
  return entities(text)
    .filter((e) => types.includes(e.type))
    .map((e) => `${e.type}[${e.text}]`);
}

function dept(text: string, mention: string): Entity {
  const e = entities(text, 'department').find((x) => x.text === mention);
  assert.ok(e, `${mention} not found as a department in ${text}: ${spans(text).join(' ')}`);
  return e!;
}

describe('names', function () {
  this.timeout(60000);

  describe('departments', () => {
    it('never starts an organ with a verb phrase (努力实现社区居委会, 时任经济开发区管理委员会)', () => {
      assert.deepEqual(spans('努力实现社区居委会全覆盖。'), []);
      for (const d of entities('时任经济开发区管理委员会副主任的张某', 'department')) assert.ok(!d.text.startsWith('时任'), d.text);
    });

    it('finds a level organ after 任 glued to its level word (曾任市财政局局长)', () => {
      assert.deepEqual(entities('曾任市财政局局长', 'department').map((e) => e.text), ['市财政局']);
    });

    it('does not take a generic mention for an organ', () => {
      for (const text of [
        '科技部门和教育部门要加强协调。',
        '有关部门要密切配合。',
        '各级党委要切实担负主体责任。',
        '机关党委组织党员干部到社区开展志愿服务。',
        '这项工作由各地区各部门各单位负责落实。',
        '某街道办事处工作人员介绍了情况。',
        '各区政府、市直各部门要抓好落实。',
      ]) {
        assert.deepEqual(entities(text, 'department').map((e) => e.text), [], text);
      }
      // a level organ is one organ (the guide: 县委, 县政府 are departments; side by side, two); 县委常委会 stays generic
      assert.deepEqual(entities('县委县政府高度重视，县委常委会专题研究。', 'department').map((e) => e.text), ['县委', '县政府']);
    });

    it('keeps 科技部 whole only where the word ends (科技部门 is not 科技部)', () => {
      assert.deepEqual(entities('科技部门要加强统筹。', 'department'), []);
      assert.equal(dept('科技部印发通知。', '科技部').canonical, '科学技术部');
    });

    it('resolves local organs to their full names', () => {
      assert.equal(dept('北京市科委、中关村管委会发布支持政策。', '北京市科委').canonical, '北京市科学技术委员会');
      assert.equal(dept('富源县委高度重视。', '富源县委').canonical, '中国共产党富源县委员会');
    });

    it('ends a local Party committee before a title glued to it (县委书记, 市委常委)', () => {
      assert.equal(dept('云南省富源县委书记张三说，全县今年新增就业岗位1.5万个。', '云南省富源县委').canonical, '中国共产党富源县委员会');
      assert.equal(dept('广东省委常委、深圳市委书记孟凡利调研。', '深圳市委').canonical, '中国共产党深圳市委员会');
      assert.equal(dept('广东省委常委、深圳市委书记孟凡利调研。', '广东省委').canonical, '中国共产党广东省委员会');
      assert.equal(dept('安徽省合肥市包河区委副书记、区长李明带队调研。', '安徽省合肥市包河区委').canonical, '中国共产党合肥市包河区委员会');
      assert.equal(dept('黑龙江省哈尔滨市道里区新农镇党委书记刘洋告诉记者', '黑龙江省哈尔滨市道里区新农镇党委').canonical, '中国共产党哈尔滨市道里区新农镇委员会');
      // no place is left behind for the 县 of 县委书记
      assert.deepEqual(entities('云南省富源县委书记张三说', 'place'), []);
    });

    it('reads a local Party organ with its department (省委组织部: 组织 is not a verb there)', () => {
      assert.equal(dept('日前，湖南省委组织部印发通知。', '湖南省委组织部').canonical, '中共湖南省委组织部');
    });

    it('takes 中共 before a local Party committee into the name', () => {
      assert.equal(dept('中共广东省委、广东省人民政府召开大会。', '中共广东省委').canonical, '中国共产党广东省委员会');
      dept('中共广东省委、广东省人民政府召开大会。', '广东省人民政府');
    });

    it('gives a ministry sub-unit the ministry as canonical and parent', () => {
      const e = dept('科技部战略规划司负责同志解读了规划。', '科技部战略规划司');
      assert.equal(e.canonical, '科学技术部');
      assert.equal(e.parent, '科学技术部');
      const g = dept('工业和信息化部党组书记、部长金壮龙主持会议。', '工业和信息化部党组');
      assert.equal(g.parent, '工业和信息化部');
    });

    it('stops a sub-unit tail at a title, a person or another organ', () => {
      const text = '农业农村部部长韩俊在国务院新闻办公室新闻发布会上介绍有关情况。';
      assert.deepEqual(spans(text), ['department[农业农村部]', 'person[韩俊]', 'department[国务院新闻办公室]']);
      assert.deepEqual(spans('国务院提请全国人大常委会审议。', ['department']), ['department[国务院]', 'department[全国人大常委会]']);
      assert.deepEqual(spans('全国人大及其常委会', ['department']), ['department[全国人大]']);
    });

    it('does not take words ending in 局 or 机制 for sub-units (统揽全局, 新发展格局, 体制机制)', () => {
      assert.deepEqual(spans('党中央统揽全局、协调各方。', ['department']), ['department[党中央]']);
      assert.deepEqual(spans('党中央驾驭全局，加快构建新发展格局。', ['department']), ['department[党中央]']);
      assert.deepEqual(spans('坚持中央军委主席负责制体制机制。', ['department']), ['department[中央军委]']);
      assert.deepEqual(spans('国务院，总体布局、战略布局。', ['department']), ['department[国务院]']);
    });

    it('splits two organs written side by side', () => {
      assert.deepEqual(spans('中央政法委中央和国家机关工委联合召开会议。', ['department']), ['department[中央政法委]', 'department[中央和国家机关工委]']);
    });

    it('keeps the discipline inspection group stationed in a ministry whole', () => {
      const e = dept('中央纪委国家监委驻农业农村部纪检监察组对3起典型问题进行通报。', '中央纪委国家监委驻农业农村部纪检监察组');
      assert.equal(e.canonical, '中国共产党中央纪律检查委员会');
      assert.equal(e.parent, '中国共产党中央纪律检查委员会');
    });

    it('names the governments of the special administrative regions as such', () => {
      assert.equal(dept('香港特区政府、澳门特区政府分别举行升旗仪式。', '香港特区政府').canonical, '香港特别行政区政府');
      assert.equal(dept('香港特别行政区政府依法施政。', '香港特别行政区政府').canonical, '香港特别行政区政府');
    });

    it('recognises the Party centre named by its term, and its Political Bureau', () => {
      assert.equal(dept('习近平代表第十九届中央委员会作报告。', '中央委员会').canonical, '中国共产党中央委员会');
      const pb = dept('中共中央政治局常委、国务院总理李强出席开幕式。', '中共中央政治局');
      assert.equal(pb.canonical, '中国共产党中央委员会');
      assert.equal(pb.parent, '中国共产党中央委员会');
    });

    it('keeps a ministry sub-unit whose name holds a verb-like word (政策研究司, 合作经济指导司)', () => {
      const d = dept('人社部政策研究司负责人介绍了情况。', '人社部政策研究司');
      assert.equal(d.canonical, '人力资源和社会保障部');
      assert.equal(d.parent, '人力资源和社会保障部');
      assert.equal(dept('农业农村部农村合作经济指导司司长出席。', '农业农村部农村合作经济指导司').canonical, '农业农村部');
    });

    it('ends a local organ before an adverb the tokenizer glued to it (卫生健康局|已)', () => {
      assert.equal(dept('杭州市西湖区卫生健康局已印发通知。', '杭州市西湖区卫生健康局').canonical, '杭州市西湖区卫生健康局');
      assert.equal(dept('杭州市卫生健康委已部署。', '杭州市卫生健康委').canonical, '杭州市卫生健康委员会');
    });

    it('does not take an organization after 与 for a sub-unit (人民政府|与国家开发银行…分行)', () => {
      assert.deepEqual(spans('广州市人民政府与国家开发银行广东省分行签署协议。'), ['department[广州市人民政府]', 'organization[国家开发银行广东省分行]']);
    });

    it('recognises the government of a league or prefecture (锡林郭勒盟行政公署)', () => {
      assert.equal(dept('锡林郭勒盟行政公署也把这里列为示范区。', '锡林郭勒盟行政公署').canonical, '锡林郭勒盟行政公署');
    });

    it('recognises the special courts with the place as written (北京互联网法院, 广州海事法院)', () => {
      assert.deepEqual(spans('广州知识产权法院、北京互联网法院、上海金融法院和广州海事法院', ['department']), [
        'department[广州知识产权法院]', 'department[北京互联网法院]', 'department[上海金融法院]', 'department[广州海事法院]',
      ]);
      assert.equal(dept('北京互联网法院审结案件。', '北京互联网法院').canonical, '北京互联网法院');
    });

    it('names a county committee whose county the tokenizer took for a verb (昭觉/v 县委)', () => {
      assert.equal(dept('近年来，昭觉县委、县政府狠抓产业。', '昭觉县委').canonical, '中国共产党昭觉县委员会');
      assert.equal(dept('于都县委召开会议。', '于都县委').canonical, '中国共产党于都县委员会');
    });

    it('keeps a sub-unit named 科技创新局 and a Party committee before 委员 (国资委党委|委员)', () => {
      assert.equal(dept('国务院国资委科技创新局、中央纪委联合部署。', '国务院国资委科技创新局').parent, '国务院国有资产监督管理委员会');
      assert.ok(dept('国务院国资委党委委员、副主任王宏志出席。', '国务院国资委党委'));
      assert.ok(dept('应急管理部、国家防灾减灾救灾委员会办公室联合印发通知。', '国家防灾减灾救灾委员会办公室'));
      assert.deepEqual(spans('开创新局面。', ['department']), []);
    });

    it('keeps a sub-unit of a Party central organ named after cadres (中央组织部干部教育局)', () => {
      const d = dept('中央组织部干部教育局负责同志介绍了情况。', '中央组织部干部教育局');
      assert.equal(d.canonical, '中国共产党中央组织部');
      assert.equal(d.parent, '中国共产党中央组织部');
    });

    it('knows the central leading groups, also former ones, with their successors', () => {
      assert.equal(dept('成立中央全面依法治国领导小组，加强统一领导。', '中央全面依法治国领导小组').canonical, '中央全面依法治国领导小组');
      assert.equal(dept('中央人才工作领导小组召开会议。', '中央人才工作领导小组').canonical, '中央人才工作领导小组');
    });

    it('knows more local organs (纪委监委, 水务局, 省委常委会)', () => {
      assert.equal(dept('云南省纪委监委通报3起案件。', '云南省纪委监委').canonical, '中国共产党云南省纪律检查委员会');
      assert.equal(dept('北京市水务局发布汛情预警。', '北京市水务局').canonical, '北京市水务局');
      const sc = dept('湖南省委常委会召开会议。', '湖南省委常委会');
      assert.equal(sc.canonical, '中国共产党湖南省委员会');
      assert.equal(sc.parent, '中国共产党湖南省委员会');
    });

    it('knows more sub-units of central organs (分行, 总部, 巡回法庭, 中心, 流域机构)', () => {
      assert.equal(dept('中国人民银行上海总部召开会议。', '中国人民银行上海总部').parent, '中国人民银行');
      assert.equal(dept('最高人民法院第三巡回法庭在南京揭牌。', '最高人民法院第三巡回法庭').parent, '最高人民法院');
      assert.equal(dept('水利部长江水利委员会发布汛情通报。', '水利部长江水利委员会').parent, '水利部');
      assert.equal(dept('中国气象局国家气候中心预测，今年夏季降水偏多。', '中国气象局国家气候中心').parent, '中国气象局');
      // a verb before 中心 shows a clause, not a sub-unit
      const text = '黑龙江哈尔滨市南岗区荣市街道龙泰社区党委打造党群服务中心。';
      assert.deepEqual(spans(text, ['department']), ['department[黑龙江哈尔滨市南岗区荣市街道龙泰社区党委]']);
      assert.deepEqual(spans('把党和国家工作中心转移到经济建设上来。', ['department', 'organization']), []);
    });

    it('takes a street missing from the divisions as part of the chain (民意街道办事处)', () => {
      const e = dept('湖北省武汉市江汉区民意街道办事处主任杨帆介绍了经验。', '湖北省武汉市江汉区民意街道办事处');
      assert.equal(e.canonical, '武汉市江汉区民意街道办事处');
    });
  });

  describe('places', () => {
    it('reads a chain of places as one place', () => {
      assert.deepEqual(spans('在辽宁省长海县，长期困扰海岛居民的问题得到解决。', ['place']), ['place[辽宁省长海县]']);
      assert.deepEqual(spans('内蒙古兴安盟科尔沁右翼前旗归流河镇的牧民正在抢收牧草。', ['place']), ['place[内蒙古兴安盟科尔沁右翼前旗归流河镇]']);
    });

    it('recognises short province names', () => {
      assert.deepEqual(spans('河南、山西、陕西、内蒙古等地出现降雪。', ['place']), ['place[河南]', 'place[山西]', 'place[陕西]', 'place[内蒙古]']);
    });

    it('reads the short form of an autonomous prefecture or county with its level character (临夏州, 积石山县)', () => {
      assert.deepEqual(spans('甘肃省临夏回族自治州积石山县发生6.2级地震。', ['place']), ['place[甘肃省临夏回族自治州积石山县]']);
      assert.deepEqual(spans('临夏州积石山县', ['place']), ['place[临夏州积石山县]']);
    });

    it('finds a province-level name glued to the next word (香港回归, 台湾同胞)', () => {
      assert.deepEqual(spans('香港回归后，一国两制成功实践。', ['place']), ['place[香港]']);
      assert.deepEqual(spans('澳门特别行政区同胞和台湾同胞', ['place']), ['place[澳门特别行政区]', 'place[台湾]']);
      assert.deepEqual(spans('台湾地区领导人发表讲话。', ['place']), ['place[台湾地区]']);
    });

    it('keeps a village glued to the next character by the tokenizer (赤溪村|是)', () => {
      assert.deepEqual(spans('福建省宁德市福鼎市磻溪镇赤溪村是脱贫典型。', ['place']), ['place[福建省宁德市福鼎市磻溪镇赤溪村]']);
    });

    it('does not take common words for places', () => {
      for (const text of ['建设宜居乡村。', '推动城市和县城协调发展。', '法律部门、经济管理部门和县（处）级以上干部', '全国各地要结合实际抓好落实。', '在海岛上，群众不出岛就能看病。', '基层党组织要发挥作用。']) {
        assert.deepEqual(entities(text, 'place'), [], text);
      }
    });

    it('does not let a region anchor an institution (中西部乡镇卫生院)', () => {
      assert.deepEqual(spans('支持中西部乡镇卫生院建设。'), ['place[中西部]']);
    });

    it('takes 地区 or 区域 after a region into its name (长三角地区, 中西部地区, 京津冀区域)', () => {
      assert.deepEqual(spans('推进长三角地区一体化，中西部地区增速快于东部地区，推动成渝地区双城经济圈建设，深化泛珠三角区域经济合作。', ['place']), [
        'place[长三角地区]', 'place[中西部地区]', 'place[东部地区]', 'place[成渝地区]', 'place[泛珠三角区域]',
      ]);
    });

    it('recognises world regions, rivers, seas and natural regions', () => {
      assert.deepEqual(spans('出席东亚合作领导人系列会议，共抓长江大保护，保护好三江源，推进汾渭平原和北方地区大气治理，南海岛礁建设。', ['place']), [
        'place[东亚]', 'place[长江]', 'place[三江源]', 'place[汾渭平原]', 'place[北方地区]', 'place[南海]',
      ]);
      // a river's name still anchors an institution, and 长江学者 is a programme
      assert.deepEqual(spans('长江大学入选长江学者奖励计划。'), ['organization[长江大学]']);
      assert.deepEqual(spans('太湖流域和三峡库区', ['place']), ['place[太湖流域]', 'place[三峡库区]']);
    });

    it('recognises a village or community named alone by its context (驻X村, X村村民, X村党支部)', () => {
      assert.deepEqual(spans('旅游局驻赛热木村“访惠聚”工作队同村“两委”班子组成突击队。', ['place']), ['place[赛热木村]']);
      assert.deepEqual(spans('下姜村村民和十八洞村村民一起座谈。', ['place']), ['place[下姜村]', 'place[十八洞村]']);
      assert.deepEqual(spans('每斤卖0.3元。中川村的老党员算了一笔账。', ['place']), ['place[中川村]']);
      assert.deepEqual(spans('在布楞沟村，村民们住上了新房。', ['place']), ['place[布楞沟村]']);
      assert.deepEqual(spans('在海南省三沙市永兴岛，厦门市岛内外', ['place']), ['place[海南省三沙市永兴岛]', 'place[厦门市]']);
      // not a kind of island, and a village named after an island keeps its 村
      assert.deepEqual(spans('三亚市离岛免税政策', ['place']), ['place[三亚市]']);
      assert.deepEqual(spans('浙江省舟山市定海区小岛村村民', ['place']), ['place[浙江省舟山市定海区小岛村]']);
      // verb phrases before 村 or 社区 are not villages
      for (const text of ['志愿者走进社区，居民纷纷点赞。', '派驻工作队进村。', '我们走进村党支部活动室。', '干部驻村，村民欢迎。']) {
        assert.deepEqual(spans(text, ['place', 'department']), [], text);
      }
      assert.deepEqual(spans('江苏省常州市委组织部驻花茂村第一书记', ['place']).slice(-1), ['place[花茂村]']);
      // its Party branch or committee is a department with a full name
      assert.equal(dept('乌东村党支部书记说，茶叶卖上了好价钱。', '乌东村党支部').canonical, '中国共产党乌东村支部委员会');
      assert.equal(dept('卖鱼桥社区党委开设了食堂。', '卖鱼桥社区党委').canonical, '中国共产党卖鱼桥社区委员会');
      assert.equal(dept('额里图嘎查党支部书记说，草场承包到户。', '额里图嘎查党支部').canonical, '中国共产党额里图嘎查支部委员会');
      // kinds of villages and words ending in 村 are not names
      for (const text of ['贫困村党支部', '全村党员', '一个村党支部', '城中村村民', '要让所有农村居民喝上干净的水', '发展乡村旅游，农村党员带头']) {
        assert.deepEqual(spans(text, ['place', 'department']), [], text);
      }
    });

    it('takes a community in a chain with a verb-like first character (湖墅街道卖鱼桥社区)', () => {
      assert.deepEqual(spans('家住浙江省杭州市拱墅区湖墅街道卖鱼桥社区的居民', ['place']), ['place[浙江省杭州市拱墅区湖墅街道卖鱼桥社区]']);
      assert.deepEqual(spans('湖墅街道推进社区治理。', ['place']), ['place[湖墅街道]']);
    });

    it('takes a foreign city with its country (俄罗斯赤塔市, 蒙古国乌兰巴托市)', () => {
      assert.deepEqual(spans('赴俄罗斯赤塔市考察。', ['place']), ['place[俄罗斯赤塔市]']);
      assert.deepEqual(spans('与蒙古国乌兰巴托市合作。', ['place']), ['place[蒙古国乌兰巴托市]']);
    });

    it('does not take 中国 of 中国共产党员 for the country', () => {
      assert.deepEqual(spans('向全体中国共产党员致以崇高敬意。', ['place']), []);
    });
  });

  describe('organizations', () => {
    it('recognises mass organisations and international forums and funds', () => {
      assert.deepEqual(spans('支持工会、共青团、妇联等群团组织。设立丝路基金，举办中非合作论坛峰会、中阿合作论坛部长级会议，启动中拉论坛。', ['organization']), [
        'organization[共青团]', 'organization[丝路基金]', 'organization[中非合作论坛]', 'organization[中阿合作论坛]', 'organization[中拉论坛]',
      ]);
    });

    it('recognises universities named after a region (华南理工大学, 西南交通大学), not kinds of universities', () => {
      assert.deepEqual(spans('华南理工大学、东南大学、西南交通大学和华中科技大学的学生', ['organization', 'place']), [
        'organization[华南理工大学]', 'organization[东南大学]', 'organization[西南交通大学]', 'organization[华中科技大学]',
      ]);
      assert.deepEqual(spans('建设一批重点大学和老年大学。', ['organization']), []);
      assert.deepEqual(spans('哨点医院和定点医院', ['organization']), []);
    });

    it('recognises hospitals the tokenizer knows by name, museums, and newspapers (湘雅医院, 秦始皇帝陵博物院, 青海日报)', () => {
      assert.deepEqual(spans('4月15日，中南大学湘雅医院与湖南省签约。', ['organization']), ['organization[中南大学湘雅医院]']);
      assert.deepEqual(spans('湘雅医院院长雷光华介绍。', ['organization']), ['organization[湘雅医院]']);
      assert.deepEqual(spans('陕西历史博物馆、秦始皇帝陵博物院等单位', ['organization', 'place']), ['organization[陕西历史博物馆]', 'organization[秦始皇帝陵博物院]']);
      assert.deepEqual(spans('青海日报讯（记者 马振东）', ['organization', 'place']), ['organization[青海日报]']);
      assert.deepEqual(spans('建设中医医院和公立医院。', ['organization']), []);
    });

    it('does not give a province\'s organ named by its level alone the national name (。省发展改革委)', () => {
      // it is the province's own organ, named in full only where the document's place is known
      const own = entities('上涨0.2%。省发展改革委副主任介绍。', 'department');
      assert.deepEqual(own.map((e) => [e.text, e.canonical]), [['省发展改革委', '省发展改革委']]);
      assert.equal(dept('山西省发展改革委发布数据。', '山西省发展改革委').canonical, '山西省发展和改革委员会');
      assert.deepEqual(spans('预计全州外转患者减少。', ['place']), []);
    });

    it('recognises farmers\' cooperatives by their registered name, not the kind (农民专业合作社)', () => {
      assert.deepEqual(spans('村里的索玛花马铃薯种植专业合作社吸纳了86户。', ['organization']), ['organization[索玛花马铃薯种植专业合作社]']);
      assert.deepEqual(spans('成立了刘庄蔬菜种植专业合作社。', ['organization']), ['organization[刘庄蔬菜种植专业合作社]']);
      assert.deepEqual(spans('发展农民专业合作社，培育家庭农场和农民专业合作社。', ['organization']), []);
    });

    it('recognises local mass organisations, schools and alumni associations (雷山县妇联, 中心学校, 校友会)', () => {
      assert.deepEqual(spans('雷山县妇联组织培训。', ['organization', 'place']), ['organization[雷山县妇联]']);
      assert.deepEqual(spans('福贡县上帕镇中心学校的老师', ['organization']), ['organization[福贡县上帕镇中心学校]']);
      assert.deepEqual(spans('昆明理工大学校友会捐赠图书。', ['organization']), ['organization[昆明理工大学校友会]']);
    });

    it('keeps 附属 in the name of an affiliated hospital named without its university', () => {
      assert.deepEqual(spans('厦门大学医学院党委与附属翔安医院党委共同成立突击队。', ['organization']), ['organization[厦门大学医学院党委]', 'organization[附属翔安医院党委]']);
      assert.deepEqual(spans('浙江大学医学院附属第一医院派出医疗队。', ['organization']), ['organization[浙江大学医学院附属第一医院]']);
    });

    it('recognises named institutions and their branches', () => {
      assert.deepEqual(spans('中国工商银行湖北省分行发放贷款。', ['organization']), ['organization[中国工商银行湖北省分行]']);
      assert.deepEqual(spans('北京大学第一医院、北京协和医院等医院联合开展义诊。', ['organization']), ['organization[北京大学第一医院]', 'organization[北京协和医院]']);
      assert.deepEqual(spans('联合国教科文组织将该遗址列入名录。', ['organization']), ['organization[联合国教科文组织]']);
    });

    it('lets a known organization take its Party body or centre (农工党中央, 中国科协党组)', () => {
      assert.deepEqual(spans('农工党中央常务副主席何维出席活动。', ['organization', 'person']), ['organization[农工党中央]', 'person[何维]']);
      assert.deepEqual(spans('中国科协党组书记贺军科出席会议。', ['organization', 'person']), ['organization[中国科协党组]', 'person[贺军科]']);
      assert.deepEqual(spans('浙江大学医学院附属第一医院党委书记梁廷波介绍', ['organization']), ['organization[浙江大学医学院附属第一医院党委]']);
    });

    it('recognises legal company names without a known anchor', () => {
      assert.deepEqual(spans('华为技术有限公司、比亚迪股份有限公司等企业参加了展会。', ['organization']), ['organization[华为技术有限公司]', 'organization[比亚迪股份有限公司]']);
      assert.deepEqual(spans('该有限公司负责人介绍，这家公司是有限公司。', ['organization']), []);
      // not a fragment of a longer name the tokenizer broke up
      assert.deepEqual(spans('杭州萧山车辆综合性能检测有限公司服务大厅', ['organization']), []);
    });

    it('takes a division of a bank branch or company with it (中国银行浙江省分行个人数字金融部)', () => {
      assert.deepEqual(spans('中国银行浙江省分行个人数字金融部总经理', ['organization']), ['organization[中国银行浙江省分行个人数字金融部]']);
      assert.deepEqual(spans('要求台州分行个人数字金融部负责人安排行程', ['organization']), ['organization[台州分行个人数字金融部]']);
    });

    it('recognises public institutions named by level (县人民医院, 市第二中学, 区图书馆), not generic kinds or plurals', () => {
      assert.deepEqual(spans('县人民医院、县中医院开展义诊。', ['organization']), ['organization[县人民医院]', 'organization[县中医院]']);
      assert.deepEqual(spans('市第二中学的学生参加活动。', ['organization']), ['organization[市第二中学]']);
      assert.deepEqual(spans('各县人民医院要加强管理。', ['organization']), []);
      assert.deepEqual(spans('全县卫生院和公共图书馆免费开放。', ['organization']), []);
    });

    it('recognises government and news websites (中国政府网, 人民网, 中央纪委国家监委网站)', () => {
      assert.deepEqual(spans('在中国政府网、人民网和新华网发布。', ['organization']), ['organization[中国政府网]', 'organization[人民网]', 'organization[新华网]']);
    });

    it('recognises works, mines and parks named with a place, not the kind or a counted set', () => {
      assert.deepEqual(spans('海拉尔热电厂完成改造，', ['organization']), ['organization[海拉尔热电厂]']);
      assert.deepEqual(spans('呼伦贝尔市第二制药厂停产。', ['organization']), ['organization[呼伦贝尔市第二制药厂]']);
      assert.deepEqual(spans('成立扎兰屯市科技园。', ['organization']), ['organization[扎兰屯市科技园]']);
      for (const text of ['新建热电厂一座。', '全市几家煤矿停产整顿。', '所属三大煤矿完成改造。']) {
        assert.deepEqual(spans(text, ['organization']), [], text);
      }
    });

    it('does not take status words or clause fragments for institutions', () => {
      for (const text of [
        '把经济建设作为党和国家工作中心，',
        '建设500所县中医院和妇幼保健院。',
        '让每一分钱都花得其所。',
        '这是改革开放前所没有的。',
        '发展普惠性幼儿园。',
        '巩固香港国际金融中心地位。',
        '高标准建设北京城市副中心。',
      ]) {
        assert.deepEqual(entities(text, 'organization'), [], text);
      }
    });
  });

  describe('people', () => {
    it('finds names after roles and before speech verbs', () => {
      assert.deepEqual(spans('辽宁省大连市长海县獐子岛镇渔民王德明说，今年海参收成不错。', ['person']), ['person[王德明]']);
      assert.deepEqual(spans('外交部发言人毛宁在例行记者会上回答提问。', ['person']), ['person[毛宁]']);
      assert.deepEqual(spans('74岁的村民赵桂英告诉记者', ['person']), ['person[赵桂英]']);
    });

    it('cuts a verb glued to a name off (张三说, 施一公在)', () => {
      assert.deepEqual(spans('云南省富源县委书记张三说，全县今年新增就业岗位。', ['person']), ['person[张三]']);
      assert.deepEqual(spans('清华大学教授施一公在论坛上发言。', ['person']), ['person[施一公]']);
    });

    it('splits a given name off the verb the tokenizer glued it to (李/明说, 韦小/玲说)', () => {
      assert.deepEqual(spans('驻村第一书记李明说，村里的路修好了。', ['person']), ['person[李明]']);
      assert.deepEqual(spans('村民韦小玲说，今年收入翻了一番。', ['person']), ['person[韦小玲]']);
    });

    it('finds names the tokenizer broke up or took for words, by a speech cue (郑/建新表示, 局长余/建国介绍)', () => {
      for (const [text, name] of [
        ['郑建新表示，合作社今年分红。', '郑建新'],
        ['局长余建国介绍，全县新建道路。', '余建国'],
        ['“很好。”张伟说。', '张伟'],
        ['村民欧阳志远说，日子越过越好。', '欧阳志远'],
        ['据王建军司长介绍，今年新增就业。', '王建军'],
        ['患者马永福说，看病方便了。', '马永福'],
      ]) {
        assert.deepEqual(spans(text, ['person']), [`person[${name}]`], text);
      }
    });

    it('finds names without a Han surname before speech (”巴特尔说, 局长乌云其其格介绍), not common words jieba tags as names', () => {
      assert.deepEqual(spans('“草料也充足。”巴特尔说，他家养了320多只羊。', ['person']), ['person[巴特尔]']);
      for (const text of ['城乡居民养老金提高到每月100元。', '居民安全感正在增强。', '专家高度认为', '负责人向记者介绍', '局长于会上表示', '村民高兴地说', '老师常常说', '专家周末介绍']) {
        assert.deepEqual(spans(text, ['person']), [], text);
      }
      assert.deepEqual(spans('旗农牧和科技局局长乌云其其格介绍，全旗已组建合作社。', ['person']), ['person[乌云其其格]']);
    });

    it('finds transcribed names with a middle dot, names after 据, and titled names before an act of office', () => {
      assert.deepEqual(spans('心内科主任热合曼·吐尔逊介绍，医院新添设备。', ['person']), ['person[热合曼·吐尔逊]']);
      assert.deepEqual(spans('患者买买提·艾力正在做康复训练。', ['person']), ['person[买买提·艾力]']);
      assert.deepEqual(spans('依法发还。据鲁文明介绍，案件已审结。', ['person']), ['person[鲁文明]']);
      assert.deepEqual(spans('市委书记钟立新主持会议并讲话。', ['person']), ['person[钟立新]']);
      assert.deepEqual(spans('驻村第一书记司马宏伟来自山东。', ['person']), ['person[司马宏伟]']);
      assert.deepEqual(spans('巴特尔的妻子萨仁笑着说，日子好了。', ['person']), ['person[萨仁]']);
    });

    it('reads bylines and contact lines with a space or colon after the role (（记者 于文静、胡璐）, 联系人：刘洋)', () => {
      assert.deepEqual(spans('（记者 于文静、胡璐）', ['person']), ['person[于文静]', 'person[胡璐]']);
      assert.deepEqual(spans('（记者 王立彬）', ['person']), ['person[王立彬]']);
      assert.deepEqual(spans('联系人：刘洋，联系电话：010-68205235', ['person']), ['person[刘洋]']);
      assert.deepEqual(spans('广州市发展和改革委员会二级巡视员何小兵通报了情况。', ['person']), ['person[何小兵]']);
      assert.deepEqual(spans('审计署审计长侯凯6月25日作报告。', ['person']), ['person[侯凯]']);
      assert.deepEqual(spans('民兵符宏光。他所在的哨所', ['person']), ['person[符宏光]']);
      // a place inside a name after its surname gives way to the name (何|亚东 is not 亚东县)
      assert.deepEqual(spans('增长11.4%。何亚东表示，商务部将会同各地', ['person', 'place']), ['person[何亚东]']);
    });

    it('takes four-character Yi and Tibetan names whole (吉克阿依, 白玛多吉)', () => {
      assert.deepEqual(spans('村民吉克阿依一边装袋一边算账。', ['person']), ['person[吉克阿依]']);
      assert.deepEqual(spans('镇党委书记白玛多吉介绍，全镇发展民宿。', ['person']), ['person[白玛多吉]']);
      assert.deepEqual(spans('村民王建国说，日子好了。', ['person']), ['person[王建国]']);
    });

    it('takes the names of a list both ways (记者王琳、陈晨; 刘海洋、孙立平、谢天等同志)', () => {
      assert.deepEqual(spans('刘海洋、孙立平、谢天等同志结合分管工作作了发言。', ['person']), ['person[刘海洋]', 'person[孙立平]', 'person[谢天]']);
    });

    it('takes the next name of a list of names (记者王琳、陈晨), and cuts a cue it took in (陈晨|报道)', () => {
      assert.deepEqual(spans('（记者王琳、陈晨）', ['person']), ['person[王琳]', 'person[陈晨]']);
      assert.deepEqual(spans('记者陈晨报道。', ['person']), ['person[陈晨]']);
    });

    it('does not take words, places or organs before a speech verb for names', () => {
      for (const text of ['，党委书记介绍，', '他高兴地说', '，许多人说，', '有关负责人介绍', '，全党同志要', '，张家口介绍，', '，江苏表示，', '，钱多说，', '老人笑着说。', '“司马书记干实事', '。孙子说，', '让党员、干部知敬畏、存戒惧', '高级干部严于律己、严负其责']) {
        assert.deepEqual(spans(text, ['person']), [], text);
      }
    });

    it('joins a given name the tokenizer took for a place or word after a role (何亚东, 王思明)', () => {
      assert.deepEqual(spans('商务部新闻发言人何亚东在例行新闻发布会上说', ['person']), ['person[何亚东]']);
      assert.deepEqual(spans('优秀教师王思明同志', ['person', 'place']), ['person[王思明]']);
    });

    it('finds names after a post that the tokenizer glued to the next word (调研员曹文秀以…, 总经理蒋中|良将…)', () => {
      assert.deepEqual(spans('开发区管委会二级调研员曹文秀以快递等方式违规收受礼品。', ['person']), ['person[曹文秀]']);
      assert.deepEqual(spans('个人数字金融部总经理蒋中良将个人旅游费用由下属支付。', ['person']), ['person[蒋中良]']);
      assert.deepEqual(spans('书记张三都是这样做的。', ['person']), ['person[张三]']);
    });

    it('finds names with rarer surnames after a post (一级调研员忻元庆, 代区长 萨国文)', () => {
      assert.deepEqual(spans('监督管理处原处长、一级调研员忻元庆违规收受礼金。', ['person']), ['person[忻元庆]']);
      assert.deepEqual(spans('呼伦贝尔市海拉尔区人民政府代区长 萨国文', ['person']), ['person[萨国文]']);
    });

    it('reads a signature with two ideographic spaces and a name the tokenizer cut into characters (区长　　杨/国/宏)', () => {
      assert.deepEqual(spans('海拉尔区人民政府区长　　杨国宏', ['person']), ['person[杨国宏]']);
    });

    it('does not mark surname + honorific (李先生, 张女士)', () => {
      assert.deepEqual(spans('牧民李先生告诉记者，工作人员张女士介绍', ['person']), []);
      assert.deepEqual(spans('张先生和王女士夫妇在社区食堂吃上了热乎饭。', ['person']), []);
    });

    it('does not take common words after weak cues for names', () => {
      for (const text of [
        '极大地增强了中华民族的向心力和凝聚力。',
        '培养造就大批德才兼备的高素质人才。',
        '淘汰黄标车和老旧车380万辆。',
        '注重人文关怀和心理疏导。',
        '中韩建交为促进两国关系作出贡献。',
        '取消123项职业资格许可和认定事项。',
        '选拔妇女干部、少数民族干部和非党干部。',
        '各级党委和政府要把就业摆在突出位置。',
        '党要管党、从严治党。',
        '为群众解难题办实事。',
      ]) {
        assert.deepEqual(entities(text, 'person'), [], text);
      }
    });
  });

  it('an organ that starts inside a named organization wins (联合|国家卫生健康委 is not 联合国)', () => {
    const found = annotator.annotate('国家中医药管理局联合国家卫生健康委印发通知。');
    assert.ok(found.some((e) => e.type === 'department' && e.canonical === '国家卫生健康委员会'), JSON.stringify(found));
    assert.ok(!found.some((e) => e.text === '联合国'));
    assert.ok(annotator.annotate('联合国粮农组织发布报告。').some((e) => e.type === 'organization' && e.text.startsWith('联合国')));
  });
});
