import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import caches
from django.db import DatabaseError, connection, transaction
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_htmx.http import retarget
from django_htmx.middleware import HtmxDetails

from config.invoer import lees_parameters
from gebieden.models import Gebied
from opgaven.activiteit import activiteit
from opgaven.belemmeringen import (
    behandelbaar,
    get_belemmering_for_user,
    kengetallen,
    met_opgaven,
    mogelijke_eigenaren,
    zet_status,
    zichtbare_belemmeringen,
)
from opgaven.export import exporteer, opgavebord_bladen
from opgaven.forms import (
    ActieForm,
    BelemmeringFilter,
    BelemmeringForm,
    BelemmeringSnelForm,
    BelemmeringStatusForm,
    BordParameters,
    MeldingForm,
    MijlpaalAfvinkForm,
    OpgaveForm,
    OverdrachtForm,
    VerplaatsActieForm,
    VersieParameters,
    VoortgangForm,
)
from opgaven.geschiedenis import terug_te_zetten, versies, wat_de_ander_veranderde
from opgaven.kaartcache import haal_kaarten, kaartsleutel
from opgaven.meldingen import meldingen_van
from opgaven.models import Actie, Belemmering, BelemmeringStatus, Kolom, Opgave
from opgaven.ordering import (
    BordGewijzigd,
    KaartVerdwenen,
    vergrendel_bord,
    verplaats_actie,
    verwijder_actie,
    volgende_positie,
)
from opgaven.overdracht import draag_over
from opgaven.versioning import VersieConflict, bewaar_bewerking
from teams.models import Team
from teams.permissions import (
    Verwijzingen,
    get_opgave_for_user,
    geweigerd,
    is_teamlid,
    kan_bekijken,
    kan_overdragen,
    kan_wijzigen,
    lidmaatschappen_van,
    zichtbare_opgaven,
    zichtbare_teams,
)
from teams.waarden import waardentrend


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


@require_safe
@login_required
def home(request: HtmxHttpRequest):
    lidmaatschappen = [
        lidmaatschap
        for lidmaatschap in lidmaatschappen_van(request.user)
        if not lidmaatschap.team.is_gearchiveerd
    ]
    opgaven = list(
        zichtbare_opgaven(request.user)
        .actief()
        .met_voortgang()
        .met_gebiednamen()
        .select_related("team")
        .defer("beschrijving", "team__beschrijving")
        .order_by("team__naam", "titel")
    )
    for opgave in opgaven:
        opgave.kaartsleutel = kaartsleutel(
            opgave.pk, opgave.titel, opgave.team.naam, opgave.status, opgave.thema,
            opgave.aanvliegroute, opgave.gebiednamen, opgave.aantal_mijlpalen,
            opgave.aantal_mijlpalen_gereed, opgave.laatste_status, opgave.laatste_status_datum,
            opgave.aantal_belemmeringen_open,
        )  # fmt: skip
    haal_kaarten(opgaven, "opgavekaart")
    meldingen = meldingen_van(request.user)[:10]
    return render(
        request,
        "opgaven/home.html",
        {"lidmaatschappen": lidmaatschappen, "opgaven": opgaven, "meldingen": meldingen},
    )


# The opgave board holds several forms with the same field names: each its own element ids.
NIEUWE_ACTIE_IDS = "nieuw_%s"
VOORTGANG_IDS = "voortgang_%s"
BELEMMERING_IDS = "belemmering_%s"


