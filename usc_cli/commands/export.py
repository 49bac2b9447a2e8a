"""``uscn export sqlite``: the dataset in a form other tools read."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from usc_cli.commands._common import load

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
    from usc_cli.render.sqlite import FULL_TEXT, SCHEMA, SCHEMA_VERSION, export_tables
    from usc_cli.sqlite_file import database
    from usc_cli.writer import atomic_write

    ds = load(ctx)
    atomic_write(file, database(SCHEMA, SCHEMA_VERSION, export_tables(ds), FULL_TEXT), force, make_parents=False)
