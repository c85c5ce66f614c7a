"""Word lists that drive the rules: suffixes, triggers, stop words.

These are properties of Chinese policy prose in general (how names are
formed, which verbs introduce which relation), not of any particular text.
Each list is a tuple so the rules can build regular expressions from it.
"""
from __future__ import annotations

import re


def longest_first(word: str) -> tuple[int, str]:
    """Sort key: longer words first, ties in code-point order (the same in every process).

    >>> sorted({"产业", "产业集群", "行业"}, key=longest_first)
    ['产业集群', '产业', '行业']
    """
    return (-len(word), word)


#: Head words that end a named platform, longest first.
PLATFORM_SUFFIXES = (
    "综合性国家科学中心", "国家实验室", "重点实验室", "联合实验室", "实验室", "实验装置", "实验场", "实验站",
    "先进光源", "先行启动区", "启动区",
    "超算中心", "智算中心", "数据中心", "算力中心", "创新中心", "研发中心", "技术转移中心", "转移中心",
    "科学中心", "服务中心", "促进中心", "能力中心", "中心",
    "科学城", "科技城", "科教城", "创新城", "生态城", "智慧城",
    "大走廊", "走廊", "科技创新带", "创新带", "科创带", "创新港", "科创港", "信息港", "产业园", "科技园", "工业园", "软件园", "园区",
    "产业基地", "基地", "示范区", "先导区", "创新区", "合作区", "试验区", "集聚区", "功能区",
    "枢纽节点", "枢纽", "平台", "城域网", "示范网", "干线", "孵化器", "加速器", "大科学装置", "装置",
    "小镇", "大街", "谷", "通道", "班列", "超级工厂", "工厂",
)
#: Head words that end a named program (policy instrument), longest first.
PROGRAM_SUFFIXES = (
    "专项行动", "行动计划", "行动方案", "实施方案", "三年行动", "行动", "计划", "工程", "战略",
    "机制", "方案", "改革", "倡议", "试点", "规划纲要", "规划", "纲要", "专项", "项目", "链长制",
    "引导基金", "投资基金", "产业基金", "联合基金", "基金",
)
#: Head words that end a named organization, longest first.
ORGANIZATION_SUFFIXES = (
    "股份有限公司", "有限责任公司", "有限公司", "公司", "集团", "大学", "学院", "研究院", "研究所",
    "研究中心", "科学院", "工程院", "委员会", "党校", "管委会", "办公厅", "办公室", "人民政府", "政府",
    "协会", "学会", "联盟", "基金会", "银行", "出版社", "日报", "通讯社", "新华社", "总局", "部",
    "厅", "局", "署", "理事会", "课题组", "智库",
)
#: Heads after which a quoted or listed name is an industry.
INDUSTRY_HEADS = (
    "产业集群", "产业链", "产业", "行业", "领域", "赛道", "集群", "经济", "技术", "制造业", "装备",
)
#: Words that are never the start of a name: verbs and modifiers that lead into one.
LEADING_STRIP = (
    "加快", "推动", "打造", "积极", "建设", "建成", "组建", "成立", "搭建", "共建", "实施", "开展",
    "推进", "深入", "大力", "全力", "着力", "持续", "不断", "进一步", "重点", "围绕", "依托", "聚焦",
    "培育", "发展", "壮大", "布局", "支持", "鼓励", "引导", "推出", "出台", "发布", "启动", "落实",
    "完善", "健全", "创建", "建立", "形成", "构建", "实现", "提升", "强化", "深化", "优化", "加强",
    "一批", "一个", "一系列", "多个", "首个", "首批", "各类", "各", "该", "这一", "此", "其", "新",
    "高水平", "高质量", "世界级", "国际一流", "具有", "以", "为", "在", "对", "和", "与", "及", "等",
    "全面", "率先", "主动", "前瞻", "前瞻性", "系统", "统筹", "联合", "携手", "对接",
)
#: Words that stop a name from extending further to the left.
LEFT_STOP_WORDS = frozenset(LEADING_STRIP) | frozenset(
    "的 地 得 了 着 过 是 有 将 把 被 从 向 到 于 由 让 使 和 与 及 或 并 而 也 都 还 又 就 更 最 很 "
    "已 已经 正 正在 要 应 应当 需要 可以 能够 通过 作为 包括 如 例如 比如 其中 同时 以及 及其 "
    "我们 他们 它们 这 那 这些 那些 这个 那个 本 该 每 所 之 其 此 "
    "加快 推动 打造 建设 建成 组建 成立 实施 开展 推进 发展 培育 壮大 布局 聚焦 面向 围绕 支持 "
    "位于 地处 设立 设在 引进 吸引 集聚 拥有 包含 带动 助力 赋能 促进 提升 增强 突破 取得 入选 "
    "获批 获得 成为 列入 纳入 位列 荣获 参与 参加 举办 召开 印发 联合印发 提出 指出 强调 认为 表示 "
    "首个 首批 一批 一个 多个 若干 各类 各 全 国内 国际上 "
    "作者 系 实行 抓好 办好 做好 把握 保持 提高 挖掘 借助 坚持 争取 发挥 充分 利用 充分利用 推进 呼吁 开辟 "
    "强化 承接 制定 建立健全 完善 探索 开拓 办 好 做 抓 携 援引 如今 东起 西至 依靠 凭借 利用 结合 对标 "
    "学习 借鉴 参照 按照 根据 遵循 贯彻 落实 深入实施 大力实施 组织实施 全面实施 加快实施 启动实施 "
    "部署 紧紧围绕 谋划 全市 全省 全区 全县 本市 本省 引入 引进 来自 包括 涵盖 覆盖 年来 近年来 "
    "力争 争创 确保 新建 新增 创建 "
    # time words: 与前期“互联网+”行动相比
    "前期 此前 当前 目前 近期 今年 去年 明年 同期 以往 过去 现阶段".split()
)
#: Adverbs jieba glues to a verb in one token (全力支持, 新创建): such a token stops a name too.
STOP_VERB_ADVERBS = frozenset("全力 大力 积极 新 着力 努力 重点 加快 率先 全面 深入 持续 更好 主动".split())
#: Verbs that open a heading without belonging to the program it names (实施|产业创新集群融合发展行动).
HEADING_VERBS = ("深入实施", "大力实施", "全面实施", "加快实施", "组织实施", "启动实施", "推进实施", "实施", "开展", "启动")
#: Verbs that may stand inside a program's name (创新驱动发展战略, 先进设备更新行动).
PROGRAM_INNER_VERBS = frozenset(
    "发展 创新 建设 提升 促进 振兴 转型 升级 协同 融合 开放 合作 改造 更新 推广 培育 攻关 驱动 强链 补链 "
    "延链 稳链 赋能 转化 突破 引领 倍增 增效 提质 强基 先导 共享 示范 带动 优化 改革 "
    "促转 立园 满园 确权 兴国 强国 强市 强省 振兴 腾飞 出海 上云 用数 赋智 揭榜 挂帅 发力 壮大 集聚 招引 "
    "引育 护航 筑基 惠企 育苗 登峰 攀登 领航 启航 扬帆 聚力 重点".split()
)
#: jieba tags that may be part of a name.
NAME_TAGS = frozenset(
    "n nr nr1 nr2 nrj nrf nrt ns nsf nt nz nl ng j eng m mq q a an b vn f s l i t k h zg x un g vi v".split()
)
#: Function-word tags that end a name going left.
STOP_TAGS = frozenset("p c u uj ul uz ug uv ud e y o w r rr rz d dg zg".split()) - {"zg"}
#: Phrases that are never entities on their own (categories, not names).
GENERIC_NAMES = frozenset(
    """
    创新平台 科技创新平台 公共平台 服务平台 公共服务平台 产业平台 数字平台 交易平台 开放平台 合作平台 载体平台
    研发平台 研发中心 创新中心 技术中心 数据中心 服务中心 研究中心 科研平台 重大平台 功能平台 中心 平台
    实验室 重点实验室 国家实验室 联合实验室 全国重点实验室 国家重点实验室 省重点实验室 新型研发机构 研发机构 科研机构 科研院所 高校 高等院校 院所
    省实验室 重大科技基础设施 科技基础设施 大科学装置 科学装置 企业研究院 企业技术中心 中试验证平台 中试平台 概念验证中心
    龙头企业 企业 中小企业 民营企业 国有企业 科技企业 科技型企业 高新技术企业 链主企业 领军企业 专精特新企业
    产业基金 创投基金 基金 园区 产业园区 科技园区 工业园区 基地 示范区 先导区 试验区 合作区
    行动 计划 工程 战略 机制 方案 改革 倡议 试点 项目 政策 制度 体制 规划 纲要
    国家战略 发展战略 重大战略 总体战略 行动计划 专项行动 重大工程 重点工程 重大项目 重点项目 科技项目
    体制机制 工作机制 协同机制 合作机制 长效机制 新机制 激励机制 评价机制 市场机制 运行机制 管理机制 保障机制
    深化改革 全面深化改革 制度改革 体制改革 综合改革 改革试点 试点示范 示范项目 实施方案 工作方案
    产业 行业 领域 赛道 集群 产业集群 产业链 经济 技术 制造 服务业 新产业 新业态 新模式 新动能
    政府 部门 委员会 协会 联盟 组织 集团 公司 大学 学院 研究院 研究所 党校 网络 通道 枢纽 小镇 工厂 装置
    """.split()
)
#: Modifier words that make a suffix-headed phrase generic when they are all it has.
GENERIC_MODIFIERS = frozenset(
    """
    创新 科技 科技创新 技术 研发 研究 产业 公共 服务 重点 重大 重要 新型 高端 高水平 现代 现代化 综合 综合性
    数字 数据 智能 绿色 开放 合作 共享 协同 区域 地方 各级 相关 专业 专项 示范 试点 国家级 省级 市级 世界级
    一流 先进 领先 核心 关键 基础 前沿 重大科技 创新型 科研 工程 技术创新 产业创新 成果转化 转化 孵化
    发展 建设 管理 运营 应用 功能 特色 优势 标志性 引领 引领性 战略 战略性 中试 验证 概念验证 新 大 高
    全 总体 整体 多层次 多元 各类 全国性 全球性 国际性 国际化 市场化 专业化 高能级 开放式 共性 通用
    国家 中国 我国 全国 区域 区域发展 重大区域 基础性 长期 中长期 根本 总 这 该 上述 有关 系列 具体
    科创 策源 创新策源 双向 标志性 高能级 科学 世界 百强 双一流 研究型 应用型 知名 著名 一流大学 省 市 区 县 级 重要 省级 国家重要 高算力 全电 海洋 石油 钻井
    """.split()
)
#: Verbs that make the entity after them the object of a relation, by relation.
TRIGGERS = {
    "develops": (
        "发展", "培育", "壮大", "布局", "聚焦", "做强", "做大", "做优", "打造", "深耕", "发力", "抢占",
        "推动", "推进", "加快", "大力发展", "重点发展", "培育壮大", "发展壮大", "前瞻布局", "提升", "壮大",
        "引育", "招引", "集聚", "建圈强链", "形成", "构建", "拓展", "突破", "深化", "支持", "开辟", "培植", "壮大发展",
    ),
    "builds": (
        "建设", "建成", "组建", "成立", "打造", "搭建", "共建", "建立", "创建", "筹建", "新建", "设立",
        "布局", "落地", "获批", "启用", "投用", "开工", "运营", "规划建设", "加快建设",
    ),
    "implements": (
        "实施", "开展", "出台", "推出", "发布", "推行", "落实", "启动", "制定", "印发", "推进", "探索",
        "建立", "实行", "执行", "部署", "提出", "参与", "采用", "紧扣", "深化", "构建", "开启", "纳入",
        "入选", "成为", "获批", "共建", "推动", "完善", "设立", "融入",
    ),
    "focusesOn": ("聚焦", "面向", "围绕", "支持", "专注", "服务", "瞄准", "重点支持", "涵盖", "覆盖"),
    "cooperatesWith": ("合作", "联合", "携手", "对接", "协同", "共建", "共同", "协作"),
    "locatedIn": ("位于", "地处", "坐落于", "落户", "设在", "落地", "扎根"),
}
#: Units after a number, longest first; a scale word (万, 亿) may precede them.
UNITS = (
    "万亿元", "亿元", "万元", "千瓦时", "万千瓦", "千瓦", "亿千瓦", "台（套）", "台(套)", "人次", "平方公里", "平方米", "公顷", "亩",
    "EFLOPS", "PFLOPS", "TFLOPS",
    "公里", "吨", "元", "美元", "个", "家", "项", "人", "所", "件", "台", "套", "辆", "座", "条", "次",
    "名", "位", "年", "倍", "%", "％", "个百分点", "户", "艘", "颗", "款", "种", "篇", "场", "批",
)

