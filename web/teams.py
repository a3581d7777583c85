from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from simple_history.utils import bulk_create_with_history

from kern.bewerken import bewerkpagina, opgeslagen
from kern.gebruikers import weergavenaam
from kern.htmx import HtmxHttpRequest, naar
from kern.invoer import lees_parameters
from rechten.opgaven import (
    beheerbare_opgaven,
    gasten_van,
    nodig_gast_uit,
    trek_gast_in,
    zichtbaar_op_regiebord,
    zichtbare_opgaven,
)
from rechten.teams import (
    controleer_team_aanmaken,
    get_team_for_user,
    get_waardencheck_team_for_user,
    kan_team_aanmaken,
    kan_team_beheren,
    kan_teamindeling_bepalen,
    kan_waardencheck_invullen,
    zichtbare_teams,
)
from teams.forms import (
    GastForm,
    LidmaatschapForm,
    LidVerwijderenForm,
    TeamForm,
    WaardencheckForm,
    WaardencheckParameters,
)
from teams.leden import LidBlijft, bezwaar_tegen_verwijderen, haal_uit_team
from teams.models import Team, Waarde, Waardencheck, WaardeScore
from teams.waarden import waardentrend
from web.kaarten import OpgaveKaart
from web.opgave_nieuw import op_teampagina


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
        {"teams": teams, "mag_aanmaken": kan_team_aanmaken(request.user)},
    )


@require_http_methods(["GET", "POST"])
@login_required
def team_create(request: HtmxHttpRequest):
    controleer_team_aanmaken(request)
    form = TeamForm(request.POST if request.method == "POST" else None, mag_indelen=True)
    if request.method == "POST" and form.is_valid():
        team = form.save()
        messages.success(request, _("Team %(naam)s is aangemaakt.") % {"naam": team.naam})
        return naar(request, team.get_absolute_url())
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
    return bewerkpagina(
        request,
        form,
        template="teams/team_form.html",
        context={"team": team},
        gelukt=lambda: opgeslagen(
            request, team.get_absolute_url(), _("De gegevens van het team zijn opgeslagen.")
        ),
    )


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
    melding = _("%(naam)s is toegevoegd aan het team.") % {"naam": weergavenaam(lidmaatschap.user)}
    messages.success(request, melding, extra_tags="leden")
    return _render_deel(request, team, "leden")


@require_POST
@login_required
def lid_verwijderen(request: HtmxHttpRequest, slug: str, pk: int):
    """Take someone out of the team, after the confirmation the team page asks for; never the
    team's last trekker (teams/leden.py)."""
    team = get_team_for_user(request, slug, write=True)
    lidmaatschap = get_object_or_404(team.lidmaatschappen.select_related("user"), pk=pk)
    naam = weergavenaam(lidmaatschap.user)
    if not LidVerwijderenForm(request.POST).is_valid():
        melding = _("Bevestig dat je %(naam)s uit het team wilt halen.") % {"naam": naam}
        messages.warning(request, melding, extra_tags="leden")
        return _render_deel(request, team, "leden", status=422, bevestig_pk=lidmaatschap.pk)
    try:
        haal_uit_team(lidmaatschap, door=request.user)
    except LidBlijft as bezwaar:
        messages.warning(request, str(bezwaar), extra_tags="leden")
        return _render_deel(request, team, "leden", status=409)
    messages.success(
        request, _("%(naam)s is uit het team gehaald.") % {"naam": naam}, extra_tags="leden"
    )
    return _render_deel(request, team, "leden")


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
        "naam": weergavenaam(gast),
        "opgave": opgave.titel,
    }
    messages.success(request, melding, extra_tags="gasten")
    return _render_deel(request, team, "gasten")


@require_POST
@login_required
def gast_intrekken(request: HtmxHttpRequest, slug: str, opgave_pk: int, user_pk: int):
    team = get_team_for_user(request, slug, write=True)
    opgave = get_object_or_404(team.opgaven, pk=opgave_pk)
    gast = get_object_or_404(get_user_model(), pk=user_pk)
    trek_gast_in(gast, opgave)
    melding = _("De toegang van %(naam)s tot %(opgave)s is ingetrokken.") % {
        "naam": weergavenaam(gast),
        "opgave": opgave.titel,
    }
    messages.success(request, melding, extra_tags="gasten")
    return _render_deel(request, team, "gasten")


# The team page holds two forms: each its own element ids.
LID_IDS = "lid_%s"


GAST_IDS = "gast_%s"


def _met_kaarten(opgaven) -> list:
    """The opgaven, each with the card the home page shows of it."""
    opgaven = list(opgaven)
    for opgave in opgaven:
        opgave.kaart = OpgaveKaart.van(opgave)
    return opgaven


