import dataclasses

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import caches
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_htmx.http import retarget

from kern.berichten import ongedaan_maken
from kern.bewerken import bewaar_formulier, bewaar_met, bewerkpagina
from kern.export import exporteer
from kern.htmx import HtmxHttpRequest
from kern.invoer import lees_parameters
from opgaven.activiteit import activiteit
from opgaven.belemmeringen import breng_belemmering_in
from opgaven.bordversie import stand_van_opgavebord
from opgaven.forms import (
    ActieForm,
    BelemmeringSnelForm,
    BordParameters,
    MijlpaalAfvinkForm,
    MijlpaalForm,
    OpgaveForm,
    OverdrachtForm,
    VerplaatsActieForm,
    VoortgangForm,
)
from opgaven.kaartcache import haal_kaarten, kaartsleutel
from opgaven.koers import focus_van
from opgaven.models import Actie, Belemmering, Kolom, Opgave, OpgaveGebied, OpgaveStatus
from opgaven.ordering import (
    BordGewijzigd,
    KaartGearchiveerd,
    KaartVerdwenen,
    archiveer_actie,
    bord_en_archief,
    herstel_actie,
    hoger_en_lager,
    mijlpalen_van,
    plaats_nieuwe_actie,
    verplaats_actie,
    verwijder_actie,
)
from opgaven.overdracht import draag_over
from rechten.belemmeringen import behandelbaar, met_opgaven
from rechten.opgaven import (
    Verwijzingen,
    bewerkbare_velden,
    get_opgave_for_user,
    get_opgave_om_te_bewerken,
    get_opgavebord_stand_for_user,
    kan_beheren,
    kan_bekijken,
    kan_overdragen,
    kan_wijzigen,
    lokaal_bewerkbaar,
    mag_landen_in,
    mag_landingen_beheren,
)
from rechten.teams import kan_waardencheck_invullen, ontvangende_teams
from rechten.voortgang import kan_voortgang_corrigeren
from teams.waarden import waardentrend
from web.export import opgavebord_bladen
from web.geschiedenis import geschiedenispagina, herstelbaar_formulier
from web.kaarten import ActieKaart
from web.opgave_archief import ArchiverenForm

# The opgave board holds several forms with the same field names: each its own element ids.
NIEUWE_ACTIE_IDS = "nieuw_%s"
VOORTGANG_IDS = "voortgang_%s"
BELEMMERING_IDS = "belemmering_%s"
NIEUWE_MIJLPAAL_IDS = "mijlpaal_%s"


def _bord_context(request: HtmxHttpRequest, opgave: Opgave, **extra) -> dict:
    """Everything the opgave board shows, in a fixed number of queries: the parts a write sends
    back on their own (DELEN), and what only the whole board shows."""
    mag_wijzigen = kan_wijzigen(request.user, opgave)
    context = {}
    for deel_context in DELEN.values():
        context |= deel_context(request, opgave, mag_wijzigen=mag_wijzigen, **extra)
    acties = [actie for _kolom, kaarten in context["kolommen"] for actie in kaarten]
    acties += context["gearchiveerde_acties"]  # their history pages open too
    laatste_check, trends = waardentrend(
        opgave.team.waardenchecks.filter(Q(opgave__isnull=True) | Q(opgave=opgave))
    )
    return context | {
        "stand": stand_van_opgavebord(opgave),
        "mag_overdragen": kan_overdragen(request.user, opgave),
        **_archief_context(request, opgave),
        "mag_bewerken": bool(bewerkbare_velden(request.user, opgave)),
        "kansen": opgave.kansen.select_related("ingediend_door"),
        "activiteit": _activiteit(opgave, acties),
        "laatste_check": laatste_check,
        "trends": trends,
        "invul_url": (
            reverse("teams:waardencheck", args=[opgave.team.slug]) + f"?opgave={opgave.pk}"
            if kan_waardencheck_invullen(request.user, opgave.team, opgave=opgave)
            else ""
        ),
    }


