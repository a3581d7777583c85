"""Record what exists when history starts: one "+" row per voortgangsupdate, peilmoment and
opgave on a peilmoment, dated when it was made, by whoever made it, so a later change or
deletion still shows what came before it. Records that already have history are left alone, so
running this again adds nothing, and undoing it needs nothing: 0010 undone drops the history
tables."""

from django.db import migrations

PER_KEER = 2000


def _leg_vast(apps, model, rijen, datum, gebruiker):
    Historie = apps.get_model("opgaven", f"Historical{model}")
    velden = [veld.attname for veld in apps.get_model("opgaven", model)._meta.concrete_fields]
    Historie.objects.bulk_create(
        [
            Historie(
                **{veld: getattr(rij, veld) for veld in velden},
                history_date=datum(rij),
                history_user_id=gebruiker(rij),
                history_type="+",
            )
            for rij in rijen.exclude(pk__in=Historie.objects.values("id"))
        ],
        batch_size=PER_KEER,
    )


def begin_geschiedenis(apps, schema_editor):
    updates = apps.get_model("opgaven", "Voortgangsupdate").objects.all()
    _leg_vast(
        apps,
        "Voortgangsupdate",
        updates,
        lambda update: update.aangemaakt_op,
        lambda update: update.auteur_id,
    )
    peilmomenten = apps.get_model("opgaven", "Peilmoment").objects.all()
    _leg_vast(
        apps,
        "Peilmoment",
        peilmomenten,
        lambda peilmoment: peilmoment.aangemaakt_op,
        lambda peilmoment: peilmoment.vastgelegd_door_id,
    )
    regels = apps.get_model("opgaven", "PeilmomentOpgave").objects.select_related("peilmoment")
    _leg_vast(
        apps,
        "PeilmomentOpgave",
        regels,
        lambda regel: regel.peilmoment.aangemaakt_op,
        lambda regel: regel.peilmoment.vastgelegd_door_id,
    )


class Migration(migrations.Migration):
    dependencies = [("opgaven", "0010_geschiedenis")]

    operations = [migrations.RunPython(begin_geschiedenis, migrations.RunPython.noop)]
