"""Corpus reading: encodings, odd files, problems reported in one line, strict mode."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import time

import pytest

import kg.corpus.files as corpus
from kg.corpus.decoding import decode, plausibility
from kg.corpus.files import document_from_text, find_files, read_corpus, read_document
from kg.errors import InputError

SIMPLIFIED = "某市坚持把发展新质生产力作为推动高质量发展的重要着力点，加快建设现代化产业体系。"
TRADITIONAL = "臺北市積極推動半導體與積體電路產業發展，建設國家級研究機構與創新平臺。"

# Short phrases, written for this test, in the script each encoding holds.
# The first, fifth and eighth fooled a plausibility score that counted any
# ideograph as good: their Big5 bytes are valid GB18030 too.
BIG5_PHRASES = [
    "臺灣積體電路製造",
    "經濟發展與產業轉型",
    "國家實驗室建設",
    "推動數位轉型",
    "雲端運算服務",
    "綠色能源產業鏈",
    "醫療器材研發中心",
    "職業訓練課程",
    "半導體設備國產化",
    "碳排放交易市場",
]
GB_PHRASES = [
    "台湾积体电路制造",
    "经济发展与产业转型",
    "国家实验室建设",
    "推动数字化转型",
    "云计算服务",
    "绿色能源产业链",
    "医疗器械研发中心",
    "职业培训课程",
    "半导体设备国产化",
    "碳排放权交易市场",
]


@pytest.mark.parametrize(
    "text, encoding, expected",
    [
        (SIMPLIFIED, "utf-8", "utf-8"),
        (SIMPLIFIED, "utf-8-sig", "utf-8-sig"),
        (SIMPLIFIED, "gb18030", "gb18030"),
        (SIMPLIFIED, "gbk", "gb18030"),
        (SIMPLIFIED, "gb2312", "gb18030"),
        (TRADITIONAL, "big5", "big5"),
        (TRADITIONAL, "utf-16", "utf-16-le"),  # Python writes a BOM, little-endian
        (SIMPLIFIED, "utf-16-be", "utf-16-be"),  # no BOM, but clearly UTF-16
        (SIMPLIFIED, "utf-16-le", "utf-16-le"),
    ],
    ids=[
        "utf-8",
        "utf-8-bom",
        "gb18030",
        "gbk",
        "gb2312",
        "big5",
        "utf-16-bom",
        "utf-16-be-bom",
        "utf-16-le-no-bom",
    ],
)
def test_corpus_decodes_each_encoding(text, encoding, expected):
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    assert decode(data) == (text, expected)


@pytest.mark.parametrize("phrase", BIG5_PHRASES)
def test_corpus_decode_picks_big5_for_short_traditional_text(phrase):
    assert decode(phrase.encode("big5")) == (phrase, "big5")


@pytest.mark.parametrize("phrase", GB_PHRASES)
def test_corpus_decode_picks_gb18030_for_short_simplified_text(phrase):
    assert decode(phrase.encode("gb18030")) == (phrase, "gb18030")


def test_corpus_plausibility_separates_right_and_wrong_decodings():
    for phrase in BIG5_PHRASES:
        data = phrase.encode("big5")
        right = plausibility(data.decode("big5"))
        try:
            wrong = plausibility(data.decode("gb18030"))
        except UnicodeDecodeError:
            continue
        assert right > wrong


@pytest.mark.parametrize(
    "data, message",
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not text (NUL byte at offset 8)"),
        (
            "Café au lait, naïve résumé. ".encode("latin-1") * 10,
            "not text in UTF-8, GB18030 or Big5",
        ),
        (("日本語のテキストです。" * 30).encode("shift_jis"), "does not decode to readable text"),
        (SIMPLIFIED.encode("utf-8")[:-1], "ends in the middle of a character"),
        (
            SIMPLIFIED.encode("utf-8")[:21] + b"\xff" + SIMPLIFIED.encode("utf-8")[21:] * 3,
            "UTF-8 text with invalid bytes",
        ),
        (bytes(range(1, 9)) * 100, "control characters"),
        (
            b"\xff\xfe" + "成都".encode("utf-16-le") + b"\x00",
            "utf-16-le byte-order mark but is not valid",
        ),
    ],
    ids=["binary", "latin-1", "shift-jis", "cut-utf8", "bad-byte-utf8", "controls", "broken-bom"],
)
def test_corpus_decode_refuses_what_is_not_text_in_one_line(data, message):
    with pytest.raises(InputError) as info:
        decode(data, "in/x.txt")
    text = str(info.value)
    assert text.startswith("in/x.txt: ") and message in text and "\n" not in text
    assert any(fix in text for fix in ("re-save", "pass UTF-8", "again", "fix those bytes"))


def test_corpus_decode_keeps_short_text_of_rare_characters():
    # a name in rare characters is not enough evidence to call a file unreadable
    assert decode("□张萌".encode("gb18030"))[0] == "□张萌"


def test_corpus_find_files_reports_what_cannot_be_text(tmp_path):
    (tmp_path / "a.txt").write_text("甲", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("乙", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "c.txt").write_text("丙", encoding="utf-8")
    (tmp_path / "notes.md").write_text("丁", encoding="utf-8")
    os.mkfifo(tmp_path / "fifo.txt")
    os.symlink("loop2.txt", tmp_path / "loop1.txt")
    os.symlink("loop1.txt", tmp_path / "loop2.txt")
    os.symlink("nowhere.txt", tmp_path / "broken.txt")
    os.symlink(tmp_path / "a.txt", tmp_path / "same.txt")
    (tmp_path / "dir.txt").mkdir()
    (tmp_path / "dir.txt" / "inner.txt").write_text("戊", encoding="utf-8")
    (tmp_path / "dir.txt" / "up").symlink_to(tmp_path, target_is_directory=True)  # a folder loop
    problems: list[str] = []
    found = find_files([tmp_path, tmp_path / "a.txt"], on_problem=problems.append)
    assert [p.relative_to(tmp_path).as_posix() for p in found] == ["a.txt", "dir.txt/inner.txt"]
    by_name = {p.split(":")[0].rsplit("/", 1)[-1]: p for p in problems}
    assert set(by_name) == {"fifo.txt", "loop1.txt", "loop2.txt", "broken.txt"}
    assert "named pipe (FIFO), not a text file" in by_name["fifo.txt"]
    assert "symbolic link loop; fix or remove the link" in by_name["loop1.txt"]
    assert "broken symbolic link" in by_name["broken.txt"]


def test_corpus_find_files_missing_input_is_an_error(tmp_path):
    with pytest.raises(InputError, match="no such file or folder"):
        find_files([tmp_path / "nope"])
    os.symlink("nowhere", tmp_path / "dangling")
    with pytest.raises(InputError, match="broken symbolic link or link loop"):
        find_files([tmp_path / "dangling"])


def test_corpus_find_files_handles_thousands_of_files_quickly(tmp_path):
    for i in range(3000):
        (tmp_path / f"{i:05d}.txt").write_bytes(b"x")
    started = time.perf_counter()
    found = find_files([tmp_path, tmp_path])  # the same folder twice: each file once
    assert time.perf_counter() - started < 10
    assert [p.name for p in found] == [f"{i:05d}.txt" for i in range(3000)]


def test_corpus_read_corpus_reports_problems_and_goes_on(tmp_path):
    (tmp_path / "good.txt").write_bytes(SIMPLIFIED.encode("gb18030"))
    (tmp_path / "trad.txt").write_bytes(TRADITIONAL.encode("big5"))
    (tmp_path / "same.txt").write_bytes(SIMPLIFIED.encode("gb18030"))
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b" \n- 3 -\n")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02")
    os.mkfifo(tmp_path / "fifo.txt")
    problems: list[str] = []
    docs = list(read_corpus([tmp_path], on_problem=problems.append))
    assert [d.file_name for d in docs] == ["good.txt", "trad.txt"]
    assert docs[1].encoding == "big5" and docs[1].text.startswith("台北市积极推动半导体")
    assert len(problems) == 5 and all(p.count("\n") == 0 for p in problems)
    joined = "\n".join(problems)
    for expected in (
        "binary.txt: not text (NUL byte at offset 0)",
        "blank.txt: empty (no text after normalisation)",
        "same.txt: same bytes as",
        "empty.txt: empty file (0 bytes)",
        "fifo.txt: a named pipe",
    ):
        assert expected in joined


def test_corpus_strict_stops_at_the_first_problem(tmp_path):
    (tmp_path / "a.txt").write_text(SIMPLIFIED, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    with pytest.raises(InputError, match=r"b\.txt: empty file"):
        list(read_corpus([tmp_path], strict=True))
    os.mkfifo(tmp_path / "c.txt")
    (tmp_path / "b.txt").write_text(SIMPLIFIED + "再一句。", encoding="utf-8")
    with pytest.raises(InputError, match=r"c\.txt: a named pipe"):
        list(read_corpus([tmp_path], strict=True))


def test_corpus_unreadable_file_is_one_clear_line(tmp_path, deny_read):
    locked = tmp_path / "locked.txt"
    locked.write_text(SIMPLIFIED, encoding="utf-8")
    deny_read(locked)
    with pytest.raises(InputError) as info:
        read_document(locked)
    assert (
        str(info.value)
        == f"{locked}: permission denied; make it readable (chmod a+r) or leave it out"
    )


def test_corpus_refuses_files_over_the_size_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(corpus, "MAX_FILE_BYTES", 100)
    big = tmp_path / "big.txt"
    big.write_text("发展" * 100, encoding="utf-8")
    with pytest.raises(InputError, match=r"big.txt: too large .* split it into smaller files"):
        read_document(big)


def test_corpus_keeps_the_first_sentences_of_an_overlong_document(caplog):
    text = "甲地建设乙中心。" * 10
    with caplog.at_level(logging.WARNING, logger="kg.corpus"):
        doc = document_from_text(text, path="long.txt", max_chars=20)
    assert doc.text == "甲地建设乙中心。甲地建设乙中心。"
    assert doc.sentences == ((0, 8), (8, 16)) and len(doc.offsets) == 16
    assert "long.txt: 80 characters after normalisation; only the first 16 were read" in caplog.text
    assert document_from_text(text, max_chars=None).text == text


def test_corpus_document_from_text_maps_traditional_text_back():
    doc = document_from_text(TRADITIONAL, path="t.txt", encoding="big5")
    assert doc.text == "台北市积极推动半导体与积体电路产业发展，建设国家级研究机构与创新平台。"
    assert [TRADITIONAL[doc.offsets[i]] for i in (0, 1, 3, 4)] == ["臺", "北", "積", "極"]
    assert doc.id == doc.sha256[:16] and doc.encoding == "big5" and doc.file_name == "t.txt"


def test_corpus_reads_a_50_mb_line_in_bounded_memory(tmp_path):
    """A 50 MB file on one line: split into paragraphs, capped, in well under 1 GB."""
    line = (
        "某市加快建设现代化产业体系，推动人工智能与实体经济深度融合，培育新质生产力；" * 10
        + "发展数字经济。"
    )
    path = tmp_path / "one-line.txt"
    with open(path, "wb") as fh:
        chunk = line.encode("utf-8") * 64
        for _ in range(50 * 2**20 // len(chunk) + 1):
            fh.write(chunk)
    script = (
        "import resource, sys, time\n"
        "from kg.corpus.files import read_document\n"
        "from kg.corpus.normalise import MAX_PARAGRAPH_CHARS\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "t = time.perf_counter()\n"
        "doc = read_document(sys.argv[1])\n"
        "seconds = time.perf_counter() - t\n"
        "grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024\n"
        "longest = max(map(len, doc.text.split('\\n')))\n"
        "print(len(doc.text), longest <= MAX_PARAGRAPH_CHARS, round(grown), round(seconds, 1))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script, str(path)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
    )
    assert proc.returncode == 0, proc.stderr
    chars, paragraphs_ok, grown_mb, _seconds = proc.stdout.split()
    assert int(chars) <= corpus.MAX_DOCUMENT_CHARS and paragraphs_ok == "True"
    assert int(grown_mb) < 600, f"reading a 50 MB line grew the process by {grown_mb} MB"
    assert "only the first" in proc.stderr and "split it into files" in proc.stderr
