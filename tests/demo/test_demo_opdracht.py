"""The `demo` command on an empty database: what it says, and what it leaves alone. (What it
builds: test_demo.py.)"""

import io

from django.core.management import call_command

from teams.models import Waarde


def test_the_demo_scores_the_seeded_waarden_and_adds_none(db):
    voor = set(Waarde.objects.values_list("pk", flat=True))
    call_command("demo", stdout=io.StringIO())
    assert set(Waarde.objects.values_list("pk", flat=True)) == voor


def test_demo_reports_its_progress(db):
    uitvoer = io.StringIO()
    call_command("demo", stdout=uitvoer)
    assert "Gebieden:" in uitvoer.getvalue()
    assert "Demowereld klaar." in uitvoer.getvalue()


def test_the_demo_command_never_prints_the_password(db):
    uitvoer = io.StringIO()
    call_command("demo", stdout=uitvoer)
    assert "wachtwoord" not in uitvoer.getvalue().lower()
    assert "'demo'" not in uitvoer.getvalue()
