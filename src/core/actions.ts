// The actions extractor: what each department does, as a verb with its
// object, attributed to the department that is its subject (see "Actions" in
// the annotation guide). Pure TypeScript over the annotator's entities and the
// tokenizer's POS tags; never imports 'vscode'.
//
// The text is read paragraph by paragraph (line breaks and runs of U+3000
// separate paragraphs) and clause by clause (，；。：！？). A department
// becomes the subject when it opens a clause (alone or coordinated with
// others, or as a short form of an organ named before: 省委组织部 after
// 浙江省委组织部); a heading paragraph such as `科技部：` makes it the subject of
// the paragraphs below it. In each clause the predicate is found through
// adverbs, prepositional phrases (以/对/为/在/从…方面/通过 …) and 把/将
// constructions. What others say or are told to do is no action of the
// department: the rest of a sentence after a reporting verb (强调，…), after a
// directive with an addressee (要求各地…，…) and after a nominal subject of a
// reporting verb (通知明确，…); negated verbs and outcomes (惠及, 增长) neither.
// The rules rest on POS tags, clause structure and lexicons of policy verbs,
// never on strings of the dev texts; test/fixtures/actions/heldout.json checks
// that they carry over to other news texts.
import type { Action, Entity, Token } from './types';
import { firstStartingFrom } from './search';

/** POS-tags a string; token offsets are relative to that string. */
export type TokenizeFn = (s: string) => Token[];

// ---------------------------------------------------------------- lexicons

const words = (s: string): Set<string> => new Set(s.split(/\s+/).filter(Boolean));

/** Verbs of policy texts; a token in this list counts as a verb whatever its tag (jieba tags 落实/a, 指导/n, 健全/a …). */
const VERBS = words(`
开展 推进 推动 加强 加快 实施 落实 贯彻 贯彻落实 学习 学习贯彻 学习宣传 宣传贯彻 建立 健全 建立健全 完善 构建 打造 创建 建设 制定
出台 印发 发布 召开 举办 组织 部署 研究 审议 提出 强调 要求 指导 督导 督促 协调 优化 提升 提高 深化 强化 加大 减轻 减少
降低 解决 处置 组建 成立 设立 启动 开通 推广 探索 激发 促进 保障 支持 帮助 引导 带领 动员 发挥 坚持 聚焦 立足
围绕 统筹 确定 归集 受理 办结 调拨 派出 安排 投入 调控 节省 采用 签订 引入 形成 纳入 作出 做出 做好 抓好 打好 办好
增强 凝聚 坚定 统一 邀请 对标 对表 牵头 扩大 拓展 规范 整治 清理 查处 打击 检查 督查 巡查 核查 排查 调研 走访
慰问 看望 主持 出席 参加 参与 承办 下发 公布 颁布 修订 修改 起草 审批 批复 批准 核准 监测 评估 考核 验收 表彰 通报
约谈 曝光 问责 整改 执行 实行 推行 施行 试行 开发 研发 研制 建成 完成 实现 取得 推出 上线 资助 补贴 发放
拨付 下达 筹集 募集 捐赠 援助 救助 帮扶 扶持 支援 驰援 增援 调派 派遣 选派 培训 培养 招聘 聘请 鼓励 倡导 号召 呼吁
宣讲 解读 传达 研讨 交流 座谈 会见 会谈 签署 合作 共建 联合 配合 衔接 对接 融入 结合 转化 转变 作为 列入 降至 增加
新增 压减 削减 取消 下放 简化 精简 调整 改进 整合 规划 编制 谋划 论证 维护 保护 防范 防止 化解 应对 处理 办理 回应
答复 反馈 收集 征求 听取 采纳 吸纳 引进 带动 主导 负责 承担 履行 践行 弘扬 传承 树立 激励 调动 汇聚 集聚 瞄准 紧扣
紧盯 锚定 着眼 坚守 筑牢 夯实 巩固 延伸 复制 塑造 营造 创造 创设 设置 搭建 开设 开辟 开放 放宽 减免 免除 兑现 支付
划拨 出资 关心 关爱 加紧 抓紧 抓实 做实 做细 用好 管好 打赢 守好 建好 讲好 发起 主办 进行 实施 明确 规定 决定
部署 贡献 汲取 完善 遴选 挑选 评选 授予 命名 认定 核定 制订
颁发 出具 开具 办结 转办 交办 督办 查办 侦破 破获 抓获 打掉 捣毁 收缴 追回 挽回 补齐 补足 补强 提质 扩容 升级 改造
新建 改建 扩建 修建 兴建 建造 铺设 安装 配备 配置 购置 采购 供应 保供 调度 指挥 部署 协助 协同 指引 引领 服务 助力
重视 立案 审查 调查 侦办 起诉 审理 检疫 抽检 抽查 警示 提醒 发出 下拨 筹备 举行 召集 召回 公示 征集 审定 核发
登记 许可 申报 评审 评定 认证 推荐 奖励 处罚 罚款 吊销 责令 取缔 关停 整顿 修复 恢复 重建 抢修 抢险 救援 转移 安置
疏散 巡检 值守 配送 捐助 援建 结对 帮建 共享 分享 推介 报道 展示 签约 谈判 磋商 协商 会商 研判 分析 评价 回复 疏导
调处 调解 仲裁 兑付 清欠 偿付 结算 报销 减税 降费 退税 缓缴 免征 减征 征收 征缴 补缴 下调 上调 扩围 提标 延长 缩短
压缩 合并 撤销 新设 增设 挂牌 揭牌 授牌 竣工 投产 开工 通车 运营 投运 废止 转发 批转 启用 停用 试点 总结 提炼 借鉴
代表 考察 视察 巡视 巡察 审计 监督 追责 处分 查获 扣押 没收 追缴 摧毁 缴获 部署 发放 出动 组派 派驻 进驻 开辟 保持 稳定
释放 下达 提供 建议 倡议 承诺 表态 宣布 公告 披露 发文 致函 致信 约请 接待 走访 听取 收听 收看 观看 参观
`);

/** Verbs that often sit inside noun phrases (高质量发展, 服务水平): never cut an object at them. */
const WEAK = words(`
发展 建设 管理 服务 改革 创新 保障 治理 监管 保护 学习 教育 宣传 防控 工作 执法 监督 审批 备案 接种 检测 救治 就医
供应 协调 部署 规划 合作 交流 培训 考核 评估 监测 调研 研究 实践 生产 经营 运行 应对 处置 参与 引领 助力 支撑
`);

/** Adverbials before a verb: skipped when looking for the predicate (and stripped from 深入推进-like tokens). */
const ADVERBS = words(`
深入 认真 扎实 积极 大力 着力 切实 持续 不断 进一步 努力 主动 及时 迅速 稳妥 有序 稳妥有序 全力 全力以赴 协同 共同
依法 严格 坚决 重点 率先 同步 精准 全面 高度 紧密 密切 有效 充分 广泛 集中 专门 首次 先后 累计 已 已经 正在 正 还
也 又 再 均 都 共 分别 相继 陆续 亲自 自觉 不折不扣 毫不放松 下大力 下大力气 奋力 竭力 尽力 合力 更好 更加 始终
一直 继续 逐步 真正 务必 全部 全程 进而 同时 随即 立即 迅即 第一时间 先行 加速 全速 火速 紧急 连续 持续不断
多次 再次 多方 一再 反复 严厉 从严 大幅 显著 明显 稳步 加力 提速 有力 高效 依规 从快 严肃 认真细致 常态化 系统 全方位 多措并举 创新性 针对性 坚定不移 一以贯之 深度 全链条 高标准 高质量 不断地 主要 重点 带头
`);

