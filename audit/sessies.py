"""Sessions end after SESSION_COOKIE_AGE of inactivity, renewed at most once per
SESSION_RENEW_AFTER seconds.

SESSION_SAVE_EVERY_REQUEST would give the same sliding expiry, but at the cost of a session
write on every request, and open boards poll every 4 seconds. Marking the session modified now
and then makes SessionMiddleware save it (new expiry in the database) and send the cookie again
(new expiry in the browser). Signing in stamps the session, so the first pages after it cost
no extra write either.
"""

import time

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

VERLENGD_OP = "sessie_verlengd_op"


@receiver(user_logged_in)
def stempel_bij_aanmelden(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[VERLENGD_OP] = int(time.time())


class SessieVerlengenMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Only reads renew: SessionMiddleware saves the session after a write's transaction
        # has committed, and a renewal that failed there would answer an error for a write
        # that was stored. Open boards read every few seconds, so a session never goes stale.
        if request.method in {"GET", "HEAD"} and request.user.is_authenticated:
            nu = int(time.time())
            if nu - request.session.get(VERLENGD_OP, 0) >= settings.SESSION_RENEW_AFTER:
                request.session[VERLENGD_OP] = nu
        return self.get_response(request)
