"""Where an opgave lands, on its board: add a gebied, remove one, edit the local urgency,
status and note of one. The section "Waar deze opgave landt" is a part of the opgave board
(web/opgavebord.py DELEN["landingen"]): a write answers with it alone for htmx, and with a
redirect to the board without JavaScript.

Who may: rechten/opgaven.py (`get_opgave_voor_landingen`, `get_landing_van_opgave`). The rule
that an opgave always lands somewhere: opgaven/landingen.py.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_htmx.http import retarget

from kern.bewerken import bewerkpagina
from kern.htmx import HtmxHttpRequest
from opgaven.landingen import AlGeland, LaatsteLanding, verwijder_landing, voeg_landing_toe
from opgaven.models import Opgave
from rechten.opgaven import (
    get_landing_van_opgave,
    get_opgave_for_user,
    get_opgave_voor_landingen,
    landingsgebieden,
)
from web.forms import LandingForm, LokaleStatusForm
from web.opgavebord import render_deel


def _render_landingen(request: HtmxHttpRequest, opgave: Opgave, *, status=200, **extra):
    """The section for htmx (whatever element sent the request: a row being edited, too), the
    board otherwise."""
    response = render_deel(request, opgave, "landingen", status=status, **extra)
    return retarget(response, "#landingen") if request.htmx else response


@require_http_methods(["GET", "POST"])
@login_required
def landing_toevoegen(request: HtmxHttpRequest, pk: int):
    """Let the opgave land in another gebied too, with its local urgency there. GET gives the
    form (in place on the board for htmx, a page of its own otherwise): its choice of gebieden
    is long at city scale, so the board does not carry it until someone asks."""
    opgave = get_opgave_voor_landingen(request, pk)
    form = LandingForm(
        request.POST if request.method == "POST" else None,
        opgave=opgave,
        gebieden=landingsgebieden(request.user, opgave.team),
    )
    if request.method == "GET":
        template = "opgaven/landing_toevoegen.html"
        if request.htmx:
            template += "#formulier"
        return render(request, template, {"opgave": opgave, "landing_form": form})
    if form.is_valid():
        gebied = form.cleaned_data["gebied"]
        try:
            voeg_landing_toe(
                opgave=opgave,
                gebied=gebied,
                urgentie=form.cleaned_data["urgentie"],
                door=request.user,
            )
        except AlGeland:
            form.add_error("gebied", _("Deze opgave landt al in %(gebied)s.") % {"gebied": gebied})
        else:
            messages.success(
                request,
                _("“%(opgave)s” landt nu ook in %(gebied)s.")
                % {"opgave": opgave.titel, "gebied": gebied.naam},
                extra_tags="landingen",
            )
            return _render_landingen(request, opgave)
    return _render_landingen(request, opgave, status=422, landing_form=form)


@require_http_methods(["GET", "POST"])
@login_required
def landing_verwijderen(request: HtmxHttpRequest, pk: int, landing_pk: int):
    """Stop the opgave landing in one gebied, after a confirmation: a page of its own without
    JavaScript (GET), the browser's confirm dialog with htmx; never the last one. The landing
    stays in the history, with who removed it."""
    opgave = get_opgave_voor_landingen(request, pk)
    landing = get_landing_van_opgave(request, opgave, landing_pk, verwijderen=True)
    if request.method == "GET":
        context = {"opgave": opgave, "landing": landing, "laatste": _is_laatste(opgave)}
        return render(request, "opgaven/landing_verwijderen.html", context)
    try:
        verwijder_landing(opgave=opgave, landing_id=landing.pk, door=request.user)
    except LaatsteLanding:
        messages.warning(
            request,
            _(
                "“%(opgave)s” landt alleen in %(gebied)s, en een opgave landt altijd ergens. "
                "Voeg eerst het gebied toe waar zij wel landt; daarna kun je dit gebied "
                "verwijderen."
            )
            % {"opgave": opgave.titel, "gebied": landing.gebied.naam},
            extra_tags="landingen",
        )
        return _render_landingen(request, opgave, status=409)
    messages.success(
        request,
        _("“%(opgave)s” landt niet meer in %(gebied)s.")
        % {"opgave": opgave.titel, "gebied": landing.gebied.naam},
        extra_tags="landingen",
    )
    return _render_landingen(request, opgave)


def _is_laatste(opgave: Opgave) -> bool:
    return opgave.opgave_gebieden.count() == 1


@require_http_methods(["GET", "POST"])
@login_required
def landing_bewerken(request: HtmxHttpRequest, pk: int, landing_pk: int):
    """The local urgency, status and note of the opgave in one gebied, with the version check:
    the same form as on the wijk board (web/wijkbord.py), in a row of the board's section."""
    opgave = get_opgave_for_user(request, pk)
    landing = get_landing_van_opgave(request, opgave, landing_pk, bewerken=True)
    form = LokaleStatusForm(
        request.POST if request.method == "POST" else None,
        instance=landing,
        auto_id=f"landing{landing.pk}_%s",  # the board's own add form is on the same page
    )
    return bewerkpagina(
        request,
        form,
        template="gebieden/lokale_status_form.html",
        fragment="formulier",
        context={
            "landing": landing,
            "bewerk_url": reverse("opgaven:landing_bewerken", args=[pk, landing_pk]),
            "terug_url": opgave.get_absolute_url(),
            "terug_naar": opgave.titel,
            "kolommen": 5,
        },
        gelukt=lambda: _render_landingen(request, opgave, bijgewerkt=landing.pk),
    )
