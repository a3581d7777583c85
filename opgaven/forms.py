import datetime

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gebieden.models import Gebied
from kern.bewerken import VersieForm, VersieVeld
from kern.export import EXPORTFORMATEN
from kern.gebruikers import weergavenaam
from kern.invoer import LANGE_TEKST, Paginaparameters, begrens_vrije_tekst
from opgaven.belemmeringen import op_bord, vereist
from opgaven.models import (
    Actie,
    ActieSoort,
    Belemmering,
    BelemmeringStatus,
    Ernst,
    Escalatieniveau,
    Kolom,
    Melding,
    Mijlpaal,
    Opgave,
    Voortgangsupdate,
)
from teams.models import Team


def gebiedkeuze(gebied: Gebied) -> str:
    """How a gebied reads in a choice list: "Wildeman (buurt FK01)"."""
    return f"{gebied.naam} ({gebied.get_niveau_display().lower()} {gebied.code})"


class DatumInvoer(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ActieForm(VersieForm):
    """A new card, or an edit of one (then with the version it was loaded at)."""

    class Meta:
        formfield_callback = begrens_vrije_tekst
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
        self.fields["eigenaar"].label_from_instance = weergavenaam
        if self.instance.pk:
            del self.fields["kolom"]  # a card changes column by moving, not by editing

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("soort") == ActieSoort.EXPERIMENT and not cleaned.get("hypothese"):
            self.add_error(
                "hypothese", _("Een experiment heeft een hypothese: wat wil je toetsen?")
            )
        return cleaned


class VerplaatsActieForm(forms.Form):
    """A move: this card goes into column `kolom` (left out: the column it is in), directly
    after card `na` (or on top)."""

    kolom = forms.ChoiceField(choices=Kolom.choices, label=_("Kolom"), required=False)
    na = forms.IntegerField(min_value=1, required=False)

    def clean(self):
        # An empty `na` means "on top", so only a request naming neither says nothing.
        if "kolom" not in self.data and "na" not in self.data:
            raise forms.ValidationError(_("Geef aan waar de kaart heen moet."))
        return super().clean()


class MijlpaalAfvinkForm(VersieForm):
    class Meta:
        model = Mijlpaal
        fields = ["gereed"]

    @property
    def bewerkte_velden(self) -> list[str]:
        return ["gereed", "gereed_op"]  # the model dates the tick itself


class VoortgangForm(forms.ModelForm):
    class Meta:
        formfield_callback = begrens_vrije_tekst
        model = Voortgangsupdate
        fields = ["status", "datum", "tekst"]
        widgets = {"datum": DatumInvoer(), "tekst": forms.Textarea(attrs={"rows": 3})}
        labels = {"status": _("Hoe gaat het?")}


class BelemmeringSnelForm(forms.ModelForm):
    """A belemmering raised on an opgave board. It lies where the opgave lands; when that is
    in several gebieden, the one chosen here (opgaven.belemmeringen.gebied_voor_belemmering),
    so the field is only there then."""

    class Meta:
        formfield_callback = begrens_vrije_tekst
        model = Belemmering
        fields = ["titel", "ernst", "beschrijving"]
        widgets = {"beschrijving": forms.Textarea(attrs={"rows": 2})}
        labels = {"titel": _("Wat staat in de weg?")}

    def __init__(self, *args, gebieden: list[Gebied], **kwargs):
        super().__init__(*args, **kwargs)
        # The choices from the list the board read already; the first is what the rule gives
        # when nobody chooses.
        self.gebieden = {gebied.pk: gebied for gebied in gebieden}
        if len(gebieden) > 1:
            self.fields["gebied"] = forms.TypedChoiceField(
                choices=[(gebied.pk, gebiedkeuze(gebied)) for gebied in gebieden],
                coerce=int,
                label=_("Waar speelt het?"),
                help_text=_("Het regieteam van dit gebied pakt de belemmering op."),
            )

    def clean_gebied(self) -> Gebied:
        return self.gebieden[self.cleaned_data["gebied"]]


class BelemmeringStatusForm(VersieVeld):
    """A status change of `record`, a belemmering; escalating and resolving ask what they
    need."""

    status = forms.ChoiceField(choices=BelemmeringStatus.choices, label=_("Nieuwe status"))
    escalatieniveau = forms.ChoiceField(
        choices=[c for c in Escalatieniveau.choices if c[0] != Escalatieniveau.GEEN],
        label=_("Escaleren naar"),
        required=False,
    )
    escalatie_besluit = forms.CharField(
        label=_("Welk besluit is nodig?"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=LANGE_TEKST,
    )
    escalatie_bij = forms.CharField(label=_("Van wie?"), max_length=200, required=False)
    escalatie_deadline = forms.DateField(label=_("Uiterlijk"), widget=DatumInvoer(), required=False)
    oplossing = forms.CharField(
        label=_("Hoe is het opgelost?"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=LANGE_TEKST,
    )

    def clean(self):
        cleaned = super().clean()
        for veld, melding in vereist(cleaned.get("status")).items():
            if not cleaned.get(veld):
                self.add_error(veld, melding)
        return cleaned


class BordParameters(Paginaparameters):
    """What a board's address may carry: the stand its change check compares, and a download
    format (an unknown format is a bad request, not a page)."""

    STRENG = ("export",)

    sinds = forms.CharField(required=False, max_length=60)
    export = forms.ChoiceField(
        choices=[("", "-"), *((formaat, formaat) for formaat in sorted(EXPORTFORMATEN))],
        required=False,
    )


class BelemmeringFilter(Paginaparameters):
    opgave = forms.ModelChoiceField(
        queryset=Opgave.objects.none(), required=False, label=_("Opgave")
    )
    gebied = forms.ModelChoiceField(
        queryset=Gebied.objects.none(), required=False, label=_("Gebied")
    )
    team = forms.ModelChoiceField(queryset=Team.objects.none(), required=False, label=_("Team"))
    ernst = forms.ChoiceField(required=False, label=_("Ernst"))
    ouder_dan = forms.IntegerField(
        min_value=0, max_value=3650, required=False, label=_("Ouder dan (dagen)")
    )
    opgelost = forms.ChoiceField(
        choices=[("", _("Van de laatste 90 dagen")), ("alle", _("Alle"))],
        required=False,
        label=_("Opgeloste belemmeringen"),
    )

    def __init__(self, *args, opgaven, gebieden, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opgave"].queryset = opgaven.order_by("titel")
        self.fields["gebied"].queryset = gebieden.order_by("pad")
        self.fields["team"].queryset = teams.order_by("naam")
        self.fields["ernst"].choices = [("", _("Alle"))] + Ernst.choices
        for veld in ("opgave", "gebied", "team"):
            self.fields[veld].empty_label = _("Alle")

    def filter(self, belemmeringen):
        gegevens = self.cleaned_data
        if gegevens.get("opgave"):
            belemmeringen = belemmeringen.filter(opgaven=gegevens["opgave"])
        if gegevens.get("gebied"):
            belemmeringen = belemmeringen.filter(gebied__pad__startswith=gegevens["gebied"].pad)
        if gegevens.get("team"):
            belemmeringen = belemmeringen.filter(opgaven__team=gegevens["team"])
        if gegevens.get("ernst"):
            belemmeringen = belemmeringen.filter(ernst=gegevens["ernst"])
        if gegevens.get("ouder_dan") is not None:
            grens = timezone.now() - datetime.timedelta(days=gegevens["ouder_dan"])
            belemmeringen = belemmeringen.filter(aangemaakt_op__lt=grens)
        return belemmeringen.distinct()

    def op_bord(self, belemmeringen):
        """The cards the board shows (opgaven.belemmeringen.op_bord): the recently resolved
        ones, or all of them when the user asked."""
        return op_bord(belemmeringen, alle_opgeloste=self.cleaned_data.get("opgelost") == "alle")


class MeldingForm(forms.ModelForm):
    class Meta:
        formfield_callback = begrens_vrije_tekst
        model = Melding
        fields = ["soort", "titel", "beschrijving", "gebied", "opgave"]
        widgets = {"soort": forms.RadioSelect, "beschrijving": forms.Textarea(attrs={"rows": 4})}
        labels = {"soort": _("Wat wil je melden?"), "opgave": _("Gaat het over een opgave?")}
        help_texts = {"gebied": _("Waar speelt het?")}

    def __init__(self, *args, opgaven, **kwargs):
        super().__init__(*args, **kwargs)
        # Two radio buttons, without a third "---------" for none: the field is required.
        self.fields["soort"].choices = Melding._meta.get_field("soort").choices
        self.fields["gebied"].queryset = Gebied.objects.geldig().defer("omtrek").order_by("pad")
        self.fields["gebied"].label_from_instance = gebiedkeuze
        self.fields["opgave"].queryset = opgaven.order_by("titel")


class TriageForm(VersieVeld):
    """Accepting or declining `record`, a melding."""

    besluit = forms.ChoiceField(
        label=_("Besluit"),
        choices=Melding.Besluit.choices,
    )
    opgave = forms.ModelChoiceField(
        queryset=Opgave.objects.none(), label=_("Opgave"), required=False
    )
    reden = forms.CharField(
        label=_("Reactie aan de melder"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=LANGE_TEKST,
        help_text=_("Verplicht bij afwijzen: de melder ziet waarom."),
    )

    def __init__(self, *args, opgaven, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opgave"].queryset = opgaven.order_by("titel")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("besluit") == Melding.Besluit.AFWIJZEN:
            if not cleaned.get("reden"):
                self.add_error("reden", _("Schrijf op waarom: de melder ziet het."))
        elif cleaned.get("besluit") and not cleaned.get("opgave"):
            self.add_error("opgave", _("Kies de opgave waar het bij hoort."))
        return cleaned


class OverdrachtForm(VersieVeld):
    """Handing an opgave to another team: which team, on top of which version, and an explicit
    confirmation, because the owning team loses access."""

    team = forms.ModelChoiceField(queryset=Team.objects.none(), label=_("Naar welk team?"))
    bevestigd = forms.BooleanField(label=_("Ik draag deze opgave over"))

    def __init__(self, *args, opgave: Opgave, teams, **kwargs):
        super().__init__(*args, record=opgave, **kwargs)
        self.fields["team"].queryset = teams.exclude(pk=opgave.team_id).order_by("naam")
        self.fields["team"].help_text = _(
            "Staat het team er niet bij? Functioneel beheer kan de opgave overdragen."
        )
        self.fields["bevestigd"].help_text = _(
            "%(team)s kan de opgave daarna niet meer zien of wijzigen, tenzij het toegang "
            "krijgt van het nieuwe team."
        ) % {"team": opgave.team.naam}


class OpgaveForm(VersieForm):
    """An opgave's own fields, on top of the version it was loaded at. Its team changes only by
    a hand-over (opgaven/overdracht.py) and its gebieden decide who sees it: neither is here."""

    class Meta:
        formfield_callback = begrens_vrije_tekst
        model = Opgave
        fields = [
            "titel",
            "beschrijving",
            "thema",
            "aanvliegroute",
            "status",
            "startdatum",
            "streefdatum",
        ]
        widgets = {
            "beschrijving": forms.Textarea(attrs={"rows": 4}),
            "startdatum": DatumInvoer(),
            "streefdatum": DatumInvoer(),
        }

    def clean(self):
        cleaned = super().clean()
        start, streef = cleaned.get("startdatum"), cleaned.get("streefdatum")
        if start and streef and streef < start:
            self.add_error("streefdatum", _("De streefdatum kan niet vóór de startdatum liggen."))
        return cleaned


class BelemmeringForm(VersieForm):
    """A belemmering's text, severity, gebied, owner and the details of its escalation and
    resolution, on top of the version it was loaded at. Its status moves on the belemmeringen
    board (opgaven.belemmeringen.zet_status); which opgaven it blocks is not here. Its gebied
    decides which regieteam handles it, so it is chosen from `gebieden`
    (rechten.belemmeringen.gebieden_voor_belemmering)."""

    class Meta:
        formfield_callback = begrens_vrije_tekst
        model = Belemmering
        fields = [
            "titel",
            "beschrijving",
            "ernst",
            "gebied",
            "eigenaar",
            "escalatie_besluit",
            "escalatie_bij",
            "escalatie_deadline",
            "oplossing",
        ]
        widgets = {
            "beschrijving": forms.Textarea(attrs={"rows": 3}),
            "escalatie_besluit": forms.Textarea(attrs={"rows": 2}),
            "escalatie_deadline": DatumInvoer(),
            "oplossing": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, eigenaren, gebieden, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["eigenaar"].queryset = eigenaren
        self.fields["eigenaar"].label_from_instance = weergavenaam
        self.fields["gebied"].queryset = gebieden.defer("omtrek").order_by("pad")
        self.fields["gebied"].label_from_instance = gebiedkeuze
        self.fields["gebied"].help_text = _("Het regieteam van dit gebied pakt de belemmering op.")
        # One that lies somewhere keeps a place: without one, no regieteam handles it.
        self.fields["gebied"].required = self.instance.gebied_id is not None

    def clean(self):
        cleaned = super().clean()
        # What the status needs may not be emptied (the record still holds what it had).
        for veld, melding in vereist(self.instance.status).items():
            if veld in cleaned and not cleaned[veld] and getattr(self.instance, veld):
                self.add_error(veld, melding)
        return cleaned


class VersieParameters(Paginaparameters):
    """`?versie=<history id>` opens an edit form filled with that earlier version's values:
    only a version of the record being edited (any other id is a bad request)."""

    versie = forms.ModelChoiceField(queryset=None, required=False)

    def __init__(self, *args, historie, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["versie"].queryset = historie
