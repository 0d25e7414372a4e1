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
# Inline elements that hold a label: no word runs on past their end.
WORD_END_TAGS = word_list("html_word_end_tags")
HIDDEN_SELECTOR = (
    "[hidden], [style*='display:none' i], "
    "[style*='display: none' i], [style*='visibility:hidden' i], [style*='visibility: hidden' i]"
)
_WS = re.compile(r"\s+")
# The links worth reading: addresses, numbers, Cloudflare-protected addresses (selected in C),
# and profiles on the social networks, whose hosts (extraction/data/social_hosts.txt) are all
# ".com" ones: the few absolute ".com/" links of a page are filtered in Python.
LINK_SELECTOR = (
    "a[href^='mailto:' i], a[href^='tel:' i], a[href*='email-protection' i], "
    "a[href^=' mailto:' i], a[href^=' tel:' i], a[href*='.com/']"
)
_SOCIAL_LINK_RE = re.compile(
    r"(?:^|[/.])(?:"
    + "|".join(re.escape(entry.split()[0]) for entry in sorted(word_list("social_hosts")))
    + ")/",
    re.IGNORECASE,
)


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
    # The page's language as its <html lang> says ("de", "pt-BR"), or "".
    lang: str = ""

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
    root = tree.root
    if root is not None:
        doc.lang = root.attrs.get("lang") or root.attrs.get("xml:lang") or ""
    body = tree.body
    if body is None:
        return doc
    # The selections run in C and cost less than scanning the page for a hint first.
    hidden = {node.mem_id for node in tree.css(HIDDEN_SELECTOR)}
    links = _wanted_links(tree)
    cf = {}
    if "data-cfemail" in html:
        cf = {
            node.mem_id: node.attrs.get("data-cfemail") or "" for node in tree.css("[data-cfemail]")
        }
    _walk(body, doc, hidden, cf, links)
    return doc


def _wanted_links(tree) -> dict:
    """mem_id -> href of the links worth reading."""
    links = {}
    for node in tree.css(LINK_SELECTOR):
        href = node.attrs.get("href") or ""
        if (
            ".com/" not in href
            or href.lstrip()[:7].lower() in ("mailto:", "tel:")
            or "email-protection" in href
            or _SOCIAL_LINK_RE.search(href, 0, 300)
        ):
            links[node.mem_id] = href
    return links


def _walk(body, doc: Document, hidden: set, cf: dict, link_hrefs: dict) -> None:
    """Depth-first, iterative (broken markup nests deep), skipping invisible subtrees.

    Opening an element is written out here rather than in a method: it runs for every element
    of the page, and a call per element is a fifth of the walk's time."""
    walker = _Walker(doc, cf, link_hrefs)
    tags, parents, starts, ends = doc.tags, doc.parents, doc.starts, doc.ends
    pieces, stack = walker.pieces, walker.stack
    node = body.child
    budget = MAX_NODES
    while node is not None and budget > 0:
        budget -= 1
        tag = node.tag
        if tag == "-text":
            text = node.text_content
            if text and not text.isspace():
                walker.add_text(text)
            elif text and pieces and pieces[-1][-1] not in " \n":  # between tags: one space
                pieces.append(" ")
                walker.pos += 1
        elif (
            tag
            and tag[0] not in "-!#"
            and tag not in SKIP_TAGS
            and not (hidden and node.mem_id in hidden)
        ):
            idx = len(tags)
            tags.append(tag)
            parents.append(stack[-1])
            block = tag in BLOCK_TAGS
            if block:
                pieces.append("\n")
                walker.pos += 1
            starts.append(walker.pos)
            ends.append(walker.pos)
            if tag == "a" or cf:
                walker.collect(node, tag, idx)
            child = node.child
            if child is not None:
                stack.append(idx)
                node = child
                continue
            if block:
                pieces.append("\n")
                walker.pos += 1
        nxt = node.next
        node = nxt if nxt is not None else walker.climb(node)
    walker.finish()


class _Walker:
    """The state of one walk: text pieces so far, the open elements, what was collected."""

    def __init__(self, doc: Document, cf: dict, link_hrefs: dict):
        self.doc, self.cf, self.link_hrefs = doc, cf, link_hrefs
        self.pieces: list[str] = []
        self.pos = 0
        self.stack = [0]
        # An element that ends a word (a label: <strong>Mail</strong>) closed, or a link opened,
        # since the last text: the next text does not continue the last word.
        self.word_break = False
        doc.tags.append("body")
        doc.starts.append(0)
        doc.ends.append(0)
        doc.parents.append(-1)

    def add_text(self, text: str) -> None:
        """A text node with more than white space in it."""
        pieces = self.pieces
        if "  " in text or "\n" in text or "\t" in text or "\xa0" in text or "\r" in text:
            text = _WS.sub(" ", text)
        if self.word_break:
            self.word_break = False
            if pieces and pieces[-1][-1].isalnum() and text[0].isalnum():
                pieces.append(" ")
                self.pos += 1
        self.doc.piece_starts.append(self.pos)
        self.doc.piece_owners.append(self.stack[-1])
        pieces.append(text)
        self.pos += len(text)

    def collect(self, node, tag: str, idx: int) -> None:
        """A link's href and a Cloudflare-protected address, if the element is one."""
        if tag == "a":
            self._open_link(node, idx)
        if self.cf and node.mem_id in self.cf:
            self.doc.cfemails.append((idx, self.cf[node.mem_id]))

    def _open_link(self, node, idx: int) -> None:
        self.word_break = True
        href = self.link_hrefs.get(node.mem_id) if self.link_hrefs else None
        if href:
            self.doc.links.append((idx, href))

    def climb(self, node):
        """Close the elements left while climbing to the next node with a sibling (or None)."""
        stack, doc = self.stack, self.doc
        while len(stack) > 1:
            idx = stack.pop()
            doc.ends[idx] = self.pos
            tag = doc.tags[idx]
            if tag in BLOCK_TAGS:
                self.pieces.append("\n")
                self.pos += 1
            elif tag in WORD_END_TAGS:
                self.word_break = True
            node = node.parent
            nxt = node.next
            if nxt is not None:
                return nxt
        return None

    def finish(self) -> None:
        while len(self.stack) > 1:  # budget ran out: close what is open
            self.doc.ends[self.stack.pop()] = self.pos
        self.doc.ends[0] = self.pos
        self.doc.text = "".join(self.pieces)
