"""The admin's login form under the API's ``login`` throttle (DRF's rate and cache, per address)."""

from django.http import HttpResponse
from rest_framework.throttling import SimpleRateThrottle


class LoginRateThrottle(SimpleRateThrottle):
    """The ``login`` rate per client address; the API's token endpoint counts in the same bucket."""

    scope = "login"

    def get_cache_key(self, request, view) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


def throttled_login(login_view):
    """Wrap a login view: a POST beyond the ``login`` rate is a 429 with ``Retry-After``."""

    def view(request, *args, **kwargs):
        if request.method == "POST":
            throttle = LoginRateThrottle()
            if not throttle.allow_request(request, None):
                response = HttpResponse(
                    "Too many login attempts. Try again later.\n",
                    status=429,
                    content_type="text/plain; charset=utf-8",
                )
                response["Retry-After"] = str(max(1, int(throttle.wait() or 1)))
                return response
        return login_view(request, *args, **kwargs)

    return view
