"""Realistic meeting-room sessions against a running Opgavebord (see scripts/loadtest.py).

Each simulated user is one of the planned users, already signed in (the script made the
sessions), and works on its board: 80% reads
(the board, and mostly the 4-second change check that open boards make) and 20% writes
(moving a card, editing a card in place, adding a progress update; regieteam members move
their priorities). Every write is written down with its outcome for the database check
afterwards (benchmarks/belasting.py); a progress update's text and an edit's title end in a
uuid, so the check can tell whether that very write was stored. A 409 (someone else changed
the board or card first) is the app doing its job, not an error.
"""

import datetime
import json
import os
import random
import re
import uuid
from html.parser import HTMLParser
from itertools import count
from pathlib import Path

from locust import HttpUser, between, events, task

PLAN = json.loads(Path(os.environ["LOADTEST_PLAN"]).read_text())
GESCHREVEN: list[dict] = []
# Seconds a write may take before it counts as failed (no answer).
TIJDSLIMIET = float(os.environ.get("LOADTEST_TIJDSLIMIET", "30"))
VOLGNUMMER = count()
HTMX = {"HX-Request": "true"}


class Formulier(HTMLParser):
    """The values of the edit form as the browser would send them back."""

    def __init__(self):
        super().__init__()
        self.velden, self._select, self._textarea = {}, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "input" and a.get("name") and a.get("type") not in {"submit", "checkbox"}:
            self.velden[a["name"]] = a.get("value") or ""
        elif tag == "select":
            self._select = a.get("name")
            self.velden.setdefault(self._select, "")
        elif tag == "option" and self._select and "selected" in a:
            self.velden[self._select] = a.get("value") or ""
        elif tag == "textarea":
            self._textarea = a.get("name")
            self.velden[self._textarea] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.velden[self._textarea] += data


class Vergadering(HttpUser):
    wait_time = between(0.2, 1.0)

    def on_start(self):
        self.plan = PLAN[next(VOLGNUMMER) % len(PLAN)]
        host = self.host.split("//", 1)[1].split(":")[0]
        self.client.cookies.set("sessionid", self.plan["sessie"], domain=host)
        self.stand = None
        self.kaarten: list[tuple[int, str]] = []  # (actie or opgave id, column)
        self.bord = self._bord_url()
        self.lees_bord()

    def _headers(self) -> dict:
        return {**HTMX, "X-CSRFToken": self.client.cookies.get("csrftoken", "")}

    def _bord_url(self) -> str:
        if "regieteam" in self.plan:
            return f"/teams/{self.plan['regieteam']}/bord/"
        return f"/opgaven/{random.choice(self.plan['opgaven'])}/"

    def _onthoud(self, html: str) -> None:
        gevonden = re.search(r"\?sinds=([\w.]+)", html)
        self.stand = gevonden.group(1) if gevonden else self.stand
        if "regieteam" in self.plan:
            self.kaarten = [
                (int(i), "")
                for i in re.findall(r'class="ob-card ob-prioriteit" data-id="(\d+)"', html)
            ]
        else:
            kolommen = re.split(r'data-kolom="(\w+)"', html)
            self.kaarten = [
                (int(i), kolom)
                for kolom, stuk in zip(kolommen[1::2], kolommen[2::2], strict=False)
                for i in re.findall(r'class="ob-card ob-actie" id="actie-(\d+)"', stuk)
            ]

    # Reads: 80% -------------------------------------------------------------------------

    @task(20)
    def lees_bord(self):
        if "opgaven" in self.plan and random.random() < 0.3:
            self.bord = self._bord_url()
            # The cards and state were the last board's; if this read fails, none are known.
            self.kaarten, self.stand = [], None
        with self.client.get(self.bord, name="board", catch_response=True) as antwoord:
            if antwoord.status_code == 200:
                self._onthoud(antwoord.text)

    @task(60)
    def wijzigingscheck(self):
        if self.stand is None:
            return self.lees_bord()
        with self.client.get(
            f"{self.bord}?sinds={self.stand}",
            headers=HTMX,
            name="change check",
            catch_response=True,
        ) as antwoord:
            if antwoord.status_code == 200:
                self._onthoud(antwoord.text)

    # Writes: 20% ------------------------------------------------------------------------

    @task(8)
    def verplaats(self):
        if not self.kaarten:
            return
        kaart, kolom = random.choice(self.kaarten)
        if "regieteam" in self.plan:
            anderen = [k for k, _ in self.kaarten if k != kaart]
            gegevens = {"opgave": kaart, "na": random.choice(anderen + [""]) if anderen else ""}
            url = f"/teams/{self.plan['regieteam']}/bord/verplaats/"
        else:
            doel = random.choice(["idee", "te_doen", "bezig", "klaar"])
            anderen = [k for k, c in self.kaarten if c == doel and k != kaart]
            gegevens = {"kolom": doel, "na": random.choice(anderen + [""]) if anderen else ""}
            url = f"{self.bord}acties/{kaart}/verplaatsen/"
        self._schrijf(url, gegevens, "move", {"soort": "verplaatsing"})

    @task(6)
    def bewerk(self):
        if "regieteam" in self.plan or not self.kaarten:
            return self.verplaats()
        kaart, _kolom = random.choice(self.kaarten)
        url = f"{self.bord}acties/{kaart}/bewerken/"
        formulier = self.client.get(url, headers=HTMX, name="edit form")
        if formulier.status_code != 200:
            return
        lezer = Formulier()
        lezer.feed(formulier.text)
        titel = f"Belastingtest {uuid.uuid4().hex}"
        gegevens = {**lezer.velden, "titel": titel}
        bewerking = {"soort": "bewerking", "actie": kaart, "titel": titel}
        self._schrijf(url, gegevens, "inline edit", bewerking)

    @task(6)
    def voortgang(self):
        if "regieteam" in self.plan:
            return self.verplaats()
        tekst = f"Belastingtest {uuid.uuid4().hex}"
        gegevens = {
            "status": random.choice(["op_koers", "aandacht", "zorg"]),
            "datum": datetime.date.today().isoformat(),
            "tekst": tekst,
        }
        update = {"soort": "voortgang", "tekst": tekst}
        self._schrijf(f"{self.bord}voortgang/", gegevens, "progress update", update)

    def _schrijf(self, url: str, gegevens: dict, naam: str, schrijfactie: dict) -> None:
        """Post a write and write it down with its outcome: "bevestigd" (a 2xx), "geweigerd"
        (a 4xx: the app refused it and stored nothing) or "mislukt" (a 5xx, or status 0: no
        answer, the connection refused or reset, or TIJDSLIMIET passed)."""
        with self.client.post(
            url,
            gegevens,
            headers=self._headers(),
            name=naam,
            catch_response=True,
            timeout=TIJDSLIMIET,
        ) as antwoord:
            status = antwoord.status_code
            if status == 409:
                antwoord.success()  # someone else was first: the app said so, nothing lost
            elif 200 <= status < 300:
                self._onthoud(antwoord.text)
            else:
                antwoord.failure(f"{status}")
        GESCHREVEN.append(schrijfactie | {"status": status, "uitkomst": _uitkomst(status)})


def _uitkomst(status: int) -> str:
    if 200 <= status < 300:
        return "bevestigd"
    return "geweigerd" if 400 <= status < 500 else "mislukt"


@events.test_stop.add_listener
def bewaar(environment, **kwargs):
    with open(os.environ["LOADTEST_UIT"], "w") as bestand:
        json.dump(GESCHREVEN, bestand)
