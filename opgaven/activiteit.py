"""The activity stream of an opgave board: who changed what, when, read from history."""

from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from opgaven.models import Actie, Belemmering, Mijlpaal, Opgave, OpgaveGebied

SOORTEN = {
    "+": gettext_lazy("voegde toe"),
    "~": gettext_lazy("wijzigde"),
    "-": gettext_lazy("verwijderde"),
}


@dataclass(frozen=True)
class Gebeurtenis:
    wanneer: datetime
    wie: str
    wat: str
    onderwerp: str
    toelichting: str


def _wie(historisch) -> str:
    user = historisch.history_user
    return (user.get_full_name() or user.username) if user else _("Iemand")


def activiteit(opgave: Opgave, *, aantal: int = 15) -> list[Gebeurtenis]:
    """The latest changes to the opgave and its acties, mijlpalen, gebieden and belemmeringen,
    newest first, in a fixed number of queries."""
    bronnen = [
        (Opgave.history.filter(id=opgave.pk), lambda rij: _("de opgave")),
        (
            Actie.history.filter(opgave_id=opgave.pk),
            lambda rij: _("actie “%(titel)s”") % {"titel": rij.titel},
        ),
        (
            Mijlpaal.history.filter(opgave_id=opgave.pk),
            lambda rij: _("mijlpaal “%(titel)s”") % {"titel": rij.titel},
        ),
        (
            OpgaveGebied.history.filter(opgave_id=opgave.pk).select_related("gebied"),
            lambda rij: _("de situatie in %(gebied)s") % {"gebied": rij.gebied.naam},
        ),
        (
            Belemmering.history.filter(id__in=opgave.belemmeringen.values("pk")),
            lambda rij: _("belemmering “%(titel)s”") % {"titel": rij.titel},
        ),
    ]
    gebeurtenissen = []
    for geschiedenis, onderwerp in bronnen:
        rijen = geschiedenis.select_related("history_user").order_by("-history_date")[:aantal]
        gebeurtenissen.extend(
            Gebeurtenis(
                wanneer=rij.history_date,
                wie=_wie(rij),
                wat=str(SOORTEN.get(rij.history_type, "")),
                onderwerp=onderwerp(rij),
                toelichting=rij.history_change_reason or "",
            )
            for rij in rijen
        )
    gebeurtenissen.sort(key=lambda gebeurtenis: gebeurtenis.wanneer, reverse=True)
    return gebeurtenissen[:aantal]
