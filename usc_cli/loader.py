"""The only code that reads data files: parse, validate, cross-check, locate every quote.

One pass collects every problem (syntax, schema, unknown field, duplicate id, dangling reference,
quote not found, seed missing or changed) and raises one DataError listing them all.

By default it reads two directories as one dataset (``locations``): the shipped dataset and, laid
over it, the user's own directory, which adds sources (with their seeds), issues, actors, frames,
events and agreements. An id the user's files share with the shipped dataset is an error naming both
files, unless the user's item is identical to the shipped one: then it is a copy and read once. A
user file byte-identical to a file uscn ships or once shipped (``shipped_history``) is a copy left by
the old ``sources add`` and is not read at all (nor removed: no read deletes or changes a file).
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

from usc_cli.dataset import Dataset, LoadedDataset, Origin, SeedText, Site
from usc_cli.errors import DataDirError, DataError, ExitStatus, Problem, UscnError
from usc_cli.ids import SOURCES_DIR
from usc_cli.locations import DataLocation, shipped_data_dir
from usc_cli.models import (
    CITATION_REQUIRED,
    ActorsFile,
    AgreementsFile,
    EventsFile,
    Evidence,
    FrameLabel,
    FramesFile,
    Issue,
    IssuesFile,
    LabelledArticle,
    Side,
    SourceFile,
    SourceKind,
)
from usc_cli.yamlfile import MAX_BYTES, Loc, ParsedYaml, YamlProblem, decode, parse_yaml, read_bytes, read_text

M = TypeVar("M")

TOP_FILES: dict[str, type[Any]] = {
    "issues.yaml": IssuesFile,
    "actors.yaml": ActorsFile,
    "frames.yaml": FramesFile,
    "events.yaml": EventsFile,
}
# Optional top-level files: read when present (a user's own dataset need not curate agreements).
OPTIONAL_FILES: dict[str, type[Any]] = {"agreements.yaml": AgreementsFile}


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
        self.user_files: set[str] = set()  # names of the files read from the user's own directory
        # (kind, id or "*") whose file failed to load: references to them are not reported again
        self.broken: set[tuple[str, str]] = set()

    def is_broken(self, kind: str, ident: str) -> bool:
        return (kind, "*") in self.broken or (kind, ident) in self.broken

    def name(self, path: Path) -> str:
        """A shipped (or --data-dir) file by its path in the dataset; a file of the user's by its full path."""
        user = self.location.user_dir
        if user is not None and path.is_relative_to(user):
            self.user_files.add(str(path))
            return str(path)
        try:
            return str(path.relative_to(self.location.data_dir))
        except ValueError:
            return str(path)

    def full(self, file: str) -> str:
        """A file name with the directory it is in, for a message that names files of two directories."""
        return file if file in self.user_files else str(self.location.data_dir / file)

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
        from usc_cli.schema import ValidationError, validate  # pydantic: only a load from the files validates

        try:
            return validate(model, parsed.value)
        except ValidationError as exc:
            for error in exc.errors(include_url=False):
                self.add(file, tuple(error["loc"]), _message(error))
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
    user = location.user_dir
    if user is None or not user.exists():
        return  # no additions of the user's: the shipped dataset alone
    if not user.is_dir():
        raise DataDirError(f"your data directory {str(user)!r} is not a directory (it holds your own sources)")
    if not os.access(user, os.R_OK | os.X_OK):
        raise DataDirError(f"your data directory {str(user)!r} is not readable (it holds your own sources)")


