from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from opgaven.models import (
    Actie,
    ActieSoort,
    Belemmering,
    Kolom,
    Mijlpaal,
    Opgave,
    Voortgangsupdate,
)


class DatumInvoer(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ActieForm(forms.ModelForm):
    """A new card, or an edit of one (then with the version it was loaded at)."""

    versie = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Actie
        fields = [
            "titel",
            "kolom",
            "soort",
            "hypothese",
            "geleerd",
            "beschrijving",
            "eigenaar",
            "deadline",
        ]
        widgets = {
            "deadline": DatumInvoer(),
            "hypothese": forms.Textarea(attrs={"rows": 2}),
            "geleerd": forms.Textarea(attrs={"rows": 2}),
            "beschrijving": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "hypothese": _("Voor een experiment: wat verwacht je dat er gebeurt?"),
        }

    def __init__(self, *args, opgave: Opgave, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.opgave = opgave
        self.fields["eigenaar"].queryset = (
            get_user_model().objects.filter(teams=opgave.team).order_by("first_name", "last_name")
        )
        self.fields["eigenaar"].label_from_instance = lambda u: u.get_full_name() or u.username
        if self.instance.pk:
            del self.fields["kolom"]  # a card changes column by moving, not by editing
            self.fields["versie"].initial = self.instance.version
            self.fields["versie"].required = True
        else:
            del self.fields["versie"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("soort") == ActieSoort.EXPERIMENT and not cleaned.get("hypothese"):
            self.add_error(
                "hypothese", _("Een experiment heeft een hypothese: wat wil je toetsen?")
            )
        return cleaned

    @property
    def bewerkte_velden(self) -> list[str]:
        return [naam for naam in self.Meta.fields if naam in self.fields]


class VerplaatsActieForm(forms.Form):
    """A move: this card goes into column `kolom`, directly after card `na` (or on top)."""

    kolom = forms.ChoiceField(choices=Kolom.choices, label=_("Kolom"))
    na = forms.IntegerField(min_value=1, required=False)


class MijlpaalAfvinkForm(forms.ModelForm):
    versie = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Mijlpaal
        fields = ["gereed"]


class VoortgangForm(forms.ModelForm):
    class Meta:
        model = Voortgangsupdate
        fields = ["status", "datum", "tekst"]
        widgets = {"datum": DatumInvoer(), "tekst": forms.Textarea(attrs={"rows": 3})}
        labels = {"status": _("Hoe gaat het?")}


class BelemmeringSnelForm(forms.ModelForm):
    class Meta:
        model = Belemmering
        fields = ["titel", "ernst", "beschrijving"]
        widgets = {"beschrijving": forms.Textarea(attrs={"rows": 2})}
        labels = {"titel": _("Wat staat in de weg?")}
