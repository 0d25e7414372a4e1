"""A site named after its owner: "hello@norbertbanhalmi.com" is Norbert Banhalmi's address.

A sole trader's generic address belongs to the person the site is named after: the site's name
is their given name and surname run together, as the page writes them, and a label shows that
name as a person's ("Inhaber: Norbert Bánhalmi"). A firm named like a person ("Ashworth Pryce")
has no such label. Only the text around the address is read.
"""

import re

from . import names, roles
from .grouping import MATCH_WINDOW_CHARS, Hit
from .text import Document

# A given name and a surname run together are longer than this.
MIN_SITE_NAME_CHARS = 6
MAX_LABEL_CHARS = 60
# Places of a surname looked at for a label, and blank lines skipped back to one.
MAX_SURNAME_PLACES = 50
MAX_BLANK_LINES = 8


def site_owner(doc: Document, hit: Hit, window: int = MATCH_WINDOW_CHARS) -> str:
    """The person hit's domain is named after, written near hit and labelled as a person, or ''."""
    if hit.offset < 0:
        return ""
    start = max(0, hit.offset - window)
    text = doc.text[start : hit.offset + window]
    folded = names.plain(text)  # lower case, no accents, lines where they were
    lines = text.split("\n")
    for label in _labels(hit.value.rpartition("@")[2]):
        spaced = re.search(r"\s?".join(map(re.escape, label)), folded)
        if spaced is None:
            continue
        parts = spaced.group().split()
        if len(parts) < 2 or not any(_labelled(lines, folded, p) for p in (parts[0], parts[-1])):
            continue
        line = lines[folded.count("\n", 0, spaced.start())]
        for name in names.names_of(line.strip()):
            if names.domain_spells(name, hit.value):
                return name
    return ""


def _labels(domain: str) -> list[str]:
    labels = (label.replace("-", "") for label in domain.lower().split(".")[:-1])
    return [label for label in labels if len(label) >= MIN_SITE_NAME_CHARS]


def _labelled(lines: list[str], folded: str, surname: str) -> bool:
    """Is surname written after a person label ("Inhaber: …"), or on the line under one?"""
    at = folded.find(surname)
    for _ in range(MAX_SURNAME_PLACES):
        if at < 0:
            break
        index = folded.count("\n", 0, at)
        before = folded[folded.rfind("\n", 0, at) + 1 : at]
        label = lines[index].partition(":")[0]
        if ":" in before and len(label) < MAX_LABEL_CHARS and roles.is_person_label(label + ":"):
            return True
        if roles.is_person_label(_line_before(lines, index)):
            return True
        at = folded.find(surname, at + len(surname))
    return False


def _line_before(lines: list[str], index: int) -> str:
    """The last non-empty line before lines[index], stripped."""
    for line in reversed(lines[max(0, index - MAX_BLANK_LINES) : index]):
        if line.strip():
            return line.strip()
    return ""
