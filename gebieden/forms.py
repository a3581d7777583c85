from django import forms

from opgaven.models import OpgaveGebied


class LokaleStatusForm(forms.ModelForm):
    """The local side of an opgave in one gebied, edited on top of the version it was loaded at."""

    versie = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = OpgaveGebied
        fields = ["lokale_status", "urgentie", "notitie"]
        widgets = {"notitie": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["versie"].initial = self.instance.version
