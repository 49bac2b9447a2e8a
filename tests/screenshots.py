"""Screenshots of ``uscn report`` in headless Chromium: ``python -m tests.screenshots [DIR]``.

Writes the README's picture, ``.github/readme/report-1280.png`` (the top of the page at 1280×800), and with a
DIR also the views worth looking at before a change lands, at 1280×800 and on a phone (390×844): the
top of the page, one issue (Washington | Beijing), the timeline and a quote's highlighted spot in its
article. PNGs are squeezed with pngquant and optipng when those are installed.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.browser import Browser, find_chromium

ROOT = Path(__file__).parent.parent
README_PICTURE = ROOT / ".github" / "readme" / "report-1280.png"
SIZES = {"1280": (1280, 800), "390": (390, 844)}
VIEWS = {"top": "", "issue": "issue-taiwan", "timeline": "timeline", "quote": "q-diplomat-1039-1157"}


def optimise(png: Path) -> None:
    """Make the PNG smaller in place with whichever of pngquant and optipng is installed."""
    if shutil.which("pngquant"):
        subprocess.run(["pngquant", "--force", "--skip-if-larger", "--output", str(png), "256", str(png)], check=False)
    if shutil.which("optipng"):
        subprocess.run(["optipng", "-quiet", "-o5", str(png)], check=True)


def main(argv: list[str]) -> int:
    """Write the README's screenshot, and every view at both sizes into ``argv[0]`` when given."""
    executable = find_chromium()
    if executable is None:
        print("screenshots: Chromium not found (Debian: apt-get install chromium)", file=sys.stderr)
        return 1
    from typer.testing import CliRunner

    from usc_cli.cli import app

    with tempfile.TemporaryDirectory() as work:
        page = Path(work) / "report.html"
        result = CliRunner().invoke(app, ["report", "-o", str(page)])
        assert result.exit_code == 0, result.output
        browser = Browser(executable)
        try:
            shots = [(README_PICTURE, SIZES["1280"], "")]
            if argv:
                out = Path(argv[0])
                out.mkdir(parents=True, exist_ok=True)
                shots += [(out / f"{view}-{n}.png", size, f) for view, f in VIEWS.items() for n, size in SIZES.items()]
            for png, size, fragment in shots:
                browser.open(page, *size)
                if fragment:
                    browser.evaluate(f"location.hash = {fragment!r}")
                browser.screenshot(png)
                optimise(png)
                print(f"{png} ({png.stat().st_size // 1024} KiB)")
        finally:
            browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
