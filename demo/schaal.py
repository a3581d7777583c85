"""A city-sized data set for benchmarks and load tests, built deterministically from a seed.

The defaults are a city like Amsterdam: 8 stadsdelen, 22 gebieden, 100 wijken, 480 buurten,
40 teams, 300 opgaven landing in several gebieden each, 20,000 acties, 3,000 belemmeringen,
5,000 voortgangsupdates and 1,000 waardenchecks. Everything is written with bulk inserts
(history rows included where the app reads history), so it takes a minute or two on
PostgreSQL. Two places are deliberately large, because the benchmark needs them: the first
stadsdeel's regieteam has `kaarten` opgaven on its board, and the first opgave has
`grootste_bord` acties.

Codes start with "S" ("S1", "S1G1", "S1G1W01", ...), so the data never collides with the
demo world. Users are called `schaal-regie`, `schaal-lid`, `schaal-coordinator` and
`schaal-NNN`, all with password "demo". Never run this on production.
"""

import datetime
import random
from collections.abc import Callable
from dataclasses import dataclass, fields

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from demo.demowereld import zaai_themas
from gebieden.models import Gebied, Niveau
from opgaven.models import (
    Aanvliegroute,
    Actie,
    ActieSoort,
    Belemmering,
    BelemmeringStatus,
    Ernst,
    Escalatieniveau,
    Kolom,
    LokaleStatus,
    Melding,
    MeldingSoort,
    Mijlpaal,
    Opgave,
    OpgaveGebied,
    OpgaveGroupObjectPermission,
    OpgaveStatus,
    Prioriteit,
    Urgentie,
    VoortgangStatus,
    Voortgangsupdate,
)
from teams.models import (
    COORDINATOREN_GROEP,
    Discipline,
    Lidmaatschap,
    Rol,
    Team,
    TeamSoort,
    Waarde,
    Waardencheck,
    WaardeScore,
)

WACHTWOORD = "demo"
BATCH = 2000

WOORDEN = (
    "buurt", "jongeren", "energie", "schulden", "veiligheid", "groen", "school", "zorg",
    "wonen", "werk", "speeltuin", "plein", "portiek", "huurders", "ouderen", "taal",
    "sport", "markt", "geluid", "afval", "fiets", "water", "warmte", "isolatie",
)  # fmt: skip
WERKWOORDEN = (
    "Versterken", "Verbeteren", "Opzetten", "Verkennen", "Verduurzamen", "Ondersteunen",
    "Aanpakken", "Verbinden", "Uitbreiden", "Toetsen",
)  # fmt: skip
DISCIPLINES = (
    "Wijkregisseur", "Jeugdwerker", "Wijkagent", "Woonconsulent", "Schuldhulpverlener",
    "Energiecoach", "Opbouwwerker", "Beleidsadviseur",
)  # fmt: skip
ORGANISATIES = ("Gemeente", "Woningcorporatie", "Politie", "Welzijnsorganisatie", "GGD")


@dataclass
class Schaal:
    """How big the world gets. `voor(stadsdelen)` scales the city defaults linearly."""

    stadsdelen: int = 8
    gebieden: int = 22
    wijken: int = 100
    buurten: int = 480
    teams: int = 40
    opgaven: int = 300
    kaarten: int = 200
    acties: int = 20_000
    grootste_bord: int = 200
    belemmeringen: int = 3_000
    voortgangsupdates: int = 5_000
    waardenchecks: int = 1_000
    meldingen: int = 120

    @classmethod
    def voor(cls, stadsdelen: int, **overrides) -> "Schaal":
        factor = stadsdelen / cls.stadsdelen
        waarden = {
            veld.name: max(1, round(veld.default * factor))
            for veld in fields(cls)
            if veld.name not in {"stadsdelen", "kaarten", "grootste_bord"}
        }
        waarden["gebieden"] = max(waarden["gebieden"], stadsdelen)
        waarden["wijken"] = max(waarden["wijken"], waarden["gebieden"])
        waarden["buurten"] = max(waarden["buurten"], waarden["wijken"])
        waarden["teams"] = max(waarden["teams"], stadsdelen + 1)
        waarden["kaarten"] = min(cls.kaarten, waarden["opgaven"])
        waarden["grootste_bord"] = min(cls.grootste_bord, waarden["acties"])
        waarden.update({k: v for k, v in overrides.items() if v is not None})
        return cls(stadsdelen=stadsdelen, **waarden)


