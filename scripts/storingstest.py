"""`make storingstest`: the load test of `make loadtest` (scripts/loadtest.py) while the
database keeps dropping the app's connections: every STORINGSTEST_INTERVAL seconds (default
2) every backend of the load test's database is ended with pg_terminate_backend, as a
database restart or failover would. Requests that were using a connection fail; that is
expected. What must hold afterwards (benchmarks/belasting.py checks the database): every
write that got a 2xx is stored exactly once, no write without a 2xx is stored at all, and
every card is still there once with positions 0..n-1 in every column and on every regieteam
board. Prints the counts; fails when a check fails or when no connection was ended.
"""

import os
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent))
from loadtest import (  # noqa: E402
    DUUR,
    SESSIES,
    WORKERS,
    bouw_stad,
    controleer,
    gunicorn,
    locust,
    omgeving,
    vrije_poort,
)

INTERVAL = float(os.environ.get("STORINGSTEST_INTERVAL", "2"))


@contextmanager
def verbindingen_verbroken(database_url: str) -> Iterator[dict]:
    """While the block runs, a thread ends every connection to the database of `database_url`
    every INTERVAL seconds (its own goes to the `postgres` database); yields the counts."""
    delen = urlsplit(database_url)
    database = delen.path.lstrip("/")
    beheer = urlunsplit(delen._replace(path="/postgres"))
    storingen = {"rondes": 0, "beeindigd": 0}
    klaar = threading.Event()

    def verbreek() -> None:
        with psycopg.connect(beheer, autocommit=True) as verbinding:
            while not klaar.wait(INTERVAL):
                (beeindigd,) = verbinding.execute(
                    "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) "
                    "FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                    [database],
                ).fetchone()
                storingen["rondes"] += 1
                storingen["beeindigd"] += beeindigd

    draad = threading.Thread(target=verbreek, daemon=True)
    draad.start()
    try:
        yield storingen
    finally:
        klaar.set()
        draad.join(timeout=30)


def main() -> None:
    poort = int(os.environ.get("LOADTEST_POORT") or vrije_poort())
    werk = Path(tempfile.mkdtemp(prefix="opgavebord-storingstest-"))
    env = omgeving(werk, "_storing")
    plan, voor = bouw_stad(env, werk)
    with gunicorn(env, werk, poort):
        print(f"== every {INTERVAL:g} s: end every connection to the database", flush=True)
        with verbindingen_verbroken(env["DATABASE_URL"]) as storingen:
            totaal, geschreven = locust(env, werk, poort, plan)
    uitkomst = controleer(env, voor, geschreven)
    problemen, t = uitkomst["problemen"], uitkomst["tellingen"]

    print()
    print(f"Sessions {SESSIES}, {DUUR}, gunicorn {WORKERS} workers, {os.cpu_count()} cores")
    print(
        f"Connections ended: {storingen['beeindigd']} in {storingen['rondes']} rounds, "
        f"every {INTERVAL:g} s"
    )
    print(f"Requests: {totaal['Request Count']}, failed: {totaal['Failure Count']}")
    print(
        f"Writes sent: {t['verzonden']}; acknowledged (2xx): {t['bevestigd']}, refused (4xx): "
        f"{t['geweigerd']}, failed (5xx or no answer): {t['mislukt']}"
    )
    print(
        f"Marked writes (progress updates and edits): {t['bevestigd_gemerkt']} acknowledged, "
        f"{t['onbevestigd_gemerkt']} not"
    )
    print(f"  acknowledged, found exactly once: {t['gevonden']} of {t['bevestigd_gemerkt']}")
    print(f"  acknowledged, not found: {t['kwijt']}")
    print(f"  found more than once: {t['dubbel']}")
    print(f"  not acknowledged, found: {t['onbevestigd_gevonden']} of {t['onbevestigd_gemerkt']}")
    print(
        "Cards and positions: "
        + ("clean" if uitkomst["posities_schoon"] else "NOT clean (see below)")
    )
    print("Database check: " + ("consistent" if not problemen else "; ".join(problemen)))
    if not storingen["beeindigd"]:
        sys.exit("storingstest: no connection was ended, so nothing was tested")
    if not t["bevestigd"]:
        sys.exit(
            "storingstest: no write was acknowledged: the app never worked, or never recovered"
        )
    if problemen:
        sys.exit("storingstest: failed")


if __name__ == "__main__":
    main()
