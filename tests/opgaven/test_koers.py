"""A change of course in words, and a team's focus (opgaven/koers.py)."""

import pytest
from django.utils import translation

from opgaven.koers import focus_van, koerswijzigingen, wijzigingsreden
from opgaven.models import OpgaveStatus
from tests.factories import OpgaveFactory, TeamFactory

pytestmark = pytest.mark.django_db


def test_only_the_course_fields_that_change_are_named():
    opgave = OpgaveFactory.build(status="verkenning", aanvliegroute="wijkgericht")
    nieuw = {"status": "verkenning", "aanvliegroute": "gebiedsgericht", "titel": "Anders"}
    assert koerswijzigingen(opgave, nieuw) == [("Aanvliegroute", "Wijkgericht", "Gebiedsgericht")]


def test_the_reason_reads_as_one_line_in_the_active_language():
    opgave = OpgaveFactory.build(status="verkenning", aanvliegroute="wijkgericht")
    nieuw = {"status": "in_uitvoering", "aanvliegroute": "wijkgericht"}
    assert wijzigingsreden(koerswijzigingen(opgave, nieuw), "Omdat het geld er is") == (
        "Status: Verkenning → In uitvoering — omdat het geld er is"
    )
    with translation.override("en"):
        assert wijzigingsreden(koerswijzigingen(opgave, nieuw), "funding").startswith(
            "Status: Exploration → In progress"
        )


def test_a_reason_without_a_change_of_course_stays_as_typed():
    assert wijzigingsreden([], "  titel verduidelijkt ") == "titel verduidelijkt"


def test_a_teams_focus_counts_its_active_opgaven_in_uitvoering():
    team = TeamFactory(focuslimiet=1)
    OpgaveFactory(team=team, status=OpgaveStatus.IN_UITVOERING)
    assert not focus_van(team).boven_limiet
    gearchiveerd = OpgaveFactory(team=team, status=OpgaveStatus.IN_UITVOERING)
    gearchiveerd.archiveer(door=None)
    OpgaveFactory(team=team, status=OpgaveStatus.VERKENNING)
    assert focus_van(team).in_uitvoering == 1
    OpgaveFactory(team=team, status=OpgaveStatus.IN_UITVOERING)
    assert focus_van(team).boven_limiet
