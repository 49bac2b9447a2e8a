"""``uscn frames list`` and ``uscn frames show``: the competing framings."""

from __future__ import annotations

from typing import Annotated

import typer

from usc_cli.commands.completion import complete_frame
from usc_cli.commands.data import load
from usc_cli.commands.options import ForceOption, FormatOption, OutputOption, list_by_default
from usc_cli.commands.output import show
from usc_cli.render.formats import OutputFormat

app = typer.Typer(invoke_without_command=True, help="The framing pairs; with no command, the list.")


@app.command("list")
def list_frames(
    ctx: typer.Context, fmt: FormatOption = OutputFormat.TABLE, output: OutputOption = None, force: ForceOption = False
) -> None:
    """Each framing pair with Washington's and Beijing's labels.

    \b
    Examples:
      uscn frames list
      uscn frames list -f markdown
    """
    from usc_cli.render.frames import frames_doc, frames_json

    ds = load(ctx)
    show(fmt, "frames", lambda: frames_json(ds), lambda: frames_doc(ds), output=output, force=force)


@app.command("show")
def show_frame(
    ctx: typer.Context,
    frame: Annotated[
        str, typer.Argument(metavar="FRAME", help="Frame id, title or label.", autocompletion=complete_frame)
    ],
    fmt: FormatOption = OutputFormat.TABLE,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """One framing pair: each side's label, with evidence and issues.

    \b
    Examples:
      uscn frames show security-vs-development
      uscn frames show "fight nicely"
    """
    from usc_cli.queries import names
    from usc_cli.render.frames import frame_doc, frame_json

    ds = load(ctx)
    found = ds.frames[names.frame_id(ds, frame)]
    show(
        fmt, "frame", lambda: {"frame": frame_json(ds, found)}, lambda: frame_doc(ds, found), output=output, force=force
    )


app.callback()(list_by_default(list_frames))  # `uscn frames` alone: the list, with the list's options
