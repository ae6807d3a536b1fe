"""The README's Python example runs as written and shows what it says."""
from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def test_readme_python_example_runs(monkeypatch):
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S)
    assert len(blocks) == 1
    assert len(blocks[0].strip().splitlines()) <= 12
    monkeypatch.chdir(README.parent)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(blocks[0], str(README), "exec"), {})
    printed = out.getvalue()
    assert "2400亿元" in printed and "CNY" in printed          # a money figure with its unit
    assert "細胞治療" in printed                               # KWIC found the traditional spelling
    assert "香港科技园公司" in printed                          # a canonical organisation name
