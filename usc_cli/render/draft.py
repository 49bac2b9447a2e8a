"""The draft data file ``uscn sources add`` writes: valid YAML, with the positions and attributions
``uscn analyze`` read in the article already filled in apart from their summaries."""

from __future__ import annotations

import json
import shlex

from usc_cli.dataset import PLACEHOLDER
from usc_cli.models import CITATION_REQUIRED, SourceKind
from usc_cli.queries import attribution
from usc_cli.queries.analyze import Finding
from usc_cli.queries.drafting import DraftPosition, left_out_turns, own_words, quote_text
from usc_cli.queries.kinds import KindChoice, byline
from usc_cli.queries.reading import Attributed
from usc_cli.queries.speakers import Who


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _shell_word(text: str) -> str:
    """``text`` quoted for a shell, on one line: a path with a line break must not end the comment."""
    if text.isprintable():
        return shlex.quote(text)
    return "$'" + text.encode("unicode_escape").decode("ascii").replace("'", "\\'") + "'"  # bash ANSI-C quoting


def validate_command(data_dir: str | None) -> str:
    """The command that checks the draft: plain ``uscn validate`` for the user's own directory (read by
    default), else with ``--data-dir`` (quoted for a shell, on one line)."""
    return "uscn validate" if data_dir is None else f"uscn --data-dir {_shell_word(data_dir)} validate"


def _speaker_name(who: Who) -> str:
    return f"{who.name}, {who.description}" if who.kind == "person" and who.description else who.name


def _holder(position: DraftPosition) -> str:
    who = position.holder
    if who.actor is not None:
        return f"{{actor: {who.actor}}}"
    if who.kind == "author":
        return f"{{description: {_q(who.name)}}}"
    if position.hypothetical:
        return f"{{description: {_q(f'{_speaker_name(who)}, as the author expects them to argue')}}}"
    if who.kind == "person":
        return f"{{description: {_q(_speaker_name(who))}}}"
    return f"{{description: {_q(f'{who.name}, as the article reports it')}}}"


def _summary(text: str, position: DraftPosition) -> str:
    summary = f"{PLACEHOLDER} one sentence in your own words"
    # the hedges of the holder's own words: in "X would argue …, while Y insists …", "would" is X's
    hedged = list(dict.fromkeys(h for q in position.quotes for h in attribution.hedges(quote_text(text, q.passage))))
    if position.hypothetical:
        summary += "; keep it hypothetical: what the author expects they would say"
    elif hedged:
        summary += f"; keep the article's hedge ({', '.join(hedged)})"
    return _q(summary + ".")


def _attributions(text: str, positions: list[DraftPosition], attributed: list[Attributed]) -> list[str]:
    """Every credited passage of every sentence a position quotes: ``validate`` checks them all."""
    quoted = {q.quote for p in positions for q in p.quotes}
    passages: dict[tuple[int, int, str], Attributed] = {}
    for item in attributed:
        if item.credited and item.quote in quoted:
            passages.setdefault((*item.passage, item.who.name), item)
    for item in attributed:  # every sentence whose speaker could not be placed: validate fails until filled
        if item.who.kind == "unknown":
            passages.setdefault((*item.passage, item.who.name), item)
    lines: list[str] = []
    for (*passage, _), item in sorted(passages.items()):
        who = item.who
        if who.kind == "unknown":
            todo = f"{PLACEHOLDER} who says this? speaker unknown — check ({who.reason})"
            speaker = f"description: {_q(todo)}"
        else:
            speaker = f"actor: {who.actor}" if who.actor else f"description: {_q(_speaker_name(who))}"
        lines += [
            f"  - quote: {_q(quote_text(text, (passage[0], passage[1])))}",
            f"    speaker: {{{speaker}, presented: {item.presented.value}}}  # {item.how} (sentence {item.n})",
        ]
    return lines


def _positions(text: str, source_id: str, positions: list[DraftPosition], attributed: list[Attributed]) -> list[str]:
    credited = [item.passage for item in attributed if item.credited]
    lines: list[str] = []
    for position in positions:
        who = position.holder
        how = ", ".join(dict.fromkeys(q.how for q in position.quotes))
        numbers = f"sentence{'s' if len(position.quotes) > 1 else ''} {', '.join(str(q.n) for q in position.quotes)}"
        note = "  # not in actors.yaml yet" if who.kind == "person" else ""
        lines += [
            f"  # {who.name} ({position.side.value}) · {how} · {numbers}",
            f"  - issue: {position.issue}",
            f"    side: {position.side.value}",
            f"    holder: {_holder(position)}{note}",
            f"    summary: {_summary(text, position)}",
            "    evidence:",
        ]
        for quote in position.quotes:
            words = own_words(text, quote, credited)
            lines += [f"      - source: {source_id}", f"        quote: {_q(quote_text(text, words))}"]
            if left_out_turns(text, quote, words):  # the rest of the sentence is someone else's words
                lines.append(
                    f"        cut_reason: {_q(f'{PLACEHOLDER} why leaving out the rest of the sentence is fair.')}"
                )
    return lines


