"""Handing an opgave to another team: the only way an opgave changes team.

The owning team's rights go with it (rechten/signals.py moves the team's object permissions
in the same transaction); partner guests keep theirs. History records who handed it over to
whom, and open boards see the change (the save raises the board version: opgaven/bordversie.py).
"""

from django.db import transaction
from django.utils.translation import gettext as _

from kern.versioning import bewaar_bewerking
from opgaven.models import Opgave
from teams.models import Team


@transaction.atomic
def draag_over(opgave: Opgave, *, naar: Team, versie: int) -> None:
    """Give `opgave` to team `naar`, on top of `versie` (VersieConflict when someone else
    changed the opgave since). Who may do this is `rechten.opgaven.kan_overdragen`."""
    van = opgave.team
    opgave.team = naar
    opgave._change_reason = _("overgedragen van %(van)s aan %(naar)s") % {
        "van": van.naam,
        "naar": naar.naam,
    }
    bewaar_bewerking(opgave, versie=versie, velden=["team"])
