"""Put the finds of a page together: one record per email, one per lone phone, the profiles.

Each email's record takes the phone, the name and the position from the email's block (see
``grouping``); a name the source gives itself (a JSON-LD person, the text of a mailto: link)
outranks one read from the block.
"""

from collections import Counter
from dataclasses import dataclass, field
from enum import IntEnum

from . import emails, names
from .columns import Columns
from .contact import ExtractedContact, ExtractedProfile, PageExtraction
from .grouping import (
    MATCH_WINDOW_CHARS,
    Hit,
    HitsByOffset,
    Marks,
    NameIndex,
    block_chain,
    card_email,
    name_above,
    name_in,
    name_matching_address,
    phone_above,
    phone_for,
)
from .owners import site_owner
from .positions import Sections, position_by_name, position_in, position_in_elements
from .text import Document

# When one address is found several ways, report the most telling one.
EMAIL_SOURCE_ORDER = ("cfemail", "obfuscated", "mailto", "text", "jsonld")
PHONE_SOURCE_ORDER = ("tel", "text", "jsonld")
# How far from a page's only address a name that the address spells is looked for.
LONE_ADDRESS_WINDOW_CHARS = 4000
# Addresses without a name times named lone phones tried against each other, at most.
MAX_JOIN_PAIRS = 2500
# Finds of one address (or number) read for its phone, name and position.
MAX_HITS_READ = 8


class NameSource(IntEnum):
    """Where a record's name comes from, the most trusted first."""

    JSONLD_PERSON = 0
    LINK_TEXT = 1
    BLOCK = 2
    ABOVE = 3
    SPELT_BY_ADDRESS = 4
    SPELT_BY_DOMAIN = 5
    NONE = 9


@dataclass(frozen=True)
class ProfileLink:
    network: str
    url: str
    handle: str
    offset: int = -1
    element: int = -1


@dataclass
class Record:
    """What is known so far of one contact."""

    email_type: str = ""
    phone: str = ""
    name: str = ""
    name_source: NameSource = NameSource.NONE
    position: str = ""
    found: set[str] = field(default_factory=set)
    hits: int = 0
    first_hit: Hit | None = None  # the first find placed in the text

    def offer_name(self, name: str, source: NameSource) -> None:
        if name and source < self.name_source:
            self.name, self.name_source = name, source

    def found_by(self, order: tuple[str, ...]) -> str:
        return next(s for s in order if s in self.found)


@dataclass
class _Page:
    """A parsed page and the indexes every record looks things up in."""

    doc: Document
    email_hits: list[Hit]
    phone_hits: list[Hit]
    names: NameIndex = field(init=False)
    phones_in_text: HitsByOffset = field(init=False)
    email_marks: Marks = field(init=False)
    line_names: dict[str, list[str]] = field(default_factory=dict)  # names of lines, cached
    columns: Columns = field(init=False)
    sections: Sections = field(init=False)

    def __post_init__(self) -> None:
        self.names = NameIndex(self.doc)
        self.columns = Columns(self.doc)
        self.sections = Sections(self.doc, self.names.elements)  # name tags hold h1-h6
        self.phones_in_text = HitsByOffset(self.phone_hits)
        self.email_marks = Marks([(h.offset, h.value) for h in self.email_hits])


def assemble(
    doc: Document,
    email_hits: list[Hit],
    phone_hits: list[Hit],
    profile_links: list[ProfileLink],
    spellings: list[str] | None = None,
) -> PageExtraction:
    """The page's contacts and profiles. spellings are names as the page's structured data
    writes them: a name read in capitals takes that spelling (lower-casing capitals gives a
    dotted i where Turkish writes a dotless one)."""
    email_hits.sort(key=_order)
    phone_hits.sort(key=_order)
    page = _Page(doc, email_hits, phone_hits)
    records = _email_records(page)
    attached = {rec.phone for rec in records.values() if rec.phone}
    lone = _phone_records(page, attached, records)
    _join_lone_phones(records, lone)
    _respell([*records.values(), *lone.values()], spellings or [])
    contacts = [
        ExtractedContact(
            email=email,
            phone=rec.phone,
            name=rec.name,
            email_type=rec.email_type,
            found_by=rec.found_by(EMAIL_SOURCE_ORDER),
            position=rec.position,
        )
        for email, rec in records.items()
    ]
    contacts.extend(
        ExtractedContact(
            email="",
            phone=phone,
            name=rec.name,
            email_type="",
            found_by=rec.found_by(PHONE_SOURCE_ORDER),
            position=rec.position,
        )
        for phone, rec in lone.items()
    )
    contacts.sort(key=lambda c: c.sort_key)
    return PageExtraction(contacts=contacts, profiles=_profiles(page, profile_links, records))