KINDS = " | ".join(k.value for k in SourceKind)


def _unplaced(findings: list[Finding], attributed: list[Attributed]) -> list[str]:
    """Comments for the sentences that touch an issue but whose speaker is unknown: no position is
    drafted for them until someone names the speaker."""
    issues: dict[int, list[str]] = {}
    for finding in findings:
        if finding.kind == "issue":
            for match in finding.matches:
                issues.setdefault(match.sentence, []).append(finding.id)
    lines = [
        f"  # TODO: sentence {item.n} touches {', '.join(issues[item.n])}, but its speaker is unknown "
        "(see attributions): name the speaker, then add its position"
        for item in attributed
        if item.who.kind == "unknown" and item.n in issues
    ]
    return list(dict.fromkeys(lines))


def _author_lines(text: str) -> list[str]:
    """The author as the byline names them (to check), or the fields to fill in."""
    found = byline(text)
    if found is None:
        return [
            "    name: null         # only if the article names the author: a plain name",
            "    description: null  # the article's own description of the author",
            '    quote: null        # the article\'s words that name or describe the author, e.g. "By Jane Doe"',
        ]
    name, quote = found
    return [
        f"    name: {_q(name)}  # from the byline: check it",
        "    description: null  # the article's own description of the author",
        f"    quote: {_q(quote)}",
    ]


def source_draft(
    source_id: str,
    seed: str,
    sha256: str,
    text: str,
    drafted: tuple[list[Finding], list[Attributed], list[DraftPosition]],
    data_dir: str | None,
    choice: KindChoice,
) -> str:
    """A source file that validates as written (its summaries marked TODO), with the attributions and
    positions ``analyze`` read in the article, and the framings it found in comments."""
    findings, attributed, positions = drafted
    lines = [
        f"# Draft for source {source_id!r}, written by `uscn sources add`.",
        "# Fill in what the article states (each with its verbatim quote), mark anything else",
        "# `inferred: true` with a `basis`, and leave an unnamed author `name: null`. Then run:",
        f"#   {validate_command(data_dir)}",
        "source:",
        f"  id: {source_id}",
        '  title: null          # or {value: ..., quote: "..."}',
        '  outlet: null         # or {value: ..., quote: "..."} / {value: ..., inferred: true, basis: "..."}',
        "  author:",
        *_author_lines(text),
        f"  kind: {choice.kind.value}  # {choice.how}: {choice.basis}; one of {KINDS}",
        *([f"  government: {choice.government.value}  # whose own text it is"] if choice.government else []),
        '  date: null           # or {value: "2024-05", quote: "..."} / {value: "2024", inferred: true, basis: "..."}',
        '  url: null            # or {value: "https://...", matched: "where you saw the text at this address"}',
        "  unknown:             # why each citation field left null is unknown: what you looked at",
        *(f"    {field}: {_q(f'{PLACEHOLDER} where you looked for the {field}.')}" for field in CITATION_REQUIRED),
        f"  seed: {seed}",
        f"  sha256: {sha256}",
        "  aliases: []",
        f"  covers: {_q(f'{PLACEHOLDER} what the article is about, in your own words.')}",
        "# Whose words are whose, as `uscn analyze` read the article: check each speaker (an actor id",
        "# from actors.yaml, or a description) and how the words are presented (said | reported |",
        "# hypothetical). Any quote that overlaps a passage is shown as that speaker's.",
    ]
    credited = _attributions(text, positions, attributed)
    lines += ["attributions:", *credited] if credited else ["attributions: []"]
    lines += [
        "# Positions drafted from the sentences where `uscn analyze` found an issue: one per issue, side",
        "# and holder, whole sentences quoted. Delete what the article does not support, check side and",
        "# holder, and write each summary in your own words, keeping the article's hedges.",
    ]
    drafted_lines = _positions(text, source_id, positions, attributed)
    lines += (
        ["positions:", *drafted_lines]
        if drafted_lines
        else ["positions: []  # no issue of the dataset was clearly signalled"]
    )
    lines += _unplaced(findings, attributed)
    lines += ["recommendations: []", ""]
    frames = [f for f in findings if f.kind == "frame"]
    if frames:
        lines.append("# Framings `uscn analyze` found, for frames.yaml (a label's evidence is a quote like these):")
    for finding in frames:
        side = finding.side.value if finding.side else ""
        lines.append(f"#   frame {finding.id}: {side} label {finding.label!r} (strength {finding.strength})")
        lines += [f"#       {_q(m.text)}" for m in finding.matches]
    return "\n".join(lines) + "\n"
