"""The demo world of DESIGN.md section 5: Amsterdam Nieuw-West / Osdorp, one regieteam, five
opgaveteams with their opgaven, and the demo users.

Idempotent: everything is looked up by a natural key and only created when missing, and no
existing row is saved again (every save of an editable record raises its version). Dates are
relative to the day the world is first built and are not touched afterwards.

Codes: buurt Wildeman is FK01 (CBS BU0363FK01) in wijk FK, stadsdeel Nieuw-West is F, as in
Amsterdam's gebiedsindeling. The other buurt codes follow the same pattern for the neighbours
of Wildeman; they are illustrative, not an extract of the official register.
"""

import datetime
from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from gebieden.models import Gebied, Niveau
from opgaven.models import (
    Actie,
    Belemmering,
    BelemmeringStatus,
    Escalatieniveau,
    Kans,
    KansStatus,
    Mijlpaal,
    Opgave,
    OpgaveGebied,
    Thema,
    Voortgangsupdate,
)
from teams.models import (
    COORDINATOREN_GROEP,
    Discipline,
    Lidmaatschap,
    Team,
    TeamSoort,
    Waarde,
    Waardencheck,
    WaardeScore,
)

DEMO_WACHTWOORD = "demo"

# (code, cbs_code, naam, niveau, ouder_code, aliassen)
GEBIEDEN = [
    ("0363", "GM0363", "Amsterdam", Niveau.STAD, None, []),
    ("F", "", "Nieuw-West", Niveau.STADSDEEL, "0363", []),
    ("DX10", "", "Osdorp", Niveau.GEBIED, "F", []),
    ("FK", "WK0363FK", "Osdorp-Midden", Niveau.WIJK, "DX10", []),
    ("FK01", "BU0363FK01", "Wildeman", Niveau.BUURT, "FK", ["Blomwijckerbuurt", "Wildemanbuurt"]),
    ("FK02", "BU0363FK02", "Reimerswaalbuurt", Niveau.BUURT, "FK", []),
    ("FK03", "BU0363FK03", "Meer en Oever", Niveau.BUURT, "FK", []),
    ("FK04", "BU0363FK04", "Torenwijck", Niveau.BUURT, "FK", []),
    ("FL", "WK0363FL", "Osdorp-Oost", Niveau.WIJK, "DX10", []),
    ("FL01", "BU0363FL01", "Osdorpplein", Niveau.BUURT, "FL", []),
    ("T", "", "Zuidoost", Niveau.STADSDEEL, "0363", []),
    ("TA", "WK0363TA", "Bijlmer-Centrum", Niveau.WIJK, "T", []),
    ("TA01", "BU0363TA01", "Amsterdamse Poort", Niveau.BUURT, "TA", []),
]

# Schematic outlines (lon/lat boxes around the real places) so the overview's map has
# something to draw; real boundaries come from importeer_gebieden.
OMTREKKEN = {
    "FK01": (4.790, 52.356, 4.800, 52.363),
    "FK02": (4.800, 52.356, 4.810, 52.363),
    "FK03": (4.790, 52.363, 4.800, 52.370),
    "FK04": (4.800, 52.363, 4.810, 52.370),
    "FL01": (4.810, 52.356, 4.822, 52.370),
    "FK": (4.790, 52.356, 4.810, 52.370),
    "FL": (4.810, 52.356, 4.822, 52.370),
    "TA01": (4.945, 52.310, 4.960, 52.320),
    "TA": (4.945, 52.310, 4.960, 52.320),
}


def _rechthoek(west: float, zuid: float, oost: float, noord: float) -> dict:
    ring = [[west, zuid], [oost, zuid], [oost, noord], [west, noord], [west, zuid]]
    return {"type": "Polygon", "coordinates": [ring]}


DISCIPLINES = [
    "Wijkregisseur",
    "Gebiedsmakelaar",
    "Jongerenwerker",
    "Wijkagent",
    "Klantmanager werk en inkomen",
    "Schuldhulpverlener",
    "Sociaal werker",
    "GGD-verpleegkundige",
    "Projectleider energietransitie",
    "Consulent woningcorporatie",
    "Beleidsadviseur",
]