class Snapshot:
    """The bytes of every file a load reads, each file read exactly once.

    The dataset is parsed from these bytes and the cache key is their hash, so a cached dataset is
    always the one these bytes give, however the files change during or after the load. Paths are
    followed through symlinks (a symlinked ``sources/`` or seed is read like any other).
    """

    def __init__(self, location: DataLocation, skip: frozenset[Path] = frozenset()) -> None:
        data_dir, seeds_dir = location.data_dir, location.seeds_dir
        self.tops = _listing(data_dir, (".yaml", ".yml"))
        sources_dir = data_dir / SOURCES_DIR
        self.sources = _listing(sources_dir, (".yaml", ".yml")) if sources_dir.is_dir() else []
        # the user's own directory: only what they added (copies of shipped files are set apart)
        self.user_tops: list[Path] = []
        self.user_sources: list[Path] = []
        user_seeds: list[Path] = []
        if location.user_dir is not None:
            self.user_tops = [p for p in _listing(location.user_dir, (".yaml", ".yml")) if p not in skip]
            self.user_sources = [
                p for p in _listing(location.user_dir / SOURCES_DIR, (".yaml", ".yml")) if p not in skip
            ]
            user_seeds = _listing(location.user_dir / "seeds", ())
        self.files: dict[Path, bytes | YamlProblem] = {}
        for path in [*self.tops, *self.sources, *_listing(seeds_dir, ())]:
            self.files[path] = _read(path)
        for path in [*self.user_tops, *self.user_sources, *user_seeds]:
            self.files[path] = _read(path)
        self.copies = [p for p in [*self.user_tops, *self.user_sources] if _is_copy(location, p, self.files[p])]
        self.user_tops = [p for p in self.user_tops if p not in self.copies]
        self.user_sources = [p for p in self.user_sources if p not in self.copies]

    def get(self, path: Path) -> bytes | YamlProblem:
        """The bytes read from ``path``, or the problem met reading it (a missing file included)."""
        found = self.files.get(path)
        if found is None:
            return YamlProblem(f"cannot read: {os.strerror(2)}")
        return found

    def origins(self, location: DataLocation) -> dict[str, Origin]:
        """Where each source's file is, by id (a file's name is its source's id)."""
        found = {path.stem: Origin("user", str(path)) for path in self.user_sources}
        kind = "shipped" if location.overlay or _same_file(location.data_dir, shipped_data_dir()) else "data-dir"
        found.update({path.stem: Origin(kind, str(path)) for path in self.sources})  # a copy is the shipped one
        return found

    def key(self, location: DataLocation) -> str:
        """A hash of the directories, every file's name, real path and bytes, and the code reading them."""
        digest = hashlib.sha256()
        for part in location.dirs():
            digest.update(_real(part).encode("utf-8", "surrogateescape") + b"\0")
        directories: dict[Path, str] = {}
        for path, raw in sorted(self.files.items()):
            digest.update(f"{path}\0{_real(path, directories)}\0".encode("utf-8", "surrogateescape"))
            if isinstance(raw, YamlProblem):
                digest.update(b"problem\0" + raw.message.encode() + b"\0")
            else:
                digest.update(b"bytes\0" + hashlib.sha256(raw).digest())
        return digest.hexdigest()


def _read(path: Path) -> bytes | YamlProblem:
    try:
        return read_bytes(path)
    except YamlProblem as exc:
        return exc


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except (OSError, RuntimeError):
        return False


def _shipped_counterpart(location: DataLocation, relative: Path) -> Path:
    """The shipped file a file of the user's directory would be a copy of (same place in the layout)."""
    if relative.parts[0] == "seeds":
        return location.seeds_dir.joinpath(*relative.parts[1:])
    return location.data_dir / relative


def _is_copy(location: DataLocation, path: Path, raw: bytes | YamlProblem) -> bool:
    """True when a file of the user's directory is one of uscn's own data files, as shipped now or once."""
    from usc_cli.shipped_history import SHIPPED_FILES

    if location.user_dir is None or isinstance(raw, YamlProblem):
        return False
    relative = path.relative_to(location.user_dir)
    if (relative.as_posix(), hashlib.sha256(raw).hexdigest()) in SHIPPED_FILES:
        return True
    counterpart = _shipped_counterpart(location, relative)
    try:
        return counterpart.stat().st_size == len(raw) and counterpart.read_bytes() == raw
    except OSError:
        return False


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
    """The files in ``directory`` (following a symlinked directory) with one of ``suffixes``, sorted.

    A name starting with a dot is not data: editors and systems leave such files beside the ones
    they touch (``.#x.yaml`` Emacs locks, ``._x.yaml`` macOS resource forks, ``.x.yaml.swp``).
    """
    try:
        with os.scandir(directory) as entries:
            names = [
                e.name for e in entries if not e.name.startswith(".") and (not suffixes or e.name.endswith(suffixes))
            ]
    except OSError:
        return []
    paths = [directory / name for name in sorted(names)]
    if suffixes:
        return paths
    return [p for p in paths if not p.is_dir()]


