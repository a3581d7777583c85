import io
import json
import threading
import time
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from gebieden.importeren import ImportAchterhaald, lees
from gebieden.importeren import importeer as importeer_rijen
from gebieden.management.commands import importeer_gebieden as importeer_command
from gebieden.models import Gebied
from opgaven.models import Melding
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parents[1] / "data"


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


def test_valid_areas_the_file_no_longer_contains_are_named_and_left_as_they_are():
    importeer("osdorp.geojson")
    uitvoer = importeer("osdorp.csv")
    assert "1 geldige gebieden staan niet in het bestand; ze zijn niet gewijzigd." in uitvoer
    assert "\n- Reimerswaalbuurt (FK02)" in uitvoer
    assert Gebied.objects.geldig().filter(code="FK02", naam="Reimerswaalbuurt").exists()


def test_an_area_that_has_ended_is_not_named_when_the_file_leaves_it_out():
    importeer("osdorp.geojson")
    uitvoer = importeer("osdorp.csv")
    assert "F84a" not in uitvoer


def test_a_file_with_every_area_names_none_as_missing():
    importeer("osdorp.geojson")
    assert "staan niet in het bestand" not in importeer("osdorp.geojson")


def test_an_area_moved_elsewhere_takes_the_areas_below_along_also_those_the_file_changes(tmp_path):
    kop = "code,naam,niveau,ouder_code\nS1,Oost,stadsdeel,\nS2,West,stadsdeel,\n"
    importeer_tekst(
        tmp_path, kop + "G,Gebied,gebied,S1\nW,Wijk,wijk,G\nB,Buurt,buurt,W\n", naam="a.csv"
    )
    importeer_tekst(
        tmp_path, kop + "G,Gebied,gebied,S2\nW,Wijk,wijk,G\nB,Buurt 2,buurt,W\n", naam="b.csv"
    )
    paden = dict(Gebied.objects.values_list("code", "pad"))
    assert (paden["G"], paden["W"], paden["B"]) == ("/S2/G/", "/S2/G/W/", "/S2/G/W/B/")


def bewerk_na_de_controle(bewerking):
    """A `meld` for importeer() that makes a change, as an admin might, right after the import
    reported that it checked the file and before it writes."""

    def meld(tekst: str) -> None:
        if tekst.startswith("Bestand gecontroleerd"):
            bewerking()

    return meld


def test_an_area_edited_between_the_check_and_the_writing_refuses_the_whole_import():
    importeer("osdorp.csv")
    rijen = lees(DATA / "osdorp.geojson")
    tussendoor = bewerk_na_de_controle(
        lambda: Gebied.objects.filter(code="FK").update(naam="Osdorp-Midden (beheer)")
    )
    with pytest.raises(ImportAchterhaald) as fout:
        importeer_rijen(rijen, meld=tussendoor)
    assert fout.value.meldingen == [
        "Osdorp-Midden (FK) is gewijzigd of verwijderd nadat het bestand is gecontroleerd."
    ]
    assert not Gebied.objects.filter(code__in=["FK02", "F84a"]).exists()
    assert Gebied.objects.get(code="FK").naam == "Osdorp-Midden (beheer)"


def test_a_code_taken_between_the_check_and_the_writing_refuses_the_whole_import():
    importeer("osdorp.csv")
    rijen = lees(DATA / "osdorp.geojson")
    fk = Gebied.objects.get(code="FK")
    tussendoor = bewerk_na_de_controle(
        lambda: Gebied.objects.create(code="FK02", naam="Uit het beheer", niveau="buurt", ouder=fk)
    )
    with pytest.raises(ImportAchterhaald) as fout:
        importeer_rijen(rijen, meld=tussendoor)
    assert fout.value.meldingen == ["FK02 bestaat inmiddels (Uit het beheer)."]
    assert not Gebied.objects.filter(code="F84a").exists()


def test_the_command_says_to_run_again_when_areas_changed_while_it_ran(tmp_path, monkeypatch):
    importeer("osdorp.csv")

    def importeer_terwijl_het_beheer_bewerkt(rijen, meld):
        return importeer_rijen(
            rijen,
            meld=bewerk_na_de_controle(
                lambda: Gebied.objects.filter(code="FK").update(naam="Osdorp-Midden (beheer)")
            ),
        )

    monkeypatch.setattr(importeer_command, "importeer", importeer_terwijl_het_beheer_bewerkt)
    with pytest.raises(CommandError) as fout:
        importeer("osdorp.geojson")
    assert str(fout.value) == (
        "Er is niets geïmporteerd: gebieden veranderden terwijl de import liep. Importeer het "
        "bestand opnieuw.\n- Osdorp-Midden (FK) is gewijzigd of verwijderd nadat het bestand "
        "is gecontroleerd."
    )


