import csv
import io

import pytest
from openpyxl import load_workbook

from kern.export import exporteer
from tests.factories import ActieFactory, LidmaatschapFactory, OpgaveFactory

pytestmark = pytest.mark.django_db


def werkmap(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Content-Disposition"].startswith('attachment; filename="opgavebord-')
    return load_workbook(io.BytesIO(response.content))


def test_the_regieteam_board_exports_its_priority_order(wereld, login):
    client = login(wereld.bob)
    slug = wereld.regieteam.slug
    pagina = client.get(f"/teams/{slug}/bord/").context["opgaven"]
    blad = werkmap(client.get(f"/teams/{slug}/bord/?export=xlsx"))["Prioriteiten"]
    rijen = list(blad.iter_rows(values_only=True))
    assert rijen[0][:3] == ("Prioriteit", "Opgave", "Team")
    assert [(r[0], r[1], r[6], r[11]) for r in rijen[1:]] == [
        (plek, o.titel, o.voortgang, o.aantal_belemmeringen_open)
        for plek, o in enumerate(pagina, start=1)
    ]


def test_the_opgave_board_exports_one_sheet_per_part(wereld, login):
    opgave = wereld.opgave
    boek = werkmap(login(wereld.alice).get(f"/opgaven/{opgave.pk}/?export=xlsx"))
    assert boek.sheetnames == ["Acties", "Mijlpalen", "Voortgang", "Belemmeringen", "Gebieden"]
    assert boek["Acties"].max_row - 1 == opgave.acties.count()
    assert boek["Mijlpalen"].max_row - 1 == opgave.mijlpalen.count()


def test_the_wijk_board_exports_as_csv(wereld, login):
    response = login(wereld.bob).get("/gebieden/FK01/?export=csv")
    rijen = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rijen[0][:3] == ["Opgave", "Team", "Waar"]
    assert len(rijen) == 1 + 2


def test_an_export_shows_only_what_the_user_may_see(wereld, login):
    opgave = wereld.opgave
    client = login(wereld.charlie)
    assert client.get(f"/opgaven/{opgave.pk}/?export=xlsx").status_code == 404
    rijen = list(
        csv.reader(
            io.StringIO(client.get("/gebieden/FK01/?export=csv").content.decode("utf-8-sig")),
            delimiter=";",
        )
    )
    assert len(rijen) == 1  # the headers only


# --- formulas never reach a spreadsheet ----------------------------------------------------

FORMULES = {
    "plain": '=HYPERLINK("http://evil.example","klik")',
    "after spaces": "   =1+1",
    "after a tab": "\t=1+1",
    "after a newline": "\n+1",
    "after a no-break space": "\u00a0-1",
    "after an ideographic space": "\u3000@SUM(A1)",
    "after a byte order mark": "\ufeff=1+1",
    "after a zero-width space": "\u200b=1+1",
    "after zero-width joiners": "\u200c\u200d+1",
    "after a word joiner": "\u2060@SUM(A1)",
    "full-width equals": "\uff1d1+1",
    "full-width plus": "\uff0b1",
    "full-width minus": "\uff0d1",
    "full-width at": "\uff20SUM(A1)",
    "everything before full-width": " \ufeff\u200b\t\uff1dHYPERLINK()",
}
GEWONE_TEKST = ["Wijkgesprek", "5-3", "e-mail @gemeente", " Gesprek", "\u200bGesprek", "＄5"]


def csv_cellen(response) -> list[str]:
    rijen = csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
    return [rij[0] for rij in list(rijen)[1:]]


def excel_cellen(response):
    blad = load_workbook(io.BytesIO(response.content))["Blad"]
    return [rij[0] for rij in blad.iter_rows(min_row=2)]


def export(formaat, teksten):
    return exporteer(formaat, "test", [("Blad", ["Tekst"], [[tekst] for tekst in teksten])])


@pytest.mark.parametrize("tekst", FORMULES.values(), ids=FORMULES.keys())
def test_a_csv_export_shows_a_formula_as_text(tekst):
    assert csv_cellen(export("csv", [tekst])) == ["'" + tekst]


@pytest.mark.parametrize("tekst", FORMULES.values(), ids=FORMULES.keys())
def test_an_excel_export_holds_a_formula_as_text(tekst):
    [cel] = excel_cellen(export("xlsx", [tekst]))
    assert cel.data_type == "s"
    assert cel.value == "'" + tekst


def test_ordinary_text_and_numbers_are_exported_as_they_are():
    assert csv_cellen(export("csv", GEWONE_TEKST)) == GEWONE_TEKST
    assert [cel.value for cel in excel_cellen(export("xlsx", [*GEWONE_TEKST, -5]))] == [
        *GEWONE_TEKST,
        -5,
    ]


def test_a_control_character_in_a_text_never_fails_an_excel_download(client):
    lid = LidmaatschapFactory(user__username="alice").user
    opgave = OpgaveFactory(team=lid.lidmaatschappen.get().team)
    ActieFactory(opgave=opgave, titel="Plakken uit Word\x0bwerkt")
    client.force_login(lid)
    acties = werkmap(client.get(f"/opgaven/{opgave.pk}/?export=xlsx"))["Acties"]
    assert acties["B2"].value == "Plakken uit Word\ufffdwerkt"
    assert csv_cellen(export("csv", ["a\x0bb"])) == ["a\x0bb"]


# --- exports are never cached -----------------------------------------------------------------


@pytest.mark.parametrize("formaat", ["csv", "xlsx"])
def test_no_cache_keeps_a_copy_of_an_export_download(client, formaat):
    lid = LidmaatschapFactory(user__username="alice").user
    opgave = OpgaveFactory(team=lid.lidmaatschappen.get().team)
    ActieFactory(opgave=opgave)
    client.force_login(lid)
    response = client.get(f"/opgaven/{opgave.pk}/?export={formaat}")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert set(response["Cache-Control"].split(", ")) == {"private", "no-store"}
