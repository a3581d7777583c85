"""Limits on what people type and send, shared by every form of the app."""

from django import forms
from django.core.exceptions import BadRequest
from django.db import models

# Free text (a description, a note, what was learned) has no limit in the database; a form
# refuses more than this with a clear message (422) instead of storing pages of pasted text.
LANGE_TEKST = 10_000


def begrens_vrije_tekst(model_veld: models.Field, **kwargs):
    """Form field for a model field, with LANGE_TEKST as the limit of a TextField.
    Use as `formfield_callback` in a ModelForm's Meta."""
    if isinstance(model_veld, models.TextField) and not model_veld.choices:
        kwargs.setdefault("max_length", LANGE_TEKST)
    return model_veld.formfield(**kwargs)


class Paginaparameters(forms.Form):
    """The query string of a page, read through a form like everything else people send.

    A filter value the page does not know falls back to the field's default (its `initial`,
    or empty), `teruggevallen` names those fields so the page can say so, and the form stays
    valid. An id that names no record the reader may see (a ModelChoiceField) or a value of a
    field in `STRENG` (an export format) is an error instead: the view answers 400."""

    STRENG: tuple[str, ...] = ()

    def __init__(self, data=None, *args, **kwargs):
        if data is not None:
            data = data.copy()  # the page shows the defaults it used, so they go in its data
            for naam, veld in self.base_fields.items():
                if veld.initial is not None and not data.get(naam):
                    data[naam] = veld.initial
        super().__init__(data, *args, **kwargs)

    def full_clean(self):
        super().full_clean()
        self.teruggevallen = []
        for naam in list(self._errors or {}):
            veld = self.fields.get(naam)
            if veld is None or naam in self.STRENG or isinstance(veld, forms.ModelChoiceField):
                continue
            standaard = "" if veld.initial is None else veld.initial
            self.data[naam] = standaard
            self.cleaned_data[naam] = veld.clean(standaard)
            del self._errors[naam]
            self.teruggevallen.append(str(veld.label))


def lees_parameters(formulier: Paginaparameters) -> dict:
    """The page's cleaned parameters; a bad request (400) when an id or a strict value is
    wrong. Pages with a filter form show its errors themselves instead."""
    if not formulier.is_valid():
        raise BadRequest("; ".join(f"{naam}: {fout}" for naam, fout in formulier.errors.items()))
    return formulier.cleaned_data
