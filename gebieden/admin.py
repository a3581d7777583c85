from django.contrib import admin

from gebieden.models import Gebied
from kern.admin import ArchiefAdmin, GeschiedenisAdmin


class ZonderOmtrek:
    """Admin lists and choice fields defer the outlines of the areas they show (GeoJSON,
    megabytes for real areas); a form that edits one reads it when it needs it."""

    omtrekken: tuple[str, ...] = ("gebied__omtrek",)

    def get_queryset(self, request):
        return super().get_queryset(request).defer(*self.omtrekken)


@admin.register(Gebied)
class GebiedAdmin(ArchiefAdmin, ZonderOmtrek, GeschiedenisAdmin):
    """Gebieden are archived by ending their validity (`eind_geldigheid`), never deleted."""

    omtrekken = ("omtrek", "ouder__omtrek")
    list_display = ["code", "naam", "niveau", "ouder", "cbs_code", "eind_geldigheid"]
    list_filter = ["niveau", ("eind_geldigheid", admin.EmptyFieldListFilter)]
    search_fields = ["code", "naam", "cbs_code", "aliassen"]
    list_select_related = ["ouder"]
    autocomplete_fields = ["ouder"]
    readonly_fields = ["pad"]
