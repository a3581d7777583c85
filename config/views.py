"""Answers for requests that never reach an app's view: too large, malformed, locked out, or
failed with a server error."""

import logging

from django.conf import settings
from django.contrib.auth.views import PasswordChangeView
from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.urls import reverse_lazy
from django.views import defaults

logger = logging.getLogger(__name__)

# The last resort, when even 500.html cannot be rendered (a template or a static file missing
# after a broken deploy): fixed text in both languages that needs nothing at all.
NOODPAGINA = (
    '<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Opgavebord</title>'
    "</head><body><h1>Er ging iets mis</h1><p>Probeer het over een paar minuten opnieuw.</p>"
    '<p lang="en">Something went wrong. Please try again in a few minutes.</p></body></html>'
)


def foute_aanvraag(request, exception):
    """Django answers a body over DATA_UPLOAD_MAX_MEMORY_SIZE with a bare 400; it is a 413."""
    if isinstance(exception, RequestDataTooBig):
        return render(request, "413.html", status=413)
    return defaults.bad_request(request, exception)


def serverfout(request):
    """The 500 page (handler500), in the site's look and the language of the request.

    The error may be that the database is gone, so the page is rendered from its template
    alone: no request context, no context processors (the user, the teams menu, messages), no
    query. If even that fails, a fixed page answers: this view itself never fails."""
    try:
        pagina = loader.get_template("500.html").render()
    except Exception:
        logger.exception("500.html could not be rendered; answered with the fixed page")
        pagina = NOODPAGINA
    return HttpResponseServerError(pagina)


def aanmelden_geblokkeerd(request, response=None, credentials=None):
    """django-axes' lockout: the site's own page, in Dutch, with 429 Too Many Requests."""
    minuten = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "registration/geblokkeerd.html", {"minuten": minuten}, status=429)


class WachtwoordWijzigen(PasswordChangeView):
    """Django's password change; errors answer 422 like every other form of the app.

    Django keeps this session signed in (update_session_auth_hash) and every other session of
    the user ends, because its stored password hash no longer matches."""

    success_url = reverse_lazy("wachtwoord_gewijzigd")

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=422)
