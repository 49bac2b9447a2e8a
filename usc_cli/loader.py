"""The only code that reads data files: parse, validate, cross-check, locate every quote.

One pass collects every problem (syntax, schema, unknown field, duplicate id, dangling reference,
quote not found, seed missing or changed) and raises one DataError listing them all.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from usc_cli.dataset import Dataset, LoadedDataset, SeedText, Site
from usc_cli.errors import DataDirError, DataError, ExitStatus, Problem, UscnError
from usc_cli.ids import SOURCES_DIR
from usc_cli.locations import DataLocation
from usc_cli.models import (
    ActorsFile,
    AgreementsFile,
    EventsFile,
    Evidence,
    FramesFile,
    IssuesFile,
    Side,
    SourceFile,
    SourceKind,
)
from usc_cli.yamlfile import MAX_BYTES, Loc, ParsedYaml, YamlProblem, decode, parse_yaml, read_bytes, read_text

M = TypeVar("M", bound=BaseModel)

TOP_FILES: dict[str, type[BaseModel]] = {
    "issues.yaml": IssuesFile,
    "actors.yaml": ActorsFile,
    "frames.yaml": FramesFile,
    "events.yaml": EventsFile,
}
# Optional top-level files: read when present (a user's own dataset need not curate agreements).
OPTIONAL_FILES: dict[str, type[BaseModel]] = {"agreements.yaml": AgreementsFile}


def format_loc(loc: Iterable[str | int]) -> str:
    """``('positions', 3, 'quote')`` → ``positions[3].quote``."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


class _Collector:
    """Gathers problems, remembering each file's parsed marks to give lines for field paths."""

    def __init__(self, location: DataLocation) -> None:
        self.location = location
        self.problems: list[Problem] = []
        self.parsed: dict[str, ParsedYaml] = {}
        # (kind, id or "*") whose file failed to load: references to them are not reported again
        self.broken: set[tuple[str, str]] = set()

    def is_broken(self, kind: str, ident: str) -> bool:
        return (kind, "*") in self.broken or (kind, ident) in self.broken

    def name(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.location.data_dir))
        except ValueError:
            return str(path)

    def add(self, file: str, loc: Loc, message: str) -> None:
        mark = self.parsed[file].mark_for(loc) if file in self.parsed else None
        line, column = mark if mark else (None, None)
        self.problems.append(Problem(file, line, column, format_loc(loc), message))

    def line(self, file: str, loc: Loc) -> str:
        mark = self.parsed[file].mark_for(loc) if file in self.parsed else None
        return f"{file}:{mark[0]}" if mark else file

    def load(self, path: Path, raw: bytes | YamlProblem, model: type[M]) -> M | None:
        file = self.name(path)
        try:
            if isinstance(raw, YamlProblem):
                raise raw
            parsed = parse_yaml(decode(raw))
        except YamlProblem as exc:
            self.problems.append(Problem(file, exc.line, exc.column, "", exc.message))
            return None
        self.parsed[file] = parsed
        try:
            return model.model_validate(parsed.value)
        except ValidationError as exc:
            for error in exc.errors(include_url=False):
                self.add(file, tuple(error["loc"]), _message(error))
            return None


def _message(error: Any) -> str:
    kind, loc = error["type"], error["loc"]
    if kind == "extra_forbidden":
        return f"unknown field {loc[-1]!r}"
    if kind == "missing":
        return f"required field {loc[-1]!r} is missing"
    given = error.get("input")
    shown = "" if isinstance(given, dict | list) or given is None else f" (got {given!r})"
    return f"{error['msg']}{shown}"


def _check_data_dir(location: DataLocation) -> None:
    data_dir = location.data_dir
    if not data_dir.exists():
        raise DataDirError(f"data directory {str(data_dir)!r} does not exist")
    if not data_dir.is_dir():
        raise DataDirError(f"data directory {str(data_dir)!r} is not a directory")
    if not os.access(data_dir, os.R_OK | os.X_OK):
        raise DataDirError(f"data directory {str(data_dir)!r} is not readable")
    if not any(data_dir.glob("*.yaml")) and not (data_dir / SOURCES_DIR).is_dir():
        raise DataDirError(f"data directory {str(data_dir)!r} holds no uscn data (no *.yaml files)")


