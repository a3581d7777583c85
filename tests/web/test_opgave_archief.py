"""Archiving an opgave from its board and restoring it (web/opgave_archief.py): who may, the
confirmation it asks, what an archived opgave leaves (every board, list and count) and what it
keeps (its own page and history, the team's archive)."""

import pytest

from opgaven.models import Opgave
from opgaven.peilmomenten import leg_peilmoment_vast
from rechten.opgaven import nodig_gast_uit
from tests.factories import BelemmeringFactory, UserFactory

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}
BEVESTIGD = {"bevestigd": "on"}


def archiveer(client, opgave, gegevens=BEVESTIGD, **kwargs):
    return client.post(f"/opgaven/{opgave.pk}/archiveren/", gegevens, **kwargs)


def herstel(client, opgave, **kwargs):
    return client.post(f"/opgaven/{opgave.pk}/herstellen/", **kwargs)


def vers(opgave) -> Opgave:
    return Opgave.objects.get(pk=opgave.pk)


@pytest.fixture
def gearchiveerd(wereld, login):
    """The small world's opgave, archived by alice on its board; alice signed in."""
    client = login(wereld.alice)
    assert archiveer(client, wereld.opgave).status_code == 302
    return client


# Who may archive and restore


@pytest.mark.parametrize("wie", ["alice", "trekker", "bob", "beheerder"])
def test_the_team_the_regieteam_in_its_gebied_and_beheer_archive_an_opgave(wereld, login, wie):
    gebruiker = getattr(wereld, wie)
    response = archiveer(login(gebruiker), wereld.opgave)
    assert response.status_code == 302
    assert response.url == f"/opgaven/{wereld.opgave.pk}/"
    opgave = vers(wereld.opgave)
    assert opgave.is_gearchiveerd
    assert opgave.gearchiveerd_door == gebruiker
    laatste = opgave.history.first()
    assert (laatste.history_user, laatste.history_change_reason) == (gebruiker, "gearchiveerd")


def test_an_outsider_gets_404_and_nothing_is_archived(wereld, login):
    client = login(wereld.charlie)
    assert archiveer(client, wereld.opgave).status_code == 404
    assert herstel(client, wereld.opgave).status_code == 404
    assert not vers(wereld.opgave).is_gearchiveerd


def test_a_coordinator_gets_403_and_nothing_is_archived(wereld, login):
    assert archiveer(login(wereld.coordinator), wereld.opgave).status_code == 403
    assert not vers(wereld.opgave).is_gearchiveerd


def test_a_guest_who_works_on_the_board_may_not_archive_it(wereld, login):
    gast = UserFactory(username="corporatie")
    nodig_gast_uit(gast, wereld.opgave, mag_wijzigen=True)
    client = login(gast)
    assert archiveer(client, wereld.opgave).status_code == 403
    assert not vers(wereld.opgave).is_gearchiveerd
    bord = client.get(f"/opgaven/{wereld.opgave.pk}/")
    assert bord.context["mag_wijzigen"] is True
    assert f"/opgaven/{wereld.opgave.pk}/archiveren/" not in bord.content.decode()


def test_anonymous_is_sent_to_login(client, wereld):
    response = archiveer(client, wereld.opgave)
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")
    assert not vers(wereld.opgave).is_gearchiveerd


def test_archiving_and_restoring_answer_only_post(wereld, login):
    client = login(wereld.alice)
    assert client.get(f"/opgaven/{wereld.opgave.pk}/archiveren/").status_code == 405
    assert client.get(f"/opgaven/{wereld.opgave.pk}/herstellen/").status_code == 405


@pytest.mark.parametrize("wie", ["alice", "bob", "beheerder"])
def test_who_steers_the_opgave_restores_it(wereld, gearchiveerd, login, wie):
    gebruiker = getattr(wereld, wie)
    response = herstel(login(gebruiker), wereld.opgave)
    assert response.status_code == 302
    assert response.url == f"/opgaven/{wereld.opgave.pk}/"
    opgave = vers(wereld.opgave)
    assert not opgave.is_gearchiveerd
    laatste = opgave.history.first()
    assert (laatste.history_user, laatste.history_change_reason) == (
        gebruiker,
        "hersteld uit het archief",
    )


def test_a_coordinator_and_a_guest_may_not_restore(wereld, gearchiveerd, login):
    gast = UserFactory(username="corporatie")
    nodig_gast_uit(gast, wereld.opgave, mag_wijzigen=True)
    for gebruiker in (wereld.coordinator, gast):
        assert herstel(login(gebruiker), wereld.opgave).status_code == 403
    assert vers(wereld.opgave).is_gearchiveerd


# The confirmation, with and without JavaScript


def test_archiving_without_the_confirmation_changes_nothing_and_asks_for_it(wereld, login):
    response = archiveer(login(wereld.alice), wereld.opgave, {})
    assert response.status_code == 422
    html = response.content.decode()
    assert "Vink aan dat je deze opgave wilt archiveren." in html
    assert "Terug naar Schuldhulp dichtbij" in html  # a page of its own, without JavaScript
    assert 'name="bevestigd"' in html
    assert not vers(wereld.opgave).is_gearchiveerd


