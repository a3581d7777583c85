from django import forms
from django.contrib.auth import get_user_model
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from gebieden.models import Gebied
from kern.bewerken import VersieForm
from kern.gebruikers import weergavenaam
from kern.invoer import Paginaparameters, begrens_vrije_tekst
from teams.models import Lidmaatschap, Team, TeamSoort

GERESERVEERDE_SLUGS = {"nieuw"}


class GebruikerKeuze(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{weergavenaam(obj)} ({obj.username})"


class TeamForm(VersieForm):
    """A team's settings. Its trekker edits the name, description and focus limit; what decides
    who sees what (whether it is a regieteam, the gebied it steers) and its web address only
    functioneel beheer sets. A post that names such a field without that right is refused as
    a whole, saying which field it was."""

    # The fields only functioneel beheer sets (rechten.teams.kan_teamindeling_bepalen).
    BEHEERVELDEN = ("slug", "soort", "gebied")

    class Meta:
        formfield_callback = begrens_vrije_tekst
        model = Team
        fields = ["naam", "slug", "soort", "gebied", "beschrijving", "focuslimiet"]
        help_texts = {"slug": _("Voor het webadres; laat leeg om hem uit de naam te maken.")}

    def __init__(self, *args, mag_indelen: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["gebied"].queryset = Gebied.objects.geldig().defer("omtrek").order_by("pad")
        self.fields["gebied"].label_from_instance = lambda gebied: (
            f"{gebied.get_niveau_display()} {gebied.naam} ({gebied.code})"
        )
        self.geweigerd = []
        if not mag_indelen:
            for naam in self.BEHEERVELDEN:
                veld = self.fields.pop(naam)
                if naam in self.data:
                    self.geweigerd.append(veld.label)

    def clean_slug(self):
        slug = self.cleaned_data["slug"] or slugify(self.cleaned_data.get("naam", ""))
        if not slug:
            raise forms.ValidationError(_("Geef een korte naam op."))
        if slug in GERESERVEERDE_SLUGS:
            raise forms.ValidationError(_("Deze korte naam is gereserveerd; kies een andere."))
        if Team.objects.filter(slug=slug).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("Er is al een team met deze korte naam."))
        return slug

    def clean(self):
        cleaned = super().clean()
        for label in self.geweigerd:
            self.add_error(
                None,
                _("Alleen functioneel beheer kan “%(veld)s” van een team instellen.")
                % {"veld": label},
            )
        if cleaned.get("soort") == TeamSoort.REGIETEAM and not cleaned.get("gebied"):
            self.add_error(
                "gebied", _("Een regieteam voert de regie in een gebied: kies het gebied.")
            )
        return cleaned


class LidmaatschapForm(forms.ModelForm):
    user = GebruikerKeuze(queryset=get_user_model().objects.none(), label=_("Persoon"))

    class Meta:
        model = Lidmaatschap
        fields = ["user", "rol", "discipline", "organisatie"]

    def __init__(self, *args, team: Team, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.team = team
        self.fields["user"].queryset = (
            get_user_model()
            .objects.filter(is_active=True)
            .exclude(lidmaatschappen__team=team)
            .order_by("first_name", "last_name", "username")
        )

    def validate_unique(self):
        # The user list already leaves out current members; this catches a double submit.
        if Lidmaatschap.objects.filter(
            team=self.instance.team, user=self.cleaned_data.get("user")
        ).exists():
            self.add_error("user", _("Deze persoon zit al in dit team."))


class LidVerwijderenForm(forms.Form):
    """Taking someone out of the team asks for a second click: the confirm button that the
    team page shows after "… uit het team halen" sends `bevestigd`."""

    bevestigd = forms.BooleanField()


class GastForm(forms.Form):
    opgave = forms.ModelChoiceField(queryset=None, label=_("Opgave"))
    gast = GebruikerKeuze(queryset=get_user_model().objects.none(), label=_("Partner"))
    mag_wijzigen = forms.BooleanField(
        required=False,
        label=_("Mag meewerken aan het bord"),
        help_text=_("Zonder dit vinkje kan de partner alleen meelezen."),
    )

    def __init__(self, *args, team: Team, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opgave"].queryset = team.opgaven.actief().order_by("titel")
        self.fields["gast"].queryset = (
            get_user_model()
            .objects.filter(is_active=True)
            .exclude(lidmaatschappen__team=team)
            .order_by("first_name", "last_name", "username")
        )


class VerplaatsForm(forms.Form):
    """A move on the regieteam board: this opgave goes directly after that one (or on top)."""

    opgave = forms.IntegerField(min_value=1)
    na = forms.IntegerField(min_value=1, required=False)


class WaardencheckParameters(Paginaparameters):
    """`?opgave=` opens the values check for one of the team's opgaven."""

    opgave = forms.ModelChoiceField(queryset=None, required=False)

    def __init__(self, *args, team: Team, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opgave"].queryset = team.opgaven.actief()


class WaardencheckForm(forms.Form):
    """One score per active value, from 1 (we mostly do the right side, Y) to 5 (the left, X)."""

    datum = forms.DateField(
        label=_("Datum"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    opgave = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label=_("Voor één opgave"),
        empty_label=_("Het hele team"),
    )

    def __init__(self, *args, team: Team, waarden, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opgave"].queryset = team.opgaven.actief().order_by("titel")
        self.waarden = list(waarden)
        for waarde in self.waarden:
            self.fields[f"score_{waarde.pk}"] = forms.TypedChoiceField(
                label=str(waarde),
                choices=[
                    (1, _("1: vooral %(rechts)s") % {"rechts": waarde.rechts}),
                    (2, "2"),
                    (3, "3"),
                    (4, "4"),
                    (5, _("5: vooral %(links)s") % {"links": waarde.links}),
                ],
                coerce=int,
                widget=forms.RadioSelect,
            )
            self.fields[f"toelichting_{waarde.pk}"] = forms.CharField(
                label=_("Toelichting bij %(waarde)s") % {"waarde": waarde.links},
                required=False,
                max_length=1000,
            )

    def scores(self) -> list[tuple]:
        return [
            (
                waarde,
                self.cleaned_data[f"score_{waarde.pk}"],
                self.cleaned_data[f"toelichting_{waarde.pk}"],
            )
            for waarde in self.waarden
        ]
