"""Answer TAB completion of ids (issues, sources, frames, actors) before typer, rich or pydantic load.

Each keystroke asks for a new prefix, so the output cache rarely helps completion; importing the
app to learn which parameter is being completed costs more than the whole answer. The generated
``completion_spec.py`` (``python -m tests.completion_spec``; the tests check it against the app)
holds each command's arguments, options and flags. When the words typed so far clearly ask for
ids, they are read with ``usc_cli.ids`` and printed the way typer would print them; anything else
(an option name, a subcommand, a value that is not an id, an unknown word, a shell other than bash
or zsh) falls through to typer. ``USCN_NO_CACHE=1`` turns this off along with the output cache.
"""

from __future__ import annotations

import os
import shlex
import sys

TYPE_CHECKING = False  # not typing's: importing typing would cost more than the answer
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any


def serve(environ: Mapping[str, str] = os.environ) -> bool:
    """Print the completion and return True, or return False to let typer answer."""
    try:
        answer = complete(environ)
    except Exception:  # a shortcut must never break completion: typer answers instead
        answer = None
    if answer is None:
        return False
    sys.stdout.write(answer)
    sys.stdout.flush()
    return True


def complete(environ: Mapping[str, str]) -> str | None:
    """The text typer would print for this completion request, or None when unsure."""
    shell = environ.get("_USCN_COMPLETE")
    if shell not in ("complete_bash", "complete_zsh") or environ.get("USCN_NO_CACHE"):
        return None
    words = _words(shell, environ)
    if words is None:
        return None
    args, incomplete = words
    from usc_cli.completion_spec import SPEC

    target = _target(SPEC, args, incomplete)
    if target is None:
        return None
    kind, data_dir = target
    from pathlib import Path

    from usc_cli.ids import quick_ids
    from usc_cli.locations import resolve_location

    location = resolve_location(Path(data_dir) if data_dir else None)
    # Ids are lower-case; typer keeps only values that start with the word as typed (case-sensitive).
    ids = [i for i in quick_ids(location, kind) if i.startswith(incomplete)]
    if shell == "complete_bash":
        return "\n".join(ids) + "\n"
    if not ids:
        return "_files\n"
    return "_arguments '*: :((" + "\n".join(f'"{_zsh_escape(i)}"' for i in ids) + "))'\n"


def _words(shell: str, environ: Mapping[str, str]) -> tuple[list[str], str] | None:
    """The words before the cursor and the one being completed, split as typer splits them."""
    try:
        if shell == "complete_bash":
            words = shlex.split(environ["COMP_WORDS"])
            cword = int(environ["COMP_CWORD"])
            return words[1:cword], words[cword] if cword < len(words) else ""
        line = environ.get("_TYPER_COMPLETE_ARGS", "")
        args = shlex.split(line)[1:]
    except (KeyError, ValueError):
        return None
    if args and not line.endswith(" "):
        return args[:-1], args[-1]
    return args, ""


def _target(spec: dict[str, Any], args: list[str], incomplete: str) -> tuple[str, str | None] | None:
    """(id kind, --data-dir value) when the word being completed is an id; None otherwise."""
    if incomplete.startswith("-"):
        return None
    shape = spec["root"]
    path: list[str] = []
    positionals: list[str] = []
    data_dir: str | None = None
    n = 0
    while n < len(args):
        word = args[n]
        if word.startswith("-"):
            name, eq, value = word.partition("=")
            if name in shape["options"]:
                if not eq:
                    if n + 1 == len(args):  # the word being completed is this option's value
                        kind = shape["options"][name]
                        return (kind, data_dir) if kind else None
                    n += 1
                    value = args[n]
                if not path and name == "--data-dir":
                    data_dir = value
            elif eq or name not in shape["flags"]:
                return None
        elif shape["subcommands"]:
            if word not in shape["subcommands"]:
                return None
            path.append(word)
            shape = spec["commands"].get(" ".join(path))
            if shape is None:
                return None
        else:
            positionals.append(word)
        n += 1
    if shape["subcommands"] or len(positionals) >= len(shape["args"]):
        return None
    kind = shape["args"][len(positionals)]
    return (kind, data_dir) if kind else None


def _zsh_escape(value: str) -> str:
    # As typer's ZshComplete.format_completion escapes a value.
    return value.replace('"', '""').replace("'", "''").replace("$", "\\$").replace("`", "\\`").replace(":", r"\\:")
