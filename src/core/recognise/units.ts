// The classifiers and measure units quantities end with (名, 件, 亿元, 个百分点 …),
// each with the characters after it that show it is the start of a word instead.
import { codeAt } from '../text/charClass';

/**
 * Classifiers and measure units, each with the characters that, written right
 * after it, show that it is the first character of a word instead (三部门:
 * 部门, not 部; 14亿人民: 人民, not 人). Longer units win (人次 over 人, 个月
 * over 个). 月 and 日 are not units (11月, 25日 are dates; 两个月 is 个月).
 */
const UNIT_TABLE: [string, string][] = [
  // metric units in Latin letters (135m, 50km)
  ['km', ''],
  ['kg', ''],
  ['cm', ''],
  ['mm', ''],
  ['kWh', ''],
  ['kW', ''],
  ['MW', ''],
  ['GW', ''],
  ['ha', ''],
  ['m', ''],
  ['t', ''],
  // counts of people, things, events
  ['名', '单义誉称额字牌片列'],
  ['个', '性别案税'],
  ['个百分点', ''],
  ['个月', ''],
  ['个工作日', ''],
  ['个季度', ''],
  ['个小时', ''],
  ['个星期', ''],
  ['个年头', ''],
  ['个世纪', ''],
  ['件', ''],
  ['件次', ''],
  ['项', '目'],
  ['款', '项式'],
  ['支', '持付出柱撑援配'],
  ['人', '民才口员均类士大群们家心物格生事工造为文权'],
  ['人次', ''],
  ['人日', ''],
  ['次', '要序贷生产'],
  ['户', '籍口外型主'],
  ['户次', ''],
  ['家', '庭园长乡属门电务政具族国'],
  ['所', '有以在得属谓长'],
  ['座', '谈位右'],
  ['座次', ''],
  ['省', '份钱力心事级委政长际内外会直属部区市'],
  ['省份', ''],
  ['条', '件例款约文'],
  ['种', '植子养类'],
  ['批', '准复示评发判量'],
  ['批次', ''],
  ['场', '所景地馆合面域'],
  ['场次', ''],
  ['期', '间待望盼限货刊'],
  ['篇', '章'],
  ['章', '程节法'],
  ['列', '车入为举出席宁强支表明'],
  ['段', '落时位'],
  ['班次', ''],
  ['车次', ''],
  ['辆次', ''],
  ['本', '地届级着身质领科土色源来'],
  ['部', '门委署分长队署位'],
  ['册', ''],
  ['台', '湾阶风账商胞'],
  ['台次', ''],
  ['台套', ''],
  ['辆', ''],
  ['架', '构势设'],
  ['架次', ''],
  ['艘', ''],
  ['艘次', ''],
  ['只', '有是能要会在好争不'],
  ['头', '号脑等条'],
  ['株', ''],
  ['棵', ''],
  ['处', '理置罚于在分事长'],
  ['份', '额子'],
  ['位', '置于居一数列'],
  ['套', '路餐'],
  ['张', '力开扬'],
  ['根', '本据源基治植除'],
  ['块', ''],
  ['片', '区面刻'],
  ['组', '织成建合长委'],
  ['枚', ''],
  ['颗', ''],
  ['粒', ''],
  ['类', '型似别'],
  ['大类', ''],
  ['级', '医甲乙响巡调主预警别中公综应'],
  ['层', '次级面'],
  ['轮', '流换岗车胎椅船'],
  ['起', '来步点草源飞到码诉见航始跑伏'],
  ['例', '如外子行会'],
  ['宗', '教旨'],
  ['笔', '者记试'],
  ['代', '表替价理码化'],
  ['届', ''], // matched only to be rejected: 十九届 is ordinal-like
  ['剂', ''],
  ['剂次', ''],
  ['针', '对'],
  ['栋', ''],
  ['幢', ''],
  ['间', '接断隔'],
  ['口', '岸号罩径碑头腔语'],
  ['门', '类户口'],
  ['帧', ''],
  ['首', '都先次要席批'],
  ['页', ''],
  ['遍', ''],
  ['趟', ''],
  ['番', ''],
  ['倍', ''],
  ['成', '立为果员本效绩就功熟长都交型分套品'],
  // time
  ['年', '级轻华鉴货薪终代规计'],
  ['周年', ''],
  ['周岁', ''],
  ['岁', '月'],
  ['天', '然气下津地空堂才文使赋性'],
  ['小时', ''],
  ['分钟', ''],
  ['秒', ''],
  ['秒钟', ''],
  ['周', '边期围末转密到'],
  ['星期', ''],
  ['工作日', ''],
  // money
  ['元', '旦素首宵帅结化论体'],
  ['美元', ''],
  ['欧元', ''],
  ['日元', ''],
  ['港元', ''],
  ['英镑', ''],
  ['块钱', ''],
  // weight, length, area, volume, energy
  ['吨', ''],
  ['吨标准煤', ''],
  ['公斤', ''],
  ['千克', ''],
  ['克', '服隆拉制'],
  ['毫克', ''],
  ['微克', ''],
  ['斤', ''],
  ['米', '粉饭面'],
  ['厘米', ''],
  ['毫米', ''],
  ['公里', ''],
  ['千米', ''],
  ['平方米', ''],
  ['平方公里', ''],
  ['平方千米', ''],
  ['立方米', ''],
  ['亩', ''],
  ['公顷', ''],
  ['千瓦', ''],
  ['千瓦时', ''],
  ['瓦', ''],
  ['兆瓦', ''],
  ['吉瓦', ''],
  ['千伏', ''],
  ['度', '过假量日'],
  ['摄氏度', ''],
  ['升', '级高温值降学格华'],
  ['毫升', ''],
  ['桶', ''],
  ['箱', ''],
  ['标准箱', ''],
  ['重量箱', ''],
  ['立方', ''],
  ['百分点', ''],
  ['基点', ''],
  ['分贝', ''],
  ['土方', ''],
  // traditional forms (older reports)
  ['個', ''],
  ['項', '目'],
  ['噸', ''],
  ['畝', ''],
  ['戶', '籍口外型主'],
  ['條', '件例款約文'],
  ['種', '植子養類'],
  ['歲', '月'],
  ['處', '理置罰於在分事長'],
  ['輛', ''],
  ['臺', '灣階風賬商胞'],
];

interface UnitDef {
  unit: string;
  reject: string;
}

/** First code unit → candidate units, longest first. */
export const UNITS = new Map<number, UnitDef[]>();
for (const [unit, reject] of UNIT_TABLE) {
  const k = unit.charCodeAt(0);
  let list = UNITS.get(k);
  if (!list) UNITS.set(k, (list = []));
  list.push({ unit, reject });
}
for (const list of UNITS.values()) list.sort((a, b) => b.unit.length - a.unit.length);

/** Longest unit at pos that is not the first character of a longer word. */
export function matchUnit(text: string, pos: number): string | undefined {
  const list = UNITS.get(codeAt(text, pos));
  if (!list) return undefined;
  for (const u of list) {
    if (!text.startsWith(u.unit, pos)) continue;
    const at = pos + u.unit.length;
    if (at < text.length && u.reject.includes(text[at])) continue;
    return u.unit;
  }
  return undefined;
}
