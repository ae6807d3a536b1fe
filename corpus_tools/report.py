"""One-command HTML report: run the notebooks on a corpus, write one offline page.

:func:`build_report` executes each notebook with papermill, passing the
user's question as the notebooks' parameters (``CORPUS``: the corpus folder;
``BY``: the documents column that groups them; ``TARGET``: the group compared
with the others; ``TERMS``: the words to find in context; ``TABLES``: the
folder the notebooks write their tables into, for download), converts the executed notebooks
with nbconvert (code hidden), and assembles a single self-contained HTML file:
plotly.js is inlined once, every chart is a plotly div drawn from the
notebook's stored figure JSON, images are data URIs, and the CJK glyphs the
page uses are embedded as a subset of Noto Sans CJK SC, so the report reads
the same offline and on machines without Chinese fonts.

The pieces are public so a notebook or a script can reuse them:
:func:`execute_notebook`, :func:`notebook_fragment`, :func:`assemble_html`;
:func:`grouping` and :func:`default_terms` turn the parameters into the
groups and words a notebook works on.
"""
from __future__ import annotations

import base64
import copy
import functools
import html
import io
import re
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import nbformat
import pandas as pd

from .errors import CorpusToolsError, InputError

__all__ = [
    "NOTEBOOK_DIR",
    "PLOTLY_MIMETYPE",
    "Grouping",
    "ReportConfig",
    "ReportError",
    "assemble_html",
    "build_report",
    "default_notebooks",
    "default_terms",
    "execute_notebook",
    "grouping",
    "notebook_fragment",
    "tables_folder",
]

#: The numbered notebooks shipped with the project (``notebooks/`` beside the package).
NOTEBOOK_DIR = Path(__file__).resolve().parent.parent / "notebooks"
#: Output type plotly's ``plotly_mimetype`` renderer stores in a notebook.
PLOTLY_MIMETYPE = "application/vnd.plotly.v1+json"

_STYLE_BLOCK = re.compile(r"<style[^>]*>.*?</style>", re.DOTALL)
_MAIN_BLOCK = re.compile(r"<main>(.*)</main>", re.DOTALL)
_HEADING = re.compile(r"^#{1,2}\s+(.+?)\s*#*\s*$", re.MULTILINE)
_JSON_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")

_PAGE_CSS = """
:root {{
  --jp-content-font-family: {fonts};
  --jp-ui-font-family: {fonts};
  --jp-code-font-family: "DejaVu Sans Mono", Menlo, Consolas, {fonts};
}}
body {{ margin: 0; background: #fff; }}
.report-header {{ max-width: 1100px; margin: 0 auto; padding: 24px 20px 8px;
  font-family: {fonts}; }}
.report-header h1 {{ margin: 0 0 6px; font-size: 26px; }}
.report-header p {{ margin: 2px 0; color: #555; }}
.report-toc ol {{ margin: 10px 0 0; padding-left: 22px; }}
.report-section {{ max-width: 1100px; margin: 0 auto; padding: 8px 20px 24px;
  border-top: 1px solid #ddd; }}
.report-section .plotly-graph-div {{ margin: 8px 0 16px; }}
.report-section img {{ max-width: 100%; height: auto; }}
/* a wide table scrolls inside the page instead of widening it */
.report-section .jp-RenderedHTMLCommon table {{ display: block; max-width: 100%; overflow-x: auto; }}
.report-section .jp-RenderedHTMLCommon td {{ white-space: normal; max-width: 40em; }}
.report-downloads ul {{ margin: 4px 0 12px; }}
"""


class ReportError(CorpusToolsError):
    """A notebook failed while building the report."""


