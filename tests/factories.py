import datetime
from dataclasses import dataclass

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser, Group
from django.utils import timezone

from gebieden.models import Gebied, Niveau
from opgaven.models import (
    Aanvliegroute,
    Actie,
    ActieSoort,
    Belemmering,
    BelemmeringStatus,
    Ernst,
    Escalatieniveau,
    Kans,
    Kolom,
    LokaleStatus,
    Mijlpaal,
    Opgave,
    OpgaveGebied,
    OpgaveStatus,
    Thema,
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


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    password = factory.django.Password("geheim-wachtwoord")


class GebiedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Gebied
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"G{n:03d}")
    naam = factory.Sequence(lambda n: f"Gebied {n}")
    niveau = Niveau.STADSDEEL


class DisciplineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Discipline
        django_get_or_create = ["naam"]

    naam = factory.Sequence(lambda n: f"Discipline {n}")


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    naam = factory.Sequence(lambda n: f"Team {n}")
    slug = factory.Sequence(lambda n: f"team-{n}")
    soort = TeamSoort.OPGAVETEAM


class RegieteamFactory(TeamFactory):
    soort = TeamSoort.REGIETEAM
    gebied = factory.SubFactory(GebiedFactory)


class LidmaatschapFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lidmaatschap

    user = factory.SubFactory(UserFactory)
    team = factory.SubFactory(TeamFactory)
    discipline = factory.SubFactory(DisciplineFactory)
    organisatie = "Gemeente Amsterdam"


class ThemaFactory(factory.django.DjangoModelFactory):
    """A theme, found by its code when it is there already (the migration seeds the list)."""

    class Meta:
        model = Thema
        django_get_or_create = ("code",)

    code = "wonen"
    naam = factory.LazyAttribute(lambda thema: thema.code.capitalize())


class OpgaveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Opgave

    titel = factory.Sequence(lambda n: f"Opgave {n}")
    beschrijving = "Samen met bewoners en partners werken aan een betere buurt."
    thema = factory.SubFactory("tests.factories.ThemaFactory")
    aanvliegroute = Aanvliegroute.GEBIEDSGERICHT
    team = factory.SubFactory(TeamFactory)


class OpgaveGebiedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OpgaveGebied

    opgave = factory.SubFactory(OpgaveFactory)
    gebied = factory.SubFactory(GebiedFactory)


class ActieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Actie

    opgave = factory.SubFactory(OpgaveFactory)
    titel = factory.Sequence(lambda n: f"Actie {n}")
    kolom = Kolom.TE_DOEN
    positie = factory.Sequence(lambda n: n)


class MijlpaalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mijlpaal

    opgave = factory.SubFactory(OpgaveFactory)
    titel = factory.Sequence(lambda n: f"Mijlpaal {n}")
    deadline = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=60))


class VoortgangsupdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Voortgangsupdate

    opgave = factory.SubFactory(OpgaveFactory)
    status = VoortgangStatus.OP_KOERS
    tekst = "Gesprekken met bewoners gevoerd."
    auteur = factory.SubFactory(UserFactory)


class BelemmeringFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Belemmering
        skip_postgeneration_save = True

    titel = factory.Sequence(lambda n: f"Belemmering {n}")
    ingebracht_door = factory.SubFactory(UserFactory)

    @factory.post_generation
    def opgaven(self, create, extracted, **kwargs):
        if create and extracted:
            self.opgaven.set(extracted)


class KansFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Kans

    titel = factory.Sequence(lambda n: f"Kans {n}")
    beschrijving = "Een buurtcentrum heeft ruimte over op woensdagmiddag."
    ingediend_door = factory.SubFactory(UserFactory)


class WaardencheckFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Waardencheck

    team = factory.SubFactory(TeamFactory)
    datum = factory.LazyFunction(timezone.localdate)
    ingevuld_door = factory.SubFactory(UserFactory)


class WaardeScoreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WaardeScore

    waardencheck = factory.SubFactory(WaardencheckFactory)
    waarde = factory.LazyFunction(lambda: Waarde.objects.first())
    score = 3


# --- the small world ----------------------------------------------------------------------------
#
# What most tests stand on (STYLE.md rule 18), in the spirit of healthchecks' alice, bob and
# charlie: one wijk in Nieuw-West steered by a regieteam, two opgaven landing in its buurt
# Wildeman, and one team elsewhere. The full demo world (demo/demowereld.py) is for the demo's
# own tests, the authorization walk and the browser tests. Codes and names follow the demo, so a
# test reads the same on either world.


