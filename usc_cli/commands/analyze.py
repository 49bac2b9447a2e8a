"""``uscn analyze FILE``: read an article that is not in the dataset in the dataset's terms."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from usc_cli.commands.data import load
from usc_cli.commands.options import ForceOption, FormatOption, GovernmentOption, KindOption, OutputOption, kind_choice
from usc_cli.commands.output import show
from usc_cli.render.formats import OutputFormat

if TYPE_CHECKING:
    from usc_cli.dataset import Dataset
    from usc_cli.queries.analyze import Finding
    from usc_cli.queries.kinds import KindChoice
    from usc_cli.queries.reading import Attributed
    from usc_cli.render.analyze import Owners
    from usc_cli.vocab import Side, SourceKind


def analyze(
    ctx: typer.Context,
    file: Annotated[
        str | None,
        typer.Argument(
            metavar="[FILE]",
            help="The article as a UTF-8 text file, or - for standard input. With --score: a hand-labels file "
            "or a directory of them.",
            show_default=False,
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
            help="Instead of reading an article: draft each source of the dataset as `sources add` would and score "
            "the drafts against its hand-made positions (issue precision and recall, speaker and side accuracy; "
            "and who says each sentence). With FILE: score who says each sentence of hand-labelled articles "
            "(a labels file, or a directory of them).",
        ),
    ] = False,
    speakers: Annotated[
        bool,
        typer.Option(
            "--speakers", help="Show who says each sentence of the whole article (with -f json: always included)."
        ),
    ] = False,
    kind: KindOption = None,
    government: GovernmentOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """Read a new article: who says what on which issue.

    Which issues the article touches, who says what on each (speaker, side, how the article presents
    it), and which side's framings it uses, with the sentences behind each. Every sentence gets its
    speaker, or "speaker unknown — check" when none can be placed; the text's own words are its
    author's, a news story's reporter's, or a government's for its own text (see --kind).

    \b
    Examples:
      uscn analyze article.txt
      uscn analyze article.txt --speakers
      uscn analyze article.txt --kind news
      uscn analyze article.txt -f json
      uscn analyze --score        # how well drafting does on the seeds
    """
    from usc_cli.render.analyze import analysis_doc, analysis_json, speakers_doc

    if score:
        return _score(ctx, file, fmt, output, force)
    if file is None:
        raise typer.BadParameter("give the article FILE (or - for standard input), or --score")
    text, choice, ds = _article(ctx, file, kind, government)
    findings, weaker, attributed, held = _reading(ds, text, choice, minimum)
    name = "standard input" if file == "-" else file
    read = (text, choice, attributed)
    show(
        fmt,
        "analysis",
        lambda: analysis_json(name, findings, minimum, weaker, held, read),
        (lambda: speakers_doc(name, text, choice, attributed))
        if speakers
        else (lambda: analysis_doc(name, findings, minimum, weaker, held)),
        output=output,
        force=force,
    )


def _article(
    ctx: typer.Context, file: str, kind: SourceKind | None, government: Side | None
) -> tuple[str, KindChoice, Dataset]:
    """The article's text, the kind of text it is read as (given or inferred), and the dataset."""
    from usc_cli.loader.articles import read_article

    text = read_article(file)
    choice = kind_choice(text, kind, government)
    return text, choice, load(ctx)


def _reading(
    ds: Dataset, text: str, choice: KindChoice, minimum: int
) -> tuple[list[Finding], list[Finding], list[Attributed], Owners]:
    """The findings at ``minimum`` strength and those weaker, who says each sentence, and who holds
    each issue's words in each sentence (as ``sources add`` would draft them)."""
    from usc_cli.queries.analyze import analyze as run_analysis
    from usc_cli.queries.drafting import draft_positions
    from usc_cli.queries.reading import attribute
    from usc_cli.render.analyze import owners

    everything = run_analysis(ds, text, minimum=1)
    findings = [f for f in everything if f.strength >= minimum]
    weaker = [f for f in everything if f.strength < minimum]
    attributed = attribute(text, list(ds.actors.values()), choice.kind, choice.government)
    narrator = next((a.who for a in attributed if a.who.is_author), None)
    held = owners(draft_positions(text, findings, attributed, *([narrator] if narrator else [])))
    return findings, weaker, attributed, held


def _score(ctx: typer.Context, labels: str | None, fmt: OutputFormat, output: Path | None, force: bool) -> None:
    from usc_cli.queries.scoring import score_sources
    from usc_cli.queries.speaker_score import score_labelled, score_seed_sentences
    from usc_cli.render.scoring import score_doc, score_json
    from usc_cli.render.speaker_score import labelled_doc, sentences_json

    ds = load(ctx)
    if labels is not None:
        from usc_cli.loader.articles import read_labelled

        actors = list(ds.actors.values())
        figures = [score_labelled(Path(name).stem, found, text, actors) for name, found, text in read_labelled(labels)]
        show(fmt, "speaker-score", lambda: sentences_json(figures), lambda: labelled_doc(figures), output, force)
        return
    scores, sentences = score_sources(ds), score_seed_sentences(ds)
    show(
        fmt,
        "drafting-score",
        lambda: score_json(scores, sentences),
        lambda: score_doc(scores, sentences),
        output=output,
        force=force,
    )
