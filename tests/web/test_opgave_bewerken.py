"""Editing an opgave's own fields (/opgaven/<pk>/bewerken/): every field for who steers it
(its team, the regieteam whose gebied it lands in, beheer), the description for a partner
guest who works on it; with the version check, a reason for a change of course, in place on
the board with htmx; never its team or gebieden."""

import pytest

from opgaven.models import Opgave
from rechten.opgaven import nodig_gast_uit
from tests.factories import (
    GebiedFactory,
    LidmaatschapFactory,
    OpgaveFactory,
    OpgaveGebiedFactory,
    TeamFactory,
    UserFactory,
    kleine_wereld,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def wereld():
    opgave = OpgaveFactory(titel="Zomerschool", team=TeamFactory(naam="Jeugd"))
    OpgaveGebiedFactory(opgave=opgave)
    alice = LidmaatschapFactory(team=opgave.team, user__username="alice").user
    bob = UserFactory(username="bob")
    nodig_gast_uit(bob, opgave, mag_wijzigen=False)
    return {"opgave": opgave, "alice": alice, "bob": bob, "charlie": UserFactory()}


def bewerk(client, opgave, headers=None, follow=False, **velden):
    gegevens = {
        "titel": opgave.titel,
        "thema": opgave.thema_id,
        "aanvliegroute": opgave.aanvliegroute,
        "status": opgave.status,
        "versie": opgave.version,
    } | velden
    return client.post(f"/opgaven/{opgave.pk}/bewerken/", gegevens, headers=headers, follow=follow)


@pytest.mark.parametrize(("wie", "status"), [("alice", 200), ("bob", 403), ("charlie", 404)])
def test_who_may_open_the_edit_page(client, wereld, wie, status):
    client.force_login(wereld[wie])
    assert client.get(f"/opgaven/{wereld['opgave'].pk}/bewerken/").status_code == status


@pytest.mark.parametrize(("wie", "status"), [("alice", 302), ("bob", 403), ("charlie", 404)])
def test_who_may_save_it(client, wereld, wie, status):
    client.force_login(wereld[wie])
    assert bewerk(client, wereld["opgave"], titel="Zomerschool 2026").status_code == status
    verwacht = "Zomerschool 2026" if status == 302 else "Zomerschool"
    assert Opgave.objects.get(pk=wereld["opgave"].pk).titel == verwacht


def test_a_member_saves_and_returns_to_the_board_which_hears_of_it(client, wereld):
    opgave = wereld["opgave"]
    client.force_login(wereld["alice"])
    response = bewerk(
        client, opgave, status="in_uitvoering", streefdatum="2027-06-30", reden="Het kan"
    )
    assert response["Location"] == f"/opgaven/{opgave.pk}/"
    nu = Opgave.objects.get(pk=opgave.pk)
    assert (nu.status, str(nu.streefdatum)) == ("in_uitvoering", "2027-06-30")
    assert nu.bord_versie > opgave.bord_versie
    assert nu.history.first().history_user == wereld["alice"]


def test_the_edit_never_moves_the_opgave_to_another_team_or_gebied(client, wereld):
    opgave = wereld["opgave"]
    client.force_login(wereld["alice"])
    ander_team, ander_gebied = TeamFactory(), GebiedFactory()
    bewerk(client, opgave, team=ander_team.pk, gebieden=[ander_gebied.pk])
    nu = Opgave.objects.get(pk=opgave.pk)
    assert nu.team == opgave.team
    assert list(nu.gebieden.all()) == list(opgave.gebieden.all())


def test_a_target_date_before_the_start_is_refused_with_a_message(client, wereld):
    client.force_login(wereld["alice"])
    response = bewerk(client, wereld["opgave"], startdatum="2027-01-01", streefdatum="2026-01-01")
    assert response.status_code == 422
    assert "De streefdatum kan niet vóór de startdatum liggen." in response.content.decode()


def test_a_save_on_top_of_someone_elses_change_answers_409_and_keeps_both(client, wereld):
    opgave = wereld["opgave"]
    client.force_login(wereld["alice"])
    anders = Opgave.objects.get(pk=opgave.pk)
    anders.status = "gepauzeerd"
    anders.save()
    response = bewerk(client, opgave, titel="Zomerschool voor iedereen")
    html = response.content.decode()
    assert response.status_code == 409
    assert "Iemand anders heeft dit intussen gewijzigd." in html
    assert response.context["conflict"] == [("Status", "Gepauzeerd")]
    assert 'value="Zomerschool voor iedereen"' in html  # what was typed stays
    nu = Opgave.objects.get(pk=opgave.pk)
    assert (nu.titel, nu.status) == ("Zomerschool", "gepauzeerd")


def test_the_board_links_the_edit_page_for_who_may_change_it(client, wereld):
    url = f'href="/opgaven/{wereld["opgave"].pk}/bewerken/"'
    client.force_login(wereld["alice"])
    assert url in client.get(f"/opgaven/{wereld['opgave'].pk}/").content.decode()
    client.force_login(wereld["bob"])
    assert url not in client.get(f"/opgaven/{wereld['opgave'].pk}/").content.decode()


HTMX = {"HX-Request": "true"}


def test_changing_the_status_asks_for_a_reason(client, wereld):
    opgave = wereld["opgave"]
    client.force_login(wereld["alice"])
    response = bewerk(client, opgave, status="in_uitvoering")
    assert response.status_code == 422
    assert (
        "Schrijf in één regel waarom de status of de aanvliegroute verandert"
        in response.content.decode()
    )
    assert Opgave.objects.get(pk=opgave.pk).status == "verkenning"


def test_changing_the_aanvliegroute_asks_for_a_reason(client, wereld):
    opgave = wereld["opgave"]
    client.force_login(wereld["alice"])
    assert bewerk(client, opgave, aanvliegroute="wijkgericht").status_code == 422
    assert Opgave.objects.get(pk=opgave.pk).aanvliegroute == "gebiedsgericht"


def test_other_changes_need_no_reason(client, wereld):
    client.force_login(wereld["alice"])
    assert bewerk(client, wereld["opgave"], titel="Zomerschool 2027").status_code == 302


def test_the_reason_goes_into_the_history_and_the_activity_on_the_board(client, wereld):
    opgave = wereld["opgave"]
    client.force_login(wereld["alice"])
    bewerk(client, opgave, status="in_uitvoering", reden="de subsidie is rond")
    verwacht = "Status: Verkenning → In uitvoering — omdat de subsidie is rond"
    assert Opgave.objects.get(pk=opgave.pk).history.first().history_change_reason == verwacht
    bord = client.get(f"/opgaven/{opgave.pk}/").content.decode()
    assert f"de opgave</a> ({verwacht})" in bord


def test_both_changes_of_course_are_named_with_one_reason(client, wereld):
    opgave = wereld["opgave"]
    client.force_login(wereld["alice"])
    bewerk(
        client,
        opgave,
        aanvliegroute="wijkgericht",
        status="in_uitvoering",
        reden="Omdat de wijk het vraagt",  # no "omdat omdat"
    )
    assert Opgave.objects.get(pk=opgave.pk).history.first().history_change_reason == (
        "Aanvliegroute: Gebiedsgericht → Wijkgericht; Status: Verkenning → In uitvoering "
        "— omdat de wijk het vraagt"
    )


def test_a_reason_longer_than_a_line_is_refused(client, wereld):
    client.force_login(wereld["alice"])
    response = bewerk(client, wereld["opgave"], status="in_uitvoering", reden="x" * 201)
    assert response.status_code == 422


def test_the_aanvliegroute_reason_is_saved_and_shown(client, wereld):
    opgave = wereld["opgave"]
    client.force_login(wereld["alice"])
    bewerk(client, opgave, aanvliegroute_toelichting="Jongeren zitten in de hele stad.")
    assert (
        "Jongeren zitten in de hele stad." in client.get(f"/opgaven/{opgave.pk}/").content.decode()
    )


@pytest.fixture
def gast(wereld):
    gast = UserFactory(username="gast")
    nodig_gast_uit(gast, wereld["opgave"], mag_wijzigen=True)
    return gast


def test_a_partner_guest_who_works_on_it_edits_only_the_description(client, wereld, gast):
    opgave = wereld["opgave"]
    client.force_login(gast)
    assert list(client.get(f"/opgaven/{opgave.pk}/bewerken/").context["form"].fields) == [
        "beschrijving",
        "versie",
    ]
    response = bewerk(
        client,
        opgave,
        beschrijving="Met de bibliotheek.",
        titel="Iets anders",
        status="afgerond",
        aanvliegroute="wijkgericht",
    )
    assert response.status_code == 302
    nu = Opgave.objects.get(pk=opgave.pk)
    assert nu.beschrijving == "Met de bibliotheek."
    assert (nu.titel, nu.status, nu.aanvliegroute) == (
        "Zomerschool",
        "verkenning",
        "gebiedsgericht",
    )


def test_a_regieteam_member_edits_an_opgave_landing_in_their_gebied(login):
    wereld = kleine_wereld()
    client = login(wereld.bob)
    opgave = wereld.opgave
    response = bewerk(client, opgave, status="gepauzeerd", reden="eerst de gegevensdeling")
    assert response.status_code == 302
    nu = Opgave.objects.get(pk=opgave.pk)
    assert nu.status == "gepauzeerd"
    assert nu.history.first().history_user == wereld.bob
    # And the board offers them the edit, which a coordinator does not get.
    assert (
        f'hx-get="/opgaven/{opgave.pk}/bewerken/"'
        in client.get(f"/opgaven/{opgave.pk}/").content.decode()
    )
    assert login(wereld.coordinator).get(f"/opgaven/{opgave.pk}/bewerken/").status_code == 403
    assert login(wereld.beheerder).get(f"/opgaven/{opgave.pk}/bewerken/").status_code == 200


def test_an_archived_opgave_is_read_only_and_says_so(client, wereld):
    opgave = wereld["opgave"]
    opgave.archiveer(door=wereld["alice"])
    client.force_login(wereld["alice"])
    response = client.get(f"/opgaven/{opgave.pk}/bewerken/")
    assert response.status_code == 403
    assert "Deze opgave is gearchiveerd" in response.content.decode()
    assert bewerk(client, Opgave.objects.get(pk=opgave.pk), titel="Nee").status_code == 403


def test_in_place_the_form_takes_the_place_of_the_opgave_part_of_the_board(client, wereld):
    opgave = wereld["opgave"]
    client.force_login(wereld["alice"])
    html = client.get(f"/opgaven/{opgave.pk}/bewerken/", headers=HTMX).content.decode()
    assert html.lstrip().startswith('<section class="ob-section" id="over"')
    assert "data-bewerken" in html
    assert f'hx-post="/opgaven/{opgave.pk}/bewerken/"' in html
    assert "<html" not in html


def test_in_place_a_save_sends_back_that_part_and_the_header(client, wereld):
    opgave = wereld["opgave"]
    client.force_login(wereld["alice"])
    response = bewerk(
        client,
        opgave,
        titel="Zomerschool 2027",
        status="in_uitvoering",
        reden="het kan",
        headers=HTMX,
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section class="ob-section" id="over"')
    assert "De opgave is opgeslagen." in html
    assert 'id="kop" hx-swap-oob="true"' in html
    assert "Zomerschool 2027" in html and "In uitvoering" in html


def test_in_place_errors_and_conflicts_stay_in_place(client, wereld):
    opgave = wereld["opgave"]
    client.force_login(wereld["alice"])
    fout = bewerk(client, opgave, status="in_uitvoering", headers=HTMX)
    assert fout.status_code == 422
    assert fout.content.decode().lstrip().startswith('<section class="ob-section" id="over"')
    Opgave.objects.filter(pk=opgave.pk).update(version=opgave.version + 1)
    conflict = bewerk(client, opgave, titel="Later", headers=HTMX)
    assert conflict.status_code == 409
    assert 'hx-target="#over"' in conflict.content.decode()


def test_putting_an_opgave_in_uitvoering_over_the_focus_limit_warns_the_team(client, wereld):
    opgave = wereld["opgave"]
    team = opgave.team
    team.focuslimiet = 1
    team.save()
    OpgaveFactory(team=team, status="in_uitvoering")
    client.force_login(wereld["alice"])
    assert "focuslimiet" not in client.get(f"/teams/{team.slug}/").content.decode()
    response = bewerk(client, opgave, status="in_uitvoering", reden="start", follow=True)
    melding = "Jeugd heeft nu 2 opgaven in uitvoering, meer dan de focuslimiet van 1."
    assert melding in response.content.decode()
    assert (
        "2 opgaven van dit team zijn in uitvoering, meer dan de focuslimiet van 1."
        in client.get(f"/teams/{team.slug}/").content.decode()
    )