def _rechthoek(west: float, zuid: float, oost: float, noord: float) -> dict:
    """A schematic outline, so the overview has a map to draw."""
    ring = [[west, zuid], [oost, zuid], [oost, noord], [west, noord], [west, zuid]]
    return {"type": "Polygon", "coordinates": [ring]}


@dataclass
class Gebiedsketen:
    """Stadsdeel Nieuw-West > gebied Osdorp > wijk Osdorp-Midden > buurt Wildeman, with
    outlines on the wijk and the buurt."""

    stadsdeel: Gebied
    gebied: Gebied
    wijk: Gebied
    buurt: Gebied


def gebiedsketen() -> Gebiedsketen:
    stadsdeel = GebiedFactory(code="F", naam="Nieuw-West", niveau=Niveau.STADSDEEL)
    gebied = GebiedFactory(code="DX10", naam="Osdorp", niveau=Niveau.GEBIED, ouder=stadsdeel)
    wijk = GebiedFactory(
        code="FK",
        cbs_code="WK0363FK",
        naam="Osdorp-Midden",
        niveau=Niveau.WIJK,
        ouder=gebied,
        omtrek=_rechthoek(4.790, 52.356, 4.810, 52.370),
    )
    buurt = GebiedFactory(
        code="FK01",
        cbs_code="BU0363FK01",
        naam="Wildeman",
        niveau=Niveau.BUURT,
        ouder=wijk,
        aliassen=["Blomwijckerbuurt"],
        omtrek=_rechthoek(4.790, 52.356, 4.800, 52.363),
    )
    return Gebiedsketen(stadsdeel=stadsdeel, gebied=gebied, wijk=wijk, buurt=buurt)


def lid_van(team: Team, username: str, voornaam: str, achternaam: str, **velden) -> AbstractUser:
    """A user with a seat in `team` (a member by default); the team's group gives the rights."""
    user = UserFactory(username=username, first_name=voornaam, last_name=achternaam)
    LidmaatschapFactory(user=user, team=team, **velden)
    return user


@dataclass
class KleineWereld:
    """Who is who:

    - alice: a member (not the trekker) of `team`, which owns `opgave`, landing in Wildeman;
    - trekker: the trekker of alice's team;
    - bob: the trekker of `regieteam`, which steers the wijk Osdorp-Midden;
    - charlie: an outsider, trekker of `team_elders` in Zuidoost, with `opgave_elders`;
    - coordinator: sees everything and changes nothing; beheerder: staff, manages teams.

    `andere_opgave` belongs to a team of its own and also lands in Wildeman; `belemmering`
    blocks both opgaven there and is escalated to the regieteam.
    """

    gebieden: Gebiedsketen
    elders: Gebied
    regieteam: Team
    team: Team
    andere_team: Team
    team_elders: Team
    alice: AbstractUser
    bob: AbstractUser
    charlie: AbstractUser
    trekker: AbstractUser
    coordinator: AbstractUser
    beheerder: AbstractUser
    opgave: Opgave
    landing: OpgaveGebied
    andere_opgave: Opgave
    opgave_elders: Opgave
    belemmering: Belemmering

    @property
    def buurt(self) -> Gebied:
        return self.gebieden.buurt

    @property
    def wijk(self) -> Gebied:
        return self.gebieden.wijk

    def rol(self, naam: str) -> AbstractUser:
        """The user in a role of the URL walk (tests/rechten/test_authorization.py's ROLES)."""
        return {
            "buiten": self.charlie,
            "lid": self.alice,
            "regie": self.bob,
            "coordinator": self.coordinator,
            "beheer": self.beheerder,
        }[naam]


