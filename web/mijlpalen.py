"""The mijlpalen of an opgave board: adding, editing, ordering and deleting them. Ticking one
off is on the board itself (web/opgavebord.py, `mijlpaal_afvinken`).

Each write answers like the rest of the board: the mijlpalen part for htmx, a redirect to the
board without JavaScript, and what went right or wrong as a message in the mijlpalen part. The
order is kept by opgaven/ordering.py; who may change it is `kan_wijzigen` (the team and the
guests it invited to work on the opgave)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import retarget

from kern.bewerken import bewerkpagina
from kern.htmx import HtmxHttpRequest
from opgaven.forms import MijlpaalForm, VerplaatsMijlpaalForm
from opgaven.models import Actie, Mijlpaal, Opgave
from opgaven.ordering import (
    BordGewijzigd,
    KaartVerdwenen,
    MijlpaalInGebruik,
    plaats_nieuwe_mijlpaal,
    verplaats_mijlpaal,
    verwijder_mijlpaal,
)
from rechten.opgaven import get_opgave_for_user
from web.opgavebord import NIEUWE_MIJLPAAL_IDS, render_deel


def _mijlpaal_van(opgave: Opgave, mijlpaal_pk: int) -> Mijlpaal:
    return get_object_or_404(opgave.mijlpalen.select_related("eigenaar"), pk=mijlpaal_pk)


def _waarschuw(request: HtmxHttpRequest, opgave: Opgave, tekst: str, *, status: int):
    """A write that did not happen: the mijlpalen as they are now, saying why."""
    messages.warning(request, tekst, extra_tags="mijlpalen")
    return render_deel(request, opgave, "mijlpalen", status=status)


def _verdwenen(request: HtmxHttpRequest, opgave: Opgave, mijlpaal: Mijlpaal):
    tekst = _(
        "Mijlpaal “%(titel)s” bestaat niet meer: iemand anders heeft hem intussen verwijderd. "
        "Dit is de nieuwste stand."
    ) % {"titel": mijlpaal.titel}
    return _waarschuw(request, opgave, tekst, status=409)


def in_gebruik(mijlpaal: Mijlpaal, acties: list[Actie]) -> str:
    """Why a mijlpaal cannot be deleted, naming the acties that work towards it."""
    namen = ", ".join(
        (_("“%(titel)s” (gearchiveerd)") if actie.is_gearchiveerd else "“%(titel)s”")
        % {"titel": actie.titel}
        for actie in acties
    )
    return ngettext(
        "Mijlpaal “%(titel)s” kan niet worden verwijderd: actie %(acties)s werkt ernaartoe. "
        "Koppel die eerst los of aan een andere mijlpaal.",
        "Mijlpaal “%(titel)s” kan niet worden verwijderd: de acties %(acties)s werken "
        "ernaartoe. Koppel die eerst los of aan een andere mijlpaal.",
        len(acties),
    ) % {"titel": mijlpaal.titel, "acties": namen}


def _bezwaar_tegen_verwijderen(mijlpaal: Mijlpaal) -> str:
    """What the edit form and the confirmation step say instead of offering to delete (empty:
    no actie works towards it)."""
    acties = list(mijlpaal.acties.order_by("titel", "pk"))
    return in_gebruik(mijlpaal, acties) if acties else ""


@require_POST
@login_required
def mijlpaal_toevoegen(request: HtmxHttpRequest, pk: int):
    opgave = get_opgave_for_user(request, pk, write=True)
    form = MijlpaalForm(request.POST, opgave=opgave, auto_id=NIEUWE_MIJLPAAL_IDS)
    if not form.is_valid():
        return render_deel(request, opgave, "mijlpalen", status=422, mijlpaal_form=form)
    mijlpaal = plaats_nieuwe_mijlpaal(form.instance)
    messages.success(
        request,
        _("Mijlpaal “%(titel)s” is toegevoegd.") % {"titel": mijlpaal.titel},
        extra_tags="mijlpalen",
    )
    return render_deel(request, opgave, "mijlpalen")


@require_http_methods(["GET", "POST"])
@login_required
def mijlpaal_bewerken(request: HtmxHttpRequest, pk: int, mijlpaal_pk: int):
    opgave = get_opgave_for_user(request, pk, write=True)
    mijlpaal = _mijlpaal_van(opgave, mijlpaal_pk)
    form = MijlpaalForm(
        request.POST if request.method == "POST" else None,
        instance=mijlpaal,
        opgave=opgave,
        auto_id=f"mijlpaal{mijlpaal.pk}_%s",  # the board's own new-mijlpaal form is there too
    )

    def gelukt():
        messages.success(
            request,
            _("Mijlpaal “%(titel)s” is opgeslagen.") % {"titel": mijlpaal.titel},
            extra_tags="mijlpalen",
        )
        # The form stood in the mijlpaal's place: the whole list comes back.
        response = render_deel(request, opgave, "mijlpalen", verplaatst=mijlpaal.pk)
        return retarget(response, "#mijlpalen") if request.htmx else response

    return bewerkpagina(
        request,
        form,
        template="opgaven/mijlpaal_form.html",
        fragment="formulier",
        context={
            "opgave": opgave,
            "mijlpaal": mijlpaal,
            "bezwaar": _bezwaar_tegen_verwijderen(mijlpaal),
        },
        gelukt=gelukt,
    )


@require_POST
@login_required
def mijlpaal_verplaatsen(request: HtmxHttpRequest, pk: int, mijlpaal_pk: int):
    opgave = get_opgave_for_user(request, pk, write=True)
    mijlpaal = _mijlpaal_van(opgave, mijlpaal_pk)
    form = VerplaatsMijlpaalForm(request.POST)
    if not form.is_valid():
        tekst = _(
            "Deze mijlpaal kon niet worden verplaatst. Laad de pagina opnieuw en probeer "
            "het nog eens."
        )
        return _waarschuw(request, opgave, tekst, status=422)
    try:
        verplaats_mijlpaal(
            mijlpaal_id=mijlpaal.pk, na_id=form.cleaned_data["na"], door=request.user
        )
    except KaartVerdwenen:
        return _verdwenen(request, opgave, mijlpaal)
    except BordGewijzigd:
        tekst = _(
            "De mijlpalen waren intussen veranderd. Dit is de nieuwste stand; probeer het zo "
            "nodig opnieuw."
        )
        return _waarschuw(request, opgave, tekst, status=409)
    return render_deel(request, opgave, "mijlpalen", verplaatst=mijlpaal.pk)


@require_http_methods(["GET", "POST"])
@login_required
def mijlpaal_verwijderen(request: HtmxHttpRequest, pk: int, mijlpaal_pk: int):
    """GET: the confirmation step without JavaScript (with it, the board asks in a dialog and
    posts here at once). POST: delete, unless acties work towards the mijlpaal (409, naming
    them)."""
    opgave = get_opgave_for_user(request, pk, write=True)
    mijlpaal = _mijlpaal_van(opgave, mijlpaal_pk)
    if request.method == "GET":
        context = {
            "opgave": opgave,
            "mijlpaal": mijlpaal,
            "bezwaar": _bezwaar_tegen_verwijderen(mijlpaal),
        }
        return render(request, "opgaven/mijlpaal_verwijderen.html", context)
    try:
        verwijder_mijlpaal(opgave_id=opgave.pk, mijlpaal_id=mijlpaal.pk)
    except KaartVerdwenen:
        return _verdwenen(request, opgave, mijlpaal)
    except MijlpaalInGebruik as gebruik:
        return _waarschuw(request, opgave, in_gebruik(mijlpaal, gebruik.acties), status=409)
    messages.success(
        request,
        _("Mijlpaal “%(titel)s” is verwijderd.") % {"titel": mijlpaal.titel},
        extra_tags="mijlpalen",
    )
    return render_deel(request, opgave, "mijlpalen")
