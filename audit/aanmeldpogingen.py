"""Login throttling by IP address, next to django-axes' lockout of one username + IP address.

Someone who tries a few passwords for many usernames from one address never trips the
per-username rule. So an address with LOGIN_IP_FAILURE_LIMIT failed logins within
LOGIN_IP_WINDOW, whatever the usernames, is locked for every username until the window has
passed without a new failure. django-axes has one failure limit and one cool-off for all its
lockout parameters, so it cannot hold both rules with their own limits itself; this handler
counts the same failures axes already stores (AccessAttempt, one row per username and address)
and answers with axes' own lockout (the 429 page of config.views.aanmelden_geblokkeerd).
"""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.conf import settings
from django.db.models import Sum
from django.utils import timezone


def mislukte_aanmeldingen_vanaf(ip_address: str) -> int:
    """Failed logins from this address, for any username, whose last failure lies within
    LOGIN_IP_WINDOW."""
    sinds = timezone.now() - settings.LOGIN_IP_WINDOW
    pogingen = AccessAttempt.objects.filter(ip_address=ip_address, attempt_time__gte=sinds)
    return pogingen.aggregate(totaal=Sum("failures_since_start"))["totaal"] or 0


class AanmeldpogingenHandler(AxesDatabaseHandler):
    """axes' database handler, which also locks an address that failed across usernames."""

    def ip_geblokkeerd(self, request, credentials=None) -> bool:
        ip_address = getattr(request, "axes_ip_address", None)
        if not ip_address or self.is_whitelisted(request, credentials):
            return False
        return mislukte_aanmeldingen_vanaf(ip_address) >= settings.LOGIN_IP_FAILURE_LIMIT

    def is_locked(self, request, credentials=None) -> bool:
        return super().is_locked(request, credentials) or self.ip_geblokkeerd(request, credentials)

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is None or getattr(request, "axes_locked_out", False):
            return
        if self.ip_geblokkeerd(request, credentials):
            # As axes does for its own rule: this very request already answers with the lockout.
            request.axes_locked_out = True
            request.axes_credentials = credentials
            user_locked_out.send(
                "axes",
                request=request,
                username=get_client_username(request, credentials),
                ip_address=request.axes_ip_address,
            )
