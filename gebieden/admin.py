from django.contrib import admin

from audit.admin import GeschiedenisAdmin
from gebieden.models import Gebied


@admin.register(Gebied)
class GebiedAdmin(GeschiedenisAdmin):
    list_display = ["code", "naam", "niveau", "ouder", "cbs_code", "eind_geldigheid"]
    list_filter = ["niveau", ("eind_geldigheid", admin.EmptyFieldListFilter)]
    search_fields = ["code", "naam", "cbs_code", "aliassen"]
    list_select_related = ["ouder"]
    autocomplete_fields = ["ouder"]
    readonly_fields = ["pad"]
