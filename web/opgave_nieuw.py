"""Starting an opgave (/opgaven/nieuw/): a team's members for their team, a regieteam's
members also for another team as long as it lands in their gebied, and functioneel beheer."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kern.htmx import HtmxHttpRequest, naar
from kern.invoer import lees_parameters
from opgaven.forms import NieuweOpgaveForm, NieuweOpgaveParameters
from opgaven.koers import focus_van
from opgaven.starten import start_opgave
from rechten.opgaven import (
    get_teams_voor_nieuwe_opgave,
    kan_opgave_starten_vanuit,
    mag_landen_in,
    startgebieden,
)
from teams.models import Team


@require_http_methods(["GET", "POST"])
@login_required
def opgave_nieuw(request: HtmxHttpRequest):
    """The form, with the team (`?team=<slug>`) or the first gebied (`?gebied=<code>`)
    filled in when the page was opened from a team's page or a regieteam's board. Saved, it
    goes to the new opgave's board; with errors it comes back (422) and nothing is saved."""
    teams = get_teams_voor_nieuwe_opgave(request)
    gebieden = startgebieden(request.user)
    parameters = lees_parameters(
        NieuweOpgaveParameters(request.GET, teams=teams, gebieden=gebieden)
    )
    form = NieuweOpgaveForm(
        request.POST if request.method == "POST" else None,
        teams=teams,
        gebieden=gebieden,
        mag_landen_in=partial(mag_landen_in, request.user),
        eerste_gebied=parameters["gebied"],
        initial={"team": parameters["team"]},
    )
    if request.method == "POST" and form.is_valid():
        opgave = start_opgave(**form.gegevens, door=request.user)
        messages.success(
            request,
            _("Opgave “%(titel)s” is aangemaakt. Voeg mijlpalen en acties toe op het bord.")
            % {"titel": opgave.titel},
        )
        return naar(request, opgave.get_absolute_url())
    status = 422 if request.method == "POST" else 200
    template = "opgaven/opgave_nieuw.html"
    if request.htmx and request.method == "POST":
        template += "#formulier"  # the form with its errors, in place
    return render(request, template, {"form": form}, status=status)


def op_teampagina(request: HtmxHttpRequest, team: Team) -> dict:
    """What an opgaveteam's page shows its own members and beheer above the team's opgaven:
    "Nieuwe opgave" for this team, and the focus warning when more of its opgaven are in
    uitvoering than its focus limit (so the team sees it where it looks at its opgaven, not
    only the regieteam on its board)."""
    if team.is_regieteam or not kan_opgave_starten_vanuit(request.user, team):
        return {}
    return {
        "nieuwe_opgave_url": reverse("opgaven:nieuw") + "?" + urlencode({"team": team.slug}),
        "focus": focus_van(team),
    }