def kleine_wereld() -> KleineWereld:
    gebieden = gebiedsketen()
    zuidoost = GebiedFactory(code="T", naam="Zuidoost", niveau=Niveau.STADSDEEL)
    bijlmer = GebiedFactory(
        code="TA",
        naam="Bijlmer-Centrum",
        niveau=Niveau.WIJK,
        ouder=zuidoost,
        omtrek=_rechthoek(4.945, 52.310, 4.960, 52.320),
    )
    elders = GebiedFactory(
        code="TA01",
        naam="Amsterdamse Poort",
        niveau=Niveau.BUURT,
        ouder=bijlmer,
        omtrek=_rechthoek(4.945, 52.310, 4.960, 52.320),
    )

    regieteam = RegieteamFactory(
        naam="Regieteam Wildeman", slug="regieteam-wildeman", gebied=gebieden.wijk
    )
    bob = lid_van(regieteam, "bob", "Bob", "Brouwer", rol=Rol.TREKKER)
    team = TeamFactory(naam="Opgaveteam Armoede", slug="armoede")
    trekker = lid_van(team, "trekker", "Tessa", "Bouzid", rol=Rol.TREKKER)
    alice = lid_van(team, "alice", "Alice", "Bakker")
    andere_team = TeamFactory(naam="Opgaveteam Jeugd", slug="jeugd")
    team_elders = TeamFactory(naam="Opgaveteam Werk Zuidoost", slug="werk-zuidoost")
    charlie = lid_van(team_elders, "charlie", "Charlie", "Sedney", rol=Rol.TREKKER)
    coordinator = UserFactory(username="coordinator", first_name="Kees", last_name="Visser")
    coordinator.groups.add(Group.objects.get(name=COORDINATOREN_GROEP))
    beheerder = UserFactory(
        username="beheerder", first_name="Bart", last_name="Mulder", is_staff=True
    )

    opgave = OpgaveFactory(
        titel="Schuldhulp dichtbij",
        team=team,
        thema=ThemaFactory(code="armoede", naam="Armoede en schulden"),
        aanvliegroute=Aanvliegroute.DOELGROEPGERICHT,
        status=OpgaveStatus.IN_UITVOERING,
    )
    landing = OpgaveGebiedFactory(
        opgave=opgave,
        gebied=gebieden.buurt,
        urgentie=Urgentie.HOOG,
        lokale_status=LokaleStatus.AANDACHT,
        notitie="Veel huishoudens met huurachterstand.",
    )
    for titel, kolom in [
        ("Spreekuur geldzaken", Kolom.KLAAR),
        ("Formulierenbrigade", Kolom.BEZIG),
        ("Budgetcursus voor jongeren", Kolom.TE_DOEN),
        ("Energietoeslag actief aanbieden", Kolom.IDEE),
    ]:
        ActieFactory(opgave=opgave, titel=titel, kolom=kolom, positie=0, eigenaar=alice)
    ActieFactory(
        opgave=opgave,
        titel="Vroegsignalering met de corporatie",
        kolom=Kolom.BEZIG,
        positie=1,
        soort=ActieSoort.EXPERIMENT,
        hypothese="Langsgaan bij twee maanden huurachterstand voorkomt ontruimingen.",
    )
    vandaag = timezone.localdate()
    MijlpaalFactory(opgave=opgave, titel="Spreekuur draait", gereed=True, gereed_op=vandaag)
    MijlpaalFactory(opgave=opgave, titel="100 huishoudens begeleid")
    VoortgangsupdateFactory(
        opgave=opgave,
        status=VoortgangStatus.AANDACHT,
        tekst="Vroegsignalering stokt op de gegevensdeling.",
        auteur=trekker,
    )

    andere_opgave = OpgaveFactory(
        titel="Veilig opgroeien",
        team=andere_team,
        thema=ThemaFactory(code="jeugd", naam="Jeugd en onderwijs"),
    )
    OpgaveGebiedFactory(opgave=andere_opgave, gebied=gebieden.buurt)
    opgave_elders = OpgaveFactory(
        titel="Werk dat past",
        team=team_elders,
        thema=ThemaFactory(code="werk", naam="Werk en inkomen"),
    )
    OpgaveGebiedFactory(opgave=opgave_elders, gebied=elders)

    belemmering = BelemmeringFactory(
        titel="Corporatie mag huurachterstanden niet delen",
        opgaven=[opgave, andere_opgave],
        gebied=gebieden.buurt,
        ernst=Ernst.HOOG,
        status=BelemmeringStatus.GEESCALEERD,
        escalatieniveau=Escalatieniveau.REGIETEAM,
        geescaleerd_op=timezone.now(),
        eigenaar=bob,
        ingebracht_door=alice,
    )
    return KleineWereld(
        gebieden=gebieden,
        elders=elders,
        regieteam=regieteam,
        team=team,
        andere_team=andere_team,
        team_elders=team_elders,
        alice=alice,
        bob=bob,
        charlie=charlie,
        trekker=trekker,
        coordinator=coordinator,
        beheerder=beheerder,
        opgave=opgave,
        landing=landing,
        andere_opgave=andere_opgave,
        opgave_elders=opgave_elders,
        belemmering=belemmering,
    )
