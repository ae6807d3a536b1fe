"""Word clouds: the CJK font, word frequencies from a table, and the image."""
from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from importlib import util as _imputil
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import pandas as pd

from ..errors import ConfigError, InputError
from .style import NO_WORDS, _positive, _require

if TYPE_CHECKING:
    from PIL import Image


_WORD_CHAR = re.compile(r"[\w\u3400-\u9fff]")


def cjk_font_path() -> Path:
    """Path of the Noto Sans CJK SC font shipped by the ``mplfonts`` package.

    >>> cjk_font_path().name
    'NotoSansCJKsc-Regular.otf'
    """
    spec = _imputil.find_spec("mplfonts")
    if spec is None or not spec.submodule_search_locations:
        raise InputError("the 'mplfonts' package is not installed; it ships the CJK font word "
                         "clouds need (install the project's requirements.lock)")
    path = Path(next(iter(spec.submodule_search_locations))) / "fonts" / "NotoSansCJKsc-Regular.otf"
    if not path.is_file():
        raise InputError(f"font file {path} is missing from the 'mplfonts' package; reinstall it")
    return path


@functools.lru_cache(maxsize=8)
def _font_charset(path: str) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    with TTFont(path, lazy=True) as font:
        return frozenset(font.getBestCmap())


def word_frequencies(table: pd.DataFrame | pd.Series | Mapping[str, float], *,
                     weight: str | None = None, stopwords: Iterable[str] = (),
                     min_length: int = 2) -> dict[str, float]:
    """Word weights for a word cloud, from a keywords or tokens table.

    Args:
        table: a keywords table (weights summed over groups), a tokens table
            (``norm`` counted), a Series indexed by word, or a mapping word -> weight.
        weight: the keywords table's weight column (default ``score``).
        stopwords: words left out.
        min_length: shortest word kept, in characters.

    Returns:
        ``{word: weight}`` with positive weights, sorted by weight then word;
        words with no letter or Han character (punctuation, numbers) are dropped.

    >>> import pandas as pd
    >>> tokens = pd.DataFrame({"norm": ["细胞治疗", "的", "细胞治疗", "沪港", "2023"]})
    >>> word_frequencies(tokens)
    {'细胞治疗': 2.0, '沪港': 1.0}
    """
    if isinstance(table, pd.DataFrame):
        if "keyword" in table.columns:
            column = weight or "score"
            _require(table, ["keyword", column], "keywords", "keywords()")
            series = table.groupby(table["keyword"].astype(str), sort=True)[column].sum()
        elif "norm" in table.columns:
            series = table["norm"].dropna().astype(str).value_counts(sort=False)
        else:
            raise InputError(f"word clouds need a keywords table ('keyword' column) or a tokens "
                             f"table ('norm' column) (got columns {list(table.columns)})")
        items = ((str(k), float(v)) for k, v in series.items() if not pd.isna(v))
    elif isinstance(table, pd.Series):
        items = ((str(k), float(v)) for k, v in table.items() if not pd.isna(v))
    elif isinstance(table, Mapping):
        items = ((str(k), float(v)) for k, v in table.items())
    else:
        raise InputError(f"word clouds need a table, a Series or a mapping (got {type(table).__name__})")
    stop = set(stopwords)
    kept: dict[str, float] = {}
    for word, value in items:
        word = word.strip()
        if value > 0 and len(word) >= min_length and word not in stop and _WORD_CHAR.search(word) \
                and not word.replace(".", "").replace(",", "").isdigit():
            kept[word] = kept.get(word, 0.0) + value
    return dict(sorted(kept.items(), key=lambda kv: (-kv[1], kv[0])))


def word_cloud(table: pd.DataFrame | pd.Series | Mapping[str, float], *,
               weight: str | None = None, stopwords: Iterable[str] | None = None,
               min_length: int = 2, max_words: int = 120, width: int = 900, height: int = 450,
               random_state: int = 0, background_color: str = "white",
               colormap: str = "viridis", font_path: str | Path | None = None,
               mode: Literal["P", "RGB"] = "P") -> Image.Image:
    """Render a word cloud of a keywords or tokens table in a CJK font.

    Words are weighted by :func:`word_frequencies`; words holding a character
    the font has no glyph for are left out rather than drawn as empty boxes.
    With no word left to draw, the image says so (:data:`NO_WORDS`), as an
    empty chart does, so that a notebook runs on any corpus.
    The image's ``info`` holds the words drawn (``info["words"]``) and the font
    used (``info["font_path"]``).

    Args:
        table: keywords table, tokens table, Series or mapping word -> weight.
        weight: the keywords table's weight column (default ``score``).
        stopwords: words left out (default: :func:`corpus_tools.tokens.stopwords`,
            Stopwords ISO's Chinese list plus the domain list).
        min_length: shortest word kept, in characters.
        max_words: most words drawn.
        width: image width in pixels.
        height: image height in pixels.
        random_state: seed of the placement; the same input gives the same image.
        background_color: background colour name or hex.
        colormap: matplotlib colormap for the words.
        font_path: font file (default: Noto Sans CJK SC from ``mplfonts``).
        mode: ``"P"`` (128-colour palette: a PNG a third the size, which is what
            notebooks and the report store) or ``"RGB"`` (full colour; also
            needed to save as JPEG).

    >>> image = word_cloud({"细胞治疗": 3, "沪港": 2, "生物医药": 1}, width=200, height=100)
    >>> image.size, sorted(image.info["words"])
    ((200, 100), ['沪港', '生物医药', '细胞治疗'])
    """
    from wordcloud import WordCloud

    _positive("max_words", max_words)
    if mode not in ("P", "RGB"):
        raise ConfigError(f"'mode' must be one of ('P', 'RGB') (got {mode!r})")
    font = str(font_path) if font_path is not None else str(cjk_font_path())
    charset = _font_charset(font)
    stop = _default_stopwords() if stopwords is None else frozenset(stopwords)
    weights = word_frequencies(table, weight=weight, stopwords=stop, min_length=min_length)
    weights = {w: v for w, v in weights.items() if all(ord(ch) in charset for ch in w)}
    if weights:
        cloud = WordCloud(font_path=font, width=width, height=height, max_words=max_words,
                          random_state=random_state, background_color=background_color,
                          colormap=colormap, prefer_horizontal=1.0, collocations=False,
                          normalize_plurals=False, margin=4)
        cloud.generate_from_frequencies(weights)
        image = cloud.to_image()
        drawn = tuple(word for (word, _), *_ in cloud.layout_)
    else:  # like an empty chart: say so, so a notebook runs on any corpus
        image = _message_image(NO_WORDS, font=font, size=(width, height),
                               background_color=background_color)
        drawn = ()
    if mode == "P":
        from PIL import Image

        image = image.convert("P", palette=Image.Palette.ADAPTIVE, colors=128)
    image.info["words"] = drawn
    image.info["font_path"] = font
    return image


def _message_image(message: str, *, font: str, size: tuple[int, int],
                   background_color: str) -> Image.Image:
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", size, background_color)
    draw = ImageDraw.Draw(image)
    face = ImageFont.truetype(font, size=max(10, min(size[1] // 8, 2 * size[0] // (3 * len(message)))))
    draw.text((size[0] / 2, size[1] / 2), message, fill="#888888", font=face, anchor="mm")
    return image


def _default_stopwords() -> frozenset[str]:
    from ..tokens import stopwords

    return stopwords()
