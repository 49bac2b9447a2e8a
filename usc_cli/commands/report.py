"""``uscn report``: one self-contained HTML page to share, every quote linked to its article."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from usc_cli.commands._common import ForceOption, _stdout_text, load
from usc_cli.commands.completion import complete_issue


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
            help="Write the page to FILE instead of standard output.",
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
    events = [e for e in timeline(ds) if not issues or set(issue_ids).intersection(e.issues)]
    html = report_html(ds, issue_ids, matrix(ds), events)
    if output is None:
        _stdout_text(html)
        return
    from usc_cli.writer import atomic_write

    atomic_write(output, html.encode("utf-8"), force, make_parents=False)
