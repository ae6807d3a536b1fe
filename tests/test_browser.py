"""The report opened in headless Chromium: charts drawn, no JavaScript errors, nothing wider than the page.

Two reports are built once per session through the command line: ``corpus-tools
report data -o ...`` (the README's main command, default question) and the dev
corpus with the user's own question (``--by publisher --terms ... --title ...``).
Screenshots land in ``artifacts/`` (gitignored) for a person to look at.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from corpus_tools import cli

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
# no sandbox (containers, root), and nothing that reaches for the network
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


DEV_QUESTION = ["--by", "publisher", "--terms", "融资,专精特新", "--title", "开发语料 dev corpus"]


@pytest.fixture(scope="session", params=["data", "dev"])
def report_file(request, tmp_path_factory, data_dir, test_data_dir) -> Path:
    out = tmp_path_factory.mktemp(f"browser-{request.param}") / "report.html"
    if request.param == "data":
        argv = ["report", str(data_dir), "-o", str(out)]
    else:
        argv = ["report", str(test_data_dir / "dev" / "docs"), "-o", str(out), *DEV_QUESTION]
    assert cli.main(argv) == 0
    return out


@pytest.fixture(scope="session")
def rendered(report_file) -> dict:
    """What Chromium shows: plotly divs, drawn charts, errors, requests; screenshots saved."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser` (Debian's chromium package)")
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    errors: list[str] = []
    requests: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            page.on("console", lambda m: errors.append(f"console: {m.text}") if m.type == "error" else None)
            page.on("pageerror", lambda exc: errors.append(f"pageerror: {exc}"))
            page.on("request", lambda r: requests.append(r.url))
            page.goto(report_file.as_uri(), wait_until="load")
            page.wait_for_function(
                "() => [...document.querySelectorAll('.plotly-graph-div')]"
                ".every(d => d.querySelector('.main-svg'))", timeout=60_000)
            result = page.evaluate("""() => {
                const divs = [...document.querySelectorAll('.plotly-graph-div')];
                return {
                    ids: divs.map(d => d.id),
                    drawn: divs.filter(d => d.classList.contains('js-plotly-plot')
                                         && d.querySelector('.main-svg')
                                         && d.getBoundingClientRect().height > 100).length,
                    marks: divs.map(d => d.querySelectorAll(
                        '.point, .bars path, .heatmaplayer image, .scatterlayer .lines path').length),
                    images: [...document.images].filter(i => i.complete && i.naturalWidth > 0).length,
                    cjkFont: document.fonts.check('16px "Noto Sans CJK SC"', '细胞治疗'),
                    pageWidth: document.documentElement.scrollWidth,
                    viewWidth: document.documentElement.clientWidth,
                    wideSections: [...document.querySelectorAll('.report-section')]
                        .filter(s => s.scrollWidth > s.clientWidth + 1).map(s => s.id),
                };
            }""")
            name = report_file.parent.name.split("-")[1].rstrip("0123456789")
            page.screenshot(path=str(ARTIFACTS / f"report_{name}_top.png"))
            page.locator(".plotly-graph-div").first.screenshot(
                path=str(ARTIFACTS / f"report_{name}_first_chart.png"))
        finally:
            browser.close()
    return {**result, "errors": errors, "requests": requests}


def test_every_chart_is_drawn(rendered, report_file):
    html = report_file.read_text(encoding="utf-8")
    expected = re.findall(r'<div (?=[^>]*class="plotly-graph-div")[^>]*id="([^"]+)"', html)
    assert len(expected) >= 8  # the four notebooks draw at least eight charts
    assert rendered["ids"] == expected
    assert rendered["drawn"] == len(expected)
    assert all(n > 0 for n in rendered["marks"]), dict(zip(rendered["ids"], rendered["marks"]))


def test_no_javascript_errors(rendered):
    assert rendered["errors"] == []


def test_nothing_is_fetched_from_the_network(rendered):
    remote = [u for u in rendered["requests"] if not u.startswith(("file:", "data:", "blob:"))]
    assert remote == []


def test_word_clouds_and_chinese_glyphs_render(rendered):
    assert rendered["images"] >= 1
    assert rendered["cjkFont"] is True


def test_screenshots_are_saved(rendered, report_file):
    name = report_file.parent.name.split("-")[1].rstrip("0123456789")
    for shot in (ARTIFACTS / f"report_{name}_top.png", ARTIFACTS / f"report_{name}_first_chart.png"):
        assert shot.is_file() and shot.stat().st_size > 5_000, shot


def test_nothing_is_wider_than_the_page(rendered):
    """Wide tables (keywords per document, the document summary) scroll inside their section."""
    assert rendered["pageWidth"] <= rendered["viewWidth"]
    assert rendered["wideSections"] == []


def test_data_quality_section_and_downloads(report_file):
    html = report_file.read_text(encoding="utf-8")
    assert re.findall(r'<section class="report-section" id="([^"]+)"', html)[0] == "00_data_quality"
    for heading in ("Documents lacking a title, date or publisher", "Figures the charts leave out",
                    "One row per document"):
        assert heading in html
    links = re.findall(r'<a [^>]*href="(report_tables/[^"]+)"', html)
    assert {"report_tables/documents.csv", "report_tables/figures.xlsx",
            "report_tables/keyness.csv", "report_tables/entities.csv"} <= set(links)
    assert all((report_file.parent / link).is_file() for link in links)
    summary = (report_file.parent / "report_tables" / "documents.csv").read_text(encoding="utf-8")
    assert summary.startswith("\ufeffdoc_id,title,date,publisher,doc_type,n_chars,n_figures")


def test_the_users_question_reaches_the_report(report_file):
    html = report_file.read_text(encoding="utf-8")
    if "browser-dev" in report_file.parent.name:
        assert "<title>开发语料 dev corpus</title>" in html
        assert "Terms: 融资, 专精特新" in html
        assert "Comparing publisher = 国务院 (4 documents) with the other 39 documents" in html
    else:  # the defaults: the largest publisher, the corpus's top keywords
        assert "Comparing publisher = 香港科技园公司 (2 documents)" in html
        assert "Terms: 创新, 生物医药" in html
