from django.conf import settings
from django.contrib.auth.models import Group
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.models import HistoricalRecords

from kern.archief import ArchiefQuerySet, Archiveerbaar
from kern.keuzes import SnelleKeuzelabels
from kern.versioning import HeeftBord, VersionedModel

COORDINATOREN_GROEP = "Coördinatoren"


class TeamSoort(models.TextChoices):
    REGIETEAM = "regieteam", _("Regieteam")
    OPGAVETEAM = "opgaveteam", _("Opgaveteam")


class Team(SnelleKeuzelabels, Archiveerbaar, HeeftBord, VersionedModel):
    """A multidisciplinary team. Its members are the users in its Django group. Archived,
    never deleted: its memberships, waardenchecks, peilmomenten and history stay with it."""

    naam = models.CharField(_("naam"), max_length=200)
    slug = models.SlugField(_("korte naam"), max_length=80, unique=True)
    soort = models.CharField(_("soort"), max_length=20, choices=TeamSoort.choices)
    gebied = models.ForeignKey(
        "gebieden.Gebied",
        verbose_name=_("gebied"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="teams",
        help_text=_("Verplicht voor een regieteam: het gebied waarin het de regie voert."),
    )
    beschrijving = models.TextField(_("beschrijving"), blank=True)
    focuslimiet = models.PositiveSmallIntegerField(
        _("focuslimiet"),
        default=5,
        validators=[MinValueValidator(1)],
        help_text=_("Hoeveel opgaven tegelijk 'in uitvoering' mogen zijn."),
    )
    groep = models.OneToOneField(
        Group, on_delete=models.PROTECT, editable=False, related_name="team"
    )
    leden = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="Lidmaatschap",
        related_name="teams",
        verbose_name=_("leden"),
    )

    history = HistoricalRecords(excluded_fields=["bord_versie"])
    objects = ArchiefQuerySet.as_manager()

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["naam"]
        constraints = [
            models.CheckConstraint(
                condition=Q(soort__in=TeamSoort.values), name="team_soort_geldig"
            ),
            models.CheckConstraint(
                condition=~Q(soort=TeamSoort.REGIETEAM) | Q(gebied__isnull=False),
                name="regieteam_heeft_gebied",
            ),
            models.CheckConstraint(
                condition=Q(focuslimiet__gte=1), name="team_focuslimiet_positief"
            ),
        ]

    def __str__(self):
        return self.naam

    def get_absolute_url(self):
        return reverse("teams:detail", args=[self.slug])

    @property
    def is_regieteam(self) -> bool:
        return self.soort == TeamSoort.REGIETEAM

    def boven_focuslimiet(self, in_uitvoering: int) -> bool:
        """Whether more opgaven are in uitvoering than the team set out to carry at once: the
        regieteam board then warns (a warning, never a refusal: the meeting decides)."""
        return in_uitvoering > self.focuslimiet

    def bezwaar_tegen_archiveren(self) -> str:
        aantal = self.opgaven.actief().count()
        if aantal:
            return ngettext(
                "%(team)s heeft nog %(aantal)d opgave die niet is gearchiveerd: draag haar "
                "over of archiveer haar eerst.",
                "%(team)s heeft nog %(aantal)d opgaven die niet zijn gearchiveerd: draag ze "
                "over of archiveer ze eerst.",
                aantal,
            ) % {"team": self.naam, "aantal": aantal}
        return ""

    def save(self, *args, **kwargs):
        groepnaam = f"team:{self.slug}"
        if self.groep_id is None:
            self.groep, _created = Group.objects.get_or_create(name=groepnaam)
        elif self.groep.name != groepnaam:
            self.groep.name = groepnaam
            self.groep.save(update_fields=["name"])
        super().save(*args, **kwargs)