#: Category words that form an industry name together with 产业 (新兴产业, 未来产业).
INDUSTRY_CATEGORIES = frozenset(
    "新兴 未来 战略性新兴 高新技术 高技术 传统 现代 先导 数字 绿色 绿色低碳 低碳 海洋 文化 创意 服务 "
    "信息 制造 能源 高端 先进 前沿".split()
)
#: Word endings that make a phrase before 产业/行业 an industry (…制造, …能源, …汽车).
INDUSTRY_TAILS = tuple(
    sorted(
        set(
            """制造 制造业 信息 能源 材料 技术 装备 汽车 医药 生物 电子 芯片 软件 服务 服务业 经济 航天 航空
            机器人 智能 通信 网络 数据 金融 物流 化工 钢铁 纺织 农业 旅游 文化 健康 医疗 能 电 光 车 船 器件
            设备 显示 半导体 电池 储能 氢能 互联网 计算 科技 创意 环保 交通 航运 物联网 安全 仪器 机械 工业
            轴承 邮轮 配套 种业 食品 服装 家居 建材 冶金 石化 光伏 风电 核电 电力 低空 卫星 遥感 导航 传感
            算力 元宇宙 量子 区块链 云 大模型 游戏 动漫 影视 传媒 会展 康养 养老 教育 体育 商贸 电商 零售
            外贸 金属 有色 化学 中药 药 疫苗 器械 装置 机床 母机 材料 纤维 塑料 橡胶 玻璃 陶瓷 造纸 印刷
            家电 照明 通讯 终端 整车 零部件 部件 电器 电机 发动机 矿 煤 油 气 水 林 渔 牧 茶 酒 烟 盐 糖""".split()
        ),
        key=longest_first,
    )
)

