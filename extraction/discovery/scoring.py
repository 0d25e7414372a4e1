"""How likely a link leads to contacts: words of its path and anchor text against the lists of
``extraction/data/discovery_words.txt`` (many languages), where on the homepage it sits, and
penalties for blog, news, tag, product, page-number and file paths."""

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from urllib.parse import unquote, urlsplit

from extraction.extract.data import DATA_DIR
from pages.models import DiscoveredVia, PageKind

WORDS_FILE = "discovery_words.txt"
POSITION_BONUS = {"nav": 2.0, "footer": 2.0, "body": 0.0, "sitemap": 0.0, "start": 0.0}
BOTH_MATCH_BONUS = 1.0  # the path and the anchor text agree
HOME_SCORE = 3.0
HOME_WITH_CONTACTS_SCORE = 9.0
DEPTH_PENALTY = 1.5  # per path segment past the first (language prefixes not counted)
QUERY_PENALTY = 3.0
PAGE_NUMBER_PENALTY = 10.0
SELECT_MIN_SCORE = 5.0  # below this a candidate is kept for curators but never auto-selected
PAGE_NUMBER = re.compile(
    r"(^|/)(page|seite|pagina|pagina|sida|strona)/\d+(/|$)|(^|[?&])(page|paged|p|pg)=\d+", re.I
)
LANGUAGE_PREFIX = re.compile(r"^[a-z]{2}([-_][a-z]{2})?$", re.I)
NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)
WIDE = 0x2E80  # CJK and later: words are not separated by spaces there


@dataclass
class Candidate:
    url: str
    via: str = DiscoveredVia.LINK
    anchor: str = ""
    position: str = "body"
    score: float = 0.0
    kind: str = PageKind.OTHER
    reasons: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class WordList:
    kinds: tuple[tuple[str, float, str], ...]  # (kind, weight, folded words)
    penalties: tuple[tuple[float, str], ...]
    files: dict[str, float]


def fold(text: str) -> str:
    """Lower case, accents dropped, separators as single spaces: "Über-uns" → "uber uns"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(NOT_WORD.sub(" ", plain).split())


@cache
def word_list() -> WordList:
    kinds, penalties, files = [], [], {}
    for line in (DATA_DIR / WORDS_FILE).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        kind, weight, words = line.split(maxsplit=2)
        if kind == "penalty":
            penalties.append((float(weight), fold(words)))
        elif kind == "file":
            files[words.strip().lower()] = float(weight)
        else:
            kinds.append((PageKind(kind), float(weight), fold(words)))
    return WordList(tuple(kinds), tuple(penalties), files)


def _has(text: str, words: str) -> bool:
    if any(ord(char) >= WIDE for char in words):
        return words in text.replace(" ", "")
    return f" {words} " in f" {text} "


def _best_kind(text: str) -> tuple[str, float]:
    best: tuple[str, float] = (PageKind.OTHER, 0.0)
    for kind, weight, words in word_list().kinds:
        if weight > best[1] and _has(text, words):
            best = (kind, weight)
    return best


def _segments(path: str) -> list[str]:
    segments = [segment for segment in path.split("/") if segment]
    while segments and LANGUAGE_PREFIX.match(segments[0]):
        segments = segments[1:]
    return segments


def score(candidate: Candidate) -> Candidate:
    """Fill ``score``, ``kind`` and ``reasons`` of the candidate; returns it."""
    parts = urlsplit(candidate.url)
    path = unquote(parts.path)
    segments = _segments(path)
    path_text, anchor_text = fold(" ".join(segments)), fold(candidate.anchor)
    if not segments and not parts.query:
        candidate.kind = PageKind.HOME
        candidate.score = HOME_SCORE + POSITION_BONUS.get(candidate.position, 0.0)
        return candidate
    path_kind, path_weight = _best_kind(path_text)
    anchor_kind, anchor_weight = _best_kind(anchor_text)
    kind, value = max((path_kind, path_weight), (anchor_kind, anchor_weight), key=lambda x: x[1])
    reasons = []
    if value:
        reasons.append(f"{kind} words")
        if path_weight and anchor_weight and path_kind == anchor_kind:
            value += BOTH_MATCH_BONUS
        value += POSITION_BONUS.get(candidate.position, 0.0)
    words = word_list()
    penalty = max((weight for weight, term in words.penalties if _has(path_text, term)), default=0)
    if not value:
        penalty = max(
            [penalty, *(weight for weight, term in words.penalties if _has(anchor_text, term))]
        )
    if penalty:
        reasons.append("penalised words")
    suffix = segments[-1].rsplit(".", 1)[-1].lower() if segments and "." in segments[-1] else ""
    if suffix in words.files:
        penalty += words.files[suffix]
        reasons.append(f"a .{suffix} file")
    if PAGE_NUMBER.search(path) or PAGE_NUMBER.search(parts.query):
        penalty += PAGE_NUMBER_PENALTY
        reasons.append("a page number")
    if parts.query:
        penalty += QUERY_PENALTY
    penalty += DEPTH_PENALTY * max(len(segments) - 1, 0)
    candidate.kind = kind if value else PageKind.OTHER
    candidate.score = round(value - penalty, 2)
    candidate.reasons = reasons
    return candidate


def choose(candidates: list[Candidate], count: int) -> list[Candidate]:
    """The ``count`` candidates to select: the best of each kind first (a contact page, a team
    page, a legal notice…), then the best of the rest; never one below ``SELECT_MIN_SCORE``."""
    good = sorted(
        (candidate for candidate in candidates if candidate.score >= SELECT_MIN_SCORE),
        key=lambda candidate: (-candidate.score, candidate.url),
    )
    chosen: list[Candidate] = []
    kinds: set[str] = set()
    for candidate in good:
        if candidate.kind not in kinds and candidate.kind != PageKind.OTHER:
            kinds.add(candidate.kind)
            chosen.append(candidate)
    for candidate in good:
        if candidate not in chosen:
            chosen.append(candidate)
    return sorted(chosen[:count], key=lambda candidate: -candidate.score) if count > 0 else []