class Snapshot:
    """The bytes of every file a load reads, each file read exactly once.

    The dataset is parsed from these bytes and the cache key is their hash, so a cached dataset is
    always the one these bytes give, however the files change during or after the load. Paths are
    followed through symlinks (a symlinked ``sources/`` or seed is read like any other).
    """

    def __init__(self, location: DataLocation) -> None:
        data_dir, seeds_dir = location.data_dir, location.seeds_dir
        self.tops = _listing(data_dir, (".yaml", ".yml"))
        sources_dir = data_dir / SOURCES_DIR
        self.sources = _listing(sources_dir, (".yaml", ".yml")) if sources_dir.is_dir() else []
        self.files: dict[Path, bytes | YamlProblem] = {}
        for path in [*self.tops, *self.sources, *_listing(seeds_dir, ())]:
            try:
                self.files[path] = read_bytes(path)
            except YamlProblem as exc:
                self.files[path] = exc

    def get(self, path: Path) -> bytes | YamlProblem:
        """The bytes read from ``path``, or the problem met reading it (a missing file included)."""
        found = self.files.get(path)
        if found is None:
            return YamlProblem(f"cannot read: {os.strerror(2)}")
        return found

    def key(self, location: DataLocation) -> str:
        """A hash of the directories, every file's name, real path and bytes, and the code reading them."""
        digest = hashlib.sha256()
        for part in (location.data_dir, location.seeds_dir):
            digest.update(_real(part).encode("utf-8", "surrogateescape") + b"\0")
        directories: dict[Path, str] = {}
        for path, raw in sorted(self.files.items()):
            digest.update(f"{path}\0{_real(path, directories)}\0".encode("utf-8", "surrogateescape"))
            if isinstance(raw, YamlProblem):
                digest.update(b"problem\0" + raw.message.encode() + b"\0")
            else:
                digest.update(b"bytes\0" + hashlib.sha256(raw).digest())
        return digest.hexdigest()


def _real(path: Path, directories: dict[Path, str] | None = None) -> str:
    """``os.path.realpath``; a file that is not a symlink is its directory's real path (resolved once
    per directory in ``directories``) and its name."""
    try:
        if directories is not None and not os.path.islink(path):
            parent = directories.get(path.parent)
            if parent is None:
                parent = directories[path.parent] = os.path.realpath(path.parent)
            return os.path.join(parent, path.name)
        return os.path.realpath(path)
    except OSError:  # pragma: no cover - realpath does not raise on Linux
        return str(path)


def _listing(directory: Path, suffixes: tuple[str, ...]) -> list[Path]:
    """The files in ``directory`` (following a symlinked directory) with one of ``suffixes``, sorted."""
    try:
        with os.scandir(directory) as entries:
            names = [e.name for e in entries if not suffixes or e.name.endswith(suffixes)]
    except OSError:
        return []
    paths = [directory / name for name in sorted(names)]
    if suffixes:
        return paths
    return [p for p in paths if not p.is_dir()]


def load_dataset(location: DataLocation) -> Dataset:
    """Load and verify the dataset at ``location``; raise DataError listing every problem."""
    return load_dataset_keyed(location)[0]


def load_dataset_keyed(location: DataLocation) -> tuple[Dataset, str]:
    """The dataset and the content key of the bytes it was built from (the store's key).

    Read from the dataset's store when one built from exactly these bytes exists; otherwise loaded
    from these bytes, verified and stored.
    """
    from usc_cli import store

    _check_data_dir(location)
    snapshot = Snapshot(location)
    key = store.full_key(snapshot.key(location))

    def load() -> Dataset:
        dataset = _load_and_verify(location, snapshot)
        store.write(location, key, dataset)
        return dataset

    return store.open_dataset(location, key, load), key


