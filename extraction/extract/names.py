"""Does this short text read as a person's name? ("Jane Doe", "Dr. María José García-López")."""

import re

from .data import word_list

HONORIFICS = word_list("name_honorifics")
PARTICLES = word_list("name_particles")
SUFFIXES = word_list("name_suffixes")
# Words that appear in headings and labels but never in a name.
STOP_WORDS = word_list("name_stop_words")
_TOKEN_RE = re.compile(
    "^(?:[A-Z\u00c0-\u00d6\u00d8-\u00de\u0100-\u017f][\\w'\u2019\\-]*\\.?|[A-Z]\\.)$"
)
_CUT_RE = re.compile("\\s+[-\u2013\u2014|\u2022\u00b7/]\\s+|,|\\(|:|\\s{2,}")
_HAS_DIGIT_OR_AT = re.compile(r"[\d@]")


def clean_name(text: str) -> str:
    """The person's name in text, tidied ("Dr. Jane Doe, Partner" → "Jane Doe"), or ''."""
    if not text or len(text) > 160:
        return ""
    for part in _CUT_RE.split(text.strip(), maxsplit=3)[:3]:
        name = _name_of(part.strip(" .;")) if part else ""
        if name:
            return name
    return ""


def _name_of(text: str) -> str:
    if _HAS_DIGIT_OR_AT.search(text):
        return ""
    tokens = text.split()
    while tokens and tokens[0].lower().rstrip(".") in HONORIFICS:
        tokens = tokens[1:]
    while tokens and tokens[-1].lower().rstrip(".") in SUFFIXES:
        tokens = tokens[:-1]
    if not 2 <= len(tokens) <= 5:
        return ""
    proper = 0
    for i, token in enumerate(tokens):
        low = token.lower().rstrip(".")
        if low in STOP_WORDS:
            return ""
        if low in PARTICLES and 0 < i < len(tokens) - 1:
            continue
        if token.isupper() and len(token) > 2:
            token = token.capitalize()
            tokens[i] = token
        if token.endswith(".") and len(token) > 2:
            return ""  # an abbreviation ("Ctra.", "Abt."), not a name; initials are fine
        if not _TOKEN_RE.match(token) or not any(ch.isalpha() for ch in token):
            return ""
        proper += 1
    if proper < 2 or len(tokens[-1].rstrip(".")) < 2:
        return ""
    return " ".join(tokens)
