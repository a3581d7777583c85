"""Who sees, changes, hands over and prioritises opgaven; the rights a team's group holds.

The rules as a whole: rechten/__init__.py.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet, Value
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm, remove_perm

from gebieden.models import Gebied
from opgaven.bordversie import lees_stand_van_opgavebord
from opgaven.models import (
    Opgave,
    OpgaveGebied,
    OpgaveGroupObjectPermission,
    OpgaveUserObjectPermission,
)
from opgaven.ordering import opgaven_op_regiebord
from rechten.gebruikers import (
    Gebruiker,
    is_beheerder,
    is_teamlid,
    is_trekker,
    regie_paden,
    teams_van,
    ziet_alles,
)
from teams.models import Team, TeamSoort

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


def kan_overdragen(user: Gebruiker, opgave: Opgave) -> bool:
    """Only the owning team's trekker (or functioneel beheer) hands an opgave to another team;
    a guest's right to work on an opgave never moves its ownership."""
    if not (user.is_authenticated and user.is_active) or opgave.is_gearchiveerd:
        return False
    return is_beheerder(user) or is_trekker(user, opgave.team_id)


def _in_regiegebied(paden: list[str], gebied_paden) -> bool:
    return any(pad.startswith(regie) for pad in gebied_paden for regie in paden)


def kan_beheren(user: Gebruiker, opgave: Opgave) -> bool:
    """Who steers the opgave itself (its status and aanvliegroute, where it lands, archiving
    and restoring): the owning team's members, the regieteams whose gebied it lands in, and
    functioneel beheer. A partner guest who may change the board edits its description,
    mijlpalen and acties (`kan_wijzigen`), never these. Holds for an archived opgave too, so
    those who archived it can restore it; whether a change is possible now is the caller's
    question (`kan_wijzigen`, `bezwaar_tegen_herstellen`)."""
    if not (user.is_authenticated and user.is_active):
        return False
    if is_beheerder(user) or is_teamlid(user, opgave.team_id):
        return True
    paden = regie_paden(user)
    return bool(paden) and _in_regiegebied(
        paden, opgave.opgave_gebieden.values_list("gebied__pad", flat=True)
    )


def beheerbare_opgaven(user: Gebruiker) -> QuerySet[Opgave]:
    """The opgaven `kan_beheren` says yes to, as one queryset: for a list that offers a
    steering button (Herstellen) on each of its opgaven without a query per opgave."""
    if not (user.is_authenticated and user.is_active):
        return Opgave.objects.none()
    if is_beheerder(user):
        return Opgave.objects.all()
    beheerbaar = Q(team__in=[team.pk for team in teams_van(user)])
    for pad in regie_paden(user):
        beheerbaar |= Q(
            pk__in=Opgave.objects.filter(opgave_gebieden__gebied__pad__startswith=pad).values("pk")
        )
    return Opgave.objects.filter(beheerbaar)


def teams_voor_nieuwe_opgave(user: Gebruiker) -> QuerySet[Team]:
    """The teams the user may start an opgave for: their own teams; for a regieteam member
    also every opgaveteam (landing in the regieteam's gebied only: `mag_landen_in`); for
    functioneel beheer every team. Coordinators and partner guests start none."""
    if not (user.is_authenticated and user.is_active):
        return Team.objects.none()
    actief = Team.objects.actief()
    if is_beheerder(user):
        return actief
    eigen = Q(pk__in=[team.pk for team in teams_van(user)])
    if regie_paden(user):
        eigen |= Q(soort=TeamSoort.OPGAVETEAM)
    return actief.filter(eigen)


def landingsgebieden(user: Gebruiker, team: Team) -> QuerySet[Gebied]:
    """Where an opgave of `team` may land when this user chooses: anywhere (the city
    included) for the team's own members and beheer; for a regieteam member on behalf of
    another team, only inside their regieteams' gebieden."""
    geldig = Gebied.objects.geldig()
    if is_beheerder(user) or is_teamlid(user, team.pk):
        return geldig
    paden = regie_paden(user)
    if not paden:
        return geldig.none()
    binnen = Q()
    for pad in paden:
        binnen |= Q(pad__startswith=pad)
    return geldig.filter(binnen)


