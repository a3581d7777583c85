"""Archiving an opgave and restoring it, from its board and from its team's archive.

Nothing of value is deleted (kern/archief.py): an opgave the team no longer works on is
archived. It leaves the boards, the lists and every count, and stays readable with its history
at its own address and in the team's archive, where whoever steers it
(`rechten.opgaven.kan_beheren`) brings it back. Archiving asks for an explicit confirmation (a
checkbox the form requires), so it asks the same with and without JavaScript.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kern.archief import ArchiefBezwaar, naar_archief, uit_archief
from kern.htmx import HtmxHttpRequest, naar
from opgaven.models import Opgave
from rechten.opgaven import get_opgave_for_user

# The archive form stands on the opgave board, next to its other forms: its own element ids.
ARCHIVEREN_IDS = "archiveren_%s"


class ArchiverenForm(forms.Form):
    """The confirmation that archiving asks for."""

    bevestigd = forms.BooleanField(
        label=gettext_lazy("Ja, archiveer deze opgave"),
        error_messages={"required": gettext_lazy("Vink aan dat je deze opgave wilt archiveren.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, auto_id=ARCHIVEREN_IDS, **kwargs)


@require_POST
@login_required
def opgave_archiveren(request: HtmxHttpRequest, pk: int):
    opgave = get_opgave_for_user(request, pk, beheren=True)
    form = ArchiverenForm(request.POST)
    if not form.is_valid():
        return _geweigerd(request, opgave, "archiveren", status=422, form=form)
    try:
        naar_archief(opgave, door=request.user)
    except ArchiefBezwaar as bezwaar:
        messages.warning(request, str(bezwaar), extra_tags="archiveren")
        return _geweigerd(request, opgave, "archiveren", status=409, form=ArchiverenForm())
    messages.success(
        request,
        _(
            "“%(titel)s” is gearchiveerd: zij staat niet meer op de borden en in de overzichten. "
            "Met “Herstellen” haal je haar terug."
        )
        % {"titel": opgave.titel},
    )
    return naar(request, opgave.get_absolute_url())


@require_POST
@login_required
def opgave_herstellen(request: HtmxHttpRequest, pk: int):
    opgave = get_opgave_for_user(request, pk, beheren=True)
    try:
        naar_borden = uit_archief(opgave, door=request.user)
    except ArchiefBezwaar as bezwaar:
        messages.warning(request, str(bezwaar), extra_tags="herstellen")
        return _geweigerd(request, opgave, "herstellen", status=409)
    messages.success(
        request,
        _("“%(titel)s” is hersteld en staat weer op de borden.") % {"titel": naar_borden.titel},
    )
    return naar(request, opgave.get_absolute_url())


def _geweigerd(request: HtmxHttpRequest, opgave: Opgave, deel: str, *, status: int, **context):
    """An archive or restore that did not happen: for htmx its form in place, with the reason;
    without JavaScript a page of its own with the same form and the way back to the board. The
    opgave as it is now (someone else may have archived or restored it meanwhile)."""
    opgave = get_opgave_for_user(request, opgave.pk)
    template = f"opgaven/archief.html#{deel}" if request.htmx else "opgaven/archief.html"
    context = {"opgave": opgave, "deel": deel, **context}
    return render(request, template, context, status=status)
