"""The ``uscn`` application: global options, sub-commands, and the one place errors become exit codes."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from usc_cli.commands import (
    actors,
    analyze,
    cite,
    compare,
    diff,
    export,
    frames,
    issues,
    matrix,
    recommend,
    report,
    search,
    sources,
    timeline,
    validate,
)
from usc_cli.errors import ExitStatus, UscnError

EXIT_CODES_HELP = (
    "Exit codes: 0 ok · 1 not found / ambiguous name / cannot write · 2 usage · "
    "65 invalid data · 70 internal error · 130 interrupted."
)


_GLOBAL_OPTIONS = ("--no-pager", "--data-dir", "--version")


def _usage_error(exc: typer.TyperException) -> int:
    """Print click's usage errors (and its other errors) in uscn's one style; return the exit code.

    ``uscn: error: …`` and, for a usage error, one ``usage:`` line naming the help flag, in place of
    click's ``Usage:``/``Try …``/``Error: …`` block (typer would print it as-is, or in a rich panel).
    """
    from usc_cli.commands._common import report_error

    if type(exc).__name__ == "NoArgsIsHelpError":  # a bare group: click prints its help
        raise exc
    message = exc.format_message() if hasattr(exc, "format_message") else str(exc)
    if message[:2].isalpha() and message[1].islower():
        message = message[0].lower() + message[1:]  # "No such option" -> "no such option"
    option = getattr(exc, "option_name", None)
    if type(exc).__name__ == "NoSuchOption" and option in _GLOBAL_OPTIONS:  # "uscn compare taiwan --no-pager"
        message = f"{message.removesuffix('.')}: {option} goes before the command (uscn {option} COMMAND …)"
    report_error(UscnError(message.removesuffix(".")))
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        usage = " ".join([ctx.command_path, *ctx.command.collect_usage_pieces(ctx)])
        sys.stderr.write(f"usage: {usage} ({ctx.command_path} {ctx.help_option_names[0]} for help)\n")
    return int(getattr(exc, "exit_code", ExitStatus.USAGE))


class UscnGroup(TyperGroup):
    """Maps domain errors, usage errors, Ctrl-C and bugs to one stderr line and the documented exit code."""

    def make_context(self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any) -> Any:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except typer.TyperException as exc:  # a bad option or argument given to uscn itself
            raise typer.Exit(_usage_error(exc)) from None

    def invoke(self, ctx: Any) -> Any:  # typer's Context class lives in its private vendored click
        try:
            return super().invoke(ctx)
        except typer.TyperException as exc:  # click's usage errors, from any sub-command
            ctx.exit(_usage_error(exc))
        except UscnError as exc:
            from usc_cli.commands._common import report_error

            report_error(exc, ctx)
            ctx.exit(exc.exit_status)
        except KeyboardInterrupt:
            typer.echo("uscn: interrupted", err=True)
            ctx.exit(ExitStatus.INTERRUPTED)
        except (typer.Exit, typer.Abort, BrokenPipeError):
            raise  # typer's own: help and normal exits
        except Exception as exc:
            if os.environ.get("USCN_DEBUG"):
                raise
            typer.echo(
                f"uscn: internal error: {type(exc).__name__}; run again with USCN_DEBUG=1 for the traceback",
                err=True,
            )
            ctx.exit(ExitStatus.INTERNAL)


app = typer.Typer(
    cls=UscnGroup,
    name="uscn",
    help="Compare how Washington and Beijing frame each contested issue — every claim backed by a "
    "verbatim quote from a seed article.\n\n\b\nExamples:\n  uscn compare taiwan\n  uscn recommend --source hormats\n"
    "  uscn diff hormats georgetown\n  uscn search fentanyl\n\n" + EXIT_CODES_HELP,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 120},
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _package_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("uscn")
    except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "unknown"


def _show_version(value: bool) -> None:
    if value:
        sys.stdout.write(f"uscn {_package_version()}\n")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    data_dir: Annotated[
        Path | None,
        typer.Option(
            "--data-dir",
            envvar="USCN_DATA_DIR",
            metavar="DIR",
            help="Read exactly this dataset (seeds in DATA_DIR/seeds or beside it) instead of the shipped one "
            "plus your own sources in $XDG_DATA_HOME/uscn (~/.local/share/uscn).",
            show_default=False,
        ),
    ] = None,
    no_pager: Annotated[
        bool,
        typer.Option(
            "--no-pager",
            envvar="USCN_NO_PAGER",
            help="Print long output straight to the terminal instead of through $PAGER (less).",
        ),
    ] = False,
    _version: Annotated[
        bool,
        typer.Option("--version", callback=_show_version, is_eager=True, help="Print the version and exit."),
    ] = False,
) -> None:
    """Root options shared by every command."""
    from usc_cli.commands._common import set_paging

    set_paging(not no_pager)
    ctx.obj = data_dir


app.add_typer(issues.app, name="issues")
app.add_typer(sources.app, name="sources")
app.add_typer(frames.app, name="frames")
app.command("compare")(compare.compare)
app.command("recommend")(recommend.recommend)
app.add_typer(actors.app, name="actors")
app.command("diff")(diff.diff)
app.command("search")(search.search)
app.command("analyze")(analyze.analyze)
app.command("matrix")(matrix.matrix)
app.command("timeline")(timeline.timeline)
app.command("cite")(cite.cite)
app.command("validate")(validate.validate)
app.command("report")(report.report)
app.add_typer(export.app, name="export")
app.command("schema")(validate.schema)
