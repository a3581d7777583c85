import datetime

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from kern.htmx import HtmxHttpRequest
from opgaven.kaartcache import haal_kaarten
from rechten.gebruikers import lidmaatschappen_van
from rechten.meldingen import meldingen_van
from rechten.opgaven import (
    kan_opgave_starten,
    zichtbare_opgaven,
)
from web.kaarten import OpgaveKaart


@require_safe
@login_required
def home(request: HtmxHttpRequest):
    lidmaatschappen = [
        lidmaatschap
        for lidmaatschap in lidmaatschappen_van(request.user)
        if not lidmaatschap.team.is_gearchiveerd
    ]
    opgaven = list(
        zichtbare_opgaven(request.user)
        .actief()
        .met_voortgang()
        .met_gebiednamen()
        .select_related("team", "thema")
        .defer("beschrijving", "team__beschrijving")
        .order_by("team__naam", "titel")
    )
    for opgave in opgaven:
        opgave.kaart = OpgaveKaart.van(opgave)
    haal_kaarten(opgave.kaart for opgave in opgaven)
    meldingen = meldingen_van(request.user)[:10]
    return render(
        request,
        "opgaven/home.html",
        {
            "lidmaatschappen": lidmaatschappen,
            "opgaven": opgaven,
            "meldingen": meldingen,
            "mag_opgave_starten": kan_opgave_starten(request.user),
        },
    )


@require_safe
@never_cache
def health(request: HttpRequest):
    """For the load balancer: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


# The day the accessibility statement was last reviewed; change it with the statement.
TOEGANKELIJKHEID_HERZIEN = datetime.date(2026, 11, 29)


def vendor_versie(naam: str) -> str:
    """The version of a vendored front-end library, as static/vendor/VERSIONS.txt pins it."""
    versies = (settings.BASE_DIR / "static" / "vendor" / "VERSIONS.txt").read_text()
    for regel in versies.splitlines()[1:]:
        bibliotheek, versie, *_rest = regel.split("\t")
        if bibliotheek == naam:
            return versie
    raise LookupError(naam)


@require_safe
def toegankelijkheid(request: HttpRequest):
    """The accessibility statement (toegankelijkheidsverklaring): public, like the law wants."""
    return render(
        request,
        "opgaven/toegankelijkheid.html",
        {"axe_versie": vendor_versie("axe-core"), "herzien": TOEGANKELIJKHEID_HERZIEN},
    )
