import pytest

from gebieden.models import Niveau
from tests.factories import (
    DisciplineFactory,
    GebiedFactory,
    LidmaatschapFactory,
    OpgaveFactory,
    OpgaveGebiedFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    team = TeamFactory(naam="Jeugd Osdorp", slug="jeugd-osdorp")
    LidmaatschapFactory(
        team=team,
        user=UserFactory(first_name="Fatima", last_name="El Amrani"),
        organisatie="Gemeente Amsterdam",
        discipline=DisciplineFactory(naam="Jeugdwerker"),
        rol="trekker",
    )
    LidmaatschapFactory(
        team=team,
        user=UserFactory(first_name="Jan", last_name="de Wit"),
        organisatie="Politie",
        discipline=DisciplineFactory(naam="Wijkagent"),
    )
    OpgaveFactory(team=team, titel="Veilig opgroeien in Osdorp")
    return team


def test_a_member_sees_who_is_at_the_table_by_organisation(client, team):
    client.force_login(team.leden.first())
    response = client.get("/teams/jeugd-osdorp/")
    html = response.content.decode()
    assert response.status_code == 200
    for tekst in ["Gemeente Amsterdam", "Politie", "Fatima El Amrani", "Wijkagent", "Trekker"]:
        assert tekst in html
    assert "Veilig opgroeien in Osdorp" in html


def test_an_outsider_gets_404_on_a_team(client, team):
    client.force_login(UserFactory())
    assert client.get("/teams/jeugd-osdorp/").status_code == 404


def test_a_member_of_a_team_without_opgaven_sees_an_empty_state(client):
    lidmaatschap = LidmaatschapFactory()
    client.force_login(lidmaatschap.user)
    html = client.get(f"/teams/{lidmaatschap.team.slug}/").content.decode()
    assert "Dit team heeft geen opgaven die je kunt zien" in html


def test_the_team_page_summarises_the_organisations_and_disciplines_at_the_table(client, team):
    client.force_login(team.leden.first())
    response = client.get("/teams/jeugd-osdorp/")
    assert response.context["organisaties"] == ["Gemeente Amsterdam", "Politie"]
    assert response.context["disciplines"] == ["Jeugdwerker", "Wijkagent"]


def test_an_opgave_landing_twice_in_the_regieteams_gebied_is_listed_once(wereld, login):
    tweede_buurt = GebiedFactory(
        code="FK02", naam="De Punt", niveau=Niveau.BUURT, ouder=wereld.wijk
    )
    OpgaveGebiedFactory(opgave=wereld.opgave, gebied=tweede_buurt)
    html = login(wereld.bob).get(f"/teams/{wereld.regieteam.slug}/").content.decode()
    assert html.count(f'/opgaven/{wereld.opgave.pk}/"') == 1
