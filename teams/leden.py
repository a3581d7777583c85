"""Taking someone out of a team.

A team keeps a trekker: the trekker leads it, manages who sits at its table and who may look
along, and is the one who hands its opgaven over. So the last trekker cannot be taken out; the
team first gets another trekker. Leaving loses the team's rights at once (teams/signals.py).
"""

from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _

from kern.gebruikers import weergavenaam
from teams.models import Lidmaatschap, Rol


class LidBlijft(Exception):
    """The member was not taken out of the team; the message says why."""


def bezwaar_tegen_verwijderen(lidmaatschap: Lidmaatschap, trekkers: Iterable[Lidmaatschap]) -> str:
    """Why this member cannot be taken out of the team now (empty: they can), given the
    team's trekkers: the last trekker stays."""
    if [trekker.pk for trekker in trekkers] == [lidmaatschap.pk]:
        return _(
            "%(naam)s is de enige trekker van dit team en blijft daarom in het team: er moet "
            "eerst een andere trekker zijn."
        ) % {"naam": weergavenaam(lidmaatschap.user)}
    return ""


@transaction.atomic
def haal_uit_team(lidmaatschap: Lidmaatschap, *, door) -> None:
    """Take the member out of the team in the name of `door` (the membership's history says
    who), or raise LidBlijft, changing nothing. The team's trekkers are locked and read as
    they are now, so two trekkers taking each other out at the same time leave one."""
    trekkers = list(
        Lidmaatschap.objects.select_for_update()
        .filter(team_id=lidmaatschap.team_id, rol=Rol.TREKKER)
        .order_by("pk")
    )
    if bezwaar := bezwaar_tegen_verwijderen(lidmaatschap, trekkers):
        raise LidBlijft(bezwaar)
    lidmaatschap._history_user = door  # simple_history's way to name who did it
    lidmaatschap.delete()
