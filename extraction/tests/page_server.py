"""Real HTTP servers on loopback for the fetcher and job tests: ``PageServer`` answers routes and
counts hits; ``RawServer`` writes whatever bytes a test wants, as a misbehaving server would."""

import contextlib
import socket
import socketserver
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
        self.host_headers: list[str] = []
        self.accept_encodings: list[str] = []
        self.log: list[str] = []  # paths in the order they were asked for
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer((host, 0), self._handler())
        self._server.daemon_threads = True
        self._server.handle_error = lambda request, address: None  # a client hanging up is fine
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
            self.log.append(path)
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
                server.host_headers.append(self.headers.get("Host", ""))
                server.accept_encodings.append(self.headers.get("Accept-Encoding", ""))
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


class RawServer:
    """Reads each request's head, then hands the socket to ``respond(connection)``, which writes
    raw bytes (a drip, a lie in the headers, a body without end) until it returns or the client
    goes away. ``requests`` counts the requests served."""

    def __init__(self, respond):
        self.requests = 0
        server = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self):
                with contextlib.suppress(OSError):
                    head = b""
                    while b"\r\n\r\n" not in head:
                        data = self.request.recv(4096)
                        if not data:
                            return
                        head += data
                    server.requests += 1
                    respond(self.request)

        self._server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()


def drip(interval: float, declared: int = 1000):
    """A response that sends its headers, then one byte of its body every ``interval`` s."""

    def respond(connection: socket.socket) -> None:
        connection.sendall(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n" % declared
        )
        for _ in range(declared):
            connection.sendall(b"<")
            time.sleep(interval)

    return respond


def endless(chunk: bytes = b"<p>" + b"x" * 16_381, content_type: bytes = b"text/html"):
    """A chunked response whose body never ends."""

    def respond(connection: socket.socket) -> None:
        connection.sendall(
            b"HTTP/1.1 200 OK\r\nContent-Type: " + content_type + b"\r\n"
            b"Transfer-Encoding: chunked\r\n\r\n"
        )
        frame = b"%x\r\n%s\r\n" % (len(chunk), chunk)
        while True:
            connection.sendall(frame)

    return respond


def raw_reply(data: bytes):
    """Sends ``data`` as the whole response, then closes the connection."""

    def respond(connection: socket.socket) -> None:
        connection.sendall(data)

    return respond


@pytest.fixture
def raw_server():
    """``raw_server(respond)`` starts a ``RawServer``; all are stopped after the test."""
    servers = []

    def start(respond) -> RawServer:
        servers.append(RawServer(respond))
        return servers[-1]

    yield start
    for server in servers:
        server.stop()
