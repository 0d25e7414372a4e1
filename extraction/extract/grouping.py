"""Put emails, phones and names together the way the page does.

Every find is a ``Hit`` at an offset of the visible text (JSON-LD finds have no offset). An
email's block is the chain of elements around it, from the innermost outwards, that hold no other
email address, stay short, and do not cross a page-level container (list, table, main, body).
A phone and a name go with the email when they are in that block; the nearest level wins.
"""

import re
from bisect import bisect_left
from dataclasses import dataclass
from itertools import zip_longest

from . import names, roles
from .text import BLOCK_TAGS, Document

# Never climb past these: they hold many unrelated things.
BOUNDARY_TAGS = frozenset({"body", "main", "ul", "ol", "table", "tbody", "thead", "dl", "nav"})
# Where a name is usually written in a card.
NAME_TAGS = frozenset(
    {"h1", "h2", "h3", "h4", "h5", "h6", "strong", "b", "dt", "th", "figcaption", "caption", "a"}
)
MAX_BLOCK_CHARS = 600
# A street line ("Avd. Salud Gutiérrez, s/n", "Hauptstr. 12"): the line under it is a town.
_STREET_LINE_RE = re.compile(r"\d{1,5}\s*[a-zA-Z]?\s*$|\bs/n\b|^\d{4,5}\s")
# Words of 3 letters or more that do not start with a-z (most capitalised words, few others).
_CAPITALISED_RE = re.compile(r"(?<![^\W\d_])[^\W\d_a-z][^\W\d_]{2,}")
# Lines of a block read for a name or a position; lines above an address in a flat layout.
MAX_LINES = 8
MAX_ABOVE_LINES = 4
# How far from an address a name that the address spells is looked for.
MATCH_WINDOW_CHARS = 1500
# Lists that may be part of one card when short.
LIST_TAGS = frozenset({"ul", "ol", "dl"})


@dataclass
class Hit:
    kind: str  # "email" or "phone"
    value: str  # lower-case address or E.164
    found_by: str
    offset: int = -1  # -1: not in the text (JSON-LD)
    end: int = -1
    element: int = -1  # the <a> of a mailto:/tel: link, or the element holding the text
    name: str = ""  # a name the source itself gives (mailto text, JSON-LD person)
    phone: str = ""  # a phone the source itself gives (JSON-LD)
    # A mailto: link whose text shows another address: the reader sees that one there.
    label_shows_other: bool = False


class Marks:
    """Offsets of the addresses (or numbers) in the text, sorted, for "is another one in here?"."""

    def __init__(self, pairs: list[tuple[int, str]]):
        pairs = sorted(p for p in pairs if p[0] >= 0)
        self.offsets = [p[0] for p in pairs]
        self.values = [p[1] for p in pairs]

    def other_in(self, start: int, end: int, value: str, own: tuple[int, int] = (0, 0)) -> bool:
        """Is another value in [start, end), outside the own span (the hit's own link)?"""
        i = bisect_left(self.offsets, start)
        while i < len(self.offsets) and self.offsets[i] < end:
            if self.values[i] != value and not own[0] <= self.offsets[i] < own[1]:
                return True
            i += 1
        return False

    def last_other_before(self, offset: int, value: str) -> int:
        """Just after the start of the nearest other value before offset (0 if none)."""
        i = bisect_left(self.offsets, offset) - 1
        for _ in range(64):
            if i < 0:
                return 0
            if self.values[i] != value:
                return self.offsets[i] + 1
            i -= 1
        return offset


def block_chain(doc: Document, hit: Hit, others: Marks) -> list[int]:
    """The elements around hit that belong to it alone, innermost first.

    Stops below the first element that holds a different value of others (another email
    address; for a phone looking for its name, another email or phone).
    """
    if hit.element < 0:
        return []
    own = _link_span(doc, hit.element)  # a link written "<a href=mailto:a@…>b@…</a>" is one spot
    chain = []
    for el in doc.ancestors(hit.element):
        start, end = doc.starts[el], doc.ends[el]
        if end - start > MAX_BLOCK_CHARS or others.other_in(start, end, hit.value, own):
            break
        if doc.tags[el] in BOUNDARY_TAGS and not _is_short_list(doc, el):
            break
        chain.append(el)
    return chain


def lines_of(doc: Document, element: int) -> list[str]:
    """The first non-empty lines of element's text, stripped."""
    lines = (line.strip() for line in doc.span_text(element).split("\n"))
    return [line for line in lines if line][:MAX_LINES]


