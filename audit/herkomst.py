"""Where a request comes from, for login throttling and the audit log."""

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    """The client's address: REMOTE_ADDR, or behind a proxy the last entry of the header named
    by CLIENT_IP_HEADER (the one our own proxy appended; earlier entries are the client's word)."""
    if settings.CLIENT_IP_HEADER:
        doorgegeven = request.META.get(settings.CLIENT_IP_HEADER, "")
        laatste = doorgegeven.split(",")[-1].strip()
        if laatste:
            return laatste
    return request.META.get("REMOTE_ADDR") or None
