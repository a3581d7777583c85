"""Optimistic locking: every editable record carries a version number.

Each save of an existing row raises the version by one, so an editor who started from an
older version can be told that someone else changed the record in the meantime.
"""

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _


class VersionedModel(models.Model):
    version = models.PositiveIntegerField(_("versie"), default=1, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            self.version += 1
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "version"}
        super().save(*args, **kwargs)


class HeeftBord(models.Model):
    """A record with a board that browsers keep fresh: `bord_versie` goes up on every change
    to the board, and open boards poll it (when it goes up: opgaven/bordversie.py). It is only
    ever raised with an UPDATE ... + 1, so saving an instance loaded earlier must never write
    its stale copy back."""

    bord_versie = models.PositiveBigIntegerField(default=0, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding and kwargs.get("update_fields") is None:
            kwargs["update_fields"] = [
                field.name
                for field in self._meta.concrete_fields
                if not field.primary_key and field.name != "bord_versie"
            ]
        super().save(*args, **kwargs)


class VersieConflict(Exception):
    """Someone else saved the record after the editor loaded it."""

    def __init__(self, actueel):
        super().__init__(f"{actueel!r} changed meanwhile")
        self.actueel = actueel


def controleer_versie(record: VersionedModel, *, versie: int) -> VersionedModel:
    """Lock the record's row until the transaction ends and return it as stored; raise
    VersieConflict with it when it is no longer at `versie`. Call inside a transaction."""
    actueel = type(record)._default_manager.select_for_update().get(pk=record.pk)
    if actueel.version != versie:
        raise VersieConflict(actueel)
    return actueel


@transaction.atomic
def bewaar_bewerking(bewerkt: VersionedModel, *, versie: int, velden: list[str]) -> None:
    """Save an edit made on top of `versie`, or raise VersieConflict with the current record
    when someone saved in between: nothing is silently overwritten."""
    bewerkt.version = controleer_versie(bewerkt, versie=versie).version
    bewerkt.save(update_fields=velden)


# Bookkeeping, not content: never named as what someone changed.
BOEKHOUDING = {"id", "version", "bord_versie", "positie", "aangemaakt_op", "gewijzigd_op"}


def gewijzigd_sinds(actueel: VersionedModel, versie: int) -> list[models.Field]:
    """The fields whose value differs between the record as it was at `versie` (read from its
    history) and `actueel`: what the other person changed. Empty when the history does not
    know that version."""
    toen = (
        type(actueel)
        .history.filter(id=actueel.pk, version=versie)
        .order_by("-history_date", "-history_id")
        .first()
    )
    if toen is None:
        return []
    return [
        veld
        for veld in actueel._meta.concrete_fields
        if veld.name not in BOEKHOUDING
        and getattr(toen, veld.attname) != getattr(actueel, veld.attname)
    ]
