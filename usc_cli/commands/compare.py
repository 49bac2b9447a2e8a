"""``uscn compare ISSUE``: how Washington and Beijing frame one issue, side by side."""

from __future__ import annotations

from typing import Annotated

import typer

from usc_cli.commands.completion import complete_issue, complete_source
from usc_cli.commands.data import load
from usc_cli.commands.options import ContextOption, ForceOption, FormatOption, NoQuotesOption, OutputOption
from usc_cli.commands.output import show
from usc_cli.render.formats import OutputFormat


def compare(
    ctx: typer.Context,
    issue: Annotated[
        str,
        typer.Argument(metavar="ISSUE", help="Issue id, title, tag or title word.", autocompletion=complete_issue),
    ],
    source: Annotated[
        list[str] | None,
        typer.Option(
            "--source",
            "-s",
            metavar="SOURCE",
            help="Only what this source says (repeatable).",
            autocompletion=complete_source,
        ),
    ] = None,
    no_quotes: NoQuotesOption = False,
    context: ContextOption = False,
    fmt: FormatOption = OutputFormat.TABLE,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """Washington | Beijing on one issue, every claim with its quote.

    The two governments' positions side by side (stacked on a narrow terminal), then commentators,
    frames, recommendations and events. ISSUE is an id, a title or words of one.

    \b
    Examples:
      uscn compare taiwan
      uscn compare "export controls" --source cnn
      uscn compare fentanyl --context -f markdown
    """
    from usc_cli.queries import names
    from usc_cli.queries.compare import compare_issue
    from usc_cli.render.compare import comparison_doc, comparison_json

    ds = load(ctx)
    issue_id = names.issue_id(ds, issue)
    source_ids = [names.source_id(ds, s) for s in source] if source else None
    cmp = compare_issue(ds, issue_id, source_ids)
    quotes = not no_quotes
    show(
        fmt,
        "comparison",
        lambda: comparison_json(ds, cmp, quotes, context),
        lambda: comparison_doc(ds, cmp, quotes, context),
        output=output,
        force=force,
    )
