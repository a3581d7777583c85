from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, F, OuterRef, Subquery, Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_htmx.http import HttpResponseClientRedirect
from django_htmx.middleware import HtmxDetails
from simple_history.utils import bulk_create_with_history

from config.invoer import lees_parameters
from opgaven.export import exporteer, regiebord_blad
from opgaven.forms import BordParameters, TriageForm
from opgaven.kaartcache import haal_kaarten, kaartsleutel
from opgaven.meldingen import handel_af, meldingen_voor
from opgaven.models import (
    OpgaveStatus,
    OpgaveUserObjectPermission,
    Prioriteit,
)
from opgaven.ordering import BordGewijzigd, opgaven_op_regiebord, verplaats_prioriteit
from opgaven.peilmomenten import leg_peilmoment_vast, zichtbare_peilmomenten
from opgaven.versioning import VersieConflict, bewaar_bewerking
from teams.forms import (
    GastForm,
    LidmaatschapForm,
    TeamForm,
    VerplaatsForm,
    WaardencheckForm,
    WaardencheckParameters,
)
from teams.models import Team, Waarde, Waardencheck, WaardeScore
from teams.permissions import (
    WIJZIGEN,
    get_team_for_user,
    geweigerd,
    is_beheerder,
    is_teamlid,
    kan_prioriteren,
    kan_team_beheren,
    kan_teamindeling_bepalen,
    nodig_gast_uit,
    trek_gast_in,
    zichtbaar_op_regiebord,
    zichtbare_opgaven,
    zichtbare_teams,
)
from teams.waarden import waardentrend


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


@require_safe
@login_required
def team_list(request: HtmxHttpRequest):
    teams = (
        zichtbare_teams(request.user)
        .actief()
        .select_related("gebied")
        .defer("gebied__omtrek")
        .order_by("soort", "naam")
    )
    return render(
        request,
        "teams/team_list.html",
        {"teams": teams, "mag_aanmaken": is_beheerder(request.user)},
    )


