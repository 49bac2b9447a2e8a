"""The checks ``uscn validate`` runs on who is recorded as saying what, with the attribution rules of
``reading`` (the ones ``uscn analyze`` and the drafts of ``uscn sources add`` use):

- *unresolved*: a speaker or holder a draft left as ``TODO:`` ("speaker unknown — check");
- *quoted-author*: a quote in quotation marks recorded as the author's own words while its sentence
  names someone who says them;
- *official-commentator*: a government's official (an actor of one side, or a description whose
  title names a government's office) holding a view placed with the commentators.
"""

from __future__ import annotations

from dataclasses import dataclass

from usc_cli.dataset import PLACEHOLDER, Dataset, Site
from usc_cli.models import Holder, Position, Side
from usc_cli.queries import attribution
from usc_cli.queries.reading import Attributed, attribute
from usc_cli.queries.scoring import forgetting
from usc_cli.queries.speakers import side_of


@dataclass(frozen=True)
class SpeakerProblem:
    """One problem with a recorded speaker: the data file, the field, and what is wrong."""

    check: str
    source: str
    path: str
    message: str


_MARKS = "“”\"' "


def unresolved(ds: Dataset) -> list[SpeakerProblem]:
    """Speakers and holders a draft left unknown (``TODO:``): each must be filled in."""
    found: list[SpeakerProblem] = []
    for source, attributions in ds.attributions.items():
        for n, item in enumerate(attributions):
            if (item.speaker.description or "").startswith(PLACEHOLDER):
                words = " ".join(item.quote.strip(_MARKS).split()[:12])
                found.append(
                    SpeakerProblem(
                        "unresolved",
                        source,
                        f"attributions[{n}].speaker",
                        f"speaker unknown — name who says these words (an actor id or a description): “{words}…”",
                    )
                )
    return found


def _holder_side(ds: Dataset, holder: Holder) -> Side | None:
    if holder.actor is not None:
        actor = ds.actors.get(holder.actor)
        return actor.side if actor else None
    return side_of(holder.description or "")


def officials_with_commentators(ds: Dataset) -> list[SpeakerProblem]:
    """Positions placed with the commentators whose holder is one government's official."""
    found: list[SpeakerProblem] = []
    for site, position in _position_sites(ds):
        side = _holder_side(ds, position.holder)
        if position.side is Side.THIRD_PARTY and side in {Side.US, Side.CHINA}:
            who = position.holder.actor or position.holder.description
            found.append(
                SpeakerProblem(
                    "official-commentator",
                    site.evidence.source,
                    site.path.split(".evidence")[0],
                    f"{who!r} speaks for {'Washington' if side is Side.US else 'Beijing'}, "
                    "but the position is placed with the commentators (side: third-party)",
                )
            )
    return found


def _position_sites(ds: Dataset) -> list[tuple[Site, Position]]:
    first = {id(p.evidence[0]): p for p in ds.positions}
    return [(site, first[id(site.evidence)]) for site in ds.sites if id(site.evidence) in first]


def quoted_to_author(ds: Dataset) -> list[SpeakerProblem]:
    """Quotes in quotation marks recorded as the author's own words (no attribution overlaps them)
    whose sentence names whoever says them."""
    read: dict[str, list[Attributed]] = {}
    found: list[SpeakerProblem] = []
    for site in ds.sites:
        evidence, seed = site.evidence, ds.seeds.get(site.evidence.source)
        spans = ds.locate(evidence)
        if seed is None or not spans or site.summary is None or ds.speakers(evidence):
            continue
        span = spans[0]
        if not attribution.inside_quotation(seed.text, span.start, span.end):
            continue
        if evidence.source not in read:
            source = ds.sources[evidence.source]
            read[evidence.source] = attribute(seed.text, forgetting(ds, source.id), source.kind, source.government)
        named = [
            a.who.name
            for a in read[evidence.source]
            if a.start <= span.start < a.end and a.credited and not a.who.is_author
        ]
        if named:
            found.append(
                SpeakerProblem(
                    "quoted-author",
                    evidence.source,
                    site.path,
                    f"{site.item}: the words are in quotation marks and the sentence credits them to "
                    f"{named[0]!r}, but no attribution records a speaker: the author is not their speaker",
                )
            )
    return found


def check_speakers(ds: Dataset) -> list[SpeakerProblem]:
    """Every problem of the three speaker checks."""
    return unresolved(ds) + quoted_to_author(ds) + officials_with_commentators(ds)