def _archief_context(request: HtmxHttpRequest, opgave: Opgave) -> dict:
    """Archive and restore on the board (web/opgave_archief.py), for who steers the opgave."""
    mag_beheren = kan_beheren(request.user, opgave)
    if mag_beheren and not opgave.is_gearchiveerd:
        return {"mag_beheren": mag_beheren, "archiveren_form": ArchiverenForm()}
    return {"mag_beheren": mag_beheren}


def _acties_context(request: HtmxHttpRequest, opgave: Opgave, *, mag_wijzigen: bool, **extra):
    """The kanban: the cards per column, with what their buttons send and their cache keys;
    below it the archived acties."""
    acties, gearchiveerd = bord_en_archief(opgave)
    kolommen = [(kolom, [a for a in acties if a.kolom == kolom.value]) for kolom in Kolom]
    # The keyboard alternative moves a card one column left or right.
    buren = [
        {"value": kolom.value, "label": str(kolom.label), "naar": _("Naar %s") % kolom.label}
        for kolom in Kolom
    ]
    for index_kolom, (_kolom, kaarten) in enumerate(kolommen):
        vorige = buren[index_kolom - 1] if index_kolom > 0 else None
        volgende = buren[index_kolom + 1] if index_kolom + 1 < len(buren) else None
        for index, actie in enumerate(kaarten):
            actie.kaart = ActieKaart.van(
                actie,
                mag_wijzigen=mag_wijzigen,
                vorige_kolom=vorige,
                volgende_kolom=volgende,
                **dataclasses.asdict(hoger_en_lager(kaarten, index)),
                verplaatst=actie.pk == extra.get("verplaatst"),
            )
    haal_kaarten(actie.kaart for actie in acties)
    context = {
        "opgave": opgave,
        "mag_wijzigen": mag_wijzigen,
        "kolommen": kolommen,
        "gearchiveerde_acties": gearchiveerd,
    }
    if mag_wijzigen:
        context["actie_form"] = ActieForm(
            opgave=opgave, initial={"kolom": Kolom.TE_DOEN}, auto_id=NIEUWE_ACTIE_IDS
        )
    return context | extra


def _mijlpalen_context(request: HtmxHttpRequest, opgave: Opgave, *, mag_wijzigen: bool, **extra):
    """The mijlpalen in the team's order, with their Hoger and Lager buttons, and the form that
    adds one."""
    mijlpalen = mijlpalen_van(opgave, opnieuw=True)
    for index, mijlpaal in enumerate(mijlpalen):
        mijlpaal.buren = hoger_en_lager(mijlpalen, index)
    context = {"opgave": opgave, "mag_wijzigen": mag_wijzigen, "mijlpalen": mijlpalen}
    if mag_wijzigen:
        context["mijlpaal_form"] = MijlpaalForm(opgave=opgave, auto_id=NIEUWE_MIJLPAAL_IDS)
    return context | extra


def _voortgang_context(request: HtmxHttpRequest, opgave: Opgave, *, mag_wijzigen: bool, **extra):
    updates = list(opgave.updates.select_related("auteur"))
    for update in updates:
        update.mag_corrigeren = kan_voortgang_corrigeren(request.user, update)
    context = {"opgave": opgave, "mag_wijzigen": mag_wijzigen, "updates": updates}
    if mag_wijzigen:
        context["voortgang_form"] = VoortgangForm(auto_id=VOORTGANG_IDS)
    return context | extra


