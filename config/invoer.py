"""Limits on what people type, shared by every form of the app."""

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