def _bord_context(request: HtmxHttpRequest, opgave: Opgave, **extra) -> dict:
    """Everything the opgave board shows, in a fixed number of queries."""
    mag_wijzigen = kan_wijzigen(request.user, opgave)
    acties = list(opgave.acties.select_related("eigenaar").order_by("kolom", "positie", "pk"))
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
            actie.vorige_kolom, actie.volgende_kolom = vorige, volgende
            # What the Hoger / Lager buttons send: the card to place after (None: on top).
            actie.na_voor_hoger = kaarten[index - 2].pk if index >= 2 else None
            actie.na_voor_lager = kaarten[index + 1].pk if index + 1 < len(kaarten) else None
            eigenaar = actie.eigenaar and (
                actie.eigenaar.get_full_name() or actie.eigenaar.username
            )
            actie.kaartsleutel = kaartsleutel(
                opgave.pk, actie.pk, actie.titel, actie.soort, actie.hypothese, actie.geleerd,
                actie.beschrijving, eigenaar, actie.deadline, actie.kolom, index == 0,
                actie.na_voor_hoger, actie.na_voor_lager, mag_wijzigen,
                actie.pk == extra.get("verplaatst"),
            )  # fmt: skip
    haal_kaarten(acties, "actiekaart")
    belemmeringen = list(
        Belemmering.objects.filter(opgaven=opgave)
        .select_related("eigenaar", "gebied")
        .defer("gebied__omtrek")
        .prefetch_related(met_opgaven(request.user))
        .order_by("status", "-aangemaakt_op")
    )
    mag_behandelen = behandelbaar(request.user)
    for belemmering in belemmeringen:
        belemmering.andere_opgaven = Verwijzingen.van(
            andere for andere in belemmering.geblokkeerde_opgaven if andere.pk != opgave.pk
        )
        belemmering.mag_behandelen = not opgave.is_gearchiveerd and mag_behandelen(belemmering)
    laatste_check, trends = waardentrend(
        opgave.team.waardenchecks.filter(Q(opgave__isnull=True) | Q(opgave=opgave))
    )
    teamlid = is_teamlid(request.user, opgave.team_id)
    context = {
        "opgave": opgave,
        "stand": opgave.bord_versie,
        "mag_wijzigen": mag_wijzigen,
        "mag_overdragen": kan_overdragen(request.user, opgave),
        "kolommen": kolommen,
        "gebieden": opgave.opgave_gebieden.select_related("gebied").defer("gebied__omtrek"),
        "mijlpalen": opgave.mijlpalen.all(),
        "updates": opgave.updates.select_related("auteur"),
        "belemmeringen_open": [b for b in belemmeringen if b.is_open],
        "belemmeringen_opgelost": [b for b in belemmeringen if not b.is_open],
        "kansen": opgave.kansen.select_related("ingediend_door"),
        "activiteit": _activiteit(opgave, acties),
        "laatste_check": laatste_check,
        "trends": trends,
        "invul_url": (
            reverse("teams:waardencheck", args=[opgave.team.slug]) + f"?opgave={opgave.pk}"
            if teamlid and not opgave.is_gearchiveerd
            else ""
        ),
    }
    if mag_wijzigen:
        context |= {
            "actie_form": ActieForm(
                opgave=opgave, initial={"kolom": Kolom.TE_DOEN}, auto_id=NIEUWE_ACTIE_IDS
            ),
            "voortgang_form": VoortgangForm(auto_id=VOORTGANG_IDS),
            "belemmering_form": BelemmeringSnelForm(auto_id=BELEMMERING_IDS),
        }
    return context | extra


def _activiteit(opgave: Opgave, acties: list[Actie]) -> list:
    """The activity stream, cached per board state: every change that writes history also
    raises the opgave's version or `bord_versie` (opgaven/signals.py)."""
    sleutel = "activiteit:" + kaartsleutel(opgave.pk, opgave.version, opgave.bord_versie)
    gebeurtenissen = caches["kaarten"].get(sleutel)
    if gebeurtenissen is None:
        gebeurtenissen = activiteit(opgave, acties={actie.pk for actie in acties})
        caches["kaarten"].set(sleutel, gebeurtenissen)
    return gebeurtenissen


def _render_bord(request: HtmxHttpRequest, opgave: Opgave, deel: str, *, status=200, **extra):
    """After a write: the changed part for htmx; the whole board otherwise (on an error),
    or a redirect back to it (on success), so everything also works without JavaScript."""
    if status == 200 and not request.htmx:
        return redirect(opgave)
    opgave = get_opgave_for_user(request, opgave.pk)  # fresh annotations after the write
    template = (
        f"opgaven/opgave_detail.html#{deel}" if request.htmx else "opgaven/opgave_detail.html"
    )
    return render(request, template, _bord_context(request, opgave, **extra), status=status)


@require_safe
@login_required
def opgave_detail(request: HtmxHttpRequest, pk: int):
    """The opgave board. With `?sinds=<stand>` it is the cheap change check: 204 when nothing
    changed since that stand, otherwise the refreshed board."""
    parameters = lees_parameters(BordParameters(request.GET))
    if parameters["sinds"]:
        stand = zichtbare_opgaven(request.user).filter(pk=pk).values_list("bord_versie", flat=True)
        if not stand:
            raise Http404
        if parameters["sinds"] == str(stand[0]):
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
        return _render_bord(request, opgave, "acties", status=422, actie_form=form)
    with transaction.atomic():
        vergrendel_bord(opgave.pk)
        form.instance.positie = volgende_positie(opgave, form.instance.kolom)
        form.save()
    return _render_bord(request, opgave, "acties")


