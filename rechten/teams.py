"""Who sees and manages which team, and who decides how teams are set up.

The rules as a whole: rechten/__init__.py.
"""

from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest

from rechten.gebruikers import Gebruiker, is_beheerder, is_teamlid, is_trekker, ziet_alles
from rechten.opgaven import geweigerd, zichtbare_opgaven
from teams.models import Team


def zichtbare_teams(user: Gebruiker) -> QuerySet[Team]:
    """Teams the user belongs to, plus the teams that own an opgave the user may see."""
    if not user.is_authenticated:
        return Team.objects.none()
    if ziet_alles(user):
        return Team.objects.all()
    return Team.objects.filter(
        Q(pk__in=Team.objects.filter(leden=user).values("pk"))
        | Q(pk__in=zichtbare_opgaven(user).values("team"))
    )


def kan_team_beheren(user: Gebruiker, team: Team) -> bool:
    """Admins manage every team; a team's trekker manages their own: its name, description,
    focus limit, members and partner guests."""
    if not user.is_authenticated or team.is_gearchiveerd:
        return False
    return is_beheerder(user) or is_trekker(user, team.pk)


def kan_teamindeling_bepalen(user: Gebruiker) -> bool:
    """Whether a team is a regieteam, which gebied it steers and its web address are set by
    functioneel beheer only: they decide what a team's members may see."""
    return is_beheerder(user)


def kan_prioriteren(user: Gebruiker, team: Team) -> bool:
    """Only the regieteam's own members set the priority order of its board."""
    return (
        user.is_authenticated
        and team.is_regieteam
        and not team.is_gearchiveerd
        and is_teamlid(user, team.pk)
    )


def get_team_for_user(request: HttpRequest, slug: str, *, write: bool = False) -> Team:
    try:
        team = (
            zichtbare_teams(request.user)
            .select_related("gebied")
            .defer("gebied__omtrek")
            .get(slug=slug)
        )
    except Team.DoesNotExist:
        raise Http404 from None
    if write and not kan_team_beheren(request.user, team):
        raise geweigerd(team)
    return team
