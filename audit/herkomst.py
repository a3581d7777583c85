"""Where a request comes from, for login throttling and the audit log."""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    """The client's address: REMOTE_ADDR, or behind proxies an entry of the header named by
    CLIENT_IP_HEADER.

    Each of the TRUSTED_PROXY_HOPS proxies appends the address it was reached from, so the
    client's address is the entry that many places from the right; entries further left are
    the client's own word and never used. When the header is missing, holds fewer entries or
    that entry is no IP address, the connection's own address is used."""
    if settings.CLIENT_IP_HEADER:
        doorgegeven = request.META.get(settings.CLIENT_IP_HEADER, "").split(",")
        if len(doorgegeven) >= settings.TRUSTED_PROXY_HOPS:
            kandidaat = doorgegeven[-settings.TRUSTED_PROXY_HOPS].strip()
            try:
                return str(ipaddress.ip_address(kandidaat))
            except ValueError:
                pass
    return request.META.get("REMOTE_ADDR") or None