def _link_span(doc: Document, element: int) -> tuple[int, int]:
    """The span of the link that holds element (itself or up to two levels up), or (0, 0)."""
    for _ in range(3):
        if element < 0:
            break
        if doc.tags[element] == "a":
            return doc.starts[element], doc.ends[element]
        element = doc.parents[element]
    return 0, 0


def _is_short_list(doc: Document, element: int) -> bool:
    """A list of a few lines (a card's "role / contact" items), not a page-level container."""
    if doc.tags[element] not in LIST_TAGS:
        return False
    return sum(1 for line in doc.span_text(element).split("\n") if line.strip()) <= 4


def lines_above(
    doc: Document, hit: Hit, chain: list[int], others: Marks, most: int = MAX_ABOVE_LINES
) -> list[str]:
    """The lines just above hit, nearest first, back to the previous other address (or its
    container's start): a heading or a name written over an address in a flat layout."""
    start = _above_start(doc, hit, chain, others)
    lines = [line.strip() for line in doc.text[start : hit.offset].split("\n")]
    # the (rest of the) previous address is neither a name nor a role
    return [line for line in reversed(lines) if line and "@" not in line][:most]


def _above_start(doc: Document, hit: Hit, chain: list[int], others: Marks) -> int:
    """Where the text above hit that may be its own starts: its container's start, or just
    after the previous other address."""
    top = chain[-1] if chain else hit.element
    container = doc.parents[top] if top >= 0 else -1
    start = doc.starts[container] if container >= 0 else 0
    return max(start, hit.offset - MAX_BLOCK_CHARS, others.last_other_before(hit.offset, hit.value))


def phone_above(
    doc: Document, hit: Hit, chain: list[int], others: Marks, phones: "HitsByOffset"
) -> str:
    """A phone on the line just above hit, or on its own line before it, with no other address
    on its line or after it ("Telefon: …" / "E-Mail: …" written as sibling paragraphs)."""
    if hit.offset < 0:
        return ""
    start = _above_start(doc, hit, chain, others)
    before = doc.text[start : hit.offset]
    own_line = before.rfind("\n")
    if own_line >= 0:  # back to the start of the last non-empty line above
        start += before.rfind("\n", 0, len(before[:own_line].rstrip())) + 1
    found = phones.between(start, hit.offset)
    if not found:
        return ""
    phone = found[0]  # "Telefone: … · WhatsApp: …": the first is the main line
    block = _block_of(doc, phone.element)
    if (
        doc.ends[block] - doc.starts[block] > MAX_BLOCK_CHARS
        or "\n" in doc.span_text(block).strip()
    ):
        return ""  # the last line of an address block: the block's, not the next line's
    own_line_end = doc.text.find("\n", hit.offset)
    end = own_line_end if own_line_end >= 0 else len(doc.text)
    # "Jane — jane@… — 0123 …" / "Bob — bob@…": the phone is Jane's; a line of two addresses
    # gives the phone above to neither
    if others.other_in(doc.starts[block], end, hit.value):
        return ""
    return phone.value


def _block_of(doc: Document, element: int) -> int:
    """The innermost block element (paragraph, cell, item) around element."""
    for el in doc.ancestors(element):
        if doc.tags[el] in BLOCK_TAGS:
            return el
    return 0


class HitsByOffset:
    """Hits in the text, sorted, for "which of them lie in [start, end)?" by bisection."""

    def __init__(self, hits: list[Hit]):
        self.hits = sorted((h for h in hits if h.offset >= 0), key=lambda h: h.offset)
        self.offsets = [h.offset for h in self.hits]

    def between(self, start: int, end: int) -> list[Hit]:
        return self.hits[bisect_left(self.offsets, start) : bisect_left(self.offsets, end)]


def phone_for(
    doc: Document, chain: list[int], phones: HitsByOffset, name_index: "NameIndex"
) -> Hit | None:
    """The first phone at the nearest level of chain, unless it sits in another person's card."""
    previous = -1
    for el in chain:
        for hit in phones.between(doc.starts[el], doc.ends[el]):
            if previous >= 0 and _in_someone_elses_card(doc, el, hit, name_index):
                continue
            return hit
        previous = el
    return None


def _in_someone_elses_card(doc: Document, level: int, hit: Hit, name_index: "NameIndex") -> bool:
    """Is hit inside a child of level that is a card with its own person's name?"""
    card = hit.element
    while card >= 0 and doc.parents[card] != level:
        card = doc.parents[card]
    if card < 0:
        return False
    return bool(name_index.names_in(doc, doc.starts[card], doc.ends[card]))


