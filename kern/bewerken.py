"""Editing a record on top of the version it was loaded at: the edit form carries that
version in a hidden field, and one function decides whether what was typed is saved or meets
someone else's newer change. Every edit page of the app goes through here, so they answer the
same way: 200 saved, 409 someone else was first, 422 invalid input. An edit form on a model
builds on VersieForm and is saved by bewaar_formulier; a plain form whose write is a domain
function (a status move, a triage, a hand-over) builds on VersieVeld and is saved by
bewaar_met. (The admin's form builds on VersieForm too, kern/admin.py.)"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import render

from kern.htmx import HtmxHttpRequest, naar
from kern.versioning import VersieConflict, VersionedModel, controleer_versie
from kern.woorden import wat_de_ander_veranderde


class VersieForm(forms.ModelForm):
    """The base of an edit form for a VersionedModel: a hidden `versie`, the version the
    record had when the form was loaded (required then; a form that creates has none)."""

    versie = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["versie"].initial = self.instance.version
            self.fields["versie"].required = True
        else:
            del self.fields["versie"]

    @property
    def bewerkte_velden(self) -> list[str]:
        """The fields this form writes: what a save updates, and what a conflict notice falls
        back to naming."""
        return [naam for naam in self._meta.fields if naam in self.fields]


class VersieVeld(forms.Form):
    """The base of a plain form that changes `record` through a domain function: the same
    hidden `versie` as VersieForm, the version the record had when the form was loaded."""

    versie = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, record: VersionedModel, **kwargs):
        super().__init__(*args, **kwargs)
        self.record = record
        self.fields["versie"].initial = record.version

    @property
    def bewerkte_velden(self) -> list[str]:
        """The record's fields this form fills in: what a conflict notice falls back to
        naming when the history cannot tell what the other person changed."""
        velden = {veld.name for veld in self.record._meta.concrete_fields}
        return [naam for naam in self.fields if naam in velden]


@dataclass(frozen=True)
class Bewerking:
    """How an edit ended: `status` is the answer's HTTP status; on 409, `conflict` holds what
    the other person changed (field label and value now), for includes/versieconflict.html,
    and `actueel` the record as it is stored now."""

    status: int
    conflict: list[tuple[str, str]] = field(default_factory=list)
    actueel: VersionedModel | None = None

    @property
    def opgeslagen(self) -> bool:
        return self.status == 200


def bewaar_formulier(form: VersieForm) -> Bewerking:
    """Save a bound edit form on top of the version it was loaded at: 422 when the input is
    invalid, 409 (nothing saved, the other change named) when someone saved in between,
    otherwise 200 with the record saved.

    The form, the version it was loaded at and the record as stored (locked) meet here and
    only here, so this is where a stale save that touches none of the fields the other person
    changed could later be merged instead of refused."""
    if not form.is_valid():
        return Bewerking(status=422)
    geladen = form.cleaned_data["versie"]
    with transaction.atomic():
        try:
            actueel = controleer_versie(form.instance, versie=geladen)
        except VersieConflict as verouderd:
            return _verouderd(verouderd, geladen, form.bewerkte_velden)
        form.instance.version = actueel.version
        form.instance.save(update_fields=form.bewerkte_velden)
    return Bewerking(status=200)


def bewaar_met(form: VersieVeld, schrijf: Callable[[dict], None]) -> Bewerking:
    """Save a bound plain form through a domain function: 422 when the input is invalid, 409
    (nothing saved, the other change named) when `schrijf(cleaned_data)` raises VersieConflict
    because someone saved in between, otherwise 200. The domain function is one transaction
    that checks the version (kern.versioning.bewaar_bewerking), so a conflict leaves nothing
    of it behind."""
    if not form.is_valid():
        return Bewerking(status=422)
    try:
        schrijf(form.cleaned_data)
    except VersieConflict as verouderd:
        return _verouderd(verouderd, form.cleaned_data["versie"], form.bewerkte_velden)
    return Bewerking(status=200)


def _verouderd(verouderd: VersieConflict, geladen: int, velden: list[str]) -> Bewerking:
    conflict = wat_de_ander_veranderde(verouderd.actueel, geladen, velden)
    return Bewerking(status=409, conflict=conflict, actueel=verouderd.actueel)


def bewerkpagina(
    request: HtmxHttpRequest,
    form: VersieForm,
    *,
    template: str,
    context: dict,
    gelukt: Callable[[], HttpResponse],
    fragment: str = "",
) -> HttpResponse:
    """An edit page's answer: the form on GET; after a POST `gelukt()` once saved, or the form
    again with the other person's change next to what was typed (409) or with the errors (422).
    For htmx, `fragment` names the partial that holds the form."""
    status = 200
    if request.method == "POST":
        bewerking = bewaar_formulier(form)
        if bewerking.opgeslagen:
            return gelukt()
        context = {**context, "conflict": bewerking.conflict}
        status = bewerking.status
    if request.htmx and fragment:
        template = f"{template}#{fragment}"
    return render(request, template, {**context, "form": form}, status=status)


def opgeslagen(request: HtmxHttpRequest, url: str, bericht: str) -> HttpResponse:
    """After a saved edit: say so, and go back to where the record is shown."""
    messages.success(request, bericht)
    return naar(request, url)
