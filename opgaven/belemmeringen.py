"""Belemmeringen weghalen: who sees and handles which belemmering, and its status changes.

A status change is the move of a card between the columns Nieuw, Opgepakt, Geëscaleerd and
Opgelost. Escalating asks which decision is needed, from whom and by when; resolving asks for
the resolution. What was written down stays on the record when the status moves on.
"""

import datetime
import statistics
from collections import Counter
from dataclasses import dataclass

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format

from kern.versioning import bewaar_bewerking
from opgaven.models import (
    Belemmering,
    BelemmeringStatus,
    Escalatieniveau,
    kalenderdagen,
)


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
