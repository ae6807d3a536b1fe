"""Who and where: organisations, people and places, with canonical names across scripts.

Mentions come from three sources, tried in this order of trust:

1. **gazetteer** — the package's list of well-known organisations and places of
   the field (``data/gazetteer.tsv``) plus the user's files, matched on the
   simplified view of the text, so 羅氏, 罗氏 and Roche all get canonical 罗氏;
2. **pattern** — general rules over tokens and characters: an organisation is a
   run of name-like tokens with a proper-name part ending in a word such as
   公司, 集团, 大学, 医院, 研究院, 委员会, 局, 中心 (上海理工大学, 上海市政府); a
   place is a place name with an area word (青岛高新区); a person is a name
   after a title or before an honorific (行政总裁黄克强先生 → 黄克强, 局长孙东教授
   → 孙东), in a list of names before 委员/等 (张世成、张永康委员), a Latin name
   next to a title (副总裁 Noah Friedman 先生) or a byline;
   abbreviations defined in parentheses — 上海医药集团股份有限公司（上海医药）,
   （以下简称“上海前沿”）, 羅氏(Roche) — are mentions of the full name;
3. **pos** — tokens the tagger marks as place (ns), organisation (nt) or new
   personal name (nr/nrfg not in the dictionary, starting with a surname).

Overlaps keep the longest mention (the more trusted source on ties). Names
inside a book title 《…》 are mentions too (四川省 in 《四川省“十四五”规划》, 《人民日报》),
as the entity guidelines (``tests/data/gold/ENTITY_GUIDELINES.md``) count them.

Canonical names: the gazetteer's name when the entity is in it; otherwise the
full name an in-document abbreviation points to; otherwise the mention in
simplified script, with two in-document links — an organisation written
without its city (市科委) takes the canonical of the same name with it
(上海市科委), and a place written without its area word (昌平) that of the
fuller form (昌平区); places drop a leading higher-level name and a trailing
省/市 (北京市昌平区 → 昌平区, 南宁市 → 南宁).

>>> [(e.text, e.label, e.canonical) for e in extract_entities("香港科技園公司與羅氏(Roche)簽署協議")]
[('香港科技園公司', 'ORG', '香港科技园公司'), ('羅氏', 'ORG', '罗氏'), ('Roche', 'ORG', '罗氏')]
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from itertools import compress, count, repeat
from operator import attrgetter
from pathlib import Path
from typing import Iterable, Literal, NamedTuple

import numpy as np
import pandas as pd

from . import _data, resources, schema, tokens as _tokens
from .errors import ConfigError, InputError
from .script import to_simplified

__all__ = ["Entity", "EntityConfig", "extract_entities", "entities_table", "gazetteer_entries"]

Label = Literal["ORG", "PERSON", "PLACE"]
LABELS: tuple[str, ...] = ("ORG", "PERSON", "PLACE")
DOMAIN_GAZETTEER = "gazetteer.tsv"
PLACES_GAZETTEER = "gazetteer_places.tsv"  # built from JioNLP's place lists, see data/README.md
SURNAMES = "surnames.txt"
_PRIORITY = {"gazetteer": 0, "alias": 1, "pattern": 2, "pos": 3}
_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN_WORD = re.compile(f"[{_HAN}]+")  # a word of Han characters only (fullmatch)
_NAME_POS = frozenset("n nr nrt nrfg ns nt nz ng nl j eng vn v l s an f m".split())
_PROPER_POS = frozenset("nr nrt nrfg ns nt nz j eng".split())
#: Characters that may follow a name: punctuation, 等, and one-character words
#: that start a clause (陈竺对…, 徐景和在…, 沈波与…).
_LATIN_ACRONYM = re.compile(r"[A-Z0-9&]{2,6}")
#: Characters after a surname and one given character that are adverbs, not a second
#: given character (张磊曾任, 刘鹤今天).
_ADVERB_CHARS = frozenset("曾今已又也都亦仍将再还就")
#: A level-prefixed body standing for one specific body of the document (省政府, 自治区党委).
_LEVEL_BODY = re.compile(r"(?:省|自治区|县)(?:委|政府|人民政府|政协|人大|人大常委会|党委|纪委|监委)")
_LEVEL_HEAD = re.compile(r"(?:委|政府|厅|局|政协|人大|人大常委会|党委|纪委|监委|办公厅|办公室)$")
_TITLE_WORDS = frozenset(resources.PERSON_TITLES)
_CONJUNCTION = re.compile("[暨及与和或]")
_PLACE_IN_CITY = re.compile(f"[{_HAN}]{{2,3}}[省市]([{_HAN}]{{2,}}[区县])")
_SPACES = re.compile(r"\s+")
_TITLE_GAP = re.compile(r"[ \u3000]{1,3}|[ \u3000]*[:：][ \u3000]*")
_AFTER_NAME = "，,。、；;：:（(）) \t\u3000\n等/在对与向和是也还就将为称说"


class Entity(NamedTuple):
    """One mention of an organisation, person or place.

    Attributes:
        text: the mention as written in the clean text (``text[start:end]``).
        label: ``ORG``, ``PERSON`` or ``PLACE``.
        canonical: the name that unifies scripts, aliases and abbreviations.
        start: offset of the first character in the clean text.
        end: offset after the last character.
        method: ``gazetteer``, ``alias`` (an abbreviation defined in the
            document), ``pattern`` or ``pos``.
        sentence_id: index of the sentence it starts in (``segment.split_sentences``).
        doc_id: the document's id when given.
    """

    text: str
    label: str
    canonical: str
    start: int
    end: int
    method: str
    sentence_id: int
    doc_id: str | None = None


@dataclass(frozen=True)
class EntityConfig:
    """Options of the entities stage.

    Attributes:
        tokens: tokenizer options (dictionaries), see :class:`tokens.TokenConfig`.
        gazetteers: extra gazetteer files, same format as ``data/gazetteer.tsv``
            (``canonical<TAB>label<TAB>alias|alias``); they are read after the
            package's, so a user's alias overrides the package's.
        domain_gazetteer: load the package's gazetteer.
        patterns: use the pattern rules (organisation heads, titles, lists, abbreviations).
        pos: use the POS tags (ns, nt, new nr names) for what the rest missed.
        labels: the labels to return.
    """

    tokens: _tokens.TokenConfig = field(default_factory=_tokens.TokenConfig)
    gazetteers: tuple[str | Path, ...] = ()
    domain_gazetteer: bool = True
    patterns: bool = True
    pos: bool = True
    labels: frozenset[str] = frozenset(LABELS)
    _fingerprint: tuple = field(default=(), init=False, repr=False, compare=True)

    def __post_init__(self) -> None:
        value = self.gazetteers
        paths = tuple(Path(p) for p in ((value,) if isinstance(value, (str, Path)) else value))
        for path in paths:
            if not path.is_file():
                raise InputError(f"EntityConfig.gazetteers: file {str(path)!r} does not exist "
                                 "(expected a UTF-8 TSV: canonical, label, aliases)")
        object.__setattr__(self, "gazetteers", paths)
        labels = frozenset(self.labels)
        unknown = sorted(labels - set(LABELS))
        if unknown:
            raise ConfigError(f"EntityConfig.labels must be among {LABELS} (got {unknown})")
        object.__setattr__(self, "labels", labels)
        object.__setattr__(self, "_fingerprint",
                           tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in paths))


DEFAULT_CONFIG = EntityConfig()


# ---------------------------------------------------------------- lexicons

def _parse_gazetteer(lines: Iterable[str], source: str) -> list[tuple[str, str, str]]:
    """``(alias, canonical, label)`` rows; the canonical name is an alias of itself."""
    rows = []
    for number, raw in enumerate(lines, 1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        parts = raw.rstrip("\n").split("\t")
        if len(parts) < 2 or not parts[0].strip():
            raise InputError(f"{source}, line {number}: expected 'canonical<TAB>label<TAB>aliases' "
                             f"(got {raw.strip()!r})")
        canonical, label = to_simplified(parts[0].strip()), parts[1].strip().upper()
        if label not in LABELS:
            raise InputError(f"{source}, line {number}: label must be one of {LABELS} (got {label!r})")
        aliases = [a.strip() for a in (parts[2].split("|") if len(parts) > 2 else []) if a.strip()]
        for alias in [canonical, *aliases]:
            rows.append((to_simplified(alias), canonical, label))
    return rows


@functools.lru_cache(maxsize=8)
def gazetteer_entries(config: EntityConfig = DEFAULT_CONFIG) -> dict[str, tuple[str, str]]:
    """Return the gazetteer as ``{alias (simplified): (canonical, label)}``.

    >>> g = gazetteer_entries()
    >>> g["科技园公司"], g["Roche"], g["上药"]
    (('香港科技园公司', 'ORG'), ('罗氏', 'ORG'), ('上海医药', 'ORG'))
    """
    rows: list[tuple[str, str, str]] = []
    if config.domain_gazetteer:
        for name in (PLACES_GAZETTEER, DOMAIN_GAZETTEER):  # the curated list wins over the generated one
            text = _data.data_path(name).read_text(encoding="utf-8")
            rows += _parse_gazetteer(text.splitlines(), f"corpus_tools/data/{name}")
    for path in config.gazetteers:
        try:
            rows += _parse_gazetteer(path.read_text(encoding="utf-8-sig").splitlines(), str(path))
        except UnicodeDecodeError as exc:
            raise InputError(f"{path}: not UTF-8 text ({exc.reason}); save gazetteers as UTF-8") from exc
    table: dict[str, tuple[str, str]] = {}
    for alias, canonical, label in rows:
        if len(alias) >= 2:
            table[alias] = (canonical, label)
    for alias, (canonical, label) in list(table.items()):
        # State Council documents list national bureaus without 国家 (负责部门：铁路局、邮政局)
        if label == "ORG" and alias.startswith("国家") and alias.endswith("局") and len(alias) >= 5:
            table.setdefault(alias[2:], (canonical, label))
    return table


@functools.lru_cache(maxsize=8)
def _gazetteer_regex(config: EntityConfig) -> tuple[dict[str, re.Pattern], re.Pattern | None]:
    """Han aliases as one trie regex per first character (matched at token starts, so that
    a position costs one dict look-up); Latin aliases as one regex on word boundaries."""
    han: dict[str, list[str]] = {}
    latin = []
    for alias in gazetteer_entries(config):
        if re.search(f"[{_HAN}]", alias):
            han.setdefault(alias[0], []).append(alias)
        else:
            latin.append(alias)
    han_re = {first: re.compile(_trie_pattern(words)) for first, words in han.items()}
    latin_re = re.compile(rf"(?<![A-Za-z0-9])(?:{_trie_pattern(latin)})(?![A-Za-z0-9])") if latin else None
    return han_re, latin_re


def _trie_pattern(words: Iterable[str]) -> str:
    """A regex alternation of ``words`` shaped as a character trie, longest match first.

    Python's ``re`` tries the branches of a flat alternation one after another at every
    position; a trie lets it reject a position after one character, which keeps a
    gazetteer of thousands of names fast.

    >>> re.findall(_trie_pattern(["上海", "上海市", "北京"]), "上海市与北京")
    ['上海市', '北京']
    """
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:  # greedy optional: the longer word first, the shorter one if it fails
            return body + "?" if len(branches) == 1 and len(branches[0]) == 1 else "(?:" + body + ")?"
        return body

    return build(trie)


@functools.lru_cache(maxsize=1)
def _surnames() -> tuple[frozenset[str], frozenset[str]]:
    words = [w for line in _data.read_lines(SURNAMES) for w in line.split()]
    return frozenset(w for w in words if len(w) == 1), frozenset(w for w in words if len(w) == 2)


@functools.lru_cache(maxsize=1)
def _person_regexes() -> dict[str, re.Pattern]:
    single, double = _surnames()
    surname = "(?:" + "|".join(sorted(double)) + "|[" + "".join(sorted(single)) + "])"
    titles = _trie_pattern(resources.PERSON_TITLES)  # a trie: one branch per first character
    after = _trie_pattern(resources.PERSON_AFTER)
    han = f"[{_HAN}]"
    return {
        "surname": re.compile(surname),
        "title": re.compile(f"(?:{titles})"),
        "after": re.compile(f"(?:{after})"),
        # 张世成、张永康委员 / 由杨振宇、饶毅、施一公等
        "list": re.compile(rf"({surname}{han}{{1,2}}(?:、{surname}{han}{{1,2}})+)"
                           rf"(?=等|委员|院士|教授|同志|先生|女士|博士)"),
        "latin_after_title": re.compile(rf"(?:{titles})[ \u00a0]?({resources.LATIN_NAME})(?![A-Za-z])"),
        "latin_before": re.compile(rf"(?<![A-Za-z])({resources.LATIN_NAME})[ \u00a0]?(?:{after})"),
        "dotted": re.compile(rf"(?:{titles})({han}{{1,4}}[·・•]{han}{{1,4}}?)(?=[{_AFTER_NAME}]|{after}|$)"),
        # a line that is only a name (byline), or a name after the last full stop of a line
        "byline": re.compile(rf"(?m)(?:^|(?<=[。！？]))[ \t\u3000]*({surname}{han}{{1,2}})[ \t\u3000]*$"),
        "reporter": re.compile(rf"记者[ \t\u3000]*({surname}{han}{{1,2}})(?=[ \t\u3000]*[/）)\n]|$|[ \t\u3000]*摄)"),
    }


# ---------------------------------------------------------------- candidates

class _Candidate(NamedTuple):
    start: int
    end: int
    label: str
    canonical: str | None   # None: decided later from the text
    method: str


def _gazetteer_candidates(view: str, token_starts: list[int], boundaries: tuple[dict[int, int], dict[int, int]],
                          config: EntityConfig, points: np.ndarray) -> list[_Candidate]:
    table = gazetteer_entries(config)
    han_re, latin_re = _gazetteer_regex(config)
    starts, ends = boundaries
    token_ends = list(ends)  # the end offset of every token, in text order
    out = []
    get = han_re.get
    for s in _alias_starts(points, token_starts, config):
        regex = get(view[s])
        if regex is None:
            continue
        m = regex.match(view, s)
        if m is None:
            continue
        e = m.end()
        # short names must be whole tokens: 安进 is no company in 公安进行; but a place may
        # open a token that goes on with a part of it or another place (长江流域, 长江黄河)
        if e - s <= 3 and e not in ends and not _place_then_tail(view, s, e, token_ends[starts[s]], table):
            continue
        canonical, label = table[m.group()]
        if label == "ORG" and view[e - 1:e + 1] == "部门":
            continue  # 财政部门, 生态环境部门: the departments of every level, not the ministry
        if e - s == 2 and m.group() != canonical and s - 1 in starts and _HAN_WORD.fullmatch(view[s - 1]) \
                and view[s - 1] not in resources.CLAUSE_CHARS:
            continue  # 龙湖 (for 龙湖区) in 异龙湖: a short form right after a lone character
        out.append(_Candidate(s, e, label, canonical, "gazetteer"))
    if latin_re is not None:
        for m in latin_re.finditer(view):
            canonical, label = table[m.group()]
            out.append(_Candidate(m.start(), m.end(), label, canonical, "gazetteer"))
    return out


@functools.lru_cache(maxsize=8)
def _alias_bigrams(config: EntityConfig) -> np.ndarray:
    """The first two characters of every Han alias as sorted code-point pairs (see _pair_codes)."""
    han_re, _ = _gazetteer_regex(config)
    pairs = {alias[:2] for alias in gazetteer_entries(config) if alias[0] in han_re and len(alias) >= 2}
    return np.unique(np.array([(ord(a) << 21) | ord(b) for a, b in pairs], dtype=np.uint64))


#: What may follow a place inside one token: a part or side of it (长江流域, 珠江口, 黄河两岸).
_PLACE_TAILS = frozenset("流域 上游 中游 下游 中下游 中上游 沿岸 两岸 沿线 口 段 干流 支流 以南 以北 以东 以西 经济带 三角洲".split())


def _place_then_tail(view: str, s: int, e: int, token_end: int, table: dict[str, tuple[str, str]]) -> bool:
    """The gazetteer's place ``view[s:e]`` opens a token that ends with a part of it or another place."""
    if table.get(view[s:e], ("", ""))[1] != "PLACE":
        return False
    rest = view[e:token_end]
    return rest in _PLACE_TAILS or table.get(rest, ("", ""))[1] == "PLACE"


