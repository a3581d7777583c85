"""The activity stream of an opgave board, read from the history of what is on it."""

import pytest

from opgaven.activiteit import ONDERWERPEN, activiteit
from tests.factories import (
    ActieFactory,
    BelemmeringFactory,
    LidmaatschapFactory,
    MijlpaalFactory,
    OpgaveFactory,
    OpgaveGebiedFactory,
    VoortgangsupdateFactory,
)

pytestmark = pytest.mark.django_db


def test_a_voortgangsupdate_added_on_the_board_shows_in_the_activity_stream(client):
    opgave = OpgaveFactory()
    lid = LidmaatschapFactory(team=opgave.team, user__first_name="Fatima", user__last_name="Amrani")
    client.force_login(lid.user)
    client.post(
        f"/opgaven/{opgave.pk}/voortgang/",
        {"status": "aandacht", "datum": "2026-11-20", "tekst": "Minder bezoekers dan gehoopt."},
    )
    nieuwste = client.get(f"/opgaven/{opgave.pk}/").context["activiteit"][0]
    assert (nieuwste.wie, nieuwste.wat, nieuwste.onderwerp) == (
        "Fatima Amrani",
        "voegde toe",
        "de voortgangsupdate van 20 november 2026",
    )


def test_a_change_made_by_nobody_signed_in_is_by_iemand():
    opgave = OpgaveFactory()  # created outside a request: its history has no user
    assert [gebeurtenis.wie for gebeurtenis in activiteit(opgave)] == ["Iemand"]


def test_someone_without_a_full_name_is_named_by_username(client):
    opgave = OpgaveFactory()
    lid = LidmaatschapFactory(team=opgave.team, user__first_name="", user__last_name="")
    client.force_login(lid.user)
    client.post(
        f"/opgaven/{opgave.pk}/voortgang/",
        {"status": "aandacht", "datum": "2026-11-20", "tekst": "Minder bezoekers dan gehoopt."},
    )
    assert activiteit(opgave)[0].wie == lid.user.username


def test_the_activity_stream_reads_every_history_in_one_query(django_assert_num_queries):
    opgave = OpgaveFactory()
    OpgaveGebiedFactory(opgave=opgave)
    ActieFactory(opgave=opgave)
    MijlpaalFactory(opgave=opgave)
    BelemmeringFactory(opgaven=[opgave])
    VoortgangsupdateFactory(opgave=opgave)
    with django_assert_num_queries(1):
        stroom = activiteit(opgave)
    assert len(stroom) == 7  # the opgave, its gebied, actie, mijlpaal, belemmering and update


def test_a_date_in_another_datestyle_is_shown_as_it_came_not_a_crash():
    assert ONDERWERPEN["voortgang"]("27/11/2026") == "de voortgangsupdate van 27/11/2026"
