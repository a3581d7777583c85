"""`make loadtest`: the city-scale data behind gunicorn (2 workers per core) on 127.0.0.1,
16 meeting-room sessions for 30 seconds with locust (headless, self-stopping), then a check
of the database: every write that got a 2xx is there exactly once, no write without one is
there, no card lost or duplicated, positions consistent. Prints requests/s, p50/p95/p99
latency and the error count; fails on any 5xx, any failed request or any inconsistency.

Its steps are also the steps of `make storingstest` (scripts/storingstest.py).
"""

import csv
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import database_url, manage, nieuwe_database  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SESSIES = int(os.environ.get("LOADTEST_SESSIES", "16"))
DUUR = os.environ.get("LOADTEST_DUUR", "30s")
WORKERS = 2 * (os.cpu_count() or 1)


def django(env: dict, code: str) -> str:
    """Run Python with Django set up, in the project, and return what it printed."""
    voorloop = "import django, json; django.setup()\n"
    return subprocess.run(
        [sys.executable, "-c", voorloop + code],
        cwd=ROOT, env=env | {"DJANGO_SETTINGS_MODULE": "config.settings"},
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip


def vrije_poort() -> int:
    with socket.socket() as proef:
        proef.bind(("127.0.0.1", 0))
        return proef.getsockname()[1]


def omgeving(werk: Path, achtervoegsel: str) -> dict:
    """Production settings minus HTTPS, on the database BENCH_DATABASE_URL + `achtervoegsel`."""
    return os.environ | {
        "DEBUG": "0",
        "SECRET_KEY": "loadtest-only-not-secret",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "STATIC_ROOT": str(werk / "static"),
        "DATABASE_URL": database_url(achtervoegsel),
        "LOG_LEVEL": "WARNING",
    }


def bouw_stad(env: dict, werk: Path) -> tuple[Path, str]:
    """A new database with the city-scale data; the sessions' plan (a file) and the state of
    the boards before the test (JSON), for the check afterwards."""
    print("== Database: the city-scale data", flush=True)
    nieuwe_database(env["DATABASE_URL"])
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "genereer_schaal")
    manage(env, "collectstatic", "--noinput", "-v0")
    plan = werk / "plan.json"
    plan.write_text(
        django(
            env, f"from benchmarks.belasting import sessies; print(json.dumps(sessies({SESSIES})))"
        )
    )
    return plan, django(env, "from benchmarks.belasting import stand; print(json.dumps(stand()))")


@contextmanager
def gunicorn(env: dict, werk: Path, poort: int) -> Iterator[None]:
    """The app behind gunicorn on 127.0.0.1:`poort`, answering /health/, until the block ends;
    its logs (gunicorn's, and the app's on stderr) go to `werk`."""
    print(f"== gunicorn: {WORKERS} workers on 127.0.0.1:{poort}, logs in {werk}", flush=True)
    with open(werk / "app.log", "w") as app_log:
        server = subprocess.Popen(
            [BIN / "gunicorn", "config.wsgi", "--workers", str(WORKERS),
             "--bind", f"127.0.0.1:{poort}", "--access-logfile", str(werk / "access.log"),
             "--error-logfile", str(werk / "error.log")],
            cwd=ROOT, env=env, stderr=app_log,
        )  # fmt: skip
        try:
            wacht_op(f"http://127.0.0.1:{poort}/health/", server)
            yield
        finally:
            server.terminate()
            server.wait(timeout=30)


def locust(env: dict, werk: Path, poort: int, plan: Path) -> tuple[dict, Path]:
    """Run the sessions for DUUR; locust's aggregated statistics, and the file that lists every
    write it sent with its outcome."""
    print(f"== locust: {SESSIES} sessions for {DUUR}", flush=True)
    uit = werk / "geschreven.json"
    subprocess.run(
        [BIN / "locust", "-f", "loadtest/locustfile.py", "--headless", "--users", str(SESSIES),
         "--spawn-rate", str(SESSIES), "--run-time", DUUR, "--host", f"http://127.0.0.1:{poort}",
         "--csv", str(werk / "locust"), "--only-summary", "--loglevel", "WARNING"],
        cwd=ROOT, env=env | {"LOADTEST_PLAN": str(plan), "LOADTEST_UIT": str(uit)}, check=False,
    )  # fmt: skip
    with open(werk / "locust_stats.csv") as statistiek:
        totaal = next(r for r in csv.DictReader(statistiek) if r["Name"] == "Aggregated")
    return totaal, uit


def controleer(env: dict, voor: str, geschreven: Path) -> dict:
    """benchmarks.belasting.controleer on the database: its problems and counts."""
    return json.loads(django(env, (
        "from benchmarks.belasting import controleer\n"
        f"voor = json.loads({voor!r})\n"
        f"geschreven = json.loads(open({str(geschreven)!r}).read())\n"
        "print(json.dumps(controleer(voor, geschreven)))"
    )))  # fmt: skip


def main() -> None:
    poort = int(os.environ.get("LOADTEST_POORT") or vrije_poort())
    werk = Path(tempfile.mkdtemp(prefix="opgavebord-loadtest-"))
    env = omgeving(werk, "_load")
    plan, voor = bouw_stad(env, werk)
    with gunicorn(env, werk, poort):
        totaal, geschreven = locust(env, werk, poort, plan)
    vijfhonderd = sum(
        1 for regel in (werk / "access.log").read_text().splitlines() if '" 5' in regel
    )
    uitkomst = controleer(env, voor, geschreven)
    problemen, tellingen = uitkomst["problemen"], uitkomst["tellingen"]

    print()
    print(f"Sessions {SESSIES}, {DUUR}, gunicorn {WORKERS} workers, {os.cpu_count()} cores")
    print(f"Requests: {totaal['Request Count']}, {float(totaal['Requests/s']):.1f} per second")
    print(f"Latency ms: p50 {totaal['50%']}, p95 {totaal['95%']}, p99 {totaal['99%']}")
    print(f"Failed requests: {totaal['Failure Count']}, of which 5xx: {vijfhonderd}")
    print(
        f"Writes with a 2xx: {tellingen['bevestigd']}, of which {tellingen['bevestigd_gemerkt']} "
        f"progress updates and edits, found exactly once: {tellingen['gevonden']} (moves are "
        "checked by position)"
    )
    print("Database check: " + ("consistent" if not problemen else "; ".join(problemen)))
    if problemen or vijfhonderd or int(totaal["Failure Count"]):
        sys.exit("loadtest: failed")


def wacht_op(url: str, server: subprocess.Popen) -> None:
    for _ in range(60):
        if server.poll() is not None:
            sys.exit(f"loadtest: gunicorn stopped (exit {server.returncode})")
        try:
            with urllib.request.urlopen(url, timeout=2) as antwoord:
                if antwoord.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    sys.exit(f"loadtest: {url} did not answer")


if __name__ == "__main__":
    main()