def _code_points(view: str) -> np.ndarray:
    return np.frombuffer(view.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)


class _LastChars(NamedTuple):
    """The code points of a view and the end offsets of its tokens, to find tokens by their
    last character in one vectorised test."""
    points: np.ndarray
    ends: np.ndarray

    def tokens_ending(self, codes: np.ndarray) -> list[int]:
        """Indexes, in text order, of the tokens whose last character is one of ``codes``."""
        if not len(self.ends):
            return []
        return np.flatnonzero(np.isin(self.points[self.ends - 1], codes)).tolist()


@functools.lru_cache(maxsize=32)
def _codes(chars: str) -> np.ndarray:
    return np.array(sorted({ord(ch) for ch in chars}), dtype=np.uint64)


def _alias_starts(points: np.ndarray, token_starts: list[int], config: EntityConfig) -> list[int]:
    """Token starts where a gazetteer alias may begin: their first two characters begin one
    (one vectorised test instead of a regex match at every token)."""
    if len(points) < 2 or not token_starts:
        return []
    at = np.asarray(token_starts, dtype=np.int64)
    at = at[at < len(points) - 1]
    pairs = (points[at] << np.uint64(21)) | points[at + 1]
    known = _alias_bigrams(config)
    slot = np.minimum(np.searchsorted(known, pairs), len(known) - 1)
    return at[known[slot] == pairs].tolist()


