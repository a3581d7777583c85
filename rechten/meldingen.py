"""Which meldingen a reader sees, and whether they may see the opgave a melding names.

The rules as a whole: rechten/__init__.py.
"""

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from gebieden.models import Gebied
from opgaven.models import (
    Melding,
    MeldingStatus,
)
from rechten.opgaven import is_zichtbaar
from teams.models import Team


def meldingen_voor(regieteam, lezer) -> QuerySet[Melding]:
    """Meldingen waiting in the regieteam's gebied or below it; `opgave_zichtbaar` tells
    whether the reader may see the opgave the submitter named."""
    return (
        Melding.objects.filter(
            status=MeldingStatus.NIEUW, gebied__in=Gebied.objects.onder(regieteam.gebied)
        )
        .select_related("gebied", "opgave", "ingediend_door")
        .defer("gebied__omtrek")
        .annotate(opgave_zichtbaar=is_zichtbaar(lezer, "opgave"))
    )


def meldingen_van(user) -> QuerySet[Melding]:
    """What the user brought to a regieteam, newest first, with `opgave_zichtbaar` for its
    outcome: the submitter keeps seeing their own text and what became of it, nothing more."""
    return (
        user.meldingen.select_related("gebied", "opgave")
        .only(
            "id", "soort", "titel", "status", "reactie", "aangemaakt_op", "belemmering_id",
            "actie_id", "kans_id", "gebied__naam", "opgave__titel",
        )
        .annotate(opgave_zichtbaar=is_zichtbaar(user, "opgave"))
    )  # fmt: skip


def get_melding_for_user(request: HttpRequest, regieteam: Team, pk: int) -> Melding:
    """A melding waiting for the regieteam (`meldingen_voor`); 404 otherwise. Who may handle
    the regieteam's meldingen: `rechten.teams.get_regiebord_for_user(write=True)`."""
    return get_object_or_404(meldingen_voor(regieteam, request.user), pk=pk)
