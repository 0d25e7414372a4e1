"""Word lists kept in extraction/data/*.txt so curators can extend them without touching code.

Each file holds one word or pattern a line, after a ``#`` comment header saying what the list is.
Every list is read once, on first use.
"""

from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


@cache
def word_list(name: str) -> frozenset[str]:
    """The entries of extraction/data/<name>.txt, lower case, comments and blank lines left out."""
    lines = (DATA_DIR / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(
        line.strip().lower() for line in lines if line.strip() and not line.lstrip().startswith("#")
    )


def junk_email_domains() -> frozenset[str]:
    return word_list("junk_email_domains")


def placeholder_email_locals() -> frozenset[str]:
    return word_list("placeholder_email_locals")


def role_email_locals() -> frozenset[str]:
    return word_list("role_email_locals")
