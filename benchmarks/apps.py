from django.apps import AppConfig


class BenchmarksConfig(AppConfig):
    """`manage.py bench`: every board timed at city scale (scripts/bench.py runs it)."""

    name = "benchmarks"
