from pathlib import Path

import pytest

from kg.errors import InputError
from kg.read import iter_paths, read_path
from kg.read.decode import decode

FIXTURES = Path(__file__).parent / "fixtures"


def test_markdown_front_matter_becomes_meta_and_markup_is_stripped():
    (doc,) = read_path(FIXTURES / "front-matter.md")
    assert doc.meta["url"] == "https://example.org/statements/river-valley"
    assert doc.meta["date"] == "2021-06-03"
    assert doc.meta["publisher"] == "Example Wire"
    assert doc.text.startswith("Graves found in the river valley\n\nThe 3rd site was opened on Monday")
    assert "office said" in doc.text and "https" not in doc.text
    assert doc.source == "https://example.org/statements/river-valley"


def test_markdown_title_anchor_points_into_the_cleaned_text():
    (doc,) = read_path(FIXTURES / "front-matter.md")
    assert doc.title == "Statement on the river valley graves"
    assert doc.title_anchor is not None
    assert doc.text[doc.title_anchor.start : doc.title_anchor.end] == "Graves found in the river valley"


def test_empty_file_is_refused():
    with pytest.raises(InputError, match="the file is empty"):
        read_path(FIXTURES / "empty.md")


def test_binary_file_is_refused():
    with pytest.raises(InputError, match="binary, not text"):
        read_path(FIXTURES / "binary.txt")


def test_control_bytes_without_a_nul_mark_a_binary_file():
    text = b"A statement of the ombudsman. " * 30
    # more than one control byte in a hundred: binary; one stray escape or bell in a text is not
    with pytest.raises(InputError, match="binary, not text"):
        decode(text + b"\x1b\x07" * 10, "a.txt")
    assert decode(text + b"\x1b", "a.txt").startswith("A statement")


def test_missing_file_is_refused():
    with pytest.raises(InputError, match="no such file or directory"):
        read_path(FIXTURES / "nowhere.md")


def test_file_over_the_size_limit_is_refused():
    with pytest.raises(InputError, match=r"file too large \(0\.0 MB > "):
        read_path(FIXTURES / "latin1.txt", max_bytes=10)


def test_malformed_front_matter_is_named():
    with pytest.raises(InputError, match="malformed front matter"):
        read_path(FIXTURES / "bad-front-matter.md")


def test_cp1251_russian_is_decoded():
    (doc,) = read_path(FIXTURES / "cp1251.txt")
    assert doc.title == "Заявление комиссии"
    assert "массовое захоронение" in doc.text


def test_latin1_is_decoded():
    (doc,) = read_path(FIXTURES / "latin1.txt")
    assert "médiateur a déclaré" in doc.text and "église" in doc.text


def test_html_keeps_headline_byline_and_paragraphs_but_not_menus():
    (doc,) = read_path(FIXTURES / "page.html")
    assert doc.title == "Graves found near the river"
    assert doc.text.split("\n\n")[:2] == ["Graves found near the river", "By Jane Roe"]
    assert "RIVERTOWN, June 3 – The regional office said" in doc.text
    for noise in ("Home", "Sections", "Copyright", "tracking", "color"):
        assert noise not in doc.text
    assert doc.meta == {
        "publisher": "Example Daily",
        "author": "Jane Roe",
        "date": "2021-06-03",  # the time of day is dropped: a statement is dated by its day
        "language": "en",
    }


def test_jsonl_gives_one_document_per_line():
    first, second = read_path(FIXTURES / "two.jsonl")
    assert (first.url, first.title, first.meta["date"]) == ("https://example.org/1", "First", "2020-01-02")
    assert second.text == "Second text." and second.path.endswith("two.jsonl:3")


def test_jsonl_bad_line_names_its_number():
    with pytest.raises(InputError, match="invalid JSON on line 2"):
        read_path(FIXTURES / "bad.jsonl")


def test_json_list_gives_documents():
    first, second = read_path(FIXTURES / "list.json")
    assert first.meta["publisher"] == "Example Wire" and second.text == "Two."


def test_folders_expand_to_supported_files_sorted():
    paths = list(iter_paths([FIXTURES / "folder"]))
    assert [p.relative_to(FIXTURES).as_posix() for p in paths] == ["folder/b.txt", "folder/sub/a.md"]


def test_folder_without_statements_is_refused():
    with pytest.raises(InputError, match="no statements found in folder"):
        list(iter_paths([FIXTURES / "empty-folder"]))


def test_front_matter_error_names_the_line_of_the_mistake(tmp_path: Path) -> None:
    # libyaml places an unclosed list's error after the last line; the message points at the list itself.
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: A statement\ntags: [grave, Mosul\n---\nBody text.\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"invalid YAML at line 3\)"):
        read_path(path)


def test_front_matter_values_stay_strings(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("---\ndate: 2024-02-23\nurl: https://x.org/a\nid: 0012\n---\nThe Ombudsman said.\n", "utf-8")
    (doc,) = read_path(path)
    assert doc.meta["date"] == "2024-02-23" and doc.meta["url"] == "https://x.org/a"
