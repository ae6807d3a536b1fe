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
inside a book title 《…》 are part of the title, not mentions, unless the whole
title is an organisation of the gazetteer (《人民日报》, 《明報》: a newspaper).

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
from pathlib import Path
from typing import Iterable, Literal, NamedTuple

import pandas as pd

from . import _data, resources, schema, tokens as _tokens
from .errors import ConfigError, InputError
from .script import to_simplified

__all__ = ["Entity", "EntityConfig", "extract_entities", "entities_table", "gazetteer_entries"]

Label = Literal["ORG", "PERSON", "PLACE"]
LABELS: tuple[str, ...] = ("ORG", "PERSON", "PLACE")
DOMAIN_GAZETTEER = "gazetteer.tsv"
SURNAMES = "surnames.txt"
_PRIORITY = {"gazetteer": 0, "alias": 1, "pattern": 2, "pos": 3}
_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN_WORD = re.compile(f"[{_HAN}]+")  # a word of Han characters only (fullmatch)
_NAME_POS = frozenset("n nr nrt nrfg ns nt nz ng nl j eng vn v l s an f m".split())
_PROPER_POS = frozenset("nr nrt nrfg ns nt nz j eng".split())
#: Characters that may follow a name: punctuation, 等, and one-character words
#: that start a clause (陈竺对…, 徐景和在…, 沈波与…).
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
        text = _data.data_path(DOMAIN_GAZETTEER).read_text(encoding="utf-8")
        rows += _parse_gazetteer(text.splitlines(), f"corpus_tools/data/{DOMAIN_GAZETTEER}")
    for path in config.gazetteers:
        try:
            rows += _parse_gazetteer(path.read_text(encoding="utf-8-sig").splitlines(), str(path))
        except UnicodeDecodeError as exc:
            raise InputError(f"{path}: not UTF-8 text ({exc.reason}); save gazetteers as UTF-8") from exc
    table: dict[str, tuple[str, str]] = {}
    for alias, canonical, label in rows:
        if len(alias) >= 2:
            table[alias] = (canonical, label)
    return table


@functools.lru_cache(maxsize=8)
def _gazetteer_regex(config: EntityConfig) -> tuple[re.Pattern | None, re.Pattern | None]:
    """Longest-first alternations: Han aliases anywhere, Latin aliases on word boundaries."""
    han, latin = [], []
    for alias in gazetteer_entries(config):
        (han if re.search(f"[{_HAN}]", alias) else latin).append(alias)

    def alternation(words: list[str]) -> str:
        return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))

    han_re = re.compile(alternation(han)) if han else None
    latin_re = re.compile(rf"(?<![A-Za-z0-9])(?:{alternation(latin)})(?![A-Za-z0-9])") if latin else None
    return han_re, latin_re


@functools.lru_cache(maxsize=1)
def _surnames() -> tuple[frozenset[str], frozenset[str]]:
    words = [w for line in _data.read_lines(SURNAMES) for w in line.split()]
    return frozenset(w for w in words if len(w) == 1), frozenset(w for w in words if len(w) == 2)


@functools.lru_cache(maxsize=1)
def _person_regexes() -> dict[str, re.Pattern]:
    single, double = _surnames()
    surname = "(?:" + "|".join(sorted(double)) + "|[" + "".join(sorted(single)) + "])"
    titles = "|".join(re.escape(t) for t in resources.PERSON_TITLES)
    after = "|".join(re.escape(t) for t in resources.PERSON_AFTER)
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


def _gazetteer_candidates(view: str, boundaries: tuple[set[int], set[int]],
                          config: EntityConfig) -> list[_Candidate]:
    table = gazetteer_entries(config)
    han_re, latin_re = _gazetteer_regex(config)
    starts, ends = boundaries
    out = []
    if han_re is not None:
        for m in han_re.finditer(view):
            s, e = m.span()
            # short names must be whole tokens: 安进 is no company in 公安进行
            if e - s <= 3 and not (s in starts and e in ends):
                continue
            canonical, label = table[m.group()]
            out.append(_Candidate(s, e, label, canonical, "gazetteer"))
    if latin_re is not None:
        for m in latin_re.finditer(view):
            canonical, label = table[m.group()]
            out.append(_Candidate(m.start(), m.end(), label, canonical, "gazetteer"))
    return out


