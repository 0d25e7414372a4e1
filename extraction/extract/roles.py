"""Roles and titles: is a word a role ("Kassierer", "Vice-President"), and which line is one."""

import re
from functools import lru_cache

from .data import word_list

_WORD_RE = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*")
_AND_RE = re.compile(r"\s(?:y|e|and|und|et|och|og|ve)\s")
_LONG_NUMBER_RE = re.compile(r"\d{3,}|\d[\s./-]\d")
_AT_TOKEN_RE = re.compile(r"[\[\(\{<]\s*at\s*[\]\)\}>]")
MAX_POSITION_CHARS = 80
# A role a label introduces is short ("Funktion: Veranstaltungen"), not a sentence.
MAX_LABELLED_WORDS = 4


def _role_words() -> tuple[frozenset[str], tuple[str, ...]]:
    entries = word_list("role_words")
    endings = tuple(e[1:] for e in entries if e.startswith("-"))
    return frozenset(e for e in entries if not e.startswith("-")), endings


ROLE_WORDS, ROLE_ENDINGS = _role_words()


@lru_cache(maxsize=8192)
def is_role_word(word: str) -> bool:
    low = word.lower().strip(".:,;")
    if low in ROLE_WORDS:
        return True
    if any(low.endswith(ending) and len(low) > len(ending) + 2 for ending in ROLE_ENDINGS):
        return True
    return "-" in low and any(part in ROLE_WORDS for part in low.split("-"))


def has_role_word(text: str) -> bool:
    return any(is_role_word(word) for word in _WORD_RE.findall(text))


def has_position_label(line: str) -> bool:
    """Does line start with a label that a role follows ("Funktion: …", "Cargo: …")?"""
    label, colon, _ = line.partition(":")
    return bool(colon) and label.strip().lower() in word_list("position_labels")


def position_of(line: str) -> str:
    """The position a short line states ("Funktion: Kassier" → "Kassier"), or ''."""
    line = line.strip()
    if line.endswith(":") and len(_WORD_RE.findall(line)) > 3:
        return ""  # a sentence introducing something ("Ansprechpartner*innen sind aktuell:")
    line = line.rstrip(":").strip()
    labelled = has_position_label(line)
    if labelled:
        line = line.partition(":")[2].strip()
    if not line or len(line) > MAX_POSITION_CHARS or line[-1] in "?!":
        return ""
    low = line.lower()
    if "@" in low or "www." in low or "http" in low or _AT_TOKEN_RE.search(low):
        return ""  # an address, obfuscated or not, is not a role
    if any(word in word_list("position_stop_words") for word in _WORD_RE.findall(low)):
        return ""
    if _LONG_NUMBER_RE.search(line):
        return ""  # a phone, a postcode, a date: not a role
    if labelled and len(_WORD_RE.findall(line)) <= MAX_LABELLED_WORDS:
        return line  # "Funktion: Homepage": the label says it is the role
    return _without_trailing_clause(line) if has_role_word(line) else ""


def _without_trailing_clause(line: str) -> str:
    """ "Presidenta y mamá de una alumna" → "Presidenta": what follows the last "and" that
    names no role is about the person, not their role."""
    for match in reversed(list(_AND_RE.finditer(line))):
        if has_role_word(line[match.end() :]):
            break
        line = line[: match.start()]
    return line.strip()


def is_person_label(line: str) -> bool:
    """A label that a person's name follows ("Vertreten durch:", "Responsable :")."""
    line = line.strip()
    if not line.endswith(":") or len(line) > 60:
        return False
    words = _WORD_RE.findall(line.lower())
    return any(w in word_list("person_labels") for w in words) or has_role_word(line)
