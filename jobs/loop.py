"""The one job loop: claim ahead, keep the claims alive, write results in groups, stop on time.

A job plugs in as a ``Job``: ``start`` takes claimed rows and works on them in the background,
``finished`` hands back the ones that are done, ``write`` stores a group of results in one
transaction, guarded so that a row reset or reclaimed meanwhile is not overwritten. Everything
else — claiming fairly, the heartbeat, the lease, the deadline, progress — is here, once."""

import logging
import queue
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.conf import settings
from django.db import close_old_connections, connection

from jobs import claims
from jobs.spec import Claim, JobSpec

logger = logging.getLogger(__name__)

RECOVERY_INTERVAL_SECONDS = 10.0


@dataclass
class Written:
    """What a job's ``write`` did with a group of results."""

    complete: int = 0
    error: int = 0
    stale: int = 0
    counts: dict[str, int] = field(default_factory=dict)

    def __add__(self, other: "Written") -> "Written":
        counts = dict(self.counts)
        for key, value in other.counts.items():
            counts[key] = counts.get(key, 0) + value
        return Written(
            self.complete + other.complete,
            self.error + other.error,
            self.stale + other.stale,
            counts,
        )


@dataclass
class RunStats:
    processed: int = 0
    complete: int = 0
    error: int = 0
    stale: int = 0
    released: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def add(self, written: Written) -> None:
        self.processed += written.complete + written.error + written.stale
        self.complete += written.complete
        self.error += written.error
        self.stale += written.stale
        for key, value in written.counts.items():
            self.counts[key] = self.counts.get(key, 0) + value

    @property
    def per_second(self) -> float:
        return self.processed / self.seconds if self.seconds else 0.0


class Job(Protocol):
    spec: JobSpec

    def start(self, items: list[Claim]) -> None:
        """Begin work on these rows without waiting for it."""

    def finished(self, timeout: float) -> list[tuple[Claim, Any]]:
        """Rows whose work is done, with their results; waits up to ``timeout`` for one."""

    def cancel(self, items: list[Claim]) -> None:
        """Stop work on rows given back to the queue."""

    def write(self, results: list[tuple[Claim, Any]]) -> Written:
        """Store results in one transaction; rows no longer claimed count as stale."""


class Inbox:
    """Where a job's background work leaves its results, and the work still running: ``finished``
    and ``cancel`` as the loop asks them, the same for every job."""

    def __init__(self) -> None:
        self._done: queue.SimpleQueue[tuple[Claim, Any]] = queue.SimpleQueue()
        self._running: dict[Any, Future] = {}
        self._cancelled: set[Any] = set()

    def track(self, item: Claim, work: Future) -> None:
        self._running[item.id] = work

    def put(self, item: Claim, result: Any) -> None:
        self._done.put((item, result))

    def finished(self, timeout: float) -> list[tuple[Claim, Any]]:
        results = []
        try:
            results.append(
                self._done.get(timeout=timeout) if timeout > 0 else self._done.get_nowait()
            )
            while True:
                results.append(self._done.get_nowait())
        except queue.Empty:
            pass
        for item, _ in results:
            self._running.pop(item.id, None)
        return [(item, result) for item, result in results if item.id not in self._cancelled]

    def cancel(self, items: list[Claim]) -> None:
        for item in items:
            self._cancelled.add(item.id)
            work = self._running.pop(item.id, None)
            if work is not None:
                work.cancel()

    def cancel_all(self) -> None:
        for work in self._running.values():
            work.cancel()


class Heartbeat:
    """Renews the lease of every claimed row every ``interval`` seconds, from a thread of its own
    (with its own database connection), for as long as the worker lives."""

    def __init__(self, spec: JobSpec, interval: float):
        self._spec, self._interval = spec, interval
        self._claims: dict[Any, Claim] = {}
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=self._run, name=f"heartbeat-{spec.name}", daemon=True
        )

    def __enter__(self) -> "Heartbeat":
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._stop.set()
        self._thread.join()

    def hold(self, items: Iterable[Claim]) -> None:
        with self._lock:
            self._claims.update((item.id, item) for item in items)

    def drop(self, items: Iterable[Claim]) -> None:
        with self._lock:
            for item in items:
                self._claims.pop(item.id, None)

    def _run(self) -> None:
        try:
            while not self._stop.wait(self._interval):
                with self._lock:
                    held = list(self._claims.values())
                try:
                    close_old_connections()
                    claims.renew(self._spec, held)
                except Exception:  # the next beat tries again; the lease covers a few misses
                    logger.exception("heartbeat of %s failed", self._spec.name)
        finally:
            connection.close()


