"""``uscn export sqlite``: the dataset in a form other tools read."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from usc_cli.commands._common import load, said_wrote

app = typer.Typer(help="The dataset for other tools (SQLite, for Datasette).", no_args_is_help=True)


@app.command("sqlite")
def sqlite(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(metavar="FILE", help="The database file to write.", show_default=False)],
    force: Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")] = False,
) -> None:
    """Write the dataset as one SQLite database, for Datasette.

    Tables with primary and foreign keys, FTS5 indexes over quotes and summaries. Written whole or
    not at all; never over an existing FILE without --force.

    \b
    Examples:
      uscn export sqlite uscn.db
      uscn export sqlite uscn.db --force
    """
    from usc_cli.render.sqlite import to_sqlite
    from usc_cli.writer import atomic_write

    ds = load(ctx)
    data = to_sqlite(ds)
    atomic_write(file, data, force, make_parents=False)
    sources, issues = len(ds.sources), len(ds.issues)
    what = f"SQLite database of {sources} source{'s' * (sources != 1)} and {issues} issue{'s' * (issues != 1)}"
    said_wrote(file, len(data), what)
