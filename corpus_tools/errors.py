"""The one exception hierarchy of corpus_tools.

Every error the library raises on purpose derives from :class:`CorpusToolsError`,
so a caller can catch them all at once. Messages name the file or field, say
what arrived, what was expected, and how to fix it.
"""
from __future__ import annotations

__all__ = ["CorpusToolsError", "InputError", "DecodeError", "FormatError", "ConfigError"]


class CorpusToolsError(Exception):
    """Base class of every error raised by corpus_tools."""


class InputError(CorpusToolsError, ValueError):
    """A path, table or argument given to the library is not usable."""


class DecodeError(InputError):
    """A file's bytes could not be decoded as text in any supported encoding."""


class FormatError(InputError):
    """A file is not what its extension says (corrupt .docx, PDF without text layer...)."""


class ConfigError(CorpusToolsError, ValueError):
    """An option has a value outside its documented choices."""
