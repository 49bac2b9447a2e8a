"""``uscn diff SOURCE [SOURCE]``: do two sources agree, issue by issue; or one source against all the others."""

from __future__ import annotations

from typing import Annotated

import typer

from usc_cli.commands._common import ForceOption, FormatOption, OutputOption, load, show
from usc_cli.commands.completion import complete_source
from usc_cli.render.formats import OutputFormat


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
    fmt: FormatOption = OutputFormat.TABLE,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """Whether two sources agree, issue by issue.

    With one SOURCE, that source against every other of its class (article, or government text), in
    one table. Verdicts come only from the curated agreements between their proposals
    (data/agreements.yaml): agree, partly, differ; "no link" when both speak to an issue but nothing
    links them there; or only one speaks to it.

    \b
    Examples:
      uscn diff hormats georgetown
      uscn diff hormats georgetown --quotes   # adds each proposal's quotes
      uscn diff hormats                       # against every other article
    """
    from usc_cli.queries import names
    from usc_cli.queries.diff import diff_against_all, diff_sources
    from usc_cli.render.diff import diff_doc, diff_json
    from usc_cli.render.diff_overview import overview_doc, overview_json

    ds = load(ctx)
    first = names.source_id(ds, a)
    if b is None:
        if quotes:
            raise typer.BadParameter("--quotes needs a second SOURCE: `uscn diff A B --quotes`")
        overview = diff_against_all(ds, first)
        show(
            fmt, "diff-overview", lambda: overview_json(ds, overview), lambda: overview_doc(ds, overview), output, force
        )
        return
    second = names.source_id(ds, b)
    if first == second:
        raise typer.BadParameter(f"{a!r} and {b!r} are the same source; name two different ones")
    result = diff_sources(ds, first, second)
    show(
        fmt,
        "diff",
        lambda: diff_json(ds, result, quotes is not False),
        lambda: diff_doc(ds, result, quotes is True),
        output=output,
        force=force,
    )
