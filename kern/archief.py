"""Nothing of value is deleted: opgaven and teams are archived, and can be restored.

An archived record keeps everything that hangs from it and its whole history. The app's lists,
boards and choice lists show only active records (`actief()`); the record's own page still
opens for whoever may see it, read-only (rechten/). Archiving and restoring are
changes like any other: recorded in the record's history, with who did it.

A gebied has its own archive state, the end of its validity (`eind_geldigheid`): the
municipality retires areas, and a retired area stays for history (gebieden/models.py).
"""

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class ArchiefQuerySet(models.QuerySet):
    def actief(self):
        """The records that are not archived: what lists, boards and choice lists show."""
        return self.filter(gearchiveerd_op__isnull=True)

    def gearchiveerd(self):
        return self.filter(gearchiveerd_op__isnull=False)


class Archiveerbaar(models.Model):
    """A record with a board (`HeeftBord`) that is archived instead of deleted."""

    gearchiveerd_op = models.DateTimeField(
        _("gearchiveerd op"), null=True, blank=True, editable=False
    )
    gearchiveerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gearchiveerd door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    class Meta:
        abstract = True

    @property
    def is_gearchiveerd(self) -> bool:
        return self.gearchiveerd_op is not None

    def bezwaar_tegen_archiveren(self) -> str:
        """Why this record cannot be archived now (empty: it can)."""
        return ""

    def bezwaar_tegen_herstellen(self) -> str:
        """Why this record cannot be restored now (empty: it can)."""
        return ""

    def archiveer(self, *, door) -> None:
        """Archive the record in the name of `door`; its history records who and when."""
        self._zet_archief(timezone.now(), door, door=door, reden=gettext("gearchiveerd"))

    def herstel(self, *, door) -> None:
        """Bring an archived record back into the lists and boards."""
        self._zet_archief(None, None, door=door, reden=gettext("hersteld uit het archief"))

    def _zet_archief(self, op, gearchiveerd_door, *, door, reden: str) -> None:
        self.gearchiveerd_op = op
        self.gearchiveerd_door = gearchiveerd_door
        self._change_reason = reden
        self._history_user = door  # simple_history's way to name who did it, request or not
        # Open boards show the notice (or the restored board): opgaven/bordversie.py.
        self.save(update_fields=["gearchiveerd_op", "gearchiveerd_door"])


class ArchiefBezwaar(Exception):
    """Archiving or restoring did not happen; the message says why, in the user's words."""


@transaction.atomic
def naar_archief(record: Archiveerbaar, *, door) -> Archiveerbaar:
    """Archive `record` in the name of `door`, as it is stored now (its row locked, so two
    people archiving at once archive it once); raise ArchiefBezwaar when it is archived
    already or its `bezwaar_tegen_archiveren` says why not. Returns the archived record."""
    actueel = type(record)._default_manager.select_for_update().get(pk=record.pk)
    if actueel.is_gearchiveerd:
        raise ArchiefBezwaar(gettext("“%(naam)s” is al gearchiveerd.") % {"naam": actueel})
    if bezwaar := actueel.bezwaar_tegen_archiveren():
        raise ArchiefBezwaar(bezwaar)
    actueel.archiveer(door=door)
    return actueel


@transaction.atomic
def uit_archief(record: Archiveerbaar, *, door) -> Archiveerbaar:
    """Restore `record` in the name of `door`, as it is stored now; raise ArchiefBezwaar when
    it is not archived or its `bezwaar_tegen_herstellen` says why not (an opgave of an archived
    team). Returns the restored record."""
    actueel = type(record)._default_manager.select_for_update().get(pk=record.pk)
    if not actueel.is_gearchiveerd:
        raise ArchiefBezwaar(gettext("“%(naam)s” is niet gearchiveerd.") % {"naam": actueel})
    if bezwaar := actueel.bezwaar_tegen_herstellen():
        raise ArchiefBezwaar(bezwaar)
    actueel.herstel(door=door)
    return actueel
