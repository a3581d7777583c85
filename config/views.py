"""Answers for requests that never reach an app's view: too large, malformed, locked out."""

from django.conf import settings
from django.contrib.auth.views import PasswordChangeView
from django.core.exceptions import RequestDataTooBig
from django.shortcuts import render
from django.urls import reverse_lazy
from django.views import defaults


def foute_aanvraag(request, exception):
    """Django answers a body over DATA_UPLOAD_MAX_MEMORY_SIZE with a bare 400; it is a 413."""
    if isinstance(exception, RequestDataTooBig):
        return render(request, "413.html", status=413)
    return defaults.bad_request(request, exception)


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