def stad_csv(pad: Path, buurten: int, *, achtervoegsel: str = "") -> Path:
    """A CSV of one stadsdeel, a wijk per 30 buurten and `buurten` buurten; `achtervoegsel`
    goes after every name, so a second file with another one changes every area."""
    regels = ["code,naam,niveau,ouder_code", f"S,Stadsdeel{achtervoegsel},stadsdeel,"]
    regels += [f"W{w},Wijk {w}{achtervoegsel},wijk,S" for w in range((buurten + 29) // 30)]
    regels += [f"B{b},Buurt {b}{achtervoegsel},buurt,W{b // 30}" for b in range(buurten)]
    pad.write_text("\n".join(regels) + "\n", encoding="utf-8")
    return pad


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks as PostgreSQL takes them")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_melding_about_an_area_the_import_is_changing_is_saved_without_waiting(client, tmp_path):
    call_command(
        "importeer_gebieden", str(stad_csv(tmp_path / "oud.csv", 300)), stdout=io.StringIO()
    )
    nieuw = lees(stad_csv(tmp_path / "nieuw.csv", 300, achtervoegsel=" (2026)"))
    buurt = Gebied.objects.get(code="B299")
    melding = {"soort": "kans", "titel": "Lege winkel", "beschrijving": "Een buurthuis?"}
    melding["gebied"] = buurt.pk
    # The import reports its progress inside its transaction, after writing what it reports:
    # holding the last report holds the transaction open with every changed area written.
    alles_geschreven, verder = threading.Event(), threading.Event()

    def houd_vast(tekst: str) -> None:
        if tekst == f"{len(nieuw)} van {len(nieuw)} gebieden verwerkt":
            alles_geschreven.set()
            verder.wait(timeout=30)

    def importeer_in_thread():
        try:
            importeer_rijen(nieuw, meld=houd_vast)
        finally:
            connection.close()

    import_thread = threading.Thread(target=importeer_in_thread)
    import_thread.start()
    try:
        assert alles_geschreven.wait(timeout=30)
        client.force_login(UserFactory())
        begin = time.monotonic()
        antwoord = client.post("/melden/", melding)
        duur = time.monotonic() - begin
    finally:
        verder.set()
        import_thread.join(timeout=60)
    assert antwoord.status_code == 302
    assert duur < 1
    assert Melding.objects.get(titel="Lege winkel").gebied == buurt
    assert Gebied.objects.get(code="B299").naam == "Buurt 299 (2026)"


# --- hostile files: every one is refused with a message, never a traceback, nothing written ---

VIERKANT = [[4.79, 52.35], [4.80, 52.35], [4.80, 52.36], [4.79, 52.36], [4.79, 52.35]]
# Around Amersfoort's Onze Lieve Vrouwetoren, RD New's origin region (155000, 463000).
RD_VIERKANT = [[155000, 463000], [155100, 463000], [155100, 463100], [155000, 463100]]
RD_VIERKANT.append(RD_VIERKANT[0])
RD_CRS = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}}


def feature(code="F", naam="Nieuw-West", ring=VIERKANT, **eigenschappen) -> dict:
    return {
        "type": "Feature",
        "properties": {"code": code, "naam": naam, "niveau": "stadsdeel", **eigenschappen},
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }


def met_geometrie(geometrie) -> dict:
    return {**feature(code="X"), "geometry": geometrie}


def collectie(*features, **leden) -> str:
    return json.dumps({"type": "FeatureCollection", **leden, "features": list(features)})


def importeer_tekst(tmp_path, inhoud: str | bytes, *opties, naam="gebieden.geojson") -> str:
    bestand = tmp_path / naam
    if isinstance(inhoud, bytes):
        bestand.write_bytes(inhoud)
    else:
        bestand.write_text(inhoud, encoding="utf-8")
    uitvoer = io.StringIO()
    call_command("importeer_gebieden", str(bestand), *opties, stdout=uitvoer)
    return uitvoer.getvalue()


