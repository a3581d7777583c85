"""Reporting moments: freeze the state of a regieteam's opgaven, then compare with now."""

from dataclasses import dataclass

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from opgaven.models import Opgave, Peilmoment, PeilmomentOpgave
from opgaven.ordering import opgaven_op_regiebord


@transaction.atomic
def leg_peilmoment_vast(*, regieteam, door) -> Peilmoment:
    """Record how every opgave on the regieteam's board stands today, with a history row for
    the peilmoment and each of its opgaven in the name of `door`."""
    peilmoment = Peilmoment(regieteam=regieteam, vastgelegd_door=door)
    peilmoment._history_user = door  # simple_history's way to name who did it, request or not
    peilmoment.save()
    bulk_create_with_history(
        [
            PeilmomentOpgave(
                peilmoment=peilmoment,
                opgave=opgave,
                titel=opgave.titel,
                status=opgave.status,
                voortgang=opgave.voortgang,
                voortgang_status=opgave.laatste_status or "",
                belemmeringen_open=opgave.aantal_belemmeringen_open,
            )
            for opgave in opgaven_op_regiebord(regieteam).met_voortgang()
        ],
        PeilmomentOpgave,
        default_user=door,
    )
    return peilmoment


@dataclass(frozen=True)
class Verandering:
    toen: PeilmomentOpgave | None
    voortgang_verschil: int | None
    status_anders: bool
    belemmeringen_verschil: int | None
    lijn: list[tuple[str, int]]  # (peildatum, voortgang) over all peilmomenten, then today

    @property
    def punten(self) -> str:
        """SVG polyline points for the progress line, 100 wide and 20 high."""
        if len(self.lijn) < 2:
            return ""
        stap = 100 / (len(self.lijn) - 1)
        return " ".join(
            f"{i * stap:.1f},{20 - waarde / 5:.1f}" for i, (_d, waarde) in enumerate(self.lijn)
        )

    @property
    def lijn_tekst(self) -> str:
        return " → ".join(f"{waarde}%" for _datum, waarde in self.lijn)


def veranderingen_sinds(peilmoment: Peilmoment, opgaven: list[Opgave]) -> dict[int, Verandering]:
    """Per opgave (annotated with met_voortgang): what changed since `peilmoment`, and its
    progress over every peilmoment of the same regieteam up to and including it."""
    regels = (
        PeilmomentOpgave.objects.filter(
            peilmoment__regieteam_id=peilmoment.regieteam_id,
            peilmoment__datum__lte=peilmoment.datum,
            opgave__in=[opgave.pk for opgave in opgaven],
        )
        .select_related("peilmoment")
        .order_by("peilmoment__datum", "peilmoment__aangemaakt_op")
    )
    lijnen: dict[int, list] = {}
    toen: dict[int, PeilmomentOpgave] = {}
    for regel in regels:
        lijnen.setdefault(regel.opgave_id, []).append(
            (regel.peilmoment.datum.isoformat(), regel.voortgang)
        )
        if regel.peilmoment_id == peilmoment.pk:
            toen[regel.opgave_id] = regel
    veranderingen = {}
    for opgave in opgaven:
        vroeger = toen.get(opgave.pk)
        veranderingen[opgave.pk] = Verandering(
            toen=vroeger,
            voortgang_verschil=opgave.voortgang - vroeger.voortgang if vroeger else None,
            status_anders=bool(vroeger)
            and vroeger.voortgang_status != (opgave.laatste_status or ""),
            belemmeringen_verschil=(
                opgave.aantal_belemmeringen_open - vroeger.belemmeringen_open if vroeger else None
            ),
            lijn=[*lijnen.get(opgave.pk, []), ("nu", opgave.voortgang)],
        )
    return veranderingen
