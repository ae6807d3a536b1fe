"""build_report on small synthetic notebooks and a two-file corpus (fast; the
real notebooks are exercised by nbval and by tests/test_browser.py)."""
from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

import corpus_tools as ct
from corpus_tools import report
from corpus_tools.errors import CorpusToolsError, InputError

SETUP = """\
import plotly.io as pio
pio.renderers.default = "plotly_mimetype"
import plotly.graph_objects as go
from pathlib import Path
from corpus_tools import charts"""

PARAMETERS = 'CORPUS = "../data"'


def _notebook(cells: list, path: Path) -> Path:
    nb = new_notebook(cells=cells, metadata={"kernelspec": {"name": "python3", "language": "python",
                                                              "display_name": "Python 3"}})
    parameters = new_code_cell(PARAMETERS, metadata={"tags": ["parameters"]})
    nb.cells.insert(1, parameters)
    nbformat.write(nb, path)
    return path


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    (folder / "a.txt").write_text("沪港生物医药合作。", encoding="utf-8")
    (folder / "b.txt").write_text("細胞治療產業。", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def notebooks(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("notebooks")
    first = _notebook([
        new_markdown_cell("# 语料概览\n\nWhich files are in the corpus?"),
        new_code_cell(SETUP),
        new_code_cell('files = sorted(p.name for p in Path(CORPUS).glob("*.txt"))\n'
                      'print(f"{len(files)} files: {files}")'),
        new_code_cell('import sys; print("Building prefix dict (a log line)", file=sys.stderr)'),
        new_code_cell('go.Figure(go.Bar(x=["沪港", "细胞治疗"], y=[3, 2]))'),
        new_code_cell("assert len(files) >= 1  # nbval-only check", metadata={"tags": ["report-hide"]}),
    ], folder / "01_overview.ipynb")
    second = _notebook([
        new_markdown_cell("# 关键词\n"),
        new_code_cell(SETUP),
        new_code_cell('weights = {"细胞治疗": 5, "沪港合作": 4, "生物医药": 3}\n'
                      'charts.word_cloud(weights, width=240, height=120)'),
        new_code_cell('go.Figure(go.Scatter(x=[1, 2], y=[2, 1], name="香港"))'),
        new_code_cell('go.Figure(go.Scatter(x=[1, 2], y=[1, 2], name="上海"))'),
    ], folder / "02_keywords.ipynb")
    return [first, second]


@pytest.fixture(scope="module")
def built(corpus, notebooks, tmp_path_factory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("out") / "report.html"
    path = report.build_report(corpus, output=out, notebooks=notebooks, timeout=120)
    return path, path.read_text(encoding="utf-8")


def test_report_is_written_and_returned(built):
    path, page = built
    assert path.is_file() and path.name == "report.html" and path.is_absolute()
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")


def test_report_needs_no_network(built):
    _, page = built
    assert not re.search(r"<script[^>]+src=", page)          # every script is inline
    assert not re.search(r"<link[^>]+href=\"https?:", page)  # no remote stylesheet
    assert not re.search(r"<img[^>]+src=\"(?!data:)", page)  # images are data URIs
    assert not re.search(r"url\(\s*['\"]?https?:", page)     # no remote fonts or backgrounds
    from plotly.offline import get_plotlyjs

    ours = page.replace(get_plotlyjs(), "")  # plotly.js itself names CDNs it never loads here
    assert "cdn.plot.ly" not in ours and "cdnjs" not in ours and "mathjax.js" not in ours.lower()


def test_plotly_js_is_included_exactly_once(built):
    _, page = built
    from plotly.offline import get_plotlyjs

    signature = get_plotlyjs()[:200]
    assert page.count(signature) == 1
    assert page.index(signature) < page.index("<body")


def test_every_figure_becomes_a_plotly_div(built):
    _, page = built
    divs = re.findall(r'<div (?=[^>]*class="plotly-graph-div")[^>]*id="([^"]+)"', page)
    assert divs == ["01_overview-plot-1", "02_keywords-plot-1", "02_keywords-plot-2"]
    assert page.count("Plotly.newPlot(") == 3
    assert report.PLOTLY_MIMETYPE not in page


def test_images_are_embedded(built):
    _, page = built
    images = re.findall(r'<img[^>]+src="data:image/png;base64,([A-Za-z0-9+/=]{200,})"', page)
    assert len(images) == 1  # the word cloud


def test_corpus_parameter_reaches_the_notebooks(built, corpus):
    _, page = built
    assert "2 files: [&#x27;a.txt&#x27;, &#x27;b.txt&#x27;]" in page or "2 files: ['a.txt', 'b.txt']" in page
    assert str(corpus.resolve()) in page  # named in the header


def test_code_parameters_logs_and_hidden_cells_stay_out(built):
    _, page = built
    assert "pio.renderers.default" not in page   # code is hidden
    assert PARAMETERS not in page and "CORPUS = " not in page
    assert "Building prefix dict" not in page    # stderr is not a finding
    assert "nbval-only check" not in page


def test_sections_and_contents_follow_the_notebooks(built):
    _, page = built
    assert re.findall(r'<section class="report-section" id="([^"]+)"', page) == ["01_overview", "02_keywords"]
    assert '<a href="#01_overview">语料概览</a>' in page
    assert '<a href="#02_keywords">关键词</a>' in page


def test_cjk_glyphs_are_embedded(built):
    _, page = built
    assert "@font-face { font-family: 'Noto Sans CJK SC'" in page
    assert re.search(r"url\(data:font/woff;base64,[A-Za-z0-9+/=]{1000,}\)", page)


def test_failing_notebook_is_named(tmp_path, corpus):
    broken = _notebook([new_markdown_cell("# 坏"), new_code_cell("1 / 0")], tmp_path / "09_broken.ipynb")
    with pytest.raises(report.ReportError, match=r"09_broken\.ipynb failed .*ZeroDivisionError"):
        report.build_report(corpus, output=tmp_path / "r.html", notebooks=[broken], timeout=60)
    assert not (tmp_path / "r.html").exists()
    assert issubclass(report.ReportError, CorpusToolsError)


def test_bad_paths_say_what_is_missing(tmp_path, corpus, notebooks):
    with pytest.raises(InputError, match="corpus path .*nowhere.* does not exist"):
        report.build_report(tmp_path / "nowhere", output=tmp_path / "r.html", notebooks=notebooks)
    with pytest.raises(InputError, match="output folder"):
        report.build_report(corpus, output=tmp_path / "no" / "r.html", notebooks=notebooks)
    with pytest.raises(InputError, match="notebook .*missing.ipynb.* does not exist"):
        report.build_report(corpus, output=tmp_path / "r.html", notebooks=[tmp_path / "missing.ipynb"])


def test_fragment_is_deterministic(notebooks, corpus, tmp_path):
    executed = report.execute_notebook(notebooks[1], corpus, output=tmp_path / "x.ipynb", timeout=60)
    first = report.notebook_fragment(executed, name="kw")
    assert first == report.notebook_fragment(executed, name="kw")
    assert 'id="kw-plot-1"' in first and 'id="kw-plot-2"' in first


@pytest.mark.slow
def test_shipped_notebooks_run_on_another_corpus(tmp_path, data_dir):
    """A user's folder: one traditional-script article without a publisher, one short notice,
    no Hong Kong/Shanghai pair to compare, no money."""
    corpus = tmp_path / "mine"
    corpus.mkdir()
    (corpus / "article.txt").write_text(
        (data_dir / "004_6bcdac202017c94e.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (corpus / "notice.txt").write_text("通知\n\n请各单位于本周内提交材料。\n", encoding="utf-8")
    page = report.build_report(corpus, output=tmp_path / "mine.html").read_text(encoding="utf-8")
    sections = re.findall(r'<section class="report-section" id="([^"]+)"', page)
    assert sections == [p.stem for p in report.default_notebooks()]
    assert "Comparing publisher = 网易号 (1 document) with the other 1 document, 1 of them without a publisher" \
        in page
    assert "1 of 2 documents lack a title, a date or a publisher" in page or \
        "2 of 2 documents lack a title, a date or a publisher" in page
    assert "no money figures" in page
    assert str(corpus) in page and "000_3615f49ca4e62b93" not in page  # really this corpus


def test_the_shipped_notebooks_run_on_a_corpus_unlike_the_sample(tmp_path):
    """No figures of most kinds, no dates, no organisations named together, an English file and a
    skipped one: every notebook must still run (a chart says what is missing instead of failing)."""
    folder = tmp_path / "odd"
    folder.mkdir()
    (folder / "a.txt").write_text("今天天气很好。我们去公园散步。\n", encoding="utf-8")
    (folder / "b.txt").write_text("會議討論了合作事宜，約有20人出席。\n", encoding="big5")
    (folder / "c.txt").write_text("Hello world. English only.\n", encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    path = report.build_report(folder, output=tmp_path / "r.html", timeout=300)
    html = path.read_text(encoding="utf-8")
    assert html.count('class="plotly-graph-div') >= 5  # (a failing cell raises, naming notebook and cell)
    assert "a.txt" in html and "empty.txt" in html  # the load report lists every file


# ---------------------------------------------------------------- the user's question

QUESTION = 'BY = "publisher"\nTARGET = None\nTERMS = None\nTABLES = None'


@pytest.fixture(scope="module")
def question_notebook(tmp_path_factory) -> Path:
    """A notebook that declares the question's parameters, prints them and exports a table."""
    folder = tmp_path_factory.mktemp("question")
    nb = new_notebook(cells=[
        new_markdown_cell("# 问题"),
        new_code_cell(f'CORPUS = "../data"\n{QUESTION}', metadata={"tags": ["parameters"]}),
        new_code_cell('print(f"BY={BY} TARGET={TARGET} TERMS={TERMS}")'),
        new_code_cell('import pandas as pd\nimport corpus_tools as ct\n'
                      'ct.export_tables({"terms": pd.DataFrame({"term": TERMS or []})}, TABLES)'),
    ], metadata={"kernelspec": {"name": "python3", "language": "python", "display_name": "Python 3"}})
    path = folder / "01_question.ipynb"
    nbformat.write(nb, path)
    return path


def test_question_reaches_notebooks_and_tables_are_linked(tmp_path, corpus, question_notebook, notebooks):
    out = tmp_path / "mine.html"
    report.build_report(corpus, output=out, by="doc_type", target="article", terms="细胞治疗，沪港",
                        title="我的报告", notebooks=[question_notebook, notebooks[0]], timeout=120)
    page = out.read_text(encoding="utf-8")
    assert "BY=doc_type TARGET=article TERMS=[&#x27;细胞治疗&#x27;, &#x27;沪港&#x27;]" in page \
        or "BY=doc_type TARGET=article TERMS=['细胞治疗', '沪港']" in page
    assert "<title>我的报告</title>" in page and "<h1>我的报告</h1>" in page
    table = tmp_path / "mine_tables" / "terms.csv"
    assert table.read_text(encoding="utf-8") == "\ufeffterm\n细胞治疗\n沪港\n"
    assert (tmp_path / "mine_tables" / "terms.xlsx").is_file()
    assert 'href="mine_tables/terms.csv"' in page
    # the first notebook declares only CORPUS: it ran without the others (papermill got no unknown names)
    assert "2 files: " in page


def test_without_tables_only_the_page_and_its_build_are_written(tmp_path, corpus, question_notebook):
    report.build_report(corpus, output=tmp_path / "r.html", notebooks=[question_notebook], tables=False,
                        timeout=120, workers=1)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.html", "r_build"]
    built = ct.open_build(tmp_path / "r_build")  # what the notebooks read: the corpus, built once
    assert sorted(built.documents()["doc_id"]) == sorted(ct.load_corpus(corpus)["doc_id"])
    again = ct.build(corpus, tmp_path / "r_build", workers=1, progress=False)
    assert again.summary["processed"] == 0  # a second report reuses the build


@pytest.mark.parametrize("kwargs, message", [
    ({"by": ""}, "'by' must be a non-empty string"),
    ({"terms": " , "}, "'terms' must be words"),
    ({"terms": ["细胞治疗", 3]}, "'terms' must be strings"),
])
def test_bad_question_is_refused_before_running(tmp_path, corpus, question_notebook, kwargs, message):
    with pytest.raises(InputError, match=message):
        report.build_report(corpus, output=tmp_path / "r.html", notebooks=[question_notebook], **kwargs)


def _documents(publishers: list) -> "pd.DataFrame":
    import pandas as pd

    return pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(publishers))], "publisher": publishers,
                         "date": ["2023-03-31", "2022-08-26", None, "2023-01-18"][:len(publishers)]})


def test_grouping_defaults_to_the_largest_group_against_all_others():
    docs = _documents(["上海市科学技术委员会", "香港科技园公司", None, "香港科技园公司"])
    g = report.grouping(docs)
    assert g.target == "香港科技园公司" and g.missing == 1
    assert g.sizes.to_dict() == {"香港科技园公司": 2, "上海市科学技术委员会": 1}
    assert g.side.tolist() == [g.OTHERS, "香港科技园公司", g.OTHERS, "香港科技园公司"]
    assert g.message.startswith("Comparing publisher = 香港科技园公司 (2 documents) with the other 2 documents, "
                                "1 of them without a publisher")
    assert g.table()["publisher"].tolist() == ["香港科技园公司", "上海市科学技术委员会", "(no publisher)"]
    assert g.largest(1) == ["香港科技园公司"]


def test_grouping_by_year_a_chosen_target_and_nothing_to_compare():
    docs = _documents(["a", "b", "c", "d"])
    by_year = report.grouping(docs, by="year", target="2022")
    assert by_year.target == "2022" and by_year.sizes.to_dict() == {"2023": 2, "2022": 1}
    single = report.grouping(_documents(["香港科技园公司", "香港科技园公司"]))
    assert single.target is None and single.side is None
    assert "all 2 documents are in one group" in single.message
    none = report.grouping(_documents([None, None]))
    assert none.target is None and "no document has a value" in none.message
    with pytest.raises(InputError, match=r"target='北京' is not a value of column 'publisher'"):
        report.grouping(docs, target="北京")
    with pytest.raises(InputError, match=r"by='region' is not a column"):
        report.grouping(docs, by="region")


def test_default_terms_are_the_corpus_top_keywords():
    import pandas as pd

    docs = pd.DataFrame({"doc_id": ["a", "b"], "text": ["细胞治疗产业。细胞治疗研究。", "细胞治疗与生物医药。生物医药。"]})
    assert report.default_terms(docs, n=2) == ["细胞治疗", "生物医药"]