def geweigerd(tmp_path, inhoud: str | bytes, *opties, naam="gebieden.geojson") -> str:
    """The command's message for a file it refuses; the refusal writes nothing."""
    with pytest.raises(CommandError) as fout:
        importeer_tekst(tmp_path, inhoud, *opties, naam=naam)
    assert not Gebied.objects.exists()
    assert str(fout.value).startswith("Er is niets geïmporteerd. Fouten in het bestand:\n- ")
    return str(fout.value)


@pytest.mark.parametrize(
    ("inhoud", "verwacht"),
    [
        pytest.param("", "Het bestand is leeg.", id="empty"),
        pytest.param(" \n", "Het bestand is leeg.", id="only-whitespace"),
        pytest.param(
            b"\x89PNG\r\n\x1a\n\x00", "geen UTF-8-tekst (onleesbaar vanaf byte 0)", id="binary"
        ),
        pytest.param("niet eens json", "geen leesbare GeoJSON", id="not-json"),
        pytest.param("[]", "geen GeoJSON FeatureCollection", id="top-level-list"),
        pytest.param(
            '"FeatureCollection"', "geen GeoJSON FeatureCollection", id="top-level-string"
        ),
        pytest.param(
            '{"type": "FeatureCollection", "features": {}}',
            "De features van het bestand zijn geen lijst.",
            id="features-an-object",
        ),
        pytest.param(
            '{"type": "FeatureCollection"}',
            "De features van het bestand zijn geen lijst.",
            id="features-missing",
        ),
        pytest.param(
            '{"type": "FeatureCollection", "features": []}',
            "Het bestand bevat geen gebieden.",
            id="no-features",
        ),
        pytest.param(
            '{"type": "FeatureCollection", "features": [' + "1" * 5000 + "]}",
            "geen leesbare GeoJSON",
            id="number-of-5000-digits",
        ),
    ],
)
def test_a_file_that_is_no_feature_collection_is_refused_clearly(tmp_path, inhoud, verwacht):
    assert verwacht in geweigerd(tmp_path, inhoud)


@pytest.mark.parametrize(
    "inhoud",
    [
        pytest.param("[" * 100_000 + "]" * 100_000, id="lists"),
        pytest.param('{"a": ' * 100_000 + "1" + "}" * 100_000, id="objects"),
        pytest.param(
            collectie(feature(aliassen=[[[[[[[[[[[[[[[[[[[["x"]]]]]]]]]]]]]]]]]]]])), id="21"
        ),
    ],
)
def test_a_file_nested_too_deep_is_refused_before_json_parses_it(tmp_path, inhoud):
    assert "Het bestand is dieper genest dan 20 niveaus" in geweigerd(tmp_path, inhoud)


def test_brackets_inside_texts_do_not_count_as_nesting(tmp_path):
    importeer_tekst(tmp_path, collectie(feature(naam='[[[[[[[[[[[[[[[[[[[[[[[[[ " {{{{{{{{{')))
    assert Gebied.objects.get().naam == '[[[[[[[[[[[[[[[[[[[[[[[[[ " {{{{{{{{{'


@pytest.mark.parametrize(
    ("object", "verwacht"),
    [
        pytest.param("FK01", "object 2: is geen object (GeoJSON Feature).", id="string"),
        pytest.param(12, "object 2: is geen object (GeoJSON Feature).", id="number"),
        pytest.param(None, "object 2: is geen object (GeoJSON Feature).", id="null"),
        pytest.param(
            {"type": "Feature", "properties": ["code", "FK"]},
            "object 2: de properties zijn geen object.",
            id="properties-a-list",
        ),
    ],
)
def test_a_feature_that_is_no_object_is_named(tmp_path, object, verwacht):
    melding = geweigerd(tmp_path, collectie(feature(), object))
    assert f"- {verwacht}" in melding
    assert "object 1" not in melding


def test_a_feature_without_properties_misses_its_code(tmp_path):
    melding = geweigerd(tmp_path, collectie({"type": "Feature", "properties": None}))
    assert "- object 1: de code ontbreekt." in melding


