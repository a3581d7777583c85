from collections import defaultdict

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from gebieden.models import Gebied, paden_van
from kern.bewerken import bewerkpagina
from kern.export import exporteer
from kern.htmx import HtmxHttpRequest
from kern.invoer import lees_parameters
from opgaven.forms import BordParameters
from opgaven.kaartcache import haal_kaarten
from opgaven.models import Belemmering, OpgaveGebied, voortgang_annotaties
from rechten.opgaven import get_landing_for_user, lokaal_bewerkbaar, zichtbare_opgaven
from web.export import wijkbord_blad
from web.forms import LokaleStatusForm
from web.kaarten import WijkRij


@require_safe
@login_required
def gebied_list(request: HtmxHttpRequest):
    """The area tree, with how many of the user's visible opgaven land in or below each area."""
    gebieden = list(Gebied.objects.defer("omtrek").order_by("pad"))
    paden = OpgaveGebied.objects.filter(
        opgave__in=zichtbare_opgaven(request.user).actief()
    ).values_list("opgave_id", "gebied__pad")
    opgaven_onder: dict[str, set[int]] = defaultdict(set)
    for opgave_id, pad in paden:
        for boven in paden_van(pad):  # the opgave lands here and in every area above
            opgaven_onder[boven].add(opgave_id)
    for gebied in gebieden:
        gebied.aantal_opgaven = len(opgaven_onder.get(gebied.pad, ()))
        gebied.diepte = gebied.pad.count("/") - 2
    return render(
        request,
        "gebieden/gebied_list.html",
        {
            "geldig": [g for g in gebieden if g.eind_geldigheid is None],
            "vervallen": [g for g in gebieden if g.eind_geldigheid is not None],
        },
    )


def _wijkbord_context(request: HtmxHttpRequest, gebied: Gebied, **extra) -> dict:
    onder = Gebied.objects.onder(gebied)
    zichtbaar = zichtbare_opgaven(request.user).actief()
    # The outlines (GeoJSON, large for real areas) only matter for the map, not here; each
    # row's opgave comes in the same query, with its progress figures.
    voortgang = voortgang_annotaties("opgave_id")
    landingen = list(
        OpgaveGebied.objects.filter(gebied__in=onder, opgave__in=zichtbaar)
        .select_related("gebied", "opgave__team")
        .defer("gebied__omtrek", "opgave__beschrijving", "opgave__team__beschrijving")
        .annotate(**voortgang)
        .order_by("gebied__pad", "opgave__titel")
    )
    for landing in landingen:
        for naam in voortgang:
            setattr(landing.opgave, naam, getattr(landing, naam))
    belemmeringen = list(
        Belemmering.objects.open()
        .filter(gebied__in=onder, opgaven__in=zichtbaar)
        .distinct()
        .select_related("gebied", "eigenaar")
        .defer("gebied__omtrek")
        .order_by("-aangemaakt_op")
    )
    per_buurt: dict[Gebied, list] = defaultdict(list)
    for landing in landingen:
        per_buurt[landing.gebied].append(landing.opgave)
    mag_bewerken = lokaal_bewerkbaar(request.user)
    for landing in landingen:
        landing.kaart = WijkRij.van(
            landing, gebied_code=gebied.code, mag_bewerken=mag_bewerken(landing), bijgewerkt=False
        )
    haal_kaarten(landing.kaart for landing in landingen)
    return {
        "gebied": gebied,
        "voorouders": list(
            Gebied.objects.filter(pad__in=paden_van(gebied.pad))
            .defer("omtrek")
            .exclude(pk=gebied.pk)
            .order_by("pad")
        ),
        "kinderen": list(gebied.kinderen.defer("omtrek").order_by("naam")),
        "landingen": landingen,
        "belemmeringen": belemmeringen,
        "teams": sorted({landing.opgave.team for landing in landingen}, key=lambda t: t.naam),
        "verwevenheid": [
            (buurt, opgaven) for buurt, opgaven in per_buurt.items() if len(opgaven) > 1
        ],
    } | extra


@require_safe
@login_required
def gebied_detail(request: HtmxHttpRequest, code: str):
    gebied = get_object_or_404(Gebied.objects.defer("omtrek"), code=code)
    parameters = lees_parameters(BordParameters(request.GET))
    context = _wijkbord_context(request, gebied)
    if parameters["export"]:
        blad = wijkbord_blad(context["landingen"])
        return exporteer(parameters["export"], gebied.naam, [blad])
    return render(request, "gebieden/gebied_detail.html", context)


def _render_rij(request: HtmxHttpRequest, gebied: Gebied, landing: OpgaveGebied):
    """After a saved local status: its row for htmx, otherwise back to the wijk board."""
    if not request.htmx:
        return redirect(gebied)
    landing = (
        OpgaveGebied.objects.select_related("gebied").defer("gebied__omtrek").get(pk=landing.pk)
    )
    landing.opgave = (
        zichtbare_opgaven(request.user)
        .met_voortgang()
        .select_related("team")
        .get(pk=landing.opgave_id)
    )
    landing.kaart = WijkRij.van(
        landing, gebied_code=gebied.code, mag_bewerken=True, bijgewerkt=True
    )
    return render(
        request,
        "gebieden/gebied_detail.html#landing",
        {"gebied": gebied, "landing": landing},
    )


@require_http_methods(["GET", "POST"])
@login_required
def lokale_status_bewerken(request: HtmxHttpRequest, code: str, pk: int):
    gebied = get_object_or_404(Gebied.objects.defer("omtrek"), code=code)
    landing = get_landing_for_user(request, gebied, pk, write=True)
    form = LokaleStatusForm(request.POST if request.method == "POST" else None, instance=landing)
    return bewerkpagina(
        request,
        form,
        template="gebieden/lokale_status_form.html",
        fragment="formulier",
        context={
            "gebied": gebied,
            "landing": landing,
            "bewerk_url": reverse("gebieden:lokale_status_bewerken", args=[code, pk]),
            "terug_url": gebied.get_absolute_url(),
            "terug_naar": gebied.naam,
            "kolommen": 7,
        },
        gelukt=lambda: _render_rij(request, gebied, landing),
    )
