"""The city-scale data set and the benchmark's pages: every page costs the same number of
queries in the demo world as in a city many times its size."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from benchmarks.meten import query_aantallen
from gebieden.models import Gebied
from opgaven.models import Actie, Belemmering, Opgave, Prioriteit
from teams.models import Team, Waardencheck

pytestmark = pytest.mark.django_db

KLEINE_STAD = {
    "stadsdelen": 2, "gebieden": 3, "wijken": 6, "buurten": 18, "teams": 6, "opgaven": 40,
    "kaarten": 30, "acties": 400, "grootste_bord": 60, "belemmeringen": 120,
    "voortgangsupdates": 200, "waardenchecks": 24, "meldingen": 12,
}  # fmt: skip


def bouw_kleine_stad(**extra) -> str:
    uit = io.StringIO()
    opties = {naam.replace("_", "-"): waarde for naam, waarde in (KLEINE_STAD | extra).items()}
    argumenten = [f"--{naam}={waarde}" for naam, waarde in opties.items()]
    call_command("genereer_schaal", *argumenten, stdout=uit)
    return uit.getvalue()


def test_the_generator_builds_the_city_it_is_asked_for():
    uitvoer = bouw_kleine_stad()
    assert Gebied.objects.filter(niveau="stadsdeel", code__startswith="S").count() == 2
    assert Gebied.objects.filter(niveau="buurt", code__startswith="S").count() == 18
    assert Team.objects.filter(slug__startswith="schaal-").count() == 6
    assert Opgave.objects.count() == 40
    assert Actie.objects.count() == 400
    assert Belemmering.objects.count() == 120
    assert Waardencheck.objects.count() == 24
    regieteam = Team.objects.get(slug="schaal-01")
    assert Prioriteit.objects.filter(regieteam=regieteam).count() == 30
    assert Opgave.objects.order_by("pk").first().acties.count() == 60
    assert "Schaaldata klaar" in uitvoer


def test_the_same_seed_gives_the_same_city():
    def stad():
        return list(Actie.objects.order_by("opgave__titel", "kolom", "positie").values_list(
            "opgave__titel", "titel", "kolom", "positie", "eigenaar__username"
        ))  # fmt: skip

    with transaction.atomic():
        bouw_kleine_stad()
        eerste = stad()
        transaction.set_rollback(True)
    bouw_kleine_stad()
    assert stad() == eerste


def test_the_generator_refuses_to_build_a_second_city_on_top_of_the_first():
    bouw_kleine_stad()
    with pytest.raises(CommandError, match="al schaaldata"):
        bouw_kleine_stad()


def test_every_benchmarked_page_costs_the_same_queries_in_the_demo_and_in_a_city(demo):
    demo_queries = query_aantallen("demo")
    bouw_kleine_stad()
    stad_queries = query_aantallen("schaal")
    assert stad_queries == demo_queries
    # And what they cost: a page that needs a query more shows up here, not only in `make bench`
    # (session and user included).
    assert demo_queries == {
        "Regieteambord": 9,
        "Opgavebord": 17,
        "Wijkbord": 10,
        "Overzicht": 11,
        "Belemmeringen": 15,
        "Home": 6,
    }
