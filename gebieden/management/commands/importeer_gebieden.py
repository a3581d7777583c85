import argparse
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from gebieden.importeren import (
    ImportAchterhaald,
    ImportFout,
    importeer,
    lees,
    onbekend_stelsel,
)
from gebieden.omtrek import Stelsel, stelsel_met_naam


def _stelsel(naam: str) -> Stelsel:
    if stelsel := stelsel_met_naam(naam):
        return stelsel
    raise argparse.ArgumentTypeError(onbekend_stelsel(naam))


def _megabytes(tekst: str) -> int:
    if tekst.isdigit() and int(tekst) > 0:
        return int(tekst)
    raise argparse.ArgumentTypeError(_("geef een geheel aantal MB groter dan 0."))


class Command(BaseCommand):
    help = (
        "Importeert de gebiedsindeling uit een GeoJSON FeatureCollection (zoals de Amsterdamse "
        "gebieden-export of de CBS wijk- en buurtkaart: code, cbsCode, naam, ligtInWijkId, "
        "beginGeldigheid, eindGeldigheid) of uit een CSV met de kolommen code, naam, niveau, "
        "ouder_code. Omtrekken in WGS84 (lengte/breedte) of RD New (EPSG:28992), zoals het "
        "crs-lid van het bestand of --crs zegt; opgeslagen in WGS84. Alles of niets: een bestand "
        "met een foute regel verandert niets en noemt elke foute regel. Nogmaals importeren "
        "verandert niets. Geldige gebieden die niet in het bestand staan, worden genoemd en niet "
        "gewijzigd. De app blijft tijdens de import bruikbaar: alleen de gebieden die veranderen "
        "worden vastgezet, en pas na de controle van het hele bestand."
    )

    def add_arguments(self, parser):
        parser.add_argument("bestand", type=Path, help="pad naar een .geojson/.json of .csv")
        parser.add_argument(
            "--crs",
            type=_stelsel,
            help="coördinatenstelsel van een GeoJSON zonder crs-lid: 4326 (WGS84, standaard) of "
            "28992 (RD New); zegt het bestand iets anders, dan is dat een fout",
        )
        parser.add_argument(
            "--max-mb",
            type=_megabytes,
            help="grootste bestand in MB (standaard de instelling GEBIEDEN_IMPORT_MAX_BYTES, "
            "50 MB)",
        )

    def handle(self, *args, bestand: Path, crs: Stelsel | None, max_mb: int | None, **options):
        if not bestand.exists():
            raise CommandError(_("Bestand niet gevonden: %(pad)s") % {"pad": bestand})
        try:
            rijen = lees(bestand, stelsel=crs, max_bytes=max_mb and max_mb * 1024 * 1024)
            verslag = importeer(rijen, meld=self.stdout.write)
        except ImportFout as fout:
            raise CommandError(
                _("Er is niets geïmporteerd. Fouten in het bestand:")
                + "".join(f"\n- {regel}" for regel in fout.fouten)
            ) from fout
        except ImportAchterhaald as fout:
            raise CommandError(
                _(
                    "Er is niets geïmporteerd: gebieden veranderden terwijl de import liep. "
                    "Importeer het bestand opnieuw."
                )
                + "".join(f"\n- {regel}" for regel in fout.meldingen)
            ) from fout
        if verslag.ontbrekend:
            self.stdout.write(
                self.style.WARNING(
                    _(
                        "%(aantal)s geldige gebieden staan niet in het bestand; ze zijn niet "
                        "gewijzigd. Geef ze een einddatum (in het beheer of in het bestand) als "
                        "ze niet meer bestaan:"
                    )
                    % {"aantal": len(verslag.ontbrekend)}
                    + "".join(f"\n- {naam} ({code})" for code, naam in verslag.ontbrekend)
                )
            )
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Klaar: %(aangemaakt)s aangemaakt, %(bijgewerkt)s bijgewerkt, "
                    "%(ongewijzigd)s ongewijzigd."
                )
                % {
                    "aangemaakt": verslag.aangemaakt,
                    "bijgewerkt": verslag.bijgewerkt,
                    "ongewijzigd": verslag.ongewijzigd,
                }
            )
        )
