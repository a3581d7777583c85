"""When something on a board is late: a mijlpaal or actie whose deadline has passed and that is
not done is "Verlopen", on every board, in words and a symbol, and counted on the regieteam
board's card. The rule lives here; the models and the card counts ask it."""

import datetime

from django.utils import timezone


def vandaag() -> datetime.date:
    """Today as people in Amsterdam count it (the deadline is a local date)."""
    return timezone.localdate()


def is_verlopen(deadline: datetime.date | None, *, gereed: bool) -> bool:
    """A deadline that has passed (the deadline day itself still counts as on time) on
    something not yet done."""
    return deadline is not None and not gereed and deadline < vandaag()
