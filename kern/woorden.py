"""Stored values as people read them: a choice's label, a date, a person's name. The history
page and the notice of a stale save both tell what a record holds in these words."""

from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kern.gebruikers import weergavenaam
from kern.versioning import gewijzigd_sinds


def in_woorden(veld: models.Field, waarde, namen: dict | None = None) -> str:
    """A stored value as people read it: a choice's label, a date, a person's name."""
    if waarde is None or waarde == "":
        return "–"
    if veld.choices:
        return str(dict(veld.flatchoices).get(waarde, waarde))
    if isinstance(veld, models.BooleanField):
        return _("ja") if waarde else _("nee")
    if isinstance(waarde, datetime):
        return date_format(timezone.localtime(waarde), "SHORT_DATETIME_FORMAT")
    if isinstance(waarde, date):
        return date_format(waarde, "DATE_FORMAT")
    if isinstance(veld, models.ForeignKey):
        return (namen or {}).get((veld.related_model, waarde), _("(verwijderd)"))
    return str(waarde)


def namen(veld: models.ForeignKey, ids: set) -> dict:
    """The names of the records `veld` refers to by `ids`, in one query, keyed for
    `in_woorden`."""
    model = veld.related_model
    # Large documents (a gebied's outline) are never part of a name.
    documenten = [v.name for v in model._meta.concrete_fields if isinstance(v, models.JSONField)]
    sleutel = veld.target_field.attname  # the primary key, or the field it points to (a code)
    gerelateerd = model._default_manager.filter(**{f"{sleutel}__in": ids}).defer(*documenten)
    return {
        (model, getattr(record, sleutel)): (
            weergavenaam(record) if model is get_user_model() else str(record)
        )
        for record in gerelateerd
    }


def wat_de_ander_veranderde(actueel, versie: int, velden: list[str]) -> list[tuple[str, str]]:
    """For a conflict notice: each field the other person changed since `versie`, with its
    value now, in words (every field of the form when the history cannot tell)."""
    gewijzigd = gewijzigd_sinds(actueel, versie) or [
        actueel._meta.get_field(naam) for naam in velden
    ]
    return [(str(veld.verbose_name).capitalize(), _nu(actueel, veld)) for veld in gewijzigd]


def _nu(record, veld: models.Field) -> str:
    waarde = getattr(record, veld.attname)
    if isinstance(veld, models.ForeignKey):
        return in_woorden(veld, waarde, namen(veld, {waarde} - {None}))
    return in_woorden(veld, waarde)
