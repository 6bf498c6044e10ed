// People: a Chinese name is a surname plus one or two given-name characters.
// nodejieba's `nr` tag alone is unreliable on news text (it tags 幸福感,
// 养老 …), and the names it does not know come out as HMM words tagged `x`.
// So a candidate is a token (or a surname token plus the next one) shaped
// like a name, and it is accepted only with evidence: a role or title right
// before it (书记, 负责人, 党员, 老人 …), a speech or address cue right after
// it (同志, 说, 表示, 介绍 …), or a place in the list of public figures.
import type { Entity, Token } from './types';

/** Single-character surnames, most frequent first (the top of the national list). */
const SURNAMES = new Set(
  Array.from(
    '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝',
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
const ROLE_BEFORE =
  /(书记|负责人|党员|老人|村民|居民|队员|队长|主任|局长|部长|厅长|处长|科长|县长|市长|省长|州长|区长|镇长|乡长|村长|校长|院长|所长|站长|社长|经理|董事长|总经理|代表|委员|总理|主席|同志|医生|护士|教师|老师|民警|警官|干部|记者|工人|农民|师傅|志愿者|专家|教授|院士|研究员|工程师|网格员|组长|班长|馆长|会长|理事长|秘书长|职工|员工|医师|护士长|大姐|大爷|大妈|阿姨|老汉|老伯|群众|学生|博士|村医|党委书记|的)$/;

/** Cues right after a name (崔涛，一见到 is not one; 吴丽芳带着 is). */
const CUE_AFTER = /^(同志|说|表示|介绍|告诉|感慨|坦言|笑着|回忆|指出|强调|认为|带着|带领|感到|把|和|与|一家|家里|家中|老人|为|是|在|也|就|又|还|每天|正在|主动|第一时间|站在|来到|走进|见到|拿着|带头)/;

/** Words shaped like surname + given name that are not names. */
const NOT_NAMES = new Set(['万元', '万人', '万名', '万户', '高质量', '高水平', '高标准', '安全', '安全感', '幸福感', '明确', '全面', '全国', '全力', '方面', '方式', '方案', '文明', '文化', '和谐', '华北', '江山', '时代', '应急', '关键', '关于', '成效', '成果', '成为', '单位', '项目', '管理', '车辆', '党员', '党组', '司法', '司局', '宁夏', '龙头', '金融', '石油', '连续', '常态', '常态化', '周边', '周年', '温暖', '康养', '施工', '申请', '包括', '包容', '景区', '卫生', '米面', '简化', '路径', '游客', '司机', '向前', '向上', '时间', '全体', '全员', '全年', '全程']);

const CJK = /^[\u4e00-\u9fff]+$/;

/** Finds person names among tagged tokens of `text` (offsets from the tokens). */
export function recognisePeople(text: string, tokens: readonly Token[]): Entity[] {
  const out: Entity[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    let start = t.start;
    let end = t.end;
    let word = t.word;
    if (PUBLIC_FIGURES.has(word)) {
      out.push({ type: 'person', start, end, text: word });
      continue;
    }
    // A lone surname token followed by a one- or two-character given name (黄/玉龙).
    if (word.length === 1 && SURNAMES.has(word) && i + 1 < tokens.length) {
      const n = tokens[i + 1];
      if (n.start === end && n.word.length <= 2 && CJK.test(n.word) && (n.tag === 'nr' || n.tag === 'x' || n.tag === 'nrfg' || n.tag === 'nrt')) {
        end = n.end;
        word = text.slice(start, end);
      }
    }
    if (!looksLikeName(word, t.tag, word !== t.word)) continue;
    const before = text.slice(Math.max(0, start - 6), start);
    const after = text.slice(end, end + 6);
    if (!ROLE_BEFORE.test(before) && !CUE_AFTER.test(after)) continue;
    // Partial word: the name must not continue into more CJK text that the tokenizer glued on.
    out.push({ type: 'person', start, end, text: word });
    if (end > t.end) i++;
  }
  return out;
}

function looksLikeName(word: string, tag: string, merged: boolean): boolean {
  if (word.length < 2 || word.length > 4 || !CJK.test(word) || NOT_NAMES.has(word)) return false;
  const nameTag = tag === 'nr' || tag === 'nrfg' || tag === 'nrt' || tag === 'x' || merged;
  if (!nameTag) return false;
  if (word.length === 4) return COMPOUND_SURNAMES.has(word.slice(0, 2));
  if (COMPOUND_SURNAMES.has(word.slice(0, 2)) && word.length === 3) return true;
  return SURNAMES.has(word[0]);
}