def _is_org_head(tok: _tokens.Token) -> bool:
    norm = tok.norm
    if norm in resources.ORG_GENERIC or norm[-1] == "局" and norm[-2:] in resources.NOT_ORG_JU:
        return False
    if norm[-1] == "部" and len(norm) >= 2 and norm[-2] in "东南西北中内外上下全腹":
        return False  # 中南部, 西北部: directions
    if norm in resources.ORG_HEADS:
        return True
    if len(norm) >= 3 and norm.endswith(resources.ORG_HEAD_ENDINGS):
        return tok.pos not in ("f", "d", "v", "a")
    if norm[-1:] in resources.ORG_HEAD_CHARS and len(norm) >= 2:
        return len(norm) >= 3 and tok.pos in ("n", "nt", "nz", "j") or tok.pos in ("nt", "j")
    return False


def _is_proper(tok: _tokens.Token, config: EntityConfig) -> bool:
    if tok.norm in resources.NOT_PROPER:
        return False
    if tok.pos == "x":
        return _HAN_WORD.fullmatch(tok.norm) is not None  # a rare character of a name (娲石)
    if tok.pos == "eng":
        return len(tok.norm) >= 2
    if tok.pos in _PROPER_POS or tok.norm in resources.PROPER_MARKERS:
        return True
    # a word the dictionary does not know was found by the HMM: most often a name
    return (len(tok.norm) >= 2 and _HAN_WORD.fullmatch(tok.norm) is not None
            and not _tokens.in_dictionary(tok.norm, config=config.tokens))


def _joinable(text: str, left: _tokens.Token, right: _tokens.Token) -> bool:
    """Two tokens can be in one name: same sentence, no line break, spaces only next to Latin."""
    if left.sentence_id != right.sentence_id:
        return False
    gap = text[left.end:right.start]
    if not gap:
        return True
    if "\n" in gap or len(gap) > 2 or gap.strip():
        return False
    return left.pos == "eng" or right.pos == "eng"


def _walk_left(text: str, toks: list[_tokens.Token], head: int, *, max_tokens: int = 8,
               place: bool = False, places_allowed: int = 1,
               config: EntityConfig | None = None) -> int:
    """Index of the first token of the name that ends with ``toks[head]``.

    A place name takes at most one place before its area word and never a
    complete area name (安徽合肥中安创客科技园 -> 中安创客科技园).
    """
    first = head
    places_seen = 0
    j = head - 1
    while j >= 0 and head - j < max_tokens:
        tok = toks[j]
        if not _joinable(text, tok, toks[j + 1]):
            break
        if tok.norm in (")", "）"):
            k = j - 1
            while k >= 0 and j - k <= 4 and toks[k].norm not in ("(", "（"):
                k -= 1
            inner = toks[k + 1:j]
            if k < 0 or toks[k].norm not in ("(", "（") or not inner \
                    or any(t.pos not in _NAME_POS or t.pos == "eng" for t in inner):
                break
            first, j = k, k - 1
            continue
        if tok.norm in resources.STOP_VERBS or tok.pos not in _NAME_POS and not _unknown_word(tok, config):
            break
        if tok.norm in _TITLE_WORDS:
            break  # 自治区人民政府主席张雨浦作政府: a person's title ends the name before it
        if tok.pos == "eng" and _LATIN_ACRONYM.fullmatch(tok.norm) is None:
            break  # IDG资本, but not facebook工研院 nor AllRightsReserved新浪公司
        if tok.pos == "v" and tok.norm not in resources.NAME_VERBS or _CONJUNCTION.search(tok.norm):
            break
        if place and (places_seen >= places_allowed or (len(tok.norm) >= 3 and tok.norm[-1] in "省市区县")):
            break
        places_seen += place and tok.pos == "ns"
        first = j
        j -= 1
    # a name starts with a name-like word, not with a bracket or a number
    while first < head and (toks[first].norm in ("(", "（") or toks[first].pos == "m"):
        first += 1
    return first


def _unknown_word(tok: _tokens.Token, config: EntityConfig | None) -> bool:
    """A Han word the dictionary lacks, whatever its tag: a rare character the tagger leaves
    untagged (娲 in 娲石水泥集团) or a word its HMM found (特步/d, 三兴/b): most often a name."""
    if config is None or _HAN_WORD.fullmatch(tok.norm) is None:
        return False
    if tok.pos == "x":
        return True
    return len(tok.norm) >= 2 and tok.pos not in ("v", "p", "c", "u", "uj", "ul", "r", "m") \
        and tok.norm[0] not in _NOT_NAME_FIRST and not _tokens.in_dictionary(tok.norm, config=config.tokens)


#: Pronouns and function characters that start no name (我谨 代表…).
_NOT_NAME_FIRST = frozenset("我你他她它咱这那其此本该各每某") | resources.NAME_NEVER_FIRST


