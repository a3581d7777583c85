"""Concurrent writers on the SQLite quick-start database.

Run in a process of its own with DATABASE_URL=sqlite:///<file>
(tests/config/test_sqlite_schrijvers.py does): it migrates the empty file database and builds a
small world (one team of six members and their opgave). Then:

- six people save progress at the same moment: six threads each post 50 voortgangsupdates
  through the views, with the test client and so the whole middleware stack. Counted: answered
  200, refused (any other answer, such as a 500 "database is locked"), stored (different
  updates, and rows), and the longest time one post took;
- two transactions on connections of their own, as two processes would have them, both read
  and then write, the second starting while the first is under way. Counted: how many
  committed, and the errors.

It prints both as JSON.

    DEBUG=1 DATABASE_URL=sqlite:////tmp/schrijvers.db .venv/bin/python -m tests.sqlite_schrijvers
"""

import json
import logging
import os
import threading
import time

import django

SCHRIJVERS = 6
UPDATES_PER_SCHRIJVER = 50


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor != "sqlite":
        raise SystemExit("tests.sqlite_schrijvers: DATABASE_URL must name a SQLite file")
    call_command("migrate", verbosity=0)
    logging.disable(logging.CRITICAL)  # what matters is counted; no traceback per refusal
    print(json.dumps({"views": schrijf_tegelijk(), "transacties": lezen_dan_schrijven()}))


def schrijf_tegelijk() -> dict:
    """Every writer posts its updates at the same time; the counts of what happened."""
    from django.db import connection
    from django.test import Client

    from opgaven.models import Voortgangsupdate
    from tests.factories import LidmaatschapFactory, OpgaveFactory

    opgave = OpgaveFactory()
    clients = []
    for _ in range(SCHRIJVERS):
        client = Client(HTTP_HOST="localhost", raise_request_exception=False)
        # Signed in without a password, so none is hashed (at PBKDF2's full cost, 0.3 s each).
        lid = LidmaatschapFactory(team=opgave.team, rol="trekker", user__password=None)
        client.force_login(lid.user)
        clients.append(client)
    start = threading.Barrier(SCHRIJVERS)
    beantwoord: list[int] = []
    geweigerd: list[str] = []
    duur: list[float] = []

    def schrijf(nummer: int, client: Client) -> None:
        start.wait()
        try:
            for update in range(UPDATES_PER_SCHRIJVER):
                begin = time.monotonic()
                response = client.post(
                    f"/opgaven/{opgave.pk}/voortgang/",
                    {"status": "op_koers", "datum": "2026-12-01", "tekst": f"{nummer}/{update}"},
                    headers={"HX-Request": "true"},
                )
                duur.append(time.monotonic() - begin)
                if response.status_code == 200:
                    beantwoord.append(nummer)
                else:
                    fout = response.exc_info[1] if response.exc_info else ""
                    geweigerd.append(f"{response.status_code} {fout}")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=schrijf, args=(nummer, client))
        for nummer, client in enumerate(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    teksten = list(Voortgangsupdate.objects.filter(opgave=opgave).values_list("tekst", flat=True))
    return {
        "gepost": SCHRIJVERS * UPDATES_PER_SCHRIJVER,
        "beantwoord": len(beantwoord),
        "geweigerd": len(geweigerd),
        "opgeslagen": len(set(teksten)),
        "rijen": len(teksten),
        "fouten": sorted(set(geweigerd))[:5],
        "langste_post_s": round(max(duur), 1),
    }


def lezen_dan_schrijven() -> dict:
    """Two transactions that read, then write. Unless each takes the write lock as it begins
    (BEGIN IMMEDIATE), SQLite refuses one of them at once with "database is locked": the
    busy timeout cannot help a transaction whose snapshot another has since changed."""
    from django.db import DatabaseError, connection, transaction

    from opgaven.models import Opgave

    opgave = Opgave.objects.get()
    eerste_leest = threading.Event()
    gelukt: list[str] = []
    fouten: list[str] = []

    def eerste() -> None:
        try:
            with transaction.atomic():
                Opgave.objects.count()
                eerste_leest.set()
                time.sleep(0.5)  # the second transaction starts meanwhile
                Opgave.objects.filter(pk=opgave.pk).update(titel="Eerste")
            gelukt.append("eerste")
        except DatabaseError as fout:
            fouten.append(f"eerste: {fout}")
        finally:
            eerste_leest.set()
            connection.close()

    def tweede() -> None:
        eerste_leest.wait()
        try:
            with transaction.atomic():
                Opgave.objects.count()
                Opgave.objects.filter(pk=opgave.pk).update(titel="Tweede")
            gelukt.append("tweede")
        except DatabaseError as fout:
            fouten.append(f"tweede: {fout}")
        finally:
            connection.close()

    threads = [threading.Thread(target=eerste), threading.Thread(target=tweede)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {"gelukt": sorted(gelukt), "fouten": fouten}


if __name__ == "__main__":
    main()