# username: (first_name, last_name, extra attributes)
GEBRUIKERS = {
    "regie": ("Renée", "Brouwer", {}),
    "lid": ("Sanne", "Bakker", {}),
    "coordinator": ("Kees", "Visser", {}),
    "beheer": ("Bart", "Mulder", {"is_staff": True}),
    "buiten": ("Tamara", "Sedney", {}),
    "fatima.elamrani": ("Fatima", "El Amrani", {}),
    "jan.dewit": ("Jan", "de Wit", {}),
    "mohamed.bouzid": ("Mohamed", "Bouzid", {}),
    "ingrid.jansen": ("Ingrid", "Jansen", {}),
    "dennis.kok": ("Dennis", "Kok", {}),
    "ayse.yilmaz": ("Ayşe", "Yılmaz", {}),
    "pieter.smit": ("Pieter", "Smit", {}),
    "noor.haddou": ("Noor", "Haddou", {}),
    "ruben.vandam": ("Ruben", "van Dam", {}),
    "lotte.degroot": ("Lotte", "de Groot", {}),
}

# What the functioneel beheerder manages through the admin.
BEHEER_RECHTEN = {
    "teams": {
        "team": "add change delete view",
        "lidmaatschap": "add change delete view",
        "discipline": "add change delete view",
        "waarde": "add change view",
        "waardencheck": "view",
    },
    "gebieden": {"gebied": "add change delete view"},
    "opgaven": {
        "opgave": "add change view",
        "opgavegebied": "view",
        "actie": "view",
        "mijlpaal": "view",
        "voortgangsupdate": "view",
        "belemmering": "view",
        "kans": "view",
    },
}

# slug: naam, soort, gebied, beschrijving, [(username, rol, discipline, organisatie)]
TEAMS = {
    "regieteam-wildeman": (
        "Regieteam Wildeman-Blomwijck",
        TeamSoort.REGIETEAM,
        "FK",
        "Houdt de vijf opgaven die in de Wildeman- en Blomwijckerbuurt landen samen in beeld: "
        "bespreekt wekelijks prioriteiten en voortgang en neemt belemmeringen weg.",
        [
            ("regie", "trekker", "Wijkregisseur", "Gemeente Amsterdam"),
            ("fatima.elamrani", "lid", "Gebiedsmakelaar", "Gemeente Amsterdam"),
            ("jan.dewit", "lid", "Wijkagent", "Politie Amsterdam"),
            ("ingrid.jansen", "lid", "Consulent woningcorporatie", "Woningcorporatie Osdorp"),
            ("noor.haddou", "lid", "Sociaal werker", "Welzijnsorganisatie Nieuw-West"),
        ],
    ),
    "energie-wildeman": (
        "Opgaveteam Energietransitie Wildeman",
        TeamSoort.OPGAVETEAM,
        None,
        "Werkt met bewoners en de corporatie aan een aardgasvrije, beter geïsoleerde buurt.",
        [
            ("pieter.smit", "trekker", "Projectleider energietransitie", "Gemeente Amsterdam"),
            ("ingrid.jansen", "lid", "Consulent woningcorporatie", "Woningcorporatie Osdorp"),
        ],
    ),
    "armoede-osdorp": (
        "Opgaveteam Armoede en schulden",
        TeamSoort.OPGAVETEAM,
        None,
        "Zorgt dat bewoners met geldzorgen eerder en dichterbij hulp krijgen.",
        [
            ("mohamed.bouzid", "trekker", "Klantmanager werk en inkomen", "Gemeente Amsterdam"),
            ("lid", "lid", "Schuldhulpverlener", "Welzijnsorganisatie Nieuw-West"),
            ("ayse.yilmaz", "lid", "Sociaal werker", "Welzijnsorganisatie Nieuw-West"),
        ],
    ),
    "jeugd-wildeman": (
        "Opgaveteam Jeugd",
        TeamSoort.OPGAVETEAM,
        None,
        "Voor kinderen en jongeren die veilig en met kansen opgroeien in de buurt.",
        [
            ("noor.haddou", "trekker", "Jongerenwerker", "Welzijnsorganisatie Nieuw-West"),
            ("lotte.degroot", "lid", "GGD-verpleegkundige", "GGD Amsterdam"),
            ("jan.dewit", "lid", "Wijkagent", "Politie Amsterdam"),
        ],
    ),
    "veiligheid-osdorp": (
        "Opgaveteam Veiligheid",
        TeamSoort.OPGAVETEAM,
        None,
        "Pakt ondermijning en overlast aan, samen met bewoners en ondernemers.",
        [
            ("dennis.kok", "trekker", "Beleidsadviseur", "Gemeente Amsterdam"),
            ("jan.dewit", "lid", "Wijkagent", "Politie Amsterdam"),
        ],
    ),
    "wonen-wildeman": (
        "Opgaveteam Wonen",
        TeamSoort.OPGAVETEAM,
        None,
        "Begeleidt de renovatie en de herhuisvesting van bewoners van de Wildemanbuurt.",
        [
            ("ruben.vandam", "trekker", "Consulent woningcorporatie", "Woningcorporatie Osdorp"),
            ("fatima.elamrani", "lid", "Gebiedsmakelaar", "Gemeente Amsterdam"),
        ],
    ),
    "werk-zuidoost": (
        "Opgaveteam Werk Zuidoost",
        TeamSoort.OPGAVETEAM,
        None,
        "Helpt bewoners van Bijlmer-Centrum aan werk dat past.",
        [("buiten", "trekker", "Klantmanager werk en inkomen", "Gemeente Amsterdam")],
    ),
}

