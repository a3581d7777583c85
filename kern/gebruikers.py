"""How the app names a person, in one place: pages, forms, exports and history agree."""

from django.contrib.auth.models import AbstractUser


def weergavenaam(gebruiker: AbstractUser | None) -> str:
    """The full name, or the username for someone who has none; empty for nobody (an owner
    not yet chosen), so callers need no check of their own."""
    if gebruiker is None:
        return ""
    return gebruiker.get_full_name() or gebruiker.username
