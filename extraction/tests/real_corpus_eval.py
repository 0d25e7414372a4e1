"""The real-page corpus and how extraction is scored on it (used by its test and the report).

Each ``real_corpus/NAME.html`` is a public page kept byte for byte from a public repository; its
``NAME.expected.json`` holds where it came from and what a person reading it writes down::

    {"source": {"repository", "path", "commit", "country", "language", "kind"},
     "url": "...", "contacts": [{"email", "phone", "name", "position"}], "notes": "..."}

Labels were written by hand before any extractor ran on the page. Emails and phones are scored as
sets; names and positions as sets of (email, value) and (phone, value) pairs, so a name given to
the wrong contact, or to a contact the page pairs with nobody, counts against precision, and a
right name on a phone-only find still counts.
"""

import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from extraction.extract import extract_contacts
from extraction.tests.corpus_eval import Page, Score, seed

REAL_CORPUS_DIR = Path(__file__).resolve().parent / "real_corpus"
KINDS = ("people", "contact", "imprint", "homepage", "trap")
SOURCE_FIELDS = ("repository", "path", "commit", "country", "language", "kind")
CONTACT_FIELDS = ("email", "phone", "name", "position")
_COMMIT_RE = re.compile(r"[0-9a-f]{40}")


@dataclass
class RealPage(Page):
    source: dict
    notes: str


@dataclass
class PageScores:
    """One extractor's scores on one page (or summed over many)."""

    emails: Score
    phones: Score
    names: Score | None  # None: the extractor attaches no names (the seed)
    positions: Score | None  # None: the extractor gives no positions

    @classmethod
    def empty(cls, with_names: bool = True, with_positions: bool = False) -> "PageScores":
        return cls(
            Score(), Score(), Score() if with_names else None, Score() if with_positions else None
        )

    def merge(self, other: "PageScores") -> None:
        self.emails.merge(other.emails)
        self.phones.merge(other.phones)
        for mine, theirs in ((self.names, other.names), (self.positions, other.positions)):
            if mine is not None and theirs is not None:
                mine.merge(theirs)


def load_real_corpus(directory: Path = REAL_CORPUS_DIR) -> list[RealPage]:
    pages = []
    for path in sorted(directory.glob("*.html")):
        label = json.loads(path.with_name(path.stem + ".expected.json").read_text("utf-8"))
        pages.append(
            RealPage(
                name=path.stem,
                html=path.read_text(encoding="utf-8"),
                url=label["url"],
                expected=label["contacts"],
                source=label["source"],
                notes=label.get("notes", ""),
            )
        )
    return pages


def label_problems(page: RealPage) -> list[str]:
    """What is wrong with a page's label file (empty when it is well formed)."""
    problems = [f"source.{f} missing" for f in SOURCE_FIELDS if not page.source.get(f)]
    if not _COMMIT_RE.fullmatch(page.source.get("commit", "")):
        problems.append("source.commit is not 40 hex digits")
    if page.source.get("kind") not in KINDS:
        problems.append(f"source.kind not one of {KINDS}")
    if not page.url.startswith("https://"):
        problems.append("url is not https")
    for contact in page.expected:
        if set(contact) != set(CONTACT_FIELDS):
            problems.append(f"contact fields {sorted(contact)}")
            continue
        if not (contact["email"] or contact["phone"]):
            problems.append(f"contact without email or phone: {contact}")
        if contact["email"] != contact["email"].lower() or (
            contact["email"] and contact["email"].count("@") != 1
        ):
            problems.append(f"email not a lower-case address: {contact['email']}")
        if contact["phone"] and not re.fullmatch(r"\+[1-9]\d{6,14}", contact["phone"]):
            problems.append(f"phone not E.164: {contact['phone']}")
    return problems


def normalized(value: str) -> str:
    """Names and roles compare without case, accents kept, whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFC", value).casefold().split())


def _values(contacts: list[dict], field: str) -> set[str]:
    return {c[field] for c in contacts if c[field]}


def _pairs(contacts: list[dict], field: str) -> set[tuple[str, str]]:
    """(email, value) and (phone, value) for each contact that carries the field."""
    return {
        (key, normalized(c[field]))
        for c in contacts
        if c.get(field)
        for key in (c["email"], c["phone"])
        if key
    }


def extractor_gives_positions() -> bool:
    """Whether extract_contacts returns a ``position`` (another change adds it)."""
    from extraction.extract import ExtractedContact

    return "position" in getattr(ExtractedContact, "__dataclass_fields__", {})


def our_contacts(page: Page) -> list[dict]:
    """Our extractor's contacts on the page, as label-shaped dicts."""
    found = extract_contacts(page.html, page.url)
    return [
        {
            "email": c.email,
            "phone": c.phone,
            "name": c.name,
            "position": getattr(c, "position", ""),
        }
        for c in found
    ]


def score_contacts(expected: list[dict], got: list[dict], with_positions: bool) -> PageScores:
    scores = PageScores.empty(with_positions=with_positions)
    scores.emails.add(_values(got, "email"), _values(expected, "email"))
    scores.phones.add(_values(got, "phone"), _values(expected, "phone"))
    scores.names.add(_pairs(got, "name"), _pairs(expected, "name"))
    if scores.positions is not None:
        scores.positions.add(_pairs(got, "position"), _pairs(expected, "position"))
    return scores


def score_ours(page: Page, with_positions: bool | None = None) -> PageScores:
    if with_positions is None:
        with_positions = extractor_gives_positions()
    return score_contacts(page.expected, our_contacts(page), with_positions)


def score_seed(page: Page) -> PageScores:
    """The seed's regexes: emails and phones only (it never attached names)."""
    emails, phones = seed(page)
    scores = PageScores.empty(with_names=False)
    scores.emails.add(emails, _values(page.expected, "email"))
    scores.phones.add(phones, _values(page.expected, "phone"))
    return scores


def score_corpus(pages: list[Page], scorer) -> tuple[PageScores, list[tuple[str, PageScores]]]:
    """Totals and per-page scores of ``scorer`` (score_ours or score_seed) over the pages."""
    per_page = [(page.name, scorer(page)) for page in pages]
    first = per_page[0][1] if per_page else PageScores.empty()
    total = PageScores.empty(first.names is not None, first.positions is not None)
    for _, scores in per_page:
        total.merge(scores)
    return total, per_page
