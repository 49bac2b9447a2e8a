"""``uscn cite``: citations a reference manager imports — BibTeX, CSL-JSON or RIS.

Every value comes from ``queries.citation``. A value uscn inferred, or took from a stored copy it
matched the text against, is said so in the entry's note; an unknown field is left out, never
filled with a guess.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any, assert_never

from usc_cli.models import Source, SourceKind
from usc_cli.queries.citation import citation, uncertain
from usc_cli.render.formats import CiteFormat


def render_citations(fmt: CiteFormat, sources: list[Source], bodies: Mapping[str, str] | None = None) -> str:
    """The sources' citations in one format, one entry per source, in the order given; ``bodies``:
    by source id, the government body a government's own text is authored by."""
    named = [(source, (bodies or {}).get(source.id)) for source in sources]
    match fmt:
        case CiteFormat.BIBTEX:
            return "\n".join(_bibtex(source, body) for source, body in named)
        case CiteFormat.CSL_JSON:
            return json.dumps([_csl(source, body) for source, body in named], ensure_ascii=False, indent=2) + "\n"
        case CiteFormat.RIS:
            return "".join(_ris(source, body) for source, body in named)
        case _:
            assert_never(fmt)


def _values(source: Source, body: str | None) -> dict[str, str]:
    return {f.name: f.value for f in citation(source, body) if f.value is not None}


def note(source: Source, body: str | None = None) -> str:
    """What a reader should know before trusting the citation: each inferred or matched value and why."""
    parts = [f"{f.name} {f.how}: {f.basis}" for f in uncertain(citation(source, body)) if f.basis]
    parts += [f"Text note: {text_note.note}" for text_note in source.text_notes]
    parts.append(f"Cited by uscn from its dataset (source {source.id!r}; uscn sources show {source.id}).")
    return _one_line(" ".join(f"{part.rstrip('.')}." for part in parts))


def _date_parts(value: str) -> list[int] | None:
    """``2023-05-24`` as ``[2023, 5, 24]``; a decade (``1970s``) has no CSL date parts."""
    if value.endswith("s"):
        return None
    return [int(part) for part in value.split("-")]


def _is_body(source: Source) -> bool:
    """A government's own text is authored by a body (the White House, the Foreign Ministry)."""
    return source.government is not None


# --- BibTeX ------------------------------------------------------------------------------------------

_BIBTEX_SPECIAL = re.compile(r"([\\{}%&$#_^~])")
_BIBTEX_ESCAPE = {"\\": r"\textbackslash{}", "^": r"\^{}", "~": r"\~{}"}


def _tex(text: str) -> str:
    """Text safe inside a BibTeX ``{…}`` value: LaTeX's special characters escaped, braces balanced."""
    return _BIBTEX_SPECIAL.sub(lambda m: _BIBTEX_ESCAPE.get(m.group(1), "\\" + m.group(1)), re.sub(r"\s+", " ", text))


def _bibtex(source: Source, body: str | None) -> str:
    values = _values(source, body)
    entry = "misc" if _is_body(source) or "outlet" not in values else "article"
    fields: list[tuple[str, str]] = []
    if "author" in values:
        name = _tex(values["author"])
        fields.append(("author", f"{{{name}}}" if _is_body(source) else name))  # a body's name is one name
    if "title" in values:
        fields.append(("title", _tex(values["title"])))
    if "outlet" in values:
        fields.append(("journal" if entry == "article" else "howpublished", _tex(values["outlet"])))
    if "date" in values and (parts := _date_parts(values["date"])) is not None:
        fields.append(("year", str(parts[0])))
        if len(parts) > 1:
            fields.append(("month", str(parts[1])))
        fields.append(("date", values["date"]))  # biblatex's full date, day included
    if "url" in values:
        fields.append(("url", values["url"]))
    fields.append(("language", source.language))
    fields.append(("note", _tex(note(source, body))))
    body = ",\n".join(f"  {key} = {{{value}}}" for key, value in fields)
    return f"@{entry}{{{source.id},\n{body}\n}}\n"


# --- CSL-JSON ----------------------------------------------------------------------------------------

_CSL_TYPES = {
    SourceKind.OPINION: "article-newspaper",
    SourceKind.NEWS_ANALYSIS: "article-newspaper",
    SourceKind.NEWS: "article-newspaper",
    SourceKind.READOUT: "document",
    SourceKind.STATEMENT: "document",
    SourceKind.REMARKS: "speech",
    SourceKind.PRESS_CONFERENCE: "document",
}


def _csl(source: Source, body: str | None) -> dict[str, Any]:
    values = _values(source, body)
    item: dict[str, Any] = {"id": source.id, "type": _CSL_TYPES[source.kind]}
    if "author" in values:
        item["author"] = [{"literal": values["author"]}]  # a name as written: never split into given/family
    if "title" in values:
        item["title"] = values["title"]
    if "outlet" in values:
        item["publisher" if _is_body(source) else "container-title"] = values["outlet"]
    if "date" in values:
        parts = _date_parts(values["date"])
        item["issued"] = {"date-parts": [parts]} if parts is not None else {"literal": values["date"]}
    if "url" in values:
        item["URL"] = values["url"]
    item["language"] = source.language
    item["note"] = note(source, body)
    return item


# --- RIS ---------------------------------------------------------------------------------------------

_RIS_TYPES = {
    SourceKind.OPINION: "NEWS",
    SourceKind.NEWS_ANALYSIS: "NEWS",
    SourceKind.NEWS: "NEWS",
    SourceKind.READOUT: "GOVDOC",
    SourceKind.STATEMENT: "GOVDOC",
    SourceKind.REMARKS: "GOVDOC",
    SourceKind.PRESS_CONFERENCE: "GOVDOC",
}


def _ris(source: Source, body: str | None) -> str:
    values = _values(source, body)
    lines = [("TY", _RIS_TYPES[source.kind]), ("ID", source.id)]
    if "author" in values:
        lines.append(("AU", values["author"]))
    if "title" in values:
        lines.append(("TI", values["title"]))
    if "outlet" in values:
        lines.append(("PB" if _is_body(source) else "T2", values["outlet"]))
    if "date" in values and (parts := _date_parts(values["date"])) is not None:
        lines.append(("PY", str(parts[0])))
        padded = [f"{p:02d}" for p in parts[1:]]
        lines.append(("DA", "/".join([str(parts[0]), *padded, *[""] * (2 - len(padded))]) + "/"))
    if "url" in values:
        lines.append(("UR", values["url"]))
    lines += [("LA", source.language), ("N1", note(source, body)), ("ER", "")]
    return "".join(f"{tag}  - {_one_line(value)}\n" for tag, value in lines)


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
