"""The fetcher's knobs, read from the settings, and what a fetch returns."""

from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class FetchOptions:
    timeout: float  # the whole page: every hop, retry and backoff sleep
    retries: int
    max_bytes: int  # decoded bytes; also the cap on bytes received
    concurrency: int
    per_domain: int
    user_agent: str
    allow_private: bool
    scraper_api_key: str = ""
    scraper_api_url: str = ""
    backoff_base: float = 0.5
    read_timeout: float = 15.0  # one connect or read; never more than ``timeout``
    max_compression_ratio: float = 100.0

    @classmethod
    def from_settings(cls, **overrides) -> "FetchOptions":
        values = {
            "timeout": settings.FETCH_TIMEOUT_SECONDS,
            "read_timeout": settings.FETCH_READ_TIMEOUT_SECONDS,
            "retries": settings.FETCH_RETRIES,
            "max_bytes": settings.FETCH_MAX_BYTES,
            "max_compression_ratio": settings.FETCH_MAX_COMPRESSION_RATIO,
            "concurrency": settings.FETCH_CONCURRENCY,
            "per_domain": settings.FETCH_PER_DOMAIN_CONCURRENCY,
            "user_agent": settings.FETCH_USER_AGENT,
            "allow_private": settings.FETCH_ALLOW_PRIVATE_ADDRESSES,
            "scraper_api_key": settings.SCRAPER_API_KEY,
            "scraper_api_url": settings.SCRAPER_API_URL,
        }
        values.update({key: value for key, value in overrides.items() if value is not None})
        return cls(**values)


@dataclass(frozen=True)
class FetchedPage:
    url: str
    final_url: str
    status_code: int
    html: str
