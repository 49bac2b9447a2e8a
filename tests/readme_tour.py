"""The README's tour shows real output; ``python -m tests.readme_tour`` rewrites it, a test checks it.

Each block in the README is written as::

    <!-- output: compare taiwan -->
    ```text
    …what `uscn compare taiwan` prints at COLUMNS=80…
    ```
"""

from __future__ import annotations

import os
import re
import shlex
import sys
from pathlib import Path

README = Path(__file__).parent.parent / "README.md"
BLOCK = re.compile(r"<!-- output: (?P<args>[^>]*?) -->\n```text\n(?P<body>.*?)```\n", re.DOTALL)
TOUR = [
    "issues list",
    "compare taiwan --source wh-231115 --source mfa-231116",
    "recommend --issue fentanyl",
    "search containment -n 3",
]


def run(args: str) -> str:
    """What ``uscn ARGS`` prints at 80 columns (the design width) without colour, trailing spaces stripped."""
    from typer.testing import CliRunner

    from usc_cli.cli import app

    env: dict[str, str | None] = {
        "COLUMNS": "80",
        "LINES": "40",
        "NO_COLOR": "1",
        "TERM": "dumb",
        "USCN_DATA_DIR": None,
    }
    env["XDG_DATA_HOME"] = "/nonexistent/uscn-readme-tour"  # the shipped dataset alone, never your own sources
    here = os.getcwd()
    os.chdir(README.parent)  # relative paths in the tour are relative to the checkout
    try:
        result = CliRunner().invoke(app, shlex.split(args), env=env)
    finally:
        os.chdir(here)
    assert result.exit_code == 0, result.output
    return "\n".join(line.rstrip() for line in result.stdout.splitlines()) + "\n"


def blocks(text: str) -> list[tuple[str, str]]:
    """(args, body) of every output block in the README."""
    return [(m["args"], m["body"]) for m in BLOCK.finditer(text)]


def rewrite(text: str) -> str:
    """The README with the tour inserted at ``<!-- tour -->`` or every output block refreshed."""
    if "<!-- tour -->" in text:
        block = "\n".join(f"```sh\nuscn {a}\n```\n\n<!-- output: {a} -->\n```text\n{run(a)}```\n" for a in TOUR)
        text = text.replace("<!-- tour -->\n", block)
    return BLOCK.sub(lambda m: f"<!-- output: {m['args']} -->\n```text\n{run(m['args'])}```\n", text)


if __name__ == "__main__":
    os.environ.pop("USCN_DATA_DIR", None)
    README.write_text(rewrite(README.read_text(encoding="utf-8")), encoding="utf-8")
    sys.stdout.write("README tour refreshed\n")
