"""Read a corpus: find the text files, decode them, normalise them.

``read_corpus(paths)`` yields one :class:`~kg.types.Document` per file.
A file that cannot be read as text (binary, undecodable, unreadable, not a
regular file, a broken or looping link, empty, too large) is reported
through ``on_problem`` in one line saying what, where and how to fix it,
and the others go on; with ``strict=True`` the first such file raises
:class:`~kg.errors.InputError` instead.

Encodings: a byte-order mark decides first (UTF-8, UTF-16, UTF-32); then
strict UTF-8; then GB18030 (a superset of GBK and GB2312) and Big5, ranked
by how much of the text is made of common Chinese characters. Traditional
script is converted to simplified by :func:`kg.text.normalise`.
"""

from __future__ import annotations

import bisect
import codecs
import errno
import hashlib
import logging
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from .errors import InputError
from .text import normalise
from .types import Document

log = logging.getLogger(__name__)

#: File name endings read from a folder.
TEXT_SUFFIXES = (".txt",)
#: Files larger than this are refused (normalisation and extraction hold a
#: file in memory, a few times its size).
MAX_FILE_BYTES = 256 * 1024 * 1024
#: Only this many characters of a document (after normalisation) are read;
#: the rest is left out with a warning. Extraction, the graph and its
#: provenance grow with the text (about 0.3 ms and 1.5 KB per character), so
#: this bounds the time and memory one file can take. A long book is some
#: 500,000 characters.
MAX_DOCUMENT_CHARS = 1_000_000
#: Legacy encodings tried when the bytes are not UTF-8, in order of preference.
LEGACY_ENCODINGS = ("gb18030", "big5", "cp950", "big5hkscs")
#: Below this share of plausible characters a decoding is not believed.
MIN_PLAUSIBILITY = 0.5

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_SAMPLE_BYTES = 256 * 1024
_SAMPLE_CHARS = 100_000
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x19\x1b-\x1f\x7f]")


def _plausibility(text: str) -> tuple[float, int]:
    good = total = 0
    for ch in text:
        if ch.isspace():
            continue
        total += 1
        good += ch in _LIKELY
    return (good / total if total else 0.0), total


def plausibility(text: str) -> float:
    """Share of the non-space characters of ``text`` that make likely Chinese text.

    Counted as likely: the ~1,500 commonest Chinese characters (in simplified
    and traditional forms), printable ASCII, and CJK and full-width
    punctuation. Bytes decoded with the wrong one of GB18030 and Big5 still
    give ideographs, but rare ones, so real text scores near 1 and a wrong
    decoding far lower.

    >>> plausibility("发展新质生产力"), plausibility("發展新質生產力") > 0.9, plausibility("")
    (1.0, True, 0.0)
    >>> plausibility("聚刷倖窄盢冑") < 0.5
    True
    """
    return _plausibility(text)[0]


def _decode_sample(data: bytes, encoding: str) -> str:
    """Decode the first :data:`_SAMPLE_BYTES` of ``data`` (a character cut at the end is left out)."""
    sample = data[:_SAMPLE_BYTES]
    return codecs.getincrementaldecoder(encoding)().decode(sample, final=len(sample) == len(data))