def _belemmeringen_context(
    request: HtmxHttpRequest, opgave: Opgave, *, mag_wijzigen: bool, **extra
):
    belemmeringen = list(
        Belemmering.objects.filter(opgaven=opgave)
        .select_related("eigenaar", "gebied")
        .defer("gebied__omtrek")
        .prefetch_related(met_opgaven(request.user))
        .order_by("status", "-aangemaakt_op")
    )
    mag_behandelen = behandelbaar(request.user, bord=opgave)
    for belemmering in belemmeringen:
        belemmering.andere_opgaven = Verwijzingen.van(
            andere for andere in belemmering.geblokkeerde_opgaven if andere.pk != opgave.pk
        )
        belemmering.mag_behandelen = mag_behandelen(belemmering)
    context = {
        "opgave": opgave,
        "mag_wijzigen": mag_wijzigen,
        "belemmeringen_open": [b for b in belemmeringen if b.is_open],
        "belemmeringen_opgelost": [b for b in belemmeringen if not b.is_open],
    }
    if mag_wijzigen:
        context["belemmering_form"] = BelemmeringSnelForm(
            auto_id=BELEMMERING_IDS, gebieden=_gebieden_van(opgave)
        )
    return context | extra


def _landingen_van(opgave: Opgave) -> list[OpgaveGebied]:
    """Where the opgave lands, read once for the parts of the board that show it: the section
    "Waar deze opgave landt" and the belemmeringen form's choice of gebied."""
    if not hasattr(opgave, "landingen_op_bord"):
        opgave.landingen_op_bord = list(
            opgave.opgave_gebieden.select_related("gebied").defer("gebied__omtrek")
        )
    return opgave.landingen_op_bord


def _gebieden_van(opgave: Opgave) -> list:
    """The gebieden the opgave lands in, in the order of opgaven.belemmeringen's rule."""
    return [landing.gebied for landing in _landingen_van(opgave)]


def _landingen_context(request: HtmxHttpRequest, opgave: Opgave, *, mag_wijzigen: bool, **extra):
    """Where the opgave lands, with the local urgency, status and note there; for those who
    steer it, the buttons to add a gebied and to remove one (never the last one)."""
    landingen = _landingen_van(opgave)
    mag_beheren = mag_landingen_beheren(request.user, opgave)
    mag_bewerken = lokaal_bewerkbaar(request.user)
    for landing in landingen:
        landing.opgave = opgave
        landing.mag_bewerken = mag_bewerken(landing)
        landing.mag_verwijderen = (
            mag_beheren
            and len(landingen) > 1
            and mag_landen_in(request.user, opgave.team, [landing.gebied])
        )
    # The add form (a long choice at city scale) comes on request (web/landingen.py), or
    # back in `extra` with its errors.
    context = {"opgave": opgave, "landingen": landingen, "landingen_beheren": mag_beheren}
    return context | extra


# The parts of the board that a write sends back on their own, each a partial of
# opgaven/opgave_detail.html, with the function that builds just its context.
DELEN = {
    "acties": _acties_context,
    "mijlpalen": _mijlpalen_context,
    "voortgang": _voortgang_context,
    "belemmeringen": _belemmeringen_context,
    "landingen": _landingen_context,
}


def _activiteit(opgave: Opgave, acties: list[Actie]) -> list:
    """The activity stream, cached per board state: every change that writes history also
    raises the opgave's version or its board's stand (opgaven/bordversie.py)."""
    sleutel = "activiteit:" + kaartsleutel(opgave.pk, opgave.version, stand_van_opgavebord(opgave))
    gebeurtenissen = caches["kaarten"].get(sleutel)
    if gebeurtenissen is None:
        gebeurtenissen = activiteit(opgave, acties={actie.pk for actie in acties})
        caches["kaarten"].set(sleutel, gebeurtenissen)
    return gebeurtenissen


def render_deel(request: HtmxHttpRequest, opgave: Opgave, deel: str, *, status=200, **extra):
    """After a write: the changed part (`deel`, one of DELEN) for htmx, built alone; the whole
    board otherwise (on an error), or a redirect back to it (on success), so everything also
    works without JavaScript. What went right or wrong travels as a message for the part
    (`extra_tags`). The views of the board's other modules (mijlpalen, voortgang, landingen)
    answer through it too."""
    if status == 200 and not request.htmx:
        return redirect(opgave)
    if request.htmx:
        context = DELEN[deel](
            request, opgave, mag_wijzigen=kan_wijzigen(request.user, opgave), **extra
        )
        return render(request, f"opgaven/opgave_detail.html#{deel}", context, status=status)
    opgave = get_opgave_for_user(request, opgave.pk)  # fresh annotations after the write
    context = _bord_context(request, opgave, **extra)
    return render(request, "opgaven/opgave_detail.html", context, status=status)


