from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connection
from django.db.models import Prefetch
from django.http import HttpRequest, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django_htmx.middleware import HtmxDetails

from opgaven.models import Belemmering, BelemmeringStatus, Kolom, OpgaveGebied
from teams.models import Lidmaatschap
from teams.permissions import get_opgave_for_user, zichtbare_opgaven


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


@require_safe
@login_required
def home(request: HtmxHttpRequest):
    lidmaatschappen = Lidmaatschap.objects.filter(user=request.user).select_related(
        "team__gebied", "discipline"
    )
    opgaven = (
        zichtbare_opgaven(request.user)
        .met_voortgang()
        .select_related("team")
        .prefetch_related(
            Prefetch("opgave_gebieden", OpgaveGebied.objects.select_related("gebied"))
        )
        .order_by("team__naam", "titel")
    )
    return render(
        request,
        "opgaven/home.html",
        {"lidmaatschappen": lidmaatschappen, "opgaven": opgaven},
    )


@require_safe
@login_required
def opgave_detail(request: HtmxHttpRequest, pk: int):
    opgave = get_opgave_for_user(request, pk)
    acties = opgave.acties.select_related("eigenaar").order_by("kolom", "positie", "pk")
    kolommen = [
        (kolom, [actie for actie in acties if actie.kolom == kolom.value]) for kolom in Kolom
    ]
    belemmeringen = (
        Belemmering.objects.filter(opgaven=opgave)
        .select_related("eigenaar", "gebied")
        .prefetch_related(
            Prefetch(
                "opgaven",
                zichtbare_opgaven(request.user).exclude(pk=opgave.pk),
                to_attr="andere_opgaven",
            )
        )
        .order_by("status", "-aangemaakt_op")
    )
    context = {
        "opgave": opgave,
        "kolommen": kolommen,
        "gebieden": opgave.opgave_gebieden.select_related("gebied"),
        "mijlpalen": opgave.mijlpalen.all(),
        "updates": opgave.updates.select_related("auteur"),
        "belemmeringen_open": [b for b in belemmeringen if b.status != BelemmeringStatus.OPGELOST],
        "belemmeringen_opgelost": [
            b for b in belemmeringen if b.status == BelemmeringStatus.OPGELOST
        ],
        "kansen": opgave.kansen.select_related("ingediend_door"),
    }
    return render(request, "opgaven/opgave_detail.html", context)


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