def _load_and_verify(location: DataLocation, snapshot: Snapshot) -> LoadedDataset:
    col = _Collector(location)
    data_dir = location.data_dir

    tops: dict[str, Any] = {}
    for name, model in TOP_FILES.items():
        path = data_dir / name
        if path not in snapshot.files:
            col.problems.append(Problem(name, None, None, "", "required file is missing"))
            continue
        tops[name] = col.load(path, snapshot.get(path), model)
        if tops[name] is None:
            col.broken.add((name.removesuffix("s.yaml"), "*"))
    for name, model in OPTIONAL_FILES.items():
        path = data_dir / name
        if path in snapshot.files:
            tops[name] = col.load(path, snapshot.get(path), model)
    for path in snapshot.tops:
        if path.name not in TOP_FILES and path.name not in OPTIONAL_FILES:
            col.problems.append(Problem(col.name(path), None, None, "", "unexpected data file (not read)"))

    source_files: dict[str, SourceFile] = {}
    if not snapshot.sources:
        col.problems.append(Problem(f"{SOURCES_DIR}/", None, None, "", "no source files (sources/*.yaml)"))
    for path in snapshot.sources:
        loaded = col.load(path, snapshot.get(path), SourceFile)
        if loaded is not None:
            source_files[col.name(path)] = loaded
        else:
            col.broken.add(("source", path.stem))

    dataset = _assemble(col, tops, source_files)
    _verify(col, dataset, tops, source_files, snapshot)
    if col.problems:
        raise DataError(col.problems)
    return dataset


def _register(col: _Collector, kind: str, seen: dict[str, str], ident: str, file: str, loc: Loc) -> bool:
    where = col.line(file, loc)
    if ident in seen:
        col.add(file, loc, f"duplicate {kind} id {ident!r} (also at {seen[ident]})")
        return False
    seen[ident] = where
    return True


def _assemble(col: _Collector, tops: dict[str, Any], source_files: dict[str, SourceFile]) -> LoadedDataset:
    dataset = LoadedDataset({}, {}, {}, {}, {}, [], [])
    tables: list[tuple[str, str, str, dict[str, Any]]] = [
        ("issues.yaml", "issues", "issue", dataset.issues),
        ("actors.yaml", "actors", "actor", dataset.actors),
        ("frames.yaml", "frames", "frame", dataset.frames),
        ("events.yaml", "events", "event", dataset.events),
        ("agreements.yaml", "agreements", "agreement", dataset.agreements),
    ]
    for file, key, kind, target in tables:
        content = tops.get(file)
        seen: dict[str, str] = {}
        for index, item in enumerate(getattr(content, key, [])):
            if _register(col, kind, seen, item.id, file, (key, index, "id")):
                target[item.id] = item
    seen_sources: dict[str, str] = {}
    seen_recs: dict[str, str] = {}
    for file, content in source_files.items():
        src = content.source
        if Path(file).stem != src.id:
            col.add(file, ("source", "id"), f"source id {src.id!r} must match the file name {Path(file).name!r}")
        if _register(col, "source", seen_sources, src.id, file, ("source", "id")):
            dataset.sources[src.id] = src
        dataset.positions.extend(content.positions)
        dataset.attributions.setdefault(src.id, []).extend(content.attributions)
        for index, rec in enumerate(content.recommendations):
            if _register(col, "recommendation", seen_recs, rec.id, file, ("recommendations", index, "id")):
                dataset.recommendations.append(rec)
    return dataset


