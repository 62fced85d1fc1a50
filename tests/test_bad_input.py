"""Bad input through ``kg ingest``: one clear line per bad file, exit 2, nothing stored for it, the rest kept."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from pyoxigraph import Store as OxStore

FIXTURES = Path(__file__).parent / "fixtures" / "cli"
GOOD = FIXTURES / "harbour-fire-2021.md"
UNDATED = FIXTURES / "undated-note.txt"
KG = Path(sys.executable).with_name("kg")


def kg(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """Run the installed ``kg`` console script."""
    env = {"PATH": str(KG.parent), "HOME": str(Path.home()), "LANG": "C.UTF-8"}
    return subprocess.run([str(KG), *map(str, args)], capture_output=True, text=True, env=env, timeout=300, check=False)


def _empty(folder: Path) -> Path:
    path = folder / "empty.md"
    path.write_bytes(b"  \n\n")
    return path


def _binary(folder: Path) -> Path:
    path = folder / "scan.txt"
    path.write_bytes(bytes(range(256)) * 8)
    return path


def _no_statements(folder: Path) -> Path:
    path = folder / "pictures"
    path.mkdir()
    (path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0 not a statement")
    return path


def _missing(folder: Path) -> Path:
    return folder / "no-such-statement.md"


def _bad_jsonl(folder: Path) -> Path:
    path = folder / "feed.jsonl"
    path.write_text(
        '{"text": "The council opened the new library on 2 May 2020."}\n{"text": "cut off\n', encoding="utf-8"
    )
    return path


BAD: dict[str, tuple[Callable[[Path], Path], str]] = {
    "empty file": (_empty, "empty"),
    "binary file": (_binary, "binary"),
    "folder without statements": (_no_statements, "no statements"),
    "missing path": (_missing, "no such file"),
    "malformed JSON line": (_bad_jsonl, "line 2"),
}


def stored_sources(store: Path) -> list[str]:
    """The ``source`` column of the statements query: which documents the store holds."""
    result = kg("query", "statements", "--store", store, "--format", "csv")
    assert result.returncode == 0, result.stderr
    return [row["source"] for row in csv.DictReader(io.StringIO(result.stdout))]


@pytest.mark.parametrize("kind", sorted(BAD))
def test_bad_input_gives_one_line_and_exit_2(kind: str, tmp_path: Path) -> None:
    make, problem = BAD[kind]
    bad = make(tmp_path)
    store = tmp_path / "store"
    result = kg("ingest", bad, "--store", store)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    (line,) = result.stderr.splitlines()
    assert bad.name in line and problem in line
    assert len(OxStore.read_only(str(store))) == 0


def test_a_mixed_batch_keeps_the_good_documents(tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    shutil.copy(GOOD, folder)
    bad = [make(folder) for make, _ in BAD.values() if make is not _missing]
    result = kg("ingest", folder, "--store", tmp_path / "store")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    errors = result.stderr.splitlines()
    assert len(errors) == len(bad) - 1  # the folder without statements sits inside the batch: ignored
    assert all(any(path.name in line for line in errors) for path in bad if path.is_file())
    assert [Path(source).name for source in stored_sources(tmp_path / "store")] == [GOOD.name]


def test_a_text_without_date_or_speaker_is_stored_and_flagged(tmp_path: Path) -> None:
    store = tmp_path / "store"
    result = kg("ingest", UNDATED, "--store", store)
    assert result.returncode == 0, result.stderr
    (line,) = result.stdout.splitlines()
    assert line.startswith("added") and UNDATED.name in line
    assert "no publication date" in line and "no speaker" in line
    assert [Path(source).name for source in stored_sources(store)] == [UNDATED.name]


def test_build_summary_counts_what_is_missing(tmp_path: Path) -> None:
    folder = tmp_path / "statements"
    folder.mkdir()
    shutil.copy(GOOD, folder)
    shutil.copy(UNDATED, folder)
    result = kg("build", "--statements", folder, "--store", tmp_path / "store", "--out", tmp_path / "out")
    rows = dict(line.rsplit(None, 1) for line in result.stdout.splitlines() if not line.startswith("wrote"))
    assert rows["documents"] == "2"
    assert rows["without date"] == "1" and rows["without speaker"] == "1"


def test_build_names_each_bad_file_once(tmp_path: Path) -> None:
    folder = tmp_path / "statements"
    folder.mkdir()
    shutil.copy(GOOD, folder)
    empty = _empty(folder)
    result = kg("build", "--statements", folder, "--store", tmp_path / "store", "--out", tmp_path / "out")
    assert result.returncode == 2
    assert [line for line in result.stderr.splitlines() if empty.name in line] == [f"error: {empty}: the file is empty"]
    assert "documents   1" in result.stdout and "Traceback" not in result.stderr


def test_a_flagged_text_keeps_the_build_conforming(tmp_path: Path) -> None:
    folder = tmp_path / "statements"
    folder.mkdir()
    shutil.copy(UNDATED, folder)
    result = kg("build", "--statements", folder, "--store", tmp_path / "store", "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr


def test_legacy_encoded_text_is_read_in_its_encoding(tmp_path: Path) -> None:
    # Not UTF-8, but Windows-1252 explains every byte: the documented fallback reads it correctly.
    path = tmp_path / "communique.txt"
    path.write_bytes("Le ministère a publié un communiqué sur la sécurité du barrage.".encode("cp1252"))
    store = tmp_path / "store"
    result = kg("ingest", path, "--store", store)
    assert result.returncode == 0, result.stderr
    titles = kg("query", "statements", "--store", store, "--format", "csv").stdout
    assert "Le ministère a publié un communiqué" in titles


def test_bytes_no_encoding_explains_are_rejected(tmp_path: Path) -> None:
    # Invalid UTF-8 whose only decoding is C1 control characters (latin-1's 0x80-0x9F): not a text.
    path = tmp_path / "garbled.txt"
    path.write_bytes(b"Report " + bytes(range(0x80, 0xA0)) * 4 + b" ends here.")
    result = kg("ingest", path, "--store", tmp_path / "store")
    assert result.returncode == 2
    (line,) = result.stderr.splitlines()
    assert path.name in line and "Traceback" not in result.stderr


def test_a_statement_without_speaker_is_one_row_with_no_speaker(tmp_path: Path) -> None:
    store = tmp_path / "store"
    assert kg("ingest", GOOD, UNDATED, "--store", store).returncode == 0
    rows = list(csv.DictReader(io.StringIO(kg("query", "statements", "--store", store, "--format", "csv").stdout)))
    assert len(rows) == 2
    undated = next(row for row in rows if row["source"].endswith(UNDATED.name))
    assert undated["speaker"] == undated["speakerName"] == undated["role"] == undated["organization"] == ""


def test_impossible_front_matter_date_is_rejected_with_one_line(tmp_path: Path) -> None:
    path = tmp_path / "leap.md"
    path.write_text("---\ndate: 2023-02-29\n---\nThe council said that the bridge had closed.\n", encoding="utf-8")
    result = kg("ingest", path, "--store", tmp_path / "store")
    assert result.returncode == 2
    (line,) = result.stderr.splitlines()
    assert path.name in line and "impossible date '2023-02-29'" in line
    assert "Traceback" not in result.stderr