def load_dataset(location: DataLocation, from_files: bool = False) -> Dataset:
    """Load and verify the dataset at ``location``; raise DataError listing every problem.

    ``from_files``: parse and check every file even when a store holds this dataset (``validate``).
    """
    return load_dataset_keyed(location, from_files)[0]


def load_dataset_lenient(location: DataLocation) -> tuple[Dataset, str, list[Problem]]:
    """The dataset and its content key, leaving out the files of the user's own directory that have
    problems (the first problem of each returned, for a warning): a broken draft must not stop every
    command. Problems in the shipped data (or a --data-dir) still raise DataError, as ``uscn
    validate`` always does."""
    user = location.user_dir
    problems: list[Problem] = []
    skipped: frozenset[Path] = frozenset()
    for _ in range(3):  # a file left out may leave another of the user's pointing at it: leave that out too
        try:
            dataset, key = load_dataset_keyed(location, skip=skipped)
        except DataError as exc:
            files = {Path(p.file) for p in exc.problems}
            if user is None or not all(f.is_relative_to(user) for f in files) or files <= skipped:
                raise DataError(problems + exc.problems) from None
            problems += exc.problems
            skipped |= files
            continue
        first = {p.file: p for p in reversed(problems)}
        return dataset, key, sorted(first.values())
    raise DataError(problems)


def load_dataset_keyed(
    location: DataLocation, from_files: bool = False, skip: frozenset[Path] = frozenset()
) -> tuple[Dataset, str]:
    """The dataset and the content key of the bytes it was built from (the store's key); ``skip``:
    files of the user's own directory to leave out.

    Read from the dataset's store when one built from exactly these bytes exists (unless
    ``from_files``); otherwise loaded from these bytes, verified and stored.
    """
    from usc_cli import store

    _check_data_dir(location)
    snapshot = Snapshot(location, skip)
    key = store.full_key(snapshot.key(location))

    def load() -> Dataset:
        dataset = _load_and_verify(location, snapshot)
        store.write(location, key, dataset)
        return dataset

    dataset = load() if from_files else store.open_dataset(location, key, load, snapshot.files)
    dataset.origins = snapshot.origins(location)  # where each file was read from: not part of the store
    return dataset, key


# Each top-level file: (list key in the file, kind of item, the dataset's table of that kind)
TABLES: dict[str, tuple[str, str, str]] = {
    "issues.yaml": ("issues", "issue", "issues"),
    "actors.yaml": ("actors", "actor", "actors"),
    "frames.yaml": ("frames", "frame", "frames"),
    "events.yaml": ("events", "event", "events"),
    "agreements.yaml": ("agreements", "agreement", "agreements"),
}

# The items of each top-level list as read: (file, index in the file, item), the shipped files' first.
Placed = dict[str, list[tuple[str, int, Any]]]


