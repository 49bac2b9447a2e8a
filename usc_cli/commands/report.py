"""``uscn report``: one self-contained HTML page to share, every quote linked to its article."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from usc_cli.commands.completion import complete_issue
from usc_cli.commands.data import load
from usc_cli.commands.options import ForceOption
from usc_cli.commands.output import emit, refuse_html_on_terminal


def report(
    ctx: typer.Context,
    issues: Annotated[
        list[str] | None,
        typer.Argument(metavar="[ISSUE]...", help="Issues to include (default: all).", autocompletion=complete_issue),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            metavar="FILE",
            show_default=False,
            help="Write the page to FILE. Without it the page goes to a pipe (uscn report > FILE); "
            "a terminal gets a hint, never raw HTML.",
        ),
    ] = None,
    force: ForceOption = False,
) -> None:
    """One offline HTML page to share; each quote opens its article.

    The issue × source coverage grid, Washington | Beijing per issue, commentators, recommendations,
    the timeline, and each quote linked to its article, embedded in the page, with the quote
    highlighted.

    \b
    Examples:
      uscn report -o uscn-report.html
      uscn report taiwan fentanyl -o two-issues.html
    """
    from usc_cli.queries import names
    from usc_cli.queries.coverage import matrix, timeline
    from usc_cli.render.report import report_html

    ds = load(ctx)
    issue_ids = list(dict.fromkeys(names.issue_id(ds, i) for i in issues)) if issues else list(ds.issues)
    if issues:  # the events of the issues asked for, as timeline --issue finds them
        from usc_cli.queries.events import events_on

        on = {e.id for issue_id in issue_ids for e in events_on(ds, issue_id)}
        events = [e for e in timeline(ds) if e.id in on]
    else:
        events = timeline(ds)
    refuse_html_on_terminal(output is None, "the report is an HTML page")
    html = report_html(ds, issue_ids, matrix(ds), events)
    shown = ", ".join(issue_ids) if issues else f"all {len(issue_ids)} issues"
    emit(html, output, force, f"HTML report of {shown}; open it in a browser")
