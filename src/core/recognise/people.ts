// People: a Chinese name is a surname plus one or two given-name characters.
// nodejieba's `nr` tag alone is unreliable on news text (it tags 幸福感,
// 养老 …), and the names it does not know come out as HMM words tagged `x`.
// So a candidate is a token (or a surname token plus the next one) shaped
// like a name, and it is accepted only with evidence: a role or title right
// before it (书记, 负责人, 党员, 老人 …), a speech or address cue right after
// it (同志, 说, 表示, 介绍 …), or a place in the list of public figures.
// A second pass (namesByCue) reads the characters where the tokenizer broke a
// name up or took it for words (郑/建新表示, 韦小/玲说), finds names without a
// Han surname (巴特尔, 热合曼·吐尔逊) and follows lists of names; it needs
// evidence on both sides, and never takes a known place or organ (张家口).
import { tokenCovering } from '../text/search';
import type { Entity, Token } from '../types';
import { Occupancy, SpanIndex } from './spans';

/** Single-character surnames, most frequent first (the top of the national list). */
const SURNAMES = new Set(
  Array.from(
    '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝阴仝逯蔺訾揭郄矫冼晋鞠衣帅庹扈冀权钮禹雍郁荆宓宦胥粟' +
      // rarer surnames of the 百家姓 and of today's population lists, leaving out those that are common words' first characters (原, 那, 都, 国 …)
      '萨忻芮储汲邴糜井巴弓牧隗蓬郗班仰伊暴钭厉戎祖束幸韶郜蓟薄印宿怀邰鄂索咸籍赖屠苍闻莘贡劳逄扶堵宰郦璩濮寿燕郏浦阎茹戈庾暨匡阙殳沃蔚夔厍晁勾融阚乜巢蒯竺桓哈鄢',
  ),
);

/** Two-character surnames. */
const COMPOUND_SURNAMES = new Set(['欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒', '夏侯', '轩辕', '令狐', '端木', '独孤', '南宫', '西门', '百里', '呼延', '万俟']);

/** Public figures who appear in policy texts without any cue (leaders of the Party and state). */
const PUBLIC_FIGURES = new Set([
  '习近平', '李强', '赵乐际', '王沪宁', '蔡奇', '丁薛祥', '李希', '韩正', '李克强', '栗战书', '汪洋', '王岐山',
  '温家宝', '胡锦涛', '江泽民', '朱镕基', '李鹏', '邓小平', '毛泽东', '周恩来', '刘少奇', '朱德', '陈云', '华国锋',
  '胡耀邦', '赵紫阳', '孙中山', '马克思', '恩格斯', '列宁', '俞正声', '张高丽', '刘云山', '张德江', '吴邦国', '贾庆林',
  '李长春', '贺国强', '周永康', '吴官正', '曾庆红', '黄菊', '罗干', '王兆国',
]);

/** Roles and titles that stand right before a name (…书记吴丽芳, 老人朱玉甫, 负责人崔涛). */
const ROLE_WORDS = [
  '书记', '负责人', '党员', '老人', '村民', '居民', '牧民', '渔民', '农民', '市民', '队员', '队长', '主任', '局长', '部长', '厅长', '处长', '科长', '司长', '县长', '市长', '省长', '州长', '区长',
  '镇长', '乡长', '村长', '旗长', '盟长', '校长', '院长', '所长', '站长', '社长', '行长', '署长', '检察长', '委员长', '经理', '董事长', '总经理', '总裁', '总监', '主管', '代表', '委员', '常委', '总理',
  '副总理', '国务委员', '主席', '同志', '医生', '护士', '教师', '老师', '民警', '警官', '干部', '记者', '通讯员', '工人', '师傅', '志愿者', '专家', '教授', '院士', '研究员', '工程师', '技术员', '网格员',
  '组长', '班长', '馆长', '会长', '理事长', '秘书长', '职工', '员工', '医师', '护士长', '大姐', '大爷', '大妈', '阿姨', '老汉', '老伯', '学生', '博士', '村医', '党委书记', '发言人', '新闻发言人',
  '行政长官', '特首', '大使', '参赞', '领事', '法官', '检察官', '律师', '教练', '运动员', '选手', '作家', '画家', '演员', '导演', '创始人', '董事', '主持人', '讲解员', '快递员', '外卖员', '骑手', '船长',
  '机长', '店主', '老板', '户主', '种植户', '养殖户', '贫困户', '脱贫户', '帮扶人', '第一书记', '驻村干部', '农技员', '乡贤', '烈士', '英雄', '模范', '劳模', '先进个人', '获得者', '负责同志', '患者', '青年',
  '返乡青年', '农户', '家长', '游客', '村干部', '支书', '主播', '店员', '厨师', '司机', '保洁员', '护林员', '管护员', '巡护员', '受害人', '当事人', '被告人', '嫌疑人', '原告', '队友', '小将', '家属',
  '妻子', '丈夫', '儿子', '女儿', '母亲', '父亲', '巡视员', '调研员', '联系人', '摄影', '编辑', '审计长', '统计师', '经济师', '会计师', '审计师', '民兵',
];
const ROLE_BEFORE = new RegExp(`(?:${ROLE_WORDS.join('|')}|[0-9０-９一二三四五六七八九十]+岁的?|(?:村|社区|镇|乡|县|市|区|州|省|屯|组|队|厂|公司|中心|医院|学校|小学|中学|大学|单位)的)$`);

