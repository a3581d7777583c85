"""Sheets of rows to a CSV or Excel download, for council and management reports: safe to open
(no formulas, no invisible or control characters), with a dated file name. What a board's
sheets hold: web/export.py."""

import csv
import io
import unicodedata
from collections.abc import Sequence

from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

Blad = tuple[str, Sequence[str], Sequence[Sequence]]  # sheet title, headers, rows


EXPORTFORMATEN = {"csv", "xlsx"}


def _bestandsnaam(naam: str, extensie: str) -> str:
    return f"opgavebord-{slugify(naam)}-{timezone.localdate():%Y-%m-%d}.{extensie}"


# A cell starting with one of these is a formula to a spreadsheet (CSV and formula injection).
FORMULETEKENS = ("=", "+", "-", "@")


# OWASP's list also names a leading tab and carriage return themselves.
VERDACHT_BEGIN = ("\t", "\r")


def _onzichtbaar(teken: str) -> bool:
    """Whitespace of any kind (tabs, newlines, no-break and ideographic spaces) and invisible
    format characters (byte order mark, zero-width spaces and joiners, direction marks)."""
    return teken.isspace() or unicodedata.category(teken) == "Cf"


def is_formule(tekst: str) -> bool:
    """Whether a spreadsheet might run this text as a formula: its first visible character is
    a formula character, also in a look-alike form that folds to one (full-width ＝ ＋ － ＠).
    Spreadsheets skip leading whitespace and ignore invisible characters, so those do not
    hide a formula."""
    if tekst.startswith(VERDACHT_BEGIN):
        return True
    zichtbaar = next((teken for teken in tekst if not _onzichtbaar(teken)), "")
    return unicodedata.normalize("NFKC", zichtbaar).startswith(FORMULETEKENS)


def _cel(waarde):
    """Excel and CSV want plain values: lazy translations and dates become text, and text that
    a spreadsheet would run as a formula (user text such as `=HYPERLINK(...)`) gets a leading
    apostrophe, so it shows as the text it is."""
    if waarde is None or isinstance(waarde, int | float):
        return waarde
    tekst = str(waarde)
    return "'" + tekst if is_formule(tekst) else tekst


def _excelcel(waarde):
    """An Excel cell cannot hold most control characters (a vertical tab pasted from a
    document, say): they show as the replacement character instead of failing the download."""
    waarde = _cel(waarde)
    return ILLEGAL_CHARACTERS_RE.sub("\ufffd", waarde) if isinstance(waarde, str) else waarde


def exporteer(formaat: str, naam: str, bladen: list[Blad]) -> HttpResponse:
    """CSV holds the first sheet (CSV has no sheets); Excel holds all of them.

    The file may hold what only this user may see, and is saved rather than shown: no cache,
    the browser's included, keeps a copy (`private, no-store`)."""
    response = _bestand(formaat, naam, bladen)
    patch_cache_control(response, private=True, no_store=True)
    return response


def _bestand(formaat: str, naam: str, bladen: list[Blad]) -> HttpResponse:
    if formaat == "csv":
        titel, kop, rijen = bladen[0]
        buffer = io.StringIO()
        schrijver = csv.writer(buffer, delimiter=";")  # Dutch spreadsheets expect semicolons
        schrijver.writerow(kop)
        schrijver.writerows([[_cel(w) for w in rij] for rij in rijen])
        response = HttpResponse(
            "\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{_bestandsnaam(naam, "csv")}"'
        return response
    werkmap = Workbook()
    werkmap.remove(werkmap.active)
    for titel, kop, rijen in bladen:
        blad = werkmap.create_sheet(str(titel)[:31])  # Excel's limit for sheet names
        blad.append([_excelcel(k) for k in kop])
        for cel in blad[1]:
            cel.font = Font(bold=True)
        for rij in rijen:
            blad.append([_excelcel(w) for w in rij])
        blad.freeze_panes = "A2"
    buffer = io.BytesIO()
    werkmap.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_bestandsnaam(naam, "xlsx")}"'
    return response