def _actie(opgave: Opgave, actie_pk: int) -> Actie:
    return get_object_or_404(opgave.acties.select_related("eigenaar"), pk=actie_pk)


@require_safe
@login_required
def actie_kaart(request: HtmxHttpRequest, pk: int, actie_pk: int):
    """Back from editing a card (cancel, or reload after a conflict): the kanban as it is now."""
    opgave = get_opgave_for_user(request, pk)
    actie = _actie(opgave, actie_pk)
    return _kanban_met_focus_op(request, opgave, actie)


def _kanban_met_focus_op(request: HtmxHttpRequest, opgave: Opgave, actie: Actie):
    if not request.htmx:
        return redirect(opgave)
    response = render(
        request,
        "opgaven/opgave_detail.html#acties",
        _bord_context(request, get_opgave_for_user(request, opgave.pk), verplaatst=actie.pk),
    )
    return retarget(response, "#acties")


@require_http_methods(["GET", "POST"])
@login_required
def actie_bewerken(request: HtmxHttpRequest, pk: int, actie_pk: int):
    opgave = get_opgave_for_user(request, pk, write=True)
    actie = _actie(opgave, actie_pk)
    terugzetten = _terug_te_zetten(request, actie.history.all())
    form = ActieForm(
        request.POST if request.method == "POST" else None,
        instance=actie,
        opgave=opgave,
        auto_id=f"actie{actie.pk}_%s",  # the board's own new-actie form is on the same page
        initial=terug_te_zetten(terugzetten, ActieForm.Meta.fields) if terugzetten else None,
    )
    context = {"opgave": opgave, "actie": actie, "form": form, "terugzetten": terugzetten}
    status = 200
    if request.method == "POST":
        if form.is_valid():
            _met_reden(form.instance, terugzetten)
            try:
                bewaar_bewerking(
                    form.instance, versie=form.cleaned_data["versie"], velden=form.bewerkte_velden
                )
            except VersieConflict as conflict:
                context["conflict"] = conflict.actueel
                status = 409
            else:
                return _kanban_met_focus_op(request, opgave, actie)
        else:
            status = 422
    template = "opgaven/actie_form.html#formulier" if request.htmx else "opgaven/actie_form.html"
    return render(request, template, context, status=status)


@require_POST
@login_required
def actie_verplaatsen(request: HtmxHttpRequest, pk: int, actie_pk: int):
    opgave = get_opgave_for_user(request, pk, write=True)
    actie = _actie(opgave, actie_pk)
    form = VerplaatsActieForm(request.POST)
    if not form.is_valid():
        return _render_bord(request, opgave, "acties", status=422, verplaatsen_mislukt=True)
    try:
        verplaats_actie(
            actie_id=actie.pk,
            kolom=form.cleaned_data["kolom"] or None,
            na_id=form.cleaned_data["na"],
            door=request.user,
        )
    except KaartVerdwenen:
        return _render_bord(request, opgave, "acties", status=409, kaart_verdwenen=actie.titel)
    except BordGewijzigd:
        return _render_bord(request, opgave, "acties", status=409, bord_gewijzigd=True)
    return _render_bord(request, opgave, "acties", verplaatst=actie.pk)


@require_POST
@login_required
def actie_verwijderen(request: HtmxHttpRequest, pk: int, actie_pk: int):
    opgave = get_opgave_for_user(request, pk, write=True)
    actie = _actie(opgave, actie_pk)
    try:
        verwijder_actie(opgave_id=opgave.pk, actie_id=actie.pk)
    except KaartVerdwenen:
        return _render_bord(request, opgave, "acties", status=409, kaart_verdwenen=actie.titel)
    melding = _("Actie “%(titel)s” is verwijderd.") % {"titel": actie.titel}
    return _render_bord(request, opgave, "acties", melding=melding)