class Discipline(models.Model):
    """A profession at the table: wijkregisseur, jeugdwerker, wijkagent, ..."""

    naam = models.CharField(_("naam"), max_length=120, unique=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("discipline")
        verbose_name_plural = _("disciplines")
        ordering = ["naam"]

    def __str__(self):
        return self.naam


class Rol(models.TextChoices):
    TREKKER = "trekker", _("Trekker")
    LID = "lid", _("Lid")


class Lidmaatschap(SnelleKeuzelabels, VersionedModel):
    """A user's seat in a team: role, discipline and the organisation they come from."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        on_delete=models.CASCADE,
        related_name="lidmaatschappen",
    )
    team = models.ForeignKey(
        Team, verbose_name=_("team"), on_delete=models.PROTECT, related_name="lidmaatschappen"
    )
    rol = models.CharField(_("rol"), max_length=20, choices=Rol.choices, default=Rol.LID)
    discipline = models.ForeignKey(
        Discipline,
        verbose_name=_("discipline"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="lidmaatschappen",
    )
    organisatie = models.CharField(
        _("organisatie"), max_length=200, help_text=_("Bijvoorbeeld: Gemeente, Woningcorporatie.")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        ordering = ["team", "rol", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["user", "team"], name="een_lidmaatschap_per_team"),
            models.CheckConstraint(condition=Q(rol__in=Rol.values), name="lidmaatschap_rol_geldig"),
        ]

    def __str__(self):
        return f"{self.user} in {self.team}"

    @property
    def is_trekker(self) -> bool:
        return self.rol == Rol.TREKKER


def formulering(links: str, rechts: str) -> str:
    """How a value reads: "X boven Y"."""
    return _("%(links)s boven %(rechts)s") % {"links": links, "rechts": rechts}


class Waarde(models.Model):
    """One "X boven Y" pair of the values checklist. Its wording may change; the history keeps
    each earlier wording, so past scores are read with the words they were given to."""

    links = models.CharField(_("waar we voor kiezen (X)"), max_length=200)
    rechts = models.CharField(_("boven (Y)"), max_length=200)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    actief = models.BooleanField(_("actief"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("waarde")
        verbose_name_plural = _("waarden")
        ordering = ["volgorde", "pk"]

    def __str__(self):
        return formulering(self.links, self.rechts)


class Waardencheck(models.Model):
    """A team's dated self-assessment against the active values."""

    team = models.ForeignKey(
        Team, verbose_name=_("team"), on_delete=models.PROTECT, related_name="waardenchecks"
    )
    opgave = models.ForeignKey(
        "opgaven.Opgave",
        verbose_name=_("opgave"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="waardenchecks",
    )
    datum = models.DateField(_("datum"))
    ingevuld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ingevuld door"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("waardencheck")
        verbose_name_plural = _("waardenchecks")
        ordering = ["-datum", "-pk"]

    def __str__(self):
        return _("Waardencheck %(team)s, %(datum)s") % {"team": self.team, "datum": self.datum}


class WaardeScoreQuerySet(models.QuerySet):
    def met_formulering_toen(self) -> "WaardeScoreQuerySet":
        """Give each score `links_toen` and `rechts_toen`: its value's wording when the check
        was filled in, read from the value's history inside this query. That is the latest
        version at that moment; for a check from before history was kept, the oldest version
        known (history began with the wording then in force, teams migration 0005); for a value
        without any history at all, its current wording."""
        versies = Waarde.history.filter(id=OuterRef("waarde_id"))
        toen = versies.filter(history_date__lte=OuterRef("waardencheck__aangemaakt_op"))
        toen = toen.order_by("-history_date", "-history_id")
        oudste = versies.order_by("history_date", "history_id")
        return self.annotate(
            **{
                f"{veld}_toen": Coalesce(
                    Subquery(toen.values(veld)[:1]),
                    Subquery(oudste.values(veld)[:1]),
                    F(f"waarde__{veld}"),
                )
                for veld in ("links", "rechts")
            }
        )


class WaardeScore(models.Model):
    waardencheck = models.ForeignKey(
        Waardencheck,
        verbose_name=_("waardencheck"),
        on_delete=models.CASCADE,
        related_name="scores",
    )
    waarde = models.ForeignKey(
        Waarde, verbose_name=_("waarde"), on_delete=models.PROTECT, related_name="scores"
    )
    score = models.PositiveSmallIntegerField(
        _("score"),
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("1: wij doen vooral Y; 5: wij doen vooral X."),
    )
    toelichting = models.TextField(_("toelichting"), blank=True)

    history = HistoricalRecords()
    objects = WaardeScoreQuerySet.as_manager()

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["waarde__volgorde"]
        constraints = [
            models.UniqueConstraint(fields=["waardencheck", "waarde"], name="een_score_per_waarde"),
            models.CheckConstraint(
                condition=Q(score__gte=1) & Q(score__lte=5), name="score_tussen_1_en_5"
            ),
        ]

    def __str__(self):
        return f"{self.waarde}: {self.score}"

    @property
    def formulering_toen(self) -> str:
        """The wording the score was given to (on scores read with met_formulering_toen)."""
        return formulering(self.links_toen, self.rechts_toen)
