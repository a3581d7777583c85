"""The 'plek' of the article: anyone brings a kans or a belemmering to the regieteam, which
turns it into work on an opgave or declines it with a reason.

The outcome the submitter sees is told when it is shown, not stored as text: the opgave it
went to is named only to whoever may see that opgave (includes/melding_uitkomst.html)."""

from django.db import transaction
from django.utils import timezone

from kern.versioning import bewaar_bewerking
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
from opgaven.ordering import plaats_nieuwe_actie


@transaction.atomic
def handel_af(
    melding: Melding, *, besluit: str, opgave: Opgave | None, reden: str, versie: int, door
) -> None:
    """Accept the melding as a belemmering, actie or kans on `opgave`, or decline it with
    `reden`, as `besluit` (a `Melding.Besluit`) says. Raises VersieConflict when someone else
    handled it first."""
    melding.reactie = reden
    if besluit == Melding.Besluit.AFWIJZEN:
        melding.status = MeldingStatus.AFGEWEZEN
    else:
        melding.status = MeldingStatus.GEACCEPTEERD
        melding.opgave = opgave
        if besluit == Melding.Besluit.ALS_BELEMMERING:
            melding.belemmering = Belemmering.objects.create(
                titel=melding.titel,
                beschrijving=melding.beschrijving,
                gebied=melding.gebied,
                ingebracht_door=melding.ingediend_door,
            )
            melding.belemmering.opgaven.add(opgave)
        elif besluit == Melding.Besluit.ALS_ACTIE:
            melding.actie = plaats_nieuwe_actie(
                Actie(
                    opgave=opgave,
                    titel=melding.titel,
                    beschrijving=melding.beschrijving,
                    kolom=Kolom.IDEE,
                )
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
