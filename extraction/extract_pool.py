"""Extraction in worker processes, each page within ``EXTRACT_TIMEOUT_SECONDS`` of wall time.

The limit is enforced from outside the code that could loop: a worker that overruns is killed
and replaced, and only its page fails ("Extraction took longer than 10 s"). The processes also
let extraction use every core while the job's own process fetches and writes. Each worker has an
address-space limit too, so a parser blow-up is a failed page, not a machine out of memory."""

import collections
import contextlib
import logging
import multiprocessing
import queue
import resource
import threading
import traceback
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

logger = logging.getLogger(__name__)

WORKER_MEMORY_BYTES = 2 * 1024**3
PRELOAD = ["extraction.extract", "extraction.extract.script_built"]  # imported once, forked after
_STOP = None  # sent down the pipe: the worker process exits
_CLOSE = object()  # put on the pool's queue: each feeding thread stops its process and ends
PIPELINE_DEPTH = 2  # pages sent to a worker process ahead of its answers


class ExtractionFailed(Exception):
    """The extractor raised; the message names the exception's class and says what it said."""


class ExtractionTimeout(ExtractionFailed):
    pass


@dataclass(frozen=True)
class ExtractRequest:
    html: str
    url: str
    default_region: str
    # Also say whether a page without contacts looks built by script (``FETCH_RENDER=auto``):
    # asked here, in the worker, so that the job's own process never parses a page.
    ask_script_built: bool = False


@dataclass(frozen=True)
class Extracted:
    page: Any  # extraction.extract.PageExtraction
    script_built: str | None = None  # why the page looks built by script, when asked


def extract(request: ExtractRequest) -> Extracted:
    """The extraction a worker runs (strict: errors propagate to the pool)."""
    from extraction.extract import extract_page_strict
    from extraction.extract.script_built import script_built_reason

    page = extract_page_strict(request.html, request.url, request.default_region)
    if request.ask_script_built and not page.contacts:
        return Extracted(page, script_built_reason(request.html))
    return Extracted(page)


def _serve(conn: Connection, function: Callable[[ExtractRequest], Any]) -> None:
    """A worker process: extract each request it is sent until it is told to stop.

    A thread of its own reads the requests as they come, so that the job can send the next page
    while this one is extracted (and never blocks sending it while an answer waits)."""
    with contextlib.suppress(ValueError, OSError):  # a lower hard limit is already in place
        resource.setrlimit(resource.RLIMIT_AS, (WORKER_MEMORY_BYTES, WORKER_MEMORY_BYTES))
    requests: queue.SimpleQueue = queue.SimpleQueue()
    threading.Thread(target=_receive, args=(conn, requests), daemon=True).start()
    while (request := requests.get()) is not _STOP:
        try:
            conn.send(("ok", function(request)))
        except MemoryError:
            conn.send(("error", "MemoryError: the page needed more memory than allowed"))
        except Exception as exc:
            detail = "".join(traceback.format_exception(exc))
            conn.send(("error", f"{type(exc).__name__}: {exc}", detail))


def _receive(conn: Connection, requests: queue.SimpleQueue) -> None:
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            request = _STOP
        requests.put(request)
        if request is _STOP:
            return


Job = tuple[ExtractRequest, Future]


