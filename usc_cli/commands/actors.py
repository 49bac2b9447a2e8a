"""``uscn actors [list]`` and ``uscn actors show``: the people and bodies the articles name."""

from __future__ import annotations

from typing import Annotated

import typer

from usc_cli.commands.completion import complete_actor
from usc_cli.commands.data import load
from usc_cli.commands.options import ForceOption, FormatOption, OutputOption, SideOption, list_by_default
from usc_cli.commands.output import show
from usc_cli.render.formats import OutputFormat

app = typer.Typer(invoke_without_command=True, help="People and bodies the articles name; with no command, the list.")


@app.command("list")
def list_actors(
    ctx: typer.Context,
    side: SideOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """Each person or body: side, roles as stated, sources.

    \b
    Examples:
      uscn actors list
      uscn actors list --side china
    """
    from usc_cli.queries.coverage import actor_records, filter_actors
    from usc_cli.render.coverage import actors_doc, actors_json

    ds = load(ctx)
    records = actor_records(ds, filter_actors(ds, side))
    show(fmt, "actors", lambda: actors_json(ds, records), lambda: actors_doc(records), output=output, force=force)


@app.command("show")
def show_actor(
    ctx: typer.Context,
    actor: Annotated[
        str,
        typer.Argument(
            metavar="ACTOR", help="Actor id, name, alias or variant spelling.", autocompletion=complete_actor
        ),
    ],
    fmt: FormatOption = OutputFormat.TABLE,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """One actor: roles with quotes, views, proposals, events.

    Also the variant spellings the articles use.

    \b
    Examples:
      uscn actors show xi-jinping
      uscn actors show "Li Qiang" -f json
    """
    from usc_cli.queries import names
    from usc_cli.queries.coverage import actor_record
    from usc_cli.render.coverage import actor_doc, actor_json

    ds = load(ctx)
    record = actor_record(ds, names.actor_id(ds, actor))
    show(
        fmt,
        "actor",
        lambda: {"actor": actor_json(ds, record)},
        lambda: actor_doc(ds, record),
        output=output,
        force=force,
    )


app.callback()(list_by_default(list_actors))  # `uscn actors` alone: the list, with the list's options