/** Words jieba tags as verbs that modify nouns (相关部门, 有关单位). */
const NOT_VERBS = words('相关 有关 广大 所有 各类 各项 各级 全体 部分 主要 重大 突出 现有 既有 一系列 首批');

/** Modal and aspect words skipped before a verb. */
const MODALS = words('要 能 能够 可以 应 应当 应该 必须 会 可 需 需要 将要 拟 曾 才 就 便 仍 仍然 已 了 着 过 预计 预期 力争 争取');

/** Verbs that make no action: copulas, existence, causatives, reporting, figures. */
const EXCLUDED = words(`
是 有 让 使 使得 确保 据统计 据悉 据了解 据介绍 据报道 截至 截止 占 位居 表示 认为 成为 属于 包括 涉及 来自 请 得到 受到 遭遇 遭受 出现 发生 存在 需要
希望 感到 看到 说 介绍 称 据 举 达 达到 超过 位于 居 具有 拥有 呈现 等 叫 觉得 显示 表明 说明 获悉 了解到 指出 谈到
提到 透露 告诉 回忆 坦言 笑 喜 迎来 面临 面对 经过 随着 根据 按照 依据 依照 基于 本着
惠及 覆盖 受益 增长 上升 下降 回落 攀升 同比 环比 累计达 这是 那是 就是 也是 都是 还是 正是 即是 均是
`);

/** Reporting verbs: the rest of their sentence is what was said, not more actions. */
const SPEECH = words('强调 指出 表示 认为 称 说 提到 谈到 透露 建议');

/** Negations before a verb. */
const NEGATIONS = words('不 未 没 没有 无 不再 不得 不要 未能 不必 无须 无需 并未 从未 尚未 决不 绝不 不会 不能 不可 不宜 不应');

/** Verbs that introduce what a document, meeting or person said (通知明确，…). */
const REPORTING = new Set([...SPEECH, ...words('明确 提出 要求 规定 介绍 建议 显示 表明 宣布 提醒 明确提出 明确要求 特别强调 重点强调')]);

/** Prepositions (and co-verbs used as such) that open a phrase before the predicate. */
const PREPOSITIONS = words(`
以 用 对 在 从 向 为 与 同 和 跟 给 按照 依照 根据 依据 依托 借助 经 针对 会同 对于 关于 由 被 就 随着 于 自 除
凭借 通过 沿着 朝 往 替 基于 本着 按 依 凭 当 趁 面向 经由 截至
`);

/** Verbs whose object is a whole clause (要求广大党员干部牢固树立…): the object runs to the clause end. */
const PIVOTS = words(`
要求 引导 组织 帮助 带领 指导 推动 动员 鼓励 支持 督促 邀请 号召 倡导 强调 明确 促使 协助 督导 发动 责成 委托 授权
允许 安排 提出 指出 部署 决定 同意 推进 引领 带动 助力 教育 激励 组织开展 研究部署
`);

/** Directives to others (要求各地…): the rest of their sentence is what the addressee is to do. */
const DIRECTIVES = words('要求 引导 组织 动员 号召 鼓励 督促 指导 倡导 责成 发动 激励 教育 提醒 敦促 指导督促 督促指导');

/** Verbs that state a rule or decision (明确对…，…): a clause object starting with a preposition runs to the sentence end. */
const STATES = words('明确 规定 决定 提出 宣布 确定 要求 明确提出 明确要求');

/** Verbs that take a verb phrase as object and so never merge with the verb after them (研究 / 贯彻落实举措). */
const NO_MERGE = words(`
研究 提出 要求 强调 坚持 做好 抓好 确保 帮助 引导 指导 邀请 动员 带领 鼓励 支持 督促 聚焦 立足 围绕 着力 致力于 注重
推动 号召 倡导 明确 决定 同意 部署 探索 加大 强化 加强 深化 优化 实施 开展 作出 做出 进行 启动 召开 印发 发布 出台
`);

/** Co-verbs that read as a manner before a verb (联合印发) and as a preposition before a noun (联合市规划局制定). */
const CO_VERBS = words('联合 携手 会同 协同 配合');

/** Prepositions of place, time or aspect whose phrase closes with a localizer (从…方面, 在…中). */
const LOCATIVE = words('在 从 于 自 当');
const LOCALIZERS = words('方面 层面 角度 领域 环节 基础上 过程中 期间 以来 之际 之中 当中 之下');

/** Light verbs whose object is a verbal noun (对…作出统筹部署): preferred as predicate after a prepositional phrase. */
const LIGHT = words('作出 做出 进行 给予 予以 提供 作 做 开展 实施 加强');

/** Verbs that close a 把/将 phrase (把X作为Y, 将X纳入Y, 把X落实到位). */
const DISPOSAL = words(`
作为 纳入 列入 转化 转化为 转变 变为 变成 落实 贯彻 融入 结合 推向 引向 放在 摆在 降至 降到 提高到 提升到 建成 打造成
当作 当成 视为 贯穿 延伸 前移 体现 运送 送到 交给 办到 写入 引入 改造成 打造为 建设成 转为 用于 用在 落到 抓在
`);

/** Complements after a verb that mark it as the verb of a 把/将 phrase. */
const COMPLEMENTS = words('为 到 到位 成 入 至 在 向 给 起来 好 进 上 出 下去 于 实 细');

/** Coordinators between subjects (科技部与教育部) or verbs (受理并办结). */
const NOUN_COORD = words('、 和 与 及 以及 同 跟 暨');
const VERB_COORD = words('并 并且 和 及 以及 或 或者 且');

/** Clause openers skipped before the subject: time words and connectives. */
const FRAME = words(`
同时 此外 另外 目前 近日 日前 近期 近年来 今年以来 当前 其中 对此 为此 随后 此前 去年 今年 截至目前 然后 最后 首先
其次 再次 此后 据悉 据了解 据介绍 据统计 据报道 据测算 据初步统计 据不完全统计 一方面 另一方面 与此同时 如今 眼下 现在 近年 近来 当天 当日 次日 之后 此次 本次
全年 年内 上半年 下半年 当年 年底 年初 年末 多年来 长期以来 一年来 五年来 十年来 近五年 近三年 下一步 未来 今后 会上 会后 会议期间 每年 每月 每周 每天 每日 每季度 第一时间 同一时间 在此基础上 在此期间
`);

/** Words ending an adverbial clause (党史学习教育开展以来，…). */
const ADVERBIAL_END = words('以来 之际 期间 时 之后 以后 之前 以前 前后 过程中 之中 当中 方面');

/** Generic words that can close a phrase of coordinated organs (科技部战略规划司、…、机关党委; 农业农村部等部门). */
const ORGAN_SUFFIX = /(党委|党组|党工委|工委|部门|单位|机关|司|局|厅|办|委|部委|政府|小组|领导小组)$/;

/** Last characters of an organ's name (组织部, 住建局, 县政府), for short forms of organs named before. */
const ORGAN_TAIL = /..[部局委厅办署院府]$/;

const CLAUSE_END = new Set(['，', ',', '；', ';', '。', '！', '？', '!', '?', '：', ':', '…', '……']);
const SENTENCE_END = new Set(['；', ';', '。', '！', '？', '!', '?']);