@pytest.mark.parametrize(
    ("geometrie", "verwacht"),
    [
        pytest.param(
            {"type": "Point", "coordinates": [4.79, 52.35]},
            "de geometrie is een Point; alleen Polygon en MultiPolygon zijn toegestaan.",
            id="point",
        ),
        pytest.param(
            {"type": "GeometryCollection", "geometries": []},
            "de geometrie is een GeometryCollection; alleen Polygon en MultiPolygon",
            id="geometry-collection",
        ),
        pytest.param(
            {"type": "Polygoon", "coordinates": [VIERKANT]},
            "de geometrie is geen Polygon of MultiPolygon.",
            id="unknown-type",
        ),
        pytest.param("POLYGON((4 52, 5 52, 5 53, 4 52))", "de geometrie is geen object.", id="wkt"),
        pytest.param({"type": "Polygon"}, "de geometrie heeft geen coördinaten.", id="missing"),
        pytest.param(
            {"type": "Polygon", "coordinates": []},
            "de geometrie heeft geen coördinaten.",
            id="empty",
        ),
        pytest.param(
            {"type": "MultiPolygon", "coordinates": [[]]},
            "polygoon 1 heeft geen ringen.",
            id="multipolygon-of-an-empty-polygon",
        ),
        pytest.param(
            {"type": "Polygon", "coordinates": [[]]},
            "ring 1 heeft 0 posities; een ring heeft er minstens 4 nodig.",
            id="empty-ring",
        ),
        pytest.param(
            {"type": "Polygon", "coordinates": [VIERKANT[:2] + VIERKANT[-1:]]},
            "ring 1 heeft 3 posities; een ring heeft er minstens 4 nodig.",
            id="ring-of-3-positions",
        ),
        pytest.param(
            {"type": "Polygon", "coordinates": ["ring"]},
            "ring 1 is geen lijst van posities.",
            id="ring-a-string",
        ),
        pytest.param(
            {"type": "Polygon", "coordinates": [VIERKANT[:4]]},
            "ring 1 is niet gesloten: de eerste en de laatste positie verschillen.",
            id="unclosed-ring",
        ),
        pytest.param(
            {"type": "MultiPolygon", "coordinates": [[VIERKANT], [[[4.79, 52.35]] * 4]]},
            "polygoon 2, ring 1 omsluit geen oppervlak.",
            id="ring-on-one-point",
        ),
        pytest.param(
            {
                "type": "Polygon",
                "coordinates": [[[4.79, 52.35], [4.80, 52.35], [4.81, 52.35], [4.79, 52.35]]],
            },
            "ring 1 omsluit geen oppervlak.",
            id="ring-on-one-line",
        ),
    ],
)
def test_a_geometry_that_is_no_closed_polygon_is_named(tmp_path, geometrie, verwacht):
    melding = geweigerd(tmp_path, collectie(feature(), met_geometrie(geometrie)))
    assert f"- object 2 (X): {verwacht}" in melding


@pytest.mark.parametrize(
    "positie",
    [
        pytest.param([float("nan"), 52.35], id="nan"),
        pytest.param([float("inf"), 52.35], id="infinity"),
        pytest.param([4.79, float("-inf")], id="minus-infinity"),
        pytest.param(["4.79", "52.35"], id="strings"),
        pytest.param([True, False], id="booleans"),
        pytest.param([None, 52.35], id="null"),
        pytest.param([4.79], id="one-number"),
        pytest.param([4.79, 52.35, 0, 0], id="four-numbers"),
        pytest.param(4.79, id="a-number"),
        pytest.param({"x": 4.79, "y": 52.35}, id="an-object"),
    ],
)
def test_a_position_that_is_not_two_finite_numbers_is_named(tmp_path, positie):
    ring = [VIERKANT[0], positie, *VIERKANT[2:]]
    melding = geweigerd(tmp_path, collectie(feature(ring=ring)))
    assert (
        "- object 1 (F): ring 1, positie 2 is geen positie van twee of drie eindige getallen."
        in melding
    )


@pytest.mark.parametrize(
    ("positie", "getoond"),
    [
        pytest.param([180.5, 52.35], "(180.5, 52.35)", id="east-of-180"),
        pytest.param([4.79, -90.01], "(4.79, -90.01)", id="south-of-the-pole"),
        pytest.param([155000, 463000], "(155000, 463000)", id="rd-coordinates"),
        pytest.param([10**400, 52.35], "(1000", id="beyond-a-float"),
    ],
)
def test_a_position_outside_wgs84_is_named_with_the_bounds(tmp_path, positie, getoond):
    melding = geweigerd(tmp_path, collectie(feature(ring=[VIERKANT[0], positie, *VIERKANT[2:]])))
    assert f"- object 1 (F): ring 1, positie 2 {getoond}" in melding
    assert "ligt buiten het bereik van WGS84 (x -180 tot 180, y -90 tot 90)." in melding


