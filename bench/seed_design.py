"""The original design, for comparison: one page after another, the seed's two regexes over the
raw HTML (seeds/wf7-workflow.md, "Success evidence")."""

import re
import time

import httpx

SEED_EMAIL = re.compile(r"[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\.[a-zA-Z]{2,}")
SEED_PHONE = re.compile(r"\+?1?\s*\(?[0-9]{3}\)?[-.\s]?[0-9]{3}[-.\s]?[0-9]{4}")


def seed_extract(html: str) -> tuple[set[str], set[str]]:
    return set(SEED_EMAIL.findall(html)), set(SEED_PHONE.findall(html))


def run_seed(urls: list[str], timeout: float = 70.0) -> dict:
    started = time.monotonic()
    found = 0
    with httpx.Client(timeout=timeout) as client:
        for url in urls:
            emails, phones = seed_extract(client.get(url).text)
            found += len(emails) + len(phones)
    seconds = time.monotonic() - started
    return {
        "pages": len(urls),
        "seconds": seconds,
        "pages_per_second": len(urls) / seconds,
        "matches": found,
    }
