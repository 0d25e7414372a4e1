"""The labelled corpus: precision and recall bars for emails and phones, names, determinism."""

import pytest

from extraction.extract import extract_contacts
from extraction.tests.corpus_eval import Score, expected_sets, load_corpus, name_hits, ours

PAGES = load_corpus()


def test_corpus_is_big_enough():
    assert len(PAGES) >= 40
    assert sum(1 for p in PAGES if not p.expected) >= 2  # pages that hold only traps


def test_precision_and_recall_over_the_corpus():
    emails, phones = Score(), Score()
    names_ok = names_total = 0
    for page in PAGES:
        exp_e, exp_p = expected_sets(page)
        got_e, got_p, names = ours(page)
        emails.add(got_e, exp_e)
        phones.add(got_p, exp_p)
        ok, total = name_hits(page, names)
        names_ok, names_total = names_ok + ok, names_total + total
    report = f"emails {emails} phones {phones}"
    assert emails.precision >= 0.98, report
    assert emails.recall >= 0.98, report
    assert phones.precision >= 0.95, report
    assert phones.recall >= 0.95, report
    assert names_ok / names_total >= 0.9, f"names {names_ok}/{names_total}"


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_page_contract(page):
    contacts = extract_contacts(page.html, page.url)
    assert contacts == extract_contacts(page.html, page.url)  # deterministic
    assert contacts == sorted(contacts, key=lambda c: c.sort_key)
    emails = [c.email for c in contacts if c.email]
    assert len(emails) == len(set(emails))
    lone = [c.phone for c in contacts if not c.email]
    assert len(lone) == len(set(lone))
    assert not set(lone) & {c.phone for c in contacts if c.email}
    for c in contacts:
        assert c.email == c.email.lower()
        assert not c.phone or c.phone.startswith("+")
        assert c.email_type in (("personal", "generic") if c.email else ("",))
        assert c.found_by in ("mailto", "text", "obfuscated", "cfemail", "jsonld", "tel")
