from django.core.management.base import BaseCommand

from demo.demowereld import DemoWereld


class Command(BaseCommand):
    help = (
        "Laadt de demowereld: Amsterdam Nieuw-West / Osdorp tot en met buurt Wildeman (FK01), "
        "een regieteam, vijf opgaveteams met hun opgaven, en de demogebruikers regie, lid, "
        "coordinator, beheer en buiten (wachtwoord 'demo'). Idempotent: nogmaals draaien "
        "verandert niets. Nooit op productie gebruiken."
    )

    def handle(self, *args, **options):
        DemoWereld(meld=self.stdout.write).bouw()
        self.stdout.write(self.style.SUCCESS("Demowereld klaar."))
