"""Belemmeringen weghalen: what each status asks for, and the status changes themselves.

Who sees and handles which belemmering: rechten/belemmeringen.py.

A status change is the move of a card between the columns Nieuw, Opgepakt, Geëscaleerd and
Opgelost. Escalating asks which decision is needed, from whom and by when; resolving asks for
the resolution. What was written down stays on the record when the status moves on.
"""

import datetime
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from gebieden.models import Gebied
from kern.versioning import bewaar_bewerking
from opgaven.models import (
    Belemmering,
    BelemmeringStatus,
    Opgave,
    kalenderdagen,
)

# What a belemmering must have written down in each status, each field with what the form says
# when it is missing: escalated, which decision is needed, from whom and by when; resolved, how.
# The forms check it, `zet_status` records it, and the database guards the heart of it (the
# check constraints on Belemmering: an escalated one has a level, a resolved one a resolution).
VEREIST: dict[str, dict[str, str]] = {
    BelemmeringStatus.GEESCALEERD: {
        "escalatieniveau": _("Kies naar wie je escaleert."),
        "escalatie_besluit": _("Schrijf op welk besluit nodig is."),
        "escalatie_bij": _("Schrijf op van wie het besluit moet komen."),
        "escalatie_deadline": _("Geef aan wanneer het besluit uiterlijk nodig is."),
    },
    BelemmeringStatus.OPGELOST: {"oplossing": _("Schrijf op hoe het is opgelost.")},
}


def vereist(status: str) -> dict[str, str]:
    """The fields a belemmering in `status` must have filled in, each with the message for
    when it is missing (none for Nieuw and Opgepakt)."""
    return VEREIST.get(status, {})


# How far back "recently resolved" looks: the Opgelost column shows these unless the user asks
# for all, and the median time to a resolution is measured over them.
RECENT_OPGELOST = datetime.timedelta(days=90)


def op_bord(belemmeringen: QuerySet[Belemmering], *, alle_opgeloste: bool) -> QuerySet[Belemmering]:
    """The cards the board shows: every open one, and the recently resolved unless the user
    asked for all (a board of years of resolved cards helps nobody)."""
    if alle_opgeloste:
        return belemmeringen
    return belemmeringen.exclude(
        status=BelemmeringStatus.OPGELOST, opgelost_op__lt=timezone.now() - RECENT_OPGELOST
    )


def van_lopende_opgaven(belemmeringen: QuerySet[Belemmering]) -> QuerySet[Belemmering]:
    """Leave out the belemmeringen that block only archived opgaven: nobody works on those
    any more, so they leave the belemmeringen board and its numbers, and stay (read-only) on
    the boards of their opgaven. One that blocks no opgave (raised about a place) stays."""
    blokkeert = Belemmering.opgaven.through.objects.filter(belemmering_id=OuterRef("pk"))
    lopend = blokkeert.filter(opgave__gearchiveerd_op__isnull=True)
    return belemmeringen.filter(~Exists(blokkeert) | Exists(lopend))


def gebieden_van_opgave(opgave: Opgave) -> list[Gebied]:
    """Where a belemmering raised on this opgave's board may lie: where the opgave lands, from
    the top of the hierarchy down (the order `gebied_voor_belemmering` takes the first of)."""
    return list(
        Gebied.objects.filter(opgave_gebieden__opgave=opgave).defer("omtrek").order_by("pad")
    )


def gebied_voor_belemmering(gebieden: Sequence[Gebied], gekozen: Gebied | None = None):
    """The gebied a belemmering raised on an opgave board gets, out of `gebieden`, where the
    opgave lands (`gebieden_van_opgave`): the one chosen when it is one of them, otherwise the
    first, which is the only one when the opgave lands in one place (None when it lands
    nowhere). Its regieteam can then handle it and it counts in that gebied (opgaven/migrations
    0013 gave the belemmeringen raised before this rule the same first gebied)."""
    if gekozen is not None and gekozen in gebieden:
        return gekozen
    return gebieden[0] if gebieden else None


@transaction.atomic
def breng_belemmering_in(
    belemmering: Belemmering, *, opgave: Opgave, gekozen: Gebied | None, door
) -> Belemmering:
    """Save a belemmering raised on the opgave's board by `door`: it blocks the opgave and
    lies in the opgave's gebied (`gebied_voor_belemmering`)."""
    belemmering.ingebracht_door = door
    belemmering.gebied = gebied_voor_belemmering(gebieden_van_opgave(opgave), gekozen)
    belemmering._history_user = door
    belemmering.save()
    belemmering.opgaven.add(opgave)
    return belemmering


@transaction.atomic
def zet_status(belemmering: Belemmering, *, versie: int, gegevens: dict) -> None:
    """Move the belemmering to `gegevens["status"]` on top of `versie` (VersieConflict when
    someone else changed it). The form has already checked the fields each status needs
    (`vereist`); those are what is written down."""
    status = gegevens["status"]
    belemmering.status = status
    for veld in vereist(status):
        setattr(belemmering, veld, gegevens[veld])
    if status == BelemmeringStatus.GEESCALEERD:
        belemmering.geescaleerd_op = timezone.now()
    if status == BelemmeringStatus.OPGELOST:
        belemmering.opgelost_op = timezone.now()
    else:
        belemmering.opgelost_op = None  # reopened: the earlier resolution text stays
    if status != BelemmeringStatus.GEESCALEERD and not belemmering.is_geescaleerd:
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
    mediaan_dagen_tot_oplossing: float | None  # over the recently resolved (RECENT_OPGELOST)
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
        status=BelemmeringStatus.OPGELOST, opgelost_op__gte=nu - RECENT_OPGELOST
    ).values_list("aangemaakt_op", "opgelost_op")
    dagen = [kalenderdagen(begin, klaar) for begin, klaar in opgelost]
    maanden = []
    jaar, maand = nu.year, nu.month
    for _stap in range(6):
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
