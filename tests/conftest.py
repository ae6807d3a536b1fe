"""Shared fixtures: the sample corpus in data/ and the test data in tests/data/ (gold, dev corpus, conformance)."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
TEST_DATA = Path(__file__).resolve().parent / "data"
CASES = Path(__file__).resolve().parent / "cases"


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DATA


@pytest.fixture(scope="session")
def seed_texts() -> dict[str, str]:
    """The five seed documents as raw text, keyed by file name."""
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(DATA.glob("*.txt"))}


@pytest.fixture(scope="session")
def test_data_dir() -> Path:
    """Gold sets, the dev corpus and the peer conformance suites (see tests/data/README.md)."""
    return TEST_DATA
