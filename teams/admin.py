from django import forms
from django.contrib import admin
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from guardian.admin import GuardedModelAdmin

from gebieden.admin import ZonderOmtrek
from kern.admin import ArchiefAdmin, ArchiefFilter, GeschiedenisAdmin, VersieControle
from teams.models import Discipline, Lidmaatschap, Team, Waarde, Waardencheck, WaardeScore


class LidmaatschapInline(VersieControle, admin.TabularInline):
    model = Lidmaatschap
    extra = 1
    autocomplete_fields = ["user", "discipline"]


@admin.register(Team)
class TeamAdmin(ArchiefAdmin, VersieControle, ZonderOmtrek, GuardedModelAdmin, GeschiedenisAdmin):
    list_display = ["naam", "soort", "gebied", "focuslimiet", "gearchiveerd_op"]
    list_filter = [ArchiefFilter, "soort"]
    search_fields = ["naam", "slug", "beschrijving"]
    prepopulated_fields = {"slug": ["naam"]}
    autocomplete_fields = ["gebied"]
    list_select_related = ["gebied"]
    readonly_fields = ["version", "gearchiveerd_op", "gearchiveerd_door"]
    inlines = [LidmaatschapInline]


@admin.register(Lidmaatschap)
class LidmaatschapAdmin(VersieControle, GeschiedenisAdmin):
    list_display = ["user", "team", "rol", "discipline", "organisatie"]
    list_filter = ["rol", "team", "discipline"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "organisatie"]
    list_select_related = ["user", "team", "discipline"]
    autocomplete_fields = ["user", "team", "discipline"]


@admin.register(Discipline)
class DisciplineAdmin(GeschiedenisAdmin):
    search_fields = ["naam"]


class BenoemdeRijForm(forms.ModelForm):
    """A row of a changelist with editable fields: a table cell gives its input no label, so
    each names its field and its row ("Volgorde: Samen boven alleen")."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for veld in self.fields.values():
            veld.widget.attrs["aria-label"] = f"{veld.label}: {self.instance}"


@admin.register(Waarde)
class WaardeAdmin(GeschiedenisAdmin):
    list_display = ["links", "rechts", "volgorde", "actief"]
    list_editable = ["volgorde", "actief"]
    list_filter = ["actief"]

    def get_changelist_form(self, request, **kwargs):
        return super().get_changelist_form(request, form=BenoemdeRijForm, **kwargs)

    def has_delete_permission(self, request, obj=None):
        # Past scores refer to a waarde: deactivate it instead of deleting it.
        return False


class WaardeScoreInline(admin.TabularInline):
    """A check's scores as they were given, each with the wording of its value at the time.
    Read-only: a check records the past."""

    model = WaardeScore
    extra = 0
    can_delete = False
    fields = ["waarde_toen", "score", "toelichting"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("waarde").met_formulering_toen()

    @admin.display(description=_("waarde, zoals geformuleerd bij het invullen"))
    def waarde_toen(self, score: WaardeScore) -> str:
        nu = str(score.waarde)
        if score.formulering_toen == nu:
            return nu
        return gettext("%(toen)s (nu: %(nu)s)") % {"toen": score.formulering_toen, "nu": nu}

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Waardencheck)
class WaardencheckAdmin(GeschiedenisAdmin):
    list_display = ["team", "opgave", "datum", "ingevuld_door"]
    list_filter = ["team", "datum"]
    list_select_related = ["team", "opgave", "ingevuld_door"]
    date_hierarchy = "datum"
    autocomplete_fields = ["team", "opgave"]
    inlines = [WaardeScoreInline]
