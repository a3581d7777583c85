"""Starting an opgave: the opgave and the gebieden where it lands, written together.

An opgave without a landing would be on no regieteam's board and in no wijk, so it is made
with its landings in one transaction or not at all. Its team's group gets the rights on it
from the save itself (rechten/signals.py), in the same transaction. Who may start one for
which team, and where it may land, is `rechten.opgaven` (`teams_voor_nieuwe_opgave`,
`mag_landen_in`).
"""

import datetime
from collections.abc import Sequence

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from gebieden.models import Gebied
from opgaven.models import Opgave, OpgaveGebied, Thema
from teams.models import Team


@transaction.atomic
def start_opgave(
    *,
    titel: str,
    beschrijving: str,
    thema: Thema,
    team: Team,
    aanvliegroute: str,
    aanvliegroute_toelichting: str,
    startdatum: datetime.date | None,
    streefdatum: datetime.date | None,
    landingen: Sequence[tuple[Gebied, str]],
    door: AbstractBaseUser,
) -> Opgave:
    """Make the opgave of `team` and let it land in each (gebied, urgentie) of `landingen`
    (at least one), recorded in their history as made by `door`. New on a regieteam's board,
    it comes at the bottom until the regieteam places it (opgaven.ordering)."""
    if not landingen:
        raise ValueError("Een opgave landt in minstens één gebied.")
    opgave = Opgave(
        titel=titel,
        beschrijving=beschrijving,
        thema=thema,
        team=team,
        aanvliegroute=aanvliegroute,
        aanvliegroute_toelichting=aanvliegroute_toelichting,
        startdatum=startdatum,
        streefdatum=streefdatum,
    )
    opgave._history_user = door
    opgave.save()
    for gebied, urgentie in landingen:
        landing = OpgaveGebied(opgave=opgave, gebied=gebied, urgentie=urgentie)
        landing._history_user = door
        landing.save()
    return opgave
