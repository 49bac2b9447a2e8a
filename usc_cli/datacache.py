"""A validated on-disk copy of the loaded dataset, so a first run after ``uscn`` starts skips YAML.

Keyed by the content fingerprint of every data and seed file plus the code that defines and checks
the data; an entry that is stale, truncated or from other code fails validation and is rebuilt.
Only a dataset that passed every check is ever stored.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from usc_cli.dataset import Dataset, SeedText, Site, Span
from usc_cli.locations import cache_dir
from usc_cli.models import Actor, Attribution, Event, Frame, Issue, Position, Recommendation, Source

_CODE = ("models.py", "dataset.py", "loader.py", "datacache.py", "yamlfile.py")
KEEP = 8


def code_version() -> str:
    """A hash of the modules that define and verify the data: other code, other cache."""
    here = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for name in _CODE:
        digest.update((here / name).read_bytes())
    return digest.hexdigest()


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
    sites: list[Site]


def _path(key: str) -> Path:
    return cache_dir() / f"dataset-{key[:40]}.json"


def _key(fingerprint: str) -> str:
    return hashlib.sha256(f"{fingerprint}\0{code_version()}".encode()).hexdigest()


def read(fingerprint: str) -> Dataset | None:
    """The cached dataset for this fingerprint, or None (missing, stale or corrupt)."""
    key = _key(fingerprint)
    try:
        entry = _Entry.model_validate_json(_path(key).read_bytes())
    except (OSError, ValueError, ValidationError):
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
        sites=entry.sites,
    )


def write(fingerprint: str, ds: Dataset) -> None:
    """Store a verified dataset; a cache that cannot be written only costs speed."""
    key = _key(fingerprint)
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
        sites=ds.sites,
    )
    path = _path(key)
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(entry.model_dump_json(), encoding="utf-8")
        os.replace(tmp, path)
        entries = sorted(path.parent.glob("dataset-*.json"), key=lambda p: p.stat().st_mtime_ns)
        for old in entries[:-KEEP]:
            old.unlink(missing_ok=True)