# Offsets in days from the day the world is first built.
# The themes functioneel beheer starts with (the first migration seeds the same list; a test
# database emptied between browser tests gets them back from here).
THEMAS = [
    ("energietransitie", "Energietransitie", "Energy transition"),
    ("armoede", "Armoede en schulden", "Poverty and debt"),
    ("jeugd", "Jeugd en onderwijs", "Youth and education"),
    ("veiligheid", "Veiligheid", "Safety"),
    ("wonen", "Wonen", "Housing"),
    ("gezondheid", "Gezondheid en zorg", "Health and care"),
    ("werk", "Werk en inkomen", "Work and income"),
    ("leefbaarheid", "Leefbaarheid en openbare ruimte", "Liveability and public space"),
    ("dak-en-thuisloosheid", "Dak- en thuisloosheid", "Homelessness"),
]


def zaai_themas() -> list[str]:
    """Make sure the starting themes exist; their codes."""
    for code, naam, naam_en in THEMAS:
        Thema.objects.get_or_create(code=code, defaults={"naam": naam, "naam_en": naam_en})
    return [code for code, _naam, _naam_en in THEMAS]


OPGAVEN = [
    {
        "team": "energie-wildeman",
        "titel": "Wildeman aardgasvrij en beter geïsoleerd",
        "beschrijving": "Vóór 2030 zijn de portiekflats in de Wildemanbuurt aardgasvrij. We "
        "beginnen met isoleren, zodat de energierekening eerst omlaag gaat, en zoeken samen "
        "met bewoners naar een warmteoplossing die betaalbaar blijft.",
        "thema": "energietransitie",
        "aanvliegroute": "wijkgericht",
        "status": "in_uitvoering",
        "start": -300,
        "streef": 1500,
        "gebieden": [
            ("FK01", "hoog", "loopt", "Eerste blokken geïsoleerd."),
            ("FK02", "midden", "nog_niet_gestart", ""),
        ],
        "acties": [
            ("Bewonersavond over de warmtevisie", "klaar", "actie", "", ""),
            (
                "Energiecoaches langs de deur",
                "bezig",
                "experiment",
                "Bewoners stappen sneller over als een buurtgenoot het uitlegt dan na een brief.",
                "",
            ),
            ("Offerte isolatie blok 3 en 4", "bezig", "actie", "", ""),
            ("Subsidieloket in het buurthuis", "te_doen", "actie", "", ""),
            ("Collectieve inkoop zonnepanelen", "idee", "actie", "", ""),
            (
                "Warmtepomp-proefwoning openstellen",
                "klaar",
                "experiment",
                "Een proefwoning die mensen kunnen bezoeken neemt zorgen over geluid weg.",
                "Bezoekers waren vooral bezorgd over de kosten, niet over geluid.",
            ),
        ],
        "mijlpalen": [
            ("Warmtevisie Wildeman vastgesteld", -120, True),
            ("Blok 1 en 2 geïsoleerd", -20, True),
            ("Blok 3 en 4 geïsoleerd", 150, False),
            ("Keuze warmteoplossing", 400, False),
        ],
        "updates": [
            (
                -60,
                "op_koers",
                "Isolatie blok 1 en 2 afgerond; bewoners positief over het binnenklimaat.",
            ),
            (
                -7,
                "aandacht",
                "Netbeheerder kan pas in 2028 verzwaren; planning warmteoplossing schuift.",
            ),
        ],
    },
    {
        "team": "armoede-osdorp",
        "titel": "Schuldhulp dichtbij in Osdorp-Midden",
        "beschrijving": "Bewoners met geldzorgen vinden eerder hulp, in hun eigen buurt. We "
        "signaleren betalingsachterstanden vroeg, samen met de corporatie en de "
        "energieleverancier, "
        "en maken de stap naar schuldhulp klein.",
        "thema": "armoede",
        "aanvliegroute": "doelgroepgericht",
        "status": "in_uitvoering",
        "start": -400,
        "streef": 700,
        "gebieden": [
            ("FK01", "hoog", "aandacht", "Veel huishoudens met huurachterstand."),
            ("FK03", "midden", "loopt", ""),
        ],
        "acties": [
            ("Spreekuur geldzaken in het buurthuis", "klaar", "actie", "", ""),
            (
                "Vroegsignalering met de corporatie",
                "bezig",
                "experiment",
                "Als we bij twee maanden huurachterstand langsgaan, voorkomen we de helft "
                "van de ontruimingsprocedures.",
                "",
            ),
            ("Formulierenbrigade met vrijwilligers", "bezig", "actie", "", ""),
            ("Budgetcursus voor jongeren", "te_doen", "actie", "", ""),
            ("Energietoeslag actief aanbieden", "idee", "actie", "", ""),
        ],
        "mijlpalen": [
            ("Spreekuur draait wekelijks", -200, True),
            ("Afspraken vroegsignalering getekend", -30, True),
            ("100 huishoudens begeleid", 200, False),
        ],
        "updates": [
            (-90, "op_koers", "Spreekuur loopt goed: gemiddeld 14 bezoekers per week."),
            (
                -14,
                "zorg",
                "Vroegsignalering stokt: de corporatie mag huurachterstanden niet delen "
                "zonder toestemming.",
            ),
        ],
    },
    {
        "team": "jeugd-wildeman",
        "titel": "Veilig opgroeien in de Wildemanbuurt",
        "beschrijving": "Kinderen en jongeren groeien veilig op en krijgen kansen: een plek "
        "om te sporten en te leren, en hulp vóórdat problemen groot worden.",
        "thema": "jeugd",
        "aanvliegroute": "gebiedsgericht",
        "status": "in_uitvoering",
        "start": -500,
        "streef": 900,
        "gebieden": [
            ("FK01", "hoog", "loopt", ""),
            ("FK04", "midden", "loopt", "Nieuwe sportkooi in gebruik."),
        ],
        "acties": [
            ("Sportkooi Torenwijck heropenen", "klaar", "actie", "", ""),
            ("Huiswerkklas met studenten", "bezig", "actie", "", ""),
            (
                "Straatcoaches op vrijdagavond",
                "bezig",
                "experiment",
                "Met straatcoaches op vrijdagavond dalen de overlastmeldingen rond het "
                "winkelcentrum.",
                "",
            ),
            ("Ouderavond over online veiligheid", "te_doen", "actie", "", ""),
            ("Jongerenraad Wildeman", "idee", "actie", "", ""),
        ],
        "mijlpalen": [
            ("Sportkooi open", -100, True),
            ("Huiswerkklas drie middagen per week", 60, False),
            ("Jongerenraad opgericht", 300, False),
        ],
        "updates": [
            (-45, "op_koers", "Huiswerkklas gestart met 22 leerlingen."),
            (
                -3,
                "op_koers",
                "Straatcoaches een maand bezig; eerste gesprekken met jongeren gaan goed.",
            ),
        ],
    },
    {
        "team": "veiligheid-osdorp",
        "titel": "Ondermijning en overlast rond het winkelcentrum",
        "beschrijving": "Samen met ondernemers en bewoners verminderen we overlast en pakken we "
        "ondermijnende criminaliteit aan, zonder jongeren weg te zetten.",
        "thema": "veiligheid",
        "aanvliegroute": "gebiedsgericht",
        "status": "verkenning",
        "start": -120,
        "streef": 600,
        "gebieden": [
            ("FK01", "hoog", "aandacht", "Meldingen nemen toe."),
            ("FL01", "midden", "nog_niet_gestart", ""),
        ],
        "acties": [
            ("Schouw met ondernemers", "klaar", "actie", "", ""),
            ("Beeld van ondermijning opstellen", "bezig", "actie", "", ""),
            ("Verlichting achterpaden verbeteren", "te_doen", "actie", "", ""),
            (
                "Buurtpreventie-app",
                "idee",
                "experiment",
                "Een buurtapp met ondernemers verkort de tijd tot een melding bij de politie.",
                "",
            ),
        ],
        "mijlpalen": [
            ("Veiligheidsbeeld klaar", 30, False),
            ("Aanpak vastgesteld in regieteam", 90, False),
        ],
        "updates": [
            (
                -20,
                "aandacht",
                "Schouw gedaan; ondernemers willen meer zichtbaarheid van handhaving.",
            )
        ],
    },
    {
        "team": "wonen-wildeman",
        "titel": "Renovatie en herhuisvesting Wildeman",
        "beschrijving": "De corporatie renoveert 600 woningen. Bewoners die tijdelijk of "
        "blijvend moeten verhuizen, krijgen persoonlijke begeleiding en een woning die past.",
        "thema": "wonen",
        "aanvliegroute": "opgavegericht",
        "status": "in_uitvoering",
        "start": -700,
        "streef": 1100,
        "gebieden": [
            ("FK01", "hoog", "loopt", "Fase 1 in uitvoering."),
            ("FK02", "midden", "nog_niet_gestart", "Fase 2 vanaf 2028."),
        ],
        "acties": [
            ("Huisbezoeken fase 1", "klaar", "actie", "", ""),
            ("Wisselwoningen regelen", "bezig", "actie", "", ""),
            ("Sociaal plan met bewonerscommissie", "bezig", "actie", "", ""),
            ("Terugkeergarantie uitleggen", "te_doen", "actie", "", ""),
            (
                "Buurtkamer tijdens de bouw",
                "idee",
                "experiment",
                "Een buurtkamer in de bouwkeet houdt bewoners betrokken en vermindert klachten.",
                "",
            ),
        ],
        "mijlpalen": [
            ("Sociaal plan vastgesteld", -400, True),
            ("Fase 1 bewoners verhuisd", -50, True),
            ("Fase 1 opgeleverd", 250, False),
            ("Start fase 2", 500, False),
        ],
        "updates": [
            (
                -80,
                "aandacht",
                "Te weinig wisselwoningen; drie gezinnen wachten langer dan gepland.",
            ),
            (-10, "op_koers", "Extra wisselwoningen gevonden in De Aker."),
        ],
    },
    {
        "team": "werk-zuidoost",
        "titel": "Werk dat past in Bijlmer-Centrum",
        "beschrijving": "Bewoners met een uitkering vinden werk dat bij hen past, met hulp van "
        "werkgevers uit de buurt.",
        "thema": "werk",
        "aanvliegroute": "wijkgericht",
        "status": "in_uitvoering",
        "start": -200,
        "streef": 500,
        "gebieden": [("TA01", "hoog", "loopt", "")],
        "acties": [("Banenmarkt Amsterdamse Poort", "te_doen", "actie", "", "")],
        "mijlpalen": [("Tien werkgevers aangesloten", 100, False)],
        "updates": [(-5, "op_koers", "Eerste werkgevers gesproken.")],
    },
]

