"""``uscn export sqlite``: the dataset in a form other tools read."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from usc_cli.commands.data import load
from usc_cli.commands.output import said_wrote

app = typer.Typer(help="The dataset for other tools (SQLite, for Datasette).", no_args_is_help=True)


@app.command("sqlite")
def sqlite(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(metavar="FILE", help="The database file to write.", show_default=False)],
    force: Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")] = False,
) -> None:
    """Write the dataset as one SQLite database, for Datasette.

    Tables with primary and foreign keys, FTS5 indexes over quotes and summaries. Written whole or
    not at all; never over an existing FILE without --force. A -wal, -shm or -journal file left
    beside FILE belongs to the database it replaces and is removed with it.

    \b
    Examples:
      uscn export sqlite uscn.db
      uscn export sqlite uscn.db --force
    """
    from usc_cli.render.sqlite import FULL_TEXT, SCHEMA, SCHEMA_VERSION, export_tables
    from usc_cli.sqlite_file import database
    from usc_cli.writer import write_files

    ds = load(ctx)
    # A journal or WAL left beside an old database would be read into the new one (old rows, or a
    # "malformed" database): they go with the file they belong to, in the same all-or-nothing write.
    data = database(SCHEMA, SCHEMA_VERSION, export_tables(ds), FULL_TEXT)
    journals = [file.with_name(file.name + suffix) for suffix in ("-wal", "-shm", "-journal")]
    write_files([(file, data)], force, make_parents=False, remove=journals)
    sources, issues = len(ds.sources), len(ds.issues)
    what = f"SQLite database of {sources} source{'s' * (sources != 1)} and {issues} issue{'s' * (issues != 1)}"
    said_wrote(file, len(data), what)
