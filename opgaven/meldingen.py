"""The 'plek' of the article: anyone brings a kans or a belemmering to the regieteam, which
turns it into work on an opgave or declines it with a reason.

The outcome the submitter sees is told when it is shown, not stored as text: the opgave it
went to is named only to whoever may see that opgave (includes/melding_uitkomst.html)."""

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from gebieden.models import Gebied
from opgaven.models import (
    Actie,
    Belemmering,
    Kans,
    KansStatus,
    Kolom,
    Melding,
    MeldingStatus,
    Opgave,
)
from opgaven.ordering import vergrendel_bord, volgende_positie
from opgaven.versioning import bewaar_bewerking
from teams.permissions import is_zichtbaar

ALS_BELEMMERING, ALS_ACTIE, ALS_KANS, AFWIJZEN = "belemmering", "actie", "kans", "afwijzen"


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


@transaction.atomic
def handel_af(
    melding: Melding, *, besluit: str, opgave: Opgave | None, reden: str, versie: int, door
) -> None:
    """Accept the melding as a belemmering, actie or kans on `opgave`, or decline it with
    `reden`. Raises VersieConflict when someone else handled it first."""
    melding.reactie = reden
    if besluit == AFWIJZEN:
        melding.status = MeldingStatus.AFGEWEZEN
    else:
        melding.status = MeldingStatus.GEACCEPTEERD
        melding.opgave = opgave
        if besluit == ALS_BELEMMERING:
            melding.belemmering = Belemmering.objects.create(
                titel=melding.titel,
                beschrijving=melding.beschrijving,
                gebied=melding.gebied,
                ingebracht_door=melding.ingediend_door,
            )
            melding.belemmering.opgaven.add(opgave)
        elif besluit == ALS_ACTIE:
            vergrendel_bord(opgave.pk)
            melding.actie = Actie.objects.create(
                opgave=opgave,
                titel=melding.titel,
                beschrijving=melding.beschrijving,
                kolom=Kolom.IDEE,
                positie=volgende_positie(opgave, Kolom.IDEE),
            )
        else:
            melding.kans = Kans.objects.create(
                titel=melding.titel,
                beschrijving=melding.beschrijving,
                gebied=melding.gebied,
                ingediend_door=melding.ingediend_door,
                status=KansStatus.GEACCEPTEERD,
                opgave=opgave,
            )
    melding.afgehandeld_door = door
    melding.afgehandeld_op = timezone.now()
    bewaar_bewerking(
        melding,
        versie=versie,
        velden=[
            "status",
            "reactie",
            "opgave",
            "belemmering",
            "actie",
            "kans",
            "afgehandeld_door",
            "afgehandeld_op",
        ],
    )