def _verify(
    col: _Collector, ds: LoadedDataset, tops: dict[str, Any], source_files: dict[str, SourceFile], snapshot: Snapshot
) -> None:
    """Cross-file checks: references, seeds and their checksums, quotes, gaps."""
    _load_seeds(col, ds, source_files, snapshot)

    def ref(kind: str, ids: dict[str, Any], ident: str, file: str, loc: Loc) -> None:
        if ident not in ids and not col.is_broken(kind, ident):
            col.add(file, loc, f"unknown {kind} {ident!r}")

    def quote(evidence: Evidence, file: str, loc: Loc, item: str = "", summary: str | None = None) -> None:
        if item:
            mark = col.parsed[file].mark_for(loc) if file in col.parsed else None
            ds.sites.append(Site(file, mark[0] if mark else None, format_loc(loc), item, summary, evidence))
        if evidence.source not in ds.sources:
            if not col.is_broken("source", evidence.source):
                col.add(file, (*loc, "source"), f"unknown source {evidence.source!r}")
            return
        seed = ds.seeds.get(evidence.source)
        if seed is None:
            return  # the missing seed is reported once, at the source
        spans = seed.find(evidence.quote)
        if not spans:
            col.add(file, (*loc, "quote"), f"quote not found in seed of {evidence.source!r}: {evidence.quote!r}")
        ds.spans[(evidence.source, evidence.quote)] = spans

    for file, content in source_files.items():
        src = content.source
        for attr in ("title", "outlet", "date", "author"):
            value = getattr(src, attr)
            if value is not None and value.quote is not None:
                quote(Evidence(source=src.id, quote=value.quote), file, ("source", attr))
        standpoint = src.author.standpoint
        if standpoint is not None and standpoint.quote is not None:
            quote(Evidence(source=src.id, quote=standpoint.quote), file, ("source", "author", "standpoint"))
        for index, attribution in enumerate(content.attributions):
            loc: Loc = ("attributions", index)
            if attribution.speaker.actor is not None:
                ref("actor", ds.actors, attribution.speaker.actor, file, (*loc, "speaker", "actor"))
            quote(Evidence(source=src.id, quote=attribution.quote), file, loc)
        for index, pos in enumerate(content.positions):
            loc = ("positions", index)
            ref("issue", ds.issues, pos.issue, file, (*loc, "issue"))
            if pos.holder.actor is not None:
                ref("actor", ds.actors, pos.holder.actor, file, (*loc, "holder", "actor"))
            for n, ev in enumerate(pos.evidence):
                quote(ev, file, (*loc, "evidence", n), f"position on {pos.issue} ({pos.side.value})", pos.summary)
        for index, rec in enumerate(content.recommendations):
            loc = ("recommendations", index)
            ref("source", ds.sources, rec.source, file, (*loc, "source"))
            if rec.source != src.id:
                col.add(file, (*loc, "source"), f"a recommendation in {file} must be in source {src.id!r}")
            if rec.proposer is not None:
                ref("actor", ds.actors, rec.proposer, file, (*loc, "proposer"))
            elif src.kind is SourceKind.NEWS_ANALYSIS:
                col.add(
                    file,
                    (*loc, "proposer"),
                    "a news analysis makes no recommendations of its own: name the proposer",
                )
            for issue_ref in rec.issues:
                ref("issue", ds.issues, issue_ref, file, (*loc, "issues"))
            for n, ev in enumerate(rec.evidence):
                if ev.source != rec.source:
                    col.add(
                        file,
                        (*loc, "evidence", n, "source"),
                        "recommendation evidence must come from its source",
                    )
                quote(ev, file, (*loc, "evidence", n), f"recommendation {rec.id}", rec.summary)

    held = {(p.issue, p.side) for p in ds.positions}  # one pass, not one scan per issue and side
    for index, issue in enumerate(ds.issues.values()):
        loc = ("issues", index)
        for n, other in enumerate(issue.related):
            ref("issue", ds.issues, other, "issues.yaml", (*loc, "related", n))
        for n, frame_ref in enumerate(issue.frames):
            ref("frame", ds.frames, frame_ref, "issues.yaml", (*loc, "frames", n))
        gaps = {gap.side for gap in issue.gaps}
        for side in (Side.US, Side.CHINA):
            if any(kind == "source" for kind, _ in col.broken):
                break  # positions in a broken source file are unknown
            has = (issue.id, side) in held
            if has and side in gaps:
                col.add("issues.yaml", (*loc, "gaps"), f"gap declared for {side.value!r} but a position exists")
            if not has and side not in gaps:
                col.add("issues.yaml", loc, f"no {side.value!r} position: add one or declare a gap")

    for index, actor in enumerate(ds.actors.values()):
        if actor.standpoint is not None:
            stand = actor.standpoint
            quote(Evidence(source=stand.source, quote=stand.quote), "actors.yaml", ("actors", index, "standpoint"))
        for n, role in enumerate(actor.roles):
            quote(
                Evidence(source=role.source, quote=role.quote),
                "actors.yaml",
                ("actors", index, "roles", n),
                f"actor {actor.id}",
            )
        for n, variant in enumerate(actor.variants):
            quote(
                Evidence(source=variant.source, quote=variant.quote),
                "actors.yaml",
                ("actors", index, "variants", n),
            )
    for index, frame in enumerate(ds.frames.values()):
        for n, label in enumerate(frame.labels):
            for m, ev in enumerate(label.evidence):
                quote(
                    ev,
                    "frames.yaml",
                    ("frames", index, "labels", n, "evidence", m),
                    f"frame {frame.id} ({label.side.value})",
                    f"{label.label}: {label.summary}",
                )
    rec_source = {r.id: r.source for r in ds.recommendations}
    for index, agreement in enumerate(ds.agreements.values()):
        loc = ("agreements", index)
        for n, rec_id in enumerate(agreement.recommendations):
            ref("recommendation", rec_source, rec_id, "agreements.yaml", (*loc, "recommendations", n))
        linked = {rec_source[r] for r in agreement.recommendations if r in rec_source}
        if len(linked) < 2 and not any(kind == "source" for kind, _ in col.broken):
            col.add(
                "agreements.yaml",
                (*loc, "recommendations"),
                "an agreement links recommendations of two or more sources",
            )
    for index, event in enumerate(ds.events.values()):
        loc = ("events", index)
        for n, issue_id in enumerate(event.issues):
            ref("issue", ds.issues, issue_id, "events.yaml", (*loc, "issues", n))
        for n, actor_id in enumerate(event.actors):
            ref("actor", ds.actors, actor_id, "events.yaml", (*loc, "actors", n))
        for n, mention in enumerate(event.mentions):
            quote(
                Evidence(source=mention.source, quote=mention.quote),
                "events.yaml",
                (*loc, "mentions", n),
                f"event {event.id}",
            )
        if event.date.quote is not None:
            mentioned = [ds.seeds[m.source] for m in event.mentions if m.source in ds.seeds]
            if mentioned and not any(seed.find(event.date.quote) for seed in mentioned):
                col.add("events.yaml", (*loc, "date", "quote"), "date quote not found in any mentioning source")


def _load_seeds(col: _Collector, ds: LoadedDataset, source_files: dict[str, SourceFile], snapshot: Snapshot) -> None:
    seeds_dir = col.location.seeds_dir
    for file, content in source_files.items():
        src = content.source
        loc: Loc = ("source", "seed")
        if Path(src.seed).name != src.seed or src.seed in ("", ".", ".."):
            col.add(file, loc, f"seed {src.seed!r} must be a plain file name inside {str(seeds_dir)!r}")
            continue
        path = seeds_dir / src.seed
        if path.is_symlink() and seeds_dir.resolve() not in path.resolve().parents:
            col.add(file, loc, f"seed {src.seed!r} is a symlink out of the seeds directory; refused")
            continue
        raw = snapshot.get(path)
        try:
            if isinstance(raw, YamlProblem):
                raise raw
            raw_text = decode(raw)
        except YamlProblem as exc:
            col.add(file, loc, f"seed {str(path)!r}: {exc.message}")
            continue
        digest = hashlib.sha256(raw).hexdigest()
        if digest != src.sha256:
            col.add(file, ("source", "sha256"), f"seed {src.seed!r} has changed: its sha256 is {digest}")
        ds.seeds[src.id] = SeedText(raw_text)


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
