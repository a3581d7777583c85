from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from gebieden.kaart import teken_kaart
from kern.export import exporteer
from kern.htmx import HtmxHttpRequest
from kern.invoer import lees_parameters
from opgaven.forms import BordParameters
from opgaven.overzicht import maak_overzicht
from opgaven.peilmomenten import veranderingen_sinds
from rechten.opgaven import zichtbare_opgaven
from rechten.peilmomenten import zichtbare_peilmomenten
from teams.models import Team
from web.export import overzicht_blad
from web.forms import OverzichtFilter


@require_safe
@login_required
def overzicht(request: HtmxHttpRequest):
    """Opgaven x areas for coordinators (everything) and regieteams (what they may see),
    filtered through the URL; `?export=csv` or `?export=xlsx` downloads the same numbers."""
    opgaven = zichtbare_opgaven(request.user).actief()
    form = OverzichtFilter(
        request.GET,
        teams=Team.objects.actief().filter(opgaven__in=opgaven).distinct(),
        peilmomenten=zichtbare_peilmomenten(opgaven),
    )
    if not form.is_valid():
        return render(request, "gebieden/overzicht.html", {"form": form}, status=400)
    export = lees_parameters(BordParameters(request.GET))["export"]
    tabel = maak_overzicht(form.filter(opgaven), niveau=form.cleaned_data["niveau"])
    if export:
        return exporteer(export, _("overzicht"), [overzicht_blad(tabel)])
    per_gebied = form.cleaned_data["rijen"] == "gebieden"
    context = {
        "form": form,
        "overzicht": tabel,
        "per_gebied": per_gebied,
        "rijen": (
            [(gebied, tabel.kolom(gebied)) for gebied in tabel.gebieden]
            if per_gebied
            else [(opgave, tabel.rij(opgave)) for opgave in tabel.opgaven]
        ),
        "kolommen": tabel.opgaven if per_gebied else tabel.gebieden,
        "querystring": _zonder(form.data, "export"),
        "kaart": teken_kaart(tabel.alle_gebieden, tabel.per_gebied(form.cleaned_data["maat"])),
        "maat_label": dict(form.fields["maat"].choices)[form.cleaned_data["maat"]],
    }
    peilmoment = form.cleaned_data["peilmoment"]
    if peilmoment and not per_gebied:
        context["peilmoment"] = peilmoment
        veranderingen = veranderingen_sinds(peilmoment, tabel.opgaven)
        for opgave in tabel.opgaven:
            opgave.verandering = veranderingen[opgave.pk]
    return render(request, "gebieden/overzicht.html", context)


def _zonder(parameters, naam: str) -> str:
    """The query string without one parameter, for links that add their own."""
    kopie = parameters.copy()
    kopie.pop(naam, None)
    return kopie.urlencode()
