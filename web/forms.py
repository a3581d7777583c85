from django import forms
from django.utils.translation import gettext_lazy as _

from gebieden.models import Niveau
from kern.bewerken import VersieForm
from kern.invoer import Paginaparameters, begrens_vrije_tekst
from opgaven.forms import gebiedkeuze
from opgaven.models import Aanvliegroute, OpgaveGebied, OpgaveStatus, Peilmoment, Thema
from teams.models import Team


class LokaleStatusForm(VersieForm):
    """The local side of an opgave in one gebied, edited on top of the version it was loaded at."""

    class Meta:
        formfield_callback = begrens_vrije_tekst
        model = OpgaveGebied
        fields = ["lokale_status", "urgentie", "notitie"]
        widgets = {"notitie": forms.Textarea(attrs={"rows": 2})}


class LandingForm(forms.ModelForm):
    """Another gebied where `opgave` lands, with its local urgency there: one of `gebieden`
    (rechten.opgaven.landingsgebieden), where it does not land yet."""

    class Meta:
        model = OpgaveGebied
        fields = ["gebied", "urgentie"]
        labels = {"gebied": _("Gebied")}

    def __init__(self, *args, opgave, gebieden, **kwargs):
        # On the opgave board, next to other forms with a field `gebied`: ids of its own.
        super().__init__(*args, auto_id="landing_%s", **kwargs)
        self.fields["gebied"].queryset = (
            gebieden.exclude(opgave_gebieden__opgave=opgave).defer("omtrek").order_by("pad")
        )
        self.fields["gebied"].label_from_instance = gebiedkeuze
        self.fields["gebied"].error_messages["invalid_choice"] = _(
            "Kies een gebied uit de lijst: een gebied waar deze opgave nog niet landt en waar "
            "jij haar mag laten landen."
        )


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
