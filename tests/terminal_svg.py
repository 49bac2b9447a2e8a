"""The README's coloured picture of ``uscn compare taiwan`` at 80 columns: ``python -m tests.terminal_svg``.

The picture is what a terminal shows: the real command runs with colour forced (truecolor), and its
output is drawn by rich's SVG export. ``tests/test_readme.py`` checks that the committed file is what
this writes today, so the picture cannot drift from the program.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from rich.console import Console
from rich.text import Text

ROOT = Path(__file__).parent.parent
PICTURE = ROOT / ".github" / "readme" / "compare-taiwan.svg"
COMMAND = ["compare", "taiwan"]
LINES = 48  # the top of the view: the issue, Washington and Beijing


def render() -> str:
    """The SVG of the command's first lines as an 80-column truecolor terminal shows them."""
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "USCN_DATA_DIR")}
    env.update({"FORCE_COLOR": "1", "COLORTERM": "truecolor", "COLUMNS": "80", "TERM": "xterm-256color"})
    env["XDG_DATA_HOME"] = "/nonexistent"  # the shipped dataset only, whoever runs it
    result = subprocess.run(
        [sys.executable, "-m", "usc_cli", "--no-pager", *COMMAND], capture_output=True, env=env, check=True
    )
    shown = "\n".join(result.stdout.decode("utf-8").splitlines()[:LINES])
    with open(os.devnull, "w", encoding="utf-8") as nowhere:
        console = Console(width=80, record=True, force_terminal=True, color_system="truecolor", file=nowhere)
        console.print(Text.from_ansi(shown), crop=False)
    return console.export_svg(title="uscn " + " ".join(COMMAND), unique_id="uscn")


if __name__ == "__main__":
    PICTURE.parent.mkdir(exist_ok=True)
    PICTURE.write_text(render(), encoding="utf-8")
    print(f"wrote {PICTURE.relative_to(ROOT)}")
