"""`make bench`: build a demo-sized and a city-sized PostgreSQL database, render every board
in-process at both sizes, and print the table docs/benchmarks.md shows.

Runs with production settings (DEBUG off, cached templates, manifest static files); only
HTTPS is off because the test client speaks plain HTTP. Needs PostgreSQL
(BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/opgavebord_bench).
"""

import json
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
HERHALINGEN = int(os.environ.get("BENCH_HERHALINGEN", "30"))
BASIS_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/opgavebord_bench"
)


def database_url(achtervoegsel: str) -> str:
    delen = urlsplit(BASIS_URL)
    return urlunsplit(delen._replace(path=delen.path + achtervoegsel))


def nieuwe_database(url: str) -> None:
    delen = urlsplit(url)
    naam = delen.path.lstrip("/")
    beheer = urlunsplit(delen._replace(path="/postgres"))
    with psycopg.connect(beheer, autocommit=True) as verbinding:
        verbinding.execute(f'DROP DATABASE IF EXISTS "{naam}"')
        verbinding.execute(f'CREATE DATABASE "{naam}"')


def manage(env: dict, *argumenten: str) -> None:
    subprocess.run([PYTHON, "manage.py", *argumenten], cwd=ROOT, env=env, check=True)


def main() -> None:
    statisch = tempfile.mkdtemp(prefix="opgavebord-static-")
    basis = os.environ | {
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-not-secret",
        "ALLOWED_HOSTS": "testserver",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "STATIC_ROOT": statisch,
        "CONN_MAX_AGE": "60",
    }
    manage(basis | {"DATABASE_URL": "sqlite:///:memory:"}, "collectstatic", "--noinput", "-v0")
    uitkomst = Path(tempfile.mkdtemp(prefix="opgavebord-bench-"))

    demo = basis | {"DATABASE_URL": database_url("_demo")}
    print("== Demowereld", flush=True)
    nieuwe_database(demo["DATABASE_URL"])
    manage(demo, "migrate", "--noinput", "-v0")
    manage(demo, "demo")
    manage(demo, "bench", "demo", "--alleen-queries", "--uit", str(uitkomst / "demo.json"))

    schaal = basis | {"DATABASE_URL": BASIS_URL}
    print("== Stad op schaal", flush=True)
    nieuwe_database(schaal["DATABASE_URL"])
    manage(schaal, "migrate", "--noinput", "-v0")
    manage(schaal, "genereer_schaal")
    manage(schaal, "bench", "schaal", "--herhalingen", str(HERHALINGEN),
           "--uit", str(uitkomst / "schaal.json"))  # fmt: skip

    demo_queries = json.loads((uitkomst / "demo.json").read_text())
    metingen = json.loads((uitkomst / "schaal.json").read_text())
    print_tabel(metingen, demo_queries)
    te_traag = [m["pagina"] for m in metingen if m["ratio"] > 3]
    ongelijk = [m["pagina"] for m in metingen if m["queries"] != demo_queries[m["pagina"]]]
    if te_traag or ongelijk:
        sys.exit(
            "bench: "
            + (f"ratio above 3: {', '.join(te_traag)}. " if te_traag else "")
            + (f"query count differs from demo size: {', '.join(ongelijk)}." if ongelijk else "")
        )


def print_tabel(metingen: list[dict], demo_queries: dict) -> None:
    cpu = next(
        (
            regel.split(":", 1)[1].strip()
            for regel in Path("/proc/cpuinfo").read_text().splitlines()
            if regel.startswith("model name")
        ),
        platform.processor(),
    )
    print()
    print(f"Machine: {cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"PostgreSQL {postgres_versie()}; {HERHALINGEN} renders per page")  # fmt: skip
    print()
    kop = ("Page", "Objects", "Queries (demo/scale)", "p50 ms", "p95 ms", "Floor p50 ms", "Ratio")
    print("| " + " | ".join(kop) + " |")
    print("|" + "|".join("---" for _ in kop) + "|")
    for m in metingen:
        print(
            f"| {m['pagina']} | {m['objecten']} | {demo_queries[m['pagina']]} / {m['queries']} "
            f"| {m['p50_ms']:.1f} | {m['p95_ms']:.1f} | {m['vloer_p50_ms']:.1f} "
            f"| {m['ratio']:.2f} |"
        )


def postgres_versie() -> str:
    with psycopg.connect(BASIS_URL) as verbinding:
        return verbinding.execute("SHOW server_version").fetchone()[0].split()[0]


if __name__ == "__main__":
    main()
