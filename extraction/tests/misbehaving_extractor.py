"""An extractor for the pool's tests, in a module of its own: the worker processes import it,
and it must not need Django."""

import os
import time

from extraction.extract_pool import ExtractRequest, extract


def misbehave(request: ExtractRequest):
    """Stands in for an extractor that a hostile page sends astray."""
    if "loop" in request.html:
        while True:
            time.sleep(0.01)
    if "crash" in request.html:
        os._exit(3)
    if "raise" in request.html:
        raise ValueError("the parser gave up")
    return extract(request)