def _order(hit: Hit) -> tuple[bool, bool, int]:
    """Page order, JSON-LD last; a link that shows another address after all the rest, so that
    it only fills what the address's own places left empty."""
    return (hit.label_shows_other, hit.offset < 0, hit.offset)


def _email_records(page: _Page) -> dict[str, Record]:
    records: dict[str, Record] = {}
    for hit in page.email_hits:
        rec = records.get(hit.value)
        if rec is None:
            rec = records[hit.value] = Record(email_type=emails.email_type(hit.value))
        rec.found.add(hit.found_by)
        rec.hits += 1
        if rec.hits <= MAX_HITS_READ:  # an address all over the page: its first places tell
            _read_email_hit(page, hit, rec)
    # A page with one address (an imprint): its person may be named anywhere on it.
    window = MATCH_WINDOW_CHARS if len(records) > 1 else LONE_ADDRESS_WINDOW_CHARS
    for rec in records.values():
        if rec.first_hit is not None:
            _read_around_the_name(page, rec, rec.first_hit, window)
    return records


def _read_email_hit(page: _Page, hit: Hit, rec: Record) -> None:
    """The phone, position and name one find of the address gives."""
    if rec.first_hit is None and hit.offset >= 0:
        rec.first_hit = hit
    chain = block_chain(page.doc, hit, page.email_marks)
    column = _column_cells(page, hit)
    if not rec.phone:
        rec.phone = hit.phone or _phone_near(page, chain) or _phone_near(page, column)
        if not rec.phone and not column:
            rec.phone = phone_above(page.doc, hit, chain, page.email_marks, page.phones_in_text)
    if not rec.position and column:
        rec.position = position_in_elements(page.doc, column)
    elif not rec.position and hit.offset >= 0:
        rec.position = position_in(page.doc, hit, chain, page.email_marks, page.sections)
    if hit.found_by == "jsonld":
        rec.offer_name(hit.name, NameSource.JSONLD_PERSON)
    elif rec.email_type == "personal" or rec.position:
        # A role address (info@, secretary@) is a person's only on a card with their role.
        _offer_names_around(page, hit, chain, rec, column)


def _column_cells(page: _Page, hit: Hit) -> list[int]:
    """The cells of hit's table column, when its row holds other people's addresses too."""
    if hit.element < 0:
        return []
    cell = page.columns.bare_cell_of(hit.element)
    if cell < 0:
        return []
    row = page.doc.parents[cell]
    if not page.email_marks.other_in(page.doc.starts[row], page.doc.ends[row], hit.value):
        return []
    return page.columns.same_column(cell)


def _read_around_the_name(page: _Page, rec: Record, hit: Hit, window: int) -> None:
    """A name the address spells anywhere near it; the role written beside the name."""
    if rec.name_source == NameSource.NONE and rec.email_type == "personal":
        found = name_matching_address(page.doc, hit, page.line_names, window)
        rec.offer_name(found, NameSource.SPELT_BY_ADDRESS)
    elif rec.name_source == NameSource.NONE:  # "hello@" at a site named after its owner
        found = site_owner(page.doc, hit)
        rec.offer_name(found, NameSource.SPELT_BY_DOMAIN)
    if rec.name and not rec.position:
        rec.position = position_by_name(page.doc, hit, rec.name, window)


def _offer_names_around(
    page: _Page, hit: Hit, chain: list[int], rec: Record, column: list[int]
) -> None:
    """The link's text, the block's name, then a name in its table column or just above the
    address (above it in a table by column are other people's cells)."""
    rec.offer_name(hit.name, NameSource.LINK_TEXT)
    if rec.name_source > NameSource.BLOCK and chain:
        rec.offer_name(name_in(page.doc, chain, page.names, hit.value), NameSource.BLOCK)
    if rec.name_source > NameSource.BLOCK and column:
        rec.offer_name(name_in(page.doc, column, page.names), NameSource.BLOCK)
    elif rec.name_source > NameSource.ABOVE and hit.offset >= 0:
        role_card = bool(rec.position)
        above = name_above(page.doc, hit, chain, page.email_marks, role_card)
        rec.offer_name(above, NameSource.ABOVE)


