"""Where a message (django.contrib.messages) is shown.

A message may name the region of the page it belongs to in its `extra_tags` (the region's
id, "acties"): the region that was just changed shows it, with and without JavaScript, where
keyboard and screen-reader users already are. A message without a place goes to the page's
messages region (`#berichten`). Each message shown is marked, so that the messages middleware
(kern/middleware.py) sends along only what the answer did not show itself. A message can carry
an "Ongedaan maken" button (kern/berichten.py)."""

from django import template

from kern import berichten as ongedaan

register = template.Library()


@register.filter
def voor(berichten, plaats: str = "") -> list:
    """The messages that belong in `plaats` (a region's id; "" for the messages region)."""
    gekozen = [bericht for bericht in berichten if ongedaan.plaats_van(bericht) == plaats]
    for bericht in gekozen:
        bericht.getoond = True
    return gekozen


@register.filter
def ongedaan_url(bericht) -> str:
    """Where the message's "Ongedaan maken" button posts to ("" for none)."""
    return ongedaan.ongedaan_url(bericht)


@register.filter
def plaats(bericht) -> str:
    """The region the message belongs to (its id; "" for the messages region)."""
    return ongedaan.plaats_van(bericht)