@require_safe
@login_required
def opgave_detail(request: HtmxHttpRequest, pk: int):
    """The opgave board. With `?sinds=<stand>` it is the cheap change check: 204 when nothing
    changed since that stand, otherwise the refreshed board."""
    parameters = lees_parameters(BordParameters(request.GET))
    if parameters["sinds"] and parameters["sinds"] == get_opgavebord_stand_for_user(request, pk):
        return HttpResponse(status=204)
    opgave = get_opgave_for_user(request, pk)
    context = _bord_context(request, opgave)
    if parameters["export"]:
        return exporteer(parameters["export"], opgave.titel, opgavebord_bladen(context))
    template = "opgaven/opgave_detail.html#bord" if request.htmx else "opgaven/opgave_detail.html"
    return render(request, template, context)


@require_POST
@login_required
def actie_toevoegen(request: HtmxHttpRequest, pk: int):
    opgave = get_opgave_for_user(request, pk, write=True)
    form = ActieForm(request.POST, opgave=opgave, auto_id=NIEUWE_ACTIE_IDS)
    if not form.is_valid():
        return render_deel(request, opgave, "acties", status=422, actie_form=form)
    plaats_nieuwe_actie(form.instance)
    return render_deel(request, opgave, "acties")


def actie_van(opgave: Opgave, actie_pk: int) -> Actie:
    return get_object_or_404(opgave.acties.select_related("eigenaar"), pk=actie_pk)


@require_safe
@login_required
def actie_kaart(request: HtmxHttpRequest, pk: int, actie_pk: int):
    """Back from editing a card (cancel, or reload after a conflict): the kanban as it is now."""
    opgave = get_opgave_for_user(request, pk)
    actie = actie_van(opgave, actie_pk)
    return _kanban_met_focus_op(request, opgave, actie)


def _kanban_met_focus_op(request: HtmxHttpRequest, opgave: Opgave, actie: Actie):
    if not request.htmx:
        return redirect(opgave)
    context = _acties_context(
        request, opgave, mag_wijzigen=kan_wijzigen(request.user, opgave), verplaatst=actie.pk
    )
    response = render(request, "opgaven/opgave_detail.html#acties", context)
    return retarget(response, "#acties")


@require_http_methods(["GET", "POST"])
@login_required
def actie_bewerken(request: HtmxHttpRequest, pk: int, actie_pk: int):
    opgave = get_opgave_for_user(request, pk, write=True)
    actie = actie_van(opgave, actie_pk)
    form, terugzetten = herstelbaar_formulier(
        request,
        ActieForm,
        actie,
        opgave=opgave,
        auto_id=f"actie{actie.pk}_%s",  # the board's own new-actie form is on the same page
    )
    return bewerkpagina(
        request,
        form,
        template="opgaven/actie_form.html",
        fragment="formulier",
        context={"opgave": opgave, "actie": actie, "terugzetten": terugzetten},
        gelukt=lambda: _kanban_met_focus_op(request, opgave, actie),
    )


@require_POST
@login_required
def actie_verplaatsen(request: HtmxHttpRequest, pk: int, actie_pk: int):
    opgave = get_opgave_for_user(request, pk, write=True)
    actie = actie_van(opgave, actie_pk)
    form = VerplaatsActieForm(request.POST)
    if not form.is_valid():
        waarschuwing = _(
            "Deze kaart kon niet worden verplaatst: kies een van de kolommen en probeer het "
            "opnieuw."
        )
        return _acties_met_waarschuwing(request, opgave, waarschuwing, status=422)
    try:
        verplaats_actie(
            actie_id=actie.pk,
            kolom=form.cleaned_data["kolom"] or None,
            na_id=form.cleaned_data["na"],
            door=request.user,
        )
    except KaartVerdwenen as fout:
        return _kaart_verdwenen(request, opgave, actie, fout)
    except BordGewijzigd:
        waarschuwing = _(
            "Het bord was intussen veranderd. Dit is de nieuwste stand; probeer het zo nodig "
            "opnieuw."
        )
        return _acties_met_waarschuwing(request, opgave, waarschuwing, status=409)
    return render_deel(request, opgave, "acties", verplaatst=actie.pk)


