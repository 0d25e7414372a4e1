"""A real HTTP server on loopback for the fetcher and job tests, with per-path hit counts."""

import contextlib
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict = field(default_factory=lambda: {"Content-Type": "text/html; charset=utf-8"})
    delay: float = 0.0


class PageServer:
    def __init__(self, host: str = "127.0.0.1"):
        self.routes: dict[str, list[Reply]] = {}
        self.hits: Counter[str] = Counter()
        self.queries: list[str] = []
        self.user_agents: list[str] = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer((host, 0), self._handler())
        self._server.daemon_threads = True
        self.host, self.port = self._server.server_address[:2]
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def url(self, path: str) -> str:
        return f"http://{self.host}:{self.port}{path}"

    def add(self, path: str, *replies: Reply) -> str:
        """Serve ``replies`` in turn at ``path``; the last one is repeated."""
        self.routes[path] = list(replies)
        return self.url(path)

    def html(self, path: str, html: str, **kwargs) -> str:
        return self.add(path, Reply(body=html.encode(), **kwargs))

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _next_reply(self, path: str) -> Reply:
        with self._lock:
            self.hits[path] += 1
            replies = self.routes.get(path)
            if not replies:
                return Reply(status=404, body=b"not found")
            return replies.pop(0) if len(replies) > 1 else replies[0]

    def _handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):
                parts = urlsplit(self.path)
                server.queries.append(parts.query)
                server.user_agents.append(self.headers.get("User-Agent", ""))
                reply = server._next_reply(parts.path)
                if reply.delay:
                    time.sleep(reply.delay)
                self.send_response(reply.status)
                headers = {"Content-Length": str(len(reply.body)), **reply.headers}
                for name, value in headers.items():
                    if value is not None:
                        self.send_header(name, value)
                self.end_headers()
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(reply.body)

            def log_message(self, *args):
                pass

        return Handler


@pytest.fixture
def page_server():
    server = PageServer()
    yield server
    server.stop()