def test_a_position_with_an_altitude_is_stored_without_it(tmp_path):
    ring = [[*positie, 0.0] for positie in VIERKANT]
    importeer_tekst(tmp_path, collectie(feature(ring=ring)))
    assert Gebied.objects.get().omtrek == {"type": "Polygon", "coordinates": [VIERKANT]}


@pytest.mark.parametrize(
    "code",
    [
        pytest.param("F/K", id="slash"),
        pytest.param("F K", id="space"),
        pytest.param("..", id="dots"),
        pytest.param("Ø", id="unicode-letter"),
        pytest.param("FK01\u200b", id="zero-width-space"),
        pytest.param("<b>", id="markup"),
    ],
)
def test_a_code_with_other_characters_than_letters_digits_dash_underscore_is_refused(
    tmp_path, code
):
    melding = geweigerd(tmp_path, collectie(feature(code=code)))
    assert "Gebruik in een code alleen letters (a-z, A-Z), cijfers, - en _." in melding


def test_a_code_of_letters_digits_dash_and_underscore_is_accepted(tmp_path):
    importeer_tekst(tmp_path, collectie(feature(code="Aa-0_9")))
    assert Gebied.objects.get().code == "Aa-0_9"


def test_a_code_of_21_characters_is_refused_with_the_limit(tmp_path):
    melding = geweigerd(tmp_path, collectie(feature(code="A" * 21)))
    assert f"- object 1 ({'A' * 21}): code: " in melding
    assert "niet meer dan 20 tekens" in melding


def test_a_name_of_201_characters_is_refused_with_the_limit(tmp_path):
    melding = geweigerd(tmp_path, collectie(feature(naam="n" * 201)))
    assert "- object 1 (F): naam: " in melding
    assert "niet meer dan 200 tekens" in melding


def test_a_cbs_code_and_an_alias_beyond_their_field_length_are_refused(tmp_path):
    melding = geweigerd(tmp_path, collectie(feature(cbsCode="BU" * 11, aliassen=["a" * 201])))
    assert "- object 1 (F): CBS-code: " in melding
    assert "- object 1 (F): alias: " in melding


@pytest.mark.parametrize(
    ("sleutel", "veld"),
    [
        ("code", "code"),
        ("naam", "naam"),
        ("niveau", "niveau"),
        ("cbsCode", "CBS-code"),
        ("identificatie", "identificatie"),
        ("ligtInStadsdeelId", "bovenliggend gebied"),
        ("beginGeldigheid", "begindatum"),
        ("eindGeldigheid", "einddatum"),
    ],
)
@pytest.mark.parametrize("teken", ["\x00", "\x1b", "\n", "\x7f", "\x85", "\ud800"])
def test_a_control_character_in_any_text_is_refused(tmp_path, sleutel, veld, teken):
    melding = geweigerd(tmp_path, collectie(feature(**{sleutel: f"F{teken}K"})))
    assert f"{veld} bevat een besturingsteken (U+{ord(teken):04X})." in melding


def test_a_control_character_in_an_alias_is_refused(tmp_path):
    melding = geweigerd(tmp_path, collectie(feature(aliassen=["Blomwijck", "Blom\x00wijck"])))
    assert "- object 1 (F): alias bevat een besturingsteken (U+0000)." in melding


def test_a_code_with_a_control_character_is_shown_escaped(tmp_path):
    melding = geweigerd(tmp_path, collectie(feature(code="F\x1b[2J")))
    assert "\x1b" not in melding
    assert "- object 1 (F\\x1b[2J): code bevat een besturingsteken (U+001B)." in melding


@pytest.mark.parametrize(
    ("eigenschappen", "verwacht"),
    [
        ({"code": ["F"]}, "code is geen tekst."),
        ({"naam": {"nl": "Nieuw-West"}}, "naam is geen tekst."),
        ({"cbsCode": True}, "cbsCode is geen tekst."),
        ({"beginGeldigheid": 20220324.5}, "beginGeldigheid is geen tekst."),
        ({"aliassen": "Blomwijck"}, "aliassen is geen lijst van namen."),
        ({"aliassen": ["Blomwijck", 3]}, "aliassen is geen lijst van namen."),
    ],
)
def test_a_property_of_the_wrong_kind_is_named(tmp_path, eigenschappen, verwacht):
    inhoud = feature()
    inhoud["properties"] |= eigenschappen
    assert verwacht in geweigerd(tmp_path, collectie(inhoud))


