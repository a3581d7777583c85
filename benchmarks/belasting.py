"""The load test's two ends in the database: who plays which session, and afterwards the check
that every write that got a 2xx is there and no card was lost, duplicated or misplaced."""

import json
from collections import Counter, defaultdict

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore

from opgaven.models import Actie, Opgave, Prioriteit, Voortgangsupdate
from teams.models import Team, TeamSoort


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


def controleer(voor: dict, schrijfacties: list[dict]) -> list[str]:
    """Every problem found; an empty list means the database is consistent."""
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

    updates = Counter(
        Voortgangsupdate.objects.filter(tekst__startswith="Belastingtest ").values_list(
            "tekst", flat=True
        )
    )
    titels = defaultdict(set)
    for actie_id, titel in Actie.history.filter(titel__startswith="Belastingtest ").values_list(
        "id", "titel"
    ):
        titels[actie_id].add(titel)
    huidige = dict(Actie.objects.filter(pk__in=titels).values_list("pk", "titel"))
    bewerkt = defaultdict(set)
    for schrijf in schrijfacties:
        if schrijf["soort"] == "voortgang" and updates[schrijf["tekst"]] != 1:
            problemen.append(f"update {schrijf['tekst']!r} saved {updates[schrijf['tekst']]} times")
        if schrijf["soort"] == "bewerking":
            bewerkt[schrijf["actie"]].add(schrijf["titel"])
            if schrijf["titel"] not in titels[schrijf["actie"]]:
                problemen.append(f"edit {schrijf['titel']!r} of actie {schrijf['actie']} is lost")
    for actie_id, geslaagd in bewerkt.items():
        if huidige.get(actie_id) not in geslaagd:
            problemen.append(f"actie {actie_id} shows {huidige.get(actie_id)!r}, no saved edit")
    return problemen


def _posities(rijen) -> dict:
    per_kolom = defaultdict(list)
    for groep, kolom, positie in rijen:
        per_kolom[(groep, kolom)].append(positie)
    return per_kolom


def schrijf_json(pad: str, gegevens) -> None:
    with open(pad, "w") as bestand:
        json.dump(gegevens, bestand)