@dataclass(frozen=True)
class ReportConfig:
    """How the report is built.

    Attributes:
        title: heading and ``<title>`` of the page.
        parameter: name of the notebooks' corpus parameter (in their ``parameters`` cell).
        kernel_name: Jupyter kernel that runs the notebooks; ``python3`` runs in the
            interpreter that builds the report.
        hide_tags: cells with one of these tags are left out of the page (the
            parameters papermill injects, checks that only matter under nbval).
        embed_font: embed the CJK glyphs the page uses (a subset of Noto Sans CJK SC).
        font_family: CSS font-family list of the page's text.
    """

    title: str = "Corpus report"
    parameter: str = "CORPUS"
    kernel_name: str = "python3"
    hide_tags: tuple[str, ...] = ("parameters", "injected-parameters", "report-hide")
    embed_font: bool = True
    font_family: str = ('"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", '
                        '"Microsoft YaHei", sans-serif')


_DEFAULT = ReportConfig()


def default_notebooks() -> list[Path]:
    """The numbered notebooks (``01_*.ipynb`` ...) in :data:`NOTEBOOK_DIR`, in order.

    >>> NOTEBOOK_DIR.name
    'notebooks'
    """
    found = sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))
    if not found:
        raise InputError(f"no numbered notebooks (NN_name.ipynb) in {NOTEBOOK_DIR}; "
                         "pass notebooks=[...] to build_report")
    return found


def execute_notebook(notebook: str | Path, corpus: str | Path, *, output: str | Path,
                     parameters: Mapping[str, object] | None = None, timeout: int = 600,
                     config: ReportConfig = _DEFAULT) -> nbformat.NotebookNode:
    """Run one notebook top to bottom with ``corpus`` as its corpus parameter.

    The kernel starts in the notebook's folder, as under nbval and Jupyter, so
    the notebook's default (relative) corpus path means the same in every case.

    Args:
        notebook: the ``.ipynb`` file.
        corpus: folder (or file) the notebook should analyse.
        output: where the executed notebook is written.
        parameters: more parameters (``BY``, ``TARGET`` ...); those the notebook's
            ``parameters`` cell does not declare are not passed to it.
        timeout: seconds allowed per cell.
        config: report options (parameter and kernel names).

    Returns:
        The executed notebook.

    Raises:
        ReportError: a cell raised; the message names the notebook and the error.
    """
    import papermill
    from papermill.exceptions import PapermillExecutionError

    notebook = Path(notebook).resolve()
    declared = set(papermill.inspect_notebook(str(notebook)))
    passed = {name: value for name, value in (parameters or {}).items() if name in declared}
    passed[config.parameter] = str(Path(corpus).resolve())
    try:
        return papermill.execute_notebook(
            str(notebook), str(output), parameters=passed,
            cwd=str(notebook.parent), kernel_name=config.kernel_name, progress_bar=False,
            log_output=False, request_save_on_cell_execute=False, execution_timeout=timeout)
    except PapermillExecutionError as exc:
        raise ReportError(f"notebook {notebook.name} failed on corpus {corpus} in cell "
                          f"{exc.exec_count}: {exc.ename}: {exc.evalue}") from exc


def _plotly_html(figure: dict, div_id: str) -> str:
    import plotly.io as pio

    # a fixed height: "100%" of a notebook output area collapses to nothing
    height = figure.get("layout", {}).get("height") or 450
    return pio.to_html(figure, include_plotlyjs=False, full_html=False, div_id=div_id,
                       validate=False, default_height=f"{height}px", default_width="100%",
                       config={"displaylogo": False, "responsive": True,
                               **figure.get("config", {})})


def _prepare(notebook: nbformat.NotebookNode, *, name: str, config: ReportConfig) -> nbformat.NotebookNode:
    """Copy of the notebook ready for HTML: hidden cells and stderr out, plotly as divs."""
    nb = copy.deepcopy(notebook)
    cells, n_plots = [], 0
    for cell in nb.cells:
        if set(cell.get("metadata", {}).get("tags", [])) & set(config.hide_tags):
            continue
        if cell.cell_type == "code":
            outputs = []
            for out in cell.get("outputs", []):
                if out.get("output_type") == "stream" and out.get("name") == "stderr":
                    continue  # engine logs and progress bars are not part of the findings
                data = out.get("data", {})
                if PLOTLY_MIMETYPE in data:
                    n_plots += 1
                    out["data"] = {"text/html": _plotly_html(data[PLOTLY_MIMETYPE],
                                                             f"{name}-plot-{n_plots}")}
                outputs.append(out)
            cell["outputs"] = outputs
        cells.append(cell)
    nb.cells = cells
    return nb


