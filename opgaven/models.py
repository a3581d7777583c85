from django.conf import settings
from django.db import models
from django.db.models import F, Func, IntegerField, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase
from simple_history.models import HistoricalRecords

from kern.archief import ArchiefQuerySet, Archiveerbaar
from kern.keuzes import SnelleKeuzelabels
from kern.versioning import HeeftBord, VersionedModel
from opgaven import termijnen
from opgaven.termijnen import is_verlopen


class ThemaQuerySet(models.QuerySet):
    def in_gebruik(self) -> "ThemaQuerySet":
        """The themes a new or edited opgave may choose (a retired one stays on its opgaven)."""
        return self.filter(in_gebruik=True)


class Thema(models.Model):
    """A societal theme an opgave works on. Functioneel beheer keeps the list in the admin;
    the code is what addresses and exports carry (`/overzicht/?thema=armoede`), and what an
    opgave and its history store, so it never changes once made."""

    code = models.SlugField(
        _("code"),
        max_length=30,
        unique=True,
        help_text=_("Kort en vast, voor adressen en exports: kan daarna niet meer wijzigen."),
    )
    naam = models.CharField(_("naam"), max_length=100, unique=True)
    naam_en = models.CharField(
        _("naam in het Engels"),
        max_length=100,
        blank=True,
        help_text=_("Wat wie de app in het Engels gebruikt ziet (leeg: de Nederlandse naam)."),
    )
    in_gebruik = models.BooleanField(
        _("in gebruik"),
        default=True,
        help_text=_("Uit gebruik: nieuwe opgaven kiezen het niet meer; bestaande houden het."),
    )

    history = HistoricalRecords()
    objects = ThemaQuerySet.as_manager()

    class Meta:
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")
        ordering = ["naam"]

    def __str__(self):
        if self.naam_en and get_language() == "en":
            return self.naam_en
        return self.naam


class Aanvliegroute(models.TextChoices):
    OPGAVEGERICHT = "opgavegericht", _("Opgavegericht")
    GEBIEDSGERICHT = "gebiedsgericht", _("Gebiedsgericht")
    WIJKGERICHT = "wijkgericht", _("Wijkgericht")
    DOELGROEPGERICHT = "doelgroepgericht", _("Doelgroepgericht")


class OpgaveStatus(models.TextChoices):
    VERKENNING = "verkenning", _("Verkenning")
    IN_UITVOERING = "in_uitvoering", _("In uitvoering")
    GEPAUZEERD = "gepauzeerd", _("Gepauzeerd")
    AFGEROND = "afgerond", _("Afgerond")


def _per_opgave(sql: str, output_field: models.Field, opgave: str) -> Func:
    """A scalar subquery about the opgave whose id the outer query holds in the field
    `opgave`; `{opgave}` in `sql` stands for that id.

    Written out as SQL because the cards' figures are read on every board: the same five
    subqueries as Django `Subquery` expressions cost about 2.5 ms per request to build and
    compile (`make bench`), as text almost nothing. The id goes in as an expression, so the
    outer table's alias is always the right one."""
    return Func(
        F(opgave),
        template="(" + sql.format(opgave="%(expressions)s") + ")",
        output_field=output_field,
    )


class _PerOpgaveOpDatum(Func):
    """A scalar subquery like `_per_opgave` that also compares dates with a given day: `%s`
    in `sql` stands for that day, passed as a query parameter (never CURRENT_DATE: the
    database's day is not Amsterdam's, opgaven.termijnen.vandaag)."""

    def __init__(self, sql: str, dag, output_field: models.Field, opgave: str):
        super().__init__(F(opgave), output_field=output_field)
        self.sql, self.dag = sql, dag

    def as_sql(self, compiler, connection, **extra_context):
        opgave_sql, opgave_params = compiler.compile(self.source_expressions[0])
        assert not opgave_params, "the opgave's id is a column, without parameters"
        dag = connection.ops.adapt_datefield_value(self.dag)
        return "(" + self.sql.format(opgave=opgave_sql) + ")", [dag] * self.sql.count("%s")


