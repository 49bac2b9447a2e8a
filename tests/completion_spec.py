"""Write ``usc_cli/completion.json``: the command shapes the fast TAB-completion path reads.

    python -m tests.completion_spec

``tests/test_completion.py`` fails when the stored file no longer matches the app.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer

from usc_cli.cli import app
from usc_cli.commands import completion

SPEC = Path(__file__).resolve().parent.parent / "usc_cli" / "completion.json"
_KINDS = {
    f.__qualname__: name
    for f, name in [
        (completion.complete_issue, "issue"),
        (completion.complete_source, "source"),
        (completion.complete_frame, "frame"),
        (completion.complete_actor, "actor"),
    ]
}


def kind(param: Any) -> str | None:
    """The id kind a parameter completes (typer keeps a copy of our function in its wrapper's closure)."""
    wrapper = getattr(param, "_custom_shell_complete", None)
    cells = (wrapper.__closure__ or ()) if wrapper else ()
    names = [getattr(c.cell_contents, "__qualname__", None) for c in cells]
    return next((_KINDS[n] for n in names if n in _KINDS), None)


def _shape(command: Any, help_names: list[str]) -> dict[str, Any]:
    args: list[str | None] = []
    options: dict[str, str | None] = {}
    flags: list[str] = list(help_names)
    for param in command.params:
        if param.param_type_name == "argument":
            args.append(kind(param))
        elif param.is_flag:
            flags += [*param.opts, *param.secondary_opts]
        else:
            options.update(dict.fromkeys(param.opts, kind(param)))
    subcommands = sorted(getattr(command, "commands", {}) or {})
    return {"args": args, "options": dict(sorted(options.items())), "flags": sorted(flags), "subcommands": subcommands}


def build() -> dict[str, Any]:
    """The root and every command path, as the fast path needs them."""
    root = typer.main.get_command(app)
    help_names = list(root.make_context("uscn", [], resilient_parsing=True).help_option_names)
    commands: dict[str, Any] = {}

    def walk(command: Any, path: list[str]) -> None:
        if path:
            commands[" ".join(path)] = _shape(command, help_names)
        for name, sub in sorted((getattr(command, "commands", {}) or {}).items()):
            walk(sub, [*path, name])

    walk(root, [])
    return {"root": _shape(root, help_names), "commands": commands}


def render() -> str:
    return json.dumps(build(), indent=1, sort_keys=True) + "\n"


if __name__ == "__main__":
    SPEC.write_text(render(), encoding="utf-8")
    print(f"wrote {SPEC}")