def _check_controls(text: str, name: str) -> None:
    sample = text[:_SAMPLE_CHARS]
    controls = len(_CONTROL.findall(sample))
    if controls > max(8, len(sample) // 100):
        first = _CONTROL.search(sample)
        raise InputError(
            f"{name}: not text ({controls} control characters in the first {len(sample)}, "
            f"the first at character {first.start()}); pass UTF-8, GB18030 or Big5 text files"
        )


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """``(text, encoding)`` when ``data`` reads clearly as UTF-16 with no byte-order mark."""
    if len(data) % 2 or len(data) < 8:
        return None
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            sample = _decode_sample(data, encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in sample and plausibility(sample) >= 0.9:
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                return None
    return None


def decode(data: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """Decode file bytes, detecting the encoding.

    Byte-order marks decide first (UTF-8, UTF-16, UTF-32); then strict UTF-8;
    then GB18030 (a superset of GBK and GB2312), Big5 and its extensions
    (cp950, Big5-HKSCS), ranked by :func:`plausibility` on the first 256 KB.
    UTF-16 without a byte-order mark is accepted when it reads clearly.

    Returns:
        ``(text, encoding)``.

    Raises:
        InputError: the bytes are not text in any of these encodings (the
            message names ``name`` and says why).

    >>> decode("成都".encode("gb18030"))
    ('成都', 'gb18030')
    >>> decode(b"\\xef\\xbb\\xbf" + "成都".encode("utf-8"))
    ('成都', 'utf-8-sig')
    >>> decode("臺灣發展積體電路產業".encode("big5"))
    ('臺灣發展積體電路產業', 'big5')
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding).lstrip("\ufeff"), encoding
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"{name}: starts with a {encoding} byte-order mark but is not valid {encoding} "
                    f"(byte {exc.start}); re-save it as UTF-8"
                ) from None
    nul = data.find(b"\x00")
    if nul >= 0:
        found = _utf16_without_bom(data)
        if found:
            return found
        raise InputError(
            f"{name}: not text (NUL byte at offset {nul}); pass UTF-8, GB18030 or Big5 text files"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc.start
    else:
        _check_controls(text, name)
        return text, "utf-8"
    ranked = []
    utf16 = _utf16_without_bom(data)  # Chinese in UTF-16 has no NUL bytes
    if utf16:
        return utf16
    for rank, encoding in enumerate(LEGACY_ENCODINGS):
        try:
            sample = _decode_sample(data, encoding)
        except UnicodeDecodeError:
            continue
        score, chars = _plausibility(sample)
        ranked.append((-score, rank, encoding, chars))
    for score, _, encoding, chars in sorted(ranked):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue  # the sample decoded but a later byte does not
        if -score < MIN_PLAUSIBILITY and chars >= 20:  # a few rare characters prove nothing
            raise InputError(
                _damaged_utf8(data, name, utf8_error)
                or f"{name}: does not decode to readable text (not UTF-8 at byte {utf8_error}; as {encoding} "
                f"only {-score:.0%} of it is common Chinese or ASCII); re-save it as UTF-8"
            )
        _check_controls(text, name)
        return text, encoding
    raise InputError(
        _damaged_utf8(data, name, utf8_error)
        or f"{name}: not text in UTF-8, GB18030 or Big5 (invalid UTF-8 at byte {utf8_error}); re-save it as UTF-8"
    )


def _damaged_utf8(data: bytes, name: str, error_at: int) -> str | None:
    """A message for UTF-8 text with a few bad bytes (or cut short), else ``None``."""
    if len(data) - error_at <= 3:
        try:
            data[:error_at].decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            return (
                f"{name}: UTF-8 text that ends in the middle of a character (byte {error_at}), "
                "so it was probably cut short; copy or download it again"
            )
    sample = data[:_SAMPLE_BYTES].decode("utf-8", "replace")
    bad = sample.count("\ufffd")
    if bad <= max(1, len(sample) // 200) and plausibility(sample) >= 0.9:
        return (
            f"{name}: UTF-8 text with invalid bytes (the first at byte {error_at}); "
            "fix those bytes or re-save the file as UTF-8"
        )
    return None


def _os_problem(path: Path | str, exc: OSError) -> str:
    """One line for an OS error met reading ``path``."""
    why = {
        errno.EACCES: "permission denied; make it readable (chmod a+r) or leave it out",
        errno.EPERM: "permission denied; make it readable (chmod a+r) or leave it out",
        errno.ELOOP: "symbolic link loop; fix or remove the link",
        errno.ENOENT: "broken symbolic link (or it vanished); fix the link or remove it",
        errno.ENXIO: "not a regular file (a socket or device); pass text files",
    }.get(exc.errno)
    return (
        f"{path}: {why}"
        if why
        else f"{path}: cannot be read ({exc.strerror or exc}); check the file and its permissions"
    )


def _file_kind(mode: int) -> str:
    for test, kind in (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a named pipe (FIFO)"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
    ):
        if test(mode):
            return kind
    return "not a regular file"


def find_files(
    paths: Iterable[str | os.PathLike], *, on_problem: Callable[[str], None] | None = None
) -> list[Path]:
    """The text files named by ``paths`` (files as given, folders searched recursively).

    Folders are walked in sorted order without following symbolic links to
    folders; hidden files and folders (``.name``) are left out. Each file is
    listed once, however many paths lead to it. What cannot be a text file
    (a FIFO, socket or device, a broken or looping link) and folders that
    cannot be listed are reported and left out, so no reader ever blocks.

    Args:
        paths: files and folders.
        on_problem: receives one line per path left out (default: a logging warning).

    Raises:
        InputError: a path given does not exist (or is a broken symbolic link).
    """
    report = on_problem or log.warning
    found: list[Path] = []
    seen: set[str] = set()

    def add(path: Path) -> None:
        try:
            mode = os.stat(path).st_mode
        except OSError as exc:
            report(_os_problem(path, exc))
            return
        if not stat.S_ISREG(mode):
            report(f"{path}: {_file_kind(mode)}, not a text file; pass regular .txt files")
            return
        key = os.path.realpath(path)  # unlike Path.resolve, never raises on a link loop
        if key not in seen:
            seen.add(key)
            found.append(path)

    for p in map(Path, paths):
        if not p.exists():
            if p.is_symlink():
                raise InputError(
                    f"{p}: broken symbolic link or link loop; fix the link or pass the file itself"
                )
            raise InputError(
                f"{p}: no such file or folder; pass .txt files or folders that hold them"
            )
        if not p.is_dir():
            add(p)
            continue

        def walk_error(exc: OSError, top: Path = p) -> None:
            report(
                _os_problem(exc.filename or top, exc).replace(
                    "make it readable", "make the folder readable"
                )
            )

        for root, dirs, files in os.walk(p, onerror=walk_error):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for f in sorted(files):
                if f.lower().endswith(TEXT_SUFFIXES) and not f.startswith("."):
                    add(Path(root) / f)
    return found


def document_from_text(
    text: str,
    *,
    path: str | os.PathLike = "<text>",
    sha256: str | None = None,
    encoding: str = "utf-8",
    max_chars: int | None = MAX_DOCUMENT_CHARS,
) -> Document | None:
    """Normalise decoded text into a :class:`~kg.types.Document`; ``None`` when it holds no text.

    Args:
        text: the decoded file.
        path: where it came from (its base name becomes ``file_name``).
        sha256: hex digest of the file's bytes (default: of ``text`` as UTF-8).
        encoding: the encoding it was decoded with.
        max_chars: keep only the sentences within the first this many
            characters of the normalised text, with a logged warning
            (``None``: keep all).

    >>> doc = document_from_text("臺灣發展積體電路產業。", path="a.txt")
    >>> doc.text, doc.file_name, len(doc.offsets) == len(doc.text)
    ('台湾发展积体电路产业。', 'a.txt', True)
    >>> document_from_text(" \\n- 3 -\\n") is None
    True
    """
    if sha256 is None:
        sha256 = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    norm = normalise(text)
    # traditional script is read as simplified; keep the original so mentions can show how it was written
    original = text if norm.traditional else None
    del text
    if not norm.text.strip():
        return None
    body, sentences, offsets = norm.text, norm.sentences, norm.offsets
    if max_chars is not None and len(body) > max_chars:
        # cut at the end of the last sentence that fits (or at max_chars)
        i = bisect.bisect_right([e for _, e in sentences], max_chars)
        cut = sentences[i - 1][1] if i else max_chars
        log.warning(
            "%s: %s characters after normalisation; only the first %s were read (the limit per file bounds "
            "time and memory); split it into files of under %s characters to read it all",
            path,
            f"{len(body):,}",
            f"{cut:,}",
            f"{max_chars:,}",
        )
        body, offsets = body[:cut], offsets.head(cut)
        sentences = sentences[:i] if i else tuple((a, cut) for a, _ in sentences[:1] if a < cut)
    title = next((body[s:e] for s, e in sentences[:3] if 4 <= e - s <= 40), None)
    return Document(
        id=sha256[:16],
        file_name=Path(path).name,
        path=str(path),
        sha256=sha256,
        encoding=encoding,
        text=body,
        sentences=sentences,
        offsets=offsets,
        title=title,
        original=original,
    )


def _read_bytes(path: Path) -> bytes:
    """The bytes of a regular file (never blocks on a FIFO, never reads a device)."""
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            raise InputError(
                f"{path}: {_file_kind(st.st_mode)}, not a text file; pass regular .txt files"
            )
        if st.st_size > MAX_FILE_BYTES:
            raise InputError(
                f"{path}: too large ({st.st_size / 2**20:.0f} MB; the limit is {MAX_FILE_BYTES // 2**20} MB); "
                "split it into smaller files"
            )
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
        with os.fdopen(fd, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):  # swapped for a FIFO since the stat
                raise InputError(f"{path}: not a regular file; pass regular .txt files")
            return fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise InputError(_os_problem(path, exc)) from None


def read_document(path: str | os.PathLike) -> Document | None:
    """Read, decode and normalise one file; ``None`` when it holds no text.

    Raises:
        InputError: the file cannot be read or decoded.
    """
    path = Path(path)
    data = _read_bytes(path)
    if len(data) > MAX_FILE_BYTES:
        raise InputError(
            f"{path}: too large (over {MAX_FILE_BYTES // 2**20} MB); split it into smaller files"
        )
    text, encoding = decode(data, str(path))
    sha = hashlib.sha256(data).hexdigest()
    del data
    return document_from_text(
        text, path=path, sha256=sha, encoding=encoding, max_chars=MAX_DOCUMENT_CHARS
    )


def read_corpus(
    paths: Iterable[str | os.PathLike],
    *,
    strict: bool = False,
    on_problem: Callable[[str], None] | None = None,
) -> Iterator[Document]:
    """Yield the documents under ``paths``, one per readable text file.

    Args:
        paths: files and folders.
        strict: raise on the first unreadable or empty file instead of
            reporting it and going on.
        on_problem: receives one line per skipped file (default: a logging warning).

    Raises:
        InputError: a path does not exist, or (``strict``) a file is unreadable
            or empty.
    """
    report = on_problem or log.warning

    def problem(msg: str) -> None:
        if strict:
            raise InputError(msg)
        report(msg)

    seen: dict[str, Path] = {}
    for path in find_files(paths, on_problem=problem):
        try:
            doc = read_document(path)
        except InputError as exc:
            problem(str(exc))
            continue
        except Exception as exc:  # a bug on one file should not lose the others
            if strict:
                raise
            log.debug("reading %s failed", path, exc_info=True)
            problem(
                f"{path}: could not be read ({type(exc).__name__}: {exc}); "
                "please report this with the output of `kg --debug build`"
            )
            continue
        if doc is None:
            try:
                empty = os.stat(path).st_size == 0
            except OSError:
                empty = False
            problem(
                f"{path}: empty file (0 bytes); skipped"
                if empty
                else f"{path}: empty (no text after normalisation); skipped"
            )
            continue
        if doc.id in seen:
            report(f"{path}: same bytes as {seen[doc.id]}; skipped")
            continue
        seen[doc.id] = path
        yield doc


# The ~1,500 characters commonest in jieba's dictionary (weighted by word
# frequency; they cover about 93% of it), then their traditional forms
# (OpenCC s2t, s2tw, s2hk) where those differ.
_COMMON_SIMPLIFIED = (
    "一是人了不在有大中国和为这上他个地年来我会以到时要出的生学说道民家子也成行下们于后就发自之对得主长可过天作分方用多你着部"
    "能市等业全里工公经本都而高政法面门动日进区事代那去心小同北定开产前其军还然起种所如现理机体表力好外与文当两实重新三么只山"
    "水关明从化平建又制南内西没此将员名手最东头者月间无安看见各城十相但已些正口通想度加第她合院物性战由位常点海意场武使次二向"
    "治因立数样身情入原问把路被并利石老教万知级量任江及应省资委务元美特期世湖回系比气汉总展电科金先声提品设或义王社很统处四首"
    "共马形己儿司太目基领队直计别女权话少流命至报米给打变果书清活几州华解议更称程今决张导术府才保交放管结师便走达族反再题色五"
    "京河接条规式县白它改风光运信受什组听布百济党指论强做取技黄神选记斯真却职号界件花类何眼兵传带空干农边据集联古广完质阳难增"
    "历史专官每住商即步认车台林必死游举线言皇土团收考求德叫近备研争非具李众连调感转笑革该持始英克士尔让拉思根格造较际亲单朝红"
    "型价校约器字段周亚深候则功属积快图火千准究往极育装许参半令吃观鱼精办像帝八复影告远群包整构料随划算象容示投势热值夫网望源"
    "息语股铁断派速怎需片爱律纪支早况病境证编越局推满且列觉服双未居除乐企引标确织初青志率项飞球节察龙响药站施均消客失轻存低甚"
    "般击曾防请离落显罗营足素视护副食创余照兴占巴虽洲村费易试星木黑左宝置跟央识维采六底宫房音环案批切斗富乡另倒若按查故突责严"
    "桥模仅胜杀围席态破承招杨负层须父供续状域似依银范修找九致密终血旅钱赛独细效玉冲获习医演毛尽脸弹楼艺航陆右协七攻镇检写苏宗"
    "章注阿抗弟坐验封紧劳户优财养适陈喜卫排射哥油刻留急降念云微伤例景拿绝阶座刘刚害印亿沙母酒助闻超审待压升送监策略限竟香配藏"
    "敌呢差仍兰温园树征善波哪词岛止预怕继皮执味份角草男普答益谁船惊核街夏宣掌田久著画辑奇尼剑吧谈背免孩礼材愿洋春架筑括晚乱乎"
    "讲尚良友临激刀夜室既敢邦挥昌板胡欧福港叶简苦担句岁荆贵娘守辖威宜衣帮块堂额错剧充欢够孙班呼阵销坚练脚退读测吴希宁换版异某"
    "顾曲楚典朱毒菜判救宋茶洪含顺啊鲜败货矿端兄归冷忙买险康评肉吗厂永哈沉散遗停笔假输牛洞松渐顶训录否述毕督控丰献姑忽爷互亮纳"
    "襄登咱钟伯臣雄季脑介鄂召饭暗扩祖齐短烈赶牌恩诉移诗础露届蒙静喝盘卖植授伊湾博痛减穿逐秘庭陵固禁票灵杂姓泽吸侧庆妈遇追甲馆"
    "补唐炮沿殿刺怪彩俄旧警索岸轮妇载靠附毫怀软骨探雷旁罪枪牙迎序慢盛雨墙恶谷顿危稳熟概酸操诸绿佛荣针托宽折野付午肯库厚缺罢耳"
    "屋嘴末谢巨培页瓦款犯困店智拥雪翻圣戏旗吉婚奖岩疑币圆歌廷健卡烧析讨跑烟误仙疗舞亡闭汽伸脱秋姐繁侵川莫麻秀借寻私岗卷跳丽横"
    "驻套兼您君丁束纸夺袁灯坏坦丝径购阴床瞧择墓宪峰遍鲁庙掉丹桃御舰避售怒课播拔奥延虚隐粮络遭摇潜庄混厅婆奴鼓赵访睡震予童徐韦"
    "殖抓拜吨扬址洛休纵逃染纷贸透汇灭蛋森仪塔距狐融郡缓聚盖拍迹忠释润粉涓孔岭搜紫虑促抵钢塞寺津液码虎坛珍硬梁奔累役偏迫锛凡损"
    "壁哭替税综伦冰盟挂韩竞乌尤弱铺妹秦尊竹珠迅脉泥鬼纯睛刑途隆潮幅杯握谋剂幸奉乘抱朋谓频崇壮骑紝恐享鸡虫绍铜呈泛械摆欲奶敬措"
    "爆暴签猛郭嘉障缩亦废搞胞埃曰撤暖寒订俗绩阻盐萨勒忘奏孝贴灰梅触玩默醒胸莲篇柱裁啦淡抢捕闹纺截讯朗誉雅忍梦伙勇峡徒丈尾迷唱"
    "泉泰佳残闪伍呀疾署剩贼冠倾豆申贫诺麦泪羊尖辈镜涉贡爹缘摩妻殊贝零映甘骂糖岳饮奋棉雕跃汗冒渡努赞启阁斤裂患伏池鹿洗劲晋倍圈"
    "媒箭沟锋胆凭挑抬闯隔弄曹汤苗迁叹唯振储贯彻桌祭符僧衡炸旋喊凤黎郎援肥磁忌赏辽祥董仁辛瑞询敏浪貌毁昨巧腿抽荷陷焦净腹弃乃湘"
    "亩滑狗冬宏皆番尸伟桂览恢龄绕趣晶坡魏摸伴墨浓绪舍蓝荡阅井鸿旦惯症鸟窗扎辞聘穷堰宇键荒递恨隶厉杜闲腰袭侍灾涨叔湿寨幕豪郑磨"
)
_COMMON_TRADITIONAL = (
    "國爲這個來會時學說們於後發對長過業裏經門動進區開產軍還種現機體與當兩實麼關從內沒將員東頭間無見戰點場數樣問並萬級應資務氣"
    "漢總電聲設義統處馬兒領隊計別權話報給變書幾華議稱決張導術結師達題條規縣風運組聽濟黨論強黃選記卻職號類傳帶幹農邊據聯廣質陽"
    "難歷專認車臺遊舉線團備爭衆連調轉該爾讓較際親單紅價約亞則屬積圖準極裝許參喫觀魚辦復遠羣構隨劃勢熱網語鐵斷愛紀況證編滿覺雙"
    "樂標確織項飛節龍響藥輕擊請離顯羅營視護創餘興佔雖費試寶識維採宮環鬥鄉責嚴橋僅勝殺圍態楊負層須續狀銀範終錢賽獨細衝獲習醫盡"
    "臉彈樓藝陸協鎮檢寫蘇驗緊勞戶優財養適陳衛雲傷絕階劉剛億聞審壓監敵蘭溫園樹徵詞島預繼執誰驚畫輯劍談禮願築亂講臨揮歐葉簡擔歲"
    "荊貴轄幫塊額錯劇歡夠孫陣銷堅練腳讀測吳寧換異顧順鮮敗貨礦歸買險評嗎廠遺筆輸漸頂訓錄畢豐獻爺納鍾腦飯擴齊趕訴詩礎屆靜盤賣灣"
    "減祕靈雜澤側慶媽館補舊輪婦載懷軟槍牆惡頓穩諸綠榮針寬庫罷謝頁擁聖戲獎巖幣圓燒討煙誤療閉脫尋崗麗橫駐紙奪燈壞絲徑購陰牀擇憲"
    "峯魯廟艦課奧虛隱糧絡搖潛莊廳趙訪韋噸揚縱紛貿匯滅儀緩蓋跡釋潤嶺慮鋼碼壇錛損稅綜倫掛韓競烏鋪脈純謀劑謂頻壯騎雞蟲紹銅擺籤縮"
    "廢訂績鹽薩貼觸蓮搶鬧紡訊譽夢夥峽殘閃賊傾貧諾麥淚輩鏡貢緣貝罵嶽飲奮躍贊啓閣勁晉溝鋒膽憑闖湯遷嘆儲貫徹鳳賞遼詢毀淨棄畝屍偉"
    "覽齡繞濃緒藍蕩閱鴻慣鳥辭窮鍵遞隸厲閒襲災漲溼鄭為裡眾啟説衞閲濕"
)
_LIKELY = frozenset(
    _COMMON_SIMPLIFIED
    + _COMMON_TRADITIONAL
    + "".join(map(chr, range(0x21, 0x7F)))  # printable ASCII
    + "".join(map(chr, range(0x3000, 0x3040)))  # CJK punctuation
    + "".join(map(chr, range(0xFF01, 0xFF5F)))  # full-width forms
    + "".join(map(chr, range(0x2010, 0x2027)))  # dashes, quotes, ellipsis
    + "".join(map(chr, range(0x2460, 0x2500)))  # ①②③ …
    + "".join(map(chr, range(0x25A0, 0x2600)))  # □■●○ …
    + "·×"
)
