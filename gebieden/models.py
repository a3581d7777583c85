from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from gebieden.omtrek import valideer_omtrek
from kern.keuzes import SnelleKeuzelabels


class Niveau(models.TextChoices):
    """The levels from the top down: an opgave may land at any of them, the city included."""

    STAD = "stad", _("Stad")
    STADSDEEL = "stadsdeel", _("Stadsdeel")
    GEBIED = "gebied", _("Gebied")
    WIJK = "wijk", _("Wijk")
    BUURT = "buurt", _("Buurt")


NIVEAU_DIEPTE = {niveau: diepte for diepte, niveau in enumerate(Niveau.values)}

# A code is a URL segment (/gebieden/FK01/) and a step of the stored path ("/F/FK/FK01/"), so
# a "/", a space or ".." would break both. The import checks codes with this field's validators.
code_validator = RegexValidator(
    r"\A[A-Za-z0-9_-]+\Z",
    message=_("Gebruik in een code alleen letters (a-z, A-Z), cijfers, - en _."),
    code="code",
)


def paden_van(pad: str) -> list[str]:
    """The paths from the top down to `pad` itself: "/F/FK/FK01/" gives "/F/", "/F/FK/", ..."""
    delen = pad.strip("/").split("/")
    return ["/" + "/".join(delen[:diepte]) + "/" for diepte in range(1, len(delen) + 1)]


class GebiedQuerySet(models.QuerySet):
    def onder(self, gebied: "Gebied") -> "GebiedQuerySet":
        """The gebied itself and everything below it, in one query via the stored path."""
        return self.filter(pad__startswith=gebied.pad)

    def geldig(self) -> "GebiedQuerySet":
        """The areas in use: a gebied's archive state is the end of its validity."""
        return self.filter(eind_geldigheid__isnull=True)


class Gebied(SnelleKeuzelabels, models.Model):
    """An area in the hierarchy stad > stadsdeel > gebied > wijk > buurt; each area lies in
    one of a higher level (not necessarily the level right above it), or in none.

    `pad` holds the codes from the top down ("/0363/F/DX13/FK/FK01/") so that "this area and
    everything below it" is a single indexed prefix query, whatever the depth.
    """

    code = models.CharField(_("code"), max_length=20, unique=True, validators=[code_validator])
    cbs_code = models.CharField(_("CBS-code"), max_length=20, blank=True)
    naam = models.CharField(_("naam"), max_length=200)
    niveau = models.CharField(_("niveau"), max_length=20, choices=Niveau.choices)
    ouder = models.ForeignKey(
        "self",
        verbose_name=_("ligt in"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="kinderen",
    )
    aliassen = models.JSONField(
        _("ook bekend als"),
        default=list,
        blank=True,
        help_text=_("Namen die mensen in de wandelgang gebruiken, zoals 'Blomwijckerbuurt'."),
    )
    omtrek = models.JSONField(
        _("omtrek"),
        null=True,
        blank=True,
        help_text=_("GeoJSON-geometrie (Polygon of MultiPolygon) in WGS84, voor de kaart."),
        validators=[valideer_omtrek],
    )
    begin_geldigheid = models.DateField(_("geldig vanaf"), null=True, blank=True)
    eind_geldigheid = models.DateField(_("geldig tot"), null=True, blank=True)
    pad = models.CharField(max_length=255, editable=False, db_index=True)

    history = HistoricalRecords()
    objects = GebiedQuerySet.as_manager()

    class Meta:
        verbose_name = _("gebied")
        verbose_name_plural = _("gebieden")
        ordering = ["pad"]
        constraints = [
            models.CheckConstraint(
                condition=Q(niveau__in=Niveau.values), name="gebied_niveau_geldig"
            ),
            models.UniqueConstraint(
                fields=["cbs_code"],
                condition=~Q(cbs_code=""),
                name="gebied_cbs_code_uniek",
            ),
            models.CheckConstraint(
                condition=Q(eind_geldigheid__isnull=True)
                | Q(begin_geldigheid__isnull=True)
                | Q(eind_geldigheid__gte=models.F("begin_geldigheid")),
                name="gebied_geldigheid_volgorde",
            ),
        ]

    def __str__(self):
        return self.naam

    def save(self, *args, **kwargs):
        oud_pad = self.pad
        self.pad = f"{self.ouder.pad if self.ouder else '/'}{self.code}/"
        super().save(*args, **kwargs)
        if oud_pad and oud_pad != self.pad:
            for kind in self.kinderen.all():
                kind.save()

    def get_absolute_url(self):
        return reverse("gebieden:detail", args=[self.code])

    def clean(self):
        if self.ouder is None:
            return
        if NIVEAU_DIEPTE[self.ouder.niveau] >= NIVEAU_DIEPTE.get(self.niveau, 0):
            raise ValidationError(
                {
                    "ouder": _("Een %(niveau)s kan niet in een %(ouder)s liggen.")
                    % {
                        "niveau": self.get_niveau_display().lower(),
                        "ouder": self.ouder.get_niveau_display().lower(),
                    }
                }
            )
        if self.pk and self.ouder.pad.startswith(self.pad or "\0"):
            raise ValidationError({"ouder": _("Een gebied kan niet in zichzelf liggen.")})

    # Archiving (kern/archief.py): a gebied the municipality retired keeps its end date and
    # stays for history, so that end date is its archive state.
    @property
    def is_gearchiveerd(self) -> bool:
        return self.eind_geldigheid is not None

    def bezwaar_tegen_archiveren(self) -> str:
        return ""

    def bezwaar_tegen_herstellen(self) -> str:
        return ""

    def archiveer(self, *, door) -> None:
        """Retire the area today (or on the day it became valid, if that is later)."""
        vandaag = timezone.localdate()
        self._zet_eind(
            max(vandaag, self.begin_geldigheid or vandaag), door, gettext("gearchiveerd")
        )

    def herstel(self, *, door) -> None:
        self._zet_eind(None, door, gettext("hersteld uit het archief"))

    def _zet_eind(self, eind, door, reden: str) -> None:
        self.eind_geldigheid = eind
        self._change_reason = reden
        self._history_user = door
        self.save(update_fields=["eind_geldigheid"])

    @property
    def aliassen_tekst(self) -> str:
        return ", ".join(self.aliassen)
