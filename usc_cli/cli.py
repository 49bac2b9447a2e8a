"""The ``uscn`` application: global options, sub-commands, and the one place errors become exit codes."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, MutableMapping
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperCommand, TyperGroup

from usc_cli.errors import ExitStatus, UscnError

# Every command, in the order of ``uscn --help``: its name, and where it lives under usc_cli.commands
# (``module:attribute``, a function or a typer group). Only the command that runs is imported and
# built (click's lazily loaded group): typer turning every command's signature into options was most
# of a cold start. A new command is one line here.
COMMANDS: dict[str, str] = {
    "compare": "compare:compare",
    "recommend": "recommend:recommend",
    "diff": "diff:diff",
    "search": "search:search",
    "analyze": "analyze:analyze",
    "matrix": "matrix:matrix",
    "timeline": "timeline:timeline",
    "events": "events:app",
    "cite": "cite:cite",
    "validate": "validate:validate",
    "report": "report:report",
    "schema": "validate:schema",
    "issues": "issues:app",
    "sources": "sources:app",
    "frames": "frames:app",
    "actors": "actors:app",
    "export": "export:app",
    "help": "help:help_topic",
}


def _target(name: str) -> Any:
    """The function or typer group that implements command ``name`` (imports its module only)."""
    import importlib

    module, attribute = COMMANDS[name].split(":")
    return getattr(importlib.import_module(f"usc_cli.commands.{module}"), attribute)


def _help_text(name: str) -> str:
    """Command ``name``'s help as typer would give it, without building the command."""
    import inspect

    from typer.main import solve_typer_info_help
    from typer.models import TyperInfo

    target = _target(name)
    if isinstance(target, typer.Typer):
        return solve_typer_info_help(TyperInfo(target))
    return inspect.getdoc(target) or ""


def _build(name: str) -> Any:
    """Command ``name`` as the click command typer makes of it."""
    from typer.main import get_command_from_info, get_group_from_info
    from typer.models import CommandInfo, TyperInfo

    target = _target(name)
    if isinstance(target, typer.Typer):
        info = TyperInfo(target, name=name)
        return get_group_from_info(info, pretty_exceptions_short=False, suggest_commands=True, rich_markup_mode=None)
    return get_command_from_info(
        CommandInfo(name=name, callback=target), pretty_exceptions_short=False, rich_markup_mode=None
    )


class _LazyCommands(MutableMapping[str, Any]):
    """The root group's commands: every name of ``COMMANDS``, each built on first use."""

    def __init__(self) -> None:
        self._built: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        if name not in self._built:
            if name not in COMMANDS:
                raise KeyError(name)
            self._built[name] = _build(name)
        return self._built[name]

    def __setitem__(self, name: str, command: Any) -> None:
        raise TypeError("uscn's commands are listed in usc_cli.cli.COMMANDS")

    def __delitem__(self, name: str) -> None:
        raise TypeError("uscn's commands are listed in usc_cli.cli.COMMANDS")

    def __iter__(self) -> Iterator[str]:
        return iter(COMMANDS)

    def __len__(self) -> int:
        return len(COMMANDS)


EXIT_CODES_HELP = (
    "Exit codes: 0 ok · 1 not found / ambiguous name / cannot write · 2 usage · "
    "65 invalid data · 70 internal error · 130 interrupted."
)


_GLOBAL_OPTIONS = ("--data-dir", "--version")  # --data-dir without its DIR; see hoist_global_options


def _usage_error(exc: typer.TyperException) -> int:
    """Print click's usage errors (and its other errors) in uscn's one style; return the exit code.

    ``uscn: error: …`` and, for a usage error, one ``usage:`` line naming the help flag, in place of
    click's ``Usage:``/``Try …``/``Error: …`` block (typer would print it as-is, or in a rich panel).
    """
    from usc_cli.commands.errors import report_error

    if type(exc).__name__ == "NoArgsIsHelpError":  # a bare group: click prints its help
        raise exc
    message = exc.format_message() if hasattr(exc, "format_message") else str(exc)
    if message[:2].isalpha() and message[1].islower():
        message = message[0].lower() + message[1:]  # "No such option" -> "no such option"
    option = getattr(exc, "option_name", None)
    if type(exc).__name__ == "NoSuchOption" and option == "--data-dir":  # last word, without its DIR
        message = "option '--data-dir' requires an argument: the dataset directory (--data-dir DIR)"
    elif type(exc).__name__ == "NoSuchOption" and option in _GLOBAL_OPTIONS:  # "uscn compare taiwan --version"
        message = f"{message.removesuffix('.')}: {option} goes before the command (uscn {option} COMMAND …)"
    report_error(UscnError(message.removesuffix(".")))
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        usage = " ".join([ctx.command_path, *ctx.command.collect_usage_pieces(ctx)])
        sys.stderr.write(f"usage: {usage} ({ctx.command_path} {ctx.help_option_names[0]} for help)\n")
    return int(getattr(exc, "exit_code", ExitStatus.USAGE))


def hoist_global_options(args: list[str]) -> list[str]:
    """``--no-pager`` and ``--data-dir DIR`` typed after the command, moved before it, where the root
    command reads them (people type them at the end: ``uscn compare taiwan --no-pager``)."""
    front: list[str] = []
    rest: list[str] = []
    words = iter(args)
    for word in words:
        if word == "--":  # everything after it is an argument, as typed
            rest += [word, *words]
            break
        if word == "--no-pager" or word.startswith("--data-dir="):
            front.append(word)
        elif word == "--data-dir":
            value = next(words, None)
            (front if value is not None else rest).extend([word] if value is None else [word, value])
        else:
            rest.append(word)
    return front + rest


class UscnGroup(TyperGroup):
    """Maps domain errors, usage errors, Ctrl-C and bugs to one stderr line and the documented exit code;
    builds only the command that runs."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.commands = _LazyCommands()

    def list_commands(self, ctx: Any) -> list[str]:
        """Every command's name, in the order of ``COMMANDS``."""
        return list(COMMANDS)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """The list of commands from their help texts, none of them built."""
        limit = formatter.width - 6 - max(map(len, COMMANDS))
        rows = [(name, TyperCommand(name=name, help=_help_text(name)).get_short_help_str(limit)) for name in COMMANDS]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def shell_complete(self, ctx: Any, incomplete: str) -> list[Any]:
        """Command names (with their help) and the root's options, none of the commands built."""
        from typer._click.shell_completion import CompletionItem

        names = [
            CompletionItem(name, help=TyperCommand(name=name, help=_help_text(name)).get_short_help_str())
            for name in COMMANDS
            if name.startswith(incomplete)
        ]
        return names + typer.core.TyperCommand.shell_complete(self, ctx, incomplete)

    def make_context(self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any) -> Any:
        if parent is None:
            args = hoist_global_options(args)
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
            from usc_cli.commands.errors import report_error

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
    from usc_cli.commands.pager import set_paging

    set_paging(not no_pager)
    ctx.obj = data_dir