/** Last characters of the roles (and 岁, 的 of the other forms): a cheap test before the regex. */
const ROLE_LAST = new Uint8Array(0x10000);
for (const w of [...ROLE_WORDS, '岁', '的']) ROLE_LAST[w.charCodeAt(w.length - 1)] = 1;

/** Whether a role or title ends right before `pos` (…书记|吴丽芳, 老人|朱玉甫, 81岁的|…), also across a space or colon (（记者 王立彬）, 联系人：刘洋). */
function roleBefore(text: string, pos: number): boolean {
  let p = pos;
  while (p > 0 && p > pos - 4 && ROLE_GAP.test(text[p - 1])) p--;
  return p > 0 && ROLE_LAST[text.charCodeAt(p - 1)] === 1 && ROLE_BEFORE.test(text.slice(Math.max(0, p - 8), p));
}
const ROLE_GAP = /[ \u3000:：]/;

/** Cues right after a name that show it is a person (吴丽芳带着; 崔涛，一见到 is not one). */
const CUE_AFTER = /^(同志|副总理|总理|国务委员|委员长|副委员长|副主席|主席|副省长|副市长|副县长|副部长|说|表示|介绍|告诉|感慨|坦言|笑着|回忆|指出|强调|认为|带着|带领|感到|来到|走进|见到|拿着|带头|称|说道|谈到|透露|解释|补充|直言|算了|算起|主持|出席|会见|会晤|致辞|讲话|调研|考察|带队|签署|宣布|发表|作报告|作了|代表|报道|书记|部长|主任|局长|司长|厅长|处长|县长|市长|省长|区长|镇长|乡长|村长|院长|校长|所长|站长|行长|董事长|总经理|院士|教授|先生|女士)/;

/** Weak cues after a name: enough only for a name-shaped word at the start of a clause. */
const WEAK_AFTER = /^(和|与|同|把|为|是|在|也|就|又|还|每天|正在|主动|第一时间|站在|一家|家里|家中|老人)/;

/** What follows a surname in address forms that are not names (李先生, 张女士, 王师傅, 老李). */
const HONORIFIC = /^(先生|女士|小姐|同志|老师|师傅|大爷|大妈|大姐|大哥|大叔|大娘|阿姨|奶奶|爷爷|婆婆|老汉|老伯|某|某某|总|老|工|姐|哥|叔|伯|婶|嫂|姨|书记|主任|局长|县长|市长|部长|校长|院长|医生|护士|教授|博士|老板|家|氏|某人|女|男|姓|警官|队长|经理|村长)$/;

/** Characters glued by the tokenizer after a name (张三说, 张军作, 施一公在): a verb or preposition, rarely a given name's last character. */
const GLUED_AFTER = /[说称讲作在是对向将把被也就又都还等到了的以]$/;
/** Function characters that begin the clause after a titled name (总经理蒋中|良将 → 蒋中良|将个人…). */
const FUNCTION_GLUE = /[在对向将把被以与和]/;

/** Second characters that make a two-character word a phrase, not a name (党要, 严而, 宁可). */
const FUNCTION_SECOND = /^.[要而可的了也就又都还在是和与及或把被将对向从为之其所以]$/;