def mag_landen_in(user: Gebruiker, team: Team, gebieden: Iterable[Gebied]) -> bool:
    """Whether every one of `gebieden` is a place this user may let `team`'s opgave land
    (`landingsgebieden`), asked of the chosen gebieden without a query per gebied."""
    if is_beheerder(user) or is_teamlid(user, team.pk):
        return True
    paden = regie_paden(user)
    return bool(paden) and all(_in_regiegebied(paden, [gebied.pad]) for gebied in gebieden)


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


def get_opgave_for_user(
    request: HttpRequest,
    pk: int,
    *,
    write: bool = False,
    overdragen: bool = False,
    beheren: bool = False,
) -> Opgave:
    """The opgave with its card annotations; 404 when the user may not see it, 403 when the
    user may see it but `write` asks for a change they may not make, `overdragen` to hand
    it to another team (`kan_overdragen`), or `beheren` to steer it (`kan_beheren`: status,
    landings, archive). An archived opgave still opens, read-only."""
    try:
        opgave = (
            zichtbare_opgaven(request.user)
            .met_voortgang()
            .select_related("team", "thema", "gearchiveerd_door")
            .get(pk=pk)
        )
    except Opgave.DoesNotExist:
        raise Http404 from None
    if write and not kan_wijzigen(request.user, opgave):
        raise geweigerd(opgave)
    if overdragen and not kan_overdragen(request.user, opgave):
        raise geweigerd(opgave)
    if beheren and not kan_beheren(request.user, opgave):
        raise PermissionDenied
    return opgave


def get_opgavebord_stand_for_user(request: HttpRequest, pk: int) -> str:
    """The stand of the opgave board, for the cheap change check, read without loading the
    opgave; 404 when the user may not see it."""
    stand = lees_stand_van_opgavebord(zichtbare_opgaven(request.user).filter(pk=pk))
    if stand is None:
        raise Http404
    return stand


def get_landing_for_user(
    request: HttpRequest, gebied: Gebied, pk: int, *, write: bool = False
) -> OpgaveGebied:
    """Where an opgave lands in `gebied` or below it, with its gebied and opgave; 404 when the
    user may not see the opgave, 403 when `write` asks to edit its local status and the user
    may not (`lokaal_bewerkbaar`)."""
    try:
        landing = (
            OpgaveGebied.objects.select_related("gebied", "opgave")
            .defer("gebied__omtrek")
            .filter(
                gebied__in=Gebied.objects.onder(gebied),
                opgave__in=zichtbare_opgaven(request.user),
            )
            .get(pk=pk)
        )
    except OpgaveGebied.DoesNotExist:
        raise Http404 from None
    if write and not lokaal_bewerkbaar(request.user)(landing):
        raise PermissionDenied
    return landing


def mag_landingen_beheren(user: Gebruiker, opgave: Opgave) -> bool:
    """Whether the user may add and remove where the opgave lands, now: those who steer it
    (`kan_beheren`; a regieteam member only inside its gebied: `mag_landen_in`), unless it is
    archived (read-only for everyone)."""
    return not opgave.is_gearchiveerd and kan_beheren(user, opgave)


def get_opgave_voor_landingen(request: HttpRequest, pk: int) -> Opgave:
    """The opgave, to add or remove where it lands: 404 when the user may not see it, 403
    when they may not steer it (guests, coordinators) or it is archived."""
    opgave = get_opgave_for_user(request, pk, beheren=True)
    if opgave.is_gearchiveerd:
        raise geweigerd(opgave)
    return opgave


def get_landing_van_opgave(
    request: HttpRequest,
    opgave: Opgave,
    pk: int,
    *,
    verwijderen: bool = False,
    bewerken: bool = False,
) -> OpgaveGebied:
    """One place where `opgave` (as `get_opgave_for_user` gave it) lands: 404 when it does not
    land there; 403 when `verwijderen` asks to take away a gebied where the user may not let
    it land (`mag_landen_in`: a regieteam member only inside its own gebied), or `bewerken`
    to edit its local status when the user may not (`lokaal_bewerkbaar`)."""
    try:
        landing = opgave.opgave_gebieden.select_related("gebied").defer("gebied__omtrek").get(pk=pk)
    except OpgaveGebied.DoesNotExist:
        raise Http404 from None
    landing.opgave = opgave
    if verwijderen and not mag_landen_in(request.user, opgave.team, [landing.gebied]):
        raise PermissionDenied
    if bewerken and not lokaal_bewerkbaar(request.user)(landing):
        raise PermissionDenied
    return landing