LAATSTE_UPDATE = (
    "SELECT v.{veld} FROM opgaven_voortgangsupdate v WHERE v.opgave_id = {opgave} "
    "ORDER BY v.datum DESC, v.aangemaakt_op DESC LIMIT 1"
)


def voortgang_annotaties(opgave: str = "pk") -> dict[str, Func]:
    """What a card shows of an opgave's progress (mijlpalen, latest status, open
    belemmeringen, what is past its deadline: opgaven.termijnen), as annotations for a query
    holding the opgave's id in the field `opgave`: each figure a subquery, so counts never
    multiply each other's joins."""
    return {
        "aantal_mijlpalen": _per_opgave(
            "SELECT count(*) FROM opgaven_mijlpaal m WHERE m.opgave_id = {opgave}",
            IntegerField(),
            opgave,
        ),
        "aantal_mijlpalen_gereed": _per_opgave(
            "SELECT count(*) FROM opgaven_mijlpaal m WHERE m.opgave_id = {opgave} AND m.gereed",
            IntegerField(),
            opgave,
        ),
        "aantal_belemmeringen_open": _per_opgave(
            "SELECT count(*) FROM opgaven_belemmering_opgaven bo JOIN opgaven_belemmering b "
            "ON b.id = bo.belemmering_id WHERE bo.opgave_id = {opgave} "
            f"AND b.status <> '{BelemmeringStatus.OPGELOST.value}'",
            IntegerField(),
            opgave,
        ),
        "aantal_verlopen": _PerOpgaveOpDatum(
            "SELECT (SELECT count(*) FROM opgaven_mijlpaal m WHERE m.opgave_id = {opgave} "
            "AND NOT m.gereed AND m.deadline < %s) + (SELECT count(*) FROM opgaven_actie a "
            "WHERE a.opgave_id = {opgave} AND a.gearchiveerd_op IS NULL "
            f"AND a.kolom <> '{Kolom.KLAAR.value}' AND a.deadline < %s)",
            termijnen.vandaag(),
            IntegerField(),
            opgave,
        ),
        "laatste_status": _per_opgave(
            LAATSTE_UPDATE.format(veld="status", opgave="{opgave}"), models.CharField(), opgave
        ),
        "laatste_status_datum": _per_opgave(
            LAATSTE_UPDATE.format(veld="datum", opgave="{opgave}"), models.DateField(), opgave
        ),
    }


class _Gebiednamen(Func):
    """The names of the areas an opgave lands in, from the top down, as a JSON list: one
    subquery per opgave instead of a second query and a Python merge."""

    output_field = models.JSONField()
    # SQLite (3.40 here) knows no ORDER BY inside an aggregate; json_group_array takes the rows
    # in the order the inner, ordered subquery yields them.
    template = (
        "(SELECT json_group_array(naam) FROM (SELECT g.naam AS naam FROM opgaven_opgavegebied og "
        "JOIN gebieden_gebied g ON g.id = og.gebied_id WHERE og.opgave_id = %(expressions)s "
        "ORDER BY g.pad))"
    )

    def as_postgresql(self, compiler, connection, **extra_context):
        # jsonb (Django reads it as text, the JSONField decodes it), ordered in the aggregate.
        return self.as_sql(
            compiler,
            connection,
            template="(SELECT coalesce(jsonb_agg(g.naam ORDER BY g.pad), '[]'::jsonb) "
            "FROM opgaven_opgavegebied og JOIN gebieden_gebied g ON g.id = og.gebied_id "
            "WHERE og.opgave_id = %(expressions)s)",
            **extra_context,
        )


class OpgaveQuerySet(ArchiefQuerySet):
    def met_voortgang(self) -> "OpgaveQuerySet":
        """Annotate what a card shows (progress, latest status, open belemmeringen) in one query."""
        return self.annotate(**voortgang_annotaties())

    def met_gebiednamen(self) -> "OpgaveQuerySet":
        """Give each opgave `gebiednamen`: the names of the areas it lands in, from the top
        down (plain values: no Gebied objects, no outlines)."""
        return self.annotate(gebiednamen=_Gebiednamen(F("pk")))


