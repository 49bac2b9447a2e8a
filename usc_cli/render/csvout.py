"""CSV output: the view's table, one header row, every value in full, safe to open in a spreadsheet.

No cell holds a line break, whatever the data holds: every line break (CRLF, CR, LF, vertical tab,
form feed, U+001C-U+001E, NEL, U+2028 LINE SEPARATOR, U+2029 PARAGRAPH SEPARATOR) becomes one space,
so a quote that runs across two lines of its article is one line in its cell (whitespace is all the
quote matching ignores too). Lists of ids are space-separated, and a recommendation's quotes are one
row each. Tabs are kept.

Two neutralisations, as OWASP's "CSV Injection" page recommends: a cell that starts with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return gets a leading ``'`` so no spreadsheet runs it as a formula;
and control characters (ESC, BEL, DEL, C1 controls such as U+009B) and bidi overrides and isolates
(U+202A-U+202E, U+2066-U+2069) become U+FFFD, so no terminal or viewer acts on them. Records end in
CRLF and fields are quoted when needed, as RFC 4180 specifies.
"""

from __future__ import annotations

import csv
import io
import re

from usc_cli.errors import FormatUnavailableError
from usc_cli.render.document import Document

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_LINE_BREAK = re.compile("\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")  # what str.splitlines() splits at
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def safe_cell(value: object) -> object:
    """A cell a spreadsheet shows as text and a terminal prints inertly (non-strings unchanged)."""
    if not isinstance(value, str):
        return value
    if value.startswith(_FORMULA_START):
        value = "'" + value
    return _UNSAFE.sub("\ufffd", _LINE_BREAK.sub(" ", value))


def to_csv(kind: str, doc: Document) -> str:
    """Write the document's table as CSV, or refuse for views that have no table shape."""
    if doc.csv is None:
        raise FormatUnavailableError(f"csv is not available for {kind}; use table, json or markdown")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")  # RFC 4180: every record ends in CRLF
    writer.writerow([safe_cell(c) for c in doc.csv.columns])
    writer.writerows([safe_cell(c) for c in row] for row in doc.csv.rows)
    return buffer.getvalue()
