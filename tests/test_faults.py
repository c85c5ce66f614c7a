"""Faults end to end: odd input files, exit codes and messages, killed builds, random Unicode.

Most tests run the real CLI (``python -m kg build DIR -o OUT``) on a folder
holding one file of each kind, and check both the one-line message about
the bad file and that the good files still made it into the graph.
"""

from __future__ import annotations

import errno
import logging
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import rdflib
from conftest import ROOT, SEEDS, run_kg
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kg.corpus.files as corpus
from kg.atomic import STAGING_INFIX, staged_folder
from kg.cli import main
from kg.corpus import document_from_text
from kg.errors import GraphFileError
from kg.export import OUTPUT_FILES

KG = rdflib.Namespace("https://w3id.org/xinzhi-kg/ontology#")

#: name → (text, encoding): files that must make it into the graph, each
#: naming a place no other file names.
GOOD = {
    "utf8.txt": ("成都市大力发展人工智能产业，建设国家级创新平台。", "utf-8"),
    "utf8-bom.txt": ("西安市加快发展航空航天产业。", "utf-8-sig"),
    "gbk.txt": ("合肥市建设综合性国家科学中心，发展集成电路产业。", "gbk"),
    "gb18030.txt": ("南京市推动软件和信息服务业发展。", "gb18030"),
    "big5.txt": ("廣州市推動新能源汽車產業發展，建設智慧製造示範基地。", "big5"),
    "utf16.txt": ("杭州市发展数字经济和人工智能产业。", "utf-16"),
}
PLACE_OF = {
    "utf8.txt": "成都",
    "utf8-bom.txt": "西安",
    "gbk.txt": "合肥",
    "gb18030.txt": "南京",
    "big5.txt": "广州",
    "utf16.txt": "杭州",
    "inner.txt": "武汉",
}


def _write_mixed_folder(folder: Path) -> None:
    folder.mkdir(parents=True)
    for name, (text, encoding) in GOOD.items():
        (folder / name).write_bytes(text.encode(encoding))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (folder / "latin1.txt").write_bytes("Café au lait, naïve résumé. ".encode("latin-1") * 10)
    os.mkfifo(folder / "fifo.txt")
    os.symlink("loop2.txt", folder / "loop1.txt")
    os.symlink("loop1.txt", folder / "loop2.txt")
    os.symlink("nowhere.txt", folder / "broken.txt")
    (folder / "dir.txt").mkdir()  # a folder named like a text file is searched, not read
    (folder / "dir.txt" / "inner.txt").write_text("武汉市建设光谷科技创新走廊。", encoding="utf-8")


def _graph(out: Path) -> rdflib.Graph:
    g = rdflib.Graph()
    g.parse(out / "graph.ttl", format="turtle")
    return g


def _file_names(g: rdflib.Graph) -> set[str]:
    return {str(o) for o in g.objects(None, KG.fileName)}


def _labels(g: rdflib.Graph) -> set[str]:
    return {str(o) for o in g.objects(None, rdflib.RDFS.label)}


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    """One build over a folder holding a file of every kind: (process, graph)."""
    base = tmp_path_factory.mktemp("mixed")
    _write_mixed_folder(base / "in")
    proc = run_kg("build", str(base / "in"), "-o", str(base / "out"), "-j", "1", "--no-validate")
    assert proc.returncode == 0, proc.stderr
    return proc, _graph(base / "out")


def _message(proc, name: str) -> str:
    """The one line of stderr about ``name``."""
    lines = [line for line in proc.stderr.splitlines() if f"/{name}:" in line]
    assert len(lines) == 1, (name, proc.stderr)
    return lines[0]


def _assert_good_files_made_it(g: rdflib.Graph) -> None:
    assert _file_names(g) == set(GOOD) | {"inner.txt"}
    assert set(PLACE_OF.values()) <= _labels(g)


@pytest.mark.parametrize("name", sorted(GOOD))
def test_faults_each_encoding_is_read(mixed, name):
    _, g = mixed
    assert name in _file_names(g)
    assert PLACE_OF[name] in _labels(g)


