// Departments, places and organizations: dictionary anchors (organs,
// organizations, places from the gazetteer) grown by rules for how Chinese
// organ and institution names are built (place + organ suffix, organ +
// sub-unit, name + institution suffix + branch), checked against the
// tokenizer's word boundaries so that a name never starts or ends inside a
// word (科技部门 is not 科技部).
import { Gazetteer, gazetteer as sharedGazetteer, type OrganInfo, type PlaceChain } from './gazetteer';
import { MaskTrie } from '../text/trie';
import type { Entity, Token } from '../types';
import { firstStartingFrom, tokenCovering } from '../text/search';
import { splitCoordinatedSubunits } from './coordination';
import { Occupancy } from './spans';
import type { UserWord } from '../tokenizer/jieba';
import { charSet, isHanAt, isIn } from '../text/charClass';

/** Characters a name never spans. */
const BREAK = /[\s，。、；：！？,.;:!?（）()“”"‘’'《》〈〉「」『』【】[\]—…·\u3000\u200b]/;

/** Parts of speech a place name never starts with (jieba tags: verbs, adverbs, prepositions, conjunctions, particles, pronouns, numerals, measure words, adjectives). */
const NOT_PLACE_START_TAGS = new Set('v vd vn vg d dg p c u ud ug uj ul uv uz r rg rr rz m mq q a ad ag y e o k h'.split(' '));
/** Tags of words that may begin an organization without a dictionary anchor: unknown (x) or proper (nz, nrt) words, or nouns before a legal form (…有限公司). */
const UNANCHORED_PROPER_TAGS = new Set(['x', 'nz', 'nrt']);
const UNANCHORED_NOUN_TAGS = new Set(['nt', 'nr', 'nrfg', 'n', 'ns', 'j', 'vn']);

/** Longest sub-unit or local-organ tail tried after an anchor (characters). */
const MAX_TAIL = 24;

/** Words that show a clause has started, so a name cannot run through them. */
const PREDICATE = /^(提请|提交|报请|批准|同意|委托|授权|牵头|负责|主办|承办|举行|及其|共同|分别|联合印发|开展|推动|推进|部署|召开|印发|发布|组织|实施|加强|落实|深入|学习|贯彻|通过|制定|出台|建立|健全|完善|坚持|聚焦|围绕|按照|结合|会同|联合|指导|督促|要求|提出|强调|指出|认真|切实|积极|全面|进一步|持续|扎实|着力|大力|不断|研究|召集|举办|启动|支持|帮助|带领|引导|推广|创建|建设|完成|印制|编制|参加|参与|作出|做好|抓好|发挥|提升|提高|增强|发出|派出|成立|设立|下发|公布|审议|决定|选派|动员|带头|以|为|在|对|向|把|将|于|从|被|和|与|及|等|是|有|的|了|也|都|又|还|就|各|该|其)$/;

/** Titles and roles written right after an organ's name (…县委书记, …部部长): a name never runs into them, and may end inside a word they start. */
const TITLE_WORD = /^(?:副|常务副)?(?:书记|部长|局长|司长|厅长|处长|科长|主任|秘书长|主席|委员长|县长|市长|省长|区长|镇长|乡长|州长|旗长|盟长|院长|检察长|行长|署长|总理|组长|队长|站长|所长|负责人|负责同志|发言人|新闻发言人|常委|委员|干部|领导|班子|成员|工作人员|一级巡视员|二级巡视员|巡视员)$/;
const TITLE_AFTER = /^(?:副|常务副|党组|党委)?(?:书记|常委|委员|部长|局长|司长|厅长|处长|主任|秘书长|主席|委员长|县长|市长|省长|区长|镇长|乡长|州长|旗长|院长|检察长|行长|署长|负责人|负责同志|发言人|新闻发言人|工作人员|干部|班子|领导|全会|全体会议|常委会议|第[一二三四五六七八九十]+次|十[一二三四五六七八九]?届|[一二三四五六七八九]届)/;

/** A post written after an organ's name, formerly held (原党组书记) or as a member of its Party group (党组成员): not part of the name (its 党组 before 书记 is: 工业和信息化部党组书记). */
const FORMER_POST = /^(?:原(?:党组|党委)?(?:副|常务副)?(?:书记|成员|委员|常委|主席|主任|副主任|部长|局长|厅长|处长|院长|检察长|董事长|总经理|司令员|市长|县长|省长|区长|秘书长|巡视员|调研员|一级|二级|三级|四级)|党组(?=成员)|党组原|党委原)/;

/** Sub-unit suffixes long enough to end a name even inside a word the tokenizer glued on (纪检监察组|对). */
const LONG_SUBUNIT_END = /(?:纪检监察组|直属机关党委|机关党委|领导小组|工作组|协调组|指导组|督导组|巡视组|督察组|办公厅|办公室)$/;

/** Token tags of words that never occur inside a name: prepositions, pronouns, particles, adverbs, interjections. */
const NON_NAME_TAGS = /^(?:p|r|rr|rz|uj|ul|uz|ud|ug|uv|y|e|o|d)$/;
/** Connectives that do occur inside sub-unit names (政策法规与创新体系建设司, 对外投资和经济合作司). */
const NAME_CONNECTIVES = /^(?:与|和|及|暨)$/;
/** Adverbs that open a predicate right after a name (…卫生健康局已印发, …委将). */
const GLUED_ADVERB = /^[已将也还正均都亦]$/;
/** Words naming what a sub-unit does, which also read as verbs (政策研究司, 合作经济指导司): inside a name only right before its unit. */
const UNIT_ACTIVITY = /^(?:研究|指导|管理|监督|监管|服务|保障|促进|协调|规划|建设|发展|改革|评估|执法|督察|审查|调查|统计|应急|维护|保护|救助)$/;
/** Units that end a sub-unit's name after such a word. */
const UNIT_END = /^(?:司|局|处|室|中心|所|院|厅|办)$/;

/** Words ending in a sub-unit character that are not sub-units (全局, 格局, 体制机制 …). */
const NOT_SUBUNIT_END = /(?:全局|大局|格局|布局|开局|当局|结局|变局|时局|政局|僵局|新局|危局|骗局|残局|终局|棋局|公司|上司|官司|好处|长处|用处|之处|益处|难处|到处|各处|相处|大厅|餐厅|客厅|展厅|教室|温室|密室|机制)$/;

/** Token tags that may occur inside an organ or institution name. */
const NAME_TAGS = /^(n|nr|nrfg|nrt|ns|nt|nz|vn|j|l|x|eng|m|q|f|s|an|b|ng|nrt|i|zg|g)$/;

/** Institution sub-units and branches that may follow an organization name. */
const ORG_TAIL = /^(?:第[一二三四五六七八九十\d]+)?(?:分行|支行|分公司|子公司|分院|分校|附属[\u4e00-\u9fff]{1,8}医院|(?:附属)?(?:人民|口腔|肿瘤|儿童|妇产|中医|中西医结合|精神|眼科|胸科|传染病|妇幼保健)?医院|医学院|党委|党组|党总支|党支部|团委|工会|突击队|中心|研究所|研究院|实验室|中央)$/;

/** A Party or mass body of an institution glued by the tokenizer to a title after it (党组书记, 党委副书记). */
/** An institution's head noun glued to its head's title by the tokenizer (绍兴市第一|中学校长): the name ends with the institution. */
/** A bank's branch or a company, and a division of it named after it (中国银行浙江省分行|个人数字金融部). */
const DIVISION_HOLDER = /(?:分行|支行|总行|公司|集团)$/;
const DIVISION = /^[\u4e00-\u9fff]{2,8}部$/;
const GLUED_TITLE = /^(中学|小学|学校|医院|学院|大学|幼儿园|图书馆|博物馆|纪念馆|公司|集团)(?:副|常务副)?(?:校长|院长|园长|馆长|经理|总经理|董事长|书记|主任)$/;
const GLUED_BODY = /^(党组|党委|党总支|党支部|团委|工会)(?=副?书记|委员|成员|常委)/;
/** Legal company names: a stem of at least two characters and a legal form (华为技术有限公司, 比亚迪股份有限公司). */
const LEGAL_NAME = /^[\u4e00-\u9fff（）()]{2,}(?:有限公司|有限责任公司|股份公司|集团公司|总公司|专业合作社|股份经济合作社|合作联社)$/;
/** Cultural institutions named after a person or place (秦始皇帝陵博物院, 鲁迅纪念馆). */
const MUSEUM_AHEAD = /博物馆|博物院|纪念馆|美术馆|图书馆/;
/** What a farmers' cooperative does, inside its registered name (索玛花马铃薯种植专业合作社). */
const COOPERATIVE_ACTIVITY = /^(?:种植|养殖|加工|销售|生产|营销|储运|运输|农机|植保|经营)$/;
/** First characters that show an unanchored word is clause glue, not a name (这是, 所县, 其所). */
const UNANCHORED_BAD_START = /^[这那是所其各每该本此有的了在和与及或把被对向从为将就都也]/;
/** Unanchored words that are generic modifiers or set phrases, not names (普惠性, 党和国家, 现代化). */
const UNANCHORED_BAD_WORD = /(?:性|型|化|式|级|类|党和国家|国家|全国|地方|基层|农村|城市|乡镇)$|^(?:党和国家|全国|地方|基层|农村|城市|乡镇|县级|市级|省级)/;
/** Words ending in 所 that name an institution (研究所, 派出所, 律师事务所); 其所, 场所 do not. */
const INSTITUTE_SUFFIX = /(?:研究|派出|事务|诊|设计|检测|检验|测绘|卫生|保健|服务|管理|托儿|交易|供电|养护|疗养|看守|戒毒|拘留|监测|气象|水文|司法|财政|林业|农技|兽医)所$/;
/** 中心 as a status, not an institution (国际金融中心, 城市副中心, 工作中心). */
const STATUS_CENTRE = /(?:金融|贸易|航运|消费|经济|政治|交往|科技创新|科创|创新|工作|国家|区域|副|制造|物流枢纽|枢纽|文化)中心$/;
/** Service and research centres that are institutions even without a known anchor. */
const SERVICE_CENTRE = /(?:服务|研究|科技|大数据|疾控|检测|监测|检验|指挥|培训|交易|调度|救助|康复|急救|孵化|会展|融媒体|数据|信息|技术|医疗|体检|供电|供水|管理|保障|评估|认证|志愿|养老|托育|妇幼|血液|政务|便民|党群|文明实践|综治|调解|眼科)中心$/;

/** Counts, kinds and relations inside a phrase with an institution's head, or an adverb before it: not a name (几个大型露天煤矿, 三大化纤厂, 矿务局所属煤矿, 只及吉林糖厂). */
const COUNTED = /(?:几|若干|多个|各个|[一二两三四五六七八九十百千]大|[一二两三四五六七八九十百千\d]+个|一批|一些|所属|下属)|^[只仅就才也都还又]/;
/** Heads of works and mines: named after their place (吉林肥料厂, 阿干镇煤矿), never by a kind alone (露天煤矿, 滚珠轴承厂). */
const WORKS = /(?:厂|煤矿)$/;

/** Anchored organization suffixes that need a proper name before them. */
const ORG_SUFFIX_RE =
  /(职业技术学院|大学|学院|中学|小学|中心学校|幼儿园|医院|卫生院|银行|分行|支行|集团|公司|分公司|基金会|协会|学会|研究会|联合会|商会|校友会|研究院|研究所|研究中心|实验室|报社|日报社|杂志社|出版社|电视台|广播电台|合作社|养老院|敬老院|福利院|老年公寓|党支部|党委|突击队|中心|所|妇联|总工会|团委|科协|残联|工商联|文联|侨联|红十字会|作协|党校|博物馆|博物院|纪念馆|美术馆|图书馆|科技馆|日报|晚报|热电厂|电厂|水厂|制药厂|厂|煤矿|产业园|示范园|纪念园|工业园|科技园|物流园|创业园|航空港|综合体)$/;

/** Countries (places; a city of one may follow its name: 俄罗斯赤塔市, 蒙古国乌兰巴托). */
const COUNTRIES = [
  '美国', '日本', '韩国', '朝鲜', '俄罗斯', '英国', '法国', '德国', '意大利', '西班牙', '葡萄牙', '希腊', '荷兰', '比利时', '瑞士', '瑞典', '挪威', '芬兰', '丹麦', '波兰',
  '奥地利', '匈牙利', '捷克', '塞尔维亚', '乌克兰', '白俄罗斯', '土耳其', '伊朗', '伊拉克', '沙特阿拉伯', '沙特', '阿联酋', '以色列', '巴勒斯坦', '埃及', '南非', '尼日利亚',
  '埃塞俄比亚', '肯尼亚', '坦桑尼亚', '阿尔及利亚', '摩洛哥', '印度', '巴基斯坦', '孟加拉国', '斯里兰卡', '尼泊尔', '阿富汗', '哈萨克斯坦', '乌兹别克斯坦', '吉尔吉斯斯坦',
  '塔吉克斯坦', '土库曼斯坦', '蒙古国', '越南', '老挝', '柬埔寨', '泰国', '缅甸', '马来西亚', '新加坡', '印度尼西亚', '印尼', '菲律宾', '文莱', '澳大利亚', '新西兰',
  '加拿大', '墨西哥', '巴西', '阿根廷', '智利', '秘鲁', '古巴', '委内瑞拉', '哥伦比亚',
];

/** Regions and countries that are places but not administrative divisions. */
const EXTRA_PLACES = [
  '中国', '中华人民共和国', '华北', '华东', '华南', '华中', '西南', '西北', '东北', '东北三省', '东北地区', '京津冀', '长三角', '珠三角',
  '长江三角洲', '珠江三角洲', '粤港澳大湾区', '长江经济带', '黄河流域', '长江流域', '黄淮', '江淮', '成渝', '雄安新区', '浦东新区', '滨海新区',
  '两江新区', '海南自由贸易港', '香港特区', '澳门特区', '台湾地区', '上海自贸试验区临港新片区', '临港新片区', '中西部', '东中西部', '三北', '青藏高原', '黄土高原', '西部地区', '中部地区', '东部地区',
  '亚洲', '欧洲', '非洲', '拉丁美洲', '拉美', '北美', '中东', '东南亚', '中亚', '南亚', '东盟',
  ...COUNTRIES,
  // world regions
  '东亚', '东北亚', '西亚', '北非', '东欧', '西欧', '中东欧', '南美', '南美洲', '北美洲', '大洋洲', '亚太',
  // economic and natural regions
  '泛珠三角', '环渤海', '北部湾', '海峡西岸', '东中部', '北方地区', '南方地区', '三江源', '汾渭平原', '华北平原', '东北平原', '中关村',
  // rivers, lakes, seas, mountains
  '长江', '黄河', '珠江', '淮河', '海河', '辽河', '松花江', '澜沧江', '雅鲁藏布江', '太湖', '洞庭湖', '鄱阳湖', '巢湖', '滇池', '洱海',
  '渤海', '黄海', '东海', '南海', '台湾海峡', '南海诸岛', '三峡库区', '三峡水库', '太湖流域', '珠江流域', '淮河流域', '海河流域', '秦岭', '祁连山', '大兴安岭', '小兴安岭', '长白山', '太行山', '武夷山',
];

/** Macro-regions among EXTRA_PLACES: places, but never the first part of an institution's name. */
const REGION_RE = /(?:部|地区|三角|三角洲|经济带|流域|湾区|高原|三北|东北|西北|西南|华北|华东|华南|华中|京津冀|成渝|黄淮|江淮|长三角|珠三角|东北三省)$/;

/** A county's organ written after its name (昭觉|县委, 于都|县政府): only then is a name read where the tokenizer saw a verb. */
const COUNTY_ORGAN_AHEAD = /(?:县|市|区|旗)(?:委|政府|人民政府|纪委|人大)/;
/** A university's or college's name. */
const UNIVERSITY = /(?:大学|学院)$/;
/** Names the tokenizer may know as institutions (nt): universities, colleges, hospitals. */
const KNOWN_INSTITUTION = /(?:大学|学院|医院)$/;
/** Kinds of universities and hospitals, not names (重点大学, 老年大学, 中医医院, 公立医院). */
const GENERIC_INSTITUTION = /^(?:重点|一流|名牌|开放|老年|广播电视|电视|普通|综合|研究型|地方|高水平|高等|职业|技术|职业技术|社区|网络|函授|成人|民办|公办|党校|干部|医科|理工|师范|农业|工业|商学|法学|医学|文学|美术|音乐|体育|中医|公立|人民|专科|妇幼|儿童|定点|哨点|乡镇|县级|市级|基层|民营|私立|村|精神病|传染病|中心)(?:大学|学院|医院)$/;
/** Level characters that stand for "this province's, this city's …" before an organ's short name (省发展改革委). */
const LEVEL_CHARS = charSet('省市县区州旗');

/** The level word of a village or community named alone. */
const VILLAGE_RE = /村|社区|嘎查/g;
/** A village's own bodies right after its name, with their full names (a village Party branch is a department). */
const VILLAGE_BODY = /^(?:党总支|党支部|党委|村民委员会|村委会|居民委员会|居委会)/;
const BRANCH_TEMPLATES: Record<string, string> = {
  党总支: '中国共产党{place}总支部委员会',
  党支部: '中国共产党{place}支部委员会',
  党委: '中国共产党{place}委员会',
  村民委员会: '{place}村民委员会',
  村委会: '{place}村民委员会',
  居民委员会: '{place}居民委员会',
  居委会: '{place}居民委员会',
};
/** Words after a village's name that show it is one (乌东村|村民, 下姜村|“两委”, 赤溪村|第一书记). */
const VILLAGE_CUE = /^[，,]?(?:村民|居民|牧民|“两委”|两委|第一书记|驻村|工作队|党员|村干部|干部群众|群众|的(?:老党员|党员|村民|居民|村干部|乡亲|群众))/;
/** Kinds of villages, not names (贫困村, 示范村, 全村, 城中村, 一个村). */
const GENERIC_VILLAGE =
  /(?:贫困|示范|重点|行政|自然|新农|空心|城中|边境|传统|文明|美丽|宜居|和美|旅游|特色|明星|先进|样板|试点|脱贫|帮扶|结对|搬迁|移民|民族|老区|偏远|集体|所在|周边|附近|城市|农村|城乡|乡村|和谐|平安|幸福|智慧|数字|绿色|生态|红色|安置|软弱|涣散|薄弱|基层|社区|所在地|个|们|到|回|进|驻|入|去|在|往)$|^(?:驻|全|各|每|本|该|邻|其|此|这|那|一|两|几|多|我|你|他|整|同|外|原)/;

/**
 * Whether the words of a would-be village name [from, nameEnd) and its level word (…levelEnd) show it is
 * a phrase: a word of grammar in the name (p, c, u, r, d, q) or running into it from before (also m, v),
 * or a verb anywhere up to the level word (走进社区, 落实到村, 工作队进村) — except one character before an
 * unknown word, which is part of the name (卖/v 鱼桥/x 社区).
 */
function notVillageName(tokens: readonly Token[], from: number, nameEnd: number, levelEnd: number): boolean {
  for (let k = Math.max(0, tokenCovering(tokens, from)); k < tokens.length && tokens[k].start < levelEnd; k++) {
    const t = tokens[k];
    if (t.end <= from) continue;
    if (t.start < from && /^(?:p|c|u[a-z]?|r|d|m|q)$/.test(t.tag)) return true;
    if (t.start >= from && t.start < nameEnd && /^(?:p|c|u[a-z]?|r|d|q)$/.test(t.tag)) return true;
    // a verb phrase the tokenizer took for a name (努力实现/nr 社区居委会): a policy verb after another word
    if (t.start >= from && t.start < nameEnd && t.word.length > 2 && POLICY_VERB_END.test(t.word)) return true;
    if (/^(?:v|vd|vn)$/.test(t.tag) && !(t.word.length === 1 && tokens[k + 1]?.tag === 'x' && tokens[k + 1].start === t.end)) return true;
  }
  return false;
}

const POLICY_VERB_END = /(?:实现|推进|推动|加强|加快|建立|完善|落实|开展|提升|促进|达到|覆盖|打造|创建|争创|推广|深化|巩固|健全)$/;

/** Institutions that a university has as affiliates (附属翔安医院, 附属中学). */
const AFFILIATED = /(?:医院|中学|小学|学校|幼儿园)/;

/** Dictionary bits in NameRecogniser's trie. */
const ORGAN = 0;
const ORG = 1;
const EXTRA = 2;
const GENERIC = 3;

/** Positions in a line where words start or end. */
interface Positions {
  has(pos: number): boolean;
}

/** Options for NameRecogniser. */
export interface NameRecogniserOptions {
  gazetteer?: Gazetteer;
}

/** Finds departments, places and organizations in one line of text. */
export class NameRecogniser {
  private readonly gaz: Gazetteer;
  /** Organ aliases, organization names, extra places and generic mentions in one trie (bits ORGAN, ORG, EXTRA, GENERIC). */
  private trie?: MaskTrie;
  /** Per dictionary bit, the end of its longest entry at the position last looked up (-1: none). */
  private readonly ends = new Int32Array(4);
  /** Index of the token starting at each position of the current line (-1: none); valid up to the line's length. */
  private tokenIndex = new Int32Array(0);
  /** Buffers reused from line to line: word-boundary flags and token indexes by position. */
  private flagBuffer = new Uint8Array(0);
  private lineLength = 0;
  private indexBuffer = new Int32Array(0);

  constructor(options: NameRecogniserOptions = {}) {
    this.gaz = options.gazetteer ?? sharedGazetteer;
  }

  /** Words for the tokenizer's user dictionary: organs and organizations (nt), places (ns); only those it does not know. */
  dictionaryWords(): UserWord[] {
    const out: UserWord[] = [];
    for (const w of this.gaz.organAliases()) out.push({ word: w, tag: 'nt', onlyUnknown: true });
    for (const w of this.gaz.organizationNames()) out.push({ word: w, tag: 'nt', onlyUnknown: true });
    for (const w of this.gaz.placeNames()) out.push({ word: w, tag: 'ns', onlyUnknown: true });
    for (const w of EXTRA_PLACES) out.push({ word: w, tag: 'ns', onlyUnknown: true });
    return out;
  }

  private tries(): MaskTrie {
    if (this.trie) return this.trie;
    const trie = new MaskTrie();
    for (const w of this.gaz.organAliases()) trie.add(w, ORGAN);
    for (const w of this.gaz.organizationNames()) trie.add(w, ORG);
    for (const w of EXTRA_PLACES) trie.add(w, EXTRA);
    for (const w of this.gaz.genericMentions()) trie.add(w, GENERIC);
    this.trie = trie;
    return trie;
  }

  /** End of the longest entry of dictionary `bit` at `pos` (-1: none). */
  private longest(line: string, pos: number, bit: number): number {
    this.trie!.longestAt(line, pos, this.ends);
    return this.ends[bit];
  }

  /** Index of the token that starts exactly at `pos` in the current line (-1 if none). */
  private tokenAt(pos: number): number {
    return pos >= 0 && pos <= this.lineLength ? this.tokenIndex[pos] : -1;
  }

  /** Recognises names in `line` (no line breaks) given its tokens. */
  recognise(line: string, tokens: readonly Token[]): Entity[] {
    const trie = this.tries();
    // Word boundaries as flags per position (bit 1: a word starts there, bit 2: a word ends there).
    if (this.flagBuffer.length < line.length + 1) {
      this.flagBuffer = new Uint8Array(2 * line.length + 64);
      this.indexBuffer = new Int32Array(2 * line.length + 64);
    }
    const flags = this.flagBuffer.fill(0, 0, line.length + 1);
    flags[line.length] = 2;
    const index = this.indexBuffer.fill(-1, 0, line.length + 1);
    for (let k = 0; k < tokens.length; k++) {
      const t = tokens[k];
      flags[t.start] |= 1;
      flags[t.end] |= 2;
      if (index[t.start] < 0) index[t.start] = k;
    }
    this.tokenIndex = index;
    this.lineLength = line.length;
    const starts: Positions = { has: (p) => (flags[p] & 1) !== 0 };
    const ends: Positions = { has: (p) => (flags[p] & 2) !== 0 };
    const out: Entity[] = [];
    let lastDepartment: Entity | undefined;
    let i = 0;
    while (i < line.length) {
      // Mid-word positions can only start a dictionary name (a long organ or organization name) or 中共….
      const code = line.charCodeAt(i);
      if ((flags[i] & 1) === 0 && !trie.startsWith(code) && code !== 0x4e2d) {
        i++;
        continue;
      }
      if (code < 0x4e00 || code > 0x9fff) {
        i++;
        continue;
      }
      const entity = this.at(line, i, starts, ends, tokens, lastDepartment);
      if (entity) {
        // An affiliated hospital or school named without its university (…与附属翔安医院党委): 附属 is part of the name.
        if (entity.type === 'organization' && entity.start >= 2 && line.startsWith('附属', entity.start - 2) && AFFILIATED.test(entity.text) && (out.length === 0 || out[out.length - 1].end < entity.start - 2)) {
          entity.start -= 2;
          entity.text = line.slice(entity.start, entity.end);
        }
        out.push(entity);
        if (entity.type === 'department') lastDepartment = entity;
      }
      i = this.next;
    }
    if (line.includes('村') || line.includes('社区') || line.includes('嘎查')) this.addVillages(line, starts, tokens, out);
    return withForeignCities(line, tokens, splitCoordinatedSubunits(out, (m) => this.gaz.lookupDepartment(m)));
  }

  /**
   * Villages and communities named without their county or town (驻赛热木村工作队,
   * 乌东村党支部书记, 卖鱼桥社区党委), which no gazetteer lists: X村 / X社区
   * after 驻, or before a word that only follows a place's own name (its Party
   * branch, committee, villagers). X is two to four characters, not a generic
   * word (贫困村, 示范村, 全村) nor a verb phrase (走进社区, 落实到村). Its Party
   * branch or committee is a department.
   */
  private addVillages(line: string, starts: Positions, tokens: readonly Token[], out: Entity[]): void {
    const found: Entity[] = [];
    // out's names by start (a village looks only at its neighbours, not at every name: issue 13), those given way marked
    const byStart = new Map<number, Entity[]>();
    let longest = 0;
    for (const e of out) {
      (byStart.get(e.start) ?? byStart.set(e.start, []).get(e.start)!).push(e);
      longest = Math.max(longest, e.end - e.start);
    }
    const givenWay = new Set<Entity>();
    /** The names of out (not given way) starting in [from, to). */
    const startingIn = function* (from: number, to: number) {
      for (let p = from; p < to; p++) for (const e of byStart.get(p) ?? []) if (!givenWay.has(e)) yield e;
    };
    const villages = new Occupancy(line.length);
    for (const m of line.matchAll(VILLAGE_RE)) {
      const levelEnd = m.index + m[0].length;
      const after = line.slice(levelEnd, levelEnd + 6);
      const branch = VILLAGE_BODY.exec(after);
      if (!branch && !VILLAGE_CUE.test(after) && !line.slice(Math.max(0, m.index - 5), m.index).includes('驻')) continue;
      let start = -1;
      for (const len of [3, 2, 4]) {
        const s = m.index - len;
        if (s < 0) continue;
        const name = line.slice(s, m.index);
        if (!/^[\u4e00-\u9fff]+$/.test(name) || GENERIC_VILLAGE.test(name)) continue;
        const stationed = line[s - 1] === '驻';
        if (!stationed && !(branch || VILLAGE_CUE.test(after))) continue;
        if (!stationed && !starts.has(s)) continue;
        // 村 inside a word of the dictionary (农村, 乡村, 同村) is not a village's level word
        const w = tokens[tokenCovering(tokens, m.index)];
        if (!stationed && w && w.start < m.index && (!/^(?:x|nr|nrt|nrfg|ns|nz)$/.test(w.tag) || w.end > levelEnd)) continue;
        if (notVillageName(tokens, s, m.index, levelEnd)) continue; // 走进|社区, 工作队|进|村
        start = s;
        break;
      }
      if (start < 0) continue;
      const placeEnd = levelEnd;
      const end = branch ? levelEnd + branch[0].length : placeEnd;
      // a shorter name found inside it gives way (鱼桥社区党委 inside 卖鱼桥社区党委), and an organization
      // with the same span (a village's Party branch is a department); anything else wins
      const inside = (e: Entity) => e.start >= start && e.end <= end && (e.end - e.start < end - start || (e.type === 'organization' && !!branch));
      let blocked = false;
      for (const e of startingIn(start - longest + 1, end)) if (e.start < end && start < e.end && !inside(e)) blocked = true;
      if (blocked || villages.overlaps(start, end)) continue;
      for (const e of startingIn(start, end)) if (inside(e)) givenWay.add(e);
      const place = line.slice(start, placeEnd);
      if (branch) {
        const canonical = BRANCH_TEMPLATES[branch[0]].replace('{place}', place);
        found.push({ type: 'department', start, end, text: line.slice(start, end), canonical });
      } else {
        found.push({ type: 'place', start, end: placeEnd, text: place });
      }
      villages.add(start, found[found.length - 1].end);
    }
    if (found.length === 0) return;
    if (givenWay.size > 0) {
      let k = 0;
      for (const e of out) if (!givenWay.has(e)) out[k++] = e;
      out.length = k;
    }
    for (const f of found) out.push(f);
    out.sort((a, b) => a.start - b.start);
  }

  /** Whether `word` is a place, organ or organization the gazetteer knows (张家口, 黄山, 江西). */
  isKnownName(word: string): boolean {
    return this.gaz.lookupPlace(word) !== undefined || this.gaz.lookupOrgan(word) !== undefined || this.gaz.lookupOrganization(word) !== undefined;
  }

  /** Where at() says to look next. */
  private next = 0;

  /** The best name starting at `i` (an ideograph), if any; sets this.next to where to look next. */
  private at(line: string, i: number, starts: Positions, ends: Positions, tokens: readonly Token[], lastDepartment: Entity | undefined): Entity | undefined {
    const code = line.charCodeAt(i);
    const ends_ = this.ends;
    this.trie!.longestAt(line, i, ends_);
    // Generic mentions (有关部门, 科技部门, 各级党委) are skipped whole.
    const genericEnd = ends_[GENERIC];
    const organEnd = ends_[ORGAN];
    const extraEnd = ends_[EXTRA];
    const namedEnd = ends_[ORG];
    const tokenStart = starts.has(i);

    let best: Entity | undefined;
    // 1. A central organ, perhaps with a sub-unit (科技部战略规划司, 海关总署党委); not a province's or city's
    // organ named by its level alone (。省发展改革委: a back-reference with no name of its own, not the national one).
    const levelOnly = i > 0 && isIn(LEVEL_CHARS, line, i - 1) && (i === 1 || !isHanAt(line, i - 2));
    if (organEnd >= 0 && !levelOnly && (tokenStart || organEnd - i >= 3)) {
      const dep = this.growDepartment(line, i, organEnd, ends, tokens);
      // The name must end where a word ends (科技/部门 is not 科技部), unless the organ's name is long and unambiguous.
      if (dep && (ends.has(dep.end) || dep.end - i >= 4)) best = better(dep, best);
    }
    // 1a. The Party's Central Committee named by its term or as the Party's (十九届中央委员会, 党的中央委员会).
    if (organEnd < 0 && code === 0x4e2d && line.startsWith('中央委员会', i) && i > 0 && /[届的党]/.test(line[i - 1])) {
      const info = this.gaz.lookupOrgan('党中央');
      if (info) best = better(department(line, i, i + 5, info), best);
    }
    // 1b. 中共/中国共产党 written before a local Party organ (中共广东省委, 中共富源县委组织部).
    const cpc = code !== 0x4e2d ? 0 : line.startsWith('中国共产党', i) ? 5 : line.startsWith('中共', i) ? 2 : 0;
    if (cpc && (organEnd < 0 || organEnd <= i + cpc)) {
      const parsed = this.gaz.parsePlaceChain(line, i + cpc);
      if (parsed) {
        const local = this.growLocal(line, i + cpc, parsed, ends, tokens);
        if (local?.canonical?.startsWith('中国共产党')) best = better({ ...local, start: i, text: line.slice(i, local.end) }, best);
      }
    }
    // 2. A place chain, perhaps an organ or institution of that place (北京市科委, 富源县委, 西安交通大学).
    if (tokenStart) {
      // A place name is a noun: a chain never starts at a verb, adverb, conjunction… (和|政府, 发展|乡村),
      // which also spares most positions the gazetteer walk.
      const mayStart = this.gaz.placeMayStartAt(line, i);
      const parsed = mayStart && this.mayStartPlace(tokens, i) ? this.gaz.parsePlaceChain(line, i) : undefined;
      const chain = parsed && this.checkTail(line, parsed, starts, tokens);
      if (!chain && mayStart && COUNTY_ORGAN_AHEAD.test(line.slice(i + 1, i + 8))) {
        // a county's name the tokenizer took for a verb still names its organ (昭觉/v 县委)
        const organChain = this.gaz.parsePlaceChain(line, i);
        if (organChain && organChain.text.length >= 3 && /[县市区旗]$/.test(organChain.text)) {
          const local = this.growLocal(line, i, organChain, ends, tokens);
          if (local) best = better(local, best);
        }
      }
      if (chain) {
        const local = this.growLocal(line, i, chain, ends, tokens);
        if (local) best = better(local, best);
        const org = this.growOrganization(line, i, chain.end, ends, tokens);
        if (org) best = better(org, best);
        const place = this.placeEntity(line, chain, ends, tokens);
        if (place) best = better(place, best);
      }
      // 中国 of 中国共产党员 is not the country.
      if (extraEnd >= 0 && ends.has(extraEnd) && !line.startsWith('共产党', extraEnd)) {
        // A region's name with 地区/区域 written after it is one name (长三角地区, 中西部地区, 京津冀区域).
        const area = !/(?:地区|流域)$/.test(line.slice(i, extraEnd)) && /^(?:地区|区域|流域)/.test(line.slice(extraEnd, extraEnd + 2)) && ends.has(extraEnd + 2) ? extraEnd + 2 : extraEnd;
        best = better({ type: 'place', start: i, end: area, text: line.slice(i, area) }, best);
        // regions (中西部, 东部地区, 长三角) do not anchor institutions (中西部乡镇卫生院 is generic), but 西南交通大学 is a name
        const region = REGION_RE.test(line.slice(i, extraEnd));
        if (!region || /大学|学院/.test(line.slice(extraEnd, extraEnd + 10))) {
          const org = this.growOrganization(line, i, extraEnd, ends, tokens);
          if (org && (!region || UNIVERSITY.test(org.text))) best = better(org, best);
        }
      }
    }
    // 3. A named organization (国家电网, 中国农业银行), perhaps with a branch (交通银行大连分行).
    if (namedEnd >= 0 && (tokenStart || namedEnd - i >= 3)) {
      const org = this.growOrganization(line, i, namedEnd, ends, tokens) ?? { type: 'organization' as const, start: i, end: namedEnd, text: line.slice(i, namedEnd) };
      if (!this.organRunsThrough(line, i, org.end)) best = better(org, best);
    }
    // 4. A sub-unit written without its organ, in the text of one (…、政策法规与创新体系建设司).
    if (tokenStart && lastDepartment?.canonical && !best) {
      const unit = this.bareSubunit(line, i, ends, tokens, lastDepartment);
      if (unit) best = better(unit, best);
    }
    // 4a. A university or hospital the tokenizer knows by name (华南理工大学/nt, 湘雅医院/nt), perhaps with its
    // own hospital or Party committee after it (中南大学湘雅医院, 中南大学党委).
    if (tokenStart && !best) {
      const t = tokens[this.tokenAt(i)];
      if (t && t.tag === 'nt' && t.word.length >= 4 && KNOWN_INSTITUTION.test(t.word) && !GENERIC_INSTITUTION.test(t.word) && !this.gaz.isGeneric(t.word)) {
        best = this.growOrganization(line, i, t.end, ends, tokens) ?? { type: 'organization', start: i, end: t.end, text: t.word };
      }
    }
    // 5. An organization built on a proper name (逸家仁老年公寓, 中建玖合…党支部).
    if (tokenStart && !best) {
      const org = this.growOrganization(line, i, i, ends, tokens);
      if (org) best = better(org, best);
    }
    // A generic mention at least as long as the best name wins: nothing is marked there.
    if (genericEnd >= 0 && (!best || genericEnd >= best.end)) {
      this.next = genericEnd;
      return undefined;
    }
    this.next = best ? best.end : i + 1;
    return best;
  }

  /**
   * Whether an organ's name starts inside [start, end) and runs past it:
   * then the shorter organization is a misreading (管理局|联合|国家卫生健康委 is not 联合国).
   */
  private organRunsThrough(line: string, start: number, end: number): boolean {
    for (let j = start + 1; j < end; j++) {
      if (this.longest(line, j, ORGAN) > end) return true;
    }
    return false;
  }

  /** Whether the word at `pos` can begin a place name (by its part of speech). */
  private mayStartPlace(tokens: readonly Token[], pos: number): boolean {
    const k = this.tokenAt(pos);
    return k < 0 || !NOT_PLACE_START_TAGS.has(tokens[k].tag);
  }

  /** Organ at [start, anchorEnd) grown by a sub-unit tail when the gazetteer accepts it. */
  private growDepartment(line: string, start: number, anchorEnd: number, ends: Positions, tokens: readonly Token[]): Entity | undefined {
    const base = this.gaz.lookupDepartment(line.slice(start, anchorEnd));
    let best: { end: number; info: OrganInfo } | undefined = base ? { end: anchorEnd, info: base } : undefined;
    const limit = Math.min(line.length, anchorEnd + MAX_TAIL, tailLimit(line, anchorEnd, tokens));
    for (let e = anchorEnd + 1; e <= limit; e++) {
      if (BREAK.test(line[e - 1])) break;
      // a grown name ends where a word ends, or inside a word that starts a title (科技部党组|书记)
      if (!ends.has(e) && !TITLE_AFTER.test(line.slice(e, e + 6)) && !LONG_SUBUNIT_END.test(line.slice(anchorEnd, e)) && !gluedAdverbAt(line, e, ends)) continue;
      if (line.endsWith('中心', e) && hasVerbToken(tokens, anchorEnd, e)) continue; // …党委打造党群服务中心
      const info = this.gaz.lookupDepartment(line.slice(start, e));
      if (info) best = { end: e, info };
    }
    if (!best) return undefined;
    return department(line, start, best.end, best.info);
  }

  /** A local organ: place chain + organ suffix (+ sub-unit). */
  private growLocal(line: string, start: number, chain: PlaceChain, ends: Positions, tokens: readonly Token[]): Entity | undefined {
    let best: Entity | undefined;
    const limit = Math.min(line.length, chain.end + MAX_TAIL, tailLimit(line, chain.end, tokens));
    // The chain may have swallowed the suffix's first character (九江市 + 直机关工委): start a little before its end.
    const first = Math.max(start + 2, chain.end - 1);
    for (let e = first + 1; e <= limit; e++) {
      if (BREAK.test(line[e - 1])) break;
      // a name ends where a word ends, or inside a word that starts a title (富源县委|书记 from 县委书记)
      if (!ends.has(e) && e !== limit && !TITLE_AFTER.test(line.slice(e, e + 6)) && !gluedAdverbAt(line, e, ends)) continue;
      if (line.endsWith('中心', e) && hasVerbToken(tokens, chain.end, e)) continue; // …党委打造党群服务中心
      const info = this.gaz.lookupDepartment(line.slice(start, e));
      if (info && e > chain.end - 1) best = department(line, start, e, info);
    }
    return best;
  }

  /**
   * The chain, without its village tail (…村, …社区, …小区) unless the tail
   * starts at a word and is made of name words (榆阳区深化小区 is 榆阳区).
   */
  private checkTail(line: string, chain: PlaceChain, starts: Positions, tokens: readonly Token[]): PlaceChain {
    if (!chain.tail) return chain;
    const tailStart = chain.end - chain.tail.length;
    let ok = starts.has(tailStart);
    for (let k = this.tokenAt(tailStart); ok && k >= 0 && k < tokens.length && tokens[k].start < chain.end; k++) {
      const t = tokens[k];
      // village names are proper nouns: no verbs, abbreviations (深化/j), adjectives or function words
      // (a single character before an unknown word is part of the name: 卖/v 鱼桥/x 社区)
      const inName = t.word.length === 1 && tokens[k + 1]?.tag === 'x' && tokens[k + 1].start < chain.end;
      if (!inName && (BREAK.test(t.word) || PREDICATE.test(t.word) || /^(v|vd|vn|j|a|ad|an|d|p|c|u|ud|uj|ul|uv|uz|r|m)$/.test(t.tag))) ok = false;
    }
    if (ok) return chain;
    return { ...chain, tail: undefined, end: tailStart, text: line.slice(chain.start, tailStart) };
  }

  /** A place entity for a chain, unless it is too weak to stand alone. */
  private placeEntity(line: string, chain: PlaceChain, ends: Positions, tokens: readonly Token[]): Entity | undefined {
    const single = chain.places.length === 1 && !chain.tail;
    if (!ends.has(chain.end)) {
      const tok = tokens[tokenCovering(tokens, chain.end - 1)];
      // A province-level name glued by the tokenizer to the word after it (香港回归, 台湾同胞).
      const glued = single && chain.places[0].level === 'province' && tok !== undefined && tok.start === chain.start && tok.end - chain.end >= 2 && !/^(?:nt|nz)$/.test(tok.tag);
      if (!glued) {
        // The chain ends inside a word (长海 in 成长海…): accept only full names ending in a level word,
        if (!/(省|市|县|区|州|盟|旗|镇|乡|村|社区|街道|自治区)$/.test(chain.text)) return undefined;
        // and not when that level character starts the next word (宜居|乡村, 北京|市民: only 北京).
        if (tok && tok.start === chain.end - 1 && !chain.tail && tok.tag !== 'x') {
          const shorter = chain.text.slice(0, -1);
          if (ends.has(chain.end - 1) && shorter.length >= 2 && this.gaz.lookupPlace(chain.written[chain.written.length - 1].slice(0, -1))) {
            return { type: 'place', start: chain.start, end: chain.end - 1, text: shorter };
          }
          return undefined;
        }
      }
    }
    if (single) {
      const p = chain.places[0];
      const written = chain.written[0];
      if (p.weak && p.name === written) return undefined;
      if (written.length <= 2 && p.ambiguous && p.level !== 'province') return undefined;
      // 城市和县, 省与市: a two-character name that starts with a conjunction, inside running text
      if (written.length === 2 && /^[和与及同或]/.test(written) && chain.start > 0 && /[\u4e00-\u9fff]/.test(line[chain.start - 1])) return undefined;
    }
    return { type: 'place', start: chain.start, end: chain.end, text: chain.text };
  }

  /**
   * An organization: [anchor) then name tokens up to an institution suffix,
   * then optional branches (分行, 党委, 第八党支部 …). With no anchor
   * (start === anchorEnd) the name must begin with a proper-name token.
   */
  private growOrganization(line: string, start: number, anchorEnd: number, ends: Positions, tokens: readonly Token[]): Entity | undefined {
    let k = this.tokenAt(anchorEnd);
    let pos = anchorEnd;
    if (k < 0) {
      // The tokenizer kept the anchor and the rest as one word (北京协和医院): start from that word.
      k = this.tokenAt(start);
      if (k < 0 || start === anchorEnd || tokens[k].end <= anchorEnd) return undefined;
      pos = start;
    }
    // Without an anchor, only a legal company name (…有限公司) may start with an ordinary word (比亚迪/nr 股份有限公司).
    let legalOnly = false;
    if (start === anchorEnd) {
      const t = tokens[k];
      // jieba's own nt words are often generic (中医医院, 施工队), so only unknown (x) or proper (nz, nrt) words anchor
      const proper = UNANCHORED_PROPER_TAGS.has(t.tag);
      if (!proper && !UNANCHORED_NOUN_TAGS.has(t.tag)) return undefined;
      if (t.word.length < 2 || !/^[\u4e00-\u9fff]+$/.test(t.word)) return undefined;
      let museum = false;
      if (!proper) {
        const company = line.slice(start, start + 42).includes('公司');
        // a cooperative named without a proper word needs a place's or person's name first (发展|农民专业合作社 is a kind)
        const cooperative = !company && /^(?:ns|nr|nrfg|nt|j)$/.test(t.tag) && line.slice(start, start + 27).includes('合作社');
        // and a museum or library named after a person or place (秦始皇/nr 帝陵 博物院)
        museum = !company && !cooperative && /^(?:ns|nr|nrfg|nt)$/.test(t.tag) && MUSEUM_AHEAD.test(line.slice(start, start + 14));
        if (!company && !cooperative && !museum) return undefined; // cheap reject: no company, cooperative or museum name ahead
      }
      // nor words that are clause glue or generic modifiers (这是, 所县, 普惠性, 党和国家)
      if (UNANCHORED_BAD_START.test(t.word) || UNANCHORED_BAD_WORD.test(t.word)) return undefined;
      if (!proper) {
        // and only where a name can begin: not in the middle of a longer name the tokenizer broke up (…综合性能|检测有限公司)
        if (start > 0 && /[\u4e00-\u9fff]/.test(line[start - 1]) && !/[与和及同由向在对被是为让把将从经的了]/.test(line[start - 1])) return undefined;
        legalOnly = !museum;
      }
    }
    // a known organization is a name of its own: branches may follow it directly (农工党中央, 中国科协党组)
    let end = start < anchorEnd && this.longest(line, start, ORG) === anchorEnd ? anchorEnd : -1;
    for (; k < tokens.length && tokens[k].start === pos && pos - start <= 40; k++) {
      const t = tokens[k];
      // a Party body glued to a title (中国科协|党组书记, …医院|党委副书记): the name ends with the body
      const body = end >= 0 && t.start === end ? GLUED_BODY.exec(t.word) : null;
      if (body) {
        end = t.start + body[1].length;
        break;
      }
      const titled = t.start > start ? GLUED_TITLE.exec(t.word) : null;
      if (titled) {
        const e = t.start + titled[1].length;
        if (!this.gaz.isGeneric(line.slice(anchorEnd, e)) && t.start - start >= 2) end = e;
        break;
      }
      if (!this.nameToken(t)) break;
      pos = t.end;
      const text = line.slice(start, pos);
      if (ORG_SUFFIX_RE.test(text) && !this.gaz.isGeneric(line.slice(anchorEnd, pos)) && this.suffixOk(line, start, anchorEnd, pos, t)) {
        // the part before the suffix must carry a name of its own
        const suffix = ORG_SUFFIX_RE.exec(text)![1];
        if (pos - suffix.length > start && (start < anchorEnd || pos - suffix.length - start >= 2)) end = pos;
      } else if (end >= 0 && (ORG_TAIL.test(line.slice(end, pos)) || (DIVISION_HOLDER.test(line.slice(start, end)) && DIVISION.test(line.slice(end, pos))))) end = pos;
    }
    if (legalOnly && end >= 0 && !LEGAL_NAME.test(line.slice(start, end))) {
      // keep the legal name only, dropping branches after it
      end = -1;
      for (let e = pos; e > start; e--) if (LEGAL_NAME.test(line.slice(start, e)) && ends.has(e)) { end = e; break; }
    }
    if (end < 0 || end <= anchorEnd && start < anchorEnd && this.longest(line, start, ORG) < 0) return undefined;
    if (end <= anchorEnd) return undefined;
    // a count or a kind is no name (内蒙古几个大型露天煤矿, 四川三大化纤厂)
    if (COUNTED.test(line.slice(start, end))) return undefined;
    if (start === anchorEnd && WORKS.test(line.slice(start, end))) return undefined;
    return { type: 'organization', start, end, text: line.slice(start, end) };
  }

  /**
   * Whether the institution suffix ending at `pos` (in token `t`) really ends
   * a name: 所 only as part of a word (研究所, 派出所) or after a number (31所);
   * 中心 not as a status (金融中心, 副中心, 工作中心), and without an anchor
   * only for service centres (政务服务中心).
   */
  private suffixOk(line: string, start: number, anchorEnd: number, pos: number, t: Token): boolean {
    const text = line.slice(start, pos);
    if (text.endsWith('所')) return /[0-9０-９]/.test(line[pos - 2] ?? '') || (t.word !== '所' && INSTITUTE_SUFFIX.test(t.word));
    if (text.endsWith('中心')) {
      if (STATUS_CENTRE.test(text)) return false;
      if (start === anchorEnd && !SERVICE_CENTRE.test(text)) return false;
    }
    return true;
  }

  /**
   * Whether a token can be part of an institution's name: a noun-like tag
   * (jieba's tags are unreliable inside names: 大连/d 分行/v), a place, or a
   * suffix word; never punctuation or a clause's verb.
   */
  private nameToken(t: Token): boolean {
    if (BREAK.test(t.word)) return false;
    if (ORG_SUFFIX_RE.test(t.word) && ORG_SUFFIX_RE.exec(t.word)![1] === t.word) return true;
    if (ORG_TAIL.test(t.word)) return true;
    if (this.gaz.lookupPlace(t.word)) return true;
    if (!NAME_TAGS.test(t.tag)) return COOPERATIVE_ACTIVITY.test(t.word); // 索玛花马铃薯|种植|专业合作社
    return !(t.tag !== 'vn' && PREDICATE.test(t.word));
  }

  /** A ministry's sub-unit named alone after a mention of that ministry (…、政策法规与创新体系建设司). */
  private bareSubunit(line: string, start: number, ends: Positions, tokens: readonly Token[], last: Entity): Entity | undefined {
    if (start - last.end > 60) return undefined;
    const prev = line[start - 1];
    if (start > 0 && !BREAK.test(prev)) return undefined;
    let k = this.tokenAt(start);
    if (k < 0) return undefined;
    for (let pos = start; k < tokens.length && tokens[k].start === pos && pos - start < 16; k++) {
      const t = tokens[k];
      if (BREAK.test(t.word) || TITLE_WORD.test(t.word)) return undefined;
      if (!NAME_CONNECTIVES.test(t.word) && (PREDICATE.test(t.word) || NON_NAME_TAGS.test(t.tag))) return undefined;
      // a level word alone starts another organ (…来源于|市|水利局), and …于 verbs end a clause's subject, not a unit's name
      if (/^[省市县区州旗镇乡]$/.test(t.word) || /^[\u4e00-\u9fff]+于$/.test(t.word)) return undefined;
      pos = t.end;
      if (/[司局]$/.test(t.word) && t.word.length >= 2 && pos - start >= 4 && (pos >= line.length || BREAK.test(line[pos])) && !NOT_SUBUNIT_END.test(line.slice(start, pos))) {
        return { type: 'department', start, end: pos, text: line.slice(start, pos), canonical: last.canonical, parent: last.canonical };
      }
    }
    return undefined;
  }
}

const COUNTRY_SET = new Set(COUNTRIES);
/** Tags of the words of a foreign city's name (赤塔/n before 市, 乔巴山/nr, 乌兰巴托/nrt, unknown x). */
const FOREIGN_NAME_TAGS = /^(?:n|nr|nrt|nrfg|ns|nz|x)$/;

/**
 * A country's name followed by one of its cities is one place (俄罗斯赤塔市,
 * 蒙古国乌兰巴托): two to five characters of name words after the country,
 * ending in 市 / 州 / 省, or a proper name before a list's separator or the
 * end of the clause (柬埔寨人民 and 美国侵略者 are no cities).
 */
function withForeignCities(line: string, tokens: readonly Token[], entities: Entity[]): Entity[] {
  for (let n = 0; n < entities.length; n++) {
    const e = entities[n];
    if (e.type !== 'place' || !COUNTRY_SET.has(e.text)) continue;
    let k = firstStartingFrom(tokens, e.end);
    let pos = e.end;
    let end = -1;
    for (; k < tokens.length && tokens[k].start === pos && pos - e.end <= 5; k++) {
      const t = tokens[k];
      if (!/^[\u4e00-\u9fff]+$/.test(t.word) || (!FOREIGN_NAME_TAGS.test(t.tag) && t.word !== '市') || PREDICATE.test(t.word)) break;
      pos = t.end;
      const len = pos - e.end;
      // with a level word (赤塔市), or a proper name alone (乌兰巴托/nrt; not 人民/n, 问题/n)
      const named = /[市州省]$/.test(t.word) || (/^(?:nr|nrt|nrfg|ns|nz)$/.test(t.tag) && /^(?:$|[、，,。；;和与及）)])/.test(line.slice(pos, pos + 1)));
      if (len >= 2 && len <= 6 && named) end = pos;
    }
    const next = entities[n + 1];
    if (end < 0 || (next && next.start < end)) continue;
    entities[n] = { ...e, end, text: line.slice(e.start, end) };
  }
  return entities;
}

