from django.contrib import admin
from guardian.admin import GuardedModelAdmin

from gebieden.admin import ZonderOmtrek
from kern.admin import ArchiefAdmin, ArchiefFilter, GeschiedenisAdmin, VersieControle
from opgaven.models import (
    Actie,
    Belemmering,
    Kans,
    Melding,
    Mijlpaal,
    Opgave,
    OpgaveGebied,
    Peilmoment,
    PeilmomentOpgave,
    Thema,
    Voortgangsupdate,
)


@admin.register(Thema)
class ThemaAdmin(GeschiedenisAdmin):
    list_display = ["naam", "naam_en", "code", "in_gebruik"]
    list_filter = ["in_gebruik"]
    search_fields = ["naam", "naam_en", "code"]
    prepopulated_fields = {"code": ["naam"]}

    def get_readonly_fields(self, request, obj=None):
        # Opgaven, their history and saved addresses carry the code: it never changes.
        return ["code"] if obj is not None else []

    def get_prepopulated_fields(self, request, obj=None):
        return {} if obj is not None else self.prepopulated_fields


class OpgaveGebiedInline(VersieControle, admin.TabularInline):
    model = OpgaveGebied
    extra = 1
    autocomplete_fields = ["gebied"]


class MijlpaalInline(VersieControle, admin.TabularInline):
    model = Mijlpaal
    extra = 0
    fields = ["titel", "deadline", "eigenaar", "gereed", "gereed_op"]
    autocomplete_fields = ["eigenaar"]


@admin.register(Opgave)
class OpgaveAdmin(ArchiefAdmin, VersieControle, GuardedModelAdmin, GeschiedenisAdmin):
    list_display = [
        "titel",
        "team",
        "thema",
        "aanvliegroute",
        "status",
        "streefdatum",
        "gearchiveerd_op",
    ]
    list_filter = [ArchiefFilter, "status", "thema", "aanvliegroute", "team"]
    search_fields = ["titel", "beschrijving"]
    list_select_related = ["team", "thema"]
    autocomplete_fields = ["team"]
    readonly_fields = [
        "version",
        "aangemaakt_op",
        "gewijzigd_op",
        "gearchiveerd_op",
        "gearchiveerd_door",
    ]
    inlines = [OpgaveGebiedInline, MijlpaalInline]

    def get_readonly_fields(self, request, obj=None):
        # An opgave changes team only by an explicit hand-over on its board
        # (opgaven.overdracht), never as an ordinary edit.
        if obj is not None:
            return [*self.readonly_fields, "team"]
        return self.readonly_fields


@admin.register(Actie)
class ActieAdmin(VersieControle, GeschiedenisAdmin):
    list_display = ["titel", "opgave", "soort", "kolom", "positie", "eigenaar", "deadline"]
    list_filter = [ArchiefFilter, "kolom", "soort", "opgave"]
    search_fields = ["titel", "beschrijving", "hypothese", "geleerd"]
    list_select_related = ["opgave", "eigenaar"]
    autocomplete_fields = ["opgave", "eigenaar", "mijlpaal"]
    readonly_fields = ["version", "gearchiveerd_op", "gearchiveerd_door"]


@admin.register(Mijlpaal)
class MijlpaalAdmin(VersieControle, GeschiedenisAdmin):
    list_display = ["titel", "opgave", "deadline", "gereed", "gereed_op"]
    list_filter = ["gereed", "opgave"]
    search_fields = ["titel"]
    list_select_related = ["opgave"]
    autocomplete_fields = ["opgave", "eigenaar"]


@admin.register(Voortgangsupdate)
class VoortgangsupdateAdmin(VersieControle, GeschiedenisAdmin):
    list_display = ["opgave", "datum", "status", "auteur"]
    list_filter = ["status", "opgave"]
    search_fields = ["tekst"]
    date_hierarchy = "datum"
    list_select_related = ["opgave", "auteur"]
    autocomplete_fields = ["opgave", "auteur"]


@admin.register(Belemmering)
class BelemmeringAdmin(VersieControle, ZonderOmtrek, GeschiedenisAdmin):
    list_display = ["titel", "status", "ernst", "escalatieniveau", "gebied", "eigenaar"]
    list_filter = ["status", "ernst", "escalatieniveau"]
    search_fields = ["titel", "beschrijving", "oplossing"]
    list_select_related = ["gebied", "eigenaar"]
    autocomplete_fields = ["opgaven", "gebied", "eigenaar", "ingebracht_door"]
    readonly_fields = ["version", "aangemaakt_op"]


@admin.register(Kans)
class KansAdmin(VersieControle, ZonderOmtrek, GeschiedenisAdmin):
    list_display = ["titel", "status", "gebied", "opgave", "ingediend_door", "aangemaakt_op"]
    list_filter = ["status"]
    search_fields = ["titel", "beschrijving"]
    list_select_related = ["gebied", "opgave", "ingediend_door"]
    autocomplete_fields = ["gebied", "opgave", "ingediend_door"]


@admin.register(OpgaveGebied)
class OpgaveGebiedAdmin(VersieControle, ZonderOmtrek, GeschiedenisAdmin):
    list_display = ["opgave", "gebied", "urgentie", "lokale_status"]
    list_filter = ["urgentie", "lokale_status"]
    list_select_related = ["opgave", "gebied"]
    autocomplete_fields = ["opgave", "gebied"]


class PeilmomentOpgaveInline(admin.TabularInline):
    model = PeilmomentOpgave
    extra = 0
    can_delete = False
    readonly_fields = [
        "opgave",
        "titel",
        "status",
        "voortgang",
        "voortgang_status",
        "belemmeringen_open",
    ]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Peilmoment)
class PeilmomentAdmin(GeschiedenisAdmin):
    """Read-only: a peilmoment records the past (its history shows when and by whom)."""

    list_display = ["regieteam", "datum", "vastgelegd_door", "aangemaakt_op"]
    list_filter = ["regieteam"]
    list_select_related = ["regieteam", "vastgelegd_door"]
    inlines = [PeilmomentOpgaveInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Melding)
class MeldingAdmin(VersieControle, ZonderOmtrek, GeschiedenisAdmin):
    list_display = ["titel", "soort", "status", "gebied", "ingediend_door", "aangemaakt_op"]
    list_filter = ["status", "soort"]
    search_fields = ["titel", "beschrijving", "reactie"]
    list_select_related = ["gebied", "ingediend_door"]
    autocomplete_fields = ["gebied", "opgave", "ingediend_door", "belemmering", "actie", "kans"]
    readonly_fields = ["version", "aangemaakt_op", "afgehandeld_door", "afgehandeld_op"]