def test_faults_traditional_script_becomes_simplified(mixed):
    _, g = mixed
    labels = _labels(g)
    assert "广州" in labels and "新能源汽车" in labels
    assert not any(ch in label for label in labels for ch in "廣動車產設")


def test_faults_empty_file_is_skipped_with_a_warning(mixed):
    proc, g = mixed
    assert _message(proc, "empty.txt").endswith(
        "empty.txt: empty (no text after normalisation); skipped"
    )
    _assert_good_files_made_it(g)


def test_faults_binary_file_is_one_clear_line(mixed):
    proc, g = mixed
    line = _message(proc, "binary.txt")
    assert (
        "warning: " in line
        and "binary.txt: not text (NUL byte at offset 8); pass UTF-8, GB18030 or Big5" in line
    )
    _assert_good_files_made_it(g)


def test_faults_undecodable_file_is_one_clear_line(mixed):
    proc, g = mixed
    line = _message(proc, "latin1.txt")
    assert (
        "latin1.txt: not text in UTF-8, GB18030 or Big5 (invalid UTF-8 at byte 3); re-save it as UTF-8"
        in line
    )
    _assert_good_files_made_it(g)


def test_faults_fifo_named_txt_is_skipped_without_blocking(mixed):
    proc, g = mixed
    assert "fifo.txt: a named pipe (FIFO), not a text file; pass regular .txt files" in _message(
        proc, "fifo.txt"
    )
    _assert_good_files_made_it(g)


def test_faults_symlink_loop_and_broken_link_are_reported(mixed):
    proc, g = mixed
    assert "loop1.txt: symbolic link loop; fix or remove the link" in _message(proc, "loop1.txt")
    assert "loop2.txt: symbolic link loop" in _message(proc, "loop2.txt")
    assert "broken.txt: broken symbolic link" in _message(proc, "broken.txt")
    _assert_good_files_made_it(g)


def test_faults_folder_named_txt_is_searched(mixed):
    _, g = mixed
    assert "inner.txt" in _file_names(g) and "武汉" in _labels(g)


