"""Entities: rules checked on sentences of the genre, and the seeds scored against a hand-checked list.

``tests/cases/seed_entities.jsonl`` was written from a reading of the five seeds
before the extractor existed. One line per entity per document: ``doc_id``,
``label``, ``canonical``, ``mentions`` (the surface forms as written). Rules:

- ORG: named organisations (companies, government bodies, universities,
  hospitals, institutes, funds, named centres and labs). Generic references
  naming only a type (政府, 市政府, 市委, 中央政府, 我委, 双方) are not entities;
  events, plans, laws, awards, products, buildings and platforms are not either.
- PLACE: countries, regions, provinces, cities, districts and named zones or
  parks (香港科学园, 张江科学城, 青岛高新区), labelled by what the name is, not by
  the role it plays in the sentence. Compounds of two places (沪港, 中巴) are not
  mentions.
- PERSON: named people, canonical without title; Latin names as written.
- A name nested in a longer name (上海 in 上海医药) or in a book title 《…》 is
  not a separate mention.
- Canonical: the standard short name of a well-known entity (罗氏, 上海医药,
  香港科技园公司, 张江集团); otherwise the fullest name the document uses; in
  simplified script.

Scores: entity level compares sets of (doc_id, label, canonical); mention level
sets of (doc_id, label, simplified surface form).
"""
import json
from collections import Counter

import pandas as pd
import pytest

from corpus_tools import entities, schema, script
from corpus_tools.entities import EntityConfig, entities_table, extract_entities
from corpus_tools.errors import ConfigError, InputError
from conftest import CASES