def _verdeel(totaal: int, over: int) -> list[int]:
    """`totaal` split over `over` parts as evenly as possible."""
    basis, rest = divmod(totaal, over)
    return [basis + (1 if i < rest else 0) for i in range(over)]


def _rechthoek(west: float, zuid: float, breedte: float, hoogte: float) -> dict:
    oost, noord = west + breedte, zuid + hoogte
    ring = [[west, zuid], [oost, zuid], [oost, noord], [west, noord], [west, zuid]]
    return {"type": "Polygon", "coordinates": [[[round(x, 6), round(y, 6)] for x, y in ring]]}


class SchaalWereld:
    """Builds the world in steps, reporting progress through `meld`."""

    def __init__(self, schaal: Schaal, *, seed: int = 2026, meld: Callable[[str], None] = print):
        self.schaal = schaal
        self.rng = random.Random(seed)
        self.meld = meld
        self.vandaag = timezone.localdate()
        self.nu = timezone.now()

    def dag(self, offset: int) -> datetime.date:
        return self.vandaag + datetime.timedelta(days=offset)

    def titel(self) -> str:
        woorden = self.rng.sample(WOORDEN, 2)
        return f"{self.rng.choice(WERKWOORDEN)} {woorden[0]} en {woorden[1]}"

    @staticmethod
    def bestaat() -> bool:
        return Gebied.objects.filter(code="S1").exists()

    @transaction.atomic
    def bouw(self) -> None:
        if self.bestaat():
            raise ValueError("Er staat al schaaldata in deze database (gebied S1).")
        self._gebieden()
        self._gebruikers()
        self._teams()
        self._opgaven()
        self._acties()
        self._mijlpalen_en_voortgang()
        self._belemmeringen()
        self._meldingen()
        self._waardenchecks()

    # Gebieden -------------------------------------------------------------------------

    def _gebieden(self) -> None:
        s = self.schaal
        kolommen = 4
        self.stadsdelen: list[Gebied] = []
        self.buurten_per_stadsdeel: dict[int, list[Gebied]] = {}
        self.wijken_per_stadsdeel: dict[int, list[Gebied]] = {}
        rijen: list[Gebied] = []

        def nieuw(code, naam, niveau, ouder, omtrek):
            gebied = Gebied(
                code=code,
                naam=naam,
                niveau=niveau,
                ouder=ouder,
                omtrek=omtrek,
                pad=f"{ouder.pad if ouder else '/'}{code}/",
                begin_geldigheid=datetime.date(2022, 3, 24),
            )
            rijen.append(gebied)
            return gebied

        # Bulk inserts need the parents' primary keys first, so insert level by level.
        breedte, hoogte = 0.08, 0.05
        for i in range(s.stadsdelen):
            west = 4.75 + (i % kolommen) * breedte
            zuid = 52.30 + (i // kolommen) * hoogte
            self.stadsdelen.append(
                nieuw(
                    f"S{i + 1}",
                    f"Stadsdeel {i + 1}",
                    Niveau.STADSDEEL,
                    None,
                    _rechthoek(west, zuid, breedte, hoogte),
                )  # fmt: skip
            )
        Gebied.objects.bulk_create(rijen)
        gebieden = self._onderverdeel(self.stadsdelen, s.gebieden, Niveau.GEBIED, "G", nieuw, rijen)
        wijken = self._onderverdeel(gebieden, s.wijken, Niveau.WIJK, "W", nieuw, rijen)
        buurten = self._onderverdeel(wijken, s.buurten, Niveau.BUURT, "B", nieuw, rijen)
        for index, stadsdeel in enumerate(self.stadsdelen):
            self.wijken_per_stadsdeel[index] = [
                w for w in wijken if w.pad.startswith(stadsdeel.pad)
            ]
            self.buurten_per_stadsdeel[index] = [
                b for b in buurten if b.pad.startswith(stadsdeel.pad)
            ]
        self.meld(
            f"Gebieden: {len(self.stadsdelen)} stadsdelen, {len(gebieden)} gebieden, "
            f"{len(wijken)} wijken, {len(buurten)} buurten"
        )

    def _onderverdeel(self, ouders, aantal, niveau, letter, nieuw, rijen) -> list[Gebied]:
        rijen.clear()
        kinderen = []
        for ouder, n in zip(ouders, _verdeel(aantal, len(ouders)), strict=True):
            (west, zuid), (oost, noord) = (
                ouder.omtrek["coordinates"][0][0],
                ouder.omtrek["coordinates"][0][2],
            )
            stap = (oost - west) / max(n, 1)
            for j in range(n):
                code = f"{ouder.code}{letter}{j + 1:02d}"
                naam = f"{niveau.label} {ouder.naam.split()[-1]}.{j + 1}"
                kinderen.append(
                    nieuw(
                        code,
                        naam,
                        niveau,
                        ouder,
                        _rechthoek(west + j * stap, zuid, stap, noord - zuid),
                    )  # fmt: skip
                )
        Gebied.objects.bulk_create(rijen)
        return kinderen

    # Gebruikers en teams --------------------------------------------------------------

    def _gebruikers(self) -> None:
        User = get_user_model()
        wachtwoord = make_password(WACHTWOORD)
        namen = ["schaal-regie", "schaal-lid", "schaal-coordinator"]
        namen += [f"schaal-{i:03d}" for i in range(1, self.schaal.teams * 7 + 1)]
        User.objects.bulk_create(
            User(
                username=naam,
                password=wachtwoord,
                first_name=naam.split("-")[1].capitalize(),
                last_name="Schaal",
                email=f"{naam}@schaal.opgavebord.invalid",
            )
            for naam in namen
        )
        self.gebruikers = list(User.objects.filter(username__startswith="schaal-").order_by("pk"))
        per_naam = {user.username: user for user in self.gebruikers}
        self.regie, self.lid = per_naam["schaal-regie"], per_naam["schaal-lid"]
        coordinatoren, _ = Group.objects.get_or_create(name=COORDINATOREN_GROEP)
        per_naam["schaal-coordinator"].groups.add(coordinatoren)
        self.overigen = [u for u in self.gebruikers if u.username[7:].isdigit()]
        self.meld(f"Gebruikers: {len(self.gebruikers)}")

    def _teams(self) -> None:
        s = self.schaal
        disciplines = [Discipline.objects.get_or_create(naam=naam)[0] for naam in DISCIPLINES]
        groepen = Group.objects.bulk_create(
            Group(name=f"team:schaal-{i + 1:02d}") for i in range(s.teams)
        )
        teams = []
        for i, groep in enumerate(groepen):
            regie = i < s.stadsdelen
            teams.append(
                Team(
                    naam=(
                        f"Regieteam stadsdeel {i + 1}"
                        if regie
                        else f"Opgaveteam {i + 1 - s.stadsdelen}"
                    ),  # fmt: skip
                    slug=f"schaal-{i + 1:02d}",
                    soort=TeamSoort.REGIETEAM if regie else TeamSoort.OPGAVETEAM,
                    gebied=self.stadsdelen[i] if regie else None,
                    beschrijving="Team uit de schaaldata.",
                    focuslimiet=8,
                    groep=groep,
                )
            )
        self.teams = Team.objects.bulk_create(teams)
        self.regieteams = self.teams[: s.stadsdelen]
        self.opgaveteams = self.teams[s.stadsdelen :] or self.teams
        leden: list[Lidmaatschap] = []
        groepsleden = []
        User = get_user_model()
        for i, team in enumerate(self.teams):
            mensen = self.overigen[i * 7 : i * 7 + 7]
            if team is self.regieteams[0]:
                mensen = [self.regie, *mensen]
            if team is self.opgaveteams[0]:
                mensen = [self.lid, *mensen]
            for j, user in enumerate(mensen):
                leden.append(
                    Lidmaatschap(
                        user=user,
                        team=team,
                        rol=Rol.TREKKER if j == 0 else Rol.LID,
                        discipline=disciplines[(i + j) % len(disciplines)],
                        organisatie=ORGANISATIES[(i + j) % len(ORGANISATIES)],
                    )
                )
                groepsleden.append(User.groups.through(user_id=user.pk, group_id=team.groep_id))
        bulk_create_with_history(leden, Lidmaatschap, batch_size=BATCH)
        User.groups.through.objects.bulk_create(groepsleden)
        self.leden_per_team = {}
        for lidmaatschap in leden:
            self.leden_per_team.setdefault(lidmaatschap.team_id, []).append(lidmaatschap.user)
        self.meld(
            f"Teams: {len(self.teams)} ({len(self.regieteams)} regieteams), {len(leden)} leden"
        )

    # Opgaven --------------------------------------------------------------------------

    def _opgaven(self) -> None:
        s = self.schaal
        rng = self.rng
        # The first stadsdeel carries `kaarten` opgaven; the rest spread over the others.
        overige_stadsdelen = list(range(1, s.stadsdelen)) or [0]
        thuis = [0] * s.kaarten + [
            overige_stadsdelen[i % len(overige_stadsdelen)] for i in range(s.opgaven - s.kaarten)
        ]
        opgaven = []
        themas = zaai_themas()
        for i, stadsdeel in enumerate(thuis):
            start = self.dag(-rng.randint(30, 700))
            team = self.opgaveteams[0] if i == 0 else self.opgaveteams[i % len(self.opgaveteams)]
            opgave = Opgave(
                titel=f"{self.titel()} ({i + 1})",
                beschrijving="Opgave uit de schaaldata, om de borden op stadsschaal te meten.",
                thema_id=rng.choice(themas),
                aanvliegroute=rng.choice(Aanvliegroute.values),
                status=rng.choices(OpgaveStatus.values, weights=(2, 6, 1, 1))[0],
                team=team,
                startdatum=start,
                streefdatum=start + datetime.timedelta(days=rng.randint(180, 1000)),
            )
            opgave.thuis = stadsdeel
            opgaven.append(opgave)
        self.opgaven = bulk_create_with_history(opgaven, Opgave, batch_size=BATCH)
        for opgave, stadsdeel in zip(self.opgaven, thuis, strict=True):
            opgave.thuis = stadsdeel

        gebieden, rechten = [], []
        perms = {
            p.codename: p
            for p in Permission.objects.filter(
                content_type__app_label="opgaven", codename__in=["view_opgave", "change_opgave"]
            )
        }
        for opgave in self.opgaven:
            buurten = self.buurten_per_stadsdeel[opgave.thuis]
            wijken = self.wijken_per_stadsdeel[opgave.thuis]
            plekken = rng.sample(buurten, min(len(buurten), rng.randint(2, 5)))
            plekken += rng.sample(wijken, min(len(wijken), 1))
            for gebied in plekken:
                gebieden.append(
                    OpgaveGebied(
                        opgave=opgave,
                        gebied=gebied,
                        urgentie=rng.choice(Urgentie.values),
                        lokale_status=rng.choices(LokaleStatus.values, weights=(2, 5, 2, 1))[0],
                        notitie=rng.choice(["", "", "Afstemmen met de corporatie."]),
                    )
                )
            opgave.plekken = plekken
            for codename in ("view_opgave", "change_opgave"):
                rechten.append(
                    OpgaveGroupObjectPermission(
                        permission=perms[codename],
                        group_id=opgave.team.groep_id,
                        content_object=opgave,
                    )
                )
        bulk_create_with_history(gebieden, OpgaveGebied, batch_size=BATCH)
        OpgaveGroupObjectPermission.objects.bulk_create(rechten, batch_size=BATCH)

        prioriteiten = []
        for index, regieteam in enumerate(self.regieteams):
            op_bord = [o for o in self.opgaven if o.thuis == index]
            prioriteiten += [
                Prioriteit(regieteam=regieteam, opgave=opgave, positie=positie)
                for positie, opgave in enumerate(op_bord)
            ]
        Prioriteit.objects.bulk_create(prioriteiten, batch_size=BATCH)
        self.meld(
            f"Opgaven: {len(self.opgaven)} in {len(gebieden)} gebieden; "
            f"{s.kaarten} op het bord van {self.regieteams[0].naam}"
        )

    def _acties(self) -> None:
        s, rng = self.schaal, self.rng
        aantallen = [s.grootste_bord] + _verdeel(s.acties - s.grootste_bord, len(self.opgaven) - 1)
        acties = []
        for opgave, aantal in zip(self.opgaven, aantallen, strict=False):
            leden = self.leden_per_team[opgave.team_id]
            posities = dict.fromkeys(Kolom.values, 0)
            for _ in range(aantal):
                kolom = rng.choices(Kolom.values, weights=(1, 3, 2, 4))[0]
                experiment = rng.random() < 0.15
                acties.append(
                    Actie(
                        opgave=opgave,
                        titel=self.titel(),
                        soort=ActieSoort.EXPERIMENT if experiment else ActieSoort.ACTIE,
                        hypothese="Als we dit proberen, zien we meer bewoners."
                        if experiment
                        else "",
                        kolom=kolom,
                        positie=posities[kolom],
                        eigenaar=rng.choice(leden),
                        deadline=self.dag(rng.randint(-60, 120)) if rng.random() < 0.5 else None,
                    )
                )
                posities[kolom] += 1
            if len(acties) >= 10 * BATCH:
                self._bewaar_acties(acties)
        self._bewaar_acties(acties)
        self.meld(f"Acties: {Actie.objects.filter(opgave__in=self.opgaven).count()}")

    def _bewaar_acties(self, acties: list[Actie]) -> None:
        if not acties:
            return
        bulk_create_with_history(acties, Actie, batch_size=BATCH)
        self.meld(f"  ... {len(acties)} acties bewaard")
        acties.clear()

    def _mijlpalen_en_voortgang(self) -> None:
        s, rng = self.schaal, self.rng
        mijlpalen, updates = [], []
        for opgave in self.opgaven:
            for j in range(rng.randint(3, 8)):
                offset = rng.randint(-300, 300)
                gereed = offset < 0 and rng.random() < 0.7
                mijlpalen.append(
                    Mijlpaal(
                        opgave=opgave,
                        titel=f"Mijlpaal {j + 1}: {self.titel().lower()}",
                        deadline=self.dag(offset),
                        gereed=gereed,
                        gereed_op=self.dag(offset) if gereed else None,
                    )
                )
        bulk_create_with_history(mijlpalen, Mijlpaal, batch_size=BATCH)
        for opgave, aantal in zip(
            self.opgaven, _verdeel(s.voortgangsupdates, len(self.opgaven)), strict=True
        ):
            auteurs = self.leden_per_team[opgave.team_id]
            for j in range(aantal):
                updates.append(
                    Voortgangsupdate(
                        opgave=opgave,
                        datum=self.dag(-7 * (aantal - j)),
                        status=rng.choices(VoortgangStatus.values, weights=(6, 3, 1))[0],
                        tekst=f"Week {j + 1}: {self.titel().lower()}.",
                        auteur=rng.choice(auteurs),
                    )
                )
        bulk_create_with_history(updates, Voortgangsupdate, batch_size=BATCH)
        self.meld(f"Mijlpalen: {len(mijlpalen)}; voortgangsupdates: {len(updates)}")

    # Belemmeringen, meldingen, waardenchecks -------------------------------------------

    def _belemmeringen(self) -> None:
        s, rng = self.schaal, self.rng
        belemmeringen, geblokkeerd = [], []
        for i in range(s.belemmeringen):
            opgave = self.opgaven[i % len(self.opgaven)]
            status = rng.choices(BelemmeringStatus.values, weights=(2, 2, 1, 15))[0]
            leeftijd = rng.randint(0, 400)
            aangemaakt = self.nu - datetime.timedelta(days=leeftijd)
            belemmering = Belemmering(
                gebied=rng.choice(opgave.plekken),
                titel=f"Belemmering: {self.titel().lower()}",
                beschrijving="Regels of budgetten die elkaar in de weg zitten.",
                ernst=rng.choice(Ernst.values),
                status=status,
                ingebracht_door=rng.choice(self.leden_per_team[opgave.team_id]),
                eigenaar=rng.choice(self.leden_per_team[opgave.team_id]),
            )
            belemmering.aangemaakt = aangemaakt
            if status == BelemmeringStatus.GEESCALEERD:
                belemmering.escalatieniveau = rng.choice(Escalatieniveau.values[1:])
                belemmering.geescaleerd_op = aangemaakt + datetime.timedelta(
                    days=rng.randint(0, leeftijd)
                )
                belemmering.escalatie_besluit = "Een besluit over de inzet van budget."
                belemmering.escalatie_bij = "Directie Wonen"
                belemmering.escalatie_deadline = self.dag(rng.randint(-20, 60))
            if status == BelemmeringStatus.OPGELOST:
                belemmering.oplossing = "Afspraak gemaakt met de betrokken directies."
                belemmering.opgelost_op = aangemaakt + datetime.timedelta(
                    days=rng.randint(0, leeftijd)
                )
            belemmeringen.append(belemmering)
            geblokkeerd.append(
                [opgave] + ([rng.choice(self.opgaven)] if rng.random() < 0.2 else [])
            )
        belemmeringen = bulk_create_with_history(belemmeringen, Belemmering, batch_size=BATCH)
        # auto_now_add stamped "now" on insert; bulk_update writes the real ages.
        for belemmering in belemmeringen:
            belemmering.aangemaakt_op = belemmering.aangemaakt
        Belemmering.objects.bulk_update(belemmeringen, ["aangemaakt_op"], batch_size=BATCH)
        Koppeling = Belemmering.opgaven.through
        Koppeling.objects.bulk_create(
            (
                Koppeling(belemmering_id=belemmering.pk, opgave_id=opgave.pk)
                for belemmering, opgaven in zip(belemmeringen, geblokkeerd, strict=True)
                for opgave in {o.pk: o for o in opgaven}.values()
            ),
            batch_size=BATCH,
        )
        self.meld(f"Belemmeringen: {len(belemmeringen)}")

    def _meldingen(self) -> None:
        s, rng = self.schaal, self.rng
        meldingen = []
        for i in range(s.meldingen):
            stadsdeel = i % len(self.stadsdelen)
            meldingen.append(
                Melding(
                    soort=rng.choice(MeldingSoort.values),
                    titel=f"Melding: {self.titel().lower()}",
                    beschrijving="Gezien tijdens een wijkronde.",
                    gebied=rng.choice(self.buurten_per_stadsdeel[stadsdeel]),
                    ingediend_door=rng.choice(self.overigen),
                )
            )
        bulk_create_with_history(meldingen, Melding, batch_size=BATCH)
        self.meld(f"Meldingen: {len(meldingen)}")

    def _waardenchecks(self) -> None:
        s, rng = self.schaal, self.rng
        waarden = list(Waarde.objects.filter(actief=True))
        checks = []
        for i in range(s.waardenchecks):
            team = self.teams[i % len(self.teams)]
            ronde = i // len(self.teams)
            opgaven_van_team = [o for o in self.opgaven[:50] if o.team_id == team.pk]
            checks.append(
                Waardencheck(
                    team=team,
                    opgave=opgaven_van_team[0] if opgaven_van_team and ronde % 3 == 2 else None,
                    datum=self.dag(-14 * ronde),
                    ingevuld_door=rng.choice(self.leden_per_team[team.pk]),
                )
            )
        checks = bulk_create_with_history(checks, Waardencheck, batch_size=BATCH)
        bulk_create_with_history(
            [
                WaardeScore(
                    waardencheck=check,
                    waarde=waarde,
                    score=rng.randint(1, 5),
                    toelichting=rng.choice(["", "", "Besproken in het teamoverleg."]),
                )
                for check in checks
                for waarde in waarden
            ],
            WaardeScore,
            batch_size=BATCH,
        )
        self.meld(f"Waardenchecks: {len(checks)} met {len(checks) * len(waarden)} scores")