@require_POST
@login_required
def mijlpaal_afvinken(request: HtmxHttpRequest, pk: int, mijlpaal_pk: int):
    opgave = get_opgave_for_user(request, pk, write=True)
    mijlpaal = get_object_or_404(opgave.mijlpalen, pk=mijlpaal_pk)
    form = MijlpaalAfvinkForm(request.POST, instance=mijlpaal)
    if not form.is_valid():
        return _render_bord(request, opgave, "mijlpalen", status=422, mijlpaal_mislukt=True)
    try:
        bewaar_bewerking(
            form.instance, versie=form.cleaned_data["versie"], velden=["gereed", "gereed_op"]
        )
    except VersieConflict:
        return _render_bord(request, opgave, "mijlpalen", status=409, mijlpaal_conflict=True)
    return _render_bord(request, opgave, "mijlpalen")


@require_POST
@login_required
def voortgang_toevoegen(request: HtmxHttpRequest, pk: int):
    opgave = get_opgave_for_user(request, pk, write=True)
    form = VoortgangForm(request.POST, auto_id=VOORTGANG_IDS)
    if not form.is_valid():
        return _render_bord(request, opgave, "voortgang", status=422, voortgang_form=form)
    form.instance.opgave = opgave
    form.instance.auteur = request.user
    form.save()
    return _render_bord(request, opgave, "voortgang")


@require_POST
@login_required
def belemmering_toevoegen(request: HtmxHttpRequest, pk: int):
    opgave = get_opgave_for_user(request, pk, write=True)
    form = BelemmeringSnelForm(request.POST, auto_id=BELEMMERING_IDS)
    if not form.is_valid():
        return _render_bord(request, opgave, "belemmeringen", status=422, belemmering_form=form)
    with transaction.atomic():
        form.instance.ingebracht_door = request.user
        belemmering = form.save()
        belemmering.opgaven.add(opgave)
    return _render_bord(request, opgave, "belemmeringen")


@require_http_methods(["GET", "POST"])
@login_required
def opgave_overdragen(request: HtmxHttpRequest, pk: int):
    """Hand the opgave to another team: an explicit, confirmed action of the owning team's
    trekker or functioneel beheer, recorded in the opgave's history."""
    opgave = get_opgave_for_user(request, pk)
    if not kan_overdragen(request.user, opgave):
        raise geweigerd(opgave)
    form = OverdrachtForm(
        request.POST if request.method == "POST" else None,
        opgave=opgave,
        teams=zichtbare_teams(request.user).actief(),
    )
    context = {"opgave": opgave, "form": form}
    status = 200
    if request.method == "POST":
        if not form.is_valid():
            status = 422
        else:
            nieuw_team = form.cleaned_data["team"]
            try:
                draag_over(opgave, naar=nieuw_team, versie=form.cleaned_data["versie"])
            except VersieConflict:
                opgave = get_opgave_for_user(request, pk)
                form = OverdrachtForm(
                    opgave=opgave,
                    teams=zichtbare_teams(request.user).actief(),
                    initial={"team": nieuw_team.pk},
                )
                context = {"opgave": opgave, "form": form, "conflict": True}
                status = 409
            else:
                messages.success(
                    request,
                    _("“%(opgave)s” is overgedragen aan %(team)s.")
                    % {"opgave": opgave.titel, "team": nieuw_team.naam},
                )
                # The old team's trekker may no longer see it: back home, where it is gone.
                return redirect(opgave if kan_bekijken(request.user, opgave) else "home")
    return render(request, "opgaven/overdragen.html", context, status=status)


