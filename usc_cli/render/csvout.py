"""CSV output: the view's table, one header row, every value in full."""

from __future__ import annotations

import csv
import io

from usc_cli.errors import FormatUnavailableError
from usc_cli.render.document import Document


def to_csv(kind: str, doc: Document) -> str:
    """Write the document's table as CSV, or refuse for views that have no table shape."""
    if doc.csv is None:
        raise FormatUnavailableError(f"csv is not available for {kind}; use table, json or markdown")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(doc.csv.columns)
    writer.writerows(doc.csv.rows)
    return buffer.getvalue()
