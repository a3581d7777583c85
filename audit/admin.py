from django.contrib import admin
from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin

from audit.models import AuditRegel
from teams.permissions import is_beheerder


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


@admin.register(AuditRegel)
class AuditRegelAdmin(admin.ModelAdmin):
    """The audit log for beheer: to read and search, never to add, change or delete."""

    list_display = [
        "tijd",
        "actor_naam",
        "actie",
        "resultaat",
        "object_soort",
        "object_id",
        "ip",
        "aantal",
        "laatste_keer",
    ]
    list_filter = ["actie", "resultaat", "object_soort"]
    search_fields = ["actor_naam", "object_soort", "object_id", "object_omschrijving", "details"]
    date_hierarchy = "tijd"

    # Every functioneel beheerder (staff, see teams.permissions.is_beheerder) may read it.
    def has_module_permission(self, request):
        return is_beheerder(request.user)

    def has_view_permission(self, request, obj=None):
        return is_beheerder(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
