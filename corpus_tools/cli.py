"""Command-line interface: ``corpus-tools SUBCOMMAND PATH [options]``.

Every subcommand prints or writes one table with the same output options
(``--format table|csv|jsonl|parquet|xlsx``, ``--excel`` for a CSV that Excel
opens as UTF-8, and ``-o FILE``); progress and summaries go to stderr so that
stdout stays a clean table.

Exit status: 0 when at least one document was loaded; 1 when ``load`` found no
loadable document (its table or report is still written); 2 on an error, which
includes any other subcommand given a path where no document could be loaded.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Callable, Sequence

import pandas as pd

from .errors import CorpusToolsError

__all__ = ["main", "write_table"]

FORMATS = ("table", "csv", "jsonl", "parquet", "xlsx")
LONG_TEXT_COLUMNS = ("text_raw", "text")


def write_table(frame: pd.DataFrame, *, fmt: str, output: str | None,
                drop_in_table: Sequence[str] = (), excel: bool = False) -> None:
    """Write ``frame`` to ``output`` (stdout when None) in format ``fmt``.

    ``excel=True`` writes CSV with a UTF-8 byte-order mark (``fmt`` must be
    ``csv``, or ``table``, the default, which it then replaces).
    """
    from . import export

    if fmt not in FORMATS:
        raise CorpusToolsError(f"--format must be one of {FORMATS} (got {fmt!r})")
    if excel:
        if fmt not in ("csv", "table"):
            raise CorpusToolsError(f"--excel writes CSV for Excel; it does not go with --format {fmt} "
                                   "(use --format xlsx for a workbook)")
        fmt = "csv"
    if fmt in ("parquet", "xlsx"):
        if not output:
            raise CorpusToolsError(f"--format {fmt} needs -o FILE (binary output is not printed)")
        if fmt == "parquet":
            frame.to_parquet(output, index=False)
        else:
            cut = export.to_xlsx(frame, output)
            if cut:
                print(f"{cut} cells longer than {export.XLSX_MAX_CELL:,} characters (Excel's limit) "
                      f"were cut in {output}; they end with {export.TRUNCATED!r}", file=sys.stderr)
        return
    if fmt == "table":
        shown = frame.drop(columns=[c for c in drop_in_table if c in frame.columns])
        with pd.option_context("display.max_rows", None, "display.max_columns", None,
                               "display.width", 200, "display.max_colwidth", 60):
            text = shown.to_string(index=False) + "\n"
    elif fmt == "csv":
        text = export.to_csv(frame, excel=excel)
    else:
        text = frame.to_json(orient="records", lines=True, force_ascii=False, date_format="iso")
        if text and not text.endswith("\n"):
            text += "\n"
    if output:
        Path(output).write_text(text, encoding="utf-8", newline="" if fmt == "csv" else None)
    else:
        sys.stdout.write(text)


def _add_output_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=FORMATS, default="table",
                        help="output format (default: table)")
    parser.add_argument("-o", "--output", metavar="FILE", default=None,
                        help="write to FILE instead of stdout")
    parser.add_argument("--excel", action="store_true",
                        help="CSV for Excel: UTF-8 with a byte-order mark (implies --format csv)")


def _add_vocabulary_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--userdict", metavar="FILE", action="append", default=[],
                        help="extra words kept whole, one a line (jieba's 'WORD [FREQ] [TAG]'); repeatable")
    parser.add_argument("--stopwords", metavar="FILE", action="append", default=[],
                        help="extra stopwords, one a line; repeatable")


def _token_config(args: argparse.Namespace):
    """The TokenConfig of ``--userdict`` / ``--stopwords`` (the default one without them)."""
    from .tokens import DEFAULT_CONFIG, TokenConfig

    if not (args.userdict or args.stopwords):
        return DEFAULT_CONFIG
    return TokenConfig(user_dicts=tuple(args.userdict), stopwords=tuple(Path(p) for p in args.stopwords))


def _documents(path: str) -> pd.DataFrame:
    """The documents of ``path``, with the load summary on stderr."""
    from . import load

    result = load.read_corpus(path)
    print(result.summary(), file=sys.stderr)
    if result.documents.empty:
        raise CorpusToolsError(f"{path}: no document could be loaded (see `corpus-tools load {path} --report`)")
    return result.documents


def _cmd_load(args: argparse.Namespace) -> int:
    from . import load

    result = load.read_corpus(args.path)
    print(result.summary(), file=sys.stderr)
    if args.report:
        write_table(result.report, fmt=args.format, output=args.output, excel=args.excel)
    else:
        write_table(result.documents, fmt=args.format, output=args.output, excel=args.excel,
                    drop_in_table=LONG_TEXT_COLUMNS + ("captions",))
    if result.documents.empty:  # a script must not take a folder of unreadable files for a corpus
        print(f"corpus-tools: error: {args.path}: no document could be loaded", file=sys.stderr)
        return 1
    return 0


def _cmd_figures(args: argparse.Namespace) -> int:
    from . import figures

    table = figures.figures_table(_documents(args.path))
    if args.format == "jsonl":
        table = figures.to_guideline_records(table)
    write_table(table, fmt=args.format, output=args.output, excel=args.excel, drop_in_table=("sentence",))
    return 0


def _cmd_investments(args: argparse.Namespace) -> int:
    from .investments import investments_table

    write_table(investments_table(_documents(args.path)), fmt=args.format, output=args.output,
                excel=args.excel, drop_in_table=("sentence",))
    return 0


def _cmd_keywords(args: argparse.Namespace) -> int:
    from .keywords import KeywordConfig, top_keywords

    by = None if args.by in ("", "none", "all") else args.by
    table = top_keywords(_documents(args.path), by=by, top=args.top, method=args.method,
                         config=KeywordConfig(tokens=_token_config(args)))
    write_table(table, fmt=args.format, output=args.output, excel=args.excel)
    return 0


def _cmd_entities(args: argparse.Namespace) -> int:
    from . import entities

    config = entities.EntityConfig(tokens=_token_config(args))
    write_table(entities.entities_table(_documents(args.path), config=config), fmt=args.format,
                output=args.output, excel=args.excel)
    return 0


def _cmd_tokens(args: argparse.Namespace) -> int:
    from .tokens import tokens_table

    write_table(tokens_table(_documents(args.path), config=_token_config(args)), fmt=args.format,
                output=args.output, excel=args.excel)
    return 0


def _cmd_articles(args: argparse.Namespace) -> int:
    from .segment import articles

    write_table(articles(_documents(args.path)), fmt=args.format, output=args.output,
                excel=args.excel, drop_in_table=("text",))
    return 0


def _cmd_kwic(args: argparse.Namespace) -> int:
    from .keywords import kwic

    table = kwic(_documents(args.path), args.pattern, window=args.window, regex=args.regex)
    write_table(table, fmt=args.format, output=args.output, excel=args.excel)
    return 0


def _cmd_keyness(args: argparse.Namespace) -> int:
    from .keywords import KeywordConfig, keyness

    docs = _documents(args.path)
    if args.by in docs.columns and docs[args.by].dtype != object:  # --target is a string
        docs = docs.assign(**{args.by: docs[args.by].astype("string")})
    table = keyness(docs, args.target, by=args.by, reference=args.reference, min_count=args.min_count,
                    config=KeywordConfig(tokens=_token_config(args)))
    write_table(table.head(args.top) if args.top else table, fmt=args.format, output=args.output,
                excel=args.excel)
    return 0


def _cmd_build(args: argparse.Namespace) -> int:
    from .streaming import build

    result = build(args.path, args.output, workers=args.workers, chunk_size=args.chunk_size,
                   progress=False if args.no_progress else None, keep_raw=not args.no_raw, rebuild=args.rebuild)
    s = result.summary
    print(f"build {args.output}: {s['documents']} documents in {s['parts']} part(s); files: "
          f"{s['processed']} processed, {s['reused']} unchanged, {s['dropped']} dropped", file=sys.stderr)
    return 0


def _cmd_report(args: argparse.Namespace) -> int:
    from . import report

    out = report.build_report(args.path, output=args.output, by=args.by, target=args.target,
                              terms=args.terms, title=args.title, tables=not args.no_tables,
                              build_dir=args.build_dir, workers=args.workers)
    print(f"report written to {out}", file=sys.stderr)
    if not args.no_tables:
        print(f"its tables (CSV, XLSX) in {report.tables_folder(out)}", file=sys.stderr)
    return 0


def _table_command(sub, name: str, func: Callable[[argparse.Namespace], int], help_text: str
                   ) -> argparse.ArgumentParser:
    """A subcommand that reads PATH and writes one table, with the output options (add its own to it)."""
    parser = sub.add_parser(name, help=help_text)
    parser.add_argument("path", help="a file, a folder (recursive) or a glob")
    _add_output_options(parser)
    parser.set_defaults(func=func)
    return parser


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="corpus-tools", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    p = _table_command(sub, "load", _cmd_load, "load and clean a corpus; print the documents table")
    p.add_argument("--report", action="store_true",
                   help="print the load report (one row per input file) instead")

    _table_command(sub, "figures", _cmd_figures, "extract money, dates, headcounts, counts, percentages, quantities")

    _table_command(sub, "investments", _cmd_investments,
                   "investment events: financing rounds, investments, funds, subsidies and awards")

    p = _table_command(sub, "keywords", _cmd_keywords, "top keywords per document or per group")
    p.add_argument("--by", default="doc_id",
                   help="documents column to group by: doc_id, publisher, source, doc_type, year (from date), ... "
                        "or 'all' for the whole corpus (default: doc_id)")
    p.add_argument("--top", type=int, default=20, help="keywords per group (default: 20)")
    p.add_argument("--method", choices=("tfidf", "textrank"), default="tfidf")
    _add_vocabulary_options(p)

    _add_vocabulary_options(_table_command(sub, "entities", _cmd_entities,
                                           "organisations, people and places with canonical names"))
    _add_vocabulary_options(_table_command(sub, "tokens", _cmd_tokens,
                                           "the tokens table: one row per token, with POS and spans"))
    _table_command(sub, "articles", _cmd_articles, "newspaper pages split into articles (title, byline, spans)")

    p = _table_command(sub, "kwic", _cmd_kwic, "concordance lines of a word or pattern, across scripts")
    p.add_argument("pattern", help="a word (细胞治疗 also finds 細胞治療) or, with --regex, a regular expression")
    p.add_argument("--window", type=int, default=20, help="characters of context on each side (default: 20)")
    p.add_argument("--regex", action="store_true", help="treat PATTERN as a regular expression")

    p = _table_command(sub, "keyness", _cmd_keyness, "terms typical of one group of documents against the others")
    p.add_argument("--by", required=True, help="documents column that names the groups (publisher, doc_type, ...)")
    p.add_argument("--target", required=True, help="the value of --by that is the target group")
    p.add_argument("--reference", default=None, help="the reference group's value (default: all other documents)")
    p.add_argument("--min-count", type=int, default=2, help="drop rarer terms (default: 2)")
    p.add_argument("--top", type=int, default=0, help="print only the first N rows (default: all)")
    _add_vocabulary_options(p)

    p = sub.add_parser("build", help="build the corpus's tables into Parquet datasets, in parallel and incrementally")
    p.add_argument("path", help="a file, a folder (recursive) or a glob")
    p.add_argument("-o", "--output", required=True, metavar="OUT_DIR", help="the build's folder (updated if it exists)")
    p.add_argument("--workers", type=int, default=None, help="worker processes (default: all cores)")
    p.add_argument("--chunk-size", type=int, default=64, help="files per chunk and part file (default: 64)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar (default: shown on a terminal)")
    p.add_argument("--no-raw", action="store_true", help="do not store text_raw")
    p.add_argument("--rebuild", action="store_true", help="ignore an earlier build in OUT_DIR")
    p.set_defaults(func=_cmd_build)

    p = sub.add_parser("report", help="run the notebooks on a corpus and write one offline HTML report")
    p.add_argument("path", nargs="?", default="data")
    p.add_argument("-o", "--output", default="report.html", metavar="FILE")
    p.add_argument("--by", default="publisher",
                   help="documents column that groups the documents: publisher (default), doc_type, "
                        "year (from date), source, a metadata.csv column ...")
    p.add_argument("--target", default=None,
                   help="the group of --by compared with all other documents (default: the largest)")
    p.add_argument("--terms", default=None, metavar="T1,T2",
                   help="words shown in context (KWIC), comma-separated (default: the top keywords)")
    p.add_argument("--title", default=None, help="heading of the report (default: 'Corpus report')")
    p.add_argument("--build-dir", default=None, metavar="DIR",
                   help="where the corpus is built for the notebooks (default: REPORT_build beside the report; "
                        "an earlier build there is updated)")
    p.add_argument("--workers", type=int, default=None, metavar="N",
                   help="worker processes of the build (default: all cores)")
    p.add_argument("--no-tables", action="store_true",
                   help="do not write the report's tables (CSV, XLSX) beside the HTML file")
    p.set_defaults(func=_cmd_report)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the process exit code."""
    args = _parser().parse_args(argv)
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        return func(args)
    except CorpusToolsError as exc:
        print(f"corpus-tools: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
