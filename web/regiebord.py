import dataclasses

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from kern.bewerken import bewaar_met
from kern.export import exporteer
from kern.htmx import HtmxHttpRequest, naar
from kern.invoer import lees_parameters
from opgaven.bordversie import stand_van_regiebord
from opgaven.forms import BordParameters, TriageForm
from opgaven.kaartcache import haal_kaarten
from opgaven.meldingen import handel_af
from opgaven.models import OpgaveStatus
from opgaven.ordering import (
    BordGewijzigd,
    hoger_en_lager,
    in_regievolgorde,
    opgaven_op_regiebord,
    verplaats_prioriteit,
)
from opgaven.peilmomenten import leg_peilmoment_vast
from rechten.meldingen import get_melding_for_user, meldingen_voor
from rechten.opgaven import (
    kan_opgave_starten_vanuit,
    zichtbaar_op_regiebord,
)
from rechten.peilmomenten import zichtbare_peilmomenten
from rechten.teams import (
    get_regiebord_for_user,
    kan_prioriteren,
)
from teams.forms import (
    VerplaatsForm,
)
from teams.models import Team
from web.export import regiebord_blad
from web.kaarten import PrioriteitKaart


def _bordstand(request: HtmxHttpRequest, team: Team) -> str:
    """What the change check compares, over the cards this user sees."""
    return stand_van_regiebord(team, zichtbaar_op_regiebord(request.user, team))


def _kaarten_context(request: HtmxHttpRequest, team: Team, *, stand: str = "") -> dict:
    """The board's cards in priority order, with the focus warning and the stand the change
    check compares (`stand` when the caller already read it)."""
    zichtbaar = zichtbaar_op_regiebord(request.user, team)
    opgaven = list(
        in_regievolgorde(zichtbaar.met_voortgang().met_gebiednamen().select_related("team"), team)
    )
    verplaats_url = reverse("teams:bord_verplaats", args=[team.slug])
    mag_prioriteren = kan_prioriteren(request.user, team)
    for index, opgave in enumerate(opgaven):
        opgave.kaart = PrioriteitKaart.van(
            opgave,
            plek=index + 1,
            mag_prioriteren=mag_prioriteren,
            # Hoger and Lager post to a URL that names the card, as the buttons share one form.
            verplaats_url=f"{verplaats_url}?opgave={opgave.pk}",
            **dataclasses.asdict(hoger_en_lager(opgaven, index)),
        )
    haal_kaarten(opgave.kaart for opgave in opgaven)
    in_uitvoering = sum(opgave.status == OpgaveStatus.IN_UITVOERING for opgave in opgaven)
    return {
        "team": team,
        "opgaven": opgaven,
        "mag_prioriteren": mag_prioriteren,
        "in_uitvoering": in_uitvoering,
        "boven_focuslimiet": team.boven_focuslimiet(in_uitvoering),
        "stand": stand or _bordstand(request, team),
    }


def _meldingen_context(
    request: HtmxHttpRequest, team: Team, *, triage_fout: tuple | None = None
) -> dict:
    """The meldingen waiting for triage; `triage_fout` a melding's triage form that came
    back with errors."""
    mag_prioriteren = kan_prioriteren(request.user, team)
    return {
        "team": team,
        "mag_prioriteren": mag_prioriteren,
        "meldingen": _triage(request, team, fout=triage_fout) if mag_prioriteren else [],
    }


def _bord_context(
    request: HtmxHttpRequest, team: Team, *, stand: str = "", triage_fout: tuple | None = None
) -> dict:
    """The whole regieteam board: its parts, and the latest peilmomenten."""
    zichtbaar = zichtbaar_op_regiebord(request.user, team)
    return {
        **_kaarten_context(request, team, stand=stand),
        **_meldingen_context(request, team, triage_fout=triage_fout),
        "peilmomenten": zichtbare_peilmomenten(zichtbaar).filter(regieteam=team)[:5],
        "nieuwe_opgave_url": (
            reverse("opgaven:nieuw") + "?" + urlencode({"gebied": team.gebied.code})
            if kan_opgave_starten_vanuit(request.user, team)
            else ""
        ),
    }