def test_whole_numbers_are_read_as_text(tmp_path):
    inhoud = {**feature(code=363), "id": 3630000000001}
    importeer_tekst(tmp_path, collectie(inhoud))
    assert Gebied.objects.get().code == "363"


def test_every_bad_row_is_listed_together_in_file_order_and_nothing_is_written(tmp_path):
    melding = geweigerd(
        tmp_path,
        collectie(
            feature(code="F"),
            feature(code="F/K", naam=""),
            "FK02",
            met_geometrie({"type": "Polygon", "coordinates": []}),
        ),
    )
    assert melding.splitlines()[1:] == [
        "- object 2 (F/K): code: Gebruik in een code alleen letters (a-z, A-Z), cijfers, - en _.",
        "- object 2 (F/K): de naam ontbreekt.",
        "- object 3: is geen object (GeoJSON Feature).",
        "- object 4 (X): de geometrie heeft geen coördinaten.",
    ]


def test_empty_fields_beyond_the_csv_header_are_ignored(tmp_path):
    importeer_tekst(tmp_path, "code;naam;niveau\nF;Nieuw-West;stadsdeel;;\n", naam="g.csv")
    assert Gebied.objects.get().naam == "Nieuw-West"


@pytest.mark.parametrize(
    ("regel", "verwacht"),
    [
        ("F/K;Osdorp;stadsdeel", "regel 2 (F/K): code: Gebruik in een code alleen letters"),
        ("F;Nieuw\x00West;stadsdeel", "regel 2 (F): naam bevat een besturingsteken (U+0000)."),
        ('F;"Nieuw\nWest";stadsdeel', "regel 2 (F): naam bevat een besturingsteken (U+000A)."),
        (f"F;{'n' * 201};stadsdeel", "regel 2 (F): naam: "),
        ("F;Nieuw-West;stadsdeel;Blom\x07wijck", "regel 2 (F): alias bevat een besturingsteken"),
        ("F;Nieuw;West;stadsdeel;Blom", "regel 2 (F): heeft meer velden dan de kopregel."),
    ],
)
def test_a_csv_with_hostile_values_is_refused_per_line(tmp_path, regel, verwacht):
    inhoud = f"code;naam;niveau;aliassen\n{regel}\n"
    assert f"- {verwacht}" in geweigerd(tmp_path, inhoud, naam="gebieden.csv")


@pytest.mark.parametrize(
    ("inhoud", "verwacht"),
    [
        pytest.param(b"", "Het bestand is leeg.", id="empty"),
        pytest.param(b"code;naam;niveau\n", "Het bestand bevat geen gebieden.", id="only-headers"),
        pytest.param(b"PK\x03\x04\x14\x00\x06\x00\x08\x00\xa1", "geen UTF-8-tekst", id="xlsx"),
        pytest.param(
            b"code,naam,niveau\nF,Nieuw-West,stadsdeel," + b"x" * 200_000 + b"\n",
            "geen leesbare CSV",
            id="field-beyond-the-csv-limit",
        ),
    ],
)
def test_a_csv_that_is_no_table_of_areas_is_refused_clearly(tmp_path, inhoud, verwacht):
    assert verwacht in geweigerd(tmp_path, inhoud, naam="gebieden.csv")


# --- size ---------------------------------------------------------------------------------------


def test_a_file_above_the_size_limit_is_refused_with_the_limit(tmp_path, settings):
    settings.GEBIEDEN_IMPORT_MAX_BYTES = 100
    inhoud = collectie(feature())
    melding = geweigerd(tmp_path, inhoud)
    assert (
        f"- Het bestand is {len(inhoud)} bytes; de import leest hooguit 100 bytes (instelling "
        "GEBIEDEN_IMPORT_MAX_BYTES, of de optie --max-mb)." in melding
    )


def test_the_size_limit_is_checked_before_the_file_is_read(tmp_path, settings):
    settings.GEBIEDEN_IMPORT_MAX_BYTES = 1024
    melding = geweigerd(tmp_path, b"\x00" * 2048)  # binary: reading it would say "not UTF-8"
    assert "de import leest hooguit 1,0 KB" in melding


