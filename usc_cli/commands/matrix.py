"""``uscn matrix``: which source speaks to which issue, and for which side."""

from __future__ import annotations

from typing import Annotated

import typer

from usc_cli.commands.completion import complete_source
from usc_cli.commands.data import load
from usc_cli.commands.options import ForceOption, FormatOption, OutputOption
from usc_cli.commands.output import show
from usc_cli.render.formats import OutputFormat


def matrix(
    ctx: typer.Context,
    source: Annotated[
        list[str] | None,
        typer.Option(
            "--source", "-s", metavar="SOURCE", help="Only these sources (repeatable).", autocompletion=complete_source
        ),
    ] = None,
    summary: Annotated[
        bool | None,
        typer.Option(
            "--summary/--grid",
            help="Counts of sources per issue, or the issue × source grid. Default: the grid, except in table"
            " and Markdown for more than 12 sources. -f json is always the whole grid.",
            show_default=False,
        ),
    ] = None,
    fmt: FormatOption = OutputFormat.TABLE,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """Which source reports which side's view on each issue: a grid.

    Each cell: the sides the source reports on the issue (US, CN, 3P) and R where it recommends
    steps; empty where it says nothing.

    \b
    Examples:
      uscn matrix
      uscn matrix --source hormats --source cnn
      uscn matrix -f csv
    """
    from usc_cli.queries import names
    from usc_cli.queries.coverage import coverage, coverage_counts
    from usc_cli.render.coverage import MAX_GRID_SOURCES, matrix_doc, matrix_json, matrix_summary_doc

    ds = load(ctx)
    cov = coverage(ds, [names.source_id(ds, s) for s in source] if source else None)
    if summary is None:
        summary = fmt in (OutputFormat.TABLE, OutputFormat.MARKDOWN) and len(cov.sources) > MAX_GRID_SOURCES
    doc = (lambda: matrix_summary_doc(coverage_counts(cov), len(cov.sources))) if summary else (lambda: matrix_doc(cov))
    show(fmt, "matrix", lambda: matrix_json(cov), doc, output=output, force=force)
