"""What every page brings for a write that fails (static/js/storingen.js): the notice in the
user's language and the time after which htmx stops waiting. The browser tests of
test_browser_storingen.py show the notice at work."""

import json
import re

import pytest
from django.conf import settings


def sjabloon(html: str, naam: str) -> str:
    """The content of the page's <template> with this id."""
    return re.search(rf'<template id="{naam}">(.*?)</template>', html)[1]


@pytest.mark.parametrize(
    ("taal", "melding", "kaartmelding"),
    [
        (
            "nl",
            "Niet opgeslagen: je wijziging. Probeer het opnieuw.",
            "Niet opgeslagen: je wijziging aan “<span data-kaart></span>”. Probeer het opnieuw.",
        ),
        (
            "en",
            "Not saved: your change. Please try again.",
            "Not saved: your change to “<span data-kaart></span>”. Please try again.",
        ),
    ],
)
def test_every_page_holds_the_failure_notice_in_the_users_language(
    client, db, taal, melding, kaartmelding
):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = taal
    html = client.get("/accounts/login/").content.decode()
    assert melding in sjabloon(html, "niet-opgeslagen")
    assert kaartmelding in sjabloon(html, "niet-opgeslagen-kaart")


def test_htmx_stops_waiting_for_an_answer_after_25_seconds(client, db):
    html = client.get("/accounts/login/").content.decode()
    config = re.search(r"<meta name=\"htmx-config\" content='([^']*)'>", html)[1]
    assert json.loads(config)["timeout"] == 25_000