// ---------------------------------------------------------------- units

/** Unit kinds: a token, a department mention, another entity, a clause delimiter. */
const TOK = 0;
const DEPT = 1;
const ENT = 2;
const PUNCT = 3;

/** A token or an entity of one paragraph (absolute UTF-16 offsets). */
interface Unit {
  s: number;
  e: number;
  w: string;
  tag: string;
  k: number;
  /** Entity index (DEPT, ENT), else -1. */
  ent: number;
}

/** Where a verb sits inside its unit (a token like 认真学习 or 贡献力量 holds more than the verb). */
interface VerbSpan {
  vs: number;
  ve: number;
  /** An object inside the same token (贡献力量 → 力量). */
  os?: number;
  oe?: number;
}

/** One action before it is given its subject. */
interface Found {
  vs: number;
  ve: number;
  os: number;
  oe: number;
}

// ---------------------------------------------------------------- cache

/** Tokens of recently seen paragraphs, per tokenize function (pass a stable function to benefit). */
interface TokenCache {
  map: Map<string, Token[]>;
  /** Characters of the cached paragraphs. */
  size: number;
}
const tokenCaches = new WeakMap<TokenizeFn, TokenCache>();
/** Characters of paragraph text whose tokens are kept (about 25 MB of tokens). */
const CACHE_CHARS = 500_000;

function cachedTokenize(tokenize: TokenizeFn, s: string): Token[] {
  let cache = tokenCaches.get(tokenize);
  if (!cache) {
    cache = { map: new Map(), size: 0 };
    tokenCaches.set(tokenize, cache);
  }
  const hit = cache.map.get(s);
  if (hit) {
    // most recently used last
    cache.map.delete(s);
    cache.map.set(s, hit);
    return hit;
  }
  const tokens = tokenize(s);
  if (s.length > CACHE_CHARS) return tokens;
  while (cache.size + s.length > CACHE_CHARS) {
    const oldest = cache.map.keys().next().value as string;
    cache.map.delete(oldest);
    cache.size -= oldest.length;
  }
  cache.map.set(s, tokens);
  cache.size += s.length;
  return tokens;
}

// ---------------------------------------------------------------- entry point

