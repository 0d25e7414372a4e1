"""The API's one exception handler: every error is a 4xx with the body ``{"errors": {...}}``.

Services raise ``core.exceptions.ApplicationError`` subclasses (``PagesNotFound``,
``InvalidWebAddress``); they become 400s here, so views never catch them. Each key of ``errors``
names the field at fault (``detail`` when the request as a whole is refused, ``body`` when it
cannot be read) and holds a list of messages; a list field holds its messages per index, e.g.
``{"errors": {"page_ids": {"2": ["Must be a valid UUID."]}}}``.
"""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from drf_spectacular.utils import OpenApiResponse
from rest_framework import exceptions, serializers
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler

from core.exceptions import ApplicationError


def _as_api_exception(exc: Exception) -> Exception:
    if isinstance(exc, ApplicationError):
        return exceptions.ValidationError({exc.field: [str(exc)]})
    if isinstance(exc, exceptions.UnsupportedMediaType):
        # The contract: a wrong content type is a 400 naming the problem, like bad JSON.
        return exceptions.ValidationError(
            {"content_type": [f"{exc.detail} Send JSON with Content-Type: application/json."]}
        )
    if isinstance(exc, RequestDataTooBig):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        return exceptions.ValidationError({"body": [f"The body is larger than {limit} bytes."]})
    if isinstance(exc, exceptions.ParseError):
        return exceptions.ValidationError({"body": [str(exc.detail)]})
    return exc


def _errors(data) -> dict:
    if isinstance(data, dict):
        if set(data) == {"detail"} and not isinstance(data["detail"], list | dict):
            return {"detail": [data["detail"]]}
        return data
    return {api_settings.NON_FIELD_ERRORS_KEY: data}


def api_exception_handler(exc, context):
    response = exception_handler(_as_api_exception(exc), context)
    if response is None:
        return None
    response.data = {"errors": _errors(response.data)}
    if isinstance(exc, ApplicationError):
        response.data.update(exc.extra())
    return response


class ApiErrorSerializer(serializers.Serializer):
    """The error body, for the OpenAPI schema."""

    errors = serializers.DictField(  # type: ignore[assignment]  # the body's key, for the schema
        child=serializers.JSONField(),
        help_text="Field name (or `detail`, `body`, `content_type`) → list of messages.",
    )
    unknown_page_ids = serializers.ListField(
        child=serializers.UUIDField(), required=False, help_text="Only when ids are not pages."
    )


ERROR_DESCRIPTIONS = {
    400: "Bad request: `errors` names each field and its problem; nothing was changed.",
    401: "No credentials, or bad ones.",
    403: "Authenticated, but without the permission this needs (the message names it).",
    429: "Too many attempts; `Retry-After` says when to try again.",
    404: "No such page.",
}


def error_responses(*codes: int) -> dict:
    """OpenAPI responses for the given error status codes, all with the one error body."""
    return {
        (code, "application/json"): OpenApiResponse(
            ApiErrorSerializer, description=ERROR_DESCRIPTIONS[code]
        )
        for code in codes
    }
