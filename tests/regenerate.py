"""Every generated file, from one command: ``python -m tests.regenerate`` rewrites those that are stale;
``python -m tests.regenerate --check`` (run by ``.ci/run``) names them and fails, writing nothing.

- ``README.md``: the output blocks of the tour (``tests.readme_tour``);
- ``.github/readme/compare-taiwan.svg``: the README's terminal picture (``tests.terminal_svg``);

The report's screenshots (PNG drawn by Chromium: ``python -m tests.screenshots``) are not byte-stable
from one machine to another, so they stay a step of their own.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

from tests import readme_tour, terminal_svg


def generated(check: bool) -> list[tuple[Path, Callable[[], str]]]:
    """Each generated file and the function that makes its text (for ``check``, without what varies
    from one checkout to another)."""
    return [
        (readme_tour.README, lambda: readme_tour.rewrite(readme_tour.README.read_text(encoding="utf-8"))),
        (terminal_svg.PICTURE, terminal_svg.render),
    ]


def stale(check: bool) -> list[tuple[Path, str]]:
    """The generated files whose text is not what their generator makes now, with that text."""
    found = []
    for path, make in generated(check):
        wanted = make()
        if not path.is_file() or path.read_text(encoding="utf-8") != wanted:
            found.append((path, wanted))
    return found


def main(argv: list[str]) -> int:
    """Rewrite (or with ``--check``, only name) the stale generated files; 1 when ``--check`` finds some."""
    os.environ.pop("USCN_DATA_DIR", None)
    check = argv == ["--check"]
    if argv and not check:
        sys.stderr.write("usage: python -m tests.regenerate [--check]\n")
        return 2
    root = Path(__file__).parent.parent
    found = stale(check)
    for path, wanted in found:
        name = path.relative_to(root)
        if check:
            sys.stdout.write(f"stale: {name} (run: python -m tests.regenerate)\n")
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(wanted, encoding="utf-8")
            sys.stdout.write(f"rewrote {name}\n")
    return 1 if check and found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
