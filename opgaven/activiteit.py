"""The activity stream of an opgave board: who changed what, when, read from history."""

from dataclasses import dataclass
from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.db.models import CharField, F, Value
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kern.gebruikers import weergavenaam
from opgaven.models import Actie, Belemmering, Mijlpaal, Opgave, OpgaveGebied, Voortgangsupdate

SOORTEN = {
    "+": gettext_lazy("voegde toe"),
    "~": gettext_lazy("wijzigde"),
    "-": gettext_lazy("verwijderde"),
}

ONDERWERPEN = {
    "opgave": lambda naam: _("de opgave"),
    "actie": lambda naam: _("actie “%(titel)s”") % {"titel": naam},
    "mijlpaal": lambda naam: _("mijlpaal “%(titel)s”") % {"titel": naam},
    "gebied": lambda naam: _("de situatie in %(gebied)s") % {"gebied": naam},
    "belemmering": lambda naam: _("belemmering “%(titel)s”") % {"titel": naam},
    "voortgang": lambda naam: _("de voortgangsupdate van %(datum)s") % {"datum": _datum(naam)},
}


def _datum(tekst: str) -> str:
    """The update's date travels through the query as text: ISO ("2026-11-27") unless a
    PostgreSQL server was set to another DateStyle, which is then shown as it came."""
    try:
        return date_format(date.fromisoformat(tekst))
    except ValueError:
        return tekst


@dataclass(frozen=True)
class Gebeurtenis:
    wanneer: datetime
    wie: str
    wat: str
    onderwerp: str
    toelichting: str
    url: str = ""  # the history page of what changed, where it has one


def _geschiedenis_url(opgave: Opgave, bron: str, record_id: int, acties: set[int]) -> str:
    if bron == "opgave":
        return reverse("opgaven:geschiedenis", args=[opgave.pk])
    if bron == "actie" and record_id in acties:
        return reverse("opgaven:actie_geschiedenis", args=[opgave.pk, record_id])
    if bron == "belemmering":
        return reverse("belemmering_geschiedenis", args=[record_id])
    return ""


def activiteit(
    opgave: Opgave, *, aantal: int = 15, acties: set[int] = frozenset()
) -> list[Gebeurtenis]:
    """The latest changes to the opgave and its acties, mijlpalen, gebieden, belemmeringen
    and voortgangsupdates, newest first: one query over the six history tables (UNION ALL).
    Each links to its history page where there is one: the opgave's, a belemmering's, and
    that of an actie in `acties` (those still on the board)."""
    bronnen = [
        ("opgave", Opgave.history.filter(id=opgave.pk), F("titel")),
        ("actie", Actie.history.filter(opgave_id=opgave.pk), F("titel")),
        ("mijlpaal", Mijlpaal.history.filter(opgave_id=opgave.pk), F("titel")),
        ("gebied", OpgaveGebied.history.filter(opgave_id=opgave.pk), F("gebied__naam")),
        (
            "belemmering",
            Belemmering.history.filter(id__in=opgave.belemmeringen.values("pk")),
            F("titel"),
        ),
        ("voortgang", Voortgangsupdate.history.filter(opgave_id=opgave.pk), F("datum")),
    ]
    delen = [
        geschiedenis.order_by()
        .annotate(
            bron=Value(bron, output_field=CharField()),
            naam=Cast(naam, CharField()),
        )
        .values_list(
            "history_date",
            "history_type",
            "history_change_reason",
            "history_user__first_name",
            "history_user__last_name",
            "history_user__username",
            "bron",
            "naam",
            "id",
        )
        for bron, geschiedenis, naam in bronnen
    ]
    rijen = delen[0].union(*delen[1:], all=True).order_by("-history_date")[:aantal]
    Gebruiker = get_user_model()  # just the name fields of a row, for the one naming rule
    return [
        Gebeurtenis(
            wanneer=wanneer,
            wie=(
                weergavenaam(
                    Gebruiker(first_name=voornaam, last_name=achternaam, username=gebruiker)
                )
                if gebruiker
                else _("Iemand")
            ),
            wat=str(SOORTEN.get(soort, "")),
            onderwerp=ONDERWERPEN[bron](naam),
            toelichting=reden or "",
            url=_geschiedenis_url(opgave, bron, record_id, acties),
        )
        for wanneer, soort, reden, voornaam, achternaam, gebruiker, bron, naam, record_id in rijen
    ]
