"""Belemmeringen weghalen: who sees and handles which belemmering, and its status changes.

A status change is the move of a card between the columns Nieuw, Opgepakt, Geëscaleerd and
Opgelost. Escalating asks which decision is needed, from whom and by when; resolving asks for
the resolution. What was written down stays on the record when the status moves on.
"""

import datetime
import statistics
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.formats import date_format

from opgaven.models import (
    Belemmering,
    BelemmeringStatus,
    Escalatieniveau,
    Opgave,
    kalenderdagen,
)
from opgaven.versioning import bewaar_bewerking
from teams.permissions import (
    Gebruiker,
    is_zichtbaar,
    regie_paden,
    wijzigbare_ids,
    zichtbare_opgaven,
    ziet_alles,
)


def zichtbare_belemmeringen(user: Gebruiker) -> QuerySet[Belemmering]:
    """Belemmeringen on an opgave the user may see, in a regieteam's gebied, or raised by
    the user themself."""
    if not user.is_authenticated:
        return Belemmering.objects.none()
    if ziet_alles(user):
        return Belemmering.objects.all()
    zichtbaar = Q(opgaven__in=zichtbare_opgaven(user)) | Q(ingebracht_door=user)
    for pad in regie_paden(user):
        zichtbaar |= Q(gebied__pad__startswith=pad)
    return Belemmering.objects.filter(pk__in=Belemmering.objects.filter(zichtbaar).values("pk"))


def met_opgaven(user: Gebruiker) -> Prefetch:
    """What a belemmering card needs of the opgaven it blocks: a plain list attribute
    `geblokkeerde_opgaven` (a related manager per card costs more than the card itself on a
    board of a thousand cards), each opgave marked `zichtbaar` for this user, so a card names
    only the opgaven its reader may see (`Verwijzingen`)."""
    return Prefetch(
        "opgaven",
        Opgave.objects.only("id", "titel", "gearchiveerd_op")
        .annotate(zichtbaar=is_zichtbaar(user))
        .order_by("titel"),
        to_attr="geblokkeerde_opgaven",
    )


def behandelbaar(user: Gebruiker) -> Callable[[Belemmering], bool]:
    """Who may move a belemmering: the teams of the opgaven it blocks, and the regieteams
    whose gebied covers it; nobody when every opgave it blocks is archived (read-only, like
    their boards). Needs `met_opgaven` prefetched; costs two queries for any list."""
    if not (user.is_authenticated and user.is_active):
        return lambda belemmering: False
    eigen = wijzigbare_ids(user)
    paden = regie_paden(user)

    def mag(belemmering: Belemmering) -> bool:
        opgaven = belemmering.geblokkeerde_opgaven
        if opgaven and all(opgave.is_gearchiveerd for opgave in opgaven):
            return False
        if any(opgave.pk in eigen for opgave in opgaven):
            return True
        return bool(belemmering.gebied) and any(
            belemmering.gebied.pad.startswith(pad) for pad in paden
        )

    return mag


def get_belemmering_for_user(request, pk: int, *, write: bool = False) -> Belemmering:
    """The belemmering with what a card needs (`met_opgaven`); 404 when the user may not see
    it, 403 when `write` asks to handle one the user may not (`behandelbaar`)."""
    belemmering = get_object_or_404(
        zichtbare_belemmeringen(request.user)
        .prefetch_related(met_opgaven(request.user))
        .select_related("gebied")
        .defer("gebied__omtrek"),
        pk=pk,
    )
    if write and not behandelbaar(request.user)(belemmering):
        raise PermissionDenied
    return belemmering


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


@dataclass(frozen=True)
class Kengetallen:
    open: int
    mediaan_dagen_tot_oplossing: float | None  # over the last 90 days
    oudste_open: Belemmering | None
    escalaties_per_maand: list[tuple[str, int]]  # (label, count), oldest first, six months

    @property
    def staven(self) -> list[dict]:
        """Bars for the SVG chart in a 120 x 52 box: month label and count written beside
        every bar, so the chart reads without colour."""
        hoogste = max([aantal for _label, aantal in self.escalaties_per_maand] + [1])
        staven = []
        for i, (label, aantal) in enumerate(self.escalaties_per_maand):
            hoogte = round(30 * aantal / hoogste, 1)
            staven.append(
                {
                    "label": label,
                    "aantal": aantal,
                    "x": i * 20 + 2,
                    "y": 40 - hoogte,
                    "hoogte": hoogte,
                }
            )
        return staven


def kengetallen(belemmeringen: QuerySet[Belemmering]) -> Kengetallen:
    """The numbers the regieteam steers on, over these belemmeringen, in three queries."""
    nu = timezone.localtime()
    open_ = belemmeringen.open()
    opgelost = belemmeringen.filter(
        status=BelemmeringStatus.OPGELOST, opgelost_op__gte=nu - datetime.timedelta(days=90)
    ).values_list("aangemaakt_op", "opgelost_op")
    dagen = [kalenderdagen(begin, klaar) for begin, klaar in opgelost]
    maanden = []
    jaar, maand = nu.year, nu.month
    for _ in range(6):
        maanden.insert(0, (jaar, maand))
        jaar, maand = (jaar, maand - 1) if maand > 1 else (jaar - 1, 12)
    telling = Counter(
        (timezone.localtime(moment).year, timezone.localtime(moment).month)
        for moment in belemmeringen.filter(geescaleerd_op__isnull=False).values_list(
            "geescaleerd_op", flat=True
        )
    )
    return Kengetallen(
        open=open_.count(),
        mediaan_dagen_tot_oplossing=statistics.median(dagen) if dagen else None,
        oudste_open=open_.order_by("aangemaakt_op").first(),
        escalaties_per_maand=[
            (date_format(datetime.date(j, m, 1), "M"), telling[(j, m)]) for j, m in maanden
        ],
    )


def mogelijke_eigenaren(belemmering: Belemmering, user: Gebruiker) -> QuerySet:
    """Who may own the belemmering, as the editor chooses: the members of the teams of the
    opgaven it blocks that the editor may see, the editor's own teammates, and whoever owns it
    now. Never names people the editor has no way of knowing."""
    geblokkeerd = belemmering.opgaven.filter(pk__in=zichtbare_opgaven(user).values("pk"))
    return (
        get_user_model()
        .objects.filter(
            (Q(teams__in=geblokkeerd.values("team")) | Q(teams__in=user.teams.values("pk")))
            & Q(is_active=True)
            | Q(pk=belemmering.eigenaar_id)
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )
