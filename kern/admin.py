from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.admin import SimpleHistoryAdmin

from kern.archief import ArchiefBezwaar, naar_archief, uit_archief
from kern.bewerken import VersieForm
from kern.versioning import VersieConflict, controleer_versie, gewijzigd_sinds


class GeschiedenisAdmin(SimpleHistoryAdmin):
    """django-simple-history's admin, with history that can be read but never changed.

    SIMPLE_HISTORY_REVERT_DISABLED only hides the Revert button: the history form still saves
    what is posted to it. Here that post is refused."""

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method != "GET":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def has_change_history_permission(self, request, obj=None):
        return False


class VersieFormulier(VersieForm):
    """An admin change form (or inline row) that carries the version it was loaded at, like
    every edit form of the app: a save on top of someone else's newer change is refused,
    naming the fields they changed, and nothing is saved. (The admin saves by itself, so
    the check runs as validation rather than through `bewaar_formulier`.)"""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The admin lays out every field its fieldsets name, also on its add page.
        self.fields.setdefault(
            "versie", forms.IntegerField(widget=forms.HiddenInput, required=False)
        )

    def clean(self):
        cleaned = super().clean()
        versie = cleaned.get("versie")
        if self.instance.pk and versie is not None:
            try:
                controleer_versie(self.instance, versie=versie)
            except VersieConflict as conflict:
                self.add_error(None, _niet_opgeslagen(conflict.actueel, versie))
        return cleaned


def _niet_opgeslagen(actueel, versie: int) -> str:
    velden = [str(veld.verbose_name) for veld in gewijzigd_sinds(actueel, versie)]
    if not velden:
        return _(
            "Niet opgeslagen: iemand anders heeft dit intussen gewijzigd. Open het opnieuw om "
            "de nieuwste versie te zien; wat jij invulde staat hieronder."
        )
    return _(
        "Niet opgeslagen: iemand anders heeft intussen %(velden)s gewijzigd. Open het opnieuw "
        "om de nieuwste versie te zien; wat jij invulde staat hieronder."
    ) % {"velden": ", ".join(velden)}


class VersieControle:
    """For the admin, and the admin inlines, of a VersionedModel (kern/versioning.py): the
    app's version check (`VersieFormulier`), also where the admin names its fields itself."""

    form = VersieFormulier

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if "versie" in flatten_fieldsets(fieldsets):
            return fieldsets
        (naam, opties), *rest = fieldsets
        return [(naam, {**opties, "fields": [*opties["fields"], "versie"]}), *rest]


class ArchiefFilter(admin.SimpleListFilter):
    title = gettext_lazy("archief")
    parameter_name = "archief"

    def lookups(self, request, model_admin):
        return [("actief", gettext_lazy("Actief")), ("gearchiveerd", gettext_lazy("Gearchiveerd"))]

    def queryset(self, request, queryset):
        if self.value() == "actief":
            return queryset.actief()
        if self.value() == "gearchiveerd":
            return queryset.gearchiveerd()
        return queryset


class ArchiefAdmin:
    """Nothing of value is deleted (kern/archief.py): the admin of an opgave, team or gebied
    deletes nothing, but archives and restores, by an action in the list or a button on the
    change page; each is recorded in the record's history."""

    actions = ["archiveren", "herstellen"]
    change_form_template = "admin/archief_change_form.html"

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=gettext_lazy("Archiveren"), permissions=["change"])
    def archiveren(self, request, queryset):
        self._zet_archief(request, queryset, archiveren=True)

    @admin.action(description=gettext_lazy("Herstellen uit het archief"), permissions=["change"])
    def herstellen(self, request, queryset):
        self._zet_archief(request, queryset, archiveren=False)

    def _zet_archief(self, request, records, *, archiveren: bool) -> None:
        gedaan = []
        zet = naar_archief if archiveren else uit_archief
        for record in records:
            if record.is_gearchiveerd == archiveren:
                continue
            try:
                zet(record, door=request.user)
            except ArchiefBezwaar as bezwaar:
                self.message_user(request, str(bezwaar), messages.WARNING)
            else:
                gedaan.append(str(record))
        if gedaan:
            melding = _("Gearchiveerd: %(namen)s.") if archiveren else _("Hersteld: %(namen)s.")
            self.message_user(request, melding % {"namen": ", ".join(gedaan)}, messages.SUCCESS)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        knoppen = {"_archiveren", "_herstellen"} & set(request.POST)
        record = self.get_object(request, unquote(object_id)) if object_id else None
        if request.method == "POST" and record is not None and knoppen:
            if not self.has_change_permission(request, record):
                raise PermissionDenied
            self._zet_archief(request, [record], archiveren="_archiveren" in knoppen)
            return redirect(request.path)
        extra_context = {
            **(extra_context or {}),
            "archief_basis": super().change_form_template or "admin/change_form.html",
        }
        if record is not None and self.has_change_permission(request, record):
            extra_context["archief_knop"] = (
                ("_herstellen", _("Herstellen uit het archief"))
                if record.is_gearchiveerd
                else ("_archiveren", _("Archiveren"))
            )
        return super().changeform_view(request, object_id, form_url, extra_context)
