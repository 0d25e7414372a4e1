"""A fetcher on an event loop of its own thread, for jobs whose loop is synchronous (the job
loop and Django's ORM are not for event loops): ``submit`` a coroutine, get a Future."""

import asyncio
import threading
from collections.abc import Coroutine
from concurrent.futures import Future
from typing import Any

import sniffio

from extraction.fetch.fetcher import Fetcher
from extraction.fetch.options import FetchOptions


class FetchingThread:
    """Use as a context manager: the thread and the fetcher's connections live inside it."""

    def __init__(self, options: FetchOptions):
        self.fetcher = Fetcher(options)
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._run, name="fetching", daemon=True)

    def _run(self) -> None:
        # The thread is asyncio's alone, so sniffio is told once: httpcore asks it which
        # library runs at every lock and shield, and otherwise each answer costs a look-up of
        # the current task.
        sniffio.thread_local.name = "asyncio"
        self._loop.run_forever()

    def __enter__(self) -> "FetchingThread":
        self._thread.start()
        self.submit(self.fetcher.__aenter__()).result()
        return self

    def __exit__(self, *exc_info) -> None:
        self.submit(self.fetcher.__aexit__(None, None, None)).result()
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join()
        self._loop.close()

    def submit(self, coroutine: Coroutine[Any, Any, Any]) -> Future:
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop)
