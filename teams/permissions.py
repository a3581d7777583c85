"""Who may see and change what. Every view and every list goes through these questions.

The rules (DESIGN.md, "Roles and permissions"):
- a team's Django group holds `view_opgave` and `change_opgave` on the team's opgaven, so
  joining or leaving a team takes effect at once;
- regieteam members see every opgave that lands in their gebied or below it;
- partner guests hold object permissions on exactly the opgaven they were invited to;
- coordinators see everything and change nothing; admins (staff) see everything and manage teams;
- an archived opgave or team (opgaven/archief.py) still opens for whoever may see it, but is
  read-only for everyone, and an archived regieteam leads nowhere.
Objects a user may not see answer 404 (no existence leak); changes to objects a user may see
but not change answer 403.

Who may grant what (README, "Security"): functioneel beheer (staff) decides which teams exist,
whether a team is a regieteam and which gebied it steers; a team's trekker adds and removes
members and invites partner guests to the team's opgaven; only the owning team's trekker (or
beheer) hands an opgave to another team. Nothing else a user can post changes who may see or
change what.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet, Value
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm, remove_perm

from opgaven.models import (
    Opgave,
    OpgaveGebied,
    OpgaveGroupObjectPermission,
    OpgaveUserObjectPermission,
)
from opgaven.ordering import opgaven_op_regiebord
from teams.models import COORDINATOREN_GROEP, Lidmaatschap, Team

Gebruiker = AbstractBaseUser | AnonymousUser

BEKIJKEN = "view_opgave"
WIJZIGEN = "change_opgave"


def geef_team_toegang(opgave: Opgave, team: Team) -> None:
    """The team's members may see and change the opgave, through the team's group."""
    for recht in (BEKIJKEN, WIJZIGEN):
        assign_perm(recht, team.groep, opgave)


def ontneem_team_toegang(opgave: Opgave, team: Team) -> None:
    for recht in (BEKIJKEN, WIJZIGEN):
        remove_perm(recht, team.groep, opgave)


def nodig_gast_uit(gast: AbstractBaseUser, opgave: Opgave, *, mag_wijzigen: bool) -> None:
    """A partner from outside the teams sees (and perhaps works on) exactly this opgave."""
    assign_perm(BEKIJKEN, gast, opgave)
    if mag_wijzigen:
        assign_perm(WIJZIGEN, gast, opgave)
    else:
        remove_perm(WIJZIGEN, gast, opgave)


def trek_gast_in(gast: AbstractBaseUser, opgave: Opgave) -> None:
    for recht in (BEKIJKEN, WIJZIGEN):
        remove_perm(recht, gast, opgave)


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


def _met_objectrecht(user: Gebruiker, codename: str) -> Q:
    """Opgaven on which django-guardian gives the user `codename`, directly or through one of
    their groups: what `get_objects_for_user(..., accept_global_perms=False,
    with_superuser=False)` answers, read straight from the direct-FK permission tables (the
    same SQL without joining permissions and content types, and much cheaper to build for
    every page)."""
    via_groep = OpgaveGroupObjectPermission.objects.filter(
        permission__codename=codename, group__user=user
    ).values("content_object_id")
    eigen = OpgaveUserObjectPermission.objects.filter(
        permission__codename=codename, user=user
    ).values("content_object_id")
    return Q(pk__in=via_groep) | Q(pk__in=eigen)


def zichtbare_opgaven(user: Gebruiker) -> QuerySet[Opgave]:
    """The opgaven this user may see, as one queryset (one SQL query, whatever the count)."""
    if not user.is_authenticated:
        return Opgave.objects.none()
    if ziet_alles(user):
        return Opgave.objects.all()
    zichtbaar = _met_objectrecht(user, BEKIJKEN)
    for pad in regie_paden(user):
        zichtbaar |= Q(
            pk__in=Opgave.objects.filter(opgave_gebieden__gebied__pad__startswith=pad).values("pk")
        )
    return Opgave.objects.filter(zichtbaar)


def wijzigbare_opgaven(user: Gebruiker) -> QuerySet[Opgave]:
    """The opgaven this user may change: their teams' opgaven and those they are a guest on,
    unless archived (an archived opgave is read-only for everyone)."""
    if not (user.is_authenticated and user.is_active):
        return Opgave.objects.none()
    return Opgave.objects.actief().filter(_met_objectrecht(user, WIJZIGEN))


def kan_bekijken(user: Gebruiker, opgave: Opgave) -> bool:
    return zichtbare_opgaven(user).filter(pk=opgave.pk).exists()


def zichtbaar_op_regiebord(user: Gebruiker, regieteam: Team) -> QuerySet[Opgave]:
    """The opgaven on a regieteam's board that this user may see: every one of them for the
    team's own members, coordinators and beheer; for anyone else who may open the board (a
    guest on one opgave, say) only those they may see, in every row, count and export."""
    opgaven = opgaven_op_regiebord(regieteam)
    eigen_bord = is_teamlid(user, regieteam.pk) and not regieteam.is_gearchiveerd
    if ziet_alles(user) or eigen_bord:
        return opgaven
    return opgaven.filter(pk__in=zichtbare_opgaven(user).values("pk"))


def is_zichtbaar(user: Gebruiker, opgave_veld: str = "pk") -> ExpressionWrapper | Value:
    """A boolean expression: may the user see the opgave whose id the query holds in
    `opgave_veld`? For lists that name opgaven next to something the reader may see (the
    opgaven a belemmering blocks, a melding's outcome), so a title or link is only shown to
    whoever may see that opgave, decided in the list's own query."""
    if ziet_alles(user):
        return Value(True, output_field=BooleanField())
    return ExpressionWrapper(
        Q(**{f"{opgave_veld}__in": zichtbare_opgaven(user).values("pk")}),
        output_field=BooleanField(),
    )


@dataclass(frozen=True)
class Verwijzingen:
    """Opgaven named next to something the reader may see: those the reader may see by title
    and link, the others only as a count ("1 andere opgave")."""

    zichtbaar: list[Opgave]
    verborgen: int

    @classmethod
    def van(cls, opgaven: Iterable[Opgave]) -> "Verwijzingen":
        """From opgaven annotated with `zichtbaar` (see `is_zichtbaar`)."""
        opgaven = list(opgaven)
        zichtbaar = [opgave for opgave in opgaven if opgave.zichtbaar]
        return cls(zichtbaar=zichtbaar, verborgen=len(opgaven) - len(zichtbaar))

    @property
    def sleutel(self) -> tuple:
        """What a cached card shows of these references."""
        return tuple((opgave.pk, opgave.titel) for opgave in self.zichtbaar), self.verborgen

    def __bool__(self) -> bool:
        return bool(self.zichtbaar) or self.verborgen > 0


def wijzigbare_ids(user: Gebruiker) -> set[int]:
    """The ids of `wijzigbare_opgaven`: one query per request, kept on the user object."""
    if not hasattr(user, "_wijzigbare_ids"):
        user._wijzigbare_ids = set(wijzigbare_opgaven(user).values_list("pk", flat=True))
    return user._wijzigbare_ids


def kan_wijzigen(user: Gebruiker, opgave: Opgave) -> bool:
    """Members of the owning team and guests invited to work on it; never coordinators.
    (A superuser, like `has_perm` answers for one, may change everything.)"""
    if not (user.is_authenticated and user.is_active) or opgave.is_gearchiveerd:
        return False
    return user.is_superuser or opgave.pk in wijzigbare_ids(user)


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


def kan_overdragen(user: Gebruiker, opgave: Opgave) -> bool:
    """Only the owning team's trekker (or functioneel beheer) hands an opgave to another team;
    a guest's right to work on an opgave never moves its ownership."""
    if not (user.is_authenticated and user.is_active) or opgave.is_gearchiveerd:
        return False
    return is_beheerder(user) or is_trekker(user, opgave.team_id)


def kan_prioriteren(user: Gebruiker, team: Team) -> bool:
    """Only the regieteam's own members set the priority order of its board."""
    return (
        user.is_authenticated
        and team.is_regieteam
        and not team.is_gearchiveerd
        and is_teamlid(user, team.pk)
    )


def lokaal_bewerkbaar(user: Gebruiker) -> Callable[[OpgaveGebied], bool]:
    """Who may edit the local status of an opgave in a gebied: its own team (and invited
    guests who may change it), and the regieteams whose gebied covers that place. Returns a
    check that costs no further queries, for use on whole lists."""
    if not (user.is_authenticated and user.is_active):
        return lambda opgave_gebied: False
    eigen = wijzigbare_ids(user)
    paden = regie_paden(user)
    return lambda opgave_gebied: (
        not opgave_gebied.opgave.is_gearchiveerd
        and (
            opgave_gebied.opgave_id in eigen
            or any(opgave_gebied.gebied.pad.startswith(pad) for pad in paden)
        )
    )


def geweigerd(record: Opgave | Team) -> PermissionDenied:
    """The 403 for a change the user may not make; for an archived opgave or team it says why
    (the 403 page shows it)."""
    if not record.is_gearchiveerd:
        return PermissionDenied()
    if isinstance(record, Team):
        return PermissionDenied(
            _("Dit team is gearchiveerd: je kunt het bekijken, maar niet meer wijzigen.")
        )
    return PermissionDenied(
        _("Deze opgave is gearchiveerd: je kunt haar bekijken, maar niet meer wijzigen.")
    )


def get_opgave_for_user(request: HttpRequest, pk: int, *, write: bool = False) -> Opgave:
    """The opgave with its card annotations; 404 when the user may not see it, 403 when the
    user may see it but `write` asks for a change they may not make. An archived opgave still
    opens, read-only."""
    try:
        opgave = (
            zichtbare_opgaven(request.user)
            .met_voortgang()
            .select_related("team", "gearchiveerd_door")
            .get(pk=pk)
        )
    except Opgave.DoesNotExist:
        raise Http404 from None
    if write and not kan_wijzigen(request.user, opgave):
        raise geweigerd(opgave)
    return opgave


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