def _trim_to_proper(toks: list[_tokens.Token], first: int, head: int, config: EntityConfig) -> int:
    """Drop leading common words: 合作伙伴上海医药集团 -> 上海医药集团. -1 if no proper part."""
    for k in range(first, head):
        if _is_proper(toks[k], config):
            return k
    return -1


#: Last characters of organisation and place heads: a token ending otherwise is no head
#: (one set look-up instead of the head tests for most tokens).
_ORG_LAST = frozenset(h[-1] for h in resources.ORG_HEADS) | frozenset(resources.ORG_HEAD_CHARS)
_PLACE_LAST = frozenset(h[-1] for h in resources.PLACE_HEADS)


_LEVELS_IN_BRACKETS = re.compile(r"[（(][省市区县自治直辖、]+[）)]")
_LEGAL_FORMS = ("公司", "集团", "基金")  # 中国铁路总公司, 国家融资担保基金: named by their purpose


#: Characters that end an organisation head, and the level bodies 省政协, 自治区人大.
_ORG_LAST_CHARS = "".join(sorted(_ORG_LAST | {"协", "大"}))


def _is_weak_head(tok: _tokens.Token) -> bool:
    """Heads that are also industries (科技, 生物, 创投): a name needs more than a place before them."""
    return tok.norm.endswith(resources.ORG_WEAK_HEADS)


def _org_candidates(text: str, toks: list[_tokens.Token], config: EntityConfig,
                    view: str, last_chars: _LastChars) -> list[_Candidate]:
    places = gazetteer_entries(config)
    out = []
    last = _ORG_LAST
    # only tokens ending with the last character of a head (found by one regex, not a loop)
    heads = last_chars.tokens_ending(_codes(_ORG_LAST_CHARS))
    for i in heads:
        tok = toks[i]
        if tok.norm[-1] not in last or not _is_org_head(tok):
            if i and tok.norm in ("政协", "人大") and toks[i - 1].norm in ("省", "自治区", "县") \
                    and _joinable(text, toks[i - 1], tok):
                out.append(_Candidate(toks[i - 1].start, tok.end, "ORG", None, "pattern"))
            continue
        walked = _walk_left(text, toks, i, config=config)
        first = _trim_to_proper(toks, walked, i, config)
        if first < 0:
            # 省人民政府办公厅, 自治区党委: a level word opens the name of one body of the document
            level = next((k for k in range(walked, i) if toks[k].norm in ("省", "自治区", "县")), -1)
            if level >= 0 and (level == 0 or toks[level - 1].norm not in ("各", "本", "该", "外")) \
                    and _LEVEL_HEAD.search(text[toks[level].start:tok.end]) \
                    and not _LEVELS_IN_BRACKETS.search(text, toks[level].start, tok.end):
                out.append(_Candidate(toks[level].start, tok.end, "ORG", None, "pattern"))
            continue
        if first > walked and toks[first - 1].norm in ("省", "自治区", "县"):
            first -= 1  # 省人民政府办公厅, not 人民政府办公厅
        start = toks[first].start
        if text[start] in "一二三四五六七八九十两几数" and text[start + 1:start + 2] in "大个家类项种批所":
            continue  # 五大中心, 两大集团: a count of bodies, not one
        named = [k for k in range(first, i) if _is_proper(toks[k], config)
                 and toks[k].norm not in resources.PROPER_MARKERS]
        if not named and toks[first].norm == "全国" and not tok.norm.endswith(_LEGAL_FORMS):
            continue  # 全国法治政府, 全国首家…中心: a kind of body of the whole country
        if _BODY_END.search(tok.norm) and named and all(toks[k].pos in ("nr", "nrfg") for k in named):
            continue  # 张雨浦作政府: a person's name before a government word is no body
        if _is_weak_head(tok) and all(_is_place_word(toks[k], places) or toks[k].pos in ("j", "m")
                                      or toks[k].norm[0] in "新一" and toks[k].pos not in ("nr", "nrt", "nrfg")
                                      for k in named):
            continue  # 云南生物, 海南创投, 沪港科技, 新一轮科技: a place and an industry, not a company
        if tok.end - start >= 4 and text[start] in resources.NAME_NEVER_FIRST:
            start += 1  # 对义联集团 is 对 + 义联集团
        if _tokens.simplified_view(text[start:tok.end]) in resources.ORG_GENERIC:
            continue  # 关联公司: 关联 is tagged as a place name
        if _LEVELS_IN_BRACKETS.search(text, start, tok.end):
            continue  # 省（市）人民政府, 省（区、市）商务部门: every such body, not one
        out.append(_Candidate(start, tok.end, "ORG", None, "pattern"))
    for i in last_chars.tokens_ending(_codes("委府协大会")):
        tok = toks[i]
        if tok.norm[-1] in "委府协大会" and _LEVEL_BODY.fullmatch(tok.norm):
            out.append(_Candidate(tok.start, tok.end, "ORG", None, "pattern"))
    return out


_START, _END, _POS = attrgetter("start"), attrgetter("end"), attrgetter("pos")


_PLACE_HEAD_ENDINGS = tuple(h for h in resources.PLACE_HEADS if len(h) >= 2)


def _is_place_word(tok: _tokens.Token, places: dict[str, tuple[str, str]]) -> bool:
    """A place the tagger or the gazetteer knows (广东 in 广东自贸试验区), not any proper-looking word."""
    return tok.pos == "ns" or places.get(tok.norm, ("", ""))[1] == "PLACE"


def _place_candidates(text: str, toks: list[_tokens.Token], config: EntityConfig, view: str,
                      last_chars: _LastChars) -> list[_Candidate]:
    places = gazetteer_entries(config)
    out = []
    for i in last_chars.tokens_ending(_codes("".join(_PLACE_LAST))):
        tok = toks[i]
        if tok.norm[-1] not in _PLACE_LAST:
            continue
        if tok.norm not in resources.PLACE_HEADS and not (
                len(tok.norm) >= 3 and tok.norm.endswith(_PLACE_HEAD_ENDINGS)
                and tok.pos in ("n", "ns", "nz")):
            continue
        # an airport or port takes its city and its own name: 昆明长水国际机场
        allowed = 2 if tok.norm in ("机场", "国际机场", "口岸", "港区") else 1
        first = _trim_to_proper(toks, _walk_left(text, toks, i, max_tokens=5, place=True,
                                                 places_allowed=allowed), i, config)
        if first < 0 or not any(_is_place_word(toks[k], places) for k in range(first, i)
                                if toks[k].norm not in resources.PROPER_MARKERS):
            continue  # 国家生态文明建设示范区, 零碳园区, 大力发展口岸: a designation, not a place
        if text[toks[first].start:tok.end] in resources.PLACE_GENERIC:
            continue
        out.append(_Candidate(toks[first].start, tok.end, "PLACE", None, "pattern"))
    return out


#: Places whose bodies the gazetteer names without them (香港 + 创新科技及工业局).
_HOME_PLACES = frozenset("香港 香港特区 香港特别行政区 澳门 中国 中华人民共和国 国家".split())
_BODY_END = re.compile(r"(?:部|委|委员会|局|署|厅|办|办公室|政府)$")


def _local_body_candidates(view: str, candidates: list[_Candidate]) -> list[_Candidate]:
    """A government body of the gazetteer right after a place or a level word is that place's
    body: 海南省 + 发展和改革委员会, 省 + 发改委, 美国 + 商务部 (its name is the whole)."""
    place_end = {c.end: c.start for c in candidates if c.label == "PLACE"}
    out = []
    for c in candidates:
        if c.method != "gazetteer" or c.label != "ORG" or not _BODY_END.search(view[c.start:c.end]):
            continue
        start = place_end.get(c.start)
        if start is None and c.start and view[c.start - 1] in "省市县区":
            start = c.start - 1
            if start in place_end:  # 海南 + 省 + 发改委
                start = place_end[start]
        if start is not None:  # its own canonical name: 海南省发改委 is not the national commission
            out.append(_Candidate(start, c.end, "ORG", re.sub(r"\s+", "", view[start:c.end]), "pattern"))
    return out