def gasten_van(team: Team) -> list[dict]:
    """The partner guests on the team's opgaven, per opgave and guest, with whether they may
    change its board (`nodig_gast_uit`)."""
    rechten = OpgaveUserObjectPermission.objects.filter(content_object__team=team).select_related(
        "user", "content_object", "permission"
    )
    gasten: dict[tuple[int, int], dict] = {}
    for recht in rechten.order_by("content_object__titel", "user__username"):
        gast = gasten.setdefault(
            (recht.content_object_id, recht.user_id),
            {"opgave": recht.content_object, "user": recht.user, "mag_wijzigen": False},
        )
        gast["mag_wijzigen"] |= recht.permission.codename == WIJZIGEN
    return list(gasten.values())


def kan_opgave_starten(user: Gebruiker) -> bool:
    """Whether `teams_voor_nieuwe_opgave` holds any team, answered from the user's seats
    without a query (for a link on every page): a seat in an active team (a regieteam member
    has one: their regieteam) or functioneel beheer."""
    if not (user.is_authenticated and user.is_active):
        return False
    return is_beheerder(user) or any(not team.is_gearchiveerd for team in teams_van(user))


def kan_opgave_starten_vanuit(user: Gebruiker, team: Team) -> bool:
    """Whether a team's page or board offers "Nieuwe opgave": to its own members and
    functioneel beheer, when they may start an opgave at all."""
    return (
        kan_opgave_starten(user)
        and not team.is_gearchiveerd
        and (is_beheerder(user) or is_teamlid(user, team.pk))
    )


def get_teams_voor_nieuwe_opgave(request: HttpRequest) -> QuerySet[Team]:
    """The teams the user may start an opgave for (`teams_voor_nieuwe_opgave`); 403 when
    there are none: coordinators, partner guests and anyone without a team."""
    if not kan_opgave_starten(request.user):
        raise PermissionDenied
    return teams_voor_nieuwe_opgave(request.user)


def startgebieden(user: Gebruiker) -> QuerySet[Gebied]:
    """The gebieden the new-opgave form offers: where an opgave may land for at least one
    team the user may choose (`landingsgebieden`). Whoever may start an opgave has a team of
    their own (or is beheer), for which that is anywhere; whether the chosen team may land
    there is `mag_landen_in`."""
    if not kan_opgave_starten(user):
        return Gebied.objects.none()
    return Gebied.objects.geldig()


# An opgave's own fields, as its edit form offers them. Its team changes by a hand-over and
# its landings on the board: neither is here.
OPGAVEVELDEN = (
    "titel",
    "beschrijving",
    "thema",
    "aanvliegroute",
    "aanvliegroute_toelichting",
    "status",
    "startdatum",
    "streefdatum",
)
# What a partner guest who may work on the board edits of the opgave itself.
GASTVELDEN = ("beschrijving",)


def bewerkbare_velden(user: Gebruiker, opgave: Opgave) -> tuple[str, ...]:
    """Which of the opgave's own fields the user may edit: all of them for who steers it
    (`kan_beheren`: the owning team, the regieteams whose gebied it lands in, beheer), only
    the description for a partner guest who may change its board (`kan_wijzigen`), none for
    anyone else or on an archived opgave."""
    if opgave.is_gearchiveerd:
        return ()
    if kan_beheren(user, opgave):
        return OPGAVEVELDEN
    if kan_wijzigen(user, opgave):
        return GASTVELDEN
    return ()


def get_opgave_om_te_bewerken(request: HttpRequest, pk: int) -> tuple[Opgave, tuple[str, ...]]:
    """The opgave and the fields the user may edit of it (`bewerkbare_velden`); 404 when the
    user may not see it, 403 when they may edit none (for an archived opgave saying why)."""
    opgave = get_opgave_for_user(request, pk)
    velden = bewerkbare_velden(request.user, opgave)
    if not velden:
        raise geweigerd(opgave)
    return opgave, velden
