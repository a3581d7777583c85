from django import forms
from django.utils.translation import gettext_lazy as _

from gebieden.models import Niveau
from kern.bewerken import VersieForm
from kern.invoer import Paginaparameters, begrens_vrije_tekst
from opgaven.models import Aanvliegroute, OpgaveGebied, OpgaveStatus, Peilmoment, Thema
from teams.models import Team


class LokaleStatusForm(VersieForm):
    """The local side of an opgave in one gebied, edited on top of the version it was loaded at."""

    class Meta:
        formfield_callback = begrens_vrije_tekst
        model = OpgaveGebied
        fields = ["lokale_status", "urgentie", "notitie"]
        widgets = {"notitie": forms.Textarea(attrs={"rows": 2})}


class OverzichtFilter(Paginaparameters):
    """The overview's filters and view choices, all kept in the URL."""

    thema = forms.ChoiceField(label=_("Thema"), required=False)
    team = forms.ModelChoiceField(label=_("Team"), queryset=Team.objects.none(), required=False)
    aanvliegroute = forms.ChoiceField(label=_("Aanvliegroute"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    niveau = forms.ChoiceField(
        label=_("Per"),
        choices=[
            (n, Niveau(n).label)
            for n in (Niveau.BUURT, Niveau.WIJK, Niveau.GEBIED, Niveau.STADSDEEL)
        ],
        required=False,
        initial=Niveau.WIJK,
    )
    rijen = forms.ChoiceField(
        label=_("Rijen"),
        choices=[("opgaven", _("Opgaven")), ("gebieden", _("Gebieden"))],
        required=False,
        initial="opgaven",
    )
    maat = forms.ChoiceField(
        label=_("Kaart kleurt naar"),
        choices=[
            ("opgaven", _("Aantal opgaven")),
            ("belemmeringen", _("Open belemmeringen")),
            ("aandacht", _("Opgaven die aandacht nodig hebben")),
        ],
        required=False,
        initial="opgaven",
    )
    peilmoment = forms.ModelChoiceField(
        label=_("Vergelijk met peilmoment"),
        queryset=Peilmoment.objects.none(),
        required=False,
        help_text=_("Toont per opgave wat er sindsdien veranderde."),
    )

    def __init__(self, *args, teams, peilmomenten, **kwargs):
        super().__init__(*args, **kwargs)
        alle = [("", _("Alle"))]
        # By code, like the address carries it: an unknown one falls back like any filter value.
        self.fields["thema"].choices = alle + [
            (thema.code, str(thema)) for thema in Thema.objects.all()
        ]
        self.fields["aanvliegroute"].choices = alle + Aanvliegroute.choices
        self.fields["status"].choices = alle + OpgaveStatus.choices
        self.fields["team"].queryset = teams.order_by("naam")
        self.fields["team"].empty_label = _("Alle")
        self.fields["peilmoment"].queryset = peilmomenten
        self.fields["peilmoment"].empty_label = _("Geen")

    def filter(self, opgaven):
        gegevens = self.cleaned_data
        for veld in ("thema", "aanvliegroute", "status", "team"):
            if gegevens.get(veld):
                opgaven = opgaven.filter(**{veld: gegevens[veld]})
        return opgaven
