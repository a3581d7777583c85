"""Import the area hierarchy from the files a municipality actually has.

Two formats:
- a GeoJSON FeatureCollection in the shape of the Amsterdam gebieden export and the CBS
  wijk- en buurtkaart: properties `code`, `cbsCode`, `naam`, optional `identificatie`,
  `niveau`, `beginGeldigheid`, `eindGeldigheid`, `aliassen`, and the parent as
  `ligtInWijkId` / `ligtInGebiedId` / `ligtInStadsdeelId` (an `identificatie` or a code);
- a CSV with the columns code, naam, niveau, ouder_code (and optionally cbs_code,
  begin_geldigheid, eind_geldigheid, aliassen separated by "|").

The import is all or nothing: every row is checked first, and a file with any invalid row
changes nothing and names each bad row. Re-importing the same file changes nothing.
"""

import csv
import datetime
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from gebieden.models import NIVEAU_DIEPTE, Gebied, Niveau

OUDER_SLEUTELS = ["ligtInWijkId", "ligtInGebiedId", "ligtInStadsdeelId", "ouder_code"]
GEOMETRIE_SOORTEN = {"Polygon", "MultiPolygon"}


class ImportFout(Exception):
    """The file cannot be imported; `fouten` names every bad row."""

    def __init__(self, fouten: list[str]):
        super().__init__("\n".join(fouten))
        self.fouten = fouten


@dataclass
class Rij:
    regel: str
    code: str
    naam: str
    niveau: str
    ouder: str = ""
    cbs_code: str = ""
    identificatie: str = ""
    begin: str = ""
    eind: str = ""
    aliassen: list[str] = field(default_factory=list)
    omtrek: dict | None = None


@dataclass
class Verslag:
    aangemaakt: int = 0
    bijgewerkt: int = 0
    ongewijzigd: int = 0


def _tekst(waarde) -> str:
    return "" if waarde is None else str(waarde).strip()


def _niveau(eigenschappen: dict, cbs_code: str) -> str:
    """The level as given, or read from the CBS code (BU = buurt, WK = wijk) or the parent key."""
    if eigenschappen.get("niveau"):
        return _tekst(eigenschappen["niveau"]).lower()
    if cbs_code.upper().startswith("BU") or eigenschappen.get("ligtInWijkId"):
        return Niveau.BUURT
    if cbs_code.upper().startswith("WK"):
        return Niveau.WIJK
    if eigenschappen.get("ligtInStadsdeelId"):
        return Niveau.GEBIED
    return Niveau.STADSDEEL


