"""``uscn analyze FILE``: read an article that is not in the dataset in the dataset's terms."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from usc_cli.commands._common import ForceOption, FormatOption, OutputOption, load, show
from usc_cli.render.formats import OutputFormat


def analyze(
    ctx: typer.Context,
    file: Annotated[
        str | None,
        typer.Argument(
            metavar="[FILE]", help="The article as a UTF-8 text file, or - for standard input.", show_default=False
        ),
    ] = None,
    minimum: Annotated[
        int,
        typer.Option(
            "--min-strength",
            metavar="N",
            min=1,
            help="Hide findings weaker than this (2 per distinct cue, 3 if it names the issue, + 1 per sentence).",
        ),
    ] = 4,
    score: Annotated[
        bool,
        typer.Option(
            "--score",
            help="Instead of reading FILE: draft each source of the dataset as `sources add` would and score the "
            "drafts against its hand-made positions (issue precision and recall, speaker and side accuracy).",
        ),
    ] = False,
    fmt: FormatOption = OutputFormat.TABLE,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """Read a new article: who says what on which issue.

    Which issues the article touches, who says what on each (speaker, side, how the article presents
    it), and which side's framings it uses, with the sentences behind each.

    \b
    Examples:
      uscn analyze article.txt
      uscn analyze article.txt -f json
      uscn analyze --score        # how well drafting does on the seeds
    """
    from usc_cli.loader import read_article
    from usc_cli.queries.analyze import analyze as run_analysis
    from usc_cli.queries.drafting import draft_positions
    from usc_cli.queries.reading import attribute
    from usc_cli.render.analyze import analysis_doc, analysis_json, owners

    if score:
        if file is not None:
            raise typer.BadParameter("--score drafts the dataset's own sources; give no FILE with it")
        return _score(ctx, fmt, output, force)
    if file is None:
        raise typer.BadParameter("give the article FILE (or - for standard input), or --score")
    text = read_article(file)
    ds = load(ctx)
    everything = run_analysis(ds, text, minimum=1)
    findings = [f for f in everything if f.strength >= minimum]
    weaker = [f for f in everything if f.strength < minimum]
    held = owners(draft_positions(text, findings, attribute(text, list(ds.actors.values()))))
    name = "standard input" if file == "-" else file
    show(
        fmt,
        "analysis",
        lambda: analysis_json(name, findings, minimum, weaker, held),
        lambda: analysis_doc(name, findings, minimum, weaker, held),
        output=output,
        force=force,
    )


def _score(ctx: typer.Context, fmt: OutputFormat, output: Path | None, force: bool) -> None:
    from usc_cli.queries.scoring import score_sources
    from usc_cli.render.scoring import score_doc, score_json

    scores = score_sources(load(ctx))
    show(fmt, "drafting-score", lambda: score_json(scores), lambda: score_doc(scores), output=output, force=force)
