"""``uscn cite``: what a reference manager reads — parsed with the libraries such tools use."""

from __future__ import annotations

import json
from pathlib import Path

import bibtexparser
import jsonschema
import pytest
import rispy

from tests.conftest import VALID_MIN, Run
from usc_cli.render.formats import CiteFormat

CSL_SCHEMA = json.loads((Path(__file__).parent / "schemas" / "csl-data.json").read_text(encoding="utf-8"))


def _bibtex(text: str) -> dict[str, dict[str, str]]:
    library = bibtexparser.parse_string(text)
    assert library.failed_blocks == []
    return {
        entry.key: {"type": entry.entry_type, **{f.key: f.value for f in entry.fields}} for entry in library.entries
    }


def test_bibtex_parses_one_entry_per_source_with_only_the_known_fields(run: Run) -> None:
    entries = _bibtex(run.ok("cite"))
    assert list(entries) == [s["id"] for s in run.json("sources", "list")["sources"]]  # every source, in order
    assert list(entries)[:5] == ["cnn", "diplomat", "georgetown", "hormats", "marschik"]
    hormats = entries["hormats"]
    assert hormats["type"] == "article"
    assert hormats["author"] == "Robert Hormats" and hormats["journal"] == "Fortune"
    assert hormats["date"] == "2023-05-24" and hormats["year"] == "2023" and hormats["month"] == "5"
    assert "title" not in hormats and "url" not in hormats  # unknown: left out, never guessed
    diplomat = entries["diplomat"]
    assert diplomat["title"] == "The Benefits (and Limits) of China-US High-Level Diplomatic Engagement"
    assert "author" not in diplomat  # the text names no author
    assert diplomat["url"].startswith("https://thediplomat.com/2023/11/")


def test_inferred_and_matched_values_are_said_so_in_the_note(run: Run) -> None:
    entries = _bibtex(run.ok("cite", "diplomat", "cnn", "georgetown"))
    assert list(entries) == ["diplomat", "cnn", "georgetown"]  # in the order asked
    assert "outlet matched: The stored public copy of https://thediplomat.com/" in entries["diplomat"]["note"]
    assert "date inferred: The matched copy's address has the path /2023/11/" in entries["diplomat"]["note"]
    assert "title inferred:" in entries["cnn"]["note"] and "url matched: A republication" in entries["cnn"]["note"]
    assert "Text note: This text is a reworded copy of an op-ed" in entries["georgetown"]["note"]
    assert "title" not in _bibtex(run.ok("cite", "hormats"))["hormats"]["note"]  # a stated value needs no note


def test_bibtex_escapes_what_latex_would_read_as_commands(run: Run) -> None:
    text = run.ok("cite", "cnn")
    assert "{\\&}" not in text and "%" not in text.replace("\\%", "")
    note = _bibtex(text)["cnn"]["note"]
    assert note.count("{") == note.count("}")


def test_csl_json_validates_against_the_csl_schema(run: Run) -> None:
    items = json.loads(run.ok("cite", "-f", "csl-json"))
    jsonschema.Draft7Validator(CSL_SCHEMA).validate(items)
    by_id = {item["id"]: item for item in items}
    assert by_id["hormats"]["author"] == [{"literal": "Robert Hormats"}]
    assert by_id["hormats"]["issued"] == {"date-parts": [[2023, 5, 24]]}
    assert "title" not in by_id["hormats"] and "URL" not in by_id["hormats"]
    assert by_id["marschik"]["issued"] == {"date-parts": [[2023]]}
    assert by_id["georgetown"]["container-title"] == "ExBulletin"


def test_the_schema_check_fails_on_a_field_csl_does_not_have() -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft7Validator(CSL_SCHEMA).validate([{"id": "x", "type": "article", "outlet": "X"}])


def test_ris_has_one_record_per_source_each_closed(run: Run) -> None:
    text = run.ok("cite", "-f", "ris")
    lines = text.splitlines()
    assert all(line[:2].isalnum() and line[2:6] == "  - " for line in lines)
    sources = run.json("sources", "list")["sources"]
    types = ["TY  - GOVDOC" if s["government"] else "TY  - NEWS" for s in sources]
    assert [line for line in lines if line.startswith("TY")] == types  # a government's own text is a GOVDOC
    assert sum(line == "ER  - " for line in lines) == len(sources) and lines[-1] == "ER  - "
    records = {r["id"]: r for r in rispy.loads(text)}
    assert records["hormats"]["authors"] == ["Robert Hormats"]
    assert records["hormats"]["date"] == "2023/05/24/"
    assert "title" not in records["hormats"]
    assert records["marschik"]["date"] == "2023///"
    assert records["diplomat"]["secondary_title"] == "The Diplomat"


@pytest.mark.parametrize("fmt", list(CiteFormat))
def test_every_format_gives_every_source(run: Run, fmt: CiteFormat) -> None:
    text = run.ok("cite", "-f", fmt.value)
    assert all(sid in text for sid in ("cnn", "diplomat", "georgetown", "hormats", "marschik"))


def test_sources_are_named_as_everywhere_else(run: Run) -> None:
    assert list(_bibtex(run.ok("cite", "Fortune", "Marschik"))) == ["hormats", "marschik"]
    assert list(_bibtex(run.ok("cite", "hormats", "Fortune"))) == ["hormats"]  # one entry per source
    missing = run("cite", "nosuch")
    assert missing.exit_code == 1 and missing.stdout == ""
    assert missing.stderr.startswith("uscn: error: source 'nosuch' not found")
    bad = run("cite", "-f", "xml")
    assert bad.exit_code == 2 and "'xml' is not one of 'bibtex', 'csl-json', 'ris'" in bad.stderr


def test_output_file_is_written_whole_and_not_replaced_without_force(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "refs.bib"
    assert run("cite", "hormats", "-o", str(target)).exit_code == 0
    assert list(_bibtex(target.read_text(encoding="utf-8"))) == ["hormats"]
    again = run("cite", "diplomat", "-o", str(target))
    assert again.exit_code == 1 and "--force" in again.stderr
    assert run("cite", "diplomat", "-o", str(target), "--force").exit_code == 0
    assert list(_bibtex(target.read_text(encoding="utf-8"))) == ["diplomat"]


def test_a_fixture_source_with_unknown_url_cites_without_one(run: Run) -> None:
    entries = _bibtex(run.ok("--data-dir", str(VALID_MIN), "cite", "tiny"))
    assert entries["tiny"]["title"] == "Tiny Test Article" and "url" not in entries["tiny"]
    assert "outlet inferred: Made up for the tests." in entries["tiny"]["note"]


def test_a_government_text_is_authored_by_its_body_marked_inferred(run: Run) -> None:
    """The White House's readout names no author; its author is the body that published it, said so."""
    entries = _bibtex(run.ok("cite", "wh-231115"))
    assert entries["wh-231115"]["author"] in ("{The White House}", "The White House")  # one name, never split
    [csl] = json.loads(run.ok("cite", "mfa-231116", "-f", "csl-json"))
    assert csl["author"] == [{"literal": "PRC Foreign Ministry"}]
    assert "author inferred: a government's own text (press-conference)" in csl["note"]
    citation = run.json("sources", "show", "mfa-231116")["source"]["citation"]
    [author] = [f for f in citation if f["field"] == "author"]
    assert (author["value"], author["how"]) == ("PRC Foreign Ministry", "inferred")
