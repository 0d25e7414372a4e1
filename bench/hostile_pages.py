"""Hostile pages against the fetcher: the wall time and peak memory of a process fetching each.

    .venv/bin/python bench/hostile_pages.py [--deadline 5] [--bomb-mb 8192] [--code DIR]

This process serves, on loopback: a normal 50 KB page (the baseline); a drip (headers, then one
byte every 2 s); the nested-gzip bomb (``Content-Encoding: gzip, gzip``, about 13 KB that decode
to 8 GB); a plain gzip bomb (1 MB that decodes to 1 GB); and a body without end. Each page is
fetched by a fresh child process (``Fetcher`` with ``timeout=--deadline``, the 5 MB cap), whose
peak RSS comes from the kernel (``wait4``), so no spike is missed. Children run under an
address-space limit (``--memory-cap-mb``) so a fetcher that decodes the bomb dies with a
MemoryError instead of taking the machine, and are killed after ``--wall-limit`` seconds.

``--code DIR`` runs the children against another checkout, e.g. main's code before a change:
``git archive main | tar -x -C /tmp/main_code`` then ``--code /tmp/main_code``.
"""

import argparse
import contextlib
import json
import os
import resource
import socketserver
import subprocess
import sys
import threading
import time
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGE = b"<html><body>" + b"<p>Write to info@acmewidgets.com</p>\n" * 1400 + b"</body></html>"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--deadline", type=float, default=5.0, help="FETCH_TIMEOUT_SECONDS")
    parser.add_argument("--bomb-mb", type=int, default=8192, help="nested bomb, decoded size")
    parser.add_argument("--memory-cap-mb", type=int, default=4096, help="children's RLIMIT_AS")
    parser.add_argument("--wall-limit", type=float, default=60.0, help="children are killed")
    parser.add_argument("--code", type=Path, default=ROOT, help="the checkout to measure")
    parser.add_argument("--case", action="append", help="run only these cases")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    return parser.parse_args()


def gzip_of(chunks) -> bytes:
    """Gzip a stream of chunks without holding what they add up to."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    return b"".join(compressor.compress(chunk) for chunk in chunks) + compressor.flush()


def zeros(size: int, block: int = 1 << 20):
    for start in range(0, size, block):
        yield bytes(min(block, size - start))


def gzip_pieces(size: int):
    """The gzip stream of ``size`` zeros, piece by piece (the inner layer of the nested bomb)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    for chunk in zeros(size):
        yield compressor.compress(chunk)
    yield compressor.flush()


