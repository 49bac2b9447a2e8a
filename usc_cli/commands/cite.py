"""``uscn cite``: citations of sources, for a reference manager (BibTeX, CSL-JSON, RIS)."""

from __future__ import annotations

from typing import Annotated

import typer

from usc_cli.commands.completion import complete_source
from usc_cli.commands.data import load
from usc_cli.commands.options import ForceOption, OutputOption
from usc_cli.commands.output import emit
from usc_cli.render.formats import CiteFormat


def cite(
    ctx: typer.Context,
    sources: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="SOURCE...",
            help="Source ids, aliases, author surnames or outlets; none: every source.",
            autocompletion=complete_source,
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        CiteFormat, typer.Option("-f", "--format", help="Citation format.", case_sensitive=False)
    ] = CiteFormat.BIBTEX,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """Citations of sources that a reference manager imports.

    Title, outlet, author, date and URL as the dataset gives them. A value uscn inferred, or took
    from a stored copy it matched the text against, is said so in the entry's note, with its basis;
    an unknown field is left out. BibTeX by default.

    \b
    Examples:
      uscn cite hormats diplomat
      uscn cite -f csl-json > sources.json
      uscn cite Fortune -f ris -o hormats.ris
    """
    from usc_cli.queries import names
    from usc_cli.render.cite import render_citations

    ds = load(ctx)
    ids = [names.source_id(ds, name) for name in sources] if sources else list(ds.sources)
    chosen = [ds.sources[sid] for sid in dict.fromkeys(ids)]
    count = f"{len(chosen)} citation{'s' * (len(chosen) != 1)}"
    bodies = {s.id: ds.actors[s.author.actor].name for s in chosen if s.author.actor and s.author.actor in ds.actors}
    emit(render_citations(fmt, chosen, bodies), output=output, force=force, what=f"{count} as {fmt.value}")
