"""Word lists, patterns and small predicates the entity rules share (name suffixes,
list heads, quoted-name contexts, bracket balance, dictionary lookups)."""

from __future__ import annotations

import re

from . import patterns as P
from .spans import Tok
from .wordlists import words

_SUFFIX_TYPES: tuple[tuple[str, str], ...] = tuple(
    sorted(
        [(s, "Organization") for s in P.ORGANIZATION_SUFFIXES if s not in ("部", "厅", "局", "署")]
        + [(s, "Platform") for s in P.PLATFORM_SUFFIXES if s not in ("谷",)]
        + [(s, "Program") for s in P.PROGRAM_SUFFIXES],
        key=lambda x: -len(x[0]),
    )
)
_SUFFIX_TYPE_OF = dict(reversed(_SUFFIX_TYPES))  # first listed wins on a tie
_SUFFIX_LENGTHS = sorted({len(s) for s, _ in _SUFFIX_TYPES}, reverse=True)


def _longest_suffix(tail: str) -> tuple[str, str] | None:
    """The longest head word ``tail`` ends with, and its type."""
    for n in _SUFFIX_LENGTHS:
        if n <= len(tail) and (ty := _SUFFIX_TYPE_OF.get(tail[-n:])):
            return tail[-n:], ty
    return None


