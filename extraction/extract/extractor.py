"""HTML → contacts: collect every find, drop junk, group, one record per email / per lone phone."""

import logging

from . import emails, jsonld, names, phones
from .contact import ExtractedContact
from .grouping import Hit, HitsByOffset, Marks, NameIndex, block_chain, name_in, phone_for
from .text import MAX_HTML_CHARS, Document, parse

logger = logging.getLogger(__name__)

# When one address is found several ways, report the most telling one.
EMAIL_SOURCE_ORDER = ("cfemail", "obfuscated", "mailto", "text", "jsonld")
PHONE_SOURCE_ORDER = ("tel", "text", "jsonld")


def extract_contacts(
    html: str | bytes, url: str = "", default_region: str | None = None
) -> list[ExtractedContact]:
    """The contacts a person reading the page would write down, sorted (emails, then phones).

    Never raises: bad input (empty, binary, huge, broken, mis-decoded) gives what can be read,
    or []. An unexpected error is logged with its traceback and gives [].
    """
    try:
        if isinstance(html, bytes | bytearray):
            html = bytes(html[:MAX_HTML_CHARS]).decode("utf-8", "replace")
        if not isinstance(html, str) or not html.strip():
            return []
        return extract_contacts_strict(html, url if isinstance(url, str) else "", default_region)
    except Exception:
        logger.exception("contact extraction failed for %r", url)
        return []


def extract_contacts_strict(
    html: str, url: str = "", default_region: str | None = None
) -> list[ExtractedContact]:
    """extract_contacts without the safety net: errors propagate (for tests and debugging)."""
    region = phones.region_for_url(url, default_region)
    doc = parse(html)
    email_hits, phone_hits = _collect(doc, region)
    return _assemble(doc, email_hits, phone_hits)


def _collect(doc: Document, region: str) -> tuple[list[Hit], list[Hit]]:
    email_hits: list[Hit] = []
    phone_hits: list[Hit] = []
    text = doc.text

    for raw, off in emails.find_in_text(text):
        email_hits.append(Hit("email", raw, "text", off, off + len(raw), doc.element_at(off)))
    for raw, off in emails.find_obfuscated(text):
        email_hits.append(Hit("email", raw, "obfuscated", off, off + 1, doc.element_at(off)))
    for el, href in doc.links:
        start, end = doc.starts[el], doc.ends[el]
        scheme = href.lstrip()[:7].lower()
        if scheme == "mailto:":
            label = names.clean_name(doc.span_text(el).strip())
            for raw in emails.from_mailto(href):
                email_hits.append(Hit("email", raw, "mailto", start, end, el, name=label))
        elif scheme.startswith("tel:"):
            e164 = phones.from_tel(href, region)
            if e164:
                phone_hits.append(Hit("phone", e164, "tel", start, end, el))
        elif "email-protection#" in href:
            raw = emails.decode_cfemail(href)
            if raw:
                email_hits.append(Hit("email", raw, "cfemail", start, end, el))
    for el, hexed in doc.cfemails:
        raw = emails.decode_cfemail(hexed)
        if raw:
            email_hits.append(Hit("email", raw, "cfemail", doc.starts[el], doc.ends[el], el))
    for e164, start, end in phones.find_in_text(text, region):
        phone_hits.append(Hit("phone", e164, "text", start, end, doc.element_at(start)))
    for entity in jsonld.entities(doc.jsonld):
        numbers = [phones.to_e164(p.removeprefix("tel:"), region) for p in entity.phones]
        numbers = [n for n in numbers if n]
        name = names.clean_name(entity.name) if entity.is_person else ""
        for raw in entity.emails:
            raw = raw.removeprefix("mailto:").removeprefix("MAILTO:")
            phone = numbers[0] if numbers else ""
            email_hits.append(Hit("email", raw, "jsonld", name=name, phone=phone))
        if not entity.emails:
            phone_hits.extend(Hit("phone", n, "jsonld", name=name) for n in numbers)

    checked: dict[str, bool] = {}
    kept = []
    for hit in email_hits:
        hit.value = emails.normalize(hit.value)
        ok = checked.get(hit.value)
        if ok is None:
            ok = checked[hit.value] = emails.is_contact_email(hit.value)
        if ok:
            kept.append(hit)
    return kept, phone_hits


def _order(hit: Hit) -> tuple[bool, int]:
    return (hit.offset < 0, hit.offset)


def _assemble(
    doc: Document, email_hits: list[Hit], phone_hits: list[Hit]
) -> list[ExtractedContact]:
    email_hits.sort(key=_order)
    phone_hits.sort(key=_order)
    email_marks = Marks([(h.offset, h.value) for h in email_hits])
    in_text_phones = [h for h in phone_hits if h.offset >= 0]
    phone_index = HitsByOffset(in_text_phones)
    name_index = NameIndex(doc)

    records: dict[str, dict] = {}
    for hit in email_hits:
        rec = records.get(hit.value)
        if rec is None:
            rec = records[hit.value] = {"phone": "", "name": "", "rank": 9, "found": set()}
            rec["type"] = emails.email_type(hit.value)
        rec["found"].add(hit.found_by)
        chain = block_chain(doc, hit, email_marks)
        if not rec["phone"]:
            near = hit.phone or ""
            if not near:
                found = phone_for(doc, chain, phone_index, name_index)
                near = found.value if found else ""
            rec["phone"] = near
        personal = rec["type"] == "personal"
        if hit.name and rec["rank"] > 0 and (personal or hit.found_by == "jsonld"):
            rank = 0 if hit.found_by == "jsonld" else 1
            if rank < rec["rank"]:
                rec["name"], rec["rank"] = hit.name, rank
        if personal and rec["rank"] > 2 and chain:
            block_name = name_in(doc, chain, name_index)
            if block_name:
                rec["name"], rec["rank"] = block_name, 2

    contacts = [
        ExtractedContact(
            email=email,
            phone=rec["phone"],
            name=rec["name"],
            email_type=rec["type"],
            found_by=next(s for s in EMAIL_SOURCE_ORDER if s in rec["found"]),
        )
        for email, rec in records.items()
    ]

    attached = {rec["phone"] for rec in records.values() if rec["phone"]}
    lone: dict[str, dict] = {}
    all_marks = Marks([(h.offset, h.value) for h in email_hits + in_text_phones])
    for hit in phone_hits:
        if hit.value in attached:
            continue
        rec = lone.setdefault(hit.value, {"name": "", "found": set()})
        rec["found"].add(hit.found_by)
        if not rec["name"]:
            rec["name"] = hit.name or name_in(doc, block_chain(doc, hit, all_marks), name_index)
    contacts.extend(
        ExtractedContact(
            email="",
            phone=phone,
            name=rec["name"],
            email_type="",
            found_by=next(s for s in PHONE_SOURCE_ORDER if s in rec["found"]),
        )
        for phone, rec in lone.items()
    )
    contacts.sort(key=lambda c: c.sort_key)
    return contacts
