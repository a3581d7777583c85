import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gebieden.models import Gebied
from opgaven.models import Opgave
from teams.models import Team
from tests.factories import LidmaatschapFactory, OpgaveFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


def opgave_titels(response) -> set[str]:
    return {opgave.titel for opgave in response.context["opgaven"]}


def test_regie_sees_the_regieteam_and_the_opgaven_landing_in_its_gebied(wereld, login):
    response = login(wereld.bob).get("/")
    regieteam = wereld.regieteam
    html = response.content.decode()
    assert regieteam.naam in html
    nieuw_west = Opgave.objects.filter(
        opgave_gebieden__gebied__in=Gebied.objects.onder(regieteam.gebied)
    ).distinct()
    assert nieuw_west.count() == 2
    assert opgave_titels(response) == {o.titel for o in nieuw_west}
    for opgave in nieuw_west:
        assert f'href="/opgaven/{opgave.pk}/"' in html


def test_lid_sees_only_the_opgaven_of_their_own_team(wereld, login):
    response = login(wereld.alice).get("/")
    eigen = Opgave.objects.filter(team__leden=wereld.alice)
    assert eigen.exists()
    assert opgave_titels(response) == {o.titel for o in eigen}
    assert [lid.team for lid in response.context["lidmaatschappen"]] == list(
        Team.objects.filter(leden=wereld.alice)
    )


def test_coordinator_sees_every_opgave_and_sits_in_no_team(wereld, login):
    response = login(wereld.coordinator).get("/")
    assert opgave_titels(response) == set(Opgave.objects.values_list("titel", flat=True))
    assert "Je bent nog geen lid van een team" in response.content.decode()


def test_beheer_sees_every_opgave(wereld, login):
    response = login(wereld.beheerder).get("/")
    assert opgave_titels(response) == set(Opgave.objects.values_list("titel", flat=True))


def test_an_outsider_sees_none_of_the_nieuw_west_world(wereld, login):
    response = login(wereld.charlie).get("/")
    regieteam = wereld.regieteam
    nieuw_west = Opgave.objects.filter(
        opgave_gebieden__gebied__in=Gebied.objects.onder(regieteam.gebied)
    )
    assert opgave_titels(response).isdisjoint({o.titel for o in nieuw_west})
    assert regieteam.naam not in response.content.decode()


def test_a_user_without_teams_gets_a_friendly_empty_page(client):
    client.force_login(UserFactory())
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Je bent nog geen lid van een team" in html
    assert "Er zijn nog geen opgaven die je kunt zien" in html


def test_home_escapes_user_text(client):
    lidmaatschap = LidmaatschapFactory()
    OpgaveFactory(team=lidmaatschap.team, titel="<script>alert(1)</script>")
    client.force_login(lidmaatschap.user)
    html = client.get("/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_home_renders_in_the_same_number_of_queries_for_3_and_30_opgaven(client):
    lidmaatschap = LidmaatschapFactory()
    client.force_login(lidmaatschap.user)

    def tel_queries(aantal):
        Opgave.objects.filter(team=lidmaatschap.team).delete()
        OpgaveFactory.create_batch(aantal, team=lidmaatschap.team)
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/")
        assert len(response.context["opgaven"]) == aantal
        return len(queries)

    assert tel_queries(3) == tel_queries(30)


def test_home_shows_the_teams_in_the_header(client):
    lidmaatschap = LidmaatschapFactory(team=TeamFactory(naam="Jeugdteam Osdorp"))
    client.force_login(lidmaatschap.user)
    html = client.get("/").content.decode()
    assert f'href="/teams/{lidmaatschap.team.slug}/"' in html


def test_a_regieteam_member_finds_the_priority_board_from_home_and_the_team_page(wereld, login):
    client = login(wereld.bob)
    regieteam = wereld.regieteam
    bord = f'href="/teams/{regieteam.slug}/bord/"'
    assert bord in client.get("/").content.decode()
    assert bord in client.get(f"/teams/{regieteam.slug}/").content.decode()


def test_the_home_page_has_a_plain_title(client):
    client.force_login(UserFactory())
    html = client.get("/").content.decode()
    assert "<title>Mijn borden · Opgavebord</title>" in html


def test_only_functioneel_beheer_finds_the_admin_in_the_header(wereld, login):
    beheer = login(wereld.beheerder).get("/").content.decode()
    assert 'href="/admin/">Beheer</a>' in beheer
    for gebruiker in (wereld.alice, wereld.bob, wereld.coordinator):
        assert 'href="/admin/"' not in login(gebruiker).get("/").content.decode()
