from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kern.htmx import HtmxHttpRequest
from kern.invoer import lees_parameters
from opgaven.forms import (
    VersieParameters,
)
from opgaven.geschiedenis import versies


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


def gevraagde_versie(request: HtmxHttpRequest, historie):
    """The earlier version `?versie=<history id>` asks for (None: a plain edit); an id that is
    not a version of this record is a bad request."""
    return lees_parameters(VersieParameters(request.GET, historie=historie))["versie"]


def met_reden(record, terugzetten) -> None:
    """A restored version says so in the record's history."""
    if terugzetten:
        record._change_reason = _("teruggezet naar de versie van %(datum)s") % {
            "datum": date_format(timezone.localtime(terugzetten.history_date), "DATETIME_FORMAT")
        }
