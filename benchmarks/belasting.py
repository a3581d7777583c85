"""The load test's two ends in the database: who plays which session, and afterwards the check
that every write that got a 2xx is there and no card was lost, duplicated or misplaced."""

import json
from collections import Counter, defaultdict

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore

from opgaven.models import Actie, Opgave, Prioriteit, Voortgangsupdate
from teams.models import Team, TeamSoort

# The load test's progress updates and edited titles start with this and end in a uuid.
MERK = "Belastingtest "
# The writes that carry a marker, what the check calls them, and the field holding the marker.
GEMERKT = {"voortgang": "update", "bewerking": "edit"}
MERK_VAN = {"voortgang": "tekst", "bewerking": "titel"}
# Writes sent; by outcome; marked writes acknowledged or not; acknowledged ones found exactly
# once or not at all; marked writes found more than once; unacknowledged ones found at all.
TELLINGEN = ["verzonden", "bevestigd", "geweigerd", "mislukt", "bevestigd_gemerkt"]
TELLINGEN += ["onbevestigd_gemerkt", "gevonden", "kwijt", "dubbel", "onbevestigd_gevonden"]


def sessies(aantal: int) -> list[dict]:
    """`aantal` sessions: a quarter regieteam members on their board, the rest team members
    on their own opgaven (from the city-scale data, users `schaal-...`)."""
    User = get_user_model()
    regie = []
    for team in Team.objects.filter(soort=TeamSoort.REGIETEAM, slug__startswith="schaal-"):
        regie += [
            {"gebruiker": user.username, "regieteam": team.slug}
            for user in team.leden.order_by("username")[:2]
        ]
    leden = []
    for user in User.objects.filter(username__startswith="schaal-").order_by("username"):
        opgaven = list(
            Opgave.objects.filter(team__leden=user, team__soort=TeamSoort.OPGAVETEAM)
            .order_by("pk")
            .values_list("pk", flat=True)[:3]
        )
        if opgaven:
            leden.append({"gebruiker": user.username, "opgaven": opgaven})
    aantal_regie = max(1, aantal // 4)
    gekozen = regie[:aantal_regie] + leden[: aantal - aantal_regie]
    for sessie in gekozen:
        sessie["sessie"] = _aangemeld(User.objects.get(username=sessie["gebruiker"]))
    return gekozen


def _aangemeld(user) -> str:
    """A signed-in session for `user`, as the login view would leave it: the people in the
    meeting signed in before it started, so the load test measures the meeting, not logins."""
    sessie = SessionStore()
    sessie[SESSION_KEY] = str(user.pk)
    sessie[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    sessie[HASH_SESSION_KEY] = user.get_session_auth_hash()
    sessie.create()
    return sessie.session_key


def stand() -> dict:
    """What the check compares against: the cards per opgave and the regieteam boards."""
    return {
        "acties": sorted(Actie.objects.values_list("pk", flat=True)),
        "prioriteiten": Prioriteit.objects.count(),
    }


def controleer(voor: dict, schrijfacties: list[dict]) -> dict:
    """What the database shows of the load test: `problemen` lists every problem found (empty:
    consistent), `tellingen` counts the writes by outcome and what was found of them.

    `schrijfacties` are the writes the load test sent, each with its outcome (`uitkomst`:
    "bevestigd" for a 2xx, "geweigerd" for a 4xx such as a 409, "mislukt" for a 5xx or no
    answer). A progress update and an edit carry a unique marker (the text, the title): every
    acknowledged one must be stored exactly once, and no other one at all. Moves carry none:
    they are checked by the cards and their positions."""
    posities = _kaartproblemen(voor)
    problemen = list(posities)
    tellingen = dict.fromkeys(TELLINGEN, 0) | {"verzonden": len(schrijfacties)}
    for schrijf in schrijfacties:
        tellingen[schrijf["uitkomst"]] += 1
    gemerkt = [schrijf for schrijf in schrijfacties if schrijf["soort"] in GEMERKT]
    for schrijf, keer in zip(gemerkt, _keer_opgeslagen(gemerkt), strict=True):
        bevestigd = schrijf["uitkomst"] == "bevestigd"
        tellingen["bevestigd_gemerkt" if bevestigd else "onbevestigd_gemerkt"] += 1
        wat = f"{GEMERKT[schrijf['soort']]} {schrijf[MERK_VAN[schrijf['soort']]]!r}"
        if keer > 1:
            tellingen["dubbel"] += 1
            problemen.append(f"{wat} saved {keer} times")
        if bevestigd and keer == 1:
            tellingen["gevonden"] += 1
        elif bevestigd and keer == 0:
            tellingen["kwijt"] += 1
            problemen.append(f"{wat} got a {schrijf['status']} but is not saved")
        elif not bevestigd and keer > 0:
            tellingen["onbevestigd_gevonden"] += 1
            problemen.append(f"{wat} got a {schrijf['status']} but is saved")
    problemen += _titels_zonder_bevestiging(gemerkt)
    return {"problemen": problemen, "tellingen": tellingen, "posities_schoon": not posities}


def _kaartproblemen(voor: dict) -> list[str]:
    """Cards lost or duplicated, and positions that are not 0..n-1 in a column or on a
    regieteam board."""
    problemen = []
    if sorted(Actie.objects.values_list("pk", flat=True)) != voor["acties"]:
        problemen.append("the set of acties changed: a card was lost or duplicated")
    for (opgave, kolom), posities in _posities(Actie.objects.values_list(
        "opgave_id", "kolom", "positie"
    )).items():  # fmt: skip
        if sorted(posities) != list(range(len(posities))):
            problemen.append(f"opgave {opgave}, column {kolom}: positions {sorted(posities)}")
    if Prioriteit.objects.count() != voor["prioriteiten"]:
        problemen.append("the number of priorities changed")
    for regieteam, posities in _posities(
        (r, None, p) for r, p in Prioriteit.objects.values_list("regieteam_id", "positie")
    ).items():
        if sorted(posities) != list(range(len(posities))):
            problemen.append(f"regieteam {regieteam[0]}: positions not 0..n-1")
    per_bord = Counter(Prioriteit.objects.values_list("opgave_id", "regieteam_id"))
    dubbel = [sleutel for sleutel, aantal in per_bord.items() if aantal > 1]
    if dubbel:
        problemen.append(f"opgaven twice on a regieteam board: {dubbel}")
    return problemen


def _keer_opgeslagen(gemerkt: list[dict]) -> list[int]:
    """How many times each marked write is in the database: a progress update as a row with
    its text; an edit as a change of its actie's title to its title, in the actie's history
    (a later save of the actie copies the title into history again, but changes nothing)."""
    updates = Counter(
        Voortgangsupdate.objects.filter(tekst__startswith=MERK).values_list("tekst", flat=True)
    )
    wissels = Counter()
    vorige = {}
    acties = {schrijf["actie"] for schrijf in gemerkt if schrijf["soort"] == "bewerking"}
    for actie_id, titel in (
        Actie.history.filter(id__in=acties).order_by("history_id").values_list("id", "titel")
    ):
        if vorige.get(actie_id) != titel:
            wissels[(actie_id, titel)] += 1
        vorige[actie_id] = titel
    return [
        updates[schrijf["tekst"]]
        if schrijf["soort"] == "voortgang"
        else wissels[(schrijf["actie"], schrijf["titel"])]
        for schrijf in gemerkt
    ]


def _titels_zonder_bevestiging(gemerkt: list[dict]) -> list[str]:
    """An actie edited with a 2xx must show the title of one of those edits."""
    bevestigd = defaultdict(set)
    for schrijf in gemerkt:
        if schrijf["soort"] == "bewerking" and schrijf["uitkomst"] == "bevestigd":
            bevestigd[schrijf["actie"]].add(schrijf["titel"])
    huidige = dict(Actie.objects.filter(pk__in=bevestigd).values_list("pk", "titel"))
    return [
        f"actie {actie_id} shows {huidige.get(actie_id)!r}, no acknowledged edit"
        for actie_id, titels in bevestigd.items()
        if huidige.get(actie_id) not in titels
    ]


def _posities(rijen) -> dict:
    per_kolom = defaultdict(list)
    for groep, kolom, positie in rijen:
        per_kolom[(groep, kolom)].append(positie)
    return per_kolom


def schrijf_json(pad: str, gegevens) -> None:
    with open(pad, "w") as bestand:
        json.dump(gegevens, bestand)
