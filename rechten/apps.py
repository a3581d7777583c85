from django.apps import AppConfig


class RechtenConfig(AppConfig):
    """Who may see and change what: above the domain apps, since its rules need all of them."""

    name = "rechten"

    def ready(self):
        from rechten import signals  # noqa: F401
