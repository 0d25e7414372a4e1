"""Options and a one-call fetch for the fetcher's tests."""

import asyncio

from extraction.fetch import Fetcher, FetchOptions

HTML = "<html><body><p>Write to jane@firm.example.com</p></body></html>"


def options(**overrides) -> FetchOptions:
    values = {
        "timeout": 2.0,
        "read_timeout": 2.0,
        "retries": 2,
        "max_bytes": 100_000,
        "concurrency": 8,
        "per_domain": 4,
        "user_agent": "WF7-test",
        "allow_private": True,
        "backoff_base": 0.01,
    }
    return FetchOptions(**{**values, **overrides})


def get(url: str, **overrides):
    async def run():
        async with Fetcher(options(**overrides)) as fetcher:
            return await fetcher.fetch(url)

    return asyncio.run(run())