#: Words that fill field lists without being industries (在人才、资金、政策等方面).
GENERIC_FIELDS = frozenset(
    "创新 人才 市场 开放 教育 文化 科技 社会 政策 产业 区位 投资 贸易 信用 产权 资金 土地 数据 技术 资本 "
    "管理 服务 制度 机制 体制 环境 生态 平台 载体 项目 应用 研发 生产 制造 设计 标准 品牌 安全 质量".split()
)

#: Heads specific enough that 国家/中国 before them makes a name (国家超算中心),
#: and facility heads whose descriptive names are names (超重力实验场).
SPECIFIC_HEADS = frozenset("超算中心 智算中心 科学城 科技城 创新港 实验装置 实验场 大科学装置 城域网 示范网 干线".split())
#: Heads that name one place or facility whatever non-generic words precede them (光明科学城, 太湖湾科技创新带).
FACILITY_HEADS = frozenset("实验装置 实验场 实验站 大科学装置 科学城 科技城 科教城 科技创新带 创新带 科创带 先进光源 先行启动区".split())


#: A sentence that opens by naming the document's own place (我市, 全省, 本区), after any numbering
#: (use with ``match(text, pos)``: no ``^``, which would not match at ``pos``).
SELF_REFERENCE = re.compile(
    r"\s*(?:[（(]?[一二三四五六七八九十\d]+[)）、.．]\s*)?(?:(?:力争)?到\s*\d{4}\s*年(?:底|末)?[，,]?\s*)?"
    r"(?:我|全|本)(?P<level>市|省|区|县)(?![场长委])"
)

