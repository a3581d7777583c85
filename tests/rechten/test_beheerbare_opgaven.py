"""`beheerbare_opgaven` is `kan_beheren` as one queryset: the two agree for everyone."""

import pytest
from django.contrib.auth.models import AnonymousUser

from opgaven.models import Opgave
from rechten.opgaven import beheerbare_opgaven, kan_beheren, nodig_gast_uit
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_beheerbare_opgaven_holds_exactly_the_opgaven_kan_beheren_allows(wereld):
    gast = UserFactory(username="corporatie")
    nodig_gast_uit(gast, wereld.opgave, mag_wijzigen=True)
    wereld.andere_opgave.archiveer(door=wereld.beheerder)
    gebruikers = [
        wereld.alice,
        wereld.trekker,
        wereld.bob,
        wereld.charlie,
        wereld.coordinator,
        wereld.beheerder,
        gast,
        AnonymousUser(),
    ]
    for user in gebruikers:
        verwacht = {opgave for opgave in Opgave.objects.all() if kan_beheren(user, opgave)}
        assert set(beheerbare_opgaven(user)) == verwacht, user


def test_a_regieteam_member_steers_what_lands_in_its_gebied_and_nothing_else(wereld):
    assert set(beheerbare_opgaven(wereld.bob)) == {wereld.opgave, wereld.andere_opgave}
