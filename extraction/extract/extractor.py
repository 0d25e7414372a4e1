"""HTML → contacts and profiles: collect every find, drop junk, then put them together.

extract_page(html, url)          # -> PageExtraction(contacts, profiles); never raises
extract_page_strict(html, url)   # the same, errors propagate (the job calls this one)
extract_contacts(html, url)      # -> extract_page(...).contacts
"""

import logging

from . import emails, jsonld, names, phones
from .assembly import ProfileLink, assemble
from .contact import ExtractedContact, PageExtraction
from .grouping import Hit
from .profiles import profile_of
from .regions import page_region
from .text import MAX_HTML_CHARS, Document, parse

logger = logging.getLogger(__name__)
# Link text longer than this is a block wrapped in a link, not an address's label.
MAX_LABEL_CHARS = 200


def extract_page(
    html: str | bytes, url: str = "", default_region: str | None = None
) -> PageExtraction:
    """The contacts a person reading the page would write down, and its social profiles.

    Never raises: bad input (empty, binary, huge, broken, mis-decoded) gives what can be read,
    or nothing. An unexpected error is logged with its traceback and gives nothing.
    """
    try:
        if isinstance(html, bytes | bytearray):
            html = bytes(html[:MAX_HTML_CHARS]).decode("utf-8", "replace")
        if not isinstance(html, str) or not html.strip():
            return PageExtraction()
        return extract_page_strict(html, url if isinstance(url, str) else "", default_region)
    except Exception:
        logger.exception("contact extraction failed for %r", url)
        return PageExtraction()


def extract_page_strict(
    html: str, url: str = "", default_region: str | None = None
) -> PageExtraction:
    """extract_page without the safety net: errors propagate, for the job to record them."""
    doc = parse(html)
    email_hits = _text_emails(doc)
    _link_email_hits(doc, email_hits)
    tel_hrefs = [href for _, href in doc.links if href.lstrip()[:4].lower() == "tel:"]
    domains = [hit.value.rpartition("@")[2] for hit in email_hits]
    region, alternatives = page_region(
        url, doc.lang, doc.text, tel_hrefs, default_region, email_domains=domains
    )
    phone_hits = [
        Hit("phone", e164, "text", start, end, doc.element_at(start))
        for e164, start, end in phones.find_in_text(doc.text, region, alternatives)
    ]
    profile_links: list[ProfileLink] = []
    _link_phone_hits(doc, region, phone_hits, profile_links)
    spellings = _jsonld_hits(doc, region, email_hits, phone_hits)
    return assemble(doc, _contact_emails(email_hits), phone_hits, profile_links, spellings)


def extract_contacts(
    html: str | bytes, url: str = "", default_region: str | None = None
) -> list[ExtractedContact]:
    """extract_page's contacts, sorted (emails, then phones). Never raises."""
    return extract_page(html, url, default_region).contacts


def extract_contacts_strict(
    html: str, url: str = "", default_region: str | None = None
) -> list[ExtractedContact]:
    """extract_page_strict's contacts: errors propagate."""
    return extract_page_strict(html, url, default_region).contacts


def _text_emails(doc: Document) -> list[Hit]:
    hits = [
        Hit("email", raw, "text", off, off + len(raw), doc.element_at(off))
        for raw, off in emails.find_in_text(doc.text)
    ]
    hits.extend(
        Hit("email", raw, "obfuscated", off, off + 1, doc.element_at(off))
        for raw, off in emails.find_obfuscated(doc.text)
    )
    return hits


def _link_kind(href: str) -> str:
    """mailto, tel, cfemail (Cloudflare's protected address) or other."""
    scheme = href.lstrip()[:7].lower()
    if scheme == "mailto:":
        return "mailto"
    if scheme.startswith("tel:"):
        return "tel"
    return "cfemail" if "email-protection#" in href else "other"


def _link_email_hits(doc: Document, email_hits: list[Hit]) -> None:
    """mailto: and Cloudflare-protected links; data-cfemail elements."""
    for el, href in doc.links:
        kind = _link_kind(href)
        if kind == "mailto":
            email_hits.extend(_mailto_hits(doc, el, href))
        elif kind == "cfemail":
            email_hits.extend(_cfemail_hits(doc, el, href))
    for el, hexed in doc.cfemails:
        email_hits.extend(_cfemail_hits(doc, el, hexed))


def _link_phone_hits(
    doc: Document, region: str, phone_hits: list[Hit], profile_links: list[ProfileLink]
) -> None:
    """tel: links and links to social profiles."""
    for el, href in doc.links:
        kind = _link_kind(href)
        if kind == "tel":
            e164 = phones.from_tel(href, region)
            if e164:
                phone_hits.append(Hit("phone", e164, "tel", doc.starts[el], doc.ends[el], el))
        elif kind == "other":
            profile = profile_of(href)
            if profile:
                start = doc.starts[el]
                profile_links.append(ProfileLink(*profile, offset=start, element=el))


def _mailto_hits(doc: Document, element: int, href: str) -> list[Hit]:
    label = _link_label(doc, element)
    addresses = emails.from_mailto(href)
    text = doc.span_text(element) if "@" in doc.span_text(element)[:MAX_LABEL_CHARS] else ""
    shown = {emails.normalize(a) for a, _ in emails.find_in_text(text[:MAX_LABEL_CHARS])}
    other = bool(shown) and not shown & {emails.normalize(a) for a in addresses}
    start, end = doc.starts[element], doc.ends[element]
    return [
        Hit("email", raw, "mailto", start, end, element, name=label, label_shows_other=other)
        for raw in addresses
    ]


def _cfemail_hits(doc: Document, element: int, hexed: str) -> list[Hit]:
    raw = emails.decode_cfemail(hexed)
    if not raw:
        return []
    return [Hit("email", raw, "cfemail", doc.starts[element], doc.ends[element], element)]


def _link_label(doc: Document, element: int) -> str:
    if doc.ends[element] - doc.starts[element] > MAX_LABEL_CHARS:
        return ""
    return names.clean_name(doc.span_text(element).strip())


def _jsonld_hits(
    doc: Document, region: str, email_hits: list[Hit], phone_hits: list[Hit]
) -> list[str]:
    """The hits of the page's JSON-LD; returns the names of the people it describes."""
    people = []
    for entity in jsonld.entities(doc.jsonld):
        numbers = [phones.to_e164(p.removeprefix("tel:"), region) for p in entity.phones]
        numbers = [n for n in numbers if n]
        name = names.clean_name(entity.name) if entity.is_person else ""
        if name:
            people.append(name)
        for raw in entity.emails:
            raw = raw.removeprefix("mailto:").removeprefix("MAILTO:")
            phone = numbers[0] if numbers else ""
            email_hits.append(Hit("email", raw, "jsonld", name=name, phone=phone))
        if not entity.emails:
            phone_hits.extend(Hit("phone", n, "jsonld", name=name) for n in numbers)
    return people


def _contact_emails(email_hits: list[Hit]) -> list[Hit]:
    """The hits whose address is a contact (normalised), junk left out."""
    checked: dict[str, bool] = {}
    kept = []
    for hit in email_hits:
        hit.value = emails.normalize(hit.value)
        ok = checked.get(hit.value)
        if ok is None:
            ok = checked[hit.value] = emails.is_contact_email(hit.value)
        if ok:
            kept.append(hit)
    return kept
