"""Fetching pages from the open web: a budget per page, bounded memory, and a guard that vets
the address it connects to. Every byte read is hostile until proven otherwise."""

from extraction.fetch import guard, transport
from extraction.fetch.background import FetchingThread
from extraction.fetch.decoding import decode_html
from extraction.fetch.errors import FetchError, NotAFit, Refused, RetryableError, TooLarge
from extraction.fetch.fetcher import Fetcher, fetch_one
from extraction.fetch.guard import is_public_address
from extraction.fetch.options import FetchedFile, FetchedPage, FetchOptions
from extraction.fetch.transport import PoolPerHost

__all__ = [
    "FetchError",
    "FetchOptions",
    "FetchedFile",
    "FetchedPage",
    "Fetcher",
    "FetchingThread",
    "NotAFit",
    "PoolPerHost",
    "Refused",
    "RetryableError",
    "TooLarge",
    "decode_html",
    "fetch_one",
    "guard",
    "is_public_address",
    "transport",
]
