"""What every command shares: the format option, loading the dataset, printing, error lines."""

from __future__ import annotations

import gc
import inspect
import os
import re
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from usc_cli.errors import DataError, NotFoundError, UscnError
from usc_cli.locations import DataLocation, resolve_location
from usc_cli.render.document import Document, visible
from usc_cli.render.formats import OutputFormat, render_text
from usc_cli.vocab import ADDRESSEE_WORDS, SIDE_WORDS, Addressee, Side

if TYPE_CHECKING:
    from usc_cli.dataset import Dataset

# Spaces at the end of a line, before any closing style codes. Matched from the first space of a run
# and without backtracking: a long table has thousands of runs of spaces, and trying each space of
# each run as a start made this quadratic (0.4 s on a 2,000-line table).
_TRAILING_PAD = re.compile(r"(?<! ) ++((?:\x1b\[[0-9;]*m)*+)$", re.MULTILINE)

FormatOption = Annotated[
    OutputFormat,
    typer.Option("-f", "--format", help="Output format.", case_sensitive=False),
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
# The kinds of text (models.SourceKind, spelled here so that --help need not import the models).
KIND_WORDS = {k: k for k in ("opinion", "news-analysis", "news", "readout", "statement", "remarks", "press-conference")}
GOVERNMENT_WORDS = {"us": "us", "washington": "us", "china": "china", "beijing": "china"}
KindOption = Annotated[
    str | None,
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
    str | None,
    typer.Option(
        "--government",
        metavar="GOV",
        parser=_word_parser(GOVERNMENT_WORDS, "a government"),
        autocompletion=_complete_words(GOVERNMENT_WORDS),
        help="Whose own text a readout, statement, remarks or press conference is: us or china.",
    ),
]


def kind_choice(text: str, kind: str | None, government: str | None) -> Any:
    """The kind of text to read ``text`` as (``queries.kinds.KindChoice``): given, or inferred."""
    from usc_cli.models import Side, SourceKind
    from usc_cli.queries.kinds import chosen_kind

    try:
        return chosen_kind(text, SourceKind(kind) if kind else None, Side(government) if government else None)
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


def location(ctx: typer.Context) -> DataLocation:
    """The data location chosen by --data-dir / $USCN_DATA_DIR, or the shipped dataset and the user's own."""
    root = ctx.find_root()
    option: Path | None = root.obj if isinstance(root.obj, Path) else None
    return resolve_location(option)


def warn_skipped(problems: list[Any]) -> None:
    """One warning line per file of the user's own left out of this run, naming the file and line."""
    for problem in problems:
        line = f":{problem.line}" if problem.line else ""
        where = f" at {problem.path}" if problem.path else ""
        sys.stderr.write(
            f"uscn: warning: left out your file {problem.file}{line}{where}: {problem.message}"
            " (`uscn validate` lists every problem)\n"
        )


def load(ctx: typer.Context, strict: bool = False) -> Dataset:
    """Load and verify the dataset the options name (raises DataError / DataDirError); see ``load_at``."""
    return load_at(location(ctx), strict)[0]


def load_at(where: DataLocation, strict: bool = False) -> tuple[Dataset, str]:
    """The one way every command loads a dataset: loaded and verified, with its content key (the
    store's and the search index's). A file with problems in the user's own directory is left out
    with one warning per file, unless ``strict`` (``uscn validate``: then every file is parsed and
    checked, never read from the store)."""
    from usc_cli.loader import load_dataset_keyed, load_dataset_lenient

    # Loading makes a few objects per byte of data and almost no garbage; the cyclic collector, run
    # every few hundred allocations, walked them again and again (45% of a 1,255-source load). The
    # dataset then lives until exit: frozen, later collections (a view's own objects) skip it.
    gc.disable()
    try:
        if strict:
            ds, key = load_dataset_keyed(where, from_files=True)
        else:
            ds, key, skipped = load_dataset_lenient(where)
            warn_skipped(skipped)
    finally:
        gc.enable()
    gc.freeze()
    return ds, key


class _Paging:
    """Whether output to a terminal goes through a pager: on unless ``--no-pager`` was given."""

    enabled = True


def set_paging(enabled: bool) -> None:
    """Called by the root command with ``not --no-pager``."""
    _Paging.enabled = enabled


def _pager() -> list[str] | None:
    """The pager to run, as git chooses one: $USCN_PAGER, then $PAGER, then ``less``; none when
    paging is off, stdout is not a terminal, the terminal is dumb, or the pager is empty or ``cat``."""
    if not _Paging.enabled or not sys.stdout.isatty() or os.environ.get("TERM") == "dumb":
        return None
    import shlex

    command = os.environ.get("USCN_PAGER", os.environ.get("PAGER", "less"))
    try:
        words = shlex.split(command)
    except ValueError:
        return None
    return words if words and words != ["cat"] else None


def _page(value: str, pager: list[str]) -> bool:
    """Send the text through the pager (``LESS=FRX`` unless $LESS is set: quit if it fits one screen,
    keep colours, leave the text on screen); False when the pager cannot be started."""
    import subprocess

    env = {**os.environ, "LESS": os.environ.get("LESS", "FRX"), "LV": os.environ.get("LV", "-c")}
    try:
        process = subprocess.Popen(pager, stdin=subprocess.PIPE, env=env)
    except OSError:
        return False
    assert process.stdin is not None
    try:
        process.stdin.write(value.encode(sys.stdout.encoding or "utf-8", errors="backslashreplace"))
        process.stdin.close()
    except BrokenPipeError:  # the reader quit the pager before the end: not an error
        pass
    while True:
        try:
            process.wait()
            return True
        except KeyboardInterrupt:  # Ctrl-C belongs to the pager while it runs, as in git
            continue


def _stdout_text(value: str) -> None:
    pager = _pager()
    if pager is not None and _page(value, pager):
        return
    if sys.stdout.encoding and sys.stdout.encoding.lower().replace("-", "") not in ("utf8", "utf8sig"):
        sys.stdout.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
    sys.stdout.write(value)
    sys.stdout.flush()


def stdout_is_terminal() -> bool:
    """Whether standard output is a terminal (a person reading), not a pipe or a file."""
    return sys.stdout.isatty()


def size_text(size: int) -> str:
    """A file's size as people read it: ``3,371 bytes``, ``276 KiB``."""
    return f"{size:,} bytes" if size < 10_000 else f"{size / 1024:,.0f} KiB"


def said_wrote(path: Path, size: int, what: str) -> None:
    """The one stderr line every command that writes a file prints: path, size, what is in it."""
    sys.stderr.write(visible(f"uscn: wrote {path} ({size_text(size)}: {what})") + "\n")


def _utf8(stream: Any) -> bool:
    """Whether the stream writes UTF-8."""
    return (getattr(stream, "encoding", None) or "").lower().replace("-", "") in ("utf8", "utf8sig")


def terminal_width() -> int:
    """Width to lay out tables for: the terminal's, $COLUMNS, or 80 when piped."""
    return shutil.get_terminal_size((80, 24)).columns


def emit(text: str, output: Path | None = None, force: bool = False, what: str = "output") -> None:
    """Text to stdout (through the pager on a terminal), or to ``output`` (whole or not at all, and
    said on stderr)."""
    if output is None:
        _stdout_text(text)
        return
    from usc_cli.writer import atomic_write

    data = text.encode("utf-8")
    atomic_write(output, data, force, make_parents=False)
    said_wrote(output, len(data), what)


def show(
    fmt: OutputFormat,
    kind: str,
    payload: Callable[[], dict[str, Any]],
    doc: Callable[[], Document],
    output: Path | None = None,
    force: bool = False,
) -> None:
    """Render a view in the chosen format to stdout, or to ``output`` (whole or not at all)."""
    rendered = render_text(fmt, kind, payload, doc, ascii_only=output is None and not _utf8(sys.stdout))
    if output is not None and not isinstance(rendered, str):
        width = int(os.environ["COLUMNS"]) if os.environ.get("COLUMNS", "").isdigit() else 80
        rendered = _table_text(rendered, max(width, 10), ascii_only=False, to_file=True)
    if isinstance(rendered, str):
        emit(rendered, output, force, f"{kind} as {fmt.value}")
        return
    encoding = (sys.stdout.encoding or "utf-8").lower()
    ascii_only = not encoding.replace("-", "").startswith("utf")
    if ascii_only:
        sys.stdout.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
    _stdout_text(_table_text(rendered, max(terminal_width(), 10), ascii_only, to_file=False))


def _table_text(doc: Document, width: int, ascii_only: bool, to_file: bool) -> str:
    """The document laid out by rich at ``width``; styled only for a terminal (never for a file)."""
    from rich.console import Console

    from usc_cli.render.terminal import to_renderable

    plain = {"force_terminal": False, "color_system": None} if to_file else {}
    # rich keeps a width it is given only with a height too: on a dumb terminal (Emacs' shell) it
    # otherwise falls back to 80 columns, whatever $COLUMNS says.
    height = shutil.get_terminal_size((80, 24)).lines
    console = Console(width=width, height=height, highlight=False, emoji=False, markup=False, soft_wrap=False, **plain)  # type: ignore[arg-type]
    with console.capture() as captured:
        console.print(to_renderable(doc, width, ascii_only=ascii_only), crop=False)
    # rich pads every line to the table's width; a pasted or piped copy should not carry that.
    return _TRAILING_PAD.sub(r"\1", captured.get())


def report_error(exc: UscnError, ctx: typer.Context | None = None) -> None:
    """One line (plus the list for data problems) on stderr, with user input shown safely.

    A name not found says where uscn looked (the shipped dataset and the user's directory, or the
    --data-dir), so a source added elsewhere is not a mystery.
    """
    message = str(exc)
    if isinstance(exc, NotFoundError) and not exc.ambiguous and ctx is not None and exc.kind != "help topic":
        where = location(ctx).describe()
        message = (
            message.replace(" not found", f" not found in {where}", 1)
            if " not found" in message
            else f"{message} (looked in {where})"
        )
    lines = [f"uscn: error: {visible(message)}"]
    if isinstance(exc, DataError):
        lines += [visible(str(problem)) for problem in exc.problems]
        read = f" in {location(ctx).describe()}" if ctx is not None else ""
        lines.append(visible(f"{len(exc.problems)} problem{'s' if len(exc.problems) != 1 else ''} found{read}."))
    stream = sys.stderr
    if stream.encoding and not stream.encoding.lower().replace("-", "").startswith("utf"):
        stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
    stream.write("\n".join(lines) + "\n")