def _is_org_head(tok: _tokens.Token) -> bool:
    norm = tok.norm
    if norm in resources.ORG_GENERIC:
        return False
    if norm in resources.ORG_HEADS:
        return True
    if len(norm) >= 3 and norm.endswith(resources.ORG_HEAD_ENDINGS):
        return tok.pos not in ("f", "d", "v", "a")
    if norm[-1:] in resources.ORG_HEAD_CHARS and len(norm) >= 2:
        return len(norm) >= 3 and tok.pos in ("n", "nt", "nz", "j") or tok.pos in ("nt", "j")
    return False


def _is_proper(tok: _tokens.Token, config: EntityConfig) -> bool:
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
               place: bool = False) -> int:
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
        if tok.norm in resources.STOP_VERBS or tok.pos not in _NAME_POS:
            break
        if tok.pos == "v" and tok.norm not in resources.NAME_VERBS or re.search("[暨及与和]", tok.norm):
            break
        if place and (places_seen or (len(tok.norm) >= 3 and tok.norm[-1] in "省市区县")):
            break
        places_seen += place and tok.pos == "ns"
        first = j
        j -= 1
    # a name starts with a name-like word, not with a bracket or a number
    while first < head and (toks[first].norm in ("(", "（") or toks[first].pos == "m"):
        first += 1
    return first


def _trim_to_proper(toks: list[_tokens.Token], first: int, head: int, config: EntityConfig) -> int:
    """Drop leading common words: 合作伙伴上海医药集团 -> 上海医药集团. -1 if no proper part."""
    for k in range(first, head):
        if _is_proper(toks[k], config):
            return k
    return -1


def _org_candidates(text: str, toks: list[_tokens.Token], config: EntityConfig) -> list[_Candidate]:
    out = []
    for i, tok in enumerate(toks):
        if not _is_org_head(tok):
            continue
        first = _trim_to_proper(toks, _walk_left(text, toks, i), i, config)
        if first < 0:
            continue
        out.append(_Candidate(toks[first].start, tok.end, "ORG", None, "pattern"))
    return out


_PLACE_HEAD_ENDINGS = tuple(h for h in resources.PLACE_HEADS if len(h) >= 2)


def _place_candidates(text: str, toks: list[_tokens.Token], config: EntityConfig) -> list[_Candidate]:
    out = []
    for i, tok in enumerate(toks):
        if tok.norm not in resources.PLACE_HEADS and not (
                len(tok.norm) >= 3 and tok.norm.endswith(_PLACE_HEAD_ENDINGS)
                and tok.pos in ("n", "ns", "nz")):
            continue
        first = _trim_to_proper(toks, _walk_left(text, toks, i, max_tokens=5, place=True), i, config)
        if first < 0:
            continue
        out.append(_Candidate(toks[first].start, tok.end, "PLACE", None, "pattern"))
    return out


def _name_at(view: str, start: int, boundaries: tuple[set[int], set[int]]) -> int:
    """End of a 2-3 character Chinese name starting at ``start``, or -1."""
    regexes = _person_regexes()
    if not regexes["surname"].match(view, start):
        return -1
    for length in (3, 2):
        end = start + length
        piece = view[start:end]
        if len(piece) < length or not _HAN_WORD.fullmatch(piece):
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
    tags = {tag for _, tag in _tokens._tagger(config.tokens)(name)}
    return bool(tags & {"nr", "nrfg", "nrt"})


