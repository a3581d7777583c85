"""Rendered board cards, cached by exactly what they show.

A 200-card board spends most of its time in the template engine, once per card, while between
two renders almost every card is the same. Each kind of card is therefore a small `Kaart`
(web/kaarten.py) whose fields are everything the card shows. The template reads the card only
through it (`kaart.<field>`) and caches its HTML under `kaart.sleutel`, a key made of all those
fields and the language (`{% cache 86400 <fragment> kaart.sleutel using="kaarten" %}`). What a
card shows is thus stated once: a value the template needs must become a field, and then it is
in the key, so a cached card is never stale; old keys simply age out of the cache.
Cards hold no per-user secrets: the move buttons share one form with the CSRF token.
"""

import dataclasses
import hashlib
from collections.abc import Iterable
from functools import cached_property
from typing import ClassVar

from django.core.cache import caches
from django.core.cache.utils import make_template_fragment_key
from django.utils.safestring import mark_safe
from django.utils.translation import get_language


def kaartsleutel(*waarden) -> str:
    """A short key for something showing these values, in the active language."""
    return hashlib.md5(repr((get_language(), *waarden)).encode(), usedforsecurity=False).hexdigest()


@dataclasses.dataclass
class Kaart:
    """What one card shows. A subclass names its `{% cache %}` fragment and lists its fields:
    plain values, already in the words the card shows them (labels, names, URLs). A field that
    holds an object contributes that object's own `sleutel` to the key (as `Verwijzingen` does)."""

    fragment: ClassVar[str]
    html: ClassVar[str] = ""  # the card's cached HTML, when `haal_kaarten` found it

    @cached_property
    def sleutel(self) -> str:
        """The card's cache key: every field, so a change to any of them renders it anew."""
        waarden = (getattr(self, veld.name) for veld in dataclasses.fields(self))
        return kaartsleutel(self.fragment, *(getattr(w, "sleutel", w) for w in waarden))


def haal_kaarten(kaarten: Iterable[Kaart]) -> None:
    """Read the cached HTML of these cards in one cache call and give each hit `html`, so a
    board of cached cards costs one read, not one per card. The keys are those that
    `{% cache 86400 <fragment> kaart.sleutel using="kaarten" %}` writes."""
    per_sleutel = {
        make_template_fragment_key(kaart.fragment, [kaart.sleutel]): kaart for kaart in kaarten
    }
    for cachesleutel, html in caches["kaarten"].get_many(list(per_sleutel)).items():
        per_sleutel[cachesleutel].html = mark_safe(html)  # our own render, as {% cache %} stored it
