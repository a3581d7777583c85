import pytest

from opgaven.models import Opgave
from teams.models import Team, Waarde, Waardencheck, WaardeScore
from tests.factories import LidmaatschapFactory

pytestmark = pytest.mark.django_db


def lids_team() -> Team:
    return Team.objects.get(leden__username="lid")


def invullen(client, scores: dict[int, int], **extra):
    gegevens = {"datum": "2026-11-27"} | {f"score_{pk}": score for pk, score in scores.items()}
    return client.post(f"/teams/{lids_team().slug}/waardencheck/", gegevens | extra)


def test_lid_fills_in_the_values_check_for_the_team(demo, login):
    client = login("lid")
    form = client.get(f"/teams/{lids_team().slug}/waardencheck/")
    assert form.status_code == 200
    assert "Doen wat nodig is boven Doen wat kan" in form.content.decode()
    waarden = list(Waarde.objects.filter(actief=True))
    response = invullen(
        client, {w.pk: 5 for w in waarden}, **{f"toelichting_{waarden[0].pk}": "Echt gedaan."}
    )
    assert response.status_code == 302
    check = Waardencheck.objects.filter(team=lids_team()).latest("datum")
    assert check.scores.count() == len(waarden)
    assert check.scores.get(waarde=waarden[0]).toelichting == "Echt gedaan."


def test_every_active_value_needs_a_score(demo, login):
    client = login("lid")
    voor = Waardencheck.objects.count()
    response = invullen(client, {Waarde.objects.first().pk: 3})
    assert response.status_code == 422
    assert "Controleer de invoer" in response.content.decode()
    assert Waardencheck.objects.count() == voor


def test_the_team_page_shows_the_trend_and_highlights_drops(demo, login):
    client = login("lid")
    waarden = list(Waarde.objects.filter(actief=True))
    invullen(client, {w.pk: 1 for w in waarden})  # every value drops since the last demo check
    response = client.get(f"/teams/{lids_team().slug}/")
    trends = response.context["trends"]
    assert all(trend.gedaald for trend in trends)
    eerste = trends[0]
    assert eerste.tekst == "3 → 4 → 1"
    html = response.content.decode()
    assert "gedaald (was 4)" in html
    assert "Scores: 3 → 4 → 1" in html


def test_a_deactivated_value_keeps_its_past_scores_and_leaves_the_form(demo, login):
    waarde = Waarde.objects.first()
    waarde.actief = False
    waarde.save()
    client = login("lid")
    assert (
        str(waarde) not in client.get(f"/teams/{lids_team().slug}/waardencheck/").content.decode()
    )
    assert waarde.scores.exists()


def test_the_opgave_board_shows_the_teams_values_and_a_link_to_fill_them_in(demo, login):
    opgave = Opgave.objects.get(team__leden__username="lid")
    html = login("lid").get(f"/opgaven/{opgave.pk}/").content.decode()
    assert "Waardencheck" in html
    assert f"/teams/{lids_team().slug}/waardencheck/?opgave={opgave.pk}" in html


def test_a_check_for_one_opgave_is_kept_with_that_opgave(demo, login):
    opgave = Opgave.objects.get(team__leden__username="lid")
    client = login("lid")
    invullen(client, {w.pk: 4 for w in Waarde.objects.filter(actief=True)}, opgave=opgave.pk)
    assert Waardencheck.objects.filter(opgave=opgave).count() == 1


# History: every check and score is recorded


@pytest.fixture
def lidmaatschap():
    return LidmaatschapFactory()


def vul_in(client, team: Team, datum: str, **extra) -> None:
    scores = {f"score_{waarde.pk}": 3 for waarde in Waarde.objects.filter(actief=True)}
    response = client.post(f"/teams/{team.slug}/waardencheck/", {"datum": datum} | scores | extra)
    assert response.status_code == 302


def test_filling_in_a_check_records_it_and_every_score_in_the_members_name(client, lidmaatschap):
    client.force_login(lidmaatschap.user)
    vul_in(client, lidmaatschap.team, "2026-11-01")
    check = Waardencheck.objects.get(team=lidmaatschap.team)
    assert [(h.history_type, h.history_user) for h in check.history.all()] == [
        ("+", lidmaatschap.user)
    ]
    historie = WaardeScore.history.filter(waardencheck_id=check.pk)
    assert historie.count() == check.scores.count() == Waarde.objects.filter(actief=True).count()
    assert {(h.history_type, h.history_user) for h in historie} == {("+", lidmaatschap.user)}