def _person_candidates(view: str, toks: list[_tokens.Token], boundaries: tuple[set[int], set[int]],
                       config: EntityConfig) -> list[_Candidate]:
    regexes = _person_regexes()
    starts, ends = boundaries
    out: list[_Candidate] = []
    by_start = {t.start: t for t in toks}
    # title + name: 行政总裁黄克强先生, 局长孙东教授, 副主任何建喜说
    for m in regexes["title"].finditer(view):
        if m.start() not in starts:
            continue
        end = _name_at(view, m.end(), boundaries)
        tok = by_start.get(m.end())
        if end < 0 and tok is not None and tok.pos in ("nr", "nrfg", "nrt") and 2 <= len(tok.norm) <= 3:
            end = tok.end  # a name the tagger knows: 发起人马化腾共同发起
        if end > 0 and _plausible_name(view[m.end():end], config):
            out.append(_Candidate(m.end(), end, "PERSON", None, "pattern"))
    # name + honorific or speech verb: 朱鹏程博士, 宗明副市长, 王晓东表示
    for m in regexes["after"].finditer(view):
        q = m.start()
        for length in (3, 2):
            s = q - length
            if s < 0 or s not in starts:
                continue
            piece = view[s:q]
            if _HAN_WORD.fullmatch(piece) and regexes["surname"].match(piece) \
                    and _plausible_name(piece, config):
                out.append(_Candidate(s, q, "PERSON", None, "pattern"))
                break
    for m in regexes["list"].finditer(view):
        pos = m.start(1)
        for name in m.group(1).split("、"):
            out.append(_Candidate(pos, pos + len(name), "PERSON", None, "pattern"))
            pos += len(name) + 1
    for key in ("latin_after_title", "latin_before", "dotted", "reporter"):
        for m in regexes[key].finditer(view):
            out.append(_Candidate(m.start(1), m.end(1), "PERSON", None, "pattern"))
    for m in regexes["byline"].finditer(view):  # a line of its own: not a column (简讯) nor an office (卫生局)
        name = m.group(1)
        if (name[-1] not in resources.OFFICE_END_CHARS and name not in resources.NEWS_COLUMN_WORDS
                and _plausible_name(name, config)):
            out.append(_Candidate(m.start(1), m.end(1), "PERSON", None, "pattern"))
    return out


def _pos_candidates(toks: list[_tokens.Token], config: EntityConfig) -> list[_Candidate]:
    regexes = _person_regexes()
    stop = _tokens.stopwords(config.tokens)
    user_orgs = {w for w, _, tag in _tokens.dictionary_entries(config.tokens) if tag == "nt"}
    out = []
    for tok in toks:
        if len(tok.norm) < 2 or tok.norm in stop or not _HAN_WORD.fullmatch(tok.norm):
            continue
        if tok.pos == "ns" and len(tok.norm) >= 3 and tok.norm[-1] in "省市区县州镇乡村岛":
            out.append(_Candidate(tok.start, tok.end, "PLACE", None, "pos"))
        elif tok.pos == "nt" and tok.norm not in resources.ORG_KIND_ONLY and (tok.norm in user_orgs or _is_org_head(tok)):
            out.append(_Candidate(tok.start, tok.end, "ORG", None, "pos"))
        elif tok.pos in ("nr", "nrfg") and len(tok.norm) == 3 and regexes["surname"].match(tok.norm) \
                and not _tokens.in_dictionary(tok.norm, config=config.tokens):
            out.append(_Candidate(tok.start, tok.end, "PERSON", None, "pos"))
    return out


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
    m = re.fullmatch(f"[{_HAN}]{{2,3}}[省市]([{_HAN}]{{2,}}[区县])", name)
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


def _org_list_candidates(view: str, toks: list[_tokens.Token], chosen: list[_Candidate],
                         config: EntityConfig) -> list[_Candidate]:
    """Every item of a list closed by 等企业/等机构 ... is an organisation when one of them is known."""
    known = {(c.start, c.end) for c in chosen if c.label == "ORG"}
    end_at = {t.end: i for i, t in enumerate(toks)}
    out = []
    for m in resources.ORG_LIST.finditer(view):
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


def _is_nameish(tok: _tokens.Token) -> bool:
    return tok.pos in _NAME_POS or tok.pos in ("vg", "a", "d", "nr")


