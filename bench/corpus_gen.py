"""Make a large benchmark corpus by perturbing the seed documents.

Each output document is one seed with (1) its city and province names
swapped for others from a fixed list, (2) its paragraphs shuffled (the
first few, the title block, stay in place), and (3) its numbers scaled by a
random factor (years are kept). Every document is checked to differ from all
the others byte for byte, so a content-addressed build sees N distinct
documents. The PDF-style line breaks of the seeds are kept, so the
normalisation stage does its usual work.

    .venv/bin/python bench/corpus_gen.py --scale 100 -o /tmp/corpus100   # ~20 MB, 500 files
    .venv/bin/python bench/corpus_gen.py --scale 1000 -o /tmp/corpus1000 # ~200 MB, 5,000 files

The same ``--seed`` gives the same corpus on every machine.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: Prefecture-level cities (and municipalities) used as replacements.
CITIES = (
    "成都",
    "重庆",
    "北京",
    "上海",
    "深圳",
    "杭州",
    "西安",
    "武汉",
    "南京",
    "苏州",
    "广州",
    "天津",
    "合肥",
    "长沙",
    "郑州",
    "青岛",
    "宁波",
    "厦门",
    "绵阳",
    "德阳",
    "宜宾",
    "无锡",
    "常州",
    "佛山",
    "东莞",
    "济南",
    "福州",
    "昆明",
    "贵阳",
    "南宁",
    "南昌",
    "沈阳",
    "大连",
    "长春",
    "哈尔滨",
    "石家庄",
    "太原",
    "兰州",
    "银川",
    "西宁",
    "乌鲁木齐",
    "呼和浩特",
    "海口",
    "泉州",
    "温州",
    "嘉兴",
    "烟台",
    "洛阳",
)
#: Provinces used as replacements.
PROVINCES = (
    "四川",
    "浙江",
    "江苏",
    "广东",
    "湖北",
    "湖南",
    "河南",
    "河北",
    "山东",
    "山西",
    "陕西",
    "安徽",
    "福建",
    "江西",
    "云南",
    "贵州",
    "辽宁",
    "吉林",
    "黑龙江",
    "甘肃",
    "青海",
    "海南",
)
_NAME_RE = re.compile("|".join(sorted(map(re.escape, CITIES + PROVINCES), key=len, reverse=True)))
_NUMBER_RE = re.compile(r"\d+(?:\.\d+)?")
#: A paragraph ends where a line ends a sentence and a blank line follows.
_PARAGRAPH_END = re.compile(r"(?<=[。！？；：”])[ \t]*\n\s*\n")


def swap_names(text: str, rng: random.Random) -> str:
    """Replace each city (province) name by another, consistently within the text."""
    mapping: dict[str, str] = {}

    def repl(m: re.Match) -> str:
        name = m.group(0)
        if name not in mapping:
            pool = CITIES if name in CITIES else PROVINCES
            mapping[name] = rng.choice(pool)
        return mapping[name]

    return _NAME_RE.sub(repl, text)


def vary_numbers(text: str, rng: random.Random) -> str:
    """Scale every number that is not a year by a factor in [0.5, 1.5], keeping its decimals."""

    def repl(m: re.Match) -> str:
        s = m.group(0)
        if re.fullmatch(r"(19|20)\d\d", s):
            return s
        if "." in s:
            places = len(s.split(".")[1])
            return f"{float(s) * rng.uniform(0.5, 1.5):.{places}f}"
        return str(max(1, round(int(s) * rng.uniform(0.5, 1.5)))) if int(s) else s

    return _NUMBER_RE.sub(repl, text)


def shuffle_paragraphs(text: str, rng: random.Random, keep: int = 3) -> str:
    """Shuffle the paragraphs after the first ``keep`` (the title block)."""
    parts = _PARAGRAPH_END.split(text)
    head, body = parts[:keep], parts[keep:]
    rng.shuffle(body)
    return "\n\n".join(head + body)


def perturb(text: str, rng: random.Random) -> str:
    """One perturbed copy of a seed text."""
    return vary_numbers(shuffle_paragraphs(swap_names(text, rng), rng), rng)


def generate(seeds: Path, out: Path, scale: int, seed: int = 7) -> tuple[int, int]:
    """Write ``scale`` perturbed copies of every seed into ``out``; return (files, bytes)."""
    texts = [(p.stem, p.read_text(encoding="utf-8")) for p in sorted(seeds.glob("*.txt"))]
    if not texts:
        raise SystemExit(f"{seeds}: no .txt seed files")
    out.mkdir(parents=True, exist_ok=True)
    seen: set[str] = set()
    files = size = 0
    for k in range(scale):
        for stem, text in texts:
            rng = random.Random(f"{seed}:{stem}:{k}")
            data = perturb(text, rng).encode("utf-8")
            while hashlib.sha256(data).hexdigest() in seen:  # vanishingly rare; re-roll
                data = perturb(text, rng).encode("utf-8")
            seen.add(hashlib.sha256(data).hexdigest())
            (out / f"{k:05d}_{stem}.txt").write_bytes(data)
            files += 1
            size += len(data)
    return files, size


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seeds", type=Path, default=ROOT / "seeds", help="folder of seed .txt files")
    ap.add_argument(
        "--scale", type=int, default=100, help="perturbed copies of each seed (default 100)"
    )
    ap.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    ap.add_argument("-o", "--out", type=Path, required=True, help="output folder")
    args = ap.parse_args(argv)
    files, size = generate(args.seeds, args.out, args.scale, args.seed)
    print(f"{args.out}: {files} files, {size / 1e6:.1f} MB", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