class Opgave(SnelleKeuzelabels, Archiveerbaar, HeeftBord, VersionedModel):
    """An urgent societal mission that one team owns and that lands in one or more gebieden.
    Archived, never deleted: its acties, voortgang, peilmomenten and history stay with it."""

    titel = models.CharField(_("titel"), max_length=200)
    beschrijving = models.TextField(_("beschrijving"), blank=True)
    # The theme's code is the stored value (column `thema`), so history rows stay readable.
    thema = models.ForeignKey(
        Thema,
        verbose_name=_("thema"),
        to_field="code",
        db_column="thema",
        on_delete=models.PROTECT,
        related_name="opgaven",
    )
    aanvliegroute = models.CharField(
        _("aanvliegroute"), max_length=30, choices=Aanvliegroute.choices
    )
    aanvliegroute_toelichting = models.CharField(
        _("waarom deze aanvliegroute"),
        max_length=300,
        blank=True,
        help_text=_("In één zin: waarom het team de opgave zo aanvliegt."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=OpgaveStatus.choices, default=OpgaveStatus.VERKENNING
    )
    team = models.ForeignKey(
        "teams.Team", verbose_name=_("team"), on_delete=models.PROTECT, related_name="opgaven"
    )
    gebieden = models.ManyToManyField(
        "gebieden.Gebied",
        through="OpgaveGebied",
        related_name="opgaven",
        verbose_name=_("gebieden"),
        blank=True,
    )
    startdatum = models.DateField(_("startdatum"), null=True, blank=True)
    streefdatum = models.DateField(_("streefdatum"), null=True, blank=True)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["bord_versie"])
    objects = OpgaveQuerySet.as_manager()

    class Meta:
        verbose_name = _("opgave")
        verbose_name_plural = _("opgaven")
        ordering = ["titel"]
        constraints = [
            models.CheckConstraint(
                condition=Q(aanvliegroute__in=Aanvliegroute.values),
                name="opgave_aanvliegroute_geldig",
            ),
            models.CheckConstraint(
                condition=Q(status__in=OpgaveStatus.values), name="opgave_status_geldig"
            ),
            models.CheckConstraint(
                condition=Q(startdatum__isnull=True)
                | Q(streefdatum__isnull=True)
                | Q(streefdatum__gte=F("startdatum")),
                name="opgave_streefdatum_na_start",
            ),
        ]

    def __str__(self):
        return self.titel

    def get_absolute_url(self):
        return reverse("opgaven:detail", args=[self.pk])

    def bezwaar_tegen_herstellen(self) -> str:
        if self.team.is_gearchiveerd:
            return _("Het team %(team)s is gearchiveerd: herstel eerst het team.") % {
                "team": self.team.naam
            }
        return ""

    def get_laatste_status_display(self) -> str:
        return VoortgangStatus(self.laatste_status).label if self.laatste_status else ""

    @property
    def voortgang(self) -> int:
        """Percentage of mijlpalen done; 0 for an opgave without mijlpalen."""
        if hasattr(self, "aantal_mijlpalen"):
            totaal, gereed = self.aantal_mijlpalen, self.aantal_mijlpalen_gereed
        else:
            mijlpalen = list(self.mijlpalen.all())
            totaal, gereed = len(mijlpalen), sum(m.gereed for m in mijlpalen)
        return round(100 * gereed / totaal) if totaal else 0


class Urgentie(models.TextChoices):
    LAAG = "laag", _("Laag")
    MIDDEN = "midden", _("Midden")
    HOOG = "hoog", _("Hoog")


class LokaleStatus(models.TextChoices):
    NOG_NIET_GESTART = "nog_niet_gestart", _("Nog niet gestart")
    LOOPT = "loopt", _("Loopt")
    AANDACHT = "aandacht", _("Aandacht nodig")
    AFGEROND = "afgerond", _("Afgerond")


