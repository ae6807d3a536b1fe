"""The package's public surface: every exported name resolves lazily, is documented,
and DataFrame functions take their options by keyword only (house style)."""
from __future__ import annotations

import inspect

import pandas as pd
import pytest

import corpus_tools as ct


@pytest.mark.parametrize("name", sorted(ct._EXPORTS))
def test_export_resolves_to_its_module_and_is_documented(name):
    value = getattr(ct, name)
    home = f"corpus_tools.{ct._EXPORTS[name]}"
    assert value.__module__ == home or value.__module__.startswith(f"{home}.")  # a package's stage module
    assert inspect.getdoc(value), f"{name} has no docstring"


def test_dir_lists_the_exports():
    assert set(ct._EXPORTS) <= set(dir(ct))


def test_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no_such_name"):
        ct.no_such_name  # noqa: B018


def _frame_functions() -> list[str]:
    """Exported functions whose first parameter is a DataFrame (the documents, figures... table)."""
    names = []
    for name in sorted(ct._EXPORTS):
        value = getattr(ct, name)
        if inspect.isfunction(value):
            params = list(inspect.signature(value).parameters.values())
            if params and params[0].annotation in (pd.DataFrame, "pd.DataFrame"):
                names.append(name)
    return names


FRAME_FUNCTIONS = _frame_functions()


def test_the_table_functions_are_found():
    assert {"figures_table", "tokens_table", "top_keywords", "keyness", "kwic"} <= set(FRAME_FUNCTIONS)


@pytest.mark.parametrize("name", FRAME_FUNCTIONS)
def test_dataframe_functions_take_options_by_keyword(name):
    params = inspect.signature(getattr(ct, name)).parameters.values()
    positional = [p.name for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    # the table itself and, at most, the one thing the call is about (keyness's target, kwic's pattern)
    assert len(positional) <= 2, f"{name}: options {positional[1:]} should be keyword-only"
