from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gebieden.importeren import ImportFout, importeer, lees


class Command(BaseCommand):
    help = (
        "Importeert de gebiedsindeling uit een GeoJSON FeatureCollection (zoals de Amsterdamse "
        "gebieden-export of de CBS wijk- en buurtkaart: code, cbsCode, naam, ligtInWijkId, "
        "beginGeldigheid, eindGeldigheid) of uit een CSV met de kolommen code, naam, niveau, "
        "ouder_code. Alles of niets: een bestand met een foute regel verandert niets en noemt "
        "die regel. Nogmaals importeren verandert niets."
    )

    def add_arguments(self, parser):
        parser.add_argument("bestand", type=Path, help="pad naar een .geojson/.json of .csv")

    def handle(self, *args, bestand: Path, **options):
        if not bestand.exists():
            raise CommandError(f"Bestand niet gevonden: {bestand}")
        try:
            verslag = importeer(lees(bestand), meld=self.stdout.write)
        except ImportFout as fout:
            raise CommandError(
                "Er is niets geïmporteerd. Fouten in het bestand:\n"
                + "\n".join(f"- {regel}" for regel in fout.fouten)
            ) from fout
        self.stdout.write(
            self.style.SUCCESS(
                f"Klaar: {verslag.aangemaakt} aangemaakt, {verslag.bijgewerkt} bijgewerkt, "
                f"{verslag.ongewijzigd} ongewijzigd."
            )
        )
