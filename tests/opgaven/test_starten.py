"""Starting an opgave (opgaven/starten.py): the opgave and its landings together or not at all."""

import pytest
from django.db import IntegrityError

from opgaven.models import Opgave
from opgaven.starten import start_opgave
from tests.factories import GebiedFactory, TeamFactory, ThemaFactory, UserFactory

pytestmark = pytest.mark.django_db


def start(**velden) -> Opgave:
    return start_opgave(
        **{
            "titel": "Buurtbanen",
            "beschrijving": "",
            "thema": ThemaFactory(code="werk"),
            "team": TeamFactory(),
            "aanvliegroute": "gebiedsgericht",
            "aanvliegroute_toelichting": "",
            "startdatum": None,
            "streefdatum": None,
            "door": UserFactory(),
        }
        | velden
    )


def test_an_opgave_starts_with_its_landings_made_by_whoever_started_it():
    door, gebied = UserFactory(), GebiedFactory()
    opgave = start(landingen=[(gebied, "hoog")], door=door)
    landing = opgave.opgave_gebieden.get()
    assert (landing.gebied, landing.urgentie) == (gebied, "hoog")
    assert opgave.history.get().history_user == door
    assert landing.history.get().history_user == door


def test_an_opgave_without_a_landing_is_not_started():
    with pytest.raises(ValueError):
        start(landingen=[])
    assert not Opgave.objects.exists()


def test_a_landing_that_fails_leaves_no_opgave_behind():
    gebied = GebiedFactory()
    with pytest.raises(IntegrityError):
        start(landingen=[(gebied, "hoog"), (gebied, "laag")])
    assert not Opgave.objects.exists()
