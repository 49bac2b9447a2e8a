"""``uscn search QUERY``: full-text search over the articles and the dataset."""

from __future__ import annotations

from typing import Annotated

import typer

from usc_cli.commands.completion import complete_issue, complete_source
from usc_cli.commands.data import load_at, location
from usc_cli.commands.options import ForceOption, FormatOption, OutputOption, SideOption
from usc_cli.commands.output import show
from usc_cli.render.formats import OutputFormat


def search(
    ctx: typer.Context,
    query: Annotated[
        str,
        typer.Argument(
            metavar="QUERY", help='Words, "a phrase", prefix* (SQLite FTS5 syntax; bad syntax = plain words).'
        ),
    ],
    source: Annotated[
        list[str] | None,
        typer.Option(
            "--source", "-s", metavar="SOURCE", help="Only this source (repeatable).", autocompletion=complete_source
        ),
    ] = None,
    issue: Annotated[
        str | None,
        typer.Option(
            "--issue", "-i", metavar="ISSUE", help="Only hits about this issue.", autocompletion=complete_issue
        ),
    ] = None,
    side: SideOption = None,  # what compare shows under that side: its positions and frame labels
    limit: Annotated[
        int, typer.Option("--limit", "-n", metavar="N", min=1, max=500, help="At most this many hits.")
    ] = 20,
    fmt: FormatOption = OutputFormat.TABLE,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """Search the articles, summaries, quotes and recommendations.

    Hits are ranked (BM25), each with the whole sentence it matched and where it lives.

    \b
    Examples:
      uscn search fentanyl
      uscn search '"lines of communication"' --source cnn
      uscn search tariff* --side china -n 5
    """
    from usc_cli.errors import require_utf8
    from usc_cli.queries import names
    from usc_cli.queries.search import ABOUT_WEIGHT, INDEX_VERSION, index_rows
    from usc_cli.queries.search import search as run_search
    from usc_cli.render.search import search_doc, search_json
    from usc_cli.search_index import open_index

    require_utf8("search", query)
    where = location(ctx)
    ds, key = load_at(where)
    source_ids = [names.source_id(ds, s) for s in source] if source else None
    issue_id = names.issue_id(ds, issue) if issue else None
    index = open_index(where, key, ds, INDEX_VERSION, lambda: index_rows(ds), ABOUT_WEIGHT)
    hits = run_search(index, ds, query, source_ids, issue_id, side.value if side else None, limit)
    show(
        fmt,
        "search",
        lambda: search_json(ds, query, hits),
        lambda: search_doc(ds, query, hits),
        output=output,
        force=force,
    )
