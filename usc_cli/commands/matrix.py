"""``uscn matrix``: which source speaks to which issue, and for which side."""

from __future__ import annotations

import typer

from usc_cli.commands._common import ForceOption, FormatOption, OutputOption, load, show
from usc_cli.render.formats import OutputFormat


def matrix(
    ctx: typer.Context, fmt: FormatOption = OutputFormat.TABLE, output: OutputOption = None, force: ForceOption = False
) -> None:
    """Issue × source grid: the sides each source reports on each issue, its recommendations, and the gaps."""
    from usc_cli.queries.coverage import matrix as build_matrix
    from usc_cli.render.coverage import matrix_doc, matrix_json

    ds = load(ctx)
    grid = build_matrix(ds)
    show(fmt, "matrix", lambda: matrix_json(grid), lambda: matrix_doc(grid), output=output, force=force)
