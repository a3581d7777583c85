"""Where an opgave lands: adding a gebied to it and taking one away.

An opgave always lands somewhere: the regieteams whose gebied it lands in steer it, the wijk
boards and the overview show it there, and a belemmering raised on its board lies in one of its
gebieden (opgaven/belemmeringen.py). So the last landing cannot be removed. Each change runs
under the opgave's row lock, so two people adding the same gebied, or removing the last two
landings, at the same moment queue up and the second is told why not. A removed landing stays
in the history, with who removed it; the boards that show it learn of it through their board
versions (opgaven/bordversie.py).

Who may add and remove where: rechten/opgaven.py (`kan_beheren`, `mag_landen_in`).
"""

from django.db import IntegrityError, transaction

from gebieden.models import Gebied
from opgaven.models import Opgave, OpgaveGebied


class AlGeland(Exception):
    """The opgave lands in that gebied already."""


class LaatsteLanding(Exception):
    """The only place the opgave lands: it cannot go."""


def _vergrendel(opgave: Opgave) -> None:
    Opgave.objects.select_for_update().filter(pk=opgave.pk).first()


@transaction.atomic
def voeg_landing_toe(*, opgave: Opgave, gebied: Gebied, urgentie: str, door) -> OpgaveGebied:
    """Let the opgave land in `gebied` as well, with its local urgency there; AlGeland when it
    lands there already."""
    _vergrendel(opgave)
    if opgave.opgave_gebieden.filter(gebied=gebied).exists():
        raise AlGeland
    landing = OpgaveGebied(opgave=opgave, gebied=gebied, urgentie=urgentie)
    landing._history_user = door
    try:
        with transaction.atomic():  # SQLite has no row lock: the constraint is the last guard
            landing.save()
    except IntegrityError:
        raise AlGeland from None
    return landing


@transaction.atomic
def verwijder_landing(*, opgave: Opgave, landing_id: int, door) -> OpgaveGebied | None:
    """Stop the opgave landing in one gebied; LaatsteLanding when it lands nowhere else. None
    when someone else removed it meanwhile (what was asked has happened)."""
    _vergrendel(opgave)
    landingen = list(opgave.opgave_gebieden.select_related("gebied").defer("gebied__omtrek"))
    landing = next((landing for landing in landingen if landing.pk == landing_id), None)
    if landing is None:
        return None
    if len(landingen) == 1:
        raise LaatsteLanding
    landing._history_user = door
    landing.delete()
    return landing
