"""Where an opgave lands, on its board (web/landingen.py, opgaven/landingen.py): adding a
gebied, removing one (never the last), and editing the local urgency, status and note there.

In the small world alice's opgave lands in Wildeman (buurt FK01, in bob's wijk Osdorp-Midden)."""

import pytest

from gebieden.models import Niveau
from opgaven.activiteit import activiteit
from opgaven.bordversie import stand_van_opgavebord, stand_van_regiebord
from opgaven.landingen import AlGeland, voeg_landing_toe
from opgaven.models import LokaleStatus, OpgaveGebied, Urgentie
from rechten.opgaven import nodig_gast_uit, zichtbaar_op_regiebord
from tests.factories import GebiedFactory, OpgaveGebiedFactory, UserFactory

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.fixture
def reimerswaal(wereld):
    """A second buurt in bob's wijk."""
    return GebiedFactory(
        code="FK02", naam="Reimerswaalbuurt", niveau=Niveau.BUURT, ouder=wereld.wijk
    )


@pytest.fixture
def gast(wereld):
    """A partner invited to work on alice's opgave."""
    gast = UserFactory(username="gast")
    nodig_gast_uit(gast, wereld.opgave, mag_wijzigen=True)
    return gast


def voeg_toe(client, opgave, gebied, urgentie="hoog", **kwargs):
    return client.post(
        f"/opgaven/{opgave.pk}/gebieden/", {"gebied": gebied.pk, "urgentie": urgentie}, **kwargs
    )


def verwijder(client, landing, **kwargs):
    return client.post(f"/opgaven/{landing.opgave_id}/gebieden/{landing.pk}/verwijderen/", **kwargs)


def bewerk_url(landing) -> str:
    return f"/opgaven/{landing.opgave_id}/gebieden/{landing.pk}/bewerken/"


def gebieden_van(opgave) -> list[str]:
    return list(opgave.opgave_gebieden.values_list("gebied__code", flat=True))


# Adding a gebied


