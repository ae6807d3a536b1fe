"""Shared fixtures: the sample corpus in data/ and the shared gold files."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SHARED = ROOT.parent / "shared"
CASES = Path(__file__).resolve().parent / "cases"


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DATA


@pytest.fixture(scope="session")
def seed_texts() -> dict[str, str]:
    """The five seed documents as raw text, keyed by file name."""
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(DATA.glob("*.txt"))}


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.fail(f"../shared is missing (expected at {SHARED}); CI checks out shared/ beside the project")
    return SHARED
