"""Keywords of real documents never seen while writing rules: no function word, number, single
character, web-furniture word or fragment of a longer lexicon term among the top 20 of any dev
document, whatever the method; the official-document stopwords are an option of every method."""
import re

import pytest

from corpus_tools import _data, load, resources, tokens
from corpus_tools.keywords import KeywordConfig, keyness, top_keywords


@pytest.fixture(scope="module")
def dev_docs(test_data_dir):
    return load.load_corpus(test_data_dir / "dev" / "docs")


def _lexicon_terms() -> set[str]:
    terms = set()
    for name in (tokens.DOMAIN_DICT, tokens.DOMAIN_LEXICON):
        terms.update(word for word, _, _ in tokens._read_entries(_data.read_lines(name), name))
    return terms


def _fragment_of(keyword: str, text: str, terms: set[str]) -> str | None:
    """A longer lexicon term containing ``keyword`` such that every occurrence of the keyword in
    ``text`` is inside an occurrence of that term."""
    view = tokens.simplified_view(text)
    at = [m.start() for m in re.finditer(re.escape(keyword), view)]
    for term in terms:
        if keyword in term and term != keyword and term in view:
            covered = set()
            for m in re.finditer(re.escape(term), view):
                covered.update(range(m.start(), m.end()))
            if at and all(k in covered for k in at):
                return term
    return None


@pytest.mark.parametrize("method", ["tfidf", "textrank"])
def test_no_bad_keyword_in_any_dev_document(dev_docs, method):
    general = set(_data.read_lines(tokens.GENERAL_STOPWORDS))
    web = set(_data.read_lines(tokens.WEB_STOPWORDS))
    terms = _lexicon_terms()
    table = top_keywords(dev_docs, by="doc_id", top=20, method=method)
    texts = dict(zip(dev_docs["doc_id"], dev_docs["text"]))
    bad = []
    for doc_id, keyword in zip(table["group"], table["keyword"]):
        why = ("single character" if len(keyword) < 2 else
               "number" if resources.NUMERIC_TOKEN.match(keyword) else
               "function word" if keyword in general else
               "web furniture" if keyword in web else
               "URL or markup" if re.fullmatch(r"[a-z0-9._:/-]+", keyword) else None)
        fragment = None if why else _fragment_of(keyword, texts[doc_id], terms)
        if why or fragment:
            bad.append((doc_id[:12], keyword, why or f"fragment of {fragment}"))
    assert bad == []


def test_official_stopwords_are_an_option_of_every_method(dev_docs):
    report = dev_docs[dev_docs["doc_id"].str.startswith(("09_", "10_", "11_"))]
    official = KeywordConfig(tokens=tokens.TokenConfig(official_stopwords=True))
    style = set(_data.read_lines(tokens.OFFICIAL_STOPWORDS))
    for method in ("tfidf", "textrank"):
        plain = set(top_keywords(report, by="doc_id", top=20, method=method)["keyword"])
        assert plain & style  # work reports are full of 推进 加快 全省 ...
        assert not set(top_keywords(report, by="doc_id", top=20, method=method, config=official)["keyword"]) & style
    target = report["doc_id"].iloc[0]
    terms = keyness(report, target, by="doc_id", min_count=2, config=official)["keyword"]
    assert not set(terms) & style
