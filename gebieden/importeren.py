"""Import the area hierarchy from the files a municipality actually has.

Two formats:
- a GeoJSON FeatureCollection in the shape of the Amsterdam gebieden export and the CBS
  wijk- en buurtkaart: properties `code`, `cbsCode`, `naam`, optional `identificatie`,
  `niveau`, `beginGeldigheid`, `eindGeldigheid`, `aliassen`, and the parent as
  `ligtInWijkId` / `ligtInGebiedId` / `ligtInStadsdeelId` (an `identificatie` or a code);
  outlines in WGS84 longitude/latitude or in RD New (EPSG:28992, as CBS publishes them), as the
  file's `crs` member or the caller says, stored in WGS84;
- a CSV with the columns code, naam, niveau, ouder_code (and optionally cbs_code,
  begin_geldigheid, eind_geldigheid, aliassen separated by "|").

The file may come from anywhere, so everything in it is checked before anything is written:
its size (settings.GEBIEDEN_IMPORT_MAX_BYTES) before it is read, its nesting before it is
parsed, then every row: codes by the model field's own rule, names within their length, no
control characters in any text, outlines by gebieden.omtrek. The import is all or nothing: a
file with any invalid row changes nothing and names each bad row. Re-importing the same file
changes nothing.

Checking and planning happen outside any transaction; only the writing is one, and it locks only
the areas it changes and the parents it places areas in (see `_schrijf`), so the app keeps
working during a large import. Areas the file no longer contains are reported, never changed.
"""

import csv
import datetime
import functools
import io
import json
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from pyproj import Transformer

from gebieden.models import NIVEAU_DIEPTE, Gebied, Niveau
from gebieden.omtrek import RD_NEW, WGS84, Stelsel, fout_in_omtrek, stelsel_met_naam