def test_a_member_adds_a_gebied_with_its_local_urgency(client, wereld, reimerswaal):
    client.force_login(wereld.alice)
    response = voeg_toe(client, wereld.opgave, reimerswaal, urgentie="laag", headers=HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section class="ob-section" id="landingen"')
    assert "“Schuldhulp dichtbij” landt nu ook in Reimerswaalbuurt." in html
    assert "Reimerswaalbuurt" in html.split("<tbody")[1]
    landing = wereld.opgave.opgave_gebieden.get(gebied=reimerswaal)
    assert landing.urgentie == Urgentie.LAAG
    assert landing.history.get().history_user == wereld.alice


def test_without_javascript_adding_redirects_back_to_the_board(client, wereld, reimerswaal):
    client.force_login(wereld.alice)
    response = voeg_toe(client, wereld.opgave, reimerswaal)
    assert response.status_code == 302
    assert response["Location"] == wereld.opgave.get_absolute_url()
    bord = client.get(response["Location"]).content.decode()
    assert "landt nu ook in Reimerswaalbuurt." in bord.split('id="landingen"')[1]


def test_a_gebied_it_lands_in_already_answers_422_with_a_message(client, wereld):
    client.force_login(wereld.alice)
    response = voeg_toe(client, wereld.opgave, wereld.buurt, headers=HTMX)
    assert response.status_code == 422
    assert "een gebied waar deze opgave nog niet landt" in response.content.decode()
    assert gebieden_van(wereld.opgave) == ["FK01"]


def test_two_people_adding_the_same_gebied_at_once_get_one_landing(wereld, reimerswaal):
    voeg_landing_toe(opgave=wereld.opgave, gebied=reimerswaal, urgentie="hoog", door=None)
    with pytest.raises(AlGeland):
        voeg_landing_toe(opgave=wereld.opgave, gebied=reimerswaal, urgentie="laag", door=None)
    assert gebieden_van(wereld.opgave) == ["FK01", "FK02"]


def test_bad_input_answers_422_and_the_whole_board_without_javascript(client, wereld):
    client.force_login(wereld.alice)
    response = client.post(f"/opgaven/{wereld.opgave.pk}/gebieden/", {"gebied": "x"})
    assert response.status_code == 422
    html = response.content.decode()
    assert "<html" in html
    assert 'id="landing_gebied"' in html  # the form is back on the board, with its error
    assert "Kies een gebied uit de lijst" in html
    assert gebieden_van(wereld.opgave) == ["FK01"]


def test_a_regieteam_member_adds_only_inside_its_own_gebied(client, wereld, reimerswaal):
    client.force_login(wereld.bob)
    assert voeg_toe(client, wereld.opgave, reimerswaal).status_code == 302
    assert voeg_toe(client, wereld.opgave, wereld.elders).status_code == 422
    assert gebieden_van(wereld.opgave) == ["FK01", "FK02"]


def test_functioneel_beheer_adds_anywhere(client, wereld):
    client.force_login(wereld.beheerder)
    assert voeg_toe(client, wereld.opgave, wereld.elders).status_code == 302
    assert gebieden_van(wereld.opgave) == ["FK01", "TA01"]


@pytest.mark.parametrize(("wie", "status"), [("gast", 403), ("coordinator", 403), ("charlie", 404)])
def test_who_may_not_add(client, wereld, gast, reimerswaal, wie, status):
    client.force_login(gast if wie == "gast" else getattr(wereld, wie))
    assert voeg_toe(client, wereld.opgave, reimerswaal).status_code == status
    assert gebieden_van(wereld.opgave) == ["FK01"]


def test_nothing_lands_anew_for_an_archived_opgave(client, wereld, reimerswaal):
    wereld.opgave.archiveer(door=wereld.trekker)
    client.force_login(wereld.alice)
    assert voeg_toe(client, wereld.opgave, reimerswaal).status_code == 403
    sectie = client.get(wereld.opgave.get_absolute_url()).content.decode()
    sectie = sectie.split('id="landingen"')[1].split("</section>")[0]
    assert "Gebied toevoegen" not in sectie
    assert "Bewerken" not in sectie


def test_readers_see_where_it_lands_without_the_buttons(client, wereld, reimerswaal):
    OpgaveGebiedFactory(opgave=wereld.opgave, gebied=reimerswaal)
    client.force_login(wereld.coordinator)
    html = client.get(wereld.opgave.get_absolute_url()).content.decode()
    sectie = html.split('id="landingen"')[1].split("</section>")[0]
    assert "Reimerswaalbuurt" in sectie
    assert "Gebied toevoegen" not in sectie
    assert "Verwijderen" not in sectie
    assert "Bewerken" not in sectie


# Removing a gebied


def test_a_member_removes_a_gebied_and_the_history_keeps_it(client, wereld, reimerswaal):
    landing = OpgaveGebiedFactory(opgave=wereld.opgave, gebied=reimerswaal)
    client.force_login(wereld.alice)
    response = verwijder(client, landing, headers=HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section class="ob-section" id="landingen"')
    assert "“Schuldhulp dichtbij” landt niet meer in Reimerswaalbuurt." in html
    assert gebieden_van(wereld.opgave) == ["FK01"]
    laatste = OpgaveGebied.history.filter(id=landing.pk).latest("history_date")
    assert (laatste.history_type, laatste.history_user) == ("-", wereld.alice)
    gebeurtenis = activiteit(wereld.opgave)[0]
    assert (gebeurtenis.wie, gebeurtenis.wat, gebeurtenis.onderwerp) == (
        "Alice Bakker",
        "verwijderde",
        "de situatie in Reimerswaalbuurt",
    )


def test_the_last_gebied_is_not_removed_and_the_message_says_why(client, wereld):
    client.force_login(wereld.alice)
    response = verwijder(client, wereld.landing, headers=HTMX)
    assert response.status_code == 409
    assert "een opgave landt altijd ergens" in response.content.decode()
    assert gebieden_van(wereld.opgave) == ["FK01"]


def test_the_last_gebied_has_no_remove_button_but_a_hint(client, wereld):
    client.force_login(wereld.alice)
    sectie = (
        client.get(wereld.opgave.get_absolute_url()).content.decode().split('id="landingen"')[1]
    )
    assert "/verwijderen/" not in sectie.split("</section>")[0]
    assert "Een opgave landt altijd ergens" in sectie


def test_the_remove_button_asks_first_in_a_dialog_with_htmx_and_on_a_page_without(
    client, wereld, reimerswaal
):
    landing = OpgaveGebiedFactory(opgave=wereld.opgave, gebied=reimerswaal)
    url = f"/opgaven/{wereld.opgave.pk}/gebieden/{landing.pk}/verwijderen/"
    client.force_login(wereld.alice)
    bord = client.get(wereld.opgave.get_absolute_url()).content.decode()
    assert f'<form method="get" action="{url}" hx-post="{url}"' in bord
    assert "Deze opgave niet meer laten landen in Reimerswaalbuurt?" in bord  # hx-confirm
    bevestiging = client.get(url)
    assert bevestiging.status_code == 200
    assert f'<form method="post" action="{url}">' in bevestiging.content.decode()
    assert gebieden_van(wereld.opgave) == ["FK01", "FK02"]
    response = verwijder(client, landing)
    assert response.status_code == 302
    assert gebieden_van(wereld.opgave) == ["FK01"]


def test_the_confirmation_page_of_the_last_gebied_says_why_not(client, wereld):
    client.force_login(wereld.alice)
    html = client.get(
        f"/opgaven/{wereld.opgave.pk}/gebieden/{wereld.landing.pk}/verwijderen/"
    ).content.decode()
    assert "Een opgave landt altijd ergens" in html
    assert 'method="post"' not in html.split("<main")[1]


def test_a_regieteam_member_removes_only_inside_its_own_gebied(client, wereld, reimerswaal):
    OpgaveGebiedFactory(opgave=wereld.opgave, gebied=reimerswaal)
    elders = OpgaveGebiedFactory(opgave=wereld.opgave, gebied=wereld.elders)
    client.force_login(wereld.bob)
    assert verwijder(client, elders).status_code == 403
    assert verwijder(client, wereld.landing).status_code == 302
    assert gebieden_van(wereld.opgave) == ["FK02", "TA01"]


@pytest.mark.parametrize(("wie", "status"), [("gast", 403), ("coordinator", 403), ("charlie", 404)])
def test_who_may_not_remove(client, wereld, gast, reimerswaal, wie, status):
    landing = OpgaveGebiedFactory(opgave=wereld.opgave, gebied=reimerswaal)
    client.force_login(gast if wie == "gast" else getattr(wereld, wie))
    assert verwijder(client, landing).status_code == status
    assert gebieden_van(wereld.opgave) == ["FK01", "FK02"]


def test_a_landing_of_another_opgave_is_not_found(client, wereld):
    client.force_login(wereld.alice)
    andere = wereld.andere_opgave.opgave_gebieden.get()
    response = client.post(f"/opgaven/{wereld.opgave.pk}/gebieden/{andere.pk}/verwijderen/")
    assert response.status_code == 404


# The boards that show it


def test_the_opgave_board_and_the_regieteam_board_pick_up_a_new_and_a_removed_landing(
    client, wereld, reimerswaal
):
    """The opgave of charlie's team lands in Zuidoost; landing in bob's wijk puts it on bob's
    regieteam board, leaving takes it off: both boards' stands change."""
    opgave = wereld.opgave_elders

    def standen():
        opgave.refresh_from_db()
        zichtbaar = zichtbaar_op_regiebord(wereld.bob, wereld.regieteam)
        return stand_van_opgavebord(opgave), stand_van_regiebord(wereld.regieteam, zichtbaar)

    client.force_login(wereld.charlie)
    voor = standen()
    voeg_toe(client, opgave, reimerswaal)
    na_toevoegen = standen()
    assert na_toevoegen[0] != voor[0] and na_toevoegen[1] != voor[1]
    assert opgave in zichtbaar_op_regiebord(wereld.bob, wereld.regieteam)
    verwijder(client, opgave.opgave_gebieden.get(gebied=reimerswaal))
    na_verwijderen = standen()
    assert na_verwijderen[0] != na_toevoegen[0] and na_verwijderen[1] != na_toevoegen[1]
    assert opgave not in zichtbaar_op_regiebord(wereld.bob, wereld.regieteam)


# Editing the local urgency, status and note


def test_the_edit_form_opens_in_the_row_for_htmx(client, wereld):
    client.force_login(wereld.alice)
    response = client.get(bewerk_url(wereld.landing), headers=HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith(
        f'<tr class="utrecht-table__row" id="landing-{wereld.landing.pk}"'
    )
    assert f'hx-post="{bewerk_url(wereld.landing)}"' in html
    assert 'colspan="5"' in html


def test_saving_the_local_fields_answers_with_the_section_and_records_who(client, wereld):
    client.force_login(wereld.alice)
    response = client.post(
        bewerk_url(wereld.landing),
        {
            "lokale_status": "loopt",
            "urgentie": "midden",
            "notitie": "Spreekuur draait.",
            "versie": wereld.landing.version,
        },
        headers=HTMX,
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert response["HX-Retarget"] == "#landingen"
    assert html.lstrip().startswith('<section class="ob-section" id="landingen"')
    assert f'id="landing-{wereld.landing.pk}" data-autofocus' in html
    wereld.landing.refresh_from_db()
    assert (wereld.landing.lokale_status, wereld.landing.notitie) == (
        LokaleStatus.LOOPT,
        "Spreekuur draait.",
    )
    assert wereld.landing.history.latest("history_date").history_user == wereld.alice


def test_without_javascript_saving_redirects_to_the_board(client, wereld):
    client.force_login(wereld.bob)
    response = client.post(
        bewerk_url(wereld.landing),
        {"lokale_status": "afgerond", "urgentie": "laag", "versie": wereld.landing.version},
    )
    assert response.status_code == 302
    assert response["Location"] == wereld.opgave.get_absolute_url()


def test_bad_input_answers_422_in_the_row(client, wereld):
    client.force_login(wereld.alice)
    response = client.post(
        bewerk_url(wereld.landing),
        {"lokale_status": "onzin", "urgentie": "hoog", "versie": wereld.landing.version},
        headers=HTMX,
    )
    assert response.status_code == 422
    assert response.content.decode().lstrip().startswith('<tr class="utrecht-table__row"')


def test_a_save_on_top_of_someone_elses_change_answers_409(client, wereld):
    geladen = wereld.landing.version
    anders = OpgaveGebied.objects.get(pk=wereld.landing.pk)
    anders.notitie = "Door bob bijgewerkt."
    anders.save()
    client.force_login(wereld.alice)
    response = client.post(
        bewerk_url(wereld.landing),
        {"lokale_status": "loopt", "urgentie": "hoog", "notitie": "Van alice", "versie": geladen},
        headers=HTMX,
    )
    html = response.content.decode()
    assert response.status_code == 409
    assert "Door bob bijgewerkt." in html
    assert "Van alice" in html
    wereld.landing.refresh_from_db()
    assert wereld.landing.notitie == "Door bob bijgewerkt."


@pytest.mark.parametrize(
    ("wie", "status"),
    [
        ("alice", 200),
        ("gast", 200),  # a guest who may change the board edits the local side (lokaal_bewerkbaar)
        ("bob", 200),
        ("coordinator", 403),
        ("beheerder", 403),
        ("charlie", 404),
    ],
)
def test_who_may_edit_the_local_fields(client, wereld, gast, wie, status):
    client.force_login(gast if wie == "gast" else getattr(wereld, wie))
    assert client.get(bewerk_url(wereld.landing)).status_code == status


def test_the_wijk_board_still_edits_with_the_same_form(client, wereld):
    client.force_login(wereld.alice)
    url = f"/gebieden/FK01/opgaven/{wereld.landing.pk}/bewerken/"
    html = client.get(url, headers=HTMX).content.decode()
    assert f'hx-post="{url}"' in html
    assert 'colspan="7"' in html
    assert 'href="/gebieden/FK01/"' in html


def test_the_board_offers_the_add_form_on_request_not_its_long_choice(wereld, login):
    client = login(wereld.alice)
    bord = client.get(f"/opgaven/{wereld.opgave.pk}/").content.decode()
    assert f'href="/opgaven/{wereld.opgave.pk}/gebieden/"' in bord
    assert 'id="landing_gebied"' not in bord
    in_plaats = client.get(f"/opgaven/{wereld.opgave.pk}/gebieden/", headers={"HX-Request": "true"})
    assert in_plaats.status_code == 200
    assert 'id="landing_gebied"' in in_plaats.content.decode()
    assert "<html" not in in_plaats.content.decode()
    pagina = client.get(f"/opgaven/{wereld.opgave.pk}/gebieden/")
    assert "<html" in pagina.content.decode()
    assert wereld.elders.naam in pagina.content.decode()
