"""The outline of an area: which GeoJSON geometries are accepted, in which coordinate systems,
and when an outline is good enough to store and draw. One home for the rule: the import checks
files with it, the model field validates with it (so the admin refuses a broken outline) and
the map skips any stored outline that fails it."""

import math
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext as _

GEOMETRIE_SOORTEN = {"Polygon", "MultiPolygon"}
ANDERE_GEOJSON_SOORTEN = {"Point", "MultiPoint", "LineString", "MultiLineString"}
ANDERE_GEOJSON_SOORTEN |= {"GeometryCollection", "Feature", "FeatureCollection"}


@dataclass(frozen=True)
class Stelsel:
    """A coordinate system an outline may come in, with the bounds a position must lie in."""

    epsg: int
    naam: str
    min_x: float
    max_x: float
    min_y: float
    max_y: float


WGS84 = Stelsel(4326, "WGS84", -180, 180, -90, 90)  # longitude, latitude (GeoJSON's order)
# EPSG gives RD New's extent as x 482..284183 and y 306602..637050 metres; rounded outwards.
RD_NEW = Stelsel(28992, "RD New (EPSG:28992)", 0, 300_000, 300_000, 650_000)
STELSELS = {stelsel.epsg: stelsel for stelsel in (WGS84, RD_NEW)}

# "EPSG:28992", "urn:ogc:def:crs:EPSG::28992", "urn:ogc:def:crs:EPSG:6.6:4326",
# "http://www.opengis.net/def/crs/EPSG/0/28992" or just "28992".
EPSG_NAAM = re.compile(r"(?:.*\bEPSG[:/](?:[\d.]*[:/])?)?(\d{1,6})")


def stelsel_met_naam(naam: str) -> Stelsel | None:
    """The coordinate system a GeoJSON `crs` name or a command option means, or None when it is
    not one we accept. Read with a plain pattern, not handed to PROJ: the name comes from the file.
    "OGC:CRS84" and its URN forms are WGS84 in longitude/latitude order, as GeoJSON uses it."""
    tekst = naam.strip().upper()
    if tekst.endswith(("OGC:CRS84", "OGC:1.3:CRS84", "OGC::CRS84", "OGC/1.3/CRS84")):
        return WGS84
    gevonden = EPSG_NAAM.fullmatch(tekst)
    return STELSELS.get(int(gevonden.group(1))) if gevonden else None


def _getal(waarde) -> bool:
    """A finite JSON number: not a boolean, NaN or Infinity. (An integer too large for a float
    is finite, and the bounds refuse it.)"""
    return type(waarde) is int or (type(waarde) is float and math.isfinite(waarde))


def _oppervlak_nul(ring: list) -> bool:
    """True when the (closed) ring encloses no area: all its positions on one point or one
    line. Measured from its first position, so that large RD coordinates lose no precision."""
    x0, y0 = ring[0][0], ring[0][1]
    dubbel = sum(
        (a[0] - x0) * (b[1] - y0) - (b[0] - x0) * (a[1] - y0)
        for a, b in zip(ring, ring[1:], strict=False)
    )
    return dubbel == 0


def _fout_in_ring(ring, naam: str, stelsel: Stelsel) -> str | None:
    if not isinstance(ring, list):
        return _("%(ring)s is geen lijst van posities.") % {"ring": naam}
    if len(ring) < 4:
        return _("%(ring)s heeft %(aantal)s posities; een ring heeft er minstens 4 nodig.") % {
            "ring": naam,
            "aantal": len(ring),
        }
    for nummer, positie in enumerate(ring, start=1):
        if not (isinstance(positie, list) and len(positie) in (2, 3) and all(map(_getal, positie))):
            return _(
                "%(ring)s, positie %(positie)s is geen positie van twee of drie eindige getallen."
            ) % {"ring": naam, "positie": nummer}
        x, y = positie[0], positie[1]
        if not (stelsel.min_x <= x <= stelsel.max_x and stelsel.min_y <= y <= stelsel.max_y):
            return _(
                "%(ring)s, positie %(positie)s (%(x)s, %(y)s) ligt buiten het bereik van "
                "%(stelsel)s (x %(min_x)s tot %(max_x)s, y %(min_y)s tot %(max_y)s)."
            ) % {
                "ring": naam,
                "positie": nummer,
                "x": x,
                "y": y,
                "stelsel": stelsel.naam,
                "min_x": stelsel.min_x,
                "max_x": stelsel.max_x,
                "min_y": stelsel.min_y,
                "max_y": stelsel.max_y,
            }
    if ring[0] != ring[-1]:
        return _("%(ring)s is niet gesloten: de eerste en de laatste positie verschillen.") % {
            "ring": naam
        }
    if _oppervlak_nul(ring):
        return _("%(ring)s omsluit geen oppervlak.") % {"ring": naam}
    return None


def _polygonen(geometrie: dict) -> list:
    """The polygons of a Polygon or MultiPolygon, each a list of rings."""
    coordinaten = geometrie["coordinates"]
    return [coordinaten] if geometrie["type"] == "Polygon" else coordinaten


def fout_in_omtrek(geometrie, stelsel: Stelsel = WGS84) -> str | None:
    """What is wrong with an outline, or None when it is good: a GeoJSON Polygon or MultiPolygon
    whose rings each have at least four positions of two (or three) finite numbers within the
    bounds of the coordinate system, are closed and enclose an area. Names the first problem."""
    if not isinstance(geometrie, dict):
        return _("de geometrie is geen object.")
    soort = geometrie.get("type")
    if soort not in GEOMETRIE_SOORTEN:
        if soort in ANDERE_GEOJSON_SOORTEN:
            return _(
                "de geometrie is een %(soort)s; alleen Polygon en MultiPolygon zijn toegestaan."
            ) % {"soort": soort}
        return _("de geometrie is geen Polygon of MultiPolygon.")
    coordinaten = geometrie.get("coordinates")
    if not isinstance(coordinaten, list) or not coordinaten:
        return _("de geometrie heeft geen coördinaten.")
    for nummer, polygoon in enumerate(_polygonen(geometrie), start=1):
        if not isinstance(polygoon, list) or not polygoon:
            return _("polygoon %(polygoon)s heeft geen ringen.") % {"polygoon": nummer}
        for ringnummer, ring in enumerate(polygoon, start=1):
            naam = (
                _("ring %(ring)s") % {"ring": ringnummer}
                if soort == "Polygon"
                else _("polygoon %(polygoon)s, ring %(ring)s")
                % {"polygoon": nummer, "ring": ringnummer}
            )
            if fout := _fout_in_ring(ring, naam, stelsel):
                return fout
    return None


def ringen_van(geometrie: dict) -> list[list[list[float]]]:
    """Every ring of a good outline (see fout_in_omtrek), a MultiPolygon's polygons flattened."""
    return [ring for polygoon in _polygonen(geometrie) for ring in polygoon]


def valideer_omtrek(geometrie) -> None:
    """Model field validator: a stored outline is a good outline in WGS84."""
    if geometrie is not None and (fout := fout_in_omtrek(geometrie)):
        raise ValidationError(capfirst(fout), code="omtrek")