def _acties_met_waarschuwing(request: HtmxHttpRequest, opgave: Opgave, tekst: str, *, status):
    """A move or delete that did not happen: the columns as they are now, saying why."""
    messages.warning(request, tekst, extra_tags="acties")
    return render_deel(request, opgave, "acties", status=status)


def _kaart_verdwenen(request: HtmxHttpRequest, opgave: Opgave, actie: Actie, fout: KaartVerdwenen):
    if isinstance(fout, KaartGearchiveerd):
        tekst = _(
            "Actie “%(titel)s” is intussen gearchiveerd: je vindt haar onder Gearchiveerd. "
            "Dit is de nieuwste stand."
        )
    else:
        tekst = _(
            "Actie “%(titel)s” bestaat niet meer: iemand anders heeft haar intussen "
            "verwijderd. Dit is de nieuwste stand."
        )
    return _acties_met_waarschuwing(request, opgave, tekst % {"titel": actie.titel}, status=409)


@require_POST
@login_required
def actie_archiveren(request: HtmxHttpRequest, pk: int, actie_pk: int):
    """Take a card off the board (done, or no longer wanted): it keeps its history and comes
    back with "Ongedaan maken" in the message, or later from the Gearchiveerd list."""
    opgave = get_opgave_for_user(request, pk, write=True)
    actie = actie_van(opgave, actie_pk)
    try:
        archiveer_actie(opgave_id=opgave.pk, actie_id=actie.pk, door=request.user)
    except KaartVerdwenen as fout:
        return _kaart_verdwenen(request, opgave, actie, fout)
    herstel_url = reverse("opgaven:actie_herstellen", args=[opgave.pk, actie.pk])
    messages.success(
        request,
        _("Actie “%(titel)s” is gearchiveerd.") % {"titel": actie.titel},
        extra_tags=ongedaan_maken("acties", herstel_url),
    )
    return render_deel(request, opgave, "acties")


@require_POST
@login_required
def actie_herstellen(request: HtmxHttpRequest, pk: int, actie_pk: int):
    """An archived card back on the board, in its column (opgaven.ordering.herstel_actie)."""
    opgave = get_opgave_for_user(request, pk, write=True)
    actie = actie_van(opgave, actie_pk)
    try:
        herstel_actie(opgave_id=opgave.pk, actie_id=actie.pk, door=request.user)
    except KaartVerdwenen as fout:
        return _kaart_verdwenen(request, opgave, actie, fout)
    messages.success(
        request,
        _("Actie “%(titel)s” staat weer op het bord.") % {"titel": actie.titel},
        extra_tags="acties",
    )
    return render_deel(request, opgave, "acties")


@require_http_methods(["GET", "POST"])
@login_required
def actie_verwijderen(request: HtmxHttpRequest, pk: int, actie_pk: int):
    """Delete a card made by mistake, after a confirmation: a page of its own without
    JavaScript (GET), the browser's confirm dialog with htmx. Anything else is archived."""
    opgave = get_opgave_for_user(request, pk, write=True)
    actie = actie_van(opgave, actie_pk)
    if request.method == "GET":
        return render(request, "opgaven/actie_verwijderen.html", {"opgave": opgave, "actie": actie})
    try:
        verwijder_actie(opgave_id=opgave.pk, actie_id=actie.pk, door=request.user)
    except KaartVerdwenen as fout:
        return _kaart_verdwenen(request, opgave, actie, fout)
    messages.success(
        request, _("Actie “%(titel)s” is verwijderd.") % {"titel": actie.titel}, extra_tags="acties"
    )
    return render_deel(request, opgave, "acties")


