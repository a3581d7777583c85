"""Render every page many times with the test client and measure time and queries."""

import statistics
import time
from dataclasses import asdict, dataclass

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from benchmarks import vloer
from benchmarks.paginas import paginas


@dataclass
class Meting:
    pagina: str
    url: str
    objecten: int
    queries: int
    p50_ms: float
    p95_ms: float
    vloer_p50_ms: float
    ratio: float


def _tijden(client: Client, url: str, vloer_url: str, herhalingen: int):
    """Render times of the page and of its floor, alternating, so that whatever else the
    machine does at that moment weighs on both alike."""
    for _ in range(3):  # warm up: template cache, connection, session
        _get(client, url)
        _get(client, vloer_url)
    pagina, vloer = [], []
    for _ in range(herhalingen):
        for doel, tijden in ((url, pagina), (vloer_url, vloer)):
            begin = time.perf_counter()
            _get(client, doel)
            tijden.append((time.perf_counter() - begin) * 1000)
    return pagina, vloer


def _get(client: Client, url: str):
    response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"{url} gaf {response.status_code}")
    return response


def _p(tijden: list[float], q: int) -> float:
    return statistics.quantiles(tijden, n=100, method="inclusive")[q - 1]


def query_aantallen(wereld: str) -> dict[str, int]:
    """Queries per page, for comparing the demo world with the city."""
    aantallen = {}
    for pagina in paginas(wereld):
        client = _client(pagina.gebruiker)
        _get(client, pagina.url)
        with CaptureQueriesContext(connection) as queries:
            _get(client, pagina.url)
        aantallen[pagina.naam] = len(queries)
    return aantallen


def _client(username: str) -> Client:
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


@override_settings(ROOT_URLCONF="benchmarks.vloer")
def meet(wereld: str, herhalingen: int = 30, meld=print, alleen: str = "") -> list[dict]:
    vloer.PAGINAS[:] = paginas(wereld)
    metingen = []
    for index, pagina in enumerate(vloer.PAGINAS):
        if alleen and alleen.lower() not in pagina.naam.lower():
            continue
        client = _client(pagina.gebruiker)
        _get(client, pagina.url)
        with CaptureQueriesContext(connection) as queries:
            _get(client, pagina.url)
        aantal_queries = len(queries)  # read now: every request empties the query log
        tijden, vloertijden = _tijden(client, pagina.url, f"/_vloer/{index}/", herhalingen)
        p50, vloer_p50 = statistics.median(tijden), statistics.median(vloertijden)
        meting = Meting(
            pagina=pagina.naam,
            url=pagina.url,
            objecten=vloer.vloer_rijen(pagina),
            queries=aantal_queries,
            p50_ms=round(p50, 1),
            p95_ms=round(_p(tijden, 95), 1),
            vloer_p50_ms=round(vloer_p50, 1),
            ratio=round(p50 / vloer_p50, 2),
        )
        meld(f"  {meting.pagina}: {meting.p50_ms} ms, {meting.queries} queries")
        metingen.append(asdict(meting))
    return metingen
