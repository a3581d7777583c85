"""`make loadtest`: the city-scale data behind gunicorn (2 workers per core) on 127.0.0.1,
16 meeting-room sessions for 30 seconds with locust (headless, self-stopping), then a check
of the database: every write that got a 2xx is there, no card lost or duplicated, positions
consistent. Prints requests/s, p50/p95/p99 latency and the error count; fails on any 5xx,
any failed request or any inconsistency.
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


def main() -> None:
    poort = int(os.environ.get("LOADTEST_POORT") or vrije_poort())
    werk = Path(tempfile.mkdtemp(prefix="opgavebord-loadtest-"))
    env = os.environ | {
        "DEBUG": "0",
        "SECRET_KEY": "loadtest-only-not-secret",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "STATIC_ROOT": str(werk / "static"),
        "DATABASE_URL": database_url("_load"),
        "LOG_LEVEL": "WARNING",
    }
    print("== Database: the city-scale data", flush=True)
    nieuwe_database(env["DATABASE_URL"])
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "genereer_schaal")
    manage(env, "collectstatic", "--noinput", "-v0")
    plan, uit = werk / "plan.json", werk / "geschreven.json"
    plan.write_text(
        django(
            env, f"from benchmarks.belasting import sessies; print(json.dumps(sessies({SESSIES})))"
        )
    )
    voor = django(env, "from benchmarks.belasting import stand; print(json.dumps(stand()))")

    print(f"== gunicorn: {WORKERS} workers on 127.0.0.1:{poort}", flush=True)
    server = subprocess.Popen(
        [BIN / "gunicorn", "config.wsgi", "--workers", str(WORKERS), "--bind", f"127.0.0.1:{poort}",
         "--access-logfile", str(werk / "access.log"), "--error-logfile", str(werk / "error.log")],
        cwd=ROOT, env=env,
    )  # fmt: skip
    try:
        wacht_op(f"http://127.0.0.1:{poort}/health/", server)
        print(f"== locust: {SESSIES} sessions for {DUUR}", flush=True)
        subprocess.run(
            [BIN / "locust", "-f", "loadtest/locustfile.py", "--headless", "--users", str(SESSIES),
             "--spawn-rate", str(SESSIES), "--run-time", DUUR, "--host", f"http://127.0.0.1:{poort}",
             "--csv", str(werk / "locust"), "--only-summary", "--loglevel", "WARNING"],
            cwd=ROOT, env=env | {"LOADTEST_PLAN": str(plan), "LOADTEST_UIT": str(uit)}, check=False,
        )  # fmt: skip
    finally:
        server.terminate()
        server.wait(timeout=30)

    vijfhonderd = sum(
        1 for regel in (werk / "access.log").read_text().splitlines() if '" 5' in regel
    )
    with open(werk / "locust_stats.csv") as statistiek:
        totaal = next(r for r in csv.DictReader(statistiek) if r["Name"] == "Aggregated")
    geschreven = json.loads(uit.read_text())
    problemen = json.loads(django(env, (
        "from benchmarks.belasting import controleer\n"
        f"voor = json.loads({voor!r})\n"
        f"geschreven = json.loads(open({str(uit)!r}).read())\n"
        "print(json.dumps(controleer(voor, geschreven)))"
    )))  # fmt: skip

    print()
    print(f"Sessions {SESSIES}, {DUUR}, gunicorn {WORKERS} workers, {os.cpu_count()} cores")
    print(f"Requests: {totaal['Request Count']}, {float(totaal['Requests/s']):.1f} per second")
    print(f"Latency ms: p50 {totaal['50%']}, p95 {totaal['95%']}, p99 {totaal['99%']}")
    print(f"Failed requests: {totaal['Failure Count']}, of which 5xx: {vijfhonderd}")
    print(
        f"Writes with a 2xx: {len(geschreven)} checked "
        f"({sum(s['soort'] == 'voortgang' for s in geschreven)} updates, "
        f"{sum(s['soort'] == 'bewerking' for s in geschreven)} edits; moves checked by position)"
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
