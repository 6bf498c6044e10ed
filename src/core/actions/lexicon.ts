// The actions extractor's word lists: policy verbs, adverbs, modals,
// prepositions, reporting and directive verbs, light verbs, organ suffixes,
// clause and sentence ends. Lists of words of the language, never strings
// of the dev texts.

const words = (s: string): Set<string> => new Set(s.split(/\s+/).filter(Boolean));

/** Verbs of policy texts; a token in this list counts as a verb whatever its tag (jieba tags 落实/a, 指导/n, 健全/a …). */
export const VERBS = words(`
委托 授权 责成 组成
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
export const WEAK = words(`
发展 建设 管理 服务 改革 创新 保障 治理 监管 保护 学习 教育 宣传 防控 工作 执法 监督 审批 备案 接种 检测 救治 就医
供应 协调 部署 规划 合作 交流 培训 考核 评估 监测 调研 研究 实践 生产 经营 运行 应对 处置 参与 引领 助力 支撑
`);

/** Adverbials before a verb: skipped when looking for the predicate (and stripped from 深入推进-like tokens). */
export const ADVERBS = words(`
深入 认真 扎实 积极 大力 着力 切实 持续 不断 进一步 努力 主动 及时 迅速 稳妥 有序 稳妥有序 全力 全力以赴 协同 共同
依法 严格 坚决 重点 率先 同步 精准 全面 高度 紧密 密切 有效 充分 广泛 集中 专门 首次 先后 累计 已 已经 正在 正 还
也 又 再 均 都 共 分别 相继 陆续 亲自 自觉 不折不扣 毫不放松 下大力 下大力气 奋力 竭力 尽力 合力 更好 更加 始终
一直 继续 逐步 真正 务必 全部 全程 进而 同时 随即 立即 迅即 第一时间 先行 加速 全速 火速 紧急 连续 持续不断
多次 再次 多方 一再 反复 严厉 从严 大幅 显著 明显 稳步 加力 提速 有力 高效 依规 从快 严肃 认真细致 常态化 系统 全方位 多措并举 创新性 针对性 坚定不移 一以贯之 深度 全链条 高标准 高质量 不断地 主要 重点 带头
`);

/** Words jieba tags as verbs that modify nouns (相关部门, 有关单位). */
export const NOT_VERBS = words('相关 有关 广大 所有 各类 各项 各级 全体 部分 主要 重大 突出 现有 既有 一系列 首批');

/** Modal and aspect words skipped before a verb. */
export const MODALS = words('要 能 能够 可以 应 应当 应该 必须 会 可 需 需要 将要 拟 曾 才 就 便 仍 仍然 已 了 着 过 预计 预期 力争 争取');

/** Verbs that make no action: copulas, existence, causatives, reporting, figures. */
export const EXCLUDED = words(`
是 有 让 使 使得 确保 据统计 据悉 据了解 据介绍 据报道 截至 截止 占 位居 表示 认为 成为 属于 包括 涉及 来自 请 得到 受到 遭遇 遭受 出现 发生 存在 需要
希望 感到 看到 说 介绍 称 据 举 达 达到 超过 位于 居 具有 拥有 呈现 等 叫 觉得 显示 表明 说明 获悉 了解到 谈到
提到 透露 告诉 回忆 坦言 笑 喜 迎来 面临 面对 经过 随着 根据 按照 依据 依照 基于 本着
惠及 覆盖 受益 增长 上升 下降 回落 攀升 同比 环比 累计达 这是 那是 就是 也是 都是 还是 正是 即是 均是
`);

/** Reporting verbs: the rest of their sentence is what was said, not more actions. */
export const SPEECH = words('强调 指出 表示 认为 称 说 提到 谈到 透露 建议');

/** Negations before a verb. */
export const NEGATIONS = words('不 未 没 没有 无 不再 不得 不要 未能 不必 无须 无需 并未 从未 尚未 决不 绝不 不会 不能 不可 不宜 不应');

/** Verbs that introduce what a document, meeting or person said (通知明确，…). */
export const REPORTING = new Set([...SPEECH, ...words('明确 提出 要求 规定 介绍 建议 显示 表明 宣布 提醒 明确提出 明确要求 特别强调 重点强调')]);

/** Prepositions (and co-verbs used as such) that open a phrase before the predicate. */
export const PREPOSITIONS = words(`
以 用 对 在 从 向 为 与 同 和 跟 给 按照 依照 根据 依据 依托 借助 经 针对 会同 对于 关于 由 被 就 随着 于 自 除
凭借 通过 沿着 朝 往 替 基于 本着 按 依 凭 当 趁 面向 经由 截至
`);

/** Verbs whose object is a whole clause (要求广大党员干部牢固树立…): the object runs to the clause end. */
export const PIVOTS = words(`
要求 引导 组织 帮助 带领 指导 推动 动员 鼓励 支持 督促 邀请 号召 倡导 强调 明确 促使 协助 督导 发动 责成 委托 授权
允许 安排 提出 指出 部署 决定 同意 推进 引领 带动 助力 教育 激励 组织开展 研究部署
`);

/** Directives to others (要求各地…): the rest of their sentence is what the addressee is to do. */
export const DIRECTIVES = words('要求 引导 组织 动员 号召 鼓励 督促 指导 倡导 责成 发动 激励 教育 提醒 敦促 指导督促 督促指导');

/** Verbs that state a rule or decision (明确对…，…): a clause object starting with a preposition runs to the sentence end. */
export const STATES = words('明确 规定 决定 提出 宣布 确定 要求 明确提出 明确要求');

/** Verbs that take a verb phrase as object and so never merge with the verb after them (研究 / 贯彻落实举措). */
export const NO_MERGE = words(`
研究 提出 要求 强调 坚持 做好 抓好 确保 帮助 引导 指导 邀请 动员 带领 鼓励 支持 督促 聚焦 立足 围绕 着力 致力于 注重
推动 号召 倡导 明确 决定 同意 部署 探索 加大 强化 加强 深化 优化 实施 开展 作出 做出 进行 启动 召开 印发 发布 出台
`);

/** Co-verbs that read as a manner before a verb (联合印发) and as a preposition before a noun (联合市规划局制定). */
export const CO_VERBS = words('联合 携手 会同 协同 配合');

/** Prepositions of place, time or aspect whose phrase closes with a localizer (从…方面, 在…中). */
export const LOCATIVE = words('在 从 于 自 当');

export const LOCALIZERS = words('方面 层面 角度 领域 环节 基础上 过程中 期间 以来 之际 之中 当中 之下');

/** Light verbs whose object is a verbal noun (对…作出统筹部署): preferred as predicate after a prepositional phrase. */
export const LIGHT = words('作出 做出 进行 给予 予以 提供 作 做 开展 实施 加强');

/** Verbs that close a 把/将 phrase (把X作为Y, 将X纳入Y, 把X落实到位). */
export const DISPOSAL = words(`
作为 纳入 列入 转化 转化为 转变 变为 变成 落实 贯彻 融入 结合 推向 引向 放在 摆在 降至 降到 提高到 提升到 建成 打造成
当作 当成 视为 贯穿 延伸 前移 体现 运送 送到 交给 办到 写入 引入 改造成 打造为 建设成 转为 用于 用在 落到 抓在
`);

/** Complements after a verb that mark it as the verb of a 把/将 phrase. */
export const COMPLEMENTS = words('为 到 到位 成 入 至 在 向 给 起来 好 进 上 出 下去 于 实 细');

/** Coordinators between subjects (科技部与教育部) or verbs (受理并办结). */
export const NOUN_COORD = words('、 和 与 及 以及 同 跟 暨');

export const VERB_COORD = words('并 并且 和 及 以及 或 或者 且');

/** Clause openers skipped before the subject: time words and connectives. */
export const FRAME = words(`
同时 此外 另外 目前 近日 日前 近期 近年来 今年以来 当前 其中 对此 为此 随后 此前 去年 今年 截至目前 然后 最后 首先
其次 再次 此后 据悉 据了解 据介绍 据统计 据报道 据测算 据初步统计 据不完全统计 一方面 另一方面 与此同时 如今 眼下 现在 近年 近来 当天 当日 次日 之后 此次 本次
全年 年内 上半年 下半年 当年 年底 年初 年末 多年来 长期以来 一年来 五年来 十年来 近五年 近三年 下一步 未来 今后 会上 会后 会议期间 每年 每月 每周 每天 每日 每季度 第一时间 同一时间 在此基础上 在此期间
`);

/** Words ending an adverbial clause (党史学习教育开展以来，…). */
export const ADVERBIAL_END = words('以来 之际 期间 时 之后 以后 之前 以前 前后 过程中 之中 当中 方面');

/** Generic words that can close a phrase of coordinated organs (科技部战略规划司、…、机关党委; 农业农村部等部门). */
export const ORGAN_SUFFIX = /(党委|党组|党工委|工委|部门|单位|机关|司|局|厅|办|委|部委|政府|小组|领导小组)$/;

/** Last characters of an organ's name (组织部, 住建局, 县政府), for short forms of organs named before. */
export const ORGAN_TAIL = /..[部局委厅办署院府]$/;

export const CLAUSE_END = new Set(['，', ',', '；', ';', '。', '！', '？', '!', '?', '：', ':', '…', '……']);

export const SENTENCE_END = new Set(['；', ';', '。', '！', '？', '!', '?']);

export const CJK = /^[\u3400-\u9fff]+$/;

export const GLUED_FIRST = /^[将把对用以为在从向与并且还也又再]$/;

export const CLOSERS: Record<string, string> = { '（': '）', '(': ')', '“': '”', '「': '」' };