def test_without_the_confirmation_htmx_gets_the_form_back_in_place(wereld, login):
    response = archiveer(login(wereld.alice), wereld.opgave, {}, headers=HTMX)
    assert response.status_code == 422
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="archiveren"')
    assert "Vink aan dat je deze opgave wilt archiveren." in html
    assert "<html" not in html
    assert not vers(wereld.opgave).is_gearchiveerd


def test_the_board_offers_archiving_with_a_checkbox_to_who_steers_it(wereld, login):
    html = login(wereld.bob).get(f"/opgaven/{wereld.opgave.pk}/").content.decode()
    assert f'action="/opgaven/{wereld.opgave.pk}/archiveren/"' in html
    assert 'type="checkbox" name="bevestigd"' in html
    for gebruiker in (wereld.coordinator, wereld.charlie):
        html = login(gebruiker).get(f"/opgaven/{wereld.andere_opgave.pk}/").content.decode()
        assert "/archiveren/" not in html


def test_archiving_over_htmx_sends_the_browser_to_the_read_only_board(wereld, login):
    client = login(wereld.alice)
    response = archiveer(client, wereld.opgave, headers=HTMX)
    assert response.status_code == 200
    assert response["HX-Redirect"] == f"/opgaven/{wereld.opgave.pk}/"
    assert vers(wereld.opgave).is_gearchiveerd
    bord = client.get(f"/opgaven/{wereld.opgave.pk}/").content.decode()
    assert "“Schuldhulp dichtbij” is gearchiveerd" in bord


def test_after_archiving_the_board_says_so_and_offers_herstellen(wereld, login):
    client = login(wereld.alice)
    response = archiveer(client, wereld.opgave, follow=True)
    html = response.content.decode()
    assert "“Schuldhulp dichtbij” is gearchiveerd: zij staat niet meer op de borden" in html
    assert "Deze opgave is gearchiveerd op" in html
    assert "door Alice Bakker" in html
    assert f'action="/opgaven/{wereld.opgave.pk}/herstellen/"' in html
    assert f'action="/opgaven/{wereld.opgave.pk}/archiveren/"' not in html
    assert response.context["mag_wijzigen"] is False


def test_restoring_over_htmx_sends_the_browser_to_the_board(wereld, gearchiveerd):
    response = herstel(gearchiveerd, wereld.opgave, headers=HTMX)
    assert response.status_code == 200
    assert response["HX-Redirect"] == f"/opgaven/{wereld.opgave.pk}/"
    html = gearchiveerd.get(f"/opgaven/{wereld.opgave.pk}/").content.decode()
    assert "“Schuldhulp dichtbij” is hersteld en staat weer op de borden." in html
    assert f'action="/opgaven/{wereld.opgave.pk}/archiveren/"' in html


# Twice, or the other way round: a clear 409, nothing changed


def test_archiving_an_archived_opgave_answers_409_and_changes_nothing(wereld, gearchiveerd, login):
    voor = vers(wereld.opgave)
    response = archiveer(login(wereld.bob), wereld.opgave)
    assert response.status_code == 409
    assert "“Schuldhulp dichtbij” is al gearchiveerd." in response.content.decode()
    na = vers(wereld.opgave)
    assert (na.gearchiveerd_op, na.gearchiveerd_door, na.version) == (
        voor.gearchiveerd_op,
        voor.gearchiveerd_door,
        voor.version,
    )


def test_restoring_an_active_opgave_answers_409_and_changes_nothing(wereld, login):
    client = login(wereld.alice)
    for headers in ({}, HTMX):
        response = herstel(client, wereld.opgave, headers=headers)
        assert response.status_code == 409
        assert "“Schuldhulp dichtbij” is niet gearchiveerd." in response.content.decode()
    assert vers(wereld.opgave).version == wereld.opgave.version


def test_an_opgave_of_an_archived_team_is_not_restored_and_says_why(wereld, gearchiveerd):
    wereld.team.archiveer(door=wereld.beheerder)
    for headers in ({}, HTMX):
        response = herstel(gearchiveerd, wereld.opgave, headers=headers)
        assert response.status_code == 409
        assert (
            "Het team Opgaveteam Armoede is gearchiveerd: herstel eerst het team."
            in response.content.decode()
        )
    assert vers(wereld.opgave).is_gearchiveerd


# What an archived opgave leaves, and what it keeps


def titels(opgaven) -> set[str]:
    return {opgave.titel for opgave in opgaven}


def test_an_archived_opgave_leaves_the_regieteam_board_and_its_focus_count(wereld, login):
    client = login(wereld.bob)
    bord = client.get("/teams/regieteam-wildeman/bord/").context
    assert "Schuldhulp dichtbij" in titels(bord["opgaven"])
    assert bord["in_uitvoering"] == 1
    archiveer(client, wereld.opgave)
    bord = client.get("/teams/regieteam-wildeman/bord/").context
    assert titels(bord["opgaven"]) == {"Veilig opgroeien"}
    assert bord["in_uitvoering"] == 0


