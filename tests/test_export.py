import csv
import io

import pytest
from openpyxl import load_workbook

from opgaven.models import Opgave
from teams.models import Team, TeamSoort

pytestmark = pytest.mark.django_db


def werkmap(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Content-Disposition"].startswith('attachment; filename="opgavebord-')
    return load_workbook(io.BytesIO(response.content))


def test_the_regieteam_board_exports_its_priority_order(demo, login):
    client = login("regie")
    slug = Team.objects.get(soort=TeamSoort.REGIETEAM).slug
    pagina = client.get(f"/teams/{slug}/bord/").context["opgaven"]
    blad = werkmap(client.get(f"/teams/{slug}/bord/?export=xlsx"))["Prioriteiten"]
    rijen = list(blad.iter_rows(values_only=True))
    assert rijen[0][:3] == ("Prioriteit", "Opgave", "Team")
    assert [(r[0], r[1], r[6], r[11]) for r in rijen[1:]] == [
        (plek, o.titel, o.voortgang, o.aantal_belemmeringen_open)
        for plek, o in enumerate(pagina, start=1)
    ]


def test_the_opgave_board_exports_one_sheet_per_part(demo, login):
    opgave = Opgave.objects.get(team__leden__username="lid")
    boek = werkmap(login("lid").get(f"/opgaven/{opgave.pk}/?export=xlsx"))
    assert boek.sheetnames == ["Acties", "Mijlpalen", "Voortgang", "Belemmeringen", "Gebieden"]
    assert boek["Acties"].max_row - 1 == opgave.acties.count()
    assert boek["Mijlpalen"].max_row - 1 == opgave.mijlpalen.count()


def test_the_wijk_board_exports_as_csv(demo, login):
    response = login("regie").get("/gebieden/FK01/?export=csv")
    rijen = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rijen[0][:3] == ["Opgave", "Team", "Waar"]
    assert len(rijen) == 1 + 5


def test_an_export_shows_only_what_the_user_may_see(demo, login):
    opgave = Opgave.objects.get(team__leden__username="lid")
    client = login("buiten")
    assert client.get(f"/opgaven/{opgave.pk}/?export=xlsx").status_code == 404
    rijen = list(
        csv.reader(
            io.StringIO(client.get("/gebieden/FK01/?export=csv").content.decode("utf-8-sig")),
            delimiter=";",
        )
    )
    assert len(rijen) == 1  # the headers only