@require_safe
@never_cache
def health(request: HttpRequest):
    """For the load balancer: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


# The day the accessibility statement was last reviewed; change it with the statement.
TOEGANKELIJKHEID_HERZIEN = datetime.date(2026, 11, 29)


def vendor_versie(naam: str) -> str:
    """The version of a vendored front-end library, as static/vendor/VERSIONS.txt pins it."""
    versies = (settings.BASE_DIR / "static" / "vendor" / "VERSIONS.txt").read_text()
    for regel in versies.splitlines()[1:]:
        bibliotheek, versie, *_rest = regel.split("\t")
        if bibliotheek == naam:
            return versie
    raise LookupError(naam)


@require_safe
def toegankelijkheid(request: HttpRequest):
    """The accessibility statement (toegankelijkheidsverklaring): public, like the law wants."""
    return render(
        request,
        "opgaven/toegankelijkheid.html",
        {"axe_versie": vendor_versie("axe-core"), "herzien": TOEGANKELIJKHEID_HERZIEN},
    )


def _belemmeringen_context(request: HtmxHttpRequest, filter_form, **extra) -> dict:
    """The board's cards and metrics. A card's status form is only built for the card the
    user opened (`open_pk`, with `open_form` when it came back with errors)."""
    belemmeringen = filter_form.filter(zichtbare_belemmeringen(request.user))
    op_bord = filter_form.op_bord(belemmeringen)
    kaarten = list(
        op_bord.select_related("gebied", "eigenaar")
        .only(*KAARTVELDEN)
        .prefetch_related(met_opgaven(request.user))
        .order_by("aangemaakt_op")
    )
    mag = behandelbaar(request.user)
    querystring = filter_form.data.urlencode()
    for belemmering in kaarten:
        mag_behandelen = mag(belemmering)
        if belemmering.pk == extra.get("open_pk") and mag_behandelen:
            belemmering.status_form = extra.get("open_form") or _status_form(belemmering)
            belemmering.in_conflict = "conflict" in extra
        _kaart(belemmering, mag_behandelen, querystring, extra.get("bijgewerkt"))
    haal_kaarten(kaarten, "belemmeringkaart")
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


# The columns a belemmering card shows (its description is on the opgave board, not here).
KAARTVELDEN = [
    "id", "version", "titel", "ernst", "status", "escalatieniveau", "geescaleerd_op",
    "escalatie_besluit", "escalatie_bij", "escalatie_deadline", "oplossing", "opgelost_op",
    "aangemaakt_op", "gebied__naam", "gebied__pad", "eigenaar__first_name",
    "eigenaar__last_name", "eigenaar__username",
]  # fmt: skip


def _kaart(
    belemmering: Belemmering, mag_behandelen: bool, querystring: str, bijgewerkt=None
) -> None:
    """What a belemmering card needs besides the record, and its cache key (everything the
    card shows; `met_opgaven` prefetched)."""
    belemmering.mag_behandelen = mag_behandelen
    belemmering.verwijzingen = Verwijzingen.van(belemmering.geblokkeerde_opgaven)
    eigenaar = belemmering.eigenaar
    belemmering.kaartsleutel = kaartsleutel(
        belemmering.pk, belemmering.version, belemmering.titel, belemmering.leeftijd,
        belemmering.gebied and belemmering.gebied.naam,
        eigenaar and (eigenaar.get_full_name() or eigenaar.username),
        belemmering.verwijzingen.sleutel,
        belemmering.escalatie_verlopen, mag_behandelen, hasattr(belemmering, "status_form"),
        querystring, belemmering.pk == bijgewerkt,
    )  # fmt: skip


def _status_form(belemmering: Belemmering) -> BelemmeringStatusForm:
    return BelemmeringStatusForm(
        initial={"status": belemmering.status, "versie": belemmering.version},
        prefix=f"b{belemmering.pk}",
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
    form = BelemmeringStatusForm(request.POST, prefix=prefix)
    status = 200
    extra = {}
    if not form.is_valid():
        status, extra = 422, {"open_form": form, "open_pk": pk}
    else:
        try:
            zet_status(belemmering, versie=form.cleaned_data["versie"], gegevens=form.cleaned_data)
        except VersieConflict as conflict:
            status, extra = 409, {"conflict": belemmering.titel}
            if prefix:  # typed in the card's form: keep it, on top of the newest version
                gegevens = request.POST.copy()
                gegevens[f"{prefix}-versie"] = conflict.actueel.version
                extra |= {
                    "open_form": BelemmeringStatusForm(gegevens, prefix=prefix),
                    "open_pk": pk,
                }
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


# --- History and restoring: every version of an opgave, actie or belemmering; an earlier one
# is restored by copying its values into the normal edit form, with the version check.


def _geschiedenis(request: HtmxHttpRequest, *, onderwerp: str, terug: str, historie, bewerk_url):
    """The history page; `bewerk_url` (empty for who may not change the record) is where
    "Deze versie terugzetten" opens the edit form with an earlier version's values."""
    context = {
        "onderwerp": onderwerp,
        "terug": terug,
        "versies": versies(historie),
        "bewerk_url": bewerk_url,
    }
    return render(request, "opgaven/geschiedenis.html", context)


def _terug_te_zetten(request: HtmxHttpRequest, historie):
    """The earlier version `?versie=<history id>` asks for (None: a plain edit); an id that is
    not a version of this record is a bad request."""
    return lees_parameters(VersieParameters(request.GET, historie=historie))["versie"]