def test_the_size_limit_defaults_to_50_mb(settings):
    assert settings.GEBIEDEN_IMPORT_MAX_BYTES == 50 * 1024 * 1024


def test_the_max_mb_option_raises_the_limit_for_one_import(tmp_path, settings):
    settings.GEBIEDEN_IMPORT_MAX_BYTES = 100
    importeer_tekst(tmp_path, collectie(feature()), "--max-mb", "1")
    assert Gebied.objects.get().code == "F"


@pytest.mark.parametrize("waarde", ["0", "-5", "veel", "1.5"])
def test_the_max_mb_option_takes_a_whole_number_above_zero(tmp_path, waarde):
    with pytest.raises(CommandError, match="geef een geheel aantal MB groter dan 0"):
        importeer_tekst(tmp_path, collectie(feature()), "--max-mb", waarde)


def test_a_directory_is_refused_clearly(tmp_path):
    with pytest.raises(CommandError, match="is geen gewoon bestand"):
        call_command("importeer_gebieden", str(tmp_path), stdout=io.StringIO())


# --- coordinate systems ---------------------------------------------------------------------


def test_a_file_in_rd_new_is_stored_in_wgs84(tmp_path):
    importeer_tekst(tmp_path, collectie(feature(ring=RD_VIERKANT), crs=RD_CRS))
    lengte, breedte = Gebied.objects.get().omtrek["coordinates"][0][0]
    assert lengte == pytest.approx(5.3872, abs=0.0001)  # Amersfoort, 155000 463000
    assert breedte == pytest.approx(52.1552, abs=0.0001)


def test_a_multipolygon_in_rd_new_keeps_its_polygons_and_closed_rings(tmp_path):
    verschoven = [[x + 1000, y] for x, y in RD_VIERKANT]
    geometrie = {"type": "MultiPolygon", "coordinates": [[RD_VIERKANT], [verschoven]]}
    importeer_tekst(tmp_path, collectie(met_geometrie(geometrie), crs=RD_CRS))
    omtrek = Gebied.objects.get().omtrek
    assert omtrek["type"] == "MultiPolygon"
    assert [len(polygoon[0]) for polygoon in omtrek["coordinates"]] == [5, 5]
    assert all(polygoon[0][0] == polygoon[0][-1] for polygoon in omtrek["coordinates"])


@pytest.mark.parametrize(
    "naam",
    ["EPSG:28992", "urn:ogc:def:crs:EPSG::28992", "http://www.opengis.net/def/crs/EPSG/0/28992"],
)
def test_the_ways_cbs_and_pdok_name_rd_new_are_understood(tmp_path, naam):
    crs = {"type": "name", "properties": {"name": naam}}
    importeer_tekst(tmp_path, collectie(feature(ring=RD_VIERKANT), crs=crs))
    assert Gebied.objects.get().omtrek["coordinates"][0][0][1] == pytest.approx(52.155, abs=0.001)


@pytest.mark.parametrize(
    "naam",
    ["urn:ogc:def:crs:OGC:1.3:CRS84", "OGC:CRS84", "EPSG:4326", "urn:ogc:def:crs:EPSG::4326"],
)
def test_a_file_declaring_wgs84_is_stored_as_it_is(tmp_path, naam):
    crs = {"type": "name", "properties": {"name": naam}}
    importeer_tekst(tmp_path, collectie(feature(), crs=crs))
    assert Gebied.objects.get().omtrek == {"type": "Polygon", "coordinates": [VIERKANT]}


def test_the_crs_option_sets_rd_new_for_a_file_that_declares_nothing(tmp_path):
    importeer_tekst(tmp_path, collectie(feature(ring=RD_VIERKANT)), "--crs", "28992")
    assert Gebied.objects.get().omtrek["coordinates"][0][0][0] == pytest.approx(5.387, abs=0.001)


def test_the_crs_option_agreeing_with_the_file_is_fine(tmp_path):
    importeer_tekst(
        tmp_path, collectie(feature(ring=RD_VIERKANT), crs=RD_CRS), "--crs", "EPSG:28992"
    )
    assert Gebied.objects.count() == 1


