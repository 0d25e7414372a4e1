"""The word lists in extraction/data/: each says what it is, and each is read the same way."""

import pytest

from extraction.extract.data import DATA_DIR, word_list

LISTS = sorted(path.stem for path in DATA_DIR.glob("*.txt"))


@pytest.mark.parametrize("name", LISTS)
def test_each_list_opens_with_a_comment_header_and_holds_entries(name):
    lines = (DATA_DIR / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# ")
    entries = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    assert entries
    assert len(entries) == len(set(entries)), "duplicate entries"
    assert word_list(name) == frozenset(e.lower() for e in entries)


def test_comments_and_blank_lines_are_not_entries(tmp_path, monkeypatch):
    (tmp_path / "sample.txt").write_text("# what this is\n\nAlpha\n  # indented comment\nbeta  \n")
    monkeypatch.setattr("extraction.extract.data.DATA_DIR", tmp_path)
    word_list.cache_clear()
    try:
        assert word_list("sample") == {"alpha", "beta"}
    finally:
        word_list.cache_clear()


def test_a_missing_list_is_an_error():
    with pytest.raises(FileNotFoundError):
        word_list("no_such_list")