def _load_and_verify(location: DataLocation, snapshot: Snapshot) -> LoadedDataset:
    col = _Collector(location)
    data_dir = location.data_dir

    tops: dict[str, list[tuple[str, Any]]] = {name: [] for name in TABLES}
    for name, model in TOP_FILES.items():
        path = data_dir / name
        if path not in snapshot.files:
            col.problems.append(Problem(name, None, None, "", "required file is missing"))
            continue
        content = col.load(path, snapshot.get(path), model)
        if content is None:
            col.broken.add((name.removesuffix("s.yaml"), "*"))
        else:
            tops[name].append((name, content))
    for name, model in OPTIONAL_FILES.items():
        path = data_dir / name
        content = col.load(path, snapshot.get(path), model) if path in snapshot.files else None
        if content is not None:
            tops[name].append((name, content))
    for path in [*snapshot.tops, *snapshot.user_tops]:
        known = TOP_FILES.get(path.name) or OPTIONAL_FILES.get(path.name)
        if known is None:
            col.problems.append(Problem(col.name(path), None, None, "", "unexpected data file (not read)"))
        elif path in snapshot.user_tops:  # the user's own issues, actors, …: added to the shipped ones
            content = col.load(path, snapshot.get(path), known)
            if content is None:
                col.broken.add((path.name.removesuffix("s.yaml"), "*"))
            else:
                tops[path.name].append((col.name(path), content))

    source_files: dict[str, SourceFile] = {}
    if not snapshot.sources:
        col.problems.append(Problem(f"{SOURCES_DIR}/", None, None, "", "no source files (sources/*.yaml)"))
    for path in [*snapshot.sources, *snapshot.user_sources]:
        loaded = col.load(path, snapshot.get(path), SourceFile)
        if loaded is not None:
            source_files[col.name(path)] = loaded
        else:
            col.broken.add(("source", path.stem))

    dataset, placed = _assemble(col, tops, source_files)
    _verify(col, dataset, placed, source_files, snapshot)
    if col.problems:
        raise DataError(col.problems)
    return dataset


def _register(col: _Collector, kind: str, seen: dict[str, tuple[str, Loc]], ident: str, file: str, loc: Loc) -> bool:
    if ident not in seen:
        seen[ident] = (file, loc)
        return True
    first, first_loc = seen[ident]
    if file in col.user_files and first not in col.user_files:
        shipped = col.line(first, first_loc).replace(first, col.full(first), 1)
        col.add(
            file,
            loc,
            f"{kind} id {ident!r} is also in the shipped dataset ({shipped}): remove yours to read the "
            "shipped one, or give yours another id",
        )
    else:
        col.add(file, loc, f"duplicate {kind} id {ident!r} (also at {col.line(first, first_loc)})")
    return False


def _copy_of_shipped(col: _Collector, file: str, found: object, item: object) -> bool:
    """True when the user's ``item`` is identical to the shipped ``found`` of the same id (read once)."""
    return file in col.user_files and found is not None and found == item


def _assemble(
    col: _Collector, tops: dict[str, list[tuple[str, Any]]], source_files: dict[str, SourceFile]
) -> tuple[LoadedDataset, Placed]:
    dataset = LoadedDataset({}, {}, {}, {}, {}, [], [])
    placed: Placed = {}
    for name, (key, kind, table) in TABLES.items():
        target: dict[str, Any] = getattr(dataset, table)
        seen: dict[str, tuple[str, Loc]] = {}
        placed[key] = []
        for file, content in tops[name]:
            for index, item in enumerate(getattr(content, key)):
                if _copy_of_shipped(col, file, target.get(item.id), item):
                    continue
                if _register(col, kind, seen, item.id, file, (key, index, "id")):
                    target[item.id] = item
                    placed[key].append((file, index, item))
    seen_sources: dict[str, tuple[str, Loc]] = {}
    seen_recs: dict[str, tuple[str, Loc]] = {}
    by_id: dict[str, SourceFile] = {}
    for file, content in source_files.items():
        src = content.source
        if _copy_of_shipped(col, file, by_id.get(src.id), content):
            continue
        if Path(file).stem != src.id:
            col.add(file, ("source", "id"), f"source id {src.id!r} must match the file name {Path(file).name!r}")
        if _register(col, "source", seen_sources, src.id, file, ("source", "id")):
            dataset.sources[src.id] = src
            by_id[src.id] = content
        dataset.positions.extend(content.positions)
        dataset.attributions.setdefault(src.id, []).extend(content.attributions)
        for index, rec in enumerate(content.recommendations):
            if _register(col, "recommendation", seen_recs, rec.id, file, ("recommendations", index, "id")):
                dataset.recommendations.append(rec)
    _fill_gaps(col, dataset, placed, source_files)
    return dataset, placed


