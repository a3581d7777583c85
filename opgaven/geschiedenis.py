"""The history page of an opgave, actie or belemmering: every version, newest first, with who
changed what and when, in words (choice labels, dates, names); and restoring, which copies an
earlier version's values into the record's normal edit form, never straight into the record.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kern.gebruikers import weergavenaam
from kern.versioning import BOEKHOUDING
from kern.woorden import in_woorden
from kern.woorden import namen as veld_namen

SOORTEN = {
    "+": gettext_lazy("maakte aan"),
    "~": gettext_lazy("wijzigde"),
    "-": gettext_lazy("verwijderde"),
}


@dataclass(frozen=True)
class Wijziging:
    veld: str
    oud: str
    nieuw: str


@dataclass(frozen=True)
class Versie:
    history_id: int
    wanneer: datetime
    wie: str
    wat: str
    reden: str
    wijzigingen: list[Wijziging]
    is_nieuwste: bool
    is_verwijderd: bool


def getoonde_velden(model: type[models.Model]) -> list[models.Field]:
    """The fields a history page compares: content, not bookkeeping."""
    return [veld for veld in model._meta.concrete_fields if veld.name not in BOEKHOUDING]


def versies(historie: models.QuerySet) -> list[Versie]:
    """Every version in `historie` (the history rows of one record), newest first, each with
    what changed since the one before it (for the first: what it was made with)."""
    rijen = list(historie.select_related("history_user").order_by("history_date", "history_id"))
    if not rijen:
        return []
    velden = getoonde_velden(rijen[0].instance_type)
    namen = _namen_van_verwijzingen(velden, rijen)
    resultaat = []
    vorige = None
    for rij in rijen:
        wijzigingen = []
        for veld in velden:
            nieuw = getattr(rij, veld.attname)
            oud = getattr(vorige, veld.attname) if vorige else None
            if vorige is None and nieuw in (None, ""):
                continue  # made without it: nothing to tell
            if nieuw != oud and rij.history_type != "-":
                wijzigingen.append(
                    Wijziging(
                        veld=str(veld.verbose_name).capitalize(),
                        oud=in_woorden(veld, oud, namen) if vorige else "",
                        nieuw=in_woorden(veld, nieuw, namen),
                    )
                )
        resultaat.append(
            Versie(
                history_id=rij.history_id,
                wanneer=rij.history_date,
                wie=weergavenaam(rij.history_user) if rij.history_user else _("Iemand"),
                wat=str(SOORTEN.get(rij.history_type, "")),
                reden=rij.history_change_reason or "",
                wijzigingen=wijzigingen,
                is_nieuwste=rij is rijen[-1],
                is_verwijderd=rij.history_type == "-",
            )
        )
        vorige = rij
    return resultaat[::-1]


def terug_te_zetten(versie, velden: list[str]) -> dict:
    """The values of a history row (`versie`) for the edit form's fields: the form's initial
    data when restoring that version."""
    model_velden = {veld.name: veld for veld in versie.instance_type._meta.concrete_fields}
    return {naam: getattr(versie, model_velden[naam].attname) for naam in velden}


def _namen_van_verwijzingen(velden: list[models.Field], rijen: list) -> dict:
    """The names of every record the versions refer to (a team, an owner, a gebied): one query
    per kind of record, whatever the number of versions."""
    namen = {}
    for veld in velden:
        if isinstance(veld, models.ForeignKey):
            namen |= veld_namen(veld, {getattr(rij, veld.attname) for rij in rijen} - {None})
    return namen
