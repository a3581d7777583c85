"""An opgave's course: its status and its aanvliegroute. Changing either is a decision the
team explains in one line; the history keeps that line with the change, so the activity
stream on the board shows what changed and why. And the team's focus: how many of its
opgaven are in uitvoering, against its focus limit (the rule itself: Team.boven_focuslimiet).
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from kern.woorden import in_woorden
from opgaven.models import Opgave, OpgaveStatus
from teams.models import Team

# The fields whose change asks for a reason, in the order the history names them.
KOERSVELDEN = ("aanvliegroute", "status")


def koerswijzigingen(opgave: Opgave, nieuw: dict) -> list[tuple[str, str, str]]:
    """The course fields that `nieuw` (field name: value) changes on `opgave` as stored:
    each as (field label, old value, new value) in words."""
    wijzigingen = []
    for naam in KOERSVELDEN:
        if naam not in nieuw or nieuw[naam] == getattr(opgave, naam):
            continue
        veld = Opgave._meta.get_field(naam)
        wijzigingen.append(
            (
                str(veld.verbose_name).capitalize(),
                in_woorden(veld, getattr(opgave, naam)),
                in_woorden(veld, nieuw[naam]),
            )
        )
    return wijzigingen


def wijzigingsreden(wijzigingen: list[tuple[str, str, str]], reden: str) -> str:
    """The line the history keeps with a change of course: "Status: Verkenning → In
    uitvoering — omdat <reden>" (both changes, when both changed). A reason typed as "Omdat
    ..." is not given a second "omdat"; a reason without a change of course stays as typed."""
    reden = reden.strip()
    if reden[:6].lower() == "omdat ":
        reden = reden[6:].strip()
    if not wijzigingen:
        return reden
    wat = "; ".join(
        _("%(veld)s: %(oud)s → %(nieuw)s") % {"veld": veld, "oud": oud, "nieuw": nieuw}
        for veld, oud, nieuw in wijzigingen
    )
    if not reden:
        return wat
    return _("%(wat)s — omdat %(reden)s") % {"wat": wat, "reden": reden}


@dataclass(frozen=True)
class Focus:
    """How many of a team's active opgaven are in uitvoering, against its focus limit."""

    team: Team
    in_uitvoering: int

    @property
    def boven_limiet(self) -> bool:
        return self.team.boven_focuslimiet(self.in_uitvoering)


def focus_van(team: Team) -> Focus:
    """The team's focus as it stands now (one query)."""
    in_uitvoering = team.opgaven.actief().filter(status=OpgaveStatus.IN_UITVOERING).count()
    return Focus(team=team, in_uitvoering=in_uitvoering)