def _export(notebook: nbformat.NotebookNode) -> str:
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="lab", exclude_input=True, exclude_input_prompt=True,
                            exclude_output_prompt=True, embed_images=True)
    body, _ = exporter.from_notebook_node(notebook)
    return body


def notebook_fragment(notebook: nbformat.NotebookNode, *, name: str,
                      config: ReportConfig = _DEFAULT) -> str:
    """HTML of an executed notebook's cells, code hidden, for one section of the report.

    Plotly outputs (:data:`PLOTLY_MIMETYPE`) become divs with ids
    ``{name}-plot-{n}`` that expect plotly.js on the page; cells tagged with one
    of ``config.hide_tags`` and stderr output are left out.

    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# 细胞治疗")])
    >>> fragment = notebook_fragment(nb, name="demo")
    >>> "<h1" in fragment and "细胞治疗<a" in fragment
    True
    """
    page = _export(_prepare(notebook, name=name, config=config))
    match = _MAIN_BLOCK.search(page)
    if match is None:
        raise ReportError(f"nbconvert's output for {name} has no <main> element; "
                          "the installed nbconvert's lab template is not the expected one")
    return match.group(1).strip()


@functools.lru_cache(maxsize=1)
def _notebook_css() -> str:
    """The stylesheet nbconvert's lab template inlines (no scripts, no URLs)."""
    empty = nbformat.v4.new_notebook()
    return "\n".join(_STYLE_BLOCK.findall(_export(empty)))


def _embedded_font_css(text: str, family: str) -> str:
    """``@font-face`` rule with the glyphs of ``text`` from the CJK font, as a data URI."""
    from fontTools import subset

    from .charts import cjk_font_path

    chars = set(text) | {chr(int(h, 16)) for h in _JSON_ESCAPE.findall(text)}
    wanted = "".join(sorted(ch for ch in chars if ord(ch) >= 0x20))
    options = subset.Options()
    options.flavor = "woff"  # zlib-compressed; woff2 would need brotli
    options.hinting = False
    options.layout_features = ["*"]
    buffer = io.BytesIO()
    with subset.load_font(str(cjk_font_path()), options, lazy=True) as font:
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=wanted)
        subsetter.subset(font)
        subset.save_font(font, buffer, options)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return (f"@font-face {{ font-family: '{family}'; font-style: normal; font-weight: 400 700;"
            f" src: url(data:font/woff;base64,{data}) format('woff'); }}")


def _plotly_js() -> str:
    from plotly.offline import get_plotlyjs

    return get_plotlyjs()


