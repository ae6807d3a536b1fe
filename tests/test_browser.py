"""The report on data/, opened in headless Chromium: charts drawn, no JavaScript errors.

The report is built once per session through the command line (``corpus-tools
report data -o ...``), so this also checks the README's main command. Screenshots
land in ``artifacts/`` (gitignored) for a person to look at.
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


@pytest.fixture(scope="session")
def report_file(tmp_path_factory, data_dir) -> Path:
    out = tmp_path_factory.mktemp("browser") / "report.html"
    assert cli.main(["report", str(data_dir), "-o", str(out)]) == 0
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
                };
            }""")
            page.screenshot(path=str(ARTIFACTS / "report_top.png"))
            page.locator(".plotly-graph-div").first.screenshot(path=str(ARTIFACTS / "report_first_chart.png"))
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


def test_screenshots_are_saved(rendered):
    for name in ("report_top.png", "report_first_chart.png"):
        shot = ARTIFACTS / name
        assert shot.is_file() and shot.stat().st_size > 5_000, name
