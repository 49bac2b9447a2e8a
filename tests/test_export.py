"""``uscn export sqlite``: the database's keys, full-text index, offsets and the query in ``uscn help formats``."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import Run, indented_blocks, run_on_shipped_data
from usc_cli import topics
from usc_cli.dataset import fold_whitespace

SECTION = topics.text("formats").split("\n# The SQLite export\n", 1)[1]
README_QUERY = next(b for b in indented_blocks(SECTION) if b.startswith("SELECT evidence_speakers"))
README_OUTPUT = indented_blocks(SECTION.split("%% sqlite-output\n", 1)[1])[0]


@pytest.fixture(scope="module")
def shipped_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[sqlite3.Connection]:
    """The shipped dataset exported once for the module, opened read-only."""
    path = tmp_path_factory.mktemp("export") / "uscn.db"
    run_on_shipped_data(path, "export", "sqlite", str(path))
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    yield conn
    conn.close()


def _list_mode(rows: list[tuple[object, ...]]) -> str:
    """Rows as the sqlite3 shell prints them by default: ``|`` between values, NULL as nothing."""
    return "".join("|".join("" if v is None else str(v) for v in row) + "\n" for row in rows)


def test_readme_query_answers_with_each_quote_its_speaker_and_article(shipped_db: sqlite3.Connection) -> None:
    rows = shipped_db.execute(README_QUERY).fetchall()
    assert [(speaker, presented, article) for speaker, presented, article, _ in rows] == [
        ("Li Qiang", "reported", "cnn"),
        ("the unnamed author", None, "cnn"),
        ("Chinese officials", "hypothetical", "diplomat"),
        ("Robert Hormats", None, "hormats"),
    ]
    assert _list_mode(rows) == README_OUTPUT, "uscn help formats: the output of its query is out of date"


def test_foreign_keys_hold_and_schema_version_is_set(shipped_db: sqlite3.Connection) -> None:
    assert shipped_db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert shipped_db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert shipped_db.execute("PRAGMA user_version").fetchone() == (1,)
    declared = {row[2] for t in ("evidence", "evidence_speakers", "positions") for row in _fks(shipped_db, t)}
    parents = {"sources", "positions", "recommendations", "frame_labels", "events", "evidence", "actors", "issues"}
    assert declared == parents


def _fks(conn: sqlite3.Connection, table: str) -> list[tuple[object, ...]]:
    return conn.execute(f"PRAGMA foreign_key_list({table})").fetchall()


def test_counts_match_the_dataset(shipped_db: sqlite3.Connection) -> None:
    from usc_cli.loader import load_dataset
    from usc_cli.locations import resolve_location

    counts = load_dataset(resolve_location(None)).counts()
    for table in ("sources", "issues", "positions", "recommendations", "frames", "events", "actors"):
        assert shipped_db.execute(f"SELECT count(*) FROM {table}").fetchone() == (counts[table],), table


def test_full_text_index_finds_a_known_quote(shipped_db: sqlite3.Connection) -> None:
    found = shipped_db.execute(
        "SELECT evidence.quote, evidence.source FROM evidence_fts JOIN evidence ON evidence.id = evidence_fts.rowid"
        " WHERE evidence_fts MATCH ? ORDER BY evidence.id",
        ('"overstretching the concept of security"',),
    ).fetchall()
    assert found and {source for _, source in found} == {"cnn"}
    assert all("“overstretching the concept of security”" in quote for quote, _ in found)
    summaries = shipped_db.execute("SELECT count(*) FROM positions_fts WHERE positions_fts MATCH 'security'")
    assert summaries.fetchone()[0] > 0


def test_offsets_point_at_the_quote_in_the_article_text(shipped_db: sqlite3.Connection) -> None:
    rows = shipped_db.execute(
        "SELECT evidence.quote, substr(sources.text, start_offset + 1, end_offset - start_offset)"
        " FROM evidence JOIN sources ON sources.id = evidence.source"
    ).fetchall()
    assert len(rows) > 200
    for quote, span in rows:  # the seed may break a quoted line where the data has one space
        assert fold_whitespace(span) == fold_whitespace(quote)


def test_every_quote_has_its_speakers(shipped_db: sqlite3.Connection) -> None:
    assert shipped_db.execute(
        "SELECT count(*) FROM evidence WHERE id NOT IN (SELECT evidence FROM evidence_speakers)"
    ).fetchone() == (0,)
    two = shipped_db.execute("SELECT evidence FROM evidence_speakers WHERE n = 2").fetchall()
    assert two, "the shipped data has a quote with two speakers; both must be rows"


def test_refuses_to_overwrite_without_force(run: Run, mini: list[str], tmp_path: Path) -> None:
    target = tmp_path / "out.db"
    target.write_bytes(b"mine")
    result = run(*mini, "export", "sqlite", str(target))
    assert result.exit_code == 1
    assert result.stderr == f"uscn: error: {target} exists; pass --force to overwrite it\n"
    assert target.read_bytes() == b"mine"
    result = run(*mini, "export", "sqlite", str(target), "--force")
    assert result.exit_code == 0, result.output
    with sqlite3.connect(target) as conn:
        assert conn.execute("SELECT id FROM issues ORDER BY id").fetchall() == [("export-controls",), ("fisheries",)]
    conn.close()


def test_refuses_a_symlink_even_with_force(run: Run, mini: list[str], tmp_path: Path) -> None:
    real = tmp_path / "real.db"
    real.write_bytes(b"mine")
    link = tmp_path / "link.db"
    link.symlink_to(real)
    result = run(*mini, "export", "sqlite", str(link), "--force")
    assert result.exit_code == 1
    assert "symbolic link" in result.stderr
    assert real.read_bytes() == b"mine"


def test_a_failed_write_leaves_no_file_and_no_temp(
    run: Run, mini: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(src: str, dst: str) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    result = run(*mini, "export", "sqlite", str(tmp_path / "out.db"))
    assert result.exit_code == 1
    assert result.stderr == f"uscn: error: cannot write {tmp_path / 'out.db'}: Permission denied\n"
    assert [p.name for p in tmp_path.iterdir() if p.name != "cache"] == []


def test_the_same_data_gives_the_same_bytes(run: Run, mini: list[str], tmp_path: Path) -> None:
    for name in ("a.db", "b.db"):
        assert run(*mini, "export", "sqlite", str(tmp_path / name)).exit_code == 0
    assert (tmp_path / "a.db").read_bytes() == (tmp_path / "b.db").read_bytes()
