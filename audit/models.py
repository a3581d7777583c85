from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Actie(models.TextChoices):
    TOEGANG_GEWEIGERD = "toegang_geweigerd", _("toegang geweigerd")
    RECHT_TOEGEKEND = "recht_toegekend", _("recht toegekend")
    RECHT_INGETROKKEN = "recht_ingetrokken", _("recht ingetrokken")
    LID_TOEGEVOEGD = "lid_toegevoegd", _("lid toegevoegd")
    LID_GEWIJZIGD = "lid_gewijzigd", _("lidmaatschap gewijzigd")
    LID_VERWIJDERD = "lid_verwijderd", _("lid verwijderd")
    GROEP_TOEGEVOEGD = "groep_toegevoegd", _("in groep gezet")
    GROEP_VERWIJDERD = "groep_verwijderd", _("uit groep gehaald")
    ROL_GEWIJZIGD = "rol_gewijzigd", _("beheerrol gewijzigd")


class AuditRegel(models.Model):
    """One line of the audit log (BIO 8.15.01): action, object, result, origin, actor, time.
    Written by the app only; the admin shows it and nobody can change it."""

    tijd = models.DateTimeField(_("tijd"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_naam = models.CharField(_("gebruikersnaam"), max_length=150, blank=True)
    actie = models.CharField(_("actie"), max_length=30, choices=Actie.choices, db_index=True)
    resultaat = models.CharField(_("resultaat"), max_length=30)
    object_soort = models.CharField(_("soort object"), max_length=100, blank=True)
    object_id = models.CharField(_("object-id"), max_length=200, blank=True)
    object_omschrijving = models.CharField(_("object"), max_length=300, blank=True)
    details = models.TextField(_("details"), blank=True)
    ip = models.GenericIPAddressField(_("IP-adres"), null=True, blank=True)
    pad = models.CharField(_("adres"), max_length=500, blank=True)
    # Repeated denied access within a minute is counted on its first row (audit.log).
    aantal = models.PositiveIntegerField(_("aantal keer"), default=1)
    laatste_keer = models.DateTimeField(_("laatste keer"), null=True, blank=True)

    class Meta:
        verbose_name = _("auditregel")
        verbose_name_plural = _("auditlog")
        ordering = ["-tijd", "-pk"]

    def __str__(self):
        return f"{self.tijd:%Y-%m-%d %H:%M:%S} {self.actor_naam or '-'} {self.actie}"
