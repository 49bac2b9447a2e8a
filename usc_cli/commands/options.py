"""The options several commands share (format, output, side, kind, government, addressee), the
parsers that read their words, and the callback of a group whose bare name lists."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from usc_cli.render.formats import OutputFormat
from usc_cli.vocab import ADDRESSEE_WORDS, SIDE_WORDS, Addressee, Side, SourceKind

FormatOption = Annotated[
    OutputFormat,
    typer.Option(
        "-f",
        "--format",
        help="Output format (html: a standalone page, to a file or a pipe; uscn help formats).",
        case_sensitive=False,
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "-o",
        "--output",
        help="Write to FILE instead of standard output (plain text, no colour; 80 columns or $COLUMNS).",
        metavar="FILE",
        show_default=False,
    ),
]
ForceOption = Annotated[bool, typer.Option("--force", help="Let --output replace an existing file.")]
NoQuotesOption = Annotated[
    bool, typer.Option("--brief", "--no-quotes", help="Summaries and who holds each view, no quotes: an overview.")
]
ContextOption = Annotated[bool, typer.Option("--context", help="Show the sentence around each quote.")]


def _word_parser(words: dict[str, Any], what: str) -> Callable[[str], Any]:
    """A parser for an option whose value may be typed as its id or as the name the views show."""
    accepted = ", ".join(words)

    def parse(value: str) -> Any:
        found = words.get(value.strip().lower())
        if found is None:
            raise typer.BadParameter(f"{value!r} is not {what}: one of {accepted}")
        return found

    return parse


def _complete_words(words: dict[str, Any]) -> Callable[[str], list[str]]:
    return lambda incomplete: [w for w in words if w.startswith(incomplete.lower())]


SideOption = Annotated[
    Side | None,
    typer.Option(
        "--side",
        metavar="SIDE",
        parser=_word_parser(SIDE_WORDS, "a side"),
        autocompletion=_complete_words(SIDE_WORDS),
        help="Only this side: us or washington, china or beijing, third-party or commentators.",
    ),
]
KIND_WORDS = {kind.value: kind for kind in SourceKind}
#: A government as a user may type it: a side's words, but for the commentators'.
GOVERNMENT_WORDS = {word: side for word, side in SIDE_WORDS.items() if side is not Side.THIRD_PARTY}
KindOption = Annotated[
    SourceKind | None,
    typer.Option(
        "--kind",
        metavar="KIND",
        parser=_word_parser(KIND_WORDS, "a kind of text"),
        autocompletion=_complete_words(KIND_WORDS),
        help="What the text is (decides whose its own words are): opinion, news-analysis, news, readout, "
        "statement, remarks or press-conference. Inferred from the text when not given.",
    ),
]
GovernmentOption = Annotated[
    Side | None,
    typer.Option(
        "--government",
        metavar="GOV",
        parser=_word_parser(GOVERNMENT_WORDS, "a government"),
        autocompletion=_complete_words(GOVERNMENT_WORDS),
        help="Whose own text a readout, statement, remarks or press conference is: us or china.",
    ),
]


def kind_choice(text: str, kind: SourceKind | None, government: Side | None) -> Any:
    """The kind of text to read ``text`` as (``queries.kinds.KindChoice``): given, or inferred."""
    from usc_cli.queries.kinds import chosen_kind

    try:
        return chosen_kind(text, kind, government)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


AddresseeOption = Annotated[
    Addressee | None,
    typer.Option(
        "--to",
        metavar="WHOM",
        parser=_word_parser(ADDRESSEE_WORDS, "an addressee"),
        autocompletion=_complete_words(ADDRESSEE_WORDS),
        help="Only those addressed to this government: us (washington) or china (beijing) include those "
        "addressed to both, and say how many; both: only those.",
    ),
]


def list_by_default(run_list: Callable[..., None]) -> Callable[..., None]:
    """The callback of a group whose bare name lists (``uscn issues -f csv``): it takes the list
    command's own options (its signature, not a copy of it) and runs the list when no command
    follows; with a command, those options belong after it, and saying so beats running it without them."""
    import functools

    defaults = {name: param.default for name, param in inspect.signature(run_list).parameters.items()}

    @functools.wraps(run_list)
    def callback(ctx: typer.Context, **options: Any) -> None:
        if ctx.invoked_subcommand is None:
            run_list(ctx, **options)
            return
        if any(value != defaults.get(name) for name, value in options.items()):
            raise typer.BadParameter(
                f"options go after the command: uscn {ctx.info_name} {ctx.invoked_subcommand} [OPTIONS]", ctx=ctx
            )

    return callback
