"""The labelled corpus and how extraction is scored on it (used by the test and the report).

Each ``corpus/NAME.html`` has ``corpus/NAME.expected.json`` beside it: the list of
``{"email", "phone", "name"}`` a person reading the page would write down. The page's URL (which
sets the phone region) is its ``<link rel="canonical">``.
"""

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import phonenumbers

from extraction.extract import extract_contacts, region_for_url

CORPUS_DIR = Path(__file__).resolve().parent / "corpus"
_CANONICAL_RE = re.compile(r'<link[^>]+rel="canonical"[^>]+href="([^"]+)"', re.IGNORECASE)

# The original system's two regexes, run over the raw HTML.
SEED_EMAIL_RE = re.compile(r"[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\.[a-zA-Z]{2,}")
SEED_PHONE_RE = re.compile(r"\+?1?\s*\(?[0-9]{3}\)?[-.\s]?[0-9]{3}[-.\s]?[0-9]{4}")


@dataclass
class Page:
    name: str
    html: str
    url: str
    expected: list[dict]


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    false_pos: list[str] = field(default_factory=list)
    false_neg: list[str] = field(default_factory=list)

    def add(self, found: set[str], expected: set[str]) -> None:
        self.tp += len(found & expected)
        self.fp += len(found - expected)
        self.fn += len(expected - found)
        self.false_pos += sorted(found - expected)
        self.false_neg += sorted(expected - found)

    def merge(self, other: "Score") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.false_pos += other.false_pos
        self.false_neg += other.false_neg

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def load_corpus() -> list[Page]:
    pages = []
    for path in sorted(CORPUS_DIR.glob("*.html")):
        html = path.read_text(encoding="utf-8")
        match = _CANONICAL_RE.search(html)
        expected = json.loads(path.with_name(path.stem + ".expected.json").read_text("utf-8"))
        pages.append(Page(path.stem, html, match.group(1) if match else "", expected))
    return pages


def expected_sets(page: Page) -> tuple[set[str], set[str]]:
    emails = {c["email"] for c in page.expected if c["email"]}
    phones = {c["phone"] for c in page.expected if c["phone"]}
    return emails, phones


def ours(page: Page) -> tuple[set[str], set[str], dict[str, str]]:
    contacts = extract_contacts(page.html, page.url)
    emails = {c.email for c in contacts if c.email}
    phones = {c.phone for c in contacts if c.phone}
    names = {c.email: c.name for c in contacts if c.email}
    return emails, phones, names


def seed(page: Page) -> tuple[set[str], set[str]]:
    """What the seed would have stored: its regex matches, phones normalized where they parse."""
    emails = {m.lower() for m in SEED_EMAIL_RE.findall(page.html)}
    region = region_for_url(page.url)
    phones = set()
    for raw in SEED_PHONE_RE.findall(page.html):
        try:
            number = phonenumbers.parse(raw.strip(), region)
            phones.add(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))
        except phonenumbers.NumberParseException:
            phones.add("raw:" + re.sub(r"\D", "", raw))
    return emails, phones


def name_hits(page: Page, names: dict[str, str]) -> tuple[int, int]:
    """(correct, total) names over the expected email contacts."""
    expected = [c for c in page.expected if c["email"]]
    correct = sum(1 for c in expected if names.get(c["email"]) == c["name"])
    return correct, len(expected)
