"""The job: claim a batch, fetch it concurrently, extract, write each page's result.

Every step is safe to repeat or to lose: a duplicate tick finds nothing to claim, a lost one
leaves pages ``Processing`` until their lease runs out and ``recover_expired_leases`` requeues
them."""

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, fields
from uuid import UUID

from extraction.claims import ClaimedPage, claim_pages, recover_expired_leases
from extraction.extract import extract_contacts
from extraction.fetch import FetchedPage, Fetcher, FetchError, FetchOptions, NotAFit
from extraction.results import PageOutcome, write_page_result
from pages.models import ContactScrapeStatus

logger = logging.getLogger(__name__)


@dataclass
class RunStats:
    processed: int = 0
    complete: int = 0
    error: int = 0
    stale: int = 0
    contacts_created: int = 0
    contacts_updated: int = 0
    seconds: float = 0.0

    def __add__(self, other: "RunStats") -> "RunStats":
        return RunStats(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))

    @property
    def pages_per_second(self) -> float:
        return self.processed / self.seconds if self.seconds else 0.0

    def summary(self) -> str:
        return (
            f"processed {self.processed} pages: {self.complete} complete, {self.error} error, "
            f"{self.stale} stale; contacts {self.contacts_created} created, "
            f"{self.contacts_updated} updated; {self.pages_per_second:.1f} pages/s"
        )


def outcome_for(page: ClaimedPage, fetched: FetchedPage | Exception) -> PageOutcome:
    """Turn a fetch result into what the page's row should say."""
    if isinstance(fetched, NotAFit):
        return PageOutcome(scrape_status=ContactScrapeStatus.NOT_A_FIT, error=str(fetched))
    if isinstance(fetched, FetchError):
        return PageOutcome(scrape_status=ContactScrapeStatus.ERROR, error=str(fetched))
    if isinstance(fetched, Exception):
        return _unexpected(page, fetched)
    try:
        contacts = extract_contacts(fetched.html, fetched.final_url)
    except Exception as exc:  # one bad page must not take the batch down
        return _unexpected(page, exc)
    status = ContactScrapeStatus.CONTACT_FOUND if contacts else ContactScrapeStatus.NO_CONTACT_FOUND
    return PageOutcome(scrape_status=status, contacts=contacts)


def _unexpected(page: ClaimedPage, exc: BaseException) -> PageOutcome:
    logger.error("processing %s failed", page.url, exc_info=exc)
    return PageOutcome(
        scrape_status=ContactScrapeStatus.ERROR, error=f"{type(exc).__name__}: {exc}"
    )


async def _fetch_all(fetcher: Fetcher, pages: list[ClaimedPage]) -> list:
    return await asyncio.gather(
        *(fetcher.fetch(page.url) for page in pages), return_exceptions=True
    )


class PageProcessor:
    """One run of the job: one event loop and one HTTP client shared by all its batches."""

    def __init__(self, options: FetchOptions | None = None):
        self.options = options or FetchOptions.from_settings()
        self._loop = asyncio.new_event_loop()
        self._fetcher = Fetcher(self.options)

    def __enter__(self) -> "PageProcessor":
        self._loop.run_until_complete(self._fetcher.__aenter__())
        return self

    def __exit__(self, *exc_info) -> None:
        self._loop.run_until_complete(self._fetcher.__aexit__(*exc_info))
        self._loop.close()

    def process_batch(self, *, batch_size: int, page_ids: list[UUID] | None = None) -> RunStats:
        started = time.monotonic()
        pages = claim_pages(batch_size=batch_size, page_ids=page_ids)
        if not pages:
            return RunStats()
        fetched = self._loop.run_until_complete(_fetch_all(self._fetcher, pages))
        stats = RunStats()
        for page, result in zip(pages, fetched, strict=True):
            outcome = outcome_for(page, result)
            written = write_page_result(page=page, outcome=outcome)
            stats.processed += 1
            if not written.written:
                stats.stale += 1
            elif outcome.failed:
                stats.error += 1
            else:
                stats.complete += 1
            stats.contacts_created += written.created
            stats.contacts_updated += written.updated
        stats.seconds = time.monotonic() - started
        return stats

    def drain(
        self,
        *,
        batch_size: int,
        deadline: float | None = None,
        on_batch: Callable[[RunStats], None] | None = None,
    ) -> RunStats:
        """Process batches until the queue is empty or ``deadline`` (monotonic) has passed."""
        started = time.monotonic()
        total = RunStats()
        while deadline is None or time.monotonic() < deadline:
            recover_expired_leases()
            stats = self.process_batch(batch_size=batch_size)
            if not stats.processed:
                break
            total = total + stats
            if on_batch:
                on_batch(total)
        total.seconds = time.monotonic() - started
        return total
