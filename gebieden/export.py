"""The overview and the wijk board as report sheets (written by opgaven.export)."""

from django.utils.translation import gettext as _

from gebieden.overzicht import Overzicht
from opgaven.export import Blad


def overzicht_blad(overzicht: Overzicht) -> Blad:
    """One row per cell of the overview: the same numbers the page shows."""
    kop = [
        _("Opgave"),
        _("Team"),
        _("Gebied"),
        _("Code"),
        _("Status hier"),
        _("Voortgang (%)"),
        _("Open belemmeringen hier"),
    ]
    rijen = [
        [
            cel.opgave.titel,
            cel.opgave.team.naam,
            cel.gebied.naam,
            cel.gebied.code,
            cel.status_label,
            cel.opgave.voortgang,
            cel.belemmeringen_open,
        ]
        for opgave in overzicht.opgaven
        for cel in overzicht.rij(opgave)
        if cel is not None
    ]
    return _("Overzicht"), kop, rijen


def wijkbord_blad(landingen) -> Blad:
    kop = [
        _("Opgave"),
        _("Team"),
        _("Waar"),
        _("Status hier"),
        _("Urgentie hier"),
        _("Notitie"),
        _("Voortgang (%)"),
        _("Open belemmeringen"),
    ]
    rijen = [
        [
            landing.opgave.titel,
            landing.opgave.team.naam,
            landing.gebied.naam,
            landing.get_lokale_status_display(),
            landing.get_urgentie_display(),
            landing.notitie,
            landing.opgave.voortgang,
            landing.opgave.aantal_belemmeringen_open,
        ]
        for landing in landingen
    ]
    return _("Opgaven hier"), kop, rijen
