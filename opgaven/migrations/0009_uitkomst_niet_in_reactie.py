"""Accepted meldingen stored their outcome, with the opgave's title, as the last line of the
regieteam's reaction; the outcome is now told when it is shown, naming the opgave only to whoever
may see it. This removes that stored line (Dutch or English, as it was written)."""

import re

from django.db import migrations

UITKOMSTEN = re.compile(
    r"(Opgenomen als belemmering bij “.*”\.|Opgenomen als idee op het bord van “.*”\."
    r"|Als kans gekoppeld aan “.*”\.|Taken on as an impediment of “.*”\."
    r"|Taken on as an idea on the board of “.*”\.|Linked to “.*” as an opportunity\.)"
)


def haal_uitkomst_uit_reactie(apps, schema_editor):
    Melding = apps.get_model("opgaven", "Melding")
    for melding in Melding.objects.filter(status="geaccepteerd").only("id", "reactie"):
        reden, _scheiding, laatste = melding.reactie.rpartition("\n")
        if UITKOMSTEN.fullmatch(laatste):
            Melding.objects.filter(pk=melding.pk).update(reactie=reden)


class Migration(migrations.Migration):
    dependencies = [("opgaven", "0008_index_laatste_voortgang")]

    operations = [migrations.RunPython(haal_uitkomst_uit_reactie, migrations.RunPython.noop)]