@dataclass
class LoopOptions:
    batch_size: int
    deadline: float | None = None  # time.monotonic() after which nothing new is claimed
    drain: bool = True  # False: one batch only
    ids: list[Any] | None = None  # only these rows (one batch)
    group_size: int = 50  # results written in one transaction at most
    group_seconds: float = 0.05  # a result waits at most this long for its group
    on_progress: Callable[[RunStats], None] | None = None


def run(job: Job, options: LoopOptions) -> RunStats:
    """Process the job's queue until it is empty (or one batch, or the deadline).

    A new batch is claimed while half of the last one is still in flight, so the workers never
    idle while the last rows of a batch are written. At the deadline, rows still in flight go
    back to the queue rather than waiting for their lease to run out."""
    started = time.monotonic()
    with Heartbeat(job.spec, settings.JOB_HEARTBEAT_SECONDS) as heartbeat:
        stats = _Run(job, options, heartbeat).until_done()
    stats.seconds = time.monotonic() - started
    return stats


class _Run:
    """One run's state: rows in flight, results waiting for their group, what was claimed."""

    def __init__(self, job: Job, options: LoopOptions, heartbeat: Heartbeat):
        self.job, self.options, self.heartbeat = job, options, heartbeat
        self.stats = RunStats()
        self.in_flight: dict[Any, Claim] = {}
        self.pending: list[tuple[Claim, Any]] = []
        self.pending_since = 0.0
        self.claimed_once = self.queue_empty = False
        self.last_recovery = 0.0

    def until_done(self) -> RunStats:
        while True:
            in_time = self.options.deadline is None or time.monotonic() < self.options.deadline
            if in_time:
                self._claim_if_due()
            elif self.in_flight:
                self._give_back(list(self.in_flight.values()))
            if not self.in_flight and not self.pending:
                return self.stats
            self._collect()
            if self._group_due():
                self._write()

    def _claim_if_due(self) -> None:
        options = self.options
        may_claim = (options.drain or not self.claimed_once) and (
            not self.queue_empty or not self.in_flight
        )
        if not may_claim or len(self.in_flight) > options.batch_size // 2:
            return
        now = time.monotonic()
        if options.ids is None and now - self.last_recovery > RECOVERY_INTERVAL_SECONDS:
            claims.recover_expired(self.job.spec)
            self.last_recovery = now
        batch = claims.claim(self.job.spec, batch_size=options.batch_size, ids=options.ids)
        self.claimed_once, self.queue_empty = True, len(batch) < options.batch_size
        self.heartbeat.hold(batch)
        self.in_flight.update((item.id, item) for item in batch)
        self.job.start(batch)

    def _collect(self) -> None:
        wait = self.options.group_seconds if self.pending else 0.5
        if self.options.deadline is not None:
            wait = max(0.0, min(wait, self.options.deadline - time.monotonic()))
        done = self.job.finished(timeout=wait) if self.in_flight else []
        if done and not self.pending:
            self.pending_since = time.monotonic()
        for item, _ in done:
            self.in_flight.pop(item.id, None)
        self.pending += done

    def _group_due(self) -> bool:
        if not self.pending:
            return False
        waited = time.monotonic() - self.pending_since >= self.options.group_seconds
        return len(self.pending) >= self.options.group_size or waited or not self.in_flight

    def _write(self) -> None:
        size = self.options.group_size
        for start in range(0, len(self.pending), size):
            group = self.pending[start : start + size]
            self.stats.add(self.job.write(group))
            self.heartbeat.drop(item for item, _ in group)
        self.pending = []
        if self.options.on_progress:
            self.options.on_progress(self.stats)

    def _give_back(self, items: list[Claim]) -> None:
        self.job.cancel(items)
        self.heartbeat.drop(items)
        self.stats.released += claims.release(self.job.spec, items)
        self.in_flight.clear()
