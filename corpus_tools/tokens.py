"""Segment clean text into tokens with part-of-speech tags, across both scripts.

Every text is segmented in its *simplified view* (OpenCC ``t2s``, which keeps
the length of Chinese text), so 創新 and 创新 get the same ``norm`` and spans
found in the view are spans of the clean text: ``text[start:end] == token``.

The engine is ``rjieba`` (jieba-rs: jieba's dictionary, HMM and POS tables in
Rust, about 30x faster than ``jieba.posseg`` here) or, on request, a
``jieba.Tokenizer`` of this library's own (never jieba's global one). Both load
the package's domain dictionary (``data/userdict.txt``) and the user's files
through the same ``add_word`` calls, so they segment alike; the benchmark
``benchmarks/bench_tokens.py`` measures the agreement.

>>> [t.token for t in tokenize("香港科技園公司推動細胞治療")]
['香港科技園公司', '推動', '細胞治療']
>>> [t.norm for t in tokenize("香港科技園公司推動細胞治療")]
['香港科技园公司', '推动', '细胞治疗']
"""
from __future__ import annotations

import contextlib
import functools
import gc
import logging
import os
import re
import warnings
from dataclasses import dataclass, field
from itertools import accumulate, compress, repeat
from operator import itemgetter
from pathlib import Path
from typing import Callable, Iterable, Literal, NamedTuple, Sequence

import numpy as np
import pandas as pd

from . import _data, resources, schema
from .errors import ConfigError, InputError
from .script import to_simplified
from .segment import split_sentences

__all__ = [
    "Token", "TokenConfig", "tag", "tokenize", "tokens_table", "simplified_view",
    "stopwords", "dictionary_entries", "is_content", "jieba_tokenizer", "agreement", "in_dictionary",
    "discover_words",
]

Engine = Literal["rjieba", "jieba"]
ENGINES: tuple[str, ...] = ("rjieba", "jieba")
DOMAIN_DICT = "userdict.txt"
DOMAIN_LEXICON = "lexicon_terms.txt"  # policy, industry and finance terms from public sources
GENERAL_STOPWORDS = "stopwords_zh.txt"
DOMAIN_STOPWORDS = "stopwords_domain.txt"
WEB_STOPWORDS = "stopwords_web.txt"            # share buttons, comment bars, log-in links: never keywords
OFFICIAL_STOPWORDS = "stopwords_official.txt"  # TokenConfig(official_stopwords=True)

#: POS tags of tokens that can carry a topic (nouns, verbs, adjectives, names,
#: abbreviations, idioms, foreign words). jieba's tag set is ICTCLAS's.
CONTENT_POS: frozenset[str] = frozenset({
    "n", "nr", "nr1", "nr2", "nrt", "nrfg", "ns", "nt", "nz", "ng", "nl",
    "v", "vn", "vd", "vi", "vl", "a", "an", "ad", "b", "j", "l", "i", "s", "eng",
})


class Token(NamedTuple):
    """One token of a clean text.

    Attributes:
        token: the token as written in the clean text (``text[start:end]``).
        norm: its simplified-script form, full-width ASCII folded: the form counted.
        pos: jieba/ICTCLAS part-of-speech tag (``x`` for punctuation and symbols).
        start: offset of the first character in the clean text.
        end: offset after the last character.
        sentence_id: index of the sentence (``segment.split_sentences``) it starts in.
        doc_id: the document's id when given to :func:`tokenize`, else None.
    """

    token: str
    norm: str
    pos: str
    start: int
    end: int
    sentence_id: int
    doc_id: str | None = None