_PROGRAM_TITLE_HEADS = words("program_title_heads")
_QUOTE_PROGRAM_TAIL = re.compile(
    r"[\u4e00-\u9fff]{0,4}?(?:" + P.alternation(P.PROGRAM_SUFFIXES) + r")(?![群会])"
    r"(?:[（(]\d{4}[—–\-－]\d{4}年?[)）])?"  # not “20+8”产业基金群 (a group of funds) or …基金会
)
# characters after which a bare head word (…进大走廊, 的科学城) is not part of a longer name
_BEFORE_BARE_HEAD = frozenset("的在了和与及到进入是向从自来瞰览看过经")
# …省委, …市委 (not 省委员会 or 市委托): the place before it is looked up
_COMMITTEE = re.compile(r"(?P<level>省|市|自治区)委(?![员托会])")
# 市工信局, 省发展改革委, 市政府 standing alone (after punctuation or 由/会同), in a document a place issues
_OWN_BODY = re.compile(
    r"(?:(?<=[^\u4e00-\u9fff])|(?<=^)|(?<=由)|(?<=会同))(?P<level>市|省|区)(?![场民值级里属直辖委])"
    r"(?P<body>政府(?!部门|机构|投资|采购|引导|债|工作|购买|服务|补贴)|[\u4e00-\u9fff]{1,10}?(?:局|委|厅|办)(?![员会]))"
)
_HEADING_TITLE = re.compile(
    r"^(?:[（(]?[一二三四五六七八九十\d]+[)）、.．]\s*)?(?P<title>[^，。；：！？\s]{4,40}?(?:"
    + P.alternation(_PROGRAM_TITLE_HEADS)
    + r")(?:[（(]\d{4}[—–\-－～~]\d{4}年?[)）])?)$"
)
_QUOTE_INDUSTRY_TAIL = re.compile(
    r"(?:产业生态|产业体系|产业集群|经济)(?![\u4e00-\u9fff]{0,1}[体圈带区])"
)
_QUOTE_PROGRAM_CONTEXT = re.compile(
    r"^(?:等|这一|的)?(?:方式|模式|机制|做法|举措|政策|战略|工程|改革|试点|项目|行动|计划|倡议|制度|方针|部署|布局)"
)
#: A quoted name alone (“城市大脑”), checked for a platform's head word.
_QUOTED_PLATFORM = re.compile(
    r"[“「]?[^“”「」]{2,20}(?:" + P.alternation(P.PLATFORM_SUFFIXES) + r")[”」]"
)
#: What no name holds: a comma or semicolon in running text, a mid-name 等 (not 高等, 平等),
#: 相关 (a scope, not a name), a category of projects (重点项目, 重大项目), a solution
#: (解决方案 is a product, not a plan).
_NOT_IN_A_NAME = re.compile(
    r"[,;；]|(?<=[\u4e00-\u9fff])(?<![高平同对均初中上])等(?![级])|相关|(?:重点|重大)项目$|解决方案$"
)
#: Verbs that open a quoted slogan rather than a name (“打破围墙办大学”, “深化…改革”).
_SLOGAN_VERBS = ("打破", "深化", "坚持", "建设好", "办好")
#: Words of comparison before a quoted figure of speech (犹如“数字大脑”).
_SIMILE_WORDS = ("犹如", "如同", "好比", "好似", "宛如", "恰似")
_QUOTE = re.compile(r"[“\"「『]([^“”\"「」『』\n]{1,40})[”\"」』]")
#: An amount right before a word (突破万亿元|大关, 4000 亿元|大关).
_AMOUNT_BEFORE = re.compile(r"(?:\d|[万亿千百]元?|元)\s*$")
_TITLE = re.compile(r"《([^《》\n]{2,80})》")
#: The edition a document title may close on: …方案（2023—2025年）, …办法（试行）.
_TITLE_EDITION = re.compile(
    r"[（(](?:\d{4}\s*[—–\-－~至]+\s*\d{4}\s*年?|\d{4}\s*年?版?|试行|暂行|修订|修订版|征求意见稿)[）)]$"
)
#: A document title named right after a verb of issuing, without 《》 around it:
#: 印发加快…行动方案（2024-2028年）, 出台扎实推进…外资行动方案.
_ISSUED_TITLE = re.compile(
    r"(?:印发|出台|发布|颁布|制定|制订)了?"
    r"(?P<name>[\u4e00-\u9fffA-Za-z0-9]{6,40}?"
    r"(?:行动方案|实施方案|行动计划|方案|计划|规划|纲要|意见|办法|条例|细则)"
    r"(?P<edition>[（(]\d{4}\s*[—–\-－~至]+\s*\d{4}\s*年?[）)])?)"
    r"(?=[，。；、）)\s]|$)"
)
_NUMBER_WORD = re.compile(r"^[\d一二三四五六七八九十两百千万]+[大个项类家条批种所]?$")
_LIST_HEADS_INDUSTRY = words("list_heads_industry")
#: Heads that name a kind of industry only loosely: their lists need a known industry in them.
_LOOSE_INDUSTRY_HEADS = ("领域", "技术", "产品", "赛道")
_LIST_HEADS_ORG = words("list_heads_organization")
#: Heads after which listed names are platforms (…、散裂中子源等重大科技基础设施).
_LIST_HEADS_PLATFORM = words("list_heads_platform")
_LIST_HEADS = tuple(
    sorted(
        set(P.PROGRAM_SUFFIXES + P.PLATFORM_SUFFIXES + _LIST_HEADS_INDUSTRY + _LIST_HEADS_ORG),
        key=P.longest_first,
    )
)
_FUNCTION_CHARS = frozenset("以为在对将把被向从与和及指是")
_CATEGORY_NOUNS = frozenset(words("category_nouns"))
#: Facility heads whose 项目 (construction project) is the facility itself (合肥先进光源项目).
_FACILITY_PROJECT = frozenset(
    (h, "Platform") for h in ("先进光源", "实验装置", "大科学装置", "装置", "实验场", "实验站")
)
#: Facility heads that a field alone may name (深空探测实验室, 光子产业先导基地).
_FIELD_NAMED_HEADS = frozenset(["实验室", "实验站", "产业园"])
_BUILD_VERBS = frozenset(words("build_verbs"))
# after 安徽省/深圳市: a department (统计局, 经济和信息化厅, 发展和改革委员会), not 局长 or 布局
_GOVERNMENT_BODY = re.compile(
    r"(?P<portfolio>(?:[\u4e00-\u9fff]{2,6}和)?[\u4e00-\u9fff]{2,8}?)(?P<head>委员会|办公室|局|厅)(?![长])"
)
#: Words ending in 局/厅 that are not departments (布局, 格局, 展厅) and so never a portfolio's end.
_PLACE_LEVELS = frozenset("省市县区")  # 湖南省和湖北省委员会: two places, no portfolio
_NOT_PORTFOLIOS = frozenset(
    ["布", "格", "大", "开", "全", "结", "当", "出", "变", "新", "客", "餐", "展", "门", "办"]
)
# 中国光谷, 中国声谷, 中国传感谷 (not 中国低谷, 中国粮谷物)
_NATIONAL_VALLEY = re.compile(
    r"中国(?![低深山峡河])[\u4e00-\u9fff]{1,2}谷(?![\u4e00-\u9fff]{0,1}[物歌底])"
)
# a unit inside an institution: 中国人民大学|经济学院, 西安市社会科学院|课题组
_PARENT_INSTITUTION = re.compile(
    r"(?P<parent>[^（）()]+?(?:大学|科学院|研究院))(?:[\u4e00-\u9fff]{2,10}(?:学院|研究所|研究中心|实验室)|课题组)$"
)
#: Verbs that take a place's platform as object (服务上海…中心, 对接深圳…); 服务 is also a noun
#: inside names (公共服务平台), so it is stripped only before a place.
_OBJECT_VERBS = frozenset(words("object_verbs"))
# what follows a region in the name of its integration strategy (not …一体化发展水平, …协同发展机制)
_INTEGRATION = re.compile(r"(?:高质量)?(?:一体化|协同|同城化)(?:高质量)?发展(?![水机格示模体能态])")
# 在光纤通信领域: one field between 在 and 领域 (no list, no clause)
_FIELD_PHRASE = re.compile(r"在(?P<field>[\u4e00-\u9fff]{3,8}?)(?:产业)?(?:领域|赛道)")
#: Openings of a 在…领域 phrase that describe rather than name a field (在这些领域, 在多个领域).
_FIELD_QUALIFIERS = frozenset(words("field_qualifiers"))
#: What a plan's standard sections are about (保障|措施, 主要|任务, 政策|措施).
_SECTION_WORDS = frozenset(words("section_words"))
_BODY_HEADS = frozenset(words("body_heads_named"))
_INSTITUTION_HEADS = frozenset(words("institution_heads"))
_MODIFIED_BY_PROGRAM = frozenset(words("modified_by_program"))
_COMPANY_TAILS = words("company_tails")
_NOT_AN_INDUSTRY_AFTER = re.compile(r"精神|大赛|比赛|视角|竞赛|专业|学院|学科|课程")
#: What follows a list of departments or of fields of application (等部门, 等领域实现普及应用, 等场景).
_NOT_FIELDS_TAIL = re.compile(
    r"等(?:[\d一二三四五六七八九十多]+个)?(?:部门|场景|领域[^，。；]{0,8}?应用)"
)
#: What follows a list of means (等方式, 等多种方式, 等激励措施, 等手段).
_MEANS_TAIL = re.compile(r"等[\u4e00-\u9fff]{0,4}?(?:方式|措施|手段|举措|途径|形式|渠道)")
_CLOSING_BRACKET = re.compile(r"[（(][^（）()]{2,16}[)）]")
#: Heads of bodies named by their remit, as programs are (重点产业发展|领导小组): the verbs of
#: the remit stay inside, the bodies that set them up stay out.
_REMIT_HEADS = ("领导小组",)
#: Heads of a place's government (某某区政府, 某某市人民政府): named by the place.
_GOVERNMENT_HEADS = ("政府", "人民政府")
#: Joining words that may stand inside a long institutional name (科学与工程…实验室).
_NAME_INNER = frozenset({"与"})
#: Heads of the bodies named after the fields they study (海洋科学与工程…实验室,
#: 产业经济与技术经济研究所): only in their names does 与 join two nouns (not in 方面与|某州政府).
_RESEARCH_HEADS = ("实验室", "研究所", "研究院", "研究中心", "学院", "创新中心", "工程中心")
#: Heads of pilot zones, named like programs: their verbs stay inside (创新发展试验区).
_ZONE_HEADS = ("试验区", "示范区", "先行区", "先导区", "引领区")
#: What may stand inside a pilot zone's name: the verbs of what it pilots, not of building it.
_ZONE_INNER = _NAME_INNER | {"发展", "创新", "协同", "融合", "开放", "合作", "转型", "改革"}
#: What may stand inside a program's name: its verbs (创新驱动发展战略) and a 和 between nouns.
_PROGRAM_INNER = P.PROGRAM_INNER_VERBS | {"和"}
_NOUN_TAGS = frozenset(["n", "nz", "vn", "nt", "ns", "nr", "j", "l", "an"])
_LIST_TAIL_HEAD = re.compile(
    r"^(?:等|在内的)?(?:[\d一二三四五六七八九十两]+(?:余|多)?(?:大|个|类|项|家|批|条|种))?[\u4e00-\u9fff]{0,6}?("
    + P.alternation(
        P.PROGRAM_SUFFIXES
        + P.PLATFORM_SUFFIXES
        + _LIST_HEADS_PLATFORM
        + ("产业集群", "产业链", "产业", "行业", "领域", "赛道", "集群", "技术", "产品")
        + _LIST_HEADS_ORG
    )
    + ")(?!性)"  # …等20个战略性新兴产业集群: 战略性 is a modifier, not the head 战略
)
_COUNT_WORD = re.compile(r"^[\d一二三四五六七八九十两百千]+(?:大|个|类|项|家|批|条|种|所|名)$|^等$")
_LIST = re.compile(r"((?:[^，。；：、\s《》（）()]{2,14}、)+[^，。；：、\s《》（）()]{2,24})")
#: …、先进材料为主攻方向: the list closes before 为 and what it makes of the items.
_LIST_AS_MAIN = re.compile(r"为(?=主攻|主导|重点|龙头|主体|核心|支撑|引领)")
# a count right before a name's head (…改造两大行动, …等三大实验室)
_INNER_COUNT = re.compile(r"[\d一二三四五六七八九十两]+(?:大|个|项|类)(?=[\u4e00-\u9fff]{0,6}$)")
_COUNT = re.compile(r"[\d一二三四五六七八九十两]+(?:大|个|类|项|家|批|条|种)")


