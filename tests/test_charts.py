"""Charts on small synthetic tables that conform to corpus_tools.schema."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest
from fontTools.ttLib import TTFont

from corpus_tools import charts, schema
from corpus_tools.errors import ConfigError, InputError

CASES = Path(__file__).resolve().parent / "cases"
SENT_A = "香港科技园公司宣布，总投资50亿元的产业园<正式>落户，另获2亿美元融资。"
SENT_B = "上海生物医药产业规模超万亿元，近300人参加，共有26个项目签约。"


def _figure(doc_id, kind, text, value, unit, sentence, *, subject=None, date=None,
            qualifier="exact"):
    start = sentence.find(text)
    return {"doc_id": doc_id, "kind": kind, "text": text, "value": value, "unit": unit,
            "qualifier": qualifier, "date": date, "scope": None, "subject": subject,
            "start": start, "end": start + len(text), "sentence": sentence}


@pytest.fixture()
def figures() -> pd.DataFrame:
    rows = [
        _figure("a.txt", "money", "50亿元", 5e9, "CNY", SENT_A),
        _figure("a.txt", "money", "2亿美元", 2e8, "USD", SENT_A),
        _figure("b.txt", "money", "超万亿元", 1e12, "CNY", SENT_B, qualifier="over"),
        _figure("b.txt", "people", "近300人", 300.0, "person", SENT_B, qualifier="approx"),
        _figure("b.txt", "count", "26个", 26.0, "个", SENT_B, subject="项目"),
        _figure("a.txt", "date", "2023年3月31日", None, None, "2023年3月31日，代表团访问上海。",
                date="2023-03-31"),
        _figure("b.txt", "date", "2021年", None, None, "2021年，中心开业。", date="2021"),
        _figure("b.txt", "date", "9月10日", None, None, "9月10日，中心开业。", date="--09-10"),
    ]
    return schema.conform(pd.DataFrame(rows), schema.FIGURES)


@pytest.fixture()
def documents() -> pd.DataFrame:
    rows = [
        {"doc_id": "a.txt", "path": "/x/a.txt", "format": "txt", "encoding": "utf-8", "script": "hans",
         "title": "代表团访问上海", "date": "2023-03-31", "date_precision": "day",
         "source": "香港科技园公司", "doc_type": "press_release", "n_chars": 10,
         "text_raw": "新闻稿\n\n代表团访问上海。细胞治疗", "text": "代表团访问上海。细胞治疗"},
        {"doc_id": "b.txt", "path": "/x/b.txt", "format": "txt", "encoding": "utf-8", "script": "hant",
         "title": "中心開業", "date": None, "date_precision": None, "source": None,
         "doc_type": "news_article", "n_chars": 5, "text_raw": "中心開業。", "text": "中心開業。"},
    ]
    return schema.conform(pd.DataFrame(rows), schema.DOCUMENTS)


@pytest.fixture()
def keywords_table() -> pd.DataFrame:
    rows = [{"group": g, "rank": r, "keyword": k, "score": s, "count": c, "method": "tfidf"}
            for g, r, k, s, c in [("香港", 2, "科技园", 0.5, 4), ("香港", 1, "沪港", 0.9, 6),
                                  ("香港", 3, "罗氏", 0.2, 2), ("上海", 1, "细胞治疗", 0.8, 5),
                                  ("上海", 2, "张江", 0.4, 3)]]
    return schema.conform(pd.DataFrame(rows), schema.KEYWORDS)


@pytest.fixture()
def keyness_table() -> pd.DataFrame:
    rows = [{"keyword": k, "count_target": ct, "count_reference": cr, "chi2": ll, "log_likelihood": ll,
             "p_value": 0.01, "log_ratio": lr, "direction": d}
            for k, ct, cr, ll, lr, d in [("香港", 9, 1, 9.0, 3.1, "target"), ("罗氏", 5, 0, 7.0, 4.0, "target"),
                                         ("科技园", 4, 1, 3.0, 1.9, "target"),
                                         ("上海", 1, 8, 8.0, -2.9, "reference"),
                                         ("张江", 0, 4, 6.0, -3.5, "reference")]]
    return schema.conform(pd.DataFrame(rows), schema.KEYNESS)


@pytest.fixture()
def entities() -> pd.DataFrame:
    mentions = [("a.txt", "ORG", "香港科技园公司", "香港科技园公司"), ("a.txt", "ORG", "科技园公司", "香港科技园公司"),
                ("a.txt", "ORG", "罗氏", "罗氏"), ("b.txt", "ORG", "香港科技園公司", "香港科技园公司"),
                ("b.txt", "ORG", "张江集团", "上海张江(集团)有限公司"), ("b.txt", "PERSON", "陈竺", "陈竺"),
                ("b.txt", "ORG", "上海医药", None)]
    rows = [{"doc_id": d, "sentence_id": 0, "label": l, "text": t, "canonical": c, "start": 0,
             "end": len(t), "method": "gazetteer"} for d, l, t, c in mentions]
    return schema.conform(pd.DataFrame(rows), schema.ENTITIES)


@pytest.fixture()
def pairs() -> pd.DataFrame:
    rows = [("香港科技园公司", "罗氏", 4), ("香港科技园公司", "张江集团", 2), ("张江集团", "上海医药", 1),
            ("罗氏", "上海医药", 1), ("上海医药", "上海医药", 3)]
    return schema.conform(pd.DataFrame(rows, columns=["source", "target", "weight"]), schema.COOCCURRENCE)


@pytest.fixture(autouse=True)
def _no_show(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("chart functions must never call .show()")
    monkeypatch.setattr(go.Figure, "show", refuse)


def _all_figures(figures, documents, keywords_table, keyness_table, entities, pairs):
    return {
        "document_sizes": charts.document_sizes(documents),
        "timeline": charts.timeline(figures, documents=documents),
        "money_by_document": charts.money_by_document(figures),
        "figures_by_subject": charts.figures_by_subject(figures),
        "percent bars (empty)": charts.figure_bars(figures, kinds=("percent",)),
        "money_over_time": charts.money_over_time(figures, documents),
        "top_keywords": charts.top_keywords(keywords_table),
        "keyness_bars": charts.keyness_bars(keyness_table, labels=("香港", "上海")),
        "entity_heatmap": charts.entity_heatmap(entities),
        "cooccurrence_network": charts.cooccurrence_network(pairs),
    }


def test_every_chart_is_a_figure_in_a_cjk_font(figures, documents, keywords_table, keyness_table,
                                                entities, pairs):
    tables = (figures, documents, keywords_table, keyness_table, entities, pairs)
    again = _all_figures(*tables)
    for name, fig in _all_figures(*tables).items():
        assert isinstance(fig, go.Figure), name
        assert fig.layout.font.family.split(",")[0] == "Noto Sans CJK SC", name
        assert "sans-serif" in fig.layout.hoverlabel.font.family, name
        # deterministic: the same input gives the same JSON (notebook outputs are compared)
        assert fig.to_json() == again[name].to_json(), name


def test_charts_do_not_mutate_their_input(figures, documents, keywords_table, keyness_table,
                                          entities, pairs):
    before = [t.copy() for t in (figures, documents, keywords_table, keyness_table, entities, pairs)]
    _all_figures(figures, documents, keywords_table, keyness_table, entities, pairs)
    for old, new in zip(before, (figures, documents, keywords_table, keyness_table, entities, pairs)):
        pd.testing.assert_frame_equal(old, new)


def test_money_gets_one_panel_and_axis_per_currency(figures):
    fig = charts.money_by_document(figures)
    assert [t.name for t in fig.data] == ["money (CNY)", "money (USD)"]
    assert fig.data[0].xaxis == "x" and fig.data[1].xaxis == "x2"
    cny = fig.data[0]
    assert cny.orientation == "h"
    assert list(cny.y[0]) == ["a.txt", "b.txt"]  # grouped by document
    assert list(cny.x) == [5e9, 1e12]
    assert fig.layout.xaxis.type == "log"      # 5e9 .. 1e12 spans 200x
    assert fig.layout.xaxis2.type == "linear"  # a single value


def test_log_scale_only_when_values_span_widely(figures):
    narrow = figures.assign(value=figures["value"].where(figures["text"] != "超万亿元", 1e10))
    assert charts.money_by_document(narrow).layout.xaxis.type == "linear"
    wide = charts.ChartConfig(log_span=1.5)
    assert charts.money_by_document(narrow, config=wide).layout.xaxis.type == "log"


def test_hover_quotes_the_sentence_with_the_figure_in_bold(figures):
    fig = charts.money_by_document(figures)
    hover = fig.data[0].customdata[0]
    assert "<b>50亿元</b>" in hover
    assert "&lt;正式&gt;" in hover and "<正式>" not in hover  # sentence text is escaped
    plain = hover.split("“")[1].replace("<br>", "").replace("<b>", "").replace("</b>", "")
    assert plain.rstrip("”") == SENT_A.replace("<", "&lt;").replace(">", "&gt;")


def test_top_keeps_the_largest_figures(figures):
    fig = charts.money_by_document(figures, top=1)
    assert list(fig.data[0].x) == [1e12]


def test_figures_by_subject_falls_back_to_the_unit(figures):
    fig = charts.figures_by_subject(figures)
    assert [t.name for t in fig.data] == ["people", "counts"]
    assert list(fig.data[0].y[0]) == ["(person)"]
    assert list(fig.data[1].y[0]) == ["项目"]


def test_subjects_group_across_scripts(figures):
    extra = figures[figures["kind"] == "count"].assign(doc_id="c.txt", subject="項目", text="3個", value=3.0)
    fig = charts.figures_by_subject(pd.concat([figures, extra], ignore_index=True))
    assert list(fig.data[1].y[0]) == ["项目", "项目"]
    assert list(fig.data[1].y[1]) == ["26个", "3個"]


def test_empty_selection_gives_an_annotated_figure(figures):
    fig = charts.figure_bars(figures, kinds=("percent",))
    assert len(fig.data) == 0
    assert "no percentages" in fig.layout.annotations[0].text


def test_timeline_places_dates_at_their_precision_and_drops_yearless(figures, documents):
    fig = charts.timeline(figures, documents=documents)
    stated, own = fig.data
    # rows are labelled with the documents' titles, not their file names
    assert sorted(zip(stated.y, stated.x)) == [("中心開業", "2021-01-01"), ("代表团访问上海", "2023-03-31")]
    assert list(own.x) == ["2023-03-31"]  # b.txt has no date of its own
    assert "9月10日" not in json.dumps(stated.customdata, ensure_ascii=False)
    assert "b.txt" in json.dumps(stated.customdata)  # the file is still named on hover
    assert sorted(charts.timeline(figures).data[0].y) == ["a.txt", "b.txt"]  # no documents: file names


def test_money_over_time_counts_undated_documents(figures, documents):
    fig = charts.money_over_time(figures, documents)
    assert "1 figure from undated documents not shown" in fig.layout.title.text
    assert list(fig.data[0].x) == ["2023-03-31"]
    # only a.txt is dated: undate it and nothing is left to plot
    undated_a = documents.assign(date=documents["date"].where(documents["doc_id"] != "a.txt"))
    empty = charts.money_over_time(figures, undated_a)
    assert len(empty.data) == 0 and "no money figures in dated documents" in empty.layout.annotations[0].text
    usd_undated = figures.assign(doc_id=figures["doc_id"].where(figures["unit"] != "USD", "b.txt"))
    assert [t.name for t in charts.money_over_time(usd_undated, documents).data] == ["money (CNY)"]


def test_document_sizes_shows_what_cleaning_removed(documents):
    fig = charts.document_sizes(documents)
    kept, removed = fig.data
    assert list(kept.x) == [10, 5] and list(kept.y) == ["代表团访问上海", "中心開業"]
    assert list(removed.x) == [len("新闻稿\n\n代表团访问上海。细胞治疗") - 10, 0]


def test_top_keywords_one_panel_per_group_in_rank_order(keywords_table):
    fig = charts.top_keywords(keywords_table, top=2)
    assert [t.name for t in fig.data] == ["上海", "香港"]
    assert list(fig.data[1].y) == ["沪港", "科技园"]
    with pytest.raises(InputError, match=r"groups \['北京'\]"):
        charts.top_keywords(keywords_table, groups=["北京"])


def test_keyness_diverges_by_direction(keyness_table):
    fig = charts.keyness_bars(keyness_table, top=2, labels=("香港", "上海"))
    target, reference = fig.data
    assert all(x > 0 for x in target.x) and all(x < 0 for x in reference.x)
    assert set(target.y) == {"香港", "罗氏"}  # top 2 by log-likelihood, not 科技园
    assert "香港" in fig.layout.title.text


def test_keyness_ranks_signed_statistics_by_size(keyness_table):
    signed = keyness_table.assign(log_likelihood=keyness_table["log_likelihood"].where(
        keyness_table["direction"] == "target", -keyness_table["log_likelihood"]))
    reference = charts.keyness_bars(signed, top=1).data[1]
    assert list(reference.y) == ["上海"]  # G2 -8.0 beats -6.0


def test_entity_heatmap_counts_canonical_names(entities):
    fig = charts.entity_heatmap(entities)
    heat = fig.data[0]
    assert list(heat.x) == ["a.txt", "b.txt"]
    assert heat.y[0] == "香港科技园公司"
    assert list(heat.z[0]) == [2, 1]
    assert "陈竺" not in heat.y  # PERSON not asked for
    assert "上海医药" in heat.y  # no canonical name: falls back to the text
    assert len(charts.entity_heatmap(entities, top=2).data[0].y) == 2


def test_network_is_deterministic_and_seeded(pairs):
    first = charts.cooccurrence_network(pairs, random_state=7)
    again = charts.cooccurrence_network(pairs, random_state=7)
    other = charts.cooccurrence_network(pairs, random_state=8)
    assert first.to_json() == again.to_json()
    assert first.data[-1].x != other.data[-1].x
    nodes = first.data[-1]
    assert list(nodes.text) == sorted(nodes.text)
    assert all(-1.0 <= v <= 1.0 for v in list(nodes.x) + list(nodes.y))
    assert "上海医药" in nodes.text and "上海医药: 3" not in "".join(nodes.customdata)  # self-pair dropped
    assert len(charts.cooccurrence_network(pairs, top=1).data[-1].text) == 2


def test_missing_columns_are_named(figures):
    with pytest.raises(InputError, match=r"figures table lacks columns \['sentence'\]"):
        charts.money_by_document(figures.drop(columns="sentence"))
    with pytest.raises(ConfigError, match="'top' must be a positive integer"):
        charts.money_by_document(figures, top=0)
    with pytest.raises(ConfigError, match="'by' must be one of"):
        charts.figure_bars(figures, by="source")


# ---------------------------------------------------------------- word clouds

@pytest.mark.parametrize("case", [json.loads(line) for line in
                                  (CASES / "word_frequencies.jsonl").read_text(encoding="utf-8").splitlines()
                                  if line.strip()], ids=lambda c: c["name"])
def test_word_frequencies_cases(case):
    got = charts.word_frequencies(case["weights"], stopwords=case["stopwords"],
                                  min_length=case["min_length"])
    assert list(got.items()) == list(case["expected"].items())


def test_word_frequencies_from_tables(keywords_table):
    summed = charts.word_frequencies(pd.concat([keywords_table, keywords_table]), weight="count")
    assert summed["沪港"] == 12.0
    with pytest.raises(InputError, match="keywords table"):
        charts.word_frequencies(pd.DataFrame({"word": ["沪港"]}))


def test_word_cloud_font_covers_every_character_drawn():
    weights = {"细胞治疗": 9, "沪港合作": 7, "生物醫藥": 6, "科技園": 5, "Roche": 4, "張江": 3,
               "创新🧬": 8, "的": 10, "我们": 9}
    image = charts.word_cloud(weights, stopwords={"我们"}, width=400, height=200, random_state=1)
    assert image.size == (400, 200)
    drawn = image.info["words"]
    assert set(drawn) == {"细胞治疗", "沪港合作", "生物醫藥", "科技園", "Roche", "張江"}
    with TTFont(image.info["font_path"], lazy=True) as font:
        cmap = font.getBestCmap()
    assert all(ord(ch) in cmap for word in drawn for ch in word)
    assert ord("🧬") not in cmap  # the word left out really had no glyph
    # something was drawn: the image is not a blank background
    assert image.convert("L").getextrema()[0] < 200


def test_word_cloud_is_reproducible_with_random_state():
    weights = {f"词语{i}": float(20 - i) for i in range(20)}

    def png(seed):
        buffer = io.BytesIO()
        charts.word_cloud(weights, width=300, height=150, random_state=seed).save(buffer, "PNG")
        return buffer.getvalue()

    assert png(3) == png(3)
    assert png(3) != png(4)


def test_word_cloud_modes():
    weights = {"细胞治疗": 3, "沪港合作": 2}
    assert charts.word_cloud(weights, width=200, height=100).mode == "P"
    rgb = charts.word_cloud(weights, width=200, height=100, mode="RGB")
    assert rgb.mode == "RGB" and set(rgb.info["words"]) == set(weights)
    with pytest.raises(ConfigError, match="'mode' must be one of"):
        charts.word_cloud(weights, mode="CMYK")


def test_word_cloud_with_nothing_to_draw_says_so(keywords_table):
    image = charts.word_cloud(keywords_table[keywords_table["group"] == "北京"], width=300, height=150)
    assert image.size == (300, 150) and image.info["words"] == ()
    assert image.convert("L").getextrema()[0] < 200  # the message is drawn
    assert charts.word_cloud({"的": 3}, stopwords=()).info["words"] == ()


def test_font_ships_with_a_dependency():
    path = charts.cjk_font_path()
    assert path.is_file() and "site-packages" in str(path)


def test_word_cloud_applies_the_package_stopwords_by_default():
    image = charts.word_cloud({"我们": 9, "表示": 8, "细胞治疗": 3, "沪港合作": 2}, width=240, height=120)
    assert set(image.info["words"]) == {"细胞治疗", "沪港合作"}


# ---------------------------------------------------------------- labels, truncation, large corpora

def test_document_labels_shorten_titles_fall_back_to_file_names_and_stay_unique():
    docs = pd.DataFrame({"doc_id": ["x/001.txt", "x/002.txt", "x/003.txt", "x/004.txt"],
                         "title": ["关于促进细胞治疗产业高质量发展的若干措施", "  ", None,
                                   "关于促进细胞治疗产业高质量发展的实施意见"]})
    labels = charts.document_labels(docs, width=8)
    assert labels == {"x/001.txt": "关于促进细胞治…", "x/002.txt": "002", "x/003.txt": "003",
                      "x/004.txt": "关于促进细胞治… (2)"}
    assert all(len(v.split(" (")[0]) <= 8 for v in labels.values())


def test_money_by_document_labels_titles_and_says_what_it_leaves_out(figures, documents):
    many = pd.concat([figures] + [figures[figures["unit"] == "CNY"].assign(value=float(i))
                                  for i in range(1, 40)], ignore_index=True)
    fig = charts.money_by_document(many, documents=documents, top=30)
    titles = [a.text for a in fig.layout.annotations]
    n_cny = int(((many["kind"] == "money") & (many["unit"] == "CNY")).sum())
    assert titles[0] == f"money (CNY) — 30 of {n_cny} figures shown"
    assert titles[1] == "money (USD)"  # nothing left out: no note
    assert set(fig.data[0].y[0]) <= {"代表团访问上海", "中心開業"}  # titles, not file names
    out = charts.left_out(many, documents, top=30)
    row = out[(out["chart"] == "Money by document") & (out["unit"] == "CNY")].iloc[0]
    assert (row["figures"], row["shown"], row["left_out"]) == (n_cny, 30, n_cny - 30)


def test_left_out_counts_undated_money_and_yearless_dates(figures, documents):
    out = charts.left_out(figures, documents)
    assert list(out.columns) == list(schema.LEFT_OUT)
    rows = {(r.chart, r.unit if isinstance(r.unit, str) else None): (r.left_out, r.reason)
            for r in out.itertuples()}
    # b.txt has no date: its 超万亿元 is not in "Money over time" (the chart's title says 1 too)
    assert rows[("Money over time", "CNY")] == (1, "the stating document has no date")
    assert rows[("Timeline", None)] == (1, "no year stated or inferred from the document's date")
    assert ("Money over time", "USD") not in rows  # a.txt is dated
    assert charts.left_out(figures.iloc[:0]).empty


def _large_corpus(n: int) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    ids = [f"doc{i:05d}.txt" for i in range(n)]
    docs = pd.DataFrame({"doc_id": ids, "title": [f"关于第{i}号细胞治疗项目的公告" for i in range(n)],
                         "n_chars": [100 + (i * 37) % 20_000 for i in range(n)],
                         "text_raw": ["x" * 10] * n, "script": ["hans"] * n,
                         "date": [f"20{10 + i % 14}-0{1 + i % 9}" for i in range(n)]})
    figs = pd.DataFrame({"doc_id": ids, "kind": ["date"] * n, "text": ["2023年"] * n, "value": [None] * n,
                         "unit": [None] * n, "date": ["2023"] * n, "sentence": ["2023年，项目签约。"] * n})
    ents = pd.DataFrame({"doc_id": ids * 2, "label": ["ORG"] * (2 * n),
                         "text": [f"机构{i % 50}" for i in range(2 * n)],
                         "canonical": [f"机构{i % 50}" for i in range(2 * n)]})
    return docs, figs, ents


def test_charts_stay_readable_at_5000_documents():
    docs, figs, ents = _large_corpus(5000)
    sizes = charts.document_sizes(docs)
    assert len(sizes.data) == 1 and len(sizes.data[0].x) <= 40  # a distribution, not 5,000 bars
    assert "5,000 documents" in sizes.layout.title.text
    assert sum(sizes.data[0].y) == 5000
    line = charts.timeline(figs, documents=docs)
    assert len(set(line.data[0].y)) == 40 and "40 of 5,000 documents" in line.layout.title.text
    heat = charts.entity_heatmap(ents, documents=docs, top=20)
    assert len(heat.data[0].x) == 30 and len(heat.data[0].y) == 20
    assert "20 of 50 entities shown" in heat.layout.title.text
    assert "30 of 5,000 documents" in heat.layout.title.text
    assert all(x.startswith("关于第") for x in heat.data[0].x)  # titles on the axis
    kw = pd.DataFrame({"group": [f"g{i:03d}" for i in range(100)], "rank": [1] * 100,
                       "keyword": ["细胞治疗"] * 100, "score": [1.0] * 100, "count": [1] * 100})
    panels = charts.top_keywords(kw)
    assert len(panels.data) == 12 and "12 of 100 groups shown" in panels.layout.title.text


def test_small_corpora_keep_one_bar_per_document(documents):
    assert len(charts.document_sizes(documents, max_bars=2).data) == 2
    assert len(charts.document_sizes(documents, max_bars=1).data) == 1  # histogram


def test_keyness_and_network_titles_say_what_they_leave_out(keyness_table):
    fig = charts.keyness_bars(keyness_table, top=2, labels=("香港", "上海"))
    assert fig.layout.title.text.endswith("— the 2 strongest terms of each side (3 and 2 in all)")
    assert "strongest" not in charts.keyness_bars(keyness_table, top=3).layout.title.text
    pairs = pd.DataFrame({"source": ["甲", "甲", "乙"], "target": ["乙", "丙", "丙"], "weight": [3, 2, 1]})
    assert charts.cooccurrence_network(pairs, top=2).layout.title.text.endswith(
        "— 2 of 3 pairs (the most frequent) shown")
    assert "shown" not in charts.cooccurrence_network(pairs).layout.title.text


def test_figure_bars_draw_the_units_with_the_most_figures(figures):
    currencies = ["AUD", "CAD", "CHF", "EUR", "GBP", "HKD", "JPY", "KRW"]
    extra = pd.concat([figures[figures["unit"] == "USD"].assign(unit=c, value=float(i + 1))
                       for i, c in enumerate(currencies) for _ in range(1 + i)], ignore_index=True)
    many = pd.concat([figures, extra], ignore_index=True)
    fig = charts.money_by_document(many, max_panels=3)
    # KRW 8 figures, JPY 7, HKD 6 (CNY has 2): drawn in the usual order of units
    assert [t.name for t in fig.data] == ["money (HKD)", "money (JPY)", "money (KRW)"]
    assert fig.layout.title.text.endswith("— 3 of 10 units (those with the most figures) shown")
    out = charts.left_out(many, top=30, max_panels=3)
    dropped = out[out["reason"] == "only the 3 units with the most figures get a panel"]
    assert sorted(dropped["unit"]) == ["AUD", "CAD", "CHF", "CNY", "EUR", "GBP", "USD"]
    assert (dropped["shown"] == 0).all() and (dropped["left_out"] == dropped["figures"]).all()
