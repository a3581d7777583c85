"""Seed the eight values of the article and the Coördinatoren group."""

from django.db import migrations

WAARDEN = [
    ("Doen wat nodig is", "Doen wat kan"),
    ("Grenzeloze samenwerking", "Afdelings- en organisatiegrenzen"),
    ("Kiezen voor contact", "Weten wat goed is voor u"),
    ("Focus en prioriteit", "Van alles een beetje"),
    ("Het belang van de opgave", "Individuele belangen"),
    ("Reflecteren en leren", "Doorstomen"),
    ("Eerder waarde leveren", "100% zeker & af"),
    ("Beweging creëren", "Oplossingen bieden"),
]


def zaai(apps, schema_editor):
    Waarde = apps.get_model("teams", "Waarde")
    for volgorde, (links, rechts) in enumerate(WAARDEN, start=1):
        Waarde.objects.get_or_create(
            links=links, rechts=rechts, defaults={"volgorde": volgorde, "actief": True}
        )
    apps.get_model("auth", "Group").objects.get_or_create(name="Coördinatoren")


def ruim_op(apps, schema_editor):
    Waarde = apps.get_model("teams", "Waarde")
    for links, rechts in WAARDEN:
        Waarde.objects.filter(links=links, rechts=rechts, scores__isnull=True).delete()
    apps.get_model("auth", "Group").objects.filter(name="Coördinatoren").delete()


class Migration(migrations.Migration):
    dependencies = [("teams", "0001_initial")]

    operations = [migrations.RunPython(zaai, ruim_op)]
