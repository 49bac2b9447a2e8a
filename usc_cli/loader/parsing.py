"""Parsing: each file's bytes into its model (YAML syntax and schema), a problem for each that fails."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

from usc_cli.errors import Problem
from usc_cli.ids import SOURCES_DIR
from usc_cli.loader.problems import Collector
from usc_cli.loader.snapshot import Snapshot
from usc_cli.models import ActorsFile, AgreementsFile, EventsFile, FramesFile, IssuesFile, SourceFile
from usc_cli.yamlfile import YamlProblem, decode, parse_yaml

M = TypeVar("M")

TOP_FILES: dict[str, type[Any]] = {
    "issues.yaml": IssuesFile,
    "actors.yaml": ActorsFile,
    "frames.yaml": FramesFile,
    "events.yaml": EventsFile,
}
# Optional top-level files: read when present (a user's own dataset need not curate agreements).
OPTIONAL_FILES: dict[str, type[Any]] = {"agreements.yaml": AgreementsFile}

# The contents of the top-level files by file name (issues.yaml, …): (name shown, parsed file), shipped first.
Tops = dict[str, list[tuple[str, Any]]]


def parse_file(col: Collector, path: Path, raw: bytes | YamlProblem, model: type[M]) -> M | None:
    """The file's bytes as ``model``, or None with its problems collected (syntax, schema, unknown field)."""
    file = col.name(path)
    try:
        if isinstance(raw, YamlProblem):
            raise raw
        parsed = parse_yaml(decode(raw))
    except YamlProblem as exc:
        col.problems.append(Problem(file, exc.line, exc.column, "", exc.message))
        return None
    col.parsed[file] = parsed
    from usc_cli.schema import ValidationError, validate  # pydantic: only a load from the files validates

    try:
        return validate(model, parsed.value)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            col.add(file, tuple(error["loc"]), _message(error))
        return None


def _message(error: Any) -> str:
    kind, loc = error["type"], error["loc"]
    if kind == "control_character":  # the text itself may be long, and holds the character
        return str(error["msg"])
    if kind in ("extra_forbidden", "unexpected_keyword_argument"):
        return f"unknown field {loc[-1]!r}"
    if kind in ("missing", "missing_keyword_only_argument"):
        return f"required field {loc[-1]!r} is missing"
    given = error.get("input")
    shown = "" if isinstance(given, dict | list) or given is None else f" (got {given!r})"
    return f"{error['msg']}{shown}"


def parse_files(col: Collector, snapshot: Snapshot) -> tuple[Tops, dict[str, SourceFile]]:
    """Every top-level file and every source file of the snapshot, parsed; a file that fails marks what it
    would define as broken (references to it are not reported again)."""
    return _parse_tops(col, snapshot), _parse_sources(col, snapshot)


def _parse_tops(col: Collector, snapshot: Snapshot) -> Tops:
    data_dir = col.location.data_dir
    tops: Tops = {name: [] for name in (*TOP_FILES, *OPTIONAL_FILES)}
    for name, model in TOP_FILES.items():
        path = data_dir / name
        if path not in snapshot.files:
            col.problems.append(Problem(name, None, None, "", "required file is missing"))
            continue
        content = parse_file(col, path, snapshot.get(path), model)
        if content is None:
            col.broken.add((name.removesuffix("s.yaml"), "*"))
        else:
            tops[name].append((name, content))
    for name, model in OPTIONAL_FILES.items():
        path = data_dir / name
        content = parse_file(col, path, snapshot.get(path), model) if path in snapshot.files else None
        if content is not None:
            tops[name].append((name, content))
    for path in [*snapshot.tops, *snapshot.user_tops]:
        known = TOP_FILES.get(path.name) or OPTIONAL_FILES.get(path.name)
        if known is None:
            col.problems.append(Problem(col.name(path), None, None, "", "unexpected data file (not read)"))
        elif path in snapshot.user_tops:  # the user's own issues, actors, …: added to the shipped ones
            content = parse_file(col, path, snapshot.get(path), known)
            if content is None:
                col.broken.add((path.name.removesuffix("s.yaml"), "*"))
            else:
                tops[path.name].append((col.name(path), content))
    return tops


def _parse_sources(col: Collector, snapshot: Snapshot) -> dict[str, SourceFile]:
    source_files: dict[str, SourceFile] = {}
    if not snapshot.sources:
        col.problems.append(Problem(f"{SOURCES_DIR}/", None, None, "", "no source files (sources/*.yaml)"))
    for path in [*snapshot.sources, *snapshot.user_sources]:
        loaded = parse_file(col, path, snapshot.get(path), SourceFile)
        if loaded is not None:
            source_files[col.name(path)] = loaded
        else:
            col.broken.add(("source", path.stem))
    return source_files