def _met_reden(record, terugzetten) -> None:
    """A restored version says so in the record's history."""
    if terugzetten:
        record._change_reason = _("teruggezet naar de versie van %(datum)s") % {
            "datum": date_format(timezone.localtime(terugzetten.history_date), "DATETIME_FORMAT")
        }


@require_safe
@login_required
def opgave_geschiedenis(request: HtmxHttpRequest, pk: int):
    opgave = get_opgave_for_user(request, pk)
    mag_wijzigen = kan_wijzigen(request.user, opgave)
    return _geschiedenis(
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
    actie = _actie(opgave, actie_pk)
    mag_wijzigen = kan_wijzigen(request.user, opgave)
    return _geschiedenis(
        request,
        onderwerp=actie.titel,
        terug=opgave.get_absolute_url(),
        historie=actie.history.all(),
        bewerk_url=reverse("opgaven:actie_bewerken", args=[pk, actie_pk]) if mag_wijzigen else "",
    )


@require_safe
@login_required
def belemmering_geschiedenis(request: HtmxHttpRequest, pk: int):
    belemmering = get_belemmering_for_user(request, pk)
    mag_behandelen = behandelbaar(request.user)(belemmering)
    return _geschiedenis(
        request,
        onderwerp=belemmering.titel,
        terug=reverse("belemmeringen") + f"#belemmering-{pk}",
        historie=belemmering.history.all(),
        bewerk_url=reverse("belemmering_bewerken", args=[pk]) if mag_behandelen else "",
    )


@require_http_methods(["GET", "POST"])
@login_required
def opgave_bewerken(request: HtmxHttpRequest, pk: int):
    """The opgave's own fields, with the version check: a save on top of someone else's change
    answers 409 and shows their change next to what was typed. `?versie=<history id>` fills
    the form with that earlier version's values (restoring), on top of the current version."""
    opgave = get_opgave_for_user(request, pk, write=True)
    terugzetten = _terug_te_zetten(request, opgave.history.all())
    form = OpgaveForm(
        request.POST if request.method == "POST" else None,
        instance=opgave,
        initial=terug_te_zetten(terugzetten, OpgaveForm.Meta.fields) if terugzetten else None,
    )
    context = {"opgave": opgave, "form": form, "terugzetten": terugzetten}
    status = 200
    if request.method == "POST":
        if not form.is_valid():
            status = 422
        else:
            _met_reden(form.instance, terugzetten)
            try:
                bewaar_bewerking(
                    form.instance, versie=form.cleaned_data["versie"], velden=form.bewerkte_velden
                )
            except VersieConflict as conflict:
                context["conflict"] = wat_de_ander_veranderde(
                    conflict.actueel, form.cleaned_data["versie"], form.bewerkte_velden
                )
                status = 409
            else:
                messages.success(request, _("De opgave is opgeslagen."))
                return redirect(opgave)
    return render(request, "opgaven/opgave_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
@login_required
def belemmering_bewerken(request: HtmxHttpRequest, pk: int):
    """A belemmering's text, severity, owner and escalation and resolution details, for whoever
    may handle it, with the version check and restoring like `opgave_bewerken`."""
    belemmering = get_belemmering_for_user(request, pk, write=True)
    terugzetten = _terug_te_zetten(request, belemmering.history.all())
    form = BelemmeringForm(
        request.POST if request.method == "POST" else None,
        instance=belemmering,
        eigenaren=mogelijke_eigenaren(belemmering, request.user),
        initial=terug_te_zetten(terugzetten, BelemmeringForm.Meta.fields) if terugzetten else None,
    )
    context = {"belemmering": belemmering, "form": form, "terugzetten": terugzetten}
    status = 200
    if request.method == "POST":
        if not form.is_valid():
            status = 422
        else:
            _met_reden(form.instance, terugzetten)
            try:
                bewaar_bewerking(
                    form.instance, versie=form.cleaned_data["versie"], velden=form.bewerkte_velden
                )
            except VersieConflict as conflict:
                context["conflict"] = wat_de_ander_veranderde(
                    conflict.actueel, form.cleaned_data["versie"], form.bewerkte_velden
                )
                status = 409
            else:
                messages.success(
                    request,
                    _("Belemmering “%(titel)s” is opgeslagen.") % {"titel": belemmering.titel},
                )
                return redirect(reverse("belemmeringen") + f"#belemmering-{pk}")
    return render(request, "opgaven/belemmering_form.html", context, status=status)