#: Companies named by example: 知名公司（如…, 企业包括…, right before a list.
_COMPANIES_SUCH_AS = re.compile(r"(?:公司|企业|集团|厂商|车企)[（(]?(?:如|例如|比如|包括|像)$")
#: A name in Latin script (Netflix, CSDN, Grab).
_LATIN_NAME = re.compile(r"[A-Za-z][A-Za-z0-9&.\-]*(?: [A-Za-z0-9&.\-]+){0,3}")

#: A body named right after a verb of founding (成立|创新及科技局).
_FOUNDED_BODY = re.compile(
    r"(?:成立|设立|组建|新设|改组为)(?:了)?(?P<name>[\u4e00-\u9fff]{2,10}?[局署])(?![\u4e00-\u9fff]{0,1}[长面势限部])"
)
#: Heads distinctive enough to name a platform inside a program's name, longest first.
_NESTED_PLATFORM_HEADS = tuple(
    sorted(
        set(P.FACILITY_HEADS) | set(P.SPECIFIC_HEADS) | {"大走廊", "走廊", "科学中心"},
        key=P.longest_first,
    )
)
#: A cluster named as a valley (光谷, 声谷, 药谷), not a landform (山谷, 低谷, 峡谷).
_VALLEY_NAME = re.compile(r"[^山低峡河深稻幽溪空波]谷")
#: Classifiers that follow a number in a count (15家, 3个).
_CLASSIFIERS = frozenset("家个项所名位批条种类座场次")
#: The number of a heading or an item: （三）, (2), 3、.
_HEADING_NUMBER = re.compile(
    r"^(?:[（(][一二三四五六七八九十\d]{1,3}[)）]|[\d一二三四五六七八九十]{1,3}、)"
)
#: Conjunctions that never open a name found by its head (和|乳业升级计划).
_CONJUNCTIONS = frozenset("和及与或")
#: A notice that issues a document (关于印发〈X〉的通知, X的通知): its title is the program.
_NOTICE = re.compile(
    r"^(?:[^〈《“]*?关于(?:印发|转发)?)?[〈《“]?(?P<title>[^〈〉《》]+?)[〉》”]?的(?:通知|决定|批复)$"
)
#: Numbers, scale words and signs: a name of these alone (900万+) names nothing.
_NUMERIC = re.compile(r"[\d.,%+＋\-—万亿千百余多个家项第年]+")

