"""CSV output: the view's table, one header row, every value in full, safe to open in a spreadsheet.

Two neutralisations, as OWASP's "CSV Injection" page recommends: a cell that starts with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return gets a leading ``'`` so no spreadsheet runs it as a formula;
and the characters of uscn's one policy (``usc_cli.render.unsafe``: controls, bidi marks, overrides
and isolates, zero-width characters) become U+FFFD, so no terminal or viewer acts on them. Every line
break from the data (CRLF, CR, LF, VT, FF, NEL, U+2028, U+2029…) becomes one space, so no cell holds a
line break: a quote that runs across two lines of its article is one line in its cell. Tabs are kept.
Records end in CRLF and fields are quoted when needed, as RFC 4180 specifies.
"""

from __future__ import annotations

import csv
import io
import re

from usc_cli.errors import FormatUnavailableError
from usc_cli.render.document import Document
from usc_cli.render.unsafe import replaced

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_LINE_BREAK = re.compile("\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")  # what str.splitlines() splits at


def safe_cell(value: object) -> object:
    """A cell a spreadsheet shows as text and a terminal prints inertly (non-strings unchanged)."""
    if not isinstance(value, str):
        return value
    if value.startswith(_FORMULA_START):
        value = "'" + value
    return replaced(_LINE_BREAK.sub(" ", value))


def to_csv(kind: str, doc: Document) -> str:
    """Write the document's table as CSV, or refuse for views that have no table shape."""
    if doc.csv is None:
        raise FormatUnavailableError(f"csv is not available for {kind}; use table, json, markdown or html")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")  # RFC 4180: every record ends in CRLF
    writer.writerow([safe_cell(c) for c in doc.csv.columns])
    writer.writerows([safe_cell(c) for c in row] for row in doc.csv.rows)
    return buffer.getvalue()
