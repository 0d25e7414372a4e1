"""Tables laid out by column: one person a column, a row for roles, names, addresses, emails.

In such a table the cells beside an address belong to other people; the person's name, role
and phone are in the same column of the other rows. A row is read that way when it holds
another address besides the hit's (a table with one person a row keeps each person in a row).
"""

from .text import Document

CELL_TAGS = frozenset({"td", "th"})
ROW_PARENT_TAGS = frozenset({"table", "tbody", "thead", "tfoot"})
# A table of people by column has a row per kind of detail: a few rows, never many.
MAX_ROWS = 12
# How far up from the hit's element its cell may be (a link in a span in the cell).
MAX_CELL_DEPTH = 4
# A cell holding only an address and its label ("E-Mail: kassierer [at] club.de").
MAX_BARE_CELL_CHARS = 120


class Columns:
    """The rows of the page's tables, read on demand, each table once."""

    def __init__(self, doc: Document):
        self.doc = doc
        self._tables: dict[int, tuple[list[list[int]], dict[int, tuple[int, int]]]] = {}

    def bare_cell_of(self, element: int) -> int:
        """The table cell that holds element (itself or a few levels up) and little else (the
        address and its label: no card of its own), or -1."""
        doc = self.doc
        for _ in range(MAX_CELL_DEPTH):
            if element < 0:
                return -1
            if doc.tags[element] in CELL_TAGS:
                return element if self._is_bare(element) else -1
            element = doc.parents[element]
        return -1

    def _is_bare(self, cell: int) -> bool:
        doc = self.doc
        if doc.ends[cell] - doc.starts[cell] > MAX_BARE_CELL_CHARS:
            return False  # measured before the text is cut out: a layout cell may hold the page
        return sum(1 for line in doc.span_text(cell).split("\n") if line.strip()) <= 2

    def same_column(self, cell: int) -> list[int]:
        """The cells in cell's column of the other rows, in page order (a name row comes
        before the address rows), or [] when cell is in no table small enough to read."""
        doc = self.doc
        row = doc.parents[cell]
        if row < 0 or doc.tags[row] != "tr" or doc.tags[doc.parents[row]] not in ROW_PARENT_TAGS:
            return []
        rows, where = self._table(doc.parents[row])
        if cell not in where or not 2 <= len(rows) <= MAX_ROWS:
            return []
        at, column = where[cell]
        return [cells[column] for i, cells in enumerate(rows) if i != at and column < len(cells)]

    def _table(self, parent: int) -> tuple[list[list[int]], dict[int, tuple[int, int]]]:
        """The cells of each row directly under parent, in page order, and each cell's (row,
        column) (cached per parent)."""
        found = self._tables.get(parent)
        if found is not None:
            return found
        doc = self.doc
        rows: dict[int, list[int]] = {}
        end = doc.ends[parent]
        for el in range(parent + 1, len(doc.tags)):  # descendants follow parent in page order
            if doc.starts[el] > end or len(rows) > MAX_ROWS:
                break
            owner = doc.parents[el]
            if owner == parent and doc.tags[el] == "tr":
                rows[el] = []
            elif owner in rows and doc.tags[el] in CELL_TAGS:
                rows[owner].append(el)
        cells = list(rows.values())
        where = {cell: (r, c) for r, row in enumerate(cells) for c, cell in enumerate(row)}
        self._tables[parent] = found = (cells, where)
        return found