def assemble_html(sections: Sequence[tuple[str, str, str]], *, corpus: str,
                  config: ReportConfig = _DEFAULT) -> str:
    """One self-contained page from notebook fragments.

    Args:
        sections: ``(anchor, heading, fragment_html)`` per notebook, in order.
        corpus: the corpus path, shown in the header.
        config: title, fonts.

    Returns:
        The page: nbconvert's stylesheet, plotly.js inlined once in ``<head>``,
        a table of contents, one ``<section>`` per notebook.

    >>> page = assemble_html([("a", "概览", "<p>细胞治疗</p>")], corpus="data",
    ...                      config=ReportConfig(embed_font=False))
    >>> page.count("<section"), "src=\\"http" in page
    (1, False)
    """
    from . import __version__

    toc = "".join(f'<li><a href="#{html.escape(a)}">{html.escape(h)}</a></li>' for a, h, _ in sections)
    body = "".join(f'<section class="report-section" id="{html.escape(a)}">{fragment}</section>'
                   for a, _, fragment in sections)
    header = (f'<header class="report-header"><h1>{html.escape(config.title)}</h1>'
              f"<p>Corpus: <code>{html.escape(corpus)}</code></p>"
              f"<p>Made with corpus_tools {html.escape(__version__)}: each section is a notebook "
              f"run on this corpus; hover over a chart for details.</p>"
              f'<nav class="report-toc"><ol>{toc}</ol></nav></header>')
    family = config.font_family.split(",")[0].strip().strip('"')
    font_css = _embedded_font_css(header + body, family) if config.embed_font else ""
    page_css = _PAGE_CSS.format(fonts=config.font_family)
    return "\n".join([
        "<!DOCTYPE html>",
        '<html lang="zh">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1.0">',
        f"<title>{html.escape(config.title)}</title>",
        f"<style>{font_css}</style>" if font_css else "",
        _notebook_css(),
        f"<style>{page_css}</style>",
        '<script type="text/javascript">window.PlotlyConfig = {MathJaxConfig: "local"};</script>',
        f'<script type="text/javascript">{_plotly_js()}</script>',
        "</head>",
        '<body class="jp-Notebook" data-jp-theme-light="true" data-jp-theme-name="JupyterLab Light">',
        header,
        f"<main>{body}</main>",
        "</body>",
        "</html>",
        "",
    ])


def _heading(notebook: nbformat.NotebookNode, fallback: str) -> str:
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            match = _HEADING.search(cell.source)
            if match:
                return match.group(1)
    return fallback


def tables_folder(output: str | Path) -> Path:
    """The folder beside a report's HTML file that holds its tables (CSV, XLSX).

    >>> tables_folder("out/report.html").as_posix()
    'out/report_tables'
    """
    out = Path(output)
    return out.with_name(f"{out.stem}_tables")


def build_folder(output: str | Path) -> Path:
    """The folder beside a report's HTML file that holds the corpus's build (Parquet tables).

    >>> build_folder("out/report.html").as_posix()
    'out/report_build'
    """
    out = Path(output)
    return out.with_name(f"{out.stem}_build")


