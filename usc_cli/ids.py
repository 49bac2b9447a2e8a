"""Ids of one kind read straight from the data files, without parsing or validating them.

For TAB completion, which must answer in a few milliseconds: this module imports neither yaml nor
pydantic. The loader (``usc_cli.loader``) remains the only code that parses and verifies data.
"""

from __future__ import annotations

import re

from usc_cli.locations import DataLocation
from usc_cli.yamlfile import YamlProblem, read_text

SOURCES_DIR = "sources"

ID_RULE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")  # the models' Slug: lowercase words joined by hyphens
_ID_LINE = re.compile(r"^\s*-\s+id:\s*['\"]?([a-z0-9-]+)", re.MULTILINE)


def quick_ids(location: DataLocation, kind: str) -> list[str]:
    """Ids of one kind (issue, source, frame, actor, event) in file order, the user's own after the
    shipped ones; sources by file name. Only names that are ids: these are printed to the terminal
    by TAB completion, and a file name may hold anything (an escape sequence, a bidi override)."""
    found: dict[str, None] = {}
    for data_dir in (location.data_dir, location.user_dir):
        if data_dir is None:
            continue
        try:
            if kind == "source":
                found.update(dict.fromkeys(sorted(p.stem for p in (data_dir / SOURCES_DIR).glob("*.y*ml"))))
            else:
                found.update(dict.fromkeys(_ID_LINE.findall(read_text(data_dir / f"{kind}s.yaml"))))
        except (OSError, YamlProblem):
            continue
    return [name for name in found if ID_RULE.fullmatch(name)]
