"""Pieces every view shares: how a source is cited, how positions, quotes and recommendations look."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from usc_cli.dataset import Dataset, Span
from usc_cli.models import (
    DateFact,
    Event,
    Evidence,
    Fact,
    Holder,
    Position,
    Presentation,
    Recommendation,
    Source,
    Speaker,
    Standpoint,
)
from usc_cli.queries.citation import citation
from usc_cli.queries.events import voice
from usc_cli.render.document import Block, Heading, Para, Place, Quote
from usc_cli.vocab import ADDRESSEE_NAMES, SIDE_CODES

SIDE_MARKS = {code: side for side, code in SIDE_CODES.items()}  # a terminal colours a side's letters

_PRESENTED = {
    Presentation.SAID: None,
    Presentation.REPORTED: "as the author reports it",
    Presentation.HYPOTHETICAL: "hypothetical: what the author expects they would say",
}


def author_standpoint(ds: Dataset, source: Source) -> Fact | Standpoint | None:
    """Where a source's author stands: the source's own record, else the author's entry among the
    actors (Hormats's is on his actor entry, with its quote), else None: not stated."""
    if source.author.standpoint is not None:
        return source.author.standpoint
    if not source.author.name:
        return None
    slug = "-".join(re.findall(r"[a-z0-9]+", source.author.name.lower()))
    named = ds.actors.get(slug)  # an actor's id is its name's slug: no need to read every actor
    if named is None or named.name != source.author.name:
        named = next((a for a in ds.actors.values() if a.name == source.author.name), None)
    return named.standpoint if named is not None else None


def text_note_blocks(ds: Dataset, source_ids: Iterable[str], brief: bool = False) -> list[Block]:
    """What a reader should know about the text of the articles quoted (Hormats's has no apostrophes):
    said once per view, under the quotes, so an exact quote is not taken for a typing error. ``brief``:
    one line per article, its first note's first sentence and where to read the rest."""
    blocks: list[Block] = []
    for source_id in dict.fromkeys(source_ids):
        source = ds.sources.get(source_id)
        notes = [note.note for note in source.text_notes] if source is not None else []
        if brief and notes:
            first = _first_sentence(notes[0])
            more = len(notes) - 1 + (first != notes[0])
            notes = [f"{first} (more: uscn sources show {source_id})" if more else first]
        blocks += [Para(f"About the text of {source_id}: {note}", "muted") for note in notes]
    return blocks


def _first_sentence(text: str) -> str:
    """The text up to its first full stop followed by a space and a capital (notes are our own prose)."""
    match = re.search(r"[.!?](?=\s+[A-Z“\"])", text)
    return text[: match.end()] if match else text


def date_text(date: DateFact | None) -> str:
    """``2023 (inferred)`` or ``2022-08``; ``unknown`` when there is none."""
    if date is None:
        return "unknown"
    return f"{date.value} (inferred)" if date.inferred else date.value


def author_text(ds: Dataset, source: Source) -> str:
    """The author's name (a government body or official by its actor's name), or the article's
    description of an unnamed author."""
    if source.author.name:
        return source.author.name
    if source.author.actor is not None and source.author.actor in ds.actors:
        return ds.actors[source.author.actor].name
    if source.author.description:
        return f"unnamed author ({source.author.description})"
    return "unnamed author"


#: How each citation value is known, in the words every view uses.
HOW_WORDS = {
    "stated": "stated in the text",
    "matched": "matched against a stored public copy",
    "inferred": "inferred",
    "unknown": "unknown",
    "unnamed": "not named",
}


def body(ds: Dataset, source: Source) -> str | None:
    """The actor a government's own text names as its author (the White House, the Foreign Ministry)."""
    actor = ds.actors.get(source.author.actor) if source.author.actor is not None else None
    return actor.name if actor is not None else None


def citation_rows(ds: Dataset, source: Source) -> list[tuple[str, str, str, str | None]]:
    """The source's citation, a row per field: label, value (or "—"), how it is known, and its basis
    (the quote, where the stored copy is, what it is inferred from, or why it is unknown)."""
    return [
        (f.name.capitalize() if f.name != "url" else "URL", f.value or "—", HOW_WORDS[f.how], f.basis)
        for f in citation(source, body(ds, source))
    ]


def title_text(ds: Dataset, source: Source) -> str:
    """A heading for the article: its title (marked when inferred), or a plain statement that it is unknown."""
    if source.title is None:
        return f"Title unknown ({source.id}: {author_text(ds, source)}, {outlet_text(source)})"
    return f"{source.title.value} (title inferred)" if source.title.inferred else source.title.value


def outlet_text(source: Source) -> str:
    """The outlet, marked when inferred."""
    if source.outlet is None:
        return "outlet not stated"
    return f"{source.outlet.value} (inferred)" if source.outlet.inferred else source.outlet.value


def holder_text(ds: Dataset, holder: Holder) -> str:
    """Who holds a view, by name (with where a commentator stands) or as the author describes them."""
    if holder.actor is not None:
        actor = ds.actors[holder.actor]
        return f"{actor.name} ({actor.standpoint.value})" if actor.standpoint else actor.name
    return holder.description or ""


def reporter_text(ds: Dataset, source_id: str) -> str:
    """The article's author as the one who reports (or writes) a quote: ``Robert Hormats, the author
    (hormats · Fortune)``; an unnamed author stays unnamed."""
    source = ds.sources[source_id]
    named = source.author.name is not None or source.author.actor is not None
    who = f"{author_text(ds, source)}, the author" if named else "the unnamed author"
    return f"{who} ({source.id} · {outlet_text(source)})"


def speaker_text(ds: Dataset, speaker: Speaker, source: Source | None = None) -> str:
    """A speaker with the occasion and how the article presents the words; words a government's text
    reports (or a speaker described as reported by it) need no note: ``reported by`` the text's body
    follows (``said_by``)."""
    actor = ds.actors[speaker.actor] if speaker.actor is not None else None
    name = actor.name if actor is not None else speaker.description or ""
    stands = actor.standpoint.value if actor is not None and actor.standpoint is not None else None
    how = _PRESENTED[speaker.presented]
    if source is not None and speaker.presented is Presentation.REPORTED:
        if source.government is not None or _says_who_reports(speaker, name):
            how = None
    notes = [note for note in (stands, speaker.occasion, how) if note]
    return f"{name} ({'; '.join(notes)})" if notes else name


def said_by(ds: Dataset, evidence: Evidence) -> str:
    """Whose words a quote is and who reports them: ``Xi Jinping (…), reported by the unnamed author
    (georgetown · …)``; the author alone when the words are the author's own."""
    return _said(ds, evidence.source, ds.speakers(evidence))


def said_by_passage(ds: Dataset, source: str, start: int, end: int) -> str:
    """``said_by`` for any passage of an article (a search hit's sentence), by its offsets."""
    found = ds.attributions_overlapping(source, (Span(start, end),))
    return _said(ds, source, tuple(a.speaker for a in found))


def _said(ds: Dataset, source: str, speakers: tuple[Speaker, ...]) -> str:
    reporter = reporter_text(ds, source)
    if not speakers:
        return reporter
    text = ds.sources[source]
    return f"{' and '.join(speaker_text(ds, s, text) for s in speakers)}, reported by {reporter}"


def reporters(position: Position) -> list[str]:
    """Ids of the sources that report a position, in evidence order."""
    return list(dict.fromkeys(e.source for e in position.evidence))


def proposer_text(ds: Dataset, rec: Recommendation) -> str:
    """The recommendation's author: the quoted expert, or the article's author (unnamed ones by source)."""
    if rec.proposer is not None:
        return ds.actors[rec.proposer].name
    return ds.sources[rec.source].author.name or f"the unnamed author of {rec.source}"


# ---- JSON -------------------------------------------------------------------------------------


def evidence_json(ds: Dataset, evidence: Evidence, context: bool = False) -> dict[str, Any]:
    """A quote with where it stands in its seed (character offsets) and, optionally, its sentence."""
    spans = ds.locate(evidence)
    source = ds.sources[evidence.source]
    result: dict[str, Any] = {
        "source": evidence.source,
        "quote": evidence.quote,
        "offsets": [{"start": span.start, "end": span.end} for span in spans],
        "speakers": [speaker_json(ds, s) for s in ds.speakers(evidence)]
        or [{"actor": None, "name": source.author.name, "description": "the article's author", "is_author": True}],
        "reported_by": {"source": source.id, "author": source.author.name},
        "attribution": said_by(ds, evidence),
    }
    result["language"] = source.language
    if evidence.translation is not None:
        result["translation"] = {"text": evidence.translation, "by": "uscn"}
    if evidence.cut_reason is not None:
        result["cut_reason"] = evidence.cut_reason
    if context and spans and evidence.source in ds.seeds:
        result["context"] = ds.seeds[evidence.source].sentence_around(spans[0])
    return result


def speaker_json(ds: Dataset, speaker: Speaker) -> dict[str, Any]:
    """A speaker as structured data: actor id (or null) and name or description."""
    return {
        "actor": speaker.actor,
        "name": ds.actors[speaker.actor].name if speaker.actor is not None else None,
        "description": speaker.description,
        "is_author": False,
        "occasion": speaker.occasion,
        "presented": speaker.presented.value,
    }


def position_json(ds: Dataset, position: Position, quotes: bool = True, context: bool = False) -> dict[str, Any]:
    """A position as JSON."""
    result: dict[str, Any] = {
        "issue": position.issue,
        "side": position.side.value,
        "holder": {"actor": position.holder.actor, "name": holder_text(ds, position.holder)},
        "reported_by": reporters(position),
        "voice": voice(ds, position),
        "summary": position.summary,
    }
    if quotes:
        result["evidence"] = [evidence_json(ds, e, context) for e in position.evidence]
    return result


def recommendation_json(ds: Dataset, rec: Recommendation, quotes: bool = True, context: bool = False) -> dict[str, Any]:
    """A recommendation as JSON."""
    result: dict[str, Any] = {
        "id": rec.id,
        "source": rec.source,
        "proposer": {"actor": rec.proposer, "name": proposer_text(ds, rec)},
        "to": rec.to.value,
        "kind": rec.kind.value,
        "issues": rec.issues,
        "summary": rec.summary,
    }
    if quotes:
        result["evidence"] = [evidence_json(ds, e, context) for e in rec.evidence]
    return result


def date_json(date: DateFact) -> dict[str, Any]:
    """A date with its precision and how we know it."""
    return {
        "value": date.value,
        "precision": date.precision,
        "inferred": date.inferred,
        "basis": date.basis,
        "quote": date.quote,
    }


def event_json(event: Event) -> dict[str, Any]:
    """An event as JSON."""
    return {
        "id": event.id,
        "title": event.title,
        "date": date_json(event.date),
        "issues": event.issues,
        "actors": event.actors,
        "sources": list(dict.fromkeys(m.source for m in event.mentions)),
    }


# ---- document blocks --------------------------------------------------------------------------


def quote_blocks(ds: Dataset, evidence: list[Evidence], context: bool) -> list[Block]:
    """Each quote with its one attribution line (and its sentence when asked)."""
    blocks: list[Block] = [quote_block(ds, item, quote_attribution(ds, item), context) for item in evidence]
    for n in range(len(blocks) - 1):  # quotes in a row with the same attribution share its one line
        here, after = blocks[n], blocks[n + 1]
        if isinstance(here, Quote) and isinstance(after, Quote) and not here.context and here.cite == after.cite:
            blocks[n] = replace(here, cite="")
    return blocks


def quote_block(ds: Dataset, evidence: Evidence, cite: str, context: bool = False) -> Quote:
    """One quote as a block: its words, ``cite``, uscn's translation, its article's language and its
    place in the article (and the sentence around it with ``context``)."""
    spans = ds.locate(evidence)
    around = None
    if context and spans and evidence.source in ds.seeds:
        around = ds.seeds[evidence.source].sentence_around(spans[0])
    place = Place(evidence.source, spans[0].start, spans[0].end) if spans else None
    source = ds.sources.get(evidence.source)
    lang = source.language if source is not None else "en"
    return Quote(evidence.quote, cite, around, evidence.translation, lang, place)


_HOW = {
    Presentation.SAID: None,
    Presentation.REPORTED: "as the author reports it",
    Presentation.HYPOTHETICAL: "as the author expects they would say",
}


def _says_who_reports(speaker: Speaker, name: str) -> bool:
    """A speaker described with who reports their words (``as the White House readout reports …``)."""
    return speaker.actor is None and " reports " in f" {name} "


def _how(ds: Dataset, source: Source, speaker: Speaker, name: str) -> str | None:
    """How the text presents the speaker's words; a government's text reports them as that body
    (``as reported by The White House``: "the author" of a readout is no person), and a description
    that already says who reports the words (``as the White House readout reports …``) needs no note."""
    if speaker.presented is Presentation.REPORTED:
        if _says_who_reports(speaker, name):
            return None
        body = ds.actors.get(source.author.actor) if source.author.actor is not None else None
        if source.government is not None and body is not None and source.author.name is None:
            return f"as reported by {body.name}"
    return _HOW[speaker.presented]


def quote_attribution(ds: Dataset, evidence: Evidence) -> str:
    """A quote's one attribution line: whose words, how the article presents them, and the article
    that reports them (``Joe Biden, as the author reports it · in diplomat``); the author's own
    words name the author (``Robert Hormats, the author · hormats``). ``sources_quoted`` says once
    per view who wrote each article and where."""
    return _attribution(ds, evidence.source, ds.speakers(evidence))


def passage_attribution(ds: Dataset, source: str, start: int, end: int) -> str:
    """``quote_attribution`` for any passage of an article (a search hit's sentence), by its offsets;
    a passage that holds the author's words as well as someone else's says so."""
    found = ds.attributions_overlapping(source, (Span(start, end),))
    said = _attribution(ds, source, tuple(a.speaker for a in found))
    seed = ds.seeds.get(source)
    if not found or seed is None:
        return said
    covered = [span for a in found for span in ds.spans.get((source, a.quote), ())]
    rest = [i for i in range(start, end) if not any(c.start <= i < c.end for c in covered)]
    if any(seed.text[i].isalnum() for i in rest):  # words around the passage are the author's own
        who, where = said.rsplit(" · ", 1)
        return f"{who}, within the author's own sentence · {where}"
    return said


def _attribution(ds: Dataset, source_id: str, speakers: tuple[Speaker, ...]) -> str:
    source = ds.sources[source_id]
    if not speakers:
        named = source.author.name or source.author.actor
        return f"{author_text(ds, source) + ', the author' if named else 'the unnamed author'} · {source.id}"
    words = []
    for speaker in speakers:
        name = ds.actors[speaker.actor].name if speaker.actor is not None else speaker.description or ""
        notes = [note for note in (speaker.occasion, _how(ds, source, speaker, name)) if note]
        words.append(f"{name} ({'; '.join(notes)})" if speaker.occasion else ", ".join([name, *notes]))
    return f"{' and '.join(words)} · in {source.id}"


def sources_quoted(ds: Dataset, source_ids: Iterable[str], quoted: Iterable[str] | None = None) -> list[Block]:
    """Once per view: who wrote each article named and where (the attribution lines give its id),
    then, for the articles whose words the view ``quoted`` (all named, by default), the first sentence
    of what a reader should know about the text."""
    ids = [i for i in dict.fromkeys(source_ids) if i in ds.sources]
    if not ids:
        return []
    who = "; ".join(f"{i} — {_author_and_outlet(ds, ds.sources[i])}" for i in ids)
    noted = ids if quoted is None else [i for i in dict.fromkeys(quoted) if i in ds.sources]
    return [Heading("Sources", 2), Para(who), *text_note_blocks(ds, noted, brief=True)]


def _author_and_outlet(ds: Dataset, source: Source) -> str:
    """``Robert Hormats, Fortune``; a government body that is its own outlet once (``The White House,
    Briefing Room``, not ``The White House, The White House, Briefing Room``)."""
    author, outlet = author_name(ds, source), outlet_text(source)
    return outlet if outlet.startswith(author) else f"{author}, {outlet}"


def author_name(ds: Dataset, source: Source) -> str:
    """The author's name (a government text's by its body or official), or ``unnamed author``."""
    return author_text(ds, source) if source.author.name or source.author.actor else "unnamed author"


def _holder_speaks(ds: Dataset, holder: Holder, evidence: Evidence) -> bool:
    """Whether the quote's attribution already names the holder of the view it backs (``Chinese
    officials, as the author characterises them`` holds what ``Chinese officials`` say)."""
    speakers = ds.speakers(evidence)
    if holder.actor is not None:
        if not speakers:
            return ds.actors[holder.actor].name == ds.sources[evidence.source].author.name
        return any(s.actor == holder.actor for s in speakers)
    if not speakers:  # the author's own words back a view held by "the article's unnamed author (…)"
        return "author" in (holder.description or "")
    said = [s.description for s in speakers if s.description]
    return any((holder.description or "").startswith(f"{d},") or holder.description == d for d in said)


def position_blocks(ds: Dataset, position: Position, quotes: bool, context: bool) -> list[Block]:
    """A position: its summary, then each quote with its attribution; who holds the view follows
    the summary where no quote's attribution names them (always, without quotes)."""
    holder = holder_text(ds, position.holder)
    if not quotes:
        return [Para(position.summary, "lead", f"— held by {holder} · in {', '.join(reporters(position))}")]
    named = all(_holder_speaks(ds, position.holder, e) for e in position.evidence)
    return [Para(position.summary, "strong", None if named else f"— held by {holder}")] + quote_blocks(
        ds, position.evidence, context
    )


def recommendation_blocks(
    ds: Dataset, rec: Recommendation, quotes: bool, context: bool, under_source: bool = False
) -> list[Block]:
    """A recommendation: its summary, who proposes it to whom and on what, then its quotes; a quote
    in the proposer's own words needs no attribution of its own. ``under_source``: the view's
    heading already names the article."""
    who = proposer_text(ds, rec)
    if under_source and rec.proposer is None:
        who = ""  # the heading names the author
    elif not under_source and not who.endswith(f" of {rec.source}"):
        who += f" in {rec.source}"
    to_whom = f"{who + ' ' if who else ''}→ {ADDRESSEE_NAMES[rec.to]}: "
    line = None if under_source else f"(on {', '.join(rec.issues)})"  # id, kind, issues: -f json, -f csv
    blocks: list[Block] = [Para(to_whom + rec.summary, "lead" if under_source else "strong", line)]
    if not quotes:
        return blocks
    proposer = Holder(actor=rec.proposer) if rec.proposer else None
    shown: list[Block] = []
    all_own_after = True  # an empty attribution means the next quote's covers it: only own words may follow
    for quote in reversed(quote_blocks(ds, rec.evidence, context)):
        assert isinstance(quote, Quote)
        evidence = next(e for e in rec.evidence if e.quote == quote.text)
        own = evidence.source == rec.source and (
            _holder_speaks(ds, proposer, evidence) if proposer else not ds.speakers(evidence)
        )
        shown.insert(0, replace(quote, cite="") if own and all_own_after else quote)
        all_own_after = all_own_after and own
    return blocks + shown
