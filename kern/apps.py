from django.apps import AppConfig


class KernConfig(AppConfig):
    """The shared core: what every app builds on (versions, archive, choices, forms, input,
    exports, htmx). It imports no domain app (tests/kern/test_lagen.py)."""

    name = "kern"
