"""``uscn events [list]`` and ``uscn events show``: the same event as each government told it."""

from __future__ import annotations

from typing import Annotated

import typer

from usc_cli.commands.completion import complete_event, complete_issue
from usc_cli.commands.data import load
from usc_cli.commands.options import ForceOption, FormatOption, OutputOption, list_by_default
from usc_cli.commands.output import show
from usc_cli.render.formats import OutputFormat

app = typer.Typer(invoke_without_command=True, help="Events as each government told them; with no command, the list.")

IssueFilter = Annotated[
    str | None,
    typer.Option(
        "--issue", "-i", metavar="ISSUE", help="Only events touching this issue.", autocompletion=complete_issue
    ),
]
BothOption = Annotated[
    bool, typer.Option("--both", help="Only events with an account from each government's own texts.")
]


@app.command("list")
def list_events(
    ctx: typer.Context,
    issue: IssueFilter = None,
    both: BothOption = False,
    fmt: FormatOption = OutputFormat.TABLE,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """Each event in date order, with the governments whose own texts tell it.

    \b
    Examples:
      uscn events list
      uscn events list --both
      uscn events list --issue taiwan -f json
    """
    from usc_cli.queries import names
    from usc_cli.queries.events import event_summaries
    from usc_cli.render.events import events_doc, events_json

    ds = load(ctx)
    found = event_summaries(ds, names.issue_id(ds, issue) if issue else None, both=both)
    show(fmt, "events", lambda: events_json(found), lambda: events_doc(found), output=output, force=force)


app.callback()(list_by_default(list_events))  # `uscn events` alone: the list, with the list's options


@app.command("show")
def show_event(
    ctx: typer.Context,
    event: Annotated[
        str,
        typer.Argument(metavar="EVENT", help="Event id or words of its title.", autocompletion=complete_event),
    ],
    fmt: FormatOption = OutputFormat.TABLE,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """One event as each government told it, side by side.

    The issues each government's own texts raise about the event, each with its quotes, and what only
    one side raised; then the articles that mention the event.

    \b
    Examples:
      uscn events show woodside
      uscn events show biden-xi-woodside -f json
    """
    from usc_cli.queries import names
    from usc_cli.queries.events import event_accounts
    from usc_cli.render.events import event_accounts_doc, event_accounts_json

    ds = load(ctx)
    found = event_accounts(ds, names.event_id(ds, event))
    show(
        fmt,
        "event",
        lambda: event_accounts_json(ds, found),
        lambda: event_accounts_doc(ds, found),
        output=output,
        force=force,
    )