def build_report(path: str | Path, *, output: str | Path = "report.html", by: str = "publisher",
                 target: str | None = None, terms: Sequence[str] | str | None = None,
                 title: str | None = None, tables: bool = True, build_dir: str | Path | None = None,
                 workers: int | None = None, notebooks: Sequence[str | Path] | None = None,
                 timeout: int = 600, config: ReportConfig = _DEFAULT) -> Path:
    """Run the notebooks on a corpus and write one self-contained HTML report.

    The question is the user's: ``by``, ``target`` and ``terms`` reach the
    notebooks as their ``BY``, ``TARGET`` and ``TERMS`` parameters, as
    ``corpus-tools report PATH --by ... --target ... --terms T1,T2`` passes them.
    The corpus is built once (:func:`corpus_tools.build`: worker processes, Parquet
    tables, incremental on a re-run) and every notebook reads that build (``BUILD``),
    so no notebook loads and analyses the corpus again.

    Args:
        path: the corpus folder (or file, or anything the notebooks' loader accepts).
        output: the HTML file to write; its folder must exist.
        by: documents column that groups the documents (``publisher``, ``doc_type``,
            ``year`` — derived from ``date`` —, a column of a ``metadata.csv`` ...).
        target: the group compared with all other documents (keyness, word clouds);
            default: the largest group; with a single group the comparison is skipped
            and the report says why.
        terms: words to show in context (KWIC), as a list or comma-separated;
            default: the corpus's top keywords.
        title: heading of the page (default: ``config.title``).
        tables: write the tables as CSV and XLSX into :func:`tables_folder` and link
            them from the page.
        build_dir: where to build the corpus (default: :func:`build_folder` beside
            the report); a build there from an earlier run is updated, not redone.
        workers: worker processes of the build (default: all cores).
        notebooks: notebooks to run, in order (default: :func:`default_notebooks`).
        timeout: seconds allowed per notebook cell.
        config: report options.

    Returns:
        The path of the written report.

    Raises:
        InputError: the corpus, a notebook or the output folder does not exist.
        ReportError: a notebook failed on this corpus.
    """
    corpus = Path(path).expanduser()
    if not corpus.exists():
        raise InputError(f"corpus path {str(path)!r} does not exist; pass a folder of documents")
    out = Path(output).expanduser()
    if not out.parent.is_dir():
        raise InputError(f"output folder {str(out.parent)!r} does not exist (output={str(output)!r})")
    chosen = [Path(p) for p in notebooks] if notebooks is not None else default_notebooks()
    for notebook in chosen:
        if not notebook.is_file():
            raise InputError(f"notebook {str(notebook)!r} does not exist")
    if title is not None:
        config = replace(config, title=str(title))
    parameters = {"BY": _text_option("by", by), "TARGET": _text_option("target", target, optional=True),
                  "TERMS": _terms(terms), "TABLES": str(tables_folder(out).resolve()) if tables else None}
    from .streaming import build

    store = Path(build_dir).expanduser() if build_dir is not None else build_folder(out)
    parameters["BUILD"] = str(build(corpus, store, workers=workers, progress=False).path.resolve())
    sections = []
    with tempfile.TemporaryDirectory(prefix="corpus-report-") as tmp:
        for notebook in chosen:
            executed = execute_notebook(notebook, corpus, output=Path(tmp) / notebook.name,
                                        parameters=parameters, timeout=timeout, config=config)
            anchor = re.sub(r"[^0-9A-Za-z_-]+", "-", notebook.stem)
            sections.append((anchor, _heading(executed, notebook.stem),
                             notebook_fragment(executed, name=anchor, config=config)))
    page = assemble_html(sections, corpus=str(corpus.resolve()), config=config)
    out.write_text(page, encoding="utf-8")
    return out.resolve()


def _text_option(name: str, value: object, *, optional: bool = False) -> str | None:
    if value is None and optional:
        return None
    if not isinstance(value, str) or not value.strip():
        raise InputError(f"{name!r} must be a non-empty string (got {value!r})")
    return value.strip()


def _terms(terms: Sequence[str] | str | None) -> list[str] | None:
    """``"细胞治疗,沪港"`` or a list -> a list of words (None: let the notebooks choose)."""
    if terms is None:
        return None
    items = re.split(r"[,，、]", terms) if isinstance(terms, str) else list(terms)
    if not all(isinstance(t, str) for t in items):
        raise InputError(f"'terms' must be strings (got {terms!r})")
    words = [t.strip() for t in items if t.strip()]
    if not words:
        raise InputError(f"'terms' must be words, as a list or separated by commas (got {terms!r})")
    return list(dict.fromkeys(words))


# ---------------------------------------------------------------- the user's question

_NO_GROUP = "<NA>"


@dataclass(frozen=True)
class Grouping:
    """How the documents split by one column, and which group is compared with the rest.

    Attributes:
        by: the documents column.
        sizes: documents per group (largest first, then by name); documents
            without a value are not a group.
        missing: documents without a value in ``by``.
        target: the group compared with all other documents, or None when there
            is nothing to compare (see ``message``).
        side: per document (aligned with the documents' index), ``target`` or
            ``"other documents"``; None without a target.
        message: one sentence saying what is compared, or why nothing is.
    """

    by: str
    sizes: pd.Series
    missing: int
    target: str | None
    side: pd.Series | None
    message: str

    #: Name of the reference side: every document outside the target group.
    OTHERS = "other documents"

    def largest(self, n: int) -> list[str]:
        """The ``n`` largest groups, largest first."""
        return [str(g) for g in self.sizes.index[:n]]

    def table(self) -> pd.DataFrame:
        """Documents per group, largest first (documents without a value last)."""
        frame = self.sizes.rename("documents").rename_axis(self.by).reset_index()
        if self.missing:
            frame = pd.concat([frame, pd.DataFrame({self.by: [f"(no {self.by})"],
                                                    "documents": [self.missing]})], ignore_index=True)
        return frame

    def _repr_html_(self) -> str:
        return f"<p>{html.escape(self.message)}</p>" + self.table().head(20).to_html(index=False)

    def __repr__(self) -> str:
        return f"{self.message}\n{self.table().head(20).to_string(index=False)}"