def lees_geojson(pad: Path) -> list[Rij]:
    try:
        data = json.loads(Path(pad).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as fout:
        raise ImportFout(
            [_("Het bestand is geen leesbare GeoJSON: %(fout)s") % {"fout": fout}]
        ) from fout
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise ImportFout([_("Het bestand is geen GeoJSON FeatureCollection.")])
    rijen = []
    for nummer, feature in enumerate(data.get("features") or [], start=1):
        eigenschappen = (feature or {}).get("properties") or {}
        cbs_code = _tekst(eigenschappen.get("cbsCode"))
        ouder = next((_tekst(eigenschappen[k]) for k in OUDER_SLEUTELS if eigenschappen.get(k)), "")
        aliassen = eigenschappen.get("aliassen") or []
        rijen.append(
            Rij(
                regel=_("object %(nummer)s") % {"nummer": nummer},
                code=_tekst(eigenschappen.get("code")),
                naam=_tekst(eigenschappen.get("naam")),
                niveau=_niveau(eigenschappen, cbs_code),
                ouder=ouder,
                cbs_code=cbs_code,
                identificatie=_tekst(eigenschappen.get("identificatie") or feature.get("id")),
                begin=_tekst(eigenschappen.get("beginGeldigheid")),
                eind=_tekst(eigenschappen.get("eindGeldigheid")),
                aliassen=[_tekst(a) for a in aliassen] if isinstance(aliassen, list) else [],
                omtrek=feature.get("geometry"),
            )
        )
    return rijen


def lees_csv(pad: Path) -> list[Rij]:
    try:
        with Path(pad).open(encoding="utf-8-sig", newline="") as bestand:
            regels = list(csv.DictReader(bestand, delimiter=_scheidingsteken(pad)))
    except (OSError, UnicodeDecodeError, csv.Error) as fout:
        raise ImportFout(
            [_("Het bestand is geen leesbare CSV: %(fout)s") % {"fout": fout}]
        ) from fout
    if regels and not {"code", "naam", "niveau"} <= set(regels[0]):
        raise ImportFout([_("De CSV mist een van de kolommen code, naam, niveau.")])
    return [
        Rij(
            regel=_("regel %(nummer)s") % {"nummer": nummer},
            code=_tekst(regel.get("code")),
            naam=_tekst(regel.get("naam")),
            niveau=_tekst(regel.get("niveau")).lower(),
            ouder=_tekst(regel.get("ouder_code")),
            cbs_code=_tekst(regel.get("cbs_code")),
            begin=_tekst(regel.get("begin_geldigheid")),
            eind=_tekst(regel.get("eind_geldigheid")),
            aliassen=[a.strip() for a in _tekst(regel.get("aliassen")).split("|") if a.strip()],
        )
        for nummer, regel in enumerate(regels, start=2)  # line 1 holds the headers
    ]


def _scheidingsteken(pad: Path) -> str:
    """Dutch spreadsheets save CSV with semicolons; accept both."""
    with Path(pad).open(encoding="utf-8-sig") as bestand:
        kop = bestand.readline()
    return ";" if kop.count(";") > kop.count(",") else ","


def lees(pad: Path) -> list[Rij]:
    return lees_csv(pad) if Path(pad).suffix.lower() == ".csv" else lees_geojson(pad)


def _datum(tekst: str) -> datetime.date | None:
    return datetime.date.fromisoformat(tekst[:10]) if tekst else None


def _controleer(rijen: list[Rij], bestaand: dict[str, Gebied]) -> tuple[dict, list[str]]:
    """Check every row; return the parent code per row code and the errors found."""
    fouten = []
    codes_in_bestand: dict[str, Rij] = {}
    per_identificatie = {rij.identificatie: rij.code for rij in rijen if rij.identificatie}
    for rij in rijen:
        if not rij.code:
            fouten.append(_("%(regel)s: de code ontbreekt.") % {"regel": rij.regel})
            continue
        if rij.code in codes_in_bestand:
            fouten.append(
                _("%(regel)s: code %(code)s staat twee keer in het bestand.")
                % {"regel": rij.regel, "code": rij.code}
            )
        codes_in_bestand[rij.code] = rij
    cbs_in_gebruik = {gebied.cbs_code: code for code, gebied in bestaand.items() if gebied.cbs_code}
    for rij in rijen:
        eigenaar = cbs_in_gebruik.setdefault(rij.cbs_code, rij.code) if rij.cbs_code else rij.code
        if eigenaar != rij.code:
            fouten.append(
                _("%(regel)s (%(code)s): CBS-code %(cbs)s hoort al bij %(ander)s.")
                % {"regel": rij.regel, "code": rij.code, "cbs": rij.cbs_code, "ander": eigenaar}
            )
    niveau_van = {code: gebied.niveau for code, gebied in bestaand.items()}
    niveau_van |= {rij.code: rij.niveau for rij in rijen if rij.code}
    ouders = {}
    for rij in rijen:
        if not rij.code:
            continue
        melding = {"regel": rij.regel, "code": rij.code}
        if not rij.naam:
            fouten.append(_("%(regel)s (%(code)s): de naam ontbreekt.") % melding)
        if rij.niveau not in NIVEAU_DIEPTE:
            fouten.append(
                _(
                    "%(regel)s (%(code)s): onbekend niveau “%(niveau)s”; "
                    "gebruik stadsdeel, gebied, wijk of buurt."
                )
                % (melding | {"niveau": rij.niveau})
            )
            continue
        try:
            begin, eind = _datum(rij.begin), _datum(rij.eind)
        except ValueError:
            fouten.append(
                _("%(regel)s (%(code)s): een geldigheidsdatum is geen datum (JJJJ-MM-DD).")
                % melding
            )
        else:
            if begin and eind and eind < begin:
                fouten.append(
                    _("%(regel)s (%(code)s): de einddatum ligt voor de begindatum.") % melding
                )
        if rij.omtrek is not None and (
            not isinstance(rij.omtrek, dict) or rij.omtrek.get("type") not in GEOMETRIE_SOORTEN
        ):
            fouten.append(
                _("%(regel)s (%(code)s): de geometrie is geen Polygon of MultiPolygon.") % melding
            )
        ouder = per_identificatie.get(rij.ouder, rij.ouder)
        if ouder:
            if ouder not in niveau_van:
                fouten.append(
                    _("%(regel)s (%(code)s): het bovenliggende gebied “%(ouder)s” bestaat niet.")
                    % (melding | {"ouder": rij.ouder})
                )
                continue
            if NIVEAU_DIEPTE.get(niveau_van[ouder], 99) >= NIVEAU_DIEPTE[rij.niveau]:
                fouten.append(
                    _("%(regel)s (%(code)s): een %(niveau)s kan niet in een %(ouder)s liggen.")
                    % (melding | {"niveau": rij.niveau, "ouder": niveau_van[ouder]})
                )
        elif rij.niveau != Niveau.STADSDEEL:
            fouten.append(
                _("%(regel)s (%(code)s): een %(niveau)s moet in een groter gebied liggen.")
                % (melding | {"niveau": rij.niveau})
            )
        ouders[rij.code] = ouder
    return ouders, fouten


def importeer(rijen: Iterable[Rij], *, meld: Callable[[str], None] = lambda tekst: None) -> Verslag:
    """Create or update every area of the file in one transaction; raise ImportFout, changing
    nothing, when any row is invalid."""
    rijen = list(rijen)
    verslag = Verslag()
    with transaction.atomic():
        bestaand = {gebied.code: gebied for gebied in Gebied.objects.select_for_update()}
        ouders, fouten = _controleer(rijen, bestaand)
        if fouten:
            raise ImportFout(fouten)
        rijen.sort(key=lambda rij: NIVEAU_DIEPTE[rij.niveau])  # parents before children
        for nummer, rij in enumerate(rijen, start=1):
            ouder = bestaand.get(ouders[rij.code])
            waarden = {
                "naam": rij.naam,
                "niveau": rij.niveau,
                "cbs_code": rij.cbs_code,
                "ouder_id": ouder.pk if ouder else None,
                "begin_geldigheid": _datum(rij.begin),
                "eind_geldigheid": _datum(rij.eind),
                "aliassen": rij.aliassen,
                "omtrek": rij.omtrek,
            }
            gebied = bestaand.get(rij.code)
            if gebied is None:
                gebied = Gebied.objects.create(code=rij.code, **waarden)
                verslag.aangemaakt += 1
            elif any(getattr(gebied, veld) != waarde for veld, waarde in waarden.items()):
                for veld, waarde in waarden.items():
                    setattr(gebied, veld, waarde)
                gebied.save()
                verslag.bijgewerkt += 1
            else:
                verslag.ongewijzigd += 1
            bestaand[rij.code] = gebied
            if nummer % 100 == 0 or nummer == len(rijen):
                meld(
                    _("%(klaar)s van %(totaal)s gebieden verwerkt")
                    % {"klaar": nummer, "totaal": len(rijen)}
                )
    return verslag
