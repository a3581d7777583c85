from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from gebieden.models import Gebied
from kern.bewerken import bewaar_met, bewerkpagina, opgeslagen
from kern.htmx import HtmxHttpRequest
from kern.invoer import lees_parameters
from opgaven.belemmeringen import kengetallen, van_lopende_opgaven, zet_status
from opgaven.forms import (
    BelemmeringFilter,
    BelemmeringForm,
    BelemmeringStatusForm,
    MeldingForm,
)
from opgaven.kaartcache import haal_kaarten
from opgaven.models import Belemmering, BelemmeringStatus
from rechten.belemmeringen import (
    behandelbaar,
    gebieden_voor_belemmering,
    get_belemmering_for_user,
    met_opgaven,
    mogelijke_eigenaren,
    zichtbare_belemmeringen,
)
from rechten.opgaven import zichtbare_opgaven
from teams.models import Team
from web.geschiedenis import geschiedenispagina, herstelbaar_formulier
from web.kaarten import BelemmeringKaart


def _belemmeringen_context(request: HtmxHttpRequest, filter_form, **extra) -> dict:
    """The board's cards and metrics. A card's status form is only built for the card the
    user opened (`open_pk`, with `open_form` when it came back with errors, and `open_conflict`
    when it met someone else's change)."""
    belemmeringen = filter_form.filter(van_lopende_opgaven(zichtbare_belemmeringen(request.user)))
    op_bord = filter_form.op_bord(belemmeringen)
    kaarten = list(
        op_bord.select_related("gebied", "eigenaar")
        .only(*BelemmeringKaart.KOLOMMEN)
        .prefetch_related(met_opgaven(request.user))
        .order_by("aangemaakt_op")
    )
    mag = behandelbaar(request.user)
    querystring = filter_form.data.urlencode()
    for belemmering in kaarten:
        mag_behandelen = mag(belemmering)
        if belemmering.pk == extra.get("open_pk") and mag_behandelen:
            belemmering.status_form = extra.get("open_form") or _status_form(belemmering)
            belemmering.conflict = extra.get("open_conflict", [])
        _kaart(belemmering, mag_behandelen, querystring, extra.get("bijgewerkt"))
    haal_kaarten(belemmering.kaart for belemmering in kaarten)
    kolommen = [
        (status, [b for b in kaarten if b.status == status.value]) for status in BelemmeringStatus
    ]
    opgelost = belemmeringen.filter(status=BelemmeringStatus.OPGELOST).count()
    return {
        "filter_form": filter_form,
        "kolommen": kolommen,
        "kengetallen": kengetallen(belemmeringen),
        "eerder_opgelost": opgelost - len(kolommen[-1][1]),
        "querystring": querystring,
    } | extra


def _kaart(
    belemmering: Belemmering, mag_behandelen: bool, querystring: str, bijgewerkt=None
) -> None:
    """The card a belemmering shows on the board (`met_opgaven` prefetched, its `status_form`
    set when open)."""
    status_form = getattr(belemmering, "status_form", None)
    belemmering.kaart = BelemmeringKaart.van(
        belemmering,
        mag_behandelen=mag_behandelen,
        querystring=querystring,
        autofocus=belemmering.pk == bijgewerkt and not (status_form and status_form.errors),
    )


def _status_form(belemmering: Belemmering) -> BelemmeringStatusForm:
    return BelemmeringStatusForm(
        record=belemmering, initial={"status": belemmering.status}, prefix=f"b{belemmering.pk}"
    )


def _belemmering_filter(request: HtmxHttpRequest) -> BelemmeringFilter:
    zichtbaar = zichtbare_belemmeringen(request.user)
    opgaven = zichtbare_opgaven(request.user).actief()
    return BelemmeringFilter(
        request.GET,
        opgaven=opgaven.filter(belemmeringen__in=zichtbaar).distinct(),
        gebieden=Gebied.objects.filter(belemmeringen__in=zichtbaar).defer("omtrek").distinct(),
        teams=Team.objects.actief().filter(opgaven__in=opgaven).distinct(),
    )


@require_safe
@login_required
def belemmeringen_bord(request: HtmxHttpRequest):
    """Every belemmering the user may see, in the columns Nieuw, Opgepakt, Geëscaleerd,
    Opgelost; filters in the URL."""
    filter_form = _belemmering_filter(request)
    if not filter_form.is_valid():
        return render(
            request, "opgaven/belemmeringen.html", {"filter_form": filter_form}, status=400
        )
    return render(
        request, "opgaven/belemmeringen.html", _belemmeringen_context(request, filter_form)
    )


