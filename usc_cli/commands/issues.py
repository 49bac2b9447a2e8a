"""``uscn issues list`` and ``uscn issues show``."""

from __future__ import annotations

from typing import Annotated

import typer

from usc_cli.commands.completion import complete_frame, complete_issue, complete_source
from usc_cli.commands.data import load
from usc_cli.commands.options import (
    ContextOption,
    ForceOption,
    FormatOption,
    NoQuotesOption,
    OutputOption,
    list_by_default,
)
from usc_cli.commands.output import show
from usc_cli.render.formats import OutputFormat

app = typer.Typer(invoke_without_command=True, help="The contested issues; with no command, the list.")


TagOption = Annotated[str | None, typer.Option("--tag", metavar="TAG", help="Only issues with this tag.")]
SourceOption = Annotated[
    str | None,
    typer.Option(
        "--source", "-s", metavar="SOURCE", help="Only issues this source speaks to.", autocompletion=complete_source
    ),
]
FrameOption = Annotated[
    str | None,
    typer.Option("--frame", metavar="FRAME", help="Only issues under this frame.", autocompletion=complete_frame),
]


@app.command("list")
def list_issues(
    ctx: typer.Context,
    tag: TagOption = None,
    source: SourceOption = None,
    frame: FrameOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """One row per issue: the sides with a position, sources, frames.

    \b
    Examples:
      uscn issues list
      uscn issues list --source hormats
      uscn issues list --frame security-vs-development -f csv
    """
    from usc_cli.queries import names
    from usc_cli.queries.listing import filter_issues
    from usc_cli.render.issues import issues_doc, issues_json

    ds = load(ctx)
    source_id = names.source_id(ds, source) if source else None
    frame_id = names.frame_id(ds, frame) if frame else None
    issues = filter_issues(ds, tag, source_id, frame_id)
    show(fmt, "issues", lambda: issues_json(ds, issues), lambda: issues_doc(ds, issues), output=output, force=force)


@app.command("show")
def show_issue(
    ctx: typer.Context,
    issue: Annotated[
        str,
        typer.Argument(metavar="ISSUE", help="Issue id, title, tag or title word.", autocompletion=complete_issue),
    ],
    no_quotes: NoQuotesOption = False,
    context: ContextOption = False,
    fmt: FormatOption = OutputFormat.TABLE,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """Everything about one issue, with the quotes.

    Summary, positions by side, frames, related issues, events and recommendations.

    \b
    Examples:
      uscn issues show taiwan
      uscn issues show climate -f json
    """
    from usc_cli.queries import names
    from usc_cli.render.issues import issue_doc, issue_json

    ds = load(ctx)
    found = ds.issues[names.issue_id(ds, issue)]
    show(
        fmt,
        "issue",
        lambda: issue_json(ds, found, not no_quotes, context),
        lambda: issue_doc(ds, found, not no_quotes, context),
        output=output,
        force=force,
    )


app.callback()(list_by_default(list_issues))  # `uscn issues` alone: the list, with the list's options
