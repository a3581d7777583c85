from django.contrib import admin

from audit.models import AuditRegel
from rechten.gebruikers import is_beheerder


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

    # Every functioneel beheerder (staff, see rechten.gebruikers.is_beheerder) may read it.
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
