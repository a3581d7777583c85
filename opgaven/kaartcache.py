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

from django.utils.translation import get_language


def kaartsleutel(*waarden) -> str:
    """A short key for a card showing these values, in the active language."""
    return hashlib.md5(repr((get_language(), *waarden)).encode(), usedforsecurity=False).hexdigest()
