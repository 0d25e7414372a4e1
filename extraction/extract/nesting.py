"""Cap how deep elements nest before the parser sees the page.

An HTML parser checks the stack of open elements for every block it opens, so a page of 100,000
nested ``<div>``s costs it minutes (quadratic in depth). Browsers stop nesting at a fixed depth
(Blink at 512); so do we: tags that would open deeper than ``MAX_DEPTH`` are replaced by a space,
and their end tags with them. The text stays; only the boxes beyond that depth go.

The depth is followed with a cheap simulation of the parser's stack (end tags pop back to the
matching start tag, unmatched end tags are ignored, void and self-closing siblings such as ``<p>``
and ``<li>`` do not nest, script and style bodies are skipped). Pages with few tags cannot nest deep
enough to matter and are passed through untouched.
"""

import re

from .data import word_list

MAX_DEPTH = 512
# Below this many "<", even a fully nested page parses in a tenth of a second or so.
MIN_TAGS_TO_CHECK = 8192

_TAG_RE = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)")
_TAG_NAME_RE = re.compile(r"<(/?[a-z][a-z0-9-]*)")
_RAW_TEXT_RE = re.compile(r"<(script|style)\b", re.IGNORECASE)
# Elements that never hold others, or that close their open sibling of the same kind.
FLAT_TAGS = word_list("html_flat_tags")


def cap_nesting(html: str, max_depth: int = MAX_DEPTH) -> str:
    """html with every element deeper than max_depth unwrapped (its text kept)."""
    if html.count("<") < MIN_TAGS_TO_CHECK or _deepest(html) <= max_depth:
        return html
    dropped: list[tuple[int, int]] = []
    stack: list[str] = []
    open_counts: dict[str, int] = {}
    deep_counts: dict[str, int] = {}
    for start, end in _markup_spans(html):
        for tag in _TAG_RE.finditer(html, start, end):
            closing, name = tag.group(1), tag.group(2).lower()
            if name in FLAT_TAGS:
                continue
            if closing:
                if deep_counts.get(name):
                    deep_counts[name] -= 1
                    dropped.append(tag.span())
                elif open_counts.get(name):
                    _pop_to(stack, open_counts, name)
            elif len(stack) >= max_depth:
                deep_counts[name] = deep_counts.get(name, 0) + 1
                dropped.append(tag.span())
            else:
                stack.append(name)
                open_counts[name] = open_counts.get(name, 0) + 1
    return _without(html, dropped) if dropped else html


def _deepest(html: str) -> int:
    """How deep the page nests at most, counting tags in scripts too (so never less)."""
    stack: list[str] = []
    open_counts: dict[str, int] = {}
    deepest = 0
    for name in _TAG_NAME_RE.findall(html.lower()):
        if name[0] == "/":
            name = name[1:]
            if open_counts.get(name):
                _pop_to(stack, open_counts, name)
        elif name not in FLAT_TAGS:
            stack.append(name)
            open_counts[name] = open_counts.get(name, 0) + 1
            if len(stack) > deepest:
                deepest = len(stack)
    return deepest


def _pop_to(stack: list[str], open_counts: dict[str, int], name: str) -> None:
    while stack:
        top = stack.pop()
        open_counts[top] -= 1
        if top == name:
            return


def _markup_spans(html: str):
    """[start, end) stretches of html outside script and style bodies."""
    pos = 0
    low = None
    while True:
        match = _RAW_TEXT_RE.search(html, pos)
        if match is None:
            yield pos, len(html)
            return
        yield pos, match.end()
        if low is None:
            low = html.lower()
        close = low.find("</" + match.group(1).lower(), match.end())
        if close == -1:
            return
        pos = close


def _without(html: str, spans: list[tuple[int, int]]) -> str:
    """html with each tag at spans (start of "<name") removed up to its ">", left as a space."""
    pieces = []
    pos = 0
    for start, _ in spans:
        if start < pos:
            continue
        pieces.append(html[pos:start])
        close = html.find(">", start)
        pos = len(html) if close == -1 else close + 1
        pieces.append(" ")
    pieces.append(html[pos:])
    return "".join(pieces)