@dataclass(frozen=True)
class TokenConfig:
    """Options of the tokens stage.

    Attributes:
        user_dicts: extra dictionary files, jieba's format (``WORD [FREQ] [TAG]``
            per line, ``#`` comments allowed); entries in either script.
        user_words: words to keep whole, as a Python list (``["晶丰明源", "义享天地 nz"]``,
            jieba's ``WORD [FREQ] [TAG]`` form allowed) or a file path; a list may mix
            words and file paths (a string with a path separator or a ``.txt``/``.dic``
            suffix is a file).
        stopwords: extra stopwords, as a Python list or a file path (one word a line,
            ``#`` comments allowed); a list may mix words and file paths, as above.
        official_stopwords: also treat the high-frequency words of official documents
            as stopwords (``data/stopwords_official.txt``: 推进 加快 全市 着力 切实 ...), so
            that a work report's keywords are its topics rather than its style.
        domain_profile: load the package's domain dictionary and lexicon and the domain
            stopwords (``data/userdict.txt``, ``data/lexicon_terms.txt``,
            ``data/stopwords_domain.txt``). The general stopword list (Stopwords ISO,
            ``data/stopwords_zh.txt``) and the web-furniture words
            (``data/stopwords_web.txt``: 跟贴 扫码 分享 回复 举报 登录 ...) are always loaded.
        engine: ``"rjieba"`` (fast, default) or ``"jieba"`` (the reference
            implementation, ``jieba.posseg`` over an own ``jieba.Tokenizer``; slow).
        hmm: let the engine find words missing from the dictionary with its HMM
            (names such as 黄克强); jieba's default.
        keep_punctuation: keep punctuation and symbol tokens (pos ``x``); spaces
            are never kept.

    >>> "晶丰明源" in [t.token for t in tokenize("晶丰明源公告", config=TokenConfig(user_words=["晶丰明源"]))]
    True
    """

    user_dicts: tuple[str | Path, ...] = ()
    stopwords: tuple[str | Path, ...] = ()
    domain_profile: bool = True
    engine: Engine = "rjieba"
    hmm: bool = True
    keep_punctuation: bool = True
    user_words: tuple[str | Path, ...] = ()
    official_stopwords: bool = False
    _fingerprint: tuple = field(default=(), init=False, repr=False, compare=True)

    def __post_init__(self) -> None:
        value = self.user_dicts
        paths = tuple(Path(p) for p in ((value,) if isinstance(value, (str, Path)) else value))
        for path in paths:
            _check_file("user_dicts", path)
        object.__setattr__(self, "user_dicts", paths)
        for name in ("user_words", "stopwords"):
            object.__setattr__(self, name, _words_or_files(name, getattr(self, name)))
        if self.engine not in ENGINES:
            raise ConfigError(f"TokenConfig.engine must be one of {ENGINES} (got {self.engine!r})")
        # files may change between two configs with the same paths: hash their stamps
        stamps = tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size)
                       for p in self.user_dicts + self.user_words + self.stopwords if isinstance(p, Path))
        object.__setattr__(self, "_fingerprint", stamps)


_FILE_SUFFIXES = (".txt", ".dic", ".dict", ".tsv", ".csv", ".lst")


def _check_file(name: str, path: Path) -> None:
    if not path.is_file():
        raise InputError(f"TokenConfig.{name}: file {str(path)!r} does not exist "
                         "(expected a UTF-8 text file, one entry a line, or a list of words)")


def _words_or_files(name: str, value) -> tuple[str | Path, ...]:
    """A file path, or an iterable of words and file paths, as a tuple of words (str) and files (Path)."""
    if isinstance(value, (str, Path)):
        value = (Path(value),)
    out: list[str | Path] = []
    for item in value:
        if isinstance(item, str) and not (os.sep in item or "/" in item or item.lower().endswith(_FILE_SUFFIXES)):
            if item.strip():
                out.append(item.strip())
            continue
        if not isinstance(item, (str, Path)):
            raise InputError(f"TokenConfig.{name}: expected words or file paths (got {type(item).__name__})")
        _check_file(name, Path(item))
        out.append(Path(item))
    return tuple(out)


DEFAULT_CONFIG = TokenConfig()


# ---------------------------------------------------------------- dictionaries

_DICT_LINE = re.compile(r"^(.+?)(?:\s+(\d+))?(?:\s+([a-zA-Z]+))?$")


def _read_entries(lines: Iterable[str], source: str) -> list[tuple[str, int | None, str | None]]:
    entries = []
    for number, raw in enumerate(lines, 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        match = _DICT_LINE.match(line)
        if match is None:  # pragma: no cover - the pattern accepts any non-empty line
            raise InputError(f"{source}, line {number}: cannot read {raw!r} "
                             "(expected 'WORD [FREQ] [TAG]')")
        word, freq, tag = match.groups()
        word = to_simplified(word.strip())
        if any(ch.isspace() for ch in word):
            raise InputError(f"{source}, line {number}: dictionary word {word!r} contains a space "
                             "(expected 'WORD [FREQ] [TAG]', one word a line)")
        entries.append((word, int(freq) if freq else None, tag.lower() if tag else None))
    return entries


def _read_user_file(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8-sig").splitlines()
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start}); "
                         "save dictionaries and stopword lists as UTF-8") from exc