# titel: dict(opgaven, gebied, status, ernst, escalatie, beschrijving, oplossing, eigenaar, dagen)
BELEMMERINGEN = [
    {
        "titel": "Corporatie mag huurachterstanden niet delen",
        "beschrijving": "Zonder toestemming van de huurder mag de corporatie geen gegevens over "
        "achterstanden delen met schuldhulp. Vroegsignalering stokt, en de renovatie loopt vast "
        "op huishoudens met schulden die niet kunnen verhuizen.",
        "opgaven": ["Schuldhulp dichtbij in Osdorp-Midden", "Renovatie en herhuisvesting Wildeman"],
        "gebied": "FK01",
        "status": BelemmeringStatus.GEESCALEERD,
        "ernst": "hoog",
        "escalatie": Escalatieniveau.BESTUUR,
        "eigenaar": "regie",
        "ingebracht_door": "lid",
        "dagen": -21,
    },
    {
        "titel": "Isolatieplanning botst met renovatie",
        "beschrijving": "De corporatie renoveert blok 3 in 2027, terwijl de isolatie van "
        "hetzelfde blok voor 2026 gepland staat. Bewoners krijgen twee keer de steigers "
        "voor de deur.",
        "opgaven": [
            "Wildeman aardgasvrij en beter geïsoleerd",
            "Renovatie en herhuisvesting Wildeman",
        ],
        "gebied": "FK01",
        "status": BelemmeringStatus.OPGEPAKT,
        "ernst": "midden",
        "escalatie": Escalatieniveau.GEEN,
        "eigenaar": "pieter.smit",
        "ingebracht_door": "ingrid.jansen",
        "dagen": -35,
    },
    {
        "titel": "Geen ruimte voor de huiswerkklas op woensdag",
        "beschrijving": "Het buurthuis is op woensdagmiddag verhuurd.",
        "opgaven": ["Veilig opgroeien in de Wildemanbuurt"],
        "gebied": "FK04",
        "status": BelemmeringStatus.OPGELOST,
        "ernst": "laag",
        "escalatie": Escalatieniveau.GEEN,
        "eigenaar": "noor.haddou",
        "ingebracht_door": "noor.haddou",
        "oplossing": "De bibliotheek stelt haar leeszaal op woensdag beschikbaar.",
        "dagen": -60,
    },
    {
        "titel": "Handhaving niet zichtbaar in de avond",
        "beschrijving": "Na 20.00 uur zijn er geen handhavers in de buurt; ondernemers voelen "
        "zich alleen staan.",
        "opgaven": [
            "Ondermijning en overlast rond het winkelcentrum",
            "Veilig opgroeien in de Wildemanbuurt",
        ],
        "gebied": "FK01",
        "status": BelemmeringStatus.NIEUW,
        "ernst": "midden",
        "escalatie": Escalatieniveau.GEEN,
        "eigenaar": None,
        "ingebracht_door": "dennis.kok",
        "dagen": -4,
    },
    {
        "titel": "Netverzwaring pas in 2028",
        "beschrijving": "De netbeheerder kan het elektriciteitsnet pas in 2028 verzwaren; "
        "warmtepompen voor alle blokken passen er eerder niet op.",
        "opgaven": ["Wildeman aardgasvrij en beter geïsoleerd"],
        "gebied": "FK",
        "status": BelemmeringStatus.GEESCALEERD,
        "ernst": "kritiek",
        "escalatie": Escalatieniveau.REGIETEAM,
        "eigenaar": "regie",
        "ingebracht_door": "pieter.smit",
        "dagen": -10,
    },
]

