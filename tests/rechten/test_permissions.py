import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gebieden.models import Niveau
from rechten.opgaven import (
    kan_bekijken,
    kan_wijzigen,
    nodig_gast_uit,
    trek_gast_in,
    zichtbare_opgaven,
)
from rechten.teams import kan_team_beheren, zichtbare_teams
from teams.models import COORDINATOREN_GROEP
from tests.factories import (
    GebiedFactory,
    LidmaatschapFactory,
    OpgaveFactory,
    OpgaveGebiedFactory,
    RegieteamFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def wereld():
    """Nieuw-West with a buurt, Zuidoost elsewhere; one opgave in each."""
    nieuw_west = GebiedFactory(code="F", naam="Nieuw-West", niveau=Niveau.STADSDEEL)
    osdorp = GebiedFactory(code="FK", naam="Osdorp-Oost", niveau=Niveau.WIJK, ouder=nieuw_west)
    wildeman = GebiedFactory(code="FK01", naam="Wildeman", niveau=Niveau.BUURT, ouder=osdorp)
    zuidoost = GebiedFactory(code="T", naam="Zuidoost", niveau=Niveau.STADSDEEL)
    hier = OpgaveGebiedFactory(gebied=wildeman).opgave
    daar = OpgaveGebiedFactory(gebied=zuidoost).opgave
    regieteam = RegieteamFactory(gebied=osdorp)
    return {"hier": hier, "daar": daar, "regieteam": regieteam}


def test_members_of_the_owning_team_see_and_change_its_opgave(wereld):
    lid = LidmaatschapFactory(team=wereld["hier"].team).user
    assert list(zichtbare_opgaven(lid)) == [wereld["hier"]]
    assert kan_wijzigen(lid, wereld["hier"])
    assert not kan_wijzigen(lid, wereld["daar"])


def test_removing_a_member_revokes_access_at_once(wereld):
    lidmaatschap = LidmaatschapFactory(team=wereld["hier"].team)
    lid = lidmaatschap.user
    assert kan_wijzigen(lid, wereld["hier"])
    lidmaatschap.delete()
    lid = type(lid).objects.get(pk=lid.pk)  # a fresh request: no cached permissions
    assert not kan_bekijken(lid, wereld["hier"])
    assert not kan_wijzigen(lid, wereld["hier"])


def test_moving_an_opgave_to_another_team_moves_the_permissions(wereld):
    opgave = wereld["hier"]
    oud_lid = LidmaatschapFactory(team=opgave.team).user
    nieuw_team = TeamFactory()
    nieuw_lid = LidmaatschapFactory(team=nieuw_team).user
    opgave.team = nieuw_team
    opgave.save()
    assert not kan_bekijken(type(oud_lid).objects.get(pk=oud_lid.pk), opgave)
    assert kan_wijzigen(type(nieuw_lid).objects.get(pk=nieuw_lid.pk), opgave)


def test_regieteam_members_see_opgaven_landing_below_their_gebied_but_do_not_change_them(wereld):
    regielid = LidmaatschapFactory(team=wereld["regieteam"]).user
    assert list(zichtbare_opgaven(regielid)) == [wereld["hier"]]
    assert not kan_wijzigen(regielid, wereld["hier"])


def test_coordinators_see_everything_and_change_nothing(wereld):
    coordinator = UserFactory()
    coordinator.groups.add(Group.objects.get(name=COORDINATOREN_GROEP))
    assert set(zichtbare_opgaven(coordinator)) == {wereld["hier"], wereld["daar"]}
    assert not kan_wijzigen(coordinator, wereld["hier"])
    assert set(zichtbare_teams(coordinator)) >= {wereld["hier"].team, wereld["daar"].team}


def test_outsiders_see_nothing(wereld):
    buiten = UserFactory()
    assert not zichtbare_opgaven(buiten).exists()
    assert not zichtbare_teams(buiten).exists()


def test_a_partner_guest_sees_exactly_the_opgave_they_were_invited_to(wereld):
    gast = UserFactory()
    nodig_gast_uit(gast, wereld["hier"], mag_wijzigen=False)
    assert list(zichtbare_opgaven(gast)) == [wereld["hier"]]
    assert not kan_wijzigen(gast, wereld["hier"])
    trek_gast_in(gast, wereld["hier"])
    assert not zichtbare_opgaven(gast).exists()


def test_a_partner_guest_may_be_invited_to_work_on_the_board(wereld):
    gast = UserFactory()
    nodig_gast_uit(gast, wereld["hier"], mag_wijzigen=True)
    assert kan_wijzigen(gast, wereld["hier"])


def test_a_trekker_manages_their_own_team_and_admins_manage_all(wereld):
    team = wereld["hier"].team
    trekker = LidmaatschapFactory(team=team, rol="trekker").user
    lid = LidmaatschapFactory(team=team).user
    beheer = UserFactory(is_staff=True)
    assert kan_team_beheren(trekker, team)
    assert not kan_team_beheren(lid, team)
    assert not kan_team_beheren(trekker, wereld["daar"].team)
    assert kan_team_beheren(beheer, wereld["daar"].team)


@pytest.mark.parametrize("rol", ["lid", "regie"])
def test_the_visible_list_costs_the_same_queries_for_10_and_200_opgaven(rol):
    gebied = GebiedFactory(code="F", niveau=Niveau.STADSDEEL)
    team = TeamFactory()
    user = LidmaatschapFactory(team=team if rol == "lid" else RegieteamFactory(gebied=gebied)).user

    def tel(aantal):
        for opgave in OpgaveFactory.create_batch(
            aantal - zichtbare_opgaven(user).count(), team=team
        ):
            OpgaveGebiedFactory(opgave=opgave, gebied=gebied)
        with CaptureQueriesContext(connection) as queries:
            assert len(list(zichtbare_opgaven(user).met_voortgang())) == aantal
        return len(queries)

    assert tel(10) == tel(200)
