"""Limit/offset pagination for every API list, with a client-chosen but bounded limit.

Limit/offset rather than page numbers: the contacts list has a ``page`` filter (a page's id)."""

from django.conf import settings
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import LimitOffsetPagination


def _whole_number(request, name: str, *, minimum: int) -> int | None:
    text = request.query_params.get(name)
    if text is None:
        return None
    if not text.isascii() or not text.isdigit() or int(text) < minimum:
        raise ValidationError({name: [f"A whole number of {minimum} or more is required."]})
    return int(text)


class ApiPagination(LimitOffsetPagination):
    """``limit`` and ``offset`` that are not whole numbers are a 400, not silently ignored."""

    # Properties, read when asked, so that a test can change the setting.
    @property
    def default_limit(self) -> int:  # type: ignore[override]
        return settings.API_PAGE_SIZE

    @property
    def max_limit(self) -> int:  # type: ignore[override]
        return settings.API_MAX_PAGE_SIZE

    def get_limit(self, request) -> int:
        limit = _whole_number(request, self.limit_query_param, minimum=1)
        return self.default_limit if limit is None else min(limit, self.max_limit)

    def get_offset(self, request) -> int:
        return _whole_number(request, self.offset_query_param, minimum=0) or 0

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1 if parameter["name"] == "limit" else 0
        return parameters
