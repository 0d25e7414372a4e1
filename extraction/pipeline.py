"""The job: claim a batch, fetch it concurrently, extract, write each page's result.

Every step is safe to repeat or to lose: a duplicate tick finds nothing to claim, a lost one
leaves pages ``Processing`` until their lease runs out and ``recover_expired_leases`` requeues
them."""

import asyncio
import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, as_completed, wait
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


class PageProcessor:
    """One run of the job: one HTTP client, its event loop on a thread of its own.

    The loop keeps fetching while this thread extracts and writes, so the network wait of one
    page overlaps the CPU work of another. Database work stays on this thread (Django's ORM is
    not for event loops)."""

    def __init__(self, options: FetchOptions | None = None):
        self.options = options or FetchOptions.from_settings()
        self._fetcher = Fetcher(self.options)
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)

    def __enter__(self) -> "PageProcessor":
        self._thread.start()
        self._call(self._fetcher.__aenter__()).result()
        return self

    def __exit__(self, *exc_info) -> None:
        self._call(self._fetcher.__aexit__(*exc_info)).result()
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join()
        self._loop.close()

    def _call(self, coroutine) -> Future:
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop)

    def _start(self, pages: list[ClaimedPage], in_flight: dict) -> None:
        for page in pages:
            in_flight[self._call(self._fetcher.fetch(page.url))] = page

    def _finish(self, page: ClaimedPage, fetched: Future, stats: RunStats) -> None:
        result = fetched.exception() or fetched.result()
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

    def process_batch(self, *, batch_size: int, page_ids: list[UUID] | None = None) -> RunStats:
        """Claim one batch and process it, each page as soon as it has arrived."""
        started = time.monotonic()
        in_flight: dict[Future, ClaimedPage] = {}
        self._start(claim_pages(batch_size=batch_size, page_ids=page_ids), in_flight)
        stats = RunStats()
        for fetched in as_completed(in_flight):
            self._finish(in_flight[fetched], fetched, stats)
        stats.seconds = time.monotonic() - started
        return stats

    def drain(
        self,
        *,
        batch_size: int,
        deadline: float | None = None,
        on_batch: Callable[[RunStats], None] | None = None,
    ) -> RunStats:
        """Process pages until the queue is empty or ``deadline`` (monotonic) has passed.

        A new batch is claimed when half of the last one is done, so the network never idles
        while the last pages of a batch are being written."""
        started = time.monotonic()
        stats = RunStats()
        in_flight: dict[Future, ClaimedPage] = {}
        queue_empty = False
        while True:
            in_time = deadline is None or time.monotonic() < deadline
            may_claim = not queue_empty or not in_flight  # look once more before stopping
            if in_time and may_claim and len(in_flight) <= batch_size // 2:
                recover_expired_leases()
                pages = claim_pages(batch_size=batch_size)
                queue_empty = not pages
                self._start(pages, in_flight)
            if not in_flight:
                break
            done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
            for fetched in done:
                self._finish(in_flight.pop(fetched), fetched, stats)
            if on_batch:
                on_batch(stats)
        stats.seconds = time.monotonic() - started
        return stats
