import json

from django.core.management.base import BaseCommand

from benchmarks.meten import meet, query_aantallen


class Command(BaseCommand):
    help = (
        "Meet elke bordpagina (tijd en queries) tegen een ondergrens van één SQL-query en een "
        "minimaal template. Gebruik `make bench`: dat bouwt de databases en drukt de tabel af."
    )

    def add_arguments(self, parser):
        parser.add_argument("wereld", choices=["demo", "schaal"])
        parser.add_argument("--herhalingen", type=int, default=30)
        parser.add_argument("--alleen-queries", action="store_true")
        parser.add_argument("--pagina", default="", help="Meet alleen deze pagina.")
        parser.add_argument("--uit", help="Schrijf de uitkomst als JSON naar dit bestand.")

    def handle(self, *args, wereld, herhalingen, alleen_queries, pagina, uit, **options):
        if alleen_queries:
            uitkomst = query_aantallen(wereld)
        else:
            uitkomst = meet(wereld, herhalingen, meld=self.stdout.write, alleen=pagina)
        tekst = json.dumps(uitkomst, indent=2)
        if uit:
            with open(uit, "w") as bestand:
                bestand.write(tekst)
        else:
            self.stdout.write(tekst)