def name_in(doc: Document, chain: list[int], name_index: "NameIndex", address: str = "") -> str:
    """The first person's name at the nearest level: a heading/strong/link, then a line; else
    a lone given name in a heading that the address spells ("Alberto", "…+alberto@")."""
    for el in chain:
        for ne in name_index.elements_in(doc, doc.starts[el], doc.ends[el]):
            found = names.clean_name(doc.span_text(ne).strip())
            if found:
                return found
        previous = ""
        for line in lines_of(doc, el):
            found = names.clean_name(line)
            if found and not _STREET_LINE_RE.search(previous):
                return found
            previous = line
    if address and chain:
        top = chain[-1]
        for ne in name_index.elements_in(doc, doc.starts[top], doc.ends[top]):
            found = names.given_name_spelt(doc.span_text(ne).strip(), address)
            if found:
                return found
    return ""


def name_above(doc: Document, hit: Hit, chain: list[int], others: Marks, role_card: bool) -> str:
    """A name on the lines just above hit, with no other address between.

    Only when the address is the person's (a part of the name is in it), the card shows a role,
    or a label says a person follows ("Vertreten durch:"), or the name alone is the line right
    above the address: other names above are prose. The label may sit one line beyond the lines
    read for the name."""
    lines = lines_above(doc, hit, chain, others, MAX_ABOVE_LINES + 1)
    for i, line in enumerate(lines[:MAX_ABOVE_LINES]):
        found = names.clean_name(line)
        if not found:
            continue
        labelled = i + 1 < len(lines) and roles.is_person_label(lines[i + 1])
        alone = i == 0 and found == line  # the line right above holds the name and nothing else
        if role_card or labelled or alone or names.matches_address(found, hit.value):
            return found
    return ""


def name_matching_address(
    doc: Document, hit: Hit, cache: dict[str, list[str]], window: int = MATCH_WINDOW_CHARS
) -> str:
    """The nearest name around hit that the address itself spells ("kunze_h@" → "Johannes-
    Hermann Kunze"): on impressums and lists the name often sits away from the address."""
    start = max(0, hit.offset - window)
    local = hit.value.split("@", 1)[0]
    text = doc.text[start : hit.offset + window]
    shared = _words_spelt(text, local)
    if not shared:
        return ""  # the common case: no word around is in the address at all
    before = text[: hit.offset - start].split("\n")
    after = text[hit.offset - start :].split("\n")
    nearest_first = [line for pair in zip_longest(reversed(before), after) for line in pair if line]
    for line in nearest_first:
        line = line.strip()
        if not line or len(line) > 160 or not _shares_a_word(line, shared):
            continue
        found = cache.get(line)
        if found is None:
            found = cache[line] = names.names_of(line)
        for name in found:
            if names.address_spells(name, hit.value):
                return name
    return ""


def _words_spelt(text: str, spelt: str) -> frozenset[str]:
    """The capitalised words of text (3 letters or more) that occur in spelt, lower case: the
    surname a name must share with the address is written capitalised."""
    words = (w.lower() for w in set(_CAPITALISED_RE.findall(text)) if w[0].isupper())
    return frozenset(w for w in words if w in spelt)


def _shares_a_word(line: str, words: frozenset[str]) -> bool:
    """A cheap first test: does one of words occur in line?"""
    low = line.lower()
    return any(word in low for word in words)


class NameIndex:
    """The elements a name is usually written in, in document order, with their start offsets."""

    def __init__(self, doc: Document):
        self.elements = [i for i, tag in enumerate(doc.tags) if tag in NAME_TAGS]
        self.starts = [doc.starts[i] for i in self.elements]

    def elements_in(self, doc: Document, start: int, end: int) -> list[int]:
        """The name elements wholly inside [start, end), in document order."""
        found = []
        i = bisect_left(self.starts, start)
        while i < len(self.starts) and self.starts[i] < end:
            el = self.elements[i]
            i += 1
            if doc.ends[el] <= end:
                found.append(el)
        return found

    def names_in(self, doc: Document, start: int, end: int) -> list[str]:
        found = []
        for el in self.elements_in(doc, start, end):
            name = names.clean_name(doc.span_text(el).strip())
            if name:
                found.append(name)
        return found


def card_email(doc: Document, element: int, personal: HitsByOffset) -> str:
    """The one personal email in the nearest card around element, or ''."""
    for el in doc.ancestors(element):
        start, end = doc.starts[el], doc.ends[el]
        if doc.tags[el] in BOUNDARY_TAGS or end - start > MAX_BLOCK_CHARS:
            return ""
        found = {h.value for h in personal.between(start, end)}
        if len(found) == 1:
            return found.pop()
        if found:
            return ""
    return ""
