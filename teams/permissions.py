"""Who may see what. Every view and every list goes through these questions.

Opgaveteam members see their team's opgaven; regieteam members see every opgave that lands
in their gebied or below it; coordinators and admins see everything. Objects a user may not
see answer 404, so their existence does not leak.
"""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest

from opgaven.models import Opgave
from teams.models import COORDINATOREN_GROEP, Team, TeamSoort

Gebruiker = AbstractBaseUser | AnonymousUser


def is_coordinator(user: Gebruiker) -> bool:
    return user.is_authenticated and user.groups.filter(name=COORDINATOREN_GROEP).exists()


def ziet_alles(user: Gebruiker) -> bool:
    """Coordinators review across wijken and admins manage: both may look at everything."""
    return user.is_authenticated and (user.is_superuser or user.is_staff or is_coordinator(user))


def zichtbare_opgaven(user: Gebruiker) -> QuerySet[Opgave]:
    """The opgaven this user may see."""
    if not user.is_authenticated:
        return Opgave.objects.none()
    if ziet_alles(user):
        return Opgave.objects.all()
    regie_paden = Team.objects.filter(leden=user, soort=TeamSoort.REGIETEAM).values_list(
        "gebied__pad", flat=True
    )
    zichtbaar = Q(team__leden=user)
    for pad in regie_paden:
        zichtbaar |= Q(opgave_gebieden__gebied__pad__startswith=pad)
    return Opgave.objects.filter(pk__in=Opgave.objects.filter(zichtbaar).values("pk"))


def zichtbare_teams(user: Gebruiker) -> QuerySet[Team]:
    """Teams the user belongs to, plus the teams that own an opgave the user may see."""
    if not user.is_authenticated:
        return Team.objects.none()
    if ziet_alles(user):
        return Team.objects.all()
    return Team.objects.filter(Q(leden=user) | Q(opgaven__in=zichtbare_opgaven(user))).distinct()


def get_opgave_for_user(request: HttpRequest, pk: int) -> Opgave:
    """The opgave, or 404 when it does not exist or the user may not see it."""
    try:
        return zichtbare_opgaven(request.user).met_voortgang().select_related("team").get(pk=pk)
    except Opgave.DoesNotExist:
        raise Http404 from None


def get_team_for_user(request: HttpRequest, slug: str) -> Team:
    try:
        return zichtbare_teams(request.user).select_related("gebied").get(slug=slug)
    except Team.DoesNotExist:
        raise Http404 from None
