"""History pages, and restoring an earlier version through the normal edit form."""

from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kern.bewerken import VersieForm
from kern.htmx import HtmxHttpRequest
from kern.invoer import lees_parameters
from opgaven.forms import VersieParameters
from opgaven.geschiedenis import terug_te_zetten, versies


def geschiedenispagina(
    request: HtmxHttpRequest, *, onderwerp: str, terug: str, historie, bewerk_url
):
    """The history page; `bewerk_url` (empty for who may not change the record) is where
    "Deze versie terugzetten" opens the edit form with an earlier version's values."""
    context = {
        "onderwerp": onderwerp,
        "terug": terug,
        "versies": versies(historie),
        "bewerk_url": bewerk_url,
    }
    return render(request, "opgaven/geschiedenis.html", context)


def herstelbaar_formulier(
    request: HtmxHttpRequest, formulier: type[VersieForm], record, **kwargs
) -> tuple[VersieForm, object | None]:
    """The edit form of a record with history, and the earlier version `?versie=<history id>`
    asks to restore (None: a plain edit). Restoring fills the form with that version's values
    on top of the current version, so nothing is written until saved, and the save says in the
    record's history what was restored. An id that is not a version of this record is a bad
    request."""
    historie = record.history.all()
    terugzetten = lees_parameters(VersieParameters(request.GET, historie=historie))["versie"]
    form = formulier(
        request.POST if request.method == "POST" else None,
        instance=record,
        initial=terug_te_zetten(terugzetten, formulier.Meta.fields) if terugzetten else None,
        **kwargs,
    )
    if terugzetten:
        form.instance._change_reason = _("teruggezet naar de versie van %(datum)s") % {
            "datum": date_format(timezone.localtime(terugzetten.history_date), "DATETIME_FORMAT")
        }
    return form, terugzetten
