"""Does this short text read as a person's name? ("Jane Doe", "Dr. María José García-López")."""

import re
import unicodedata

from .data import word_list
from .roles import is_role_word

HONORIFICS = word_list("name_honorifics")
PARTICLES = word_list("name_particles")
SUFFIXES = word_list("name_suffixes")
# Words that appear in headings, labels, addresses and organisations' names, never in a name.
STOP_WORDS = word_list("name_stop_words")
# Where a line stops being the name: a separator, a comma, a bracket, a colon, a number.
_CUT_RE = re.compile(
    "\\s+[-\u2013\u2014|\u2022\u00b7/]\\s+|,|\\(|\\[|:|\\s{2,}|\\s+(?=\\+\\d)"
    "|\\s+(?=\\d{1,2}\\.\\s?[^\\W\\d])"  # "Steve Sander 1.Vorsitzender"
)
_HAS_DIGIT_OR_AT = re.compile(r"[\d@]")
_HONORIFIC_PARTS_RE = re.compile(r"[.\-]+")
_NAME_PUNCTUATION = frozenset("'\u2019-.")


def clean_name(text: str) -> str:
    """The person's name in text, tidied ("Dr. Jane Doe, Partner" → "Jane Doe"), or ''."""
    if not text or len(text) > 160:
        return ""
    for part in parts_of(text)[:3]:
        name = _name_of(part.strip(" .;")) if part else ""
        if name:
            return name
    return ""


def names_of(text: str) -> list[str]:
    """Every name in text's parts ("Technische Umsetzung: Steve Sander" gives both readings)."""
    if not text or len(text) > 160:
        return []
    found = (_name_of(part.strip(" .;")) if part else "" for part in parts_of(text)[:3])
    return [name for name in found if name]


def parts_of(text: str) -> list[str]:
    """text cut where a name would end ("Jane Doe, Partner" → ["Jane Doe", " Partner"])."""
    return _CUT_RE.split(text.strip(), maxsplit=3)


def _name_of(text: str) -> str:
    if _HAS_DIGIT_OR_AT.search(text):
        return ""
    tokens = [part for token in text.split() for part in _unglued(token)]
    while tokens and _is_honorific(tokens[0]):
        tokens = tokens[1:]
    while tokens and tokens[-1].lower().rstrip(".") in SUFFIXES:
        tokens = tokens[:-1]
    if not 2 <= len(tokens) <= 5:
        return ""
    if _starts_with_an_acronym(tokens):
        return ""
    tokens = _proper_tokens(tokens)
    if not tokens or len(tokens[-1].rstrip(".")) < 2:
        return ""
    return " ".join(tokens)


def _unglued(token: str) -> list[str]:
    """ "P.de" → ["P.", "de"]: an initial run into the particle after it."""
    initial, dot, rest = token.partition(".")
    if dot and len(initial) == 1 and initial.isupper() and rest.lower() in PARTICLES:
        return [initial + dot, rest]
    return [token]


def _proper_tokens(tokens: list[str]) -> list[str]:
    """tokens tidied (ALL CAPS capitalised) if they make a name, else []."""
    tidied, proper = [], 0
    for i, token in enumerate(tokens):
        low = token.lower().rstrip(".")
        if low in STOP_WORDS or is_role_word(low):
            return []
        if low in PARTICLES and 0 < i < len(tokens) - 1:
            tidied.append(token)
            continue
        if token.isupper() and len(token) > 2:
            token = token.capitalize()
        if not (_is_proper(token) or (i > 0 and _is_particle_compound(token))):
            return []
        tidied.append(token)
        proper += 1
    return tidied if proper >= 2 else []


def _is_particle_compound(token: str) -> bool:
    """ "al-Rakkasa", "el-Sayed": a particle joined to a capitalised name by a hyphen."""
    particle, hyphen, rest = token.partition("-")
    return bool(hyphen) and particle.lower() in PARTICLES and bool(rest) and _is_proper(rest)