@functools.lru_cache(maxsize=16)
def dictionary_entries(config: TokenConfig = DEFAULT_CONFIG) -> tuple[tuple[str, int | None, str | None], ...]:
    """Return the ``(word, freq, tag)`` entries the engines load, in load order.

    Simplified script; ``freq`` None lets the engine suggest one (jieba's
    ``suggest_freq``), so that the word stays one token.

    >>> ("科技园公司", None, "nt") in dictionary_entries()
    True
    """
    entries: list[tuple[str, int | None, str | None]] = []
    if config.domain_profile:
        for name in (DOMAIN_DICT, DOMAIN_LEXICON):
            entries += _read_entries(_data.read_lines(name), f"corpus_tools/data/{name}")
    for path in config.user_dicts:
        entries += _read_entries(_read_user_file(path), str(path))
    for item in config.user_words:
        if isinstance(item, Path):
            entries += _read_entries(_read_user_file(item), str(item))
        else:
            entries += _read_entries([item], "TokenConfig.user_words")
    return tuple(entries)


@functools.lru_cache(maxsize=16)
def stopwords(config: TokenConfig = DEFAULT_CONFIG) -> frozenset[str]:
    """Return the stopwords of ``config`` in simplified script.

    Stopwords ISO's Chinese list and the web-furniture words, plus the domain list
    when ``config.domain_profile``, the official-document list when
    ``config.official_stopwords``, and the user's words and files.

    >>> sw = stopwords()
    >>> "的" in sw, "表示" in sw, "扫码" in sw, "生物医药" in sw, "推进" in sw
    (True, True, True, False, False)
    >>> "推进" in stopwords(TokenConfig(official_stopwords=True, stopwords=["晶丰明源"]))
    True
    """
    words = set(_data.read_lines(GENERAL_STOPWORDS))
    words.update(_data.read_lines(WEB_STOPWORDS))
    if config.domain_profile:
        words.update(_data.read_lines(DOMAIN_STOPWORDS))
    if config.official_stopwords:
        words.update(_data.read_lines(OFFICIAL_STOPWORDS))
    for item in config.stopwords:
        if isinstance(item, str):
            words.add(item)
            continue
        words.update(line.strip() for line in _read_user_file(item)
                     if line.strip() and not line.lstrip().startswith("#"))
    return frozenset(to_simplified(w) for w in words)


def is_content(norm: str, pos: str, *, stop: frozenset[str] = frozenset(),
               min_length: int = 2) -> bool:
    """Tell whether a token can be a keyword: not a stopword, number or symbol.

    Args:
        norm: the token's simplified form.
        pos: its POS tag.
        stop: stopwords (simplified), e.g. :func:`stopwords`.
        min_length: shortest keyword in characters; 2 drops single-character
            words (mostly function words: 的, 在, 将).

    >>> is_content("生物医药", "n"), is_content("2023", "m"), is_content("二十", "m")
    (True, False, False)
    >>> is_content("的", "uj"), is_content("，", "x")
    (False, False)
    >>> is_content("news.rthk.hk", "eng"), is_content("https", "eng"), is_content("iPhone", "eng")
    (False, False, True)
    """
    return pos in CONTENT_POS and is_content_word(norm, stop=stop, min_length=min_length)


def is_content_word(norm: str, *, stop: frozenset[str] = frozenset(), min_length: int = 2) -> bool:
    """The part of :func:`is_content` that looks at the word alone, whatever its POS tag.

    >>> is_content_word("生物医药"), is_content_word("https"), is_content_word("的")
    (True, False, False)
    """
    return (len(norm) >= min_length and norm not in stop
            and resources.NUMERIC_TOKEN.match(norm) is None
            and resources.NO_WORD_CHAR.match(norm) is None
            and _LOWER_LATIN.match(norm) is None)


#: A token of lower-case Latin letters, digits and URL punctuation (https, news.rthk.hk, k2,
#: component, and): in Chinese documents the remains of URLs, markup or English function
#: words, not topics; brands and acronyms are capitalised (Airbnb, iPhone, GPU, 5G).
_LOWER_LATIN = re.compile(r"^[a-z0-9._:/\-]*[a-z][a-z0-9._:/\-]*$")


# ---------------------------------------------------------------- engines