def _render_bord(
    request: HtmxHttpRequest, team: Team, deel: str, *, status: int = 200, **extra
) -> HttpResponse:
    """After a change or a poll: for htmx only the part `deel` names, built from its own
    context; otherwise the whole board."""
    stand, triage_fout = extra.pop("stand", ""), extra.pop("triage_fout", None)
    if not request.htmx:
        context = _bord_context(request, team, stand=stand, triage_fout=triage_fout)
        return render(request, "teams/bord.html", context | extra, status=status)
    if deel == "kaarten":
        context = _kaarten_context(request, team, stand=stand)
    else:
        context = _meldingen_context(request, team, triage_fout=triage_fout)
    return render(request, f"teams/bord.html#{deel}", context | extra, status=status)


@require_safe
@login_required
def bord(request: HtmxHttpRequest, slug: str):
    """The regieteam's board. With `?sinds=<stand>` it is the cheap change check: 204 when
    nothing changed since that stand, otherwise the refreshed cards."""
    team = get_regiebord_for_user(request, slug)
    parameters = lees_parameters(BordParameters(request.GET))
    stand = _bordstand(request, team) if parameters["sinds"] else ""
    if stand and parameters["sinds"] == stand:
        return HttpResponse(status=204)
    if parameters["export"]:
        opgaven = _kaarten_context(request, team, stand=stand)["opgaven"]
        return exporteer(parameters["export"], team.naam, [regiebord_blad(opgaven)])
    return _render_bord(request, team, "kaarten", stand=stand)


@require_POST
@login_required
def bord_verplaats(request: HtmxHttpRequest, slug: str):
    team = get_regiebord_for_user(request, slug, write=True)
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
    if status == 409:
        messages.warning(
            request,
            _(
                "Het bord was intussen veranderd. Dit is de nieuwste volgorde; probeer het zo "
                "nodig opnieuw."
            ),
            extra_tags="kaarten",
        )
    elif status == 422:
        messages.warning(
            request,
            _("Deze opgave kon niet worden verplaatst: probeer het opnieuw."),
            extra_tags="kaarten",
        )
    verplaatst = form.cleaned_data.get("opgave") if status == 200 else None
    return _render_bord(request, team, "kaarten", status=status, verplaatst=verplaatst)


@require_POST
@login_required
def peilmoment_vastleggen(request: HtmxHttpRequest, slug: str):
    """Freeze how the board's opgaven stand today, for reports and later comparison."""
    team = get_regiebord_for_user(request, slug, write=True)
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
    return naar(request, reverse("teams:bord", args=[team.slug]))


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
    team = get_regiebord_for_user(request, slug, write=True)
    melding = get_melding_for_user(request, team, pk)
    if request.method == "GET":
        melding.triage_form = TriageForm(
            record=melding,
            opgaven=opgaven_op_regiebord(team),
            prefix=f"m{pk}",
            initial={"opgave": melding.opgave_id},
        )
        template = (
            "teams/melding_afhandelen.html#triage"
            if request.htmx
            else "teams/melding_afhandelen.html"
        )
        return render(request, template, {"team": team, "melding": melding})
    form = TriageForm(
        request.POST, record=melding, opgaven=opgaven_op_regiebord(team), prefix=f"m{pk}"
    )
    bewerking = bewaar_met(
        form,
        lambda gegevens: handel_af(
            melding,
            besluit=gegevens["besluit"],
            opgave=gegevens["opgave"],
            reden=gegevens["reden"],
            versie=gegevens["versie"],
            door=request.user,
        ),
    )
    status = bewerking.status
    if status == 409:
        messages.warning(
            request,
            _("Iemand anders heeft deze melding intussen afgehandeld."),
            extra_tags="meldingen",
        )
    if bewerking.opgeslagen:
        messages.success(
            request,
            _("Melding “%(titel)s” is afgehandeld.") % {"titel": melding.titel},
            extra_tags="meldingen",
        )
        if not request.htmx:
            return redirect("teams:bord", slug=team.slug)
    triage_fout = (pk, form) if status == 422 else None
    return _render_bord(request, team, "meldingen", status=status, triage_fout=triage_fout)