#: Modifiers that stay inside a program's name before its inner verb (低空经济|高质量|发展|行动).
_INNER_VERB_MODIFIERS = frozenset(["高质量", "高水平", "高标准", "全面"])


def _qualifies_inner_verb(t: Tok, toks: list, k: int, i: int, inner: frozenset) -> bool:
    """Whether token ``k`` modifies an inner verb of the name right after it (高质量|发展)."""
    return t.text in _INNER_VERB_MODIFIERS and k < i and toks[k + 1].text in inner


def _joins_nouns(toks: list, k: int, i: int, inner: frozenset) -> bool:
    """Whether token ``k`` is a 和 or 与 that joins two nouns inside a name that allows it
    (高新技术企业|和|科技型企业双倍增行动计划, 海洋科学|与|工程实验室)."""
    return (
        toks[k].text in ("和", "与")
        and toks[k].text in inner
        and 0 < k < i
        and toks[k - 1].tag in _NOUN_TAGS
        and toks[k + 1].tag in _NOUN_TAGS
        and _longest_suffix(toks[k - 1].text) is None
    )  # not A工程和B工程, A中心和B计划: two names


def _balanced(name: str) -> bool:
    """Brackets and quotes in a name open and close in order.

    >>> _balanced("西部（成都）科学城"), _balanced("学院）科研项目")
    (True, False)
    """
    depth = 0
    for ch in name:
        if ch in "（(“":
            depth += 1
        elif ch in "）)”":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def rare_word(item: str) -> bool:
    """A word jieba's dictionary knows only as a rare one (a brand: 安踏), not a common noun."""
    import jieba

    return (
        2 <= len(item) <= 6
        and 0 < jieba.dt.FREQ.get(item, 0) <= RARE_WORD_FREQ
        and not item.endswith(_LIST_HEADS_ORG)  # 外资企业: a kind of company, not one
    )