def test_the_crs_option_contradicting_the_file_is_refused(tmp_path):
    melding = geweigerd(tmp_path, collectie(feature(ring=RD_VIERKANT), crs=RD_CRS), "--crs", "4326")
    assert (
        "Het bestand noemt RD New (EPSG:28992) als coördinatenstelsel, de optie --crs WGS84"
        in melding
    )


def test_an_rd_file_without_declaration_or_option_is_refused_as_outside_wgs84(tmp_path):
    melding = geweigerd(tmp_path, collectie(feature(ring=RD_VIERKANT)))
    assert "ring 1, positie 1 (155000, 463000) ligt buiten het bereik van WGS84" in melding


def test_wgs84_positions_in_a_file_declared_rd_new_are_refused_with_its_bounds(tmp_path):
    melding = geweigerd(tmp_path, collectie(feature(), crs=RD_CRS))
    assert (
        "ring 1, positie 1 (4.79, 52.35) ligt buiten het bereik van RD New (EPSG:28992) "
        "(x 0 tot 300000, y 300000 tot 650000)." in melding
    )


def test_an_rd_ring_that_vanishes_when_rounded_to_centimetres_is_refused(tmp_path):
    klein = [[155000, 463000], [155000.001, 463000], [155000.001, 463000.001], [155000, 463000]]
    melding = geweigerd(tmp_path, collectie(feature(ring=klein), crs=RD_CRS))
    assert "- object 1 (F): in WGS84 omgerekend: ring 1 omsluit geen oppervlak." in melding


@pytest.mark.parametrize(
    ("crs", "verwacht"),
    [
        pytest.param(
            {"type": "name", "properties": {"name": "EPSG:3857"}},
            "Coördinatenstelsel EPSG:3857 wordt niet ondersteund; gebruik WGS84",
            id="web-mercator",
        ),
        pytest.param(
            {"type": "name", "properties": {"name": "+proj=longlat +init=/etc/passwd"}},
            "Coördinatenstelsel +proj=longlat +init=/etc/passwd wordt niet ondersteund",
            id="a-proj-string",
        ),
        pytest.param("EPSG:28992", "Het crs-lid van het bestand is onleesbaar", id="a-string"),
        pytest.param(
            {"type": "link", "properties": {"href": "http://x"}},
            "Het crs-lid van het bestand is onleesbaar",
            id="a-link",
        ),
        pytest.param({"type": "name"}, "Het crs-lid van het bestand is onleesbaar", id="no-name"),
        pytest.param(None, "Het crs-lid van het bestand is onleesbaar", id="null"),
    ],
)
def test_an_unknown_or_unreadable_crs_is_refused(tmp_path, crs, verwacht):
    assert verwacht in geweigerd(tmp_path, collectie(feature(), crs=crs))


def test_an_unknown_crs_option_is_refused(tmp_path):
    with pytest.raises(CommandError, match="Coördinatenstelsel 3857 wordt niet ondersteund"):
        importeer_tekst(tmp_path, collectie(feature()), "--crs", "3857")


# --- anything at all ----------------------------------------------------------------------------

json_waarden = st.recursive(
    st.none() | st.booleans() | st.floats() | st.integers() | st.text(max_size=30),
    lambda kinderen: (
        st.lists(kinderen, max_size=5) | st.dictionaries(st.text(max_size=10), kinderen, max_size=5)
    ),
    max_leaves=30,
)
eigenschappen = st.fixed_dictionaries(
    {},
    optional={
        sleutel: json_waarden | st.text(max_size=30)
        for sleutel in ("code", "naam", "niveau", "cbsCode", "ligtInWijkId", "aliassen")
    },
)
features = st.fixed_dictionaries(
    {"type": st.just("Feature")},
    optional={
        "properties": eigenschappen | json_waarden,
        "geometry": json_waarden,
        "id": json_waarden,
    },
)


@hypothesis_settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(inhoud=st.lists(features | json_waarden, max_size=4))
def test_any_feature_collection_is_imported_or_refused_with_a_message(tmp_path, inhoud):
    bestand = tmp_path / "willekeurig.geojson"
    bestand.write_text(collectie(*inhoud), encoding="utf-8")
    with transaction.atomic():  # each example starts from an empty table
        try:
            call_command("importeer_gebieden", str(bestand), stdout=io.StringIO())
        except CommandError as fout:
            assert str(fout).startswith("Er is niets geïmporteerd. Fouten in het bestand:\n- ")
        transaction.set_rollback(True)
