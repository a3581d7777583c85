"""The 'plek' of the article: anyone brings a kans or a belemmering to the regieteam, which
turns it into work on an opgave or declines it with a reason."""

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

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

ALS_BELEMMERING, ALS_ACTIE, ALS_KANS, AFWIJZEN = "belemmering", "actie", "kans", "afwijzen"


def meldingen_voor(regieteam) -> QuerySet[Melding]:
    """Meldingen waiting in the regieteam's gebied or below it."""
    return Melding.objects.filter(
        status=MeldingStatus.NIEUW, gebied__in=Gebied.objects.onder(regieteam.gebied)
    ).select_related("gebied", "opgave", "ingediend_door")


@transaction.atomic
def handel_af(
    melding: Melding, *, besluit: str, opgave: Opgave | None, reden: str, versie: int, door
) -> None:
    """Accept the melding as a belemmering, actie or kans on `opgave`, or decline it with
    `reden`. Raises VersieConflict when someone else handled it first."""
    if besluit == AFWIJZEN:
        melding.status = MeldingStatus.AFGEWEZEN
        melding.reactie = reden
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
            uitkomst = _("Opgenomen als belemmering bij “%(opgave)s”.")
        elif besluit == ALS_ACTIE:
            vergrendel_bord(opgave.pk)
            melding.actie = Actie.objects.create(
                opgave=opgave,
                titel=melding.titel,
                beschrijving=melding.beschrijving,
                kolom=Kolom.IDEE,
                positie=volgende_positie(opgave, Kolom.IDEE),
            )
            uitkomst = _("Opgenomen als idee op het bord van “%(opgave)s”.")
        else:
            melding.kans = Kans.objects.create(
                titel=melding.titel,
                beschrijving=melding.beschrijving,
                gebied=melding.gebied,
                ingediend_door=melding.ingediend_door,
                status=KansStatus.GEACCEPTEERD,
                opgave=opgave,
            )
            uitkomst = _("Als kans gekoppeld aan “%(opgave)s”.")
        melding.reactie = (reden + "\n" if reden else "") + uitkomst % {"opgave": opgave.titel}
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