def _fill_gaps(col: _Collector, ds: LoadedDataset, placed: Placed, source_files: dict[str, SourceFile]) -> None:
    """A shipped gap ("no seed gives this side's view") is filled once one of the user's sources gives it."""
    given = {(p.issue, p.side) for file in col.user_files & source_files.keys() for p in source_files[file].positions}
    for n, (file, index, issue) in enumerate(placed["issues"]):
        kept = [gap for gap in issue.gaps if (issue.id, gap.side) not in given]
        if file not in col.user_files and len(kept) < len(issue.gaps):
            filled: Issue = replace(issue, gaps=kept)
            ds.issues[issue.id] = filled
            placed["issues"][n] = (file, index, filled)


def _verify(
    col: _Collector, ds: LoadedDataset, placed: Placed, source_files: dict[str, SourceFile], snapshot: Snapshot
) -> None:
    """Cross-file checks: references, seeds and their checksums, quotes, gaps."""
    _load_seeds(col, ds, source_files, snapshot)

    def ref(kind: str, ids: dict[str, Any], ident: str, file: str, loc: Loc) -> None:
        if ident not in ids and not col.is_broken(kind, ident):
            col.add(file, loc, f"unknown {kind} {ident!r}")

    def quote(
        evidence: Evidence, file: str, loc: Loc, item: str = "", summary: str | None = None, translate: bool = True
    ) -> None:
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
        key = (evidence.source, evidence.quote)
        spans = ds.spans.get(key)
        if spans is None:  # searched once per quote, however many times the data lists it
            spans = ds.spans[key] = seed.find(evidence.quote)
        if not spans:
            col.add(file, (*loc, "quote"), f"quote not found in seed of {evidence.source!r}: {evidence.quote!r}")
        if (item and translate) or evidence.translation is not None:  # a name in a role needs none
            translation(evidence, file, loc)

    def translation(evidence: Evidence, file: str, loc: Loc) -> None:
        """A quote shown as evidence carries uscn's translation exactly when its text is not English."""
        language = ds.sources[evidence.source].language
        english = language.split("-")[0] == "en"
        if english and evidence.translation is not None:
            col.add(
                file, (*loc, "translation"), f"{evidence.source!r} is in English: a quote from it has no translation"
            )
        elif not english and evidence.translation is None:
            col.add(
                file,
                (*loc, "translation"),
                f"{evidence.source!r} is in {language!r}: give uscn's English 'translation'",
            )

    def terms(label: FrameLabel, file: str, loc: Loc) -> None:
        """Each official term is in its quote, and the quote is from that side's government's own text."""
        for n, term in enumerate(label.terms):
            where = (*loc, "terms", n)
            quote(term.evidence, file, (*where, "evidence"), f"term {term.term}")
            if term.term not in term.evidence.quote:
                col.add(file, (*where, "term"), f"term {term.term!r} is not in its quote")
            src = ds.sources.get(term.evidence.source)
            if src is not None and src.government is not label.side:
                col.add(
                    file,
                    (*where, "evidence", "source"),
                    f"a {label.side.value} term is quoted from that government's own text, not {src.id!r}",
                )

    for file, content in source_files.items():
        src = content.source
        if ds.sources.get(src.id) is not src:
            continue  # a copy of a shipped source, or a second file of the same id (reported)
        for field in CITATION_REQUIRED:
            if getattr(src, field) is None and field not in src.unknown:
                col.add(
                    file,
                    ("source", field),
                    f"no {field}: give it with its basis, or say why under 'unknown: {{{field}: …}}'",
                )
        for attr in ("title", "outlet", "url", "date", "author"):
            value = getattr(src, attr)
            if value is not None and value.quote is not None:
                quote(Evidence(source=src.id, quote=value.quote), file, ("source", attr))
        if src.author.actor is not None:
            ref("actor", ds.actors, src.author.actor, file, ("source", "author", "actor"))
        for n, note in enumerate(src.text_notes):
            quote(Evidence(source=src.id, quote=note.quote), file, ("source", "text_notes", n))
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
    for file, index, issue in placed["issues"]:
        loc = ("issues", index)
        for n, other in enumerate(issue.related):
            ref("issue", ds.issues, other, file, (*loc, "related", n))
        for n, frame_ref in enumerate(issue.frames):
            ref("frame", ds.frames, frame_ref, file, (*loc, "frames", n))
        gaps = {gap.side for gap in issue.gaps}
        for side in (Side.US, Side.CHINA):
            if any(kind == "source" for kind, _ in col.broken):
                break  # positions in a broken source file are unknown
            has = (issue.id, side) in held
            if has and side in gaps:
                col.add(file, (*loc, "gaps"), f"gap declared for {side.value!r} but a position exists")
            if not has and side not in gaps:
                col.add(file, loc, f"no {side.value!r} position: add one or declare a gap")

    for file, index, actor in placed["actors"]:
        if actor.standpoint is not None:
            stand = actor.standpoint
            quote(Evidence(source=stand.source, quote=stand.quote), file, ("actors", index, "standpoint"))
        for n, role in enumerate(actor.roles):
            quote(
                Evidence(source=role.source, quote=role.quote),
                file,
                ("actors", index, "roles", n),
                f"actor {actor.id}",
                translate=False,
            )
        for n, variant in enumerate(actor.variants):
            quote(
                Evidence(source=variant.source, quote=variant.quote),
                file,
                ("actors", index, "variants", n),
            )
    for file, index, frame in placed["frames"]:
        for n, label in enumerate(frame.labels):
            terms(label, file, ("frames", index, "labels", n))
            for m, ev in enumerate(label.evidence):
                quote(
                    ev,
                    file,
                    ("frames", index, "labels", n, "evidence", m),
                    f"frame {frame.id} ({label.side.value})",
                    f"{label.label}: {label.summary}",
                )
    rec_source = {r.id: r.source for r in ds.recommendations}
    for file, index, agreement in placed["agreements"]:
        loc = ("agreements", index)
        for n, rec_id in enumerate(agreement.recommendations):
            ref("recommendation", rec_source, rec_id, file, (*loc, "recommendations", n))
        linked = {rec_source[r] for r in agreement.recommendations if r in rec_source}
        if len(linked) < 2 and not any(kind == "source" for kind, _ in col.broken):
            col.add(
                file,
                (*loc, "recommendations"),
                "an agreement links recommendations of two or more sources",
            )
    for file, index, event in placed["events"]:
        loc = ("events", index)
        for n, issue_id in enumerate(event.issues):
            ref("issue", ds.issues, issue_id, file, (*loc, "issues", n))
        for n, actor_id in enumerate(event.actors):
            ref("actor", ds.actors, actor_id, file, (*loc, "actors", n))
        for n, mention in enumerate(event.mentions):
            quote(
                Evidence(source=mention.source, quote=mention.quote, translation=mention.translation),
                file,
                (*loc, "mentions", n),
                f"event {event.id}",
            )
        if event.date.quote is not None:
            mentioned = [ds.seeds[m.source] for m in event.mentions if m.source in ds.seeds]
            if mentioned and not any(seed.find(event.date.quote) for seed in mentioned):
                col.add(file, (*loc, "date", "quote"), "date quote not found in any mentioning source")


def _load_seeds(col: _Collector, ds: LoadedDataset, source_files: dict[str, SourceFile], snapshot: Snapshot) -> None:
    for file, content in source_files.items():
        src = content.source
        if ds.sources.get(src.id) is not src:
            continue  # a copy of a shipped source, or a duplicate (reported)
        user_seeds = col.location.user_seeds_dir if file in col.user_files else None
        seeds_dir = user_seeds or col.location.seeds_dir  # the user's sources quote the user's seeds
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
        ds.seeds[src.id] = SeedText(raw_text, src.language)
        ds.seed_files[src.id] = str(path)


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