def test_an_archived_opgave_leaves_the_wijk_board_and_the_area_tree_count(wereld, gearchiveerd):
    for code in ("FK", "FK01"):
        wijkbord = gearchiveerd.get(f"/gebieden/{code}/").context
        assert {landing.opgave.titel for landing in wijkbord["landingen"]} == set()
    bob_ziet = {g.code: g.aantal_opgaven for g in gearchiveerd.get("/gebieden/").context["geldig"]}
    assert bob_ziet["FK01"] == 0  # alice sees only her own team's opgave, now archived


def test_an_archived_opgave_leaves_the_home_page_and_the_team_pages_lists(wereld, gearchiveerd):
    assert "Schuldhulp dichtbij" not in titels(gearchiveerd.get("/").context["opgaven"])
    team = gearchiveerd.get("/teams/armoede/").context
    assert titels(team["opgaven"]) == set()
    assert titels(team["gearchiveerde_opgaven"]) == {"Schuldhulp dichtbij"}


def test_an_archived_opgave_leaves_the_overview_and_its_counts(wereld, login):
    client = login(wereld.coordinator)
    voor = client.get("/overzicht/?niveau=buurt").context["overzicht"]
    assert voor.per_gebied("opgaven")[wereld.buurt.pk] == 2
    archiveer(login(wereld.alice), wereld.opgave)
    client = login(wereld.coordinator)
    overzicht = client.get("/overzicht/?niveau=buurt").context["overzicht"]
    assert "Schuldhulp dichtbij" not in titels(overzicht.opgaven)
    assert "Veilig opgroeien" in titels(overzicht.opgaven)
    assert overzicht.per_gebied("opgaven")[wereld.buurt.pk] == 1
    assert overzicht.per_gebied("aandacht").get(wereld.buurt.pk, 0) == 0
    teams = client.get("/overzicht/").context["form"].fields["team"].queryset
    assert wereld.team not in teams


def test_an_archived_opgave_leaves_the_belemmeringen_boards_filters_and_numbers(wereld, login):
    alleen_deze = BelemmeringFactory(titel="Alleen voor schuldhulp", opgaven=[wereld.opgave])
    client = login(wereld.coordinator)
    voor = client.get("/belemmeringen/").context
    assert voor["kengetallen"].open == 2
    archiveer(login(wereld.alice), wereld.opgave)
    client = login(wereld.coordinator)
    bord = client.get("/belemmeringen/").context
    filters = bord["filter_form"].fields
    assert titels(filters["opgave"].queryset) == {"Veilig opgroeien"}
    assert wereld.team not in filters["team"].queryset
    kaarten = {b.titel for _status, kaarten in bord["kolommen"] for b in kaarten}
    assert alleen_deze.titel not in kaarten
    assert wereld.belemmering.titel in kaarten  # it also blocks an opgave still worked on
    assert bord["kengetallen"].open == 1


def test_a_belemmering_about_a_place_without_an_opgave_stays_on_the_board(
    wereld, gearchiveerd, login
):
    BelemmeringFactory(titel="Geen buurthuis", opgaven=[], gebied=wereld.buurt)
    bord = login(wereld.bob).get("/belemmeringen/").context
    kaarten = {b.titel for _status, kaarten in bord["kolommen"] for b in kaarten}
    assert "Geen buurthuis" in kaarten


def test_a_peilmoment_recorded_after_archiving_leaves_the_opgave_out(wereld, gearchiveerd):
    peilmoment = leg_peilmoment_vast(regieteam=wereld.regieteam, door=wereld.bob)
    assert titels(peilmoment.regels.all()) == {"Veilig opgroeien"}


def test_an_archived_opgave_stays_readable_with_its_history_at_its_own_address(
    wereld, gearchiveerd
):
    bord = gearchiveerd.get(f"/opgaven/{wereld.opgave.pk}/")
    assert bord.status_code == 200
    assert "Spreekuur geldzaken" in bord.content.decode()  # its acties are still there
    geschiedenis = gearchiveerd.get(f"/opgaven/{wereld.opgave.pk}/geschiedenis/")
    assert geschiedenis.status_code == 200
    assert "gearchiveerd" in geschiedenis.content.decode()
    assert archiveer(gearchiveerd, wereld.opgave).status_code == 409


def test_restoring_brings_the_opgave_back_on_the_boards(wereld, gearchiveerd, login):
    herstel(gearchiveerd, wereld.opgave)
    client = login(wereld.bob)
    assert "Schuldhulp dichtbij" in titels(
        client.get("/teams/regieteam-wildeman/bord/").context["opgaven"]
    )
    wijkbord = client.get("/gebieden/FK01/").context
    assert "Schuldhulp dichtbij" in {landing.opgave.titel for landing in wijkbord["landingen"]}
    assert client.get("/teams/regieteam-wildeman/bord/").context["in_uitvoering"] == 1
