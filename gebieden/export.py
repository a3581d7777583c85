"""Export the overview for council and management reports: CSV and Excel, Dutch headers."""

import csv
import io

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from gebieden.overzicht import Overzicht


def rijen(overzicht: Overzicht) -> tuple[list[str], list[list]]:
    """One row per cell of the overview: the same numbers the page shows."""
    kop = [
        _("Opgave"),
        _("Team"),
        _("Gebied"),
        _("Code"),
        _("Status hier"),
        _("Voortgang (%)"),
        _("Open belemmeringen hier"),
    ]
    inhoud = [
        [
            cel.opgave.titel,
            cel.opgave.team.naam,
            cel.gebied.naam,
            cel.gebied.code,
            cel.status_label,
            cel.opgave.voortgang,
            cel.belemmeringen_open,
        ]
        for opgave in overzicht.opgaven
        for cel in overzicht.rij(opgave)
        if cel is not None
    ]
    return kop, inhoud


def _bestandsnaam(extensie: str) -> str:
    return f"opgavebord-overzicht-{timezone.localdate():%Y-%m-%d}.{extensie}"


def als_csv(overzicht: Overzicht) -> HttpResponse:
    kop, inhoud = rijen(overzicht)
    buffer = io.StringIO()
    schrijver = csv.writer(buffer, delimiter=";")  # Dutch spreadsheets expect semicolons
    schrijver.writerow(kop)
    schrijver.writerows(inhoud)
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_bestandsnaam("csv")}"'
    return response


def als_excel(overzicht: Overzicht) -> HttpResponse:
    kop, inhoud = rijen(overzicht)
    werkmap = Workbook()
    blad = werkmap.active
    blad.title = _("Overzicht")
    blad.append(kop)
    for cel in blad[1]:
        cel.font = Font(bold=True)
    for rij in inhoud:
        blad.append(rij)
    blad.freeze_panes = "A2"
    buffer = io.BytesIO()
    werkmap.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_bestandsnaam("xlsx")}"'
    return response
