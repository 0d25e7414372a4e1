import io

import pytest
from django.core.management import CommandError, call_command

from pages.models import Domain, Page

pytestmark = pytest.mark.django_db


def run_import(tmp_path, text, *args, name="urls.txt", invalid=0):
    """Run the command; with ``invalid`` lines expected it must fail (exit status 1) saying so."""
    path = tmp_path / name
    path.write_text(text)
    out, err = io.StringIO(), io.StringIO()
    if invalid:
        with pytest.raises(CommandError, match=f"^{invalid} invalid lines?, not imported.$") as e:
            call_command("import_pages", str(path), *args, stdout=out, stderr=err)
        assert e.value.returncode == 1
    else:
        call_command("import_pages", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_imports_urls_and_derives_lower_case_domains(tmp_path):
    out, _ = run_import(tmp_path, "https://Firm.Example.ORG/team\nhttp://other.example.net\n")
    assert out.strip() == "created 2, skipped 0, invalid 0, queued 0"
    assert set(Domain.objects.values_list("name", flat=True)) == {
        "firm.example.org",
        "other.example.net",
    }
    assert set(Page.objects.values_list("url", flat=True)) == {
        "https://firm.example.org/team",
        "http://other.example.net/",
    }


def test_pages_already_present_and_repeats_are_skipped(tmp_path):
    run_import(tmp_path, "https://a.example.org/1\n")
    out, _ = run_import(
        tmp_path, "https://a.example.org/1\nhttps://a.example.org/2\nhttps://a.example.org/2#top\n"
    )
    assert out.strip() == "created 1, skipped 2, invalid 0, queued 0"
    assert Page.objects.count() == 2


def test_invalid_lines_are_reported_and_the_rest_imported(tmp_path):
    text = "https://ok.example.org/\nftp://files.example.org/x\nnot a url\n\nhttp://\n"
    out, err = run_import(tmp_path, text, invalid=3)
    assert out.strip() == "created 1, skipped 0, invalid 3, queued 0"
    assert Page.objects.filter(url="https://ok.example.org/").exists()
    assert "line 2: scheme must be http or https" in err
    assert "line 3:" in err
    assert "line 5: no host name" in err


def test_csv_with_a_url_column(tmp_path):
    text = 'name,url\n"Firm, LLP",https://firm.example.org/people\nBroken,javascript:alert(1)\n'
    out, err = run_import(tmp_path, text, name="pages.csv", invalid=1)
    assert out.strip() == "created 1, skipped 0, invalid 1, queued 0"
    assert "line 3: scheme must be http or https" in err


def test_csv_without_a_url_column_is_an_error(tmp_path):
    with pytest.raises(CommandError, match="no 'url' column"):
        run_import(tmp_path, "name,link\nx,https://a.example.org\n")


def test_select_queues_the_imported_pages(tmp_path):
    run_import(tmp_path, "https://a.example.org/old\n")
    out, _ = run_import(
        tmp_path, "https://a.example.org/old\nhttps://a.example.org/new\n", "--select"
    )
    assert out.strip() == "created 1, skipped 1, invalid 0, queued 1"
    new = Page.objects.get(url="https://a.example.org/new")
    assert (new.page_curation_status, new.page_processing_status) == ("Selected", "Queued")
    old = Page.objects.get(url="https://a.example.org/old")
    assert old.page_processing_status is None


def test_reads_standard_input(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("https://stdin.example.org/\n"))
    out = io.StringIO()
    call_command("import_pages", "-", stdout=out)
    assert out.getvalue().strip() == "created 1, skipped 0, invalid 0, queued 0"


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="cannot read"):
        call_command("import_pages", str(tmp_path / "nope.txt"))


def test_a_6_kb_utf8_url_is_an_invalid_line_and_the_rest_is_imported(tmp_path):
    long_url = "https://long.example.org/" + "ü" * 3000
    text = f"https://ok.example.org/\n{long_url}\nhttps://faß.de/\nhttps://also.example.org/\n"

    out, err = run_import(tmp_path, text, invalid=2)

    assert out.strip() == "created 2, skipped 0, invalid 2, queued 0"
    assert "line 2: longer than 2,000 bytes once encoded (18,025 bytes)" in err
    assert "line 3: the host faß.de is a different name under IDNA 2003" in err
    assert Page.objects.count() == 2


def test_a_nul_byte_in_the_file_is_an_invalid_line(tmp_path):
    out, err = run_import(
        tmp_path, "https://ok.example.org/\nhttps://x.example.org/\x00\n", invalid=1
    )

    assert out.strip() == "created 1, skipped 0, invalid 1, queued 0"
    assert "line 2: control character U+0000 in the URL" in err
