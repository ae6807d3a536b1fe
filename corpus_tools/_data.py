"""Access to the data files shipped under ``corpus_tools/data``, loaded lazily."""
from __future__ import annotations

import functools
from pathlib import Path

__all__ = ["data_path", "read_lines"]


def data_path(name: str) -> Path:
    """Return the filesystem path of a packaged data file.

    >>> data_path("README.md").name
    'README.md'
    """
    return Path(__file__).resolve().parent / "data" / name


@functools.lru_cache(maxsize=None)
def read_lines(name: str) -> tuple[str, ...]:
    """Return the non-empty, non-comment lines of a packaged UTF-8 text file.

    Lines starting with ``#`` are comments.

    >>> isinstance(read_lines("README.md"), tuple)
    True
    """
    text = data_path(name).read_text(encoding="utf-8")
    return tuple(
        line.strip()
        for line in text.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    )
