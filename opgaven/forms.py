import datetime
from collections.abc import Callable

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gebieden.models import Gebied
from kern.bewerken import VersieForm, VersieVeld
from kern.export import EXPORTFORMATEN
from kern.gebruikers import weergavenaam
from kern.invoer import LANGE_TEKST, Paginaparameters, begrens_vrije_tekst
from opgaven.belemmeringen import op_bord, vereist
from opgaven.koers import KOERSVELDEN, koerswijzigingen, wijzigingsreden
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
    Thema,
    Urgentie,
    Voortgangsupdate,
)
from opgaven.ordering import mijlpalen_van
from teams.models import Team


def gebiedkeuze(gebied: Gebied) -> str:
    """How a gebied reads in a choice list: "Wildeman (buurt FK01)", so two places with one
    name differ."""
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
            "mijlpaal",
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
        kies_eigenaar_uit_team(self.fields["eigenaar"], opgave)
        self.fields["mijlpaal"].queryset = opgave.mijlpalen.all()
        self.fields["mijlpaal"].empty_label = _("Geen")
        _kies_uit(self.fields["mijlpaal"], lambda: mijlpalen_van(opgave))
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
    a hand-over (opgaven/overdracht.py) and its landings on the board: neither is here.
    `velden` are the fields this user may edit (rechten.opgaven.bewerkbare_velden). A change
    of course (status, aanvliegroute) asks for a one-line `reden`, which goes into the
    history with the change (opgaven/koers.py)."""

    reden = forms.CharField(
        label=_("Waarom verandert de koers?"),
        max_length=200,
        required=False,
        help_text=_(
            "Verplicht als de status of de aanvliegroute verandert: één regel, die bij de "
            "activiteit op het bord komt te staan."
        ),
    )

    class Meta:
        formfield_callback = begrens_vrije_tekst
        model = Opgave
        fields = [
            "titel",
            "beschrijving",
            "thema",
            "aanvliegroute",
            "aanvliegroute_toelichting",
            "status",
            "startdatum",
            "streefdatum",
        ]
        widgets = {
            "beschrijving": forms.Textarea(attrs={"rows": 4}),
            "startdatum": DatumInvoer(),
            "streefdatum": DatumInvoer(),
        }

    def __init__(self, *args, velden=None, **kwargs):
        super().__init__(*args, **kwargs)
        if velden is not None:
            for naam in self._meta.fields:
                if naam not in velden:
                    del self.fields[naam]
        if not any(naam in self.fields for naam in KOERSVELDEN):
            del self.fields["reden"]
        else:  # right under the course fields it explains
            tot_status = self._meta.fields[: self._meta.fields.index("status") + 1]
            self.order_fields([*tot_status, "reden"])
        if "thema" in self.fields:
            # A theme taken out of use stays possible for the opgaven that have it.
            self.fields["thema"].queryset = Thema.objects.filter(
                Q(in_gebruik=True) | Q(code=self.instance.thema_id)
            )

    def clean(self):
        cleaned = super().clean()
        controleer_looptijd(self, cleaned)
        # A stale form meets the version check (409) instead: what it changes is asked again
        # of the version it is then loaded at.
        actueel = cleaned.get("versie") == self.instance.version
        if actueel and "reden" in self.fields and "reden" not in self.errors:
            # Restoring an earlier version already says why (web.geschiedenis).
            teruggezet = getattr(self.instance, "_change_reason", "")
            wijzigingen = koerswijzigingen(self.instance, cleaned)
            if wijzigingen and not cleaned.get("reden") and not teruggezet:
                self.add_error(
                    "reden",
                    _(
                        "Schrijf in één regel waarom de status of de aanvliegroute verandert: "
                        "het team ziet het terug bij de activiteit op het bord."
                    ),
                )
            elif wijzigingen or cleaned.get("reden"):
                waarom = wijzigingsreden(wijzigingen, cleaned.get("reden", ""))
                self.instance._change_reason = "; ".join(filter(None, [teruggezet, waarom]))
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


def controleer_looptijd(form: forms.Form, cleaned: dict) -> None:
    """A target date cannot lie before the start (the database refuses it too)."""
    start, streef = cleaned.get("startdatum"), cleaned.get("streefdatum")
    if start and streef and streef < start:
        form.add_error("streefdatum", _("De streefdatum kan niet vóór de startdatum liggen."))


class LandingForm(forms.Form):
    """One row of "where it lands": a gebied and how urgent the opgave is there. A row left
    without a gebied is no landing."""

    gebied = forms.ModelChoiceField(
        queryset=Gebied.objects.none(),
        label=_("Gebied"),
        required=False,
        error_messages={"required": _("Kies minstens één gebied waar de opgave landt.")},
    )
    urgentie = forms.ChoiceField(
        choices=Urgentie.choices, initial=Urgentie.MIDDEN, label=_("Urgentie daar")
    )

    def __init__(self, *args, gebieden, nummer: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.nummer = nummer
        self.fields["gebied"].queryset = gebieden.defer("omtrek").order_by("pad")
        self.fields["gebied"].label_from_instance = gebiedkeuze
        self.fields["gebied"].required = nummer == 1  # at least one, at any level
        self.fields["gebied"].empty_label = _("Kies een gebied") if nummer == 1 else _("(geen)")


class BaseLandingFormSet(forms.BaseFormSet):
    """Where a new opgave lands: at least one gebied, each once. `eerste_gebied` fills in the
    first row (the board the form was opened from)."""

    def __init__(self, *args, gebieden, eerste_gebied: Gebied | None = None, **kwargs):
        self.gebieden, self.eerste_gebied = gebieden, eerste_gebied
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        kwargs = {
            "gebieden": self.gebieden,
            "nummer": index + 1,
            # Every row is read as sent: an empty row is skipped by clean() below, not by
            # Django's rule for unchanged extra rows, which would skip a preselected gebied.
            "empty_permitted": False,
        }
        if index == 0 and self.eerste_gebied:
            kwargs["initial"] = {"gebied": self.eerste_gebied}
        return kwargs

    def clean(self):
        if any(self.errors):
            return
        gekozen = set()
        for form in self.forms:
            gebied = form.cleaned_data.get("gebied")
            if gebied is None:
                continue
            if gebied.pk in gekozen:
                form.add_error(
                    "gebied",
                    _("%(gebied)s staat er al bij: kies elk gebied één keer.")
                    % {"gebied": gebied.naam},
                )
            gekozen.add(gebied.pk)
        if not gekozen:
            raise forms.ValidationError(_("Kies minstens één gebied waar de opgave landt."))

    @property
    def landingen(self) -> list[tuple[Gebied, str]]:
        """The chosen (gebied, urgentie) pairs, in the order of the rows."""
        return [
            (form.cleaned_data["gebied"], form.cleaned_data["urgentie"])
            for form in self.forms
            if form.cleaned_data.get("gebied")
        ]


LandingFormSet = forms.formset_factory(
    LandingForm, formset=BaseLandingFormSet, extra=3, max_num=12, validate_max=True
)


class NieuweOpgaveForm(forms.ModelForm):
    """A new opgave: its own fields, the team that will own it (`teams`: those the user may
    start one for) and where it lands (`landingen`, rows bound to the same data). Whether the
    chosen team may land in each chosen gebied is `mag_landen_in(team, gebieden)`
    (rechten.opgaven.mag_landen_in for this user), asked here because the team is chosen in
    the same form. Saving is opgaven.starten.start_opgave, with `gegevens`."""

    class Meta:
        formfield_callback = begrens_vrije_tekst
        model = Opgave
        fields = [
            "team",
            "titel",
            "beschrijving",
            "thema",
            "aanvliegroute",
            "aanvliegroute_toelichting",
            "startdatum",
            "streefdatum",
        ]
        widgets = {
            "beschrijving": forms.Textarea(attrs={"rows": 4}),
            "startdatum": DatumInvoer(),
            "streefdatum": DatumInvoer(),
        }
        labels = {"team": _("Welk team trekt de opgave?")}

    def __init__(self, data=None, *, teams, gebieden, mag_landen_in, eerste_gebied=None, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["thema"].queryset = Thema.objects.in_gebruik()
        self.fields["team"].queryset = teams.order_by("naam")
        self.fields["team"].empty_label = _("Kies een team")
        self.mag_landen_in = mag_landen_in
        self.landingen = LandingFormSet(
            data, prefix="landing", gebieden=gebieden, eerste_gebied=eerste_gebied
        )

    def clean(self):
        cleaned = super().clean()
        controleer_looptijd(self, cleaned)
        team = cleaned.get("team")
        if team and self.landingen.is_valid():
            for form in self.landingen.forms:
                gebied = form.cleaned_data.get("gebied")
                if gebied and not self.mag_landen_in(team, [gebied]):
                    form.add_error(
                        "gebied",
                        _(
                            "%(gebied)s ligt buiten het gebied van je regieteam: een opgave "
                            "van %(team)s kun je alleen daarbinnen laten landen."
                        )
                        % {"gebied": gebied.naam, "team": team.naam},
                    )
        return cleaned

    def is_valid(self) -> bool:
        # Both, always: the page shows the errors of the opgave and of its rows at once.
        return super().is_valid() & self.landingen.is_valid()

    @property
    def gegevens(self) -> dict:
        """What start_opgave needs, from a valid form."""
        return {naam: self.cleaned_data[naam] for naam in self._meta.fields} | {
            "landingen": self.landingen.landingen
        }


class NieuweOpgaveParameters(Paginaparameters):
    """What the address of the new-opgave page may carry: the team (`?team=<slug>`, from its
    page) and the first gebied (`?gebied=<code>`, from a regieteam's board). One the user may
    not choose is a bad request."""

    team = forms.ModelChoiceField(
        queryset=Team.objects.none(), to_field_name="slug", required=False
    )
    gebied = forms.ModelChoiceField(
        queryset=Gebied.objects.none(), to_field_name="code", required=False
    )

    def __init__(self, *args, teams, gebieden, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams
        self.fields["gebied"].queryset = gebieden.defer("omtrek")


class MijlpaalForm(VersieForm):
    """A new mijlpaal, or an edit of one (then with the version it was loaded at). Its place
    changes with Hoger and Lager, and it is ticked off on the board: neither is here."""

    class Meta:
        formfield_callback = begrens_vrije_tekst
        model = Mijlpaal
        fields = ["titel", "deadline", "eigenaar", "beschrijving"]
        widgets = {"deadline": DatumInvoer(), "beschrijving": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, opgave: Opgave, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.opgave = opgave
        kies_eigenaar_uit_team(self.fields["eigenaar"], opgave)


class VoortgangCorrectieForm(VersieForm):
    """The author's correction of their voortgangsupdate, on the day they wrote it, on top of
    the version it was loaded at."""

    class Meta(VoortgangForm.Meta):
        pass


class VerplaatsMijlpaalForm(forms.Form):
    """A move of a mijlpaal: directly after mijlpaal `na` (empty: first)."""

    na = forms.IntegerField(min_value=1, required=False)

    def clean(self):
        # An empty `na` means "first", so only a request without it says nothing.
        if "na" not in self.data:
            raise forms.ValidationError(_("Geef aan waar de mijlpaal heen moet."))
        return super().clean()


def _kies_uit(veld: forms.ModelChoiceField, records: Callable[[], list]) -> None:
    """Offer `records()` as the field's choices, read when the form is drawn: a board reads
    them once for its lists and all its forms. What is sent is still checked against the
    field's queryset."""
    veld.choices = lambda: [
        ("", veld.empty_label),
        *((record.pk, veld.label_from_instance(record)) for record in records()),
    ]


def teamleden(opgave: Opgave) -> list:
    """The members of the opgave's team, by name, read once per opgave object: the board's
    forms all offer them as owners."""
    if not hasattr(opgave, "_teamleden"):
        opgave._teamleden = list(
            get_user_model().objects.filter(teams=opgave.team).order_by("first_name", "last_name")
        )
    return opgave._teamleden


def kies_eigenaar_uit_team(veld: forms.ModelChoiceField, opgave: Opgave) -> None:
    """An actie or mijlpaal is owned by a member of the opgave's team (or by nobody)."""
    veld.queryset = get_user_model().objects.filter(teams=opgave.team)
    veld.label_from_instance = weergavenaam
    _kies_uit(veld, lambda: teamleden(opgave))
