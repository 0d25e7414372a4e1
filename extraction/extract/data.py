"""Word lists kept in extraction/data/*.txt so curators can extend them without touching code."""

from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def _read_list(name: str) -> frozenset[str]:
    lines = (DATA_DIR / name).read_text(encoding="utf-8").splitlines()
    return frozenset(
        line.strip().lower() for line in lines if line.strip() and not line.lstrip().startswith("#")
    )


@cache
def junk_email_domains() -> frozenset[str]:
    return _read_list("junk_email_domains.txt")


@cache
def placeholder_email_locals() -> frozenset[str]:
    return _read_list("placeholder_email_locals.txt")


@cache
def role_email_locals() -> frozenset[str]:
    return _read_list("role_email_locals.txt")