@require_POST
@login_required
def mijlpaal_afvinken(request: HtmxHttpRequest, pk: int, mijlpaal_pk: int):
    opgave = get_opgave_for_user(request, pk, write=True)
    mijlpaal = get_object_or_404(opgave.mijlpalen, pk=mijlpaal_pk)
    bewerking = bewaar_formulier(MijlpaalAfvinkForm(request.POST, instance=mijlpaal))
    if bewerking.status == 422:
        messages.warning(
            request,
            _(
                "Deze mijlpaal kon niet worden gewijzigd. Laad de pagina opnieuw en probeer het "
                "nog eens."
            ),
            extra_tags="mijlpalen",
        )
    elif bewerking.status == 409:
        messages.warning(
            request,
            _("Iemand anders heeft deze mijlpaal intussen gewijzigd. Dit is de nieuwste stand."),
            extra_tags="mijlpalen",
        )
    return render_deel(request, opgave, "mijlpalen", status=bewerking.status)


@require_POST
@login_required
def voortgang_toevoegen(request: HtmxHttpRequest, pk: int):
    opgave = get_opgave_for_user(request, pk, write=True)
    form = VoortgangForm(request.POST, auto_id=VOORTGANG_IDS)
    if not form.is_valid():
        return render_deel(request, opgave, "voortgang", status=422, voortgang_form=form)
    form.instance.opgave = opgave
    form.instance.auteur = request.user
    form.save()
    return render_deel(request, opgave, "voortgang")


@require_POST
@login_required
def belemmering_toevoegen(request: HtmxHttpRequest, pk: int):
    opgave = get_opgave_for_user(request, pk, write=True)
    form = BelemmeringSnelForm(
        request.POST, auto_id=BELEMMERING_IDS, gebieden=_gebieden_van(opgave)
    )
    if not form.is_valid():
        return render_deel(request, opgave, "belemmeringen", status=422, belemmering_form=form)
    breng_belemmering_in(
        form.instance, opgave=opgave, gekozen=form.cleaned_data.get("gebied"), door=request.user
    )
    return render_deel(request, opgave, "belemmeringen")


@require_http_methods(["GET", "POST"])
@login_required
def opgave_overdragen(request: HtmxHttpRequest, pk: int):
    """Hand the opgave to another team: an explicit, confirmed action of the owning team's
    trekker or functioneel beheer, recorded in the opgave's history."""
    opgave = get_opgave_for_user(request, pk, overdragen=True)
    form = OverdrachtForm(
        request.POST if request.method == "POST" else None,
        opgave=opgave,
        teams=ontvangende_teams(request.user),
    )
    context = {"opgave": opgave, "form": form}
    status = 200
    if request.method == "POST":
        bewerking = bewaar_met(
            form,
            lambda gegevens: draag_over(opgave, naar=gegevens["team"], versie=gegevens["versie"]),
        )
        status = bewerking.status
        if bewerking.opgeslagen:
            messages.success(
                request,
                _("“%(opgave)s” is overgedragen aan %(team)s.")
                % {"opgave": opgave.titel, "team": opgave.team.naam},
            )
            # The old team's trekker may no longer see it: back home, where it is gone.
            return redirect(opgave if kan_bekijken(request.user, opgave) else "home")
        if status == 409:
            opgave = get_opgave_for_user(request, pk)
            form = OverdrachtForm(
                opgave=opgave,
                teams=ontvangende_teams(request.user),
                initial={"team": form.cleaned_data["team"].pk},
            )
            context = {"opgave": opgave, "form": form, "conflict": bewerking.conflict}
    return render(request, "opgaven/overdragen.html", context, status=status)