class OpgaveGebied(SnelleKeuzelabels, VersionedModel):
    """The local side of an opgave in one gebied: how urgent it is here and how it goes here."""

    opgave = models.ForeignKey(
        Opgave, verbose_name=_("opgave"), on_delete=models.PROTECT, related_name="opgave_gebieden"
    )
    gebied = models.ForeignKey(
        "gebieden.Gebied",
        verbose_name=_("gebied"),
        on_delete=models.PROTECT,
        related_name="opgave_gebieden",
    )
    urgentie = models.CharField(
        _("urgentie hier"), max_length=10, choices=Urgentie.choices, default=Urgentie.MIDDEN
    )
    lokale_status = models.CharField(
        _("status hier"),
        max_length=20,
        choices=LokaleStatus.choices,
        default=LokaleStatus.NOG_NIET_GESTART,
    )
    notitie = models.TextField(_("notitie"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("opgave in gebied")
        verbose_name_plural = _("opgaven in gebieden")
        ordering = ["gebied__pad"]
        constraints = [
            models.UniqueConstraint(fields=["opgave", "gebied"], name="opgave_een_keer_per_gebied"),
            models.CheckConstraint(
                condition=Q(urgentie__in=Urgentie.values), name="opgavegebied_urgentie_geldig"
            ),
            models.CheckConstraint(
                condition=Q(lokale_status__in=LokaleStatus.values),
                name="opgavegebied_status_geldig",
            ),
        ]

    def __str__(self):
        return f"{self.opgave} in {self.gebied}"


class Kolom(models.TextChoices):
    IDEE = "idee", _("Idee")
    TE_DOEN = "te_doen", _("Te doen")
    BEZIG = "bezig", _("Bezig")
    KLAAR = "klaar", _("Klaar")


class ActieSoort(models.TextChoices):
    ACTIE = "actie", _("Actie")
    EXPERIMENT = "experiment", _("Experiment")


class Actie(SnelleKeuzelabels, Archiveerbaar, VersionedModel):
    """A card on an opgave board: an action, or a small experiment with what it taught us.
    Done with or no longer wanted, it is archived (off the board, in its "Gearchiveerd" list,
    and back with one click); deleted only when it was made by mistake."""

    opgave = models.ForeignKey(
        Opgave, verbose_name=_("opgave"), on_delete=models.PROTECT, related_name="acties"
    )
    titel = models.CharField(_("titel"), max_length=200)
    beschrijving = models.TextField(_("beschrijving"), blank=True)
    soort = models.CharField(
        _("soort"), max_length=20, choices=ActieSoort.choices, default=ActieSoort.ACTIE
    )
    hypothese = models.TextField(_("hypothese"), blank=True)
    geleerd = models.TextField(_("wat we leerden"), blank=True)
    kolom = models.CharField(
        _("kolom"), max_length=20, choices=Kolom.choices, default=Kolom.TE_DOEN
    )
    positie = models.PositiveIntegerField(_("positie"), default=0)
    eigenaar = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("eigenaar"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="acties",
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    mijlpaal = models.ForeignKey(
        "Mijlpaal",
        verbose_name=_("werkt toe naar mijlpaal"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="acties",
    )

    history = HistoricalRecords()
    objects = ArchiefQuerySet.as_manager()

    class Meta:
        verbose_name = _("actie")
        verbose_name_plural = _("acties")
        ordering = ["opgave", "kolom", "positie", "pk"]
        indexes = [models.Index(fields=["opgave", "kolom", "positie"], name="actie_kolom_positie")]
        constraints = [
            models.CheckConstraint(
                condition=Q(soort__in=ActieSoort.values), name="actie_soort_geldig"
            ),
            models.CheckConstraint(condition=Q(kolom__in=Kolom.values), name="actie_kolom_geldig"),
        ]

    def __str__(self):
        return self.titel

    @property
    def is_experiment(self) -> bool:
        return self.soort == ActieSoort.EXPERIMENT

    @property
    def is_verlopen(self) -> bool:
        """Past its deadline and not done (opgaven.termijnen)."""
        return is_verlopen(self.deadline, gereed=self.kolom == Kolom.KLAAR)


class Mijlpaal(VersionedModel):
    """A result an opgave works towards; the share done is the opgave's progress. The team
    orders them (`positie`); one that an actie works towards is not deleted."""

    opgave = models.ForeignKey(
        Opgave, verbose_name=_("opgave"), on_delete=models.PROTECT, related_name="mijlpalen"
    )
    titel = models.CharField(_("titel"), max_length=200)
    beschrijving = models.TextField(_("beschrijving"), blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    eigenaar = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("eigenaar"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mijlpalen",
    )
    positie = models.PositiveIntegerField(_("positie"), default=0)
    gereed = models.BooleanField(_("gereed"), default=False)
    gereed_op = models.DateField(_("gereed op"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mijlpaal")
        verbose_name_plural = _("mijlpalen")
        ordering = ["positie", "deadline", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(gereed=True) | Q(gereed_op__isnull=True),
                name="mijlpaal_gereed_op_alleen_als_gereed",
            ),
        ]

    def __str__(self):
        return self.titel

    @property
    def is_verlopen(self) -> bool:
        """Past its deadline and not done (opgaven.termijnen)."""
        return is_verlopen(self.deadline, gereed=self.gereed)

    def save(self, *args, **kwargs):
        if self.gereed and self.gereed_op is None:
            self.gereed_op = timezone.localdate()
        elif not self.gereed:
            self.gereed_op = None
        super().save(*args, **kwargs)


class VoortgangStatus(models.TextChoices):
    OP_KOERS = "op_koers", _("Op koers")
    AANDACHT = "aandacht", _("Aandacht nodig")
    ZORG = "zorg", _("Zorg")


class Voortgangsupdate(SnelleKeuzelabels, VersionedModel):
    """A dated progress report; the latest one is the opgave's current status. Its author
    may correct it on the day it was written; later, a new update says what changed."""

    opgave = models.ForeignKey(
        Opgave, verbose_name=_("opgave"), on_delete=models.PROTECT, related_name="updates"
    )
    datum = models.DateField(_("datum"), default=timezone.localdate)
    status = models.CharField(_("status"), max_length=20, choices=VoortgangStatus.choices)
    tekst = models.TextField(_("wat er gebeurde"))
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="voortgangsupdates",
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("voortgangsupdate")
        verbose_name_plural = _("voortgangsupdates")
        ordering = ["-datum", "-aangemaakt_op"]
        get_latest_by = ["datum", "aangemaakt_op"]
        indexes = [
            # Every card shows its opgave's latest update: one index step per card.
            models.Index(
                "opgave",
                models.F("datum").desc(),
                models.F("aangemaakt_op").desc(),
                name="voortgang_laatste_per_opgave",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=VoortgangStatus.values), name="voortgang_status_geldig"
            ),
        ]

    def __str__(self):
        return f"{self.opgave}, {self.datum}: {self.get_status_display()}"

    @property
    def is_van_vandaag(self) -> bool:
        """Written today, as people in Amsterdam count days: the day its author may still
        correct it (rechten.voortgang); later a new update says what changed."""
        return self.aangemaakt_op is not None and (
            timezone.localdate(self.aangemaakt_op) == termijnen.vandaag()
        )


class Ernst(models.TextChoices):
    LAAG = "laag", _("Laag")
    MIDDEN = "midden", _("Midden")
    HOOG = "hoog", _("Hoog")
    KRITIEK = "kritiek", _("Kritiek")


class BelemmeringStatus(models.TextChoices):
    NIEUW = "nieuw", _("Nieuw")
    OPGEPAKT = "opgepakt", _("Opgepakt")
    GEESCALEERD = "geescaleerd", _("Geëscaleerd")
    OPGELOST = "opgelost", _("Opgelost")


class Escalatieniveau(models.TextChoices):
    GEEN = "geen", _("Niet geëscaleerd")
    TEAM = "team", _("Team")
    REGIETEAM = "regieteam", _("Regieteam")
    BESTUUR = "bestuur", _("Directie / bestuur")


def kalenderdagen(begin, einde) -> int:
    """Calendar days from one moment to another, as people in Amsterdam count them: raised
    yesterday evening is one day old this morning, also across a change of summer time (a
    plain time difference would count 23 or 25 hours, or a late evening, as zero days)."""
    return (timezone.localdate(einde) - timezone.localdate(begin)).days


class BelemmeringQuerySet(models.QuerySet):
    def open(self) -> "BelemmeringQuerySet":
        return self.exclude(status=BelemmeringStatus.OPGELOST)


class Belemmering(SnelleKeuzelabels, VersionedModel):
    """An impediment. One belemmering can block several opgaven at once: where they collide."""

    opgaven = models.ManyToManyField(
        Opgave, verbose_name=_("blokkeert opgaven"), related_name="belemmeringen", blank=True
    )
    gebied = models.ForeignKey(
        "gebieden.Gebied",
        verbose_name=_("gebied"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="belemmeringen",
    )
    titel = models.CharField(_("titel"), max_length=200)
    beschrijving = models.TextField(_("beschrijving"), blank=True)
    ernst = models.CharField(_("ernst"), max_length=10, choices=Ernst.choices, default=Ernst.MIDDEN)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=BelemmeringStatus.choices,
        default=BelemmeringStatus.NIEUW,
    )
    ingebracht_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ingebracht door"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="ingebrachte_belemmeringen",
    )
    eigenaar = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("eigenaar"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="belemmeringen",
    )
    escalatieniveau = models.CharField(
        _("escalatieniveau"),
        max_length=20,
        choices=Escalatieniveau.choices,
        default=Escalatieniveau.GEEN,
    )
    geescaleerd_op = models.DateTimeField(_("geëscaleerd op"), null=True, blank=True)
    escalatie_besluit = models.TextField(_("welk besluit is nodig"), blank=True)
    escalatie_bij = models.CharField(_("van wie"), max_length=200, blank=True)
    escalatie_deadline = models.DateField(_("uiterlijk"), null=True, blank=True)
    oplossing = models.TextField(_("oplossing"), blank=True)
    opgelost_op = models.DateTimeField(_("opgelost op"), null=True, blank=True)
    aangemaakt_op = models.DateTimeField(_("ingebracht op"), auto_now_add=True)

    history = HistoricalRecords(m2m_fields=["opgaven"])
    objects = BelemmeringQuerySet.as_manager()

    class Meta:
        verbose_name = _("belemmering")
        verbose_name_plural = _("belemmeringen")
        ordering = ["-aangemaakt_op"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ernst__in=Ernst.values), name="belemmering_ernst_geldig"
            ),
            models.CheckConstraint(
                condition=Q(status__in=BelemmeringStatus.values), name="belemmering_status_geldig"
            ),
            models.CheckConstraint(
                condition=Q(escalatieniveau__in=Escalatieniveau.values),
                name="belemmering_escalatieniveau_geldig",
            ),
            # The database's guard of what each status requires (opgaven.belemmeringen.VEREIST,
            # which the forms check in full): an escalated one has a level, a resolved one a
            # resolution, each with the moment it happened.
            models.CheckConstraint(
                condition=~Q(status=BelemmeringStatus.GEESCALEERD)
                | (~Q(escalatieniveau=Escalatieniveau.GEEN) & Q(geescaleerd_op__isnull=False)),
                name="geescaleerd_heeft_niveau_en_datum",
            ),
            models.CheckConstraint(
                condition=~Q(status=BelemmeringStatus.OPGELOST)
                | (~Q(oplossing="") & Q(opgelost_op__isnull=False)),
                name="opgelost_heeft_oplossing_en_datum",
            ),
        ]

    def __str__(self):
        return self.titel

    @property
    def is_open(self) -> bool:
        return self.status != BelemmeringStatus.OPGELOST

    @property
    def leeftijd(self) -> int:
        """Calendar days since it was raised (until it was resolved)."""
        if self.aangemaakt_op is None:
            return 0
        return kalenderdagen(self.aangemaakt_op, self.opgelost_op or timezone.now())

    @property
    def is_geescaleerd(self) -> bool:
        """Escalated to someone; still so after the status moved on, since what the
        escalation asked stays on the record."""
        return self.escalatieniveau != Escalatieniveau.GEEN

    @property
    def escalatie_verlopen(self) -> bool:
        return (
            self.status == BelemmeringStatus.GEESCALEERD
            and self.escalatie_deadline is not None
            and self.escalatie_deadline < timezone.localdate()
        )


class KansStatus(models.TextChoices):
    NIEUW = "nieuw", _("Nieuw")
    GEACCEPTEERD = "geaccepteerd", _("Geaccepteerd")
    AFGEWEZEN = "afgewezen", _("Afgewezen")


class Kans(SnelleKeuzelabels, VersionedModel):
    """An opportunity someone brings to the regieteam: the 'plek' from the article."""

    titel = models.CharField(_("titel"), max_length=200)
    beschrijving = models.TextField(_("wat speelt er"))
    ingediend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ingediend door"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="kansen",
    )
    gebied = models.ForeignKey(
        "gebieden.Gebied",
        verbose_name=_("gebied"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="kansen",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=KansStatus.choices, default=KansStatus.NIEUW
    )
    opgave = models.ForeignKey(
        Opgave,
        verbose_name=_("gekoppelde opgave"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="kansen",
    )
    aangemaakt_op = models.DateTimeField(_("ingediend op"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kans")
        verbose_name_plural = _("kansen")
        ordering = ["-aangemaakt_op"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=KansStatus.values), name="kans_status_geldig"
            ),
        ]

    def __str__(self):
        return self.titel


class OpgaveUserObjectPermission(UserObjectPermissionBase):
    """Object permissions on an opgave for one user: the invited partner guest."""

    content_object = models.ForeignKey(Opgave, on_delete=models.CASCADE)

    history = HistoricalRecords()

    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = _("gastrecht op opgave")
        verbose_name_plural = _("gastrechten op opgaven")


class OpgaveGroupObjectPermission(GroupObjectPermissionBase):
    """Object permissions on an opgave for a team's group: how a team reaches its opgaven."""

    content_object = models.ForeignKey(Opgave, on_delete=models.CASCADE)

    history = HistoricalRecords()

    class Meta(GroupObjectPermissionBase.Meta):
        verbose_name = _("teamrecht op opgave")
        verbose_name_plural = _("teamrechten op opgaven")


class Prioriteit(models.Model):
    """The place of an opgave on a regieteam's board: the team's priority order."""

    regieteam = models.ForeignKey(
        "teams.Team",
        verbose_name=_("regieteam"),
        on_delete=models.PROTECT,
        related_name="prioriteiten",
    )
    opgave = models.ForeignKey(
        Opgave, verbose_name=_("opgave"), on_delete=models.PROTECT, related_name="prioriteiten"
    )
    positie = models.PositiveIntegerField(_("positie"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("prioriteit")
        verbose_name_plural = _("prioriteiten")
        ordering = ["regieteam", "positie"]
        constraints = [
            models.UniqueConstraint(
                fields=["regieteam", "opgave"], name="opgave_een_keer_per_regiebord"
            ),
        ]

    def __str__(self):
        return f"{self.positie + 1}. {self.opgave}"


class OnveranderlijkError(Exception):
    """A peilmoment records the past: it is never changed afterwards."""


class Onveranderlijk(models.Model):
    """A record of the past: created once, never saved again."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise OnveranderlijkError(_("Een peilmoment wordt niet gewijzigd."))
        super().save(*args, **kwargs)


class Peilmoment(Onveranderlijk):
    """A reporting moment: the state of a regieteam's opgaven frozen at a date, for council
    and management reports and to see what changed since."""

    regieteam = models.ForeignKey(
        "teams.Team",
        verbose_name=_("regieteam"),
        on_delete=models.PROTECT,
        related_name="peilmomenten",
    )
    datum = models.DateField(_("peildatum"), default=timezone.localdate)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    aangemaakt_op = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    # Never changed: the history records its creation and, should it happen, its deletion.
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("peilmoment")
        verbose_name_plural = _("peilmomenten")
        ordering = ["-datum", "-aangemaakt_op"]

    def __str__(self):
        return _("%(team)s, %(datum)s") % {"team": self.regieteam, "datum": self.datum}


class PeilmomentOpgave(SnelleKeuzelabels, Onveranderlijk):
    """One opgave as it stood at a peilmoment."""

    peilmoment = models.ForeignKey(Peilmoment, on_delete=models.CASCADE, related_name="regels")
    opgave = models.ForeignKey(Opgave, on_delete=models.PROTECT, related_name="peilingen")
    titel = models.CharField(_("titel"), max_length=200)
    status = models.CharField(_("status"), max_length=20, choices=OpgaveStatus.choices)
    voortgang = models.PositiveSmallIntegerField(_("voortgang (%)"))
    voortgang_status = models.CharField(
        _("laatste voortgangsstatus"), max_length=20, choices=VoortgangStatus.choices, blank=True
    )
    belemmeringen_open = models.PositiveIntegerField(_("open belemmeringen"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("opgave op peilmoment")
        verbose_name_plural = _("opgaven op peilmomenten")
        constraints = [
            models.UniqueConstraint(
                fields=["peilmoment", "opgave"], name="opgave_een_keer_per_peilmoment"
            )
        ]

    def __str__(self):
        return f"{self.titel} ({self.voortgang}%)"


class MeldingSoort(models.TextChoices):
    KANS = "kans", _("Kans")
    BELEMMERING = "belemmering", _("Belemmering")


class MeldingStatus(models.TextChoices):
    NIEUW = "nieuw", _("Wacht op het regieteam")
    GEACCEPTEERD = "geaccepteerd", _("Geaccepteerd")
    AFGEWEZEN = "afgewezen", _("Afgewezen")


class Melding(SnelleKeuzelabels, VersionedModel):
    """What anyone brings to the regieteam through /melden/: a kans they see or a belemmering
    they run into. The regieteam triages it into a belemmering, an actie or a kans on an
    opgave, or declines it with a reason; the submitter sees the outcome."""

    class Besluit(models.TextChoices):
        """What the regieteam decides (opgaven.meldingen.handel_af); an accepted melding
        tells it as `opgenomen_als`."""

        ALS_BELEMMERING = "belemmering", _("Opnemen als belemmering bij een opgave")
        ALS_ACTIE = "actie", _("Opnemen als idee op het bord van een opgave")
        ALS_KANS = "kans", _("Als kans koppelen aan een opgave")
        AFWIJZEN = "afwijzen", _("Afwijzen")

    soort = models.CharField(_("soort"), max_length=20, choices=MeldingSoort.choices)
    titel = models.CharField(_("titel"), max_length=200)
    beschrijving = models.TextField(_("wat speelt er"))
    gebied = models.ForeignKey(
        "gebieden.Gebied",
        verbose_name=_("gebied"),
        on_delete=models.PROTECT,
        related_name="meldingen",
    )
    opgave = models.ForeignKey(
        Opgave,
        verbose_name=_("opgave"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meldingen",
    )
    ingediend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ingediend door"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="meldingen",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=MeldingStatus.choices, default=MeldingStatus.NIEUW
    )
    reactie = models.TextField(_("reactie van het regieteam"), blank=True)
    afgehandeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("afgehandeld door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    afgehandeld_op = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)
    belemmering = models.ForeignKey(
        Belemmering, on_delete=models.SET_NULL, null=True, blank=True, related_name="meldingen"
    )
    actie = models.ForeignKey(
        Actie, on_delete=models.SET_NULL, null=True, blank=True, related_name="meldingen"
    )
    kans = models.ForeignKey(
        Kans, on_delete=models.SET_NULL, null=True, blank=True, related_name="meldingen"
    )
    aangemaakt_op = models.DateTimeField(_("ingediend op"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        ordering = ["-aangemaakt_op"]
        constraints = [
            models.CheckConstraint(
                condition=Q(soort__in=MeldingSoort.values), name="melding_soort_geldig"
            ),
            models.CheckConstraint(
                condition=Q(status__in=MeldingStatus.values), name="melding_status_geldig"
            ),
            models.CheckConstraint(
                condition=~Q(status=MeldingStatus.AFGEWEZEN) | ~Q(reactie=""),
                name="afgewezen_melding_heeft_reden",
            ),
        ]

    def __str__(self):
        return self.titel

    @property
    def opgenomen_als(self) -> str:
        """What the regieteam made of an accepted melding: `Besluit.ALS_BELEMMERING`,
        `ALS_ACTIE` or `ALS_KANS` (empty when declined, waiting, or when what it became was
        removed since)."""
        if self.status != MeldingStatus.GEACCEPTEERD:
            return ""
        if self.belemmering_id:
            return self.Besluit.ALS_BELEMMERING
        if self.actie_id:
            return self.Besluit.ALS_ACTIE
        return self.Besluit.ALS_KANS if self.kans_id else ""