def head(content_type: str = "text/html", **headers: str) -> bytes:
    lines = ["HTTP/1.1 200 OK", f"Content-Type: {content_type}", "Connection: close"]
    lines += [f"{name.replace('_', '-')}: {value}" for name, value in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def serve(cases: dict) -> int:
    """Serve ``cases[path](connection)`` on 127.0.0.1; return the port."""

    class Handler(socketserver.BaseRequestHandler):
        def handle(self):
            request = b""
            while b"\r\n\r\n" not in request:
                data = self.request.recv(4096)
                if not data:
                    return
                request += data
            path = request.split(b" ", 2)[1].decode()
            with contextlib.suppress(OSError):  # the client hung up: the point of most pages here
                cases[path](self.request)

    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server.server_address[1]


def hostile_pages(bomb_mb: int) -> dict:
    started = time.monotonic()
    nested = gzip_of(gzip_pieces(bomb_mb << 20))
    plain = gzip_of(zeros(1 << 30))
    print(
        f"bombs built in {time.monotonic() - started:.1f} s: nested {len(nested):,} bytes "
        f"({bomb_mb:,} MB decoded), plain {len(plain):,} bytes (1,024 MB decoded)"
    )

    def normal(connection):
        connection.sendall(head(Content_Length=str(len(PAGE))) + PAGE)

    def drip(connection):
        connection.sendall(head(Content_Length="1000"))
        for _ in range(1000):
            connection.sendall(b"<")
            time.sleep(2)

    def nested_bomb(connection):
        headers = head(Content_Encoding="gzip, gzip", Content_Length=str(len(nested)))
        connection.sendall(headers + nested)

    def plain_bomb(connection):
        connection.sendall(head(Content_Encoding="gzip", Content_Length=str(len(plain))) + plain)

    def endless(connection):
        connection.sendall(head(Transfer_Encoding="chunked"))
        chunk = b"<p>" + b"x" * 65_533
        frame = b"%x\r\n%s\r\n" % (len(chunk), chunk)
        while True:
            connection.sendall(frame)

    cases = {"normal 50 KB page": normal, "drip, 1 byte / 2 s": drip}
    cases[f"nested gzip bomb, {len(nested) // 1024} KB"] = nested_bomb
    cases[f"gzip bomb, {len(plain) // 1024} KB"] = plain_bomb
    cases["endless body"] = endless
    return cases


def run_child(url: str, deadline: float) -> None:
    """In the child: fetch ``url`` once with the code on sys.path; print the outcome as JSON."""
    import asyncio

    from extraction.fetch import Fetcher, FetchOptions

    options = FetchOptions(
        timeout=deadline,
        retries=0,
        max_bytes=5 * 1024 * 1024,
        concurrency=4,
        per_domain=4,
        user_agent="WF7-hostile-bench",
        allow_private=True,
    )

    async def fetch():
        async with Fetcher(options) as fetcher:
            return await fetcher.fetch(url)

    try:
        page = asyncio.run(fetch())
        outcome = f"page, {len(page.html):,} characters"
    except MemoryError:
        outcome = "MemoryError"
    except Exception as exc:  # the outcome is what we report, whatever it is
        outcome = f"{type(exc).__name__}: {exc}"[:110]
    print(json.dumps({"outcome": outcome}))


def measure(args, url: str) -> dict:
    cap = args.memory_cap_mb << 20

    def limit_memory():
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    command = [sys.executable, __file__, "--child", url, "--deadline", str(args.deadline)]
    command += ["--code", str(args.code.resolve())]
    env = {**os.environ, "PYTHONPATH": str(args.code.resolve())}
    started = time.monotonic()
    child = subprocess.Popen(
        command, env=env, cwd=args.code, stdout=subprocess.PIPE, preexec_fn=limit_memory
    )
    killer = threading.Timer(args.wall_limit, child.kill)
    killer.start()
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.monotonic() - started
    killer.cancel()
    output = child.stdout.read().decode().strip().splitlines()
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode == -9:
        outcome = f"still fetching after {args.wall_limit:g} s: killed"
    elif output:
        outcome = json.loads(output[-1])["outcome"]
    else:
        outcome = f"died (exit {child.returncode})"
    return {"seconds": elapsed, "peak_mb": usage.ru_maxrss / 1024, "outcome": outcome}


def main() -> None:
    args = parse_args()
    if args.child:
        sys.path.insert(0, str(args.code.resolve()))
        run_child(args.child, args.deadline)
        return
    cases = hostile_pages(args.bomb_mb)
    port = serve({f"/{index}": respond for index, respond in enumerate(cases.values())})
    print(
        f"code: {args.code.resolve()}; deadline {args.deadline:g} s, cap 5 MB, children limited "
        f"to {args.memory_cap_mb:,} MB of address space and {args.wall_limit:g} s\n"
    )
    print(f"{'page':<28} {'seconds':>8} {'peak MB':>8}  outcome")
    for index, name in enumerate(cases):
        if args.case and not any(wanted in name for wanted in args.case):
            continue
        row = measure(args, f"http://127.0.0.1:{port}/{index}")
        print(f"{name:<28} {row['seconds']:8.1f} {row['peak_mb']:8.0f}  {row['outcome']}")


if __name__ == "__main__":
    main()