def _group_column(documents: pd.DataFrame, by: str) -> pd.Series:
    if not isinstance(documents, pd.DataFrame):
        raise InputError(f"grouping: expected the documents table (got {type(documents).__name__})")
    from .keywords import group_column

    values = group_column(documents, by, what="grouping").str.strip()
    return values.mask(values == "")


def grouping(documents: pd.DataFrame, *, by: str = "publisher", target: str | None = None) -> Grouping:
    """The groups of ``documents`` by column ``by`` and the group compared with the others.

    Args:
        documents: the documents table.
        by: the grouping column (``year`` is derived from ``date`` when absent).
        target: the group to compare with all other documents; default: the
            largest group (ties: the first by name). Nothing is compared when all
            documents fall in one group.

    Raises:
        InputError: ``by`` is not a column, or ``target`` is not one of its values.

    >>> docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "publisher": ["香港科技园公司", "香港科技园公司", None]})
    >>> g = grouping(docs, by="publisher")
    >>> g.target, g.side.tolist()
    ('香港科技园公司', ['香港科技园公司', '香港科技园公司', 'other documents'])
    """
    values = _group_column(documents, by)
    counts = values.dropna().value_counts()
    sizes = counts.iloc[sorted(range(len(counts)), key=lambda i: (-int(counts.iloc[i]), str(counts.index[i])))]
    sizes = pd.Series([int(v) for v in sizes], index=[str(k) for k in sizes.index], dtype="int64", name=by)
    missing = int(values.isna().sum())
    n = len(values)
    if target is not None:
        target = str(target).strip()
        if target not in sizes.index:
            raise InputError(f"grouping: target={target!r} is not a value of column {by!r} "
                             f"(largest groups: {list(sizes.index[:10])})")
    elif len(sizes) and n - int(sizes.iloc[0]) > 0:
        target = str(sizes.index[0])
    if target is None or n - int(sizes[target]) == 0:
        why = ("no document has a value in this column" if not len(sizes) else
               f"all {n} documents are in one group ({sizes.index[0]})")
        return Grouping(by, sizes, missing, None, None,
                        f"Nothing to compare by {by!r}: {why}. Choose another column with --by "
                        f"(publisher, doc_type, year ...).")
    inside = int(sizes[target])
    side = pd.Series(values.eq(target).fillna(False).to_numpy(), index=documents.index).map(
        {True: target, False: Grouping.OTHERS}).astype("string")
    without = f", {missing} of them without a {by}" if missing else ""
    message = (f"Comparing {by} = {target} ({inside} document{'s' if inside != 1 else ''}) with the "
               f"other {n - inside} document{'s' if n - inside != 1 else ''}{without}; "
               f"{len(sizes)} group{'s' if len(sizes) != 1 else ''} in all.")
    return Grouping(by, sizes, missing, target, side, message)


def default_terms(documents: pd.DataFrame, *, tokens: pd.DataFrame | None = None, n: int = 2) -> list[str]:
    """The corpus's ``n`` top keywords (TF-IDF over all documents): words worth reading in context.

    >>> docs = pd.DataFrame({"doc_id": ["a"], "text": ["细胞治疗产业。细胞治疗研究。生物医药。"]})
    >>> default_terms(docs, n=1)
    ['细胞治疗']
    """
    from .keywords import top_keywords

    found = top_keywords(documents, by=None, top=n, tokens=tokens)
    return [str(k) for k in found["keyword"]]
