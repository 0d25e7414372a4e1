"""Does this short text read as a person's name? ("Jane Doe", "Dr. María José García-López")."""

import re

HONORIFICS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "dr",
        "prof",
        "professor",
        "sir",
        "dame",
        "rev",
        "fr",
        "hon",
        "judge",
        "mag",
        "dipl",
        "ing",
        "herr",
        "frau",
        "avv",
        "dott",
        "dott.ssa",
        "arch",
        "geom",
        "rag",
        "me",
        "sra",
        "lic",
        "atty",
        "esq",
    ]
)
PARTICLES = frozenset(
    [
        "van",
        "von",
        "der",
        "den",
        "de",
        "del",
        "della",
        "di",
        "da",
        "du",
        "dos",
        "das",
        "la",
        "le",
        "bin",
        "ibn",
        "al",
        "el",
        "y",
        "zu",
        "ter",
        "ten",
        "st",
        "st.",
        "mac",
    ]
)
SUFFIXES = frozenset({"jr", "sr", "esq", "phd", "md", "ii", "iii"})
# Words that appear in headings and labels but never in a name.
STOP_WORDS = frozenset(
    [
        "about",
        "account",
        "address",
        "admissions",
        "advisory",
        "all",
        "and",
        "apply",
        "associate",
        "associates",
        "attorney",
        "attorneys",
        "board",
        "book",
        "business",
        "by",
        "call",
        "career",
        "careers",
        "center",
        "centre",
        "chair",
        "click",
        "clinic",
        "close",
        "college",
        "commission",
        "committee",
        "communications",
        "company",
        "contact",
        "contacts",
        "corporate",
        "counsel",
        "council",
        "customer",
        "department",
        "desk",
        "directions",
        "director",
        "directory",
        "download",
        "email",
        "emergency",
        "enquiries",
        "events",
        "faculty",
        "fax",
        "find",
        "follow",
        "for",
        "form",
        "from",
        "general",
        "get",
        "group",
        "help",
        "here",
        "history",
        "home",
        "hotline",
        "hours",
        "inc",
        "information",
        "institute",
        "investor",
        "law",
        "legal",
        "library",
        "llc",
        "llp",
        "ltd",
        "gmbh",
        "ag",
        "sa",
        "srl",
        "plc",
        "map",
        "marketing",
        "media",
        "member",
        "members",
        "menu",
        "message",
        "monday",
        "more",
        "news",
        "newsletter",
        "of",
        "office",
        "offices",
        "online",
        "opening",
        "our",
        "overview",
        "page",
        "partner",
        "partners",
        "people",
        "phone",
        "press",
        "privacy",
        "profile",
        "program",
        "programme",
        "read",
        "relations",
        "research",
        "reserved",
        "rights",
        "room",
        "sales",
        "school",
        "search",
        "see",
        "send",
        "service",
        "services",
        "shop",
        "site",
        "staff",
        "store",
        "street",
        "student",
        "students",
        "support",
        "team",
        "tel",
        "telephone",
        "terms",
        "the",
        "to",
        "today",
        "tuesday",
        "university",
        "us",
        "via",
        "view",
        "visit",
        "website",
        "wednesday",
        "welcome",
        "with",
        "write",
        "you",
        "your",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "avenue",
        "road",
        "suite",
        "floor",
        "building",
        "bldg",
        "campus",
        "hall",
        "lane",
        "square",
        "box",
        "po",
        "registrar",
        "human",
        "resources",
        "finance",
        "accounting",
        "admin",
        "administration",
        "reception",
        "services",
        "webmaster",
        "newsroom",
        "mailing",
        "list",
        "unit",
        "division",
        "ministry",
        "bureau",
        "agency",
        "authority",
        "embassy",
        "consulate",
        "secretary",
        "parish",
        "manager",
        "assistant",
        "coordinator",
        "officer",
        "executive",
    ]
)
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