@require_http_methods(["GET", "POST"])
@login_required
def team_create(request: HtmxHttpRequest):
    if not is_beheerder(request.user):
        raise PermissionDenied
    form = TeamForm(request.POST if request.method == "POST" else None, mag_indelen=True)
    if request.method == "POST" and form.is_valid():
        team = form.save()
        messages.success(request, _("Team %(naam)s is aangemaakt.") % {"naam": team.naam})
        return _naar(request, team.get_absolute_url())
    status = 422 if form.errors else 200
    return render(request, "teams/team_form.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
@login_required
def team_edit(request: HtmxHttpRequest, slug: str):
    team = get_team_for_user(request, slug, write=True)
    form = TeamForm(
        request.POST if request.method == "POST" else None,
        instance=team,
        mag_indelen=kan_teamindeling_bepalen(request.user),
    )
    context = {"form": form, "team": team}
    status = 422 if form.errors else 200
    if request.method == "POST" and form.is_valid():
        try:
            bewaar_bewerking(
                form.instance, versie=form.cleaned_data["versie"], velden=form.bewerkte_velden
            )
        except VersieConflict as conflict:
            context["conflict"] = conflict.actueel
            status = 409
        else:
            messages.success(request, _("De gegevens van het team zijn opgeslagen."))
            return _naar(request, team.get_absolute_url())
    return render(request, "teams/team_form.html", context, status=status)


@require_safe
@login_required
def team_detail(request: HtmxHttpRequest, slug: str):
    team = get_team_for_user(request, slug)
    return render(request, "teams/team_detail.html", _team_context(request, team))


@require_POST
@login_required
def lid_toevoegen(request: HtmxHttpRequest, slug: str):
    team = get_team_for_user(request, slug, write=True)
    form = LidmaatschapForm(request.POST, team=team, auto_id=LID_IDS)
    if not form.is_valid():
        return _render_deel(request, team, "leden", status=422, lid_form=form)
    lidmaatschap = form.save()
    melding = _("%(naam)s is toegevoegd aan het team.") % {"naam": _naam(lidmaatschap.user)}
    return _render_deel(request, team, "leden", melding=melding)


@require_POST
@login_required
def lid_verwijderen(request: HtmxHttpRequest, slug: str, pk: int):
    team = get_team_for_user(request, slug, write=True)
    lidmaatschap = get_object_or_404(team.lidmaatschappen.select_related("user"), pk=pk)
    lidmaatschap.delete()
    melding = _("%(naam)s is uit het team gehaald.") % {"naam": _naam(lidmaatschap.user)}
    return _render_deel(request, team, "leden", melding=melding)


@require_POST
@login_required
def gast_uitnodigen(request: HtmxHttpRequest, slug: str):
    team = get_team_for_user(request, slug, write=True)
    form = GastForm(request.POST, team=team, auto_id=GAST_IDS)
    if not form.is_valid():
        return _render_deel(request, team, "gasten", status=422, gast_form=form)
    gast, opgave = form.cleaned_data["gast"], form.cleaned_data["opgave"]
    nodig_gast_uit(gast, opgave, mag_wijzigen=form.cleaned_data["mag_wijzigen"])
    melding = _("%(naam)s heeft nu toegang tot %(opgave)s.") % {
        "naam": _naam(gast),
        "opgave": opgave.titel,
    }
    return _render_deel(request, team, "gasten", melding=melding)


@require_POST
@login_required
def gast_intrekken(request: HtmxHttpRequest, slug: str, opgave_pk: int, user_pk: int):
    team = get_team_for_user(request, slug, write=True)
    opgave = get_object_or_404(team.opgaven, pk=opgave_pk)
    gast = get_object_or_404(get_user_model(), pk=user_pk)
    trek_gast_in(gast, opgave)
    melding = _("De toegang van %(naam)s tot %(opgave)s is ingetrokken.") % {
        "naam": _naam(gast),
        "opgave": opgave.titel,
    }
    return _render_deel(request, team, "gasten", melding=melding)


def _naam(user) -> str:
    return user.get_full_name() or user.username


def _naar(request: HtmxHttpRequest, url: str):
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


def _gasten(team: Team) -> list[dict]:
    """Partner guests per opgave of this team, with whether they may change the board."""
    rechten = OpgaveUserObjectPermission.objects.filter(content_object__team=team).select_related(
        "user", "content_object", "permission"
    )
    gasten: dict[tuple[int, int], dict] = {}
    for recht in rechten.order_by("content_object__titel", "user__username"):
        gast = gasten.setdefault(
            (recht.content_object_id, recht.user_id),
            {"opgave": recht.content_object, "user": recht.user, "mag_wijzigen": False},
        )
        gast["mag_wijzigen"] |= recht.permission.codename == WIJZIGEN
    return list(gasten.values())


# The team page holds two forms: each its own element ids.
LID_IDS = "lid_%s"
GAST_IDS = "gast_%s"


def _team_context(request: HtmxHttpRequest, team: Team, **formulieren) -> dict:
    mag_beheren = kan_team_beheren(request.user, team)
    lidmaatschappen = list(
        team.lidmaatschappen.select_related("user", "discipline").order_by(
            "organisatie", "discipline__naam", "user__last_name", "user__username"
        )
    )
    laatste_check, trends = waardentrend(team.waardenchecks.all())
    context = {
        "team": team,
        "mag_beheren": mag_beheren,
        "laatste_check": laatste_check,
        "trends": trends,
        "is_lid": any(lid.user_id == request.user.pk for lid in lidmaatschappen),
        "lidmaatschappen": lidmaatschappen,
        "organisaties": sorted({lid.organisatie for lid in lidmaatschappen}),
        "disciplines": sorted({lid.discipline.naam for lid in lidmaatschappen if lid.discipline}),
        "opgaven": zichtbare_opgaven(request.user)
        .actief()
        .filter(team=team)
        .met_voortgang()
        .select_related("team")
        .order_by("titel"),
        "gearchiveerde_opgaven": zichtbare_opgaven(request.user)
        .gearchiveerd()
        .filter(team=team)
        .order_by("titel")
        .only("id", "titel"),
    }
    if team.is_regieteam:
        landt_hier = (
            zichtbare_opgaven(request.user)
            .actief()
            .filter(opgave_gebieden__gebied__pad__startswith=team.gebied.pad)
        )
        context["opgaven_in_gebied"] = (
            landt_hier.met_voortgang().select_related("team").order_by("titel")
        )
        context["opgaveteams_in_gebied"] = Team.objects.filter(
            pk__in=landt_hier.values("team")
        ).order_by("naam")
    if mag_beheren:
        context["lid_form"] = formulieren.get("lid_form") or LidmaatschapForm(
            team=team, auto_id=LID_IDS
        )
        context["gast_form"] = formulieren.get("gast_form") or GastForm(team=team, auto_id=GAST_IDS)
        context["gasten"] = _gasten(team)
    return context


def _render_deel(
    request: HtmxHttpRequest, team: Team, deel: str, *, status=200, melding="", **formulieren
):
    """After a change: the changed part for htmx, otherwise back to the team page."""
    if status == 200 and not request.htmx:
        messages.success(request, melding)
        return redirect(team)
    context = _team_context(request, team, **formulieren) | {"melding": melding}
    template = f"teams/team_detail.html#{deel}" if request.htmx else "teams/team_detail.html"
    return render(request, template, context, status=status)


def _regiebord(request: HtmxHttpRequest, slug: str, *, write: bool = False) -> Team:
    team = get_team_for_user(request, slug)
    if not team.is_regieteam:
        raise Http404
    if write and not kan_prioriteren(request.user, team):
        raise geweigerd(team)
    return team


def _bordstand(request: HtmxHttpRequest, team: Team) -> str:
    """What the change check compares: the order's version and the versions of the cards the
    user sees."""
    opgaven = zichtbaar_op_regiebord(request.user, team).aggregate(
        versies=Sum("bord_versie"), aantal=Count("pk")
    )
    return f"{team.bord_versie}.{opgaven['versies'] or 0}.{opgaven['aantal']}"


def _bord_context(
    request: HtmxHttpRequest, team: Team, *, stand: str = "", triage_fout: tuple | None = None
) -> dict:
    """The whole regieteam board. `stand` when the caller already read it (the change
    check); `triage_fout` a melding's triage form that came back with errors."""
    positie = (
        Prioriteit.objects.filter(regieteam=team, opgave=OuterRef("pk"))
        .order_by()
        .values("positie")
    )
    zichtbaar = zichtbaar_op_regiebord(request.user, team)
    opgaven = list(
        zichtbaar.met_voortgang()
        .met_gebiednamen()
        .select_related("team")
        .annotate(prioriteit=Subquery(positie))
        .order_by(F("prioriteit").asc(nulls_last=True), "titel")
    )
    verplaats_url = reverse("teams:bord_verplaats", args=[team.slug])
    mag_prioriteren = kan_prioriteren(request.user, team)
    for index, opgave in enumerate(opgaven):
        # What "hoger" and "lager" send: the card to place after (None: to the top), to a URL
        # that names the card, as the buttons share one form.
        opgave.na_voor_hoger = opgaven[index - 2].pk if index >= 2 else None
        opgave.na_voor_lager = opgaven[index + 1].pk if index + 1 < len(opgaven) else None
        opgave.verplaats_url = f"{verplaats_url}?opgave={opgave.pk}"
        opgave.kaartsleutel = kaartsleutel(
            opgave.pk, opgave.titel, opgave.team.naam, opgave.aanvliegroute, opgave.status,
            opgave.gebiednamen, opgave.aantal_mijlpalen, opgave.aantal_mijlpalen_gereed,
            opgave.laatste_status, opgave.laatste_status_datum, opgave.aantal_belemmeringen_open,
            index == 0, opgave.na_voor_hoger, opgave.na_voor_lager, opgave.verplaats_url,
            mag_prioriteren,
        )  # fmt: skip
    haal_kaarten(opgaven, "regiekaart")
    in_uitvoering = sum(opgave.status == OpgaveStatus.IN_UITVOERING for opgave in opgaven)
    return {
        "team": team,
        "opgaven": opgaven,
        "peilmomenten": zichtbare_peilmomenten(zichtbaar).filter(regieteam=team)[:5],
        "meldingen": _triage(request, team, fout=triage_fout) if mag_prioriteren else [],
        "mag_prioriteren": mag_prioriteren,
        "in_uitvoering": in_uitvoering,
        "boven_focuslimiet": in_uitvoering > team.focuslimiet,
        "stand": stand or _bordstand(request, team),
    }


@require_safe
@login_required
def bord(request: HtmxHttpRequest, slug: str):
    """The regieteam's board. With `?sinds=<stand>` it is the cheap change check: 204 when
    nothing changed since that stand, otherwise the refreshed cards."""
    team = _regiebord(request, slug)
    parameters = lees_parameters(BordParameters(request.GET))
    stand = _bordstand(request, team) if parameters["sinds"] else ""
    if stand and parameters["sinds"] == stand:
        return HttpResponse(status=204)
    context = _bord_context(request, team, stand=stand)
    if parameters["export"]:
        return exporteer(parameters["export"], team.naam, [regiebord_blad(context["opgaven"])])
    template = "teams/bord.html#kaarten" if request.htmx else "teams/bord.html"
    return render(request, template, context)


@require_POST
@login_required
def bord_verplaats(request: HtmxHttpRequest, slug: str):
    team = _regiebord(request, slug, write=True)
    # A drag posts the card in the body; the Hoger/Lager buttons name it in the URL.
    form = VerplaatsForm({"opgave": request.GET.get("opgave"), **request.POST.dict()})
    status = 200
    if not form.is_valid():
        status = 422
    else:
        try:
            verplaats_prioriteit(
                regieteam=team,
                opgave_id=form.cleaned_data["opgave"],
                na_id=form.cleaned_data["na"],
                door=request.user,
            )
        except BordGewijzigd:
            status = 409
    if status == 200 and not request.htmx:
        return redirect("teams:bord", slug=team.slug)
    context = _bord_context(request, team) | {
        "fout": status != 200,
        "verplaatst": form.cleaned_data.get("opgave") if status == 200 else None,
    }
    template = "teams/bord.html#kaarten" if request.htmx else "teams/bord.html"
    return render(request, template, context, status=status)


@require_POST
@login_required
def peilmoment_vastleggen(request: HtmxHttpRequest, slug: str):
    """Freeze how the board's opgaven stand today, for reports and later comparison."""
    team = _regiebord(request, slug, write=True)
    peilmoment = leg_peilmoment_vast(regieteam=team, door=request.user)
    aantal = peilmoment.regels.count()
    messages.success(
        request,
        ngettext(
            "Peilmoment van %(datum)s vastgelegd voor %(aantal)s opgave.",
            "Peilmoment van %(datum)s vastgelegd voor %(aantal)s opgaven.",
            aantal,
        )
        % {"datum": date_format(peilmoment.datum), "aantal": aantal},
    )
    return _naar(request, reverse("teams:bord", args=[team.slug]))


def _triage(request: HtmxHttpRequest, team: Team, fout: tuple | None = None) -> list:
    """The meldingen waiting in the regieteam's gebied. The triage form of a melding is
    opened on demand (`melding_afhandelen` GET); only a form that came back with errors is
    shown on the board, so a board with many meldingen stays light."""
    meldingen = list(meldingen_voor(team, request.user))
    for melding in meldingen:
        if fout and fout[0] == melding.pk:
            melding.triage_form = fout[1]
    return meldingen


@require_http_methods(["GET", "POST"])
@login_required
def melding_afhandelen(request: HtmxHttpRequest, slug: str, pk: int):
    """Accept a melding into work on an opgave, or decline it with a reason. GET opens the
    form: in place on the board with htmx, as its own page without JavaScript."""
    team = _regiebord(request, slug, write=True)
    melding = get_object_or_404(meldingen_voor(team, request.user), pk=pk)
    if request.method == "GET":
        melding.triage_form = TriageForm(
            opgaven=opgaven_op_regiebord(team),
            prefix=f"m{pk}",
            initial={"versie": melding.version, "opgave": melding.opgave_id},
        )
        template = (
            "teams/melding_afhandelen.html#triage"
            if request.htmx
            else "teams/melding_afhandelen.html"
        )
        return render(request, template, {"team": team, "melding": melding})
    form = TriageForm(request.POST, opgaven=opgaven_op_regiebord(team), prefix=f"m{pk}")
    status = 200
    if not form.is_valid():
        status = 422
    else:
        try:
            handel_af(
                melding,
                besluit=form.cleaned_data["besluit"],
                opgave=form.cleaned_data["opgave"],
                reden=form.cleaned_data["reden"],
                versie=form.cleaned_data["versie"],
                door=request.user,
            )
        except VersieConflict:
            status = 409
    if status == 200 and not request.htmx:
        messages.success(
            request, _("Melding “%(titel)s” is afgehandeld.") % {"titel": melding.titel}
        )
        return redirect("teams:bord", slug=team.slug)
    context = _bord_context(request, team, triage_fout=(pk, form) if status == 422 else None) | {
        "triage_conflict": status == 409
    }
    template = "teams/bord.html#meldingen" if request.htmx else "teams/bord.html"
    return render(request, template, context, status=status)


@require_http_methods(["GET", "POST"])
@login_required
def waardencheck_invullen(request: HtmxHttpRequest, slug: str):
    """The team scores itself on the values, in a few minutes during a retrospective."""
    team = get_team_for_user(request, slug)
    if not is_teamlid(request.user, team.pk) or team.is_gearchiveerd:
        raise geweigerd(team)
    parameters = lees_parameters(WaardencheckParameters(request.GET, team=team))
    form = WaardencheckForm(
        request.POST if request.method == "POST" else None,
        team=team,
        waarden=Waarde.objects.filter(actief=True),
        initial={"datum": timezone.localdate(), "opgave": parameters["opgave"]},
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            check = Waardencheck.objects.create(
                team=team,
                opgave=form.cleaned_data["opgave"],
                datum=form.cleaned_data["datum"],
                ingevuld_door=request.user,
            )
            bulk_create_with_history(
                [
                    WaardeScore(
                        waardencheck=check, waarde=waarde, score=score, toelichting=toelichting
                    )
                    for waarde, score, toelichting in form.scores()
                ],
                WaardeScore,
                default_user=request.user,
            )
        messages.success(request, _("De waardencheck is opgeslagen."))
        return redirect(team)
    status = 422 if form.errors else 200
    return render(
        request, "teams/waardencheck_form.html", {"team": team, "form": form}, status=status
    )
