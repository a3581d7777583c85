from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = _("Audit")

    def ready(self):
        from audit import sessies  # noqa: F401  (connects its receivers)
        from audit.signals import verbind_objectrechten

        verbind_objectrechten()