def _import_jieba():
    """Import jieba quietly: no pkg_resources warning, no stderr chatter."""
    with warnings.catch_warnings():
        # jieba 0.42.1 imports setuptools' deprecated pkg_resources; nothing to fix on our side
        warnings.filterwarnings("ignore", category=DeprecationWarning)
        warnings.filterwarnings("ignore", message=".*pkg_resources.*")
        import jieba
        import jieba.posseg
    logging.getLogger("jieba").setLevel(logging.WARNING)
    return jieba


@functools.lru_cache(maxsize=8)
def jieba_tokenizer(config: TokenConfig = DEFAULT_CONFIG):
    """Return an own ``jieba.Tokenizer`` with the dictionary of ``config`` loaded.

    The reference engine: slow, but the segmentation other engines are
    compared with (``benchmarks/bench_tokens.py``).

    >>> jieba_tokenizer().lcut("科技园公司推动细胞治疗")
    ['科技园公司', '推动', '细胞治疗']
    """
    jieba = _import_jieba()
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    for word, freq, tag in dictionary_entries(config):
        tokenizer.add_word(word, freq, tag or "n")  # untagged user words are nouns, not x
    return tokenizer


@functools.lru_cache(maxsize=8)
def _rjieba(config: TokenConfig):
    import rjieba

    engine = rjieba.Jieba()
    for word, freq, tag in dictionary_entries(config):
        engine.add_word(word, freq, tag or "n")  # untagged user words are nouns, not x
    return engine


@functools.lru_cache(maxsize=8)
def tagger(config: TokenConfig) -> Callable[[str], list[tuple[str, str]]]:
    """The engine's tagging function for ``config``: text -> ``[(word, pos), ...]`` (no offsets, no user tags)."""
    if config.engine == "jieba":
        jieba = _import_jieba()
        pos_tokenizer = jieba.posseg.POSTokenizer(jieba_tokenizer(config))
        return lambda text: [tuple(pair) for pair in pos_tokenizer.lcut(text, HMM=config.hmm)]
    engine = _rjieba(config)
    hmm = config.hmm
    return lambda text: engine.tag(text, hmm)


def in_dictionary(word: str, *, config: TokenConfig = DEFAULT_CONFIG) -> bool:
    """Tell whether the engine's dictionary knows ``word`` (simplified script).

    Words the engine's HMM found instead (new names such as 黄克强) are not in it.

    >>> in_dictionary("生物医药"), in_dictionary("科技园公司"), in_dictionary("葛英姿")
    (True, True, False)
    """
    if config.engine == "jieba":
        return jieba_tokenizer(config).FREQ.get(word, 0) > 0
    return bool(_rjieba(config).has_word(word))


# ---------------------------------------------------------------- segmentation

@functools.lru_cache(maxsize=4096)
def _simplified_char(ch: str) -> str:
    out = to_simplified(ch)
    return out if len(out) == 1 else ch


def simplified_view(text: str) -> str:
    """Return ``text`` in simplified script with exactly the same length.

    OpenCC's ``t2s`` keeps the length of Chinese text; should a phrase rule
    ever change it, the text is converted character by character instead, so
    offsets in the view are always offsets in ``text``.

    >>> simplified_view("香港科技園公司與羅氏")
    '香港科技园公司与罗氏'
    """
    view = to_simplified(text)
    if len(view) == len(text):
        return view
    return "".join(_simplified_char(ch) for ch in text)


@functools.lru_cache(maxsize=8)
def _user_tags(config: TokenConfig) -> dict[str, str]:
    """Tags the dictionaries give; they win over the engine's (as with jieba's ``add_word``)."""
    return {word: tag for word, _, tag in dictionary_entries(config) if tag}


_word_of, _tag_of = itemgetter(0), itemgetter(1)  # of the engine's (word, tag) pairs


def _tag_view(view: str, config: TokenConfig) -> tuple[list[str], list[str]]:
    """The engine's words of a simplified view and their tags (the dictionaries' tags winning), as two
    columns: the one place the engine, the dictionaries and the view meet."""
    pairs = tagger(config)(view)
    if _NUMBER_MEASURE.search(view):
        pairs = _split_measure_words(view, pairs, config)
    words = list(map(_word_of, pairs))
    return words, list(map(_user_tags(config).get, words, map(_tag_of, pairs)))


#: A number followed by a measure word for things counted (5家, 三项, 12个).
_NUMBER_MEASURE = re.compile(r"[0-9０-９零一二三四五六七八九十百千万亿两几数多]([家个项名位只件台次所座支批户款类种笔])")


#: What follows 个 in a unit of time or measure that jieba keeps whole (3个月, 2个百分点).
_UNIT_AFTER_MEASURE = ("月", "小时", "星期", "工作日", "百分点", "季度", "半月")


