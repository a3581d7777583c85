"""A message that can be undone: "Actie “X” is gearchiveerd." with an "Ongedaan maken" button.

Messages (django.contrib.messages) travel as text through the session or a signed cookie, past
a redirect when the page works without JavaScript, so what the button posts to travels with
the message in its `extra_tags`, after the region it belongs to: "acties ongedaan:/opgaven/…".
Only the server writes it (`ongedaan_maken`), and the templates read it back only as a path on
this site (`ongedaan_url`), never as markup: the message text itself stays plain, escaped text.
"""

from django.utils.http import url_has_allowed_host_and_scheme

ONGEDAAN = " ongedaan:"


def ongedaan_maken(plaats: str, url: str) -> str:
    """The `extra_tags` of a message shown in region `plaats` whose "Ongedaan maken" button
    posts to `url` (a path on this site, from `reverse`)."""
    return f"{plaats}{ONGEDAAN}{url}"


def plaats_van(bericht) -> str:
    """The region a message belongs to ("" for the page's messages region)."""
    return (bericht.extra_tags or "").partition(ONGEDAAN)[0]


def ongedaan_url(bericht) -> str:
    """The path the message's "Ongedaan maken" button posts to; "" when it has none, or when
    what it carries is anything but a path on this site."""
    url = (bericht.extra_tags or "").partition(ONGEDAAN)[2]
    veilig = (
        url.startswith("/")
        and not any(teken.isspace() for teken in url)
        and url_has_allowed_host_and_scheme(url, allowed_hosts=None)
    )
    return url if veilig else ""
