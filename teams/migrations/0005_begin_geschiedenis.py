"""Record what exists when history starts: one "+" row per discipline, waarde, waardencheck
and score, so a later change still shows what came before it.

A check and its scores are dated when the check was filled in, by whoever filled it in.
Disciplines and values carry no date, so they are dated now; for a check from before now, the
wording read from history is then the oldest one known, this one (WaardeScoreQuerySet.
met_formulering_toen). Records that already have history are left alone, so running this again
adds nothing, and undoing it needs nothing: 0004 undone drops the history tables."""

from django.db import migrations
from django.utils import timezone

PER_KEER = 2000


def _leg_vast(apps, model, rijen, datum, gebruiker):
    Historie = apps.get_model("teams", f"Historical{model}")
    velden = [veld.attname for veld in apps.get_model("teams", model)._meta.concrete_fields]
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
    nu = timezone.now()
    for model in ("Discipline", "Waarde"):
        rijen = apps.get_model("teams", model).objects.all()
        _leg_vast(apps, model, rijen, lambda rij: nu, lambda rij: None)
    checks = apps.get_model("teams", "Waardencheck").objects.all()
    _leg_vast(
        apps,
        "Waardencheck",
        checks,
        lambda check: check.aangemaakt_op,
        lambda check: check.ingevuld_door_id,
    )
    scores = apps.get_model("teams", "WaardeScore").objects.select_related("waardencheck")
    _leg_vast(
        apps,
        "WaardeScore",
        scores,
        lambda score: score.waardencheck.aangemaakt_op,
        lambda score: score.waardencheck.ingevuld_door_id,
    )


class Migration(migrations.Migration):
    dependencies = [("teams", "0004_geschiedenis")]

    operations = [migrations.RunPython(begin_geschiedenis, migrations.RunPython.noop)]