def _phone_near(page: _Page, chain: list[int]) -> str:
    found = phone_for(page.doc, chain, page.phones_in_text, page.names)
    return found.value if found else ""


def _phone_records(
    page: _Page, attached: set[str], records: dict[str, Record]
) -> dict[str, Record]:
    """Records of the phones no email took, named from their block, or after the one email
    of their card (a mobile number beside a person's office number and address)."""
    lone: dict[str, Record] = {}
    in_text = [h for h in page.phone_hits if h.offset >= 0]
    all_marks = Marks([(h.offset, h.value) for h in page.email_hits + in_text])
    emails_in_text = HitsByOffset(page.email_hits)
    for hit in page.phone_hits:
        if hit.value in attached:
            continue
        rec = lone.setdefault(hit.value, Record())
        rec.found.add(hit.found_by)
        rec.hits += 1
        if rec.name_source != NameSource.NONE or hit.offset < 0 or rec.hits > MAX_HITS_READ:
            rec.offer_name(hit.name, NameSource.JSONLD_PERSON)
            continue
        chain = block_chain(page.doc, hit, all_marks)
        rec.offer_name(name_in(page.doc, chain, page.names), NameSource.BLOCK)
        if rec.name:
            rec.position = position_in(page.doc, hit, chain, all_marks)
            continue
        owner = records.get(card_email(page.doc, hit.element, emails_in_text))
        if owner is not None and (
            owner.email_type == "personal" or owner.name_source == NameSource.SPELT_BY_DOMAIN
        ):
            rec.offer_name(owner.name, NameSource.BLOCK)
            rec.position = owner.position
    return lone


def _join_lone_phones(records: dict[str, Record], lone: dict[str, Record]) -> None:
    """An address with neither name nor phone takes the one named lone phone whose person it
    spells: the addresses listed apart from the names and numbers ("nikatheater@…" beside
    "Mgr. Nika Štěpánková +420 604 …")."""
    named = [(phone, rec) for phone, rec in lone.items() if rec.name]
    if not named:
        return
    bare = [
        (e, r) for e, r in records.items() if not (r.name or r.phone) and r.email_type == "personal"
    ]
    if len(named) * len(bare) > MAX_JOIN_PAIRS:
        return  # a directory, not a contact block: each against each would take too long
    for email, rec in bare:
        matches = [(p, r) for p, r in named if names.address_names(r.name, email)]
        if len(matches) == 1:
            phone, owner = matches[0]
            rec.phone, rec.position = phone, rec.position or owner.position
            rec.offer_name(owner.name, NameSource.SPELT_BY_ADDRESS)
            named.remove(matches[0])
            del lone[phone]


def _respell(records: list[Record], spellings: list[str]) -> None:
    """Names the page spells differently elsewhere only in case take that spelling."""
    if not spellings:
        return
    by_fold = {names.folded(name): name for name in spellings}
    for rec in records:
        rec.name = by_fold.get(names.folded(rec.name), rec.name) if rec.name else rec.name


def _profiles(
    page: _Page, links: list[ProfileLink], records: dict[str, Record]
) -> list[ExtractedProfile]:
    """One profile per (network, handle), in page order; a person's card gives its email."""
    if not links:
        return []
    personal = HitsByOffset(
        [h for h in page.email_hits if records[h.value].email_type == "personal"]
    )
    found: dict[tuple[str, str], ExtractedProfile] = {}
    seen: Counter[tuple[str, str]] = Counter()
    for link in links:
        key = (link.network, link.handle.lower())
        seen[key] += 1
        known = found.get(key)
        if known is not None and (known.contact_email or seen[key] > MAX_HITS_READ):
            continue
        email = card_email(page.doc, link.element, personal) if link.element >= 0 else ""
        if known is None or email:
            found[key] = ExtractedProfile(link.network, link.url, link.handle, email)
    return list(found.values())
