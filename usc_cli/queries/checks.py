"""The attribution checks ``uscn validate`` runs on every quote: speaker, cut and hedge.

- *speaker* (error): the quote's sentence credits the words (said, told, according to, "X, meanwhile,
  sought to…", a statement by…) to someone other than the recorded speaker, or presents them as
  hypothetical ("would point to") while the data presents them as said; or the quote overlaps a
  passage that credits a speaker but runs past it (the author's own leading or trailing words, or
  someone else's, would be shown as that speaker's);
- *cut* (error unless the evidence has a ``cut_reason``): the quote leaves out of its own sentence its
  speaker's name, or a clause that turns its meaning (while, but, if, will decline…);
- *hedge* (warning): the quote hedges (would, may, likely, if…) or is hypothetical, and the summary or
  label it backs states it flatly.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from usc_cli.dataset import Dataset, SeedText, Site, Span
from usc_cli.models import ActorKind, Presentation, Speaker
from usc_cli.queries import attribution
from usc_cli.sentences import Sentence

Check = Literal["speaker", "cut", "hedge"]
CHECKS: tuple[Check, ...] = ("speaker", "cut", "hedge")
Report = Callable[[Check, str], None]


@dataclass(frozen=True)
class Finding:
    """One problem a check found with one use of a quote."""

    check: Check
    level: Literal["error", "warning"]
    site: Site
    message: str


@dataclass(frozen=True)
class FairCut:
    """A quote that leaves part of its sentence out, with the data's reason why that is fair."""

    site: Site
    reason: str


def _speaker_names(ds: Dataset, speaker: Speaker) -> list[str]:
    if speaker.actor is None:
        return [speaker.description or ""]
    actor = ds.actors.get(speaker.actor)
    return [actor.name, *actor.aliases, *(v.name for v in actor.variants)] if actor else [speaker.actor]


def _known_people(ds: Dataset) -> list[str]:
    names: list[str] = []
    for actor in ds.actors.values():
        if actor.kind is ActorKind.PERSON:
            names += [actor.name, *actor.aliases, *(v.name for v in actor.variants)]
    return names


def check_site(ds: Dataset, site: Site, known: list[str]) -> tuple[list[Finding], FairCut | None]:
    """Run the three checks on one use of a quote."""
    evidence = site.evidence
    seed = ds.seeds.get(evidence.source)
    spans = ds.locate(evidence)
    if seed is None or not spans:
        return [], None
    span = spans[0]
    findings: list[Finding] = []

    def find(check: Check, message: str) -> None:
        level: Literal["error", "warning"] = "warning" if check == "hedge" else "error"
        findings.append(Finding(check, level, site, message))

    speakers = ds.speakers(evidence)
    hit = seed.sentence_spans(span)
    first, last = seed.sentences.index(hit[0]), seed.sentences.index(hit[-1])
    _, found = attribution.sentence_credits(seed.text, seed.sentences, first, last, known)
    author = ds.sources[evidence.source].author.name
    matched = []
    for credit in found:
        whose = [s for s in speakers if attribution.names_match(credit.name, _speaker_names(ds, s))]
        is_author = author is not None and attribution.names_match(credit.name, [author])
        if whose:
            matched.append(credit)
            if credit.hypothetical and all(s.presented is not Presentation.HYPOTHETICAL for s in whose):
                find(
                    "speaker",
                    f"the article presents these words as what {credit.name} {credit.verb}: record them hypothetical",
                )
        elif not is_author and (
            span.start <= credit.start < span.end
            or (
                not speakers
                and credit.covers(span.start, span.end)
                and attribution.reaches(seed.text, credit, span.start)
            )
        ):
            recorded = " and ".join(_speaker_names(ds, s)[0] for s in speakers) or "the article's author"
            find("speaker", f"the sentence credits these words to {credit.name!r} ({credit.verb}), not to {recorded}")
    if speakers and found and not matched and not any(f.check == "speaker" for f in findings):
        names = ", ".join(repr(c.name) for c in found)
        find("speaker", f"the sentence credits {names}, none of them the recorded speaker")

    fair = _cut(seed, span, hit, matched, evidence.cut_reason, find)
    _hedge(site, speakers, find)
    cut = FairCut(site, evidence.cut_reason) if fair and evidence.cut_reason else None
    return findings, cut


