"""Parse a page once and turn it into what a person reads.

The result, a ``Document``, holds the visible text of the body as one string (block elements
separated by newlines, whitespace collapsed inside text nodes), and the element tree reduced to
character spans over that string, so that grouping can ask "which card, row or paragraph holds
this offset?" with plain arithmetic. Links (``href``), Cloudflare-protected addresses and JSON-LD
blocks are collected on the same pass.
"""

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser

from .data import word_list
from .nesting import cap_nesting

# Pages bigger than this are truncated before parsing: contacts live in the first megabytes.
MAX_HTML_CHARS = 4_000_000
# And the walk stops after this many nodes (a pathological page of millions of empty tags).
MAX_NODES = 400_000

# Subtrees a reader never sees.
SKIP_TAGS = word_list("html_skip_tags")
# Elements that start a new line when rendered.
BLOCK_TAGS = word_list("html_block_tags")
HIDDEN_SELECTOR = (
    "[hidden], [style*='display:none' i], "
    "[style*='display: none' i], [style*='visibility:hidden' i], [style*='visibility: hidden' i]"
)
_WS = re.compile(r"\s+")


@dataclass
class Document:
    text: str = ""
    # Elements, by index: tag, [start, end) span in text, parent index (-1 for the body).
    tags: list[str] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    parents: list[int] = field(default_factory=list)
    # Text pieces: where each starts in text and which element holds it.
    piece_starts: list[int] = field(default_factory=list)
    piece_owners: list[int] = field(default_factory=list)
    # (element index, href) for every visible mailto:, tel: and email-protection link.
    links: list[tuple[int, str]] = field(default_factory=list)
    # (element index, hex) for every visible data-cfemail.
    cfemails: list[tuple[int, str]] = field(default_factory=list)
    # Raw JSON-LD blocks (script contents).
    jsonld: list[str] = field(default_factory=list)

    def element_at(self, offset: int) -> int:
        """The innermost element whose text holds the character at offset (0, the body, if none)."""
        i = bisect_right(self.piece_starts, offset) - 1
        return self.piece_owners[i] if i >= 0 else 0

    def ancestors(self, element: int):
        """element, its parent, ... up to the body."""
        while element >= 0:
            yield element
            element = self.parents[element]

    def span_text(self, element: int) -> str:
        return self.text[self.starts[element] : self.ends[element]]


def parse(html: str) -> Document:
    """Parse html (any string; never raises for odd markup) into a Document."""
    if len(html) > MAX_HTML_CHARS:
        html = html[:MAX_HTML_CHARS]
    if "\x00" in html:
        html = html.replace("\x00", "")
    html = cap_nesting(html)
    try:
        tree = LexborHTMLParser(html)
    except UnicodeError:  # lone surrogates from a mis-decoded page
        tree = LexborHTMLParser(html.encode("utf-8", "replace").decode("utf-8", "replace"))
    doc = Document()
    for node in tree.css("script[type]"):
        if "ld+json" in (node.attrs.get("type") or "").lower():
            doc.jsonld.append(node.text(deep=True) or "")
    body = tree.body
    if body is None:
        return doc
    # Both selections run in C and cost less than scanning the page for a hint first.
    hidden = {node.mem_id for node in tree.css(HIDDEN_SELECTOR)}
    links = {
        node.mem_id: node.attrs.get("href") or ""
        for node in tree.css(
            "a[href^='mailto:' i], a[href^='tel:' i], a[href*='email-protection' i], "
            "a[href^=' mailto:' i], a[href^=' tel:' i]"
        )
    }
    cf = {}
    if "data-cfemail" in html:
        cf = {
            node.mem_id: node.attrs.get("data-cfemail") or "" for node in tree.css("[data-cfemail]")
        }
    _walk(body, doc, hidden, cf, links)
    return doc


def _walk(body, doc: Document, hidden: set, cf: dict, link_hrefs: dict) -> None:
    """Depth-first, iterative (broken markup nests deep), skipping invisible subtrees."""
    pieces: list[str] = []
    pos = 0
    tags, starts, ends, parents = doc.tags, doc.starts, doc.ends, doc.parents
    piece_starts, piece_owners = doc.piece_starts, doc.piece_owners
    links, cfemails = doc.links, doc.cfemails
    tags.append("body")
    starts.append(0)
    ends.append(0)
    parents.append(-1)
    stack = [0]
    node = body.child
    budget = MAX_NODES
    while node is not None and budget > 0:
        budget -= 1
        tag = node.tag
        if tag == "-text":
            text = node.text_content
            if text and text.isspace():  # between tags: one space is enough
                if pieces and pieces[-1][-1] not in " \n":
                    pieces.append(" ")
                    pos += 1
            elif text:
                if "  " in text or "\n" in text or "\t" in text or "\xa0" in text or "\r" in text:
                    text = _WS.sub(" ", text)
                piece_starts.append(pos)
                piece_owners.append(stack[-1])
                pieces.append(text)
                pos += len(text)
        elif tag and tag[0] not in "-!#" and tag not in SKIP_TAGS:
            if hidden and node.mem_id in hidden:
                pass
            else:
                idx = len(tags)
                tags.append(tag)
                parents.append(stack[-1])
                if tag in BLOCK_TAGS:
                    pieces.append("\n")
                    pos += 1
                starts.append(pos)
                ends.append(pos)
                if link_hrefs and tag == "a":
                    href = link_hrefs.get(node.mem_id)
                    if href:
                        links.append((idx, href))
                if cf:
                    hexed = cf.get(node.mem_id)
                    if hexed:
                        cfemails.append((idx, hexed))
                child = node.child
                if child is not None:
                    stack.append(idx)
                    node = child
                    continue
                if tag in BLOCK_TAGS:
                    pieces.append("\n")
                    pos += 1
        # Next sibling, or climb, closing the elements we leave.
        while True:
            nxt = node.next
            if nxt is not None:
                node = nxt
                break
            if len(stack) == 1:
                node = None
                break
            idx = stack.pop()
            ends[idx] = pos
            if tags[idx] in BLOCK_TAGS:
                pieces.append("\n")
                pos += 1
            node = node.parent
    while len(stack) > 1:  # budget ran out: close what is open
        ends[stack.pop()] = pos
    ends[0] = pos
    doc.text = "".join(pieces)
