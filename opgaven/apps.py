from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpgavenConfig(AppConfig):
    name = "opgaven"
    verbose_name = _("Opgaven")

    def ready(self):
        from opgaven import bordversie

        bordversie.verbind()