def _cut(
    seed: SeedText, span: Span, hit: list[Sentence], matched: list[attribution.Credit], reason: str | None, find: Report
) -> bool:
    """Report a cut that drops the speaker's name or a turning clause; True when the quote is cut at all."""
    start, end = hit[0].start, hit[-1].end
    direct = attribution.inside_quotation(seed.text, span.start, span.end)
    if direct:  # a quotation's own sentence is the quoted words, not the narration around them
        start = max(start, seed.text.rfind("“", 0, span.start + 1))
        end = min(end, seed.text.find("”", max(span.start, span.end - 1)) + 1)
    left_out = seed.text[start : span.start] + " … " + seed.text[span.end : end]
    if not left_out.strip(' …\n\t.,;:”’"'):
        return False
    if reason is not None:
        return True
    dropped = [c.name for c in matched if c.start < span.start or c.end > span.end]
    if dropped and not direct:
        find("cut", f"the quote leaves out its speaker's name ({dropped[0]!r}) from its sentence")
    turning = attribution.turns(left_out)
    if turning:
        words = ", ".join(dict.fromkeys(turning))
        find("cut", f"the quote leaves out a clause that turns its sentence ({words}): quote it or give a cut_reason")
    return True


def _hedge(site: Site, speakers: tuple[Speaker, ...], find: Report) -> None:
    if site.summary is None or attribution.summary_hedges(site.summary):
        return
    if any(s.presented is Presentation.HYPOTHETICAL for s in speakers):
        find(
            "hedge",
            "the quote is hypothetical (what the author expects someone would say); the summary states it flatly",
        )
        return
    hedged = attribution.hedges(site.evidence.quote)
    if hedged:
        words = ", ".join(dict.fromkeys(hedged))
        find("hedge", f"the quote hedges ({words}); the summary states it flatly")


def _words(text: str) -> str:
    """The text's words, or "" when it is only spaces and punctuation."""
    folded = " ".join(text.split()).strip(" .,;:“”‘’\"'()[]…–—-")
    return folded if re.search(r"\w", folded) else ""


def _beyond(text: str, span: Span, passages: list[Span]) -> tuple[str, str] | None:
    """Where the span runs past the union of the passages, as ("leading" | "middle" | "trailing", words)."""
    position, pieces = span.start, []
    for passage in sorted(passages, key=lambda p: p.start):
        if passage.start > position:
            where = "leading" if position == span.start else "middle"
            pieces.append((where, text[position : min(passage.start, span.end)]))
        position = max(position, passage.end)
    if position < span.end:
        pieces.append(("trailing", text[position : span.end]))
    return next(((where, _words(piece)) for where, piece in pieces if _words(piece)), None)


def overrun(ds: Dataset, site: Site) -> Finding | None:
    """A quote that overlaps a passage crediting a speaker but runs past it: every word of a quote
    is shown as the speaker's, so words outside the passage (the author's judgement leading into an
    official's reported words) would be credited to someone who never said them."""
    spans = ds.locate(site.evidence)
    seed = ds.seeds.get(site.evidence.source)
    if seed is None or not spans:
        return None
    span, source = spans[0], site.evidence.source
    credited = ds.attributions_overlapping(source, (span,))
    passages = [
        p for a in credited for p in ds.spans.get((source, a.quote), ()) if p.start < span.end and span.start < p.end
    ]
    beyond = _beyond(seed.text, span, passages) if passages else None
    if beyond is None:
        return None
    where, words = beyond
    shown = " ".join(words.split()[:8]) + (" …" if len(words.split()) > 8 else "")
    names = " and ".join(dict.fromkeys(_speaker_names(ds, a.speaker)[0] for a in credited))
    message = (
        f"the quote's {where} words ({shown!r}) fall outside the passage that credits it to {names}: "
        "split the quote, or credit the right speaker"
    )
    return Finding("speaker", "error", site, message)


def check_dataset(ds: Dataset) -> tuple[list[Finding], list[FairCut]]:
    """Every finding of the three checks over every use of a quote, and the cuts the data calls fair."""
    known = _known_people(ds)
    findings: list[Finding] = []
    cuts: list[FairCut] = []
    for site in ds.sites:
        beyond = overrun(ds, site)
        if beyond is not None:
            findings.append(beyond)
        if site.summary is None:
            continue  # a quote that only names someone (a role, an event mention) backs no claim
        found, cut = check_site(ds, site, known)
        findings += found
        if cut is not None:
            cuts.append(cut)
    return findings, cuts
