"""What each board card shows, one class per kind of card (see opgaven/kaartcache.py).

The view builds a card with `van(record, **bord)`: the record's own values, plus what the
board adds by field name (the card's place and neighbours, the viewer's rights). The template
reads only the card's fields (`kaart.<field>`); its cache key is made of the same fields. A
card that should show something new gets a field here, and with it a place in the key.
"""

import dataclasses
import datetime
from typing import ClassVar

from kern.gebruikers import weergavenaam
from opgaven.kaartcache import Kaart
from opgaven.models import Actie, Belemmering, Opgave, OpgaveGebied
from rechten.opgaven import Verwijzingen


@dataclasses.dataclass
class _Opgavekaart(Kaart):
    """What the home page's opgave card and the regieteam's card both show of an opgave
    (annotated `met_voortgang` and `met_gebiednamen`, its team selected)."""

    pk: int
    url: str
    titel: str
    team: str
    status: str
    aanvliegroute: str
    gebiednamen: list[str]
    voortgang: int
    mijlpalen: int
    mijlpalen_gereed: int
    laatste_status: str  # the value, for the colour; `laatste_status_label` says it
    laatste_status_label: str
    laatste_status_datum: datetime.date | None
    belemmeringen_open: int
    verlopen: int  # mijlpalen and acties past their deadline (opgaven.termijnen)

    @staticmethod
    def _van_opgave(opgave: Opgave) -> dict:
        return {
            "pk": opgave.pk,
            "url": opgave.get_absolute_url(),
            "titel": opgave.titel,
            "team": opgave.team.naam,
            "status": opgave.get_status_display(),
            "aanvliegroute": opgave.get_aanvliegroute_display(),
            "gebiednamen": opgave.gebiednamen,
            "voortgang": opgave.voortgang,
            "mijlpalen": opgave.aantal_mijlpalen,
            "mijlpalen_gereed": opgave.aantal_mijlpalen_gereed,
            "laatste_status": opgave.laatste_status,
            "laatste_status_label": opgave.get_laatste_status_display(),
            "laatste_status_datum": opgave.laatste_status_datum,
            "belemmeringen_open": opgave.aantal_belemmeringen_open,
            "verlopen": opgave.aantal_verlopen,
        }


@dataclasses.dataclass
class OpgaveKaart(_Opgavekaart):
    """An opgave on the home page."""

    fragment = "opgavekaart"
    thema: str

    @classmethod
    def van(cls, opgave: Opgave) -> "OpgaveKaart":
        return cls(**cls._van_opgave(opgave), thema=str(opgave.thema))


@dataclasses.dataclass
class PrioriteitKaart(_Opgavekaart):
    """An opgave on the regieteam's board, at its place in the priorities, with the Hoger and
    Lager buttons for who may reorder them."""

    fragment = "regiekaart"
    plek: int  # 1 is the top priority
    mag_prioriteren: bool
    verplaats_url: str  # names the card: the buttons share one form
    hoger: bool  # the Hoger and Lager buttons (opgaven.ordering.hoger_en_lager)
    na_voor_hoger: int | None
    na_voor_lager: int | None

    @classmethod
    def van(cls, opgave: Opgave, **bord) -> "PrioriteitKaart":
        return cls(**cls._van_opgave(opgave), **bord)


@dataclasses.dataclass
class ActieKaart(Kaart):
    """An actie in its column on the opgave board, with the buttons that move it (`vorige_kolom`
    and `volgende_kolom`: the columns beside it, as the board names them)."""

    fragment = "actiekaart"
    pk: int
    opgave_pk: int
    titel: str
    is_experiment: bool
    hypothese: str
    geleerd: str
    beschrijving: str
    eigenaar: str
    deadline: datetime.date | None
    is_verlopen: bool  # decided today: tomorrow's key differs when the deadline passes
    mijlpaal: str  # the title of the mijlpaal it works towards
    mag_wijzigen: bool
    vorige_kolom: dict | None
    volgende_kolom: dict | None
    hoger: bool  # the Hoger and Lager buttons (opgaven.ordering.hoger_en_lager)
    na_voor_hoger: int | None
    na_voor_lager: int | None
    verplaatst: bool  # just moved: focus lands here

    @classmethod
    def van(cls, actie: Actie, **bord) -> "ActieKaart":
        return cls(
            pk=actie.pk,
            opgave_pk=actie.opgave_id,
            titel=actie.titel,
            is_experiment=actie.is_experiment,
            hypothese=actie.hypothese,
            geleerd=actie.geleerd,
            beschrijving=actie.beschrijving,
            eigenaar=weergavenaam(actie.eigenaar),
            deadline=actie.deadline,
            is_verlopen=actie.is_verlopen,
            mijlpaal=actie.mijlpaal.titel if actie.mijlpaal_id else "",
            **bord,
        )


