"""The request as htmx views see it."""

from django.http import HttpRequest
from django.shortcuts import redirect
from django_htmx.http import HttpResponseClientRedirect
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    """A request that django-htmx's middleware has given `request.htmx`."""

    htmx: HtmxDetails


def naar(request: HtmxHttpRequest, url: str):
    """Go to another page after a write: a whole-page visit for htmx, a redirect otherwise."""
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
