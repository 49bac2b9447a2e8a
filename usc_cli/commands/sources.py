"""``uscn sources list`` and ``uscn sources show``: the seed articles."""

from __future__ import annotations

from typing import Annotated

import typer

from usc_cli.commands._common import FormatOption, load, show
from usc_cli.commands.completion import complete_source
from usc_cli.queries import names
from usc_cli.render.formats import OutputFormat
from usc_cli.render.sources import source_doc, source_json, sources_doc, sources_json

app = typer.Typer(help="The seed articles.", no_args_is_help=True)


@app.command("list")
def list_sources(ctx: typer.Context, fmt: FormatOption = OutputFormat.TABLE) -> None:
    """Each article: author as described, outlet, kind, date (marked when inferred), recommendations count."""
    ds = load(ctx)
    show(fmt, "sources", lambda: sources_json(ds), lambda: sources_doc(ds))


@app.command("show")
def show_source(
    ctx: typer.Context,
    source: Annotated[
        str,
        typer.Argument(help="Source id, alias, author surname or outlet.", autocompletion=complete_source),
    ],
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """One article: metadata with the quote or basis behind each field, what it covers, what it contributes."""
    ds = load(ctx)
    found = ds.sources[names.source_id(ds, source)]
    show(fmt, "source", lambda: {"source": source_json(ds, found)}, lambda: source_doc(ds, found))