@dataclasses.dataclass
class BelemmeringKaart(Kaart):
    """A belemmering on the belemmeringen board. Its status form, when open, is not part of the
    card: a card with an open form is never cached."""

    fragment = "belemmeringkaart"
    # The columns `van` reads (its description is on the opgave board, not here).
    KOLOMMEN: ClassVar[list[str]] = [
        "id", "version", "titel", "ernst", "status", "escalatieniveau", "geescaleerd_op",
        "escalatie_besluit", "escalatie_bij", "escalatie_deadline", "oplossing", "opgelost_op",
        "aangemaakt_op", "gebied__naam", "gebied__pad", "eigenaar__first_name",
        "eigenaar__last_name", "eigenaar__username",
    ]  # fmt: skip
    pk: int
    version: int
    titel: str
    leeftijd: int
    ernst: str
    gebied: str
    eigenaar: str
    verwijzingen: Verwijzingen
    is_geescaleerd: bool
    escalatieniveau: str
    escalatie_besluit: str
    escalatie_bij: str
    escalatie_deadline: datetime.date | None
    escalatie_verlopen: bool
    oplossing: str
    mag_behandelen: bool
    querystring: str  # the board's filters, kept by the card's links
    autofocus: bool  # just changed: focus lands here

    @classmethod
    def van(cls, belemmering: Belemmering, **bord) -> "BelemmeringKaart":
        """From a belemmering with `met_opgaven` prefetched."""
        return cls(
            pk=belemmering.pk,
            version=belemmering.version,
            titel=belemmering.titel,
            leeftijd=belemmering.leeftijd,
            ernst=belemmering.get_ernst_display(),
            gebied=belemmering.gebied.naam if belemmering.gebied else "",
            eigenaar=weergavenaam(belemmering.eigenaar),
            verwijzingen=Verwijzingen.van(belemmering.geblokkeerde_opgaven),
            is_geescaleerd=belemmering.is_geescaleerd,
            escalatieniveau=belemmering.get_escalatieniveau_display(),
            escalatie_besluit=belemmering.escalatie_besluit,
            escalatie_bij=belemmering.escalatie_bij,
            escalatie_deadline=belemmering.escalatie_deadline,
            escalatie_verlopen=belemmering.escalatie_verlopen,
            oplossing=belemmering.oplossing,
            **bord,
        )


@dataclasses.dataclass
class WijkRij(Kaart):
    """An opgave landing in an area, as a row on the wijk board of `gebied_code` (an area at
    or above it), with the opgave's progress figures."""

    fragment = "wijkrij"
    pk: int
    gebied_code: str
    opgave_url: str
    opgave: str
    team: str
    plek: str  # the area it lands in
    lokale_status: str  # the value, for the colour; `lokale_status_label` says it
    lokale_status_label: str
    urgentie: str
    notitie: str
    voortgang: int
    belemmeringen_open: int
    mag_bewerken: bool
    bijgewerkt: bool  # just edited: focus lands here

    @classmethod
    def van(cls, landing: OpgaveGebied, **bord) -> "WijkRij":
        opgave = landing.opgave
        return cls(
            pk=landing.pk,
            opgave_url=opgave.get_absolute_url(),
            opgave=opgave.titel,
            team=opgave.team.naam,
            plek=landing.gebied.naam,
            lokale_status=landing.lokale_status,
            lokale_status_label=landing.get_lokale_status_display(),
            urgentie=landing.get_urgentie_display(),
            notitie=landing.notitie,
            voortgang=opgave.voortgang,
            belemmeringen_open=opgave.aantal_belemmeringen_open,
            **bord,
        )
