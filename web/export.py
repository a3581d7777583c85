"""The sheets of each board's export: the same rows and numbers as the page, with Dutch headers
(kern/export.py writes them as CSV or Excel)."""

from django.utils.translation import gettext as _

from kern.export import Blad
from kern.gebruikers import weergavenaam
from opgaven.overzicht import Overzicht


def regiebord_blad(opgaven) -> Blad:
    """The regieteam board in priority order (opgaven annotated with met_voortgang)."""
    kop = [
        _("Prioriteit"),
        _("Opgave"),
        _("Team"),
        _("Aanvliegroute"),
        _("Status"),
        _("Landt in"),
        _("Voortgang (%)"),
        _("Mijlpalen gereed"),
        _("Mijlpalen totaal"),
        _("Laatste voortgangsstatus"),
        _("Sinds"),
        _("Open belemmeringen"),
    ]
    rijen = [
        [
            plek,
            opgave.titel,
            opgave.team.naam,
            opgave.get_aanvliegroute_display(),
            opgave.get_status_display(),
            ", ".join(opgave.gebiednamen),
            opgave.voortgang,
            opgave.aantal_mijlpalen_gereed,
            opgave.aantal_mijlpalen,
            opgave.get_laatste_status_display(),
            opgave.laatste_status_datum,
            opgave.aantal_belemmeringen_open,
        ]
        for plek, opgave in enumerate(opgaven, start=1)
    ]
    return _("Prioriteiten"), kop, rijen


def opgavebord_bladen(context: dict) -> list[Blad]:
    """The opgave board, one sheet per part, from the board's own context."""

    acties = [actie for _kolom, kaarten in context["kolommen"] for actie in kaarten]
    belemmeringen = context["belemmeringen_open"] + context["belemmeringen_opgelost"]
    return [
        (
            _("Acties"),
            [
                _("Kolom"),
                _("Titel"),
                _("Soort"),
                _("Hypothese"),
                _("Geleerd"),
                _("Eigenaar"),
                _("Deadline"),
            ],
            [
                [
                    a.get_kolom_display(),
                    a.titel,
                    a.get_soort_display(),
                    a.hypothese,
                    a.geleerd,
                    weergavenaam(a.eigenaar),
                    a.deadline,
                ]
                for a in acties
            ],
        ),
        (
            _("Mijlpalen"),
            [_("Titel"), _("Deadline"), _("Gereed"), _("Gereed op")],
            [
                [m.titel, m.deadline, _("ja") if m.gereed else _("nee"), m.gereed_op]
                for m in context["mijlpalen"]
            ],
        ),
        (
            _("Voortgang"),
            [_("Datum"), _("Status"), _("Wat er gebeurde"), _("Auteur")],
            [
                [u.datum, u.get_status_display(), u.tekst, weergavenaam(u.auteur)]
                for u in context["updates"]
            ],
        ),
        (
            _("Belemmeringen"),
            [_("Titel"), _("Status"), _("Ernst"), _("Escalatie"), _("Eigenaar"), _("Oplossing")],
            [
                [
                    b.titel,
                    b.get_status_display(),
                    b.get_ernst_display(),
                    b.get_escalatieniveau_display(),
                    weergavenaam(b.eigenaar),
                    b.oplossing,
                ]
                for b in belemmeringen
            ],
        ),
        (
            _("Gebieden"),
            [_("Gebied"), _("Code"), _("Urgentie hier"), _("Status hier"), _("Notitie")],
            [
                [
                    g.gebied.naam,
                    g.gebied.code,
                    g.get_urgentie_display(),
                    g.get_lokale_status_display(),
                    g.notitie,
                ]
                for g in context["landingen"]
            ],
        ),
    ]


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