function department(line: string, start: number, end: number, info: OrganInfo): Entity {
  const e: Entity = { type: 'department', start, end, text: line.slice(start, end), canonical: info.canonical };
  if (info.parent) e.parent = info.parent;
  return e;
}

/**
 * Where a name's tail that starts at `from` must stop: at the first word that
 * cannot be inside a name (a clause's verb, a title such as 部长 or 书记, a
 * preposition, pronoun, particle or adverb). Tokens starting before `from` are
 * not looked at.
 */
function tailLimit(line: string, from: number, tokens: readonly Token[]): number {
  let k = firstStartingFrom(tokens, from);
  for (let n = 0; k < tokens.length && n < 12; k++, n++) {
    const t = tokens[k];
    if (t.start - from > MAX_TAIL) break;
    if (BREAK.test(t.word[0])) return t.start;
    // a post held there, or formerly held, ends the name (政协|原党组书记, 人大常委会|党组成员)
    if (FORMER_POST.test(line.slice(t.start, t.start + 8))) return t.start;
    if (NAME_CONNECTIVES.test(t.word)) {
      // another organ or place begins after the conjunction (吐鲁番市统计局和|国家统计局): two names, not one
      if (k + 1 < tokens.length && /^(?:nt|ns)$/.test(tokens[k + 1].tag)) return t.start;
      continue;
    }
    if (PREDICATE.test(t.word) || TITLE_WORD.test(t.word) || NON_NAME_TAGS.test(t.tag)) {
      if (UNIT_ACTIVITY.test(t.word) && k + 1 < tokens.length && UNIT_END.test(tokens[k + 1].word)) continue; // 政策研究|司
      if (t.word === '干部' && k + 1 < tokens.length && /^[\u4e00-\u9fff]{0,4}(?:局|处|室)$/.test(tokens[k + 1].word)) continue; // 中央组织部干部|教育局
      return t.start;
    }
  }
  return line.length;
}

/** An adverb the tokenizer glued to the end of a name (卫生健康局|已 came out as 局已): the name may end before it. */
function gluedAdverbAt(line: string, e: number, ends: Positions): boolean {
  return GLUED_ADVERB.test(line[e] ?? '') && ends.has(e + 1) && !ends.has(e);
}

/** Whether a verb token lies inside [from, to): a sub-unit named …中心 has none (政务服务中心, not 打造党群服务中心). */
function hasVerbToken(tokens: readonly Token[], from: number, to: number): boolean {
  for (let k = firstStartingFrom(tokens, from); k < tokens.length && tokens[k].start < to; k++) if (tokens[k].tag === 'v') return true;
  return false;
}

function rank(e: Entity): number {
  return e.type === 'department' ? 0 : e.type === 'organization' ? 1 : 2;
}

/** The better of a candidate and the best so far: the longer; on equal ends, departments before organizations before places; on a tie, the earlier found. */
function better(c: Entity | undefined, best: Entity | undefined): Entity | undefined {
  if (!c) return best;
  if (!best || c.end > best.end || (c.end === best.end && rank(c) < rank(best))) return c;
  return best;
}


