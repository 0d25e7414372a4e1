"""Contacts from HTML as a person reads them.

    from extraction.extract import extract_contacts
    extract_contacts(html, url)  # -> list[ExtractedContact], sorted

Modules: ``text`` (parse once, visible text and element spans), ``emails``, ``phones``,
``jsonld``, ``names``, ``grouping`` (what goes with what), ``extractor`` (putting it together).
Word lists live in ``extraction/data/``.
"""

from .contact import EMAIL_TYPES, FOUND_BY, ExtractedContact
from .extractor import extract_contacts, extract_contacts_strict
from .phones import default_region, region_for_url

__all__ = [
    "EMAIL_TYPES",
    "FOUND_BY",
    "ExtractedContact",
    "default_region",
    "extract_contacts",
    "extract_contacts_strict",
    "region_for_url",
]
