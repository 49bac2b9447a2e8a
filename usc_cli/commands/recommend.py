"""``uscn recommend``: what each author proposes."""

from __future__ import annotations

from typing import Annotated

import typer

from usc_cli.commands.completion import complete_issue, complete_source
from usc_cli.commands.data import load
from usc_cli.commands.options import AddresseeOption, ForceOption, FormatOption, NoQuotesOption, OutputOption
from usc_cli.commands.output import show
from usc_cli.render.formats import OutputFormat


def recommend(
    ctx: typer.Context,
    source: Annotated[
        list[str] | None,
        typer.Option(
            "--source",
            "-s",
            metavar="SOURCE",
            help="Only this source (id, surname, outlet; repeatable).",
            autocompletion=complete_source,
        ),
    ] = None,
    issue: Annotated[
        str | None,
        typer.Option(
            "--issue", "-i", metavar="ISSUE", help="Only recommendations on this issue.", autocompletion=complete_issue
        ),
    ] = None,
    to: AddresseeOption = None,
    no_quotes: NoQuotesOption = False,
    fmt: FormatOption = OutputFormat.TABLE,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """What each author recommends, grouped by source.

    Each recommendation with the government it asks to act, its issues and its quotes. No filter: all.

    \b
    Examples:
      uscn recommend --source hormats
      uscn recommend --issue climate --no-quotes
      uscn recommend --to china        # with those that ask both
    """
    from usc_cli.queries import names
    from usc_cli.queries.listing import filter_recommendations
    from usc_cli.render.recommend import recommendations_doc, recommendations_json

    ds = load(ctx)
    source_ids = [names.source_id(ds, s) for s in source] if source else None
    issue_id = names.issue_id(ds, issue) if issue else None
    recs = filter_recommendations(ds, source_ids, issue_id, to)
    show(
        fmt,
        "recommendations",
        lambda: recommendations_json(ds, recs),
        lambda: recommendations_doc(ds, recs, not no_quotes, to),
        output=output,
        force=force,
    )
