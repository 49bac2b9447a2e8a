"""``uscn timeline``: the events the articles mention, in date order."""

from __future__ import annotations

from typing import Annotated

import typer

from usc_cli.commands.completion import complete_issue
from usc_cli.commands.data import load
from usc_cli.commands.options import ForceOption, FormatOption, OutputOption
from usc_cli.commands.output import show
from usc_cli.render.formats import OutputFormat


def timeline(
    ctx: typer.Context,
    issue: Annotated[
        str | None,
        typer.Option(
            "--issue",
            "-i",
            metavar="ISSUE",
            help="Only events filed under this issue or whose official accounts raise it.",
            autocompletion=complete_issue,
        ),
    ] = None,
    fmt: FormatOption = OutputFormat.TABLE,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """The events the articles mention, in date order.

    Each date to the precision the text supports (marked when inferred), with the event's issues and
    the sources that mention it.

    \b
    Examples:
      uscn timeline
      uscn timeline --issue taiwan
    """
    from usc_cli.queries import names
    from usc_cli.queries.coverage import timeline as build_timeline
    from usc_cli.queries.events import events_on
    from usc_cli.render.coverage import timeline_doc, timeline_json

    ds = load(ctx)
    events = events_on(ds, names.issue_id(ds, issue)) if issue else build_timeline(ds)
    show(fmt, "timeline", lambda: timeline_json(events), lambda: timeline_doc(events), output=output, force=force)
