"""Rights come only from functioneel beheer and the owning team.

Built on the URL walk (tests/rechten/test_authorization.py): for every role, in the small world
of tests/factories.py (alice the member, bob the regie trekker, charlie the outsider), every write
URL that role is offered is posted with the values that would grant the most, and afterwards every
user may see and change exactly what they could before, except for the rights changes the
role may make by design: beheer (staff) manages teams, a trekker adds and removes members and
invites and revokes partner guests on the team's own opgaven. A write URL added later joins by
itself: it must name its most-granting post in AANVALLEN, or
`test_every_write_url_names_its_most_granting_post` fails.

Besides the walk, the trekkers of the small world and a partner guest who leads another team
post the team, membership, guest and hand-over forms with every field set to grant more.
"""

from dataclasses import dataclass, fields

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse

from gebieden.models import Gebied
from opgaven.models import (
    Actie,
    Belemmering,
    Melding,
    Mijlpaal,
    Opgave,
    OpgaveGebied,
    OpgaveUserObjectPermission,
    Voortgangsupdate,
)
from rechten.belemmeringen import behandelbaar, met_opgaven
from rechten.gebruikers import is_coordinator, regie_paden
from rechten.opgaven import (
    kan_overdragen,
    kan_wijzigen,
    lokaal_bewerkbaar,
    nodig_gast_uit,
    zichtbare_opgaven,
)
from rechten.teams import kan_prioriteren, kan_team_beheren
from teams.models import Lidmaatschap, Team, TeamSoort, Waarde
from tests.rechten.test_authorization import EXPECTED, ROLES, arguments

pytestmark = pytest.mark.django_db

User = get_user_model()


@dataclass(frozen=True)
class Rechten:
    """Everything one user may see and change, read fresh through the permissions module."""

    zien: frozenset
    wijzigen: frozenset
    overdragen: frozenset
    regie_in: frozenset
    teams_beheren: frozenset
    prioriteren: frozenset
    lokaal: frozenset
    belemmeringen: frozenset
    vlaggen: tuple


@dataclass(frozen=True)
class Wereld:
    """The records that existed before a post: rights are compared on these. What a post
    creates (a belemmering, an actie) is new, and its makers' to see."""

    opgaven: list
    teams: list
    landingen: list
    belemmeringen: list

    @classmethod
    def nu(cls) -> "Wereld":
        return cls(
            opgaven=list(Opgave.objects.all()),
            teams=list(Team.objects.all()),
            landingen=list(OpgaveGebied.objects.select_related("gebied").defer("gebied__omtrek")),
            belemmeringen=[b.pk for b in Belemmering.objects.all()],
        )


def rechten_van(user, wereld: Wereld) -> Rechten:
    lokaal = lokaal_bewerkbaar(user)
    mag = behandelbaar(user)
    belemmeringen = Belemmering.objects.filter(pk__in=wereld.belemmeringen)
    return Rechten(
        zien=frozenset(
            zichtbare_opgaven(user)
            .filter(pk__in=[o.pk for o in wereld.opgaven])
            .values_list("pk", flat=True)
        ),
        wijzigen=frozenset(o.pk for o in wereld.opgaven if kan_wijzigen(user, o)),
        overdragen=frozenset(o.pk for o in wereld.opgaven if kan_overdragen(user, o)),
        regie_in=frozenset(regie_paden(user)),
        teams_beheren=frozenset(t.pk for t in wereld.teams if kan_team_beheren(user, t)),
        prioriteren=frozenset(t.pk for t in wereld.teams if kan_prioriteren(user, t)),
        lokaal=frozenset(landing.pk for landing in wereld.landingen if lokaal(landing)),
        belemmeringen=frozenset(
            b.pk for b in belemmeringen.prefetch_related(met_opgaven(user)) if mag(b)
        ),
        vlaggen=(user.is_active, user.is_staff, user.is_superuser, is_coordinator(user)),
    )