def _team_context(request: HtmxHttpRequest, team: Team, **formulieren) -> dict:
    """Everything the team page shows: the parts a change sends back on their own (DELEN), and
    what only the whole page shows."""
    mag_beheren = kan_team_beheren(request.user, team)
    context = _leden_context(request, team, mag_beheren=mag_beheren, **formulieren)
    if mag_beheren:
        context |= _gasten_context(request, team, mag_beheren=mag_beheren, **formulieren)
    laatste_check, trends = waardentrend(team.waardenchecks.all())
    context |= {
        "laatste_check": laatste_check,
        "trends": trends,
        "mag_waardencheck": kan_waardencheck_invullen(request.user, team),
        **op_teampagina(request, team),
        "opgaven": _met_kaarten(
            zichtbare_opgaven(request.user)
            .actief()
            .filter(team=team)
            .met_voortgang()
            .met_gebiednamen()
            .select_related("team", "thema")
            .order_by("titel")
        ),
        "gearchiveerde_opgaven": _archief(request, team),
    }
    if team.is_regieteam:
        landt_hier = zichtbaar_op_regiebord(request.user, team)
        context["opgaven_in_gebied"] = _met_kaarten(
            landt_hier.met_voortgang()
            .met_gebiednamen()
            .select_related("team", "thema")
            .order_by("titel")
        )
        context["opgaveteams_in_gebied"] = Team.objects.filter(
            pk__in=landt_hier.values("team")
        ).order_by("naam")
    return context


def _archief(request: HtmxHttpRequest, team: Team) -> list:
    """The team's archived opgaven that the user may see, the last archived first, with who
    archived them and whether the user may restore each (`mag_herstellen`), in one query."""
    return list(
        zichtbare_opgaven(request.user)
        .gearchiveerd()
        .filter(team=team)
        .select_related("gearchiveerd_door")
        .only("id", "titel", "gearchiveerd_op", "gearchiveerd_door")
        .annotate(
            mag_herstellen=ExpressionWrapper(
                Q(pk__in=beheerbare_opgaven(request.user).values("pk")),
                output_field=BooleanField(),
            )
        )
        .order_by("-gearchiveerd_op", "titel")
    )


def _leden_context(request: HtmxHttpRequest, team: Team, *, mag_beheren: bool, **formulieren):
    lidmaatschappen = list(
        team.lidmaatschappen.select_related("user", "discipline").order_by(
            "organisatie", "discipline__naam", "user__last_name", "user__username"
        )
    )
    trekkers = [lidmaatschap for lidmaatschap in lidmaatschappen if lidmaatschap.is_trekker]
    for lidmaatschap in lidmaatschappen:
        lidmaatschap.bezwaar = bezwaar_tegen_verwijderen(lidmaatschap, trekkers)
    context = {
        "team": team,
        "mag_beheren": mag_beheren,
        "bevestig_pk": formulieren.get("bevestig_pk"),
        "lidmaatschappen": lidmaatschappen,
        "organisaties": sorted({lid.organisatie for lid in lidmaatschappen}),
        "disciplines": sorted({lid.discipline.naam for lid in lidmaatschappen if lid.discipline}),
    }
    if mag_beheren:
        context["lid_form"] = formulieren.get("lid_form") or LidmaatschapForm(
            team=team, auto_id=LID_IDS
        )
    return context


def _gasten_context(request: HtmxHttpRequest, team: Team, *, mag_beheren: bool, **formulieren):
    return {
        "team": team,
        "mag_beheren": mag_beheren,
        "gasten": gasten_van(team),
        "gast_form": formulieren.get("gast_form") or GastForm(team=team, auto_id=GAST_IDS),
    }


# The parts of the team page that a change sends back on their own, each a partial of
# teams/team_detail.html, with the function that builds just its context.
DELEN = {"leden": _leden_context, "gasten": _gasten_context}


def _render_deel(request: HtmxHttpRequest, team: Team, deel: str, *, status=200, **formulieren):
    """After a change: the changed part for htmx, built alone; the whole team page otherwise
    (on an error), or a redirect back to it (on success). What went right travels as a
    message for the part (`extra_tags`)."""
    if status == 200 and not request.htmx:
        return redirect(team)
    if request.htmx:
        mag_beheren = kan_team_beheren(request.user, team)
        context = DELEN[deel](request, team, mag_beheren=mag_beheren, **formulieren)
        return render(request, f"teams/team_detail.html#{deel}", context, status=status)
    context = _team_context(request, team, **formulieren)
    return render(request, "teams/team_detail.html", context, status=status)


@require_http_methods(["GET", "POST"])
@login_required
def waardencheck_invullen(request: HtmxHttpRequest, slug: str):
    """The team scores itself on the values, in a few minutes during a retrospective."""
    team = get_waardencheck_team_for_user(request, slug)
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
