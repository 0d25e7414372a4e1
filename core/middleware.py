"""Junk in the admin's addresses: PostgreSQL cannot hold a NUL character, so a NUL in a list
filter, a search or an object id would be a 500. Such a filter is dropped with a message, such an
id is a 404, before any view sees them."""

from django.contrib import messages
from django.http import Http404, HttpResponseBadRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils.text import Truncator

NUL = "\x00"


def _holds_nul(key: str, values: list[str]) -> bool:
    return NUL in key or any(NUL in value for value in values)


class AdminNulCharacterMiddleware:
    """Sits after the message middleware; only looks at requests to the admin."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(reverse("admin:index")):
            return self.get_response(request)
        if NUL in request.path:
            raise Http404("No such page.")
        junk = [key for key, values in request.GET.lists() if _holds_nul(key, values)]
        if not junk:
            return self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            return HttpResponseBadRequest("The address holds a NUL character.")
        kept = request.GET.copy()
        for key in junk:
            del kept[key]
        names = ", ".join(Truncator(key.replace(NUL, "")).chars(40) or "?" for key in junk)
        messages.warning(
            request, f"Ignored {names}: a filter or search cannot hold a NUL character."
        )
        return HttpResponseRedirect(f"{request.path}?{kept.urlencode()}" if kept else request.path)
