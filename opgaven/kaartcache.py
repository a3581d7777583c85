"""Rendered board cards, cached by exactly what they show.

A 200-card board spends most of its time in the template engine, once per card, while between
two renders almost every card is the same. Each card therefore gets a key made of every value
it shows (record version, computed numbers, names, its neighbours for the move buttons, the
language), computed in the view for the price of a tuple; the template caches the card's HTML
under that key (`{% cache ... using="kaarten" %}`). A change to anything a card shows gives a
new key, so a cached card is never stale; old keys simply age out of the cache.
Cards hold no per-user secrets: the move buttons share one form with the CSRF token.
"""

import hashlib

from django.core.cache import caches
from django.core.cache.utils import make_template_fragment_key
from django.utils.safestring import mark_safe
from django.utils.translation import get_language


def kaartsleutel(*waarden) -> str:
    """A short key for a card showing these values, in the active language."""
    return hashlib.md5(repr((get_language(), *waarden)).encode(), usedforsecurity=False).hexdigest()


def haal_kaarten(objecten, fragment: str, sleutel: str = "kaartsleutel") -> None:
    """Read the cached HTML of these cards in one cache call and give each hit `kaart_html`,
    so a board of cached cards costs one read, not one per card. The keys are those that
    `{% cache 86400 <fragment> obj.pk obj.<sleutel> using="kaarten" %}` writes."""
    per_sleutel = {
        make_template_fragment_key(fragment, [obj.pk, getattr(obj, sleutel)]): obj
        for obj in objecten
    }
    for cachesleutel, html in caches["kaarten"].get_many(list(per_sleutel)).items():
        per_sleutel[cachesleutel].kaart_html = mark_safe(
            html
        )  # our own render, as {% cache %} stored it
