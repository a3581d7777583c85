"""The cross-wijk overview: opgaven x areas, each cell the local side of one opgave in one area.

Built from four queries whatever the size (opgaven, landings, areas, open belemmeringen);
the roll-up to gebied or stadsdeel follows the stored paths, so no tree walking in SQL.
"""

from dataclasses import dataclass, field

from django.db.models import QuerySet

from gebieden.models import Gebied, Niveau, paden_van
from opgaven.models import Belemmering, BelemmeringStatus, LokaleStatus, Opgave, OpgaveGebied

# When several buurten of one wijk report differently, the cell shows the most worrying.
ZORGVOLGORDE = [
    LokaleStatus.AANDACHT,
    LokaleStatus.NOG_NIET_GESTART,
    LokaleStatus.LOOPT,
    LokaleStatus.AFGEROND,
]
NIVEAUS = [Niveau.STADSDEEL, Niveau.GEBIED, Niveau.WIJK, Niveau.BUURT]


@dataclass
class Cel:
    gebied: Gebied
    opgave: Opgave
    statussen: set = field(default_factory=set)
    belemmeringen_open: int = 0

    @property
    def status(self) -> str:
        return next((s for s in ZORGVOLGORDE if s in self.statussen), "")

    @property
    def status_label(self) -> str:
        return str(LokaleStatus(self.status).label) if self.status else ""


@dataclass
class Overzicht:
    opgaven: list[Opgave]
    gebieden: list[Gebied]  # the areas where at least one of the opgaven lands
    cellen: dict[tuple[int, int], Cel]
    alle_gebieden: list[Gebied]  # every area at the level, for the map

    def per_gebied(self, maat: str) -> dict[int, int]:
        """A number per area for the map: opgaven landing, open belemmeringen, or opgaven
        that need attention there."""
        waarden: dict[int, int] = {}
        for (_opgave, gebied_id), cel in self.cellen.items():
            bijdrage = {
                "opgaven": 1,
                "belemmeringen": cel.belemmeringen_open,
                "aandacht": int(cel.status == LokaleStatus.AANDACHT),
            }[maat]
            waarden[gebied_id] = waarden.get(gebied_id, 0) + bijdrage
        return waarden

    def rij(self, opgave: Opgave) -> list[Cel | None]:
        return [self.cellen.get((opgave.pk, gebied.pk)) for gebied in self.gebieden]

    def kolom(self, gebied: Gebied) -> list[Cel | None]:
        return [self.cellen.get((opgave.pk, gebied.pk)) for opgave in self.opgaven]


def maak_overzicht(opgaven: QuerySet[Opgave], *, niveau: str = Niveau.WIJK) -> Overzicht:
    """The matrix of these opgaven against the areas at `niveau` where they land."""
    opgaven = list(opgaven.met_voortgang().select_related("team").order_by("titel"))
    ids = [opgave.pk for opgave in opgaven]
    per_pad = {
        gebied.pad: gebied for gebied in Gebied.objects.filter(niveau=niveau).order_by("pad")
    }
    cellen: dict[tuple[int, int], Cel] = {}
    per_opgave = {opgave.pk: opgave for opgave in opgaven}

    landingen = OpgaveGebied.objects.filter(opgave_id__in=ids).values_list(
        "opgave_id", "gebied__pad", "lokale_status"
    )
    for opgave_id, pad, status in landingen:
        gebied = _gebied_op_niveau(pad, per_pad)
        if gebied is None:
            continue  # lands above this level, e.g. a stadsdeel-wide opgave on the wijk view
        cel = cellen.setdefault(
            (opgave_id, gebied.pk), Cel(gebied=gebied, opgave=per_opgave[opgave_id])
        )
        cel.statussen.add(status)
    open_belemmeringen = (
        Belemmering.opgaven.through.objects.filter(opgave_id__in=ids)
        .exclude(belemmering__status=BelemmeringStatus.OPGELOST)
        .exclude(belemmering__gebied__isnull=True)
        .values_list("opgave_id", "belemmering__gebied__pad")
    )
    for opgave_id, pad in open_belemmeringen:
        gebied = _gebied_op_niveau(pad, per_pad)
        cel = cellen.get((opgave_id, gebied.pk)) if gebied else None
        if cel:
            cel.belemmeringen_open += 1
    in_gebruik = {gebied_id for _opgave, gebied_id in cellen}
    met_cellen = {opgave_id for opgave_id, _gebied in cellen}
    return Overzicht(
        opgaven=[opgave for opgave in opgaven if opgave.pk in met_cellen],
        gebieden=[gebied for gebied in per_pad.values() if gebied.pk in in_gebruik],
        cellen=cellen,
        alle_gebieden=list(per_pad.values()),
    )


def _gebied_op_niveau(pad: str, per_pad: dict[str, Gebied]) -> Gebied | None:
    """The area at the overview's level that contains `pad` (or is it)."""
    return next((per_pad[boven] for boven in paden_van(pad) if boven in per_pad), None)