def _name_at(view: str, start: int, boundaries: tuple[set[int], set[int]]) -> int:
    """End of a 2-3 character Chinese name starting at ``start``, or -1."""
    regexes = _person_regexes()
    if not regexes["surname"].match(view, start):
        return -1
    for length in (3, 2):
        end = start + length
        piece = view[start:end]
        if len(piece) < length or not _HAN_WORD.fullmatch(piece) or (length == 3 and piece[2] in _ADVERB_CHARS):
            continue
        rest = view[end:end + 4]
        if regexes["after"].match(view, end) or not rest or rest[0] in _AFTER_NAME:
            # prefer the length whose end is a token boundary when both would do
            if length == 3 and end not in boundaries[1] and (start + 2) in boundaries[1] \
                    and regexes["after"].match(view, start + 2):
                return start + 2
            return end
    return -1


def _plausible_name(name: str, config: EntityConfig) -> bool:
    """A dictionary word is a name only if the dictionary says so (党委书记, 揭牌 are no names)."""
    if not _tokens.in_dictionary(name, config=config.tokens):
        return True
    tags = {tag for _, tag in _tokens.tagger(config.tokens)(name)}
    return bool(tags & {"nr", "nrfg", "nrt"})


def _person_candidates(view: str, toks: list[_tokens.Token], boundaries: tuple[set[int], set[int]],
                       config: EntityConfig, titled: set[tuple[int, int]] | None = None) -> list[_Candidate]:
    """Persons by name patterns; the spans of names right after a title are added to ``titled``."""
    regexes = _person_regexes()
    starts, ends = boundaries
    out: list[_Candidate] = []
    index_at_start = starts
    # title + name: 行政总裁黄克强先生, 局长孙东教授, 副主任何建喜说
    for m in regexes["title"].finditer(view):
        if m.start() not in starts:
            continue
        at = m.end()
        gap = _TITLE_GAP.match(view, at)  # 省长 王予波, 作者：杨文静 (not across a line)
        if gap:
            at = gap.end()
        end = _name_at(view, at, boundaries)
        tok = toks[index_at_start[at]] if at in index_at_start else None
        if end < 0 and tok is not None and tok.pos in ("nr", "nrfg", "nrt") and 2 <= len(tok.norm) <= 3:
            end = tok.end  # a name the tagger knows: 发起人马化腾共同发起
        if end > 0 and _plausible_name(view[at:end], config):
            out.append(_Candidate(at, end, "PERSON", None, "pattern"))
            if titled is not None:
                titled.add((at, end))
    # name + honorific or speech verb: 朱鹏程博士, 宗明副市长, 王晓东表示
    for m in regexes["after"].finditer(view):
        q = m.start()
        if q and view[q - 1] in _ADVERB_CHARS and m.group() not in resources.PERSON_TITLES:
            q -= 1  # 张磊曾分享: the name ends before the adverb
        for length in (3, 2):
            s = q - length
            if s < 0 or s not in starts:
                continue
            piece = view[s:q]
            if length == 3 and piece[2] in _ADVERB_CHARS:
                continue
            if _HAN_WORD.fullmatch(piece) and regexes["surname"].match(piece) \
                    and _plausible_name(piece, config):
                out.append(_Candidate(s, q, "PERSON", None, "pattern"))
                break
    for m in regexes["list"].finditer(view):
        pos = m.start(1)
        for name in m.group(1).split("、"):
            out.append(_Candidate(pos, pos + len(name), "PERSON", None, "pattern"))
            pos += len(name) + 1
    latin = _LATIN_NAME_START.search(view) is not None
    dotted = "·" in view or "・" in view or "•" in view
    for key, needed in (("latin_after_title", latin), ("latin_before", latin), ("dotted", dotted),
                        ("reporter", True)):
        if not needed:  # the regex cannot match: skip a scan of the whole text
            continue
        for m in regexes[key].finditer(view):
            out.append(_Candidate(m.start(1), m.end(1), "PERSON", None, "pattern"))
    if "某" in view:  # names withheld in court and police news: 王某, 李某某, 王某焘
        for m in _withheld_name_regex().finditer(view):
            s = m.start()
            if s not in starts:
                continue
            third = view[s + 2:s + 3]
            if third == "某" or (third and s + 3 in ends and s + 2 not in ends
                                 and _HAN_WORD.fullmatch(third) and third not in _NOT_GIVEN_AFTER_MOU):
                out.append(_Candidate(s, s + 3, "PERSON", None, "pattern"))
            elif s + 2 in ends:
                out.append(_Candidate(s, s + 2, "PERSON", None, "pattern"))
    for m in regexes["byline"].finditer(view):  # a line of its own: not a column (简讯) nor an office (卫生局)
        name = m.group(1)
        if (name[-1] not in resources.OFFICE_END_CHARS and name not in resources.NEWS_COLUMN_WORDS
                and _plausible_name(name, config)):
            out.append(_Candidate(m.start(1), m.end(1), "PERSON", None, "pattern"))
    return out


#: Last words of landforms: a word the tagger marks as a place and the dictionary knows,
#: ending so, names one (滇池, 洱海, 长江, 腾格里沙漠, 毛乌素沙地).
_LANDFORMS = tuple("湖 江 河 海 池 山 岛 峡 湾 沙漠 沙地 草原 盆地 高原 平原 山脉 半岛 群岛 峡谷".split())
_NOT_LANDFORM_NAME = frozenset("湖江河海池山岛峡湾川一二三四五六七八九十两百千万深浅大小高壁")


def _landform_name(word: str) -> bool:
    """滇池, 洱海, 腾格里沙漠: a name before a landform word (not 海峡, 河湖, 三山, 深海, 高原)."""
    if not word.endswith(_LANDFORMS):
        return False
    for suffix in _LANDFORMS:
        if word.endswith(suffix) and len(word) > len(suffix):
            return not any(ch in _NOT_LANDFORM_NAME for ch in word[:-len(suffix)])
    return False


@functools.lru_cache(maxsize=1)
def _withheld_name_regex() -> re.Pattern:
    single, _ = _surnames()
    return re.compile("[" + "".join(sorted(single)) + "]某")


#: 某 + these is a determiner (和某些, 在某地, 某种), not a withheld given name.
_NOT_GIVEN_AFTER_MOU = frozenset("些种个地项家位类人方处时天日年月次件份批")


_POS_KINDS = frozenset(("ns", "nt", "nr", "nrfg"))
_LATIN_NAME_START = re.compile("[A-Z][a-z]")