def stand(wereld: Wereld) -> dict[str, Rechten]:
    """Every user's rights on the world's records; fresh user objects, so nothing cached per
    request is reused. A record a post removed counts as no longer seen by anyone."""
    nog_er = Wereld.nu()
    wereld = Wereld(
        opgaven=[o for o in nog_er.opgaven if o.pk in {x.pk for x in wereld.opgaven}],
        teams=[t for t in nog_er.teams if t.pk in {x.pk for x in wereld.teams}],
        landingen=[g for g in nog_er.landingen if g.pk in {x.pk for x in wereld.landingen}],
        belemmeringen=[pk for pk in nog_er.belemmeringen if pk in set(wereld.belemmeringen)],
    )
    return {user.username: rechten_van(user, wereld) for user in User.objects.order_by("pk")}


def toegang_via_teams() -> set[tuple]:
    """The grants a trekker may change by design: memberships and partner guests."""
    leden = {("lid", *rij) for rij in Lidmaatschap.objects.values_list("user_id", "team_id")}
    gasten = {
        ("gast", *rij)
        for rij in OpgaveUserObjectPermission.objects.values_list(
            "user_id", "content_object_id", "content_object__team_id"
        )
    }
    return leden | gasten


# URL names whose purpose is managing teams: beheer may change anyone's rights through them.
TEAMBEHEER = {
    "teams:create",
    "teams:edit",
    "teams:lid_toevoegen",
    "teams:lid_verwijderen",
    "teams:gast_uitnodigen",
    "teams:gast_intrekken",
    "opgaven:overdragen",
}
# URL names that only ever take rights away: an archived opgave is read-only for everyone.
NEEMT_AF = {"opgaven:archiveren"}
# What a trekker may change by design: who is in their team, who is a guest on its opgaven.
VIA_TREKKER = {"teams:lid_toevoegen", "teams:lid_verwijderen"} | {
    "teams:gast_uitnodigen",
    "teams:gast_intrekken",
}


def controleer(actor, url_name: str, voor: dict, na: dict, grants_voor: set, grants_na: set):
    """Fail unless every change of rights is one the actor may make by design."""
    veranderd = {naam for naam in voor.keys() | na.keys() if voor.get(naam) != na.get(naam)}
    if not veranderd:
        return
    if actor.is_staff and url_name in TEAMBEHEER:
        return  # functioneel beheer manages teams
    if url_name in NEEMT_AF:
        for naam in veranderd:
            assert voor[naam].vlaggen == na[naam].vlaggen, f"{url_name} by {actor}: {naam}"
            for veld in fields(Rechten):
                if veld.name != "vlaggen":
                    erbij = getattr(na[naam], veld.name) - getattr(voor[naam], veld.name)
                    assert not erbij, f"{url_name} by {actor}: {naam} gained {veld.name} {erbij}"
        return
    assert url_name in VIA_TREKKER, f"{url_name} by {actor}: rights changed for {veranderd}"
    beheerd = voor[actor.username].teams_beheren
    gewijzigd = grants_voor ^ grants_na
    # Only memberships of the actor's own teams and guests on their teams' opgaven changed...
    assert all(
        (soort == "lid" and rest[1] in beheerd) or (soort == "gast" and rest[2] in beheerd)
        for soort, *rest in gewijzigd
    ), f"{url_name} by {actor}: {gewijzigd}"
    # ...and only the rights of the people those grants are about, never the actor's own.
    betrokken = {User.objects.get(pk=rest[0]).username for _soort, *rest in gewijzigd}
    assert veranderd <= betrokken - {actor.username}, f"{url_name} by {actor}: {veranderd}"
    # What they gained is the opgaven of the actor's teams (or of the gebied it steers).
    bereik = set()
    for team in Team.objects.filter(pk__in=beheerd).select_related("gebied"):
        bereik |= set(team.opgaven.values_list("pk", flat=True))
        if team.is_regieteam:
            onder = Gebied.objects.onder(team.gebied)
            bereik |= set(
                Opgave.objects.filter(opgave_gebieden__gebied__in=onder).values_list(
                    "pk", flat=True
                )
            )
    for naam in veranderd:
        erbij = na[naam].zien - voor[naam].zien | na[naam].wijzigen - voor[naam].wijzigen
        assert erbij <= bereik, f"{url_name} by {actor}: {naam} gained {erbij - bereik}"


def posten(client, actor, url_name: str, url: str, gegevens: dict) -> int:
    """Post as `actor`, check the rights closure, and undo the post (a savepoint), so every
    post starts from the same world."""
    client.force_login(actor)
    with transaction.atomic():
        wereld = Wereld.nu()
        voor, grants_voor = stand(wereld), toegang_via_teams()
        status = client.post(url, gegevens).status_code
        assert status < 500, f"{url_name}: {status}"
        controleer(actor, url_name, voor, stand(wereld), grants_voor, toegang_via_teams())
        transaction.set_rollback(True)
    return status


