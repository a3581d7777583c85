"""The overview's map: drawn from the stored WGS84 outlines, whatever system the file came in,
and never broken by an area whose outline is empty or broken."""

import io
import json
import re

import pytest
from django.core.management import call_command

from gebieden.kaart import teken_kaart
from gebieden.models import Gebied, Niveau
from tests.factories import GebiedFactory, OpgaveGebiedFactory, UserFactory

pytestmark = pytest.mark.django_db

VIERKANT = [[4.79, 52.35], [4.80, 52.35], [4.80, 52.36], [4.79, 52.36], [4.79, 52.35]]


def rd_vierkant(x: int, y: int, zijde: int) -> list[list[int]]:
    return [[x, y], [x + zijde, y], [x + zijde, y + zijde], [x, y + zijde], [x, y]]


def importeer_rd(tmp_path) -> None:
    """A stadsdeel and a wijk of 500 by 500 metres at Amersfoort (RD 155000, 463000), as CBS
    publishes them: in RD New, declared in the file's crs member."""
    features = [
        {
            "type": "Feature",
            "properties": {"code": code, "naam": naam, "niveau": niveau, "ouder_code": ouder},
            "geometry": {"type": "Polygon", "coordinates": [rd_vierkant(155000, 463000, zijde)]},
        }
        for code, naam, niveau, ouder, zijde in [
            ("AM", "Amersfoort", "stadsdeel", "", 1000),
            ("AM01", "Binnenstad", "wijk", "AM", 500),
        ]
    ]
    bestand = tmp_path / "amersfoort.geojson"
    crs = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}}
    bestand.write_text(json.dumps({"type": "FeatureCollection", "crs": crs, "features": features}))
    call_command("importeer_gebieden", str(bestand), stdout=io.StringIO())


@pytest.fixture
def coordinator(client):
    client.force_login(UserFactory(is_staff=True))
    return client


def test_an_area_imported_in_rd_new_is_drawn_on_the_overview_map(tmp_path, coordinator):
    importeer_rd(tmp_path)
    OpgaveGebiedFactory(gebied=Gebied.objects.get(code="AM01"))
    response = coordinator.get("/overzicht/?niveau=wijk")
    kaart = response.context["kaart"]
    assert [vlak.gebied.code for vlak in kaart.vlakken] == ["AM01"]
    assert "<title>Binnenstad: 1</title>" in response.content.decode()
    # A square in RD New stays a square on the map: the conversion and projection agree.
    assert kaart.hoogte == pytest.approx(600, rel=0.01)
    hoeken = re.findall(r"([\d.]+),([\d.]+)", kaart.vlakken[0].pad)
    assert len(hoeken) == 5
    assert {round(float(x)) for x, _y in hoeken} == {0, 600}


def test_an_rd_new_outline_lands_where_amersfoort_is(tmp_path):
    importeer_rd(tmp_path)
    lengte, breedte = Gebied.objects.get(code="AM").omtrek["coordinates"][0][0]
    assert (round(breedte, 3), round(lengte, 3)) == (52.155, 5.387)


BROKEN = [
    pytest.param({"type": "Polygon", "coordinates": []}, id="empty-polygon"),
    pytest.param({"type": "Polygon", "coordinates": [[]]}, id="empty-ring"),
    pytest.param({"type": "MultiPolygon", "coordinates": [[]]}, id="empty-multipolygon"),
    pytest.param({"type": "Polygon"}, id="no-coordinates"),
    pytest.param({"type": "Point", "coordinates": [4.8, 52.3]}, id="point"),
    pytest.param({}, id="empty-object"),
    pytest.param([], id="a-list"),
    pytest.param("POLYGON((4 52, 5 52, 5 53, 4 52))", id="a-string"),
    pytest.param({"type": "Polygon", "coordinates": [VIERKANT[:4]]}, id="unclosed"),
    pytest.param({"type": "Polygon", "coordinates": [[VIERKANT[0]] * 4]}, id="on-one-point"),
    pytest.param({"type": "Polygon", "coordinates": [[[4.8, "52"], *VIERKANT[1:]]]}, id="text"),
    pytest.param(
        {"type": "Polygon", "coordinates": [rd_vierkant(155000, 463000, 100)]},
        id="rd-coordinates-stored-as-they-were",
    ),
]


@pytest.mark.parametrize("omtrek", BROKEN)
def test_an_area_with_a_broken_outline_is_left_off_the_map(omtrek):
    goed = GebiedFactory(omtrek={"type": "Polygon", "coordinates": [VIERKANT]})
    kapot = GebiedFactory(omtrek=omtrek)
    kaart = teken_kaart([goed, kapot], {goed.pk: 2, kapot.pk: 3})
    assert [vlak.gebied for vlak in kaart.vlakken] == [goed]
    assert kaart.hoogte == pytest.approx(600 / 0.6108, rel=0.01)  # 0.01 by 0.01 degree at 52.35 N


@pytest.mark.parametrize("omtrek", BROKEN)
def test_with_only_broken_outlines_there_is_no_map(omtrek):
    assert teken_kaart([GebiedFactory(omtrek=omtrek)], {}) is None


def test_an_empty_outline_no_longer_breaks_the_overview(coordinator):
    wijk = GebiedFactory(niveau=Niveau.WIJK, omtrek={"type": "Polygon", "coordinates": []})
    buur = GebiedFactory(niveau=Niveau.WIJK, omtrek={"type": "Polygon", "coordinates": [VIERKANT]})
    OpgaveGebiedFactory(gebied=wijk)
    response = coordinator.get("/overzicht/?niveau=wijk")
    assert response.status_code == 200
    assert [vlak.gebied for vlak in response.context["kaart"].vlakken] == [buur]


def test_a_multipolygon_is_drawn_as_one_area_with_a_path_per_ring():
    verschoven = [[x + 0.02, y] for x, y in VIERKANT]
    gebied = GebiedFactory(
        omtrek={"type": "MultiPolygon", "coordinates": [[VIERKANT], [verschoven]]}
    )
    kaart = teken_kaart([gebied], {gebied.pk: 1})
    assert len(kaart.vlakken) == 1
    assert kaart.vlakken[0].pad.count("M") == 2
