"""A write that sends back one part of a page builds only that part (web/opgavebord.py,
web/teams.py and web/regiebord.py): its queries do not grow with what the rest of the page
shows. Each test counts the whole request, the write included; building the whole board or
page instead cost one to eight more (the regieteam board's cards are most of its cost)."""

import pytest

from opgaven.models import Kolom
from tests.factories import (
    ActieFactory,
    BelemmeringFactory,
    GebiedFactory,
    KansFactory,
    LidmaatschapFactory,
    MijlpaalFactory,
    OpgaveFactory,
    OpgaveGebiedFactory,
    UserFactory,
    VoortgangsupdateFactory,
    WaardencheckFactory,
)

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.fixture
def opgave():
    """A board with something in every part."""
    opgave = OpgaveFactory(titel="Schuldhulp dichtbij")
    for positie, kolom in enumerate([Kolom.TE_DOEN, Kolom.TE_DOEN, Kolom.BEZIG]):
        ActieFactory(opgave=opgave, kolom=kolom, positie=positie)
    MijlpaalFactory(opgave=opgave)
    VoortgangsupdateFactory(opgave=opgave)
    BelemmeringFactory().opgaven.add(opgave)
    KansFactory(opgave=opgave)
    OpgaveGebiedFactory(opgave=opgave)
    WaardencheckFactory(team=opgave.team)
    return opgave


@pytest.fixture
def trekker(client, opgave):
    trekker = LidmaatschapFactory(team=opgave.team, rol="trekker").user
    client.force_login(trekker)
    return trekker


def test_ticking_off_a_mijlpaal_builds_only_the_mijlpalen(
    client, opgave, trekker, django_assert_max_num_queries
):
    mijlpaal = opgave.mijlpalen.get()
    with django_assert_max_num_queries(17):  # the part's form to add one lists the team
        response = client.post(
            f"/opgaven/{opgave.pk}/mijlpalen/{mijlpaal.pk}/afvinken/",
            {"gereed": "on", "versie": mijlpaal.version},
            headers=HTMX,
        )
    assert response.status_code == 200
    assert (
        response.content.decode().lstrip().startswith('<section class="ob-section" id="mijlpalen"')
    )


def test_adding_a_voortgang_builds_only_the_voortgang(
    client, opgave, trekker, django_assert_max_num_queries
):
    with django_assert_max_num_queries(15):
        response = client.post(
            f"/opgaven/{opgave.pk}/voortgang/",
            {"status": "aandacht", "datum": "2026-11-20", "tekst": "Minder bezoekers."},
            headers=HTMX,
        )
    assert response.status_code == 200
    assert "Minder bezoekers." in response.content.decode()


def test_moving_a_card_builds_only_the_kanban(
    client, opgave, trekker, django_assert_max_num_queries
):
    kaart = opgave.acties.filter(kolom=Kolom.TE_DOEN).first()
    with django_assert_max_num_queries(22):  # the form to add one offers the mijlpalen
        response = client.post(
            f"/opgaven/{opgave.pk}/acties/{kaart.pk}/verplaatsen/",
            {"kolom": "bezig"},
            headers=HTMX,
        )
    assert response.status_code == 200
    assert response.content.decode().lstrip().startswith('<section class="ob-section" id="acties"')


def test_adding_a_member_builds_only_the_members(
    client, opgave, trekker, django_assert_max_num_queries
):
    nieuw = UserFactory()
    with django_assert_max_num_queries(25):
        response = client.post(
            f"/teams/{opgave.team.slug}/leden/",
            {"user": nieuw.pk, "rol": "lid", "organisatie": "GGD"},
            headers=HTMX,
        )
    assert response.status_code == 200
    assert response.content.decode().lstrip().startswith('<section class="ob-section" id="leden"')


def _melding(wereld):
    from opgaven.models import Melding

    return Melding.objects.create(
        soort="belemmering",
        titel="Buurthuis dicht op zaterdag",
        beschrijving="Jongeren kunnen nergens heen.",
        gebied=wereld.buurt,
        ingediend_door=wereld.alice,
    )


def test_triaging_a_melding_builds_only_the_meldingen_not_the_cards(
    wereld, client, django_assert_max_num_queries
):
    """16 queries; building the whole regieteam board for it cost 18."""
    melding = _melding(wereld)
    client.force_login(wereld.bob)
    gegevens = {f"m{melding.pk}-versie": melding.version, f"m{melding.pk}-besluit": "afwijzen"}
    gegevens[f"m{melding.pk}-reden"] = "Dat regelt het stadsdeel al."
    with django_assert_max_num_queries(16):
        response = client.post(
            f"/teams/{wereld.regieteam.slug}/meldingen/{melding.pk}/", gegevens, headers=HTMX
        )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Meldingen om te bespreken" in html
    assert wereld.opgave.titel not in html  # no card of the board was built


def test_moving_a_card_on_the_regieteam_board_builds_only_the_cards(
    wereld, client, django_assert_max_num_queries
):
    """22 queries; the whole board (triage list and peilmomenten too) cost 23."""
    _melding(wereld)
    client.force_login(wereld.bob)
    with django_assert_max_num_queries(22):
        response = client.post(
            f"/teams/{wereld.regieteam.slug}/bord/verplaats/",
            {"opgave": wereld.andere_opgave.pk, "na": ""},
            headers=HTMX,
        )
    html = response.content.decode()
    assert response.status_code == 200
    assert wereld.andere_opgave.titel in html
    assert "Buurthuis dicht op zaterdag" not in html  # the triage list was not built


def test_saving_the_opgave_in_place_builds_only_its_part_and_header(
    client, opgave, trekker, django_assert_max_num_queries
):
    with django_assert_max_num_queries(26):
        response = client.post(
            f"/opgaven/{opgave.pk}/bewerken/",
            {
                "titel": "Schuldhulp om de hoek",
                "thema": opgave.thema_id,
                "aanvliegroute": opgave.aanvliegroute,
                "status": opgave.status,
                "versie": opgave.version,
            },
            headers=HTMX,
        )
    assert response.status_code == 200
    assert response.content.decode().lstrip().startswith('<section class="ob-section" id="over"')


def test_archiving_a_card_builds_only_the_kanban(
    client, opgave, trekker, django_assert_max_num_queries
):
    kaart = opgave.acties.filter(kolom=Kolom.TE_DOEN).first()
    with django_assert_max_num_queries(22):
        response = client.post(f"/opgaven/{opgave.pk}/acties/{kaart.pk}/archiveren/", headers=HTMX)
    assert response.status_code == 200
    assert response.content.decode().lstrip().startswith('<section class="ob-section" id="acties"')


def test_adding_a_gebied_builds_only_where_the_opgave_lands(
    client, opgave, trekker, django_assert_max_num_queries
):
    gebied = GebiedFactory()
    with django_assert_max_num_queries(24):
        response = client.post(
            f"/opgaven/{opgave.pk}/gebieden/",
            {"gebied": gebied.pk, "urgentie": "hoog"},
            headers=HTMX,
        )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section class="ob-section" id="landingen"')
    assert gebied.naam in html