# --- The most-granting post per write URL -----------------------------------------------------


def _opgave(args) -> Opgave:
    return Opgave.objects.get(pk=args[0])


def _team(args) -> Team:
    return Team.objects.get(slug=args[0])


def _elders() -> Opgave:
    """An opgave of a team in another stadsdeel: nobody in Nieuw-West may see or change it."""
    return Opgave.objects.get(team__slug="werk-zuidoost")


def _zuidoost() -> Gebied:
    return Gebied.objects.get(code="T")


def _buiten() -> User:
    """The outsider of the small world (the role "buiten" of the URL walk)."""
    return User.objects.get(username="charlie")


def _teamvelden(args) -> dict:
    team = _team(args)
    return {
        "naam": team.naam,
        "slug": team.slug,
        "soort": TeamSoort.REGIETEAM,
        "gebied": _zuidoost().pk,
        "beschrijving": "",
        "focuslimiet": 99,
        "versie": team.version,
    }


def _waardencheck(args) -> dict:
    scores = {f"score_{w.pk}": 5 for w in Waarde.objects.filter(actief=True)}
    return {"datum": "2026-12-01", "opgave": _elders().pk} | scores


def _triage(args) -> dict:
    melding = Melding.objects.get(pk=args[1])
    velden = {"besluit": "actie", "opgave": _elders().pk, "versie": melding.version}
    return {f"m{melding.pk}-{naam}": waarde for naam, waarde in velden.items()}


