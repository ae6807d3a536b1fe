"""Build corpus_tools/data/gazetteer_places.tsv from JioNLP's place lists (Apache-2.0).

Sources (in the installed ``jionlp`` package, version pinned in requirements.lock):
``dictionary/china_location.txt`` (China's administrative divisions: provinces,
prefectures, counties with their short names) and ``dictionary/world_location.txt``
(countries with full names, capitals and major cities). Towns and villages are left out
(too many, too ambiguous). A county's short name (德钦 for 德钦县) is an alias only when
it is at least two characters and jieba's dictionary does not know it as a word of
another kind than a place or a name (丰满, 合作, 郊区 are common words) and is
rare there (fewer than 100 counts: 新建, 温泉, 凤凰, 金山 are common words): the full name
is always matched.

Run: ``.venv/bin/python scripts/build_places_gazetteer.py`` (rewrites the file).
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import jieba  # noqa: F401  (for the path of its dictionary)
import jionlp  # noqa: F401

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "corpus_tools" / "data" / "gazetteer_places.tsv"
JIO = Path(os.path.dirname(jionlp.__file__)) / "dictionary"
RARE = 100  # a county's short name more frequent than this in jieba's dictionary is a common word
JIEBA_DICT = Path(os.path.dirname(jieba.__file__)) / "dict.txt"


def jieba_tags() -> dict[str, tuple[int, str]]:
    tags = {}
    for line in JIEBA_DICT.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 3:
            tags[parts[0]] = (int(parts[1]), parts[2])
    return tags


def main() -> None:
    import jionlp as jio
    tags = jieba_tags()
    rows: dict[str, set[str]] = {}
    order: list[str] = []

    def add(canonical: str, *aliases: str) -> None:
        if canonical not in rows:
            rows[canonical] = set()
            order.append(canonical)
        rows[canonical].update(a for a in aliases if a and a != canonical and len(a) >= 2)

    def safe(short: str) -> bool:
        freq, tag = tags.get(short, (0, "ns"))
        return len(short) >= 2 and tag in ("ns", "nr", "nrt", "nrfg") and freq < RARE


    for line in (JIO / "china_location.txt").read_text(encoding="utf-8").splitlines():
        depth = len(line) - len(line.lstrip("\t"))
        parts = line.strip().split("\t")
        if depth > 2 or not parts[0]:
            continue
        full = parts[0]
        short = parts[2] if len(parts) > 2 else ""
        if depth == 0:
            add(short or full, full)                       # 广东 | 广东省
        elif depth == 1:
            if full in ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"):
                continue
            add(short or full, full) if short and len(short) >= 2 else add(full)
        else:
            if full in ("市辖区",) or len(full) < 3:
                continue
            add(full, short if safe(short) else "")        # 德钦县 | 德钦
    for line in (JIO / "world_location.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.rstrip().endswith(":"):
            continue
        parts = line.split("\t")
        add(parts[0], parts[1] if len(parts) > 1 else "")
        for city in [parts[2]] if len(parts) > 2 else []:
            add(city)
        for city in parts[3].split("/") if len(parts) > 3 else []:
            add(city)
    header = [
        "# Places from JioNLP's dictionaries (https://github.com/dongrixinyu/JioNLP, Apache-2.0):",
        "# china_location.txt (provinces, prefectures, counties of China) and world_location.txt",
        "# (countries, capitals, major cities). Built by scripts/build_places_gazetteer.py; do not edit.",
        "# Same format as gazetteer.tsv: canonical <TAB> label <TAB> aliases.",
    ]
    lines = [f"{c}\tPLACE\t{'|'.join(sorted(rows[c]))}" for c in order if re.fullmatch(r"[\u4e00-\u9fff·]+", c)]
    OUT.write_text("\n".join(header + lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} places written to {OUT}")


if __name__ == "__main__":
    main()
