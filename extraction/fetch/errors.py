"""What a fetch can fail with; every message is what a curator reads on the page."""


class FetchError(Exception):
    """The page could not be fetched; the message is what a curator reads."""


class NotAFit(FetchError):
    """The URL answered with something that cannot hold contacts (an image, a PDF, binary)."""


class TooLarge(FetchError):
    """The body, as sent or once decompressed, is over the size cap."""


class Refused(FetchError):
    """The guard refused to fetch the URL (an internal address, a bad scheme)."""


class RetryableError(FetchError):
    """A transient failure (timeout, connection, 429, 5xx) worth another attempt."""

    def __init__(self, message: str, retry_after: float | None = None):
        super().__init__(message)
        self.retry_after = retry_after