#: 以共建西部科学城为牵引: what a sentence works through, not what it is about.
MEANS_PHRASE = re.compile(r"以[^，。；！？]{1,24}?为(?:牵引|抓手|引领|支撑|核心|重点|主线|主攻方向|载体|依托|契机|突破口|龙头|纽带|平台)")

#: The entity subclass each self-reference names: 全市 a city, 全省 a province.
SELF_REFERENCE_LEVEL = {"市": "City", "省": "Province", "区": "District", "县": "District"}


#: 依托鹏城实验室建设…: a verb that makes what follows the means, not the actor.
MEANS_VERBS = ("依托", "依靠", "借助", "凭借", "利用", "通过")


def after_means_verb(text: str, start: int) -> bool:
    """Whether a span starting at ``start`` is the object of 依托/借助… (so not a subject).

    >>> after_means_verb("依托黔灵实验室建设平台", 2)
    True
    """
    return text[max(0, start - 2) : start] in MEANS_VERBS


def narrows(ents: list, a: int, b: int) -> bool:
    """Whether place ``b`` directly follows place ``a`` and narrows it (北京海淀, 江苏苏州)."""
    ea, eb = ents[a], ents[b]
    return ea.type == eb.type == "Place" and eb.start == ea.end and ea.start >= 0 and ea.subclass != eb.subclass


def in_means_phrase(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` lies inside a 以…为牵引 phrase.

    >>> in_means_phrase("以共建西部科学城为牵引，川渝…", 3, 8)
    True
    """
    for m in MEANS_PHRASE.finditer(text, max(0, start - 26), min(len(text), end + 12)):
        if m.start() <= start and end <= m.end():
            return True
    return False


def self_reference(text: str, pos: int, end: int, ents: list, carried: int | None) -> int | None:
    """The entity a clause opening with 全市/我省/本区 at ``pos`` names, or ``None``.

    The carried topic when it is of the named level (全市 and a city);
    else the last place of that level named before ``pos`` in ``ents``.
    """
    m = SELF_REFERENCE.match(text, pos, end)
    if not m:
        return None
    want = SELF_REFERENCE_LEVEL[m.group("level")]
    if carried is not None and ents[carried].subclass == want:
        return carried
    before = [i for i, e in enumerate(ents) if 0 <= e.start and e.end <= pos and not e.nested
              and e.type == "Place" and e.subclass == want]
    return max(before, key=lambda i: ents[i].start, default=None)