AANVALLEN = {
    "logout": lambda args: {},
    "set_language": lambda args: {"language": "en"},
    "wachtwoord_wijzigen": lambda args: {"new_password1": "x", "new_password2": "x"},
    "opgaven:actie_toevoegen": lambda args: {
        "titel": "Overname",
        "kolom": "te_doen",
        "eigenaar": _buiten().pk,
        "opgave": _elders().pk,
    },
    "opgaven:actie_bewerken": lambda args: {
        "titel": "Overname",
        "soort": "actie",
        "eigenaar": _buiten().pk,
        "opgave": _elders().pk,
        "versie": Actie.objects.get(pk=args[1]).version,
    },
    "opgaven:nieuw": lambda args: {
        "team": Team.objects.get(slug="werk-zuidoost").pk,
        "titel": "Overname",
        "thema": "wonen",
        "aanvliegroute": "gebiedsgericht",
        "status": "in_uitvoering",
        "landing-TOTAL_FORMS": "2",
        "landing-INITIAL_FORMS": "0",
        "landing-0-gebied": Gebied.objects.get(code="F").pk,
        "landing-0-urgentie": "hoog",
        "landing-1-gebied": _zuidoost().pk,
        "landing-1-urgentie": "hoog",
    },
    "opgaven:bewerken": lambda args: {
        "titel": "Overname",
        "thema": "wonen",
        "aanvliegroute": "gebiedsgericht",
        "status": "in_uitvoering",
        "team": Team.objects.get(slug="werk-zuidoost").pk,
        "gebieden": [_zuidoost().pk],
        "versie": _opgave(args).version,
    },
    "opgaven:actie_verplaatsen": lambda args: {"kolom": "klaar", "opgave": _elders().pk},
    "opgaven:actie_archiveren": lambda args: {"opgave": _elders().pk},
    "opgaven:actie_herstellen": lambda args: {"opgave": _elders().pk},
    "opgaven:actie_verwijderen": lambda args: {},
    "opgaven:mijlpaal_afvinken": lambda args: {
        "gereed": "on",
        "versie": Mijlpaal.objects.get(pk=args[1]).version,
    },
    "opgaven:mijlpaal_toevoegen": lambda args: {
        "titel": "Overname",
        "eigenaar": _buiten().pk,
        "opgave": _elders().pk,
    },
    "opgaven:mijlpaal_bewerken": lambda args: {
        "titel": "Overname",
        "eigenaar": _buiten().pk,
        "opgave": _elders().pk,
        "versie": Mijlpaal.objects.get(pk=args[1]).version,
    },
    "opgaven:mijlpaal_verplaatsen": lambda args: {"na": "", "opgave": _elders().pk},
    "opgaven:mijlpaal_verwijderen": lambda args: {},
    "opgaven:voortgang_bewerken": lambda args: {
        "status": "op_koers",
        "datum": "2026-12-01",
        "tekst": "Overname",
        "auteur": _buiten().pk,
        "opgave": _elders().pk,
        "versie": Voortgangsupdate.objects.get(pk=args[1]).version,
    },
    "opgaven:voortgang_toevoegen": lambda args: {
        "status": "op_koers",
        "datum": "2026-12-01",
        "tekst": "Goed",
        "opgave": _elders().pk,
    },
    "opgaven:belemmering_toevoegen": lambda args: {
        "titel": "Alles",
        "ernst": "hoog",
        "opgaven": [o.pk for o in Opgave.objects.all()],
    },
    "opgaven:archiveren": lambda args: {"bevestigd": "on", "team": _elders().team_id},
    "opgaven:herstellen": lambda args: {},
    "opgaven:landing_toevoegen": lambda args: {
        "gebied": _zuidoost().pk,
        "urgentie": "hoog",
        "opgave": _elders().pk,
    },
    "opgaven:landing_bewerken": lambda args: {
        "lokale_status": "afgerond",
        "urgentie": "hoog",
        "notitie": "",
        "gebied": _zuidoost().pk,
        "opgave": _elders().pk,
        "versie": OpgaveGebied.objects.get(pk=args[1]).version,
    },
    "opgaven:landing_verwijderen": lambda args: {},
    "opgaven:overdragen": lambda args: {
        "team": Team.objects.get(slug="werk-zuidoost").pk,
        "bevestigd": "on",
        "versie": _opgave(args).version,
    },
    "teams:create": lambda args: {
        "naam": "Eigen regie",
        "soort": TeamSoort.REGIETEAM,
        "gebied": Gebied.objects.get(code="F").pk,
        "focuslimiet": 5,
    },
    "teams:edit": _teamvelden,
    "teams:waardencheck": _waardencheck,
    "teams:lid_toevoegen": lambda args: {
        "user": _buiten().pk,
        "rol": "trekker",
        "organisatie": "Elders",
        "team": Team.objects.get(slug="werk-zuidoost").pk,
    },
    "teams:lid_verwijderen": lambda args: {},
    "teams:gast_uitnodigen": lambda args: {
        "opgave": _elders().pk,
        "gast": _buiten().pk,
        "mag_wijzigen": "on",
    },
    "teams:gast_intrekken": lambda args: {},
    "teams:bord_verplaats": lambda args: {"opgave": _elders().pk},
    "teams:peilmoment_vastleggen": lambda args: {},
    "teams:melding_afhandelen": _triage,
    "gebieden:lokale_status_bewerken": lambda args: {
        "lokale_status": "afgerond",
        "urgentie": "hoog",
        "notitie": "",
        "gebied": _zuidoost().pk,
        "opgave": _elders().pk,
        "versie": OpgaveGebied.objects.get(pk=args[1]).version,
    },
    "melden": lambda args: {
        "soort": "belemmering",
        "titel": "Meld",
        "beschrijving": "Meld",
        "gebied": _zuidoost().pk,
        "opgave": _elders().pk,
    },
    "belemmering_bewerken": lambda args: {
        "titel": "Overname",
        "ernst": "hoog",
        "gebied": _zuidoost().pk,
        "opgaven": [o.pk for o in Opgave.objects.all()],
        "status": "opgelost",
        "versie": Belemmering.objects.get(pk=args[0]).version,
    },
    "belemmering_status": lambda args: {
        "status": "opgelost",
        "oplossing": "Weg",
        "versie": Belemmering.objects.get(pk=args[0]).version,
    },
}


def schrijf_urls():
    """Every POST entry of the URL walk (the entries named "... POST" and the POST-only URLs)."""
    for naam, (methode, soort, statussen) in EXPECTED.items():
        if methode == "POST":
            yield naam.removesuffix(" POST"), soort, statussen


def test_every_write_url_names_its_most_granting_post():
    assert {url_name for url_name, _soort, _statussen in schrijf_urls()} == set(AANVALLEN)


