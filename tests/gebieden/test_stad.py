"""The city as the top of the area tree: an opgave may land at any level, the city included,
so the hierarchy is stad > stadsdeel > gebied > wijk > buurt."""

import io
import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from gebieden.models import Gebied, Niveau
from tests.factories import GebiedFactory, OpgaveFactory, OpgaveGebiedFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def amsterdam():
    return GebiedFactory(code="0363", cbs_code="GM0363", naam="Amsterdam", niveau=Niveau.STAD)


def test_a_stadsdeel_lies_in_the_city_and_its_path_starts_there(amsterdam):
    stadsdeel = GebiedFactory(code="F", naam="Nieuw-West", niveau=Niveau.STADSDEEL, ouder=amsterdam)
    buurt = GebiedFactory(code="FK01", niveau=Niveau.BUURT, ouder=stadsdeel)
    stadsdeel.full_clean()
    assert buurt.pad == "/0363/F/FK01/"
    assert list(Gebied.objects.onder(amsterdam)) == [amsterdam, stadsdeel, buurt]


@pytest.mark.parametrize("niveau", [Niveau.STAD, Niveau.STADSDEEL, Niveau.BUURT])
def test_the_city_lies_in_nothing_below_or_beside_it(amsterdam, niveau):
    ander = GebiedFactory(code="X", naam="Ander", niveau=niveau)
    stad = Gebied(code="0000", naam="Fout", niveau=Niveau.STAD, ouder=ander)
    with pytest.raises(ValidationError) as fouten:
        stad.full_clean()
    assert f"Een stad kan niet in een {Niveau(niveau).label.lower()} liggen." in str(
        fouten.value.message_dict["ouder"]
    )


def importeer(tmp_path, inhoud: str, naam: str) -> str:
    bestand = tmp_path / naam
    bestand.write_text(inhoud, encoding="utf-8")
    uitvoer = io.StringIO()
    call_command("importeer_gebieden", str(bestand), stdout=uitvoer)
    return uitvoer.getvalue()


def test_a_csv_with_the_city_at_the_top_builds_the_tree(tmp_path):
    importeer(
        tmp_path,
        "code,naam,niveau,ouder_code,cbs_code\n"
        "0363,Amsterdam,stad,,GM0363\n"
        "F,Nieuw-West,stadsdeel,0363,\n"
        "FK,Osdorp-Midden,wijk,F,WK0363FK\n",
        "stad.csv",
    )
    assert Gebied.objects.get(code="FK").pad == "/0363/F/FK/"
    assert Gebied.objects.get(code="0363").niveau == Niveau.STAD


def test_a_geojson_feature_with_a_gemeente_code_is_the_city(tmp_path):
    stad = {"type": "Feature", "properties": {"code": "0363", "cbsCode": "GM0363", "naam": "A"}}
    importeer(tmp_path, json.dumps({"type": "FeatureCollection", "features": [stad]}), "s.json")
    assert Gebied.objects.get().niveau == Niveau.STAD


def test_the_import_refuses_a_city_inside_a_stadsdeel(tmp_path):
    with pytest.raises(CommandError) as fout:
        importeer(
            tmp_path,
            "code,naam,niveau,ouder_code\nF,Nieuw-West,stadsdeel,\n0363,Amsterdam,stad,F\n",
            "fout.csv",
        )
    assert "een stad kan niet in een stadsdeel liggen" in str(fout.value)
    assert not Gebied.objects.exists()


def test_the_import_names_the_city_among_the_levels_it_knows(tmp_path):
    with pytest.raises(CommandError) as fout:
        importeer(tmp_path, "code,naam,niveau,ouder_code\nNH,Noord-Holland,provincie,\n", "p.csv")
    assert "gebruik stad, stadsdeel, gebied, wijk of buurt" in str(fout.value)


def test_the_area_tree_shows_the_city_on_top_and_indents_by_depth(client, wereld, amsterdam):
    stadsdeel = wereld.gebieden.stadsdeel
    stadsdeel.ouder = amsterdam
    stadsdeel.save()
    client.force_login(wereld.alice)
    html = client.get("/gebieden/").content.decode()
    assert html.index("Amsterdam") < html.index("Nieuw-West") < html.index("Wildeman")
    diepten = re.findall(r'ob-boom__item--diepte-(\d)">\s*<a [^>]*href="/gebieden/(\w+)/"', html)
    per_code = {code: int(diepte) for diepte, code in diepten}
    assert [per_code[code] for code in ("0363", "F", "FK", "FK01")] == [0, 1, 3, 4]


def test_an_opgave_that_lands_in_the_whole_city_shows_on_the_citys_board(client, wereld, amsterdam):
    opgave = OpgaveFactory(team=wereld.team, titel="Armoede in de hele stad")
    OpgaveGebiedFactory(opgave=opgave, gebied=amsterdam)
    client.force_login(wereld.alice)
    response = client.get("/gebieden/0363/")
    assert response.status_code == 200
    titels = {landing.opgave.titel for landing in response.context["landingen"]}
    assert "Armoede in de hele stad" in titels
    assert "Amsterdam" in client.get("/").content.decode()  # the opgave's gebied tag
