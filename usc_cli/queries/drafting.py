"""The positions ``uscn sources add`` drafts from a new article: one per issue, side and holder,
quoting the sentences where analyze found the issue, held by whoever ``reading`` says holds the words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from usc_cli.dataset import fold_whitespace
from usc_cli.models import Side
from usc_cli.queries import attribution
from usc_cli.queries.analyze import Finding, cue_pattern
from usc_cli.queries.reading import Attributed, authors
from usc_cli.queries.speakers import AUTHOR, Who

_BACK_REFERENCE = re.compile(r"\b(?:them|it|this|these|those)\b")


@dataclass(frozen=True)
class DraftPosition:
    """A position ``uscn sources add`` pre-fills: the issue, the side, who holds it, and its quotes."""

    issue: str
    side: Side
    holder: Who
    quotes: list[Attributed]

    @property
    def hypothetical(self) -> bool:
        """Whether the article gives the view as what the author expects someone would say."""
        return any(q.how == "would argue" for q in self.quotes)


def quote_text(text: str, span: tuple[int, int]) -> str:
    """A drafted quote: the article's words with whitespace folded (as the loader compares them)."""
    return fold_whitespace(text[span[0] : span[1]]).strip()


def own_words(text: str, item: Attributed, credited: list[tuple[int, int]]) -> tuple[int, int]:
    """What a drafted quote takes of its sentence: the whole sentence, unless words of it lie outside
    the credited passages it overlaps (a quote is shown whole as its passages' speakers' words): then
    only the holder's own words, its credited clause, its stance clause, or (the author's) the longest
    stretch outside the passages."""
    start, end = item.quote
    inside = sorted((a, b) for a, b in credited if a < end and start < b)
    if not inside:
        return item.quote
    stretches, at = [], start
    for a, b in inside:
        stretches.append((at, max(at, a)))
        at = max(at, b)
    stretches.append((at, end))
    outside = [(a, b) for a, b in stretches if re.search(r"\w", text[a:b])]
    if not outside:
        return item.quote
    if item.passage != item.quote:
        return item.passage
    a, b = max(outside, key=lambda s: s[1] - s[0])
    a += len(text[a:b]) - len(text[a:b].lstrip(" ,;–—"))
    return a, a + len(text[a:b].strip(" ,;–—"))


def left_out_turns(text: str, item: Attributed, words: tuple[int, int]) -> list[str]:
    """The turning words ("while", "but" …) of the sentence that a drafted quote leaves out."""
    return attribution.turns(text[item.quote[0] : words[0]] + " … " + text[words[1] : item.quote[1]])


def _owners(text: str, items: list[Attributed], cues: list[str], narrator: Who) -> list[Attributed]:
    """Who, of a sentence's speakers and holders, holds the words where an issue's cues stand; words
    outside all their passages are the author's ("As Beijing … near Taiwan …, Washington seems …")."""
    if len(items) == 1 and items[0].passage == items[0].quote:
        return items
    first = items[0]
    hits = [m.start() for cue in cues for m in cue_pattern(cue).finditer(text, first.start, first.end)]
    owners = [item for item in items if any(item.passage[0] <= at < item.passage[1] for at in hits)]
    for item in items:  # "…, while Beijing calls them …": the words about what an earlier clause names
        words = text[item.passage[0] : item.passage[1]]
        if item not in owners and _BACK_REFERENCE.search(words) and any(o.passage[0] < item.passage[0] for o in owners):
            owners.append(item)
    if any(not any(item.passage[0] <= at < item.passage[1] for item in items) for at in hits):
        owners.append(authors(text, first.n, first.start, first.end, narrator))
    return owners or items


_REFERRING = r"(?:the|these|those|its|their|such)"
_WORD_START = r"(?<!\w)"  # how every cue pattern opens (analyze.cue_pattern)
_LEAD_WORD = re.compile(r"\w+")


def _referring(finding: Finding) -> list[str]:
    """Cues for words that refer back to the issue: "the controls" after "export controls"."""
    heads = {c.lstrip("=").split()[-1] for c in finding.cues if len(c.lstrip("=").split()) > 1}
    return [f"{det} {head}" for head in heads for det in _REFERRING.strip("(?:)").split("|")]


def _any_of(cues: list[str]) -> re.Pattern[str]:
    """One pattern that matches where any of the cues does (their common look-behind tried once)."""
    patterns = [cue_pattern(cue).pattern for cue in cues]
    shared = _WORD_START if all(p.startswith(_WORD_START) for p in patterns) else ""
    return re.compile(shared + "(?:" + "|".join(p.removeprefix(shared) for p in patterns) + ")", re.IGNORECASE)


