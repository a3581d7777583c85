"""Correcting a voortgangsupdate: its author, on the day they wrote it (rechten/voortgang.py).
In place on the opgave board with htmx, a page of its own without JavaScript. The history
records the correction as such."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_htmx.http import retarget

from kern.bewerken import bewerkpagina
from kern.htmx import HtmxHttpRequest
from opgaven.forms import VoortgangCorrectieForm
from rechten.voortgang import get_voortgang_for_user
from web.opgavebord import render_deel


@require_http_methods(["GET", "POST"])
@login_required
def voortgang_bewerken(request: HtmxHttpRequest, pk: int, voortgang_pk: int):
    opgave, update = get_voortgang_for_user(request, pk, voortgang_pk)
    form = VoortgangCorrectieForm(
        request.POST if request.method == "POST" else None,
        instance=update,
        auto_id=f"voortgang{update.pk}_%s",  # the board's own voortgang form is there too
    )
    form.instance._change_reason = _("gecorrigeerd door de auteur")

    def gelukt():
        messages.success(request, _("De voortgangsupdate is gecorrigeerd."), extra_tags="voortgang")
        # The form stood in the update's place: the whole list comes back.
        response = render_deel(request, opgave, "voortgang", gecorrigeerd=update.pk)
        return retarget(response, "#voortgang") if request.htmx else response

    return bewerkpagina(
        request,
        form,
        template="opgaven/voortgang_form.html",
        fragment="formulier",
        context={"opgave": opgave, "update": update},
        gelukt=gelukt,
    )