def _pos_candidates(toks: list[_tokens.Token], config: EntityConfig) -> list[_Candidate]:
    regexes = _person_regexes()
    stop = _tokens.stopwords(config.tokens)
    user_orgs = _user_orgs(config.tokens)
    out = []
    for i in compress(count(), map(_POS_KINDS.__contains__, map(_POS, toks))):  # in C, not a Python loop
        tok = toks[i]
        if len(tok.norm) < 2 or tok.norm in stop or not _HAN_WORD.fullmatch(tok.norm):
            continue
        if tok.pos == "ns" and len(tok.norm) >= 3 and tok.norm[-1] in "省市区县州镇乡村岛" \
                and tok.norm not in resources.PLACE_GENERIC:
            out.append(_Candidate(tok.start, tok.end, "PLACE", None, "pos"))
        elif (tok.pos in ("ns", "nr") and len(tok.norm) == 3 and tok.norm[-1] in "湖江河海峡山"
              or tok.pos == "ns" and _landform_name(tok.norm) and not _after_fragment(toks, i)) \
                and _tokens.in_dictionary(tok.norm, config=config.tokens):
            # a lake, river or mountain jieba's dictionary knows by name: 赤水河, 阳宗海, 牛首山
            out.append(_Candidate(tok.start, tok.end, "PLACE", None, "pos"))
        elif tok.pos == "nt" and tok.norm not in resources.ORG_KIND_ONLY and (tok.norm in user_orgs or _is_org_head(tok)):
            out.append(_Candidate(tok.start, tok.end, "ORG", None, "pos"))
        elif tok.pos in ("nr", "nrfg") and len(tok.norm) == 3 and regexes["surname"].match(tok.norm) \
                and not _tokens.in_dictionary(tok.norm, config=config.tokens) \
                and tok.norm[-1] not in resources.NOT_NAME_END and not _after_fragment(toks, i):
            end = tok.end - 1 if tok.norm[-1] in _ADVERB_CHARS else tok.end  # 刘鹤今天: 刘鹤
            out.append(_Candidate(tok.start, end, "PERSON", None, "pos"))
    return out


@functools.lru_cache(maxsize=8)
def _user_orgs(config: _tokens.TokenConfig) -> frozenset[str]:
    return frozenset(w for w, _, tag in _tokens.dictionary_entries(config) if tag == "nt")


def _after_fragment(toks: list[_tokens.Token], i: int) -> bool:
    """The token before ``toks[i]`` is a lone Han character joined to it: the name candidate is
    then a fragment of a longer word (晶 + 丰明源 of the company 晶丰明源, 山水 + 林田湖草)."""
    if i == 0:
        return False
    prev = toks[i - 1]
    return (prev.end == toks[i].start and prev.sentence_id == toks[i].sentence_id
            and _HAN_WORD.fullmatch(prev.norm) is not None
            and (len(prev.norm) == 1 and prev.norm not in resources.CLAUSE_CHARS
                 or prev.pos in ("n", "ns", "nz") and len(prev.norm) == 2 and prev.norm[-1] in "水山"))


# ---------------------------------------------------------------- resolution and canonical names

def _select(candidates: list[_Candidate], blocked: list[tuple[int, int]]) -> list[_Candidate]:
    """Greedy: longest first, then the more trusted method; no overlaps, nothing in a book title."""
    order = sorted(candidates, key=lambda c: (-(c.end - c.start), _PRIORITY[c.method], c.start, c.label))
    taken = bytearray(max((c.end for c in candidates), default=0) + 1)
    for s, e in blocked:
        for k in range(s, min(e, len(taken))):
            taken[k] = 1
    chosen = []
    for c in order:
        if c.end <= c.start or any(taken[c.start:c.end]):
            continue
        taken[c.start:c.end] = b"\x01" * (c.end - c.start)
        chosen.append(c)
    return sorted(chosen, key=lambda c: (c.start, c.end))


def _place_canonical(name: str) -> str:
    # 北京市昌平区 -> 昌平区; 南宁市 -> 南宁
    m = _PLACE_IN_CITY.fullmatch(name)
    if m:
        return m.group(1)
    if len(name) >= 3 and name[-1] in "省市":
        return name[:-1]
    return name


def _abbreviations(view: str, chosen: list[_Candidate]) -> dict[str, tuple[str, str]]:
    """Abbreviations defined right after a name: alias -> (canonical, label)."""
    by_end = {c.end: c for c in chosen if c.label in ("ORG", "PLACE")}
    found: dict[str, tuple[str, str]] = {}
    for m in resources.ABBREVIATION.finditer(view):
        full = by_end.get(m.start())
        abbr = m.group("abbr").strip()
        if full is None or len(abbr) < 2:
            continue
        name = view[full.start:full.end]
        latin = re.fullmatch(r"[A-Za-z][A-Za-z&.\- ]{1,40}", abbr) is not None
        if latin or (_subsequence(abbr, name) and abbr != name):
            found[abbr] = (full.canonical or name, full.label)
    return found


_ORG_LIST_END = re.compile(r"等[^，,。；;、\n]{0,8}?(?:企业|公司|机构|单位|集团|药企|伙伴|项目|院校|高校|医院|银行|基金)")
_ORG_LIST_REACH = 200  # characters before 等 a list of names may take (ORG_LIST: 14 + 12 per item)


def _org_list_candidates(view: str, toks: list[_tokens.Token], chosen: list[_Candidate],
                         config: EntityConfig) -> list[_Candidate]:
    """Every item of a list closed by 等企业/等机构 ... is an organisation when one of them is known."""
    # the list regex is slow on long texts: run it only before each 等 + kind of organisation
    lists, searched_to = [], 0
    for close in _ORG_LIST_END.finditer(view):
        for m in resources.ORG_LIST.finditer(view, max(searched_to, close.start() - _ORG_LIST_REACH), close.end()):
            lists.append(m)
        searched_to = close.end()
    if not lists:
        return []
    known = {(c.start, c.end) for c in chosen if c.label == "ORG"}
    end_at = {t.end: i for i, t in enumerate(toks)}
    out = []
    for m in lists:
        items, pos = [], m.start("list")
        for piece in m.group("list").split("、"):
            items.append([pos, pos + len(piece)])
            pos += len(piece) + 1
        # the first item starts where the name-like tokens before the first 、 start (孵化出了百济神州)
        last = end_at.get(items[0][1])
        if last is None:
            continue
        first = _walk_left(view, toks, last, max_tokens=4) if _is_nameish(toks[last]) else last
        items[0][0] = toks[first].start
        if not any((s, e) in known for s, e in items):
            continue
        out += [_Candidate(s, e, "ORG", None, "pattern") for s, e in items
                if e - s >= 2 and (s, e) not in known]
    return out


def _person_list_candidates(view: str, chosen: list[_Candidate], ends: set[int],
                            config: EntityConfig) -> list[_Candidate]:
    """Names listed with 、 beside a known person are persons too (刘旺、刘洋依次进驻 after 景海鹏)."""
    if "、" not in view:
        return []
    spans = {(c.start, c.end) for c in chosen if c.label == "PERSON"}
    persons = {view[s:e] for s, e in spans}
    out = []
    for m in _person_list_regex().finditer(view):
        items, pos = [], m.start()
        for piece in m.group().split("、"):
            items.append((pos, pos + len(piece)))
            pos += len(piece) + 1
        last_start, last_end = items[-1]
        if last_end + 1 in ends and last_end not in ends and _HAN_WORD.fullmatch(view[last_end:last_end + 1]):
            items[-1] = (last_start, last_end + 1)  # the last name has three characters: 景海鹏
        if not any(view[s:e] in persons for s, e in items):
            continue
        out += [_Candidate(s, e, "PERSON", None, "pattern") for s, e in items
                if (s, e) not in spans and _plausible_name(view[s:e], config)]
    return out


@functools.lru_cache(maxsize=1)
def _person_list_regex() -> re.Pattern:
    surname = _person_regexes()["surname"].pattern
    name = f"{surname}[{_HAN}]{{1,2}}"
    # the last item is taken short (two characters) and lengthened by the token boundaries
    last = f"{surname}[{_HAN}]"
    return re.compile(rf"{name}(?:、{name})*、{last}")


