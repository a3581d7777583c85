import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from opgaven.models import Kolom
from tests.factories import (
    ActieFactory,
    BelemmeringFactory,
    LidmaatschapFactory,
    MijlpaalFactory,
    OpgaveFactory,
    UserFactory,
    VoortgangsupdateFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def opgave():
    return OpgaveFactory(titel="Aardgasvrij Wildeman")


@pytest.fixture
def lid(opgave):
    return LidmaatschapFactory(team=opgave.team).user


def test_a_member_sees_the_board_of_the_opgave(client, opgave, lid):
    ActieFactory(opgave=opgave, titel="Bewonersavond organiseren", kolom=Kolom.BEZIG)
    ActieFactory(
        opgave=opgave,
        titel="Proef met warmtepompen",
        soort="experiment",
        hypothese="Bewoners stappen eerder over als de buren het al doen.",
        kolom=Kolom.KLAAR,
        geleerd="Buren overtuigen buren.",
    )
    MijlpaalFactory(opgave=opgave, titel="Warmteplan vastgesteld", gereed=True)
    MijlpaalFactory(opgave=opgave, titel="Eerste 100 woningen aardgasvrij")
    VoortgangsupdateFactory(
        opgave=opgave, status="aandacht", tekst="Vertraging bij de netbeheerder."
    )
    client.force_login(lid)
    response = client.get(f"/opgaven/{opgave.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    for tekst in [
        "Aardgasvrij Wildeman",
        "Bewonersavond organiseren",
        "Bewoners stappen eerder over als de buren het al doen.",
        "Buren overtuigen buren.",
        "Warmteplan vastgesteld",
        "Vertraging bij de netbeheerder.",
        "Aandacht nodig",
        "50%",
    ]:
        assert tekst in html
    kolommen = {kolom.value: acties for kolom, acties in response.context["kolommen"]}
    assert [a.titel for a in kolommen["bezig"]] == ["Bewonersavond organiseren"]
    assert [a.titel for a in kolommen["klaar"]] == ["Proef met warmtepompen"]


def test_an_outsider_gets_404_on_an_opgave(client, opgave):
    client.force_login(UserFactory())
    assert client.get(f"/opgaven/{opgave.pk}/").status_code == 404


def test_a_missing_opgave_gets_404(client, lid):
    client.force_login(lid)
    assert client.get("/opgaven/999999/").status_code == 404


def test_anonymous_visitors_are_sent_to_login_from_an_opgave(client, opgave):
    response = client.get(f"/opgaven/{opgave.pk}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_shared_belemmering_names_only_the_other_opgaven_the_user_may_see(client, opgave, lid):
    zichtbaar = OpgaveFactory(team=opgave.team, titel="Renovatie Dijkgraafplein")
    geheim = OpgaveFactory(titel="Ondermijning aanpakken")
    BelemmeringFactory(titel="Planning botst", opgaven=[opgave, zichtbaar, geheim])
    client.force_login(lid)
    html = client.get(f"/opgaven/{opgave.pk}/").content.decode()
    assert "Planning botst" in html
    assert "Renovatie Dijkgraafplein" in html
    assert "Ondermijning aanpakken" not in html


def test_the_opgave_board_costs_the_same_queries_with_1_and_200_cards(client, opgave, lid):
    client.force_login(lid)

    def tel_queries():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/opgaven/{opgave.pk}/").status_code == 200
        return len(queries)

    ActieFactory(opgave=opgave)
    BelemmeringFactory(opgaven=[opgave])
    klein = tel_queries()
    ActieFactory.create_batch(199, opgave=opgave, eigenaar=UserFactory())
    MijlpaalFactory.create_batch(10, opgave=opgave)
    VoortgangsupdateFactory.create_batch(10, opgave=opgave)
    BelemmeringFactory.create_batch(10, opgaven=[opgave, OpgaveFactory(team=opgave.team)])
    assert tel_queries() == klein


def test_a_voortgangsupdate_whose_author_left_still_shows(client, opgave, lid):
    VoortgangsupdateFactory(opgave=opgave, auteur=None, tekst="Oude update.")
    client.force_login(lid)
    html = client.get(f"/opgaven/{opgave.pk}/").content.decode()
    assert "Oude update." in html
    assert "onbekend" in html
