"""Who sees and manages which team, and who decides how teams are set up.

The rules as a whole: rechten/__init__.py.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest

from opgaven.models import Opgave
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


def kan_team_aanmaken(user: Gebruiker) -> bool:
    """Which teams exist is decided by functioneel beheer."""
    return is_beheerder(user)


def controleer_team_aanmaken(request: HttpRequest) -> None:
    """403 unless the user may create a team (`kan_team_aanmaken`)."""
    if not kan_team_aanmaken(request.user):
        raise PermissionDenied


def ontvangende_teams(user: Gebruiker) -> QuerySet[Team]:
    """The teams the user may hand an opgave to: the active teams they may see (functioneel
    beheer sees them all)."""
    return zichtbare_teams(user).actief()


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


def kan_waardencheck_invullen(user: Gebruiker, team: Team, *, opgave: Opgave | None = None) -> bool:
    """A team's own members score it on the values (for one of its opgaven, or as a whole);
    an archived team or opgave is scored no more."""
    if opgave is not None and opgave.is_gearchiveerd:
        return False
    return is_teamlid(user, team.pk) and not team.is_gearchiveerd


def get_team_for_user(request: HttpRequest, slug: str, *, write: bool = False) -> Team:
    """The team; 404 when the user may not see it, 403 when `write` asks to manage it and the
    user may not (`kan_team_beheren`)."""
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


def get_regiebord_for_user(request: HttpRequest, slug: str, *, write: bool = False) -> Team:
    """The regieteam whose board this is; 404 when the user may not see it or it is no
    regieteam, 403 when `write` asks to order the board, take a peilmoment or handle its
    meldingen and the user may not (`kan_prioriteren`)."""
    team = get_team_for_user(request, slug)
    if not team.is_regieteam:
        raise Http404
    if write and not kan_prioriteren(request.user, team):
        raise geweigerd(team)
    return team


def get_waardencheck_team_for_user(request: HttpRequest, slug: str) -> Team:
    """The team to fill in a waardencheck for; 404 when the user may not see it, 403 when the
    user may not score it (`kan_waardencheck_invullen`)."""
    team = get_team_for_user(request, slug)
    if not kan_waardencheck_invullen(request.user, team):
        raise geweigerd(team)
    return team