#: Characters that are no name of a lower division (各县, 全乡, 本村, 美丽乡村 is caught by the dictionary).
_NOT_DIVISION_NAME = frozenset("各全本该每某等和与及的在这那其此省市县区州镇乡村") | resources.CLAUSE_CHARS
_DIVISION_CHAR = re.compile("[镇乡村]")
_LOWER_DIVISION = re.compile(f"([{_HAN}]{{1,2}}?)(县|区|旗)|([{_HAN}]{{2}})(镇|乡|街道|村)")


def _lower_division_candidates(view: str, toks: list[_tokens.Token], chosen: list[_Candidate],
                               boundaries: tuple[dict[int, int], dict[int, int]],
                               config: EntityConfig) -> list[_Candidate]:
    """Divisions named right after the place they belong to: 阳新县 + 富池镇 + 郝矶村, 湖南 + 道县.

    The name is a word the dictionary lacks or a place or personal name the tagger gives
    (a common word such as 美丽 in 美丽乡村 is none), and the division word ends a token.
    """
    starts, ends = boundaries
    anchors = sorted(c.end for c in chosen if c.label == "PLACE")
    out: list[_Candidate] = []
    seen = set()
    # without a place before: a two-character name the dictionary lacks, then 镇/乡/村 as a
    # token of its own (磨/憨/镇 -> 磨憨镇; not 贫困村, 美丽乡村, 驻村)
    for m in _DIVISION_CHAR.finditer(view):
        at, k = m.start() - 2, m.start()
        name = view[at:k]
        if at >= 0 and at in starts and k in starts and k + 1 in ends and _HAN_WORD.fullmatch(name) \
                and not any(ch in _NOT_DIVISION_NAME for ch in name) \
                and not _tokens.in_dictionary(name, config=config.tokens):
            out.append(_Candidate(at, k + 1, "PLACE", None, "pattern"))
            anchors.append(k + 1)
    while anchors:
        at = anchors.pop()
        if at in seen:
            continue
        seen.add(at)
        m = _LOWER_DIVISION.match(view, at)
        # the division word ends a token, or starts one the tagger glued to the next name (镇泉溪村)
        if m is None or m.end() not in ends and m.start(2 if m.group(2) else 4) not in starts:
            continue
        name = m.group(1) or m.group(3)
        if any(ch in _NOT_DIVISION_NAME for ch in name):
            continue
        if len(name) == 1:
            if m.group(2) != "县":
                continue  # 道县, but no 新区 nor 该旗
        elif _tokens.in_dictionary(name, config=config.tokens):
            tok = toks[starts[at]] if at in starts else None
            if tok is None or tok.end != at + len(name) or tok.pos not in ("ns", "nr", "nrt", "nz"):
                continue
        out.append(_Candidate(at, m.end(), "PLACE", None, "pattern"))
        anchors.append(m.end())  # 富池镇 + 郝矶村
    return out


def _overlaps(c: _Candidate, others: list[_Candidate]) -> bool:
    return any(o.start < c.end and c.start < o.end for o in others)


def _is_nameish(tok: _tokens.Token) -> bool:
    return tok.pos in _NAME_POS or tok.pos in ("vg", "a", "d", "nr")


