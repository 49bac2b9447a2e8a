"""``uscn diff SOURCE [SOURCE]``: do two sources agree, issue by issue; or one source against all the others."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from usc_cli.commands.completion import complete_source
from usc_cli.commands.data import load
from usc_cli.commands.options import ForceOption, FormatOption, OutputOption
from usc_cli.commands.output import show
from usc_cli.render.formats import OutputFormat

if TYPE_CHECKING:
    from usc_cli.dataset import Dataset


def diff(
    ctx: typer.Context,
    a: Annotated[
        str,
        typer.Argument(
            metavar="SOURCE", help="A source: id, author's surname or outlet.", autocompletion=complete_source
        ),
    ],
    b: Annotated[
        str | None,
        typer.Argument(
            metavar="[SOURCE]",
            help="The source to compare it with; without it, every other article (or government text) in one table.",
            autocompletion=complete_source,
            show_default=False,
        ),
    ] = None,
    quotes: Annotated[
        bool | None,
        typer.Option(
            "--quotes/--no-quotes",
            help="Show each proposal's verbatim quotes and who said them (JSON has them by default).",
            show_default=False,
        ),
    ] = None,
    summary: Annotated[
        bool | None,
        typer.Option(
            "--summary/--grid",
            help="With one SOURCE: one row per other source, or the issue × source table. Default: the table,"
            " except in table and Markdown for more than 12 other sources. -f json is always the whole table.",
            show_default=False,
        ),
    ] = None,
    every: Annotated[
        bool,
        typer.Option("--all", help="With one SOURCE, in the summary: every other source, not the first 20."),
    ] = False,
    fmt: FormatOption = OutputFormat.TABLE,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """Whether two sources agree, issue by issue.

    With one SOURCE, that source against every other of its class (article, or government text), in
    one table of issues × sources; beyond 12 other sources, one row per source instead, closest first
    (the first 20; --all for every one).

    Verdicts come only from the curated agreements between their proposals (data/agreements.yaml):
    agree, partly, differ; "no link" when both speak to an issue but nothing links them there; or
    only one speaks to it.

    \b
    Examples:
      uscn diff hormats georgetown
      uscn diff hormats georgetown --quotes   # adds each proposal's quotes
      uscn diff hormats                       # against every other article
    """
    from usc_cli.queries import names

    ds = load(ctx)
    first = names.source_id(ds, a)
    if b is None:
        if quotes:
            raise typer.BadParameter("--quotes needs a second SOURCE: `uscn diff A B --quotes`")
        return _against_all(ds, first, summary, every, fmt, output, force)
    if every or summary is not None:
        raise typer.BadParameter("--all, --summary and --grid are for one SOURCE against every other: `uscn diff A`")
    second = names.source_id(ds, b)
    if first == second:
        raise typer.BadParameter(f"{a!r} and {b!r} are the same source; name two different ones")
    return _two_sources(ds, first, second, quotes, fmt, output, force)


def _against_all(
    ds: Dataset, source: str, summary: bool | None, every: bool, fmt: OutputFormat, output: Path | None, force: bool
) -> None:
    """One source against every other of its class: the issue × source table, or one row per source
    (the default in table and Markdown past ``MAX_GRID_SOURCES`` others)."""
    from usc_cli.queries.diff import diff_against_all
    from usc_cli.render.coverage import MAX_GRID_SOURCES
    from usc_cli.render.diff_overview import overview_doc, overview_json, overview_summary_doc

    overview = diff_against_all(ds, source)
    if summary is None:
        summary = fmt in (OutputFormat.TABLE, OutputFormat.MARKDOWN) and len(overview.others) > MAX_GRID_SOURCES
    doc = (lambda: overview_summary_doc(ds, overview, every)) if summary else (lambda: overview_doc(ds, overview))
    show(fmt, "diff-overview", lambda: overview_json(ds, overview), doc, output, force)


def _two_sources(
    ds: Dataset, first: str, second: str, quotes: bool | None, fmt: OutputFormat, output: Path | None, force: bool
) -> None:
    """Two sources issue by issue; their proposals' quotes in JSON unless --no-quotes, elsewhere with --quotes."""
    from usc_cli.queries.diff import diff_sources
    from usc_cli.render.diff import diff_doc, diff_json

    result = diff_sources(ds, first, second)
    show(
        fmt,
        "diff",
        lambda: diff_json(ds, result, quotes is not False),
        lambda: diff_doc(ds, result, quotes is True),
        output=output,
        force=force,
    )
