"""``uscn analyze FILE``: read an article that is not in the dataset in the dataset's terms."""

from __future__ import annotations

from typing import Annotated

import typer

from usc_cli.commands._common import ForceOption, FormatOption, OutputOption, load, show
from usc_cli.render.formats import OutputFormat


def analyze(
    ctx: typer.Context,
    file: Annotated[str, typer.Argument(help="The article as a UTF-8 text file, or - for standard input.")],
    minimum: Annotated[
        int,
        typer.Option(
            "--min-strength", min=1, help="Hide findings weaker than this (2 per distinct cue + 1 per sentence)."
        ),
    ] = 4,
    fmt: FormatOption = OutputFormat.TABLE,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """Which issues a new article touches and which side's framings it uses, with the sentences behind each."""
    from usc_cli.loader import read_article
    from usc_cli.queries.analyze import analyze as run_analysis
    from usc_cli.render.analyze import analysis_doc, analysis_json

    text = read_article(file)
    ds = load(ctx)
    everything = run_analysis(ds, text, minimum=1)
    findings = [f for f in everything if f.strength >= minimum]
    weaker = [f for f in everything if f.strength < minimum]
    name = "standard input" if file == "-" else file
    show(
        fmt,
        "analysis",
        lambda: analysis_json(name, findings, minimum, weaker),
        lambda: analysis_doc(name, findings, minimum, weaker),
        output=output,
        force=force,
    )