def _starts_with_an_acronym(tokens: list[str]) -> bool:
    """ "ASME St. Louis Section", "GKS Golem Boys": an organisation; "Jean DUPONT" is a name."""
    first_caps = tokens[0].isupper() and len(tokens[0].rstrip(".")) >= 2
    return first_caps and any(not t.isupper() and t[0].isupper() for t in tokens[1:])


def _is_honorific(token: str) -> bool:
    """ "Dr.", "Prof.dr.", "Dipl.-Ing.", "Mgr." and the like."""
    parts = [p for p in _HONORIFIC_PARTS_RE.split(token.lower()) if p]
    return bool(parts) and all(p in HONORIFICS for p in parts)


def _is_proper(token: str) -> bool:
    """A capitalised word of any cased script, or an initial ("J."); not an abbreviation."""
    if token.endswith(".") and len(token) > 2:
        return False  # "Ctra.", "Abt.": an abbreviation, not a name; initials are fine
    if not token[0].isupper():
        return False
    return all(ch.isalpha() or ch in _NAME_PUNCTUATION for ch in token) and any(
        ch.isalpha() for ch in token
    )


def matches_address(name: str, address: str, min_part: int = 3) -> bool:
    """Is a part of name (min_part letters or more, accents dropped) in the address's local part?"""
    local = plain(address.split("@", 1)[0])
    parts = re.split(r"[\s\-']+", plain(name))
    return any(len(part) >= min_part and part in local for part in parts)


def given_name_spelt(text: str, address: str) -> str:
    """A lone capitalised given name ("Alberto") that the address spells in full, or ''."""
    word = text.strip(" .:;,")
    if not 3 <= len(word) <= 30 or " " in word or not _is_proper(word):
        return ""
    low = word.lower()
    if low in STOP_WORDS or is_role_word(low) or low in HONORIFICS:
        return ""
    local, spelt = plain(address.split("@", 1)[0]), plain(word)
    # "spa@" under a heading "Spa" names a service, not a person
    return word if spelt in local and spelt != local.split(".")[0] else ""


def address_spells(name: str, address: str) -> bool:
    """Does the address spell the person: the surname, and a given name or its initial beside it
    ("kunze_h@", "s.sander@", "mhpaasche@", "mirko.gatti1998@")? A place or a club named in an
    address ("cp.peru.madrid@") spells only one word of a name."""
    local = plain(address.split("@", 1)[0])
    parts = [p for p in re.split(r"[\s\-'.]+", plain(name)) if p]
    surname, given = parts[-1], parts[:-1]
    at = local.find(surname) if len(surname) >= 3 else -1
    if at < 0 or not given:
        return False
    edges = {side[i] for side in (local[:at], local[at + len(surname) :]) for i in (0, -1) if side}
    edges = {ch for ch in edges if ch.isalpha()}
    return any((len(g) >= 3 and g in local) or g[0] in edges for g in given)


def domain_spells(name: str, address: str) -> bool:
    """Does the address's domain spell the whole name, given name and surname run together in
    either order ("hello@norbertbanhalmi.com")? A sole trader's site is named after them."""
    parts = [p for p in re.split(r"[\s\-'.]+", plain(name)) if p]
    if len(parts) < 2:
        return False
    spellings = {"".join(parts), "".join(reversed(parts))}
    labels = plain(address.rpartition("@")[2]).split(".")[:-1]
    return any(label.replace("-", "") in spellings for label in labels)


def address_names(name: str, address: str) -> bool:
    """Does the address spell the person: as address_spells does, or by starting with the full
    given name ("nikatheater@" for "Nika Štěpánková"; four letters at least)?"""
    if address_spells(name, address):
        return True
    given = plain(name.split()[0]).rstrip(".")
    return len(given) >= 4 and plain(address.split("@", 1)[0]).startswith(given)


def folded(name: str) -> str:
    """name without case, the Turkish dotted and dotless i (and their capitals) alike."""
    return name.replace("\u0131", "i").replace("\u0130", "I").casefold()


def plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