GOLD = [json.loads(line) for line in (CASES / "seed_entities.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()]
CASE_LINES = [json.loads(line) for line in (CASES / "entities.jsonl").read_text(encoding="utf-8").splitlines()
              if line.strip()]


def _documents(seed_texts) -> pd.DataFrame:
    return pd.DataFrame({"doc_id": list(seed_texts), "text": list(seed_texts.values())})


@pytest.fixture(scope="module")
def seed_table(seed_texts) -> pd.DataFrame:
    return entities_table(_documents(seed_texts))


def _prf(gold: set, predicted: set) -> tuple[float, float]:
    hit = len(gold & predicted)
    return hit / len(predicted), hit / len(gold)


def seed_scores(table: pd.DataFrame) -> dict[str, float]:
    gold_entities = {(g["doc_id"], g["label"], g["canonical"]) for g in GOLD}
    gold_mentions = {(g["doc_id"], g["label"], script.to_simplified(m)) for g in GOLD for m in g["mentions"]}
    pred_entities = set(zip(table["doc_id"], table["label"], table["canonical"]))
    pred_mentions = {(d, lab, script.to_simplified(t)) for d, lab, t in zip(table["doc_id"], table["label"], table["text"])}
    p, r = _prf(gold_entities, pred_entities)
    pm, rm = _prf(gold_mentions, pred_mentions)
    return {"entity_precision": p, "entity_recall": r, "mention_precision": pm, "mention_recall": rm}


def test_gold_list_is_consistent(seed_texts):
    keys = [(g["doc_id"], g["label"], g["canonical"]) for g in GOLD]
    assert len(keys) == len(set(keys))
    assert Counter(g["label"] for g in GOLD).keys() == {"ORG", "PERSON", "PLACE"}
    for g in GOLD:
        for mention in g["mentions"]:
            assert mention in seed_texts[g["doc_id"]], (g["doc_id"], mention)
        assert script.to_simplified(g["canonical"]) == g["canonical"]


def test_precision_and_recall_on_the_seeds(seed_table):
    scores = seed_scores(seed_table)
    print(scores)
    assert scores["entity_precision"] >= 0.85, scores
    assert scores["entity_recall"] >= 0.85, scores
    assert scores["mention_precision"] >= 0.85, scores
    assert scores["mention_recall"] >= 0.85, scores


def test_every_span_is_the_mention(seed_texts, seed_table):
    assert len(seed_table) > 300
    for doc_id, text, start, end in zip(seed_table["doc_id"], seed_table["text"], seed_table["start"],
                                        seed_table["end"]):
        assert seed_texts[doc_id][start:end] == text
    for doc_id, text in seed_texts.items():
        found = extract_entities(text, doc_id=doc_id)
        assert all(text[e.start:e.end] == e.text and e.doc_id == doc_id for e in found)
        assert all(a.end <= b.start for a, b in zip(found, found[1:])), "overlapping mentions"


def test_table_schema_and_sentence_ids(seed_texts, seed_table):
    assert {c: str(t) for c, t in seed_table.dtypes.items()} == dict(schema.ENTITIES)
    assert set(seed_table["method"]) <= {"gazetteer", "alias", "pattern", "pos"}
    from corpus_tools.segment import split_sentences
    for doc_id, group in seed_table.groupby("doc_id"):
        spans = split_sentences(seed_texts[doc_id])
        for sid, start in zip(group["sentence_id"], group["start"]):
            s, e = spans[sid]
            assert s <= start < e or (sid + 1 < len(spans) and start < spans[sid + 1][0])


def test_canonical_names_unify_scripts_and_aliases():
    text = ("羅氏(Roche)與香港科技園公司合作，罗氏表示，科技园公司欢迎。"
            "上海医药集团股份有限公司（上海医药）与上藥簽約。")
    found = extract_entities(text)
    canon = {e.text: e.canonical for e in found}
    assert canon["羅氏"] == canon["Roche"] == canon["罗氏"] == "罗氏"
    assert canon["香港科技園公司"] == canon["科技园公司"] == "香港科技园公司"
    assert canon["上海医药集团股份有限公司"] == canon["上海医药"] == canon["上藥"] == "上海医药"


@pytest.mark.parametrize("text, name", [
    ("行政总裁黄克强先生日前率领代表团", "黄克强"),
    ("創新科技及工業局局長孫東教授出席活動", "孫東"),
    ("副市长李国华出席会议", "李国华"),
    ("赵立新副市长出席会议", "赵立新"),
    ("新华社记者 王小明/摄", "王小明"),
    ("所长王晓东表示：“要有原始创新。”", "王晓东"),
    ("大使莫因·哈克表示，巴方支持。", "莫因·哈克"),
    ("首席执行官Erik Lassila提出", "Erik Lassila"),
])
def test_person_patterns(text, name):
    assert name in [e.text for e in extract_entities(text) if e.label == "PERSON"]


@pytest.mark.parametrize("case", [
    pytest.param(c, marks=pytest.mark.xfail(strict=True, reason=c["known_gap"])) if c.get("known_gap") else c
    for c in CASE_LINES], ids=[c["name"] for c in CASE_LINES])
def test_entity_cases(case):
    got = [[e.label, e.text, e.canonical] for e in extract_entities(case["text"])]
    assert got == case["expect"]


def test_in_document_links():
    text = "上海市科委与北京市昌平区合作。市科委将支持昌平企业。"
    canon = {(e.label, e.text): e.canonical for e in extract_entities(text)}
    assert canon[("ORG", "上海市科委")] == canon[("ORG", "市科委")] == "上海市科学技术委员会"
    assert canon[("PLACE", "昌平区")] == canon[("PLACE", "昌平")] == "昌平区"
    assert canon[("PLACE", "北京市")] == "北京"


def test_config_labels_and_user_gazetteer(tmp_path):
    text = "星河生物与罗氏合作，落户前海。"
    assert "星河生物" not in [e.text for e in extract_entities(text)]
    gaz = tmp_path / "mine.tsv"
    gaz.write_text("# my organisations\n星河生物科技有限公司\tORG\t星河生物|Galaxy Bio\n", encoding="utf-8")
    config = EntityConfig(gazetteers=(gaz,))
    found = {e.text: e.canonical for e in extract_entities(text, config=config)}
    assert found["星河生物"] == "星河生物科技有限公司"
    orgs_only = extract_entities(text, config=EntityConfig(gazetteers=(gaz,), labels={"ORG"}))
    assert {e.label for e in orgs_only} == {"ORG"}
    gazetteer_only = extract_entities("局长孙东教授出席", config=EntityConfig(patterns=False, pos=False))
    assert gazetteer_only == []


def test_errors_name_the_problem(tmp_path):
    with pytest.raises(InputError, match="gazetteers: file .*nope.tsv.* does not exist"):
        EntityConfig(gazetteers=(tmp_path / "nope.tsv",))
    with pytest.raises(ConfigError, match="labels must be among"):
        EntityConfig(labels={"ORG", "EVENT"})
    bad = tmp_path / "bad.tsv"
    bad.write_text("星河生物\tCOMPANY\t\n", encoding="utf-8")
    with pytest.raises(InputError, match="bad.tsv, line 1: label must be one of"):
        entities.gazetteer_entries(EntityConfig(gazetteers=(bad,)))
    with pytest.raises(InputError, match="'text' must be a str"):
        extract_entities(None)
    with pytest.raises(InputError, match="lacks column"):
        entities_table(pd.DataFrame({"doc_id": ["a"]}))


def test_empty_and_deterministic(seed_texts, seed_table):
    assert extract_entities("") == [] and extract_entities("  \n") == []
    empty = entities_table(pd.DataFrame({"doc_id": ["a"], "text": [""]}))
    assert empty.empty and list(empty.columns) == list(schema.ENTITIES)
    again = entities_table(_documents(dict(reversed(list(seed_texts.items())))))
    pd.testing.assert_frame_equal(
        seed_table.sort_values(["doc_id", "start"]).reset_index(drop=True),
        again.sort_values(["doc_id", "start"]).reset_index(drop=True))


# ---------------------------------------------------------------- the project's scorer and the dev annotation

from corpus_tools.evaluate.entities import score_entities  # noqa: E402
from corpus_tools.evaluate.figures import read_jsonl  # noqa: E402


def test_scorer_matches_names_and_aliases_across_scripts():
    gold = [{"file": "a", "label": "ORG", "name": "国泰航空", "aliases": ["國泰", "国泰"]},
            {"file": "a", "label": "PLACE", "name": "香港", "aliases": []},
            {"file": "b", "label": "PERSON", "name": "马云", "aliases": ["马总"]}]
    pred = [{"doc_id": "a", "label": "ORG", "canonical": "国泰", "text": "國泰"},
            {"doc_id": "a", "label": "ORG", "canonical": "国泰航空", "text": "國泰航空"},
            {"doc_id": "a", "label": "ORG", "canonical": "上市公司", "text": "上市公司"},
            {"doc_id": "a", "label": "PERSON", "canonical": "香港", "text": "香港"},  # right name, wrong label
            {"doc_id": "b", "label": "PERSON", "canonical": "马总", "text": "马总"},
            {"doc_id": "z", "label": "ORG", "canonical": "华为", "text": "华为"}]   # no gold: not scored
    result = score_entities(gold, pred)
    t = result.table
    assert (t["ORG"]["found"], t["ORG"]["gold"], t["ORG"]["correct"], t["ORG"]["pred"]) == (1, 1, 2, 3)
    assert t["PLACE"]["recall"] == 0.0 and t["PERSON"]["recall"] == 1.0 and t["PERSON"]["precision"] == 0.5
    assert ("a", "ORG", "上市公司") in result.spurious and [g["name"] for g in result.missed] == ["香港"]


@pytest.fixture(scope="module")
def dev_documents(test_data_dir):
    from corpus_tools import load
    gold = read_jsonl(test_data_dir / "dev" / "entities.jsonl")
    docs = load.load_corpus(test_data_dir / "dev" / "docs")
    return gold, docs[docs["doc_id"].isin({g["file"] for g in gold})]


def test_tokens_table_is_reused_with_the_same_output(dev_documents):
    from corpus_tools.tokens import tokens_table
    _, docs = dev_documents
    expected = entities_table(docs)
    pd.testing.assert_frame_equal(entities_table(docs, tokens=tokens_table(docs)), expected)
    with pytest.raises(InputError, match="tokens"):
        entities_table(docs, tokens=pd.DataFrame({"doc_id": ["x"]}))


def test_dev_annotation_scores_do_not_regress(dev_documents):
    gold, docs = dev_documents
    t = score_entities(gold, entities_table(docs).to_dict("records")).table
    assert t["all"]["precision"] >= 0.83 and t["all"]["recall"] >= 0.60, t["all"]
    for label in ("ORG", "PERSON", "PLACE"):
        assert t[label]["precision"] >= 0.80, (label, t[label])


@pytest.mark.xfail(strict=True, reason="issue 12 target not reached: recall ~0.6 (persons 0.46) on the dev annotation")
def test_dev_annotation_meets_the_target(dev_documents):
    gold, docs = dev_documents
    t = score_entities(gold, entities_table(docs).to_dict("records")).table
    assert all(t[lab]["precision"] >= 0.85 and t[lab]["recall"] >= 0.85 for lab in ("ORG", "PERSON", "PLACE")), t


def test_no_sample_only_entries_in_the_lexicons():
    from corpus_tools import _data
    gazetteer = _data.data_path("gazetteer.tsv").read_text(encoding="utf-8")
    userdict = _data.data_path("userdict.txt").read_text(encoding="utf-8")
    for name in ("罗氏中国加速器", "罗氏大药厂香港有限公司", "威高集团", "张江药谷"):
        assert name not in gazetteer and name not in userdict, name
    assert "张江 " not in userdict
