"""A map of areas as inline SVG, drawn on the server from the stored outlines: no tile server,
so it works on an intranet. Areas are shaded by a measure in five steps and always carry the
number itself as text, so the map does not rely on colour alone."""

import math
from dataclasses import dataclass

from gebieden.models import Gebied
from gebieden.omtrek import fout_in_omtrek, ringen_van

BREEDTE = 600
STAPPEN = 5


@dataclass(frozen=True)
class Vlak:
    gebied: Gebied
    pad: str  # SVG path data
    x: float  # where the label goes
    y: float
    waarde: int
    stap: int  # 0..STAPPEN-1, for the shading


@dataclass(frozen=True)
class Kaart:
    vlakken: list[Vlak]
    hoogte: int
    maximum: int


def teken_kaart(gebieden: list[Gebied], waarden: dict[int, int]) -> Kaart | None:
    """Project the outlines (WGS84) onto a flat SVG: longitude shrunk by the cosine of the
    latitude, which is exact enough at the scale of one city. An area without an outline, or
    with one that is empty or broken (stored before the import checked it), is left out."""
    met_omtrek = [
        (g, ringen_van(g.omtrek))
        for g in gebieden
        if g.omtrek is not None and fout_in_omtrek(g.omtrek) is None
    ]
    punten = [p for _g, ringen in met_omtrek for ring in ringen for p in ring]
    if not punten:
        return None
    min_lon, max_lon = min(p[0] for p in punten), max(p[0] for p in punten)
    min_lat, max_lat = min(p[1] for p in punten), max(p[1] for p in punten)
    krimp = math.cos(math.radians((min_lat + max_lat) / 2))
    breedte_graden = max((max_lon - min_lon) * krimp, 1e-9)
    schaal = BREEDTE / breedte_graden
    hoogte = max(round((max_lat - min_lat) * schaal), 1)

    def xy(punt) -> tuple[float, float]:
        return (punt[0] - min_lon) * krimp * schaal, (max_lat - punt[1]) * schaal

    maximum = max([waarden.get(g.pk, 0) for g, _r in met_omtrek] + [0])
    vlakken = []
    for gebied, ringen in met_omtrek:
        delen, alle = [], []
        for ring in ringen:
            coordinaten = [xy(p) for p in ring]
            alle.extend(coordinaten)
            delen.append("M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in coordinaten) + " Z")
        waarde = waarden.get(gebied.pk, 0)
        vlakken.append(
            Vlak(
                gebied=gebied,
                pad=" ".join(delen),
                x=sum(x for x, _y in alle) / len(alle),
                y=sum(y for _x, y in alle) / len(alle),
                waarde=waarde,
                stap=min(STAPPEN - 1, math.ceil(waarde / maximum * (STAPPEN - 1)))
                if maximum
                else 0,
            )
        )
    return Kaart(vlakken=vlakken, hoogte=hoogte, maximum=maximum)
