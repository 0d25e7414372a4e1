"""Bad input never raises; it gives what can be read, or []."""

import os
import time

import pytest

from extraction.extract import extract_contacts, extract_contacts_strict

ODD = [
    "",
    "   ",
    "\x00\x01\x02",
    "<",
    "<<<>>>",
    "<html><body><p>unclosed <div><span><a href='mailto:",
    "<a href='tel:'>x</a><a href='tel:abc'>y</a><a href='mailto:'>z</a>",
    '<span data-cfemail="zz">x</span><span data-cfemail="">y</span>',
    '<script type="application/ld+json">' + "[" * 10_000 + "</script>",
]


@pytest.mark.parametrize("html", ODD)
def test_odd_strings_give_nothing_and_raise_nothing(html):
    assert extract_contacts_strict(html, "https://firm.com") == []


@pytest.mark.parametrize(
    ("html", "email"),
    [
        ("\ud800 lone surrogate jane@firm.com", "jane@firm.com"),
        ("<div>" * 50_000 + "deep@firm.com" + "</div>" * 10, "deep@firm.com"),
    ],
)
def test_odd_strings_still_give_the_address_they_hold(html, email):
    strict = extract_contacts_strict(html, "https://firm.com")
    assert [c.email for c in strict] == [email]
    assert extract_contacts(html, "https://firm.com") == strict


def test_binary_garbage_gives_what_its_text_gives():
    blob = os.urandom(200_000)
    as_text = extract_contacts_strict(blob.decode("utf-8", "replace"), "https://firm.com")
    assert extract_contacts(blob, "https://firm.com") == as_text
    assert all("@" in c.email or c.phone for c in as_text)


def test_wrong_encodings():
    page = "<p>Müller &amp; Søn — kontakt: jörg.müller@firma.de, info@firma.de, Tel 030 1234567</p>"
    mojibake = page.encode("utf-8").decode("latin-1")
    found = extract_contacts_strict(mojibake, "https://firma.de")
    assert "info@firma.de" in {c.email for c in found}
    utf16 = page.encode("utf-16").decode("latin-1")
    assert {c.email for c in extract_contacts_strict(utf16, "https://firma.de")} == {
        "info@firma.de"
    }


def test_twenty_megabytes():
    chunk = "<div class='row'><p>Item 2025550123 costs $12.99 on 2024-01-15</p></div>\n"
    html = "<html><body><p>top@firm.com</p>" + chunk * (20_000_000 // len(chunk) + 1) + "</body>"
    assert len(html) >= 20_000_000
    start = time.perf_counter()
    found = extract_contacts_strict(html, "https://firm.com")
    assert time.perf_counter() - start < 30
    assert [c.email for c in found] == ["top@firm.com"]


def test_none_and_wrong_types():
    assert extract_contacts(None, None) == []  # type: ignore[arg-type]
    assert extract_contacts(b"<p>jane.roe@firm.com</p>", "")[0].email == "jane.roe@firm.com"
