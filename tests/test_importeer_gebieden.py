import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from gebieden.models import Gebied

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data"


def importeer(naam: str) -> str:
    uitvoer = io.StringIO()
    call_command("importeer_gebieden", str(DATA / naam), stdout=uitvoer)
    return uitvoer.getvalue()


def stand() -> list[tuple]:
    return list(
        Gebied.objects.order_by("code").values_list(
            "code",
            "naam",
            "niveau",
            "ouder__code",
            "cbs_code",
            "pad",
            "aliassen",
            "eind_geldigheid",
        )
    )


def test_a_cbs_shaped_geojson_builds_the_tree():
    uitvoer = importeer("osdorp.geojson")
    wildeman = Gebied.objects.get(code="FK01")
    assert wildeman.pad == "/F/FK/FK01/"
    assert wildeman.cbs_code == "BU0363FK01"
    assert wildeman.niveau == "buurt"
    assert wildeman.aliassen == ["Blomwijckerbuurt"]
    assert wildeman.omtrek["type"] == "Polygon"
    assert Gebied.objects.get(code="FK").niveau == "wijk"
    assert "5 aangemaakt" in uitvoer
    assert "5 van 5 gebieden verwerkt" in uitvoer


def test_an_old_buurt_keeps_its_end_of_validity():
    importeer("osdorp.geojson")
    oud = Gebied.objects.get(code="F84a")
    assert str(oud.eind_geldigheid) == "2022-03-23"
    assert "F84a" not in set(Gebied.objects.geldig().values_list("code", flat=True))


def test_importing_the_same_file_again_changes_nothing():
    importeer("osdorp.geojson")
    voor = stand()
    geschiedenis = Gebied.history.count()
    uitvoer = importeer("osdorp.geojson")
    assert stand() == voor
    assert Gebied.history.count() == geschiedenis
    assert "0 aangemaakt, 0 bijgewerkt, 5 ongewijzigd" in uitvoer


def test_a_csv_with_semicolons_builds_and_updates_the_tree():
    importeer("osdorp.geojson")
    uitvoer = importeer("osdorp.csv")
    assert "1 aangemaakt" in uitvoer
    assert Gebied.objects.get(code="FK03").pad == "/F/FK/FK03/"
    assert Gebied.objects.count() == 6


def test_a_file_with_broken_rows_changes_nothing_and_names_each_row():
    importeer("osdorp.csv")
    voor = stand()
    with pytest.raises(CommandError) as fout:
        importeer("osdorp_fout.csv")
    melding = str(fout.value)
    assert "Er is niets geïmporteerd" in melding
    assert "regel 5 (FK02): de naam ontbreekt." in melding
    assert "regel 6 (FK03): het bovenliggende gebied “XX” bestaat niet." in melding
    assert stand() == voor


def test_a_buurt_cannot_hold_a_wijk(tmp_path):
    bestand = tmp_path / "fout.csv"
    bestand.write_text("code,naam,niveau,ouder_code\nA,A,buurt,\nB,B,wijk,A\n", encoding="utf-8")
    with pytest.raises(CommandError) as fout:
        call_command("importeer_gebieden", str(bestand), stdout=io.StringIO())
    assert "een buurt moet in een groter gebied liggen" in str(fout.value)
    assert "een wijk kan niet in een buurt liggen" in str(fout.value)
    assert not Gebied.objects.exists()


@pytest.mark.parametrize(
    ("inhoud", "verwacht"),
    [
        ("niet eens json", "geen leesbare GeoJSON"),
        ('{"type": "Feature"}', "geen GeoJSON FeatureCollection"),
    ],
)
def test_a_file_that_is_no_geojson_is_refused_clearly(tmp_path, inhoud, verwacht):
    bestand = tmp_path / "kapot.geojson"
    bestand.write_text(inhoud, encoding="utf-8")
    with pytest.raises(CommandError, match=verwacht):
        call_command("importeer_gebieden", str(bestand), stdout=io.StringIO())


def test_a_missing_file_is_refused_clearly():
    with pytest.raises(CommandError, match="Bestand niet gevonden"):
        call_command("importeer_gebieden", "/bestaat/niet.csv", stdout=io.StringIO())


def test_a_cbs_code_already_used_by_another_area_is_refused(tmp_path):
    importeer("osdorp.csv")
    bestand = tmp_path / "dubbel.csv"
    bestand.write_text(
        "code,naam,niveau,ouder_code,cbs_code\nFK09,Nieuw,buurt,FK,BU0363FK01\n", encoding="utf-8"
    )
    with pytest.raises(CommandError, match="CBS-code BU0363FK01 hoort al bij FK01"):
        call_command("importeer_gebieden", str(bestand), stdout=io.StringIO())