@require_http_methods(["GET", "POST"])
@login_required
def belemmering_status(request: HtmxHttpRequest, pk: int):
    """Move a belemmering to another column; escalating and resolving ask for their details.
    GET opens the card's status form: in place with htmx, on the whole board without."""
    belemmering = get_belemmering_for_user(request, pk, write=True)
    filter_form = _belemmering_filter(request)
    lees_parameters(filter_form)
    if request.method == "GET":
        if request.htmx:
            belemmering.status_form = _status_form(belemmering)
            querystring = filter_form.data.urlencode()
            _kaart(belemmering, True, querystring)
            context = {"belemmering": belemmering, "querystring": querystring}
            return render(request, "opgaven/belemmeringen.html#kaart", context)
        context = _belemmeringen_context(request, filter_form, open_pk=pk)
        return render(request, "opgaven/belemmeringen.html", context)
    # The card's form sends prefixed fields; a drag between columns sends bare ones.
    prefix = f"b{pk}" if f"b{pk}-status" in request.POST else None
    form = BelemmeringStatusForm(request.POST, record=belemmering, prefix=prefix)
    bewerking = bewaar_met(
        form,
        lambda gegevens: zet_status(belemmering, versie=gegevens["versie"], gegevens=gegevens),
    )
    status = bewerking.status
    extra = {}
    if status == 422:
        extra = {"open_form": form, "open_pk": pk}
    elif status == 409 and prefix:  # typed in the card's form: keep it, on the newest version
        gegevens = request.POST.copy()
        gegevens[form.add_prefix("versie")] = bewerking.actueel.version
        extra = {
            "open_form": BelemmeringStatusForm(gegevens, record=bewerking.actueel, prefix=prefix),
            "open_pk": pk,
            "open_conflict": bewerking.conflict,  # the card's form says so
        }
    elif status == 409:
        messages.warning(
            request,
            _(
                "Iemand anders heeft “%(titel)s” intussen gewijzigd. Dit is de nieuwste "
                "stand; probeer het zo nodig opnieuw."
            )
            % {"titel": belemmering.titel},
            extra_tags="belemmeringen-bord",
        )
    if status == 200 and not request.htmx:
        return redirect("belemmeringen")
    template = (
        "opgaven/belemmeringen.html#kolommen" if request.htmx else "opgaven/belemmeringen.html"
    )
    context = _belemmeringen_context(request, filter_form, bijgewerkt=pk, **extra)
    return render(request, template, context, status=status)


@require_http_methods(["GET", "POST"])
@login_required
def melden(request: HtmxHttpRequest):
    """Any signed-in user, also one in no team, brings a kans or belemmering to the regieteam."""
    form = MeldingForm(
        request.POST if request.method == "POST" else None,
        opgaven=zichtbare_opgaven(request.user).actief(),
    )
    if request.method == "POST" and form.is_valid():
        form.instance.ingediend_door = request.user
        melding = form.save()
        messages.success(
            request,
            _("Dank je. Het regieteam bekijkt je melding “%(titel)s”; de uitkomst zie je hier.")
            % {"titel": melding.titel},
        )
        return redirect("home")
    status = 422 if form.errors else 200
    return render(request, "opgaven/melden.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
@login_required
def belemmering_bewerken(request: HtmxHttpRequest, pk: int):
    """A belemmering's text, severity, gebied, owner and escalation and resolution details, for
    whoever may handle it, with the version check and restoring like `opgave_bewerken`."""
    belemmering = get_belemmering_for_user(request, pk, write=True)
    form, terugzetten = herstelbaar_formulier(
        request,
        BelemmeringForm,
        belemmering,
        eigenaren=mogelijke_eigenaren(belemmering, request.user),
        gebieden=gebieden_voor_belemmering(belemmering, request.user),
    )
    return bewerkpagina(
        request,
        form,
        template="opgaven/belemmering_form.html",
        context={"belemmering": belemmering, "terugzetten": terugzetten},
        gelukt=lambda: opgeslagen(
            request,
            reverse("belemmeringen") + f"#belemmering-{pk}",
            _("Belemmering “%(titel)s” is opgeslagen.") % {"titel": belemmering.titel},
        ),
    )


@require_safe
@login_required
def belemmering_geschiedenis(request: HtmxHttpRequest, pk: int):
    belemmering = get_belemmering_for_user(request, pk)
    mag_behandelen = behandelbaar(request.user)(belemmering)
    return geschiedenispagina(
        request,
        onderwerp=belemmering.titel,
        terug=reverse("belemmeringen") + f"#belemmering-{pk}",
        historie=belemmering.history.all(),
        bewerk_url=reverse("belemmering_bewerken", args=[pk]) if mag_behandelen else "",
    )