/** Actions of `text`: each department's verbs with their objects (UTF-16 offsets; `mention` indexes `entities`). */
export function extractActions(text: string, entities: readonly Entity[], tokenize: TokenizeFn): Action[] {
  const out: Action[] = [];
  const seen = new Set<string>();
  let heading: number[] | null = null;
  let entityIndex = 0;
  for (const [ps, pe] of paragraphs(text)) {
    while (entityIndex < entities.length && entities[entityIndex].end <= ps) entityIndex++;
    let last = entityIndex;
    while (last < entities.length && entities[last].start < pe) last++;
    const firstDept = findDept(entities, entityIndex, last);
    let from = ps;
    const h = detectHeading(text, ps, pe, entities, entityIndex, last);
    if (h) {
      heading = h.mentions;
      from = h.rest;
      if (from >= pe) continue;
    } else if (isNumberedHeading(text, ps, pe)) {
      heading = null;
    }
    if (!heading) {
      if (firstDept < 0) continue;
      // Nothing before the clause of the first department can have a subject.
      from = clauseStart(text, ps, entities[firstDept].start);
    }
    const tokens = cachedTokenize(tokenize, text.slice(from, pe));
    const units = buildUnits(text, from, pe, tokens, entities, entityIndex, last);
    const resolve = (short: string, at: number) => resolveShortForm(entities, short, at);
    new ParagraphReader(text, units, heading, resolve).read((f, mentions) => {
      for (const m of mentions) {
        const department = entities[m].canonical ?? entities[m].text;
        const key = `${department}\u0000${f.vs}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({
          department,
          mention: m,
          verb: text.slice(f.vs, f.ve),
          start: f.vs,
          end: f.ve,
          object: text.slice(f.os, f.oe),
          objectStart: f.os,
          objectEnd: f.oe,
        });
      }
    });
  }
  return out.sort((a, b) => a.start - b.start || a.mention - b.mention);
}

/** How far back (UTF-16 units) a short form looks for the full name of its organ. */
const SHORT_FORM_REACH = 3000;

/**
 * The latest department mention before `at` that `short` abbreviates: the
 * short form ends like the full name and its characters appear in it in
 * order (省委组织部 in 浙江省委组织部, 市住建局 in 成都市住房和城乡建设局); -1 if none.
 */
function resolveShortForm(entities: readonly Entity[], short: string, at: number): number {
  if (short.length < 2) return -1;
  // entities are in text order: start from the last one before `at`.
  for (let i = firstStartingFrom(entities, at) - 1; i >= 0; i--) {
    const e = entities[i];
    if (e.end < at - SHORT_FORM_REACH) break;
    if (e.type !== 'department' || e.text.length <= short.length || e.text[e.text.length - 1] !== short[short.length - 1]) continue;
    let p = 0;
    for (const c of e.text) if (p < short.length && c === short[p]) p++;
    if (p === short.length) return i;
  }
  return -1;
}

/** Paragraph ranges [start, end), trimmed: split at line breaks and at runs of two or more U+3000. */
function paragraphs(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const re = /\r\n|\n|\r|\u3000{2,}/g;
  let from = 0;
  const push = (s: number, e: number) => {
    while (s < e && isSpace(text.charCodeAt(s))) s++;
    while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
    if (e > s) out.push([s, e]);
  };
  for (let m = re.exec(text); m; m = re.exec(text)) {
    push(from, m.index);
    from = m.index + m[0].length;
  }
  push(from, text.length);
  return out;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 0x3000 || c === 0xa0 || c === 13 || c === 10;
}

function findDept(entities: readonly Entity[], from: number, to: number): number {
  for (let i = from; i < to; i++) if (entities[i].type === 'department') return i;
  return -1;
}

const NUMBERING = /^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．]|第[一二三四五六七八九十]+[，、]?|[【[〔])\s*/;

/**
 * A heading paragraph: departments alone, perhaps numbered or bracketed, and
 * an optional colon (`科技部：`); with a colon, text may follow in the same
 * paragraph. Returns the mentions and where the governed text starts.
 */
function detectHeading(
  text: string,
  ps: number,
  pe: number,
  entities: readonly Entity[],
  from: number,
  to: number,
): { mentions: number[]; rest: number } | null {
  if (from >= to) return null;
  const m = NUMBERING.exec(text.slice(ps, Math.min(pe, ps + 8)));
  let pos = ps + (m ? m[0].length : 0);
  const mentions: number[] = [];
  let i = from;
  while (i < to && entities[i].start < pos) i++;
  for (;;) {
    const e = entities[i];
    if (!e || e.start !== pos || e.type !== 'department') return null;
    mentions.push(i);
    pos = e.end;
    i++;
    const sep = /^(?:、|，|,|和|与|及|\s)/.exec(text.slice(pos, pos + 1));
    if (sep && entities[i]?.start === pos + 1 && entities[i].type === 'department') {
      pos++;
      continue;
    }
    break;
  }
  while (pos < pe && /[】\]〕\s]/.test(text[pos])) pos++;
  if (pos >= pe) return { mentions, rest: pe };
  if (text[pos] === '：' || text[pos] === ':') {
    pos++;
    while (pos < pe && isSpace(text.charCodeAt(pos))) pos++;
    return { mentions, rest: pos };
  }
  return null;
}

/** A short numbered heading (一、… （二）…) without a department: it ends the scope of a department heading. */
function isNumberedHeading(text: string, ps: number, pe: number): boolean {
  if (pe - ps > 40) return false;
  if (!NUMBERING.test(text.slice(ps, Math.min(pe, ps + 8)))) return false;
  return !/[。！？]/.test(text.slice(ps, pe));
}

/** Start of the clause holding `at`: after the previous delimiter, or the paragraph start. */
function clauseStart(text: string, ps: number, at: number): number {
  for (let i = at - 1; i >= ps; i--) if (CLAUSE_END.has(text[i])) return i + 1;
  return ps;
}

/**
 * Units of text[from, pe): entities replace the tokens they cover (a token
 * crossing an entity boundary keeps only its outer part); text inside
 * parentheses and quoted speech (“…” that is no `term`) is dropped.
 */
function buildUnits(
  text: string,
  from: number,
  pe: number,
  tokens: Token[],
  entities: readonly Entity[],
  entFrom: number,
  entTo: number,
): Unit[] {
  const units: Unit[] = [];
  let ei = entFrom;
  while (ei < entTo && entities[ei].start < from) ei++;
  const pushToken = (s: number, e: number, tag: string) => {
    const w = text.slice(s, e);
    if (!w.trim()) return;
    if (CLAUSE_END.has(w)) {
      units.push({ s, e, w, tag: 'x', k: PUNCT, ent: -1 });
      return;
    }
    if (tag === 'x' && CJK.test(w) && !VERBS.has(w)) {
      // jieba glues a function word to an unknown character (将脑/x, 对部/x, 并将/x): split it off.
      if (w.length === 2 && GLUED_FIRST.test(w[0])) {
        units.push({ s, e: s + 1, w: w[0], tag: /^[并且还也又再]$/.test(w[0]) ? 'c' : 'p', k: TOK, ent: -1 });
        units.push({ s: s + 1, e, w: w.slice(1), tag: GLUED_FIRST.test(w[1]) ? 'p' : 'n', k: TOK, ent: -1 });
        return;
      }
      // Other unknown Chinese words are names (市住/x 建局/x, 导则/x).
      tag = 'n';
    }
    units.push({ s, e, w, tag, k: TOK, ent: -1 });
  };
  let cursor = from;
  for (const t of tokens) {
    let s = t.start + from;
    const e = t.end + from;
    if (e <= cursor) continue;
    if (s < cursor) s = cursor;
    while (ei < entTo && entities[ei].start < e) {
      const en = entities[ei];
      if (en.start >= pe) break;
      if (en.start > s) pushToken(s, en.start, t.tag);
      units.push({
        s: en.start,
        e: Math.min(en.end, pe),
        w: en.text,
        tag: en.type,
        k: en.type === 'department' ? DEPT : ENT,
        ent: ei,
      });
      s = Math.max(s, en.end);
      cursor = s;
      ei++;
    }
    if (s < e) pushToken(s, e, t.tag);
    cursor = Math.max(cursor, e);
  }
  return dropAsides(units);
}

/** Removes parenthesised text and quoted speech (quotes that the annotator did not mark as a term). */
function dropAsides(units: Unit[]): Unit[] {
  const out: Unit[] = [];
  for (let i = 0; i < units.length; i++) {
    const u = units[i];
    const close = u.k === TOK ? CLOSERS[u.w] : undefined;
    if (close) {
      let j = i + 1;
      while (j < units.length && units[j].w !== close && j - i < 400) j++;
      if (j < units.length && units[j].w === close) {
        i = j;
        continue;
      }
    }
    if (u.k === TOK && (u.w === '“' || u.w === '”' || u.w === '"' || u.w === '「' || u.w === '」')) continue;
    out.push(u);
  }
  return out;
}

const CJK = /^[\u3400-\u9fff]+$/;
const GLUED_FIRST = /^[将把对用以为在从向与并且还也又再]$/;

const CLOSERS: Record<string, string> = { '（': '）', '(': ')', '“': '”', '「': '」' };

// ---------------------------------------------------------------- reading

type Emit = (f: Found, mentions: number[]) => void;

/** Subject of a clause, as found at its start. */
interface Subject {
  kind: 'dept' | 'named' | 'np' | 'none';
  mentions: number[];
  /** Index of the first unit after the subject. */
  next: number;
}

/** Reads one paragraph clause by clause, carrying the subject. */
class ParagraphReader {
  constructor(
    private readonly text: string,
    private readonly u: Unit[],
    private readonly heading: number[] | null,
    /** The department mention that a short form (省委组织部) written at an offset stands for, or -1. */
    private readonly resolve: (short: string, at: number) => number = () => -1,
  ) {}

  read(emit: Emit): void {
    const u = this.u;
    let paraSubject: number[] | null = this.heading;
    let sentenceSubject: number[] | null | undefined;
    let sentence = 0;
    let acted = false;
    let pending: [number, number] | null = null;
    let a = 0;
    for (let b = 0; b <= u.length; b++) {
      if (b < u.length && u[b].k !== PUNCT) continue;
      if (b > a) {
        const subject = this.subject(a, b);
        if (subject.kind === 'dept') {
          paraSubject = subject.mentions;
          sentenceSubject = undefined;
          acted = true;
        } else if (subject.kind === 'named') {
          paraSubject = null;
          sentenceSubject = undefined;
        } else if (subject.kind === 'np') {
          // A subject of its own in the paragraph's first sentence replaces the heading;
          // later, it holds for its sentence only (14款疫苗进入…。实施… goes back to the department).
          if (sentence === 0 && !acted) paraSubject = null;
          else sentenceSubject = null;
        }
        const current = sentenceSubject !== undefined ? sentenceSubject : paraSubject;
        if (current && current.length) {
          const result = this.clause(subject.next, b, pending);
          pending = result.pending;
          for (const f of result.found) {
            emit(f, current);
            acted = true;
          }
          // 强调把…结合起来，与…结合起来: what follows a reporting verb in its sentence is what was said.
          if (result.found.some((f) => SPEECH.has(this.text.slice(f.vs, f.ve)))) sentenceSubject = null;
          // 要求各地…，加快…: the clauses after a directive to others, in its sentence, are what the others are to do.
          else if (result.found.some((f) => this.directsOthers(f, a, b))) sentenceSubject = null;
        } else {
          pending = null;
        }
      }
      if (b < u.length && SENTENCE_END.has(u[b].w)) {
        sentence++;
        sentenceSubject = undefined;
        pending = null;
      }
      a = b + 1;
    }
  }

  /** A directive verb whose object is an addressee and what it is to do (要求各地围绕…, 引导党员干部从…汲取). */
  private directsOthers(f: Found, a: number, b: number): boolean {
    const verb = this.text.slice(f.vs, f.ve);
    if (!DIRECTIVES.has(verb) && !STATES.has(verb)) return false;
    const u = this.u;
    let k = a;
    while (k < b && u[k].e <= f.os) k++;
    // 明确对…的部分，减半征收…: a clause as object runs on past the comma.
    if (k < b && u[k].s === f.os && u[k].k === TOK && (PREPOSITIONS.has(u[k].w) || u[k].w === '把' || u[k].w === '将')) return true;
    if (!DIRECTIVES.has(verb)) return false;
    if (k >= b || u[k].s !== f.os || !this.isNounish(u[k]) && !(u[k].k === TOK && (u[k].tag === 'r' || NOT_VERBS.has(u[k].w)))) return false;
    for (k++; k < b && u[k].s < f.oe; k++) {
      const x = u[k];
      if (x.k === TOK && (x.tag === 'v' || (VERBS.has(x.w) && !WEAK.has(x.w) && !NOT_VERBS.has(x.w)))) return true;
    }
    return false;
  }

  // ---------------------------------------------------------- subject

  /** Finds the clause's own subject: departments (coordinated), another named actor, another noun phrase, or none. */
  private subject(a: number, b: number): Subject {
    const u = this.u;
    let i = a;
    for (;;) {
      if (i < b && this.isFrame(i)) i++;
      else if (i + 1 < b && this.isSplitFrame(i)) i += 2;
      else break;
    }
    if (this.isAdverbialClause(b)) return { kind: 'none', mentions: [], next: b };
    // 会议强调, 通知指出: a word right before a reporting verb is the subject, whatever its tag.
    if (i + 1 < b && u[i].k === TOK && !VERBS.has(u[i].w) && !ADVERBS.has(u[i].w) && u[i + 1].k === TOK && SPEECH.has(u[i + 1].w)) {
      return { kind: 'np', mentions: [], next: i + 1 };
    }
    // 通知明确，… 有关负责人介绍，…: a clause of a nominal and a reporting verb introduces what was said.
    const lastUnit = u[b - 1];
    if (b - 1 > i && lastUnit.k === TOK && REPORTING.has(lastUnit.w) && b < u.length && (u[b].w === '，' || u[b].w === '：' || u[b].w === ',' || u[b].w === ':')) {
      let plain = true;
      for (let k = i; k < b - 1 && plain; k++) plain = this.isReporter(k);
      if (plain) return { kind: 'np', mentions: [], next: b - 1 };
    }
    // A quoted term right before a verb and its object is a manner (“点对点”督导各地), not a subject (“双减”落地).
    if (i < b && u[i].k === ENT && u[i].tag === 'term' && i + 2 < b && this.verbAt(i + 1, true) && !EXCLUDED.has(u[i + 1].w)) i++;
    let j = i;
    while (j < b && (this.isNounUnit(j, j === i) || this.isNominalVerb(j, i))) j++;
    // 研究部署/n 防汛工作: a verb-verb compound opening the clause is its predicate (but 监督管理部门 is an organ).
    if (j > i && j < b && this.isVerbCompound(i) && !(u[j - 1].k === TOK && ORGAN_SUFFIX.test(u[j - 1].w))) return { kind: 'none', mentions: [], next: i };
    if (j === i || j >= b) return { kind: 'none', mentions: [], next: i };
    if (!this.isPredicateStart(j)) return { kind: 'none', mentions: [], next: i };
    const mentions: number[] = [];
    let named = false;
    // The phrase's head is its last unit: 国务院及地方政府机构改革 is about 改革, not 国务院.
    const last = u[j - 1];
    // 我代表中央委员会向大会作报告: a pronoun opens the phrase, so it is the subject.
    const pronoun = u[i].k === TOK && u[i].tag === 'r';
    const organ = !pronoun && (last.k === DEPT || (last.k === ENT && /^(organization|person|place)$/.test(last.tag)) || (last.k === TOK && (ORGAN_SUFFIX.test(last.w) || ORGAN_TAIL.test(last.w))));
    let part = organ ? i : j;
    for (let k = part; k < j; k++) {
      const next = k + 1 < j ? u[k + 1] : undefined;
      const head = !next || (next.k === TOK && (NOUN_COORD.has(next.w) || next.w === '等'));
      if (!head) continue;
      if (u[k].k === DEPT) mentions.push(u[k].ent);
      else if (u[k].k === ENT && /^(organization|person|place)$/.test(u[k].tag)) named = true;
      else if (u[k].k === TOK && (ORGAN_SUFFIX.test(u[k].w) || ORGAN_TAIL.test(u[k].w))) {
        // 省委组织部 after 浙江省委组织部, 市住建局 after 成都市住房和城乡建设局: a short form of an organ named before.
        const m = this.resolve(this.text.slice(u[part].s, u[k].e), u[part].s);
        if (m >= 0) mentions.push(m);
      }
      part = k + 2;
    }
    if (mentions.length) return { kind: 'dept', mentions, next: j };
    // …省份，内蒙古和东北三省…地区的支持力度: a noun phrase continuing the last clause, not a subject.
    if (this.isNounFragment(j, b)) return { kind: 'none', mentions, next: i };
    return { kind: named ? 'named' : 'np', mentions, next: j };
  }

  /** A four-character token made of two listed verbs (研究部署, 组织协调), whatever its tag. */
  private isVerbCompound(i: number): boolean {
    const x = this.u[i];
    return x.k === TOK && x.w.length === 4 && VERBS.has(x.w.slice(0, 2)) && VERBS.has(x.w.slice(2)) && !/^n[rst]/.test(x.tag);
  }

  /** A verbal noun after a plain noun inside a subject phrase (机构/n 改革/vn 顺利实施). */
  private isNominalVerb(j: number, i: number): boolean {
    const x = this.u[j];
    const prev = this.u[j - 1];
    if (j <= i || x.k !== TOK || x.tag !== 'vn' || prev.k !== TOK || prev.tag[0] !== 'n') return false;
    const next = this.u[j + 1];
    return !!next && next.k === TOK && (next.tag === 'ad' || next.tag === 'd' || next.tag[0] === 'v' || ADVERBS.has(next.w));
  }

  /** True when the clause ends in 的 followed by nouns only. */
  private isNounFragment(j: number, b: number): boolean {
    const u = this.u;
    if (!this.isNounish(u[b - 1])) return false;
    let k = b - 2;
    while (k > j && (this.isNounish(u[k]) || (u[k].k === TOK && (u[k].tag === 'v' || u[k].tag === 'vn')))) k--;
    return u[k].k === TOK && u[k].w === '的';
  }

  /** A frame word the tokenizer split in two (第一/m 时间/n, 下/f 一步/m). */
  private isSplitFrame(i: number): boolean {
    const x = this.u[i];
    const y = this.u[i + 1];
    return x.k === TOK && y.k === TOK && x.e === y.s && FRAME.has(x.w + y.w);
  }

  private isFrame(i: number): boolean {
    const x = this.u[i];
    if (x.k === ENT) return x.tag === 'date';
    if (x.k !== TOK) return false;
    if (/^[【】[\]〔〕〈〉<>—－\-·•…*#]+$/.test(x.w)) return true;
    // 委内/部内/省内 (within the organ or area): where, not who.
    if (x.w.length === 2 && x.w[1] === '内') return true;
    return FRAME.has(x.w) || x.tag === 't' || x.tag === 'tg' || (x.tag === 'c' && !NOUN_COORD.has(x.w));
  }

  private isNounUnit(i: number, first: boolean): boolean {
    const x = this.u[i];
    if (x.k === DEPT) return true;
    if (x.k === ENT) return x.tag !== 'date' || !first;
    if (x.k !== TOK) return false;
    const w = x.w;
    if (NOUN_COORD.has(w) || w === '等' || w === '的') return !first;
    // 主要负责同志, 有关负责人: a person, not 负责 as a predicate.
    const nx = this.u[i + 1];
    if ((w === '负责' || w === '主要') && nx && nx.k === TOK && /^(同志|人|负责|负责人|负责同志|领导)$/.test(nx.w)) return true;
    if (VERBS.has(w) || ADVERBS.has(w) || MODALS.has(w) || PREPOSITIONS.has(w) || FRAME.has(w) || EXCLUDED.has(w)) return false;
    if (w === '把' || w === '将') return false;
    if (NOT_VERBS.has(w)) return true;
    // 认真学习/n, 组织协调/n: a verb inside a token tagged as a noun.
    if (w.length >= 3 && ADVERBS.has(w.slice(0, 2)) && VERBS.has(w.slice(2))) return false;
    if (w.length === 4 && VERBS.has(w.slice(0, 2)) && !WEAK.has(w.slice(0, 2)) && (VERBS.has(w.slice(2)) || x.tag === 'i' || x.tag === 'l')) return false;
    const t = x.tag;
    return t[0] === 'n' || t === 's' || t === 'b' || t === 'j' || t === 'eng' || t === 'an' || t === 'r' || t === 'm' || t === 'mq' || t === 'q' || t === 'zg' || t === 'k';
  }

  /** A unit of the subject of a reporting verb (通知, 有关负责人): no department, adverb, modal, preposition or listed verb. */
  private isReporter(k: number): boolean {
    const x = this.u[k];
    if (x.k === DEPT) return false;
    if (x.k !== TOK) return true;
    const w = x.w;
    if (ADVERBS.has(w) || MODALS.has(w) || PREPOSITIONS.has(w) || VERBS.has(w) || FRAME.has(w)) return false;
    const t = x.tag;
    return t !== 'd' && t !== 'ad' && t !== 'p' && t !== 'c' && t !== 'f';
  }

  private isPredicateStart(j: number): boolean {
    const x = this.u[j];
    if (x.k !== TOK) return false;
    if (x.w === '的') return false;
    return true;
  }

  /** A clause ending in 以来/之际/…中 (but not 运送到…家中) sets the time or place of what follows. */
  private isAdverbialClause(b: number): boolean {
    const last = this.u[b - 1];
    if (last.k !== TOK) return false;
    if (ADVERBIAL_END.has(last.w)) return true;
    if (last.tag !== 'f') return false;
    const before = this.u[b - 2];
    return !before || before.k !== TOK || !/^(到|在|入|进|于|至)$/.test(before.w);
  }

  // ---------------------------------------------------------- predicate

  /** Actions of one clause from its predicate start `p`: coordinated verb phrases split on 、. */
  private clause(p: number, b: number, pending: [number, number] | null): { found: Found[]; pending: [number, number] | null } {
    if (pending) {
      const i = this.skipAdverbs(p, b);
      const v = i < b ? this.verbAt(i, true) : null;
      if (v && !EXCLUDED.has(this.u[i].w)) return { found: [{ vs: v.vs, ve: v.ve, os: pending[0], oe: pending[1] }], pending: null };
      return { found: [], pending: null };
    }
    const segments = this.segments(p, b);
    if (segments.length > 1) {
      const found: Found[] = [];
      for (const [s, e] of segments) found.push(...this.predicate(s, e).found);
      return { found, pending: null };
    }
    return this.predicate(p, b);
  }

  /** Splits `、`-coordinated verb phrases (统一思想、凝聚共识): every part must open with a verb and no part list ends in 等. */
  private segments(p: number, b: number): Array<[number, number]> {
    const u = this.u;
    const cuts: number[] = [];
    for (let k = p; k < b; k++) if (u[k].k === TOK && u[k].w === '、') cuts.push(k);
    if (!cuts.length) return [[p, b]];
    for (let k = cuts[cuts.length - 1]; k < b; k++) if (u[k].k === TOK && u[k].w === '等') return [[p, b]];
    const segs: Array<[number, number]> = [];
    let s = p;
    for (const c of cuts) {
      segs.push([s, c]);
      s = c + 1;
    }
    segs.push([s, b]);
    const open = this.skipAdverbs(segs[0][0], segs[0][1]);
    if (open < segs[0][1] && (u[open].w === '把' || u[open].w === '将')) return [[p, b]];
    const first = this.firstVerb(segs[0][0], segs[0][1]);
    if (first < 0 || PIVOTS.has(u[first].w) || u[first].w === '把' || u[first].w === '将') return [[p, b]];
    for (let n = 1; n < segs.length; n++) {
      // 创造、发明和发现: verbs without objects are a list of verbal nouns.
      if (this.bareVerbs(segs[n][0], segs[n][1])) return [[p, b]];
      const i = this.skipAdverbs(segs[n][0], segs[n][1]);
      if (i >= segs[n][1] || !this.verbAt(i, true) || u[i].tag === 'vn' && !VERBS.has(u[i].w)) return [[p, b]];
      if (EXCLUDED.has(u[i].w)) return [[p, b]];
    }
    return segs;
  }

  /**
   * 通过举办招聘会、发布岗位信息、开展就业指导等方式: each 、-part that opens
   * with a verb is a means of its own; null unless every part does.
   */
  private meansList(p: number, b: number): Found[] | null {
    const u = this.u;
    let end = b;
    for (let k = p; k < b; k++) if (u[k].k === TOK && u[k].w === '等') end = k;
    const cuts: number[] = [];
    for (let k = p; k < end; k++) if (u[k].k === TOK && u[k].w === '、') cuts.push(k);
    if (!cuts.length) return null;
    const found: Found[] = [];
    let s = p;
    for (const c of [...cuts, end]) {
      const i = this.skipAdverbs(s, c);
      if (i >= c || !this.plainVerb(i) || NO_MERGE.has(u[i].w) && PIVOTS.has(u[i].w)) return null;
      const f = this.verbPhrase(i, c);
      if (!f.length) return null;
      found.push(...f);
      s = c + 1;
    }
    return found;
  }

  /** True when units [s, e) are verbs and coordinators only. */
  private bareVerbs(s: number, e: number): boolean {
    for (let k = s; k < e; k++) {
      const x = this.u[k];
      if (x.k !== TOK) return false;
      if (VERB_COORD.has(x.w) || NOUN_COORD.has(x.w)) continue;
      if (x.tag[0] !== 'v' && !(VERBS.has(x.w) && x.tag[0] !== 'n')) return false;
    }
    return true;
  }

  /** The unit index of the main verb of a verb phrase, or -1 (used to vet a split). */
  private firstVerb(p: number, b: number): number {
    const found = this.predicate(p, b).found;
    if (!found.length) return -1;
    const vs = found[0].vs;
    for (let k = p; k < b; k++) if (this.u[k].s <= vs && vs < this.u[k].e) return k;
    return -1;
  }

  /** Actions of a verb phrase [i, end). */
  private predicate(i: number, end: number): { found: Found[]; pending: [number, number] | null } {
    const u = this.u;
    const none = { found: [], pending: null };
    for (let guard = 0; guard < 8; guard++) {
      const from = i;
      i = this.skipAdverbs(i, end);
      if (i >= end) return none;
      const x = u[i];
      if (x.k !== TOK) return none;
      // 不作修改, 未采取, 不再设立: what a department does not do is no action.
      for (let k = from; k < i; k++) if (NEGATIONS.has(u[k].w)) return none;
      if (x.w.length === 2 && /^[不未没]/.test(x.w) && !ADVERBS.has(x.w) && x.tag[0] === 'v') return none;
      // 把好/把牢/把准…关: a verb, not the disposal marker.
      const nx = u[i + 1];
      if (x.w === '把' && i + 1 < end && nx.k === TOK && /^[好牢严准稳住]$/.test(nx.w)) {
        const [os, oe] = this.span(i + 2, this.objectEnd(i + 2, end), nx.e);
        return { found: [{ vs: x.s, ve: nx.e, os, oe }], pending: null };
      }
      if (x.w === '把' || (x.w === '将' && this.isDisposal(i, end))) return this.disposal(i + 1, end);
      if (x.w === '将') {
        i++;
        continue;
      }
      if (x.w === '通过') {
        const n = this.skipAdverbs(i + 1, end);
        if (n < end && this.verbAt(n, true) && !PREPOSITIONS.has(u[n].w)) {
          const means = this.meansList(n, end);
          if (means) return { found: means, pending: null };
          i = n;
          continue;
        }
        return { found: this.prepositional(i, end), pending: null };
      }
      if (EXCLUDED.has(x.w)) return none;
      // 联合印发, 联合部署开展: a manner before the verb; 联合中关村管委会发布: a preposition.
      if (CO_VERBS.has(x.w)) {
        if (!this.plainVerb(i + 1)) return { found: this.prepositional(i, end), pending: null };
        i++;
        continue;
      }
      if (PREPOSITIONS.has(x.w) || x.tag === 'p') return { found: this.prepositional(i, end), pending: null };
      if (this.verbAt(i, true)) return { found: this.verbPhrase(i, end), pending: null };
      return none;
    }
    return none;
  }

  /** Skips adverbs, modals, idioms and unknown tokens before the verb. */
  private skipAdverbs(i: number, end: number): number {
    const u = this.u;
    while (i < end) {
      const x = u[i];
      if (x.k !== TOK) return i;
      const w = x.w;
      if (ADVERBS.has(w) || MODALS.has(w)) {
        i++;
        continue;
      }
      if (VERBS.has(w) || PREPOSITIONS.has(w) || w === '把' || w === '将') return i;
      const t = x.tag;
      if ((t === 'd' || t === 'ad' || t === 'a' || t === 'c' || t === 'i' || t === 'x' || t === 't' || t === 'tg' || t === 'y' || t === 'ul' || t === 'uv' || t === 'ud') && !this.verbAt(i, true)) {
        i++;
        continue;
      }
      return i;
    }
    return i;
  }

  /**
   * The verb inside unit i, if it is one: listed verbs whatever their tag,
   * verb tags, 认真学习-like tokens (verb after an adverb) and, where a
   * predicate is expected, 贡献力量-like tokens (verb + object).
   */
  private verbAt(i: number, predicate: boolean): VerbSpan | null {
    const x = this.u[i];
    if (!x || x.k !== TOK) return null;
    const w = x.w;
    const t = x.tag;
    if (MODALS.has(w) || ADVERBS.has(w) || NOT_VERBS.has(w)) return null;
    if (VERBS.has(w) || t === 'v' || t === 'vd' || t === 'vi' || (t === 'vn' && predicate)) return { vs: x.s, ve: x.e };
    if (w.length >= 3) {
      if (ADVERBS.has(w.slice(0, 2)) && VERBS.has(w.slice(2))) return { vs: x.s + 2, ve: x.e };
      if (w.length === 4 && VERBS.has(w.slice(0, 2)) && VERBS.has(w.slice(2)) && !/^n[rst]/.test(t)) return { vs: x.s, ve: x.e };
      // 严厉打击/i: an idiom ending in a verb.
      if (w.length === 4 && (t === 'i' || t === 'l') && VERBS.has(w.slice(2)) && !WEAK.has(w.slice(2)) && !VERBS.has(w.slice(0, 2))) return { vs: x.s + 2, ve: x.e };
      if (predicate && w.length >= 4 && VERBS.has(w.slice(0, 2)) && !/^n[rst]/.test(t)) return { vs: x.s, ve: x.s + 2, os: x.s + 2, oe: x.e };
    }
    return null;
  }

  /** A verb usable inside a noun phrase context: a verb tag or a listed verb, not a verbal noun alone. */
  private plainVerb(i: number): VerbSpan | null {
    const x = this.u[i];
    if (!x || x.k !== TOK || EXCLUDED.has(x.w) || PREPOSITIONS.has(x.w)) return null;
    const v = this.verbAt(i, false);
    if (!v) return null;
    if (x.tag === 'vn' && !VERBS.has(x.w)) return null;
    return v;
  }

  /** A verb, coordinated verbs (受理并办结) or a run of verbs (研究安排), with the object after them. */
  private verbPhrase(i: number, end: number): Found[] {
    const u = this.u;
    const first = this.verbAt(i, true)!;
    if (EXCLUDED.has(u[i].w)) return [];
    if (first.os !== undefined) return [{ vs: first.vs, ve: first.ve, os: first.os, oe: first.oe! }];
    const spans: Array<[number, number]> = [[first.vs, first.ve]];
    let head = u[i].w;
    let pivot = PIVOTS.has(head);
    let count = 1;
    let j = i + 1;
    while (j < end) {
      const x = u[j];
      if (x.k === TOK && (x.w === '了' || x.tag === 'ul')) {
        j++;
        break;
      }
      if (x.k === TOK && VERB_COORD.has(x.w) && j + 1 < end && this.plainVerb(j + 1)) {
        const v = this.plainVerb(j + 1)!;
        spans.push([v.vs, v.ve]);
        head = u[j + 1].w;
        pivot ||= PIVOTS.has(head);
        count = 1;
        j += 2;
        continue;
      }
      if (!NO_MERGE.has(head) && count < 3 && x.k === TOK && VERBS.has(x.w) && x.tag !== 'vn' && (x.tag === 'v' || !WEAK.has(x.w)) && !EXCLUDED.has(x.w) && !MODALS.has(x.w) && !PREPOSITIONS.has(x.w)) {
        const v = this.verbAt(j, false);
        if (v && v.os === undefined) {
          spans[spans.length - 1][1] = v.ve;
          head = x.w;
          pivot ||= PIVOTS.has(head);
          count++;
          j++;
          continue;
        }
      }
      break;
    }
    const objectEnd = pivot ? end : this.objectEnd(j, end);
    const [os, oe] = this.span(j, objectEnd, spans[spans.length - 1][1]);
    return spans.map(([vs, ve]) => ({ vs, ve, os, oe }));
  }

  /** Where the object starting at j ends: before a second predicate (派出工作组 | 指导…), else at `end`. */
  private objectEnd(j: number, end: number): number {
    const u = this.u;
    for (let k = j + 1; k < end - 1; k++) {
      const x = u[k];
      if (x.k !== TOK || !VERBS.has(x.w) || WEAK.has(x.w) || x.tag === 'vn') continue;
      const prev = u[k - 1];
      const next = u[k + 1];
      if (k >= 2 && u[k - 2].w === '、') continue;
      // 职业技能提升行动: a verb with one noun before the clause end heads a compound noun.
      if (k + 2 >= end) continue;
      if (!this.isNounish(prev) || next.w === '的' || next.w === '等') continue;
      if (next.k === TOK && !(this.isNounish(next) || next.tag[0] === 'v' || VERBS.has(next.w))) continue;
      return k;
    }
    return end;
  }

  private isNounish(x: Unit): boolean {
    if (x.k === DEPT || x.k === ENT) return true;
    if (x.k !== TOK) return false;
    const t = x.tag;
    if (t === 'vn' || WEAK.has(x.w)) return true;
    return (t[0] === 'n' || t === 'r' || t === 'm' || t === 'q' || t === 'j' || t === 's') && !VERBS.has(x.w);
  }

  /** Text span of units [j, k), trimmed of delimiters and of a trailing 的; empty at `fallback` when none. */
  private span(j: number, k: number, fallback: number): [number, number] {
    const u = this.u;
    while (j < k && (u[j].k === PUNCT || u[j].w === '、')) j++;
    while (k > j && (u[k - 1].k === PUNCT || u[k - 1].w === '、' || u[k - 1].w === '的')) k--;
    if (k <= j) return [fallback, fallback];
    return [u[j].s, u[k - 1].e];
  }

  /** After a preposition at i: the predicate verb past the phrase (以更高标准打好…, 对…作出…, 为实现…贡献…). */
  private prepositional(i: number, end: number): Found[] {
    const u = this.u;
    const prep = u[i].w;
    if (this.isAdverbialClause(end)) return [];
    // 关于开展专项整治的通知: a topic, as in a title.
    if (prep === '关于' || prep === '对于') return [];
    if (prep === '以' || prep === '用') {
      // 以全会精神为引领: the whole clause is a manner.
      for (let m = i + 2; m < end; m++) {
        if (u[m].k === TOK && (u[m].w === '为' || u[m].w === '作为')) {
          if (end - m <= 3) return [];
          return this.predicate(m + 2, end).found;
        }
      }
    }
    if (prep === '为' && this.plainVerb(i + 1)) {
      // Purpose (为实现科技自立自强贡献力量): the main verb is the last one taking an object.
      let best = -1;
      for (let k = i + 2; k < end; k++) {
        const v = this.verbAt(k, true);
        if (!v || EXCLUDED.has(u[k].w) || PREPOSITIONS.has(u[k].w)) continue;
        if (u[k].tag === 'vn' && !VERBS.has(u[k].w)) continue;
        if (v.os !== undefined) {
          best = k;
          continue;
        }
        const next = u[k + 1];
        if (!next || next.k === PUNCT || next.w === '的' || this.plainVerb(k + 1)) continue;
        best = k;
      }
      return best < 0 ? [] : this.verbPhrase(best, end);
    }
    if (LOCATIVE.has(prep)) {
      // 从选拔任用、考核评价等方面提出…, 在此基础上建立…: the phrase ends at its localizer.
      for (let k = i + 2; k < end - 1; k++) {
        const x = u[k];
        if (x.k !== TOK || !(x.tag === 'f' || LOCALIZERS.has(x.w))) continue;
        const found = this.predicate(k + 1, end).found;
        if (found.length) return found;
      }
    }
    let light = -1;
    for (let k = i + 2; k < end; k++) {
      if (LIGHT.has(u[k].w) && u[k].k === TOK && u[k + 1]?.w !== '的') light = k;
    }
    if (light >= 0) return this.verbPhrase(light, end);
    for (let k = i + 2; k < end; k++) {
      // …的要求, 按照规定: a verb after 的 or after a preposition is a noun.
      if (!this.plainVerb(k) || this.inNounPhrase(k, end) || u[k - 1].w === '的' || (u[k - 1].k === TOK && u[k - 1].tag === 'p')) continue;
      let g = k;
      while (g + 1 < end && this.plainVerb(g + 1)) g++;
      const next = u[g + 1];
      if (next && (next.w === '的' || next.k === TOK && next.tag === 'uj')) {
        k = g;
        continue;
      }
      // In a run of verbs the first strong one heads (联合…制定改造技术导则); verbal nouns
      // such as 保护 close the phrase (以高水平保护推动…).
      let head = -1;
      for (let h = k; h <= g && head < 0; h++) if (VERBS.has(u[h].w) && !WEAK.has(u[h].w)) head = h;
      for (let h = g; h >= k && head < 0; h--) if (VERBS.has(u[h].w)) head = h;
      return this.verbPhrase(head < 0 ? k : head, end);
    }
    return [];
  }

  /** A listed verb tagged as a noun inside the object of a preposition (联合市规划/n 和 自然资源局). */
  private inNounPhrase(k: number, end: number): boolean {
    const x = this.u[k];
    if (x.tag[0] !== 'n' && x.tag !== 'j') return false;
    const next = this.u[k + 1];
    if (k + 1 >= end || !next) return false;
    if (next.k === DEPT || next.k === ENT) return true;
    return next.k === TOK && (NOUN_COORD.has(next.w) || next.w === '等');
  }

  /** 将 at i reads as 把 when a noun follows, or a later verb closes the phrase (将贯彻落实…与…紧密结合). */
  private isDisposal(i: number, end: number): boolean {
    const u = this.u;
    const n = this.skipAdverbs(i + 1, end);
    if (n >= end) return false;
    const x = u[n];
    if (x.k === TOK && (x.tag === 'p' || PREPOSITIONS.has(x.w))) return false;
    if (!this.verbAt(n, true)) return x.k !== PUNCT;
    // 将继续扩大…, 将进一步加强…: an adverb after 将 marks the future.
    const future = n > i + 1 && u[n - 1].k === TOK && ADVERBS.has(u[n - 1].w);
    let k = n + 1;
    while (k < end && this.plainVerb(k)) k++;
    for (; k < end; k++) {
      const v = this.plainVerb(k);
      if (!v) continue;
      const w = u[k].w;
      const next = u[k + 1];
      if (DISPOSAL.has(w) || DISPOSAL.has(this.text.slice(v.vs, v.ve))) return true;
      if (next && next.k === TOK && COMPLEMENTS.has(next.w)) return true;
      if (future) continue;
      if (k === end - 1 && u[k].tag === 'v' && !WEAK.has(w)) return true;
    }
    return false;
  }

  /** 把/将 + object + verb (把X落实到位, 将X作为Y): verb and object; an object without its verb waits for the next clause. */
  private disposal(i: number, end: number): { found: Found[]; pending: [number, number] | null } {
    const u = this.u;
    let chosen = -1;
    let lastVerb = -1;
    for (let k = i + 1; k < end; k++) {
      const v = this.plainVerb(k);
      if (!v) continue;
      lastVerb = k;
      const w = this.text.slice(v.vs, v.ve);
      const next = u[k + 1];
      if (DISPOSAL.has(w) || (next && next.k === TOK && COMPLEMENTS.has(next.w)) || (w.length >= 2 && /[为至入到成]$/.test(w))) {
        chosen = k;
        break;
      }
    }
    if (chosen < 0) chosen = lastVerb;
    if (chosen < 0) {
      // 将核酸检测价格从…，全部降至…: the object waits for its verb.
      let k = i + 1;
      while (k < end && !(u[k].k === TOK && (u[k].tag === 'p' || PREPOSITIONS.has(u[k].w)))) k++;
      const [os, oe] = this.span(i, k, -1);
      return { found: [], pending: os < 0 ? null : [os, oe] };
    }
    let objEnd = chosen;
    while (objEnd > i && u[objEnd - 1].k === TOK && (ADVERBS.has(u[objEnd - 1].w) || u[objEnd - 1].tag === 'd' || u[objEnd - 1].tag === 'ad' || MODALS.has(u[objEnd - 1].w))) objEnd--;
    const v = this.plainVerb(chosen)!;
    const [os, oe] = this.span(i, objEnd, v.vs);
    return { found: [{ vs: v.vs, ve: v.ve, os, oe }], pending: null };
  }
}