/** Words shaped like surname + given name that are not names. */
const NOT_NAMES = new Set(['孙子', '孙女', '万元', '万人', '万名', '万户', '高质量', '高水平', '高标准', '安全', '安全感', '幸福感', '明确', '全面', '全国', '全力', '方面', '方式', '方案', '文明', '文化', '和谐', '华北', '江山', '时代', '应急', '关键', '关于', '成效', '成果', '成为', '单位', '项目', '管理', '车辆', '党员', '党组', '司法', '司局', '宁夏', '龙头', '金融', '石油', '连续', '常态', '常态化', '周边', '周年', '温暖', '康养', '施工', '申请', '包括', '包容', '景区', '卫生', '米面', '简化', '路径', '游客', '司机', '向前', '向上', '时间', '全体', '全员', '全年', '全程']);

/** First characters of the compound surnames and the public figures, for the per-token test. */
const COMPOUND_FIRST = new Uint8Array(0x10000);
for (const s of COMPOUND_SURNAMES) COMPOUND_FIRST[s.charCodeAt(0)] = 1;
const PUBLIC_FIRST = new Uint8Array(0x10000);
for (const s of PUBLIC_FIGURES) PUBLIC_FIRST[s.charCodeAt(0)] = 1;
const C_DUN = '、'.charCodeAt(0);
const C_HE = '和'.charCodeAt(0);

/** SURNAMES by UTF-16 code unit, for the per-token test. */
const SURNAME_CODES = new Uint8Array(0x10000);
for (const s of SURNAMES) SURNAME_CODES[s.charCodeAt(0)] = 1;

const CJK = /^[\u4e00-\u9fff]+$/;
/** Tags of words that may be names: person (nr, nrfg, nrt) or unknown to the dictionary (x). */
const NAME_TAGS = new Set(['nr', 'x', 'nrfg', 'nrt']);
/** Tags a given-name token may carry after a strong role and a surname (何/亚东, 王/思明): jieba often takes given names for places or words. */
const LOOSE_GIVEN_TAGS = /^(?:nr|x|nrfg|nrt|ns|n|nz|a|ng|vn|j)$/;

