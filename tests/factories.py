import datetime

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from gebieden.models import Gebied, Niveau
from opgaven.models import (
    Aanvliegroute,
    Actie,
    Belemmering,
    Kans,
    Kolom,
    Mijlpaal,
    Opgave,
    OpgaveGebied,
    Thema,
    VoortgangStatus,
    Voortgangsupdate,
)
from teams.models import (
    Discipline,
    Lidmaatschap,
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


class OpgaveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Opgave

    titel = factory.Sequence(lambda n: f"Opgave {n}")
    beschrijving = "Samen met bewoners en partners werken aan een betere buurt."
    thema = Thema.WONEN
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
