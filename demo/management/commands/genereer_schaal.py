import time
from dataclasses import fields

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from demo.schaal import Schaal, SchaalWereld

# Every count of the city can be set on its own: --gebieden, --wijken, ..., --grootste-bord.
AANTALLEN = [veld.name for veld in fields(Schaal) if veld.name != "stadsdelen"]


class Command(BaseCommand):
    help = (
        "Bouwt een stad vol gegevens om de borden op schaal te meten: standaard 8 stadsdelen, "
        "100 wijken, 480 buurten, 40 teams, 300 opgaven, 20.000 acties, 3.000 belemmeringen, "
        "5.000 voortgangsupdates en 1.000 waardenchecks. Met dezelfde --seed komt er steeds "
        "dezelfde stad uit. Nooit op productie gebruiken."
    )

    def add_arguments(self, parser):
        parser.add_argument("--stadsdelen", type=int, default=8, help="Schaalt alles mee.")
        parser.add_argument("--seed", type=int, default=2026)
        for naam in AANTALLEN:
            parser.add_argument(f"--{naam.replace('_', '-')}", type=int, default=None)

    def handle(self, *args, **options):
        if options["stadsdelen"] < 1:
            raise CommandError("--stadsdelen moet minstens 1 zijn.")
        overrides = {naam: options[naam] for naam in AANTALLEN}
        schaal = Schaal.voor(options["stadsdelen"], **overrides)
        if schaal.teams <= schaal.stadsdelen:
            raise CommandError(
                "Er zijn meer teams dan stadsdelen nodig (een regieteam per stadsdeel)."
            )
        if schaal.kaarten > schaal.opgaven or schaal.grootste_bord > schaal.acties:
            raise CommandError(
                "--kaarten en --grootste-bord passen niet in het aantal opgaven/acties."
            )
        wereld = SchaalWereld(schaal, seed=options["seed"], meld=self.stdout.write)
        if wereld.bestaat():
            raise CommandError(
                "Er staat al schaaldata in deze database. Begin met een lege database "
                "(bijvoorbeeld `manage.py flush`)."
            )
        begin = time.perf_counter()
        wereld.bouw()
        # After a bulk load the planner's statistics are those of empty tables until
        # autovacuum comes by; a production database has them (PostgreSQL, "Populating a
        # Database": run ANALYZE afterwards). SQLite plans fine without.
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write(
            self.style.SUCCESS(f"Schaaldata klaar in {time.perf_counter() - begin:.0f} s.")
        )