/** Finds person names among tagged tokens of `text` (offsets from the tokens); `taken`: other names found there, which a name found by its cues alone never overlaps. */
export function recognisePeople(text: string, tokens: readonly Token[], taken: readonly Entity[] = [], isOtherName: (s: string) => boolean = () => false): Entity[] {
  const out: Entity[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const start = t.start;
    let end = t.end;
    let word = t.word;
    const tag = t.tag;
    const surnameChar = SURNAME_CODES[word.charCodeAt(0)] === 1;
    if ((word.length === 2 || word.length === 3) && PUBLIC_FIRST[word.charCodeAt(0)] === 1) {
      if (PUBLIC_FIGURES.has(word)) {
        out.push({ type: 'person', start, end, text: word });
        continue;
      }
    }
    // Only words that could start a name are looked at further (the role test is the costly part).
    const compoundStart = COMPOUND_FIRST[word.charCodeAt(0)] === 1;
    const surnameToken = word.length === 1 ? surnameChar : word.length === 2 && compoundStart && COMPOUND_SURNAMES.has(word); // 司马/宏伟
    if (!surnameToken && !(word.length >= 2 && word.length <= 5 && (surnameChar || (compoundStart && COMPOUND_SURNAMES.has(word.slice(0, 2)))) && NAME_TAGS.has(tag))) continue;
    const strongBefore = roleBefore(text, start);
    let merged = false;
    // A lone surname token followed by a one- or two-character given name (黄/玉龙; after a role, 何/亚东).
    if (surnameToken && i + 1 < tokens.length) {
      const n = tokens[i + 1];
      if (n.start === end && n.word.length <= 2 && CJK.test(n.word) && (/^(?:c|p|d|v|u[a-z]?|m|q|f)$/.test(tag) ? /^(?:nr|nrfg|nrt)$/.test(n.tag) : NAME_TAGS.has(n.tag) || (strongBefore && LOOSE_GIVEN_TAGS.test(n.tag)))) {
        end = n.end;
        word = text.slice(start, end);
        merged = true;
        // and a second given character the tokenizer also cut off, before the end of a clause (区长 杨/国/宏 with ideographic spaces)
        const m = tokens[i + 2];
        if (strongBefore && n.word.length === 1 && m && m.start === end && m.word.length === 1 && CJK.test(m.word) && !NOT_NAME_CHAR_TAGS.test(m.tag) && !NOT_GIVEN.test(m.word)) {
          const rest = text.slice(m.end, m.end + 5);
          if (rest === '' || CLAUSE_START.test(rest[0]) || CUE_AFTER.test(rest)) {
            end = m.end;
            word = text.slice(start, end);
            i++;
          }
        }
      }
    }
    // A surname (or surname + one given character), then the name's last character glued to the verb
    // after it (第一书记李/明说: 明说 is a word; 村民韦小/玲说): split that word.
    const headOk = surnameToken ? strongBefore || /^(?:nr|nrfg|nrt)$/.test(tag) : word.length === 2 && surnameChar && NAME_TAGS.has(tag);
    if (!merged && headOk && i + 1 < tokens.length) {
      const n = tokens[i + 1];
      if (n.start === end && n.word.length === 2 && CJK.test(n.word) && GLUED_AFTER.test(n.word) &&
          (CUE_AFTER.test(text.slice(n.start + 1, n.start + 7)) || (strongBefore && !surnameToken && !NOT_GIVEN.test(n.word[0]) && FUNCTION_GLUE.test(n.word[1])))) {
        end = n.start + 1;
        word = text.slice(start, end);
        merged = true;
      }
    }
    // A two-character name token and a one-character given-name tail after a role (副市长王子/联 带队).
    if (!merged && strongBefore && word.length === 2 && NAME_TAGS.has(tag) && i + 1 < tokens.length) {
      const n = tokens[i + 1];
      const rest = text.slice(n.end, n.end + 5);
      if (n.start === end && n.word.length === 1 && CJK.test(n.word) && !/^(?:p|c|u|uj|ul|uz|ud|ug|uv|d|r|f|m|q|y|e)$/.test(n.tag) && !GLUED_AFTER.test(n.word) &&
          (CUE_OR_WEAK.test(rest) || rest === '' || CLAUSE_START.test(rest[0]) || n.tag === 'nr')) {
        end = n.end;
        word = text.slice(start, end);
        merged = true;
      }
    }
    // A verb or preposition glued to the name by the tokenizer (张三说, 施一公在): cut it off.
    if (!merged && (tag === 'x' || (tag === 'nr' && CUE_OR_WEAK.test(text.slice(end - 1, end + 5)))) && word.length >= 3 && GLUED_AFTER.test(word)) {
      const cut = word.slice(0, -1);
      if (looksLikeName(cut, tag, false)) {
        end -= 1;
        word = cut;
      }
    }
    // …陈/晨报/道: the last character taken into the name begins the cue (报道; 萨仁笑/x 着说: 笑着).
    if ((merged || tag === 'x') && word.length === 3 && CUE_AFTER.test(text.slice(end - 1, end + 5)) && !CUE_AFTER.test(text.slice(end, end + 6))) {
      end -= 1;
      word = text.slice(start, end);
    }
    if (!looksLikeName(word, tag, merged)) continue;
    const after = text.slice(end, end + 6);
    let ok = strongBefore || CUE_AFTER.test(after);
    // Weak cues (和, 在, 是 …) only for a name-shaped word standing at the start of a clause.
    if (!ok && WEAK_AFTER.test(after) && (start === 0 || CLAUSE_START.test(text[start - 1]))) ok = NAME_TAGS.has(tag) || merged;
    if (!ok || isOtherName(word)) continue;
    out.push({ type: 'person', start, end, text: word });
    if (merged) i++;
  }
  const all = out.concat(namesByCue(text, tokens, out, taken, isOtherName));
  if (all.length === 0) return all;
  // indexed: the test of every name against every other made a long list of names quadratic (issue 13)
  const takenIndex = new SpanIndex(taken);
  const byStart = new Map<number, Entity[]>();
  let longest = 4; // a name grows to four characters at most here
  for (const x of all) {
    const list = byStart.get(x.start);
    if (list) list.push(x);
    else byStart.set(x.start, [x]);
    longest = Math.max(longest, x.end - x.start);
  }
  /** Whether a name other than x (its end as it is now) overlaps [x.end, e). */
  const otherAcross = (x: Entity, e: number) => {
    for (let s = Math.max(0, x.end - longest); s < e; s++) for (const y of byStart.get(s) ?? []) if (y !== x && y.start < e && x.end < y.end) return true;
    return false;
  };
  for (const x of all) extendFourCharacterName(text, tokens, x, otherAcross, takenIndex);
  return all;
}