def _short_place_names(view: str, chosen: list[_Candidate],
                       known: dict[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    """A district named in full (昌平区) may be written without its area word later (昌平)."""
    out = {}
    for c in chosen:
        name = view[c.start:c.end]
        if c.label == "PLACE" and (c.canonical is None or c.method == "gazetteer") \
                and len(name) >= 3 and name[-1] in "区县" \
                and _HAN_WORD.fullmatch(name):
            short = _place_canonical(name)[:-1]
            if len(short) >= 2 and short not in known:
                out[short] = (_place_canonical(name), "PLACE")
    return out


#: Legal forms and generic last words a company drops in short mentions (娲石水泥集团 -> 娲石水泥, 娲石).
_ORG_DROPPABLE = ("股份有限公司", "有限责任公司", "有限公司", "集团", "公司", "控股", "股份", "国际", "科技",
                  "投资", "水泥", "实业", "发展")


def _short_org_names(view: str, chosen: list[_Candidate], known: dict[str, tuple[str, str]],
                     config: EntityConfig) -> dict[str, tuple[str, str]]:
    """A company named in full (腾讯公司, 特步环球投资有限公司) may be written without its legal
    form or generic last words later (腾讯, 特步环球): short -> (canonical, ORG)."""
    table = gazetteer_entries(config)
    out: dict[str, tuple[str, str]] = {}
    for c in chosen:
        name = view[c.start:c.end]
        if c.label != "ORG" or not _HAN_WORD.fullmatch(name) or not name.endswith(_ORG_DROPPABLE):
            continue
        short = name
        while True:
            cut = next((w for w in _ORG_DROPPABLE if short.endswith(w) and len(short) - len(w) >= 2), None)
            if cut is None:
                break
            short = short[:-len(cut)]
            if short in known or short in out or short in table or short in resources.ORG_GENERIC \
                    or _tokens.in_dictionary(short, config=config.tokens):
                continue  # a known name, a place (中国), or a common word (发展)
            out[short] = (c.canonical or name, "ORG")
    return out


def _subsequence(short: str, long: str) -> bool:
    chars = iter(long)
    return all(ch in chars for ch in short)


def extract_entities(text: str, *, doc_id: str | None = None,
                     config: EntityConfig = DEFAULT_CONFIG) -> list[Entity]:
    """Find the organisations, people and places mentioned in ``text``.

    Args:
        text: a clean text, in either script.
        doc_id: carried into every entity.
        config: see :class:`EntityConfig`.

    Returns:
        Mentions in text order, without overlaps; ``text[start:end] == entity.text``.

    >>> [(e.text, e.label, e.canonical, e.method) for e in extract_entities("行政總裁黃克強先生與局長孫東教授會面")]
    [('黃克強', 'PERSON', '黄克强', 'pattern'), ('孫東', 'PERSON', '孙东', 'pattern')]
    >>> [(e.text, e.canonical) for e in extract_entities("上海医药集团股份有限公司（上海医药）与上药研究院")]
    [('上海医药集团股份有限公司', '上海医药'), ('上海医药', '上海医药'), ('上药研究院', '上药研究院')]
    """
    if not isinstance(text, str):
        raise InputError(f"extract_entities: 'text' must be a str (got {type(text).__name__})")
    if not text.strip():
        return []
    return _extract(text, _tokens.tokenize(text, config=config.tokens), doc_id, config)


def _extract(text: str, toks: list[_tokens.Token], doc_id: str | None,
             config: EntityConfig) -> list[Entity]:
    """:func:`extract_entities` over the tokens of ``text`` (from :func:`tokens.tokenize`)."""
    view = _tokens.simplified_view(text)
    starts, ends = list(map(_START, toks)), list(map(_END, toks))
    # token index by start and by end offset; also the sets of token boundaries
    boundaries = (dict(zip(starts, count())), dict(zip(ends, count())))
    last_chars = _LastChars(_code_points(view), np.asarray(ends, dtype=np.int64))
    candidates = _gazetteer_candidates(view, starts, boundaries, config, last_chars.points)
    if config.patterns:
        candidates += _org_candidates(text, toks, config, view, last_chars)
        candidates += _place_candidates(text, toks, config, view, last_chars)
        titled: set[tuple[int, int]] = set()
        candidates += _person_candidates(view, toks, boundaries, config, titled)
        if titled:  # 发言人武平: a name right after a title is the person, not the place 武平
            candidates = [c for c in candidates if c.label != "PLACE" or (c.start, c.end) not in titled]
        candidates += _local_body_candidates(view, candidates)
    if config.pos:
        candidates += _pos_candidates(toks, config)
    # names inside a title count (四川省 in 《四川省“十四五”规划》, ENTITY_GUIDELINES.md): nothing is blocked
    blocked: list[tuple[int, int]] = []
    chosen = _select(candidates, blocked)
    if config.patterns:
        listed = (_org_list_candidates(view, toks, chosen, config)
                  + _person_list_candidates(view, chosen, boundaries[1], config))
        if listed:
            chosen = _select(chosen + listed, blocked)
        below = _lower_division_candidates(view, toks, chosen, boundaries, config)
        if below:  # stronger evidence than a tag: a tagged word across their edge goes
            chosen = _select([c for c in chosen if c.method != "pos" or not _overlaps(c, below)] + below, blocked)
        aliases = _abbreviations(view, chosen)
        aliases.update(_short_place_names(view, chosen, aliases))
        aliases.update(_short_org_names(view, chosen, aliases, config))
        if aliases:
            table = gazetteer_entries(config)
            pattern = re.compile("|".join(re.escape(a) for a in sorted(aliases, key=lambda a: (-len(a), a))))
            extra = [_Candidate(m.start(), m.end(), aliases[m.group()][1], aliases[m.group()][0], "alias")
                     for m in pattern.finditer(view) if m.group() not in table
                     and (len(m.group()) > 3 or (m.start() in boundaries[0] and m.end() in boundaries[1]))]
            chosen = _select(chosen + extra, blocked)
    return _finish(text, view, toks, chosen, doc_id, config, starts)


def _tokens_by_doc(tokens: pd.DataFrame) -> dict[object, list[_tokens.Token]]:
    """The rows of a tokens table as :class:`tokens.Token` lists per document (one pass)."""
    if not isinstance(tokens, pd.DataFrame):
        raise InputError(f"entities_table: 'tokens' must be a tokens table (got {type(tokens).__name__})")
    columns = ["token", "norm", "pos", "start", "end", "sentence_id", "doc_id"]
    missing = [c for c in columns if c not in tokens.columns]
    if missing:
        raise InputError(f"entities_table: 'tokens' lacks column(s) {missing} "
                         "(expected a table made by tokens_table)")
    codes, uniques = pd.factorize(tokens["doc_id"], use_na_sentinel=False)
    with _tokens.gc_paused():
        # strings through their distinct values (one Python str per distinct word, not per row)
        columns_as_lists = [_distinct_values_list(tokens[c]) for c in ("token", "norm", "pos")]
        columns_as_lists += [tokens[c].to_numpy(dtype="int64").tolist() for c in ("start", "end", "sentence_id")]
        columns_as_lists.append(np.asarray(uniques, dtype=object)[codes].tolist())
        rows = list(map(tuple.__new__, repeat(_tokens.Token), zip(*columns_as_lists)))
    cuts = [0, *(np.flatnonzero(np.diff(codes)) + 1).tolist(), len(rows)]
    out: dict[object, list[_tokens.Token]] = {}
    for a, b in zip(cuts, cuts[1:]):  # runs of one document (a tokens table keeps them together)
        if b > a:
            out.setdefault(rows[a].doc_id, []).extend(rows[a:b])
    return out


def _distinct_values_list(column: pd.Series) -> list:
    """``column.tolist()`` made from its distinct values: a table's words repeat, and turning
    each row into a Python string costs more than hashing it."""
    codes, uniques = pd.factorize(column, use_na_sentinel=False)
    return np.asarray(uniques, dtype=object)[codes].tolist()


def _finish(text: str, view: str, toks: list[_tokens.Token], chosen: list[_Candidate],
            doc_id: str | None, config: EntityConfig, sentence_starts: list[int]) -> list[Entity]:
    table = gazetteer_entries(config)
    names: dict[_Candidate, str] = {}
    for c in chosen:
        surface = _SPACES.sub(" ", view[c.start:c.end]).strip()
        name = c.canonical or surface
        if c.canonical is None and c.label == "PLACE":
            name = _place_canonical(name)
        elif c.canonical is None and c.label == "ORG":
            # 香港创新科技及工业局 is the gazetteer's 创新科技及工业局 with its place in front; but
            # 海南省发展和改革委员会 or 美国商务部 is another body than the national one
            for k in range(2, len(surface) - 1):
                hit = table.get(surface[k:])
                if hit and hit[1] == "ORG" and surface[:k] in _HOME_PLACES:
                    name = hit[0]
                    break
        names[c] = name
    org_surfaces = {view[c.start:c.end]: n for c, n in names.items() if c.label == "ORG"}
    places = {n for c, n in names.items() if c.label == "PLACE"}
    for c, name in names.items():
        if c.canonical is not None:
            continue
        surface = view[c.start:c.end]
        if c.label == "ORG" and surface[0] in "市省区":
            # 市科委 is 上海市科委 when the document names it in full
            fuller = sorted(o for o in org_surfaces if o.endswith(surface) and len(o) > len(surface))
            if fuller:
                names[c] = org_surfaces[fuller[0]]
        elif c.label == "PLACE" and name[-1] not in "区县":
            fuller = sorted(p for p in places if p[:-1] == name and p[-1] in "区县")
            if fuller:
                names[c] = fuller[0]
    out = []
    from bisect import bisect_right
    for c in chosen:
        if c.label not in config.labels:
            continue
        k = bisect_right(sentence_starts, c.start) - 1
        sid = toks[k].sentence_id if k >= 0 else 0
        canonical = names[c]
        out.append(Entity(text[c.start:c.end], c.label, canonical, c.start, c.end, c.method, sid, doc_id))
    return out


def entities_table(documents: pd.DataFrame, *, config: EntityConfig = DEFAULT_CONFIG,
                   text_column: str = "text", tokens: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return the entities table (``schema.ENTITIES``): one row per mention in every document.

    Args:
        documents: a table with ``doc_id`` and ``text_column``.
        config: see :class:`EntityConfig`.
        text_column: column holding the clean text.
        tokens: optionally the tokens table of the same documents, made by
            :func:`tokens.tokens_table` with ``config.tokens`` (punctuation kept); it is used
            instead of tagging the texts again, with the same result.

    >>> docs = pd.DataFrame({"doc_id": ["a"], "text": ["羅氏與上海醫藥合作"]})
    >>> entities_table(docs)[["doc_id", "label", "text", "canonical", "start", "end"]].values.tolist()
    [['a', 'ORG', '羅氏', '罗氏', 0, 2], ['a', 'ORG', '上海醫藥', '上海医药', 3, 7]]
    >>> toks = _tokens.tokens_table(docs)
    >>> entities_table(docs, tokens=toks).equals(entities_table(docs))
    True
    """
    documents = schema.as_documents(documents, text_column=text_column, what="entities_table")
    rows = []
    # many small records (see tokens.gc_paused); the tokens are freed before the collector
    # runs again, so that it never traverses them
    with _tokens.gc_paused():
        by_doc = _tokens_by_doc(tokens) if tokens is not None else None
        for doc_id, text in zip(documents["doc_id"], documents[text_column]):
            if isinstance(text, str) and text.strip():
                toks = (by_doc.get(doc_id, []) if by_doc is not None
                        else _tokens.tokenize(text, config=config.tokens))
                rows += [(e.doc_id, e.sentence_id, e.label, e.text, e.canonical, e.start, e.end, e.method)
                         for e in _extract(text, toks, doc_id, config)]
        by_doc = toks = None
    if not rows:
        return schema.empty_frame(schema.ENTITIES)
    return schema.conform(pd.DataFrame(rows, columns=list(schema.ENTITIES)), schema.ENTITIES)
