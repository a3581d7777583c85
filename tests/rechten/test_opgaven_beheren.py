"""Who steers an opgave (status, landings, archive) and who may start one, for which team and
where it may land (rechten.opgaven)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from rechten.opgaven import (
    kan_beheren,
    kan_wijzigen,
    landingsgebieden,
    mag_landen_in,
    nodig_gast_uit,
    teams_voor_nieuwe_opgave,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_owning_team_the_regieteam_and_beheer_steer_an_opgave(wereld):
    for user in (wereld.alice, wereld.trekker, wereld.bob, wereld.beheerder):
        assert kan_beheren(user, wereld.opgave), user


def test_coordinators_outsiders_and_anonymous_do_not_steer_an_opgave(wereld):
    for user in (wereld.coordinator, wereld.charlie, AnonymousUser()):
        assert not kan_beheren(user, wereld.opgave), user


def test_a_guest_who_may_change_the_board_does_not_steer_the_opgave(wereld):
    gast = UserFactory(username="corporatie")
    nodig_gast_uit(gast, wereld.opgave, mag_wijzigen=True)
    assert kan_wijzigen(gast, wereld.opgave)
    assert not kan_beheren(gast, wereld.opgave)


def test_a_regieteam_steers_only_opgaven_landing_in_its_gebied(wereld):
    assert not kan_beheren(wereld.bob, wereld.opgave_elders)


def test_who_may_start_an_opgave_for_which_team(wereld):
    assert set(teams_voor_nieuwe_opgave(wereld.alice)) == {wereld.team}
    voor_regie = set(teams_voor_nieuwe_opgave(wereld.bob))
    assert {wereld.regieteam, wereld.team, wereld.andere_team, wereld.team_elders} <= voor_regie
    assert not teams_voor_nieuwe_opgave(wereld.coordinator).exists()
    assert not teams_voor_nieuwe_opgave(UserFactory()).exists()


def test_a_regieteam_member_lets_another_teams_opgave_land_only_in_its_gebied(wereld):
    keten = wereld.gebieden
    assert mag_landen_in(wereld.bob, wereld.team_elders, [keten.buurt, keten.wijk])
    assert not mag_landen_in(wereld.bob, wereld.team_elders, [keten.buurt, wereld.elders])
    assert not mag_landen_in(wereld.bob, wereld.team_elders, [keten.stadsdeel])
    assert set(landingsgebieden(wereld.bob, wereld.team_elders)) == {keten.wijk, keten.buurt}


def test_a_teams_own_member_lets_its_opgave_land_anywhere_the_city_included(wereld):
    keten = wereld.gebieden
    assert mag_landen_in(wereld.charlie, wereld.team_elders, [keten.stadsdeel, keten.buurt])
    assert keten.stadsdeel in landingsgebieden(wereld.charlie, wereld.team_elders)