/**
 * A name of four characters cut after two or three (吉克|阿依 一边装袋, 白玛多|吉 介绍 — Yi and
 * Tibetan names): the person takes the name-tagged or unknown words that follow up to four
 * characters when a cue, a weak cue or a clause end comes right after them.
 */
function extendFourCharacterName(text: string, tokens: readonly Token[], x: Entity, otherAcross: (x: Entity, e: number) => boolean, taken: SpanIndex): void {
  const len = x.end - x.start;
  if (len < 2 || len > 3) return;
  let k = tokenCovering(tokens, x.end);
  if (k < 0 || tokens[k].start !== x.end) return;
  let e = x.end;
  while (k < tokens.length && tokens[k].start === e && e - x.start < 4 && NAME_TAGS.has(tokens[k].tag) && CJK.test(tokens[k].word)) e = tokens[k++].end;
  if (e - x.start !== 4 || NOT_GIVEN.test(text.slice(x.end, e))) return;
  const after = text.slice(e, e + 6);
  if (!(SPEECH_AFTER.test(after) || CUE_AFTER.test(after) || WEAK_AFTER.test(after) || /^(?:一边|家|的)/.test(after) || after === '' || CLAUSE_START.test(after[0]))) return;
  if (otherAcross(x, e) || taken.overlaps(x.end, e)) return;
  x.end = e;
  x.text = text.slice(x.start, e);
}

/**
 * Names the tokenizer broke up or tagged as other words (韦小/玲说, 郑/建新,
 * 余/建国, 张/伟), found from the characters by strong evidence on both
 * sides: a role right before or a clause start (据 counts), and speech right
 * after (说, 介绍, 哽咽着说; after a title also 主持, 出席). Names without a
 * Han surname (巴特尔, 乌云其其格, 热合曼·吐尔逊) need a role before them or
 * a person-name tag, and speech after. A list of names is followed both
 * ways (刘海洋、孙立平、谢天等同志; 记者王琳、陈晨). Never over an entity
 * already found (`taken`), nor a known place or organ (张家口).
 */
