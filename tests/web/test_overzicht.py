import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from gebieden.models import Niveau
from opgaven.models import Opgave
from tests.factories import (
    BelemmeringFactory,
    GebiedFactory,
    OpgaveFactory,
    OpgaveGebiedFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def cel(response, titel: str, code: str):
    tabel = response.context["overzicht"]
    opgave = next(o for o in tabel.opgaven if o.titel == titel)
    gebied = next(g for g in tabel.gebieden if g.code == code)
    return tabel.cellen[(opgave.pk, gebied.pk)]


def test_the_coordinator_sees_every_opgave_against_the_wijken(wereld, login):
    response = login(wereld.coordinator).get("/overzicht/")
    tabel = response.context["overzicht"]
    assert response.status_code == 200
    assert len(tabel.opgaven) == Opgave.objects.count()
    assert {g.code for g in tabel.gebieden} == {"FK", "TA"}


def test_a_cell_shows_the_most_worrying_local_status_and_the_open_belemmeringen(wereld, login):
    buurt = GebiedFactory(code="FK03", niveau=Niveau.BUURT, ouder=wereld.wijk)
    OpgaveGebiedFactory(opgave=wereld.opgave, gebied=buurt, lokale_status="loopt")
    response = login(wereld.coordinator).get("/overzicht/")
    armoede = cel(response, "Schuldhulp dichtbij", "FK")
    assert armoede.status_label == "Aandacht nodig"  # FK01 aandacht, FK03 loopt
    assert armoede.belemmeringen_open == 1
    html = response.content.decode()
    assert "Aandacht nodig" in html
    assert 'href="/gebieden/FK/"' in html


def test_filters_are_kept_in_the_url(wereld, login):
    response = login(wereld.coordinator).get("/overzicht/?thema=armoede")
    assert [o.titel for o in response.context["overzicht"].opgaven] == ["Schuldhulp dichtbij"]
    html = response.content.decode()
    assert (
        "?thema=armoede&amp;niveau=wijk&amp;rijen=opgaven&amp;maat=opgaven&amp;export=xlsx" in html
    )


def test_rolling_up_to_gebied_and_switching_rows_and_columns(wereld, login):
    client = login(wereld.coordinator)
    per_gebied = client.get("/overzicht/?niveau=gebied")
    assert [g.code for g in per_gebied.context["overzicht"].gebieden] == ["DX10"]
    gewisseld = client.get("/overzicht/?niveau=gebied&rijen=gebieden")
    assert [kop.code for kop, _cellen in gewisseld.context["rijen"]] == ["DX10"]
    assert len(gewisseld.context["kolommen"]) == 2  # the two opgaven in Osdorp


def test_an_outsider_sees_only_the_opgaven_of_their_own_team(wereld, login):
    response = login(wereld.charlie).get("/overzicht/")
    assert [o.titel for o in response.context["overzicht"].opgaven] == ["Werk dat past"]


def test_a_regieteam_member_sees_the_opgaven_of_their_gebied(wereld, login):
    response = login(wereld.bob).get("/overzicht/")
    assert {o.titel for o in response.context["overzicht"].opgaven} == {
        "Schuldhulp dichtbij",
        "Veilig opgroeien",
    }


def test_an_unknown_filter_value_falls_back_to_the_default_and_says_so(wereld, login):
    response = login(wereld.coordinator).get("/overzicht/?thema=onzin&niveau=provincie")
    assert response.status_code == 200
    assert "staan nu op de standaard: Thema, Per." in response.content.decode()
    assert len(response.context["overzicht"].opgaven) == 3  # every theme, per wijk


def test_the_excel_export_holds_the_same_numbers_as_the_page(wereld, login):
    client = login(wereld.coordinator)
    pagina = client.get("/overzicht/").context["overzicht"]
    response = client.get("/overzicht/?export=xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    blad = load_workbook(io.BytesIO(response.content)).active
    rijen = list(blad.iter_rows(values_only=True))
    assert rijen[0] == (
        "Opgave",
        "Team",
        "Gebied",
        "Code",
        "Status hier",
        "Voortgang (%)",
        "Open belemmeringen hier",
    )
    verwacht = {
        (c.opgave.titel, c.gebied.code): (c.status_label, c.opgave.voortgang, c.belemmeringen_open)
        for c in pagina.cellen.values()
    }
    assert {(r[0], r[3]): (r[4], r[5], r[6]) for r in rijen[1:]} == verwacht


def test_the_csv_export_uses_semicolons_and_dutch_headers(wereld, login):
    response = login(wereld.coordinator).get("/overzicht/?export=csv&thema=armoede")
    tekst = response.content.decode("utf-8-sig")
    rijen = list(csv.reader(io.StringIO(tekst), delimiter=";"))
    assert rijen[0][0] == "Opgave"
    assert {r[0] for r in rijen[1:]} == {"Schuldhulp dichtbij"}
    assert "attachment" in response["Content-Disposition"]


def test_the_overview_costs_the_same_queries_at_two_sizes(client):
    client.force_login(UserFactory(is_staff=True))
    stadsdeel = GebiedFactory(code="F", niveau=Niveau.STADSDEEL)

    def tel():
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/overzicht/?niveau=wijk")
        return len(queries), len(response.context["overzicht"].cellen)

    def voeg_toe(wijken: int, opgaven_per_wijk: int):
        for _ in range(wijken):
            wijk = GebiedFactory(niveau=Niveau.WIJK, ouder=stadsdeel)
            buurt = GebiedFactory(niveau=Niveau.BUURT, ouder=wijk)
            for opgave in OpgaveFactory.create_batch(opgaven_per_wijk):
                OpgaveGebiedFactory(opgave=opgave, gebied=buurt)
                BelemmeringFactory(opgaven=[opgave], gebied=buurt)

    voeg_toe(1, 1)
    klein, cellen = tel()
    assert cellen == 1
    voeg_toe(8, 5)
    groot, cellen = tel()
    assert cellen == 41
    assert groot == klein


def test_the_map_shades_each_area_and_writes_its_number(wereld, login):
    response = login(wereld.coordinator).get("/overzicht/?niveau=buurt&maat=opgaven")
    html = response.content.decode()
    kaart = response.context["kaart"]
    wildeman = next(v for v in kaart.vlakken if v.gebied.code == "FK01")
    assert wildeman.waarde == 2
    assert wildeman.stap == 4  # the highest value gets the darkest shade
    assert "<title>Wildeman: 2</title>" in html
    assert 'href="/gebieden/FK01/"' in html


def test_the_map_can_show_open_belemmeringen(wereld, login):
    response = login(wereld.coordinator).get("/overzicht/?niveau=wijk&maat=belemmeringen")
    waarden = {v.gebied.code: v.waarde for v in response.context["kaart"].vlakken}
    assert waarden["FK"] == sum(
        cel.belemmeringen_open
        for cel in response.context["overzicht"].cellen.values()
        if cel.gebied.code == "FK"
    )
    assert "Kaart: open belemmeringen" in response.content.decode()


def test_without_outlines_there_is_no_map(client):
    client.force_login(UserFactory(is_staff=True))
    OpgaveGebiedFactory(gebied=GebiedFactory(niveau=Niveau.WIJK))
    response = client.get("/overzicht/")
    assert response.context["kaart"] is None
    assert "ob-kaart" not in response.content.decode()