@pytest.mark.parametrize("role", ROLES[1:])
def test_no_write_url_grants_rights_beyond_design(client, wereld, role):
    actor = wereld.rol(role)
    aangeboden = 0
    for url_name, soort, statussen in schrijf_urls():
        if statussen[ROLES.index(role)] in {403, 404}:
            continue  # not offered to this role: the URL walk proves it is refused
        args = arguments(soort, lid="alice", buiten="charlie")
        posten(client, actor, url_name, reverse(url_name, args=args), AANVALLEN[url_name](args))
        aangeboden += 1
    assert aangeboden >= 3


# --- The trekkers of the small world, with every field set to grant more ----------------------


@pytest.fixture
def regie(wereld):
    """Trekker of the regieteam, which steers wijk Osdorp-Midden."""
    return wereld.bob


@pytest.fixture
def buiten(wereld):
    """Trekker of the Werk Zuidoost team, in another stadsdeel."""
    return wereld.charlie


def test_a_trekker_cannot_make_their_team_a_regieteam_or_move_its_gebied(client, regie, buiten):
    for actor, slug in [(regie, "regieteam-wildeman"), (buiten, "werk-zuidoost")]:
        team = Team.objects.get(slug=slug)
        for gebied in ("F", "T"):
            gegevens = _teamvelden([slug]) | {"gebied": Gebied.objects.get(code=gebied).pk}
            url = reverse("teams:edit", args=[slug])
            assert posten(client, actor, "teams:edit", url, gegevens) == 422
        team.refresh_from_db()
        assert team.focuslimiet != 99


def test_a_trekker_may_add_a_member_to_their_own_team(client, regie, buiten):
    url = reverse("teams:lid_toevoegen", args=["regieteam-wildeman"])
    gegevens = {"user": buiten.pk, "rol": "trekker", "organisatie": "Gemeente"}
    assert posten(client, regie, "teams:lid_toevoegen", url, gegevens) == 302


def test_a_trekker_cannot_add_themself_or_others_to_another_team(client, buiten):
    for slug in ("regieteam-wildeman", "armoede"):
        url = reverse("teams:lid_toevoegen", args=[slug])
        gegevens = {"user": buiten.pk, "rol": "trekker", "organisatie": "Eigen"}
        assert posten(client, buiten, "teams:lid_toevoegen", url, gegevens) == 404


def test_a_trekker_cannot_invite_a_guest_to_another_teams_opgave(client, buiten):
    eigen = Opgave.objects.get(team__slug="armoede")
    url = reverse("teams:gast_uitnodigen", args=["werk-zuidoost"])
    gegevens = {"opgave": eigen.pk, "gast": buiten.pk, "mag_wijzigen": "on"}
    assert posten(client, buiten, "teams:gast_uitnodigen", url, gegevens) == 422


def test_a_guest_who_leads_another_team_cannot_take_the_opgave_they_work_on(client, buiten):
    opgave = Opgave.objects.get(team__slug="armoede")
    nodig_gast_uit(buiten, opgave, mag_wijzigen=True)
    eigen_team = Team.objects.get(slug="werk-zuidoost")
    gegevens = {"team": eigen_team.pk, "bevestigd": "on", "versie": opgave.version}
    url = reverse("opgaven:overdragen", args=[opgave.pk])
    assert posten(client, buiten, "opgaven:overdragen", url, gegevens) == 403
    url = reverse("teams:gast_uitnodigen", args=["werk-zuidoost"])
    gegevens = {"opgave": opgave.pk, "gast": buiten.pk, "mag_wijzigen": "on"}
    assert posten(client, buiten, "teams:gast_uitnodigen", url, gegevens) == 422


def test_a_member_who_is_not_trekker_grants_nothing(client, wereld):
    lid = wereld.alice
    eigen_team = Team.objects.get(leden=lid, soort=TeamSoort.OPGAVETEAM)
    for url_name, gegevens in [
        ("teams:lid_toevoegen", {"user": lid.pk, "rol": "trekker", "organisatie": "Zelf"}),
        ("teams:gast_uitnodigen", {"opgave": eigen_team.opgaven.first().pk, "gast": _buiten().pk}),
        ("teams:edit", _teamvelden([eigen_team.slug])),
    ]:
        url = reverse(url_name, args=[eigen_team.slug])
        assert posten(client, lid, url_name, url, gegevens) == 403