def test_faults_build_with_skipped_files_exits_0_and_counts_them(mixed):
    proc, _ = mixed
    assert proc.returncode == 0
    assert "documents     7" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_faults_unreadable_file_is_skipped(tmp_path, deny_read, capsys):
    """Permission denied (simulated when running as root, who can read anything)."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text("成都市大力发展人工智能产业。", encoding="utf-8")
    locked = src / "locked.txt"
    locked.write_text("重庆市推进新型工业化。", encoding="utf-8")
    deny_read(locked)
    code = main(
        [
            "build",
            str(src),
            "-o",
            str(tmp_path / "out"),
            "-j",
            "1",
            "-q",
            "--no-validate",
            "--no-cache",
        ]
    )
    err = capsys.readouterr().err
    assert code == 0, err
    assert (
        f"warning: {locked}: permission denied; make it readable (chmod a+r) or leave it out"
        in err.splitlines()
    )
    assert _file_names(_graph(tmp_path / "out")) == {"good.txt"}


def test_faults_a_long_single_line_is_split_and_capped(tmp_path, monkeypatch, caplog):
    """A huge one-line file (scaled down: the cap lowered to 30,000 characters) builds, in pieces."""
    monkeypatch.setattr(corpus, "MAX_DOCUMENT_CHARS", 30_000)
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text("成都市大力发展人工智能产业。", encoding="utf-8")
    sentence = "重庆市推进新型工业化，打造智能网联新能源汽车产业集群。"
    (src / "one-line.txt").write_text(
        sentence * 4000, encoding="utf-8"
    )  # 108,000 characters, no newline
    with caplog.at_level(logging.WARNING):
        code = main(
            [
                "build",
                str(src),
                "-o",
                str(tmp_path / "out"),
                "-j",
                "1",
                "-q",
                "--no-validate",
                "--no-cache",
            ]
        )
    assert code == 0
    # paragraphs of at most 5,000 characters (185 sentences), then cut after the last whole sentence
    assert (
        "one-line.txt: 108,021 characters after normalisation; only the first 29,975 were read"
        in caplog.text
    )
    g = _graph(tmp_path / "out")
    assert _file_names(g) == {"good.txt", "one-line.txt"} and "重庆" in _labels(g)
    doc = next(g.subjects(KG.fileName, rdflib.Literal("one-line.txt")))
    assert int(g.value(doc, KG.charCount)) == 29_975


def test_faults_thousands_of_files(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    places = ["成都", "重庆", "西安", "合肥", "深圳"]
    for i in range(2000):
        (src / f"{i:04d}.txt").write_text(
            f"第{i}号：{places[i % 5]}市发展人工智能产业。", encoding="utf-8"
        )
    proc = run_kg("build", str(src), "-o", str(tmp_path / "out"), "-j", "1", "-q", "--no-validate")
    assert proc.returncode == 0, proc.stderr
    g = _graph(tmp_path / "out")
    assert len(_file_names(g)) == 2000 and set(places) <= _labels(g)


# --- Exit codes and messages -------------------------------------------------------


def _two_files(folder: Path) -> Path:
    folder.mkdir()
    (folder / "a.txt").write_text("成都市大力发展人工智能产业。", encoding="utf-8")
    (folder / "b.txt").write_bytes(b"\x00\x01binary")
    return folder


def test_faults_strict_makes_a_bad_file_fatal(tmp_path):
    src = _two_files(tmp_path / "in")
    proc = run_kg("build", str(src), "-o", str(tmp_path / "out"), "--strict", "-q", "-j", "1")
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert [line for line in lines if "b.txt" in line or line.startswith("error")] == [
        f"error: {src / 'b.txt'}: not text (NUL byte at offset 0); pass UTF-8, GB18030 or Big5 text files"
    ]
    assert lines[-1].startswith("error: ") and "Traceback" not in proc.stderr
    assert not (tmp_path / "out" / "graph.ttl").exists()


def test_faults_debug_shows_the_traceback(tmp_path):
    src = _two_files(tmp_path / "in")
    proc = run_kg(
        "--debug", "build", str(src), "-o", str(tmp_path / "out"), "--strict", "-q", "-j", "1"
    )
    assert proc.returncode == 1
    assert "Traceback (most recent call last)" in proc.stderr and "InputError" in proc.stderr


def test_faults_usage_errors_exit_2(tmp_path):
    proc = run_kg("build", "--no-such-option")
    assert proc.returncode == 2 and "No such option" in proc.stderr
    proc = run_kg("build", "--debug", str(tmp_path))  # --debug belongs before the command
    assert proc.returncode == 2


def test_faults_no_readable_file_is_an_error(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "empty.txt").write_bytes(b"")
    proc = run_kg("build", str(src), "-o", str(tmp_path / "out"), "-q", "-j", "1")
    assert proc.returncode == 1
    assert proc.stderr.strip().splitlines()[-1] == (
        "error: no readable text files in the input; pass .txt files or folders that hold them"
    )


def test_faults_output_path_that_is_a_file_is_an_error(tmp_path):
    src = _two_files(tmp_path / "in")
    (tmp_path / "out").write_text("not a folder")
    proc = run_kg(
        "build",
        str(src),
        "-o",
        str(tmp_path / "out"),
        "-q",
        "-j",
        "1",
        "--no-cache",
        "--no-validate",
    )
    assert proc.returncode == 1
    assert (
        f"error: {tmp_path / 'out'}: exists and is not a folder; pass another -o folder or remove it"
        in proc.stderr
    )
    assert (tmp_path / "out").read_text() == "not a folder"


def test_faults_internal_errors_are_one_line(monkeypatch, capsys):
    import kg.pipeline.build

    def boom(*args, **kwargs):
        raise ValueError("something broke")

    monkeypatch.setattr(kg.pipeline.build, "build_corpus", boom)
    assert main(["build", "x", "-q"]) == 1
    err = capsys.readouterr().err.strip()
    assert (
        err.startswith("error: internal error ValueError: something broke; run `kg --debug")
        and "\n" not in err
    )


# --- Atomic output -------------------------------------------------------------


def test_faults_staged_folder_swaps_the_whole_set_and_keeps_the_cache(tmp_path):
    out = tmp_path / "out"
    with staged_folder(out) as stage:
        (stage / "graph.ttl").write_text("old")
        (stage / "graph.json").write_text("old")
    (out / ".cache").mkdir()
    (out / ".cache" / "x.json").write_text("cached")
    inode = (out / ".cache" / "x.json").stat().st_ino
    with staged_folder(out) as stage:
        (stage / "graph.ttl").write_text("new")
        assert (out / "graph.ttl").read_text() == "old"  # nothing changes until the block ends
        (stage / "graph.json").write_text("new")
    assert (out / "graph.ttl").read_text() == (out / "graph.json").read_text() == "new"
    assert (out / ".cache" / "x.json").stat().st_ino == inode  # carried over as a link, not copied
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # no staging folder left


def test_faults_staged_folder_leaves_the_old_output_on_error(tmp_path):
    out = tmp_path / "out"
    with staged_folder(out) as stage:
        (stage / "graph.ttl").write_text("old")
    with pytest.raises(RuntimeError), staged_folder(out) as stage:
        (stage / "graph.ttl").write_text("half")
        raise RuntimeError("killed")
    assert (out / "graph.ttl").read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out"]
    with (
        pytest.raises(GraphFileError, match="cannot write the output"),
        staged_folder(out) as stage,
    ):
        raise OSError(errno.ENOSPC, "No space left on device", str(stage / "graph.ttl"))
    assert (out / "graph.ttl").read_text() == "old"


def test_faults_staged_folder_without_atomic_swap_recovers(tmp_path, monkeypatch):
    """Where RENAME_EXCHANGE is missing: two renames, and a build killed between them is undone."""
    import kg.atomic as files

    monkeypatch.setattr(files, "exchange_paths", lambda a, b: False)
    out = tmp_path / "out"
    with staged_folder(out) as stage:
        (stage / "graph.ttl").write_text("one")
    with staged_folder(out) as stage:
        (stage / "graph.ttl").write_text("two")
    assert (out / "graph.ttl").read_text() == "two"
    # what a build killed between its two renames leaves: the old folder aside, a staging folder
    os.rename(out, tmp_path / f".out{files.OLD_INFIX}12345")
    (tmp_path / f".out{STAGING_INFIX}abcd").mkdir()
    with staged_folder(out) as stage:
        assert (out / "graph.ttl").read_text() == "two"  # put back before anything else
        (stage / "graph.ttl").write_text("three")
    assert (out / "graph.ttl").read_text() == "three"
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def _snapshot(out: Path) -> dict[str, bytes] | None:
    if not out.is_dir():
        return None
    return {name: (out / name).read_bytes() for name in OUTPUT_FILES if (out / name).exists()}


def _which(state: dict | None, old: dict, new: dict) -> str:
    """``"old"`` (byte for byte), ``"new"`` or ``"mixed"``.

    The HTML map's layout is not the same from one build to the next, so a
    new one only has to be complete and not the old one; every other file
    must match byte for byte.
    """
    if state == old:
        return "old"
    html = state and state.get("graph.html")
    if (
        html
        and html != old["graph.html"]
        and html.rstrip().endswith(b"</html>")
        and set(state) == set(new)
        and all(state[n] == new[n] for n in new if n != "graph.html")
    ):
        return "new"
    return "mixed"


def test_faults_killed_build_leaves_the_previous_output_unchanged(tmp_path):
    """SIGKILL a build at several moments, most while it writes: OUT is always the old set or the new.

    The kills are timed by what the build does, not by the clock: the k-th
    kill comes right after the k-th change seen in or beside OUT (a
    temporary file, a rename, a staging folder), so they land at different
    steps of writing however fast or loaded the machine is.
    """
    small = tmp_path / "small"
    small.mkdir()
    for p in sorted(SEEDS.glob("*.txt"))[:2]:
        shutil.copy(p, small / p.name)
    out, ref, cache = tmp_path / "out", tmp_path / "ref", tmp_path / "cache"
    args = ["-q", "-j", "1", "--no-validate", "--cache", str(cache)]
    assert run_kg("build", str(small), "-o", str(out), *args).returncode == 0
    old = _snapshot(out)
    assert (
        run_kg("build", str(SEEDS), "-o", str(ref), *args).returncode == 0
    )  # also fills the cache
    new = _snapshot(ref)
    assert old["graph.ttl"] != new["graph.ttl"] and set(old) == set(new) == set(OUTPUT_FILES)

    def signature():
        """Names and times in OUT and in the hidden folders beside it."""
        try:
            folders = [out, *sorted(p for p in tmp_path.iterdir() if p.name.startswith("."))]
            return [
                (f.name, sorted((p.name, p.stat().st_mtime_ns) for p in f.iterdir()))
                for f in folders
            ]
        except OSError:
            return None  # something was renamed under us: a change too

    def kill_after(changes: int) -> bool:
        """Start a build, SIGKILL it after ``changes`` changes (0: one second in); whether it was running."""
        proc = subprocess.Popen(
            [sys.executable, "-m", "kg", "build", str(SEEDS), "-o", str(out), *args],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        if not changes:
            time.sleep(1.0)
        seen, last, deadline = 0, signature(), time.monotonic() + 300
        while seen < changes and proc.poll() is None and time.monotonic() < deadline:
            now = signature()
            if now != last:
                seen, last = seen + 1, now
        running = proc.poll() is None
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        return running

    mid_write = 0
    for changes in (0, 1, 2, 3, 5, 8, 12):
        running = kill_after(changes)
        which = _which(_snapshot(out), old, new)
        assert which != "mixed", f"killed after {changes} changes: a mixed or broken output folder"
        assert len(_graph(out)) > 0 and (out / "store").is_dir()
        mid_write += running and changes > 0 and which == "old"
    assert mid_write >= 3, "too few kills landed while the build was writing"

    assert run_kg("build", str(SEEDS), "-o", str(out), *args).returncode == 0
    assert _which(_snapshot(out), old, new) == "new"
    assert not [
        p for p in tmp_path.iterdir() if p.name.startswith(f".out{STAGING_INFIX}")
    ]  # cleaned up


# --- Random Unicode through normalisation and extraction ----------------------------

_CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
_WORDS = st.sampled_from(
    [
        "成都",
        "重庆市",
        "人工智能",
        "新能源汽车",
        "国家实验室",
        "产业",
        "发展",
        "建设",
        "亿元",
        "2023年",
        "增长15%",
        "平台",
        "中心",
        "集群",
        "臺灣",
        "積體電路",
        "（一）",
        "第三章",
    ]
)
_ODD = st.one_of(
    st.characters(codec=None),  # anything, private use included
    st.characters(
        min_codepoint=0xD800, max_codepoint=0xDFFF
    ),  # lone surrogates, as surrogateescape leaves them
    st.characters(max_codepoint=0x1F),  # control characters
    st.sampled_from(
        list(
            "，。、；：！？“”（）《》—…·\n\r\t \u3000\u2028\ufeff①②１２ＡＢ□●-%％万亿元年.0123456789"
        )
    ),
    st.sampled_from(["Ελλάδα", "Москва", "عربي", "한국어", "日本語です", "e\u0301", "🙂"]),
)
ODD_TEXT = st.lists(st.one_of(_CJK, _WORDS, _WORDS, _ODD), max_size=200).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ODD_TEXT)
def test_faults_random_unicode_never_breaks_extraction(raw):
    from kg.extract import extract

    doc = document_from_text(raw, path="random.txt")
    if doc is None:
        return
    assert len(doc.offsets) == len(doc.text) and all(0 <= j < len(raw) for j in doc.offsets)
    x = extract(doc)
    n = len(doc.text)
    for e in x.entities:
        for m in e.mentions:
            assert 0 <= m.start < m.end <= n and doc.text[m.start : m.end] == m.text
    for r in x.relations:
        assert all(0 <= m.start <= m.end <= n for m in r.evidence)
    for o in x.observations:
        assert 0 <= o.evidence.start <= o.evidence.end <= n
