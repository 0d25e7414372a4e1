"""``POST /api/v3/token``: a user's token for their username and password, throttled per address."""

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.renderers import JSONRenderer
from rest_framework.throttling import ScopedRateThrottle

from core.api.errors import error_responses
from core.api.parsers import JSONParser


class TokenView(ObtainAuthToken):
    """Exchange a username and password for the user's API token (made on first use).

    Shares the ``login`` throttle with the admin's login form, so guessing passwords is slow on
    both."""

    authentication_classes = []
    permission_classes = []
    parser_classes = [JSONParser]
    renderer_classes = [JSONRenderer]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "login"

    @extend_schema(
        operation_id="token_create",
        request=inline_serializer(
            "TokenRequest",
            {"username": serializers.CharField(), "password": serializers.CharField()},
        ),
        responses={
            200: inline_serializer("TokenResult", {"token": serializers.CharField()}),
            **error_responses(400, 429),
        },
    )
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)
