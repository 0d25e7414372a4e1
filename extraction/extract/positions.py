"""Positions: the role or title a page shows with a contact's person.

Read from the contact's block (see ``grouping``), nearest level first, or from the lines just
above the address, or beside the person's name where the name was found away from the address.
"""

from bisect import bisect_left

from . import names, roles
from .grouping import MATCH_WINDOW_CHARS, Hit, Marks, lines_above, lines_of
from .text import Document

LEVEL_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")
HEADING_TAGS = frozenset({*LEVEL_TAGS, "strong", "b", "dt", "th"})
# Headings looked back over for the section a card is in.
MAX_HEADINGS_BACK = 64


class Sections:
    """The page's h1-h6 headings in page order: which section heading is a card under?"""

    def __init__(self, doc: Document, candidates: list[int]):
        """candidates: elements in page order that include every h1-h6 (the name elements)."""
        self.doc = doc
        self.candidates = candidates
        self.elements: list[int] = []
        self.starts: list[int] = []
        self._indexed = False  # indexed on first use: most pages never ask

    def _index(self) -> None:
        doc = self.doc
        self.elements = [i for i in self.candidates if doc.tags[i] in LEVEL_TAGS]
        self.starts = [doc.starts[i] for i in self.elements]
        self._indexed = True

    def role_over(self, card: int) -> str:
        """The role a section heading above card states ("Ph.D. Student" over the students'
        cards), when the card has a heading of its own (the person's name) of a lower rank."""
        doc = self.doc
        level = _own_heading_level(doc, card)
        if level > len(LEVEL_TAGS):
            return ""
        if not self._indexed:
            self._index()
        around = set(doc.ancestors(card))
        i = bisect_left(self.starts, doc.starts[card]) - 1
        for _ in range(MAX_HEADINGS_BACK):
            if i < 0:
                return ""
            el = self.elements[i]
            i -= 1
            # a heading of the box the card is in, not of a card beside it
            if doc.parents[el] in around and LEVEL_TAGS.index(doc.tags[el]) + 1 < level:
                return roles.position_of(doc.span_text(el).strip())
        return ""


def _own_heading_level(doc: Document, card: int) -> int:
    """The rank (1-6) of the highest h1-h6 in card, or 7 when it has none."""
    end, level = doc.ends[card], len(LEVEL_TAGS) + 1
    for el in range(card + 1, len(doc.tags)):
        if doc.starts[el] >= end:
            break
        if doc.tags[el] in LEVEL_TAGS:
            level = min(level, LEVEL_TAGS.index(doc.tags[el]) + 1)
    return level


def position_in(
    doc: Document, hit: Hit, chain: list[int], others: Marks, sections: Sections | None = None
) -> str:
    """The role the page shows with hit's person: a line of its block, nearest level first.

    The text of hit's own link is its label ("E-Mail: Seneschal"), not a position. When the
    block holds none, the lines just above hit in the next element out count too: a role heading
    over two addresses ("President / qms-president@… / hj390@…") belongs to both.
    """
    for el in chain:
        if el == hit.element and doc.tags[el] == "a":
            continue
        found = _position_in_lines(lines_of(doc, el))
        if found:
            return found
    if chain and _has_heading(doc, chain[-1], hit.element):
        # a card with its own heading: what is above it is another card's, but a section
        # heading over the cards is all of theirs
        return sections.role_over(chain[-1]) if sections is not None else ""
    above = lines_above(doc, hit, chain, others)  # back to the previous address only
    if not above and _follows_another_in_its_box(doc, hit, chain, others):
        above = lines_above(doc, hit, chain, Marks([]))[:1]  # a role heading over the addresses
    return _position_in_lines(above)


def _follows_another_in_its_box(doc: Document, hit: Hit, chain: list[int], others: Marks) -> bool:
    top = chain[-1] if chain else hit.element
    box = doc.parents[top] if top >= 0 else -1
    return box >= 0 and others.other_in(doc.starts[box], hit.offset, hit.value)


def position_by_name(doc: Document, hit: Hit, name: str, window: int = MATCH_WINDOW_CHARS) -> str:
    """The role written beside name near hit: on the name's line ("Steve Sander 1.Vorsitzender")
    or as the label right above it ("1. Vorsitzender:" / "Heiko Paasche")."""
    start = max(0, hit.offset - window)
    text = doc.text[start : hit.offset + window]
    at = text.find(name)
    if at < 0:
        return ""
    lines = text[:at].split("\n")
    after = text[at + len(name) :].split("\n", 1)[0]
    for beside in (after, lines[-1]):  # "Steve Sander 1.Vorsitzender", "Kassier: Ruben Stauffer"
        found = roles.position_of(beside.strip(" :,-\u2013"))
        if found:
            return found
    above = [line.strip() for line in lines[:-1] if line.strip()]
    if above and above[-1].endswith(":") and len(above[-1].split()) <= 3:  # a label, not prose
        return roles.position_of(above[-1])
    return ""


def _has_heading(doc: Document, card: int, link: int) -> bool:
    """Does card hold a heading-like element with text (h1-h6, strong, b, dt, th), not link?"""
    end = doc.ends[card]
    for el in range(card + 1, len(doc.tags)):  # descendants come right after, in page order
        if doc.starts[el] >= end:
            return False
        if doc.tags[el] in HEADING_TAGS and doc.ends[el] > doc.starts[el] and el != link:
            return True
    return False


def position_in_elements(doc: Document, elements: list[int]) -> str:
    """The first role a line of elements states (the cells of a person's table column)."""
    for el in elements:
        found = _position_in_lines(lines_of(doc, el))
        if found:
            return found
    return ""


def _position_in_lines(lines: list[str]) -> str:
    for line in lines:
        line = line.strip()
        if not line or not (roles.has_role_word(line) or roles.has_position_label(line)):
            continue
        if names.clean_name(line):  # "Dr. Jane Doe, Partner": the parts beside the name
            parts = [p for p in names.parts_of(line) if not names.clean_name(p)]
        else:
            parts = [line]
        for part in parts:
            found = roles.position_of(part)
            if found:
                return found
    return ""