KANSEN = [
    {
        "titel": "Leegstaande winkel als buurtkamer",
        "beschrijving": "Aan het plein staat een winkel leeg; de eigenaar wil hem tijdelijk "
        "goedkoop verhuren voor buurtactiviteiten.",
        "gebied": "FK01",
        "status": KansStatus.NIEUW,
        "ingediend_door": "ayse.yilmaz",
        "opgave": None,
    },
    {
        "titel": "Sportclub wil jongeren opleiden tot trainer",
        "beschrijving": "De voetbalclub zoekt jongeren die trainer willen worden en biedt een "
        "gratis opleiding aan.",
        "gebied": "FK04",
        "status": KansStatus.GEACCEPTEERD,
        "ingediend_door": "jan.dewit",
        "opgave": "Veilig opgroeien in de Wildemanbuurt",
    },
]

# Two checks per team, the later one a little better on most values.
WAARDENCHECKS = [(-90, [3, 2, 3, 2, 3, 2, 3, 3]), (-7, [4, 3, 3, 3, 4, 3, 3, 4])]


class DemoWereld:
    """Builds the world step by step, reporting progress through `meld`."""

    def __init__(self, meld: Callable[[str], None]):
        self.meld = meld
        self.vandaag = timezone.localdate()
        self.nu = timezone.now()
        self.gebieden: dict[str, Gebied] = {}
        self.gebruikers = {}
        self.teams: dict[str, Team] = {}
        self.opgaven: dict[str, Opgave] = {}

    def dag(self, offset: int) -> datetime.date:
        return self.vandaag + datetime.timedelta(days=offset)

    def moment(self, offset: int) -> datetime.datetime:
        return self.nu + datetime.timedelta(days=offset)

    @transaction.atomic
    def bouw(self) -> None:
        self._gebieden()
        self._gebruikers()
        self._teams()
        zaai_themas()
        self._opgaven()
        self._belemmeringen()
        self._kansen()
        self._waardenchecks()

    def _gebieden(self) -> None:
        for code, cbs_code, naam, niveau, ouder_code, aliassen in GEBIEDEN:
            ouder = self.gebieden.get(ouder_code)
            gebied, nieuw = Gebied.objects.get_or_create(
                code=code,
                defaults={
                    "cbs_code": cbs_code,
                    "naam": naam,
                    "niveau": niveau,
                    "ouder": ouder,
                    "aliassen": aliassen,
                    "omtrek": _rechthoek(*OMTREKKEN[code]) if code in OMTREKKEN else None,
                    "begin_geldigheid": datetime.date(2022, 3, 24),
                },
            )
            if not nieuw and gebied.ouder_id is None and ouder is not None:
                # A demo loaded before the city was its root: its stadsdelen move into the city
                # (saving moves the paths of everything below them along).
                gebied.ouder = ouder
                gebied.save()
            self.gebieden[code] = gebied
        self.meld(f"Gebieden: {len(self.gebieden)}")

    def _gebruikers(self) -> None:
        User = get_user_model()
        for username, (voornaam, achternaam, extra) in GEBRUIKERS.items():
            user, nieuw = User.objects.get_or_create(
                username=username,
                defaults={
                    "first_name": voornaam,
                    "last_name": achternaam,
                    "email": f"{username}@demo.opgavebord.invalid",
                    **extra,
                },
            )
            if nieuw:
                user.set_password(DEMO_WACHTWOORD)
                user.save(update_fields=["password"])
            self.gebruikers[username] = user
        coordinatoren, _ = Group.objects.get_or_create(name=COORDINATOREN_GROEP)
        self.gebruikers["coordinator"].groups.add(coordinatoren)
        for app_label, modellen in BEHEER_RECHTEN.items():
            for model, acties in modellen.items():
                codenames = [f"{actie}_{model}" for actie in acties.split()]
                self.gebruikers["beheer"].user_permissions.add(
                    *Permission.objects.filter(
                        content_type__app_label=app_label, codename__in=codenames
                    )
                )
        self.meld(f"Gebruikers: {len(self.gebruikers)}")

    def _teams(self) -> None:
        disciplines = {naam: Discipline.objects.get_or_create(naam=naam)[0] for naam in DISCIPLINES}
        for slug, (naam, soort, gebied_code, beschrijving, leden) in TEAMS.items():
            team, _ = Team.objects.get_or_create(
                slug=slug,
                defaults={
                    "naam": naam,
                    "soort": soort,
                    "gebied": self.gebieden.get(gebied_code),
                    "beschrijving": beschrijving,
                },
            )
            for username, rol, discipline, organisatie in leden:
                Lidmaatschap.objects.get_or_create(
                    user=self.gebruikers[username],
                    team=team,
                    defaults={
                        "rol": rol,
                        "discipline": disciplines[discipline],
                        "organisatie": organisatie,
                    },
                )
            self.teams[slug] = team
        self.meld(f"Teams: {len(self.teams)}")

    def _opgaven(self) -> None:
        for gegevens in OPGAVEN:
            opgave, _ = Opgave.objects.get_or_create(
                titel=gegevens["titel"],
                defaults={
                    "team": self.teams[gegevens["team"]],
                    "beschrijving": gegevens["beschrijving"],
                    "thema_id": gegevens["thema"],
                    "aanvliegroute": gegevens["aanvliegroute"],
                    "status": gegevens["status"],
                    "startdatum": self.dag(gegevens["start"]),
                    "streefdatum": self.dag(gegevens["streef"]),
                },
            )
            self.opgaven[opgave.titel] = opgave
            for code, urgentie, lokale_status, notitie in gegevens["gebieden"]:
                OpgaveGebied.objects.get_or_create(
                    opgave=opgave,
                    gebied=self.gebieden[code],
                    defaults={
                        "urgentie": urgentie,
                        "lokale_status": lokale_status,
                        "notitie": notitie,
                    },
                )
            self._acties(opgave, gegevens["acties"])
            for titel, offset, gereed in gegevens["mijlpalen"]:
                Mijlpaal.objects.get_or_create(
                    opgave=opgave,
                    titel=titel,
                    defaults={
                        "deadline": self.dag(offset),
                        "gereed": gereed,
                        "gereed_op": self.dag(offset) if gereed else None,
                    },
                )
            auteur = opgave.team.lidmaatschappen.filter(rol="trekker").first().user
            for offset, status, tekst in gegevens["updates"]:
                Voortgangsupdate.objects.get_or_create(
                    opgave=opgave,
                    tekst=tekst,
                    defaults={"datum": self.dag(offset), "status": status, "auteur": auteur},
                )
        self.meld(f"Opgaven: {len(self.opgaven)}, met acties, mijlpalen en voortgang")

    def _acties(self, opgave: Opgave, acties) -> None:
        leden = [lid.user for lid in opgave.team.lidmaatschappen.select_related("user")]
        posities: dict[str, int] = {}
        for nummer, (titel, kolom, soort, hypothese, geleerd) in enumerate(acties):
            positie = posities.get(kolom, 0)
            posities[kolom] = positie + 1
            Actie.objects.get_or_create(
                opgave=opgave,
                titel=titel,
                defaults={
                    "kolom": kolom,
                    "positie": positie,
                    "soort": soort,
                    "hypothese": hypothese,
                    "geleerd": geleerd,
                    "eigenaar": leden[nummer % len(leden)],
                    "deadline": self.dag(14 * (nummer + 1)) if kolom != "klaar" else None,
                },
            )

    def _belemmeringen(self) -> None:
        for gegevens in BELEMMERINGEN:
            status = gegevens["status"]
            belemmering, nieuw = Belemmering.objects.get_or_create(
                titel=gegevens["titel"],
                defaults={
                    "beschrijving": gegevens["beschrijving"],
                    "gebied": self.gebieden[gegevens["gebied"]],
                    "status": status,
                    "ernst": gegevens["ernst"],
                    "escalatieniveau": gegevens["escalatie"],
                    "geescaleerd_op": self.moment(gegevens["dagen"] + 3)
                    if gegevens["escalatie"] != Escalatieniveau.GEEN
                    else None,
                    "oplossing": gegevens.get("oplossing", ""),
                    "opgelost_op": self.moment(gegevens["dagen"] + 9)
                    if status == BelemmeringStatus.OPGELOST
                    else None,
                    "eigenaar": self.gebruikers.get(gegevens["eigenaar"]),
                    "ingebracht_door": self.gebruikers[gegevens["ingebracht_door"]],
                },
            )
            if nieuw:
                belemmering.opgaven.set([self.opgaven[titel] for titel in gegevens["opgaven"]])
                Belemmering.objects.filter(pk=belemmering.pk).update(
                    aangemaakt_op=self.moment(gegevens["dagen"])
                )
        self.meld(f"Belemmeringen: {len(BELEMMERINGEN)}")

    def _kansen(self) -> None:
        for gegevens in KANSEN:
            Kans.objects.get_or_create(
                titel=gegevens["titel"],
                defaults={
                    "beschrijving": gegevens["beschrijving"],
                    "gebied": self.gebieden[gegevens["gebied"]],
                    "status": gegevens["status"],
                    "ingediend_door": self.gebruikers[gegevens["ingediend_door"]],
                    "opgave": self.opgaven.get(gegevens["opgave"]),
                },
            )
        self.meld(f"Kansen: {len(KANSEN)}")

    def _waardenchecks(self) -> None:
        waarden = list(Waarde.objects.filter(actief=True))
        for team in self.teams.values():
            bestaand = team.waardenchecks.count()
            trekker = team.lidmaatschappen.filter(rol="trekker").first().user
            for offset, scores in WAARDENCHECKS[bestaand:]:
                check = Waardencheck.objects.create(
                    team=team, datum=self.dag(offset), ingevuld_door=trekker
                )
                bulk_create_with_history(
                    [
                        WaardeScore(
                            waardencheck=check, waarde=waarde, score=scores[i % len(scores)]
                        )
                        for i, waarde in enumerate(waarden)
                    ],
                    WaardeScore,
                )
        self.meld(f"Waardenchecks: {len(WAARDENCHECKS)} per team")
