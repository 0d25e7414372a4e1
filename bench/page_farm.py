"""A farm of realistic pages on several loopback addresses, with a simulated network latency.

Pages are 50-200 KB like real directory pages: navigation, inline scripts full of ids and
timestamps, srcsets, prose, and a few staff cards whose contacts are known in advance."""

import asyncio
import multiprocessing
import random

FIRST_NAMES = [
    "Anna",
    "Ben",
    "Carla",
    "David",
    "Emma",
    "Farid",
    "Grace",
    "Hiro",
    "Ines",
    "Jonas",
    "Kemi",
    "Liam",
    "Maya",
    "Noor",
]
LAST_NAMES = [
    "Adams",
    "Becker",
    "Chen",
    "Diaz",
    "Evans",
    "Fischer",
    "Garcia",
    "Haddad",
    "Ito",
    "Jensen",
    "Kim",
    "Lopez",
]
FIRMS = ["harrisonlaw.com", "brightmoor.org", "calderpartners.com", "northwind-legal.com"]
AREA_CODES = ["212", "415", "312", "617", "206", "303", "404", "713"]


def person(n: int, k: int) -> tuple[str, str, str]:
    rng = random.Random(n * 100 + k)
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    email = f"{first}.{last}{n}x{k}@{FIRMS[n % len(FIRMS)]}".lower()
    phone = f"({rng.choice(AREA_CODES)}) {rng.randint(200, 989)}-{rng.randint(1000, 9999)}"
    return f"{first} {last}", email, phone


def _script_block(rng: random.Random) -> str:
    """About 10 KB of the state blob a modern page inlines: ids, timestamps, SKUs, prices."""
    return ",".join(
        f'{{"id":{rng.randint(10**9, 10**10)},"ts":{rng.randint(1.6e12, 1.8e12)},'
        f'"sku":"{rng.randint(100000, 999999)}-{rng.randint(1000, 9999)}",'
        f'"price":"{rng.randint(1, 999)}.{rng.randint(10, 99)}"}}'
        for _ in range(110)
    )


def _prose_block(rng: random.Random) -> str:
    return " ".join(
        f"Our team has advised clients since {rng.randint(1950, 2020)} on matters worth "
        f"${rng.randint(1, 900)}.{rng.randint(0, 9)}m across {rng.randint(2, 40)} countries."
        for _ in range(40)
    )


_blocks = random.Random(7)
SCRIPT_BLOCKS = [_script_block(_blocks) for _ in range(64)]
PROSE_BLOCKS = [_prose_block(_blocks) for _ in range(64)]
NAV = "".join(f'<li><a href="/section/{i}">Section {i}</a></li>' for i in range(60))
IMAGES = "".join(
    f'<img src="/img/{i}.jpg" srcset="/img/{i}@2x.png 2x, /img/{i}@3x.png 3x" alt="">'
    for i in range(30)
)


def page_html(n: int) -> bytes:
    rng = random.Random(n)
    size = rng.randint(60_000, 215_000)  # what the blocks add up to: 50-200 KB
    cards = "".join(
        f'<div class="card"><h3>{name}</h3><a href="mailto:{email}">{email}</a>'
        f"<p>Tel: {phone}</p></div>"
        for name, email, phone in (person(n, k) for k in range(rng.randint(2, 6)))
    )
    prose = " ".join(rng.choice(PROSE_BLOCKS) for _ in range(max(size // 3 // 4000, 1)))
    body = (
        f"<nav><ul>{NAV}</ul></nav>{IMAGES}<article><p>{prose}</p></article>"
        f'<section class="people">{cards}</section>'
    )
    blocks = [rng.choice(SCRIPT_BLOCKS) for _ in range(max((size - len(body)) // 10_000, 1))]
    script = "<script>window.__STATE__=[" + ",".join(blocks) + "];</script>"
    head = f"<head><title>Team {n}</title>{script}</head>"
    return f"<!doctype html><html>{head}<body>{body}</body></html>".encode()


async def _serve(host: str, port: int, latency: float, pages: dict[int, bytes]) -> None:
    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                path = head.split(b" ", 2)[1].decode()
                await asyncio.sleep(latency)
                number = path.rsplit("/", 1)[1]
                body = pages.get(int(number)) if number.isdigit() else None
                status = b"200 OK" if body else b"404 Not Found"
                body = body or b"not found"
                writer.write(
                    b"HTTP/1.1 " + status + b"\r\nContent-Type: text/html; charset=utf-8\r\n"
                    b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body
                )
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    server = await asyncio.start_server(handle, host, port, backlog=1024)
    async with server:
        await server.serve_forever()


def _run(hosts: list[str], port: int, latency: float, count: int) -> None:
    pages = {n: page_html(n) for n in range(count)}  # made before serving: not measured

    async def main():
        await asyncio.gather(*(_serve(host, port, latency, pages) for host in hosts))

    asyncio.run(main())


def start_farm(hosts: list[str], port: int, latency: float, count: int):
    process = multiprocessing.get_context("spawn").Process(
        target=_run, args=(hosts, port, latency, count), daemon=True
    )
    process.start()
    return process
