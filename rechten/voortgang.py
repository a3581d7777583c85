"""Who may correct a voortgangsupdate: its author, on the day they wrote it, while they may
still change the opgave's board (not archived, still on the team or invited to change it).
Later, or for anyone else, a new update says what changed: the record of what was reported
stays as it was.

The rules as a whole: rechten/__init__.py.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from opgaven.models import Opgave, Voortgangsupdate
from rechten.gebruikers import Gebruiker
from rechten.opgaven import get_opgave_for_user, kan_wijzigen


def bezwaar_tegen_corrigeren(user: Gebruiker, update: Voortgangsupdate) -> str:
    """Why this user may not correct this update now, in words for the 403 page (empty: they
    may)."""
    if not kan_wijzigen(user, update.opgave):
        return _("Je kunt het bord van deze opgave niet (meer) wijzigen.")
    if update.auteur_id != user.pk:
        return _("Alleen wie deze voortgangsupdate schreef, kan haar corrigeren.")
    if not update.is_van_vandaag:
        return _(
            "Een voortgangsupdate kun je alleen corrigeren op de dag dat je haar schreef. "
            "Meld wat er veranderde in een nieuwe update."
        )
    return ""


def kan_voortgang_corrigeren(user: Gebruiker, update: Voortgangsupdate) -> bool:
    """Whether the board offers this user "Corrigeren" on this update."""
    return not bezwaar_tegen_corrigeren(user, update)


def get_voortgang_for_user(
    request: HttpRequest, pk: int, voortgang_pk: int
) -> tuple[Opgave, Voortgangsupdate]:
    """The opgave and its update that the user corrects: 404 when the user may not see the
    opgave (or the update is not on it), 403 with the reason when they may not correct it."""
    opgave = get_opgave_for_user(request, pk, write=True)
    update = opgave.updates.select_related("auteur").filter(pk=voortgang_pk).first()
    if update is None:
        raise Http404
    bezwaar = bezwaar_tegen_corrigeren(request.user, update)
    if bezwaar:
        raise PermissionDenied(bezwaar)
    return opgave, update