function namesByCue(text: string, tokens: readonly Token[], found: readonly Entity[], taken: readonly Entity[], isOtherName: (s: string) => boolean): Entity[] {
  const out: Entity[] = [];
  // The questions below are asked at every token: indexed (sets, sorted spans, taken positions), so that
  // a long list of names stays linear (issue 13). Names are never empty (two characters at least).
  const foundIndex = new SpanIndex(found);
  const takenIndex = new SpanIndex(taken);
  const starts = new Set(found.map((x) => x.start));
  const ends = new Set(found.map((x) => x.end));
  const mine = new Occupancy(text.length);
  /** Ends of the places in `taken`, by start. */
  const takenPlaces = new Map<number, number[]>();
  for (const x of taken) if (x.type === 'place') (takenPlaces.get(x.start) ?? takenPlaces.set(x.start, []).get(x.start)!).push(x.end);
  const add = (x: Entity) => {
    out.push(x);
    mine.add(x.start, x.end);
    starts.add(x.start);
    ends.add(x.end);
  };
  /** Places of `taken` inside [s, e) that start after s (they give way to a name: 何|亚东 is not 亚东县). */
  const placesInside = (s: number, e: number) => {
    let n = 0;
    for (let a = s + 1; a < e; a++) for (const end of takenPlaces.get(a) ?? []) if (end <= e && end > a) n++;
    return n;
  };
  // (a place the gazetteer found inside a name after its surname gives way: 何|亚东 is not 亚东县)
  const busy = (s: number, e: number) => foundIndex.overlaps(s, e) || mine.overlaps(s, e) || takenIndex.count(s, e) - placesInside(s, e) > 0;
  const personEndsAt = (pos: number) => ends.has(pos);
  const personStartsAt = (pos: number) => starts.has(pos);

  /** A name with a Han surname at p (surname length sl), by its evidence; its end or -1. */
  const surnamed = (p: number, k: number, sl: number, role: boolean, listed: boolean): number => {
    for (const g of [2, 1]) {
      const e = p + sl + g;
      const name = text.slice(p, e);
      if (!CJK.test(name) || name.length !== sl + g || NOT_NAMES.has(name) || HONORIFIC.test(name.slice(sl)) || NOT_GIVEN.test(name.slice(sl))) continue;
      const after = text.slice(e, e + 8);
      // a name in a list needs nothing more (记者王琳、陈晨）); others speech, or an act of office after a title
      const inList = (listed || (role && BYLINE_BEFORE.test(text.slice(Math.max(0, p - 5), p)))) && (after === '' || CLAUSE_START.test(after[0]) || after[0] === '和' || after.startsWith('等'));
      if (!(SPEECH_AFTER.test(after) || inList || LIST_END.test(after) || (role && OFFICE_AFTER.test(after)))) continue;
      const first = tokens[k];
      // a first word longer than the surname is a word of its own (高兴|地说, 许多|人说, 常常, 周末), unless a role
      // vouches for an ordinary noun (局长包金/n 山); a one-character surname tagged as a function word
      // (向/p 记者, 于/p 会上, 何/r 时) needs a name or place word after it (何/r 亚东/ns), except in a byline;
      // and a word of the dictionary that is the whole name is that word (专家|高度|认为)
      if (first.word.length > sl && first.end <= e && !NAME_TAGS.has(first.tag) && (!role || FUNCTION_TAGS.test(first.tag) || first.end === e)) return -1;
      if (first.word.length === sl && sl === 1 && /^(?:p|c|r|d|u[a-z]?|f)$/.test(first.tag) && !inList) {
        const next = tokens[k + 1];
        if (!next || next.start !== p + 1 || !/^(?:nr|nrfg|nrt|ns|x)$/.test(next.tag)) return -1;
      }
      if (name.endsWith('地')) continue; // 高兴地说: an adverb
      // nor is a name part of a word (党委|书记介绍), unless the rest of that word is the speech verb (黄德|明说)
      const last = tokens[tokenCovering(tokens, e - 1)];
      if (last && last.end > e && !NAME_TAGS.has(last.tag) && !/^[说称]/.test(text.slice(e, last.end))) continue;
      if (busy(p, e) || isOtherName(name)) return -1;
      return e;
    }
    return -1;
  };

  /** A name without a Han surname at p: name or unknown words (巴特尔, 乌云其其格), or a transcription with a middle dot (热合曼·吐尔逊); its end or -1. */
  const unsurnamed = (p: number, k: number, role: boolean, listed: boolean): number => {
    let e = p;
    let j = k;
    let nr = false;
    const dotted = DOTTED_NAME.exec(text.slice(p, p + 14));
    if (dotted) {
      e = p + dotted[0].length;
      nr = true;
    } else {
      if (tokens[k].start < p) {
        e = tokens[k].end; // the rest of a word the role was glued to (管护员|索南 came out as 员索南)
        j = k + 1;
      }
      // words tagged as names or unknown, single characters that are not grammar or verbs (乌云/nr 其其格/x; 萨/仁),
      // and after a role words taken for places (主教练扎西/ns 顿珠/ns坦言)
      while (j < tokens.length && tokens[j].start === e && e - p < 7 && CJK.test(tokens[j].word)) {
        const t = tokens[j];
        const ok = NAME_TAGS.has(t.tag) || (t.word.length === 1 && !NOT_NAME_CHAR_TAGS.test(t.tag)) || (role && t.tag === 'ns');
        if (!ok) break;
        nr ||= t.tag === 'nr' || t.tag === 'nrfg' || t.tag === 'nrt';
        e = t.end;
        j++;
      }
    }
    // the speech verb or what follows may have been taken in (萨仁笑/着说, 买买提·艾力正在): the name ends there
    for (let c = p + 2; c < e; c++) {
      if (SPEECH_AFTER.test(text.slice(c, c + 8)) || (dotted && /^(?:正在|正|在|的|和|说)/.test(text.slice(c, c + 2)))) {
        e = c;
        break;
      }
    }
    const name = text.slice(p, e);
    if (name.length < 2 || name.length > 7 || (name.length === 2 && NOT_GIVEN.test(name))) return -1;
    if (HONORIFIC.test(name.slice(SURNAME_CODES[name.charCodeAt(0)] === 1 ? 1 : 0))) return -1; // 李先生
    if (name.length === 2 ? !role : !(role || nr)) return -1;
    // speech after it, or its place in a list: jieba tags common words nr too (居民|安全感/nr 正在增强, 养老金/nr)
    const speech = SPEECH_AFTER.test(text.slice(e, e + 8));
    const inList = listed && (e === text.length || CLAUSE_START.test(text[e]));
    const busyNow = dotted && role && /^(?:正在|正)/.test(text.slice(e, e + 2)); // 患者买买提·艾力正在…: a transcription is a name
    if (!(speech || inList || busyNow) || NOT_NAMES.has(name)) return -1;
    return busy(p, e) || isOtherName(name) ? -1 : e;
  };

  const tryAt = (p: number, k: number, listed: boolean): void => {
    if (text[p] === '据' && p + 1 < text.length) {
      p += 1; // 据鲁文明介绍: the name starts after 据
      if (tokens[k].end <= p) k++;
      if (k >= tokens.length || tokens[k].end <= p) return;
    }
    const role = listed || roleBefore(text, p);
    const open = p === 0 || CLAUSE_START.test(text[p - 1]) || text[p - 1] === '据';
    if (!role && !open) return;
    const sl = surnameLength(text, p);
    let e = sl > 0 ? surnamed(p, k, sl, role, listed) : -1;
    if (e < 0 && (sl === 0 || role)) e = unsurnamed(p, k, role, listed);
    if (e > p) add({ type: 'person', start: p, end: e, text: text.slice(p, e) });
  };

  // Every name found here is followed by a cue within a few characters (speech, an act of office, 等, 正在),
  // is in a list, or is one name-tagged word after a role: the costly role test runs only there.
  const cues: number[] = [];
  for (const m of text.matchAll(CUE_START)) cues.push(m.index);
  let c = 0;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    while (c < cues.length && cues[c] <= t.start) c++;
    const before = t.start > 0 ? text.charCodeAt(t.start - 1) : 0;
    const listed = (before === C_DUN || before === C_HE) && personEndsAt(t.start - 1);
    const cueNear = c < cues.length && cues[c] - t.start <= CUE_WINDOW;
    const afterGap = before === 0x20 || before === 0x3000 || before === 0xff1a || before === 0x3a; // (记者 于文静, 联系人：刘洋
    if (!cueNear && !listed && !afterGap && !(t.tag === 'nr' && t.end - t.start === 3)) continue;
    tryAt(t.start, k, listed);
    // a role glued by the tokenizer to the name after it (管护员|索南 came out as 员索南)
    if (t.tag === 'x' && t.word.length >= 3) {
      for (let j = 1; j <= 2; j++) if (roleBefore(text, t.start + j) && CJK.test(t.word)) tryAt(t.start + j, k, false);
    }
  }
  // Earlier names of a list whose later name was found (刘海洋、孙立平、|谢天|等同志).
  // (a work list, each name looked at once: a name added can only be followed by names before it, and one
  // looked at before finds nothing more, as the names added only make a test fail)
  const queue: Entity[] = found.concat(out);
  for (let q = 0; q < queue.length; q++) {
    const x = queue[q];
    const sep = text[x.start - 1];
    if (sep !== '、' && sep !== '和') continue;
    for (const len of [3, 2, 4]) {
      const p = x.start - 1 - len;
      if (p < 0 || personStartsAt(p) || !(p === 0 || CLAUSE_START.test(text[p - 1]) || roleBefore(text, p))) continue;
      const k = tokenCovering(tokens, p);
      if (k < 0 || tokens[k].start !== p) continue;
      const sl = surnameLength(text, p);
      const name = text.slice(p, x.start - 1);
      if (sl === 0 || name.length - sl < 1 || name.length - sl > 2 || !CJK.test(name) || NOT_NAMES.has(name) || NOT_GIVEN.test(name.slice(sl)) || HONORIFIC.test(name.slice(sl))) continue;
      if (busy(p, x.start - 1) || isOtherName(name)) continue;
      const y: Entity = { type: 'person', start: p, end: x.start - 1, text: name };
      add(y);
      queue.push(y);
      break;
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Length of the surname written at `p`: 2 (欧阳), 1 (王) or 0. */
export function isSurnameAt(text: string, p: number): number {
  return surnameLength(text, p);
}

function surnameLength(text: string, p: number): number {
  return COMPOUND_FIRST[text.charCodeAt(p)] === 1 && COMPOUND_SURNAMES.has(text.slice(p, p + 2)) ? 2 : SURNAME_CODES[text.charCodeAt(p)] === 1 ? 1 : 0;
}

/** Tags of function words (prepositions, conjunctions, pronouns, adverbs, time and place words, numerals, adjectives). */
const FUNCTION_TAGS = /^(?:p|c|r|d|t|m|f|s|a|ad|u[a-z]?|q)$/;
/** What a name found by its cues alone may be followed by: speech, perhaps after the person's title (据王建军司长介绍), or manner + speech (哽咽着说, 高兴地说). */
const SPEECH_AFTER = /^(?:(?:副|常务副)?(?:书记|部长|主任|局长|司长|厅长|处长|县长|市长|省长|区长|镇长|乡长|村长|院长|校长|所长|站长|行长|董事长|总经理|经理|主席|队长|组长|会长))?(?:说|表示|介绍|告诉|感慨|坦言|回忆|指出|强调|认为|透露|解释|补充|直言|说道|谈到|称|报道|[\u4e00-\u9fff]{1,2}着说|[\u4e00-\u9fff]{2}地说)/;
/** Acts of office after a titled name (市委书记钟立新主持会议). */
const OFFICE_AFTER = /^(?:主持|出席|会见|调研|考察|带队|讲话|部署|签署|宣布|致辞)/;
/** Roles of a byline or contact line, after which a name needs no more evidence than its end ((记者 于文静、胡璐), 联系人：刘洋，). */
const BYLINE_BEFORE = /(?:记者|通讯员|摄影|编辑|联系人)[ \u3000:：]?$/;
/** The end of a list of names (谢天等同志, 张三等人). */
const LIST_END = /^等(?:同志|人|代表|委员|村民|专家|党员|干部|志愿者)/;
/** Where a cue may begin (see SPEECH_AFTER, OFFICE_AFTER, LIST_END, 正在), and how far after a name's start. */
const CUE_START = /说|表示|介绍|告诉|感慨|坦言|回忆|指出|强调|认为|透露|解释|补充|直言|谈到|称|报道|主持|出席|会见|调研|考察|带队|讲话|部署|签署|宣布|致辞|等|正/g;
const CUE_WINDOW = 16;

/** Tags of single characters that are not part of a name (老人|笑/着|说). */
const NOT_NAME_CHAR_TAGS = /^(?:v|vg|vd|d|p|c|u[a-z]?|r|m|q|f|y|e|o)$/;
/** A transcribed name with middle dots (热合曼·吐尔逊, 买买提·艾力). */
const DOTTED_NAME = /^[\u4e00-\u9fff]{1,5}(?:[·•・‧][\u4e00-\u9fff]{1,5})+/;

/** Characters that never end or fill a given name here (王强|在, 张三|和): grammar words. */
const NOT_GIVEN = /[的了是在和与及或把被将对向从为之其所以也就又都还要而可这那些个们等说称讲到多少]/;

const CUE_OR_WEAK = new RegExp('^(?:' + CUE_AFTER.source.slice(1) + '|' + WEAK_AFTER.source.slice(1) + ')');
const CLAUSE_START = /[\s，。、；：！？,;:!?（(）)“”"‘’《》]/;

function looksLikeName(word: string, tag: string, merged: boolean): boolean {
  if (word.length < 2 || word.length > 4 || !CJK.test(word) || NOT_NAMES.has(word) || COMPOUND_SURNAMES.has(word)) return false;
  const nameTag = NAME_TAGS.has(tag) || merged;
  if (!nameTag) return false;
  if (word.length === 4) return COMPOUND_SURNAMES.has(word.slice(0, 2)) && !HONORIFIC.test(word.slice(2));
  if (COMPOUND_SURNAMES.has(word.slice(0, 2)) && word.length === 3) return !HONORIFIC.test(word.slice(2));
  if (!SURNAMES.has(word[0])) return false;
  if (HONORIFIC.test(word.slice(1))) return false;
  if (word.length === 2 && FUNCTION_SECOND.test(word)) return false;
  return true;
}
