"""What a user is in the organisation: coordinator, beheerder, member, trekker, regieteam member.

The rules as a whole: rechten/__init__.py.
"""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from teams.models import COORDINATOREN_GROEP, Lidmaatschap, Team

Gebruiker = AbstractBaseUser | AnonymousUser


def is_coordinator(user: Gebruiker) -> bool:
    """Asked several times per request, answered with one query (kept on the user object,
    which lives as long as the request)."""
    if not user.is_authenticated:
        return False
    if not hasattr(user, "_is_coordinator"):
        user._is_coordinator = user.groups.filter(name=COORDINATOREN_GROEP).exists()
    return user._is_coordinator


def is_beheerder(user: Gebruiker) -> bool:
    return user.is_authenticated and user.is_active and (user.is_staff or user.is_superuser)


def lidmaatschappen_van(user: Gebruiker) -> list[Lidmaatschap]:
    """The user's seats in teams, with team, gebied and discipline: one query per request,
    kept on the user object like `is_coordinator`. The header, the membership checks and the
    regieteam paths all read from it."""
    if not user.is_authenticated:
        return []
    if not hasattr(user, "_lidmaatschappen"):
        user._lidmaatschappen = list(
            Lidmaatschap.objects.filter(user=user)
            .select_related("team__gebied", "discipline")
            .defer("team__gebied__omtrek")
            .order_by("team__naam", "team__pk")
        )
    return user._lidmaatschappen


def teams_van(user: Gebruiker) -> list[Team]:
    """The user's own teams (one seat per team, so no doubles)."""
    return [lidmaatschap.team for lidmaatschap in lidmaatschappen_van(user)]


def regie_paden(user: Gebruiker) -> list[str]:
    """The paths of the gebieden where the user's regieteams lead (an archived regieteam
    leads nowhere)."""
    return [
        team.gebied.pad
        for team in teams_van(user)
        if team.is_regieteam and team.gebied and not team.is_gearchiveerd
    ]


def is_teamlid(user: Gebruiker, team_id: int) -> bool:
    return any(team.pk == team_id for team in teams_van(user))


def is_trekker(user: Gebruiker, team_id: int) -> bool:
    return any(
        lidmaatschap.team_id == team_id and lidmaatschap.is_trekker
        for lidmaatschap in lidmaatschappen_van(user)
    )


def ziet_alles(user: Gebruiker) -> bool:
    """Coordinators review across wijken and admins manage: both may look at everything."""
    return is_beheerder(user) or is_coordinator(user)