def _short_place_names(view: str, chosen: list[_Candidate],
                       known: dict[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    """A district named in full (昌平区) may be written without its area word later (昌平)."""
    out = {}
    for c in chosen:
        name = view[c.start:c.end]
        if c.label == "PLACE" and c.canonical is None and len(name) >= 3 and name[-1] in "区县" \
                and _HAN_WORD.fullmatch(name):
            short = _place_canonical(name)[:-1]
            if len(short) >= 2 and short not in known:
                out[short] = (_place_canonical(name), "PLACE")
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
    toks = _tokens.tokenize(text, config=config.tokens)
    view = _tokens.simplified_view(text)
    boundaries = ({t.start for t in toks}, {t.end for t in toks})
    candidates = _gazetteer_candidates(view, boundaries, config)
    if config.patterns:
        candidates += _org_candidates(text, toks, config)
        candidates += _place_candidates(text, toks, config)
        candidates += _person_candidates(view, toks, boundaries, config)
    if config.pos:
        candidates += _pos_candidates(toks, config)
    gazetteer = gazetteer_entries(config)
    blocked = [m.span() for m in resources.BOOK_TITLE.finditer(view)
               if gazetteer.get(m.group()[1:-1], ("", ""))[1] != "ORG"]  # but 《人民日报》 names a paper
    chosen = _select(candidates, blocked)
    if config.patterns:
        listed = _org_list_candidates(view, toks, chosen, config)
        if listed:
            chosen = _select(chosen + listed, blocked)
        aliases = _abbreviations(view, chosen)
        aliases.update(_short_place_names(view, chosen, aliases))
        if aliases:
            table = gazetteer_entries(config)
            pattern = re.compile("|".join(re.escape(a) for a in sorted(aliases, key=lambda a: (-len(a), a))))
            extra = [_Candidate(m.start(), m.end(), aliases[m.group()][1], aliases[m.group()][0], "alias")
                     for m in pattern.finditer(view) if m.group() not in table
                     and (len(m.group()) > 3 or (m.start() in boundaries[0] and m.end() in boundaries[1]))]
            chosen = _select(chosen + extra, blocked)
    return _finish(text, view, toks, chosen, doc_id, config)


def _finish(text: str, view: str, toks: list[_tokens.Token], chosen: list[_Candidate],
            doc_id: str | None, config: EntityConfig) -> list[Entity]:
    table = gazetteer_entries(config)
    names: dict[_Candidate, str] = {}
    for c in chosen:
        surface = re.sub(r"\s+", " ", view[c.start:c.end]).strip()
        name = c.canonical or surface
        if c.canonical is None and c.label == "PLACE":
            name = _place_canonical(name)
        elif c.canonical is None and c.label == "ORG":
            # 香港创新科技及工业局 is the gazetteer's 创新科技及工业局 with its place in front
            for k in range(2, len(surface) - 1):
                hit = table.get(surface[k:])
                if hit and hit[1] == "ORG" and table.get(surface[:k], ("", ""))[1] == "PLACE":
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
    sentence_starts = [t.start for t in toks]
    sentence_ids = [t.sentence_id for t in toks]
    out = []
    from bisect import bisect_right
    for c in chosen:
        if c.label not in config.labels:
            continue
        k = bisect_right(sentence_starts, c.start) - 1
        sid = sentence_ids[k] if k >= 0 else 0
        canonical = names[c]
        out.append(Entity(text[c.start:c.end], c.label, canonical, c.start, c.end, c.method, sid, doc_id))
    return out


def entities_table(documents: pd.DataFrame, *, config: EntityConfig = DEFAULT_CONFIG,
                   text_column: str = "text") -> pd.DataFrame:
    """Return the entities table (``schema.ENTITIES``): one row per mention in every document.

    >>> docs = pd.DataFrame({"doc_id": ["a"], "text": ["羅氏與上海醫藥合作"]})
    >>> entities_table(docs)[["doc_id", "label", "text", "canonical", "start", "end"]].values.tolist()
    [['a', 'ORG', '羅氏', '罗氏', 0, 2], ['a', 'ORG', '上海醫藥', '上海医药', 3, 7]]
    """
    documents = _tokens._check_documents(documents, text_column, what="entities_table")
    rows = []
    for doc_id, text in zip(documents["doc_id"], documents[text_column]):
        if isinstance(text, str) and text:
            rows += [(e.doc_id, e.sentence_id, e.label, e.text, e.canonical, e.start, e.end, e.method)
                     for e in extract_entities(text, doc_id=doc_id, config=config)]
    if not rows:
        return schema.empty_frame(schema.ENTITIES)
    return schema.conform(pd.DataFrame(rows, columns=list(schema.ENTITIES)), schema.ENTITIES)
