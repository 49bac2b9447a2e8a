"""A validated on-disk copy of the loaded dataset, so a run after the first skips YAML and quote checks.

Keyed by content: the hash of the bytes the loader read and parsed (``loader.Snapshot``), plus the
code that reads and checks the data and the versions of pydantic and PyYAML. The entry stores its key
and is used only when that key is exactly the key of this run's bytes; anything else (stale, corrupt,
not a regular file, too large) is a miss and is rebuilt. One entry per dataset directory, so two
datasets never evict each other. Only a dataset that passed every check is ever stored.
"""

from __future__ import annotations

import hashlib
import sys
from importlib.util import find_spec
from pathlib import Path

import pydantic
import pydantic_core
from pydantic import BaseModel, ConfigDict, ValidationError

from usc_cli.cachefile import entry_path, read_entry, write_entry
from usc_cli.dataset import Dataset, SeedText, Site, Span
from usc_cli.locations import DataLocation
from usc_cli.models import Actor, Agreement, Attribution, Event, Frame, Issue, Position, Recommendation, Source

FORMAT = "uscn-dataset-2"
_PACKAGE = Path(__file__).resolve().parent


def code_version() -> str:
    """A hash of uscn's own modules and of PyYAML's, with pydantic's and Python's versions."""
    digest = hashlib.sha256(f"{FORMAT}\0{sys.version}\0{pydantic.VERSION}\0{pydantic_core.__version__}\0".encode())
    for path in sorted(_PACKAGE.rglob("*.py")):
        digest.update(str(path.relative_to(_PACKAGE)).encode() + b"\0" + path.read_bytes() + b"\0")
    spec = find_spec("yaml")  # its __init__ carries __version__; found without importing yaml
    if spec is not None and spec.origin:
        digest.update(Path(spec.origin).read_bytes())
    return digest.hexdigest()


def full_key(content_key: str) -> str:
    """The cache key of a dataset built from files whose content hash is ``content_key``."""
    return hashlib.sha256(f"{content_key}\0{code_version()}".encode()).hexdigest()


class _Entry(BaseModel):
    """The cache file's shape."""

    model_config = ConfigDict(extra="forbid")

    key: str
    sources: list[Source]
    actors: list[Actor]
    issues: list[Issue]
    frames: list[Frame]
    events: list[Event]
    positions: list[Position]
    recommendations: list[Recommendation]
    seeds: dict[str, str]
    spans: list[tuple[str, str, list[tuple[int, int]]]]
    attributions: dict[str, list[Attribution]]
    agreements: list[Agreement]
    sites: list[Site]


def read(location: DataLocation, key: str) -> Dataset | None:
    """The cached dataset built from the bytes whose key is ``key``, or None (missing, stale or corrupt)."""
    path = entry_path("dataset", location, ".json")
    raw = read_entry(path) if path is not None else None
    if raw is None:
        return None
    try:
        entry = _Entry.model_validate_json(raw)
    except (ValueError, ValidationError):
        return None
    if entry.key != key:
        return None
    return Dataset(
        sources={s.id: s for s in entry.sources},
        actors={a.id: a for a in entry.actors},
        issues={i.id: i for i in entry.issues},
        frames={f.id: f for f in entry.frames},
        events={e.id: e for e in entry.events},
        positions=entry.positions,
        recommendations=entry.recommendations,
        seeds={sid: SeedText(text) for sid, text in entry.seeds.items()},
        spans={(s, q): tuple(Span(a, b) for a, b in found) for s, q, found in entry.spans},
        attributions=entry.attributions,
        agreements={a.id: a for a in entry.agreements},
        sites=entry.sites,
    )


def write(location: DataLocation, key: str, ds: Dataset) -> None:
    """Store a verified dataset as this dataset's one entry; a cache that cannot be written only costs speed."""
    entry = _Entry(
        key=key,
        sources=list(ds.sources.values()),
        actors=list(ds.actors.values()),
        issues=list(ds.issues.values()),
        frames=list(ds.frames.values()),
        events=list(ds.events.values()),
        positions=ds.positions,
        recommendations=ds.recommendations,
        seeds={sid: seed.text for sid, seed in ds.seeds.items()},
        spans=[(s, q, [(span.start, span.end) for span in found]) for (s, q), found in ds.spans.items()],
        attributions=ds.attributions,
        agreements=list(ds.agreements.values()),
        sites=ds.sites,
    )
    path = entry_path("dataset", location, ".json")
    if path is not None:
        write_entry(path, entry.model_dump_json().encode("utf-8"))
