"""Contacts from HTML as a person reads them.

    from extraction.extract import extract_page, extract_contacts
    extract_page(html, url)      # -> PageExtraction(contacts, profiles); never raises
    extract_page_strict(html, url)  # the same; errors propagate (the job records them)
    extract_contacts(html, url)  # -> list[ExtractedContact], sorted

Modules: ``text`` (parse once, visible text and element spans; ``nesting`` caps the depth
first), ``emails``, ``phones``, ``jsonld``, ``names``, ``roles`` (positions), ``profiles``
(social links), ``grouping`` (what goes with what), ``assembly`` (one record per contact),
``extractor`` (the entry points).
Word lists live in ``extraction/data/``.
"""

from .contact import (
    EMAIL_TYPES,
    FOUND_BY,
    NETWORKS,
    ExtractedContact,
    ExtractedProfile,
    PageExtraction,
)
from .extractor import (
    extract_contacts,
    extract_contacts_strict,
    extract_page,
    extract_page_strict,
)
from .phones import default_region, region_for_url

__all__ = [
    "EMAIL_TYPES",
    "FOUND_BY",
    "NETWORKS",
    "ExtractedContact",
    "ExtractedProfile",
    "PageExtraction",
    "default_region",
    "extract_contacts",
    "extract_contacts_strict",
    "extract_page",
    "extract_page_strict",
    "region_for_url",
]
