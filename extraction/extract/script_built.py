"""Does a fetched page look built by JavaScript? Only such pages are worth a browser under
``FETCH_RENDER=auto``; the signs (app roots, noscript phrases, bundle names) are in
``extraction/data/script_built_signals.txt``."""

import re
from collections.abc import Iterator
from functools import cache

from selectolax.lexbor import LexborHTMLParser as HTMLParser

from extraction.extract.data import DATA_DIR

# A page whose visible text is shorter than this may be a shell that a script fills.
LITTLE_TEXT_CHARS = 400
# ... or whose visible text is this small a share of its markup.
LITTLE_TEXT_SHARE = 0.03
# ... with inline scripts this many times longer than that text.
SCRIPT_TO_TEXT = 10
NOSCRIPT_UNCLOSED_CHARS = 2000
TAG = re.compile(r"<[^>]*>")


@cache
def signals() -> dict[str, tuple[str, ...]]:
    sections: dict[str, list[str]] = {}
    current = None
    for raw in (DATA_DIR / "script_built_signals.txt").read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], [])
        elif current is not None:
            current.append(line.lower())
    return {name: tuple(values) for name, values in sections.items()}


def noscript_texts(html: str) -> Iterator[str]:
    """The text of each ``<noscript>``, lower case, read from the source: a parser that runs no
    scripts moves a ``<noscript>``'s text out of ``<head>``."""
    lower = html.lower()
    start = 0
    while (opened := lower.find("<noscript", start)) != -1:
        closed = lower.find("</noscript", opened)
        if closed == -1:
            closed = min(len(lower), opened + NOSCRIPT_UNCLOSED_CHARS)
        yield " ".join(TAG.sub(" ", lower[opened:closed]).split())
        start = closed + 1


def script_built_reason(html: str) -> str | None:
    """Why the page looks built by script (for the log), or None if it reads as it is."""
    tree = HTMLParser(html)
    scripts = tree.css("script")
    if not scripts:
        return None
    found = signals()
    sources = [(script.attributes.get("src") or "").lower() for script in scripts]
    script_chars = sum(len(script.text()) for script in scripts)
    if any(phrase in text for text in noscript_texts(html) for phrase in found["noscript_phrases"]):
        return "a <noscript> asks for JavaScript"
    for tag in ("noscript", "script", "style", "template"):
        for node in tree.css(tag):
            node.decompose()
    body = tree.body
    text = " ".join(body.text(separator=" ").split()) if body is not None else ""
    for root_id in found["app_roots"]:
        root = tree.css_first(f'[id="{root_id}"]')
        if root is not None and not root.text(strip=True):
            return f"an empty app root #{root_id}"
    little_text = len(text) < LITTLE_TEXT_CHARS or len(text) < LITTLE_TEXT_SHARE * len(html)
    if not little_text:
        return None
    if any(pattern in src for src in sources if src for pattern in found["bundle_patterns"]):
        return "little text and a script bundle"
    if script_chars > SCRIPT_TO_TEXT * max(len(text), 1):
        return "little text and much more script"
    return None
