"""Belemmeringen weghalen: who sees and handles which belemmering, and its status changes.

A status change is the move of a card between the columns Nieuw, Opgepakt, Geëscaleerd and
Opgelost. Escalating asks which decision is needed, from whom and by when; resolving asks for
the resolution. What was written down stays on the record when the status moves on.
"""

from collections.abc import Callable

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from opgaven.models import Belemmering, BelemmeringStatus, Escalatieniveau
from opgaven.versioning import bewaar_bewerking
from teams.models import Team, TeamSoort
from teams.permissions import Gebruiker, wijzigbare_opgaven, zichtbare_opgaven, ziet_alles


def _regie_paden(user: Gebruiker) -> list[str]:
    return list(
        Team.objects.filter(leden=user, soort=TeamSoort.REGIETEAM).values_list(
            "gebied__pad", flat=True
        )
    )


def zichtbare_belemmeringen(user: Gebruiker) -> QuerySet[Belemmering]:
    """Belemmeringen on an opgave the user may see, in a regieteam's gebied, or raised by
    the user themself."""
    if not user.is_authenticated:
        return Belemmering.objects.none()
    if ziet_alles(user):
        return Belemmering.objects.all()
    zichtbaar = Q(opgaven__in=zichtbare_opgaven(user)) | Q(ingebracht_door=user)
    for pad in _regie_paden(user):
        zichtbaar |= Q(gebied__pad__startswith=pad)
    return Belemmering.objects.filter(pk__in=Belemmering.objects.filter(zichtbaar).values("pk"))


def behandelbaar(user: Gebruiker) -> Callable[[Belemmering], bool]:
    """Who may move a belemmering: the teams of the opgaven it blocks, and the regieteams
    whose gebied covers it. Needs `opgaven` prefetched; costs two queries for any list."""
    if not (user.is_authenticated and user.is_active):
        return lambda belemmering: False
    eigen = set(wijzigbare_opgaven(user).values_list("pk", flat=True))
    paden = _regie_paden(user)

    def mag(belemmering: Belemmering) -> bool:
        if any(opgave.pk in eigen for opgave in belemmering.opgaven.all()):
            return True
        return bool(belemmering.gebied) and any(
            belemmering.gebied.pad.startswith(pad) for pad in paden
        )

    return mag


@transaction.atomic
def zet_status(belemmering: Belemmering, *, versie: int, gegevens: dict) -> None:
    """Move the belemmering to `gegevens["status"]` on top of `versie` (VersieConflict when
    someone else changed it). The form has already checked the fields each status needs."""
    status = gegevens["status"]
    belemmering.status = status
    if status == BelemmeringStatus.GEESCALEERD:
        for veld in ("escalatieniveau", "escalatie_besluit", "escalatie_bij", "escalatie_deadline"):
            setattr(belemmering, veld, gegevens[veld])
        belemmering.geescaleerd_op = timezone.now()
    if status == BelemmeringStatus.OPGELOST:
        belemmering.oplossing = gegevens["oplossing"]
        belemmering.opgelost_op = timezone.now()
    else:
        belemmering.opgelost_op = None  # reopened: the earlier resolution text stays
    if (
        status != BelemmeringStatus.GEESCALEERD
        and belemmering.escalatieniveau == Escalatieniveau.GEEN
    ):
        belemmering.geescaleerd_op = None
    bewaar_bewerking(
        belemmering,
        versie=versie,
        velden=[
            "status",
            "escalatieniveau",
            "escalatie_besluit",
            "escalatie_bij",
            "escalatie_deadline",
            "geescaleerd_op",
            "oplossing",
            "opgelost_op",
        ],
    )