# The levels an area may have without lying in another: the city, and a stadsdeel of a file
# that does not include its city.
BOVENSTE_NIVEAUS = {Niveau.STAD, Niveau.STADSDEEL}
OUDER_SLEUTELS = ["ligtInWijkId", "ligtInGebiedId", "ligtInStadsdeelId", "ouder_code"]
# A FeatureCollection of MultiPolygons nests 8 levels deep; json's parser recurses per level.
MAX_DIEPTE = 20
BUITEN_STRING_GEEN_HAAKJE = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[^"\[\]{}]+', re.DOTALL)
HAAKJE = {"[": 1, "{": 1, "]": -1, "}": -1, '"': 0}  # '"': an unclosed string, for json to report
# Control characters (C0, DEL, C1) and lone surrogates, which json lets through as "\ud800"
# and no database can store.
BESTURINGSTEKEN = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
VELDEN = {
    "code": gettext_lazy("code"),
    "naam": gettext_lazy("naam"),
    "niveau": gettext_lazy("niveau"),
    "ouder": gettext_lazy("bovenliggend gebied"),
    "cbs_code": gettext_lazy("CBS-code"),
    "identificatie": gettext_lazy("identificatie"),
    "begin": gettext_lazy("begindatum"),
    "eind": gettext_lazy("einddatum"),
    "aliassen": gettext_lazy("alias"),
}

# The texts that are stored, checked by the validators of their model field (an alias is a name).
MODELVELDEN = {"code": "code", "naam": "naam", "aliassen": "naam", "cbs_code": "cbs_code"}


class ImportFout(Exception):
    """The file cannot be imported; `fouten` names every bad row."""

    def __init__(self, fouten: list[str]):
        super().__init__("\n".join(fouten))
        self.fouten = fouten


@dataclass
class Rij:
    regel: str  # "object 3" or "regel 4": where the row is in the file
    code: str = ""
    naam: str = ""
    niveau: str = ""
    ouder: str = ""
    cbs_code: str = ""
    identificatie: str = ""
    begin: str = ""
    eind: str = ""
    aliassen: list[str] = field(default_factory=list)
    omtrek: dict | None = None
    fouten: list[str] = field(default_factory=list)  # found while reading the row
    leesbaar: bool = True  # False: not even its properties could be read

    @property
    def kop(self) -> str:
        """How a message names the row: "object 3 (FK01)", or "object 3" without a code."""
        return f"{self.regel} ({toon(self.code)})" if self.code else self.regel


class ImportAchterhaald(Exception):
    """Areas the import relies on changed between checking the file and writing it, so
    nothing was written; `meldingen` names them."""

    def __init__(self, meldingen: list[str]):
        super().__init__("\n".join(meldingen))
        self.meldingen = meldingen


@dataclass
class Verslag:
    aangemaakt: int = 0
    bijgewerkt: int = 0
    ongewijzigd: int = 0
    # Valid areas (no end date) that the file does not contain, as (code, naam), in tree
    # order: left as they are, for the operator to end or keep.
    ontbrekend: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Wijziging:
    """An area the import creates (`gebied` is None) or updates, with the file's values and
    its parent's code (empty for a stadsdeel)."""

    code: str
    ouder: str
    waarden: dict
    gebied: Gebied | None


def toon(waarde: str, lengte: int = 40) -> str:
    """A text from the file as a message shows it: cut short, and with control and non-ASCII
    characters as escapes, so that a hostile file cannot steer the terminal that shows it."""
    kort = ascii(waarde[:lengte])[1:-1]
    return kort + "…" if len(waarde) > lengte else kort


def _tekst(waarde, sleutel: str, fouten: list[str]) -> str:
    """A text from the file: a string, or a whole number (a GeoJSON `id` may be one)."""
    if waarde is None:
        return ""
    if isinstance(waarde, str):
        return waarde.strip()
    if isinstance(waarde, int) and not isinstance(waarde, bool):
        return str(waarde)
    fouten.append(_("%(sleutel)s is geen tekst.") % {"sleutel": toon(sleutel)})
    return ""


def _niveau(niveau: str, cbs_code: str, eigenschappen: dict) -> str:
    """The level as given, or read from the CBS code (BU = buurt, WK = wijk, GM = gemeente, the
    city) or the parent key."""
    if niveau:
        return niveau.lower()
    if cbs_code.upper().startswith("GM"):
        return Niveau.STAD
    if cbs_code.upper().startswith("BU") or eigenschappen.get("ligtInWijkId"):
        return Niveau.BUURT
    if cbs_code.upper().startswith("WK"):
        return Niveau.WIJK
    if eigenschappen.get("ligtInStadsdeelId"):
        return Niveau.GEBIED
    return Niveau.STADSDEEL


# --- reading the file ------------------------------------------------------------------------


def _te_groot(grootte: int, grens: int) -> ImportFout:
    return ImportFout(
        [
            _(
                "Het bestand is %(grootte)s; de import leest hooguit %(grens)s "
                "(instelling GEBIEDEN_IMPORT_MAX_BYTES, of de optie --max-mb)."
            )
            % {
                "grootte": filesizeformat(grootte).replace("\xa0", " "),
                "grens": filesizeformat(grens).replace("\xa0", " "),
            }
        ]
    )


def _lees_tekst(pad: Path, grens: int) -> str:
    """The text of the file, refused before reading when it is larger than `grens` bytes, and
    when it is not a plain file (a device or a pipe never ends), empty, or not UTF-8."""
    if not pad.is_file():
        raise ImportFout([_("%(pad)s is geen gewoon bestand.") % {"pad": toon(str(pad), 200)}])
    try:
        with pad.open("rb") as bestand:
            grootte = os.fstat(bestand.fileno()).st_size
            if grootte > grens:
                raise _te_groot(grootte, grens)
            inhoud = bestand.read(grens + 1)  # never more than the limit, even if it grew
    except OSError as fout:
        raise ImportFout([_("Het bestand is niet te lezen: %(fout)s") % {"fout": fout}]) from fout
    if len(inhoud) > grens:
        raise _te_groot(len(inhoud), grens)
    try:
        tekst = inhoud.decode("utf-8-sig")
    except UnicodeDecodeError as fout:
        raise ImportFout(
            [
                _("Het bestand is geen UTF-8-tekst (onleesbaar vanaf byte %(positie)s).")
                % {"positie": fout.start}
            ]
        ) from fout
    if not tekst.strip():
        raise ImportFout([_("Het bestand is leeg.")])
    return tekst


def _diepte(tekst: str) -> int:
    """How deep the brackets outside strings nest, counted before json parses anything, as
    its parser recurses per level and would give up with a RecursionError."""
    buiten_strings = BUITEN_STRING_GEEN_HAAKJE.sub("", tekst)
    return max(accumulate(map(HAAKJE.__getitem__, buiten_strings)), default=0)


def _verklaard_stelsel(crs) -> Stelsel:
    """The coordinate system a GeoJSON `crs` member names, as GDAL, PDOK and CBS write it:
    {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}}."""
    naam = crs.get("properties") if isinstance(crs, dict) and crs.get("type") == "name" else None
    naam = naam.get("name") if isinstance(naam, dict) else None
    if not isinstance(naam, str):
        raise ImportFout(
            [
                _(
                    "Het crs-lid van het bestand is onleesbaar; verwacht is "
                    '{"type": "name", "properties": {"name": "EPSG:28992"}}.'
                )
            ]
        )
    stelsel = stelsel_met_naam(naam)
    if stelsel is None:
        raise ImportFout([onbekend_stelsel(naam)])
    return stelsel


def onbekend_stelsel(naam: str) -> str:
    """The message for a coordinate system that is neither WGS84 nor RD New."""
    return _(
        "Coördinatenstelsel %(naam)s wordt niet ondersteund; gebruik WGS84 (EPSG:4326, "
        "OGC:CRS84) of RD New (EPSG:28992)."
    ) % {"naam": toon(naam)}


def _stelsel(data: dict, opgegeven: Stelsel | None) -> Stelsel:
    """The file's coordinate system: as it declares, else as the caller says, else WGS84 (the
    GeoJSON standard's). A declaration that differs from the caller's is an error."""
    if "crs" not in data:
        return opgegeven or WGS84
    verklaard = _verklaard_stelsel(data["crs"])
    if opgegeven and opgegeven != verklaard:
        raise ImportFout(
            [
                _(
                    "Het bestand noemt %(bestand)s als coördinatenstelsel, de optie --crs "
                    "%(optie)s; laat de optie weg of pas het bestand aan."
                )
                % {"bestand": verklaard.naam, "optie": opgegeven.naam}
            ]
        )
    return verklaard


@functools.cache
def _rd_naar_wgs84() -> Transformer:
    # Without the RDNAPTRANS grids (not shipped with pyproj) PROJ converts to about a metre.
    return Transformer.from_crs(RD_NEW.epsg, WGS84.epsg, always_xy=True)


def _in_wgs84(geometrie: dict, stelsel: Stelsel) -> dict:
    """The outline as stored: only its type and coordinates, positions as [longitude,
    latitude]; from RD New converted by PROJ and rounded to 7 decimals (about a centimetre)."""

    def ring_in_wgs84(ring: list) -> list:
        if stelsel == WGS84:
            return [positie[:2] for positie in ring]
        lengtes, breedtes = _rd_naar_wgs84().transform(
            [positie[0] for positie in ring], [positie[1] for positie in ring]
        )
        return [[round(x, 7), round(y, 7)] for x, y in zip(lengtes, breedtes, strict=True)]

    coordinaten = geometrie["coordinates"]
    if geometrie["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": [ring_in_wgs84(r) for r in coordinaten]}
    return {
        "type": "MultiPolygon",
        "coordinates": [[ring_in_wgs84(r) for r in polygoon] for polygoon in coordinaten],
    }


def _omtrek(geometrie, stelsel: Stelsel, fouten: list[str]) -> dict | None:
    """The stored outline for a feature's geometry (none for a null geometry); a problem goes
    to `fouten`, checked in the file's system and again after conversion to WGS84."""
    if geometrie is None:
        return None
    fout = fout_in_omtrek(geometrie, stelsel)
    omtrek = None if fout else _in_wgs84(geometrie, stelsel)
    # Rounding a converted ring to centimetres can collapse a ring smaller than that.
    if omtrek is not None and stelsel != WGS84 and (fout := fout_in_omtrek(omtrek)):
        fout = _("in WGS84 omgerekend: %(fout)s") % {"fout": fout}
    if fout:
        fouten.append(fout)
        return None
    return omtrek


def _rij_uit_feature(nummer: int, feature, stelsel: Stelsel) -> Rij:
    rij = Rij(regel=_("object %(nummer)s") % {"nummer": nummer})
    eigenschappen = feature.get("properties") if isinstance(feature, dict) else None
    if not isinstance(feature, dict):
        rij.fouten.append(_("is geen object (GeoJSON Feature)."))
    elif eigenschappen is not None and not isinstance(eigenschappen, dict):
        rij.fouten.append(_("de properties zijn geen object."))
    if rij.fouten:
        rij.leesbaar = False
        return rij
    eigenschappen = eigenschappen or {}  # GeoJSON allows "properties": null

    def tekst(sleutel: str) -> str:
        return _tekst(eigenschappen.get(sleutel), sleutel, rij.fouten)

    rij.code = tekst("code")
    rij.naam = tekst("naam")
    rij.cbs_code = tekst("cbsCode")
    rij.niveau = _niveau(tekst("niveau"), rij.cbs_code, eigenschappen)
    ouder_sleutel = next((sleutel for sleutel in OUDER_SLEUTELS if eigenschappen.get(sleutel)), "")
    rij.ouder = tekst(ouder_sleutel) if ouder_sleutel else ""
    rij.identificatie = tekst("identificatie") or _tekst(feature.get("id"), "id", rij.fouten)
    rij.begin = tekst("beginGeldigheid")
    rij.eind = tekst("eindGeldigheid")
    aliassen = eigenschappen.get("aliassen") or []
    if isinstance(aliassen, list) and all(isinstance(alias, str) for alias in aliassen):
        rij.aliassen = [alias.strip() for alias in aliassen if alias.strip()]
    else:
        rij.fouten.append(_("aliassen is geen lijst van namen."))
    rij.omtrek = _omtrek(feature.get("geometry"), stelsel, rij.fouten)
    return rij


def lees_geojson(tekst: str, *, stelsel: Stelsel | None = None) -> list[Rij]:
    """The rows of a GeoJSON FeatureCollection; `stelsel` is the coordinate system for a file
    that does not declare one."""
    if _diepte(tekst) > MAX_DIEPTE:
        raise ImportFout(
            [
                _("Het bestand is dieper genest dan %(grens)s niveaus; dat is geen gebiedsbestand.")
                % {"grens": MAX_DIEPTE}
            ]
        )
    try:
        data = json.loads(tekst)
    except ValueError as fout:  # JSONDecodeError, or a number of more than 4300 digits
        raise ImportFout(
            [_("Het bestand is geen leesbare GeoJSON: %(fout)s") % {"fout": fout}]
        ) from fout
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise ImportFout([_("Het bestand is geen GeoJSON FeatureCollection.")])
    stelsel = _stelsel(data, stelsel)
    features = data.get("features")
    if not isinstance(features, list):
        raise ImportFout([_("De features van het bestand zijn geen lijst.")])
    return [_rij_uit_feature(nummer, f, stelsel) for nummer, f in enumerate(features, start=1)]


def lees_csv(tekst: str) -> list[Rij]:
    """The rows of a CSV; Dutch spreadsheets save CSV with semicolons, so both are accepted."""
    kop = tekst.partition("\n")[0]
    scheidingsteken = ";" if kop.count(";") > kop.count(",") else ","
    try:
        regels = list(csv.DictReader(io.StringIO(tekst, newline=""), delimiter=scheidingsteken))
    except csv.Error as fout:
        raise ImportFout(
            [_("Het bestand is geen leesbare CSV: %(fout)s") % {"fout": fout}]
        ) from fout
    if regels and not {"code", "naam", "niveau"} <= set(regels[0]):
        raise ImportFout([_("De CSV mist een van de kolommen code, naam, niveau.")])
    rijen = []
    for nummer, regel in enumerate(regels, start=2):  # line 1 holds the headers
        rij = Rij(regel=_("regel %(nummer)s") % {"nummer": nummer})
        if any(veld.strip() for veld in regel.get(None, [])):  # filled fields beyond the header
            rij.fouten.append(_("heeft meer velden dan de kopregel."))
        waarden = {k: _tekst(waarde, k, rij.fouten) for k, waarde in regel.items() if k is not None}
        rij.code = waarden["code"]
        rij.naam = waarden["naam"]
        rij.niveau = waarden["niveau"].lower()
        rij.ouder = waarden.get("ouder_code", "")
        rij.cbs_code = waarden.get("cbs_code", "")
        rij.begin = waarden.get("begin_geldigheid", "")
        rij.eind = waarden.get("eind_geldigheid", "")
        rij.aliassen = [a.strip() for a in waarden.get("aliassen", "").split("|") if a.strip()]
        rijen.append(rij)
    return rijen


def lees(pad: Path, *, stelsel: Stelsel | None = None, max_bytes: int | None = None) -> list[Rij]:
    """The rows of a GeoJSON or CSV file (by its extension). Raise ImportFout when the file as
    a whole is unusable: larger than `max_bytes` (default settings.GEBIEDEN_IMPORT_MAX_BYTES),
    not UTF-8, nested too deep, not the expected shape, or without a single row."""
    pad = Path(pad)
    tekst = _lees_tekst(pad, max_bytes or settings.GEBIEDEN_IMPORT_MAX_BYTES)
    if pad.suffix.lower() == ".csv":
        rijen = lees_csv(tekst)
    else:
        rijen = lees_geojson(tekst, stelsel=stelsel)
    if not rijen:
        raise ImportFout([_("Het bestand bevat geen gebieden.")])
    return rijen


# --- checking the rows -----------------------------------------------------------------------


def _datum(tekst: str) -> datetime.date | None:
    return datetime.date.fromisoformat(tekst[:10]) if tekst else None


def _tekstfouten(rij: Rij) -> list[str]:
    """Control characters in any text of the row, then the model's own rules (the code's
    characters, every length) for the texts that are stored."""
    teksten = [(veld, getattr(rij, veld)) for veld in VELDEN if veld != "aliassen"]
    teksten += [("aliassen", alias) for alias in rij.aliassen]
    fouten = []
    for veld, tekst in teksten:
        if teken := BESTURINGSTEKEN.search(tekst):
            fouten.append(
                _("%(veld)s bevat een besturingsteken (%(teken)s).")
                % {"veld": VELDEN[veld], "teken": f"U+{ord(teken.group()):04X}"}
            )
            continue
        if tekst and veld in MODELVELDEN:
            try:
                Gebied._meta.get_field(MODELVELDEN[veld]).run_validators(tekst)
            except ValidationError as fout:
                fouten += [f"{VELDEN[veld]}: {melding}" for melding in fout.messages]
    return fouten


def _controleer(rijen: list[Rij], bestaand: dict[str, Gebied]) -> tuple[dict, list[str]]:
    """Check every row; return the parent code per row code and the errors found, in the
    order of the file, each starting with the row it is about."""
    per_rij: dict[str, list[str]] = {rij.regel: list(rij.fouten) for rij in rijen}
    alle_rijen, rijen = rijen, [rij for rij in rijen if rij.leesbaar]

    def fout(rij: Rij, tekst: str) -> None:
        per_rij[rij.regel].append(tekst)

    for rij in rijen:
        for tekst in _tekstfouten(rij):
            fout(rij, tekst)
    codes_in_bestand: dict[str, Rij] = {}
    per_identificatie = {rij.identificatie: rij.code for rij in rijen if rij.identificatie}
    for rij in rijen:
        if not rij.code:
            fout(rij, _("de code ontbreekt."))
            continue
        if rij.code in codes_in_bestand:
            fout(
                rij,
                _("deze code staat ook op %(andere)s.")
                % {"andere": codes_in_bestand[rij.code].regel},
            )
        codes_in_bestand.setdefault(rij.code, rij)
    cbs_in_gebruik = {gebied.cbs_code: code for code, gebied in bestaand.items() if gebied.cbs_code}
    for rij in rijen:
        eigenaar = cbs_in_gebruik.setdefault(rij.cbs_code, rij.code) if rij.cbs_code else rij.code
        if eigenaar != rij.code:
            fout(
                rij,
                _("CBS-code %(cbs)s hoort al bij %(ander)s.")
                % {"cbs": toon(rij.cbs_code), "ander": toon(eigenaar)},
            )
    niveau_van = {code: gebied.niveau for code, gebied in bestaand.items()}
    niveau_van |= {rij.code: rij.niveau for rij in rijen if rij.code}
    ouders = {}
    for rij in rijen:
        if not rij.code:
            continue
        if not rij.naam:
            fout(rij, _("de naam ontbreekt."))
        if rij.niveau not in NIVEAU_DIEPTE:
            fout(
                rij,
                _("onbekend niveau “%(niveau)s”; gebruik stad, stadsdeel, gebied, wijk of buurt.")
                % {"niveau": toon(rij.niveau)},
            )
            continue
        try:
            begin, eind = _datum(rij.begin), _datum(rij.eind)
        except ValueError:
            fout(rij, _("een geldigheidsdatum is geen datum (JJJJ-MM-DD)."))
        else:
            if begin and eind and eind < begin:
                fout(rij, _("de einddatum ligt voor de begindatum."))
        ouder = per_identificatie.get(rij.ouder, rij.ouder)
        if ouder:
            if ouder not in niveau_van:
                fout(
                    rij,
                    _("het bovenliggende gebied “%(ouder)s” bestaat niet.")
                    % {"ouder": toon(rij.ouder)},
                )
                continue
            if NIVEAU_DIEPTE.get(niveau_van[ouder], 99) >= NIVEAU_DIEPTE[rij.niveau]:
                fout(
                    rij,
                    _("een %(niveau)s kan niet in een %(ouder)s liggen.")
                    % {"niveau": rij.niveau, "ouder": niveau_van[ouder]},
                )
        elif rij.niveau not in BOVENSTE_NIVEAUS:
            fout(
                rij, _("een %(niveau)s moet in een groter gebied liggen.") % {"niveau": rij.niveau}
            )
        ouders[rij.code] = ouder
    return ouders, [f"{rij.kop}: {tekst}" for rij in alle_rijen for tekst in per_rij[rij.regel]]


def importeer(rijen: Iterable[Rij], *, meld: Callable[[str], None] = lambda tekst: None) -> Verslag:
    """Create or update every area of the file; raise ImportFout, changing nothing, when any
    row is invalid, and ImportAchterhaald, changing nothing, when an area it relies on changed
    while it ran. The file is checked against the areas as they are, outside any transaction;
    only the changes are written, in one transaction (`_schrijf`)."""
    rijen = list(rijen)
    bestaand = {gebied.code: gebied for gebied in Gebied.objects.all()}
    ouders, fouten = _controleer(rijen, bestaand)
    if fouten:
        raise ImportFout(fouten)
    wijzigingen, verslag = _plan(rijen, ouders, bestaand)
    meld(
        _(
            "Bestand gecontroleerd: %(aangemaakt)s nieuw, %(bijgewerkt)s gewijzigd, "
            "%(ongewijzigd)s ongewijzigd."
        )
        % {
            "aangemaakt": verslag.aangemaakt,
            "bijgewerkt": verslag.bijgewerkt,
            "ongewijzigd": verslag.ongewijzigd,
        }
    )
    if wijzigingen:
        _schrijf(wijzigingen, bestaand, meld)
    return verslag


def _plan(
    rijen: list[Rij], ouders: dict[str, str], bestaand: dict[str, Gebied]
) -> tuple[list[Wijziging], Verslag]:
    """The areas to create or update, parents before children, and the report: what changes,
    what stays, and which valid areas the file no longer contains."""
    verslag = Verslag()
    wijzigingen = []
    for rij in sorted(rijen, key=lambda rij: NIVEAU_DIEPTE[rij.niveau]):
        ouder = ouders[rij.code]
        waarden = {
            "naam": rij.naam,
            "niveau": rij.niveau,
            "cbs_code": rij.cbs_code,
            "begin_geldigheid": _datum(rij.begin),
            "eind_geldigheid": _datum(rij.eind),
            "aliassen": rij.aliassen,
            "omtrek": rij.omtrek,
        }
        gebied = bestaand.get(rij.code)
        if gebied is None:
            verslag.aangemaakt += 1
        elif _zelfde_ouder(gebied, ouder, bestaand) and all(
            getattr(gebied, veld) == waarde for veld, waarde in waarden.items()
        ):
            verslag.ongewijzigd += 1
            continue
        else:
            verslag.bijgewerkt += 1
        wijzigingen.append(Wijziging(rij.code, ouder, waarden, gebied))
    in_bestand = {rij.code for rij in rijen}
    verslag.ontbrekend = [
        (gebied.code, gebied.naam)
        for gebied in sorted(bestaand.values(), key=lambda gebied: gebied.pad)
        if gebied.code not in in_bestand and gebied.eind_geldigheid is None
    ]
    return wijzigingen, verslag


def _zelfde_ouder(gebied: Gebied, ouder: str, bestaand: dict[str, Gebied]) -> bool:
    if not ouder:
        return gebied.ouder_id is None
    return ouder in bestaand and bestaand[ouder].pk == gebied.ouder_id


def _stand(gebied: Gebied) -> tuple:
    """What the check of the file relied on: the values the import writes, and the place in
    the tree."""
    velden = ["naam", "niveau", "cbs_code", "ouder_id", "pad", "begin_geldigheid"]
    velden += ["eind_geldigheid", "aliassen", "omtrek"]
    return tuple(getattr(gebied, veld) for veld in velden)


def _schrijf(
    wijzigingen: list[Wijziging], bestaand: dict[str, Gebied], meld: Callable[[str], None]
) -> None:
    """Write the changes in one transaction that locks only the areas it changes and the
    existing parents it places areas in, with FOR NO KEY UPDATE: the FOR KEY SHARE lock that
    a foreign-key check takes (a melding about one of these areas) does not wait for it. Under
    the lock the areas must still be as they were checked, and the new codes still free;
    otherwise nothing is written."""
    gelezen = {
        gebied.pk: gebied
        for wijziging in wijzigingen
        for gebied in (wijziging.gebied, bestaand.get(wijziging.ouder))
        if gebied is not None
    }
    nieuw = [wijziging.code for wijziging in wijzigingen if wijziging.gebied is None]
    try:
        with transaction.atomic():
            vergrendeld = {
                gebied.pk: gebied
                for gebied in Gebied.objects.select_for_update(no_key=True)
                .filter(pk__in=gelezen)
                .order_by("pk")
            }
            _weiger_als_gewijzigd(gelezen, vergrendeld, nieuw)
            per_code = {gebied.code: gebied for gebied in vergrendeld.values()}
            for nummer, wijziging in enumerate(wijzigingen, start=1):
                gebied = per_code.get(wijziging.code) or Gebied(code=wijziging.code)
                for veld, waarde in wijziging.waarden.items():
                    setattr(gebied, veld, waarde)
                gebied.ouder = per_code[wijziging.ouder] if wijziging.ouder else None
                oud_pad = gebied.pad
                gebied.save()
                if oud_pad and oud_pad != gebied.pad:
                    # save() moved the areas below along in the database; so do their copies.
                    for onder in per_code.values():
                        if onder is not gebied and onder.pad.startswith(oud_pad):
                            onder.pad = gebied.pad + onder.pad[len(oud_pad) :]
                per_code[wijziging.code] = gebied
                if nummer % 100 == 0 or nummer == len(wijzigingen):
                    meld(
                        _("%(klaar)s van %(totaal)s gebieden verwerkt")
                        % {"klaar": nummer, "totaal": len(wijzigingen)}
                    )
    except IntegrityError as fout:  # e.g. a CBS code given to another area meanwhile
        raise ImportAchterhaald(
            [_("De database weigerde een gebied: %(fout)s") % {"fout": fout}]
        ) from fout


def _weiger_als_gewijzigd(
    gelezen: dict[int, Gebied], vergrendeld: dict[int, Gebied], nieuw: list[str]
) -> None:
    meldingen = [
        _("%(naam)s (%(code)s) is gewijzigd of verwijderd nadat het bestand is gecontroleerd.")
        % {"naam": gebied.naam, "code": gebied.code}
        for pk, gebied in gelezen.items()
        if pk not in vergrendeld or _stand(vergrendeld[pk]) != _stand(gebied)
    ]
    meldingen += [
        _("%(code)s bestaat inmiddels (%(naam)s).") % {"code": code, "naam": naam}
        for code, naam in Gebied.objects.filter(code__in=nieuw).values_list("code", "naam")
    ]
    if meldingen:
        raise ImportAchterhaald(meldingen)