def _any_referring(cues: list[str]) -> re.Pattern[str]:
    """A quick pattern that matches wherever any of these referring cues does ("the controls …"): a
    determiner, the cue patterns' separator, then the first word of a cue's head (and in a few
    other places, which the cues' own patterns then turn down)."""
    leads = [_LEAD_WORD.match(cue.split(" ", 1)[1]) for cue in cues]
    if any(lead is None for lead in leads):
        return _any_of(cues)
    words = "|".join(sorted({re.escape(lead.group()) for lead in leads if lead}))
    return re.compile(rf"{_WORD_START}{_REFERRING}[\s\-]+(?:{words})", re.IGNORECASE)


def _issues_at(
    text: str, findings: list[Finding], by_sentence: dict[int, list[Attributed]]
) -> dict[int, dict[str, list[str]]]:
    """The issues each sentence touches, with the cues that place them: the analysis's cues; a
    speaker's words that refer back to an issue the article names ("called the controls …" after
    "export controls"); and the second half of a sentence the segmenter cut at a semicolon."""
    cues_at: dict[int, dict[str, list[str]]] = {}
    issues = [(finding, _referring(finding)) for finding in findings if finding.kind == "issue"]
    every = sorted({cue for _, cues in issues for cue in cues})
    anyone = _any_referring(every) if every else None
    speaking = {  # the sentences someone other than the narrator says with a referring cue in them: few
        n: text[items[0].start : items[0].end]
        for n, items in by_sentence.items()
        if not all(i.who.is_author or i.who.kind == "unknown" for i in items)
        and anyone is not None
        and anyone.search(text[items[0].start : items[0].end])
    }
    for finding, referring in issues:
        for match in finding.matches:
            cues_at.setdefault(match.sentence, {})[finding.id] = match.cues
        patterns = [(cue, cue_pattern(cue)) for cue in referring]
        its = _any_of(referring) if referring else None
        for n, words in speaking.items():
            if finding.id in cues_at.get(n, {}) or its is None or not its.search(words):
                continue
            hit = [cue for cue, pattern in patterns if pattern.search(words)]
            if hit:
                cues_at.setdefault(n, {})[finding.id] = hit
    for n in sorted(by_sentence):
        first = by_sentence[n][0]
        if text[first.start : first.end].rstrip().endswith(";") and n in cues_at and n + 1 in by_sentence:
            for issue in cues_at[n]:
                cues_at.setdefault(n + 1, {}).setdefault(issue, [])
    return cues_at


def draft_positions(
    text: str, findings: list[Finding], attributed: list[Attributed], narrator: Who = AUTHOR
) -> list[DraftPosition]:
    """One position per issue, side and holder, quoting every sentence where the analysis found the
    issue, held by whoever holds the words where its cues stand; a view both governments hold gives
    one position for each."""
    by_sentence: dict[int, list[Attributed]] = {}
    for item in attributed:
        by_sentence.setdefault(item.n, []).append(item)
    cues_at = _issues_at(text, findings, by_sentence)
    grouped: dict[tuple[str, Side, str], list[Attributed]] = {}
    seen: set[tuple[tuple[str, Side, str], tuple[int, int]]] = set()
    for n, issues in cues_at.items():
        for issue, cues in issues.items():
            for item in _owners(text, by_sentence[n], cues, narrator):
                if item.who.kind == "unknown":
                    continue  # no side can hold words no one is known to say: the draft flags them
                for side in [item.who.side] if item.who.side is not None else [Side.US, Side.CHINA]:
                    key = (issue, side, item.who.name)
                    if (key, item.quote) not in seen:
                        seen.add((key, item.quote))
                        grouped.setdefault(key, []).append(item)
    for quotes in grouped.values():  # the speaker's words that go on around a quoted sentence
        if quotes[0].who.is_author:
            continue
        spans = {q.quote for q in quotes}
        for item in list(quotes):
            for step in (-1, 1):
                n = item.n + step
                while (same := [a for a in by_sentence.get(n, []) if a.who == item.who and a.credited]) and (
                    same[0].quote not in spans
                ):
                    quotes.append(same[0])
                    spans.add(same[0].quote)
                    n += step
        quotes.sort(key=lambda q: q.n)
    order = {f.id: n for n, f in enumerate(findings)}
    keys = sorted(grouped, key=lambda k: (order[k[0]], grouped[k][0].n, k[1] != Side.US))
    return [DraftPosition(key[0], key[1], grouped[key][0].who, grouped[key]) for key in keys]
