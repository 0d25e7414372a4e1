"""The one base of the errors that services raise for bad input.

The API's exception handler turns any ``ApplicationError`` into a 400 whose ``errors`` body names
``field``; views and services never import DRF's exceptions for that."""


class ApplicationError(Exception):
    """A request the service refuses; the message is what the user reads."""

    field = "detail"

    def extra(self) -> dict:
        """More keys for the API's error body (e.g. the ids that were not found)."""
        return {}
