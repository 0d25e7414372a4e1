"""Draining the queue from several processes: extraction is CPU work, so a second core helps.

Each process opens its own database connection and HTTP client; the claim keeps them apart."""

import multiprocessing
from concurrent.futures import ProcessPoolExecutor

from django.db import connections

from extraction.fetch import FetchOptions
from extraction.pipeline import PageProcessor, RunStats


def _drain_one(batch_size: int, options: FetchOptions) -> RunStats:
    with PageProcessor(options) as processor:
        stats = processor.drain(batch_size=batch_size)
    connections.close_all()
    return stats


def drain_in_processes(*, workers: int, batch_size: int, options: FetchOptions) -> RunStats:
    connections.close_all()  # a forked child must not share the parent's socket
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = [pool.submit(_drain_one, batch_size, options) for _ in range(workers)]
        results = [future.result() for future in futures]
    total = RunStats()
    for stats in results:
        total = total + stats
    total.seconds = max(stats.seconds for stats in results)
    return total
