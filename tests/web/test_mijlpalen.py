"""The mijlpalen of an opgave board (web/mijlpalen.py): adding, editing, ordering, ticking off
and deleting, as member (alice), read-only user (the coordinator), outsider (charlie) and a
guest invited to work on the opgave; with and without JavaScript."""

import datetime

import pytest
from django.utils import timezone

from opgaven.models import Actie, Mijlpaal
from opgaven.ordering import mijlpalen_op_bord
from rechten.opgaven import nodig_gast_uit
from tests.factories import ActieFactory, MijlpaalFactory, UserFactory

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


def url(opgave, rest=""):
    return f"/opgaven/{opgave.pk}/mijlpalen/{rest}"


def titels(opgave) -> list[str]:
    return [mijlpaal.titel for mijlpaal in mijlpalen_op_bord(opgave)]


@pytest.fixture
def drie(wereld):
    """Alice's opgave with three mijlpalen in order: A, B, C."""
    Mijlpaal.objects.filter(opgave=wereld.opgave).delete()
    for positie, titel in enumerate("ABC"):
        MijlpaalFactory(opgave=wereld.opgave, titel=titel, positie=positie)
    return {m.titel: m for m in wereld.opgave.mijlpalen.all()}


# Adding


def test_a_member_adds_a_mijlpaal_at_the_end_of_the_list(wereld, login):
    client = login(wereld.alice)
    response = client.post(
        url(wereld.opgave),
        {
            "titel": "Spreekuur in de bibliotheek",
            "deadline": "2027-03-01",
            "eigenaar": wereld.alice.pk,
        },
        headers=HTMX,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<section class="ob-section" id="mijlpalen"')
    assert "Mijlpaal “Spreekuur in de bibliotheek” is toegevoegd." in html
    assert titels(wereld.opgave)[-1] == "Spreekuur in de bibliotheek"
    nieuw = Mijlpaal.objects.get(titel="Spreekuur in de bibliotheek")
    assert nieuw.eigenaar == wereld.alice
    assert nieuw.history.get().history_user == wereld.alice


def test_without_javascript_adding_redirects_back_to_the_board(wereld, login):
    response = login(wereld.alice).post(url(wereld.opgave), {"titel": "Spreekuur"})
    assert response.status_code == 302
    assert response["Location"] == wereld.opgave.get_absolute_url()


def test_a_mijlpaal_without_a_title_gets_a_dutch_error_and_422(wereld, login):
    response = login(wereld.alice).post(url(wereld.opgave), {"titel": ""}, headers=HTMX)
    assert response.status_code == 422
    assert "Controleer de invoer" in response.content.decode()
    assert wereld.opgave.mijlpalen.count() == 2


def test_without_javascript_a_validation_error_renders_the_whole_board(wereld, login):
    response = login(wereld.alice).post(url(wereld.opgave), {"titel": ""})
    assert response.status_code == 422
    assert "<html" in response.content.decode()


def test_the_owner_must_be_a_member_of_the_opgaves_team(wereld, login):
    response = login(wereld.alice).post(
        url(wereld.opgave), {"titel": "Overname", "eigenaar": wereld.charlie.pk}, headers=HTMX
    )
    assert response.status_code == 422
    assert not Mijlpaal.objects.filter(titel="Overname").exists()


def test_the_owner_choice_names_the_team_members(wereld, login):
    html = login(wereld.alice).get(wereld.opgave.get_absolute_url()).content.decode()
    assert '<option value="' + str(wereld.trekker.pk) + '">Tessa Bouzid</option>' in html


# Editing, with the version check


def test_a_member_edits_a_mijlpaal_in_place(wereld, login, drie):
    client = login(wereld.alice)
    mijlpaal = drie["B"]
    formulier = client.get(url(wereld.opgave, f"{mijlpaal.pk}/bewerken/"), headers=HTMX)
    assert formulier.status_code == 200
    assert formulier.content.decode().lstrip().startswith("<li")
    assert f'name="versie" value="{mijlpaal.version}"' in formulier.content.decode()
    response = client.post(
        url(wereld.opgave, f"{mijlpaal.pk}/bewerken/"),
        {
            "titel": "B herzien",
            "deadline": "2027-01-15",
            "beschrijving": "Met de corporatie",
            "eigenaar": wereld.trekker.pk,
            "versie": mijlpaal.version,
        },
        headers=HTMX,
    )
    assert response.status_code == 200
    assert response["HX-Retarget"] == "#mijlpalen"
    assert "Mijlpaal “B herzien” is opgeslagen." in response.content.decode()
    mijlpaal.refresh_from_db()
    assert (mijlpaal.titel, mijlpaal.deadline, mijlpaal.eigenaar) == (
        "B herzien",
        datetime.date(2027, 1, 15),
        wereld.trekker,
    )
    assert mijlpaal.version == 2
    assert titels(wereld.opgave) == ["A", "B herzien", "C"]


def test_without_javascript_editing_is_a_page_and_saving_redirects(wereld, login, drie):
    client = login(wereld.alice)
    mijlpaal = drie["A"]
    pagina = client.get(url(wereld.opgave, f"{mijlpaal.pk}/bewerken/"))
    assert "<html" in pagina.content.decode()
    response = client.post(
        url(wereld.opgave, f"{mijlpaal.pk}/bewerken/"),
        {"titel": "A herzien", "versie": mijlpaal.version},
    )
    assert response.status_code == 302
    assert response["Location"] == wereld.opgave.get_absolute_url()


def test_an_edit_on_top_of_someone_elses_change_answers_409_and_saves_nothing(wereld, login, drie):
    mijlpaal = drie["A"]
    geladen = mijlpaal.version
    ander = Mijlpaal.objects.get(pk=mijlpaal.pk)
    ander.titel = "A volgens Tessa"
    ander.save()
    response = login(wereld.alice).post(
        url(wereld.opgave, f"{mijlpaal.pk}/bewerken/"),
        {"titel": "A volgens Alice", "versie": geladen},
        headers=HTMX,
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Iemand anders heeft deze mijlpaal intussen gewijzigd." in html
    assert "A volgens Tessa" in html
    assert Mijlpaal.objects.get(pk=mijlpaal.pk).titel == "A volgens Tessa"


def test_an_edit_without_a_title_answers_422(wereld, login, drie):
    mijlpaal = drie["A"]
    response = login(wereld.alice).post(
        url(wereld.opgave, f"{mijlpaal.pk}/bewerken/"),
        {"titel": "", "versie": mijlpaal.version},
        headers=HTMX,
    )
    assert response.status_code == 422
    assert Mijlpaal.objects.get(pk=mijlpaal.pk).titel == "A"


# Ordering


def test_lager_moves_a_mijlpaal_one_place_down_and_hoger_back_up(wereld, login, drie):
    client = login(wereld.alice)
    response = client.post(
        url(wereld.opgave, f"{drie['A'].pk}/verplaatsen/"), {"na": drie["B"].pk}, headers=HTMX
    )
    assert response.status_code == 200
    assert titels(wereld.opgave) == ["B", "A", "C"]
    assert f'id="mijlpaal-{drie["A"].pk}" data-id' in response.content.decode()
    client.post(url(wereld.opgave, f"{drie['A'].pk}/verplaatsen/"), {"na": ""}, headers=HTMX)
    assert titels(wereld.opgave) == ["A", "B", "C"]
    assert [m.positie for m in mijlpalen_op_bord(wereld.opgave)] == [0, 1, 2]


def test_the_buttons_carry_the_mijlpaal_to_place_after(wereld, login, drie):
    html = login(wereld.alice).get(wereld.opgave.get_absolute_url()).content.decode()
    verplaats_c = url(wereld.opgave, f"{drie['C'].pk}/verplaatsen/")
    # C's Hoger places it after A; the top mijlpaal has no Hoger, the bottom one no Lager.
    assert f'formaction="{verplaats_c}" name="na" value="{drie["A"].pk}"' in html
    assert 'aria-label="Hoger: A"' not in html
    assert 'aria-label="Lager: C"' not in html
    assert 'aria-label="Lager: A"' in html


def test_without_javascript_a_move_redirects_back_to_the_board(wereld, login, drie):
    response = login(wereld.alice).post(
        url(wereld.opgave, f"{drie['C'].pk}/verplaatsen/"), {"na": ""}
    )
    assert response.status_code == 302
    assert titels(wereld.opgave) == ["C", "A", "B"]


def test_a_move_after_a_mijlpaal_that_is_gone_answers_409_with_the_current_list(
    wereld, login, drie
):
    weg = drie["B"].pk
    Mijlpaal.objects.filter(pk=weg).delete()
    response = login(wereld.alice).post(
        url(wereld.opgave, f"{drie['A'].pk}/verplaatsen/"), {"na": weg}, headers=HTMX
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "De mijlpalen waren intussen veranderd." in html
    assert f'id="mijlpaal-{drie["C"].pk}"' in html
    assert titels(wereld.opgave) == ["A", "C"]


def test_a_move_that_says_nowhere_answers_422(wereld, login, drie):
    response = login(wereld.alice).post(
        url(wereld.opgave, f"{drie['A'].pk}/verplaatsen/"), {}, headers=HTMX
    )
    assert response.status_code == 422
    assert "Deze mijlpaal kon niet worden verplaatst." in response.content.decode()


def test_a_move_is_recorded_in_the_history_without_raising_the_version(wereld, login, drie):
    login(wereld.alice).post(
        url(wereld.opgave, f"{drie['A'].pk}/verplaatsen/"), {"na": drie["C"].pk}, headers=HTMX
    )
    mijlpaal = Mijlpaal.objects.get(pk=drie["A"].pk)
    assert mijlpaal.version == 1
    laatste = mijlpaal.history.first()
    assert (laatste.history_user, laatste.history_change_reason) == (wereld.alice, "naar plaats 3")


def test_a_new_mijlpaal_goes_last_after_a_reorder(wereld, login, drie):
    client = login(wereld.alice)
    client.post(url(wereld.opgave, f"{drie['C'].pk}/verplaatsen/"), {"na": ""}, headers=HTMX)
    client.post(url(wereld.opgave), {"titel": "D"}, headers=HTMX)
    assert titels(wereld.opgave) == ["C", "A", "B", "D"]


# Ticking off and reopening (the existing URL)


def test_a_member_ticks_off_a_mijlpaal_and_reopens_it(wereld, login, drie):
    client = login(wereld.alice)
    mijlpaal = drie["A"]
    afvinken = url(wereld.opgave, f"{mijlpaal.pk}/afvinken/")
    response = client.post(afvinken, {"gereed": "on", "versie": 1}, headers=HTMX)
    assert "Heropen “A”" in response.content.decode()
    assert Mijlpaal.objects.get(pk=mijlpaal.pk).gereed
    response = client.post(afvinken, {"versie": 2}, headers=HTMX)
    assert "Vink “A” af" in response.content.decode()
    assert not Mijlpaal.objects.get(pk=mijlpaal.pk).gereed


# Deleting


def test_a_member_deletes_a_mijlpaal_and_the_gap_closes(wereld, login, drie):
    response = login(wereld.alice).post(
        url(wereld.opgave, f"{drie['A'].pk}/verwijderen/"), headers=HTMX
    )
    assert response.status_code == 200
    assert "Mijlpaal “A” is verwijderd." in response.content.decode()
    assert titels(wereld.opgave) == ["B", "C"]
    assert [m.positie for m in mijlpalen_op_bord(wereld.opgave)] == [0, 1]
    assert Mijlpaal.history.filter(id=drie["A"].pk, history_type="-").get().history_user == (
        wereld.alice
    )


def test_without_javascript_deleting_asks_for_confirmation_first(wereld, login, drie):
    client = login(wereld.alice)
    bevestigen = client.get(url(wereld.opgave, f"{drie['A'].pk}/verwijderen/"))
    assert bevestigen.status_code == 200
    assert "Mijlpaal “A” verwijderen?" in bevestigen.content.decode()
    assert Mijlpaal.objects.filter(pk=drie["A"].pk).exists()
    response = client.post(url(wereld.opgave, f"{drie['A'].pk}/verwijderen/"))
    assert response.status_code == 302
    assert not Mijlpaal.objects.filter(pk=drie["A"].pk).exists()


def test_the_delete_button_asks_in_a_dialog_with_javascript(wereld, login, drie):
    html = (
        login(wereld.alice)
        .get(url(wereld.opgave, f"{drie['A'].pk}/bewerken/"), headers=HTMX)
        .content.decode()
    )
    assert 'hx-confirm="Mijlpaal “A” verwijderen?"' in html
    verwijderen = url(wereld.opgave, f"{drie['A'].pk}/verwijderen/")
    assert f'method="get" action="{verwijderen}"' in html


def test_a_mijlpaal_an_actie_works_towards_is_not_deleted_and_the_actie_is_named(
    wereld, login, drie
):
    ActieFactory(opgave=wereld.opgave, titel="Bibliotheek vragen", mijlpaal=drie["A"])
    gearchiveerd = ActieFactory(opgave=wereld.opgave, titel="Oude poging", mijlpaal=drie["A"])
    gearchiveerd.archiveer(door=wereld.alice)
    response = login(wereld.alice).post(
        url(wereld.opgave, f"{drie['A'].pk}/verwijderen/"), headers=HTMX
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert (
        "Mijlpaal “A” kan niet worden verwijderd: de acties “Bibliotheek vragen”, "
        "“Oude poging” (gearchiveerd) werken ernaartoe."
    ) in html
    assert Mijlpaal.objects.filter(pk=drie["A"].pk).exists()


def test_the_edit_form_and_the_confirmation_say_why_a_mijlpaal_in_use_cannot_go(
    wereld, login, drie
):
    ActieFactory(opgave=wereld.opgave, titel="Bibliotheek vragen", mijlpaal=drie["A"])
    client = login(wereld.alice)
    for pagina in ("bewerken/", "verwijderen/"):
        html = client.get(url(wereld.opgave, f"{drie['A'].pk}/{pagina}")).content.decode()
        assert "actie “Bibliotheek vragen” werkt ernaartoe" in html
        assert "Mijlpaal verwijderen" not in html and ">Verwijderen</button>" not in html


def test_without_javascript_a_refused_delete_shows_the_board_with_the_reason(wereld, login, drie):
    ActieFactory(opgave=wereld.opgave, titel="Bibliotheek vragen", mijlpaal=drie["A"])
    response = login(wereld.alice).post(url(wereld.opgave, f"{drie['A'].pk}/verwijderen/"))
    assert response.status_code == 409
    assert "<html" in response.content.decode()
    assert "werkt ernaartoe" in response.content.decode()


# Who may


def writes(opgave, mijlpaal) -> list[str]:
    return [
        url(opgave),
        url(opgave, f"{mijlpaal.pk}/bewerken/"),
        url(opgave, f"{mijlpaal.pk}/verplaatsen/"),
        url(opgave, f"{mijlpaal.pk}/verwijderen/"),
        url(opgave, f"{mijlpaal.pk}/afvinken/"),
    ]


def test_the_coordinator_gets_403_on_every_mijlpaal_write(wereld, login, drie):
    client = login(wereld.coordinator)
    adressen = writes(wereld.opgave, drie["A"])
    assert [client.post(a, {"titel": "x", "na": ""}).status_code for a in adressen] == [403] * 5
    assert client.get(url(wereld.opgave, f"{drie['A'].pk}/bewerken/")).status_code == 403
    assert titels(wereld.opgave) == ["A", "B", "C"]


def test_an_outsider_gets_404_on_every_mijlpaal_url(wereld, login, drie):
    client = login(wereld.charlie)
    adressen = writes(wereld.opgave, drie["A"])
    assert [client.post(a, {"titel": "x", "na": ""}).status_code for a in adressen] == [404] * 5
    assert client.get(url(wereld.opgave, f"{drie['A'].pk}/verwijderen/")).status_code == 404
    assert titels(wereld.opgave) == ["A", "B", "C"]


def test_a_mijlpaal_of_another_opgave_is_not_found(wereld, login):
    elders = MijlpaalFactory(opgave=wereld.andere_opgave)
    response = login(wereld.alice).post(url(wereld.opgave, f"{elders.pk}/verwijderen/"))
    assert response.status_code == 404
    assert Mijlpaal.objects.filter(pk=elders.pk).exists()


def test_a_guest_invited_to_work_on_the_opgave_runs_its_mijlpalen(wereld, login, drie):
    gast = UserFactory(username="gast")
    nodig_gast_uit(gast, wereld.opgave, mag_wijzigen=True)
    client = login(gast)
    assert client.post(url(wereld.opgave), {"titel": "D"}, headers=HTMX).status_code == 200
    client.post(url(wereld.opgave, f"{drie['C'].pk}/verplaatsen/"), {"na": ""}, headers=HTMX)
    assert titels(wereld.opgave) == ["C", "A", "B", "D"]


def test_a_guest_who_may_only_look_gets_403(wereld, login, drie):
    gast = UserFactory(username="gast")
    nodig_gast_uit(gast, wereld.opgave, mag_wijzigen=False)
    response = login(gast).post(url(wereld.opgave), {"titel": "D"}, headers=HTMX)
    assert response.status_code == 403


def test_read_only_viewers_see_no_mijlpaal_buttons(wereld, login, drie):
    html = login(wereld.coordinator).get(wereld.opgave.get_absolute_url()).content.decode()
    assert "Mijlpaal toevoegen" not in html
    assert "mijlpalen-verplaatsen" not in html


# Acties that work towards a mijlpaal


def test_an_actie_is_linked_to_one_of_its_opgaves_mijlpalen_and_its_card_says_so(
    wereld, login, drie
):
    client = login(wereld.alice)
    client.post(
        f"/opgaven/{wereld.opgave.pk}/acties/",
        {
            "titel": "Bibliotheek vragen",
            "kolom": "idee",
            "soort": "actie",
            "mijlpaal": drie["B"].pk,
        },
        headers=HTMX,
    )
    assert Actie.objects.get(titel="Bibliotheek vragen").mijlpaal == drie["B"]
    html = client.get(wereld.opgave.get_absolute_url()).content.decode()
    assert "Werkt toe naar: B" in html


def test_an_actie_cannot_work_towards_another_opgaves_mijlpaal(wereld, login):
    elders = MijlpaalFactory(opgave=wereld.andere_opgave)
    response = login(wereld.alice).post(
        f"/opgaven/{wereld.opgave.pk}/acties/",
        {"titel": "Overname", "kolom": "idee", "soort": "actie", "mijlpaal": elders.pk},
        headers=HTMX,
    )
    assert response.status_code == 422
    assert not Actie.objects.filter(titel="Overname").exists()


def test_renaming_the_mijlpaal_renames_it_on_the_cached_actie_card(wereld, login, drie):
    ActieFactory(opgave=wereld.opgave, titel="Bibliotheek vragen", mijlpaal=drie["B"])
    client = login(wereld.alice)
    assert "Werkt toe naar: B" in client.get(wereld.opgave.get_absolute_url()).content.decode()
    client.post(
        url(wereld.opgave, f"{drie['B'].pk}/bewerken/"),
        {"titel": "B herzien", "versie": drie["B"].version},
    )
    html = client.get(wereld.opgave.get_absolute_url()).content.decode()
    assert "Werkt toe naar: B herzien" in html


# Verlopen on the board


def test_a_mijlpaal_past_its_deadline_shows_verlopen_until_ticked_off(wereld, login, drie):
    gisteren = timezone.localdate() - datetime.timedelta(days=1)
    Mijlpaal.objects.filter(pk=drie["A"].pk).update(deadline=gisteren)
    client = login(wereld.alice)
    lijst = client.get(wereld.opgave.get_absolute_url()).content.decode()
    item = lijst[lijst.index(f'id="mijlpaal-{drie["A"].pk}"') :]
    item = item[: item.index("</li>")]
    assert "ob-status--verlopen" in item and "Verlopen" in item
    response = client.post(
        url(wereld.opgave, f"{drie['A'].pk}/afvinken/"), {"gereed": "on", "versie": 1}, headers=HTMX
    )
    assert "Verlopen" not in response.content.decode()


def test_an_actie_card_past_its_deadline_shows_verlopen(wereld, login):
    gisteren = timezone.localdate() - datetime.timedelta(days=1)
    Actie.objects.filter(titel="Formulierenbrigade").update(deadline=gisteren)
    Actie.objects.filter(titel="Spreekuur geldzaken").update(deadline=gisteren)  # in Klaar
    html = login(wereld.alice).get(wereld.opgave.get_absolute_url()).content.decode()
    assert html.count("ob-status--verlopen") == 1
    brigade = Actie.objects.get(titel="Formulierenbrigade")
    kaart = html[html.index(f'id="actie-{brigade.pk}"') :]
    assert "Verlopen" in kaart[: kaart.index("</li>")]