def _split_measure_words(view: str, pairs: list, config: TokenConfig) -> list:
    """A measure word after a number never fuses with the next word: the engine's HMM glues
    5家科创企业 into 家科创; such a word the dictionary does not know is cut after the measure word."""
    words = list(map(_word_of, pairs))
    index = dict(zip(accumulate(map(len, words), initial=0), range(len(words))))
    cut = sorted(i for i in map(index.get, {m.start(1) for m in _NUMBER_MEASURE.finditer(view)})
                 if i is not None and len(words[i]) >= 2 and not words[i][1:].startswith(_UNIT_AFTER_MEASURE)
                 and not in_dictionary(words[i], config=config))
    if not cut:
        return pairs
    out, last = [], 0
    for i in cut:
        out += pairs[last:i]
        out.append((words[i][0], "q"))
        out += tagger(config)(words[i][1:])
        last = i + 1
    out += pairs[last:]
    return out


def tag(text: str, *, config: TokenConfig = DEFAULT_CONFIG) -> list[tuple[str, str, int, int]]:
    """Tag the words of ``text`` as ``(word, pos, start, end)``, the light form of :func:`tokenize`.

    The same engine, dictionaries, words and tags as :func:`tokenize`, without
    what only whole documents need (sentence ids, the surface form, records):
    ``word`` is in the simplified view (full-width letters not folded), and every
    character is kept, spaces included, so that the words joined are
    :func:`simplified_view` of ``text``. Spans index ``text``.

    Args:
        text: a text in either script or mixed.
        config: dictionaries and engine (:class:`TokenConfig`); ``keep_punctuation`` does not apply.

    >>> tag("羅氏與沪港 合作")
    [('罗氏', 'nt', 0, 2), ('与', 'p', 2, 3), ('沪港', 'j', 3, 5), (' ', 'x', 5, 6), ('合作', 'vn', 6, 8)]
    """
    if not isinstance(text, str):
        raise InputError(f"tag: 'text' must be a str (got {type(text).__name__})")
    view = simplified_view(text)
    words, tags = _tag_view(view, config)
    ends = list(accumulate(map(len, words)))
    if ends and ends[-1] == len(view) and "".join(words) == view:
        starts = [0, *ends[:-1]]
    else:  # engines never drop characters; be safe if one does
        aligned = _align(view, words)
        starts, ends = aligned[0].tolist(), aligned[1].tolist()
    return list(zip(words, tags, starts, ends))


class _Segmented(NamedTuple):
    """The kept tokens of one text, as parallel columns (spans into the text and its view)."""

    view: str
    words: Sequence[str]          # as in the simplified view
    tags: Sequence[str]
    starts: np.ndarray            # int64
    ends: np.ndarray              # int64
    sentence_ids: np.ndarray      # int64


def _segment(text: str, config: TokenConfig) -> _Segmented:
    """Segment the simplified view of ``text``; spaces (and punctuation if asked) dropped.

    Per-token work stays in C (``map``, ``compress``, numpy), as there are
    about 3.6 million tokens in 20 MB; ``zip(*pairs)`` is several times slower
    than two ``itemgetter`` maps here.
    """
    view = simplified_view(text)
    words, tags = _tag_view(view, config)
    lengths = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
    ends = np.cumsum(lengths)
    if ends.size and int(ends[-1]) == len(view) and "".join(words) == view:
        starts = ends - lengths
    else:  # engines never drop characters; be safe if one does
        starts, ends = _align(view, words)
    sentence_ids = _sentence_ids(text, starts)
    keep = _kept(words, tags, config)
    if keep is not None:
        words, tags = list(compress(words, keep)), list(compress(tags, keep))
        starts, ends, sentence_ids = starts[keep], ends[keep], sentence_ids[keep]
    return _Segmented(view, words, tags, starts, ends, sentence_ids)


