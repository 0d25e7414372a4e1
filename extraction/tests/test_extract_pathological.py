"""Pages built to stall a worker end quickly and still give the real contact hidden among them.

Each page used to take from seconds to hours (``bench/pathological_pages.py`` measures them);
the bound here is generous, only there to prove the work is no longer exponential or quadratic.
"""

import time

import pytest

from extraction.extract import extract_contacts_strict
from extraction.extract.emails import find_obfuscated
from extraction.extract.nesting import MAX_DEPTH, cap_nesting

CONTACT = "<p>Write to jane.roe@firm.com</p>"
BOUND_SECONDS = 2.0

PAGES = {
    "word dot repeated (was 3^n)": "x dot " * 24,
    "word dot repeated, long": "x dot " * 2000 + CONTACT,
    "dot in mixed case": "x DOT Dot dOt " * 700 + CONTACT,
    "bracketed dot repeated (was quadratic)": "x (dot) " * 5000 + CONTACT,
    "bracketed at repeated": "x [at] " * 5000 + CONTACT,
    "word at repeated": "x at " * 5000 + CONTACT,
    "word at and dot chains": "x dot x at " * 3000 + CONTACT,
    "dotted local part": "a." * 20_000 + "@" + CONTACT,
    "at signs": "a@" * 50_000 + CONTACT,
    "nested divs (was minutes)": "<div>" * 160_000 + CONTACT,
    "nested divs, closed": "<div>" * 160_000 + CONTACT + "</div>" * 160_000,
    "nested divs, stray end tags": "<div></span>" * 80_000 + CONTACT,
    "nested blocks of several kinds": "<section><ul><blockquote>" * 40_000 + CONTACT,
    "digits and dashes": "1-" * 100_000 + CONTACT,
    "one long word": "a" * 1_000_000 + " " + CONTACT,
    "one address repeated": "<p>" + "jane.roe@firm.com " * 20_000 + "</p>",
    "one profile link repeated": '<a href="https://x.com/firmco">x</a>' * 20_000 + CONTACT,
}


@pytest.mark.parametrize("html", PAGES.values(), ids=PAGES.keys())
def test_pathological_page_ends_quickly(html):
    start = time.perf_counter()
    found = extract_contacts_strict(html, "https://firm.com/")
    assert time.perf_counter() - start < BOUND_SECONDS
    if "jane.roe@firm.com" in html:
        assert [c.email for c in found] == ["jane.roe@firm.com"]
    else:
        assert found == []


def test_many_cards_with_phones_group_in_linear_time():
    html = "".join(f"<p>person{i}@firm.com +1 202 555 {i:04d}</p>" for i in range(4000))
    start = time.perf_counter()
    found = extract_contacts_strict(html, "https://firm.com/")
    assert time.perf_counter() - start < 10 * BOUND_SECONDS  # was quadratic: phones per email
    assert len(found) == 4000
    by_email = {c.email: c.phone for c in found}
    assert by_email["person17@firm.com"] == "+12025550017"


def test_obfuscated_address_among_repeated_dots_is_found():
    text = "x dot " * 500 + "Contact: jane dot roe at firm dot com " + "y (dot) " * 500
    assert [a for a, _ in find_obfuscated(text)] == ["jane.roe@firm.com"]


def test_obfuscated_local_part_longer_than_the_window_is_refused():
    assert find_obfuscated("x dot " * 200 + "x at firm dot com") == []


def test_nesting_is_capped_at_the_browsers_depth():
    html = "<div>" * 5000 + "deep" + "</div>" * 5000
    capped = cap_nesting(html)
    assert capped.count("<div>") == MAX_DEPTH
    assert capped.count("</div>") == MAX_DEPTH
    assert "deep" in capped


def test_nesting_of_an_ordinary_page_is_untouched():
    page = "<ul>" + "<li><p>item<br><img src=x>" * 3000 + "</ul>"
    assert cap_nesting(page) == page
    small = "<div>" * 1000
    assert cap_nesting(small) == small  # too few tags to cost anything


def test_nesting_skips_tags_inside_scripts():
    script = "<script>var s = '" + "<div>" * 6000 + "';</script>"
    html = "<div>" + script + "<p>after</p></div>"
    assert cap_nesting(html) == html


BIG_PAGES = {
    "a table by column, 3000 columns wide": "<table><tr>"
    + "".join(f"<td>Anna Weber{i}</td>" for i in range(3000))
    + "</tr><tr>"
    + "".join(f"<td>p{i}@firm.com</td>" for i in range(3000))
    + "</tr></table>",
    "generic addresses at a site named after a person": "".join(
        f"<p>Norbert Banhalmi</p><p>hello@n{i}.norbertbanhalmi.com</p>" for i in range(1000)
    ),
    "named phones beside addresses that spell no one": "".join(
        f"<p>Anna Weber{chr(65 + i % 26)}{chr(65 + i // 26)} +1 202 555 {i:04d}</p>"
        for i in range(50)
    )
    + "<div>"
    + " ".join(f"zz{i}@firm.com" for i in range(3000))
    + "</div>",
    "phones and addresses on alternate lines of one block": "<body>"
    + "".join(f"Tel +1 202 555 {i % 9000 + 1000:04d}<br>\nx{i}@firm.com<br>\n" for i in range(3000))
    + "</body>",
    "cards under one section heading": "<h1>Board</h1><div>"
    + "".join(f"<div><h3>Name Person</h3><p>x{i}@firm.com</p></div>" for i in range(3000))
    + "</div>",
}


@pytest.mark.parametrize("html", BIG_PAGES.values(), ids=BIG_PAGES.keys())
def test_reading_names_and_roles_around_many_addresses_takes_linear_time(html):
    start = time.perf_counter()
    found = extract_contacts_strict(html, "https://norbertbanhalmi.com/")
    # per address, no work that grows with the page
    assert time.perf_counter() - start < 5 * BOUND_SECONDS
    assert len(found) >= 1000
