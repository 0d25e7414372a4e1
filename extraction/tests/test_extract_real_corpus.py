"""The real-page corpus: its breadth, its labels' form, and floors the extractor must keep.

Floors live in real_corpus_floors.json (what the extractor reached, rounded down); a change that
makes real pages worse fails here. Raise the floors when the extractor improves.
"""

import json
from collections import Counter
from pathlib import Path

import pytest

from extraction.extract import extract_contacts
from extraction.tests.real_corpus_eval import (
    RealPage,
    extractor_gives_positions,
    label_problems,
    load_real_corpus,
    score_contacts,
    score_corpus,
    score_ours,
)

PAGES = load_real_corpus()
FLOORS = json.loads((Path(__file__).resolve().parent / "real_corpus_floors.json").read_text())


def _page(**label) -> RealPage:
    source = {
        "repository": "owner/site",
        "path": "kontakt.html",
        "commit": "0123456789abcdef0123456789abcdef01234567",
        "country": "DE",
        "language": "de",
        "kind": "contact",
    }
    source.update(label.pop("source", {}))
    defaults = {"url": "https://example.org/kontakt.html", "expected": [], "notes": ""}
    defaults.update(label)
    return RealPage(name="t", html="", source=source, **defaults)


def test_real_corpus_is_broad():
    countries = Counter(p.source["country"] for p in PAGES)
    languages = Counter(p.source["language"] for p in PAGES)
    kinds = Counter(p.source["kind"] for p in PAGES)
    assert len(PAGES) >= 60
    assert len(countries) >= 15, countries
    assert len(languages) >= 8, languages
    assert kinds["people"] * 3 >= len(PAGES), kinds
    assert kinds["trap"] >= 3, kinds
    assert sum(1 for p in PAGES if not p.expected) >= 3  # pages that hold no contact at all


def test_every_label_is_well_formed():
    problems = {p.name: label_problems(p) for p in PAGES if label_problems(p)}
    assert not problems, problems


def test_every_page_has_its_label_and_provenance():
    names = {p.name for p in PAGES}
    directory = Path(__file__).resolve().parent / "real_corpus"
    labels = {path.name.removesuffix(".expected.json") for path in directory.glob("*.json")}
    assert labels == names
    assert all(len(p.html.encode("utf-8")) <= 300_000 for p in PAGES)


@pytest.mark.parametrize(
    ("label", "problem"),
    [
        ({"source": {"commit": "abc123"}}, "source.commit is not 40 hex digits"),
        ({"source": {"kind": "blog"}}, "source.kind not one of"),
        ({"source": {"country": ""}}, "source.country missing"),
        ({"url": "http://example.org/"}, "url is not https"),
        (
            {"expected": [{"email": "A@B.de", "phone": "", "name": "", "position": ""}]},
            "lower-case",
        ),
        (
            {"expected": [{"email": "", "phone": "030 1234567", "name": "", "position": ""}]},
            "E.164",
        ),
        ({"expected": [{"email": "", "phone": "", "name": "X", "position": ""}]}, "without email"),
        ({"expected": [{"email": "a@b.de", "phone": "", "name": ""}]}, "contact fields"),
    ],
)
def test_label_problems_catches_bad_labels(label, problem):
    assert any(problem in found for found in label_problems(_page(**label)))


def test_scoring_pairs_names_with_their_contact():
    expected = [
        {
            "email": "anna@club.de",
            "phone": "+49301234567",
            "name": "Anna Roth",
            "position": "Kassiererin",
        },
        {"email": "info@club.de", "phone": "", "name": "", "position": ""},
    ]
    got = [
        {"email": "anna@club.de", "phone": "", "name": "anna  roth", "position": ""},
        {"email": "info@club.de", "phone": "", "name": "Kassiererin", "position": ""},
        {"email": "", "phone": "+49301234567", "name": "Anna Roth", "position": ""},
    ]
    scores = score_contacts(expected, got, with_positions=True)
    assert (scores.emails.tp, scores.emails.fp, scores.emails.fn) == (2, 0, 0)
    assert (scores.phones.tp, scores.phones.fp, scores.phones.fn) == (1, 0, 0)
    # a role taken as a name on the office address is a false name; case and spaces don't matter
    assert (scores.names.tp, scores.names.fp, scores.names.fn) == (2, 1, 0)
    assert (scores.positions.tp, scores.positions.fp, scores.positions.fn) == (0, 0, 2)
    assert score_contacts(expected, got, with_positions=False).positions is None


def test_real_pages_stay_at_or_above_the_floors():
    total, _ = score_corpus(PAGES, score_ours)
    figures = {"emails": total.emails, "phones": total.phones, "names": total.names}
    if extractor_gives_positions():
        assert FLOORS["positions"]["precision"] is not None, "set the position floors"
        figures["positions"] = total.positions
    below = {
        f"{what} {measure}": (round(getattr(score, measure), 3), FLOORS[what][measure])
        for what, score in figures.items()
        for measure in ("precision", "recall")
        if getattr(score, measure) < FLOORS[what][measure]
    }
    assert not below, below


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_real_page_contract(page):
    contacts = extract_contacts(page.html, page.url)
    assert contacts == extract_contacts(page.html, page.url)  # deterministic
    emails = [c.email for c in contacts if c.email]
    assert len(emails) == len(set(emails))
    assert all(not c.phone or c.phone.startswith("+") for c in contacts)
