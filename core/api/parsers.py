"""The API's JSON parser: JSON nested deeper than Python's parser can follow is a 400
(``errors.body``), not a ``RecursionError`` and a 500. (DRF reads the body through Django's
``request.body``, which enforces ``DATA_UPLOAD_MAX_MEMORY_SIZE``; the error handler maps that.)"""

from rest_framework import parsers
from rest_framework.exceptions import ParseError


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError("JSON parse error - nested too deep.") from None
