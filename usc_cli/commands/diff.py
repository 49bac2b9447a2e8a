"""``uscn diff A B``: how two sources (or authors) differ."""

from __future__ import annotations

from typing import Annotated

import typer

from usc_cli.commands._common import ForceOption, FormatOption, NoQuotesOption, OutputOption, load, show
from usc_cli.commands.completion import complete_source
from usc_cli.render.formats import OutputFormat


def diff(
    ctx: typer.Context,
    a: Annotated[str, typer.Argument(help="First source (id, surname, outlet).", autocompletion=complete_source)],
    b: Annotated[str, typer.Argument(help="Second source.", autocompletion=complete_source)],
    no_quotes: NoQuotesOption = False,
    fmt: FormatOption = OutputFormat.TABLE,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """Two sources side by side: where their recommendations agree, partly agree or differ; issue coverage."""
    from usc_cli.queries import names
    from usc_cli.queries.diff import diff_sources
    from usc_cli.render.diff import diff_doc, diff_json

    ds = load(ctx)
    first, second = names.source_id(ds, a), names.source_id(ds, b)
    if first == second:
        raise typer.BadParameter(f"{a!r} and {b!r} are the same source; name two different ones")
    result = diff_sources(ds, first, second)
    quotes = not no_quotes
    show(
        fmt,
        "diff",
        lambda: diff_json(ds, result, quotes),
        lambda: diff_doc(ds, result, quotes),
        output=output,
        force=force,
    )