#: Dictionary frequency at or under which a word is as rare as a name (企业 has ~40,000).
RARE_WORD_FREQ = 20


def _is_oov(word: str) -> bool:
    """A word of two or more CJK characters that jieba's dictionary does not know: likely a name."""
    import jieba

    return (
        len(word) >= 2
        and all("\u4e00" <= c <= "\u9fff" for c in word)
        and not jieba.dt.FREQ.get(word)
    )


def _brand_word(name: str, j: int, type_: str) -> bool:
    """阿里|巴巴: an organization's name that is one dictionary word opening on a place's
    name, with no head word after it, is a brand; the place is no part of it (北京|大学 is)."""
    import jieba

    return (
        type_ == "Organization"
        and bool(jieba.dt.FREQ.get(name))
        and _longest_suffix(name[j:]) is None
        and not name[j:].endswith(_COMPANY_TAILS)
    )


def _opens_century(toks: list[Tok], k: int, i: int) -> bool:
    """21|世纪经济研究院: a century opens a name like any other word."""
    return k < i and toks[k + 1].text.startswith("世纪")


def _is_generic(name: str, prefix_tokens: list[Tok]) -> bool:
    if name in P.GENERIC_NAMES:
        return True
    words = [t.text for t in prefix_tokens if t.text.strip()]
    return all(w in P.GENERIC_MODIFIERS or _NUMBER_WORD.match(w) for w in words)


def _subclass_for_suffix(suffix: str, type_: str) -> str | None:
    if type_ == "Platform":
        if "实验" in suffix:
            return "Laboratory"
        if suffix.endswith("中心"):
            return "Centre"
        if suffix.endswith(("科学城", "科技城", "创新城", "生态城")):
            return "ScienceCity"
        if suffix.endswith(("园", "园区", "基地", "小镇")):
            return "Park"
    if type_ == "Organization":
        if suffix.endswith(("公司", "集团")):
            return "Company"
        if suffix.endswith(("大学", "学院")):
            return "University"
        if suffix.endswith(("委员会", "政府", "办公厅", "管委会")):
            return "GovernmentBody"
    return None


def _canonical(name: str, type_: str) -> str:
    """Canonical form of a rule-found name (the lexicon handles known ones):
    no spaces, no quotation marks (“一带一路”科技创新行动计划 → 一带一路科技创新行动计划)."""
    return _PINYIN_GLOSS.sub("", re.sub(r"[\s“”\"]+", "", name))


#: A reading in pinyin after a character (常务(wù)委员会), as some legal texts print them.
_PINYIN_GLOSS = re.compile(r"[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,8}[)）]")
