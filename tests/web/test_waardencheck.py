import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from teams.models import Team, Waarde, Waardencheck, WaardeScore
from tests.factories import (
    LidmaatschapFactory,
    OpgaveFactory,
    WaardencheckFactory,
    WaardeScoreFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def eerdere_checks(wereld):
    """Alice's team filled in the check 90 and 7 days ago, a little better the second time."""
    vandaag = timezone.localdate()
    for dagen, score in [(90, 3), (7, 4)]:
        check = WaardencheckFactory(
            team=wereld.team,
            datum=vandaag - datetime.timedelta(days=dagen),
            ingevuld_door=wereld.trekker,
        )
        for waarde in Waarde.objects.filter(actief=True):
            WaardeScoreFactory(waardencheck=check, waarde=waarde, score=score)
    return wereld


def invullen(client, team: Team, scores: dict[int, int], **extra):
    gegevens = {"datum": timezone.localdate().isoformat()} | {
        f"score_{pk}": score for pk, score in scores.items()
    }
    return client.post(f"/teams/{team.slug}/waardencheck/", gegevens | extra)


def test_lid_fills_in_the_values_check_for_the_team(wereld, login):
    client = login(wereld.alice)
    form = client.get(f"/teams/{wereld.team.slug}/waardencheck/")
    assert form.status_code == 200
    assert "Doen wat nodig is boven Doen wat kan" in form.content.decode()
    waarden = list(Waarde.objects.filter(actief=True))
    response = invullen(
        client,
        wereld.team,
        {w.pk: 5 for w in waarden},
        **{f"toelichting_{waarden[0].pk}": "Echt gedaan."},
    )
    assert response.status_code == 302
    check = Waardencheck.objects.filter(team=wereld.team).latest("datum")
    assert check.scores.count() == len(waarden)
    assert check.scores.get(waarde=waarden[0]).toelichting == "Echt gedaan."


def test_every_active_value_needs_a_score(wereld, login):
    client = login(wereld.alice)
    voor = Waardencheck.objects.count()
    response = invullen(client, wereld.team, {Waarde.objects.first().pk: 3})
    assert response.status_code == 422
    assert "Controleer de invoer" in response.content.decode()
    assert Waardencheck.objects.count() == voor


def test_the_team_page_shows_the_trend_and_highlights_drops(eerdere_checks, login):
    client = login(eerdere_checks.alice)
    waarden = list(Waarde.objects.filter(actief=True))
    invullen(client, eerdere_checks.team, {w.pk: 1 for w in waarden})  # every value drops
    response = client.get(f"/teams/{eerdere_checks.team.slug}/")
    trends = response.context["trends"]
    assert all(trend.gedaald for trend in trends)
    eerste = trends[0]
    assert eerste.tekst == "3 → 4 → 1"
    html = response.content.decode()
    assert "gedaald (was 4)" in html
    assert "Scores: 3 → 4 → 1" in html


def test_a_deactivated_value_keeps_its_past_scores_and_leaves_the_form(eerdere_checks, login):
    waarde = Waarde.objects.first()
    waarde.actief = False
    waarde.save()
    client = login(eerdere_checks.alice)
    formulier = client.get(f"/teams/{eerdere_checks.team.slug}/waardencheck/")
    assert str(waarde) not in formulier.content.decode()
    assert waarde.scores.exists()


def test_the_opgave_board_shows_the_teams_values_and_a_link_to_fill_them_in(wereld, login):
    opgave = wereld.opgave
    html = login(wereld.alice).get(f"/opgaven/{opgave.pk}/").content.decode()
    assert "Waardencheck" in html
    assert f"/teams/{wereld.team.slug}/waardencheck/?opgave={opgave.pk}" in html


def test_a_check_for_one_opgave_is_kept_with_that_opgave(wereld, login):
    opgave = wereld.opgave
    client = login(wereld.alice)
    scores = {w.pk: 4 for w in Waarde.objects.filter(actief=True)}
    invullen(client, wereld.team, scores, opgave=opgave.pk)
    assert Waardencheck.objects.filter(opgave=opgave).count() == 1


# History: every check and score is recorded, and a past check keeps the wording it was given


@pytest.fixture
def lidmaatschap():
    return LidmaatschapFactory()


def vul_in(client, team: Team, datum: str, **extra) -> None:
    scores = {f"score_{waarde.pk}": 3 for waarde in Waarde.objects.filter(actief=True)}
    response = client.post(f"/teams/{team.slug}/waardencheck/", {"datum": datum} | scores | extra)
    assert response.status_code == 302


def herformuleer(waarde: Waarde, links: str) -> None:
    waarde.links = links
    waarde.save()


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


def test_the_team_page_shows_older_scores_with_the_wording_they_were_given_to(client, lidmaatschap):
    client.force_login(lidmaatschap.user)
    team, waarde = lidmaatschap.team, Waarde.objects.first()
    vul_in(client, team, "2026-11-01")
    herformuleer(waarde, "Doen wat echt nodig is")
    vul_in(client, team, "2026-11-15")

    response = client.get(f"/teams/{team.slug}/")
    trend = response.context["trends"][0]
    assert str(trend.waarde) == "Doen wat echt nodig is boven Doen wat kan"
    assert [(eerder.tekst, eerder.datums) for eerder in trend.eerder] == [
        ("Doen wat nodig is boven Doen wat kan", [datetime.date(2026, 11, 1)])
    ]
    assert not any(andere.eerder for andere in response.context["trends"][1:])
    assert (
        "Bij de check van 1 november 2026 luidde deze waarde nog: "
        "“Doen wat nodig is boven Doen wat kan”."
    ) in response.content.decode()


def test_each_earlier_wording_names_the_checks_it_was_scored_under(client, lidmaatschap):
    client.force_login(lidmaatschap.user)
    team, waarde = lidmaatschap.team, Waarde.objects.first()
    vul_in(client, team, "2026-10-01")
    vul_in(client, team, "2026-10-15")
    herformuleer(waarde, "Doen wat echt nodig is")
    vul_in(client, team, "2026-11-01")
    herformuleer(waarde, "Doen wat de buurt nodig heeft")
    vul_in(client, team, "2026-11-15")

    html = client.get(f"/teams/{team.slug}/").content.decode()
    assert (
        "Bij de checks van 1 oktober 2026 en 15 oktober 2026 luidde deze waarde nog: "
        "“Doen wat nodig is boven Doen wat kan”."
    ) in html
    assert (
        "Bij de check van 1 november 2026 luidde deze waarde nog: "
        "“Doen wat echt nodig is boven Doen wat kan”."
    ) in html


def test_a_check_from_before_history_began_shows_the_wording_history_began_with(
    client, lidmaatschap
):
    client.force_login(lidmaatschap.user)
    team, waarde = lidmaatschap.team, Waarde.objects.first()
    vul_in(client, team, "2019-06-01")
    Waardencheck.objects.filter(team=team).update(
        aangemaakt_op=datetime.datetime(2019, 6, 1, tzinfo=datetime.UTC)
    )
    herformuleer(waarde, "Doen wat echt nodig is")

    trend = client.get(f"/teams/{team.slug}/").context["trends"][0]
    assert [eerder.tekst for eerder in trend.eerder] == ["Doen wat nodig is boven Doen wat kan"]


def test_the_opgave_board_shows_a_past_check_with_its_old_wording(client, lidmaatschap):
    client.force_login(lidmaatschap.user)
    opgave = OpgaveFactory(team=lidmaatschap.team)
    vul_in(client, lidmaatschap.team, "2026-11-01", opgave=opgave.pk)
    herformuleer(Waarde.objects.first(), "Doen wat echt nodig is")

    html = client.get(f"/opgaven/{opgave.pk}/").content.decode()
    assert "Doen wat echt nodig is boven Doen wat kan" in html
    assert (
        "Bij de check van 1 november 2026 luidde deze waarde nog: "
        "“Doen wat nodig is boven Doen wat kan”."
    ) in html


@pytest.mark.parametrize("pagina", ["team", "opgave"])
def test_the_wording_history_costs_no_query_more_however_long_it_is(client, lidmaatschap, pagina):
    client.force_login(lidmaatschap.user)
    team = lidmaatschap.team
    opgave = OpgaveFactory(team=team)
    url = f"/teams/{team.slug}/" if pagina == "team" else f"/opgaven/{opgave.pk}/"

    def queries() -> int:
        client.get(url)
        with CaptureQueriesContext(connection) as vastgelegd:
            assert client.get(url).status_code == 200
        return len(vastgelegd)

    vul_in(client, team, "2026-10-01")
    weinig = queries()
    for dag, waarde in enumerate(Waarde.objects.filter(actief=True)[:5], start=2):
        herformuleer(waarde, f"{waarde.links}, nieuw")
        vul_in(client, team, f"2026-10-{dag:02d}")
    assert queries() == weinig