class _Worker:
    """One worker process and the thread that feeds it, ``PIPELINE_DEPTH`` pages ahead: the next
    page is already in the process when it sends an answer, so it never waits for this thread."""

    def __init__(self, pool: "ExtractionPool", index: int):
        self._pool = pool
        self._process: multiprocessing.process.BaseProcess | None = None
        self._conn: Connection | None = None
        self._sent: collections.deque[Job] = collections.deque()  # oldest first, unanswered
        self._thread = threading.Thread(target=self._run, name=f"extract-{index}", daemon=True)
        self._thread.start()

    def _spawn(self) -> None:
        parent, child = self._pool.context.Pipe()
        process = self._pool.context.Process(
            target=_serve, args=(child, self._pool.function), daemon=True
        )
        try:
            process.start()
        finally:
            child.close()
        self._process, self._conn = process, parent

    def _kill(self) -> None:
        if self._process is not None:
            self._process.kill()
            self._process.join()
        if self._conn is not None:
            self._conn.close()
        self._process = self._conn = None

    def _run(self) -> None:
        with contextlib.suppress(Exception):  # started on the first page instead
            self._spawn()
        stopping = False
        while True:
            while not stopping and len(self._sent) < PIPELINE_DEPTH:
                job = self._next(wait=not self._sent)
                if job is None:
                    break
                if job is _CLOSE:
                    stopping = True
                elif job[1].set_running_or_notify_cancel():
                    self._send(job)
            if self._sent:
                self._answer_oldest()
            elif stopping:
                self._stop()
                return

    def _next(self, *, wait: bool) -> Any:
        try:
            return self._pool.requests.get() if wait else self._pool.requests.get_nowait()
        except queue.Empty:
            return None

    def _send(self, job: Job) -> None:
        request, future = job
        if self._process is None or self._conn is None or not self._process.is_alive():
            self._kill()
            try:
                self._spawn()
            except Exception as exc:  # e.g. started from a daemonic process
                logger.exception("cannot start an extraction process")
                future.set_exception(ExtractionFailed(f"Cannot start an extraction process: {exc}"))
                return
        assert self._conn is not None
        self._sent.append(job)
        try:
            self._conn.send(request)
        except OSError:  # the process died: the page it was on fails, the others go again
            self._fail_oldest(ExtractionFailed("Extraction crashed its worker process"))

    def _answer_oldest(self) -> None:
        request, future = self._sent[0]
        conn = self._conn
        assert conn is not None
        try:
            if not conn.poll(self._pool.timeout):
                timeout = f"Extraction took longer than {self._pool.timeout:g} s"
                self._fail_oldest(ExtractionTimeout(timeout))
                return
            answer = conn.recv()
        except (EOFError, OSError):
            self._fail_oldest(ExtractionFailed("Extraction crashed its worker process"))
            return
        self._sent.popleft()
        if answer[0] == "ok":
            future.set_result(answer[1])
        else:
            if len(answer) > 2:
                logger.error("extraction of %s failed:\n%s", request.url, answer[2])
            future.set_exception(ExtractionFailed(answer[1]))

    def _fail_oldest(self, error: ExtractionFailed) -> None:
        """The process is killed; the page it was on (the oldest sent) fails, the pages queued
        behind it are sent again to a fresh process."""
        self._kill()
        _, future = self._sent.popleft()
        future.set_exception(error)
        behind, self._sent = list(self._sent), collections.deque()
        for job in behind:
            self._send(job)

    def _stop(self) -> None:
        if self._conn is not None and self._process is not None:
            with contextlib.suppress(OSError):
                self._conn.send(_STOP)
            self._process.join(timeout=2)
        self._kill()


class ExtractionPool:
    """``submit(request) -> Future``; use as a context manager so the workers are stopped.

    ``function`` runs in the workers: a module-level function, so that they can import it."""

    def __init__(
        self,
        *,
        workers: int,
        timeout: float,
        function: Callable[[ExtractRequest], Any] = extract,
    ):
        self.timeout = timeout
        self.function = function
        self.context = multiprocessing.get_context("forkserver")
        self.context.set_forkserver_preload(PRELOAD)
        self.requests: queue.SimpleQueue = queue.SimpleQueue()
        self._workers = [_Worker(self, index) for index in range(max(workers, 1))]

    def __enter__(self) -> "ExtractionPool":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def submit(self, request: ExtractRequest) -> Future:
        future: Future = Future()
        self.requests.put((request, future))
        return future

    def close(self) -> None:
        for _ in self._workers:
            self.requests.put(_CLOSE)
        for worker in self._workers:
            worker._thread.join()
