"""New articles given on the command line (``analyze``, ``sources add``): read, decoded, size-capped."""

from __future__ import annotations

import sys
from pathlib import Path

from usc_cli.errors import ExitStatus, UscnError
from usc_cli.loader.problems import format_loc
from usc_cli.models import LabelledArticle
from usc_cli.yamlfile import MAX_BYTES, YamlProblem, parse_yaml, read_text


class ArticleError(UscnError):
    """An article given to ``analyze`` or ``sources add`` that cannot be read."""

    exit_status = ExitStatus.FAILURE


def read_article(name: str) -> str:
    """A new article's text from a file, or from stdin for ``-`` (UTF-8, BOM accepted, size-capped)."""
    if name == "-":
        raw = sys.stdin.buffer.read(MAX_BYTES + 1)
        if len(raw) > MAX_BYTES:
            raise ArticleError(f"standard input is over the {MAX_BYTES}-byte limit")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ArticleError(f"standard input is not valid UTF-8 (byte 0x{raw[exc.start]:02x})") from None
    else:
        try:
            text = read_text(Path(name))
        except YamlProblem as exc:
            where = f" (line {exc.line})" if exc.line else ""
            raise ArticleError(f"{name}: {exc.message}{where}") from None
    if not text.strip():
        raise ArticleError(f"{'standard input' if name == '-' else name} is empty")
    return text


def read_labelled(name: str) -> list[tuple[str, LabelledArticle, str]]:
    """Hand-labelled articles: one labels file (YAML, naming its article's text file beside it) or
    every ``*.yaml`` in a directory; each as (labels file, labels, article text)."""
    path = Path(name)
    files = sorted(path.glob("*.yaml")) if path.is_dir() else [path]
    if not files:
        raise ArticleError(f"{name}: no *.yaml labels files in this directory")
    from usc_cli.schema import ValidationError, validate

    found: list[tuple[str, LabelledArticle, str]] = []
    for file in files:
        try:
            labels = validate(LabelledArticle, parse_yaml(read_text(file)).value)
        except YamlProblem as exc:
            where = f" (line {exc.line})" if exc.line else ""
            raise ArticleError(f"{file}: {exc.message}{where}") from None
        except ValidationError as exc:
            first = exc.errors()[0]
            raise ArticleError(f"{file}: {format_loc(first['loc'])}: {first['msg']}") from None
        found.append((str(file), labels, read_article(str(file.parent / labels.article))))
    return found