def _align(view: str, words: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    starts, ends, pos = [], [], 0
    for word in words:
        start = view.find(word, pos)
        if start < 0:
            raise InputError(f"segmenter returned {word!r}, which is not in the text after offset {pos}")
        pos = start + len(word)
        starts.append(start)
        ends.append(pos)
    return np.array(starts, dtype=np.int64), np.array(ends, dtype=np.int64)


def _sentence_ids(text: str, starts: np.ndarray) -> np.ndarray:
    """Index of the sentence (``split_sentences``) each offset falls in; 0 before the first."""
    sentence_starts = np.array([s for s, _ in split_sentences(text)] or [0], dtype=np.int64)
    return np.maximum(np.searchsorted(sentence_starts, starts, side="right") - 1, 0)


def _kept(words: Sequence[str], tags: Sequence[str], config: TokenConfig) -> np.ndarray | None:
    """Mask of the tokens to keep (never spaces; punctuation unless ``keep_punctuation``); None: all."""
    keep = ~np.fromiter(map(str.isspace, words), dtype=bool, count=len(words))
    if not config.keep_punctuation:
        no_word = resources.NO_WORD_CHAR.match
        keep &= ~np.array([t == "x" and no_word(w) is not None for w, t in zip(words, tags)], dtype=bool)
    return None if keep.all() else keep


def _norm_view(view: str) -> str:
    """The view with full-width digits and Latin letters folded to ASCII (same length)."""
    return view.translate(resources.FULLWIDTH_TO_ASCII) if resources.FULLWIDTH.search(view) else view


def tokenize(text: str, *, doc_id: str | None = None,
             config: TokenConfig = DEFAULT_CONFIG) -> list[Token]:
    """Segment ``text`` into tokens with POS tags and spans into ``text``.

    Args:
        text: a clean text, in either script or mixed.
        doc_id: carried into every token.
        config: dictionaries, stopwords and engine (:class:`TokenConfig`).

    Returns:
        Tokens in text order; spaces are dropped, punctuation kept (pos ``x``).

    >>> [(t.token, t.pos, t.start, t.end) for t in tokenize("羅氏與沪港合作。")]
    [('羅氏', 'nt', 0, 2), ('與', 'p', 2, 3), ('沪港', 'j', 3, 5), ('合作', 'vn', 5, 7), ('。', 'x', 7, 8)]
    """
    if not isinstance(text, str):
        raise InputError(f"tokenize: 'text' must be a str (got {type(text).__name__})")
    if not text:
        return []
    seg = _segment(text, config)
    starts, ends = seg.starts.tolist(), seg.ends.tolist()
    surface = seg.words if seg.view == text else [text[s:e] for s, e in zip(starts, ends)]
    norm_view = _norm_view(seg.view)
    norms = seg.words if norm_view is seg.view else [norm_view[s:e] for s, e in zip(starts, ends)]
    rows = zip(surface, norms, seg.tags, starts, ends, seg.sentence_ids.tolist(), repeat(doc_id))
    # tuple.__new__ makes each Token in C, without the NamedTuple constructor's Python frame
    with gc_paused():
        return list(map(tuple.__new__, repeat(Token), rows))


@contextlib.contextmanager
def gc_paused():
    """Pause the cyclic garbage collector while many small records are made.

    Tuples of strings and ints form no cycles, but each allocation counts towards the
    collector's thresholds, whose collections then traverse every object of the process
    (a pandas session holds millions): records are made about 5x faster without them.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]{2,}")
#: Characters that start or end no new word (function words, counters, dates).
_EDGE_CHARS = frozenset("的了和与及在是为个年月日等也就都而且或被把从对向将之其这那有了着过")


def discover_words(texts: Iterable[str], *, min_count: int = 5, min_length: int = 2, max_length: int = 6,
                   min_pmi: float = 3.0, min_entropy: float = 1.0,
                   config: TokenConfig = DEFAULT_CONFIG) -> list[str]:
    """Find words of a corpus that the dictionary lacks: cohesive and free character strings.

    A string of Han characters is a new word when it occurs at least ``min_count`` times,
    its weakest split is still far more frequent than chance (pointwise mutual information,
    natural log, at least ``min_pmi``), the characters around it vary (boundary entropy at
    least ``min_entropy`` on both sides), and the dictionary does not know it. The result can
    be passed to ``TokenConfig(user_words=...)`` so that names such as 晶丰明源 stay whole.
    Counting is linear in the corpus size (all substrings up to ``max_length + 1`` characters).

    Args:
        texts: clean texts in either script (counted on the simplified view).
        min_count: fewest occurrences.
        min_length, max_length: lengths of the strings considered, in characters.
        min_pmi: least cohesion of the weakest split into two parts.
        min_entropy: least entropy of the characters before and after it.
        config: whose dictionary decides what is already known.

    Returns:
        New words, most frequent first (ties in code-point order).

    >>> text = "晶丰明源发布公告。晶丰明源股东减持。公司称晶丰明源经营正常，晶丰明源回应，据晶丰明源披露，"
    >>> discover_words([text], min_count=5, min_pmi=1.0)  # a tiny corpus: little cohesion to measure
    ['晶丰明源']
    >>> "晶丰明源" in [t.token for t in tokenize(text, config=TokenConfig(user_words=discover_words([text], min_pmi=1.0)))]
    True
    """
    from collections import Counter
    from math import log

    counts: Counter = Counter()
    left: dict[str, Counter] = {}
    right: dict[str, Counter] = {}
    chars = 0
    for text in texts:
        if not isinstance(text, str):
            continue
        for run in _HAN_RUN.findall(simplified_view(text)):
            chars += len(run)
            padded = f"^{run}$"
            for n in range(1, max_length + 1):
                for i in range(1, len(padded) - n):
                    counts[padded[i:i + n]] += 1
                    if n >= min_length:
                        piece = padded[i:i + n]
                        left.setdefault(piece, Counter())[padded[i - 1]] += 1
                        right.setdefault(piece, Counter())[padded[i + n]] += 1
    if not chars:
        return []

    def entropy(counter: Counter) -> float:
        total = sum(counter.values())
        # the edge of a run (^, $) is as free a boundary as any: each counts as a distinct neighbour
        parts = [c for ch, c in counter.items() if ch not in "^$"] + [1] * (counter["^"] + counter["$"])
        return -sum(c / total * log(c / total) for c in parts)

    engine = jieba_tokenizer(config) if config.engine == "jieba" else _rjieba(config)
    cut = (lambda w: engine.lcut(w, HMM=False)) if config.engine == "jieba" else (lambda w: engine.cut(w, False))
    found = []
    for word, count in counts.items():
        if count < min_count or not min_length <= len(word) <= max_length:
            continue
        if word[0] in _EDGE_CHARS or word[-1] in _EDGE_CHARS:
            continue  # 的重要, 条件的: a word and a function character
        pmi = min(log(count * chars / (counts[word[:k]] * counts[word[k:]])) for k in range(1, len(word)))
        if pmi < min_pmi or in_dictionary(word, config=config):
            continue
        if all(len(piece) > 1 for piece in cut(word)):
            continue  # 同比增长 = 同比 + 增长: a phrase of known words, which the segmenter serves
        if min(entropy(left[word]), entropy(right[word])) < min_entropy:
            continue
        found.append((word, count))
    # a word inside a longer new word that occurs as often is only its fragment (晶丰明 of 晶丰明源)
    words = {w: c for w, c in found}
    kept = [(w, c) for w, c in found
            if not any(w in longer and longer != w and lc >= c for longer, lc in words.items())]
    return [w for w, _ in sorted(kept, key=lambda wc: (-wc[1], wc[0]))]


def agreement(reference: Sequence[str], candidate: Sequence[str]) -> dict[str, float]:
    """Compare two segmentations of the same string.

    Returns ``boundary_f1`` (F1 of the sets of token end offsets, the usual
    score of Chinese word segmentation) and ``token_f1`` (F1 of identical
    token spans, i.e. the share of tokens both segmenters agree on).

    >>> agreement(["科技园", "公司"], ["科技园公司"])
    {'boundary_f1': 0.6666666666666666, 'token_f1': 0.0}
    """
    if "".join(reference) != "".join(candidate):
        raise InputError("agreement: the two segmentations are not of the same string")

    def spans(words: Sequence[str]) -> set[tuple[int, int]]:
        out, pos = set(), 0
        for word in words:
            out.add((pos, pos + len(word)))
            pos += len(word)
        return out

    def f1(a: set, b: set) -> float:
        both = len(a & b)
        return 2 * both / (len(a) + len(b)) if a or b else 1.0

    ref, cand = spans(reference), spans(candidate)
    return {"boundary_f1": f1({e for _, e in ref}, {e for _, e in cand}),
            "token_f1": f1(ref, cand)}


def tokens_table(documents: pd.DataFrame, *, config: TokenConfig = DEFAULT_CONFIG,
                 text_column: str = "text") -> pd.DataFrame:
    """Return the tokens table (``schema.TOKENS``): one row per token of every document.

    The same tokens as :func:`tokenize`, built column by column without a Python
    object per token: token and norm strings are cut from the UTF-8 bytes of
    each text into arrow arrays, offsets and sentence ids stay numpy arrays.

    Args:
        documents: a table with ``doc_id`` and ``text_column``; missing texts
            give no rows.
        config: see :class:`TokenConfig`.
        text_column: column holding the clean text.

    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "text": ["細胞治療", "细胞治疗。"]})
    >>> tokens_table(docs)[["doc_id", "token", "norm", "start", "end"]].values.tolist()
    [['a', '細胞治療', '细胞治疗', 0, 4], ['b', '细胞治疗', '细胞治疗', 0, 4], ['b', '。', '。', 4, 5]]
    """
    import pyarrow as pa

    documents = schema.as_documents(documents, text_column=text_column, what="tokens_table")
    doc_ids, counts = [], []
    chunks: dict[str, list] = {name: [] for name in schema.TOKENS if name != "doc_id"}
    for doc_id, text in zip(documents["doc_id"], documents[text_column]):
        if not isinstance(text, str) or not text:
            continue
        seg = _segment(text, config)
        if not len(seg.starts):
            continue
        doc_ids.append(doc_id)
        counts.append(len(seg.starts))
        token = _substrings(text, seg.starts, seg.ends)
        norm_view = _norm_view(seg.view)
        chunks["sentence_id"].append(seg.sentence_ids)
        chunks["token"].append(token)
        chunks["norm"].append(token if norm_view == text else _substrings(norm_view, seg.starts, seg.ends))
        chunks["pos"].append(pa.array(seg.tags, type=pa.large_string()))
        chunks["start"].append(seg.starts)
        chunks["end"].append(seg.ends)
    if not doc_ids:
        return schema.empty_frame(schema.TOKENS)
    doc_index = np.repeat(np.arange(len(doc_ids)), counts)
    # each column's chunks are popped, so that they are freed as soon as that column is joined
    columns = {
        "doc_id": pd.Series(doc_ids).astype("string").array.take(doc_index),
        "sentence_id": _int64_column(chunks.pop("sentence_id")),
        "token": _string_column(chunks.pop("token")),
        "norm": _string_column(chunks.pop("norm")),
        "pos": _string_column(chunks.pop("pos")),
        "start": _int64_column(chunks.pop("start")),
        "end": _int64_column(chunks.pop("end")),
    }
    return schema.conform(pd.DataFrame(columns, copy=False), schema.TOKENS)


def _int64_column(chunks: list[np.ndarray]) -> pd.api.extensions.ExtensionArray:
    """An ``Int64`` array of the chunks joined, without a Python int per value."""
    values = np.concatenate(chunks).astype(np.int64, copy=False)
    return pd.arrays.IntegerArray(values, np.zeros(len(values), dtype=bool))


def _string_column(chunks: list) -> pd.api.extensions.ExtensionArray:
    """A ``string`` array of the arrow chunks joined.

    Arrow large strings are pandas' ``string`` storage; should it store them
    otherwise, ``schema.conform`` casts the column.
    """
    import pyarrow as pa

    return pd.arrays.ArrowStringArray(pa.concat_arrays(chunks))


def _substrings(text: str, starts: np.ndarray, ends: np.ndarray):
    """``[text[s:e] for s, e in zip(starts, ends)]`` as an arrow large-string array.

    The spans must be in order and must not overlap: the array's data are the
    UTF-8 bytes of ``text`` inside the spans, its offsets their byte lengths summed.
    """
    import pyarrow as pa

    data = np.frombuffer(text.encode("utf-8"), dtype=np.uint8)
    if len(data) == len(text):
        byte_starts, byte_ends = starts, ends
    else:
        codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
        widths = 1 + (codes >= 0x80).view(np.uint8) + (codes >= 0x800) + (codes >= 0x10000)
        byte_at = np.zeros(len(text) + 1, dtype=np.int64)
        np.cumsum(widths, dtype=np.int64, out=byte_at[1:])
        byte_starts, byte_ends = byte_at[starts], byte_at[ends]
    filled = byte_ends > byte_starts  # so that no two spans share a first byte
    inside = np.zeros(len(data) + 1, dtype=np.int8)  # +1 at a span's first byte, -1 after its last
    inside[byte_starts[filled]] += 1
    inside[byte_ends[filled]] -= 1
    inside = np.cumsum(inside[:-1], dtype=np.int8).view(bool)
    offsets = np.zeros(len(starts) + 1, dtype=np.int64)
    np.cumsum(byte_ends - byte_starts, out=offsets[1:])
    return pa.LargeStringArray.from_buffers(len(starts), pa.py_buffer(offsets), pa.py_buffer(data[inside]))