@require_http_methods(["GET", "POST"])
@login_required
def opgave_bewerken(request: HtmxHttpRequest, pk: int):
    """The opgave's own fields, with the version check: a save on top of someone else's change
    answers 409 and shows their change next to what was typed. Who steers the opgave edits
    them all, a partner guest only the description (rechten.opgaven.bewerkbare_velden). With
    htmx the form takes the place of "Over deze opgave" on the board, and that part comes
    back once saved. `?versie=<history id>` fills the form with that earlier version's values
    (restoring), on top of the current version."""
    opgave, velden = get_opgave_om_te_bewerken(request, pk)
    status_was = opgave.status
    form, terugzetten = herstelbaar_formulier(
        request,
        OpgaveForm,
        opgave,
        velden=velden,
        auto_id="opgave_%s",  # in place on the board, next to its other forms
    )
    return bewerkpagina(
        request,
        form,
        template="opgaven/opgave_form.html",
        fragment="formulier",
        context={
            "opgave": opgave,
            "terugzetten": terugzetten,
            "alleen_beschrijving": "titel" not in velden,
        },
        gelukt=lambda: _opgave_opgeslagen(request, opgave, status_was=status_was),
    )


def _opgave_opgeslagen(request: HtmxHttpRequest, opgave: Opgave, *, status_was: str):
    """Saved: say so where the opgave's fields are shown, and warn when putting it in
    uitvoering takes its team over its focus limit. For htmx that part of the board (and its
    header, whose title and status may have changed) comes back; otherwise the board."""
    messages.success(request, _("De opgave is opgeslagen."), extra_tags="over")
    if opgave.status == OpgaveStatus.IN_UITVOERING != status_was:
        focus = focus_van(opgave.team)
        if focus.boven_limiet:
            messages.warning(
                request,
                ngettext(
                    "Focus en prioriteit boven van alles een beetje: %(team)s heeft nu "
                    "%(aantal)d opgave in uitvoering, meer dan de focuslimiet van %(limiet)d.",
                    "Focus en prioriteit boven van alles een beetje: %(team)s heeft nu "
                    "%(aantal)d opgaven in uitvoering, meer dan de focuslimiet van %(limiet)d.",
                    focus.in_uitvoering,
                )
                % {
                    "team": opgave.team.naam,
                    "aantal": focus.in_uitvoering,
                    "limiet": opgave.team.focuslimiet,
                },
                extra_tags="over",
            )
    if not request.htmx:
        return redirect(opgave)
    opgave = get_opgave_for_user(request, opgave.pk)  # fresh annotations after the write
    context = {
        "opgave": opgave,
        "mag_bewerken": True,
        "mag_overdragen": kan_overdragen(request.user, opgave),
        **_archief_context(request, opgave),
    }
    response = render(request, "opgaven/opgave_detail.html#over", context)
    response.write(
        render_to_string("opgaven/opgave_detail.html#kop", context | {"oob": True}, request=request)
    )
    return response


@require_safe
@login_required
def opgave_geschiedenis(request: HtmxHttpRequest, pk: int):
    opgave = get_opgave_for_user(request, pk)
    mag_wijzigen = kan_wijzigen(request.user, opgave)
    return geschiedenispagina(
        request,
        onderwerp=opgave.titel,
        terug=opgave.get_absolute_url(),
        historie=opgave.history.all(),
        bewerk_url=reverse("opgaven:bewerken", args=[pk]) if mag_wijzigen else "",
    )


@require_safe
@login_required
def actie_geschiedenis(request: HtmxHttpRequest, pk: int, actie_pk: int):
    opgave = get_opgave_for_user(request, pk)
    actie = actie_van(opgave, actie_pk)
    mag_wijzigen = kan_wijzigen(request.user, opgave)
    return geschiedenispagina(
        request,
        onderwerp=actie.titel,
        terug=opgave.get_absolute_url(),
        historie=actie.history.all(),
        bewerk_url=reverse("opgaven:actie_bewerken", args=[pk, actie_pk]) if mag_wijzigen else "",
    )
